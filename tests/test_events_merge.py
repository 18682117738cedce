"""One event per event: repeated mentions in an article, and reports in several articles."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events import detect_events, event_id, merge_events
from timeline.events.merge import name_key
from timeline.model import Document, Event, PubDate, Source, Timeline, When

D = dt.date


def _detect(text: str, doc: str = "a", published: str = "2024-06-10") -> list[Event]:
    return detect_events(Document(doc, text, PubDate.parse(published)), [])


def _event(doc: str, kind: str, title: str, when: When, people: tuple[str, ...] = (),
           places: tuple[str, ...] = (), start: int = 0, published: str = "2024-06-10",
           sentence: str = "A sentence.", trigger: str = "visit") -> Event:
    if trigger in sentence:  # the trigger where the sentence has it, the sentence at `start`
        source = Source(doc, start + sentence.index(trigger),
                        start + sentence.index(trigger) + len(trigger), trigger, sentence,
                        start, published)
    else:
        source = Source(doc, start, start + len(trigger), trigger, sentence, 0, published)
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


def test_a_sentence_printed_twice_reports_its_event_once() -> None:
    line = ("When the governor announced limited aid for the flooded valley, the opposition "
            "cried foul.")
    found = _detect(f"{line} Rescue teams worked through the night.\n\n{line}")
    assert [(e.type, e.sources[0].start) for e in found] == [("announcement", 18)]
    # the same trigger twice in one sentence may be two events: left to the other rules
    twice = ("The mayor announced a curfew on Monday and announced new taxes on Tuesday, and "
             "the council announced a strike.")
    assert len([e for e in _detect(twice) if e.type == "announcement"]) >= 2


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
    # the dates agree: their intersection (on or before 10 June, and in June)
    assert (merged.when.start, merged.when.end) == (D(2024, 6, 1), D(2024, 6, 10))
    assert not merged.conflict
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


WIRE = ("The harbour authority announced on Monday that the northern pier would close for "
        "repairs until the spring .")


def test_one_sentence_copied_by_two_articles_is_one_event() -> None:
    # no participant, no place and only alike titles: one vote, but the same sentence (a wire
    # story run by two papers, lightly edited) reports one event
    monday = When("2024-06-10", D(2024, 6, 10), D(2024, 6, 10), "day", "explicit")
    a = _event("a", "announcement", "The harbour authority announces", monday,
               sentence=WIRE, trigger="announced")
    b = _event("b", "announcement", "The harbour authority announces", monday,
               sentence=WIRE.replace("on Monday", "Monday"), trigger="announced")
    assert len(merge_events([a, b])) == 1
    # the participants each paper's context gave it do not keep them apart
    c = attrs.evolve(b, participants=("Anna Berg",))
    d = attrs.evolve(a, participants=("Jonas Lind",))
    assert len(merge_events([c, d])) == 1
    # "on Monday" read from two publication days: one event, the dates in conflict
    tuesday = When("2024-06-11", D(2024, 6, 11), D(2024, 6, 11), "day", "explicit")
    (merged,) = merge_events([a, attrs.evolve(b, when=tuesday)])
    assert merged.conflict and (merged.when.start, merged.when.end) == (monday.start,
                                                                         tuesday.end)
    # ... but not dated weeks apart, nor of another type
    later = When("2024-07-10", D(2024, 7, 10), D(2024, 7, 10), "day", "explicit")
    assert len(merge_events([a, attrs.evolve(b, when=later)])) == 2
    assert len(merge_events([a, attrs.evolve(b, type="statement")])) == 2


def test_a_copied_sentence_needs_the_same_trigger_and_enough_words() -> None:
    monday = When("2024-06-10", D(2024, 6, 10), D(2024, 6, 10), "day", "explicit")
    both = "The mayor met the unions on Monday and met the governor on Tuesday ."
    first = _event("a", "meeting", "The mayor meets", monday, sentence=both, trigger="met")
    second = _event("b", "meeting", "The mayor meets", monday, sentence=both, trigger="met")
    # the second "met" of the sentence is another meeting
    offset = both.index("met the governor")
    second = attrs.evolve(second, sources=(attrs.evolve(second.sources[0], start=offset,
                                                        end=offset + 3),))
    assert len(merge_events([first, second])) == 2
    short = "They met ."
    assert len(merge_events([
        _event("a", "meeting", "They meet", monday, sentence=short, trigger="met"),
        _event("b", "meeting", "They meet", monday, sentence=short, trigger="met")])) == 2


def test_a_name_read_from_a_neighbouring_clause_does_not_split_a_meeting() -> None:
    # "Lula met Scholz and Macron in Brasilia" / "Lula held talks with Scholz in Brasilia, and
    # Sanchez is visiting Lima": most of the people are shared, one name more on each side
    monday = When("2024-06-10", D(2024, 6, 10), D(2024, 6, 10), "day", "explicit")
    met = _event("a", "meeting", "Lula meets Olaf Scholz and Emmanuel Macron", monday,
                  ("Lula", "Olaf Scholz", "Emmanuel Macron"), ("Brasilia",))
    talks = _event("b", "meeting", "Lula holds talks with Olaf Scholz", monday,
                   ("Lula", "Olaf Scholz", "Pedro Sánchez"), ("Brasilia",))
    (merged,) = merge_events([met, talks])
    assert merged.participants == ("Lula", "Olaf Scholz", "Emmanuel Macron", "Pedro Sánchez")
    # one shared name against one other each: two meetings of Lula
    other = _event("b", "meeting", "Lula meets Pedro Sánchez", monday,
                   ("Lula", "Pedro Sánchez"), ("Brasilia",))
    assert len(merge_events([met, other])) == 2
    assert len(merge_events([attrs.evolve(met, participants=("Lula", "Olaf Scholz")),
                             attrs.evolve(other, participants=("Lula", "Pedro Sánchez"))])) == 2


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


WEEK = When("2024-W24", D(2024, 6, 10), D(2024, 6, 16), "week", "explicit")


def test_agreeing_dates_narrow_to_their_intersection() -> None:
    a = _event("a", "speech", "Scholz delivers a speech at the forum", WEEK, ("Olaf Scholz",),
               ("Davos",))
    b = _event("b", "speech", "Scholz delivers a keynote speech", When(
        "2024-06-12", None, D(2024, 6, 12), "day", "tense", "ON_OR_BEFORE"), ("Olaf Scholz",),
        ("Davos",), published="2024-06-12")
    (merged,) = merge_events([a, b])
    assert (merged.when.start, merged.when.end) == (D(2024, 6, 10), D(2024, 6, 12))
    assert merged.when.value == "2024-06-10/2024-06-12" and not merged.conflict
    assert {s.document for s in merged.sources} == {"a", "b"}


def test_conflicting_dates_keep_both_sources_take_the_hull_and_flag() -> None:
    monday = When("2024-06-10", D(2024, 6, 10), D(2024, 6, 10), "day", "explicit")
    wednesday = When("2024-06-12", D(2024, 6, 12), D(2024, 6, 12), "day", "explicit")
    a = _event("a", "travel", "Scholz visits Hanoi", monday, ("Olaf Scholz",), ("Hanoi",))
    b = _event("b", "travel", "Scholz visits Hanoi", wednesday, ("Olaf Scholz",), ("Hanoi",))
    (merged,) = merge_events([a, b])
    assert merged.conflict
    assert (merged.when.start, merged.when.end) == (D(2024, 6, 10), D(2024, 6, 12))
    assert len(merged.sources) == 2


def test_weakly_similar_reports_with_conflicting_dates_stay_apart() -> None:
    monday = When("2024-06-10", D(2024, 6, 10), D(2024, 6, 10), "day", "explicit")
    wednesday = When("2024-06-12", D(2024, 6, 12), D(2024, 6, 12), "day", "explicit")
    a = _event("a", "meeting", "Scholz meets Macron", monday, ("Olaf Scholz",), ("Paris",))
    b = _event("b", "meeting", "Scholz holds talks with investors", wednesday,
               ("Olaf Scholz",), ("Paris",))
    assert len(merge_events([a, b])) == 2


# Hypothesis: the same timeline whatever the order of the documents; merging is idempotent.

_PEOPLE = st.sampled_from(["Olaf Scholz", "Giorgia Meloni", "Pedro Sánchez", "Keir Starmer"])
_PLACES = st.sampled_from(["Hanoi", "Vietnam", "Paris", "Lima"])
_TITLES = st.sampled_from(["Scholz visits Hanoi", "Scholz visits Vietnam", "Scholz meets Meloni",
                           "Leaders meet in Paris", "A visit to Lima"])
_SENTENCES = st.sampled_from([
    "A sentence.", "The chancellor will visit the port city before flying home on Friday .",
    "The chancellor will visit the port city before flying home Friday .",
    "Officials said the chancellor would visit the capital next week ."])


@st.composite
def _reports(draw: st.DrawFn) -> list[Event]:
    """Single-source events of a few documents, with dates that overlap, nest or conflict."""
    out = []
    for k in range(draw(st.integers(min_value=1, max_value=10))):
        doc = draw(st.sampled_from("abcd"))
        first = D(2024, 6, 1) + dt.timedelta(days=draw(st.integers(0, 12)))
        width = draw(st.integers(0, 6))
        kind = draw(st.sampled_from(["explicit", "tense", "relation"]))
        when = draw(st.sampled_from([
            When(None, first, first + dt.timedelta(days=width), "day", kind),
            When(None, None, first, "day", "tense", "ON_OR_BEFORE"),
            When()]))
        people = ("Olaf Scholz", *draw(st.lists(_PEOPLE, max_size=2)))
        out.append(_event(doc, draw(st.sampled_from(["travel", "travel", "meeting"])),
                          draw(_TITLES), when, tuple(dict.fromkeys(people)),
                          tuple(draw(st.lists(_PLACES, max_size=2, unique=True))),
                          start=k * 100, sentence=draw(_SENTENCES)))
    return out


@settings(max_examples=150, deadline=None)
@given(_reports(), st.randoms(use_true_random=False))
def test_merging_does_not_depend_on_document_order(reports: list[Event],
                                                   rnd: random.Random) -> None:
    by_doc: dict[str, list[Event]] = {}
    for e in reports:
        by_doc.setdefault(e.sources[0].document, []).append(e)
    docs = list(by_doc)
    rnd.shuffle(docs)
    shuffled = [e for d in docs for e in by_doc[d]]
    rnd.shuffle(shuffled)
    assert Timeline(events=merge_events(shuffled)) == Timeline(events=merge_events(reports))


@settings(max_examples=150, deadline=None)
@given(_reports())
def test_merging_is_idempotent(reports: list[Event]) -> None:
    once = merge_events(reports)
    assert merge_events(once) == once
    assert sum(len(e.sources) for e in once) == len(reports)  # no source is lost


def test_an_open_date_needs_a_shared_participant_or_the_same_wording() -> None:
    # "on or before 10 June" meets every earlier day: a shared place and a loosely alike
    # title are not enough to make two reports of different trips one event
    early = When("2024-06-03", D(2024, 6, 3), D(2024, 6, 3), "day", "explicit")
    chavez = _event("a", "travel", "Chavez visits Tripoli", ON_OR_BEFORE, ("Hugo Chavez",),
                    ("Tripoli",))
    quiet = _event("b", "travel", "Tripoli visits resume after the war", early, (),
                   ("Tripoli",))  # title similarity 0.33
    assert len(merge_events([chavez, quiet])) == 2
    # the same trip by the same traveller merges, and so does the same wording (a wire copy)
    again = _event("b", "travel", "Chavez visits Tripoli again", early, ("Hugo Chavez",),
                   ("Tripoli",))
    assert len(merge_events([chavez, again])) == 1
    copy = _event("b", "travel", "Chavez visits Tripoli", early, (), ("Tripoli",))
    assert len(merge_events([chavez, copy])) == 1
    # closed dates that meet keep the rule of two votes: a place and titles alike beyond it
    # (the place's own words do not vote twice: "visits resume" is not "visits")
    assert len(merge_events([attrs.evolve(chavez, when=early, participants=()), quiet])) == 2
    visit = _event("b", "travel", "Chavez aide visits Tripoli", early, (), ("Tripoli",))
    assert len(merge_events([attrs.evolve(chavez, when=early, participants=()), visit])) == 1


def test_an_open_date_reaches_a_week_back() -> None:
    # "has vowed to fight on" told on 10 June is no report of a vow made in March
    march = When("2024-03-04", D(2024, 3, 4), D(2024, 3, 4), "day", "explicit")
    june = When("2024-06-05", D(2024, 6, 5), D(2024, 6, 5), "day", "explicit")
    vow = _event("a", "statement", "Ruiz vows to fight on", ON_OR_BEFORE, ("Ana Ruiz",),
                 ("Lisbon",), trigger="vowed")
    old = _event("b", "statement", "Ruiz vows to stay", march, ("Ana Ruiz",), ("Lisbon",),
                 trigger="vowed")
    recent = _event("b", "statement", "Ruiz vows to stay", june, ("Ana Ruiz",), ("Lisbon",),
                    trigger="vowed")
    assert len(merge_events([vow, old])) == 2
    assert len(merge_events([vow, recent])) == 1


def test_a_wide_date_without_a_shared_participant_needs_alike_wording() -> None:
    # "last month" meets every day of the month: unnamed leaders visiting Tripoli then are no
    # report of a named minister's visit on the 8th, place and title notwithstanding
    month = When("2024-05", D(2024, 5, 1), D(2024, 5, 31), "month", "explicit")
    day = When("2024-05-08", D(2024, 5, 8), D(2024, 5, 8), "day", "explicit")
    leaders = _event("a", "travel", "The French and British leaders visit Tripoli", month, (),
                     ("Tripoli",))
    minister = _event("b", "travel", "Omar Haftar visits Tripoli", day, ("Omar Haftar",),
                      ("Tripoli",))
    assert len(merge_events([leaders, minister])) == 2
    again = _event("b", "travel", "French and British leaders visit Tripoli", day, (),
                   ("Tripoli",))
    assert len(merge_events([leaders, again])) == 1


def test_statements_with_different_verbs_are_different_statements() -> None:
    day = When("2024-06-10", D(2024, 6, 10), D(2024, 6, 10), "day", "explicit")
    warns = _event("a", "statement", "Ruiz warns of war", day, ("Ana Ruiz", "Omar Haftar"),
                   ("Lisbon",), trigger="warned")
    vows = _event("b", "statement", "Haftar vows to fight", day, ("Omar Haftar",),
                  ("Lisbon",), trigger="vowed")
    assert len(merge_events([warns, vows])) == 2
    warning = _event("b", "statement", "Ruiz is warning of war", day, ("Ana Ruiz",),
                     ("Lisbon",), trigger="warning")
    assert len(merge_events([warns, warning])) == 1


def test_reports_naming_different_cities_stay_apart() -> None:
    # both meetings are "on Syria", but one is in Tunis and the other in Istanbul
    day = When("2024-06-10", D(2024, 6, 10), D(2024, 6, 10), "day", "explicit")
    tunis = _event("a", "meeting", "Meeting of the Friends of Syria", day, (),
                   ("Syria", "Tunis"), trigger="meeting")
    istanbul = _event("b", "meeting", "Meeting of the Friends of Syria", day, (),
                      ("Istanbul", "Syria"), trigger="meeting")
    assert len(merge_events([tunis, istanbul])) == 2
    syria = _event("b", "meeting", "Meeting of the Friends of Syria", day, (), ("Syria",),
                   trigger="meeting")
    assert len(merge_events([tunis, syria])) == 1


@pytest.mark.parametrize(("one", "other"), [
    ("Muammar Gaddafi", "Muammar Qaddafi"), ("Gaddafi", "Kadhafi"),
    ("Androulla Vassiliou", "Androula Vasiliou"), ("Hilary Clinton", "Hillary Clinton"),
    ("Walid al-Moallem", "Walid al-Muallem"), ("Sergei Lavrov", "Sergey Lavrov"),
    ("Nouri al-Maliki", "Nuri al-Maliki"), ("Bashar al Assad", "Bashar al-Assad"),
])
def test_spellings_of_one_transliterated_name_share_a_key(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(("one", "other"), [
    ("Nuri al-Maliki", "Nuri al-Malik"), ("Abbas", "Abbasi"), ("Ana Ruiz", "Ane Ruiz"),
    ("Bashar al-Assad", "Bashir al-Assad"), ("Saif al-Islam", "Saif al-Arab"),
])
def test_other_names_and_short_names_keep_their_own_keys(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


def test_a_meeting_reported_with_two_spellings_of_a_name_is_one_meeting() -> None:
    day = When("2024-06-10", D(2024, 6, 10), D(2024, 6, 10), "day", "explicit")
    one = _event("a", "meeting", "Qaddafi meets Ruiz", day, ("Muammar Qaddafi", "Ana Ruiz"),
                 ("Tripoli",), trigger="met")
    other = _event("b", "meeting", "Gaddafi meets Ruiz", day, ("Muammar Gaddafi", "Ana Ruiz"),
                   ("Tripoli",), trigger="talks")
    merged = merge_events([one, other])
    assert len(merged) == 1
    assert merged[0].participants == ("Muammar Qaddafi", "Ana Ruiz")  # one spelling each


def test_a_day_read_from_a_tense_meets_the_next_day() -> None:
    # "his meeting in Damascus is Russia's chance", published the evening before the meeting
    tense = When("2024-06-09", D(2024, 6, 9), D(2024, 6, 9), "day", "tense")
    day = When("2024-06-10", D(2024, 6, 10), D(2024, 6, 10), "day", "explicit")
    later = When("2024-06-11", D(2024, 6, 11), D(2024, 6, 11), "day", "explicit")
    first = _event("a", "meeting", "Lavrov's meeting in Damascus", tense, ("Sergei Lavrov",),
                   ("Damascus",), trigger="meeting")
    met = _event("b", "meeting", "Lavrov meets Assad", day, ("Sergei Lavrov",),
                 ("Damascus",), trigger="met")
    assert len(merge_events([first, met])) == 1
    exact = attrs.evolve(first, when=attrs.evolve(day, value="2024-06-11", start=D(2024, 6, 11),
                                                  end=D(2024, 6, 11)))
    assert len(merge_events([exact, attrs.evolve(met, when=later)])) == 1  # the same day
    assert len(merge_events([attrs.evolve(first, when=attrs.evolve(tense, derived="explicit")),
                             met])) == 2  # an explicit day a day off is another day
