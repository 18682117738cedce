"""Fuzzing in the normal run (a few hundred examples); the long campaign is
benchmarks/fuzz_campaign.py. Cases the campaign found are kept here as @example / tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline import Document, PubDate, TaggerConfig
from timeline.model import Event, Source, Timeline, When

from fuzzing import (
    check_anchor,
    check_export,
    check_extract,
    check_tag,
    documents,
    edge_timelines,
    pub_dates,
    texts,
)

CONFIGS = st.builds(TaggerConfig, day_first=st.booleans(), keep_latent=st.booleans(),
                    ranges=st.booleans())


@given(texts(), pub_dates(), CONFIGS)
@settings(max_examples=150)
# found by fuzzing: a weekday a week before 1 January of year 1 (OverflowError)
@example("MONDAY", PubDate(1, 1), TaggerConfig())
@example("next Friday", PubDate(9999, 12, 31), TaggerConfig())
@example("It happened two weeks ago, on Monday.", PubDate(1), TaggerConfig())
def test_tag_never_crashes_and_spans_slice_back(text: str, published: object,
                                                config: TaggerConfig) -> None:
    check_tag(text, published, config)  # type: ignore[arg-type]


@given(texts(), pub_dates())
@settings(max_examples=100)
# found by fuzzing: the last day of December 9999 (ValueError: year 10000 in PubDate.latest)
@example("", PubDate(9999, 12))
def test_anchoring_never_crashes(text: str, published: object) -> None:
    check_anchor(text, published)  # type: ignore[arg-type]


@given(documents())
@settings(max_examples=60)
# found probing the ends of the calendar: "before 1 January" of year 1 (OverflowError)
@example([Document("d0", "The minister visited Paris before 1 January.", PubDate(1, 1, 5))])
@example([Document("d0", "The minister will visit Paris after 31 December.", PubDate(9999, 12))])
def test_extract_and_every_exporter(docs: list[Document]) -> None:
    timeline = check_extract(docs)
    if timeline is not None:
        check_export(timeline)


def _spanning(start: dt.date, end: dt.date, mod: str | None = None) -> Timeline:
    when = When(f"{start}/{end}", start, end, "day", "explicit", mod)
    source = Source("0", 0, 1, "0", "", 0, None)
    return Timeline(events=[Event("ev-0", "travel", "", when, (), ("",), (source,))])


@given(edge_timelines())
@settings(max_examples=25)
# found by the campaign: an interval ending on 9999-12-31 overflowed in the .ics summary
# (OverflowError) and had no DTEND to write (ExportError for the whole export)
@example(_spanning(dt.date(1, 1, 1), dt.date.max))
@example(_spanning(dt.date(1, 1, 24), dt.date.max, "BEFORE"))
@example(_spanning(dt.date(9999, 12, 1), dt.date.max))
def test_exporters_at_the_ends_of_the_calendar(timeline: Timeline) -> None:
    check_export(timeline)
