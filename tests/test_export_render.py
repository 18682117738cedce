"""The export dispatcher: `render` for every format and the atomic `write`."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from timeline.exceptions import ExportError
from timeline.export import (
    FORMATS,
    ExportReport,
    events_from_ics,
    events_from_jsonl,
    render,
    timeline_from_csv,
    timeline_from_json,
    write,
)
from timeline.model import Event, Source, Timeline, When

from strategies import timelines

EVENT = Event(
    id="ev-1", type="meeting", title="Leaders meet",
    when=When("2025-03-17", dt.date(2025, 3, 17), dt.date(2025, 3, 17), "day", "explicit"),
    sources=(Source("doc1", 0, 4, "meet", "Leaders meet.", 0, "2025-03-17"),),
)
UNDATED = attrs.evolve(EVENT, id="ev-2", when=When(),
                       sources=(Source("doc2", 0, 4, "meet", "They meet.", 0, None),))
TIMELINE = Timeline(events=[EVENT, UNDATED], documents=["doc1", "doc2"])


@given(timelines())
@settings(max_examples=50)
def test_every_format_renders_and_reads_back(timeline: Timeline) -> None:
    for fmt in FORMATS:
        data, report = render(timeline, fmt)
        assert render(timeline, fmt) == (data, report)
        assert isinstance(data, bytes)
        assert report.written + report.skipped == len(timeline.events)
    assert timeline_from_json(render(timeline, "json")[0]) == timeline
    assert tuple(events_from_jsonl(render(timeline, "jsonl")[0])) == timeline.events
    assert timeline_from_csv(render(timeline, "csv")[0]).events == timeline.events


def test_reports() -> None:
    assert render(TIMELINE, "json")[1] == ExportReport(written=2)
    assert render(TIMELINE, "ics")[1] == ExportReport(1, 1, ("ev-2",))
    assert len(events_from_ics(render(TIMELINE, "ics")[0])) == 1


def test_report_is_consistent() -> None:
    with pytest.raises(ValueError):
        ExportReport(written=1, skipped=2, skipped_ids=("a",))


@pytest.mark.parametrize("fmt", ["xml", "JSON", "", None])
def test_unknown_format(fmt: object) -> None:
    with pytest.raises(ExportError, match="unknown export format") as info:
        render(TIMELINE, fmt)  # type: ignore[arg-type]
    assert info.value.value == fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_is_atomic_and_complete(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_bytes(b"old contents")
    report = write(TIMELINE, fmt, target)
    assert target.read_bytes() == render(TIMELINE, fmt)[0]
    assert report == render(TIMELINE, fmt)[1]
    assert os.listdir(tmp_path) == [target.name]


def test_write_leaves_no_file_when_rendering_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with pytest.raises(ExportError):
        write(TIMELINE, "xml", target)
    broken = Timeline(events=[attrs.evolve(EVENT, title="lone \ud800 surrogate")])
    for fmt in FORMATS:
        with pytest.raises(ExportError, match="UTF-8"):
            write(broken, fmt, target)
    assert os.listdir(tmp_path) == []
    target.write_bytes(b"keep me")
    with pytest.raises(ExportError):
        write(broken, "csv", target)
    assert target.read_bytes() == b"keep me" and os.listdir(tmp_path) == ["out.json"]


def test_write_to_missing_directory_is_an_export_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.csv"
    with pytest.raises(ExportError, match="cannot write") as info:
        write(TIMELINE, "csv", target)
    assert info.value.value == str(target)
    with pytest.raises(ExportError, match="cannot write"):
        write(TIMELINE, "csv", tmp_path)  # a directory
    assert os.listdir(tmp_path) == []
