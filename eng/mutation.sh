#!/usr/bin/env bash
# Mutation testing of JobEmulator.Core with Stryker.NET (pinned in dotnet-tools.json; settings and the
# house's exclusions in eng/stryker-config.json). Every test project that exercises Core runs against
# each mutant, through the Microsoft Testing Platform runner. Prints the score per file and every mutant
# that survived (eng/mutants.py); fails below the config's break threshold (90%).
#
#   eng/mutation.sh                          the whole scope (Engine, Scenarios, Webhooks, Dialects)
#   eng/mutation.sh --since HEAD~1           only what changed since that commit (what CI runs)
#   eng/mutation.sh --mutate '**/Engine/JobRuntime.cs'   one file or glob (repeatable)
#   eng/mutation.sh --test-project ../tests/JobEmulator.Core.Tests/JobEmulator.Core.Tests.csproj
#                                            only these test projects (repeatable; paths from eng/): a quicker look
set -euo pipefail
cd "$(dirname "$0")"

args=()
while [ $# -gt 0 ]; do
  case $1 in
    --since) args+=("--since:$2"); shift 2 ;;
    --mutate) args+=(--mutate "$2"); shift 2 ;;
    --test-project) args+=(--test-project "$2"); shift 2 ;;
    *) echo "unknown argument: $1 (expected --since <commit>, --mutate <glob> or --test-project <csproj>)" >&2; exit 2 ;;
  esac
done

dotnet tool restore >/dev/null
rm -rf StrykerOutput
status=0
dotnet stryker --config-file stryker-config.json "${args[@]}" || status=$?
report=$(ls -d StrykerOutput/*/reports/mutation-report.json 2>/dev/null | head -n 1 || true)
[ -n "$report" ] && python3 mutants.py "$report"
exit $status
