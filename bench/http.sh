#!/usr/bin/env bash
# Server-side rendering cost: wrk against the wizard page /d/{id} and against
# the same HTML served as a static file by the same server, in one run.
#   bench/http.sh [release|debug]   (default release; needs `cargo leptos build --release` first)
# Prints req/s and p99 for both and their ratio. Needs wrk (Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-release}
bin=target/$profile/slipway
addr=127.0.0.1:3300
db=$(mktemp -d)/bench.db
[ -x "$bin" ] || { echo "build first: cargo leptos build --release" >&2; exit 1; }
SLIPWAY_ADDR=$addr SLIPWAY_DATABASE_URL="sqlite://$db" RUST_LOG=warn "$bin" serve >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://$addr/health/ready" >/dev/null && break; sleep 0.1; done
echo "idle RSS: $(ps -o rss= -p $pid | tr -d ' ') KiB"
id=$(curl -fs -X POST "http://$addr/api/designs" -H 'content-type: application/json' -d '{"preset":"fintech-eks"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -fs "http://$addr/d/$id" > target/site/bench-static.html
run() { wrk -t2 -c32 -d10s --latency "$1" | awk '/Requests\/sec/ {rps=$2} / 99%/ {p99=$2} END {print rps, p99}'; }
read -r ssr_rps ssr_p99 < <(run "http://$addr/d/$id")
read -r static_rps static_p99 < <(run "http://$addr/bench-static.html")
rm -f target/site/bench-static.html
echo "SSR    /d/{id}           : $ssr_rps req/s, p99 $ssr_p99"
echo "static same HTML (file)  : $static_rps req/s, p99 $static_p99"
python3 -c "print(f'static/SSR throughput ratio: {float(\"$static_rps\")/float(\"$ssr_rps\"):.2f}')"
echo "RSS after load: $(ps -o rss= -p $pid | tr -d ' ') KiB"
