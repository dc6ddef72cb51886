"""Store benchmark: the encrypted store next to plain stdlib sqlite3, same schema, same run.

Figures (each with the plain sqlite3 baseline and the ratio):
- ``store.insert_draft``: create_draft, one transaction each (record + audit entry), 10,000 drafts
- ``store.get``: get by id (decode included), 10,000 random ids
- ``store.autosave``: update_draft, one small transaction each
- ``store.list_first_page_100k``: first page (100 rows + total) over 100,000 records
- ``store.search_100k``: a search over summary / form id / id prefix over 100,000 records
- ``store.open_100k``: Store.open on the 100,000-record file (kdf="test": the cost is the
  cipher_integrity_check); informational
- ``store.list_first_page_100k_cold``: the first page right after open (cold page cache)
- ``store.rekey_10k``: a passphrase change (re-key: every table copied under a new data key) of a
  store with 10,000 reports, next to plain sqlite3 ``VACUUM INTO`` of the same rows (the cheapest
  whole-database copy SQLite has); kdf="test", so the Argon2id cost (about a second with the
  "moderate" profile) is not in the figure
- ``backup.write_10k`` / ``backup.restore_10k``: an encrypted backup of that store and its restore
  into a new folder, next to copying the store's file with ``shutil.copyfile``; MB/s included

Both sides run with WAL, synchronous=FULL, foreign_keys, temp_store=MEMORY, secure_delete and the
same cache size. The baseline mirrors the store's SQL statement by statement. Seeding the 100,000
records uses direct SQL in one transaction on both sides (benchmark only).

Targets: insert, get and autosave ≤ 1.5× plain sqlite3; first page of 100,000 records < 50 ms.
Run: ``python -m tests.benchmarks store``. ``SIGNAAL_BENCH_QUICK=1`` shrinks the counts.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.backup import restore_backup, write_backup
from desktop.core.store import Store, db, keys, migrations
from desktop.core.store.store import (
    _RECORD_COLS,
    _SUMMARY_COLS,
    GENESIS_HASH,
    _dumps,
    _now,
    _record,
    _summary,
    _ts,
    audit_hash,
)
from tests.benchmarks.common import best_of, emit, log

QUICK = bool(os.environ.get("SIGNAAL_BENCH_QUICK"))
N_INSERT = 1_000 if QUICK else 10_000
N_GET = 2_000 if QUICK else 10_000
N_AUTOSAVE = 500 if QUICK else 2_000
N_BIG = 10_000 if QUICK else 100_000
N_REKEY = 2_000 if QUICK else 10_000
PASS = "benchmark passphrase, synthetic"


def _answers(i: int) -> dict[str, object]:
    indicators = {f"ind_{k}": {"answer": "yes" if (i + k) % 3 else "no", "note": "synthetic note " * 3}
                  for k in range(8)}
    return {"locatie": f"locatie {i % 97}", "aantal": i % 7, "indicatoren": indicators}


class PlainStore:
    """The same statements as desktop.core.store.Store, on stdlib sqlite3 (no encryption)."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(str(path), isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        for name, (value, _) in db.CONNECTION_PRAGMAS.items():
            self.conn.execute(f"PRAGMA {name} = {value}")
        self.conn.execute(f"PRAGMA cache_size = -{db.CACHE_KIB}")
        self.conn.execute(f"PRAGMA journal_size_limit = {db.JOURNAL_SIZE_LIMIT}")
        migrations.migrate(self.conn)
        self.head = (0, GENESIS_HASH)

    def create_draft(self, form_id: str, form_version: int, answers: dict, summary: str = "") -> str:
        record_id = str(uuid.uuid4())
        now = _ts(_now())
        text = _dumps(answers)
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute(
            "INSERT INTO records (id, form_id, form_version, state, created_at, updated_at, answers, "
            "summary) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?)",
            (record_id, form_id, form_version, now, now, text, summary))
        seq, prev = self.head
        seq += 1
        detail = _dumps({"form": form_id, "version": form_version})
        digest = audit_hash(prev, seq, now, "draft.created", record_id, detail)
        self.conn.execute("INSERT INTO audit (seq, at, event, record_id, detail, prev_hash, hash) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)", (seq, now, "draft.created", record_id, detail,
                                                          prev, digest))
        self.conn.execute("COMMIT")
        self.head = (seq, digest)
        json.loads(text)
        return record_id

    def get(self, record_id: str):
        row = self.conn.execute(f"SELECT {_RECORD_COLS} FROM records WHERE id = ?",  # noqa: S608
                                (record_id,)).fetchone()
        return _record(row)

    def update_draft(self, record_id: str, answers: dict, summary: str = "") -> None:
        cur = self.conn.execute(
            "UPDATE records SET answers = ?, summary = ?, updated_at = ? WHERE id = ? AND state = 'draft'",
            (_dumps(answers), summary, _ts(_now()), record_id))
        assert cur.rowcount == 1

    def list_records(self, search: str | None = None, limit: int = 100):
        where, params = "", []
        if search:
            where = (" WHERE (summary LIKE ? ESCAPE '\\' OR form_id LIKE ? ESCAPE '\\' "
                     "OR id LIKE ? ESCAPE '\\')")
            params = [f"%{search}%", f"%{search}%", f"{search.lower()}%"]
        total = self.conn.execute(f"SELECT count(*) FROM records{where}", params).fetchone()[0]  # noqa: S608
        rows = self.conn.execute(f"SELECT {_SUMMARY_COLS} FROM records{where} "  # noqa: S608
                                 "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?",
                                 [*params, limit, 0]).fetchall()
        return total, [_summary(r) for r in rows]


