"""One event per event: repeated mentions in an article, and reports in several articles."""

from __future__ import annotations

import datetime as dt
import hashlib

from timeline.events import detect_events, event_id, merge_events
from timeline.model import Document, Event, PubDate, Source, When

D = dt.date


def _detect(text: str, doc: str = "a", published: str = "2024-06-10") -> list[Event]:
    return detect_events(Document(doc, text, PubDate.parse(published)), [])


def _event(doc: str, kind: str, title: str, when: When, people: tuple[str, ...] = (),
           places: tuple[str, ...] = (), start: int = 0, published: str = "2024-06-10") -> Event:
    source = Source(doc, start, start + 5, "visit", "A sentence.", 0, published)
    return Event(event_id(doc, start, start + 5), kind, title, when, people, places, (source,))


ON_OR_BEFORE = When("2024-06-10", None, D(2024, 6, 10), "day", "tense", "ON_OR_BEFORE")
JUNE = When("2024-06", D(2024, 6, 1), D(2024, 6, 30), "month", "explicit")


def test_repeated_mentions_of_a_trip_are_one_event() -> None:
    text = ("Chancellor Olaf Scholz is embarking on a tour of Hanoi and Jakarta. "
            "Scholz’s visit to Jakarta will focus on nickel. "
            "His decision to prioritise visits to Vietnam and Indonesia drew praise. "
            "He will then travel to Manila.")
    found = _detect(text)
    assert [(e.type, e.locations) for e in found] == [
        ("travel", ("Hanoi", "Jakarta")), ("travel", ("Manila",))]


def test_a_meeting_with_someone_new_is_a_new_event() -> None:
    text = ("Justin Trudeau met Giorgia Meloni in Rome. His meeting with Meloni was warm. "
            "Trudeau will meet Pope Leo at the Vatican.")
    meetings = [e for e in _detect(text) if e.type == "meeting"]
    assert [e.participants for e in meetings] == [("Justin Trudeau", "Giorgia Meloni"),
                                                   ("Justin Trudeau", "Pope Leo")]


def test_better_dated_mention_is_kept() -> None:
    from timeline.model import TimeExpression, TimeValue

    text = "Scholz heads to Tokyo\nChancellor Olaf Scholz arrives in Tokyo this week."
    start = text.index("this week")
    week = TimeExpression("this week", start, start + 9,
                          TimeValue("DATE", "2024-W24", None, "week", D(2024, 6, 10),
                                    D(2024, 6, 16)))
    (event,) = detect_events(Document("a", text, PubDate.parse("2024-06-10")), [week])
    assert event.when.derived == "explicit" and event.when.value == "2024-W24"
    assert event.sources[0].text == "arrives in"


def test_distinct_agreements_in_one_article_stay_apart() -> None:
    text = ("Ottawa and Seoul signed a defence procurement agreement. "
            "A separate Fisheries Agreement was also finalised.")
    assert [e.type for e in _detect(text)] == ["agreement", "agreement"]


def test_event_id_is_sha1_of_document_and_trigger_span() -> None:
    text = "The envoy visited Oslo."
    (event,) = _detect(text, doc="doc-7")
    source = event.sources[0]
    expected = hashlib.sha1(f"doc-7:{source.start}:{source.end}".encode()).hexdigest()[:16]
    assert event.id == expected
    assert _detect(text, doc="doc-7")[0].id == expected


def test_same_trip_reported_by_two_articles_is_merged() -> None:
    a = _event("b", "travel", "Scholz visits Hanoi", ON_OR_BEFORE, ("Olaf Scholz",),
               ("Hanoi",), start=40)
    b = _event("a", "travel", "Scholz visits Vietnam", JUNE, ("Olaf Scholz",), ("Vietnam",),
               start=7, published="2024-06-09")
    (merged,) = merge_events([a, b])
    assert [s.document for s in merged.sources] == ["a", "b"]  # earliest publication first
    assert merged.id == event_id("a", 7, 12)
    assert merged.when == JUNE  # the explicit date wins
    assert merged.title == "Scholz visits Vietnam"
    assert merged.locations == ("Vietnam", "Hanoi")


def test_different_events_are_not_merged() -> None:
    trip = _event("a", "travel", "Scholz visits Hanoi", ON_OR_BEFORE, ("Olaf Scholz",),
                  ("Hanoi",))
    elsewhere = _event("b", "travel", "Scholz visits Lima", ON_OR_BEFORE, ("Olaf Scholz",),
                       ("Lima",))
    other_type = _event("c", "meeting", "Scholz visits Hanoi", ON_OR_BEFORE, ("Olaf Scholz",),
                        ("Hanoi",))
    later = _event("d", "travel", "Scholz visits Hanoi",
                   When("2025", D(2025, 1, 1), D(2025, 12, 31), "year", "explicit"),
                   ("Olaf Scholz",), ("Hanoi",))
    same_doc = _event("a", "travel", "Scholz visits Hanoi", ON_OR_BEFORE, ("Olaf Scholz",),
                      ("Hanoi",), start=30)
    assert len(merge_events([trip, elsewhere, other_type, later, same_doc])) == 5


def test_meetings_with_different_people_are_not_merged() -> None:
    a = _event("a", "meeting", "Scholz meets Giorgia Meloni", ON_OR_BEFORE,
               ("Olaf Scholz", "Giorgia Meloni"))
    b = _event("b", "meeting", "Scholz meets Pedro Sánchez", ON_OR_BEFORE,
               ("Olaf Scholz", "Pedro Sánchez"))
    assert len(merge_events([a, b])) == 2


def test_merge_is_stable_and_idempotent() -> None:
    a = _event("a", "poll", "Leger poll finds support", JUNE, (), ("Canada",))
    b = _event("b", "poll", "Leger poll finds broad support", JUNE, (), ("Canada",))
    once = merge_events([a, b])
    assert len(once) == 1 and len(once[0].sources) == 2
    assert merge_events(once) == once


def test_participle_clause_of_the_same_event_folds_into_it() -> None:
    text = ("Chancellor Olaf Scholz outlined a strategy for rare earths, presenting his plan "
            "to investors in Berlin.")
    (event,) = _detect(text)
    assert event.type == "announcement" and event.locations == ("Berlin",)
    assert event.sources[0].text == "outlined a strategy"
