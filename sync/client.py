"""The HTTPS client that talks to CoMensha's receiver.

Trust is fixed at enrolment and nothing in the environment can change it (SECURITY R16):

- ``requests.Session(trust_env=False)``: ``REQUESTS_CA_BUNDLE``, ``CURL_CA_BUNDLE``, ``HTTPS_PROXY``,
  ``NO_PROXY`` and ``.netrc`` are ignored. A proxy is used only when one is passed in explicitly.
- The server is verified either by the SHA-256 of its DER leaf certificate recorded at enrolment
  (pin: urllib3's ``assert_fingerprint``; the chain and host name are not consulted, the pin is the
  whole check) or by a private CA (``ca_pem``: chain and host name checked against that CA only,
  never the system store). Every HTTPS connection of the session goes through an adapter that
  injects one of the two; plain ``http://`` is refused.
- TLS 1.2 or newer (R17): ``ssl_context.minimum_version = TLSv1_2``.
- A timeout on every call; redirects are never followed.

Only a response with the documented status, ``application/json``, a bounded body that parses into
the protocol model counts (R15, R25). Everything else becomes a ``sync.errors.SyncError``.
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import re
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
import urllib3
from pydantic import BaseModel
from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter

from sync import errors, protocol

ENVELOPES_PATH = "/v1/envelopes"
ENROL_PATH = "/v1/enrol"
HEALTH_PATH = "/v1/health"

# Largest answer we read: a batch of receipts is a few hundred bytes per envelope.
MAX_BODY = protocol.MAX_RESPONSE_BYTES
USER_AGENT = "Signaal-sync/1"

TimeoutT = tuple[float, float]
M = TypeVar("M", bound=BaseModel)


def tls_context() -> ssl.SSLContext:
    """A client context that speaks TLS 1.2 or 1.3 only, with no CA loaded (callers add trust)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.options |= ssl.OP_NO_COMPRESSION
    return ctx


def norm_fingerprint(value: str) -> str:
    fp = value.replace(":", "").strip().lower()
    if len(fp) != 64 or any(c not in "0123456789abcdef" for c in fp):
        raise ValueError("cert_sha256 must be the 64 hex digits of a SHA-256")
    return fp


@dataclass(frozen=True)
class ServerTrust:
    """How the server proves it is CoMensha's: a pinned leaf (``cert_sha256``) or a private CA.

    Exactly one of the two is used; when both are given the pin wins (it is the stricter one).
    """

    cert_sha256: str | None = None
    ca_pem: str | None = None

    def __post_init__(self) -> None:
        if self.cert_sha256:
            object.__setattr__(self, "cert_sha256", norm_fingerprint(self.cert_sha256))
        elif not self.ca_pem:
            raise ValueError("ServerTrust needs cert_sha256 or ca_pem")


