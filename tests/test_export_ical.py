"""iCalendar export: RFC 5545 all-day events, deterministic UIDs and stamps, nothing dropped silently."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import attrs
import icalendar
import pytest
from hypothesis import given

from timeline.exceptions import ExportError
from timeline.export import events_from_ics, to_ics
from timeline.export.ical import (
    DEFAULT_CALENDAR_NAME,
    DEFAULT_PRODID,
    EPOCH,
    _clean,
    event_dtstamp,
    event_uid,
    previous_versions,
)
from timeline.model import Event, Source, Timeline, When

from strategies import events, timelines

UTC = dt.timezone.utc


def make(when: When, **changes: object) -> Event:
    event = Event(
        id="ev-1", type="travel", title="Carney visits Paris and London", when=when,
        participants=("Mark Carney",), locations=("Paris", "London"),
        sources=(Source("doc1", 10, 16, "visits", "Carney visits Paris.", 0, "2025-03-16"),),
    )
    return attrs.evolve(event, **changes)


def day(y: int, m: int, d: int) -> dt.date:
    return dt.date(y, m, d)


def lines(data: bytes) -> list[str]:
    return icalendar.Calendar.from_ical(data).to_ical().decode().split("\r\n")


def shown(text: str) -> str:
    """What a calendar shows of `text`: control characters dropped, and (icalendar's own
    convention when writing) a literal backslash-N taken as a line break."""
    return _clean(text).replace("\\N", "\n")


DAY = When("2025-03-17", day(2025, 3, 17), day(2025, 3, 17), "day", "explicit")
MONTH = When("2025-03", day(2025, 3, 1), day(2025, 3, 31), "month", "explicit")
BY = When("2025-11-01", None, day(2025, 11, 1), "day", "explicit", "ON_OR_BEFORE")
AFTER = When("2025-03-17", day(2025, 3, 17), None, "day", "explicit", "AFTER")


def test_day_event() -> None:
    data, report = to_ics([make(DAY)])
    text = data.decode()
    assert "DTSTART;VALUE=DATE:20250317\r\n" in text
    assert "DTEND;VALUE=DATE:20250318\r\n" in text
    assert "STATUS:CONFIRMED\r\n" in text
    assert "DTSTAMP:20250316T000000Z\r\n" in text
    assert "SUMMARY:Carney visits Paris and London\r\n" in text
    assert "LOCATION:Paris\\, London\r\n" in text and "CATEGORIES:travel\r\n" in text
    for needed in ("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:", "CALSCALE:GREGORIAN"):
        assert needed in text
    assert report.written == 1 and report.skipped == 0
    (vevent,) = events_from_ics(data)
    assert "Carney visits Paris." in vevent["description"] and "doc1" in vevent["description"]


def test_month_event_is_tentative_span() -> None:
    (vevent,) = events_from_ics(to_ics([make(MONTH)])[0])
    assert (vevent["dtstart"], vevent["dtend"]) == (day(2025, 3, 1), day(2025, 4, 1))
    assert vevent["status"] == "TENTATIVE"
    assert vevent["summary"] == "Carney visits Paris and London (month: March 2025)"
    assert "DTSTART;VALUE=DATE:20250301" in to_ics([make(MONTH)])[0].decode()


def test_year_and_week_spans() -> None:
    year = When("2025", day(2025, 1, 1), day(2025, 12, 31), "year", "explicit")
    week = When("2026-W04", day(2026, 1, 19), day(2026, 1, 25), "week", "explicit")
    found = events_from_ics(to_ics([make(year), make(week, id="w", sources=(
        Source("doc2", 0, 4, "week", "That week.", 0, None),))])[0])
    assert found[0]["summary"].endswith("(year: 2025)")
    assert (found[0]["dtstart"], found[0]["dtend"]) == (day(2025, 1, 1), day(2026, 1, 1))
    assert found[1]["summary"].endswith("(week: 19 Jan 2026 to 25 Jan 2026)")
    assert found[1]["dtend"] == day(2026, 1, 26)


def test_bound_only_events() -> None:
    found = events_from_ics(to_ics([make(BY), make(AFTER, id="ev-2", sources=(
        Source("doc2", 0, 4, "went", "He went.", 0, "2025-03"),))])[0])
    after, by = found  # timeline order: known starts first
    assert by["summary"] == "by 1 Nov 2025: Carney visits Paris and London"
    assert (by["dtstart"], by["dtend"]) == (day(2025, 11, 1), day(2025, 11, 2))
    assert by["status"] == "TENTATIVE"
    assert after["summary"].startswith("from 17 Mar 2025: ")  # inclusive first day
    assert (after["dtstart"], after["dtend"]) == (day(2025, 3, 17), day(2025, 3, 18))
    assert after["dtstamp"] == dt.datetime(2025, 3, 1, tzinfo=UTC)


def test_uncertain_days_are_tentative() -> None:
    approx = make(attrs.evolve(DAY, mod="APPROX"))
    default = make(attrs.evolve(DAY, derived="publication"))
    for event, words in ((approx, "(about 17 Mar 2025)"),
                         (default, "(publication date: 17 Mar 2025)")):
        (vevent,) = events_from_ics(to_ics([event])[0])
        assert vevent["status"] == "TENTATIVE" and vevent["summary"].endswith(words)


def test_undated_is_counted_not_dropped_silently() -> None:
    undated = make(When(), id="nodate", sources=(Source("doc9", 0, 1, "x", "x", 0, None),))
    data, report = to_ics([make(DAY), undated])
    assert len(events_from_ics(data)) == 1
    assert (report.written, report.skipped, report.skipped_ids) == (1, 1, ("nodate",))


def test_uid_and_dtstamp_rules() -> None:
    event = make(DAY)
    digest = hashlib.sha1(b"doc1:10:16").hexdigest()[:20]
    assert event_uid(event) == f"{digest}@timeline"
    assert event_uid(make(MONTH, id="other", title="x")) == event_uid(event)  # date-free
    no_pub = make(DAY, sources=(Source("doc1", 10, 16, "visits", "s", 0, None),))
    assert event_dtstamp(no_pub) == EPOCH == dt.datetime(1970, 1, 1, tzinfo=UTC)
    year_pub = make(DAY, sources=(Source("doc1", 10, 16, "visits", "s", 0, "2024"),))
    assert event_dtstamp(year_pub) == dt.datetime(2024, 1, 1, tzinfo=UTC)
    bad_pub = make(DAY, sources=(Source("doc1", 10, 16, "visits", "s", 0, "March 2024"),))
    with pytest.raises(ExportError, match="publication date"):
        to_ics([bad_pub])


def test_shared_first_source_gets_distinct_uids() -> None:
    data, _ = to_ics([make(DAY), make(MONTH, id="ev-2")])
    uids = [v["uid"] for v in events_from_ics(data)]
    assert len(set(uids)) == 2 and uids[1].endswith("-2@timeline")


def test_control_characters_are_dropped() -> None:
    event = make(DAY, title="a\x00b\x1bc\r\nd")
    data, _ = to_ics([event])
    assert b"\x00" not in data and b"\x1b" not in data
    assert events_from_ics(data)[0]["summary"] == "abc\nd"


@given(timelines())
def test_ics_properties(timeline: Timeline) -> None:
    data, report = to_ics(timeline, prodid="-//test//test//EN")
    assert to_ics(timeline, prodid="-//test//test//EN")[0] == data
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0" and str(calendar["calscale"]) == "GREGORIAN"
    found = events_from_ics(data)
    dated = [e for e in timeline.events if e.when.is_dated]
    assert report.written == len(found) == len(dated)
    if dated:  # (RFC 5545 wants a component in every calendar; icalendar checks that too)
        assert_valid_ics(data)
    assert report.skipped_ids == tuple(e.id for e in timeline.events if not e.when.is_dated)
    for vevent, event in zip(found, dated):  # same order: VEVENTs follow the timeline
        assert vevent["uid"] and vevent["dtstamp"].tzinfo is not None
        assert isinstance(vevent["dtstart"], dt.date) and vevent["dtend"] > vevent["dtstart"]
        assert vevent["uid"].split("-")[0].split("@")[0] == event_uid(event).split("@")[0]
        assert vevent["categories"] == [event.type]
        assert shown(event.title) in vevent["summary"]
        for source in event.sources:
            assert shown(source.sentence) in vevent["description"]
        start = event.when.start or event.when.end
        assert vevent["dtstart"] == start
    firsts = {(e.sources[0].document, e.sources[0].start, e.sources[0].end) for e in dated}
    assert len({v["uid"] for v in found}) == len(found)
    assert len({event_uid(e) for e in dated}) == len(firsts)


@given(events())
def test_single_event_status(event: Event) -> None:
    data, report = to_ics([event])
    found = events_from_ics(data)
    if not event.when.is_dated:
        assert found == [] and report.skipped == 1
        return
    (vevent,) = found
    when = event.when
    exact = when.start == when.end and when.mod in (None, "START", "MID", "END")
    assert (vevent["status"] == "CONFIRMED") == (exact and when.derived != "publication")


# --- a calendar that real tools accept -------------------------------------------------------


def assert_valid_ics(data: bytes) -> icalendar.Calendar:
    """icalendar's own checks: it parses without recorded errors, `Calendar.validate` passes
    (PRODID, VERSION, a component), every VEVENT has its required properties (UID, DTSTAMP) and
    each single-valued property at most once, and writing it again gives the same bytes."""
    calendar = icalendar.Calendar.from_ical(data)
    calendar.validate()
    assert calendar.errors == []
    for component in calendar.walk():
        assert component.errors == [], component.errors
    for vevent in calendar.walk("VEVENT"):
        for name in icalendar.Event.required:
            assert name in vevent, name
        for name in icalendar.Event.singletons:
            assert not isinstance(vevent.get(name), list), name
    assert calendar.to_ical() == data
    return calendar


def test_calendar_properties() -> None:
    data, _ = to_ics([make(DAY), make(MONTH, id="m", sources=(
        Source("doc2", 0, 4, "went", "He went.", 0, "2025-03"),))])
    calendar = assert_valid_ics(data)
    assert str(calendar["prodid"]) == DEFAULT_PRODID and str(calendar["method"]) == "PUBLISH"
    assert str(calendar["name"]) == str(calendar["x-wr-calname"]) == DEFAULT_CALENDAR_NAME
    named = icalendar.Calendar.from_ical(to_ics([make(DAY)], calendar_name="Carney, 2025")[0])
    assert str(named["name"]) == str(named["x-wr-calname"]) == "Carney, 2025"
    for found in events_from_ics(data):
        assert found["transp"] == "TRANSPARENT" and found["sequence"] == 0
    assert [v["status"] for v in events_from_ics(data)] == ["TENTATIVE", "CONFIRMED"]
    for bad in ("", "  ", "\x00"):
        with pytest.raises(ExportError, match="calendar name"):
            to_ics([make(DAY)], calendar_name=bad)


def test_calendar_name_cannot_inject_properties() -> None:
    data, _ = to_ics([make(DAY)], calendar_name="x\r\nMETHOD:CANCEL\nBEGIN:VTODO;a,b\\")
    calendar = assert_valid_ics(data)
    assert [str(m) for m in [calendar["method"]]] == ["PUBLISH"]
    assert calendar.walk("VTODO") == []
    assert str(calendar["name"]) == "x METHOD:CANCEL BEGIN:VTODO;a,b\\"


def test_sequence_follows_the_previous_export() -> None:
    other = make(MONTH, id="m", title="Other", sources=(
        Source("doc2", 0, 4, "went", "He went.", 0, "2025-03"),))
    first, _ = to_ics([make(DAY), other])
    assert to_ics([make(DAY), other], previous=first)[0] == first  # unchanged: same bytes
    corrected = make(attrs.evolve(DAY, value="2025-03-18", start=day(2025, 3, 18),
                                  end=day(2025, 3, 18)))
    second, _ = to_ics([corrected, other], previous=first)
    assert_valid_ics(second)
    old = {v["uid"]: v for v in events_from_ics(first)}
    new = {v["uid"]: v for v in events_from_ics(second)}
    assert set(old) == set(new)  # same UIDs: updated in place, not duplicated
    uid = event_uid(corrected)
    assert (old[uid]["sequence"], new[uid]["sequence"]) == (0, 1)
    assert new[uid]["dtstart"] == day(2025, 3, 18)
    assert new[event_uid(other)]["sequence"] == 0
    # again with the same input: nothing changes; a second correction: 2
    assert to_ics([corrected, other], previous=second)[0] == second
    retitled = attrs.evolve(corrected, title="Carney visits Paris")
    third = {v["uid"]: v for v in events_from_ics(to_ics([retitled, other], previous=second)[0])}
    assert third[uid]["sequence"] == 2 and third[event_uid(other)]["sequence"] == 0
    # a previous file from elsewhere: its UIDs are not ours, everything starts at 0
    foreign = to_ics([make(DAY, sources=(Source("zz", 1, 2, "v", "s", 0, None),))])[0]
    with_foreign = events_from_ics(to_ics([corrected], previous=foreign)[0])
    assert {v["sequence"] for v in with_foreign if v["status"] != "CANCELLED"} == {0}
    # its events, gone from this export, are carried over as cancelled; events that are not
    # ours (another UID domain) are left alone
    assert [(v["status"], v["sequence"]) for v in with_foreign if v["status"] == "CANCELLED"] \
        == [("CANCELLED", 1)]
    other_tool = foreign.replace(b"@timeline", b"@example.org")
    assert len(events_from_ics(to_ics([corrected], previous=other_tool)[0])) == 1


def test_previous_must_be_a_calendar() -> None:
    with pytest.raises(ExportError, match="previous calendar is not an iCalendar file"):
        to_ics([make(DAY)], previous=b"not a calendar")
    bad = to_ics([make(DAY)])[0].replace(b"SEQUENCE:0", b"SEQUENCE:x")
    with pytest.raises(ExportError, match="SEQUENCE"):
        previous_versions(bad)


@pytest.mark.parametrize("evil", [
    "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil",
    "x\nSTATUS:CANCELLED",
    "x\rDTSTART:19700101",
    "a;b,c\\d:e",
    "x\\nATTENDEE:mailto:a@b",
    "x\x00\x0b\x0c\x1b\x7fDESCRIPTION:y",
    "x\u2028\u0085LOCATION:z",
])
def test_no_property_injection(evil: str) -> None:
    event = make(DAY, title=evil, participants=(evil,), locations=(evil, "b;c"), sources=(
        Source(f"doc{evil}", 10, 16, "visits", f"He said {evil}", 0, "2025-03-16"),))
    data, report = to_ics([event], calendar_name=evil)
    calendar = assert_valid_ics(data)
    assert report.written == 1 and len(calendar.walk("VEVENT")) == 1
    (vevent,) = calendar.walk("VEVENT")
    assert sorted(vevent.keys()) == sorted([
        "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "STATUS", "TRANSP", "CATEGORIES",
        "LOCATION", "DESCRIPTION", "SEQUENCE"])
    assert str(vevent["status"]) == "CONFIRMED" and vevent["dtstart"].dt == day(2025, 3, 17)
    assert str(vevent["uid"]) == event_uid(event)
    (found,) = events_from_ics(data)
    assert found["summary"] == shown(evil)
    assert found["location"] == f"{shown(evil)}, b;c"
    assert f"He said {shown(evil)}" in found["description"]
    for line in data.split(b"\r\n"):  # every physical line is a property, a fold, or BEGIN/END
        assert b"\n" not in line and b"\r" not in line
        assert line == b"" or line[:1] == b" " or re.match(rb"^[A-Z-]+[;:]", line)
