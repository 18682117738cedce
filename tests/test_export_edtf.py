"""EDTF strings: the mapping from When, exactness of the interval, and the readers' checks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import attrs
import pytest
from hypothesis import given

from timeline.exceptions import ExportError
from timeline.export import timeline_from_csv, timeline_from_json, to_csv, to_json, to_jsonl
from timeline.export.edtf import to_edtf
from timeline.model import Event, Source, Timeline, When

from strategies import events, whens

D = dt.date

TABLE = [
    (When("2025-03-17", D(2025, 3, 17), D(2025, 3, 17), "day", "explicit"), "2025-03-17"),
    (When("2025-03", D(2025, 3, 1), D(2025, 3, 31), "month", "explicit"), "2025-03"),
    (When("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month", "explicit"), "2024-02"),
    (When("2029", D(2029, 1, 1), D(2029, 12, 31), "year", "explicit"), "2029"),
    (When("2025-Q1", D(2025, 1, 1), D(2025, 3, 31), "quarter", "explicit"), "2025-01/2025-03"),
    (When("2025-WI", D(2025, 12, 1), D(2026, 2, 28), "season", "explicit"), "2025-12/2026-02"),
    (When("199", D(1990, 1, 1), D(1999, 12, 31), "decade", "explicit"), "1990/1999"),
    (When("2026-W04", D(2026, 1, 19), D(2026, 1, 25), "week", "relation"),
     "2026-01-19/2026-01-25"),
    (When("2025-03-17/2025-03-19", D(2025, 3, 17), D(2025, 3, 19), "day", "explicit"),
     "2025-03-17/2025-03-19"),
    # A day range that happens to fill a month stays a range of days.
    (When("2025-03-01/2025-03-31", D(2025, 3, 1), D(2025, 3, 31), "day", "explicit"),
     "2025-03-01/2025-03-31"),
    # "late March": the month's last third, written as days.
    (When("2025-03", D(2025, 3, 21), D(2025, 3, 31), "month", "explicit", "END"),
     "2025-03-21/2025-03-31"),
    (When("2025-11-01", None, D(2025, 11, 1), "day", "tense", "ON_OR_BEFORE"), "../2025-11-01"),
    (When("2025-03-17", None, D(2025, 3, 16), "day", "explicit", "BEFORE"), "../2025-03-16"),
    (When("2025-04", None, D(2025, 4, 30), "month", "tense", "ON_OR_BEFORE"), "../2025-04"),
    (When("2030", None, D(2030, 12, 31), "year", "explicit", "ON_OR_BEFORE"), "../2030"),
    (When("2025-03-17", D(2025, 3, 17), None, "day", "tense", "ON_OR_AFTER"), "2025-03-17/.."),
    (When("1998-05", D(1998, 5, 1), None, "month", "explicit", "ON_OR_AFTER"), "1998-05/.."),
    (When("2025-03", D(2025, 3, 1), D(2025, 3, 31), "month", "explicit", "APPROX"), "2025-03~"),
    (When("2025-03-17", D(2025, 3, 17), D(2025, 3, 17), "day", "publication"), "2025-03-17?"),
    (When("2025-04", D(2025, 4, 1), D(2025, 4, 30), "month", "publication", "APPROX"),
     "2025-04%"),
    (When("2025-03-17/2025-03-19", D(2025, 3, 17), D(2025, 3, 19), "day", "explicit", "APPROX"),
     "2025-03-17~/2025-03-19~"),
    (When("2025-11-01", None, D(2025, 11, 1), "day", "publication", "APPROX"), "../2025-11-01%"),
    (When(), None),
    (When("PAST_REF", granularity="none", derived="tense"), None),
]


@pytest.mark.parametrize(("when", "expected"), TABLE, ids=[str(e) for _, e in TABLE])
def test_mapping(when: When, expected: str | None) -> None:
    assert to_edtf(when) == expected


# A tiny EDTF reader for the forms to_edtf writes: a date (YYYY, YYYY-MM, YYYY-MM-DD) with an
# optional qualifier, or an interval of two such dates where either may be "..".
_DATE = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)"
_DATE_RE = re.compile(_DATE)


def _first_day(text: str) -> dt.date:
    m = _DATE_RE.fullmatch(text)
    assert m, text
    return D(int(m[1]), int(m[2] or 1), int(m[3] or 1))


def _last_day(text: str) -> dt.date:
    m = _DATE_RE.fullmatch(text)
    assert m, text
    year = int(m[1])
    if m[2] is None:
        return D(year, 12, 31)
    month = int(m[2])
    if m[3] is not None:
        return D(year, month, int(m[3]))
    return D(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)


def covered(edtf: str) -> tuple[dt.date | None, dt.date | None]:
    """(earliest, latest) day an EDTF string allows; None for an open end."""
    if "/" not in edtf:
        return _first_day(edtf), _last_day(edtf)
    first, last = edtf.split("/")
    assert (first, last) != ("..", "..")
    return (None if first == ".." else _first_day(first),
            None if last == ".." else _last_day(last))


def test_the_reader_reads_what_it_should() -> None:
    assert covered("2024-02") == (D(2024, 2, 1), D(2024, 2, 29))
    assert covered("../2025") == (None, D(2025, 12, 31))
    assert covered("2025-12~/2026-02~") == (D(2025, 12, 1), D(2026, 2, 28))


@given(whens())
def test_edtf_covers_exactly_the_bounds(when: When) -> None:
    edtf = to_edtf(when)
    if not when.is_dated:
        assert edtf is None
        return
    assert edtf is not None
    assert covered(edtf) == (when.start, when.end)
    qualifier = {(False, False): "", (True, False): "~", (False, True): "?", (True, True): "%"}[
        (when.mod == "APPROX", when.derived == "publication")]
    for part in edtf.split("/"):
        assert part == ".." or part.endswith(qualifier) and part[-1:] in f"{qualifier}0123456789"


@given(events())
def test_every_output_carries_the_edtf(event: Event) -> None:
    expected = to_edtf(event.when)
    assert json.loads(to_json(Timeline(events=[event])))["events"][0]["when"]["edtf"] == expected
    assert json.loads(to_jsonl([event]))["when"]["edtf"] == expected
    row = next(csv.DictReader(io.StringIO(to_csv([event]), newline="")))
    assert row["edtf"] == (expected or "")


EVENT = Event(
    id="ev-1", type="travel", title="Carney visits Paris",
    when=When("2025-03", D(2025, 3, 1), D(2025, 3, 31), "month", "explicit"),
    sources=(Source("doc1", 0, 6, "visits", "Carney visits Paris.", 0, "2025-04-02"),),
)


def test_json_reader_accepts_a_missing_edtf_and_rejects_a_wrong_one() -> None:
    doc = json.loads(to_json(Timeline(events=[EVENT], documents=["doc1"])))
    del doc["events"][0]["when"]["edtf"]
    assert timeline_from_json(json.dumps(doc)).events == (EVENT,)
    doc["events"][0]["when"]["edtf"] = "2025-04"
    with pytest.raises(ExportError, match=r"event #0: 'edtf' '2025-04' does not match"):
        timeline_from_json(json.dumps(doc))
    doc["events"][0]["when"]["edtf"] = 2025
    with pytest.raises(ExportError, match="'edtf' must be str"):
        timeline_from_json(json.dumps(doc))


def test_csv_reader_accepts_a_missing_edtf_and_rejects_a_wrong_one() -> None:
    rows = list(csv.reader(io.StringIO(to_csv([EVENT]), newline="")))
    column = rows[0].index("edtf")
    assert rows[1][column] == "2025-03"
    without = [[c for k, c in enumerate(row) if k != column] for row in rows]
    assert timeline_from_csv(_csv(without)).events == (EVENT,)
    rows[1][column] = "2025-03-01/2025-03-31"
    with pytest.raises(ExportError, match="CSV line 2: 'edtf' '2025-03-01/2025-03-31'"):
        timeline_from_csv(_csv(rows))
    undated = attrs.evolve(EVENT, when=When())
    assert timeline_from_csv(to_csv([undated])).events == (undated,)


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
