"""End-to-end properties of `detect_events` on arbitrary and on hand-written news text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events import detect_events, merge_events
from timeline.model import EVENT_TYPES, Document, PubDate, TimeExpression, TimeValue

WORDS = ["The", "premier", "Olaf", "Scholz", "visited", "will", "travel", "to", "Paris", "met",
         "President", "Lula", "in", "Lima", "his", "visit", "may", "not", "signed", "a", "deal",
         "poll", "found", "that", "61%", ",", ".", "\n", "“", "”", "U.S.", "Dr.", "after",
         "talks", "with", "Canada’s", "Arctic", "announced", "tariffs", "is", "embarking", "on",
         "tour", "of", "Jordan", "Victoria", "-", "led", "declared", "sworn", "He", "They"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40),
       st.sampled_from(["2025-03-17", "2025-04", "2025", None]))
def test_never_raises_and_sources_point_into_the_text(words: list[str],
                                                      published: str | None) -> None:
    text = " ".join(words)
    pub = PubDate.parse(published) if published else None
    events = detect_events(Document("h", text, pub), [])
    for event in events:
        assert event.type in EVENT_TYPES and event.title
        (source,) = event.sources
        assert text[source.start:source.end] == source.text
        assert text[source.sentence_start:source.sentence_start + len(source.sentence)] == \
            source.sentence
        assert source.sentence_start <= source.start < source.end <= \
            source.sentence_start + len(source.sentence)
    assert len(merge_events(events)) <= len(events)


ARTICLE = """Leaders Gather for Pacific Talks

Australian Prime Minister Anthony Albanese is embarking on a tour of Fiji and Samoa this week, aiming to counter rising influence in the region.
At the Pacific Islands Forum, Albanese will deliver a speech on climate finance. He will also meet Fijian Prime Minister Sitiveni Rabuka.
His visit to Samoa comes after a difficult year. The tour follows a climate pact that Canberra signed with Tuvalu in 2023.
A Lowy Institute poll found that most Australians back the approach. Albanese may travel to Tonga, but no visit has been confirmed.
Soon after his return from Samoa, Albanese is expected to announce a new aid package."""


def _week(text: str) -> TimeExpression:
    start = text.index("this week")
    return TimeExpression("this week", start, start + 9,
                          TimeValue("DATE", "2024-W33", None, "week", dt.date(2024, 8, 12),
                                    dt.date(2024, 8, 18)))


def _year(text: str) -> TimeExpression:
    start = text.index("2023")
    return TimeExpression("2023", start, start + 4,
                          TimeValue("DATE", "2023", None, "year", dt.date(2023, 1, 1),
                                    dt.date(2023, 12, 31)), signal="in")


def test_a_whole_article() -> None:
    doc = Document("pac", ARTICLE, PubDate.parse("2024-08-12"))
    events = detect_events(doc, [_week(ARTICLE), _year(ARTICLE)])
    summary = [(e.type, e.title, e.when.start, e.when.end, e.when.derived) for e in events]
    week = (dt.date(2024, 8, 12), dt.date(2024, 8, 18))
    assert summary == [
        ("travel", "Albanese visits Fiji and Samoa", *week, "explicit"),
        ("speech", "Albanese delivers a speech on climate finance at the Pacific Islands Forum",
         *week, "relation"),
        ("meeting", "Albanese meets Sitiveni Rabuka", *week, "relation"),
        ("agreement", "Canberra signs with Tuvalu in 2023", dt.date(2023, 1, 1),
         dt.date(2023, 12, 31),
         "explicit"),
        ("poll", "Lowy Institute poll finds that most Australians back the approach", None,
         dt.date(2024, 8, 12), "tense"),
        ("announcement", "Albanese announces a new aid package", dt.date(2024, 8, 12), None,
         "relation"),
    ]
    assert events[0].participants == ("Anthony Albanese",)
    assert events[0].locations == ("Fiji", "Samoa")
    assert events[2].participants == ("Anthony Albanese", "Sitiveni Rabuka")
    assert all(dt.date(2000, 1, 1) <= (e.when.start or e.when.end) <= dt.date(2031, 12, 31)
               for e in events if e.when.is_dated)
