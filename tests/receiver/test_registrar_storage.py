"""The registrar part of the storage (codes, registrars, the envelope cursor, the event log), the
same tests on SQLite and on a real PostgreSQL server; and the migration of a version-1 database."""

from __future__ import annotations

import base64
import hashlib
import secrets
import sqlite3
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import nacl.signing
import psycopg
import pytest

from sync import envelope
from sync.receiver.registrar_store import SCHEMA_VERSION, IncomingEvent
from sync.receiver.storage import Incoming, open_storage
from tests.support.receiver import postgres_test_database

NOW = "2026-05-01T10:00:00.000000Z"
LATER = "2026-05-02T10:00:00.000000Z"
RECEIPT_KEY = nacl.signing.SigningKey.generate()


def sign(envelope_id, sha256, received_at, reference):
    msg = envelope.receipt_message(envelope_id, sha256, received_at, reference)
    return base64.b64encode(RECEIPT_KEY.sign(msg).signature).decode()


def item(content: bytes = b"sealed") -> Incoming:
    return Incoming(
        id=str(uuid.uuid4()),
        form_id="coa",
        form_version=1,
        created_at=NOW,
        sealed=content,
        sha256=hashlib.sha256(content).hexdigest(),
        signature="A" * 86 + "==",
    )


def event(content: bytes | None = None) -> IncomingEvent:
    return IncomingEvent(
        id=secrets.token_hex(16), sealed=content or secrets.token_bytes(80), signature="S" * 88
    )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request, tmp_path):
    """``(data_dir, database_url)`` of an empty database of either kind."""
    url = None
    if request.param == "postgres":
        url, drop = postgres_test_database(request.getfixturevalue("pg_base"))
        request.addfinalizer(drop)
    return tmp_path, url


@pytest.fixture
def storage(backend):
    s = open_storage(*backend)
    yield s
    s.close()


def _device(storage, name="dev_0000000000000001") -> str:
    storage.add_code("h-" + name, "Org", NOW, "2999-01-01T00:00:00.000000Z")
    key = base64.b64encode(bytes(nacl.signing.SigningKey.generate().verify_key)).decode()
    assert storage.redeem_code("h-" + name, NOW, name, "Laptop", key, "t-" + name)[0] == "ok"
    return name


def _registrar(storage, rid="reg_0000000000000001", token_hash="r-token") -> str:  # noqa: S107 - a made-up hash
    storage.add_registrar_code("c-" + rid, "Team A", NOW, "2999-01-01T00:00:00.000000Z")
    key = base64.b64encode(bytes(nacl.signing.SigningKey.generate().verify_key)).decode()
    assert storage.redeem_registrar_code("c-" + rid, NOW, rid, "Desk", key, token_hash) == ("ok", "Team A")
    return rid


def test_registrar_codes_are_single_use_expire_and_never_enrol_a_device(storage):
    storage.add_registrar_code("code-1", "Team A", NOW, LATER)
    storage.add_registrar_code("code-2", "Team B", NOW, NOW)  # expires at once
    storage.add_code("device-code", "Org", NOW, LATER)
    assert storage.redeem_registrar_code("code-1", NOW, "reg_0000000000000001", "Desk 1", "k", "tok-1") == (
        "ok",
        "Team A",
    )
    assert (
        storage.redeem_registrar_code("code-1", NOW, "reg_0000000000000002", "Desk 2", "k", "tok-2")[0]
        == "used"
    )
    assert storage.redeem_registrar_code("code-2", NOW, "reg_0000000000000003", "Desk 3", "k", "tok-3")[
        0
    ] == ("expired")
    assert storage.redeem_registrar_code("nope", NOW, "reg_0000000000000004", "Desk 4", "k", "tok-4")[0] == (
        "unknown"
    )
    # A device code is not a registrar code, and a registrar code is not a device code.
    assert storage.redeem_registrar_code("device-code", NOW, "reg_0000000000000005", "D", "k", "tok-5")[
        0
    ] == ("unknown")
    assert storage.redeem_code("code-1", NOW, "dev_0000000000000009", "L", "k", "tok-9")[0] == "unknown"
    assert [r.id for r in storage.list_registrars()] == ["reg_0000000000000001"]
    assert storage.registrar_by_token("tok-1").name == "Team A"
    assert storage.device_by_token("tok-1") is None


def test_revoking_a_registrar(storage):
    rid = _registrar(storage)
    assert storage.revoke_registrar(rid, LATER) == "revoked"
    assert storage.revoke_registrar(rid, LATER) == "already"
    assert storage.revoke_registrar("reg_ffffffffffffffff", LATER) == "unknown"
    assert storage.registrar_by_token("r-token").revoked


