"""The reporter's own contact details (v3 forms): kept encrypted in the store only when the reporter
chooses so, filled into the next report, sent only when they tick that CoMensha may call back.

The details are the professional's, never the person's. They live in the store's settings
(inside the encrypted database), never in QSettings or a file. Plain Python; the functions take
the store and run on its worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.core.store import Store

SETTING = "reporter_contact"
FIELDS = ("contact_name", "contact_phone", "contact_organisation")
SHARE, REMEMBER = "contact_share", "contact_remember"


def remembered(store: Store) -> dict[str, Any]:
    """The kept details as answers for a new draft (empty when none were kept). ``contact_share``
    is never filled in: the reporter ticks it for each report."""
    kept = store.get_setting(SETTING, None)
    if not isinstance(kept, dict):
        return {}
    answers: dict[str, Any] = {f: kept[f] for f in FIELDS if isinstance(kept.get(f), str) and kept[f]}
    if answers:
        answers[REMEMBER] = "yes"
    return answers


def remember(store: Store, answers: dict[str, Any]) -> None:
    """After a report is finalised: keep the details when the reporter chose to, erase them when
    they chose not to; leave them alone when the report did not ask."""
    choice = answers.get(REMEMBER) if answers.get(SHARE) == "yes" else None
    if choice == "yes":
        store.set_setting(SETTING, {f: answers[f] for f in FIELDS if isinstance(answers.get(f), str)})
    elif choice == "no" and store.get_setting(SETTING, None) is not None:
        store.set_setting(SETTING, None)
