"""Hypothesis properties of the tagger's date logic."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import PubDate, tag
from timeline._time import interval_of
from timeline.tagger.resources import load_grammar

GRAMMAR = load_grammar()
KIND = {r.name: r.kind for r in GRAMMAR.rules}
# rules that count from the last date mentioned ("the following week"), not the publication date
FROM_REF_RULES = {r.name for r in GRAMMAR.rules if r.fixed.get("origin") == "ref"}
RELATIVE_KINDS = {"relative", "offset", "weekday", "time"}
# "three days later" counts from the last date mentioned, not from the publication date
FROM_REFERENCE = tuple(w for w, v in GRAMMAR.vocab["direction"].items() if v.endswith(" ref"))


def dct_relative(e: object) -> bool:
    text = e.text.lower()  # type: ignore[attr-defined]
    return (KIND.get(e.rule) in RELATIVE_KINDS  # type: ignore[attr-defined]
            and e.rule not in FROM_REF_RULES  # type: ignore[attr-defined]
            and not text.endswith(FROM_REFERENCE))

FRAGMENTS = [
    "today", "yesterday", "tomorrow", "this week", "last week", "next week", "last month",
    "next year", "two weeks ago", "three days later", "a decade ago", "on Friday",
    "will meet on Monday", "said on Tuesday", "last Thursday", "next Sunday", "tonight",
    "this morning", "in March", "on March 17", "in 2029", "by 2030", "the 1990s", "Q1 2025",
    "early March", "from 17 to 19 March", "every Monday", "annually", "recently", "soon",
    "two weeks", "eight decades", "a 300-year history", "25%", "$5 billion", "the 51st state",
    "turned 60", "may", "17-03-2025", "03/04/2025", "the past three years", "last summer",
    "yesterday afternoon", "10 days ago", "the following week", "four weeks from now",
    "Carney", "said", "the", "and", ",", ".", "\n", "will", "was", "in", "on", "of", "2025",
]
sentences = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map(" ".join)
days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))
anchors = st.one_of(
    days.map(PubDate.from_date),
    days.map(lambda d: PubDate(d.year, d.month)),
    days.map(lambda d: PubDate(d.year)),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), anchors)
def test_tagging_any_text_never_raises(text: str, anchor: PubDate | None) -> None:
    tag(text, anchor)


@settings(max_examples=300, deadline=None)
@given(sentences, anchors)
def test_spans_slice_back_do_not_overlap_and_bounds_are_ordered(
        text: str, anchor: PubDate | None) -> None:
    found = tag(text, anchor)
    last_end = 0
    for e in found:
        assert text[e.start:e.end] == e.text
        assert e.start >= last_end, "expressions overlap"
        last_end = e.end
        if e.earliest and e.latest:
            assert e.earliest <= e.latest


@settings(max_examples=300, deadline=None)
@given(sentences, days, st.integers(min_value=-20, max_value=20))
def test_shifting_the_anchor_by_weeks_shifts_day_and_week_values(
        text: str, day: dt.date, weeks: int) -> None:
    moved = day + dt.timedelta(weeks=weeks)
    before = tag(text, PubDate.from_date(day))
    after = tag(text, PubDate.from_date(moved))
    assert [(e.start, e.end) for e in before] == [(e.start, e.end) for e in after]
    for a, b in zip(before, after):
        if dct_relative(a) and a.granularity in ("day", "week", "part_of_day") \
                and a.earliest is not None:
            assert b.earliest == a.earliest + dt.timedelta(weeks=weeks), (a, b)
            assert b.latest == a.latest + dt.timedelta(weeks=weeks), (a, b)


@settings(max_examples=300, deadline=None)
@given(sentences, days)
def test_month_anchor_never_gives_a_day_precise_relative_value(text: str, day: dt.date) -> None:
    for e in tag(text, PubDate(day.year, day.month)):
        if dct_relative(e) and e.granularity in ("day", "part_of_day"):
            assert "X" in e.value or e.earliest != e.latest, e
            assert e.earliest is None or e.earliest >= PubDate(day.year, day.month).earliest \
                - dt.timedelta(days=40)


@settings(max_examples=300, deadline=None)
@given(sentences, anchors)
def test_timex_values_parse_back_to_their_interval(text: str, anchor: PubDate | None) -> None:
    for e in tag(text, anchor):
        if e.type not in ("DATE", "TIME") or e.earliest is None or e.latest is None:
            continue
        parsed = interval_of(e.value)
        if "X" not in e.value and e.mod is None:
            assert parsed == (e.earliest, e.latest), e
        elif parsed is not None:
            assert parsed[0] <= e.earliest and e.latest <= parsed[1], e
