#!/usr/bin/env bash
# The load benchmark of issue 19: jobemu serve (default settings) against a raw Kestrel minimal API and
# WireMock.Net, one at a time, interleaved over rounds, all on 127.0.0.1, driven by wrk (one thread).
#   benchmarks/load/run.sh                 the full run: 3 rounds of 10 s per measurement, RSS after 1M
#                                          requests, 100,000 live jobs (about 12 minutes on 2 cores)
#   benchmarks/load/run.sh --smoke         what CI runs: every step once, briefly (figures are not meaningful)
#   benchmarks/load/run.sh --rounds 5 --seconds 20 --json results.json
set -euo pipefail
cd "$(dirname "$0")/../.."

args=("$@")
if [[ "${1:-}" == "--smoke" ]]; then
  args=(--rounds 1 --seconds 1 --rss-requests 20000 --jobs 5000 "${@:2}")
fi

source benchmarks/harness.sh
ensure_wrk
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
publish src/JobEmulator.Cli "$out/jobemu" "$out/publish.log"
publish benchmarks/JobEmulator.LoadTargets "$out/targets" "$out/publish.log"

python3 benchmarks/load/bench.py --jobemu "$out/jobemu/jobemu.dll" --targets "$out/targets/JobEmulator.LoadTargets.dll" "${args[@]}"
