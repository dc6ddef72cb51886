"""R20, R2, R12, R7: what is in the file after deletes and purges; the pinned settings."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desktop.core.store import Store, db, keys
from forms import MINIMISATION_RULE

from .conftest import PASS, raw_connect

PAGE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64) per page in SQLCipher 4


def _decrypt_pages(blob: bytes, key: bytes, first_page_salt: bool = True) -> bytes:
    """TEST ONLY: decrypt SQLCipher 4 pages (AES-256-CBC, raw key) to scan freed space as well."""

    out = bytearray()
    for n in range(len(blob) // PAGE):
        page = blob[n * PAGE:(n + 1) * PAGE]
        start = 16 if (n == 0 and first_page_salt) else 0
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out += dec.update(page[start:PAGE - RESERVE]) + dec.finalize()
    return bytes(out)


def _wal_pages(wal: bytes) -> bytes:
    frames = bytearray()
    pos = 32
    while pos + 24 + PAGE <= len(wal):
        frames += wal[pos + 24:pos + 24 + PAGE]
        pos += 24 + PAGE
    return bytes(frames)


def test_r20_deleted_and_purged_canaries_are_gone(data_dir, secrets, tmp_path):
    gone_draft = f"WEGDRAFT{uuid.uuid4().hex[:12]}"
    gone_purged = f"WEGPURGE{uuid.uuid4().hex[:12]}"
    kept = f"BLIJFT{uuid.uuid4().hex[:12]}"
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    for i in range(20):  # neighbours on the same pages
        s.create_draft("f", 1, {"i": i, "pad": "p" * 300}, f"neighbour {i}")
    live = s.create_draft("f", 1, {"name": kept, "long": kept * 40}, kept)
    draft = s.create_draft("f", 1, {"name": gone_draft}, gone_draft)
    for v in range(5):  # autosaves leave older versions in pages and WAL frames
        s.update_draft(draft.id, {"name": f"{gone_draft} v{v}", "long": gone_draft * 60}, gone_draft)
    sent = s.create_draft("f", 1, {"name": gone_purged, "long": gone_purged * 60}, gone_purged)
    s.finalise(sent.id, {"name": gone_purged, "long": gone_purged * 60}, gone_purged,
               {"sealed": gone_purged}, sealed_rule=MINIMISATION_RULE)
    s.mark_sent(sent.id, {"receipt": "r"})
    s.delete_draft(draft.id)
    assert s.purge_sent(30, now=datetime.now(UTC) + timedelta(days=31)) == 1
    assert s.get(live.id).answers["name"] == kept
    s.close()

    conn, key = raw_connect(data_dir, PASS, secrets)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    plain = tmp_path / "plain.db"
    conn.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    exported = plain.read_bytes()
    assert exported.startswith(b"SQLite format 3\x00")
    assert kept.encode() in exported  # the method finds what is there …
    assert gone_draft.encode() not in exported  # … and the deleted/purged content is not
    assert gone_purged.encode() not in exported

    # Stronger than the export (which copies live rows only): decrypt every page of the file,
    # free space and freelist pages included, plus any WAL frames.
    pages = _decrypt_pages((data_dir / "store.db").read_bytes(), key)
    wal = data_dir / "store.db-wal"
    if wal.exists():
        pages += _decrypt_pages(_wal_pages(wal.read_bytes()), key, first_page_salt=False)
    assert kept.encode() in pages
    assert gone_draft.encode() not in pages
    assert gone_purged.encode() not in pages


def test_r2_cipher_settings_pinned(store, data_dir, secrets):
    conn, _ = raw_connect(data_dir, PASS, secrets)
    try:
        version = conn.execute("PRAGMA cipher_version").fetchone()[0]
        assert version.startswith("4.")
        settings = db.cipher_settings(conn)
        assert settings["kdf_iter"] == "256000"
        assert settings["cipher_hmac_algorithm"] == "HMAC_SHA512"
        assert settings["cipher_kdf_algorithm"] == "PBKDF2_HMAC_SHA512"
        assert settings["cipher_page_size"] == "4096"
        assert settings["cipher_plaintext_header_size"] == "0"
        assert settings["cipher_use_hmac"] == "1"
    finally:
        conn.close()
    assert (data_dir / "store.db").read_bytes()[:16] != b"SQLite format 3\x00"


def _pragmas(conn):
    one = lambda name: conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    return {
        "journal_mode": one("journal_mode"),
        "synchronous": one("synchronous"),
        "foreign_keys": one("foreign_keys"),
        "temp_store": one("temp_store"),
        "secure_delete": one("secure_delete"),
        "cipher_plaintext_header_size": one("cipher_plaintext_header_size"),
    }


WANT = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "temp_store": 2,
        "secure_delete": 1, "cipher_plaintext_header_size": "0"}


def test_r12_pragmas_on_every_connection(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    assert _pragmas(s._conn) == WANT
    s.close()
    for _ in range(2):
        s = Store.open(data_dir, PASS, secrets=secrets)
        assert _pragmas(s._conn) == WANT
        s.close()


def test_settings_are_checked_not_just_set(store, monkeypatch):
    """check_settings fails closed if a pinned value is off."""
    store._conn.execute("PRAGMA secure_delete = OFF")
    with pytest.raises(Exception, match="secure_delete"):
        db.check_settings(store._conn)


def test_r7_no_temp_files(data_dir, secrets, tmp_path, monkeypatch):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(tmp))
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    for i in range(300):
        s.create_draft("f", 1, {"i": i, "pad": "x" * 500}, f"summary {i}")
    s.list_records(search="summary", limit=1000)
    s._conn.execute("SELECT summary FROM records ORDER BY answers, summary").fetchall()
    s._conn.execute("VACUUM")
    s.close()
    assert list(tmp.iterdir()) == []


class _TracingDriver:
    """Stands in for sqlcipher3.dbapi2 and records every statement the store sends."""

    def __init__(self, real, statements):
        self._real = real
        self._statements = statements

    def __getattr__(self, name):
        return getattr(self._real, name)

    def connect(self, *args, **kwargs):
        conn = self._real.connect(*args, **kwargs)
        conn.set_trace_callback(self._statements.append)
        return conn


def test_r5_only_validated_hex_reaches_pragma_key(data_dir, secrets, monkeypatch):
    statements: list[str] = []
    monkeypatch.setattr(db, "driver", _TracingDriver(db.driver, statements))
    passphrase = "PASSCANARY 'quoted'; \"x'00'\" 🐦"
    s = Store.create(data_dir, passphrase, secrets=secrets, kdf="test")
    s.create_draft("f", 1, {"a": 1})
    s.change_passphrase(passphrase, passphrase + " 2")  # re-keying attaches a new file with a key
    s.close()
    passphrase += " 2"
    Store.open(data_dir, passphrase, secrets=secrets).close()
    attach = [st for st in statements if re.match(r"\s*ATTACH\b", st, re.I)]
    assert attach, "the trace must see the re-key's ATTACH"
    for st in attach:
        # (the trace shows the bound file name in place of the ?)
        assert re.fullmatch(r"ATTACH DATABASE '[^']*' AS target KEY \"x'[0-9a-f]{64}'\"", st), st
    key_statements = [st for st in statements if re.match(r"\s*PRAGMA\s+(re)?key\b", st, re.I)]
    assert key_statements, "the trace must see the keying statements"
    for st in key_statements:
        assert re.fullmatch(r"PRAGMA key = \"x'[0-9a-f]{64}'\"", st), st
    assert not any("PASSCANARY" in st for st in statements)
    # cipher_log_level is silenced before every key statement
    for i, st in enumerate(statements):
        if st.startswith("PRAGMA key"):
            assert statements[i - 1] == "PRAGMA cipher_log_level = NONE"


def test_raw_key_hex_validation():
    assert keys.is_raw_key_hex("0" * 64)
    for bad in ("0" * 63, "0" * 65, "A" * 64, "0" * 63 + "\n", "0" * 62 + "'\"", "", None):
        assert not keys.is_raw_key_hex(bad)
