"""The desk's reports as statistics facts (``desk.stats.facts``), counted by report and by person.

Follow-ups (a withdrawal of consent) are not reports of their own and are left out. Each report
counts for its ``person_key`` (``desk.core.linking``): reports linked by a follow-up or a
confirmed "same person" decision count as one person. The device's organisation is a name, not a
type, so the organisation type comes from the report's own answer (``desk.stats.facts``).
"""

from __future__ import annotations

import json
from datetime import date

from desk.stats.facts import ReportFacts, facts_from_report

from .store import DeskStore


def report_facts(store: DeskStore) -> list[ReportFacts]:
    out: list[ReportFacts] = []
    for rid, person_key, form_id, version, answers, day in store.conn().execute(
            "SELECT r.id, r.person_key, r.form_id, r.form_version, a.answers, r.received_day FROM reports r "
            "JOIN report_answers a ON a.id = r.id WHERE r.follow_up = 0 ORDER BY r.seq").fetchall():
        out += facts_from_report(str(form_id), int(version), json.loads(answers), report_id=str(rid),
                                 person_key=str(person_key), received=date.fromisoformat(str(day)),
                                 organisation_type=None)
    return out
