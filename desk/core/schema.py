"""The desk store's schema (SQLCipher), one statement list per version.

- ``envelopes``: every envelope pulled from the receiver, exactly as sent, by the receiver's seq.
  Never deleted: a quarantined envelope stays here next to its reason.
- ``reports``: the opened, validated reports, with the columns the inbox filters on (state,
  form, region, received day, assignee) and the non-identifying attributes linking compares;
  their answers are in ``report_answers``, so the rows a filter reads stay small.
  ``state``/``assignee``/``referred_to`` are what the registrar sees: the folded log with this
  desk's pending events on top.
- ``quarantine``: why an envelope was not opened (reason code and a detail without content).
- ``events``: the shared triage log in the receiver's order (``seq``), as opened by this desk.
- ``pending``: events made here that the receiver has not ordered yet (sealed and signed).
- ``triage``: per report and attribute the value of the last event in seq order (the fold).
- ``notes``: internal notes; they append, in seq order.
- ``links``: the registrars' same-person decisions per pair of reports (the fold's last word);
  ``follow_ups``: a follow-up and the envelope id it names (linked automatically).
- ``overtaken``: edits of this desk that a concurrent edit of another registrar overtook.
- ``log``: the desk's activity log (what happened, never report content).
"""

from __future__ import annotations

from typing import Any

LATEST = 1

V1 = [
    "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE envelopes (
        seq INTEGER PRIMARY KEY, envelope_id TEXT NOT NULL, envelope TEXT NOT NULL,
        device_id TEXT NOT NULL, device_public_key TEXT NOT NULL, organisation TEXT NOT NULL,
        received_at TEXT NOT NULL, receipt TEXT NOT NULL, status TEXT NOT NULL)""",
    "CREATE INDEX envelopes_id ON envelopes (envelope_id)",
    """CREATE TABLE reports (
        id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, form_id TEXT NOT NULL,
        form_version INTEGER NOT NULL, follow_up INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, received_at TEXT NOT NULL, received_day TEXT NOT NULL,
        organisation TEXT NOT NULL, device_id TEXT NOT NULL, reference TEXT,
        receipt_ok INTEGER NOT NULL,
        region TEXT, nationality TEXT, gender TEXT, age_band TEXT, municipality TEXT,
        signal_day TEXT, refers_to TEXT,
        state TEXT NOT NULL DEFAULT 'new', assignee TEXT, referred_to TEXT,
        person_key TEXT NOT NULL, pending INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE report_answers (
        id TEXT PRIMARY KEY REFERENCES reports (id), answers TEXT NOT NULL)""",
    "CREATE INDEX reports_state ON reports (state, seq)",
    "CREATE INDEX reports_form ON reports (form_id, seq)",
    "CREATE INDEX reports_region ON reports (region, seq)",
    "CREATE INDEX reports_day ON reports (received_day, seq)",
    "CREATE INDEX reports_assignee ON reports (assignee, seq)",
    "CREATE INDEX reports_person ON reports (nationality, gender, age_band)",
    "CREATE INDEX reports_refers ON reports (refers_to)",
    "CREATE INDEX reports_person_key ON reports (person_key)",
    """CREATE TABLE quarantine (
        seq INTEGER PRIMARY KEY REFERENCES envelopes (seq), envelope_id TEXT NOT NULL,
        reason TEXT NOT NULL, detail TEXT NOT NULL, at TEXT NOT NULL)""",
    """CREATE TABLE events (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, registrar_id TEXT NOT NULL,
        received_at TEXT NOT NULL, kind TEXT, report_id TEXT, body TEXT, problem TEXT)""",
    "CREATE INDEX events_report ON events (report_id, seq)",
    """CREATE TABLE pending (
        n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, report_id TEXT NOT NULL,
        body TEXT NOT NULL, sealed BLOB NOT NULL, signature BLOB NOT NULL,
        status TEXT NOT NULL DEFAULT 'waiting', reason TEXT)""",
    """CREATE TABLE triage (
        report_id TEXT NOT NULL, attribute TEXT NOT NULL, value TEXT NOT NULL, seq INTEGER NOT NULL,
        event_id TEXT NOT NULL, registrar_id TEXT NOT NULL, author TEXT NOT NULL,
        PRIMARY KEY (report_id, attribute))""",
    """CREATE TABLE notes (
        event_id TEXT PRIMARY KEY, report_id TEXT NOT NULL, seq INTEGER NOT NULL,
        author TEXT NOT NULL, at TEXT NOT NULL, text TEXT NOT NULL)""",
    "CREATE INDEX notes_report ON notes (report_id, seq)",
    """CREATE TABLE links (
        a TEXT NOT NULL, b TEXT NOT NULL, same INTEGER NOT NULL, seq INTEGER NOT NULL,
        author TEXT NOT NULL, PRIMARY KEY (a, b), CHECK (a < b))""",
    "CREATE INDEX links_b ON links (b)",
    """CREATE TABLE follow_ups (
        report_id TEXT NOT NULL, target TEXT NOT NULL, PRIMARY KEY (report_id, target))""",
    "CREATE INDEX follow_ups_target ON follow_ups (target)",
    """CREATE TABLE overtaken (
        event_id TEXT PRIMARY KEY, report_id TEXT NOT NULL, attribute TEXT NOT NULL,
        mine TEXT NOT NULL, winner TEXT NOT NULL, winner_author TEXT NOT NULL,
        seen INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE log (
        n INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, event TEXT NOT NULL,
        detail TEXT NOT NULL)""",
]

STEPS = {1: V1}


def migrate(conn: Any) -> int:
    """Bring the database to :data:`LATEST`; returns the version it had."""
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for version in range(found + 1, LATEST + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in STEPS[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return found
