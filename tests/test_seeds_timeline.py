"""Golden test: the timeline of the seed articles holds the events a reader would list."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from timeline import Event, extract
from timeline.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
D = dt.date


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return list(extract(SEEDS).events)


def find(events: list[Event], type_: str, *words: str) -> Event:
    """The first event of `type_` whose title, participants or places mention every word."""
    for e in events:
        hay = " ".join((e.title, *e.participants, *e.locations)).lower()
        if e.type == type_ and all(w.lower() in hay for w in words):
            return e
    listing = "\n".join(f"{e.type} {e.when.start}..{e.when.end} {e.title}" for e in events)
    raise AssertionError(f"no {type_} event with {words}:\n{listing}")


def within(e: Event, lo: D, hi: D) -> bool:
    """The event's interval lies inside [lo, hi] (an open bound does not)."""
    return e.when.start is not None and e.when.end is not None and \
        lo <= e.when.start and e.when.end <= hi


def test_paris_london_trip(events: list[Event]) -> None:
    trip = find(events, "travel", "Paris", "London")
    assert within(trip, D(2025, 3, 16), D(2025, 3, 23)), trip.when
    assert "Mark Carney" in trip.participants
    assert {"Paris", "London"} <= set(trip.locations)
    src = trip.sources[0]
    text = (SEEDS / "003_c481102148f8d47e.txt").read_text("utf-8")
    assert text[src.start:src.end] == src.text
    assert text[src.sentence_start:src.sentence_start + len(src.sentence)] == src.sentence


@pytest.mark.parametrize("person", ["Emmanuel Macron", "Keir Starmer", "King Charles III"])
def test_meetings_in_europe(events: list[Event], person: str) -> None:
    meeting = find(events, "meeting", person)
    assert meeting.when.start is not None and D(2025, 3, 16) <= meeting.when.start <= D(2025, 3, 23)


def test_arctic_visit_and_election_call_after_it(events: list[Event]) -> None:
    arctic = find(events, "travel", "Arctic")
    election = find(events, "election")
    assert arctic.when.start is not None and arctic.when.start >= D(2025, 3, 17)
    assert election.when.start is not None and election.when.start >= arctic.when.start
    assert election.when.derived == "relation"


@pytest.mark.parametrize(("type_", "words"), [
    ("travel", ("Davos",)), ("speech", ("plenary",)), ("speech", ("fireside",)),
])
def test_davos_week(events: list[Event], type_: str, words: tuple[str, ...]) -> None:
    e = find(events, type_, *words)
    assert within(e, D(2026, 1, 19), D(2026, 1, 25)), e.when


def test_indo_pacific_tour_by_first_of_november(events: list[Event]) -> None:
    tour = find(events, "travel", "Indo-Pacific")
    assert tour.when.end is not None and tour.when.end <= D(2025, 11, 1)
    assert tour.when.start is None  # known only to be before the publication date


def test_korea_partnership_and_xi_meeting(events: list[Event]) -> None:
    deal = find(events, "agreement", "Korea")
    assert deal.when.end is not None and deal.when.end <= D(2025, 11, 1)
    xi = find(events, "meeting", "Xi Jinping")
    assert xi.when.end is not None and xi.when.end <= D(2025, 11, 1)


def test_poll_forum_and_apec(events: list[Event]) -> None:
    poll = find(events, "poll", "Ipsos")
    assert (poll.when.start, poll.when.end) == (D(2025, 3, 1), D(2025, 3, 31))
    forum = find(events, "speech", "Ottawa")
    assert (forum.when.start, forum.when.end, forum.when.value) == \
        (D(2025, 3, 1), D(2025, 3, 31), "2025-03")
    apec = find(events, "announcement", "APEC")
    assert (apec.when.start, apec.when.end) == (D(2029, 1, 1), D(2029, 12, 31))


def test_no_event_outside_2000_2031(events: list[Event]) -> None:
    for e in events:
        for bound in (e.when.start, e.when.end):
            assert bound is None or D(2000, 1, 1) <= bound <= D(2031, 12, 31), e


def test_timeline_is_ordered_and_deterministic(events: list[Event]) -> None:
    starts = [e.when.start for e in events if e.when.start is not None]
    assert starts == sorted(starts)
    assert [e.id for e in extract(SEEDS).events] == [e.id for e in events]


def test_cli_extract_json_lists_the_events(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["extract", str(SEEDS), "--format", "json"], stdout=out,
                stderr=io.StringIO()) == 0
    data = json.loads(out.getvalue())
    titles = [e["title"] for e in data["events"]]
    assert any("Paris" in t and "London" in t for t in titles)
    for e in data["events"]:
        assert {"id", "type", "title", "when", "participants", "locations", "sources"} <= set(e)
        assert {"value", "start", "end", "granularity", "derived"} <= set(e["when"])
        assert {"document", "start", "end", "text", "sentence"} <= set(e["sources"][0])


#: The seeds' stories: 000 and 001 both report Carney's Davos week (January 2026); the others
#: are one story each (his strategy in April 2025, his March 2025 European trip, his
#: Indo-Pacific tour of October 2025).
STORIES = ({"000", "001"}, {"002"}, {"003"}, {"004"})


def test_davos_speech_is_one_event_from_both_articles(events: list[Event]) -> None:
    both = [e for e in events if {s.document for s in e.sources} == {"000", "001"}]
    assert [e.type for e in both] == ["speech"], [e.title for e in both]
    speech = both[0]
    assert within(speech, D(2026, 1, 19), D(2026, 1, 21)), speech.when
    assert not speech.conflict


def test_nothing_from_different_stories_merges(events: list[Event]) -> None:
    for e in events:
        docs = {s.document for s in e.sources}
        assert any(docs <= story for story in STORIES), (e.title, docs)
