"""Reads a Stryker.NET JSON report: the score per file and every mutant that survived or was not covered,
with its line and what it changed, minus those eng/equivalent-mutants.md lists as equivalent."""
import collections
import json
import pathlib
import re
import sys

DETECTED = {"Killed", "Timeout"}
UNDETECTED = {"Survived", "NoCoverage"}


def equivalents():
    """(file, line, mutator, column or None) from the tables in eng/equivalent-mutants.md. A mutator written as
    'Boolean mutation @102' names only the mutant starting at that column, where one line has two of a kind."""
    path = pathlib.Path(__file__).with_name("equivalent-mutants.md")
    found = set()
    if path.exists():
        for row in re.finditer(r"^\| `([^`]+)` \| (\d+) \| ([^|]+?) \|", path.read_text(encoding="utf-8"), re.M):
            mutator, _, column = row[3].strip().partition(" @")
            found.add((row[1], int(row[2]), mutator, int(column) if column else None))
    return found


def is_listed(known, short, mutant):
    start = mutant["location"]["start"]
    return ((short, start["line"], mutant["mutatorName"], None) in known
            or (short, start["line"], mutant["mutatorName"], start["column"]) in known)


def main(report_path):
    report = json.loads(pathlib.Path(report_path).read_text(encoding="utf-8"))
    known = equivalents()
    totals = collections.Counter()
    rows = []
    for path, data in sorted(report["files"].items()):
        short = path.split("JobEmulator.Core/", 1)[-1]
        counts = collections.Counter()
        open_mutants = []
        for mutant in data["mutants"]:
            status = mutant["status"]
            line = mutant["location"]["start"]["line"]
            if status in UNDETECTED and is_listed(known, short, mutant):
                status = "Equivalent"
            counts[status] += 1
            if status in UNDETECTED:
                open_mutants.append((line, status, mutant["mutatorName"], mutant.get("replacement", "")))
        tested = counts["Killed"] + counts["Timeout"] + counts["Survived"] + counts["NoCoverage"]
        if tested == 0:
            continue
        totals.update(counts)
        score = 100 * (counts["Killed"] + counts["Timeout"]) / tested
        rows.append((short, score, counts, sorted(open_mutants)))
    for short, score, counts, open_mutants in rows:
        print(f"{score:6.1f}%  {short}  (killed {counts['Killed']}, timeout {counts['Timeout']}, survived {counts['Survived']}, "
              f"no coverage {counts['NoCoverage']}, equivalent {counts['Equivalent']})")
        for line, status, mutator, replacement in open_mutants:
            print(f"          {line:5}  {status:10} {mutator}: {replacement[:110]}")
    tested = totals["Killed"] + totals["Timeout"] + totals["Survived"] + totals["NoCoverage"]
    if not tested:
        print("no mutant was tested")
        return 100.0
    score = 100 * (totals['Killed'] + totals['Timeout']) / tested
    print(f"score {score:.2f}% over {tested} mutants "
          f"({totals['Survived']} survived, {totals['NoCoverage']} not covered, {totals['Equivalent']} listed as equivalent)")
    return score


if __name__ == "__main__":
    # mutants.py <report> [<break>]: exits 1 when the score, equivalent mutants left out, is below <break>.
    final = main(sys.argv[1])
    if len(sys.argv) > 2 and final < float(sys.argv[2]):
        print(f"below the threshold of {sys.argv[2]}%: kill the mutants above with tests, or list those no input can tell apart "
              f"in eng/equivalent-mutants.md with the reason", file=sys.stderr)
        sys.exit(1)
