#!/usr/bin/env python3
"""Soak: steady submit-and-poll load on `jobemu serve`, with webhooks to a receiver on 127.0.0.1, for a bounded
time. Every interval it records RSS, the interval's p99 latency and request rate, live jobs and the emulator's
scheduled work (the webhook backlog). It fails, saying why, when memory, latency or the backlog keep growing.

Run through benchmarks/soak/run.sh, which installs wrk and publishes jobemu.
"""
import argparse
import http.server
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import docurift_upload, free_port, rss_mb, wrk  # noqa: E402

KEY = "sk_soak"
BOUNDARY = "----jobemusoak"


class Receiver(http.server.BaseHTTPRequestHandler):
    # Keep-alive, as the emulator's HttpClient expects: an HTTP/1.0 receiver closes each connection, and a delivery
    # sent on a connection it closed fails and is retried later, which would read as a growing backlog.
    protocol_version = "HTTP/1.1"
    received = 0
    lock = threading.Lock()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with Receiver.lock:
            Receiver.received += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


LUA = r'''
-- One request in four submits a DocuRift upload with a webhook; the others poll a recent job.
local ids = {}
local count = 0
local body = BODY
delay = function()
  return DELAY_MS
end
request = function()
  count = count + 1
  if count % 4 == 1 or #ids == 0 then
    return wrk.format("POST", "/v1/documents/process/async",
      { ["X-API-Key"] = "sk_soak", ["Content-Type"] = "multipart/form-data; boundary=----jobemusoak" }, body)
  end
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/v1/jobs/" .. id, { ["X-API-Key"] = "sk_soak" })
end
response = function(status, headers, body)
  if status == 202 then
    local id = string.match(body, '"id":"([^"]+)"')
    if id then
      ids[#ids + 1] = id
      if #ids > 2000 then table.remove(ids, 1) end
    end
  end
end
'''


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobemu", required=True)
    parser.add_argument("--seconds", type=int, default=600, help="how long the soak runs (default 10 minutes)")
    parser.add_argument("--interval", type=int, default=10, help="seconds per sample")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rate", type=int, default=200, help="requests per second, a quarter of them submissions (default 200)")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="jobemu-soak-")
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{receiver.server_address[1]}/hooks"
    with open(os.path.join(work, "soak.yaml"), "w") as f:
        f.write(f"""version: 1
name: soak
dialect: docurift
auth: {{ keys: [{KEY}] }}
retention: 30s
submitted_jobs:
  - lifecycle:
      - {{ status: pending, after: 1s }}
      - {{ status: processing, after: 2s }}
      - {{ status: completed }}
""")
    multipart = docurift_upload(BOUNDARY, 512, "webhookUrl", hook)
    script = os.path.join(work, "soak.lua")
    with open(script, "w") as f:
        f.write(LUA.replace("BODY", json.dumps(multipart)).replace("DELAY_MS", str(max(1, args.connections * 1000 // args.rate))))

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(work, "serve.log"), "wb")
    server = subprocess.Popen(["dotnet", args.jobemu, "serve", work, "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/__admin/health", timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    sys.exit("jobemu did not start")
                time.sleep(0.1)

        print(f"soak: {args.seconds} s at about {args.rate} requests/s ({args.connections} connections), a sample every {args.interval} s, webhooks to {hook}", flush=True)
        print("  t(s)   req/s   p99(ms)  RSS(MB)  jobs  scheduled  webhooks", flush=True)
        samples = []
        started = time.time()
        while time.time() - started < args.seconds:
            seconds = max(1, min(args.interval, int(args.seconds - (time.time() - started))))
            run = wrk(base, args.connections, seconds, script=script, timeout="10s")
            rps, p99 = run["rps"], run["p99_ms"]
            with urllib.request.urlopen(base + "/__admin/health", timeout=5) as response:
                health = json.load(response)
            sample = {"t": round(time.time() - started), "rps": rps, "p99_ms": p99, "rss_mb": rss_mb(server.pid),
                      "jobs": health["jobs"], "scheduled": health["scheduled"], "webhooks": Receiver.received,
                      "non2xx": run["non2xx"]}
            samples.append(sample)
            print(f"  {sample['t']:4d}  {rps:7.0f}  {p99:7.2f}  {sample['rss_mb']:7.1f}  {sample['jobs']:5d}  {sample['scheduled']:9d}  {sample['webhooks']:8d}"
                  + (f"  non-2xx {sample['non2xx']}" if sample["non2xx"] else ""), flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
        receiver.shutdown()

    # Growth is judged after a warm-up (the first third: JIT, pools, the first jobs reaching their retention).
    settled = samples[len(samples) // 3:] if len(samples) >= 3 else samples
    first, last = settled[0], settled[-1]
    peak_rss = max(s["rss_mb"] for s in settled)
    problems = []
    if last["rss_mb"] > first["rss_mb"] * 1.25 + 10:
        problems.append(f"RSS grew from {first['rss_mb']:.0f} MB to {last['rss_mb']:.0f} MB")
    if last["p99_ms"] > max(first["p99_ms"] * 3, 50):
        problems.append(f"p99 grew from {first['p99_ms']:.1f} ms to {last['p99_ms']:.1f} ms")
    if last["scheduled"] > max(first["scheduled"] * 2, 1000):
        problems.append(f"the scheduled work (webhook backlog) grew from {first['scheduled']} to {last['scheduled']}")
    if any(s["non2xx"] for s in samples):
        problems.append(f"{sum(s['non2xx'] for s in samples)} answers were not 2xx")
    if Receiver.received == 0:
        problems.append("no webhook reached the receiver")
    print(f"soak: {len(samples)} samples; after warm-up RSS {first['rss_mb']:.0f} → {last['rss_mb']:.0f} MB (peak {peak_rss:.0f}), "
          f"p99 {first['p99_ms']:.1f} → {last['p99_ms']:.1f} ms, scheduled {first['scheduled']} → {last['scheduled']}, "
          f"{Receiver.received:,} webhooks received", flush=True)
    if problems:
        sys.exit("soak FAILED: " + "; ".join(problems))
    print("soak: ok (no growth)")


if __name__ == "__main__":
    main()
