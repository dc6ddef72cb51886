"""Ingest: envelopes pulled from the receiver become reports, or wait in quarantine with a reason.

Per envelope, in order: it is kept as pulled (``envelopes``, never deleted); the device
signature and the hash of the sealed bytes verify (``sync.envelope.check_envelope``); it opens
with CoMensha's private key and the ids inside equal the ids outside
(``sync.envelope.open_envelope``); the device named inside is the device that sent it; its form
version is known (``forms.catalog``); every answer present passes the form's final checks
(``forms.validate``; answers may be missing where minimisation withheld them) and the answers
are exactly what the form's minimisation lets leave (``forms.minimise``). Anything else is
quarantined with its reason code, and the next envelope goes on: one bad envelope never stops
the inbox. The cursor (setting ``cursor.envelopes``) moves in the same transaction as the page
it covers, so a crash re-reads a page and nothing is stored twice.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import forms
from forms import model as m
from sync import envelope as env_mod
from sync.registrar import EnvelopePage, PulledEnvelope

from . import linking, sealing, triage
from .store import DeskStore, dumps, now_text

CURSOR = "cursor.envelopes"
MAY_BE_MISSING = frozenset({"required", "incomplete"})
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# A follow-up names the report it follows in one of these fields (or any "reference" field
# holding an envelope id).
REFERENCE_FIELDS = ("withdraws_envelope_id", "refers_to", "refers_to_envelope_id", "follows_up")

REASONS = {
    "schema": ("Het bericht heeft niet de vorm van het protocol.",
               "The envelope does not have the protocol's shape."),
    "hash_mismatch": ("De verzegelde inhoud past niet bij de controlesom.",
                      "The sealed bytes do not match the hash."),
    "bad_signature": ("De handtekening van het apparaat klopt niet.",
                      "The device signature does not verify."),
    "undecryptable": ("De melding gaat niet open met de sleutel van CoMensha.",
                      "The report does not open with CoMensha's key."),
    "bad_payload": ("De geopende inhoud is geen melding.", "The opened content is not a report."),
    "id_mismatch": ("Het nummer binnenin verschilt van het nummer buiten.",
                    "The id inside differs from the id outside."),
    "device_mismatch": ("De melding noemt binnenin een ander apparaat dan de afzender.",
                        "The report names another device inside than the one that sent it."),
    "unknown_form": ("Deze desk kent deze formulierversie niet (werk de desk bij).",
                     "This desk does not know this form version (update the desk)."),
    "invalid": ("De antwoorden voldoen niet aan de controles van het formulier.",
                "The answers fail the form's checks."),
    "not_minimised": ("De melding bevat meer dan het formulier mag laten vertrekken.",
                      "The report holds more than the form lets leave."),
    "duplicate": ("Dit meldingnummer kwam al eerder binnen met andere inhoud.",
                  "This report id arrived before with other content."),
}


def reason_text(code: str, lang: str = "nl") -> str:
    nl, en = REASONS.get(code, ("Onbekende reden.", "Unknown reason."))
    return en if lang == "en" else nl


class EnvelopeSource(Protocol):
    def pull_envelopes(self, after: int, limit: int = 500) -> EnvelopePage: ...


@dataclass
class IngestResult:
    opened: int = 0
    quarantined: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    report_ids: list[str] = field(default_factory=list)


class Quarantined(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        return "|".join(sorted(str(v) for v in value)) or None
    return str(value) if isinstance(value, str | int) and value != "" else None


def referenced_envelopes(form: m.Form, answers: Mapping[str, Any]) -> list[str]:
    """Envelope ids this report refers to (a follow-up's reference), in field order."""
    out = []
    for f in form.all_fields():
        value = answers.get(f.id)
        if (f.id in REFERENCE_FIELDS or f.kind == "reference") and isinstance(value, str):
            text = value.strip().lower()
            if UUID.fullmatch(text) and text not in out:
                out.append(text)
    return out


@dataclass(frozen=True)
class Opened:
    payload: dict[str, Any]
    form: m.Form


def open_pulled(item: PulledEnvelope, private_key: bytes) -> Opened:
    """Check and open one pulled envelope; :class:`Quarantined` with the reason when it fails."""
    problem = env_mod.check_envelope(item.envelope, item.device_public_key)
    if problem is not None:
        raise Quarantined(problem)
    try:
        payload = env_mod.open_envelope(item.envelope, private_key)
    except env_mod.EnvelopeError as exc:
        raise Quarantined(exc.code) from None
    inner_device = payload.get("device_id")
    if inner_device is not None and inner_device != item.device_id:
        raise Quarantined("device_mismatch")
    try:
        form = forms.catalog().get(str(payload["form_id"]), int(payload["form_version"]))
    except KeyError:
        raise Quarantined("unknown_form", f"{payload['form_id']} v{payload['form_version']}") from None
    answers = payload["answers"]
    # Missing answers are expected (minimisation withholds what the legal basis does not let
    # leave); a value that is there must be valid, and nothing may be there that minimisation
    # would not have let through.
    problems = [p for p in forms.validate(form, answers, "final") if p.code not in MAY_BE_MISSING]
    if problems:
        # field ids and codes only: never a value
        raise Quarantined("invalid", ", ".join(f"{p.field_id}:{p.code}" for p in problems[:10]))
    if forms.minimise(form, answers).answers != answers:
        raise Quarantined("not_minimised")
    return Opened(payload, form)


def _receipt_ok(item: PulledEnvelope, receipt_key: bytes | None) -> bool:
    if receipt_key is None:
        return False
    receipt = item.receipt
    return (env_mod.verify_receipt(receipt, receipt_key)
            and receipt.get("envelope_id") == item.envelope.get("id")
            and receipt.get("sha256") == item.envelope.get("sha256"))


def store_page(store: DeskStore, page: EnvelopePage, *, receipt_key: bytes | None = None) -> IngestResult:
    """Ingest one page of pulled envelopes and move the cursor, in one transaction."""
    private = sealing.private_key(store)
    result = IngestResult()
    rows: list[tuple[PulledEnvelope, Opened | Quarantined]] = []
    for item in page.items:  # the crypto and validation outside the transaction
        try:
            rows.append((item, open_pulled(item, private)))
        except Quarantined as q:
            rows.append((item, q))
    with store.tx() as c:
        for item, outcome in rows:
            if c.execute("SELECT 1 FROM envelopes WHERE seq = ?", (item.seq,)).fetchone():
                continue  # a page read again after a crash: already here
            env_id = str(item.envelope.get("id", ""))
            if isinstance(outcome, Opened) and c.execute(
                    "SELECT 1 FROM reports WHERE id = ?", (env_id,)).fetchone():
                outcome = Quarantined("duplicate")
            status = "opened" if isinstance(outcome, Opened) else "quarantined"
            c.execute("INSERT INTO envelopes (seq, envelope_id, envelope, device_id, device_public_key, "
                      "organisation, received_at, receipt, status) VALUES (?,?,?,?,?,?,?,?,?)",
                      (item.seq, env_id, dumps(item.envelope), item.device_id,
                       base64.b64encode(item.device_public_key).decode(), item.organisation,
                       item.received_at, dumps(item.receipt), status))
            if isinstance(outcome, Quarantined):
                c.execute("INSERT INTO quarantine (seq, envelope_id, reason, detail, at) VALUES (?,?,?,?,?)",
                          (item.seq, env_id, outcome.code, outcome.detail, now_text()))
                result.quarantined += 1
                result.reasons[outcome.code] = result.reasons.get(outcome.code, 0) + 1
                continue
            _insert_report(c, item, outcome, _receipt_ok(item, receipt_key))
            result.opened += 1
            result.report_ids.append(env_id)
        store.set_setting(CURSOR, page.next_after, c)
        if page.items:
            store.log_event("envelopes.pulled", {"opened": result.opened, "quarantined": result.quarantined,
                                                 "reasons": result.reasons, "next_after": page.next_after}, c)
    return result


def _insert_report(c: Any, item: PulledEnvelope, opened: Opened, receipt_ok: bool) -> None:
    payload, form = opened.payload, opened.form
    answers = payload["answers"]  # checked in open_pulled: exactly what minimisation lets leave (clean)
    refs = referenced_envelopes(form, answers)
    received = str(item.received_at)
    reference = item.receipt.get("reference")
    c.execute(
        "INSERT INTO reports (id, seq, form_id, form_version, follow_up, created_at, received_at, "
        "received_day, organisation, device_id, reference, receipt_ok, region, nationality, "
        "gender, age_band, municipality, signal_day, refers_to, person_key) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (payload["envelope_id"], item.seq, form.id, form.version, int(form.follow_up),
         str(payload["created_at"]), received, received[:10], item.organisation, item.device_id,
         reference if isinstance(reference, str) else None, int(receipt_ok),
         _first(answers.get("reporter_region")), _first(answers.get("nationality")),
         _first(answers.get("gender")), linking.age_band(answers.get("age_band"), answers.get("age_years")),
         _first(answers.get("exploitation_municipality")), _first(answers.get("date_signal")),
         refs[0] if refs else None, payload["envelope_id"]))
    c.execute("INSERT INTO report_answers (id, answers) VALUES (?, ?)",
              (payload["envelope_id"], dumps(answers)))
    for target in refs:
        linking.add_follow_up(c, payload["envelope_id"], target)


