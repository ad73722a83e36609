#!/usr/bin/env python3
"""Load benchmark: jobemu serve (default settings) against a raw Kestrel minimal API and WireMock.Net,
one server at a time, interleaved over rounds, all on 127.0.0.1, driven by wrk (1 thread).

Run through benchmarks/load/run.sh, which installs wrk and publishes the servers. Prints a Markdown table
and the targets of issue 19; --json writes every figure.
"""
import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import cpu_seconds, docurift_upload, free_port, rss_mb, wrk  # noqa: E402

KEY = "sk_bench"
JOB = "job_bench0000001"


class Server:
    def __init__(self, name, command, url, headers, log):
        self.name, self.command, self.url, self.headers, self.log = name, command, url, headers, log
        self.process = None

    def start(self, timeout=120):
        """Starts the server; returns seconds from spawn to the first 200 on the status URL."""
        began = time.perf_counter()
        self.process = subprocess.Popen(self.command, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = began + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode} before answering")
            try:
                request = urllib.request.Request(self.url, headers=self.headers)
                with urllib.request.urlopen(request, timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - began
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.005)
        raise RuntimeError(f"{self.name} did not answer 200 within {timeout} s")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None


def measured(server, connections, seconds, headers=(), script=None, url=None):
    pid = server.process.pid
    before = cpu_seconds(pid)
    result = wrk(url or server.url, connections, seconds, headers, script)
    result["cpu_us_per_request"] = (cpu_seconds(pid) - before) * 1e6 / max(1, result["requests"])
    return result


def drive_to(server, total_wanted, done, rps, headers):
    """Sends requests until `done` reaches total_wanted; returns the new total."""
    while done < total_wanted:
        seconds = max(1, min(120, int((total_wanted - done) / max(rps, 1000)) + 1))
        done += wrk(server.url, 32, seconds, headers)["requests"]
    return done


def write_scenarios(folder, jobs):
    bench = os.path.join(folder, "bench")
    os.makedirs(bench)
    with open(os.path.join(bench, "docurift.yaml"), "w") as f:
        f.write(f"""name: bench-docurift
dialect: docurift
auth: {{ keys: [{KEY}] }}
jobs:
  - id: {JOB}
    document_type: invoice
    lifecycle:
      - {{ status: processing, after: 24h }}
      - {{ status: completed }}
submitted_jobs:
  - lifecycle:
      - {{ status: processing, after: 10m }}
      - {{ status: completed }}
""")
    with open(os.path.join(bench, "symbl.yaml"), "w") as f:
        f.write("""name: bench-symbl
dialect: symbl
auth:
  apps:
    - { app_id: bench_app, app_secret: bench_secret }
submitted_jobs:
  - lifecycle:
      - { status: in_progress, after: 10m }
      - { status: completed }
""")
    big = os.path.join(folder, "big")
    os.makedirs(big)
    with open(os.path.join(big, "jobs.yaml"), "w") as f:
        f.write(f"name: bench-{jobs}-jobs\ndialect: docurift\nauth: {{ keys: [{KEY}] }}\njobs:\n")
        for i in range(jobs):
            f.write(f"  - id: job_big{i:09d}\n    lifecycle:\n      - {{ status: processing, after: 1h }}\n      - {{ status: completed }}\n")
    return bench, big


