"""An independent DocuRift webhook receiver: checks every event's signature with its own HMAC.

Usage: docurift_receiver.py PORT_FILE SECRET_FILE EXPECTED_EVENTS
Listens on a free 127.0.0.1 port (written to PORT_FILE), verifies
X-DocuRift-Signature == hex HMAC-SHA256(secret, f"{X-DocuRift-Timestamp}.{raw body}") with the
secret read from SECRET_FILE (written once the endpoint is registered),
prints one line per event, and exits 0 after EXPECTED_EVENTS verified events (1 on a bad
signature, 2 after 60 s without them).
"""
import hashlib
import hmac
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

port_file, secret_file, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
verified = []
failed = []


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        timestamp = self.headers.get("X-DocuRift-Timestamp", "")
        signature = self.headers.get("X-DocuRift-Signature", "")
        with open(secret_file) as f:
            secret = f.read().strip().encode()
        wanted = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        event = json.loads(body)
        if hmac.compare_digest(wanted, signature) and event["id"] == self.headers.get("X-DocuRift-Event-Id"):
            verified.append(event)
            print(f"verified {event['type']} {event['data']['id']} {event['data']['status']}", flush=True)
        else:
            failed.append(event)
            print(f"BAD SIGNATURE on {event.get('type')}", flush=True)
        self.send_response(200)
        self.end_headers()
        if failed or len(verified) >= expected:
            threading.Thread(target=self.server.shutdown).start()

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Receiver)
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
deadline = threading.Timer(60, server.shutdown)
deadline.daemon = True  # a finished receiver exits at once, not when the 60 s are up
deadline.start()
server.serve_forever()
sys.exit(1 if failed else 0 if len(verified) >= expected else 2)
