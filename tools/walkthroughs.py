#!/usr/bin/env python3
"""The READMEs' shell walkthroughs run in CI, and what they say they answer is checked.

    tools/walkthroughs.py [FILE.md…]    default: README.md and every docs/*.md; exit 1 if a block fails

Every ```bash block runs in bash (with `set -e`) in a fresh temporary directory that links the
repository's top-level entries (so `scenarios/…` resolves; files a block writes stay there). The
line right before the fence says how, else `serve scenarios`:
    <!-- walkthrough: serve ARGS… -->    a fresh `jobemu serve ARGS… --port 0` for this block alone
    <!-- walkthrough: no server -->
    <!-- walkthrough: skip — reason -->
A ```console block is a transcript: each `$ command` runs, and what it prints must be the lines below it.

What a block may rely on:
  - `127.0.0.1:8080` in it is rewritten to the server's real address, and `127.0.0.1:9000` to a
    receiver that answers 200 to everything and records each request (`webhooks` prints one line a
    request: method, path, body; $WALK/webhooks.jsonl has the headers too)
  - `jobemu` runs the Release build of src/JobEmulator.Cli (build it first); $REPO is the repository
  - `curl` is a function that adds `-sS` and records each call's answer (status, headers, body) as
    "the last answer", without changing what the call prints
  - `# -> STATUS [Header: value]… [BODY]`, on its own line or after a command, asserts the last
    answer: its status, those headers and (a body starting with { [ or ") its body, where `…` stands
    for anything; a JSON body is compared in its compact form (as `jq -c` prints it)
  - `<!-- walkthrough-check … -->` right after the fence holds bash that runs after the block, in the
    same shell: expect_status, expect_header, expect_body_match/expect_body_lacks (regexes),
    poll_until TRIES REGEX COMMAND… (0.5 s apart), wait_webhook SECONDS REGEX, fail MESSAGE
A command line that still holds a placeholder (`…`, `<id>`) fails. Each block has 60 s.
"""
import difflib
import http.server
import json
import os
import pathlib
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
JOBEMU = ROOT / "src/JobEmulator.Cli/bin/Release/net10.0/jobemu.dll"
FENCE = re.compile(r"^```(bash|console)\s*$")
MARKER = re.compile(r"^<!-- walkthrough: (.*?) -->$")
CHECK_START, CHECK_END = "<!-- walkthrough-check", "-->"
ASSERTION = re.compile(r"(?:^|\s)# -> (.*)$")
HEADER = re.compile(r"([A-Za-z][\w-]*): (\S+)\s*")
PLACEHOLDER = re.compile(r"…|<[a-z_]*id>", re.IGNORECASE)
BLOCK_SECONDS = 60

PRELUDE = r"""
curl() {  # the real curl; each call's status, headers and body are kept as the last answer
  : >"$WALK/headers"; : >"$WALK/out"
  command curl -sS -D "$WALK/headers" "$@" | tee -p "$WALK/out"
  return "${PIPESTATUS[0]}"
}
fail() { echo "$__where: $*" | tee -a "$WALK/failure" >&2; exit 1; }
__answer() { python3 "$WALK_PY" answer "$WALK" "$__where" "$@" || exit 1; }
expect_status() { __answer --status "$1"; }
expect_header() { __answer --header "$1: $2"; }
expect_body_match() { __answer --match "$1"; }
expect_body_lacks() { __answer --lacks "$1"; }
poll_until() {  # tries regex command…: runs the command until the last answer's body matches
  local tries=$1 regex=$2 i; shift 2
  for ((i = 1; i <= tries; i++)); do
    "$@"; echo
    python3 "$WALK_PY" answer "$WALK" "$__where" --match "$regex" --quiet && return 0
    sleep 0.5
  done
  fail "no answer matched /$regex/ in $tries tries"
}
webhooks() { cat "$WALK/webhooks.log"; }
wait_webhook() {  # seconds regex: until a received request (method path body) matches
  local deadline=$((SECONDS + $1))
  until grep -Eq -- "$2" "$WALK/webhooks.log"; do
    ((SECONDS < deadline)) || fail "no webhook matched /$2/ within $1 s; received: $(webhooks)"
    sleep 0.2
  done
}
"""


