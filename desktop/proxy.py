"""Which proxy the sync client uses: the one set in settings, else the system's, never the environment.

``requests`` is run with ``trust_env=False`` (DESIGN "Sync protocol"), so ``HTTPS_PROXY`` and friends
are ignored on purpose: the environment must never change trust. Proxies are then handed to the
client explicitly. A proxy chosen in Signaal's settings (store setting ``proxy``, e.g.
``http://proxy.example:3128``, or ``"none"`` to go direct) wins; otherwise Qt's
``QNetworkProxyFactory.systemProxyForQuery`` says what the operating system would use for that URL
(WinHTTP / PAC on Windows, System Configuration on macOS). On Linux Qt's "system" proxy is the
environment, which is never used: there a proxy is set in Signaal's settings or there is none.

A proxy only carries the bytes: TLS still ends at CoMensha's pinned certificate.
"""

from __future__ import annotations

import logging
import sys
from urllib.parse import quote, urlsplit

# WORKAROUND: desktop/qt.py does not re-export QtNetwork yet; this is the only other PySide6 import.
from PySide6.QtCore import QUrl
from PySide6.QtNetwork import QNetworkProxy, QNetworkProxyFactory, QNetworkProxyQuery

log = logging.getLogger(__name__)

SETTING = "proxy"
DIRECT = "none"

_SCHEMES = {
    QNetworkProxy.ProxyType.HttpProxy: "http",
    QNetworkProxy.ProxyType.HttpCachingProxy: "http",
    QNetworkProxy.ProxyType.Socks5Proxy: "socks5h",
}


def normalise_setting(value: object) -> str | None:
    """A proxy setting as stored: ``None`` (use the system's), ``"none"`` (direct) or a proxy URL.

    Raises:
        ValueError: the text is not an http(s)/socks5 URL with a host and port.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text or text.lower() == "system":
        return None
    if text.lower() in (DIRECT, "direct"):
        return DIRECT
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https", "socks5", "socks5h") or not parts.hostname:
        raise ValueError("not a proxy address")
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError("not a proxy address") from exc
    if port is None:
        raise ValueError("a proxy address needs a port")
    return text


def system_proxy(url: str) -> str | None:
    """The proxy URL the operating system would use for ``url``, or ``None`` for a direct connection.

    Only where the operating system has proxy settings of its own (Windows, macOS). Elsewhere Qt's
    "system" proxy is read from the environment (``http_proxy``, ``HTTPS_PROXY``…), and the
    environment never routes delivery: there a proxy must be chosen in Settings.
    """
    if sys.platform not in ("win32", "darwin"):
        return None
    try:
        proxies = QNetworkProxyFactory.systemProxyForQuery(QNetworkProxyQuery(QUrl(url)))
    except Exception:  # a broken PAC script must not stop delivery: go direct
        log.warning("the system proxy could not be determined; connecting directly")
        return None
    for proxy in proxies:
        scheme = _SCHEMES.get(proxy.type())
        if scheme is None:
            if proxy.type() == QNetworkProxy.ProxyType.NoProxy:
                return None
            continue
        if not proxy.hostName():
            continue
        auth = ""
        if proxy.user():
            auth = quote(proxy.user(), safe="")
            if proxy.password():
                auth += ":" + quote(proxy.password(), safe="")
            auth += "@"
        return f"{scheme}://{auth}{proxy.hostName()}:{proxy.port()}"
    return None


def proxy_for(url: str, setting: object = None) -> str | None:
    """The proxy URL to pass to ``SyncClient(proxy=...)`` for ``url``; ``None`` means direct.

    Args:
        url: the server address the client will talk to.
        setting: the store setting ``proxy`` (``None`` = ask the system).
    """
    try:
        chosen = normalise_setting(setting)
    except ValueError:
        log.warning("the proxy setting is not a valid address; using the system proxy")
        chosen = None
    if chosen == DIRECT:
        return None
    if chosen:
        return chosen
    return system_proxy(url)


def requests_proxies(proxy: str | None) -> dict[str, str] | None:
    """``proxy`` in the shape ``requests`` takes (``{"https": ..., "http": ...}``)."""
    if not proxy:
        return None
    return {"https": proxy, "http": proxy}
