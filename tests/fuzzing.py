"""Fuzz strategies and the properties every fuzz target must keep (issue 7: hostile input).

Used by tests/test_fuzz.py (a few hundred examples in the normal run) and by
benchmarks/fuzz_campaign.py (the long campaign, outside the normal run).

Strategies:

* `any_text`: arbitrary Unicode (lone surrogates excluded: a Python `str` read from a file or
  JSON by `timeline` never holds one... except through JSON escapes, see `surrogate_text`);
* `datey_text`: text assembled from date-like fragments (digits, month and weekday names,
  separators, "ago", "next", "last", ordinals, years near the ends of the calendar, runs of
  a character around the tagger's MAX_TOKEN);
* `pub_dates`: publication dates from year 1 to 9999, at day, month or year precision, as
  `PubDate` or as the strings the CLI accepts (with time and zone parts too), or None.

Checks (each raises AssertionError on a broken property; any exception that is not a
`TimelineError` escapes, and that is a failure too):

* `check_tag`: spans slice back to their text, bounds are ordered, values are non-empty;
* `check_extract`: sources slice back to their documents, events are dated consistently;
* `check_anchor`: the functions of `timeline.events.anchoring` on the tagged expressions;
* `check_export`: every format of `timeline.export.FORMATS` renders, and json/jsonl/csv parse
  back to equal events, ics parses with icalendar and holds one VEVENT per written event.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json

import icalendar
from hypothesis import strategies as st

from timeline import Document, PubDate, TaggerConfig, TimelineError, tag
from timeline.events import anchoring
from timeline.export import (
    FORMATS,
    events_from_jsonl,
    render,
    timeline_from_csv,
    timeline_from_json,
)
from timeline.model import TimeExpression, Timeline, When
from timeline.pipeline import extract_documents

__all__ = [
    "any_text", "check_anchor", "check_export", "check_extract", "check_tag", "datey_text",
    "documents", "pub_dates", "texts",
]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Jan.", "Feb", "Sept.", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WORDS = (
    "ago", "next", "last", "this", "later", "earlier", "before", "after", "since", "by", "until",
    "from", "to", "between", "and", "in", "on", "the", "of", "a", "week", "weeks", "month",
    "months", "year", "years", "day", "days", "decade", "century", "quarter", "Q1", "Q4", "H2",
    "spring", "winter", "today", "yesterday", "tomorrow", "tonight", "morning", "early", "mid",
    "late", "end", "beginning", "first", "second", "third", "fourth", "53rd", "31st", "29th",
    "week 53", "W53", "Christmas", "Easter", "New Year", "1990s", "'90s", "20th century",
    "said", "will", "was", "visited", "met", "signed", "traveled", "announced", "President",
    "Carney", "Paris", "Ottawa", "two", "three", "twenty-one", "hundred", "thousand", "fiscal",
    "BC", "AD", "noon", "midnight", "p.m.", "a.m.", "GMT", "EST", "%", "$", "percent",
)
SEPARATORS = (" ", " ", " ", "-", "/", ".", ",", ", ", ":", "T", "\n", "\n\n", "\t", "–", "—",
              "(", ")", "'", '"', ";", "\u00a0", "\u2028", "\r\n", "")
NUMBERS = ("0", "00", "1", "01", "9", "12", "13", "17", "28", "29", "30", "31", "32", "53",
           "99", "100", "0001", "0000", "1000", "1899", "1999", "2000", "2024", "2025", "2100",
           "9998", "9999", "10000", "99999", "1234567890123")


def texts(max_size: int = 200) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text or date-like text."""
    return st.one_of(any_text(max_size), datey_text(max_size // 4))


def any_text(max_size: int = 200) -> st.SearchStrategy[str]:
    """Any Unicode text (no lone surrogates)."""
    return st.text(st.characters(exclude_categories=("Cs",)), max_size=max_size)


def datey_text(max_fragments: int = 40) -> st.SearchStrategy[str]:
    """Text assembled from date-like fragments and separators."""
    fragment = st.one_of(
        st.sampled_from(MONTHS), st.sampled_from(WEEKDAYS), st.sampled_from(WORDS),
        st.sampled_from(NUMBERS), st.integers(0, 10**6).map(str),
        st.sampled_from(MONTHS + WEEKDAYS + WORDS).map(str.upper),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=3),
        # runs around MAX_TOKEN (256): long "words" and gaps are skipped by the tagger
        st.builds(lambda unit, n: unit * n, st.sampled_from(("9", "x", "1-", " ", "\n")),
                  st.integers(120, 300)),
    )
    pair = st.tuples(fragment, st.sampled_from(SEPARATORS)).map("".join)
    return st.lists(pair, max_size=max_fragments).map("".join)


def _pub(year: int, month: int, day: int, grain: str) -> PubDate:
    day = min(day, calendar.monthrange(year, month)[1])
    return PubDate(year, month if grain != "year" else None, day if grain == "day" else None)


#: days and months near which calendar arithmetic breaks first
EDGE_YEARS = (1, 2, 4, 99, 100, 1582, 1900, 1970, 2000, 2020, 2024, 2026, 9998, 9999)


@st.composite
def pub_dates(draw: st.DrawFn) -> PubDate | str | None:
    """A publication date from year 1 to 9999 at any precision, sometimes as a string with a
    time and a zone ("2025-03-17T23:30:00-05:00"), sometimes None."""
    year = draw(st.one_of(st.integers(1, 9999), st.sampled_from(EDGE_YEARS)))
    month = draw(st.one_of(st.integers(1, 12), st.sampled_from((1, 2, 12))))
    day = draw(st.one_of(st.integers(1, 31), st.sampled_from((1, 28, 29, 31))))
    pub = _pub(year, month, day, draw(st.sampled_from(("day", "month", "year"))))
    form = draw(st.sampled_from(("pub", "pub", "iso", "zoned", "none")))
    if form == "none":
        return None
    if form == "zoned" and pub.grain == "day":  # a time needs a full date
        zone = draw(st.sampled_from(("Z", "+00:00", "-05:00", "+14:00", "-12:00", "")))
        sep = draw(st.sampled_from(("T", " ")))
        return f"{pub.iso()}{sep}23:30:00{zone}"
    if form in ("iso", "zoned"):
        return pub.iso()
    return pub


@st.composite
def documents(draw: st.DrawFn, max_docs: int = 3) -> list[Document]:
    """1..max_docs documents with distinct ids, fuzzed text and publication dates."""
    n = draw(st.integers(1, max_docs))
    docs = []
    for k in range(n):
        pub = draw(pub_dates())
        if isinstance(pub, str):
            pub = PubDate.parse(pub)
        title = draw(st.none() | any_text(40))
        docs.append(Document(id=f"d{k}", text=draw(texts(300)), published=pub, title=title))
    return docs


def _check_expression(text: str, e: TimeExpression) -> None:
    assert text[e.start:e.end] == e.text, (e.start, e.end, e.text)
    assert e.text, e
    assert e.value, e
    if e.earliest is not None and e.latest is not None:
        assert e.earliest <= e.latest, e


_DEFAULT = TaggerConfig()


def check_tag(text: str, published: PubDate | str | None,
              config: TaggerConfig = _DEFAULT) -> list[TimeExpression]:
    """Tag `text`; only documented errors may escape (returns [] for them)."""
    try:
        found = tag(text, published, config)
    except TimelineError:
        return []
    last_end = 0
    for e in found:
        _check_expression(text, e)
        assert e.start >= last_end, "expressions overlap or are out of order"
        last_end = e.end
    return found


def _check_when(when: When) -> None:
    if when.start is not None and when.end is not None:
        assert when.start <= when.end


def check_extract(docs: list[Document]) -> Timeline | None:
    """Extract the timeline of `docs`; sources slice back to their documents."""
    try:
        timeline = extract_documents(docs)
    except TimelineError:
        return None
    by_id = {d.id: d for d in docs}
    assert list(timeline.documents) == sorted(d.id for d in docs)
    for event in timeline.events:
        _check_when(event.when)
        for s in event.sources:
            text = by_id[s.document].text
            assert text[s.start:s.end] == s.text, (s.start, s.end, s.text)
            assert text[s.sentence_start:s.sentence_start + len(s.sentence)] == s.sentence
            assert s.sentence_start <= s.start and s.end <= s.sentence_start + len(s.sentence)
    return timeline


_TENSES = anchoring.TENSES


def check_anchor(text: str, published: PubDate | str | None) -> None:
    """The anchoring functions on every expression of `text`, every tense, and relations."""
    try:
        pub = PubDate.parse(published) if isinstance(published, str) else published
    except TimelineError:
        return
    expressions = check_tag(text, pub)
    whens: list[When] = []
    for tense in _TENSES:
        w = anchoring.tense_when(tense, pub)
        if w is not None:
            _check_when(w)
            whens.append(w)
    for e in expressions:
        for tense in ("past", "future", "present", "unknown"):
            found = anchoring.explicit_when([e], (e.start, e.end), tense, pub)
            if found is not None:
                _check_when(found[0])
                whens.append(found[0])
    for a in whens[:6]:
        for b in whens[:6]:
            anchoring.overlaps(a, b)
            anchoring.intersect(a, b)
            for direction in ("after", "before"):
                w = anchoring.relation_when(a, direction, b)
                if w is not None:
                    _check_when(w)


def check_export(timeline: Timeline) -> None:
    """Every format renders (the records are valid, so no error at all), and what is written
    parses back."""
    for fmt in FORMATS:
        data, report = render(timeline, fmt)  # valid records always render
        assert report.written + report.skipped == len(timeline.events)
        if fmt == "json":
            assert timeline_from_json(data).events == timeline.events
            json.loads(data)
        elif fmt == "jsonl":
            assert tuple(events_from_jsonl(data)) == timeline.events
        elif fmt == "csv":
            assert timeline_from_csv(data).events == timeline.events
            rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
            assert all(len(row) == len(rows[0]) for row in rows)
        elif fmt == "ics":
            calendar = icalendar.Calendar.from_ical(data)
            assert len(calendar.walk("VEVENT")) == report.written


@st.composite
def edge_timelines(draw: st.DrawFn) -> Timeline:
    """Timelines whose events lie at the ends of the calendar (years 1 and 9999) or anywhere
    between, with any text: for the exporters."""
    from strategies import events

    edge = st.one_of(
        st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(1, 1, 31)),
        st.dates(min_value=dt.date(9999, 12, 1), max_value=dt.date(9999, 12, 31)),
        st.dates(),
    )

    @st.composite
    def edge_whens(draw2: st.DrawFn) -> When:
        a, b = sorted((draw2(edge), draw2(edge)))
        kind = draw2(st.sampled_from(("span", "day", "by", "after")))
        mod = draw2(st.none() | st.sampled_from(anchoring_mods))
        if kind == "day":
            return When(a.isoformat(), a, a, "day", "explicit", mod)
        if kind == "by":
            return When(a.isoformat(), None, a, "day", "explicit", mod)
        if kind == "after":
            return When(a.isoformat(), a, None, "day", "explicit", mod)
        return When(f"{a.isoformat()}/{b.isoformat()}", a, b, "day", "explicit", mod)

    evs = draw(st.lists(events(edge_whens()), max_size=4))
    return Timeline(events=evs, documents=tuple(dict.fromkeys(
        s.document for e in evs for s in e.sources)))


anchoring_mods = ("BEFORE", "ON_OR_BEFORE", "AFTER", "ON_OR_AFTER", "APPROX", "START", "END")