class Block:
    def __init__(self, path, line, kind, lines, marker, check, check_line, title):
        self.path, self.line, self.kind, self.lines = path, line, kind, lines
        self.marker, self.check, self.check_line, self.title = marker, check, check_line, title

    @property
    def where(self):
        return f"{self.path}:{self.line}"


def blocks(markdown):
    lines = markdown.read_text(encoding="utf-8").split("\n")
    name = markdown.relative_to(ROOT) if markdown.is_relative_to(ROOT) else markdown
    title, i = "", 0
    while i < len(lines):
        if lines[i].startswith("#"):
            title = lines[i].lstrip("#").strip()
        fence = FENCE.match(lines[i])
        if fence is None:
            if lines[i].startswith("```"):  # another block: skip over it, so its lines are not headings
                i = lines.index("```", i + 1)
            i += 1
            continue
        end = lines.index("```", i + 1)
        marker = MARKER.match(lines[i - 1]) if i else None
        check, check_line = [], None
        if end + 1 < len(lines) and lines[end + 1].strip() == CHECK_START:
            check_line = end + 2
            close = lines.index(CHECK_END, end + 2)
            check, end = lines[end + 2:close], close
        yield Block(name, i + 1, fence[1], lines[i + 1:lines.index("```", i + 1)],
                    marker[1] if marker else "serve scenarios", check, check_line, title)
        i = end + 1


def assertion(text):
    """`STATUS [Header: value]… [BODY]` as the answer subcommand's arguments."""
    status, _, rest = text.strip().partition(" ")
    if not re.fullmatch(r"\d{3}", status):
        raise ValueError(f"'# -> {text}' does not start with a status code")
    args = ["--status", status]
    while (header := HEADER.match(rest)) is not None:
        args += ["--header", f"{header[1]}: {header[2]}"]
        rest = rest[header.end():]
    if rest and rest[0] not in '{["':
        raise ValueError(f"'# -> {text}': after the status and headers comes a body ({{, [ or \"), not prose")
    return args + (["--body", rest] if rest else [])


def script(block, walk):
    """The block's lines with its assertions after them, then its check, after the prelude."""
    out = [PRELUDE, "set -e", f"__where={shlex.quote(block.where)}", "set -v"]
    for number, line in enumerate(block.lines, block.line + 1):
        command = line.split(" # ", 1)[0] if not line.lstrip().startswith("#") else ""
        if PLACEHOLDER.search(command):
            raise ValueError(f"{block.path}:{number}: a placeholder is left in a command: {line.strip()}")
        out.append(line)
        if (stated := ASSERTION.search(line)) is not None:
            try:
                args = assertion(stated[1])
            except ValueError as problem:
                raise ValueError(f"{block.path}:{number}: {problem}") from None
            out.append(f"__where={shlex.quote(f'{block.path}:{number}')}; __answer {shlex.join(args)}")
    if block.check:
        out += [f"__where={shlex.quote(f'{block.path}:{block.check_line} (check)')}", *block.check]
    return rewrite("\n".join(out) + "\n", walk)


def rewrite(text, walk):
    return text.replace("127.0.0.1:8080", walk["server"] or "127.0.0.1:8080").replace("127.0.0.1:9000", walk["receiver"])


# --- the last answer, as the prelude's curl kept it ---------------------------------------------

def pattern(text):
    return re.compile(".*".join(re.escape(part) for part in text.split("…")), re.DOTALL)


