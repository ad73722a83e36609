#!/usr/bin/env python3
"""Webhook fan-out (issue 25): N Symbl submissions with a webhookUrl at a receiver that accepts connections and never
answers, measured from outside `jobemu serve`. From the moment the submissions end it samples, every second, the
latency of /__admin/health, the server's open descriptors, RSS, threads and whether it lives; then the receiver
starts answering 200 and the script waits (bounded) until every event is settled: answered by the receiver, or
listed by the emulator as dropped from its full backlog. It fails, saying why, when a target is missed.

Run through benchmarks/webhook-fanout/run.sh, which publishes jobemu.
"""
import argparse
import collections
import http.client
import json
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import free_port, rss_mb  # noqa: E402

TARGET_HEALTH_MS = 100
TARGET_FDS = 1000
TARGET_RSS_MB = 300
JOB_ID = re.compile(rb'"jobId":"([^"]+)"')
STATUS = re.compile(rb'"status":"([^"]+)"')
LOG_CAPACITY = 10_000  # WebhookDeliveries.LogCapacity: /__admin/webhooks lists the latest 10,000 attempts


class Receiver:
    """One listening socket on 127.0.0.1 for the whole run, served by one thread (selectors), so a server that opened
    thousands of connections could not make this script spawn thousands of threads. While holding, it accepts
    connections and reads and discards what they send, never answering. open() closes every held connection (the
    emulator sees its attempt fail at once and schedules the retry) and from then on answers every request 200 with
    keep-alive, recording the (jobId, status) it carried."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1024)
        self.listener.setblocking(False)
        self.port = self.listener.getsockname()[1]
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.listener, selectors.EVENT_READ)
        self.buffers = {}
        self.holding = True
        self.open_requested = threading.Event()
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.accepted_while_holding = 0
        self.held_now = 0
        self.held_max = 0
        self.answered = 0  # every 200 sent, repeats included
        self.events = collections.defaultdict(set)  # jobId -> statuses answered
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def open(self):
        self.open_requested.set()

    def stop(self):
        self.stopping.set()
        self.thread.join(5)

    def _close(self, conn):
        self.selector.unregister(conn)
        self.buffers.pop(conn, None)
        conn.close()

    def _run(self):
        while not self.stopping.is_set():
            if self.holding and self.open_requested.is_set():
                for conn in list(self.buffers):
                    self._close(conn)
                with self.lock:
                    self.holding = False
                    self.held_now = 0
            for key, _ in self.selector.select(0.1):
                if key.fileobj is self.listener:
                    while True:
                        try:
                            conn, _ = self.listener.accept()
                        except BlockingIOError:
                            break
                        conn.setblocking(False)
                        self.buffers[conn] = b""
                        self.selector.register(conn, selectors.EVENT_READ)
                        if self.holding:
                            with self.lock:
                                self.accepted_while_holding += 1
                    continue
                conn = key.fileobj
                try:
                    data = conn.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    self._close(conn)
                    continue
                if self.holding:
                    continue  # a black hole: read and discard
                buffer = self.buffers[conn] + data
                try:
                    buffer = self._answer(conn, buffer)
                except OSError:
                    self._close(conn)
                    continue
                self.buffers[conn] = buffer
            if self.holding:  # counted once the whole batch is handled: closes and the accepts replacing them
                with self.lock:
                    self.held_now = len(self.buffers)
                    self.held_max = max(self.held_max, self.held_now)
        for conn in list(self.buffers):
            self._close(conn)
        self.selector.close()
        self.listener.close()

    def _answer(self, conn, buffer):
        """Answers every complete request in buffer (the emulator sends a Content-Length body); returns the rest."""
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return buffer
            head = buffer[:end].decode("latin-1")
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if len(buffer) < end + 4 + length:
                return buffer
            body = buffer[end + 4:end + 4 + length]
            buffer = buffer[end + 4 + length:]
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            job, status = JOB_ID.search(body), STATUS.search(body)
            with self.lock:
                self.answered += 1
                if job and status:
                    self.events[job[1].decode()].add(status[1].decode())

    def snapshot(self):
        with self.lock:
            return {"held": self.held_now, "held_max": self.held_max, "accepted_holding": self.accepted_while_holding,
                    "answered": self.answered, "distinct": sum(len(s) for s in self.events.values())}


class WebhookLog:
    """The union of /__admin/webhooks snapshots. The emulator keeps only its latest 10,000 attempts, so the list is
    fetched every half second while it moves (every few seconds while it does not) and merged; a full snapshot whose
    oldest entry was never seen means attempts may have been missed between two fetches (reported as a gap: the
    counts are then lower bounds)."""

    def __init__(self, port):
        self.port = port
        self.seen = set()
        self.records = 0
        self.dropped = 0
        self.delivered = 0
        self.failed = 0  # attempts made that did not get a 2xx (the black hole's time-outs, refusals)
        self.gave_up = 0  # failed with no retry left
        self.drops_per_job = collections.Counter()
        self.gaps = []  # when (monotonic) the fetches that found a gap were made
        self.fetches = 0
        self.last_fetch_ms = 0.0
        self.lock = threading.Lock()

    def fetch(self, t):
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request("GET", "/__admin/webhooks")
            attempts = json.loads(conn.getresponse().read())
        finally:
            conn.close()
        with self.lock:
            self.fetches += 1
            self.last_fetch_ms = (time.monotonic() - started) * 1000
            keys = [(a["time"], a["job_id"], a["event_id"], a["attempt"], a["error"], a["status_code"]) for a in attempts]
            if len(attempts) >= LOG_CAPACITY and keys and keys[0] not in self.seen:
                self.gaps.append(t)
            for key, attempt in zip(keys, attempts):
                if key in self.seen:
                    continue
                self.seen.add(key)
                self.records += 1
                error = attempt["error"] or ""
                if error.startswith("dropped"):
                    self.dropped += 1
                    self.drops_per_job[attempt["job_id"]] += 1
                elif attempt["delivered"]:
                    self.delivered += 1
                else:
                    self.failed += 1
                    if attempt["next_attempt_at"] is None:
                        self.gave_up += 1

    def snapshot(self):
        with self.lock:
            return {"records": self.records, "dropped": self.dropped, "delivered": self.delivered, "failed": self.failed,
                    "gave_up": self.gave_up, "gaps": list(self.gaps), "fetches": self.fetches, "fetch_ms": self.last_fetch_ms}


def request(port, method, path, body=None, headers=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def submit(port, token, hook, count, connections, limit_seconds):
    """count submissions over `connections` keep-alive connections (one thread each); returns the job ids and the
    failures (non-201 answers and errors, by kind)."""
    body = json.dumps({"url": "https://example.com/call.mp3", "name": "n", **({"webhookUrl": hook} if hook else {})})
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    remaining = [count]
    lock = threading.Lock()
    jobs, failures = [], collections.Counter()
    deadline = time.monotonic() + limit_seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] == 0:
                    break
                remaining[0] -= 1
            try:
                conn.request("POST", "/v1/process/audio/url", body=body, headers=headers)
                response = conn.getresponse()
                answer = response.read()
                if response.status == 201:
                    mine.append(JOB_ID.search(answer)[1].decode())
                else:
                    with lock:
                        failures[f"HTTP {response.status}"] += 1
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    failures[type(e).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()
        with lock:
            jobs.extend(mine)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(1, deadline - time.monotonic() + 35))
    if remaining[0]:
        failures["not sent (time limit)"] += remaining[0]
    return jobs, failures


def proc_status(pid):
    """(open descriptors, threads, anonymous resident MB: the heaps, not the mapped code) of a live process, or Nones
    once it is gone."""
    try:
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return fds, int(fields["Threads"]), int(fields["RssAnon"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        return None, None, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobemu", required=True)
    parser.add_argument("--submissions", type=int, default=30_000)
    parser.add_argument("--seconds", type=int, default=60, help="seconds sampled after the submissions end, the receiver still silent (default 60)")
    parser.add_argument("--drain-seconds", type=int, default=120, help="at most this long for every event to settle once the receiver answers (default 120)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections submitting (default 8)")
    parser.add_argument("--log-interval", type=float, default=5, help="seconds between fetches of /__admin/webhooks while it does not change (default 5; 0.5 while it does); 0: only before the receiver answers and at the end (the accounting then has gaps)")
    parser.add_argument("--backlog", type=int, default=None, help="serve --webhook-backlog (default: the emulator's, 10,000)")
    parser.add_argument("--control", action="store_true", help="the same submissions without a webhookUrl: what the jobs alone cost (nothing to settle)")
    parser.add_argument("--smoke", action="store_true", help="2,000 submissions, 10 s, a backlog of 1,000 (so drops happen): what CI runs")
    args = parser.parse_args()
    if args.smoke:
        args.submissions, args.seconds, args.backlog = 2000, 10, args.backlog or 1000

    root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    work = tempfile.mkdtemp(prefix="jobemu-fanout-")
    receiver = Receiver()
    hook = f"http://127.0.0.1:{receiver.port}/hook"
    port = free_port()
    command = ["dotnet", args.jobemu, "serve", os.path.join(root, "scenarios", "symbl"), "--port", str(port), "--request-log", "off"]
    if args.backlog:
        command += ["--webhook-backlog", str(args.backlog)]
    serve_log = os.path.join(work, "serve.log")
    log = open(serve_log, "wb")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    samples, stop_logging = [], threading.Event()
    webhooks = WebhookLog(port)
    clock = {"end": None}  # monotonic instant the submissions ended: t = 0
    started_at = time.monotonic()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if request(port, "GET", "/__admin/health", timeout=1)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("jobemu did not start; its output:\n" + open(serve_log, errors="replace").read()[-3000:])
            time.sleep(0.1)
        status, answer = request(port, "POST", "/oauth2/token:generate",
                                 json.dumps({"type": "application", "appId": "symbl_app", "appSecret": "symbl_secret"}),
                                 {"Content-Type": "application/json"})
        token = json.loads(answer)["accessToken"]

        def now():
            return time.monotonic() - clock["end"] if clock["end"] is not None else 0.0

        def log_loop():
            # Every half second (after the last fetch ends) while the submissions run or the log moves: at full speed
            # they make thousands of attempts a second, each a drop once the backlog is full, and the emulator lists
            # only its latest 10,000. Every --log-interval seconds while it does not change.
            interval = 0.5
            while args.log_interval > 0 and not stop_logging.wait(interval):
                if server.poll() is not None:
                    return
                before = webhooks.records
                try:
                    webhooks.fetch(time.monotonic())
                except (OSError, http.client.HTTPException, ValueError):
                    pass  # a slow or failed fetch shows as a gap in the next one
                interval = 0.5 if submitting.is_set() or webhooks.records != before else args.log_interval

        def sample(phase):
            mono = time.monotonic()
            fds, threads, anon = proc_status(server.pid)
            alive = server.poll() is None and fds is not None
            rss = rss_mb(server.pid) if alive else float("nan")
            health_ms, jobs, scheduled = None, None, None
            if alive:
                began = time.monotonic()
                try:
                    status, answer = request(port, "GET", "/__admin/health", timeout=10)
                    health_ms = (time.monotonic() - began) * 1000
                    if status == 200:
                        health = json.loads(answer)
                        jobs, scheduled = health["jobs"], health["scheduled"]
                    else:
                        health_ms = None
                except (OSError, http.client.HTTPException):
                    health_ms = float("inf")  # no answer within 10 s
            s = {"phase": phase, "mono": mono, "health_ms": health_ms, "fds": fds, "rss_mb": rss, "anon_mb": anon, "threads": threads, "alive": alive,
                 "jobs": jobs, "scheduled": scheduled, **{"log_" + k: v for k, v in webhooks.snapshot().items()}, **receiver.snapshot()}
            samples.append(s)
            return s

        submitting = threading.Event()
        submitting.set()
        logger = threading.Thread(target=log_loop, daemon=True)
        logger.start()
        print(f"fanout: {args.submissions:,} Symbl submissions over {args.connections} connections, "
              + ("without a webhookUrl (control)" if args.control else f"webhooks to {hook} (accepts, never answers)")
              + (f", --webhook-backlog {args.backlog}" if args.backlog else ""), flush=True)
        result = {}

        def submitter():
            result["jobs"], result["failures"] = submit(port, token, None if args.control else hook, args.submissions, args.connections, 600)
            submitting.clear()

        submit_started = time.monotonic()
        threading.Thread(target=submitter, daemon=True).start()
        next_tick = time.monotonic() + 1
        while submitting.is_set():
            time.sleep(max(0, min(0.05, next_tick - time.monotonic())))
            if time.monotonic() >= next_tick and submitting.is_set():
                sample("submit")
                next_tick += 1
        clock["end"] = time.monotonic()
        jobs, failures = result["jobs"], result["failures"]
        submit_seconds = clock["end"] - submit_started
        print(f"fanout: {len(jobs):,} submissions answered 201 in {submit_seconds:.1f} s ({len(jobs) / submit_seconds:,.0f}/s)"
              + (f"; failed: {dict(failures)}" if failures else ""), flush=True)

        print(f"fanout: sampling every second for {args.seconds} s, the receiver silent", flush=True)
        for i in range(args.seconds):
            s = sample("silent")
            if not s["alive"]:
                break
            time.sleep(max(0, clock["end"] + i + 1 - time.monotonic()))

        # The last view of the log before the receiver answers: every drop so far is in the union.
        if server.poll() is None:
            try:
                webhooks.fetch(time.monotonic())
            except (OSError, http.client.HTTPException, ValueError):
                pass
        opened_at = now()
        receiver.open()
        if not args.control:
            print(f"fanout: the receiver answers 200 from t={opened_at:.0f} s; waiting (at most {args.drain_seconds} s) until every event is settled", flush=True)

        events_per_job = None
        try:
            status, answer = request(port, "GET", f"/__admin/jobs/symbl/{jobs[0]}", timeout=30)
            if status == 200:
                events_per_job = sum(1 for tr in json.loads(answer)["transitions"] if tr["from"] != tr["to"])
        except (IndexError, OSError, http.client.HTTPException, ValueError, KeyError):
            pass
        counted_from = f"counted in /__admin/jobs/symbl/{jobs[0]}" if events_per_job else "assumed: scheduled → in_progress → completed"
        events_per_job = events_per_job or 2

        def unsettled():
            with receiver.lock:
                answered = {job: len(statuses) for job, statuses in receiver.events.items()}
            with webhooks.lock:
                dropped = dict(webhooks.drops_per_job)
            short = over = 0
            for job in jobs:
                settled = answered.get(job, 0) + dropped.get(job, 0)
                short += max(0, events_per_job - settled)
                over += max(0, settled - events_per_job)
            return short, over

        drain_deadline = time.monotonic() + (0 if args.control else args.drain_seconds)
        settled_at = None
        while time.monotonic() < drain_deadline:
            tick = time.monotonic()
            s = sample("answer")
            if not s["alive"]:
                break
            short, _ = unsettled()
            if short == 0 and settled_at is None:
                settled_at = now()
            if settled_at is not None and now() - settled_at >= 3:
                break  # settled, and 3 s with nothing left to arrive
            time.sleep(max(0, tick + 1 - time.monotonic()))
        stop_logging.set()
        logger.join(70)
        if server.poll() is None:
            try:
                webhooks.fetch(time.monotonic())
            except (OSError, http.client.HTTPException, ValueError):
                pass
        short, over = unsettled() if not args.control else (0, 0)
        alive_at_end = server.poll() is None
    finally:
        stop_logging.set()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(5)
        receiver.stop()
        log.close()

    # The table: t is seconds since the submissions ended.
    for s in samples:
        s["t"] = s["mono"] - clock["end"] if clock["end"] is not None else s["mono"] - started_at
    print()
    print("     t(s) phase   health(ms)   fds  RSS(MB)  anon  thr  jobs  sched  log:rec  dropped  failed  delivered  fetch(ms)  held  rcv:answered  distinct")
    for s in samples:
        health = "-" if s["health_ms"] is None else ("none" if s["health_ms"] == float("inf") else f"{s['health_ms']:.1f}")
        print(f"  {s['t']:7.1f} {s['phase']:<7} {health:>10} {s['fds'] if s['fds'] is not None else '-':>5} {s['rss_mb']:8.1f} {s['anon_mb'] if s['anon_mb'] is not None else float('nan'):5.0f} "
              f"{s['threads'] if s['threads'] is not None else '-':>4} {s['jobs'] if s['jobs'] is not None else '-':>5} "
              f"{s['scheduled'] if s['scheduled'] is not None else '-':>6} {s['log_records']:8} {s['log_dropped']:8} {s['log_failed']:7} "
              f"{s['log_delivered']:10} {s['log_fetch_ms']:10.0f} {s['held']:5} {s['answered']:13} {s['distinct']:9}" + ("" if s["alive"] else "  DEAD"))

    # The summary, judged from the end of the submissions (t >= 0) as the issue states its targets.
    after = [s for s in samples if s["phase"] != "submit"]
    during = [s for s in samples if s["phase"] == "submit"]
    latencies = [s["health_ms"] for s in after if s["alive"]]
    unanswered = sum(1 for v in latencies if v is None or v == float("inf"))
    answered_latencies = [v for v in latencies if v is not None and v != float("inf")]
    max_health = float("inf") if unanswered else max(answered_latencies, default=float("nan"))
    max_fds = max((s["fds"] for s in after if s["fds"] is not None), default=0)
    max_rss = max((s["rss_mb"] for s in after if s["alive"]), default=float("nan"))
    alive = all(s["alive"] for s in samples) and alive_at_end
    log_summary = webhooks.snapshot()
    rcv = receiver.snapshot()
    expected = len(jobs) * events_per_job
    out = open(serve_log, errors="replace").read()
    logged_drops = [int(n.replace(",", "")) for n in re.findall(r"([\d,]+) dropped so far", out)]
    fatal = [line for line in out.splitlines() if re.search(r"Out of memory|Unhandled exception|fail:|crit:", line)]

    def spread(values):
        values = [v for v in values if v is not None and v == v and v != float("inf")]
        return f"{min(values):.1f}–{max(values):.1f}" if values else "-"

    print()
    print(f"fanout: {len(jobs):,} submissions in {submit_seconds:.1f} s; during them (not judged): health "
          f"{spread(s['health_ms'] for s in during)} ms, fds {spread(s['fds'] for s in during)}, RSS {spread(s['rss_mb'] for s in during)} MB")
    print(f"fanout: from the end of the submissions ({len(after)} samples, {sum(1 for s in after if s['phase'] == 'silent')} with the receiver silent):")
    print(f"  /__admin/health       {spread(latencies)} ms, max {max_health:.1f} ms{f' ({unanswered} unanswered within 10 s)' if unanswered else ''}   target < {TARGET_HEALTH_MS} ms")
    print(f"  open descriptors      {spread(s['fds'] for s in after)}, max {max_fds}   target < {TARGET_FDS:,}")
    print(f"  RSS                   {spread(s['rss_mb'] for s in after)} MB, max {max_rss:.1f} MB   target < {TARGET_RSS_MB} MB"
          f"   (of which anonymous, the heaps: {spread(s['anon_mb'] for s in after)} MB; the rest is mapped code)")
    print(f"  process alive         {'yes' if alive else 'NO'}{' (exit code ' + str(server.returncode) + ')' if not alive_at_end else ''}")
    print(f"  receiver (silent)     {rcv['accepted_holding']:,} connections accepted, at most {rcv['held_max']} held at once (the cap is 8 per receiver;"
          " a connection the emulator closes may close a moment after the one replacing it opens)")
    print(f"  attempts recorded     {log_summary['records']:,} in /__admin/webhooks ({log_summary['fetches']} fetches of at most {LOG_CAPACITY:,}, merged): "
          f"{log_summary['dropped']:,} dropped, {log_summary['failed']:,} made and failed ({log_summary['gave_up']} with no retry left), {log_summary['delivered']:,} delivered"
          + ("; no gap between fetches" if not log_summary["gaps"] else
             f"; gaps between fetches at t={[round(g - clock['end']) for g in log_summary['gaps']]} s (the counts are lower bounds"
             + ("; harmless here: every event is accounted for)" if short == 0 else ")")))
    print(f"  drops in serve's log  {len(logged_drops)} warnings, the last saying {logged_drops[-1] if logged_drops else 0:,} dropped so far (it logs the first ten, then every thousandth)")
    if args.control:
        print("  control               no webhookUrl: nothing to deliver or settle")
    else:
        print(f"  after recovery        the receiver answered {rcv['answered']:,} requests, {rcv['distinct']:,} distinct events (jobId, status)"
              + (f"; all settled {settled_at - opened_at:.1f} s after it started answering" if settled_at is not None else ""))
        print(f"  accounting            {len(jobs):,} jobs x {events_per_job} status changes ({counted_from}) = {expected:,} events.")
        print("                        An event is settled when the receiver answered it, or /__admin/webhooks lists an attempt of it as")
        print("                        dropped (a drop ends its retries); a job's events answered + its attempts dropped must make")
        print(f"                        {events_per_job}. {expected - short:,} settled ({rcv['distinct']:,} answered + "
              f"{log_summary['dropped']:,} dropped{f' - {over} counted twice' if over else ''}), {short:,} neither:")
        print("                        " + ("every attempt the backlog kept was made once the receiver answered." if short == 0 else
                                         "NOT every kept attempt was made (or a drop fell in a gap between fetches)."))
    if fatal:
        print("  serve's log           " + "\n                        ".join(fatal[:5]))

    problems = []
    if failures:
        problems.append(f"submissions failed: {dict(failures)}")
    if not (max_health < TARGET_HEALTH_MS):
        problems.append(f"/__admin/health took up to {max_health:.1f} ms (target {TARGET_HEALTH_MS})")
    if max_fds >= TARGET_FDS:
        problems.append(f"{max_fds} open descriptors (target under {TARGET_FDS:,})")
    if not (max_rss < TARGET_RSS_MB):
        problems.append(f"RSS {max_rss:.0f} MB (target under {TARGET_RSS_MB})")
    if not alive:
        problems.append("the process died")
    if short:
        implied = log_summary["dropped"] + short
        logged = logged_drops[-1] if logged_drops else 0
        problems.append(f"{short:,} events neither answered nor listed as dropped {args.drain_seconds} s after the receiver answered"
                        + (f" (not shown either way: /__admin/webhooks had gaps; counting them as drops gives {implied:,}, "
                           f"{'consistent' if logged <= implied < logged + 1000 else 'INCONSISTENT'} with serve's last count, {logged:,})"
                           if log_summary["gaps"] else ""))
    print(f"fanout: {time.monotonic() - started_at:.0f} s in all; serve's output in {serve_log}")
    if problems:
        sys.exit("fanout FAILED: " + "; ".join(problems))
    print("fanout: ok (health fast, descriptors and memory bounded, alive" + (")" if args.control else ", every kept delivery made)"))


if __name__ == "__main__":
    main()
