#!/usr/bin/env bash
# HTTP throughput and latency of danchu next to nginx serving the same page from a file.
#
# Starts `danchu serve` on a fresh demo database (access log off), saves the anonymous
# organisation home page /o/so-tttt-tra-vinh, serves that file with nginx at the same path,
# and runs wrk against both in the same run. Then holds 1,000 keep-alive connections on danchu
# and reports errors and the server's resident memory.
#
# Usage: bench/http.sh [path/to/danchu]   (default build/danchu; builds nothing)
# Environment: BENCH_SECONDS (default 10), BENCH_THREADS (wrk threads, default 2),
#              BENCH_CONNECTIONS (default 64), BENCH_MANY (default 1000).
# Exits non-zero only when something could not be run, never because a figure is slow.
page="/o/so-tttt-tra-vinh"
bench_title="HTTP benchmark"
bench_target="target ≥ 25%; p99 target < 10 ms"
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
echo

rss_before=$(mem "$danchu_pid" VmRSS)
echo "$many keep-alive connections to danchu (wrk -t$threads -c$many -d${seconds}s):"
run_wrk "$threads" "$many" "$seconds" "$danchu_url$page" &
wrk_job=$!
# Sample the resident size while the connections are open.
rss_peak_seen=0
while kill -0 "$wrk_job" 2>/dev/null; do
  r=$(mem "$danchu_pid" VmRSS || echo 0)
  (( r > rss_peak_seen )) && rss_peak_seen=$r
  sleep 0.5
done
wait "$wrk_job" || die "wrk failed with $many connections"
# run_wrk ran in a subshell: read its figures again from the saved output.
out="$work/last-wrk.out"
rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
sock=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")
non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
errors=$(( ${sock:-0} + ${non2xx:-0} ))
rss_after=$(mem "$danchu_pid" VmRSS)
hwm=$(mem "$danchu_pid" VmHWM)
echo "    req/s $rps, p99 ${p99} ms, errors $errors$(grep -E 'Socket errors|Non-2xx' "$out" | sed 's/^ */; /' | tr -d '\n')"
echo "    danchu RSS: $(mib "$rss_before") MiB before, $(mib "$rss_peak_seen") MiB highest sampled under load," \
  "$(mib "$rss_after") MiB after; peak VmHWM $(mib "$hwm") MiB (target < 64 MiB)"
kill -0 "$danchu_pid" 2>/dev/null || die "danchu died under load"

stop
echo
echo "done: danchu and nginx stopped"
