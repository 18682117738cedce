"""Events of raw news in the style of wire copy: active elections, far poll verbs, arrivals
for a visit in a "where" clause, central-bank rate moves, name particles, regnal numbers,
speakers that are no places, and participants kept to their own clause."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import tag
from timeline.events import detect_events
from timeline.model import Document, Event, PubDate

PUB = PubDate.parse("2025-06-11")  # a Wednesday


def _events(text: str) -> list[Event]:
    return detect_events(Document("t", text, PUB), tag(text, PUB))


def _one(text: str, kind: str, trigger: str | None = None) -> Event:
    found = [e for e in _events(text) if e.type == kind
             and (trigger is None or trigger in e.sources[0].text)]
    assert len(found) == 1, [(e.type, e.sources[0].text, e.title) for e in _events(text)]
    return found[0]


# -- 1. an active election ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day"), [
    ("The ruling party on Saturday elected Maria Lund as its new leader.", dt.date(2025, 6, 7)),
    ("Parliament re-elected Omar Haftar as speaker on Monday.", dt.date(2025, 6, 9)),
    ("Lawmakers elected a new speaker on Tuesday.", dt.date(2025, 6, 10)),
])
def test_an_active_election_is_an_election(text: str, day: dt.date) -> None:
    event = _one(text, "election")
    assert event.when.start == event.when.end == day


def test_elected_officials_are_no_election() -> None:
    assert not [e for e in _events("Newly elected officials took their seats.")
                if e.type == "election"]


# -- 3. a poll whose verb stands far from it ------------------------------------------------

def test_poll_verb_after_a_long_noun_phrase() -> None:
    event = _one("A poll by the Asahi daily published Sunday showed support at 41%.", "poll")
    assert "showed" in event.sources[0].text


# -- 4. arriving for a visit in a clause opened by "where" ----------------------------------

def test_arrival_for_a_visit_takes_the_place_before_where() -> None:
    event = _one("Leaders gathered for a summit in Lima, where Ana Ruiz arrived on Monday "
                 "for a two-day visit.", "travel", "arrived")
    assert event.locations == ("Lima",)
    assert event.participants == ("Ana Ruiz",)
    assert event.when.start == dt.date(2025, 6, 9)


def test_arrival_for_a_visit_needs_a_place() -> None:
    assert not [e for e in _events("The chancellor, who arrived on Friday for a two-day visit, "
                                   "praised her hosts.") if e.type == "travel"]


def test_where_clause_gives_its_place_to_a_signing() -> None:
    event = _one("Ana Ruiz visited Lima, where she signed an agreement on fisheries.",
                 "agreement")
    assert event.locations == ("Lima",)


# -- 5. policy moves -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The central bank cut interest rates on Wednesday.",
    "The Bank of Korea raised its key policy rate on Wednesday.",
    "The Federal Reserve held interest rates steady on Wednesday.",
    "Ottawa will impose counter-tariffs on U.S. steel starting Wednesday.",
])
def test_rate_moves_and_counter_tariffs_are_policy(text: str) -> None:
    event = _one(text, "policy")
    assert event.when.start is not None and event.when.start.weekday() == 2


@pytest.mark.parametrize("text", [
    "The bank cut its growth forecast on Monday.",
    "The agency cut its unemployment rate estimate.",
])
def test_other_cuts_are_no_rate_moves(text: str) -> None:
    assert not [e for e in _events(text) if e.type == "policy"]


def test_federal_reserve_is_no_person() -> None:
    event = _one("The Federal Reserve held interest rates steady on Wednesday.", "policy")
    assert event.participants == ()
    assert event.title.startswith("The Federal Reserve holds")


# -- 6. and 7. name particles, regnal numbers -----------------------------------------------

@pytest.mark.parametrize(("text", "name", "start"), [
    ("Ursula von der Leyen will travel to Tokyo on Friday.", "Ursula von der Leyen",
     "Von der Leyen visits"),
    ("Osama bin Laden met Ayman al-Zawahiri in Kandahar in 1998.", "Osama bin Laden",
     "Bin Laden meets"),
])
def test_a_short_name_keeps_its_particles(text: str, name: str, start: str) -> None:
    event = _events(text)[0]
    assert name in event.participants
    assert event.title.startswith(start)


@pytest.mark.parametrize(("text", "name"), [
    ("Pope Leo XIV will travel to Turkey on Friday.", "Pope Leo XIV"),
    ("King Frederik X will visit Greenland on Friday.", "King Frederik X"),
    ("Emperor Ana XXIII will visit Peru on Friday.", "Emperor Ana XXIII"),
])
def test_a_regnal_number_ends_a_name(text: str, name: str) -> None:
    event = _one(text, "travel")
    assert event.participants == (name,)


def test_a_name_with_an_inner_capital_after_a_prefix() -> None:
    event = _one("Finance Minister Dominic LeBlanc met Howard Lutnick in Washington on "
                 "Monday.", "meeting")
    assert event.participants == ("Dominic LeBlanc", "Howard Lutnick")


def test_a_currency_letter_is_no_person() -> None:
    text = ("Canada will impose counter-tariffs on C$30 billion of goods on Friday. "
            "Ottawa hit C$20 billion of goods on Monday.")
    assert all("C" not in e.participants for e in _events(text))


# -- 8. the speaker is no place -------------------------------------------------------------

def test_a_place_that_speaks_is_no_place_of_the_event() -> None:
    event = _one("Pope Leo XIV will travel to Turkey and Lebanon from Nov. 27 to Dec. 2, the "
                 "Vatican announced on Tuesday.", "travel")
    assert event.locations == ("Turkey", "Lebanon")


def test_a_trailing_attribution_is_no_part_of_the_event() -> None:
    event = _one("Lima will impose tariffs on steel imports on Friday, Trade Minister Ana "
                 "Ruiz said in Quito on Tuesday.", "policy")
    assert event.participants == ()
    assert event.locations == ()
    assert "Ruiz" not in event.title


# -- 9. participants of other clauses ------------------------------------------------------

def test_a_relative_clause_keeps_its_people_to_itself() -> None:
    text = ("Pope Leo XIV, who was elected in May after the death of Pope Francis, met "
            "President Joseph Aoun at the Vatican in June.")
    elected = _one(text, "election")
    met = _one(text, "meeting")
    assert elected.participants == ("Pope Leo XIV",)
    assert elected.locations == ()
    assert met.participants == ("Pope Leo XIV", "Joseph Aoun")


def test_the_main_clause_has_not_the_relative_clause_people() -> None:
    text = "Ana Ruiz, who met Li Wei in May, will travel to Lima on Friday."
    travel = _one(text, "travel")
    meeting = _one(text, "meeting")
    assert travel.participants == ("Ana Ruiz",)
    assert travel.title == "Ruiz visits Lima"
    assert meeting.participants == ("Ana Ruiz", "Li Wei")


def test_a_coordinated_clause_keeps_its_people_and_places() -> None:
    text = ("Chancellor Friedrich Merz met Premier Li Qiang in Rome on Saturday, and the "
            "leaders of Chile and Peru held talks on Sunday.")
    met = _one(text, "meeting", "met")
    talks = _one(text, "meeting", "talks")
    assert met.participants == ("Friedrich Merz", "Li Qiang")
    assert met.locations == ("Rome",)
    assert not {"Friedrich Merz", "Li Qiang"} & set(talks.participants)


def test_a_list_of_subjects_is_no_coordinated_clause() -> None:
    event = _one("The trade minister, Ana Ruiz, and Omar Haftar, a rebel envoy, met Li Wei "
                 "in Paris on Friday.", "meeting")
    assert set(event.participants) == {"Ana Ruiz", "Omar Haftar", "Li Wei"}


def test_a_shared_subject_still_acts_after_and() -> None:
    event = _one("Ana Ruiz met Li Wei on Monday, and then travelled to Lima.", "travel")
    assert event.participants == ("Ana Ruiz",)


def test_the_two_leaders_are_the_previous_pair() -> None:
    text = ("Ana Ruiz spoke by phone with Omar Haftar on Monday. The two leaders signed a "
            "fisheries agreement in Lima on Tuesday.")
    event = _one(text, "agreement")
    assert event.participants == ("Ana Ruiz", "Omar Haftar")


def test_both_countries_are_no_pair_of_people() -> None:
    text = ("Ana Ruiz spoke by phone with Omar Haftar on Monday. Both countries vetoed a "
            "draft resolution on Tuesday.")
    event = _one(text, "policy")
    assert event.participants == ()


# -- 2. an event named in a clause after "after", dated there -----------------------------

def test_a_dated_clause_after_after_is_an_event_of_its_own() -> None:
    text = ("Maria Lund announced her resignation on Monday after the party lost its majority "
            "in elections in March.")
    election = _one(text, "election")
    assert (election.when.start, election.when.end) == (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    assert election.title.startswith("The party loses its majority")
    assert _one(text, "announcement").when.start == dt.date(2025, 6, 9)


@pytest.mark.parametrize("text", [
    "Maria Lund resigned on Monday after the party lost the election.",  # no date of its own
    "Maria Lund resigned on Monday after her visit to Lima in May.",  # a noun: a reference
    "After having earlier agreed to the plan in March, Lima on Sunday called for guarantees.",
])
def test_an_undated_or_nominal_cue_is_no_event_of_its_own(text: str) -> None:
    assert not [e for e in _events(text) if e.type in ("election", "travel", "agreement")]


def test_a_cue_naming_an_event_already_reported_adds_none() -> None:
    text = ("The party lost the election in March. Maria Lund resigned on Monday after the "
            "party lost the election in March.")
    assert len([e for e in _events(text) if e.type == "election"]) == 1


def test_a_name_without_its_regnal_number_is_the_same_person() -> None:
    text = ("Pope Leo XIV will travel to Peru on Friday. Pope Leo met President Ana Ruiz in "
            "Rome in May.")
    meeting = _one(text, "meeting")
    assert meeting.participants == ("Pope Leo XIV", "Ana Ruiz")


def test_a_short_name_is_never_jr() -> None:
    event = _one("President Ferdinand Marcos Jr. flew to Manila on Friday.", "travel")
    assert event.title.startswith("Marcos visits")


def test_a_verb_joined_by_and_keeps_its_people_and_places() -> None:
    text = ("Maria Lund is expected to attend the summit in Lima on Friday and to host "
            "President Omar Haftar in Quito on Monday.")
    summit = _one(text, "meeting", "summit")
    host = _one(text, "meeting", "host")
    assert summit.participants == ("Maria Lund",)
    assert summit.locations == ("Lima",)
    assert host.participants == ("Maria Lund", "Omar Haftar")
    assert host.locations == ("Quito",)


# -- round 9: relative antecedents, reported plans, changes, agreement -----------------------

@pytest.mark.parametrize(("text", "name"), [
    (("President Ana Ruiz, who was on a three-day visit to Peru from 2 to 4 June, cut short "
     "her trip."), "Ana Ruiz"),
    ("Li Wei, who was in Lima for talks with Omar Haftar on Monday, flew home.", "Li Wei"),
])
def test_the_antecedent_of_who_owns_the_noun_event(text: str, name: str) -> None:
    event = next(e for e in _events(text) if e.sources[0].start > text.index("who"))
    assert event.participants[:1] == (name,)


@pytest.mark.parametrize(("text", "kind", "start"), [
    ("Her spokesman said the president would attend a summit in Quito at the end of June.",
     "meeting", dt.date(2025, 6, 21)),
    ("The ministry said Ana Ruiz would visit Paris in July.", "travel", dt.date(2025, 7, 1)),
    ("Ana Ruiz said on Monday she would visit Paris in July.", "travel", dt.date(2025, 7, 1)),
])
def test_a_plan_reported_with_would_is_an_event_to_come(text: str, kind: str,
                                                        start: dt.date) -> None:
    event = _one(text, kind)
    assert event.when.start == start


@pytest.mark.parametrize("text", [
    "The president would attend a summit in Quito in July.",
    "Ana Ruiz said she would have visited Paris in July.",
    "Ana Ruiz said she would not visit Paris in July.",
    "Ana Ruiz said that if invited she would visit Paris in July.",
    "Ana Ruiz could visit Paris in July, officials said.",
])
def test_a_wish_a_condition_or_a_refusal_is_no_plan(text: str) -> None:
    assert not [e for e in _events(text) if e.type in ("travel", "meeting")]


@pytest.mark.parametrize("text", [
    "The summit was postponed from February because of a dispute over its agenda.",
    "The summit, moved from March, will be held in Quito.",
])
def test_the_old_date_of_a_change_does_not_date_the_event(text: str) -> None:
    event = _one(text, "meeting")
    assert event.when.start is None or event.when.start.month not in (2, 3)


def test_the_new_date_of_a_change_dates_the_event() -> None:
    event = _one("The summit, postponed from February, will open on June 28.", "meeting")
    assert event.when.start == event.when.end == dt.date(2025, 6, 28)


@pytest.mark.parametrize(("text", "title"), [
    ("Leaders met in Paris on Monday.", "Leaders meet in Paris"),
    ("Ministers and leaders met in Paris on Monday.", "Ministers and leaders meet in Paris"),
    ("Brussels imposed tariffs on Monday.", "Brussels imposes tariffs"),
    ("The Fed has raised and then cut rates.", "The Fed cuts rates"),
    ("The bank raised and then cut rates in 2024.", "The bank cuts rates"),
])
def test_a_title_verb_agrees_with_its_subject(text: str, title: str) -> None:
    assert _events(text)[0].title.startswith(title)


@pytest.mark.parametrize("text", [
    "Ana Ruiz had planned to visit Lima in May but never made the trip.",
    "Ana Ruiz was due to visit Lima on Friday but cancelled.",
    "Ana Ruiz had been scheduled to visit Lima in May, but the trip was called off.",
    "Ana Ruiz was expected to meet Li Wei on Friday but did not travel.",
    "Ana Ruiz had planned to visit Lima, but she never went.",
])
def test_a_plan_dropped_in_the_same_sentence_is_no_event(text: str) -> None:
    assert not [e for e in _events(text) if e.type in ("travel", "meeting")]


@pytest.mark.parametrize("text", [
    "Ana Ruiz is due to visit Lima on Friday.",
    "Ana Ruiz is due to visit Lima on Friday but may be delayed.",
    "Ana Ruiz planned to visit Lima, but also went to Quito.",
])
def test_a_plan_not_dropped_is_still_an_event(text: str) -> None:
    assert [e for e in _events(text) if e.type == "travel" and "Lima" in e.locations]


@pytest.mark.parametrize("text", [
    "Raising interest rates would not help, the minister said.",
    "The minister said raising interest rates would not help.",
    "Economists argue that cutting interest rates now would be a mistake.",
    "Rebels launched an uprising against the regime in 2011.",
    "Students launched a revolt on Monday.",
])
def test_a_gerund_subject_or_a_revolt_is_no_policy(text: str) -> None:
    assert not [e for e in _events(text) if e.type == "policy"], _events(text)


@pytest.mark.parametrize("text", [
    "Raising interest rates on Monday, the bank cited inflation.",
    "The bank is raising interest rates on Monday.",
    "The government launched a review of fisheries on Monday.",
])
def test_a_rate_move_or_a_launch_in_its_clause_is_policy(text: str) -> None:
    assert [e for e in _events(text) if e.type == "policy"]


@pytest.mark.parametrize("text", [
    "Emmanuel Macron, who arrived on Friday for a two-day visit, met students in Beijing.",
    "In Beijing, Emmanuel Macron, who arrived on Friday for a two-day visit, praised his hosts.",
    ("Leaders gathered in Beijing, where Emmanuel Macron, who arrived on Friday for a two-day "
     "visit, gave a speech."),
])
def test_an_arrival_in_a_who_clause_takes_the_place_of_its_sentence(text: str) -> None:
    event = _one(text, "travel", "arrived")
    assert event.locations == ("Beijing",)
    assert event.participants == ("Emmanuel Macron",)
    assert event.title == "Macron visits Beijing"
    assert event.when.start == dt.date(2025, 6, 6)


@pytest.mark.parametrize("text", [
    "Emmanuel Macron, who arrived on Friday for a two-day visit, praised China's progress.",
    "Emmanuel Macron, who arrived on Friday for a two-day visit, thanked his hosts.",
])
def test_an_arrival_in_a_who_clause_with_no_place_is_no_visit(text: str) -> None:
    assert not [e for e in _events(text) if e.type == "travel"]


@pytest.mark.parametrize("text", [
    "The envoy said Ana Ruiz planned to visit Lima and Quito, but did not say when.",
    "Ana Ruiz was due to visit Lima in July, but never gave a date for the trip.",
])
def test_a_plan_whose_date_was_not_said_is_still_an_event(text: str) -> None:
    assert [e for e in _events(text) if e.type == "travel" and "Lima" in e.locations]


@pytest.mark.parametrize("text", [
    "They thought Ana Ruiz would just resign.",
    "The envoy said it was inevitable that Ana Ruiz would step down.",
    "Ana Ruiz, who is, will block any action that threatens the status quo in Lima.",
])
def test_a_belief_or_a_prediction_is_no_plan(text: str) -> None:
    assert not [e for e in _events(text) if e.type in ("other", "statement")], _events(text)


def test_the_antecedent_of_a_closed_who_clause_owns_the_main_verb_group() -> None:
    event = _one("Mark Carney, who won the race on Sunday, is expected to be sworn in as prime "
                 "minister on Friday.", "ceremony")
    assert event.participants == ("Mark Carney",)


@pytest.mark.parametrize(("text", "title"), [
    ("Thousands fled after rebels launched an uprising in February.", "Rebels launch"),
    ("Thousands fled after the rebel army launched an uprising in February.",
     "The rebel army launches"),
])
def test_a_dated_clause_after_after_agrees_with_its_subject(text: str, title: str) -> None:
    assert _one(text, "other").title.startswith(title)


def test_the_title_alone_stands_for_the_one_person_named_with_it() -> None:
    events = _events("President Ana Ruiz flew to Lima. Her spokesman said the president would "
                     "attend a summit in Quito at the end of June.")
    event = next(e for e in events if e.type == "meeting")
    assert event.participants == ("Ana Ruiz",)
    assert event.title.startswith("Ruiz attends a summit")


@pytest.mark.parametrize("text", [
    "President Ana Ruiz met President Li Wei. Later the president visited Lima on Monday.",
    "The president visited Lima on Monday.",
])
def test_the_title_alone_with_no_or_two_holders_stays_as_written(text: str) -> None:
    event = _one(text, "travel", "visited")
    assert event.participants == ()
    assert "president visits Lima" in event.title


def test_a_plan_with_a_relation_cue_of_its_own_takes_no_frame() -> None:
    events = _events("Ana Ruiz will host Omar Haftar at the end of the month. She said she "
                     "would travel to Lima as soon as possible after taking office.")
    event = next(e for e in events if e.type == "travel")
    assert event.when.derived != "relation"
    assert event.when.start is None or event.when.start <= dt.date(2025, 6, 21)
