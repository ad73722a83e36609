"""Prints Stryker.NET --mutate patterns for the lines of the core's files that changed since a commit.

    python3 eng/changed-spans.py <commit> <file>...

For each file (a path from the repository's root), one pattern: the file's glob followed by a text span per changed
hunk, '{start..end}' in UTF-16 code units from the file's start (as Roslyn counts them), widened by a few lines on
either side so an expression written over several lines is mutated whole. A file with no changed line prints nothing.
A hunk that only changes declarations' accessibility (public to internal and back, line for line) holds no new
behaviour, so it is left out; so are lines git's move detection (--color-moved) sees moved unchanged from elsewhere in
the scope, so splitting a file along a seam mutates only what the split changed."""
import re
import subprocess
import sys

CONTEXT = 2  # lines added on either side of a hunk
HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
ACCESS = re.compile(r"\b(public|internal|private|protected)\b")


def only_accessibility(body):
    """True when a hunk's removed and added lines pair up, each pair the same but for accessibility keywords."""
    removed = [line[1:] for line in body if line.startswith("-")]
    added = [line[1:] for line in body if line.startswith("+")]
    return len(removed) == len(added) > 0 and all(
        ACCESS.sub("~", old) == ACCESS.sub("~", new) for old, new in zip(removed, added))


def utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


SCOPE = [f":(glob)src/JobEmulator.Core/{folder}/**/*.cs" for folder in (
    "Engine", "Scheduling", "Lifecycle", "Limits", "Scenarios", "Webhooks", "Dialects", "Templates", "Definitions")] + [
    ":(glob)src/JobEmulator.Core/Yaml/DurationText.cs", ":(glob)src/JobEmulator.Core/Yaml/ScenarioError.cs"]
COLOUR = re.compile(r"^\x1b\[([0-9;]*)m")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Git's own move detection (--color-moved) tells lines moved unchanged from lines written anew; these colours mark them.
MOVED_COLOURS = ["-c", "color.diff.new=green", "-c", "color.diff.old=red", "-c", "color.diff.newMoved=blue",
                 "-c", "color.diff.newMovedAlternative=blue", "-c", "color.diff.oldMoved=magenta",
                 "-c", "color.diff.oldMovedAlternative=magenta"]


def parse(commit):
    """{path: [hunk]} over the whole scope (deleted files included, so code moved out of them is recognised), each hunk
    its new-side start and its lines as (sign, text, moved)."""
    diff = subprocess.run(["git", *MOVED_COLOURS, "diff", "--unified=0", "--color=always", "--color-moved=blocks",
                           "--color-moved-ws=allow-indentation-change", commit, "--", *SCOPE],
                          capture_output=True, text=True, check=True).stdout
    files, path, hunk = {}, None, None
    for raw in diff.splitlines():
        colour = COLOUR.match(raw)
        line = ANSI.sub("", raw)
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
            files.setdefault(path, [])
        elif line.startswith("@@") and path is not None:
            match = HUNK.match(line)
            hunk = (int(match[1]), int(match[2] or "1"), [])
            files[path].append(hunk)
        elif hunk is not None and path is not None and line[:1] in "+-" and not line.startswith(("+++", "---")):
            moved = colour is not None and colour[1] in ("34", "35")
            hunk[2].append((line[0], line[1:], moved))
    return files


def hunks(parsed, path):
    """(first, last) line numbers, 1-based and inclusive, of what changed in the working tree's <path>: lines added or
    changed, except lines git saw moved unchanged from elsewhere in the scope and hunks that only change accessibility;
    where lines were only removed (and not moved away), the lines around the cut."""
    found = []
    for start, count, body in parsed.get(path, []):
        if only_accessibility([sign + text for sign, text, _ in body]):
            continue
        if count == 0:
            if any(sign == "-" and not moved for sign, _, moved in body):
                found.append((max(start, 1), start + 1))
            continue
        number = start
        for sign, _, moved in body:
            if sign == "+":
                if not moved:
                    found.append((number, number))
                number += 1
    return found


def spans(path, ranges):
    with open(path, encoding="utf-8-sig", newline="") as source:
        lines = source.read().splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + utf16_length(line))
    merged = []
    for first, last in sorted(ranges):
        first, last = max(first - CONTEXT, 1), min(last + CONTEXT, len(lines))
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return [(starts[first - 1], starts[last]) for first, last in merged if first <= last]


def main(commit, paths):
    parsed = parse(commit)
    for path in paths:
        found = spans(path, hunks(parsed, path))
        if found:
            glob = "**/" + path.split("src/JobEmulator.Core/", 1)[-1]
            print(glob + "".join(f"{{{start}..{end}}}" for start, end in found))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
