#!/usr/bin/env python3
"""README C# snippets come from code that compiles and runs in CI.

A region in any .cs file under src/, tests/ or samples/:
    // begin-snippet: first-test
    ...
    // end-snippet
is what a Markdown file shows in the ```csharp block that follows the line
    <!-- snippet: first-test -->
(several names, space-separated, are joined with a blank line: usings from a file's top, then a body).
A ```yaml block after the line
    <!-- file: samples/your-own-api/lumen.yaml -->
shows that whole file (which tests load), so a definition or scenario in the docs is one that works.

    tools/snippets.py          check: every ```csharp block in README.md, docs/*.md and src/*/README.md has a marker
                               and equals its regions (dedented); exit 1 with a diff otherwise
    tools/snippets.py update   rewrite those blocks from the code
"""
import difflib
import pathlib
import re
import sys
import textwrap

ROOT = pathlib.Path(__file__).resolve().parent.parent
BEGIN = re.compile(r"^\s*// begin-snippet: ([\w-]+)\s*$")
END = re.compile(r"^\s*// end-snippet\s*$")
MARKER = re.compile(r"^\s*<!-- snippet: ([\w -]+) -->$")
FILE = re.compile(r"^\s*<!-- file: ([\w./-]+) -->$")


def regions():
    found = {}
    for folder in ("src", "tests", "samples"):
        for path in sorted((ROOT / folder).rglob("*.cs")):
            if "/bin/" in path.as_posix() or "/obj/" in path.as_posix():
                continue
            name, lines = None, []
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if (begin := BEGIN.match(line)) is not None:
                    if name is not None:
                        sys.exit(f"{path}:{number}: begin-snippet {begin[1]} inside {name}")
                    name, lines = begin[1], []
                elif END.match(line):
                    if name is None:
                        sys.exit(f"{path}:{number}: end-snippet without begin-snippet")
                    if name in found:
                        sys.exit(f"{path}:{number}: snippet {name} is defined twice")
                    found[name] = textwrap.dedent("\n".join(lines)).strip("\n")
                    name = None
                elif name is not None:
                    lines.append(line)
            if name is not None:
                sys.exit(f"{path}: snippet {name} has no end-snippet")
    return found


def process(markdown, code, update):
    lines = markdown.read_text(encoding="utf-8").split("\n")
    out, problems, i = [], [], 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == "```yaml" and out and (named := FILE.match(out[-1])) is not None:
            end = lines.index(line[:len(line) - len(line.lstrip())] + "```", i + 1)
            shown = "\n".join(lines[i + 1:end])
            source = ROOT / named[1]
            wanted = source.read_text(encoding="utf-8").rstrip("\n") if source.is_file() else None
            if wanted is None:
                problems.append(f"{markdown.relative_to(ROOT)}:{i + 1}: no file {named[1]}")
            elif wanted != shown:
                if update:
                    shown = wanted
                else:
                    diff = "\n".join(difflib.unified_diff(shown.split("\n"), wanted.split("\n"), "README", named[1], lineterm=""))
                    problems.append(f"{markdown.relative_to(ROOT)}:{i + 1}: the block differs from {named[1]} (tools/snippets.py update):\n{diff}")
            out += [line, shown, "```"]
            i = end + 1
            continue
        if line.strip() == "```csharp":
            # A block inside a list item is indented: so are its marker, its lines and its closing fence.
            indent = line[:len(line) - len(line.lstrip())]
            marker = MARKER.match(out[-1]) if out else None
            if marker is None:
                problems.append(f"{markdown.relative_to(ROOT)}:{i + 1}: a ```csharp block with no <!-- snippet: name --> line before it")
            end = lines.index(indent + "```", i + 1)
            shown = "\n".join(lines[i + 1:end])
            if marker is not None:
                names = marker[1].split()
                missing = [n for n in names if n not in code]
                if missing:
                    problems.append(f"{markdown.relative_to(ROOT)}:{i + 1}: no code region named {', '.join(missing)}")
                else:
                    wanted = "\n".join((indent + l).rstrip() for l in "\n\n".join(code[n] for n in names).split("\n"))
                    if wanted != shown:
                        if update:
                            shown = wanted
                        else:
                            diff = "\n".join(difflib.unified_diff(shown.split("\n"), wanted.split("\n"), "README", "code", lineterm=""))
                            problems.append(f"{markdown.relative_to(ROOT)}:{i + 1}: snippet {marker[1]} differs from its code (tools/snippets.py update):\n{diff}")
            out += [line, shown, indent + "```"]
            i = end + 1
            continue
        out.append(line)
        i += 1
    if update:
        markdown.write_text("\n".join(out), encoding="utf-8")
    return problems


def main():
    update = sys.argv[1:] == ["update"]
    code = regions()
    problems = []
    for markdown in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "src").glob("*/README.md"))]:
        problems += process(markdown, code, update)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems and not update:
        sys.exit(1)
    print(f"{len(code)} snippets {'written' if update else 'match their code'}")


main()
