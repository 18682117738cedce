"""Anchoring events in time with hand-built time expressions: explicit, tense, relation."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.events import detect_events
from timeline.events.anchoring import explicit_when, relation_when, tense_when
from timeline.model import Document, Event, PubDate, TimeExpression, TimeValue, When

D = dt.date
PUB = PubDate.parse("2024-06-10")


def expr(text: str, phrase: str, value: str, first: dt.date | None, last: dt.date | None, *,
         grain: str = "day", kind: str = "DATE", signal: str | None = None,
         mod: str | None = None) -> TimeExpression:
    """A TimeExpression for `phrase` in `text`, as the tagger would give it."""
    start = text.index(phrase)
    return TimeExpression(phrase, start, start + len(phrase),
                          TimeValue(kind, value, mod, grain, first, last), rule="test",
                          signal=signal)


def events(text: str, *exprs: TimeExpression, published: PubDate | None = PUB) -> list[Event]:
    return detect_events(Document("a", text, published), list(exprs))


def one(text: str, kind: str, *exprs: TimeExpression,
        published: PubDate | None = PUB) -> Event:
    found = [e for e in events(text, *exprs, published=published) if e.type == kind]
    assert len(found) == 1, [(e.type, e.title) for e in events(text, *exprs)]
    return found[0]


def bounds(event: Event) -> tuple[object, ...]:
    w = event.when
    return w.start, w.end, w.granularity, w.derived, w.mod


# ----------------------------------------------------------------------------- explicit

def test_explicit_year_in_the_clause() -> None:
    text = "Kenya's offer to host the summit in 2027 was welcomed by delegates."
    e = expr(text, "2027", "2027", D(2027, 1, 1), D(2027, 12, 31), grain="year", signal="in")
    event = one(text, "announcement", e)
    assert bounds(event) == (D(2027, 1, 1), D(2027, 12, 31), "year", "explicit", None)
    assert event.when.value == "2027"


@pytest.mark.parametrize(("signal", "expected"), [
    ("by", (None, D(2030, 12, 31), "ON_OR_BEFORE")),
    ("since", (D(2030, 1, 1), None, "ON_OR_AFTER")),
    ("after", (D(2031, 1, 1), None, "AFTER")),
    ("before", (None, D(2029, 12, 31), "BEFORE")),
    ("in", (D(2030, 1, 1), D(2030, 12, 31), None)),
])
def test_signals_shape_the_bounds(signal: str, expected: tuple[object, ...]) -> None:
    text = f"The two states will sign a border treaty {signal} 2030."
    e = expr(text, "2030", "2030", D(2030, 1, 1), D(2030, 12, 31), grain="year",
             signal=signal)
    event = one(text, "agreement", e)
    assert (event.when.start, event.when.end, event.when.mod) == expected
    assert event.when.derived == "explicit"


def test_expression_of_an_infinitive_clause_does_not_date_the_pledge() -> None:
    text = "The cabinet recently pledged to double foreign aid by 2030."
    e = expr(text, "2030", "2030", D(2030, 1, 1), D(2030, 12, 31), grain="year", signal="by")
    event = one(text, "policy", e, published=PubDate.parse("2024-06"))
    assert bounds(event) == (None, D(2024, 6, 30), "month", "tense", "ON_OR_BEFORE")


def test_incompatible_expression_is_ignored() -> None:
    e = TimeExpression("2031", 0, 4, TimeValue("DATE", "2031", None, "year", D(2031, 1, 1),
                                               D(2031, 12, 31)))
    assert explicit_when([e], (10, 15), "past", PUB) is None
    assert explicit_when([e], (10, 15), "future", PUB) is not None


def test_durations_sets_references_and_centuries_never_anchor() -> None:
    text = "The minister visited Kenya for two weeks in the 21st century, as recently noted."
    exprs = [
        expr(text, "two weeks", "P2W", None, None, kind="DURATION", grain="week"),
        expr(text, "the 21st century", "20", D(2000, 1, 1), D(2099, 12, 31), grain="century"),
        expr(text, "recently", "PAST_REF", None, D(2024, 6, 10), grain="none"),
    ]
    event = one(text, "travel", *exprs)
    assert bounds(event) == (None, D(2024, 6, 10), "day", "tense", "ON_OR_BEFORE")
    weekly = "Premier Doug Ford met Mayor Olivia Chow at a weekly briefing."
    e = expr(weekly, "weekly", "XXXX-WXX", None, None, kind="SET", grain="week")
    assert one(weekly, "meeting", e).when.derived == "tense"
    # a set after the verb in its clause makes a habit: no event (`[habitual]`)
    habit = "Premier Doug Ford meets Mayor Olivia Chow every week."
    e = expr(habit, "every week", "XXXX-WXX", None, None, kind="SET", grain="week")
    assert [x for x in events(habit, e) if x.type == "meeting"] == []


# -------------------------------------------------------------------------------- tense

@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("The envoy has wrapped up a tour of Chile.", "travel",
     (None, D(2024, 6, 10), "day", "tense", "ON_OR_BEFORE")),
    ("Chancellor Olaf Scholz is embarking on a tour of Peru.", "travel",
     (D(2024, 6, 10), D(2024, 6, 10), "day", "tense", None)),
    ("The premier arrives in Lima with a trade delegation.", "travel",
     (D(2024, 6, 10), D(2024, 6, 10), "day", "tense", None)),
    ("The premier will travel to Quito.", "travel",
     (D(2024, 6, 10), None, "day", "tense", "ON_OR_AFTER")),
    ("Ottawa is expected to sign a trade deal with Ecuador.", "agreement",
     (D(2024, 6, 10), None, "day", "tense", "ON_OR_AFTER")),
    ("Brussels unveiled new rules on batteries.", "announcement",
     (None, D(2024, 6, 10), "day", "tense", "ON_OR_BEFORE")),
])
def test_tense_against_the_publication_date(text: str, kind: str,
                                            expected: tuple[object, ...]) -> None:
    assert bounds(one(text, kind)) == expected


def test_month_precision_publication() -> None:
    pub = PubDate.parse("2025-04")
    event = one("The agency recently pledged to hire nurses.", "policy", published=pub)
    assert bounds(event) == (None, D(2025, 4, 30), "month", "tense", "ON_OR_BEFORE")
    future = one("The minister will visit Hanoi.", "travel", published=pub)
    assert (future.when.start, future.when.end) == (D(2025, 4, 1), None)


def test_planned_visit_is_in_the_future() -> None:
    for text in ("A visit to Berlin by the premier is only planned.",
                 "The premier’s planned visit to Berlin drew protests."):
        event = one(text, "travel")
        assert event.when.start == D(2024, 6, 10) and event.when.end is None, text


def test_coordinated_verbs_share_the_auxiliary() -> None:
    text = "Governor Kathy Hochul will meet investors, deliver a speech and visit Ottawa."
    found = {e.type: e for e in events(text)}
    assert set(found) == {"meeting", "speech", "travel"}
    assert all(e.when.start == D(2024, 6, 10) and e.when.end is None for e in found.values())


def test_no_publication_date_and_no_expression_leaves_it_undated() -> None:
    event = one("The envoy visited Oslo.", "travel", published=None)
    assert not event.when.is_dated and event.when.derived == "none"


# ------------------------------------------------------------------ not events at all

@pytest.mark.parametrize("text", [
    "The premier may visit Berlin.",
    "The premier could travel to Rome.",
    "The premier has no plans to visit Berlin.",
    "By sidestepping a visit to Washington, the premier avoided a clash.",
    "She refused to meet Viktor Orban.",
    "If the talks succeed, Italy and Spain will sign a deal.",
    "Xi invited the premier to visit Beijing.",
    "Voters head to the polls.",
])
def test_hypothetical_and_negated_reports_are_not_events(text: str) -> None:
    assert events(text) == []


# ---------------------------------------------------------------------------- relations

def test_relation_to_an_earlier_event() -> None:
    text = ("Senator Amy Klobuchar held talks with Giorgia Meloni in Rome on Monday. "
            "Following her talks in Rome, Klobuchar will travel to Athens. "
            "She is expected to announce a new aid package soon after her return from Athens.")
    monday = expr(text, "Monday", "2024-06-03", D(2024, 6, 3), D(2024, 6, 3), signal="on")
    found = events(text, monday)
    talks, trip, package = found
    assert talks.type == "meeting" and bounds(talks)[:2] == (D(2024, 6, 3), D(2024, 6, 3))
    assert trip.type == "travel" and trip.locations == ("Athens",)
    assert bounds(trip) == (D(2024, 6, 10), None, "day", "relation", "AFTER")
    assert package.type == "announcement" and package.when.derived == "relation"
    assert len(found) == 3  # "her talks", "her return from Athens" are references


def test_relation_start_is_that_of_the_event_referred_to() -> None:
    text = ("Premier Doug Ford visited Tokyo on 3 May. After his visit to Tokyo, Ford will "
            "sign a supply deal.")
    may3 = expr(text, "3 May", "2024-05-03", D(2024, 5, 3), D(2024, 5, 3), signal="on")
    deal = one(text, "agreement", may3)
    assert bounds(deal)[:4] == (D(2024, 6, 10), None, "day", "relation")
    # A past event after a dated one keeps its upper bound.
    past = ("Premier Doug Ford visited Tokyo on 3 May. After his visit to Tokyo, Ford signed "
            "a supply deal.")
    may3 = expr(past, "3 May", "2024-05-03", D(2024, 5, 3), D(2024, 5, 3), signal="on")
    assert bounds(one(past, "agreement", may3))[:2] == (D(2024, 5, 3), D(2024, 6, 10))


def test_events_of_the_next_sentences_share_an_explicit_date_in_the_paragraph() -> None:
    text = ("Chancellor Olaf Scholz arrives in Tokyo this week. At the Nikkei Forum, Scholz "
            "will deliver a keynote speech.\n\nScholz will visit Seoul.")
    week = expr(text, "this week", "2024-W24", D(2024, 6, 10), D(2024, 6, 16), grain="week")
    arrival, speech, seoul = events(text, week)
    assert bounds(arrival)[:4] == (D(2024, 6, 10), D(2024, 6, 16), "week", "explicit")
    assert bounds(speech)[:4] == (D(2024, 6, 10), D(2024, 6, 16), "week", "relation")
    assert speech.locations == ("Tokyo",)
    assert speech.title == "Scholz delivers a keynote speech at the Nikkei Forum"
    assert bounds(seoul)[:4] == (D(2024, 6, 10), None, "day", "tense")  # another paragraph


def test_relation_when_helper() -> None:
    ref = When("2024-06-03", D(2024, 6, 3), D(2024, 6, 3), "day", "explicit")
    own = tense_when("future", PUB)
    after = relation_when(ref, "after", own)
    assert after is not None and (after.start, after.end) == (D(2024, 6, 10), None)
    assert relation_when(When(None, None, D(2024, 1, 1), "day", "tense"), "after", own) is None


@pytest.mark.parametrize("text, kind", [
    ("Ana Silva said on Monday she expected to hold talks with Omar Haftar.", "meeting"),
    (("On Monday, the envoy Ana Silva arrived in Damascus and said she expected to hold "
      "serious and frank talks with Omar Haftar."), "meeting"),
    ("Ana Silva said on Monday she will visit Tunis.", "travel"),
])
def test_a_future_under_a_dated_saying_is_after_that_day(text: str, kind: str) -> None:
    from timeline import tag
    published = "2024-06-12"  # a Wednesday: "Monday" is 10 June
    events = detect_events(Document("t", text, PubDate.parse(published)),
                           tag(text, published=published))
    (event,) = [e for e in events if e.type == kind]
    assert (event.when.start, event.when.end) == (dt.date(2024, 6, 10), None)


def test_a_noun_after_an_infinitive_still_to_come_is_future() -> None:
    text = "The envoy plans to resume her visits to Syria."
    (event,) = detect_events(Document("t", text, PUB), [])
    assert (event.when.start, event.when.end) == (dt.date(2024, 6, 10), None)


@pytest.mark.parametrize("text, dated", [
    ("A pupil who had returned from Mexico and was diagnosed on Saturday is recovering.",
     False),
    ("Ana Silva visited Rome and met Omar Haftar on Saturday.", False),
    ("Ana Silva visited Rome and Paris on Saturday.", True),  # one verb: its own day
])
def test_a_day_after_a_second_verb_joined_by_and_bounds_the_first(text: str,
                                                                  dated: bool) -> None:
    from timeline import tag
    events = detect_events(Document("t", text, PUB), tag(text, published="2024-06-10"))
    (event,) = [e for e in events if e.type == "travel"]
    assert event.when.end == dt.date(2024, 6, 8)
    assert (event.when.start == dt.date(2024, 6, 8)) is dated