class _TrustAdapter(HTTPAdapter):
    """Injects the fixed trust into every pool this session opens (also through a proxy tunnel).

    The per-request ``verify`` that requests passes down is ignored on purpose: trust comes only
    from the ``ServerTrust`` given at construction.
    """

    def __init__(self, trust: ServerTrust, **kwargs: Any) -> None:
        self._trust = trust
        ctx = tls_context()
        if trust.cert_sha256:
            # The pin is the whole check: urllib3 compares the leaf's SHA-256 right after the
            # handshake and closes the socket on a mismatch. The chain is not consulted (the
            # receiver may use a self-signed certificate), so the context must not require it.
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        else:
            ctx.load_verify_locations(cadata=trust.ca_pem)
            ctx.verify_mode = ssl.CERT_REQUIRED
            ctx.check_hostname = True
        self._ctx = ctx
        super().__init__(**kwargs)

    def _tls_kwargs(self) -> dict[str, Any]:
        if self._trust.cert_sha256:
            return {
                "ssl_context": self._ctx,
                "cert_reqs": "CERT_NONE",
                "assert_fingerprint": self._trust.cert_sha256,
            }
        return {"ssl_context": self._ctx, "cert_reqs": "CERT_REQUIRED"}

    def build_connection_pool_key_attributes(
        self, request: PreparedRequest, verify: bool | str, cert: str | tuple[str, str] | None = None
    ) -> Any:  # requests' private (_HostParams, _PoolKwargs) pair
        host_params, _ = super().build_connection_pool_key_attributes(request, True, None)
        if host_params.get("scheme") != "https":
            raise errors.InsecureConnection()
        return host_params, self._tls_kwargs()

    def get_connection_with_tls_context(
        self, request: PreparedRequest, verify: bool | str | None,
        proxies: Mapping[str, str] | None = None, cert: str | tuple[str, str] | None = None,
    ) -> Any:
        conn = super().get_connection_with_tls_context(request, verify, proxies, cert)
        # Belt and braces: a pool without our pin (or without chain checks in CA mode) is never used.
        if self._trust.cert_sha256:
            if getattr(conn, "assert_fingerprint", None) != self._trust.cert_sha256:
                raise errors.InsecureConnection()
        elif getattr(conn, "cert_reqs", None) not in ("CERT_REQUIRED", ssl.CERT_REQUIRED) \
                or getattr(conn, "conn_kw", {}).get("ssl_context") is not self._ctx:
            raise errors.InsecureConnection()
        return conn

    def cert_verify(self, conn: Any, url: str, verify: bool | str,
                    cert: str | tuple[str, str] | None) -> None:
        # requests would set ca_certs from ``verify`` here; trust is ours alone.
        return None


class _RefuseAdapter(HTTPAdapter):
    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        raise errors.InsecureConnection()


def _is_fingerprint_error(first: BaseException) -> bool:
    exc: BaseException | None = first
    seen = 0
    while exc is not None and seen < 8:
        msg = str(exc)
        if "Fingerprints did not match" in msg or "CERTIFICATE_VERIFY_FAILED" in msg \
                or "certificate verify failed" in msg or "doesn't match" in msg \
                or "Hostname mismatch" in msg:
            return True
        if isinstance(exc, ssl.SSLCertVerificationError):
            return True
        exc = exc.__cause__ or exc.__context__ or (exc.args[0] if exc.args and
                                                   isinstance(exc.args[0], BaseException) else None)
        seen += 1
    return False


def _classify_transport(exc: BaseException) -> errors.SyncError:
    """A requests/urllib3 exception as one of our errors (never with its message)."""
    if isinstance(exc, errors.SyncError):
        return exc
    if isinstance(exc, (requests.exceptions.SSLError, ssl.SSLError)):
        if _is_fingerprint_error(exc):
            return errors.CertificateMismatch()
        return errors.InsecureConnection()
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return errors.BadResponse()
    if isinstance(exc, requests.exceptions.ProxyError):
        return errors.Unreachable()
    if isinstance(exc, (requests.exceptions.ChunkedEncodingError,
                        requests.exceptions.ContentDecodingError,
                        urllib3.exceptions.ProtocolError)):
        # The connection broke while the answer was coming in: a truncated body.
        return errors.BadResponse()
    return errors.Unreachable()


def _retry_after(value: str | None) -> float:
    if not value:
        return 60.0
    try:
        secs = float(value.strip())
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
            secs = (when - _dt.datetime.now(_dt.UTC)).total_seconds()
        except (TypeError, ValueError, OverflowError):
            return 60.0
    if secs != secs:  # NaN
        return 60.0
    return min(max(secs, 1.0), 3600.0)


_ERROR_CODE = re.compile(r"^[a-z_]{1,64}$")
_MAX_ERROR_BODY = 64 * 1024