def _timed(fn, n: int) -> float:
    t0 = time.perf_counter()
    for i in range(n):
        fn(i)
    return (time.perf_counter() - t0) / n


def _seed(conn, n: int, rng: random.Random) -> None:
    """Bulk rows for the 100k figures (benchmark only: one transaction, same rows on both sides)."""
    base = time.time() - 400 * 86400
    rows = []
    for i in range(n):
        t = _ts(_from_epoch(base + i * 300 + rng.random()))
        state = "draft" if i % 4 == 0 else ("final" if i % 4 == 1 else "sent")
        rows.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), f"form-{i % 5}", 1, state, t, t,
                     _dumps(_answers(i)), f"Signaal {i % 1000} · regio {i % 25}"))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO records (id, form_id, form_version, state, created_at, updated_at, "
                     "answers, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _from_epoch(value: float):
    return datetime.fromtimestamp(value, UTC)


def _compare(name: str, store_s: float, plain_s: float, target_ratio: float | None, n: int) -> None:
    ok = None if target_ratio is None else store_s <= plain_s * target_ratio
    emit(name, store_s * 1e3, "ms/op", baseline=plain_s * 1e3, baseline_name="plain sqlite3",
         target=f"<= {target_ratio}x plain sqlite3" if target_ratio else None, ok=ok, n=n)


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="signaal-bench-store-") as tmp:
        tmp_path = Path(tmp)
        secrets = keys.MemorySecretStore()
        store = Store.create(tmp_path / "enc", PASS, secrets=secrets, kdf="test")
        plain = PlainStore(tmp_path / "plain.db")
        log(f"store: {store.cipher_version}; inserting {N_INSERT} drafts on each side")

        # Interleave in small blocks so machine noise hits both sides alike, and report the
        # median block (a burst of load from a neighbour then skews one block, not the figure).
        enc_ids: list[str] = []
        plain_ids: list[str] = []
        enc_blocks: list[float] = []
        plain_blocks: list[float] = []
        block = 250
        for start in range(0, N_INSERT, block):
            cnt = min(block, N_INSERT - start)
            enc_blocks.append(_timed(lambda i: enc_ids.append(
                store.create_draft("form-a", 1, _answers(i), f"Signaal {i}").id), cnt))
            plain_blocks.append(_timed(lambda i: plain_ids.append(
                plain.create_draft("form-a", 1, _answers(i), f"Signaal {i}")), cnt))
        _compare("store.insert_draft", statistics.median(enc_blocks), statistics.median(plain_blocks),
                 1.5, N_INSERT)

        enc_pick = [rng.choice(enc_ids) for _ in range(N_GET)]
        plain_pick = [rng.choice(plain_ids) for _ in range(N_GET)]
        enc_g = min(_timed(lambda i: store.get(enc_pick[i]), N_GET) for _ in range(3))
        plain_g = min(_timed(lambda i: plain.get(plain_pick[i]), N_GET) for _ in range(3))
        _compare("store.get", enc_g, plain_g, 1.5, N_GET)

        enc_blocks, plain_blocks = [], []
        for start in range(0, N_AUTOSAVE, 100):
            cnt = min(100, N_AUTOSAVE - start)
            enc_blocks.append(_timed(
                lambda i: store.update_draft(enc_pick[i], _answers(i + 1), "autosave"), cnt))
            plain_blocks.append(_timed(
                lambda i: plain.update_draft(plain_pick[i], _answers(i + 1), "autosave"), cnt))
        _compare("store.autosave", statistics.median(enc_blocks), statistics.median(plain_blocks), 1.5,
                 N_AUTOSAVE)
        store.close()
        plain.conn.close()

        log(f"seeding {N_BIG} records on each side")
        big = Store.create(tmp_path / "big", PASS, secrets=secrets, kdf="test")
        _seed(big._conn, N_BIG, random.Random(11))
        big_plain = PlainStore(tmp_path / "big-plain.db")
        _seed(big_plain.conn, N_BIG, random.Random(11))
        big.close()

        t0 = time.perf_counter()
        big = Store.open(tmp_path / "big", PASS, secrets=secrets)
        open_s = time.perf_counter() - t0
        emit("store.open_100k", open_s * 1e3, "ms", n=N_BIG,
             note="kdf=test; includes cipher_integrity_check of every page")
        t0 = time.perf_counter()
        big.list_records(limit=100)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        big_plain_cold = PlainStore(tmp_path / "big-plain.db")
        big_plain_cold.list_records(limit=100)
        cold_plain = time.perf_counter() - t0
        big_plain_cold.conn.close()
        emit("store.list_first_page_100k_cold", cold * 1e3, "ms", baseline=cold_plain * 1e3,
             baseline_name="plain sqlite3 (fresh connection)", target="< 50 ms", ok=cold < 0.050, n=N_BIG,
             note="first call on a fresh connection: pages decrypted from disk")

        first = best_of(lambda: big.list_records(limit=100), repeat=7)
        first_plain = best_of(lambda: big_plain.list_records(limit=100), repeat=7)
        emit("store.list_first_page_100k", first * 1e3, "ms", baseline=first_plain * 1e3,
             baseline_name="plain sqlite3", target="< 50 ms", ok=first < 0.050, n=N_BIG)
        page = big.list_records(limit=100)
        assert page.total == N_BIG and len(page.items) == 100

        search = best_of(lambda: big.list_records(search="Signaal 77", limit=100), repeat=5)
        search_plain = best_of(lambda: big_plain.list_records(search="Signaal 77", limit=100), repeat=5)
        emit("store.search_100k", search * 1e3, "ms", baseline=search_plain * 1e3,
             baseline_name="plain sqlite3", n=N_BIG)
        state_page = best_of(lambda: big.list_records(state="final", limit=100), repeat=5)
        emit("store.list_state_page_100k", state_page * 1e3, "ms", n=N_BIG)
        big.close()
        big_plain.conn.close()

        bench_rekey_and_backup(tmp_path, secrets)