def pull_all(store: DeskStore, source: EnvelopeSource, *, receipt_key: bytes | None = None,
             limit: int = 500) -> IngestResult:
    """Pull every new envelope page by page from the cursor; returns the totals."""
    total = IngestResult()
    while True:
        after = int(store.get_setting(CURSOR, 0))
        page = source.pull_envelopes(after, limit)
        got = store_page(store, page, receipt_key=receipt_key)
        total.opened += got.opened
        total.quarantined += got.quarantined
        total.report_ids += got.report_ids
        for k, v in got.reasons.items():
            total.reasons[k] = total.reasons.get(k, 0) + v
        if not page.more or page.next_after <= after:
            return total


@dataclass(frozen=True)
class QuarantineEntry:
    seq: int
    envelope_id: str
    reason: str
    detail: str
    organisation: str
    received_at: str


def quarantine(store: DeskStore) -> list[QuarantineEntry]:
    rows = store.conn().execute(
        "SELECT q.seq, q.envelope_id, q.reason, q.detail, e.organisation, e.received_at "
        "FROM quarantine q JOIN envelopes e ON e.seq = q.seq ORDER BY q.seq").fetchall()
    return [QuarantineEntry(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5])) for r in rows]


def pulled_envelope(store: DeskStore, seq: int) -> dict[str, Any]:
    """The envelope exactly as pulled (for a quarantined one: to hand on or to look at)."""
    row = store.conn().execute("SELECT envelope FROM envelopes WHERE seq = ?", (seq,)).fetchone()
    return dict(json.loads(row[0])) if row else {}


