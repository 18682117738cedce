"""The dateparser adapter parses numeric spans in the order it is told, and only real dates."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.tagger._dateparser import parse_numeric_date


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("17-03-2025", True, dt.date(2025, 3, 17)),
    ("03/04/2025", True, dt.date(2025, 4, 3)),
    ("03/04/2025", False, dt.date(2025, 3, 4)),
    ("5.11.1998", True, dt.date(1998, 11, 5)),
    ("12/31/1999", False, dt.date(1999, 12, 31)),
])
def test_numeric_dates(text: str, day_first: bool, expected: dt.date) -> None:
    assert parse_numeric_date(text, day_first=day_first) == expected


@pytest.mark.parametrize("text", ["31/02/2025", "00/13/2025", "17-03"])
def test_not_a_date(text: str) -> None:
    assert parse_numeric_date(text, day_first=True) is None
