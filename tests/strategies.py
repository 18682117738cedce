"""Hypothesis strategies for `timeline` records: valid Events, Sources, Whens and Timelines.

Text is any Unicode that can be encoded as UTF-8 (Hypothesis leaves out lone surrogates), mixed
with strings that start with characters exporters must treat with care (= + - @ ' TAB CR, quotes,
commas, semicolons, backslashes, line breaks). Dates lie in 1900-2100.

    from strategies import events, timelines   # tests/ is on sys.path under pytest

    @given(timelines())
    def test_something(timeline): ...
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from timeline.model import (
    DERIVATIONS,
    EVENT_TYPES,
    GRANULARITIES,
    MODS,
    Event,
    PubDate,
    Source,
    Timeline,
    When,
)

__all__ = [
    "MAX_DAY", "MIN_DAY", "dated_whens", "days", "doc_ids", "events", "pub_dates", "sources",
    "texts", "timelines", "undated_whens", "whens",
]

MIN_DAY = dt.date(1900, 1, 1)
MAX_DAY = dt.date(2100, 12, 31)
#: Starts of text that spreadsheets, CSV, JSON or iCalendar writers must handle with care.
TRICKY_PREFIXES = (
    "=", "+", "-", "@", "'", "''", "'=", "\t", "\r", "\r\n", "\n", '"', ",", ";", "; ", "\\",
    "\\e", "\\N", "\\;", " ", "=cmd|' /C calc'!A0", "\u2028", "\x00", "\ufeff",
)


def texts(*, min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Any text, often starting with a `TRICKY_PREFIXES` entry."""
    plain = st.text(min_size=min_size, max_size=max_size)
    tricky = st.builds(
        lambda prefix, rest: prefix + rest,
        st.sampled_from(TRICKY_PREFIXES),
        st.text(max_size=max_size),
    )
    return st.one_of(plain, tricky)


def doc_ids() -> st.SearchStrategy[str]:
    """Document ids: non-blank text (as `Document` requires), sometimes with separators."""
    return st.one_of(
        st.from_regex(r"[a-z0-9_-]{1,12}", fullmatch=True),
        texts(min_size=1),
    ).filter(lambda s: s.strip() != "")


def days(min_value: dt.date = MIN_DAY, max_value: dt.date = MAX_DAY) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=min_value, max_value=max_value)


def pub_dates() -> st.SearchStrategy[str | None]:
    """A Source.published value: None or an ISO date at day, month or year precision."""
    def iso(day: dt.date, grain: str) -> str:
        pub = PubDate(day.year, day.month if grain != "year" else None,
                      day.day if grain == "day" else None)
        return pub.iso()
    return st.none() | st.builds(iso, days(), st.sampled_from(("day", "month", "year")))


def _month_end(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


derivations = st.sampled_from(DERIVATIONS)
optional_mods = st.none() | st.sampled_from(MODS)


def undated_whens() -> st.SearchStrategy[When]:
    """Whens with neither bound (PAST_REF, an unresolved "XXXX-03", or nothing)."""
    return st.builds(
        When,
        value=st.sampled_from((None, "PAST_REF", "FUTURE_REF", "XXXX-03")),
        granularity=st.sampled_from(("none", "month", "year")),
        derived=derivations,
        mod=optional_mods,
    )


@st.composite
def dated_whens(draw: st.DrawFn) -> When:
    """Whens with at least one bound: a day, week, month, year, any span, or one open bound."""
    day = draw(days(max_value=MAX_DAY - dt.timedelta(days=7)))
    kind = draw(st.sampled_from(("day", "week", "month", "year", "span", "by", "after")))
    derived = draw(derivations)
    if kind == "day":
        return When(day.isoformat(), day, day, "day", derived, draw(optional_mods))
    if kind == "week":
        monday = day - dt.timedelta(days=day.weekday())
        year, week, _ = monday.isocalendar()
        return When(f"{year}-W{week:02d}", monday, monday + dt.timedelta(days=6), "week", derived)
    if kind == "month":
        first = day.replace(day=1)
        mod = draw(st.sampled_from((None, "START", "MID", "END", "APPROX")))
        return When(f"{day.year}-{day.month:02d}", first, _month_end(first), "month", derived, mod)
    if kind == "year":
        return When(str(day.year), dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year",
                    derived)
    if kind == "span":
        other = draw(days())
        start, end = min(day, other), max(day, other)
        return When(draw(st.none() | texts(max_size=12)), start, end,
                    draw(st.sampled_from(GRANULARITIES)), derived, draw(optional_mods))
    if kind == "by":
        mod = draw(st.sampled_from((None, "BEFORE", "ON_OR_BEFORE")))
        return When(day.isoformat(), None, day, "day", derived, mod)
    mod = draw(st.sampled_from((None, "AFTER", "ON_OR_AFTER")))
    return When(day.isoformat(), day, None, "day", derived, mod)


def whens() -> st.SearchStrategy[When]:
    """Any valid When, mostly dated."""
    return st.one_of(dated_whens(), dated_whens(), dated_whens(), undated_whens())


@st.composite
def sources(draw: st.DrawFn, document: st.SearchStrategy[str] | None = None) -> Source:
    """A Source whose trigger span and text agree in length."""
    text = draw(texts(max_size=15))
    start = draw(st.integers(min_value=0, max_value=10**6))
    return Source(
        document=draw(document if document is not None else doc_ids()),
        start=start,
        end=start + len(text),
        text=text,
        sentence=draw(texts(max_size=80)),
        sentence_start=draw(st.integers(min_value=0, max_value=start)),
        published=draw(pub_dates()),
    )


def events(
    when: st.SearchStrategy[When] | None = None, *, max_sources: int = 3
) -> st.SearchStrategy[Event]:
    """A valid Event with 1..`max_sources` sources."""
    return st.builds(
        Event,
        id=st.one_of(st.from_regex(r"ev-[0-9a-f]{8}", fullmatch=True), texts(min_size=1)),
        type=st.sampled_from(EVENT_TYPES),
        title=texts(max_size=60),
        when=when if when is not None else whens(),
        participants=st.lists(texts(min_size=0, max_size=20), max_size=3),
        locations=st.lists(texts(min_size=0, max_size=20), max_size=3),
        sources=st.lists(sources(), min_size=1, max_size=max_sources),
        conflict=st.booleans(),
    )


@st.composite
def timelines(draw: st.DrawFn, max_events: int = 6) -> Timeline:
    """A Timeline whose documents are those its events cite (plus, sometimes, a few more)."""
    evs = draw(st.lists(events(), max_size=max_events))
    cited = [s.document for e in evs for s in e.sources]
    extra = draw(st.lists(doc_ids(), max_size=2))
    return Timeline(events=evs, documents=tuple(dict.fromkeys([*cited, *extra])))
