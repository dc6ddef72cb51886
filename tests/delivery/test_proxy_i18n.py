"""Explicit proxies (never from requests' environment handling) and delivery's nl/en catalogue."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop import proxy
from desktop.core import delivery
from desktop.proxy import proxy_for
from desktop.sending import SyncState, SyncWorker
from desktop.ui.sync_status import SyncStatusWidget

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["desktop/ui/connection.py", "desktop/ui/sync_status.py", "desktop/ui/receipt_view.py"]
DELIVERY_CONTEXTS = {"ConnectionPanel", "SyncStatusWidget", "ReceiptView"}


@pytest.mark.parametrize(("typed", "stored"), [
    (None, None), ("", None), ("system", None), ("none", "none"), ("direct", "none"),
    ("proxy.example:3128", "http://proxy.example:3128"),
    ("http://proxy.example:3128", "http://proxy.example:3128"),
    ("socks5h://127.0.0.1:1080", "socks5h://127.0.0.1:1080"),
])
def test_proxy_setting_is_normalised(typed, stored):
    assert proxy.normalise_setting(typed) == stored


@pytest.mark.parametrize("typed", ["ftp://proxy:21", "http://proxy", "http://:3128", "http://proxy:notaport"])
def test_bad_proxy_setting_is_refused(typed):
    with pytest.raises(ValueError):
        proxy.normalise_setting(typed)


def test_setting_wins_and_none_means_direct():
    # (That the environment is not taken for the system's setting: see the test below.)
    url = "https://127.0.0.1:8443"
    assert proxy.proxy_for(url, "http://10.0.0.1:8080") == "http://10.0.0.1:8080"
    assert proxy.proxy_for(url, "none") is None


def test_the_client_gets_the_proxy_explicitly(qtbot, store_worker):
    made = {}

    def factory(info, token, chosen):
        made["proxy"] = chosen
        raise RuntimeError("stop here")

    worker = SyncWorker(store_worker, client_factory=factory)
    info = delivery.EnrolmentInfo("https://127.0.0.1:9", "dev_0123456789abcdef", b"1" * 32, b"2" * 32,
                                  "ab" * 32, None, None)
    with pytest.raises(RuntimeError):
        worker._client(info, "token", "http://10.0.0.1:8080")
    assert made["proxy"] == "http://10.0.0.1:8080"


def _messages(path):
    root = ET.parse(path).getroot()  # noqa: S314 - our own files and lupdate output
    for context in root.iter("context"):
        for msg in context.iter("message"):
            yield context.find("name").text, msg


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_catalogue_is_complete(lang):
    seen = 0
    for context, msg in _messages(ROOT / "resources" / "i18n" / f"signaal_{lang}.ts"):
        if context not in DELIVERY_CONTEXTS:
            continue
        seen += 1
        tr = msg.find("translation")
        forms = tr.findall("numerusform") if msg.get("numerus") == "yes" else [tr]
        assert all(f.text and f.text.strip() for f in forms), msg.find("source").text
        if msg.get("numerus") == "yes":
            assert len(forms) == 2, msg.find("source").text  # singular and plural
        assert tr.get("type") is None
    assert seen >= 50


def test_catalogue_matches_the_code(tmp_path):
    """The strings the three widgets pass to tr() are exactly their part of the one catalogue."""
    out = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *SOURCES, "-ts", str(out)], cwd=ROOT, check=True, capture_output=True,
                   timeout=120)
    fresh = {(c, m.find("source").text) for c, m in _messages(out)}
    kept = {(c, m.find("source").text) for c, m in _messages(ROOT / "resources/i18n/signaal_nl.ts")
            if c in DELIVERY_CONTEXTS}
    assert fresh == kept


def test_dutch_status_texts(qtbot, controller, language, monkeypatch):
    language("nl")
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    at = datetime(2026, 5, 1, 12, 2, tzinfo=UTC)
    hhmm = at.astimezone().strftime("%H:%M")
    cases = [
        (SyncState("offline", waiting=3), "Offline — 3 meldingen wachten"),
        (SyncState("offline", waiting=1), "Offline — 1 melding wacht"),
        (SyncState("sending", done=40, total=120), "Verzenden 40/120"),
        (SyncState("all_sent", last_sent_at=at), f"Alles verzonden om {hhmm}"),
        (SyncState("revoked"), "Dit apparaat is ingetrokken — verbind opnieuw via Instellingen"),
        (SyncState("all_sent", last_sent_at=at, conflicts=2),
         f"Alles verzonden om {hhmm} · 2 conflicten — zie de lijst met meldingen"),
    ]
    monkeypatch.setattr("desktop.ui.sync_status.network_down", lambda: True)  # no network at all
    for state, text in cases:
        widget.show_state(state)
        assert widget.text() == text
    assert widget.send_button.text() == "Nu verzenden"
    # Issue 14: with the network up and only the server silent, it does not say "Offline".
    monkeypatch.setattr("desktop.ui.sync_status.network_down", lambda: False)
    widget.show_state(SyncState("offline", waiting=3))
    assert widget.text() == "CoMensha niet bereikbaar — 3 meldingen wachten"


@pytest.mark.parametrize("name", ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy",
                                  "ALL_PROXY"])
def test_the_environment_never_routes_delivery(monkeypatch, name):
    """Seen: with no proxy set, Qt read lowercase https_proxy from the environment and delivery went
    through it. Only a proxy chosen in Settings (or the OS's own settings on Windows/macOS) counts."""

    monkeypatch.setenv(name, "http://10.9.9.9:3128")
    if sys.platform not in ("win32", "darwin"):
        assert proxy_for("https://comensha.example:8443", None) is None
    assert proxy_for("https://comensha.example:8443", "none") is None
    assert proxy_for("https://comensha.example:8443", "http://proxy.example:8080") == "http://proxy.example:8080"
