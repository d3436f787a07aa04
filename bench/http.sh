#!/usr/bin/env bash
# Server-side rendering cost: wrk against the wizard page /d/{id} and against
# the same HTML served as a static file by the same server, in one run; then
# the same for review pages of two presets, with their size and a reload.
#   bench/http.sh [release|debug]   (default release; needs `cargo leptos build --release --precompress --split` first)
# Prints req/s and p99 for both and their ratio. Needs wrk (Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-release}
bin=target/$profile/slipway
addr=127.0.0.1:3300
db=$(mktemp -d)/bench.db
[ -x "$bin" ] || { echo "build first: cargo leptos build --release --precompress --split" >&2; exit 1; }
# Review links are rate-limited per client; wrk is one client.
SLIPWAY_REVIEW_RATE=4000000000 SLIPWAY_ADDR=$addr SLIPWAY_DATABASE_URL="sqlite://$db" RUST_LOG=warn "$bin" serve >/dev/null 2>&1 &
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

# Review pages (issue 13): a link to each of two presets, the page against
# the same HTML as a static file, its size, and a reload that presents the
# page's ETag (answered 304 before rendering).
for preset in fintech-eks enterprise-aks; do
  created=$(curl -fs -X POST "http://$addr/api/designs" -H 'content-type: application/json' -d "{\"preset\":\"$preset\"}")
  rid=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$created")
  rkey=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["edit_key"])' "$created")
  token=$(curl -fs -X POST "http://$addr/api/designs/$rid/reviews" -H "authorization: Bearer $rkey" -H 'content-type: application/json' -d '{"label":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  # The first request renders the page (and keeps it); later ones reuse it.
  first=$(curl -fs -o target/site/bench-review.html -w '%{time_total}' "http://$addr/r/$token")
  bytes=$(wc -c < target/site/bench-review.html)
  etag=$(curl -fs -D - -o /dev/null "http://$addr/r/$token" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
  read -r r_rps r_p99 < <(run "http://$addr/r/$token")
  read -r s_rps s_p99 < <(run "http://$addr/bench-review.html")
  read -r b_rps b_p99 < <(wrk -t2 -c32 -d10s --latency -H "Accept-Encoding: br" "http://$addr/r/$token" | awk '/Requests\/sec/ {rps=$2} / 99%/ {p99=$2} END {print rps, p99}')
  br_bytes=$(curl -fs -H "Accept-Encoding: br" "http://$addr/r/$token" | wc -c)
  read -r e_rps e_p99 < <(wrk -t2 -c32 -d10s --latency -H "If-None-Match: $etag" "http://$addr/r/$token" | awk '/Requests\/sec/ {rps=$2} / 99%/ {p99=$2} END {print rps, p99}')
  rm -f target/site/bench-review.html
  echo "review page $preset: $bytes bytes of HTML ($br_bytes with brotli), first rendering ${first}s"
  echo "  SSR /r/{token}           : $r_rps req/s, p99 $r_p99"
  echo "  static same HTML (file)  : $s_rps req/s, p99 $s_p99"
  echo "  reload with its ETag     : $e_rps req/s, p99 $e_p99"
  echo "  SSR, brotli accepted     : $b_rps req/s, p99 $b_p99"
  python3 -c "print(f'  SSR/static throughput ratio: {float(\"$r_rps\")/float(\"$s_rps\"):.2f}')"
done
echo "RSS after load: $(ps -o rss= -p $pid | tr -d ' ') KiB"
