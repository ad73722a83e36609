"""What the load benchmark and the soak share: free loopback ports, a process's CPU and memory from /proc, a
DocuRift multipart body, and one wrk run read into numbers."""
import os
import re
import socket
import subprocess

TICKS = os.sysconf("SC_CLK_TCK")
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def docurift_upload(boundary, file_bytes, field, value):
    """A DocuRift multipart upload: one PDF part of file_bytes, then one text field."""
    return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"invoice.pdf\"\r\n"
            f"Content-Type: application/pdf\r\n\r\n{'x' * file_bytes}\r\n--{boundary}\r\n"
            f"Content-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n--{boundary}--\r\n")


def wrk(url, connections, seconds, headers=(), script=None, timeout="5s"):
    """One wrk run (one thread): requests, req/s, p50/p99 in ms, and the answers that were not 2xx/3xx."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", timeout]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    out = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
              "requests": int(re.search(r"(\d+) requests in", out)[1])}
    for pct in ("50", "99"):
        value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        result[f"p{pct}_ms"] = float(value) * UNITS[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    result["non2xx"] = int(errors[1]) if errors else 0
    result["socket_errors"] = socket_errors[1] if socket_errors else ""
    return result