def lua(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def token(base):
    body = json.dumps({"type": "application", "appId": "bench_app", "appSecret": "bench_secret"}).encode()
    request = urllib.request.Request(base + "/oauth2/token:generate", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)["accessToken"]


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobemu", help="path to the published jobemu.dll")
    parser.add_argument("--targets", help="path to the published JobEmulator.LoadTargets.dll")
    parser.add_argument("--from-json", help="print the report of an earlier run's --json file, running nothing")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10, help="per wrk measurement")
    parser.add_argument("--rss-requests", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=100_000, help="live jobs for the memory figure")
    parser.add_argument("--json", help="write every figure here")
    args = parser.parse_args()
    if args.from_json:
        with open(args.from_json) as f:
            saved = json.load(f)
        args.rounds = len(saved["runs"]["jobemu"])
        args.seconds = saved.get("seconds", args.seconds)
        report(saved["runs"], saved["rss"], saved["submit"], saved["live"], args)
        return
    if not args.jobemu or not args.targets:
        parser.error("--jobemu and --targets are required (or --from-json)")

    work = tempfile.mkdtemp(prefix="jobemu-load-")
    bench, big = write_scenarios(work, args.jobs)
    log = open(os.path.join(work, "servers.log"), "wb")
    headers = [f"X-API-Key: {KEY}"]
    header_map = {"X-API-Key": KEY}

    def jobemu(port, scenarios):
        return Server("jobemu", ["dotnet", args.jobemu, "serve", scenarios, "--port", str(port)],
                      f"http://127.0.0.1:{port}/v1/jobs/{JOB}", header_map, log)

    # The body every server answers: jobemu's own, for the job mid-lifecycle.
    probe = jobemu(free_port(), bench)
    probe.start()
    with urllib.request.urlopen(urllib.request.Request(probe.url, headers=header_map)) as response:
        body = response.read()
    probe.stop()
    body_file = os.path.join(work, "body.json")
    with open(body_file, "wb") as f:
        f.write(body)
    print(f"status body: {len(body)} bytes: {body.decode()}", flush=True)

    def make(name):
        port = free_port()
        if name == "jobemu":
            return jobemu(port, bench)
        kind = "raw" if name == "kestrel" else "wiremock"
        return Server(name, ["dotnet", args.targets, kind, str(port), body_file, KEY], f"http://127.0.0.1:{port}/v1/jobs/{JOB}", header_map, log)

    names = ["kestrel", "jobemu", "wiremock"]
    runs = {name: [] for name in names}
    for round_number in range(1, args.rounds + 1):
        for name in names:
            server = make(name)
            try:
                cold = server.start()
                startup_rss = rss_mb(server.process.pid)
                wrk(server.url, 32, max(1, args.seconds // 3), headers)  # warm-up: JIT, tiered compilation, pools
                c1 = measured(server, 1, args.seconds, headers)
                c32 = measured(server, 32, args.seconds, headers)
                runs[name].append({"cold_start_s": cold, "startup_rss_mb": startup_rss, "c1": c1, "c32": c32})
                print(f"round {round_number} {name:8} c32 {c32['rps']:>9.0f} req/s  p99 {c32['p99_ms']:.2f} ms  "
                      f"{c32['cpu_us_per_request']:.1f} µs CPU/req  c1 {c1['rps']:>7.0f} req/s  cold {cold:.2f} s"
                      + (f"  NON-2XX {c32['non2xx']}" if c32["non2xx"] else ""), flush=True)
            finally:
                server.stop()

    # Memory under sustained load: RSS after 100k and after the full count of requests.
    rss = {}
    for name in names:
        server = make(name)
        try:
            server.start()
            rps = median([r["c32"]["rps"] for r in runs[name]])
            done = drive_to(server, min(100_000, args.rss_requests), 0, rps, headers)
            after_100k = rss_mb(server.process.pid)
            done = drive_to(server, args.rss_requests, done, rps, headers)
            rss[name] = {"after_100k_mb": after_100k, "after_all_mb": rss_mb(server.process.pid), "requests": done}
            print(f"rss      {name:8} {after_100k:.0f} MB after 100k, {rss[name]['after_all_mb']:.0f} MB after {done:,} requests", flush=True)
        finally:
            server.stop()

    # Submissions: DocuRift multipart and Symbl JSON with a bearer token, c32.
    submit = {}
    server = jobemu(free_port(), bench)
    try:
        server.start()
        base = server.url.split("/v1/")[0]
        boundary = "----jobemubench"
        multipart = docurift_upload(boundary, 1024, "documentType", "invoice")
        docurift = lua(work, "docurift.lua", f'wrk.method = "POST"\nwrk.body = {json.dumps(multipart)}\n'
                       f'wrk.headers["Content-Type"] = "multipart/form-data; boundary={boundary}"\nwrk.headers["X-API-Key"] = "{KEY}"\n')
        symbl = lua(work, "symbl.lua", f'wrk.method = "POST"\nwrk.body = {json.dumps(json.dumps({"url": "https://example.com/call.mp3", "name": "bench"}))}\n'
                    f'wrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer {token(base)}"\n')
        for name, url, script in (("docurift_multipart", base + "/v1/documents/process/async", docurift),
                                  ("symbl_json", base + "/v1/process/audio/url", symbl)):
            # Short enough to stay under the 100,000-jobs-per-dialect cap, past which submissions are refused (429).
            seconds = min(args.seconds, 3)
            result = measured(server, 32, seconds, (), script, url)
            result["seconds"] = seconds
            result["accepted_per_s"] = (result["requests"] - result["non2xx"]) / seconds
            submit[name] = result
            print(f"submit   {name:18} {result['accepted_per_s']:>8.0f} jobs/s accepted  p99 {result['p99_ms']:.2f} ms  "
                  f"{result['cpu_us_per_request']:.1f} µs CPU/request" + (f"; {result['non2xx']:,} refused" if result["non2xx"] else ""), flush=True)
        submit["rss_after_mb"] = rss_mb(server.process.pid)
    finally:
        server.stop()

    # Live jobs: a scenario of --jobs jobs, validated by `jobemu validate` and loaded by `serve`.
    began = time.perf_counter()
    subprocess.run(["dotnet", args.jobemu, "validate", big], check=True, stdout=subprocess.DEVNULL)
    validate_s = time.perf_counter() - began
    port = free_port()
    server = Server("jobemu-big", ["dotnet", args.jobemu, "serve", big, "--port", str(port)],
                    f"http://127.0.0.1:{port}/v1/jobs/job_big{args.jobs - 1:09d}", header_map, log)
    try:
        serve_s = server.start()
        time.sleep(2)
        live = {"jobs": args.jobs, "validate_s": validate_s, "serve_to_first_200_s": serve_s, "rss_mb": rss_mb(server.process.pid)}
    finally:
        server.stop()
    print(f"live     {args.jobs:,} jobs: validate {validate_s:.2f} s, serve to first 200 {serve_s:.2f} s, RSS {live['rss_mb']:.0f} MB", flush=True)

    report(runs, rss, submit, live, args)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"seconds": args.seconds, "runs": runs, "rss": rss, "submit": submit, "live": live}, f, indent=2)