def bench_rekey_and_backup(tmp_path: Path, secrets: keys.MemorySecretStore) -> None:
    """Re-key time per 10,000 reports and backup/restore throughput (issue 16)."""

    n = N_REKEY
    scale = 10_000 / n
    store = Store.create(tmp_path / "rk", PASS, secrets=secrets, kdf="test")
    _seed(store._conn, n, random.Random(13))
    plain = PlainStore(tmp_path / "rk-plain.db")
    _seed(plain.conn, n, random.Random(13))
    size_mb = (tmp_path / "rk" / "store.db").stat().st_size / 1e6
    log(f"re-key and backup over {n} reports ({size_mb:.1f} MB)")

    passes = [PASS, PASS + " 2"]
    times: list[float] = []
    for i in range(3):
        t0 = time.perf_counter()
        store.change_passphrase(passes[i % 2], passes[(i + 1) % 2])
        times.append(time.perf_counter() - t0)
    plain_times: list[float] = []
    for i in range(3):
        target = tmp_path / f"rk-plain-copy-{i}.db"
        t0 = time.perf_counter()
        plain.conn.execute("VACUUM INTO ?", (str(target),))
        plain_times.append(time.perf_counter() - t0)
    emit("store.rekey_10k", statistics.median(times) * scale * 1e3, "ms",
         baseline=statistics.median(plain_times) * scale * 1e3,
         baseline_name="plain sqlite3 VACUUM INTO (same rows)", n=n,
         note="per 10,000 reports; kdf=test: Argon2id not included")
    plain.conn.close()

    backup = tmp_path / "rk.backup"
    t0 = time.perf_counter()
    summary = write_backup(store, backup, "benchmark backup passphrase", kdf="test")
    write_s = time.perf_counter() - t0
    store.close()
    t0 = time.perf_counter()
    shutil.copyfile(tmp_path / "rk" / "store.db", tmp_path / "rk-copy.db")
    copy_s = time.perf_counter() - t0
    mb = summary.body_size / 1e6
    emit("backup.write_10k", write_s * scale * 1e3, "ms", baseline=copy_s * scale * 1e3,
         baseline_name="shutil.copyfile of store.db", n=n, mb=round(mb, 2),
         mb_per_s=round(mb / write_s, 1), note="per 10,000 reports; kdf=test")
    t0 = time.perf_counter()
    result = restore_backup(backup, "benchmark backup passphrase", tmp_path / "restored",
                            "benchmark restore passphrase", secrets=secrets, kdf="test")
    restore_s = time.perf_counter() - t0
    assert result.store.overview().total == n
    result.store.close()
    emit("backup.restore_10k", restore_s * scale * 1e3, "ms", baseline=copy_s * scale * 1e3,
         baseline_name="shutil.copyfile of store.db", n=n, mb=round(mb, 2),
         mb_per_s=round(mb / restore_s, 1), note="per 10,000 reports; kdf=test")


if __name__ == "__main__":
    main()