def answer(walk, where, args):
    headers_text = (pathlib.Path(walk) / "headers").read_text(encoding="utf-8", errors="replace")
    out = (pathlib.Path(walk) / "out").read_text(encoding="utf-8", errors="replace")
    blocks_ = [b for b in re.split(r"\r?\n\r?\n", headers_text) if b.startswith("HTTP/")]
    status = blocks_[-1].splitlines()[0].split()[1] if blocks_ else "(none)"
    headers = {}
    for line in (blocks_[-1].splitlines()[1:] if blocks_ else []):
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    while out.startswith("HTTP/"):  # curl -i: the headers are in the output too
        out = re.split(r"\r?\n\r?\n", out, maxsplit=1)[1] if re.search(r"\r?\n\r?\n", out) else ""
    try:
        body = json.dumps(json.loads(out), separators=(",", ":"), ensure_ascii=False)
    except ValueError:
        body = out.strip()
    problems = []
    quiet = "--quiet" in args
    pairs = [a for a in args if a != "--quiet"]
    for option, value in zip(pairs[::2], pairs[1::2]):
        if option == "--status" and status != value:
            problems.append(f"status {status}, not {value}")
        elif option == "--header":
            name, _, wanted = value.partition(": ")
            got = headers.get(name.lower())
            if got is None or not pattern(wanted).fullmatch(got):
                problems.append(f"header {name}: {got if got is not None else '(absent)'}, not {wanted}")
        elif option == "--body" and not pattern(value).fullmatch(body):
            problems.append(f"body does not match {value}")
        elif option == "--match" and not re.search(value, body):
            problems.append(f"body does not match /{value}/")
        elif option == "--lacks" and re.search(value, body):
            problems.append(f"body matches /{value}/")
    if problems:
        if not quiet:
            message = f"{where}: {'; '.join(problems)}\n    the last answer: {status} {body[:2000]}"
            print(message, file=sys.stderr)
            with open(pathlib.Path(walk) / "failure", "a", encoding="utf-8") as f:
                f.write(message + "\n")
        sys.exit(1)


# --- what a block runs against ------------------------------------------------------------------

class Receiver(http.server.ThreadingHTTPServer):
    """127.0.0.1:9000 of the walkthroughs: answers 200, records every request."""

    def __init__(self, walk):
        self.walk, self.lock = walk, threading.Lock()
        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