def report(runs, rss, submit, live, args):
    def m(name, path):
        values = []
        for run in runs[name]:
            value = run
            for key in path.split("."):
                value = value[key]
            values.append(value)
        return median(values)

    print()
    print(f"Medians of {args.rounds} interleaved rounds, {args.seconds} s per measurement; wrk -t1, 127.0.0.1; {os.cpu_count()} cores.")
    print()
    print("| server | req/s c1 | p50/p99 c1 (ms) | req/s c32 | p50/p99 c32 (ms) | CPU µs/req c32 | cold start (s) | RSS start / 100k / after (MB) |")
    print("|---|---|---|---|---|---|---|---|")
    label = {"kestrel": "raw Kestrel minimal API", "jobemu": "`jobemu serve`, default settings", "wiremock": "WireMock.Net 1.25, static mapping"}
    for name in runs:
        print(f"| {label[name]} | {m(name, 'c1.rps'):,.0f} | {m(name, 'c1.p50_ms'):.2f} / {m(name, 'c1.p99_ms'):.2f} | "
              f"{m(name, 'c32.rps'):,.0f} | {m(name, 'c32.p50_ms'):.2f} / {m(name, 'c32.p99_ms'):.2f} | {m(name, 'c32.cpu_us_per_request'):.1f} | "
              f"{m(name, 'cold_start_s'):.2f} | {m(name, 'startup_rss_mb'):.0f} / {rss[name]['after_100k_mb']:.0f} / {rss[name]['after_all_mb']:.0f} |")
    print()
    def accepted(name):
        result = submit[name]
        return result.get("accepted_per_s", (result["requests"] - result["non2xx"]) / result.get("seconds", args.seconds))

    refused = submit["docurift_multipart"]["non2xx"] + submit["symbl_json"]["non2xx"]
    print(f"Submissions (c32, {submit['docurift_multipart'].get('seconds', args.seconds)} s each): DocuRift multipart {accepted('docurift_multipart'):,.0f} jobs/s "
          f"(p99 {submit['docurift_multipart']['p99_ms']:.1f} ms), Symbl JSON {accepted('symbl_json'):,.0f} jobs/s "
          f"(p99 {submit['symbl_json']['p99_ms']:.1f} ms), each job answered and stored; RSS after {submit['rss_after_mb']:.0f} MB"
          + (f"; {refused:,} refused at the 100,000-jobs-per-dialect cap, so these rates are lower bounds." if refused else "."))
    print(f"{live['jobs']:,} live jobs: `jobemu validate` {live['validate_s']:.2f} s, `serve` to the first 200 {live['serve_to_first_200_s']:.2f} s, RSS {live['rss_mb']:.0f} MB.")
    print()

    a, b = "kestrel", "jobemu"
    checks = [
        ("throughput c32 ≥ 0.90× raw", m(b, "c32.rps") / m(a, "c32.rps"), ">=", 0.90),
        ("CPU per request c32 ≤ 1.15× raw", m(b, "c32.cpu_us_per_request") / m(a, "c32.cpu_us_per_request"), "<=", 1.15),
        ("p99 at c32 ≤ 2 ms", m(b, "c32.p99_ms"), "<=", 2.0),
        ("cold start ≤ 1.1× raw", m(b, "cold_start_s") / m(a, "cold_start_s"), "<=", 1.10),
        ("RSS after all requests ≤ 1.1× after 100k", rss[b]["after_all_mb"] / rss[b]["after_100k_mb"], "<=", 1.10),
        ("startup RSS ≤ 1.5× raw", m(b, "startup_rss_mb") / m(a, "startup_rss_mb"), "<=", 1.50),
        (f"{live['jobs']:,} live jobs ≤ 100 MB", live["rss_mb"], "<=", 100.0),
        (f"{live['jobs']:,}-job file validated (`jobemu validate`) ≤ 2 s", live["validate_s"], "<=", 2.0),
        (f"{live['jobs']:,}-job file loaded (`serve` to the first 200) ≤ 2 s", live["serve_to_first_200_s"], "<=", 2.0),
    ]
    print("| target (jobemu against raw Kestrel, same run) | measured | |")
    print("|---|---|---|")
    for text, value, op, limit in checks:
        ok = value >= limit if op == ">=" else value <= limit
        print(f"| {text} | {value:.2f} | {'met' if ok else 'MISSED'} |")


if __name__ == "__main__":
    main()
