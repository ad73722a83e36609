#!/usr/bin/env bash
# Runs the READMEs' shell walkthroughs against fresh `jobemu serve` processes and checks what they
# say they answer (tools/walkthroughs.py; extra arguments: the Markdown files, README.md and
# docs/*.md by default). Bounded: every block has 60 s, and its server is stopped after it.
set -euo pipefail
cd "$(dirname "$0")/../.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "FAIL  '$1' is not installed; the walkthroughs need it"; exit 1; }; }
need curl; need jq; need python3
dotnet build src/JobEmulator.Cli -c Release -v quiet -nologo >/dev/null
python3 tools/walkthroughs.py "$@"
