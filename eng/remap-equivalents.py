"""Moves the line numbers in eng/equivalent-mutants.md to where their lines went since a commit.

    python3 eng/remap-equivalents.py <commit>

Each row names a line of a file under src/JobEmulator.Core/ as it was at <commit>; the row is rewritten with the
line's number in the working tree. A line that left its file (a file split along a seam, or moved to another folder)
is followed to the one file whose name starts with the old file's name, or else to the one file anywhere in Core,
that holds exactly that line once. A row whose line was changed or removed is left as it is and printed: read the
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


def moved_to(before, line, file):
    """(file, line) where the old line went when it left its file: the one file of Core holding that exact text once,
    those named after the old file first (EmulatorScheduler.cs -> EmulatorScheduler.Running.cs); else None."""
    if before is None or line > len(before) or not before[line - 1].strip():
        return None
    text = before[line - 1]
    stem = pathlib.PurePosixPath(file).stem
    found = []
    for path in sorted((ROOT / "src" / "JobEmulator.Core").rglob("*.cs")):
        if "/obj/" in path.as_posix() or "/bin/" in path.as_posix():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        if lines.count(text) == 1:
            found.append((path.relative_to(ROOT / "src" / "JobEmulator.Core").as_posix(), lines.index(text) + 1))
    named = [f for f in found if pathlib.PurePosixPath(f[0]).name.startswith(stem + ".") or pathlib.PurePosixPath(f[0]).stem == stem]
    for candidates in (named, found):
        if len(candidates) == 1:
            return candidates[0]
    return None


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
        elif (went := moved_to(old_lines(commit, file), line, file)) is not None:
            out.append(f"| `{went[0]}` | {went[1]}{row[4]}")
        else:
            out.append(text)
            stale.append(f"{file}:{line}")
    TABLE.write_text("\n".join(out) + "\n", encoding="utf-8")
    for where in stale:
        print(f"changed or removed since {commit}: {where}; read that mutant again")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