def reopen_quarantined(store: DeskStore, seqs: Sequence[int] | None = None, *,
                       receipt_key: bytes | None = None) -> int:
    """Try the quarantined envelopes again (after a desk update brought a new form version);
    returns how many opened now."""
    conn = store.conn()
    rows = conn.execute("SELECT e.seq, e.envelope, e.device_id, e.device_public_key, e.organisation, "
                        "e.received_at, e.receipt FROM quarantine q JOIN envelopes e ON e.seq = q.seq "
                        "ORDER BY e.seq").fetchall()
    private = sealing.private_key(store)
    done = 0
    for seq, env, dev, key, org, at, receipt in rows:
        if seqs is not None and seq not in seqs:
            continue
        item = PulledEnvelope(int(seq), json.loads(env), str(dev), base64.b64decode(key), str(org), str(at),
                              json.loads(receipt))
        try:
            opened = open_pulled(item, private)
        except Quarantined:
            continue
        with store.tx() as c:
            if c.execute("SELECT 1 FROM reports WHERE id = ?", (opened.payload["envelope_id"],)).fetchone():
                continue
            _insert_report(c, item, opened, _receipt_ok(item, receipt_key))
            c.execute("DELETE FROM quarantine WHERE seq = ?", (seq,))
            c.execute("UPDATE envelopes SET status = 'opened' WHERE seq = ?", (seq,))
            triage.refresh(c, [opened.payload["envelope_id"]])   # triage of it may have come first
            linking.recompute_person_keys(c)
        done += 1
    return done
