"""A tiny stand-in for Stripe's API on 127.0.0.1 that records what Majlis sends it."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


class FakeStripe:
    def __init__(self):
        self.requests: list[dict] = []
        self.keys: dict[str, int] = {}
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                owner.requests.append({"path": self.path, "headers": dict(self.headers), "form": dict(parse_qsl(body))})
                # Like Stripe: the same idempotency key gets the same object back.
                key = self.headers.get("Idempotency-Key") or str(len(owner.requests))
                number = owner.keys.setdefault(key, len(owner.keys) + 1)
                payload = json.dumps(
                    {
                        "id": f"cs_test_fake{number}",
                        "object": "checkout.session",
                        "url": f"https://checkout.stripe.test/c/pay/cs_test_fake{number}",
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
