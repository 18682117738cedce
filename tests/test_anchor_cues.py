"""Cues of tense, aspect, modality and the story day in `timeline.anchor` (sentences of our own)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from test_anchor_mentions import PUB, at

import timeline.events.modality as modality_module
from timeline import anchor
from timeline.events import dating, detect_events
from timeline.events.context import DocContext
from timeline.events.modality import modality
from timeline.exceptions import ResourceError
from timeline.model import Document
from timeline.tagger import tag
from timeline.tagger.api import _as_pubdate

D = dt.date
anchor_module = sys.modules["timeline.anchor"]  # the module (timeline.anchor is the function)


WIRE = ("LISBON, March 11 (Wire) -- The coalition collapsed after a confidence vote. "
        "Thousands protested outside parliament. Officials said new elections will follow.")


def test_dateline_day_before_publication_is_the_day_of_undated_past_clauses() -> None:
    assert at(WIRE, "protested").interval == (D(2024, 3, 11), D(2024, 3, 11))
    assert at(WIRE, "said").interval == (D(2024, 3, 11), D(2024, 3, 11))
    assert at(WIRE, "protested").derived == "narrative"


def test_dateline_does_not_move_future_clauses() -> None:
    assert at(WIRE, "follow").interval == (D(2024, 3, 13), None)


def test_dateline_of_the_publication_day_changes_nothing() -> None:
    assert at(WIRE, "protested", "2024-03-11").interval == (D(2024, 3, 11), D(2024, 3, 11))
    assert at(WIRE, "protested", "2024-03-11").derived == "tense"


def test_dateline_far_before_publication_is_not_the_story_day() -> None:
    assert at(WIRE, "protested", "2024-03-20").interval == (D(2024, 3, 20), D(2024, 3, 20))


@pytest.mark.parametrize(("published", "day"), [
    ("2024-03-09", D(2024, 3, 8)),   # the lead names the day before: the story day
    ("2024-03-10", D(2024, 3, 10)),  # two days before: background, the publication day
])
def test_lead_day_before_publication(published: str, day: D) -> None:
    text = ("Rescuers pulled three miners alive from a flooded shaft on Friday.\n\n"
            "The men were taken to hospital.")  # another paragraph: no narrative date
    assert at(text, "taken", published).interval == (day, day)


def test_a_dateline_alone_is_not_a_lead_sentence() -> None:
    # the dateline is a "sentence" of its own; the lead's third sentence still names the day
    text = ("LIMA (AP) --\n\nThe union told its members to keep picketing.\n\n"
            "The broadcast was unusual.\n\nThousands marched Thursday in the capital."
            "\n\nThe crowd cheered the speakers.")
    assert at(text, "cheered", "2024-03-08").interval == (D(2024, 3, 7), D(2024, 3, 7))
    # with one more sentence before the day, it is no longer the lead: the publication day
    longer = text.replace("The broadcast was unusual.", "The broadcast was unusual. It was long.")
    assert at(longer, "cheered", "2024-03-08").interval == (D(2024, 3, 8), D(2024, 3, 8))


def _marked(sentence: str) -> tuple[str, int, int]:
    start = sentence.index("[[")
    end = sentence.index("]]") - 2
    return sentence.replace("[[", "").replace("]]", ""), start, end


MODALITY = modality()


@pytest.mark.parametrize("sentence", MODALITY.examples)
def test_modality_examples_are_after_the_publication_day(sentence: str) -> None:
    text, start, end = _marked(sentence)
    got = anchor(text, PUB, [(start, end)])[0]
    assert got.interval == (D(2024, 3, 13), None), (sentence, got)


@pytest.mark.parametrize("sentence", MODALITY.counterexamples)
def test_modality_counterexamples_are_not(sentence: str) -> None:
    text, start, end = _marked(sentence)
    got = anchor(text, PUB, [(start, end)])[0]
    assert got.interval != (D(2024, 3, 13), None), (sentence, got)


@pytest.mark.parametrize("sentence", MODALITY.stative_examples)
def test_modal_states_are_on_the_publication_day(sentence: str) -> None:
    text, start, end = _marked(sentence)
    got = anchor(text, PUB, [(start, end)])[0]
    assert got.interval == (D(2024, 3, 12), D(2024, 3, 12)), (sentence, got)


@pytest.mark.parametrize("sentence", MODALITY.stative_counterexamples)
def test_modal_events_stay_after_the_publication_day(sentence: str) -> None:
    text, start, end = _marked(sentence)
    got = anchor(text, PUB, [(start, end)])[0]
    assert got.interval == (D(2024, 3, 13), None), (sentence, got)


def test_modality_file_errors_name_the_file(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "modality.toml"
    bad.write_text('[infinitive]\ngovernors = "want"\n', encoding="utf-8")
    monkeypatch.setattr(modality_module, "MODALITY_FILE", bad)
    modality.cache_clear()
    try:
        with pytest.raises(ResourceError, match="governors") as info:
            modality()
        assert str(bad) in str(info.value)
    finally:
        modality.cache_clear()


@pytest.mark.parametrize(("text", "word"), [
    ("The spokesman would not comment on the case.", "comment"),
    ("Officials could not be reached.", "reached"),
    ("The minister cannot explain the delay.", "explain"),
])
def test_negated_modal_is_a_refusal_on_the_publication_day(text: str, word: str) -> None:
    assert at(text, word).interval == (D(2024, 3, 12), D(2024, 3, 12))


def test_modal_without_negation_stays_after_the_publication_day() -> None:
    assert at("The spokesman would comment on the case.", "comment").interval == \
        (D(2024, 3, 13), None)


SHOOTING = ("LYON (Wire) -- A gunman shot a baker on Friday night outside his shop."
            "\n\nThe police have no suspect.\n\nThe killing shocked the town, and the "
            "mayor condemned the murder.\n\nThe meeting of the council was calm.")


@pytest.mark.parametrize("noun", ["killing", "murder"])
def test_a_word_for_the_same_attack_takes_its_day(noun: str) -> None:
    # "shot ... on Friday night" and "the killing", "the murder": one attack (a class of
    # coreference.toml), so the nouns take its day instead of the publication day
    # (coreference links the mentions given: "shot" must be one of them)
    spans = [(SHOOTING.index(w), SHOOTING.index(w) + len(w)) for w in ("shot", noun)]
    shot, got = anchor(SHOOTING, "2024-03-11", spans)
    assert shot.interval == got.interval == (D(2024, 3, 8), D(2024, 3, 8))
    assert got.derived == "relation"


BLASTS = ("The bombings of the two ministries in the capital on Aug. 7 killed 40 people."
          "\n\nThe police arrested a second suspect on Monday.\n\nInvestigators have "
          "linked the suspect to the attacks.")
STRIKE = ("Union leaders called off the Oct. 2 demonstration at the port on Friday.\n\n"
          "The police had prepared for the demonstration for weeks.")


def test_a_word_the_text_dates_outright_dates_its_repetitions() -> None:
    # "the bombings ... on Aug. 7" is not a mention given, yet it dates "the attacks": the
    # sentence's only date, and one class of coreference.toml
    assert at(BLASTS, "attacks", "1998-09-01").interval == (D(1998, 8, 7), D(1998, 8, 7))
    # a noun right after a day ("the Oct. 2 demonstration") dates its repetitions, class or not
    got = at(STRIKE, "demonstration", "2024-10-07", nth=1)
    assert got.interval == (D(2024, 10, 2), D(2024, 10, 2))
    assert got.derived == "relation"


def test_a_date_after_a_participle_hung_on_a_noun_is_the_participles() -> None:
    day = (D(2024, 3, 12), D(2024, 3, 12))
    assert at("Stocks rose, leaving the index near its record high set on Aug. 6.",
              "leaving").interval == day
    assert at("Officials defended the rules, citing a law passed in 1990.", "citing").interval \
        == day
    # the mention's own date stays its own, and so does a date after a finite clause
    assert at("Stocks rose on Monday, leaving the index near its high.", "leaving").interval \
        == (D(2024, 3, 11), D(2024, 3, 11))


def test_an_event_word_right_after_a_month_or_year_dates_its_repetitions() -> None:
    text = ("Police charged him over the 1995 shooting of a doctor.\n\n"
            "The doctor survived the attack at his home.")
    assert at(text, "attack", "2000-01-24").interval == (D(1995, 1, 1), D(1995, 12, 31))
    # a day the text gives the event wins over its year
    text2 = ("Police charged him over the 1995 shooting of a doctor.\n\n"
             "The shooting on May 3, 1995 shocked the town.\n\nThe doctor survived the attack.")
    assert at(text2, "attack", "2000-01-24").interval == (D(1995, 5, 3), D(1995, 5, 3))


def test_a_relative_clause_on_a_dated_event_word_tells_what_the_event_did() -> None:
    text = ("He has been on the run since the January 2023 bombing of a clinic that killed a "
            "guard and maimed a nurse.")
    assert at(text, "maimed", "2024-03-12").interval == (D(2023, 1, 1), D(2023, 1, 31))
    text2 = "Tourism held up after the Aug. 7 bombings in the capital, which left 250 dead."
    assert at(text2, "left", "2023-09-07").interval == (D(2023, 8, 7), D(2023, 8, 7))
    # an event word more than eight words before "which" is no head of the clause
    text4 = ("The Aug. 7 bombings shook the region and the markets of the capital and the "
             "towns around it, which recovered.")
    assert at(text4, "recovered", "2023-09-07").interval == (D(2023, 9, 7), D(2023, 9, 7))
    # "said that": a complement of the verb, not a relative clause of the event word
    text3 = ("The minister, who remembers the 1956 uprising, said that membership meant "
             "freedom.")
    assert at(text3, "meant", "2024-03-12").interval == (D(2024, 3, 12), D(2024, 3, 12))


def test_a_date_after_the_infinitive_of_began_or_failed_dates_the_verb() -> None:
    year = (D(1961, 1, 1), D(1961, 12, 31))
    assert at("Exiles failed to overthrow the regime in 1961.", "failed").interval == year
    assert at("The alliance began to fall apart in 1961.", "began").interval == year
    # an intention is not carried back: "agreed to buy in 2025" is no agreement of 2025
    assert at("The firm agreed to buy the plant in 2025.", "agreed").interval == \
        (D(2024, 3, 12), D(2024, 3, 12))


def test_a_relation_that_agrees_with_a_days_date_keeps_that_days_value() -> None:
    # "collapsing" is of the publication day, after the defeat of 1996: its value is its day,
    # not "1996", which names no day of its interval
    text = "The party is collapsing after its defeat in 1996."
    a, b = text.index("collapsing"), text.index("defeat")
    got = anchor(text, "1998-02-19", [(a, a + 10), (b, b + 6)])[0]
    assert (got.earliest, got.latest, got.value, got.derived) == \
        (D(1998, 2, 19), D(1998, 2, 19), "1998-02-19", "relation")


def test_a_power_grab_and_an_invasion_are_one_event() -> None:
    text = ("The regime has been under sanctions since its Aug. 2 power-grab.\n\n"
            "The crisis stems from the invasion of its neighbour.")
    assert at(text, "invasion", "1990-08-16").interval == (D(1990, 8, 2), D(1990, 8, 2))


def test_a_past_verb_of_a_class_takes_the_day_of_its_event() -> None:
    text = ("Gunmen abducted the engineer on May 4, 2022 near the border.\n\nOfficials said "
            "that he was kidnapped by a group that wanted ransom.")
    assert at(text, "kidnapped", "2024-03-12").interval == (D(2022, 5, 4), D(2022, 5, 4))
    # a plan is not a repetition of a past event
    text2 = ("A bomb exploded on the bridge on Aug. 7.\n\nThe group threatened to "
             "attack again.")
    assert at(text2, "attack", "1998-09-01").interval == (D(1998, 9, 2), None)


def test_loose_references_prefer_the_earliest_day() -> None:
    # the bombing (Aug. 7) came before the sanctions that punished it (Aug. 9)
    text = ("Rebels bombed the airport on Aug. 7.\n\nThe council voted on "
            "Aug. 9 to punish the group for the bombing.\n\nThe rebels said the attack "
            "was a warning.")
    assert at(text, "attack", "1998-09-01").interval == (D(1998, 8, 7), D(1998, 8, 7))


@pytest.mark.parametrize(("text", "words"), [
    ("The convoy arrived on Tuesday, according to officials.", []),  # a comma ends the words
    ("Two men were charged in the Dec. 21, 1988, bombing of the flight.", ["bombing"]),
    ("Police reopened the file on the Oct. 2 shooting.", ["shooting"]),
    ("They discussed the shooting on Oct. 2 at length.", ["shooting"]),
])
def test_words_a_day_dates_outright(text: str, words: list[str]) -> None:
    published = _as_pubdate("1999-03-01")
    ctx = DocContext(Document("t", text, published), tag(text, published))
    found = anchor_module._attached(ctx, anchor_module._coreference())
    assert sorted({text[a.offset:].split()[0].strip(".") for a in found if not a.loose}) == words


def test_a_word_in_a_sentence_of_several_dates_is_not_dated_loosely() -> None:
    text = ("The bombing of the ministry on Aug. 7 was condemned on Aug. 9.\n\n"
            "Investigators have linked a suspect to the attack.")
    assert at(text, "attack", "1998-09-01").interval == (D(1998, 9, 1), D(1998, 9, 1))


def test_a_noun_of_another_class_keeps_its_own_day() -> None:
    spans = [(SHOOTING.index(w), SHOOTING.index(w) + len(w)) for w in ("shot", "meeting")]
    assert anchor(SHOOTING, "2024-03-11", spans)[1].interval == (D(2024, 3, 11), D(2024, 3, 11))


def test_coreference_file_errors_name_the_file(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "coreference.toml"
    bad.write_text('[classes]\nviolence = "attack"\n[not_events]\nwords = []\n',
                   encoding="utf-8")
    monkeypatch.setattr(anchor_module, "COREFERENCE_FILE", bad)
    anchor_module._coreference.cache_clear()
    try:
        with pytest.raises(ResourceError, match="violence") as info:
            anchor_module._coreference()
        assert str(bad) in str(info.value)
    finally:
        anchor_module._coreference.cache_clear()


@pytest.mark.parametrize(("text", "word"), [
    ("The coach, however, insists she will stay another season.", "insists"),
    ("The economist said the tariff signifies a turn toward protection.", "signifies"),
])
def test_an_s_word_before_its_object_is_a_present_verb(text: str, word: str) -> None:
    # read as a plural noun ("the attacks"), it took the future of its clause or governor
    assert at(text, word).interval == (D(2024, 3, 12), D(2024, 3, 12))


CHRONOLOGY = (
    "How the dispute unfolded:\n"
    "Jan. 9 - The union calls a strike at the port.\n"
    "* 2 February: Ministers meet the union and announce a pay review.\n"
    "Feb. 20 -- Dockers vote on the offer 27 February - Work resumes at the port\n"
    "The port said on Friday that cargo moved again.\n"
)


@pytest.mark.parametrize(("word", "day"), [
    ("calls", D(2024, 1, 9)),        # present tense, a past day: the entry's date all the same
    ("meet", D(2024, 2, 2)),         # after a bullet, with a colon
    ("announce", D(2024, 2, 2)),     # every event of the entry
    ("vote", D(2024, 2, 20)),        # an entry ends where the next one starts on the line
    ("resumes", D(2024, 2, 27)),
])
def test_a_chronology_entry_is_dated_by_its_heading(word: str, day: D) -> None:
    got = at(CHRONOLOGY, word)
    assert got.interval == (day, day) and got.derived == "explicit"


def test_only_a_date_opening_its_line_and_followed_by_a_dash_heads_an_entry() -> None:
    # "on Friday" governs its own clause, as anywhere
    assert at(CHRONOLOGY, "said").interval == (D(2024, 3, 8), D(2024, 3, 8))
    # a date inside the line, or opening it with no dash after it, heads nothing
    for text in ("Ministers met on Feb. 2 - after the vote - and talks resume.",
                 "Ministers met.\nFeb. 2 was cold - and talks resume."):
        assert at(text, "resume").interval == (D(2024, 3, 12), D(2024, 3, 12))


@pytest.mark.parametrize(("text", "word"), [
    ("The mayor, who moved to the city in 1988, believes the plan is sound.", "believes"),
    ("She remembers the 1974 flood as a child.", "remembers"),
    ("The fleet sank two ships in 2019 and now is preparing to sail again.", "preparing"),
    ("The banks fled the market four years ago and now are poised to return.", "poised"),
    ("The ministry is still considering a request made last week.", "considering"),
])
def test_a_plain_present_verb_is_not_dated_by_a_past_expression(text: str, word: str) -> None:
    assert at(text, word).interval == (D(2024, 3, 12), D(2024, 3, 12))


@pytest.mark.parametrize(("text", "word", "day"), [
    # a bare form may be a past one or reported speech of that day: the expression stays
    ("On Monday the minister said the figures prove the case.", "prove", D(2024, 3, 11)),
    ("The statement, read on Monday night, was short.", "read", D(2024, 3, 11)),
    # a date of today is still its date
    ("The mayor, who moved to the city in 1988, opens the bridge today.", "opens",
     D(2024, 3, 12)),
])
def test_other_present_forms_keep_their_expression(text: str, word: str, day: D) -> None:
    assert at(text, word).interval == (day, day)


@pytest.mark.parametrize(("word", "day"), [
    ("arrested", D(2024, 3, 7)),   # inside "Thursday, when ...": Thursday
    ("fired", D(2024, 3, 7)),
    ("calmer", D(2024, 3, 8)),     # the main clause has its own day
])
def test_a_when_clause_takes_the_day_it_hangs_on(word: str, day: D) -> None:
    text = ("Unlike Thursday, when 40 people were arrested and police fired tear gas, the "
            "crowd was calmer on Friday.")
    assert at(text, word).interval == (day, day)


def test_a_when_clause_with_a_date_of_its_own_keeps_it() -> None:
    text = "He came back in 2023, when the factory was sold on March 2."
    assert at(text, "sold").interval == (D(2024, 3, 2), D(2024, 3, 2))
    text = "He came back in 2023, when the factory was sold."
    assert at(text, "sold").interval == (D(2023, 1, 1), D(2023, 12, 31))


BOMBING = ("Rebels bombed the airport on Aug. 7, 1998 in the capital.\n\n"
           "The council condemned the bombing of the airport on Thursday.\n\n"
           "Police arrested a man in connection with the bombing last month.\n\n"
           "On Thursday another bombing hit the port.")


def test_a_month_or_year_narrows_to_the_day_of_its_event() -> None:
    # "the bombing last month": August, and the story's bombing is of Aug. 7
    got = at(BOMBING, "bombing", "1998-09-11", nth=1)
    assert got.interval == (D(1998, 8, 7), D(1998, 8, 7))
    assert got.derived == "relation"


def test_a_later_day_of_its_clause_is_the_day_of_a_reaction_not_of_the_event() -> None:
    # "condemned the bombing ... on Thursday": the condemnation is Thursday's, the bombing not
    assert at(BOMBING, "bombing", "1998-09-11").interval == (D(1998, 8, 7), D(1998, 8, 7))
    assert at(BOMBING, "condemned", "1998-09-11").interval == (D(1998, 9, 10), D(1998, 9, 10))


def test_another_event_keeps_its_own_day() -> None:
    assert at(BOMBING, "bombing", "1998-09-11", nth=2).interval == (D(1998, 9, 10), D(1998, 9, 10))
    text = "A bomb exploded on the bridge on Aug. 7.\n\nA second bombing shook the city."
    assert at(text, "bombing", "1998-09-01").interval == (D(1998, 9, 1), D(1998, 9, 1))


def test_a_class_noun_dated_by_its_clause_is_no_reference() -> None:
    # "searched the site of the shooting on April 8": April 8 is the search's day, so it
    # does not date "the killing" (the shooting of Oct. 23 does)
    text = ("A gunman shot the doctor on Oct. 23, 1998.\n\nOn April 8, investigators searched the "
            "site of the shooting again.\n\nThe police said the killing was planned.")
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("shooting", "killing")]
    shooting, killing = anchor(text, "1999-05-05", spans)
    assert killing.interval == shooting.interval == (D(1998, 10, 23), D(1998, 10, 23))


@pytest.mark.parametrize(("text", "word", "day"), [
    ("Tonight is the eve of the Pope's visit to the island.", "visit", D(2024, 3, 13)),
    ("On Sunday, the eve of the summit, ministers met.", "summit", D(2024, 3, 11)),
    # a date between "eve of" and the noun is the noun's own
    ("Ministers met on the eve of Thursday's summit.", "summit", D(2024, 3, 7)),
])
def test_the_eve_of_an_event_is_the_day_before_it(text: str, word: str, day: D) -> None:
    assert at(text, word).interval == (day, day)


def test_showing_is_reporting_not_dated_by_what_it_shows() -> None:
    text = "The figures showed the jobless rate declined to 3.8 percent last month."
    assert at(text, "showed").interval == (D(2024, 3, 12), D(2024, 3, 12))
    assert at(text, "declined").interval == (D(2024, 2, 1), D(2024, 2, 29))


def test_a_base_form_after_a_modal_is_a_verb_whatever_its_ending() -> None:
    # "assure", "capture" end like nouns ("-ure"), but after "can"/"will" they are verbs
    assert at("I can assure you the plan is sound.", "assure").interval == \
        (D(2024, 3, 12), D(2024, 3, 12))
    assert at("The rebels will capture the town.", "capture").interval == (D(2024, 3, 13), None)


def test_an_s_form_after_a_demonstrative_subject_is_a_present_verb() -> None:
    # "That means", "so that means", "This gives": the verb of now, not a plural noun whose
    # clause ("likely to", "will") would put it after publication
    day = (D(2024, 3, 12), D(2024, 3, 12))
    assert at("That means the convictions stand, a ruling likely to send them to court.",
              "means").interval == day
    assert at("The ground is soaked. So that means soil will slide.", "means").interval == day
    assert at("``This gives him a chance he will not waste,'' she said.", "gives").interval == day



@pytest.mark.parametrize(("text", "word", "nominal"), [
    ("That means trouble.", "means", False),
    ("So that leaves two options.", "leaves", False),
    ("He said that talks resume soon.", "talks", True),  # a complementizer, then a noun
    ("This news will spread.", "news", True),  # a singular noun in -s
    ("These talks will resume.", "talks", True),
])
def test_the_shape_of_an_s_word_after_a_demonstrative(text: str, word: str,
                                                      nominal: bool) -> None:
    published = _as_pubdate("2024-03-12")
    ctx = DocContext(Document("t", text, published), tag(text, published))
    start = text.index(word)
    shape = dating.mention_shape(ctx, ctx.sentences[0], start, start + len(word))
    assert shape.nominal is nominal


def test_a_contracted_is_after_a_pronoun_is_no_possessive() -> None:
    # "He's expected": "he is", so "expected" is a verb of now, not a noun ("Annan's visit")
    day = (D(2024, 3, 12), D(2024, 3, 12))
    assert at("He's expected to meet the minister.", "expected").interval == day
    # and "he's" is present tense: the narrative day of the sentence before does not date it
    assert at("The rebels attacked the town on Monday. He's worried that they will return.",
              "worried").interval == day
    # a possessive stays one: "the minister's visit" is a noun dated by its clause
    assert at("The minister's visit will take place.", "visit").interval == (D(2024, 3, 13), None)


def test_an_infinitive_after_a_raising_verb_takes_its_tense() -> None:
    # "seem to agree" holds now, whatever the modal of the clause it governs ("should go")
    assert at("Most lawmakers seem to agree the boy should go home.", "agree").interval == \
        (D(2024, 3, 12), D(2024, 3, 12))
    assert at("The rebels attacked the town on Monday. They appeared to want a truce that "
              "would hold.", "want").interval == (D(2024, 3, 11), D(2024, 3, 11))


def test_a_reporting_verb_after_a_day_before_publication_is_of_that_day() -> None:
    # (the fourth sentence: not the lead, so no story day)
    text = ("The strike entered its third week. Talks have stalled. Ports remain closed. "
            "The minister lashed out at the unions on Sunday night, accusing them of "
            "sabotage. He said the strike was illegal.")
    assert at(text, "said", "2024-03-11").interval == (D(2024, 3, 10), D(2024, 3, 10))
    # two days back is background: the publication day
    assert at(text, "said", "2024-03-12").interval == (D(2024, 3, 12), D(2024, 3, 12))


def test_a_relative_clause_set_off_by_commas_keeps_its_date() -> None:
    text = ("The former mayor, who put the bridge at the heart of his unsuccessful 2019 "
            "campaign for another term, welcomed the vote.")
    assert at(text, "welcomed").interval == (D(2024, 3, 12), D(2024, 3, 12))
    assert at(text, "put").interval == (D(2019, 1, 1), D(2019, 12, 31))


def test_an_approximate_year_narrows_to_the_day_of_its_event() -> None:
    text = ("Gunmen abducted the engineer on May 4, 2022 near the border.\n\nThe army said "
            "the engineer, kidnapped about two years ago, was freed.")
    assert at(text, "kidnapped", "2024-03-12").interval == (D(2022, 5, 4), D(2022, 5, 4))


def _events_at(sentence: str) -> list[str]:
    """Types of the events extraction finds at the [[...]] mention of `sentence`."""
    text, start, _ = _marked(sentence)
    events = detect_events(Document("ex", text, _as_pubdate(PUB)), tag(text, published=PUB))
    return [e.type for e in events if e.sources[0].start == start]


@pytest.mark.parametrize("sentence", MODALITY.unrealized_examples)
def test_unrealized_events_are_not_extracted(sentence: str) -> None:
    assert _events_at(sentence) == [], sentence


@pytest.mark.parametrize("sentence", MODALITY.unrealized_counterexamples)
def test_realized_events_are_extracted(sentence: str) -> None:
    assert _events_at(sentence), sentence


@pytest.mark.parametrize(("text", "day"), [
    ("The army announced a nationwide ceasefire on Sunday.", D(2024, 3, 10)),
    ("The ministry confirmed the new tariff schedule on Monday.", D(2024, 3, 11)),
    # a clause or a period between them: the date is what was said, or the object's
    ("The army announced that troops withdrew on Sunday.", D(2024, 3, 12)),
    ("The firm announced a drop in profits for the fourth quarter.", D(2024, 3, 12)),
])
def test_a_reporting_verb_takes_the_day_after_its_object(text: str, day: dt.date) -> None:
    verb = "announced" if "announced" in text else "confirmed"
    assert at(text, verb).interval == (day, day), text


@pytest.mark.parametrize(("lead", "start"), [
    ("The opposition dismissed Sunday's vote as a farce.", None),  # the vote's day
    ("The opposition walked out on Sunday.", D(2024, 3, 10)),  # the story's day
])
def test_extraction_narrative_day_is_no_possessive_date(lead: str, start: dt.date | None) -> None:
    text = f"{lead} The minister made her remarks at the conference in Tunis."
    events = detect_events(Document("ex", text, _as_pubdate(PUB)), tag(text, published=PUB))
    speech = next(e for e in events if e.type == "speech")
    assert (speech.when.start, speech.when.end) == (start, D(2024, 3, 12 if start is None else 10))


@pytest.mark.parametrize(("text", "start"), [
    # the publication day (a Tuesday) named in the sentence dates its past clause
    ("On Tuesday, thousands gathered in the square to watch the unveiling of the statue.",
     D(2024, 3, 12)),
    # but not what had happened before it
    ("On Tuesday, the rebels said they had unveiled a new flag.", None),
])
def test_extraction_narrative_day_may_be_the_publication_day(text: str,
                                                             start: dt.date | None) -> None:
    events = detect_events(Document("ex", text, _as_pubdate(PUB)), tag(text, published=PUB))
    event = next(e for e in events if e.type == "announcement")
    assert (event.when.start, event.when.end) == (start, D(2024, 3, 12)), event.when


def test_a_noun_subject_of_a_that_clause_takes_the_tense_of_its_own_verb() -> None:
    text = "The main risk is that the Pope's visit will persuade many more people to leave."
    assert at(text, "visit").interval == (D(2024, 3, 13), None)
    # a modal there: only possible, no event; "would" after a past verb: the future of then
    assert _events_at("Washington is hoping [[that talks]] can resume soon.") == []
    assert _events_at("The League announced [[that an emergency meeting]] would be held.") \
        == ["meeting"]


@pytest.mark.parametrize(("text", "start"), [
    # what the rebels said on Monday they had done: on or before Monday
    ("The rebels said on Monday they had launched an offensive on the port.", None),
    ("The rebels Monday said they launched an offensive on the port.", None),
    # the day is the verb's own
    ("The rebels launched an offensive on the port on Monday.", D(2024, 3, 11)),
])
def test_extraction_dates_what_was_said_on_or_before_the_saying(text: str,
                                                                 start: dt.date | None) -> None:
    events = detect_events(Document("ex", text, _as_pubdate(PUB)), tag(text, published=PUB))
    event = next(e for e in events if e.type == "other")  # a military launch is no policy
    assert (event.when.start, event.when.end) == (start, D(2024, 3, 11)), event.when
    # timeline.anchor keeps the most likely day, the saying's
    assert at(text, "launched").interval == (D(2024, 3, 11), D(2024, 3, 11))



PAST_CHRONOLOGY = (
    "How the crisis unfolded since the winter:\n"
    "February 26 - Ministers impose a curfew on the port.\n"
    "March - Dockers vote on the offer.\n"
    "June 2 - The union calls a strike at the port.\n"
    "September 30 - Work resumes at the port.\n"
)
AHEAD = "Key dates ahead:\nNovember 5 - The union votes on the offer.\nDecember 1 - Talks open.\n"


@pytest.mark.parametrize(("word", "first", "last"), [
    # in a paper of 12 October 2024, the nearest year puts "February 26" and "March" in
    # 2025; entries before later ones of a list in date order that reaches the past are
    # the past: the latest year on or before publication
    ("impose", D(2024, 2, 26), D(2024, 2, 26)),
    ("vote", D(2024, 3, 1), D(2024, 3, 31)),
    ("calls", D(2024, 6, 2), D(2024, 6, 2)),
    ("resumes", D(2024, 9, 30), D(2024, 9, 30)),
])
def test_a_chronology_of_the_past_takes_the_years_on_or_before_publication(
        word: str, first: D, last: D) -> None:
    got = at(PAST_CHRONOLOGY, word, "2024-10-12")
    assert got.interval == (first, last)


def test_a_chronology_of_days_to_come_keeps_them() -> None:
    assert at(AHEAD, "votes", "2024-10-12").interval == (D(2024, 11, 5), D(2024, 11, 5))
    assert at(AHEAD, "open", "2024-10-12").interval == (D(2024, 12, 1), D(2024, 12, 1))


@pytest.mark.parametrize("sentence", MODALITY.habitual_examples)
def test_habits_are_not_extracted(sentence: str) -> None:
    assert _events_at(sentence) == [], sentence


@pytest.mark.parametrize("sentence", MODALITY.habitual_counterexamples)
def test_single_events_beside_a_habit_are_extracted(sentence: str) -> None:
    assert _events_at(sentence), sentence



def test_a_pluperfect_reporting_verb_is_before_publication_in_extraction() -> None:
    # "warned" is the publication day; "had warned" was some time on or before it
    text = ("President Ruto had warned that the truce would not hold.\n\n"
            "President Ruto warned of new fighting.")
    events = detect_events(Document("ex", text, _as_pubdate(PUB)), tag(text, published=PUB))
    got = sorted((e.sources[0].start, e.when.start, e.when.end) for e in events
                 if e.type == "statement")
    assert [(s, e) for _, s, e in got] == [(None, D(2024, 3, 12)),
                                          (D(2024, 3, 12), D(2024, 3, 12))]


@pytest.mark.parametrize(("text", "start"), [
    # a reporting verb in a time clause sets the time of another clause: no report of the day
    ("When Governor Ana Ruiz announced limited engagement in Chad, the opposition cried foul.",
     None),
    ("Once Governor Ana Ruiz announced limited engagement in Chad, the opposition cried foul.",
     None),
    ("Governor Ana Ruiz announced limited engagement in Chad.", D(2024, 3, 12)),
    ("Governor Ana Ruiz announced limited engagement in Chad when the talks ended.",
     D(2024, 3, 12)),
])
def test_extraction_reporting_verb_in_a_time_clause_is_no_report_of_the_day(
        text: str, start: dt.date | None) -> None:
    events = detect_events(Document("ex", text, _as_pubdate(PUB)), tag(text, published=PUB))
    event = next(e for e in events if e.sources[0].text == "announced")
    assert (event.when.start, event.when.end) == (start, D(2024, 3, 12)), text


def test_extraction_noun_governed_by_a_future_takes_no_past_day() -> None:
    # the tagger reads "Thursday" by "aligned" (the 7th); the meeting is still to come
    text = ("The issue is expected to come up at a meeting of nations aligned against the "
            "junta in Rome on Thursday, envoys told reporters.")
    published = "2024-03-13"  # a Wednesday
    events = detect_events(Document("ex", text, _as_pubdate(published)),
                           tag(text, published=published))
    meeting = next(e for e in events if e.type == "meeting")
    assert meeting.when.start is not None and meeting.when.start >= D(2024, 3, 13)
