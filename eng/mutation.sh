#!/usr/bin/env bash
# Mutation testing of JobEmulator.Core with Stryker.NET (pinned in dotnet-tools.json; settings and the
# house's exclusions in eng/stryker-config.json). Every test project that exercises Core runs against
# each mutant, through the Microsoft Testing Platform runner. Prints the score per file and every mutant
# that survived (eng/mutants.py); fails when the score, the mutants eng/equivalent-mutants.md lists left out, is below
# the config's break threshold (90%).
#
#   eng/mutation.sh                          the whole scope (Engine, Scheduling, Lifecycle, Limits, Scenarios, Webhooks, Dialects,
#                                            Templates, Definitions, and the durations and errors of Yaml)
#   eng/mutation.sh --changed-since HEAD~1   only the lines in scope that changed since that commit (what CI runs): each
#                                            hunk of eng/changed-spans.py's, two lines either side, so the time a run
#                                            takes follows the size of the change, not of the files it touches
#   eng/mutation.sh --since HEAD~1           Stryker's own --since: also retests every mutant a changed test covers
#                                            (and every mutant when a non-C# test file changed), so often the whole scope
#   eng/mutation.sh --mutate '**/Engine/JobRuntime.cs'   one file or glob (repeatable)
#   eng/mutation.sh --test-project ../tests/JobEmulator.Core.Tests/JobEmulator.Core.Tests.csproj
#                                            only these test projects (repeatable; paths from eng/): a quicker look
set -euo pipefail
cd "$(dirname "$0")"

args=()
while [ $# -gt 0 ]; do
  case $1 in
    --changed-since)
      if ! git rev-parse --verify --quiet "$2^{commit}" >/dev/null; then
        echo "mutation: no commit '$2' in this clone (a shallow clone?); nothing to compare against, so nothing mutated" >&2
        exit 0
      fi
      changed=$(git diff --name-only --diff-filter=d "$2" -- ':(glob)../src/JobEmulator.Core/Engine/**/*.cs' \
        ':(glob)../src/JobEmulator.Core/Scenarios/**/*.cs' ':(glob)../src/JobEmulator.Core/Webhooks/**/*.cs' \
        ':(glob)../src/JobEmulator.Core/Dialects/**/*.cs' ':(glob)../src/JobEmulator.Core/Templates/**/*.cs' \
        ':(glob)../src/JobEmulator.Core/Definitions/**/*.cs' ':(glob)../src/JobEmulator.Core/Scheduling/**/*.cs' \
        ':(glob)../src/JobEmulator.Core/Lifecycle/**/*.cs' ':(glob)../src/JobEmulator.Core/Limits/**/*.cs' \
        ':(glob)../src/JobEmulator.Core/Yaml/DurationText.cs' ':(glob)../src/JobEmulator.Core/Yaml/ScenarioError.cs')
      if [ -z "$changed" ]; then
        echo "mutation: no file of the core's logic changed since $2; nothing to mutate"
        exit 0
      fi
      patterns=$(cd .. && python3 eng/changed-spans.py "$2" $changed)
      if [ -z "$patterns" ]; then
        echo "mutation: no line of the core's logic changed since $2; nothing to mutate"
        exit 0
      fi
      echo "mutation: the lines changed since $2 (with two lines around each change), in:"
      for pattern in $patterns; do
        echo "  $pattern"
        args+=(--mutate "$pattern")
      done
      shift 2 ;;
    --since) args+=("--since:$2"); shift 2 ;;
    --mutate) args+=(--mutate "$2"); shift 2 ;;
    --test-project) args+=(--test-project "$2"); shift 2 ;;
    *) echo "unknown argument: $1 (expected --changed-since <commit>, --since <commit>, --mutate <glob> or --test-project <csproj>)" >&2; exit 2 ;;
  esac
done

dotnet tool restore >/dev/null
rm -rf StrykerOutput
# Stryker's own threshold counts the mutants eng/equivalent-mutants.md lists as survivors; the config's threshold is
# applied below instead, to the score without them.
threshold=$(python3 -c 'import json; print(json.load(open("stryker-config.json"))["stryker-config"]["thresholds"]["break"])')
dotnet stryker --config-file stryker-config.json --break-at 0 "${args[@]}"
report=$(ls -d StrykerOutput/*/reports/mutation-report.json 2>/dev/null | head -n 1 || true)
if [ -z "$report" ]; then
  echo "mutation: Stryker wrote no report" >&2
  exit 1
fi
python3 mutants.py "$report" "$threshold"
