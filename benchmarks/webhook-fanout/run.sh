#!/usr/bin/env bash
# Webhook fan-out, measured from outside the process (issue 25): 30,000 Symbl submissions with a webhookUrl at a
# receiver that accepts connections and never answers, then the receiver answers again. Samples /__admin/health
# latency, open descriptors, RSS and liveness every second from the end of the submissions, counts the attempts
# dropped from the full backlog, and checks that every event is answered or listed as dropped once the receiver
# answers. Fails when a target (health < 100 ms, descriptors < 1,000, RSS < 300 MB, alive) is missed.
#   benchmarks/webhook-fanout/run.sh                   30,000 submissions, 60 s silent, then up to 120 s to drain
#   benchmarks/webhook-fanout/run.sh --submissions 10000 --seconds 30
#   benchmarks/webhook-fanout/run.sh --smoke           what CI runs: 2,000 submissions, 10 s, a backlog of 1,000
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/harness.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
publish src/JobEmulator.Cli "$out/jobemu" "$out/publish.log"
python3 benchmarks/webhook-fanout/fanout.py --jobemu "$out/jobemu/jobemu.dll" "$@"
