"""Dates at the edges: leap days, year boundaries, ISO week 53, relative expressions across them,
years 1 and 9999 (never an OverflowError), publication dates with a time and a zone."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import Document, PubDate, tag
from timeline.events.anchoring import tense_when
from timeline.exceptions import PublicationDateError
from timeline.export import FORMATS, render
from timeline.pipeline import extract_documents


def values(text: str, published: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.value, f"{e.earliest}..{e.latest}") for e in tag(text, published)]


@pytest.mark.parametrize(("text", "published", "expected"), [
    # leap days
    ("on February 29", "2024-03-01", ("February 29", "2024-02-29", "2024-02-29..2024-02-29")),
    ("yesterday", "2024-03-01", ("yesterday", "2024-02-29", "2024-02-29..2024-02-29")),
    ("tomorrow", "2024-02-28", ("tomorrow", "2024-02-29", "2024-02-29..2024-02-29")),
    ("tomorrow", "2023-02-28", ("tomorrow", "2023-03-01", "2023-03-01..2023-03-01")),
    ("last month", "2024-03-31", ("last month", "2024-02", "2024-02-01..2024-02-29")),
    # year boundaries
    ("last month", "2025-01-15", ("last month", "2024-12", "2024-12-01..2024-12-31")),
    ("last month", "2025-01", ("last month", "2024-12", "2024-12-01..2024-12-31")),
    ("next month", "2024-12-10", ("next month", "2025-01", "2025-01-01..2025-01-31")),
    ("yesterday", "2025-01-01", ("yesterday", "2024-12-31", "2024-12-31..2024-12-31")),
    ("tomorrow", "2024-12-31", ("tomorrow", "2025-01-01", "2025-01-01..2025-01-01")),
    ("last year", "2025-01-01", ("last year", "2024", "2024-01-01..2024-12-31")),
    # ISO week 53 (2020 has one; its week-year spans into January 2021)
    ("this week", "2020-12-31", ("this week", "2020-W53", "2020-12-28..2021-01-03")),
    ("next week", "2020-12-24", ("next week", "2020-W53", "2020-12-28..2021-01-03")),
    ("last week", "2021-01-05", ("last week", "2020-W53", "2020-12-28..2021-01-03")),
    ("this week", "2021-01-03", ("this week", "2020-W53", "2020-12-28..2021-01-03")),
    # weekdays on that weekday (2025-03-14 is a Friday)
    ("next Friday", "2025-03-14", ("next Friday", "2025-03-21", "2025-03-21..2025-03-21")),
    ("last Friday", "2025-03-14", ("last Friday", "2025-03-07", "2025-03-07..2025-03-07")),
    ("this Friday", "2025-03-14", ("this Friday", "2025-03-14", "2025-03-14..2025-03-14")),
])
def test_edge_of_month_year_and_week(text: str, published: str,
                                     expected: tuple[str, str, str]) -> None:
    assert values(text, published) == [expected]


def test_2020_w53_is_a_real_week_and_2021_has_none() -> None:
    assert dt.date.fromisocalendar(2020, 53, 1) == dt.date(2020, 12, 28)
    assert values("next week", "2021-12-27") == [
        ("next week", "2022-W01", "2022-01-03..2022-01-09")]


EDGE_TEXTS = [
    "yesterday", "tomorrow", "last week", "next week", "last month", "next month",
    "last year", "next year", "two years ago", "in three years", "next Friday", "last Monday",
    "on Friday", "this winter", "last winter", "next quarter", "the next decade",
    "a century ago", "three days later", "the day before", "on December 31", "on January 1",
    "before 1 January", "after December 31", "since January", "by December",
    "The minister visited Paris before 1 January.", "The minister will visit Paris next year.",
    "The minister will visit Paris after 31 December.", "He met Macron last Friday.",
]
EDGE_DATES = ["0001-01-01", "0001-01-03", "0001-01", "0001", "9999-12-31", "9999-12-26",
              "9999-12", "9999"]


@pytest.mark.parametrize("published", EDGE_DATES)
def test_years_1_and_9999_never_overflow(published: str) -> None:
    pub = PubDate.parse(published)
    for text in EDGE_TEXTS:
        for e in tag(text, pub):
            assert text[e.start:e.end] == e.text
            if e.earliest is not None and e.latest is not None:
                assert e.earliest <= e.latest
        timeline = extract_documents([Document("d", text, pub)])
        for fmt in FORMATS:
            render(timeline, fmt)
    for tense in ("past", "present", "future", "unknown"):
        tense_when(tense, pub)


def test_beyond_the_calendar_stays_unresolved() -> None:
    (e,) = tag("next year", "9999-06-01")
    assert (e.value, e.earliest, e.latest) == ("XXXX", None, None)
    (e,) = tag("yesterday", "0001-01-01")
    assert (e.earliest, e.latest) == (None, None) and "X" in e.value
    (e,) = tag("next month", "9999-12")
    assert (e.earliest, e.latest) == (None, None)
    # the inside of the calendar still resolves
    assert values("last month", "9999-12") == [("last month", "9999-11", "9999-11-01..9999-11-30")]


def test_last_day_of_the_calendar_exports_to_ics() -> None:
    timeline = extract_documents([Document(
        "d", "The minister will visit Paris on December 31.", PubDate(9999, 12, 30))])
    data, report = render(timeline, "ics")
    assert report.written == len(timeline) >= 1
    assert b"DTSTART;VALUE=DATE:99991231" in data and b"DURATION:P1D" in data


@pytest.mark.parametrize(("text", "iso"), [
    ("2025-03-17T23:30:00-05:00", "2025-03-17"),
    ("2025-03-17T23:30:00Z", "2025-03-17"),
    ("2025-03-17T00:30:00+14:00", "2025-03-17"),
    ("2025-03-17 23:30", "2025-03-17"),
    ("2025-03-17T23:30:00.250+0530", "2025-03-17"),
    ("2024-02-29T12:00:00-12:00", "2024-02-29"),
    (" 2025-03-17 ", "2025-03-17"),
])
def test_publication_date_with_time_zone_is_the_date_as_written(text: str, iso: str) -> None:
    assert PubDate.parse(text).iso() == iso
    assert PubDate.parse(text).grain == "day"


@pytest.mark.parametrize("text", ["2025-03-17T", "2025-03-17T24:00", "2025-03-17Tnoon",
                                  "2025-03T12:00", "2025T12:00", "2025-03-17T23:30+5",
                                  "2025-03-17 23:30 EST", "", "   "])
def test_bad_time_parts_are_errors(text: str) -> None:
    with pytest.raises(PublicationDateError) as info:
        PubDate.parse(text)
    assert info.value.value == text
