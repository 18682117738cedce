"""Key dates: days ranked by the events and sources on them."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from timeline import Event, Source, Timeline, When
from timeline.cli import main
from timeline.keydates import MAX_SPREAD, key_dates

D = dt.date


def ev(name: str, start: D | None, end: D | None, *docs: str) -> Event:
    sources = [Source(d, k, k + 4, "text", "A sentence.") for k, d in enumerate(docs or ("a",))]
    return Event(name, "meeting", name, When(None, start, end, "day", "explicit"),
                 sources=sources)


def test_days_ranked_by_events_and_their_documents() -> None:
    tl = Timeline(events=[
        ev("one", D(2024, 5, 1), D(2024, 5, 1)),
        ev("two", D(2024, 5, 2), D(2024, 5, 2), "a", "b", "c"),
        ev("three", D(2024, 5, 3), D(2024, 5, 3), "a", "b"),
        ev("four", D(2024, 5, 3), D(2024, 5, 3), "c"),
    ])
    ranked = tl.key_dates(3)
    assert [(k.day, k.score) for k in ranked] == [
        (D(2024, 5, 2), 3), (D(2024, 5, 3), 3), (D(2024, 5, 1), 1)]  # tie: earlier day first
    assert ranked[1].events == ("three", "four")


def test_a_report_counts_once_per_document() -> None:
    twice = Event("x", "meeting", "x", When(None, D(2024, 5, 1), D(2024, 5, 1), "day",
                                              "explicit"),
                  sources=[Source("a", 0, 3, "met", "s"), Source("a", 9, 12, "met", "s")])
    assert key_dates([twice], 1)[0].score == 1


def test_wide_and_open_intervals_spread_or_do_not_vote() -> None:
    week = ev("week", D(2024, 5, 6), D(2024, 5, 6) + dt.timedelta(days=MAX_SPREAD - 1))
    month = ev("month", D(2024, 5, 1), D(2024, 5, 31))
    open_end = ev("open", None, D(2024, 5, 6))
    day = ev("day", D(2024, 5, 20), D(2024, 5, 20))
    ranked = key_dates([week, month, open_end, day], 10)
    assert ranked[0].day == D(2024, 5, 20) and ranked[0].score == 1
    assert {k.day for k in ranked[1:]} == {D(2024, 5, 6) + dt.timedelta(days=i)
                                          for i in range(MAX_SPREAD)}
    assert all(k.score == pytest.approx(1 / MAX_SPREAD) for k in ranked[1:])


def test_k_bounds() -> None:
    assert key_dates([ev("one", D(2024, 5, 1), D(2024, 5, 1))], 0) == []
    with pytest.raises(ValueError):
        key_dates([], -1)


def test_cli_key_dates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The minister visited Oslo on 4 March 2024.", "utf-8")
    (tmp_path / "b.txt").write_text("Ministers met in Rome on 9 March 2024.", "utf-8")
    out = io.StringIO()
    assert main(["key-dates", str(tmp_path), "-k", "1", "--published", "2024-03-10"],
                stdout=out, stderr=io.StringIO()) == 0
    assert out.getvalue() == "2024-03-04\t1\t1\n"  # a tie: the earlier day
    err = io.StringIO()
    assert main(["key-dates", str(tmp_path), "-k", "0"], stdout=io.StringIO(),
                stderr=err) == 2
    assert "at least 1" in err.getvalue()
