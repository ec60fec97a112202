#!/usr/bin/env bash
# The disclosure board under load, next to nginx serving the same bytes from a file.
#
# 1. A cached disclosure detail page (anonymous, from the page cache) against nginx serving
#    the page danchu rendered (target: ≥ 60% of nginx's rate).
# 2. 100,000 more items in the department's board (inserted with SQL through the storage layer),
#    then the board page, an accent-free search, and a search whose term changes on every
#    request (so no cache can answer it), both as an anonymous visitor (page cache) and as a
#    signed-in member (rendered every time: the query runs on every request), p99 target
#    < 15 ms at 64 connections.
#
# Usage: bench/disclosures.sh [path/to/danchu]   (default build/danchu; builds nothing; needs
#        disclosures_bench_sql from the same build, or its path in BENCH_SQL)
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
# Inserted with SQL through the storage layer (disclosures_bench_sql, built beside danchu with
# DANCHU_BENCH=ON): the full-text index uses the `danchu` FTS5 tokenizer, which the sqlite3
# shell does not know. Titles come from 50 stems, so each search term below matches ~2%.
bench_sql="${BENCH_SQL:-$(dirname "$bin")/src/modules/disclosures/disclosures_bench_sql}"
[[ -x "$bench_sql" ]] || die "no $bench_sql (build the disclosures_bench_sql target)"
org_id=$(sqlite3 "$work/bench.db" "SELECT id FROM identity_orgs WHERE slug = 'so-tttt-tra-vinh'")
stems=(
  "Dự toán ngân sách" "Quyết toán ngân sách" "Quy chế chi tiêu nội bộ" "Nâng bậc lương thường xuyên"
  "Nâng bậc lương trước thời hạn" "Kết quả đánh giá xếp loại" "Khen thưởng cuối năm" "Kỷ luật công chức"
  "Kê khai tài sản thu nhập" "Quy chế dân chủ cơ quan" "Chỉ thị của cấp trên" "Kế hoạch công tác năm"
  "Đường giao thông nông thôn" "Mua sắm tài sản công" "Tuyển dụng viên chức" "Bổ nhiệm cán bộ lãnh đạo"
  "Điều động luân chuyển" "Đào tạo bồi dưỡng" "Thi đua yêu nước" "Phòng chống tham nhũng"
  "Thực hành tiết kiệm" "Cải cách hành chính" "Chuyển đổi số" "Bảo vệ môi trường"
  "Quản lý đất đai" "Xây dựng trụ sở" "Sửa chữa nhà làm việc" "Hội nghị cán bộ công chức"
  "Báo cáo tài chính" "Kiểm toán nhà nước" "Thanh tra hành chính" "Giải quyết khiếu nại"
  "Tiếp công dân định kỳ" "Chế độ phụ cấp" "Nghỉ hưu trước tuổi" "Tinh giản biên chế"
  "Vị trí việc làm" "Đề án sắp xếp tổ chức" "Quy hoạch cán bộ" "Học bổng khuyến học"
  "Hỗ trợ hộ nghèo" "Bảo hiểm xã hội" "Y tế học đường" "Nước sạch sinh hoạt"
  "Chiếu sáng công cộng" "Phòng cháy chữa cháy" "An toàn giao thông" "Văn hóa công sở"
  "Lưu trữ hồ sơ" "Ứng dụng công nghệ thông tin"
)
values=""
for k in "${!stems[@]}"; do values+="${values:+,}($k, '${stems[$k]}')"; done
"$bench_sql" "$work/bench.db" <<SQL || die "could not insert the bench items"
CREATE TEMP TABLE stems (k INTEGER PRIMARY KEY, title TEXT NOT NULL);
INSERT INTO stems (k, title) VALUES $values;
CREATE TEMP TABLE n (i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 100000) INSERT INTO n SELECT i FROM c;
INSERT INTO disclosures_items (org_id, status, current_version, category, audience, title,
  published_on, published_at, sort_key, posting_end, year, created_at, updated_at)
SELECT $org_id, 'published', 1, 'cq.03', CASE WHEN i % 3 = 0 THEN 'internal' ELSE 'public' END,
  (SELECT title FROM stems WHERE k = i % 50) || ' số ' || i,
  '2025-01-01', 1735689600 + i, 1735689600 + i, '2025-01-21', 2025, 1735689600, 1735689600
FROM n;
INSERT INTO disclosures_fts (rowid, doc)
SELECT id, title FROM disclosures_items WHERE org_id = $org_id AND id NOT IN (SELECT rowid FROM disclosures_fts);
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

# A search whose term changes on every request (wrk Lua), so the page cache cannot answer it:
# the 50 stems' first two or three words, without marks or with them, as people type, and on
# every other request a number as well ("du toan ngan 4711": few matches, a narrow search).
lua="$work/terms.lua"
{
  echo "local terms = {"
  for k in "${!stems[@]}"; do
    words=$(echo "${stems[$k]}" | cut -d' ' -f1-$((2 + k % 2)))
    if (( k % 2 == 0 )); then
      words=$(python3 -c 'import sys, unicodedata; s = unicodedata.normalize("NFD", sys.argv[1]); print("".join(c for c in s if unicodedata.category(c) != "Mn").replace("đ", "d").replace("Đ", "D"))' "$words")
    fi
    printf '  "%s",\n' "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$words")"
  done
  echo "}"
  cat <<'LUA'
local cookie = os.getenv("BENCH_COOKIE")
math.randomseed(os.time())
request = function()
  local h = {}
  if cookie and cookie ~= "" then h["Cookie"] = cookie end
  local q = terms[math.random(#terms)]
  if math.random(2) == 1 then q = q .. "%20" .. math.random(1, 99999) end
  return wrk.format("GET", "/o/so-tttt-tra-vinh/disclosures?q=" .. q, h)
end
LUA
} >"$lua"

# Runs wrk as anonymous ("") or with the member's cookie, after 2 s of warm-up; prints a row.
measure() {
  local label=$1 cookie=$2 target=$3 script=${4:-}
  local extra=()
  if [[ -n "$script" ]]; then
    extra=(-s "$script")
  elif [[ -n "$cookie" ]]; then
    extra=(-H "Cookie: $cookie")
  fi
  BENCH_COOKIE="$cookie" wrk -t"$threads" -c"$conns" -d2s "${extra[@]}" "$danchu_url$target" \
    >/dev/null 2>&1 || true
  BENCH_COOKIE="$cookie" wrk -t"$threads" -c"$conns" -d"$seconds"s --latency "${extra[@]}" \
    "$danchu_url$target" >"$work/wrk.out" 2>&1 || die "wrk failed"
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$work/wrk.out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$work/wrk.out")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/wrk.out")
  printf '%-40s %10s %10s %10s %8s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

board="/o/so-tttt-tra-vinh/disclosures"
search="/o/so-tttt-tra-vinh/disclosures?q=duong%20giao%20thong"
printf '%-40s %10s %10s %10s %8s\n' "request" "req/s" "p50 ms" "p99 ms" "errors"
measure "anonymous /disclosures" "" "$board"
measure "member /disclosures" "danchu_session=$session" "$board"
measure "anonymous ?q=duong giao thong" "" "$search"
measure "member ?q=duong giao thong" "danchu_session=$session" "$search"
measure "anonymous ?q=<one of 50 terms>" "" "$board" "$lua"
measure "member ?q=<one of 50 terms>" "danchu_session=$session" "$board" "$lua"
echo "(wrk -t$threads -c$conns -d${seconds}s --latency; target p99 < 15 ms; nginx above for scale)"

stop
echo
echo "done: danchu and nginx stopped"