def _error_body(body: bytes) -> tuple[str, str]:
    """``(code, message)`` of an error body (docs/protocol.md), leniently: a message that is too
    long or holds control characters is still shown, cleaned by ``errors.plain_reason``. Bounded:
    nothing a server sends makes this raise (size cap, nesting depth, any shape)."""
    if len(body) > _MAX_ERROR_BODY:
        return "", ""
    try:
        data = json.loads(body)
    except RecursionError:  # nested deeper than the parser's stack: read the top level only
        data = _top_level_strings(body)
    except (ValueError, UnicodeDecodeError):
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    code = data.get("error")
    message = data.get("message")
    return (code if isinstance(code, str) and _ERROR_CODE.match(code) else "",
            message if isinstance(message, str) else "")


def _top_level_strings(body: bytes) -> dict[str, str]:
    """The string members of a JSON object's top level, read without recursion (so any nesting
    depth is fine); nested values are skipped. ``{}`` for anything that is not an object."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    out: dict[str, str] = {}
    depth = 0
    i, n = 0, len(text)
    key: str | None = None
    expect_key = False
    while i < n:
        ch = text[i]
        if ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                return {}
            if depth == 1:
                try:
                    value = json.loads(text[i:j + 1])
                except ValueError:
                    return {}
                if expect_key:
                    key, expect_key = value, False
                elif key is not None:
                    out[key] = value
                    key = None
            i = j + 1
            continue
        if ch in "{[":
            if depth == 0 and ch != "{":
                return {}
            depth += 1
            expect_key = depth == 1
        elif ch in "}]":
            depth -= 1
            if depth == 1:
                key = None
        elif ch == "," and depth == 1:
            expect_key, key = True, None
        i += 1
    return out


def _looks_revoked(body: bytes, headers: Any) -> bool:
    """A 401 that says the device was revoked: by the error code (read strictly, or leniently
    when the body is not exactly an ErrorBody), or by the WWW-Authenticate error."""
    err = protocol.parse_error_body(body)
    if err is not None:
        return err.error == "revoked"
    if _error_body(body)[0] == "revoked":
        return True
    www = (headers.get("WWW-Authenticate") or "").lower()
    return 'error="revoked"' in www.replace(" ", "")


class SyncClient:
    """Talks to one receiver with a fixed trust. Not thread-safe: one owner thread at a time.

    Args:
        base_url: ``https://host:port`` of the receiver (a path prefix is allowed).
        trust: how the server proves itself (pin or private CA).
        token: the bearer token from enrolment (never logged or shown).
        proxy: an explicit proxy URL (``http://``, ``https://``, ``socks5h://``) or ``None``.
        timeout: (connect, read) seconds for every call.
    """

    def __init__(self, base_url: str, trust: ServerTrust, token: str | None = None,
                 proxy: str | None = None, timeout: TimeoutT = (5.0, 30.0),
                 max_body: int = MAX_BODY) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError("base_url must be an https:// URL")
        self.base_url = base_url.rstrip("/")
        self.trust = trust
        self._token = token
        self.timeout = (float(timeout[0]), float(timeout[1]))
        self.proxy = proxy
        self.max_body = int(max_body)  # the most of an answer that is read (registrar pages are larger)
        s = requests.Session()
        s.trust_env = False
        s.verify = True
        s.headers["User-Agent"] = USER_AGENT
        s.headers["Accept"] = "application/json"
        s.proxies = {"https": proxy, "http": proxy} if proxy else {}
        s.mount("https://", _TrustAdapter(trust, pool_connections=2, pool_maxsize=2))
        s.mount("http://", _RefuseAdapter())
        self._session = s

    def __repr__(self) -> str:  # never the token
        return f"SyncClient({self.base_url!r}, proxy={'set' if self.proxy else 'none'})"

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transport -----------------------------------------------------------------------------

    def _request(self, method: str, path: str, *, body: bytes | None = None,
                 auth: bool = True) -> tuple[int, Any, bytes]:
        headers = {}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if auth and self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        try:
            resp = self._session.request(
                method, self.base_url + path, data=body, headers=headers,
                timeout=self.timeout, allow_redirects=False, stream=True,
            )
        except Exception as exc:
            raise _classify_transport(exc) from None
        try:
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_content(65536):
                size += len(chunk)
                if size > self.max_body:
                    raise errors.BadResponse()
                chunks.append(chunk)
            data = b"".join(chunks)
        except errors.SyncError:
            raise
        except Exception as exc:
            raise _classify_transport(exc) from None
        finally:
            resp.close()
        return resp.status_code, resp.headers, data

    def _check(self, status: int, headers: Any, body: bytes, expected: tuple[int, ...]) -> None:
        if status in expected:
            return
        if 300 <= status < 400:
            raise errors.BadResponse()  # captive portals redirect; we never follow
        if status == 401:
            raise errors.Unauthorized(revoked=_looks_revoked(body, headers))
        if status == 429:
            raise errors.RateLimited(_retry_after(headers.get("Retry-After")))
        if status == 408 or status >= 500:
            raise errors.Unreachable()
        if 400 <= status < 500:
            # The receiver's error code travels as a code (docs/protocol.md, "Errors and limits"):
            # the UI decides by it, never by the words of the message.
            code, reason = _error_body(body) if _is_json(headers) else ("", "")
            if code in errors.EnrolmentRefused.CODES:
                raise errors.EnrolmentRefused(status, code)
            raise errors.NotAccepted(status, reason, code)
        raise errors.BadResponse()

    def _parse(self, headers: Any, body: bytes, model: type[BaseModel]) -> Any:
        if not _is_json(headers):
            raise errors.BadResponse()
        try:
            return protocol.parse_message(model, body, max_bytes=self.max_body)
        except Exception:
            raise errors.BadResponse() from None

    # -- API -----------------------------------------------------------------------------------

    def health(self) -> bool:
        """True when the receiver answers its health probe properly. Never raises."""
        try:
            status, headers, body = self._request("GET", HEALTH_PATH, auth=False)
            if status != 200:
                return False
            self._parse(headers, body, protocol.Health)
            return True
        except Exception:
            return False

    def call(self, method: str, path: str, model: type[M], *, body: bytes | None = None,
             expected: tuple[int, ...] = (200,), auth: bool = True) -> M:
        """One JSON request whose answer must parse into ``model`` (``body`` is JSON bytes);
        every failure is a ``sync.errors.SyncError`` as for the other calls."""
        status, headers, data = self._request(method, path, body=body, auth=auth)
        self._check(status, headers, data, expected)
        parsed: M = self._parse(headers, data, model)
        return parsed

    def enrol(self, code: str, device_public_key: bytes, label: str) -> Any:
        """Redeem an enrolment code; returns ``protocol.EnrolResponse``."""
        req = protocol.EnrolRequest(
            code=code.strip(), device_public_key=base64.b64encode(bytes(device_public_key)).decode(),
            label=label).model_dump_json().encode()
        status, headers, body = self._request("POST", ENROL_PATH, body=req, auth=False)
        self._check(status, headers, body, ENROL_OK)
        return self._parse(headers, body, protocol.EnrolResponse)

    def post_batch(self, envelopes: list[Any]) -> Any:
        """POST a batch; returns ``protocol.BatchResponse`` whose results all name sent envelopes.

        Raises:
            sync.errors.SyncError: see the module docstring.
        """
        if not envelopes:
            raise ValueError("empty batch")
        payload = protocol.BatchRequest(envelopes=list(envelopes)).model_dump_json().encode()
        status, headers, body = self._request("POST", ENVELOPES_PATH, body=payload)
        self._check(status, headers, body, BATCH_OK)
        resp = self._parse(headers, body, protocol.BatchResponse)
        if protocol.check_batch_response(list(envelopes), resp) is not None:
            # Not one result per envelope in order, or a receipt for another envelope.
            raise errors.BadResponse()
        return resp


BATCH_OK = (200, 201, 207)
ENROL_OK = (200, 201)


def _is_json(headers: Any) -> bool:
    ctype = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    return ctype == "application/json"


__all__ = [
    "ServerTrust",
    "SyncClient",
    "norm_fingerprint",
    "tls_context",
]
