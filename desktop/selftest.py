"""``signaal --selftest``: can this installation do its job? Headless, one line per check.

Run from source and, above all, inside the frozen bundle (``make selftest-frozen``), where a
missing data file, a lost entry point or an excluded library shows up only at run time. Each
check prints ``OK``, ``FAIL`` or ``INFO`` with a detail; the exit status is 0 only when no check
failed. ``INFO`` is for facts that depend on the machine rather than on the build (no keyring
on a CI runner, which display plugin was used).

The checks never touch the user's data folder or keyring: the store round trip runs in a
temporary folder with an in-memory secret store and is deleted afterwards. Only with
``SIGNAAL_SELFTEST_REQUIRE_KEYRING=1`` (CI, inside a private Secret Service session) does a
throwaway secret go through the keyring.

Each check imports what it checks inside its own function, on purpose: in a broken bundle a
missing library (sqlcipher3, nacl, keyring, a Qt plugin) must show as that check's ``FAIL`` line,
not as an ImportError that stops the self-test before it can say anything.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import pkgutil
import platform
import secrets
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OK, FAIL, INFO = "OK", "FAIL", "INFO"

ROLE_AUDIENCES = ("coa", "nla", "zorg")
# Set to 1 where a usable OS keyring must be there (CI under a private Secret Service session):
# then "not acceptable" is a failure and a throwaway secret makes a round trip.
ENV_REQUIRE_KEYRING = "SIGNAAL_SELFTEST_REQUIRE_KEYRING"
LANGUAGES = ("nl", "en")
# The backend module keyring must be able to load on each platform (R8 allowlist lives in
# desktop.core.store.keys; this is only "did the frozen build keep it").
OS_BACKEND_MODULES = {
    "linux": ("keyring.backends.SecretService", "keyring.backends.kwallet"),
    "darwin": ("keyring.backends.macOS",),
    "win32": ("keyring.backends.Windows",),
}


@dataclass
class Result:
    """One line of the report.

    Attributes:
        name: short name of the check.
        status: ``OK``, ``FAIL`` or ``INFO``.
        detail: what was seen, in one line.
    """

    name: str
    status: str
    detail: str


Outcome = Iterator[tuple[str, str]]  # a check yields (status, detail) pairs; several lines allowed


def frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


# ---------------------------------------------------------------------------------------------
# Checks


def check_environment() -> Outcome:
    from desktop import __version__

    how = f"frozen ({sys.executable})" if frozen() else f"from source ({sys.executable})"
    yield INFO, f"Signaal {__version__}, Python {platform.python_version()}, {platform.platform()}, {how}"
    try:
        meta = importlib.metadata.version("signaal")
    except importlib.metadata.PackageNotFoundError:
        yield FAIL, "package metadata for 'signaal' not found (build.spec copy_metadata('signaal'))"
    else:
        status = OK if meta == __version__ else FAIL
        yield status, f"package metadata version {meta}"


def check_codec() -> Outcome:
    import sqlcipher3.dbapi2 as driver

    from desktop.core.store import db

    version = db.cipher_version()  # raises CodecMissing (reported as FAIL) without SQLCipher 4
    if version.startswith("4."):
        yield OK, f"SQLCipher {version} ({Path(driver.__file__).parent.name}/)"
    else:
        yield FAIL, f"cipher_version is {version!r}: no SQLCipher 4 codec linked (R3)"


def _keyed(path: str, key: bytes) -> Any:  # a sqlcipher3 connection (the driver has no types)
    import sqlcipher3.dbapi2 as driver

    conn = driver.connect(path)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def check_cipher_settings() -> Outcome:
    from desktop.core.store import db

    pinned, source = db.EXPECTED_CIPHER_SETTINGS, "desktop.core.store.db"
    conn = _keyed(":memory:", secrets.token_bytes(32))
    try:
        got = {k: str(v) for k, v in db.cipher_settings(conn).items()}
    finally:
        conn.close()
    wrong = {k: got.get(k) for k, v in pinned.items() if str(got.get(k)) != str(v)}
    if wrong:
        yield FAIL, f"library defaults differ from the pinned values ({source}): {wrong}"
    else:
        yield OK, "defaults as pinned (" + ", ".join(f"{k}={v}" for k, v in pinned.items()) + f"; {source})"


def _store_round_trip(tmp: Path) -> str:
    from desktop.core.store import Store, keys

    secret_store = keys.MemorySecretStore()
    passphrase = "selftest " + secrets.token_hex(8)
    form_id, form_version = _some_form()
    answers = {"selftest": secrets.token_hex(8)}
    data_dir = tmp / "store"
    t0 = time.perf_counter()
    store = Store.create(data_dir, passphrase, secrets=secret_store, kdf="test")
    try:
        cipher = store.cipher_version
        record = store.create_draft(form_id, form_version, answers, summary="selftest")
        record_id = record.id
    finally:
        store.close()
    store = Store.open(data_dir, passphrase, secrets=secret_store)
    try:
        got = store.get(record_id)
    finally:
        store.close()
    if got.answers != answers:
        raise AssertionError(f"read back {got.answers!r}, wrote {answers!r}")
    plain = [p.name for p in data_dir.rglob("*") if p.is_file() and _starts_plain(p)]
    if plain:
        raise AssertionError(f"plaintext SQLite file(s) in the store folder: {plain} (R1)")
    ms = (time.perf_counter() - t0) * 1000
    return f"created, wrote a draft ({form_id} v{form_version}), reopened and read it back in {ms:.0f} ms; " \
           f"codec {cipher}"


def _some_form() -> tuple[str, int]:
    """A real form to file the test draft under; a made-up one if forms do not load (reported
    by the forms check; the store round trip still runs)."""
    try:
        import forms

        latest = forms.catalog().latest()
    except Exception:
        latest = []
    return (latest[0].id, latest[0].version) if latest else ("selftest", 1)


def _starts_plain(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


def _raw_round_trip(tmp: Path) -> str:
    key = secrets.token_bytes(32)
    path = str(tmp / "raw.db")
    conn = _keyed(path, key)
    conn.execute("CREATE TABLE t (v TEXT)")
    conn.execute("INSERT INTO t VALUES ('selftest')")
    conn.commit()
    conn.close()
    conn = _keyed(path, key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        row = conn.execute("SELECT v FROM t").fetchone()
    finally:
        conn.close()
    if row != ("selftest",):
        raise AssertionError(f"read back {row!r}")
    if _starts_plain(Path(path)):
        raise AssertionError("the database file starts with the plain SQLite header (R1)")
    return "keyed SQLCipher file written, reopened and read back (desktop.core.store API not available)"


def check_store() -> Outcome:
    with tempfile.TemporaryDirectory(prefix="signaal-selftest-") as tmp:
        try:
            from desktop.core.store import Store  # noqa: F401
        except ImportError:
            yield OK, _raw_round_trip(Path(tmp))
        else:
            yield OK, _store_round_trip(Path(tmp))
    if Path(tmp).exists():
        yield FAIL, f"temporary folder {tmp} was not removed"


def check_forms() -> Outcome:
    import forms

    base = Path(forms.__file__).resolve().parent / "definitions"
    schemas = sorted(p.name for p in base.glob("*schema*.json")) if base.is_dir() else []
    if schemas:
        yield OK, f"JSON Schema present: {', '.join(schemas)}"
    else:
        yield FAIL, f"no JSON Schema (*schema*.json) in {base}"
    cat = forms.catalog()
    if cat.errors:
        for err in cat.errors[:5]:
            yield FAIL, f"definition error: {err}"
        if len(cat.errors) > 5:
            yield FAIL, f"... and {len(cat.errors) - 5} more definition errors"
    missing = []
    for audience in ROLE_AUDIENCES:
        try:
            found = cat.latest(audience)
        except Exception:
            found = []
        if not found and not any(form_id == audience for form_id, _ in cat.forms):
            missing.append(audience)
    ids = sorted({f"{form_id} v{version}" for form_id, version in cat.forms})
    if missing:
        yield FAIL, f"no form for role(s) {', '.join(missing)}; loaded: {', '.join(ids) or 'none'}"
    elif not cat.errors:
        yield OK, f"{len(cat.forms)} definitions loaded without errors: {', '.join(ids)}"


def check_resources() -> Outcome:
    from PySide6.QtCore import QTranslator

    from desktop.core import paths

    res = paths.resource_dir()
    i18n = res / "i18n"
    catalogues = sorted(i18n.glob("*.qm")) if i18n.is_dir() else []
    for lang in LANGUAGES:
        if not (i18n / f"signaal_{lang}.qm").is_file():
            if lang == "en":  # English is the source language of the UI texts: optional
                yield INFO, "no signaal_en.qm: the UI shows its English source texts"
            else:
                yield FAIL, f"{i18n / f'signaal_{lang}.qm'} missing"
    for qm in catalogues:
        translator = QTranslator()
        if not translator.load(str(qm)):
            yield FAIL, f"{qm} does not load into a QTranslator (damaged?)"
        elif translator.isEmpty():
            yield INFO, f"translation {qm.name} loads but holds no finished translations"
        else:
            yield OK, f"translation {qm.name} loads ({qm.stat().st_size} bytes)"
    style = res / "style.qss"
    if style.is_file() and style.stat().st_size > 0:
        yield OK, f"style sheet {style.name} ({style.stat().st_size} bytes)"
    else:
        yield FAIL, f"{style} missing or empty"
    icons = sorted(p.name for p in (res / "icons").glob("*")) if (res / "icons").is_dir() else []
    if icons:
        yield OK, f"{len(icons)} icon file(s): {', '.join(icons[:6])}{' ...' if len(icons) > 6 else ''}"
    else:
        yield FAIL, f"no icons in {res / 'icons'}"


def check_crypto() -> Outcome:
    """libsodium (PyNaCl) as sealing and signing use it: a SealedBox and an Ed25519 round trip."""
    import nacl
    from nacl.public import PrivateKey, SealedBox
    from nacl.signing import SigningKey

    receiver = PrivateKey.generate()
    message = secrets.token_bytes(64)
    sealed = SealedBox(receiver.public_key).encrypt(message)
    opened = SealedBox(receiver).decrypt(sealed)
    signer = SigningKey.generate()
    verified = signer.verify_key.verify(signer.sign(message))
    if opened != message or verified != message:
        yield FAIL, "libsodium round trip gave different bytes"
        return
    yield OK, f"PyNaCl {nacl.__version__} (libsodium): sealed box and Ed25519 signature round trips"


def check_network() -> Outcome:
    """The TLS stack delivery uses (requests over Python's ssl); R17 wants TLS 1.2+, 1.3 preferred."""
    import ssl

    import requests

    if not ssl.HAS_TLSv1_3 and not ssl.HAS_TLSv1_2:
        yield FAIL, f"{ssl.OPENSSL_VERSION} offers neither TLS 1.3 nor 1.2"
        return
    status = OK if ssl.HAS_TLSv1_3 else INFO
    yield status, f"{ssl.OPENSSL_VERSION}, TLS 1.3 {'available' if ssl.HAS_TLSv1_3 else 'missing'}; " \
                  f"requests {requests.__version__}"


def _choose_platform() -> str:
    """Use QT_QPA_PLATFORM if set; otherwise offscreen when there is no display (Linux)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return f"QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}"
    has_display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and not has_display:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return "no display: offscreen"
    return "platform default"


def check_qt() -> Outcome:
    why = _choose_platform()
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QLabel

    from desktop.qt import QT_VERSION

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", os.environ["QT_QPA_PLATFORM"]]
                                                  if os.environ.get("QT_QPA_PLATFORM") else [sys.argv[0]])
    label = QLabel("Signaal selftest")
    label.show()
    app.processEvents()
    image = label.grab()
    shown = label.isVisible() and not image.isNull()
    label.close()
    app.processEvents()
    detail = f"Qt {QT_VERSION}, platform plugin '{QGuiApplication.platformName()}' ({why})"
    yield (OK, detail + ", a window was shown") if shown else (FAIL, detail + ", no window could be shown")
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = sorted(p.name for p in plugins.glob("*")) if plugins.is_dir() else []
    if sys.platform.startswith("linux"):
        need = ("qxcb", "qwayland")
        lacking = [n for n in need if not any(n in x for x in names)]
        yield (FAIL if lacking and frozen() else INFO if lacking else OK), \
            f"platform plugins for desktops: {', '.join(names) or 'none'}" + \
            (f"; missing {', '.join(lacking)}" if lacking else "")
    tr = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    have = [lang for lang in LANGUAGES if (tr / f"qtbase_{lang}.qm").is_file()]
    status = OK if len(have) == len(LANGUAGES) else (FAIL if frozen() else INFO)
    yield status, f"Qt's own translations (standard buttons): {', '.join(have) or 'none'} in {tr}"


# Modules of the field app's packages that the bundle leaves out or that are not app code.
NOT_APP_MODULES = ("sync.receiver", "desktop.screenshots", "desktop.selftest")
# Packages to walk. desktop.ui has no __init__.py (a namespace package), which pkgutil does not
# list inside its parent, so it is named here.
APP_PACKAGES = ("desktop", "desktop.ui", "forms", "sync")


def check_app_modules() -> Outcome:
    """Import every module of the field app, including those the app imports lazily (dialogs,
    delivery, sync): catches a Qt module or library the spec left out but the code uses."""
    names, broken = [], []
    for package in APP_PACKAGES:
        try:
            pkg = importlib.import_module(package)
        except ModuleNotFoundError as exc:
            broken.append(f"{package} ({exc})")
            continue
        for mod in pkgutil.walk_packages(pkg.__path__, f"{package}.",
                                         onerror=lambda name: broken.append(name)):
            if mod.name.startswith(NOT_APP_MODULES) or mod.name in names:
                continue
            try:
                importlib.import_module(mod.name)
            except Exception as exc:
                broken.append(f"{mod.name} ({type(exc).__name__}: {exc})")
            else:
                names.append(mod.name)
    for name in broken:
        yield FAIL, f"cannot import {name}"
    if "desktop.app" not in names:
        yield FAIL, "desktop.app is missing"
    ui = sum(1 for n in names if n.startswith("desktop.ui."))
    yield (OK if not broken else FAIL), f"{len(names)} app modules import ({ui} of them UI modules)"


def check_keyring() -> Outcome:
    import keyring
    import keyring.backend

    eps = importlib.metadata.entry_points(group="keyring.backends")
    alt = sorted(ep.value for ep in eps if ep.value.startswith("keyrings."))
    yield (OK if eps else FAIL if frozen() else INFO), \
        f"{len(eps)} keyring backend entry point(s)" + ("" if eps else ": keyring's metadata was not bundled")
    if frozen():
        try:
            importlib.import_module("keyrings.alt")
        except ImportError:
            yield OK, "keyrings.alt is not in the bundle (R9)"
        else:
            yield FAIL, "keyrings.alt is importable from the bundle (R9)"
    elif alt:
        yield INFO, "keyrings.alt installed in this environment (tests only; never bundled, R9)"
    backends = keyring.backend.get_all_keyring()
    expected = OS_BACKEND_MODULES.get("linux" if sys.platform.startswith("linux") else sys.platform, ())
    loaded = [m for m in expected if m in sys.modules]
    lost = [m for m in expected if m not in sys.modules]
    if not backends:
        yield FAIL, "no keyring backends discovered (entry points or backend modules lost)"
    elif lost and frozen():
        yield FAIL, f"OS keyring backend module(s) not loaded: {', '.join(lost)}"
    else:
        names = sorted(f"{type(b).__module__}.{type(b).__qualname__}" for b in backends)
        yield OK, f"{len(backends)} backend(s) viable: {', '.join(names)}" + \
            (f"; OS modules loaded: {', '.join(loaded)}" if loaded else "")
    current = keyring.get_keyring()
    name, acceptable, why = _acceptable(current)
    required = os.environ.get(ENV_REQUIRE_KEYRING) == "1"
    if acceptable:
        yield OK, f"would use {name}: acceptable ({why})"
    elif required:
        yield FAIL, f"would use {name}: not acceptable ({why}), and {ENV_REQUIRE_KEYRING}=1"
    else:
        yield INFO, f"would use {name}: not acceptable ({why}); the app falls back to the passphrase alone"
    if required and acceptable:
        yield _keyring_round_trip()


def _keyring_round_trip() -> tuple[str, str]:
    """Write, read and delete a throwaway secret. Only on request: it touches the real keyring."""
    import keyring

    service, user, value = "Signaal selftest", "probe", secrets.token_hex(16)
    keyring.set_password(service, user, value)
    try:
        got = keyring.get_password(service, user)
    finally:
        keyring.delete_password(service, user)
    if got != value:
        return FAIL, "keyring round trip: the secret read back differs"
    return OK, "keyring round trip: a throwaway secret was written, read back and deleted"


def _acceptable(current: object) -> tuple[str, bool, str]:
    """Whether the app would use ``current`` (keyring's choice), by the app's own allowlist."""
    from desktop.core.store import keys

    name = keys.backend_name(current)
    chosen = keys.allowed_backend(current)
    if chosen is not None:
        return name, True, f"{keys.backend_name(chosen)}, priority {keys.priority(chosen)}"
    return name, False, f"priority {keys.priority(current)}, allowlist in desktop.core.store.keys"


CHECKS: list[tuple[str, Callable[[], Outcome]]] = [
    ("environment", check_environment),
    ("codec", check_codec),
    ("cipher settings", check_cipher_settings),
    ("store", check_store),
    ("crypto", check_crypto),
    ("network", check_network),
    ("forms", check_forms),
    ("resources", check_resources),
    ("qt", check_qt),
    ("app modules", check_app_modules),
    ("keyring", check_keyring),
]


def run() -> list[Result]:
    results = []
    for name, check in CHECKS:
        try:
            for status, detail in check():
                results.append(Result(name, status, detail))
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            results.append(Result(name, FAIL, f"{type(exc).__name__}: {exc} "
                                              f"(at {Path(where.filename).name}:{where.lineno})"))
    return results


def main() -> int:
    """Run every check, print the report, return 0 only if none failed."""
    results = run()
    width = max(len(r.name) for r in results)
    for r in results:
        print(f"{r.status:<4}  {r.name:<{width}}  {r.detail}", flush=True)
    failed = [r for r in results if r.status == FAIL]
    print(f"selftest: {len(results)} checks, {len(failed)} failed" + ("" if failed else ", all passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
