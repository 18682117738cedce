"""Participants (titles stripped, names resolved), locations and titles of detected events."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import tag
from timeline.events import detect_events
from timeline.events.people import index_people
from timeline.events.places import find_places, gazetteer
from timeline.events.resources import EVENTS_DIR, read_toml
from timeline.events.text import quote_spans, split_sentences
from timeline.model import Document, Event, PubDate, TimeExpression, TimeValue

PUB = PubDate.parse("2024-06-10")


def people_words_data(key: str) -> list[str]:
    """A list of people.toml (examples run as tests)."""
    return list(read_toml(EVENTS_DIR / "people.toml")[0][key])


def _events(text: str, published: PubDate | None = PUB) -> list[Event]:
    return detect_events(Document("t", text, published), [])


def _one(text: str, kind: str) -> Event:
    found = [e for e in _events(text) if e.type == kind]
    assert len(found) == 1, [(e.type, e.title) for e in _events(text)]
    return found[0]


def _names(text: str) -> set[str]:
    index = index_people(text, split_sentences(text), quote_spans(text))
    return {m.name for m in index.mentions}


def _places(text: str, persons: set[str] | None = None) -> list[str]:
    return [p.place.name for p in find_places(text, 0, persons or set())]


# ------------------------------------------------------------------------------- people

def test_titles_and_nationalities_are_stripped_royal_titles_kept() -> None:
    text = ("Dutch Prime Minister Dick Schoof met Chancellor Olaf Scholz and King Willem-"
            "Alexander in The Hague.")
    assert _names(text) >= {"Dick Schoof", "Olaf Scholz"}
    event = _one("Spanish Foreign Minister José Albares met King Felipe VI in Madrid.",
                 "meeting")
    assert event.participants == ("José Albares", "King Felipe VI")


def test_surname_resolves_to_the_full_name_mentioned_earlier() -> None:
    text = ("Brazilian President Luiz Lula spoke on Monday. Lula will travel to Nairobi in "
            "the autumn.")
    event = _one(text, "travel")
    assert event.participants == ("Luiz Lula",)
    assert event.title == "Lula visits Nairobi"


def test_pronoun_resolves_to_the_subject_of_the_previous_sentence() -> None:
    text = "Chancellor Olaf Scholz spoke in Berlin. He will visit Warsaw with ministers."
    event = _one(text, "travel")
    assert event.participants == ("Olaf Scholz",)
    assert event.locations == ("Warsaw",)


def test_pronoun_skips_names_after_prepositions() -> None:
    text = ("Premier Ana Costa spoke to reporters. Her talks with Pedro Gil were short, and "
            "her visit to Porto is planned.")
    travel = _one(text, "travel")
    assert travel.participants == ("Ana Costa",)


def test_headings_are_not_people() -> None:
    text = "Global Alliances Under Strain\nThe trade minister visited Hanoi."
    assert _names(text) == set()


def test_possessive_names_are_not_participants() -> None:
    event = _one("Jacinda Ardern met Joe Biden in Tokyo, despite Xi Jinping’s objections.",
                 "meeting")
    assert event.participants == ("Jacinda Ardern", "Joe Biden")


def test_a_name_modifying_a_noun_is_not_a_participant() -> None:
    # "the Ardern government", "Biden aides": the government and the aides act, not the person
    event = _one("Jacinda Ardern was silent. Senator Maria Lopez, on a visit to Peru, urged the "
                 "Ardern government to act.", "travel")
    assert event.participants == ("Maria Lopez",)


@pytest.mark.parametrize("text", [
    "Two Peruvian diplomats resigned on Monday. Peruvian officials said so.",
    "Several Chilean ministers met on Monday, and Chilean envoys followed.",
    ("The talks ended, said the Peruvian envoy. Later the Peruvian minister spoke to the "
     "Peruvian press."),
    "Senior Peruvian officials met on Monday. Senior Peruvian envoys followed.",
    # a news agency and a dateline's abbreviations: "LIMA | Mon Mar 7 (Reuters) -"
    "LIMA | Mon Mar 7 , 2011 (Reuters) - Talks resumed, Reuters said. Reuters added more.",
])
def test_numbers_and_nationalities_are_not_names(text: str) -> None:
    assert _names(text) == set()


def test_people_in_quotes_are_not_participants() -> None:
    event = _one("“We told Olaf Scholz everything,” Mette Frederiksen declared.", "statement")
    assert event.participants == ("Mette Frederiksen",)


# ------------------------------------------------------------------------------- places

def test_gazetteer_knows_countries_cities_regions_and_aliases() -> None:
    gaz = gazetteer()
    assert gaz.lookup("Chile").kind == "country"  # type: ignore[union-attr]
    assert gaz.lookup("Nairobi").kind == "city"  # type: ignore[union-attr]
    assert gaz.lookup("Republic of Korea").name == "South Korea"  # type: ignore[union-attr]
    assert gaz.lookup("U.K.").name == "United Kingdom"  # type: ignore[union-attr]
    assert gaz.lookup("Indo-Pacific").kind == "region"  # type: ignore[union-attr]
    assert gaz.country_of(gaz.lookup("Lyon")) == "France"  # type: ignore[arg-type]


def test_places_in_context() -> None:
    assert _places("Ministers from Chile, Peru and New Zealand met in Lima.") == [
        "Chile", "Peru", "New Zealand", "Lima"]
    assert _places("The U.S.-led coalition and UK Prime Minister Rishi Sunak met.") == []
    assert _places("Support rose to 61% and 49,000 units in March.") == []
    assert _places("Cutting US dependence on the U.S. market.") == []
    assert _places("Ministers flew to the US last week.") == ["United States"]
    assert _places("Officials from African and Southeast Asian nations attended.") == [
        "Africa", "Southeast Asia"]


def test_ambiguous_place_names_need_a_locative_word() -> None:
    assert _places("Victoria Beckham landed in London.") == ["London"]
    assert _places("Jordan said no.") == []
    assert _places("The king flew to Jordan.") == ["Jordan"]
    assert _places("Mr. Carney spoke.", {"Carney"}) == []


def test_possessor_place_and_subject_place_are_not_locations() -> None:
    event = _one("The admiral will travel to Norway’s Arctic coast next month.", "travel")
    assert event.locations == ("Arctic",) or event.locations == ()
    policy = _one("Ottawa has imposed tariffs on steel from Vietnam.", "policy")
    assert policy.locations == ("Vietnam",)
    assert policy.title == "Ottawa imposes tariffs on steel from Vietnam"


def test_places_of_a_relative_clause_are_not_locations() -> None:
    event = _one("The envoy accepted a role on a panel that oversees aid to Sudan.", "other")
    assert event.locations == ()


# ------------------------------------------------------------------------------- titles

@pytest.mark.parametrize(("text", "kind", "title"), [
    ("Chancellor Olaf Scholz is embarking on a tour of Hanoi and Jakarta.", "travel",
     "Scholz visits Hanoi and Jakarta"),
    ("Justin Trudeau met Giorgia Meloni in Rome.", "meeting", "Trudeau meets Giorgia Meloni"),
    ("At the Munich Security Conference, Kaja Kallas will deliver a keynote speech.", "speech",
     "Kallas delivers a keynote speech at the Munich Security Conference"),
    ("A Leger poll found that most voters backed the plan.", "poll",
     "Leger poll finds that most voters backed the plan"),
    ("A new Fisheries Agreement was also finalised.", "agreement",
     "Fisheries Agreement is finalised"),
    ("Senator Amy Klobuchar has wrapped up her tour of the Middle East.", "travel",
     "Klobuchar visits the Middle East"),
])
def test_titles(text: str, kind: str, title: str) -> None:
    assert _one(text, kind).title == title


def test_time_expressions_are_left_out_of_titles() -> None:
    text = "A May 2024 Leger poll found that most voters backed the plan."
    start = text.index("May 2024")
    expr = TimeExpression("May 2024", start, start + 8,
                          TimeValue("DATE", "2024-05", None, "month", dt.date(2024, 5, 1),
                                    dt.date(2024, 5, 31)))
    (event,) = detect_events(Document("t", text, PUB), [expr])
    assert event.title == "Leger poll finds that most voters backed the plan"
    assert (event.when.start, event.when.end, event.when.derived) == (
        dt.date(2024, 5, 1), dt.date(2024, 5, 31), "explicit")


def test_source_has_trigger_and_sentence_offsets() -> None:
    text = "Markets were calm. Giorgia Meloni visited Tunis on Monday."
    event = _one(text, "travel")
    (source,) = event.sources
    assert text[source.start:source.end] == source.text == "visited"
    assert text[source.sentence_start:].startswith(source.sentence)
    assert source.sentence == "Giorgia Meloni visited Tunis on Monday."
    assert source.document == "t" and source.published == "2024-06-10"


def test_a_verb_after_an_auxiliary_takes_no_agent_from_after_it() -> None:
    # "Speaking at a rally, Senator Vance ...": a participle opening a clause looks ahead
    text = "Speaking at a rally in Ohio, Senator Vance attacked the plan."
    assert _one(text, "speech").participants == ("Vance",)
    # "was imposing" has its subject before it: the name after it is not the agent
    text = "The council was imposing sanctions on the ports as General Omar Haftar advanced."
    assert _one(text, "policy").title.startswith("The council imposes sanctions")


def test_no_person_in_an_organisation_name_or_after_an_opening_gerund() -> None:
    text = ("The National Institute for Communicable Diseases tested Ana Silva. "
            "Regarding Silva, the Observatory for Human Rights said nothing.")
    assert _names(text) == {"Ana Silva"}


@pytest.mark.parametrize("possessive", ["'s", " 's"])
def test_a_possessed_name_is_no_participant_but_owns_a_noun_event(possessive: str) -> None:
    # tokenized text splits the ending off ("Haftar 's forces"): same reading as "Haftar's"
    text = f"Ana Silva visited Tunis with envoys of General Omar Haftar{possessive} government."
    assert _one(text, "travel").participants == ("Ana Silva",)
    text = f"Critics mocked President Lula{possessive} visit to Lisbon on Monday."
    assert _one(text, "travel").participants == ("Lula",)


def test_capitalized_words_after_the_are_a_place_or_a_thing_not_a_person() -> None:
    text = ("Doctors are testing a woman from the Western Cape who fell ill. Ana Silva toured "
            "the shattered Baba Amr district and met Baba Amr residents. The Kofi Annan plan "
            "failed, Kofi Annan said. The Omar Haftar regime denied it.")
    assert _names(text) == {"Kofi Annan", "Ana Silva", "Omar Haftar"}


def test_the_agent_of_a_relative_clause_is_its_antecedent() -> None:
    text = "Ana Silva notes the case of a toddler who traveled to Texas with his family."
    event = _one(text, "travel")
    assert event.participants == () and event.title.startswith("Toddler")
    text = "Omar Haftar, the army's chief envoy, who traveled to Tunis, spoke."
    assert _one(text, "travel").participants == ("Omar Haftar",)
    text = "That is at odds with Ana Silva herself, who insists that it failed."
    assert _one(text, "statement").participants == ("Ana Silva",)


def test_a_prefixed_part_belongs_to_the_name_and_its_rest_stands_for_it() -> None:
    text = ("President Omar al-Rashid spoke on Monday. Rashid warned that the talks would fail. "
            "League chief Samir el-Toufik met Omar al-Rashid in Cairo. Karim al-Said vowed to "
            "stay.")
    assert _names(text) == {"Omar al-Rashid", "Samir el-Toufik", "Karim al-Said"}
    events = _events(text)
    assert [(e.title.split(" w")[0], e.participants) for e in events
            if e.type == "statement"] == [("Rashid", ("Omar al-Rashid",)),
                                          ("Karim al-Said vows to stay", ("Karim al-Said",))]
    # a surname shared by two names stands for the one named most often
    text = ("Hafiz al-Rashid ruled before Omar al-Rashid. Omar al-Rashid spoke. Rashid warned "
            "that the talks would fail.")
    assert _one(text, "statement").participants == ("Omar al-Rashid",)


def test_a_title_split_by_of_is_stripped_whole() -> None:
    text = ("US Secretary of State Ana Ruiz met Omar Haftar. Minister of Foreign Affairs "
            "Karim Said spoke.")
    assert _names(text) == {"Ana Ruiz", "Omar Haftar", "Karim Said"}


@pytest.mark.parametrize("text", [
    "Even Haftar agreed. Haftar spoke. Omar Haftar left.",
    "Karim Said met London-based exiles and Syrian-led groups in Tunis. Said left.",
    ("Karim Said met Christian Peruvians and Sunni clerics. Sunni leaders and Sunni clerics "
     "met Said. Western envoys met Western diplomats."),
])
def test_opening_adverbs_adjectives_and_groups_are_no_names(text: str) -> None:
    assert _names(text) <= {"Omar Haftar", "Karim Said"}


def test_its_never_stands_for_a_person() -> None:
    text = ("Ana Silva spoke in Cairo. The League deployed its monitoring mission in Tunis on "
            "Monday.")
    assert _one(text, "travel").participants == ()


def _marked(example: str) -> tuple[str, str]:
    """The text of an example without its [[ ]] marks, and the marked name."""
    name = example[example.index("[[") + 2:example.index("]]")]
    return example.replace("[[", "").replace("]]", ""), name


@pytest.mark.parametrize("example", people_words_data("place_examples"))
def test_a_name_where_only_a_place_stands_is_no_person_in_the_document(example: str) -> None:
    text, name = _marked(example)
    assert name not in _names(text)


@pytest.mark.parametrize("example", people_words_data("place_counterexamples"))
def test_a_possessed_modifying_or_titled_name_stays_a_person(example: str) -> None:
    text, name = _marked(example)
    assert name in _names(text)


@pytest.mark.parametrize("text", [
    "Ruth Oduya BBC News , Lisbon Omar Haftar 's plan failed. Later Omar Haftar spoke.",
    "Reporters in Lisbon said so. Lisbon Omar Haftar spoke on Monday.",
    "End Quote Omar Haftar said so.",
])
def test_a_place_or_caption_word_before_a_name_is_no_part_of_it(text: str) -> None:
    assert "Omar Haftar" in _names(text) and not any("Lisbon" in n or "Quote" in n
                                                     for n in _names(text))


def test_a_tokenized_quotation_is_a_quotation() -> None:
    # Treebank-tokenized text ("`` ... ''") quotes as curly quotes do: the events it quotes
    # are not reported and its names are no people of the text, over several lines too
    text = ("`` The rebels will launch a wide offensive in the hills , '' said General Omar "
            "Haftar on Monday .")
    assert _events(text) == []
    text = "`` We will win .\nWe met Ana Ruiz in Tunis , '' Omar Haftar declared on Monday ."
    assert _one(text, "statement").participants == ("Omar Haftar",)
    assert _names(text) == {"Omar Haftar"}


def _reported(example: str) -> tuple[Event, str]:
    """The event of an example whose trigger is marked {{ }}, and the name marked [[ ]]."""
    text, name = _marked(example)
    start = text.index("{{")
    text = text.replace("{{", "").replace("}}", "")
    (event,) = [e for e in _events(text) if e.sources[0].start == start]
    return event, name


@pytest.mark.parametrize("example", people_words_data("not_participant_examples"))
def test_the_people_of_another_clause_take_no_part(example: str) -> None:
    event, name = _reported(example)
    assert name not in event.participants


@pytest.mark.parametrize("example", people_words_data("participant_examples"))
def test_the_people_of_the_clause_take_part(example: str) -> None:
    event, name = _reported(example)
    assert name in event.participants


def test_a_speaker_known_only_by_a_role_makes_no_statement_of_a_name() -> None:
    # the name after "an aide to" qualifies the speaker: no named speaker, no statement
    text = "A senior aide to Ana Ruiz warned on Monday that the army had attacked Kalbar."
    assert [e for e in _events(text) if e.type == "statement"] == []
    # a name after the verb is its object, not its speaker, unless the clause has no subject
    text = "The council , however , insists Omar Haftar step down ."
    assert [e for e in _events(text) if e.type == "statement"] == []


def test_their_is_no_single_person_and_a_run_joined_by_ampersand_is_a_company() -> None:
    text = "Ana Ruiz spoke on Monday. EU ministers agreed at their meeting in Tunis to act."
    assert _one(text, "meeting").participants == ()
    assert _names("Eni Exploration & Production hired Ana Ruiz. Eni said so.") == {"Ana Ruiz"}
    assert _names("Prof Omar Haftar and Captain Li Wei spoke.") == {"Omar Haftar", "Li Wei"}


def test_a_picture_credit_names_no_person() -> None:
    text = "Photograph : Ana Ruiz\\/AP A day later , Omar Haftar met Li Wei in Tunis ."
    assert _names(text) == {"Omar Haftar", "Li Wei"}
    assert _names("Photo : Ana Ruiz/Reuters . Omar Haftar met Li Wei.") == {"Omar Haftar", "Li Wei"}


def test_a_religious_group_word_is_no_name() -> None:
    text = "Omar Haftar , a black-clad Orthodox Jew , told a news conference in Tunis ."
    assert _names(text) == {"Omar Haftar"}


@pytest.mark.parametrize(("text", "kind", "title"), [
    # the preposition of a time word removed from a title goes with it
    ("Premier Ana Ruiz, who took office in May, met the envoy on Monday.", "other",
     "Ruiz takes office"),
    ("An Ipsos poll released on Monday showed the Greens at 21%.", "poll",
     "Ipsos poll released shows the Greens at 21%"),
    # a title stops where an embedded clause closes (a comma, then a verb)
    (("Mark Lee, who won the party leadership race on Sunday with 86% of the vote, is expected "
     "to be sworn in on Friday."), "election", ("Lee wins the party leadership race with 86% of "
     "the vote")),
])
def test_titles_drop_time_words_and_stop_at_a_closed_clause(text: str, kind: str,
                                                           title: str) -> None:
    pub = PubDate.parse("2025-03-12")
    events = detect_events(Document("t", text, pub), tag(text, pub))
    assert [e.title for e in events if e.type == kind] == [title]
