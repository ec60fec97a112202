# Shared by the HTTP benchmarks (sourced, not run): starts `danchu serve` on a fresh demo
# database (access log off), saves the anonymous page $page, serves the same bytes with nginx,
# defines run_wrk/to_ms/mem/mib, and measures danchu against nginx on that page.
# The sourcing script sets: page, bench_title, bench_target (text), and optionally
# BENCH_EXTRA_TOOLS; it gets back: root, bin, work, db, config, danchu_pid, danchu_url,
# nginx_url, seconds, threads, conns, many, and the cleanup trap.
# BENCH_DANCHU_TOML: extra TOML appended to danchu's config, to compare settings in one run
# (e.g. $'[db]\nstatement_cache = 0').
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-build/danchu}"
[[ "$bin" = /* || ! -e "$root/$bin" ]] || bin="$root/$bin"
seconds="${BENCH_SECONDS:-10}"
threads="${BENCH_THREADS:-2}"
conns="${BENCH_CONNECTIONS:-64}"
many="${BENCH_MANY:-1000}"

die() { echo "bench: $*" >&2; exit 1; }
[[ -x "$bin" ]] || die "no executable at $bin (build the danchu target first)"
for tool in wrk nginx curl ${BENCH_EXTRA_TOOLS:-}; do
  command -v "$tool" >/dev/null || die "$tool is not installed (scripts/install-deps --test)"
done

work="$(mktemp -d "${TMPDIR:-/tmp}/danchu-bench.XXXXXX")"
danchu_pid=""
nginx_pid=""
stop() {
  local pid
  for pid in "$danchu_pid" "$nginx_pid"; do
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "$danchu_pid" "$nginx_pid"; do
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
  done
  danchu_pid=""
  nginx_pid=""
}
cleanup() { stop; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1,000 connections need as many descriptors on both ends.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
(( $(ulimit -n) > many + 100 )) || die "open-file limit $(ulimit -n) is too low for $many connections"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# --- danchu ---------------------------------------------------------------------------------
export DANCHU_SERVER_KEY="$(printf 'b3%.0s' {1..32})"
unset DANCHU_DB DANCHU_LISTEN PORT
db="sqlite:$work/bench.db"
config="$work/danchu.toml"
cat >"$config" <<TOML
# bench/http.sh: defaults except the access log (off, as nginx's) and the in-flight limit
# (raised so that $many connections are queued rather than refused with 503).
[server]
static_dir = "$root/static"

[http]
access_log = false
max_in_flight = 4096
${BENCH_DANCHU_TOML:-}
TOML

(cd "$work" && "$bin" demo --config "$config" --db "$db" >"$work/demo.log" 2>&1) ||
  { cat "$work/demo.log" >&2; die "danchu demo failed"; }
(cd "$work" && exec "$bin" serve --config "$config" --db "$db" --listen 127.0.0.1:0) \
  >"$work/danchu.log" 2>&1 &
danchu_pid=$!
danchu_url=""
for _ in $(seq 1 150); do
  kill -0 "$danchu_pid" 2>/dev/null || { cat "$work/danchu.log" >&2; die "danchu exited during start-up"; }
  port="$(grep -o 'serving http://127\.0\.0\.1:[0-9]*/' "$work/danchu.log" | head -n1 | grep -o '[0-9]*/$' | tr -d / || true)"
  if [[ -n "$port" ]] && curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
    danchu_url="http://127.0.0.1:$port"; break
  fi
  sleep 0.1
done
[[ -n "$danchu_url" ]] || { cat "$work/danchu.log" >&2; die "danchu did not answer /healthz"; }

# --- nginx, serving the page danchu rendered ---------------------------------------------------
mkdir -p "$work/www$(dirname "$page")" "$work/nginx"
curl -fsS -o "$work/www$page" "$danchu_url$page" || die "could not fetch $page from danchu"
page_bytes=$(stat -c %s "$work/www$page")
# nginx's workers drop to an unprivileged user when started as root: let them read the file.
chmod -R a+rX "$work/www"; chmod 755 "$work"
chmod 644 "$work/www$page"
nginx_port="$(free_port)"
cat >"$work/nginx/nginx.conf" <<NGINX
daemon off;
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location = $page { default_type "text/html; charset=utf-8"; }
  }
}
NGINX
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port"
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$nginx_url$page" 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/error.log" >&2; nginx_pid=""; die "nginx did not start"; }
  sleep 0.1
done
cmp -s <(curl -fsS "$nginx_url$page") "$work/www$page" || die "nginx does not serve the saved page"

# --- measuring ----------------------------------------------------------------------------------
# wrk prints latencies as 1.23ms / 456.00us / 1.02s; convert to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
    printf "%.2f", n }'
}
# Runs wrk and sets: rps, p50, p99, errors (socket errors + non-2xx/3xx), requests.
run_wrk() {
  local out="$work/wrk.out"
  wrk -t"$1" -c"$2" -d"$3"s --latency "$4" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed against $4"; }
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  requests=$(awk '/requests in/ {print $1}' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  local sock non2xx
  sock=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  errors=$(( ${sock:-0} + ${non2xx:-0} ))
  [[ -n "$rps" ]] || { cat "$out" >&2; die "could not read wrk's output"; }
  cp "$out" "$work/last-wrk.out"
}
mem() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

echo "danchu $bench_title — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "binary:  $bin"
echo "machine: $(nproc) cores; wrk, danchu and nginx share them, so every figure below is"
echo "         a lower bound for the server (wrk itself takes a large part of the CPU)."
echo "         load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
echo "page:    GET $page (anonymous, ${page_bytes} bytes); nginx serves the same bytes from a file"
echo "danchu config ($config):"
sed 's/^/    /' "$config"
"$bin" config --config "$config" --db "$db" 2>/dev/null | grep -E '^(pool_size|io_threads|worker_threads|max_in_flight)' |
  sed 's/^/    effective: /' || true
echo "nginx:   $(nginx -v 2>&1 | sed 's/.*: //'), 2 worker processes, access log off"
echo

# Warm both up (page caches, connection setup, SQLite pages) before measuring.
run_wrk "$threads" "$conns" 2 "$danchu_url$page" >/dev/null
run_wrk "$threads" "$conns" 2 "$nginx_url$page" >/dev/null

printf '%-8s %12s %10s %10s %8s %10s\n' "server" "req/s" "p50 ms" "p99 ms" "errors" "requests"
run_wrk "$threads" "$conns" "$seconds" "$danchu_url$page"
d_rps=$rps d_p99=$p99
printf '%-8s %12s %10s %10s %8s %10s\n' danchu "$rps" "$p50" "$p99" "$errors" "$requests"
run_wrk "$threads" "$conns" "$seconds" "$nginx_url$page"
n_rps=$rps
printf '%-8s %12s %10s %10s %8s %10s\n' nginx "$rps" "$p50" "$p99" "$errors" "$requests"
echo "(wrk -t$threads -c$conns -d${seconds}s --latency, 127.0.0.1)"
ratio=$(awk -v a="$d_rps" -v b="$n_rps" 'BEGIN {printf "%.1f", 100 * a / b}')
echo "danchu/nginx: ${ratio}% of nginx's rate ($bench_target); danchu p99 ${d_p99} ms"
