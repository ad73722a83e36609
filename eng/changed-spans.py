"""Prints Stryker.NET --mutate patterns for the lines of the core's files that changed since a commit.

    python3 eng/changed-spans.py <commit> <file>...

For each file (a path from the repository's root), one pattern: the file's glob followed by a text span per changed
hunk, '{start..end}' in UTF-16 code units from the file's start (as Roslyn counts them), widened by a few lines on
either side so an expression written over several lines is mutated whole. A file with no changed line prints nothing.
A hunk that only changes declarations' accessibility (public to internal and back, line for line) holds no new
behaviour, so it is left out."""
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


def hunks(commit, path):
    """(first, last) line numbers, 1-based and inclusive, of the hunks added or changed in the working tree."""
    diff = subprocess.run(["git", "diff", "--unified=0", commit, "--", path], capture_output=True, text=True, check=True).stdout
    found = []
    matches = list(HUNK.finditer(diff))
    for index, match in enumerate(matches):
        start, count = int(match[1]), int(match[2] or "1")
        end = matches[index + 1].start() if index + 1 < len(matches) else len(diff)
        if only_accessibility(diff[match.end():end].splitlines()[1:]):
            continue
        if count == 0:
            # Lines only removed: the lines around the cut are what changed.
            found.append((max(start, 1), start + 1))
        else:
            found.append((start, start + count - 1))
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
    for path in paths:
        found = spans(path, hunks(commit, path))
        if found:
            glob = "**/" + path.split("src/JobEmulator.Core/", 1)[-1]
            print(glob + "".join(f"{{{start}..{end}}}" for start, end in found))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
