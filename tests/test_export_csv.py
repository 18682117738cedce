"""CSV export: one row per event, formula-safe, and exactly reversible."""

from __future__ import annotations

import csv
import datetime as dt
import io

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.exceptions import ExportError
from timeline.export import timeline_from_csv, to_csv
from timeline.export.csvfmt import (
    COLUMNS,
    FORMULA_PREFIXES,
    join_items,
    neutralize,
    split_items,
    unneutralize,
)
from timeline.model import Event, Source, Timeline, When

from strategies import texts, timelines


def sample_event(**changes: object) -> Event:
    event = Event(
        id="ev-1", type="travel", title="Carney visits Paris and London",
        when=When("2025-03-17", dt.date(2025, 3, 17), dt.date(2025, 3, 17), "day", "explicit"),
        participants=("Mark Carney",), locations=("Paris", "London"),
        sources=(Source("doc1", 10, 16, "visits", "Carney visits Paris.", 0, "2025-03-16"),),
    )
    return attrs.evolve(event, **changes)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@given(timelines())
def test_csv_round_trip(timeline: Timeline) -> None:
    back = timeline_from_csv(to_csv(timeline))
    assert back.events == timeline.events
    cited = dict.fromkeys(s.document for e in timeline.events for s in e.sources)
    assert back.documents == tuple(cited)


@given(timelines())
def test_csv_bytes_and_bom_are_accepted(timeline: Timeline) -> None:
    text = to_csv(timeline)
    assert to_csv(timeline) == text
    assert timeline_from_csv(("\ufeff" + text).encode("utf-8")).events == timeline.events


@given(timelines())
def test_no_cell_starts_like_a_formula(timeline: Timeline) -> None:
    for row in csv.reader(io.StringIO(to_csv(timeline), newline="")):
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES)


@given(texts())
def test_neutralize_is_reversible(cell: str) -> None:
    assert unneutralize(neutralize(cell)) == cell
    assert not neutralize(cell).startswith(FORMULA_PREFIXES)


@given(st.lists(st.none() | texts()))
def test_item_lists_are_reversible(items: list[str | None]) -> None:
    assert split_items(join_items(items)) == items


def test_header_and_line_ends() -> None:
    text = to_csv([sample_event()])
    assert text.split("\r\n")[0] == ",".join(COLUMNS)
    assert text.endswith("\r\n") and text.count("\r\n") == 2
    row = rows(text)[0]
    assert row["start"] == row["end"] == "2025-03-17"
    assert row["locations"] == "Paris; London"
    assert row["documents"] == "doc1" and row["trigger"] == "visits"
    assert row["mod"] == "" and row["published"] == "2025-03-16"
    assert timeline_from_csv(text.replace("\r\n", "\n")).events == (sample_event(),)


def test_formula_is_neutralized() -> None:
    event = sample_event(title="=cmd()", participants=("+1", "@x"), locations=("-2",))
    row = rows(to_csv([event]))[0]
    assert row["title"] == "'=cmd()"
    assert row["participants"] == "'+1; @x"
    assert row["locations"] == "'-2"
    assert timeline_from_csv(to_csv([event])).events == (event,)


def test_real_leading_quote_survives() -> None:
    event = sample_event(title="'quoted' title", sources=(
        Source("doc1", 0, 1, "'", "'=x", 0, None),))
    row = rows(to_csv([event]))[0]
    assert row["title"] == "''quoted' title"
    assert row["sentence"] == "''=x" and row["published"] == "\\N"
    assert timeline_from_csv(to_csv([event])).events == (event,)


def test_all_sources_are_kept() -> None:
    sources = (
        Source("doc1", 10, 16, "visits", "Carney visits Paris; then London.", 0, "2025-03-16"),
        Source("doc;2", 3, 9, "visit", "A visit.", 2, None),
    )
    event = sample_event(sources=sources)
    row = rows(to_csv([event]))[0]
    assert row["documents"] == "doc1; doc\\;2"
    assert row["source_start"] == "10; 3"
    assert row["sentence"] == "Carney visits Paris\\; then London.; A visit."
    assert row["published"] == "2025-03-16; \\N"
    assert timeline_from_csv(to_csv([event])).events == (event,)


def test_open_bounds_and_undated() -> None:
    by = sample_event(when=When("2025-11-01", None, dt.date(2025, 11, 1), "day", "explicit",
                                "ON_OR_BEFORE"))
    undated = sample_event(id="ev-2", when=When())
    text = to_csv([by, undated])
    assert [(r["start"], r["end"], r["value"]) for r in rows(text)] == [
        ("", "2025-11-01", "2025-11-01"), ("", "", "")]
    assert timeline_from_csv(text).events == (by, undated)


def test_short_columns_default() -> None:
    text = to_csv([sample_event()])
    trimmed = "\r\n".join(",".join(r[:-2]) for r in csv.reader(io.StringIO(text, newline="")))
    event = timeline_from_csv(trimmed).events[0]
    assert event.sources[0].published is None and event.sources[0].sentence_start == 0


def test_errors_name_the_line() -> None:
    with pytest.raises(ExportError, match="no header"):
        timeline_from_csv("")
    with pytest.raises(ExportError, match="missing columns .*title"):
        timeline_from_csv("id,type\r\n")
    good = to_csv([sample_event(), sample_event(id="ev-2", title="two\nlines")])
    assert good.count("\n") == 4
    bad = good + good.split("\r\n")[1].replace("travel", "picnic") + "\r\n"
    with pytest.raises(ExportError, match="CSV line 5: .*type"):
        timeline_from_csv(bad)
    with pytest.raises(ExportError, match="CSV line 2: 3 cells"):
        timeline_from_csv(good.split("\r\n")[0] + "\r\na,b,c\r\n")
    mismatched = good.replace("visits,Carney", "visits; x,Carney", 1)
    with pytest.raises(ExportError, match="line 2: trigger has 2 items but documents has 1"):
        timeline_from_csv(mismatched)