def test_envelope_cursor_pages_in_the_order_stored(storage):
    dev = _device(storage)
    stored = []
    for _ in range(4):
        batch = [item(secrets.token_bytes(40)) for _ in range(3)]
        storage.store_batch(dev, batch, NOW, sign)
        stored += [b.id for b in batch]
    storage.store_batch(dev, [item(b"again")], NOW, sign)
    stored.append(storage.envelopes_after(12, 10)[0][0].id)
    seen, after, pages = [], 0, 0
    while True:
        rows, more = storage.envelopes_after(after, 5)
        pages += 1
        seen += rows
        if not more:
            break
        after = rows[-1].seq
    assert pages == 3 and [r.id for r in seen] == stored
    assert [r.seq for r in seen] == list(range(1, 14))
    first = seen[0]
    assert first.device_id == dev and first.organisation == "Org" and first.sealed and first.reference
    # Re-reading is idempotent, and a resend (duplicate) gets no new seq.
    assert storage.envelopes_after(0, 5)[0] == seen[:5]
    storage.store_batch(
        dev,
        [
            Incoming(
                **{**item().__dict__, "id": stored[0], "sealed": seen[0].sealed, "sha256": seen[0].sha256}
            )
        ],
        NOW,
        sign,
    )
    assert storage.envelopes_after(13, 5) == ([], False)


def test_events_are_stored_once_in_one_order(storage):
    rid = _registrar(storage)
    other = _registrar(storage, "reg_0000000000000002", "r-token-2")
    a, b, c = event(), event(), event()
    out = storage.store_events(rid, [a, b, a], NOW)  # the same event twice in one call
    assert out == [("stored", 1, None), ("stored", 2, None), ("duplicate", 1, None)]
    assert storage.store_events(rid, [c, b], LATER) == [("stored", 3, None), ("duplicate", 2, None)]
    # The same id with other bytes, or from another registrar: refused, nothing changes.
    changed = IncomingEvent(id=a.id, sealed=b"other bytes", signature=a.signature)
    assert storage.store_events(rid, [changed], LATER)[0][0:2] == ("rejected", None)
    assert storage.store_events(other, [a], LATER)[0][0:2] == ("rejected", None)
    rows, more = storage.events_after(0, 10)
    assert not more and [(r.seq, r.id, r.sealed) for r in rows] == [
        (1, a.id, a.sealed),
        (2, b.id, b.sealed),
        (3, c.id, c.sealed),
    ]
    assert rows[0].registrar_id == rid and rows[0].received_at == NOW
    assert storage.events_after(1, 1) == ([rows[1]], True)
    assert storage.count_events() == 3


def test_a_tailing_cursor_never_skips_a_row_that_commits_later(backend):
    """Writers on several connections (two receivers on PostgreSQL) while a reader tails the log
    with its cursor: the reader sees every event and envelope exactly once, in seq order, with
    no gaps, without ever starting again from 0."""
    data_dir, url = backend
    writers = [open_storage(data_dir, url) for _ in range(2 if url else 1)]
    reader = open_storage(data_dir, url)
    rid = _registrar(writers[0])
    dev = _device(writers[0])
    sent_events: list[str] = []
    sent_envelopes: list[str] = []
    lock = threading.Lock()
    done = threading.Event()

    def write(n: int) -> None:
        s = writers[n % len(writers)]
        for _ in range(15):
            evs = [event() for _ in range(3)]
            envs = [item(secrets.token_bytes(20)) for _ in range(2)]
            s.store_events(rid, evs, NOW)
            s.store_batch(dev, envs, NOW, sign)
            with lock:
                sent_events.extend(e.id for e in evs)
                sent_envelopes.extend(e.id for e in envs)

    seen_events: list[tuple[int, str]] = []
    seen_envelopes: list[tuple[int, str]] = []

    def tail() -> None:
        ev_after = env_after = 0
        while True:
            finished = done.is_set()
            rows, _ = reader.events_after(ev_after, 7)
            seen_events.extend((r.seq, r.id) for r in rows)
            ev_after = rows[-1].seq if rows else ev_after
            envs, _ = reader.envelopes_after(env_after, 5)
            seen_envelopes.extend((r.seq, r.id) for r in envs)
            env_after = envs[-1].seq if envs else env_after
            if finished and not rows and not envs:
                return

    try:
        with ThreadPoolExecutor(5) as pool:
            tailer = pool.submit(tail)
            try:
                for f in [pool.submit(write, n) for n in range(4)]:
                    f.result(timeout=120)  # a writer's error fails the test
            finally:
                done.set()
            tailer.result(timeout=120)
        assert [s for s, _ in seen_events] == list(range(1, len(sent_events) + 1))
        assert sorted(i for _, i in seen_events) == sorted(sent_events)
        assert [s for s, _ in seen_envelopes] == list(range(1, len(sent_envelopes) + 1))
        assert sorted(i for _, i in seen_envelopes) == sorted(sent_envelopes)
    finally:
        done.set()
        for s in [*writers, reader]:
            s.close()


