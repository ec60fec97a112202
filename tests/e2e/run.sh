#!/usr/bin/env bash
# Browser tests against a real server: fresh SQLite database with the demo data, `danchu serve`
# on a free loopback port, `node --test` on tests/e2e/*.test.mjs, then a graceful stop (SIGTERM
# must end the server with status 0 within 15 s). Exits with the tests' status.
# Usage: tests/e2e/run.sh [BUILD_DIR]   (default build)
# Environment: DANCHU_SHOTS=DIR keeps full-page screenshots of the pages the tests visit.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-build}"
[[ "$build" = /* ]] || build="$root/$build"
bin="$build/danchu"
if [[ ! -x "$bin" ]]; then
  echo "e2e: no executable at $bin (build the danchu target first)" >&2
  exit 2
fi
command -v node >/dev/null || { echo "e2e: node is not installed (scripts/install-deps --test)" >&2; exit 2; }
[[ -x /usr/bin/chromium || -n "${DANCHU_CHROMIUM:-}" ]] ||
  { echo "e2e: /usr/bin/chromium is missing (scripts/install-deps --test)" >&2; exit 2; }
if [[ ! -d "$root/tests/e2e/node_modules/playwright-core" || ! -d "$root/tests/e2e/node_modules/axe-core" ]]; then
  (cd "$root/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/danchu-e2e.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A fixed test key: no data/server.key is written anywhere, and demo and serve agree on it.
export DANCHU_SERVER_KEY="$(printf '5e%.0s' {1..32})"
unset DANCHU_DB DANCHU_LISTEN PORT
db="sqlite:$work/e2e.db"
cat >"$work/danchu.toml" <<TOML
[server]
static_dir = "$root/static"

[http]
access_log = false
TOML

cd "$work"
"$bin" demo --config "$work/danchu.toml" --db "$db" >"$work/demo.log" 2>&1 ||
  { echo "e2e: danchu demo failed:" >&2; cat "$work/demo.log" >&2; exit 1; }

# Port 0: the kernel picks a free port and the server logs the one it got.
"$bin" serve --config "$work/danchu.toml" --db "$db" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 150); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "e2e: the server exited during start-up:" >&2; cat "$work/server.log" >&2; exit 1
  fi
  port="$(grep -o 'serving http://127\.0\.0\.1:[0-9]*/' "$work/server.log" | head -n1 | grep -o '[0-9]*/$' | tr -d / || true)"
  if [[ -n "$port" ]] && curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
    url="http://127.0.0.1:$port"
    break
  fi
  sleep 0.1
done
if [[ -z "$url" ]]; then
  echo "e2e: the server did not answer /healthz within 15 s:" >&2; cat "$work/server.log" >&2; exit 1
fi
echo "e2e: server $url (pid $server_pid), database $db"

status=0
(cd "$root" && DANCHU_URL="$url" node --test --test-timeout=120000 tests/e2e/*.test.mjs) || status=$?

# Graceful stop: SIGTERM, then at most 15 s for in-flight requests and the database.
kill -TERM "$server_pid"
stopped=""
for _ in $(seq 1 150); do
  if ! kill -0 "$server_pid" 2>/dev/null; then stopped=yes; break; fi
  sleep 0.1
done
if [[ -z "$stopped" ]]; then
  echo "e2e: FAIL: the server did not stop within 15 s of SIGTERM" >&2
  status=1
else
  server_status=0
  wait "$server_pid" || server_status=$?
  server_pid=""
  if [[ $server_status -ne 0 ]]; then
    echo "e2e: FAIL: the server exited with status $server_status after SIGTERM" >&2
    status=1
  fi
fi
if [[ $status -ne 0 ]]; then
  echo "e2e: last lines of the server log:" >&2
  tail -n 40 "$work/server.log" >&2
fi
exit "$status"
