"""JSON and JSON Lines export: deterministic, lossless round trips, clear errors."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.exceptions import ExportError
from timeline.export import (
    event_from_dict,
    event_to_dict,
    events_from_jsonl,
    timeline_from_json,
    to_json,
    to_jsonl,
)
from timeline.model import Event, Source, Timeline, When

from strategies import events, timelines


def sample_event() -> Event:
    return Event(
        id="ev-1", type="travel", title="Carney visits Paris and London",
        when=When("2025-03-17", dt.date(2025, 3, 17), dt.date(2025, 3, 17), "day", "explicit"),
        participants=("Mark Carney",), locations=("Paris", "London"),
        sources=(Source("doc1", 10, 16, "visits", "Carney visits Paris.", 0, "2025-03-16"),),
    )


@given(timelines())
def test_json_round_trip(timeline: Timeline) -> None:
    assert timeline_from_json(to_json(timeline)) == timeline


@given(timelines())
def test_jsonl_round_trip(timeline: Timeline) -> None:
    text = to_jsonl(timeline)
    assert text.count("\n") == len(timeline.events)
    assert tuple(events_from_jsonl(text)) == timeline.events
    assert tuple(events_from_jsonl(text.encode("utf-8"))) == timeline.events


@given(events())
def test_dict_round_trip(event: Event) -> None:
    assert event_from_dict(json.loads(json.dumps(event_to_dict(event)))) == event


@given(timelines())
def test_json_is_deterministic_and_sorted(timeline: Timeline) -> None:
    text = to_json(timeline)
    assert text == to_json(timeline) and text.endswith("}\n")
    assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def test_json_layout() -> None:
    doc = json.loads(to_json(Timeline(events=[sample_event()], documents=["doc1"])))
    assert sorted(doc) == ["documents", "events"]
    event = doc["events"][0]
    assert event["when"] == {"value": "2025-03-17", "start": "2025-03-17", "end": "2025-03-17",
                             "granularity": "day", "derived": "explicit", "mod": None,
                             "edtf": "2025-03-17"}
    assert event["sources"][0] == {"document": "doc1", "start": 10, "end": 16, "text": "visits",
                                   "sentence": "Carney visits Paris.", "sentence_start": 0,
                                   "published": "2025-03-16"}
    assert '"title": "été"' in to_json(Timeline(events=[attrs.evolve(sample_event(), title="été")]))


def test_jsonl_line_separator_inside_string_is_not_a_line_break() -> None:
    event = attrs.evolve(sample_event(), title="a\u2028b\x85c")
    text = to_jsonl([event])
    assert text.count("\n") == 1
    assert events_from_jsonl(text) == [event]


def test_jsonl_error_names_the_line() -> None:
    good = to_jsonl([sample_event()])
    with pytest.raises(ExportError, match="line 3"):
        events_from_jsonl(good + "\n" + "{not json}\n")
    with pytest.raises(ExportError, match="line 2: missing key 'when'"):
        events_from_jsonl(good + json.dumps({"id": "x"}) + "\n")


def test_json_errors() -> None:
    with pytest.raises(ExportError, match="line 2"):
        timeline_from_json('{\n  "events": [,]\n}')
    with pytest.raises(ExportError, match='"events" list'):
        timeline_from_json("[]")
    bad = json.loads(to_json(Timeline(events=[sample_event()])))
    bad["events"][0]["type"] = "picnic"
    with pytest.raises(ExportError, match="event #0"):
        timeline_from_json(json.dumps(bad))
    bad["events"][0]["type"] = "travel"
    bad["events"][0]["sources"][0]["start"] = True
    with pytest.raises(ExportError, match="'start' must be int"):
        timeline_from_json(json.dumps(bad))


@given(events(), st.booleans())
def test_conflict_flag_round_trips(event: Event, conflict: bool) -> None:
    event = attrs.evolve(event, conflict=conflict)
    data = event_to_dict(event)
    assert data["conflict"] is conflict
    assert event_from_dict(json.loads(json.dumps(data))) == event
    assert tuple(events_from_jsonl(to_jsonl([event]))) == (event,)


def test_missing_conflict_reads_as_false_and_a_bad_one_is_an_error() -> None:
    data = event_to_dict(sample_event())
    del data["conflict"]
    assert event_from_dict(data).conflict is False
    with pytest.raises(ExportError, match="conflict"):
        events_from_jsonl(json.dumps({**data, "conflict": "yes"}) + "\n")
