"""A tiny HTTPS server for client tests: a correct in-memory receiver that can misbehave.

TLS comes from a trustme CA (``ca``) with a leaf for 127.0.0.1; ``pin`` is the SHA-256 of that
leaf (what enrolment would record). ``mode`` chooses the misbehaviour per request.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import nacl.signing
import trustme

from sync import envelope as envelope_mod
from sync import protocol

MODES = ("ok", "captive", "redirect", "truncated", "cut_body", "bad_signature", "wrong_hash",
         "revoked", "unknown_token", "rate_limited", "server_error", "bad_request", "text_json",
         "missing_result", "html_error")


class FakeReceiver:
    def __init__(self, *, ca: trustme.CA | None = None, tls_max: ssl.TLSVersion | None = None,
                 tls_min: ssl.TLSVersion | None = None) -> None:
        self.ca = ca or trustme.CA()
        self.leaf = self.ca.issue_cert("127.0.0.1", "localhost")
        self.receipt_key = nacl.signing.SigningKey.generate()
        self.mode = "ok"
        self.stored: dict[str, str] = {}        # id -> sha256
        self.receipts: dict[str, dict] = {}
        self.posts = 0
        self.lock = threading.Lock()
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        if tls_min is not None:
            ctx.minimum_version = tls_min
        if tls_max is not None:
            ctx.maximum_version = tls_max
        self.leaf.configure_cert(ctx)
        self.ctx = ctx
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:
                if self.path == "/v1/health":
                    self._send(200, "application/json",
                               json.dumps({"status": "ok", "protocol": 1, "time": protocol.utc_now()}))
                else:
                    self._send(404, "application/json", '{"error":"not_found","message":"no"}')

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                server.posts += 1
                server.handle(self, body)

            def _send(self, status: int, ctype: str, body: str | bytes, extra: dict | None = None,
                      declared: int | None = None) -> None:
                data = body.encode() if isinstance(body, str) else body
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(declared if declared is not None else len(data)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def pin(self) -> str:
        pem = self.leaf.cert_chain_pems[0].bytes().decode()
        return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest()

    @property
    def receipt_public_key(self) -> bytes:
        return bytes(self.receipt_key.verify_key)

    def __enter__(self) -> FakeReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        with contextlib.suppress(OSError):
            self.httpd.server_close()

    # -- behaviour -----------------------------------------------------------------------------

    def results_for(self, body: bytes) -> list[dict]:
        req = json.loads(body)
        out = []
        for i, raw in enumerate(req["envelopes"]):
            env = protocol.Envelope.model_validate(raw)
            with self.lock:
                prev = self.stored.get(env.id)
                if prev is None:
                    receipt = envelope_mod.sign_receipt(
                        envelope_id=env.id, sha256=env.sha256, received_at=protocol.utc_now(),
                        reference=f"CM-2026-{len(self.stored) + 1:06d}", signing_key=self.receipt_key)
                    self.stored[env.id] = env.sha256
                    self.receipts[env.id] = receipt.model_dump(mode="json")
                    out.append({"index": i, "id": env.id, "status": "stored",
                                "receipt": self.receipts[env.id], "reason": None})
                elif prev == env.sha256:
                    out.append({"index": i, "id": env.id, "status": "duplicate",
                                "receipt": self.receipts[env.id], "reason": None})
                else:
                    out.append({"index": i, "id": env.id, "status": "conflict", "receipt": None,
                                "reason": "Another envelope with this id is stored."})
        return out

    def handle(self, h, body: bytes) -> None:
        mode = self.mode
        if mode == "captive":
            h._send(200, "text/html", "<html><body>Log in to Hotel WiFi</body></html>")
            return
        if mode == "html_error":
            h._send(403, "text/html", "<html>blocked<script>alert(1)</script></html>")
            return
        if mode == "redirect":
            h._send(302, "text/html", "", {"Location": "http://portal.example/login"})
            return
        if mode == "revoked":
            h._send(401, "application/json", '{"error":"revoked","message":"This device was revoked."}')
            return
        if mode == "unknown_token":
            h._send(401, "application/json", '{"error":"unauthorized","message":"Unknown token."}')
            return
        if mode == "rate_limited":
            h._send(429, "application/json", '{"error":"rate_limited","message":"slow down"}',
                    {"Retry-After": "7"})
            return
        if mode == "server_error":
            h._send(503, "application/json", '{"error":"unavailable","message":"down"}')
            return
        if mode == "bad_request":
            h._send(400, "application/json",
                    json.dumps({"error": "bad_batch", "message": "Too many\nenvelopes \x1b[31m" + "x" * 900}))
            return
        results = self.results_for(body)   # the server commits in every mode below
        if mode == "bad_signature":
            for r in results:
                if r["receipt"]:
                    sig = r["receipt"]["signature"]
                    r["receipt"] = dict(r["receipt"], signature=("B" if sig[0] != "B" else "C") + sig[1:])
        elif mode == "wrong_hash":
            for r in results:
                if r["receipt"]:
                    # Properly signed, but for other bytes than the ones we sent.
                    rec = envelope_mod.sign_receipt(
                        envelope_id=r["id"], sha256="0" * 64, received_at=protocol.utc_now(),
                        reference="CM-2026-999999", signing_key=self.receipt_key)
                    r["receipt"] = rec.model_dump(mode="json")
        elif mode == "missing_result":
            results = results[:-1]
        text = json.dumps({"results": results})
        if mode == "truncated":
            h._send(200, "application/json", text[: len(text) // 2])
            return
        if mode == "cut_body":
            h._send(200, "application/json", text[: len(text) // 2], declared=len(text))
            h.close_connection = True
            return
        if mode == "text_json":
            h._send(200, "text/plain", text)
            return
        h._send(200, "application/json", text)
