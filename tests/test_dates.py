"""Dates as a person reads them: day first, local time (field app and desk alike)."""

from __future__ import annotations

import datetime as dt

from signaal_common.dates import format_day, format_when


def test_moments_are_day_first_in_local_time():
    utc = dt.datetime(2026, 3, 9, 23, 30, tzinfo=dt.UTC)
    local = utc.astimezone()
    assert format_when("2026-03-09T23:30:00Z") == local.strftime("%d-%m-%Y %H:%M")
    assert format_when(utc, seconds=True) == local.strftime("%d-%m-%Y %H:%M:%S")
    assert format_day("2026-03-09") == "09-03-2026"
    assert format_day("2026-03-09T23:30:00Z") == local.strftime("%d-%m-%Y")


def test_what_is_not_a_date_is_shown_as_it_is():
    assert format_when("") == ""
    assert format_when(None) == ""
    assert format_when("onbekend") == "onbekend"
    assert format_day("2026-13-45") == "2026-13-45"
