#!/usr/bin/env bash
# A mixed API load (4 reads : 1 write, bench/api-mix.lua) on one SQLite
# process and then on two replicas sharing a throwaway PostgreSQL, in one
# run: requests/s, p99, refused or failed answers, and each server's RSS
# after its load.
#   bench/replicas.sh    (needs wrk and a release build: cargo build --release -p server)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SLIPWAY_TEST_POSTGRES_URL:-}" ]; then
  exec scripts/with-postgres "$0" "$@"
fi
bin=${SLIPWAY_BIN:-target/release/slipway}
duration=${DURATION:-20}
[ -x "$bin" ] || { echo "build first: cargo build --release -p server" >&2; exit 1; }
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

start() { # port database-url
  RUST_LOG=warn "$bin" serve --addr "127.0.0.1:$1" --database-url "$2" >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null && return
    sleep 0.1
  done
  echo "no server on port $1" >&2
  exit 1
}
designs() { # port file: 64 designs (not a multiple of 5, so every design gets writes)
  for _ in $(seq 64); do
    curl -fs -X POST "http://127.0.0.1:$1/api/designs" -H 'content-type: application/json' -d '{"name":"Load"}'
    echo
  done | python3 -c 'import json, sys
for line in sys.stdin:
    if line.strip():
        d = json.loads(line); print(d["id"], d["edit_key"])' > "$2"
  read -r id key < "$2"
  curl -fs "http://127.0.0.1:$1/api/designs/$id" -H "authorization: Bearer $key" |
    python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["design"]))' > "$work/body.json"
}
load() { # port designs-file connections: "rps p99 non-2xx"
  wrk -t1 -c"$3" -d"${duration}s" --latency -s bench/api-mix.lua "http://127.0.0.1:$1" -- "$2" "$work/body.json" |
    awk '/Requests\/sec/ {rps=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$5} END {print rps, p99, bad+0}'
}
rss() { ps -o rss= -p "$1" | tr -d ' '; }

start 3401 "sqlite://$work/bench.db"
designs 3401 "$work/sqlite.txt"
read -r rps p99 bad < <(load 3401 "$work/sqlite.txt" 32)
echo "one SQLite process, 32 connections : $rps req/s, p99 $p99, $bad non-2xx, RSS $(rss "${pids[0]}") KiB"
kill "${pids[0]}"
warnings() { # port: the server's warnings and errors, counted by message
  grep -E " (WARN|ERROR) " "$work/$1.log" | sed -E 's/^.*(WARN|ERROR) //' | cut -c1-160 | sort | uniq -c | head -5 || true
}
warnings 3401

psql -q "$SLIPWAY_TEST_POSTGRES_URL" -c "CREATE DATABASE bench"
pg="${SLIPWAY_TEST_POSTGRES_URL%/*}/bench"
start 3402 "$pg"
start 3403 "$pg"
designs 3402 "$work/a.txt"
designs 3403 "$work/b.txt"
load 3402 "$work/a.txt" 16 > "$work/a.out" &
loader=$!
load 3403 "$work/b.txt" 16 > "$work/b.out"
wait "$loader"
read -r a_rps a_p99 a_bad < "$work/a.out"
read -r b_rps b_p99 b_bad < "$work/b.out"
echo "replica A on PostgreSQL, 16 connections: $a_rps req/s, p99 $a_p99, $a_bad non-2xx, RSS $(rss "${pids[1]}") KiB"
echo "replica B on PostgreSQL, 16 connections: $b_rps req/s, p99 $b_p99, $b_bad non-2xx, RSS $(rss "${pids[2]}") KiB"
python3 -c "print(f'two replicas together: {float(\"$a_rps\") + float(\"$b_rps\"):.0f} req/s ({(float(\"$a_rps\") + float(\"$b_rps\")) / float(\"$rps\"):.2f}x one SQLite process)')"
warnings 3402
warnings 3403