class Handler(http.server.BaseHTTPRequestHandler):
    def handle_one(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while (size := int(self.rfile.readline().split(b";")[0], 16)) > 0:
                body += self.rfile.read(size)
                self.rfile.readline()
            self.rfile.readline()
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        text = body.decode("utf-8", errors="replace")
        record = {"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": text}
        with self.server.lock:
            with open(self.server.walk / "webhooks.jsonl", "a", encoding="utf-8") as f:
                f.write(json.dumps(record) + "\n")
            with open(self.server.walk / "webhooks.log", "a", encoding="utf-8") as f:
                f.write(f"{self.command} {self.path} {' '.join(text.split())}\n")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_GET = handle_one

    def log_message(self, *args):
        pass


def start_server(args, cwd, log):
    server = subprocess.Popen(["dotnet", str(JOBEMU), "serve", *args, "--port", "0", "--host", "127.0.0.1"],
                              cwd=cwd, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        if (found := re.search(r"listening on http://([\d.]+:\d+)", log.read_text(errors="replace"))) is not None:
            return server, found[1]
        time.sleep(0.1)
    stop(server)
    raise RuntimeError(f"jobemu serve {' '.join(args)} did not start:\n{log.read_text(errors='replace')}")


def stop(process):
    if process is not None and process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass


def run(command, cwd, env, seconds):
    """(exit code or None on time-out, what it printed); whatever it left running is killed."""
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code, note = process.wait(seconds), ""
        except subprocess.TimeoutExpired:
            code, note = None, f"\n(timed out after {seconds} s)"
        finally:  # also when the runner itself is stopped
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
        out.seek(0)
        return code, out.read().decode("utf-8", errors="replace") + note


def walk_block(block, shims):
    """(ok, detail) for one block that runs."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="walkthrough-"))
    walk = work / ".walk"
    walk.mkdir()
    for entry in ROOT.iterdir():
        if not entry.name.startswith("."):
            (work / entry.name).symlink_to(entry)
    for name in ("webhooks.log", "webhooks.jsonl", "failure"):
        (walk / name).touch()
    server, receiver = None, Receiver(walk)
    try:
        setup = block.marker.split()
        address = None
        if setup[0] == "serve":
            server, address = start_server(setup[1:], work, walk / "server.log")
        elif block.marker != "no server":
            return False, f"unknown walkthrough marker '{block.marker}' (serve ARGS…, no server, skip — reason)"
        addresses = {"server": address, "receiver": f"127.0.0.1:{receiver.server_address[1]}"}
        env = dict(os.environ, PATH=f"{shims}:{os.environ['PATH']}", REPO=str(ROOT), WALK=str(walk),
                   WALK_PY=str(pathlib.Path(__file__).resolve()), NO_COLOR="1")
        if block.kind == "console":
            return console(block, work, env, addresses)
        try:
            text = script(block, addresses)
        except ValueError as problem:
            return False, str(problem)
        (walk / "block.sh").write_text(text, encoding="utf-8")
        code, out = run(["bash", str(walk / "block.sh")], work, env, BLOCK_SECONDS)
        if code == 0:
            return True, ""
        failure = (walk / "failure").read_text().strip() or f"exit code {code}"
        server_log = "\n".join((walk / "server.log").read_text(errors="replace").splitlines()[-15:]) if server else ""
        return False, f"{failure}\n--- transcript\n{out.rstrip()}" + (f"\n--- server log (last lines)\n{server_log}" if server_log else "")
    except RuntimeError as problem:
        return False, str(problem)
    finally:
        stop(server)
        receiver.shutdown()
        receiver.server_close()
        shutil.rmtree(work, ignore_errors=True)


def console(block, work, env, addresses):
    steps, expected = [], None
    for line in block.lines:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line.rstrip())
        else:
            return False, "a console block starts with a '$ command' line"
    for command, wanted in steps:
        code, out = run(["bash", "-c", rewrite(command, addresses)], work, env, BLOCK_SECONDS)
        got = [l.rstrip() for l in out.rstrip("\n").split("\n")]
        while wanted and not wanted[-1]:
            wanted.pop()
        if got != wanted:
            diff = "\n".join(difflib.unified_diff(wanted, got, "README", "printed", lineterm=""))
            return False, f"$ {command} (exit code {code}) printed something else:\n{diff}"
    return True, ""


def main():
    files = [pathlib.Path(a).resolve() for a in sys.argv[1:]] or [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    if not JOBEMU.exists():
        sys.exit(f"{JOBEMU} is missing: dotnet build src/JobEmulator.Cli -c Release")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so servers stop on a CI time-out too
    shims = pathlib.Path(tempfile.mkdtemp(prefix="walkthrough-bin-"))
    (shims / "jobemu").write_text(f'#!/bin/sh\nexec dotnet {shlex.quote(str(JOBEMU))} "$@"\n')
    (shims / "jobemu").chmod(0o755)
    failed = ran = skipped = 0
    started = time.monotonic()
    try:
        for markdown in files:
            for block in blocks(markdown):
                if block.marker.startswith("skip"):
                    skipped += 1
                    print(f"SKIP {block.where}  {block.title}: {block.marker[4:].strip(' —-:')}", flush=True)
                    continue
                began = time.monotonic()
                ok, detail = walk_block(block, shims)
                ran += 1
                print(f"{'ok  ' if ok else 'FAIL'} {block.where}  {block.title} ({time.monotonic() - began:.1f} s)", flush=True)
                if not ok:
                    failed += 1
                    print("     " + detail.replace("\n", "\n     "), flush=True)
    finally:
        shutil.rmtree(shims, ignore_errors=True)
    print(f"{ran - failed} of {ran} walkthroughs ran as written, {skipped} skipped ({time.monotonic() - started:.0f} s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if sys.argv[1:2] == ["answer"]:
        answer(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        main()
