"""TimelineJS export: partial dates stay partial, open ends are placed and said, nothing dropped
silently, all text HTML-escaped."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from timeline.cli import main
from timeline.export import FORMATS, ExportReport, render, to_timelinejs
from timeline.export.edtf import edtf_parts
from timeline.model import Event, Source, Timeline, When

from strategies import timelines

D = dt.date


def event(when: When, **changes: Any) -> Event:
    base = Event(
        id="ev-1", type="travel", title="Carney visits Paris", when=when,
        participants=("Mark Carney",), locations=("Paris",),
        sources=(Source("doc1", 0, 6, "visits", "Carney visits Paris.", 0, "2025-04-02"),),
    )
    return attrs.evolve(base, **changes)


def slides(*events: Event) -> list[dict[str, Any]]:
    data, _ = to_timelinejs(events)
    return list(json.loads(data)["events"])


def test_format_is_registered() -> None:
    assert "timelinejs" in FORMATS
    ev = event(When("2025-03-17", D(2025, 3, 17), D(2025, 3, 17), "day", "explicit"))
    assert render(Timeline(events=[ev]), "timelinejs") == to_timelinejs([ev])


def test_day_event() -> None:
    [slide] = slides(event(When("2025-03-17", D(2025, 3, 17), D(2025, 3, 17), "day", "explicit")))
    assert slide["start_date"] == {"year": 2025, "month": 3, "day": 17,
                                   "display_date": "17 March 2025"}
    assert "end_date" not in slide
    assert slide["group"] == "travel" and slide["unique_id"] == "ev-1"
    assert slide["text"]["headline"] == "Carney visits Paris"
    assert "Carney visits Paris." in slide["text"]["text"]
    assert "doc1, published 2025-04-02" in slide["text"]["text"]


def test_month_and_year_events_leave_out_what_is_unknown() -> None:
    month = event(When("2025-03", D(2025, 3, 1), D(2025, 3, 31), "month", "explicit"))
    year = event(When("2029", D(2029, 1, 1), D(2029, 12, 31), "year", "explicit"), id="ev-2")
    first, second = slides(month, year)
    assert first["start_date"] == {"year": 2025, "month": 3, "display_date": "March 2025"}
    assert second["start_date"] == {"year": 2029, "display_date": "2029"}
    assert "end_date" not in first and "end_date" not in second


def test_interval_has_both_dates() -> None:
    [slide] = slides(event(When("2026-W04", D(2026, 1, 19), D(2026, 1, 25), "week", "relation")))
    assert slide["start_date"] == {"year": 2026, "month": 1, "day": 19,
                                   "display_date": "19 January 2026"}
    assert slide["end_date"] == {"year": 2026, "month": 1, "day": 25,
                                 "display_date": "25 January 2026"}
    assert slide["display_date"] == "19 January 2026 \u2013 25 January 2026"
    [quarter] = slides(event(When("2025-Q1", D(2025, 1, 1), D(2025, 3, 31), "quarter",
                                  "explicit")))
    assert quarter["start_date"]["month"] == 1 and "day" not in quarter["start_date"]
    assert quarter["end_date"]["month"] == 3 and "day" not in quarter["end_date"]


@pytest.mark.parametrize(("when", "start", "shown"), [
    (When("2025-11-01", None, D(2025, 11, 1), "day", "tense", "ON_OR_BEFORE"),
     {"year": 2025, "month": 11, "day": 1}, "by 1 November 2025"),
    (When("2025-03-17", None, D(2025, 3, 16), "day", "explicit", "BEFORE"),
     {"year": 2025, "month": 3, "day": 16}, "by 16 March 2025"),
    (When("2025-04", None, D(2025, 4, 30), "month", "tense", "ON_OR_BEFORE"),
     {"year": 2025, "month": 4}, "by April 2025"),
    (When("2025-03-17", D(2025, 3, 18), None, "day", "explicit", "AFTER"),
     {"year": 2025, "month": 3, "day": 18}, "from 18 March 2025"),
])
def test_open_ended_events_sit_on_their_known_bound(when: When, start: dict[str, int],
                                                     shown: str) -> None:
    [slide] = slides(event(when))
    assert slide["start_date"] == {**start, "display_date": shown}
    assert slide["display_date"] == shown
    assert "end_date" not in slide


def test_qualified_dates_say_so() -> None:
    approx = event(When("2025-03", D(2025, 3, 1), D(2025, 3, 31), "month", "explicit", "APPROX"))
    published = event(When("2025-04-02", D(2025, 4, 2), D(2025, 4, 2), "day", "publication"),
                      id="ev-2")
    first, second = slides(approx, published)
    assert first["display_date"] == "about March 2025"
    assert second["display_date"] == "2 April 2025 (publication date)"


def test_undated_events_are_left_out_and_counted() -> None:
    dated = event(When("2025-03-17", D(2025, 3, 17), D(2025, 3, 17), "day", "explicit"))
    undated = event(When(), id="ev-2")
    data, report = to_timelinejs([dated, undated])
    assert report == ExportReport(written=1, skipped=1, skipped_ids=("ev-2",))
    assert [s["unique_id"] for s in json.loads(data)["events"]] == ["ev-1"]


def test_text_is_escaped() -> None:
    nasty = "<script>alert('x')</script> & co"
    ev = event(When("2025-03-17", D(2025, 3, 17), D(2025, 3, 17), "day", "explicit"),
               title=nasty, participants=(nasty,),
               sources=(Source("<b>doc</b>", 0, 1, "x", nasty, 0, None),))
    [slide] = slides(ev)
    assert slide["text"]["headline"] == html.escape(nasty)
    assert "<script>" not in slide["text"]["text"] and "<b>doc" not in slide["text"]["text"]
    assert html.escape(nasty) in slide["text"]["text"]


def test_repeated_ids_are_made_unique() -> None:
    when = When("2025-03-17", D(2025, 3, 17), D(2025, 3, 17), "day", "explicit")
    ids = [s["unique_id"] for s in slides(event(when), event(when), event(when, id="ev-1-2"))]
    assert len(set(ids)) == 3 and ids[0] == "ev-1"


@given(timelines())
@settings(suppress_health_check=[HealthCheck.too_slow])  # shared CPUs
def test_every_dated_event_is_a_slide_in_order(timeline: Timeline) -> None:
    data, report = to_timelinejs(timeline)
    assert to_timelinejs(timeline) == (data, report)
    text = data.decode("utf-8")
    assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    dated = [e for e in timeline.events if e.when.is_dated]
    out = json.loads(text)["events"]
    assert report.written == len(out) == len(dated)
    assert report.skipped_ids == tuple(e.id for e in timeline.events if not e.when.is_dated)
    assert len({s["unique_id"] for s in out}) == len(out)
    for ev, slide in zip(dated, out):
        assert slide["group"] == ev.type
        parts = edtf_parts(ev.when)
        assert parts is not None
        known = parts.start or parts.end
        assert known is not None
        start = slide["start_date"]
        assert (start["year"], start.get("month"), start.get("day")) == tuple(known)
        assert ("end_date" in slide) == (parts.start is not None and parts.end is not None
                                         and not parts.single)


def test_cli_reports_the_undated(tmp_path: Any) -> None:
    doc = tmp_path / "undated.txt"
    doc.write_text("The minister visited Paris and met President Emmanuel Macron.", "utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["extract", str(doc), "--format", "timelinejs"], stdout=out, stderr=err) == 0
    assert json.loads(out.getvalue()) == {"events": []}
    assert "without a date left out of the timelinejs output" in err.getvalue()