V1_TABLES = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE codes (code_hash TEXT PRIMARY KEY, organisation TEXT NOT NULL, created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL, used_at TEXT, device_id TEXT)""",
    """CREATE TABLE devices (id TEXT PRIMARY KEY, organisation TEXT NOT NULL, label TEXT NOT NULL,
        public_key TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, enrolled_at TEXT NOT NULL,
        revoked_at TEXT)""",
    "CREATE TABLE counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL)",
    """CREATE TABLE envelopes (id TEXT PRIMARY KEY, device_id TEXT NOT NULL REFERENCES devices(id),
        form_id TEXT NOT NULL, form_version INTEGER NOT NULL, created_at TEXT NOT NULL,
        sealed {blob} NOT NULL, sha256 TEXT NOT NULL, signature TEXT NOT NULL, received_at TEXT NOT NULL,
        reference TEXT NOT NULL UNIQUE, receipt_signature TEXT NOT NULL)""",
    "CREATE INDEX envelopes_received ON envelopes (received_at)",
    "INSERT INTO meta VALUES ('schema_version', '1')",
    "INSERT INTO devices VALUES "
    "('dev_0000000000000001', 'Org', 'L', 'k', 'tok', '2026-01-01T00:00:00.000000Z', NULL)",
    "INSERT INTO counters VALUES (2026, 3)",
]
# Ids in another order than their receipt times: the migration numbers by time.
V1_ROWS = [
    ("ccc", "2026-01-01T00:00:01.000000Z", "CM-2026-000001"),
    ("aaa", "2026-01-01T00:00:03.000000Z", "CM-2026-000003"),
    ("bbb", "2026-01-01T00:00:02.000000Z", "CM-2026-000002"),
]


def _make_version_1_database(data_dir, url) -> None:
    """A database as a receiver before registrars left it (schema version 1, three envelopes)."""
    conn: Any
    if url:
        conn = psycopg.connect(url, autocommit=True)
        ph, blob = "%s", "BYTEA"
    else:
        conn = sqlite3.connect(data_dir / "receiver.sqlite3", isolation_level=None)
        ph, blob = "?", "BLOB"
    for stmt in V1_TABLES:
        conn.execute(stmt.replace("{blob}", blob))
    for eid, received, reference in V1_ROWS:
        conn.execute(
            f"INSERT INTO envelopes VALUES ({', '.join([ph] * 11)})",  # noqa: S608
            (eid, "dev_0000000000000001", "coa", 1, received, b"x", "0" * 64, "s", received, reference, "r"),
        )
    conn.close()


@pytest.mark.parametrize("old", [True, False], ids=["version-1", "empty"])
def test_receivers_opening_a_database_at_once_create_or_migrate_it_once(backend, old):
    data_dir, url = backend
    if old:
        _make_version_1_database(data_dir, url)
    barrier = threading.Barrier(3)

    def open_one():
        barrier.wait(timeout=30)
        return open_storage(data_dir, url)

    with ThreadPoolExecutor(3) as pool:
        opened = [f.result(timeout=60) for f in [pool.submit(open_one) for _ in range(3)]]
    try:
        expected = [(1, "ccc"), (2, "bbb"), (3, "aaa")] if old else []
        for s in opened:
            assert [(r.seq, r.id) for r in s.envelopes_after(0, 10)[0]] == expected
        dev = "dev_0000000000000001" if old else _device(opened[0])
        opened[0].store_batch(dev, [item()], "2026-01-02T00:00:00.000000Z", sign)
        assert [r.seq for r in opened[1].envelopes_after(0, 10)[0]] == [s for s, _ in expected] + [
            len(expected) + 1
        ]
        rid = _registrar(opened[2])
        assert opened[1].store_events(rid, [event()], NOW)[0] == ("stored", 1, None)
    finally:
        for s in opened:
            s.close()


def test_a_version_1_database_is_migrated(backend):
    data_dir, url = backend
    _make_version_1_database(data_dir, url)

    storage = open_storage(data_dir, url)
    try:
        rows, more = storage.envelopes_after(0, 10)
        assert [(r.seq, r.id) for r in rows] == [(1, "ccc"), (2, "bbb"), (3, "aaa")] and not more
        storage.store_batch("dev_0000000000000001", [new := item()], "2026-01-02T00:00:00.000000Z", sign)
        assert [(r.seq, r.id) for r in storage.envelopes_after(3, 10)[0]] == [(4, new.id)]
        rid = _registrar(storage)
        assert storage.store_events(rid, [event()], NOW)[0] == ("stored", 1, None)
    finally:
        storage.close()
    again = open_storage(data_dir, url)  # opening a migrated database changes nothing
    try:
        assert [r.seq for r in again.envelopes_after(0, 10)[0]] == [1, 2, 3, 4]
        assert again.events_after(0, 10)[0][0].seq == 1
    finally:
        again.close()
    assert SCHEMA_VERSION == 2
