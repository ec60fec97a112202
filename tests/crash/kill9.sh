#!/usr/bin/env bash
# Crash test: kill -9 the server during a burst of writes, then check that the SQLite
# database passes PRAGMA integrity_check and holds every write the server acknowledged.
#
# The writes are failed sign-ins for distinct made-up names: each one commits two throttle
# rows and an audit event (identity.login_failed, detail = the name) before the server
# answers 422, so a 422 received by the client is an acknowledged write.
# Usage: tests/crash/kill9.sh [path/to/danchu]
set -euo pipefail
bin=$(realpath "${1:-build/danchu}")
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill -9 "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
db="$work/crash.db"
cat > "$work/danchu.toml" <<TOML
[server]
static_dir = "$repo/static"
[http]
access_log = false
[identity]
login_max_failures_per_ip = 100000
argon2_memlimit_kib = 8192
argon2_opslimit = 1
TOML
export DANCHU_SERVER_KEY=$(printf 'c%.0s' {1..64})
"$bin" migrate --config "$work/danchu.toml" --db "sqlite:$db" >/dev/null
"$bin" serve --config "$work/danchu.toml" --db "sqlite:$db" --listen "127.0.0.1:$port" \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

# One anonymous CSRF cookie and token serve every request (double-submit).
curl -s -c "$work/jar" "http://127.0.0.1:$port/login" -o "$work/login.html"
token=$(grep -o 'name="csrf" value="[^"]*"' "$work/login.html" | head -1 | sed 's/.*value="//; s/"$//')
[[ -n "$token" ]] || { echo "kill9: no CSRF token on /login" >&2; exit 1; }

writer() {
  local w=$1 i=0
  while (( i < 100000 )); do
    local name="burst-$w-$i"
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/jar" --max-time 5 \
      --data-urlencode "username=$name" --data-urlencode "password=wrong-password" \
      --data-urlencode "csrf=$token" "http://127.0.0.1:$port/login" || true)
    if [[ "$code" == "422" ]]; then echo "$name" >> "$work/acked-$w"; fi
    if [[ "$code" == "000" ]]; then break; fi
    i=$((i + 1))
  done
}
for w in 1 2 3 4; do writer "$w" & done
sleep 3
kill -9 "$server_pid"
server_pid=""
wait 2>/dev/null || true

cat "$work"/acked-* > "$work/acked" 2>/dev/null || true
acked=$(wc -l < "$work/acked")
integrity=$(sqlite3 "$db" "PRAGMA integrity_check;")
sqlite3 "$db" "SELECT detail FROM audit_events WHERE action = 'identity.login_failed';" | sort -u > "$work/stored"
missing=$(sort -u "$work/acked" | comm -23 - "$work/stored" | wc -l)
echo "kill9: $acked acknowledged writes before kill -9; integrity_check: $integrity; missing: $missing"
if [[ "$integrity" != "ok" || "$missing" -ne 0 || "$acked" -lt 10 ]]; then
  echo "kill9: FAILED" >&2
  exit 1
fi
