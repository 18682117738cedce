"""Hostile text in titles and sentences stays text: no iCalendar property injection, no CSV
formula injection, quoting intact. (HTML escaping is tested with the HTML exporter.)"""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar

from timeline import Document, PubDate
from timeline.export import render, timeline_from_csv
from timeline.export.csvfmt import FORMULA_PREFIXES
from timeline.model import Event, Source, Timeline, When
from timeline.pipeline import extract_documents

DAY = dt.date(2025, 3, 17)
EVIL = [
    "Talks\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@x\r\nSUMMARY:pwned",
    "a;b,c\\d\\n\\;:e",
    "<script>alert(1)</script>",
    "bell\x07 nul\x00 esc\x1b del\x7f vt\x0b ff\x0c",
    "=HYPERLINK(\"http://x\";\"y\")",
    "+1-2", "-cmd", "@SUM(A1)", "\tTAB", "\rCR", "'quoted",
    "line\nbreak", "DESCRIPTION;ALTREP=\"cid:x\":hi",
]


def evil_timeline() -> Timeline:
    events = []
    for k, text in enumerate(EVIL):
        source = Source(document=f"doc{k};,\n", start=0, end=len(text), text=text,
                        sentence=f"{text} said {text}", sentence_start=0,
                        published="2025-03-17")
        events.append(Event(
            id=f"ev-{k}", type="meeting", title=text,
            when=When("2025-03-17", DAY, DAY, "day", "explicit"),
            participants=(text, "B, Jr."), locations=(text, "Paris; France"),
            sources=(source,)))
    return Timeline(events=events, documents=[s.document for e in events for s in e.sources])


def _unfolded_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    return text.split("\r\n")


def test_ics_has_no_property_injection() -> None:
    timeline = evil_timeline()
    data, report = render(timeline, "ics")
    assert report.written == len(EVIL)
    lines = [line for line in _unfolded_lines(data) if line]
    # every content line is one of ours; no smuggled component or property
    names = {line.split(":", 1)[0].split(";", 1)[0] for line in lines}
    assert names <= {"BEGIN", "END", "PRODID", "VERSION", "CALSCALE", "UID", "DTSTAMP",
                     "DTSTART", "DTEND", "SUMMARY", "STATUS", "TRANSP", "CATEGORIES",
                     "LOCATION", "DESCRIPTION", "METHOD", "NAME", "X-WR-CALNAME", "SEQUENCE"}
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(EVIL)
    assert not any(line.startswith("UID:evil") for line in lines)
    assert all(0x20 <= ord(c) or c == "\t" for line in lines for c in line)
    calendar = icalendar.Calendar.from_ical(data)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == len(EVIL)
    for vevent, event in zip(vevents, timeline.events):  # both in timeline order
        text = event.title
        expected = text.replace("\r\n", "\n").replace("\r", "\n")
        expected = "".join(c for c in expected if c in "\n\t" or (ord(c) >= 0x20 and c != "\x7f"))
        assert str(vevent["summary"]) == expected
        assert expected in str(vevent["description"])
        assert str(vevent["location"]).startswith(expected)
    raw = data.decode("utf-8")
    assert "SUMMARY:a\\;b\\,c\\\\d\\\\n\\\\\\;:e" in raw


def test_csv_has_no_formula_injection_and_quoting_is_intact() -> None:
    timeline = evil_timeline()
    data, _ = render(timeline, "csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert len(rows) == 1 + len(EVIL)
    assert all(len(row) == len(rows[0]) for row in rows)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES), cell
    title = {row[0]: row[rows[0].index("title")] for row in rows[1:]}
    assert title[f"ev-{EVIL.index('-cmd')}"] == "'-cmd"
    assert title[f"ev-{EVIL.index('@SUM(A1)')}"] == "'@SUM(A1)"
    assert title[f"ev-{EVIL.index('<script>alert(1)</script>')}"] == "<script>alert(1)</script>"
    assert timeline_from_csv(data).events == timeline.events


def test_hostile_article_text_through_the_pipeline() -> None:
    text = ("=cmd|' /C calc'!A0 The minister visited Paris on March 17, 2025;\r\n"
            "BEGIN:VEVENT <script>x</script>, \\ said \x07 officials.")
    doc = Document("evil;\r\nUID:x", text, PubDate(2025, 3, 18), title="<script>t</script>")
    timeline = extract_documents([doc])
    assert len(timeline) >= 1
    data, _ = render(timeline, "ics")
    assert sum(1 for line in _unfolded_lines(data) if line.startswith("UID:")) == len(timeline)
    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == len(timeline)
    assert "\r\nBEGIN:VEVENT <script>" not in data.decode("utf-8")
    csv_data, _ = render(timeline, "csv")
    assert timeline_from_csv(csv_data).events == timeline.events
    for row in csv.reader(io.StringIO(csv_data.decode("utf-8"), newline="")):
        assert not any(cell.startswith(FORMULA_PREFIXES) for cell in row)
