"""How Signaal shows a moment to a person: day first (dd-mm-jjjj uu:mm), in local time.

The store and the wire keep ISO 8601 in UTC; everything a person reads goes through here, in the
field app and in the desk alike.
"""

from __future__ import annotations

import datetime as dt


def format_when(value: object, *, seconds: bool = False) -> str:
    """A date-time (datetime, ISO string or epoch seconds) as ``dd-mm-jjjj uu:mm`` local time.

    Text that is not a date-time is returned as it is (never an exception in a view).
    """
    if value is None or value == "":
        return ""
    when: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, int | float):
        when = dt.datetime.fromtimestamp(value, tz=dt.UTC)
    elif isinstance(value, str):
        try:
            when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if when is None:
        return str(value)
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%d-%m-%Y %H:%M:%S" if seconds else "%d-%m-%Y %H:%M")


def format_day(value: object) -> str:
    """The day of a date-time or ISO date as ``dd-mm-jjjj`` (local time for a moment)."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    return format_when(value)[:10]
