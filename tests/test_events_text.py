"""Sentence splitting, clause segments and quotations for event detection."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline.events.text import (
    coarse_segments,
    fine_segments,
    is_title_case,
    quote_spans,
    split_sentences,
    tokenize,
)


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_titles_and_initialisms_do_not_end_sentences() -> None:
    text = ("Dr. Amara Osei met Mr. Lund in Oslo. The U.S. envoy was there too. "
            "Talks ended at 5 p.m. on Friday.")
    assert _texts(text) == ["Dr. Amara Osei met Mr. Lund in Oslo.",
                            "The U.S. envoy was there too.",
                            "Talks ended at 5 p.m. on Friday."]


def test_initialism_then_a_sentence_starter_ends_the_sentence() -> None:
    text = "Exports fell sharply to the U.S. The ministry blamed tariffs."
    assert _texts(text) == ["Exports fell sharply to the U.S.",
                            "The ministry blamed tariffs."]


def test_line_breaks_end_sentences_and_blank_lines_end_blocks() -> None:
    text = "Heading Without Period Here\nFirst line. Second line.\n\nNew block."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Heading Without Period Here", "First line.",
                                           "Second line.", "New block."]
    assert [s.block for s in sentences] == [0, 0, 0, 1]
    assert sentences[0].headline and not sentences[1].headline


def test_quotes_closing_after_the_period() -> None:
    text = "She said, “We are ready.” Then she left."
    assert _texts(text) == ["She said, “We are ready.”", "Then she left."]
    assert quote_spans(text) == [(10, 25)]


def test_tokenized_quotes_may_run_over_lines_but_not_past_the_next_one() -> None:
    text = "`` We will win .\nWe will stay , '' he said . `` Never ! An opening left open"
    assert quote_spans(text) == [(0, 34)]
    text = "`` Unclosed , he said . `` Closed , '' she said ."
    assert quote_spans(text) == [(24, 38)]


@given(st.lists(st.sampled_from(["Dr. Li spoke.", "The U.S. agreed.", "Ok", "\n", "\n\n",
                                 " ", "He met Mr. Ng in Seoul!", "“Yes.” She left.", "e.g. this"]),
                max_size=12))
def test_sentence_offsets_are_exact(parts: list[str]) -> None:
    text = "".join(parts)
    previous_end = 0
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end


def test_tokens_keep_initialisms_possessives_and_hyphenated_names() -> None:
    words = [t.text for t in tokenize("The U.S.-led plan, Lee Jae-myung’s visit")]
    assert words == ["The", "U.S.", "-", "led", "plan", ",", "Lee", "Jae-myung’s", "visit"]
    assert tokenize("Lee’s")[0].bare == "Lee"


def test_segments_cut_clauses_but_not_lists() -> None:
    (sentence,) = split_sentences(
        "Ministers met leaders from Peru, Chile and Brazil, aiming to revive trade talks.")
    segments = [sentence.text[a:b] for a, b in coarse_segments(sentence)]
    assert segments == ["Ministers met leaders from Peru, Chile and Brazil",
                        ", aiming to revive trade talks."]


def test_fine_segments_split_before_infinitives_and_that() -> None:
    (sentence,) = split_sentences("The cabinet pledged to raise spending by 2030, officials "
                                  "said that week.")
    fine = [sentence.text[a:b].strip() for a, b in fine_segments(sentence)]
    assert fine[0] == "The cabinet pledged"
    assert fine[1].startswith("to raise spending by 2030")


def test_title_case_detection() -> None:
    assert is_title_case("Strategic Options for Arctic Security Cooperation")
    assert not is_title_case("The minister arrives in Oslo this week")


def _segments(text: str) -> list[str]:
    (sentence,) = split_sentences(text)
    return [sentence.text[a:b].strip(" ,") for a, b in coarse_segments(sentence)]


def test_a_participle_after_a_full_clause_opens_a_clause() -> None:
    assert _segments("A bomb exploded in the market, killing 20 people.") == \
        ["A bomb exploded in the market", "killing 20 people."]


def test_the_main_verb_after_an_apposition_stays_with_its_subject() -> None:
    # no verb before the comma: "reached" is the main verb, not a participle clause, so the
    # date opening the sentence still dates it
    text = "On May 4, firefighters from the valley, most of them volunteers, reached the village."
    assert _segments(text) == [text]
