#!/usr/bin/env bash
# A bounded soak of jobemu serve (issue 20): steady submit-and-poll load with webhooks to a local receiver, sampling
# RSS, p99 latency, live jobs and the webhook backlog, failing on growth.
#   benchmarks/soak/run.sh                  10 minutes, a sample every 10 s
#   benchmarks/soak/run.sh --seconds 30 --interval 5     what CI runs
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/harness.sh
ensure_wrk
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
publish src/JobEmulator.Cli "$out/jobemu" "$out/publish.log"
python3 benchmarks/soak/soak.py --jobemu "$out/jobemu/jobemu.dll" "$@"
