#!/usr/bin/env bash
# Memory at the job cap (issue 25): jobemu serve with no Symbl scenario (every submission follows the default
# lifecycle, finished jobs evicted at the 100,000-job cap), Symbl submissions for a while from wrk, then RSS sampled
# under the load's last seconds and every 5 s for 30 s once it stops (serve compacts once it has gone quiet for
# 10-20 s). Fails when the last sample is over 250 MB. Bounded: wrk runs for --seconds (default 60), the server is
# stopped on exit. JOBEMU_ENV='DOTNET_X=1 …' runs the server with those variables (for trying GC settings).
#   benchmarks/memory-at-cap/run.sh                 60 s of submissions (about 300,000 on this machine kind)
#   benchmarks/memory-at-cap/run.sh --seconds 10    a smoke
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/harness.sh
ensure_wrk
seconds=60
[[ "${1:-}" == "--seconds" ]] && seconds=$2
out=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$out"' EXIT
publish src/JobEmulator.Cli "$out/jobemu" "$out/publish.log"
env ${JOBEMU_ENV:-} dotnet "$out/jobemu/jobemu.dll" serve --port 0 --request-log off >"$out/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do grep -q "listening on" "$out/serve.log" && break; sleep 0.1; done
base=$(grep -o 'listening on http://[0-9.:]*' "$out/serve.log" | cut -d' ' -f3)
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status"; }
cat >"$out/submit.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer any_key"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"url":"https://example.com/call.mp3","name":"memory"}'
LUA
echo "emulator at $base; RSS at start: $(rss) MB"
wrk -t2 -c16 -d"${seconds}s" -s "$out/submit.lua" "$base/v1/process/audio/url" | grep -E "Requests/sec|requests in|Non-2xx" || true &
load=$!
sleep $((seconds - 2)); echo "RSS under load, 2 s before it ends: $(rss) MB"
wait $load
jobs=$(curl -s "$base/__admin/health" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("jobs","?"))')
samples=()
for i in 1 2 3 4 5 6; do sleep 5; samples+=("$(rss)"); done
echo "after the load: jobs held $jobs; RSS every 5 s for 30 s: ${samples[*]} MB"
echo "steady RSS (the last sample): ${samples[5]} MB (target: at most 250 MB)"
[[ ${samples[5]} -le 250 ]] || { echo "FAIL  steady RSS over 250 MB"; exit 1; }
