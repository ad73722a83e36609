"""Moves the line numbers in eng/equivalent-mutants.md to where their lines went since a commit.

    python3 eng/remap-equivalents.py <commit>

Each row names a line of a file under src/JobEmulator.Core/ as it was at <commit>; the row is rewritten with the
line's number in the working tree. A row whose line was changed or removed is left as it is and printed: read the
mutant again (a new Stryker run says whether it still survives)."""
import difflib
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TABLE = ROOT / "eng" / "equivalent-mutants.md"
ROW = re.compile(r"^(\| `([^`]+)` \| )(\d+)( \|.*)$")


def old_lines(commit, file):
    shown = subprocess.run(["git", "show", f"{commit}:src/JobEmulator.Core/{file}"], cwd=ROOT, capture_output=True, text=True)
    return shown.stdout.splitlines() if shown.returncode == 0 else None


def line_map(before, after):
    """Old 1-based line -> new 1-based line, for the lines that did not change."""
    moved = {}
    for tag, i1, i2, j1, _ in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                moved[i1 + offset + 1] = j1 + offset + 1
    return moved


def main(commit):
    maps = {}
    out = []
    stale = []
    for text in TABLE.read_text(encoding="utf-8").splitlines():
        row = ROW.match(text)
        if not row:
            out.append(text)
            continue
        file, line = row[2], int(row[3])
        if file not in maps:
            before = old_lines(commit, file)
            current = ROOT / "src" / "JobEmulator.Core" / file
            maps[file] = line_map(before, current.read_text(encoding="utf-8").splitlines()) if before is not None and current.exists() else {}
        if line in maps[file]:
            out.append(f"{row[1]}{maps[file][line]}{row[4]}")
        else:
            out.append(text)
            stale.append(f"{file}:{line}")
    TABLE.write_text("\n".join(out) + "\n", encoding="utf-8")
    for where in stale:
        print(f"changed or removed since {commit}: {where}; read that mutant again")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
