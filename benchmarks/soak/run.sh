#!/usr/bin/env bash
# A bounded soak of jobemu serve (issue 20): steady submit-and-poll load with webhooks to a local receiver, sampling
# RSS, p99 latency, live jobs and the webhook backlog, failing on growth.
#   benchmarks/soak/run.sh                  10 minutes, a sample every 10 s
#   benchmarks/soak/run.sh --seconds 30 --interval 5     what CI runs
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian's package)"
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else sudo apt-get install -y -q wrk >/dev/null; fi
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish src/JobEmulator.Cli -c Release -o "$out/jobemu" --nologo -v q >"$out/publish.log" 2>&1 || { tail -20 "$out/publish.log"; exit 1; }
python3 benchmarks/soak/soak.py --jobemu "$out/jobemu/jobemu.dll" "$@"
