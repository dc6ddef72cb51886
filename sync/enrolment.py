"""Enrolment: the first contact of a laptop with CoMensha's receiver (trust on first use).

The enrolment code carries a hint of the receiver's certificate; the certificate this laptop is
shown must match it before it is pinned, so a machine in the middle cannot enrol the laptop to
itself (SECURITY R16). A plain CONNECT tunnel is used when a proxy is given explicitly.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import socket
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from sync import errors, protocol
from sync.client import USER_AGENT, ServerTrust, SyncClient, TimeoutT, norm_fingerprint, tls_context


def fetch_server_certificate(base_url: str, timeout: float = 10.0, proxy: str | None = None) -> bytes:
    """The server's DER leaf certificate, as presented (trust on first use, checked by the code).

    With an ``http://`` proxy the TLS connection goes through a CONNECT tunnel, as the client's
    requests later do; the proxy only carries bytes.

    Raises:
        sync.errors.Unreachable: no TLS connection could be made.
        sync.errors.InsecureConnection: the server offers nothing of TLS 1.2 or newer.
    """
    parts = urlsplit(base_url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError("base_url must be an https:// URL")
    host, port = parts.hostname, parts.port or 443
    ctx = tls_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        raw = _tunnel(proxy, host, port, timeout) if proxy else \
            socket.create_connection((host, port), timeout=timeout)
        with raw, ctx.wrap_socket(raw, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
    except errors.SyncError:
        raise
    except ssl.SSLError:
        raise errors.InsecureConnection() from None
    except OSError:
        raise errors.Unreachable() from None
    if not der:
        raise errors.InsecureConnection()
    return der


def _tunnel(proxy: str, host: str, port: int, timeout: float) -> socket.socket:
    """A socket to ``host:port`` through an HTTP proxy's CONNECT."""
    p = urlsplit(proxy)
    if p.scheme != "http" or not p.hostname:
        # Other proxy kinds (https://, socks) are left to requests; TOFU needs a plain tunnel.
        raise errors.Unreachable()
    sock = socket.create_connection((p.hostname, p.port or 8080), timeout=timeout)
    try:
        target = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}", f"User-Agent: {USER_AGENT}"]
        if p.username is not None:
            cred = f"{unquote(p.username)}:{unquote(p.password or '')}".encode()
            lines.append("Proxy-Authorization: Basic " + base64.b64encode(cred).decode())
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = sock.recv(1)   # byte by byte: nothing of the TLS stream may be read here
            if not chunk or len(head) > 16384:
                raise errors.Unreachable()
            head += chunk
        status = head.split(b"\r\n", 1)[0].split()
        if len(status) < 2 or status[1] != b"200":
            raise errors.Unreachable()
        return sock
    except BaseException:
        sock.close()
        raise


def cert_sha256(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def der_to_pem(der: bytes) -> str:
    return ssl.DER_cert_to_PEM_cert(der)


@dataclass(frozen=True)
class Enrolment:
    """What the app keeps after enrolment. ``token`` goes to the OS keyring, the rest to settings."""

    device_id: str
    token: str
    sealing_public_key: bytes
    receipt_public_key: bytes
    cert_sha256: str
    cert_pem: str

    def __repr__(self) -> str:  # never the token
        return f"Enrolment(device_id={self.device_id!r}, cert_sha256={self.cert_sha256[:16]}…)"


def _key_bytes(value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    text = str(value)
    try:
        raw = base64.b64decode(text, validate=True)
        if len(raw) == 32:
            return raw
    except (binascii.Error, ValueError):
        pass
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        if len(raw) == 32:
            return raw
    except (binascii.Error, ValueError):
        pass
    try:
        raw = bytes.fromhex(text)
        if len(raw) == 32:
            return raw
    except ValueError:
        pass
    raise errors.BadResponse()


def enrol_device(base_url: str, code: str, label: str, device_public_key: bytes, *,
                 proxy: str | None = None, timeout: TimeoutT = (5.0, 30.0)) -> Enrolment:
    """Enrol this device: fetch the certificate, check the code's hint, pin it, redeem the code.

    Raises:
        sync.errors.EnrolmentCodeInvalid: the code cannot be read.
        sync.errors.CertificateMismatch: the presented certificate is not the one the code names.
        sync.errors.SyncError: any other failure of the request.
    """
    try:
        secret, hint = protocol.parse_enrolment_code(code)
    except (ValueError, TypeError):
        raise errors.EnrolmentCodeInvalid() from None
    der = fetch_server_certificate(base_url, timeout=timeout[0], proxy=proxy)
    if not hmac.compare_digest(protocol.fingerprint_hint(der, secret), hint):
        raise errors.CertificateMismatch()
    pin = cert_sha256(der)
    with SyncClient(base_url, ServerTrust(cert_sha256=pin), proxy=proxy, timeout=timeout) as client:
        resp = client.enrol(code, device_public_key, label)
    if _norm_or_none(resp.certificate_sha256) != pin:
        # The server says it serves another certificate than the one we saw: do not pin either.
        raise errors.CertificateMismatch()
    return Enrolment(
        device_id=str(resp.device_id),
        token=str(resp.token),
        sealing_public_key=_key_bytes(resp.sealing_public_key),
        receipt_public_key=_key_bytes(resp.receipt_public_key),
        cert_sha256=pin,
        cert_pem=der_to_pem(der),
    )


def _norm_or_none(value: str) -> str | None:
    try:
        return norm_fingerprint(value)
    except ValueError:
        return None


__all__ = ["Enrolment", "cert_sha256", "der_to_pem", "enrol_device", "fetch_server_certificate"]
