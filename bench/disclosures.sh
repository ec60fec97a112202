#!/usr/bin/env bash
# The disclosure board under load, next to nginx serving the same bytes from a file.
#
# 1. A cached disclosure detail page (anonymous, from the page cache) against nginx serving
#    the page danchu rendered (target: ≥ 60% of nginx's rate).
# 2. 100,000 more items in the department's board (inserted with sqlite3), then the board page
#    and an accent-free search over them, both as an anonymous visitor (page cache) and as a
#    signed-in member (rendered every time: the query runs on every request), p99 target
#    < 15 ms at 64 connections.
#
# Usage: bench/disclosures.sh [path/to/danchu]   (default build/danchu; builds nothing)
# Environment: BENCH_SECONDS (default 10), BENCH_THREADS (wrk threads, default 2),
#              BENCH_CONNECTIONS (default 64), BENCH_MANY (default 1000).
# Exits non-zero only when something could not be run, never because a figure is slow.
page="/o/so-tttt-tra-vinh/disclosures/1"
bench_title="disclosures benchmark"
bench_target="target ≥ 60%"
BENCH_EXTRA_TOOLS="sqlite3"
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
echo

# --- 100,000 items ----------------------------------------------------------------------------
org_id=$(sqlite3 "$work/bench.db" "SELECT id FROM identity_orgs WHERE slug = 'so-tttt-tra-vinh'")
sqlite3 "$work/bench.db" <<SQL
PRAGMA busy_timeout = 10000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO disclosures_items (org_id, status, current_version, category, audience, title,
  search_text, published_on, published_at, sort_key, posting_end, year, created_at, updated_at)
SELECT $org_id, 'published', 1, 'cq.03', CASE WHEN i % 3 = 0 THEN 'internal' ELSE 'public' END,
  CASE WHEN i % 500 = 0 THEN 'Đường giao thông nông thôn số ' || i ELSE 'Mục công khai số ' || i END,
  CASE WHEN i % 500 = 0 THEN 'duong giao thong nong thon so ' || i ELSE 'muc cong khai so ' || i END,
  '2025-01-01', 1735689600 + i, 1735689600 + i, '2025-01-21', 2025, 1735689600, 1735689600
FROM n;
COMMIT;
SQL
items=$(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM disclosures_items WHERE org_id = $org_id")
echo "board: $items items in the department's board (a third internal), inserted directly"

# A signed-in member: no page cache, every request runs the query and renders.
jar="$work/cookies"
csrf=$(curl -fsS -c "$jar" "$danchu_url/login" | grep -o 'name="csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')
curl -fsS -b "$jar" -c "$jar" -o /dev/null --data-urlencode "username=nhanvien" \
  --data-urlencode "password=danchu-demo" --data-urlencode "csrf=$csrf" "$danchu_url/login"
session=$(awk '$6 == "danchu_session" {print $7}' "$jar")
[[ -n "$session" ]] || die "could not sign in as nhanvien"

board="/o/so-tttt-tra-vinh/disclosures"
search="/o/so-tttt-tra-vinh/disclosures?q=duong%20giao%20thong"
printf '%-34s %10s %10s %10s %8s\n' "request" "req/s" "p50 ms" "p99 ms" "errors"
for target in "$board" "$search"; do
  run_wrk "$threads" "$conns" 2 "$danchu_url$target" >/dev/null
  run_wrk "$threads" "$conns" "$seconds" "$danchu_url$target"
  printf '%-34s %10s %10s %10s %8s\n' "anonymous ${target#/o/so-tttt-tra-vinh}" "$rps" "$p50" "$p99" "$errors"
  wrk -t"$threads" -c"$conns" -d"$seconds"s --latency -H "Cookie: danchu_session=$session" \
    "$danchu_url$target" >"$work/wrk.out" 2>&1 || die "wrk failed"
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$work/wrk.out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$work/wrk.out")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/wrk.out")
  printf '%-34s %10s %10s %10s %8s\n' "member ${target#/o/so-tttt-tra-vinh}" "$rps" "$p50" "$p99" "${non2xx:-0}"
done
echo "(wrk -t$threads -c$conns -d${seconds}s --latency; target p99 < 15 ms)"

stop
echo
echo "done: danchu and nginx stopped"
