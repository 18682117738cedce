"""The prefilter skips work only: through it every pattern finds what its own finditer finds,
also the patterns gated by a literal they require."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.tagger.prefilter import BOUNDARY, Prefilter
from timeline.tagger.resources import load_grammar

_NAME_DAILY = re.compile(BOUNDARY + r"(?P<name>[a-z][a-z'-]+)\s+daily\b")
_YEAR = re.compile(BOUNDARY + r"(?:19|20)\d\d\b")


def _found(pf: Prefilter, index: int, text: str) -> list[tuple[int, int]]:
    positions = pf.candidates(text)
    if index not in positions and index not in pf.unindexed:
        return []
    return [m.span() for m in pf.finditer(index, text, positions.get(index, ()))]


def test_a_pattern_that_begins_anywhere_is_gated_by_its_literal() -> None:
    pf = Prefilter([_NAME_DAILY, _YEAR], gate=True)
    assert list(pf.gates) == [0]
    assert pf.gates[0].literals == ("daily",)
    assert 0 not in pf.candidates("the star reported it in 2011")
    assert _found(pf, 0, "in 2011 the star daily said") == [(12, 22)]
    assert _found(pf, 1, "in 2011 the star daily said") == [(3, 7)]
    # positions() (the event triggers' use) is not gated: without `gate`, nothing is
    assert Prefilter([_NAME_DAILY, _YEAR]).gates == {}


_NAME_TODAY = re.compile(BOUNDARY + r"(?P<name>[a-z][a-z'-]+) (?P<when>today|tonight)\b")


def test_a_gate_may_be_one_of_several_literals_and_keeps_to_the_words_before_it() -> None:
    pf = Prefilter([_NAME_TODAY, _YEAR], gate=True)
    assert pf.gates[0].literals == (" today", " tonight")
    assert 0 not in pf.candidates("in 2011 the world said")
    # only the words that reach "today" or "tonight" through letters and one space: not
    # "in", "the" (a comma and a digit stand between), only "world" and "news"
    text = "in 2011, the world today and, 1999 news tonight"
    assert pf.candidates(text)[0] == [text.index("world"), text.index("news")]
    assert _found(pf, 0, text) == [m.span() for m in _NAME_TODAY.finditer(text)] \
        == [(13, 24), (35, 47)]


_SPACED_TODAY = re.compile(BOUNDARY + r"(?P<name>[a-z][a-z'-]+)\s+(?:to(?:day|night))\b")
_GATE_WORDS = st.sampled_from(["today", "tonight", "world", "the", "a", "x1", "1999", "daily",
                               "news", "-", "'", ",", "todays", "to-day", "é", "night"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_GATE_WORDS, max_size=25),
       st.lists(st.sampled_from([" ", "  ", "\n", "", "-", "\u00a0"]), min_size=1))
def test_windows_lose_no_match(words: list[str], seps: list[str]) -> None:
    text = "".join(w + seps[k % len(seps)] for k, w in enumerate(words))
    pf = Prefilter([_NAME_TODAY, _SPACED_TODAY, _NAME_DAILY, _YEAR], gate=True)
    assert set(pf.gates) == {0, 1, 2}
    for index, pattern in enumerate(pf.patterns):
        assert _found(pf, index, text) == [m.span() for m in pattern.finditer(text)], text


def test_the_tagger_gates_only_what_it_must() -> None:
    grammar = load_grammar("en")
    pf = grammar.prefilter
    for index, gate in pf.gates.items():
        pattern = pf.patterns[index]
        assert gate.literals
        assert all(literal and literal in pattern.pattern.replace("\\", "")
                   for literal in gate.literals)


_WORDS = st.sampled_from(["the", "star", "daily", "Daily", "said", "2011", "half", "a", "and",
                          "year", "times", ",", ".", "'s", "-", "1999", "sunday", "mail",
                          "today", "Today", "tonight", "world", "russia", "and", "may",
                          "one-and-a-half", "half", "two", "hours", "\u2019s", "é"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=30), st.sampled_from([" ", "  ", "\n"]))
def test_gated_patterns_find_what_finditer_finds(words: list[str], sep: str) -> None:
    text = sep.join(words).lower()
    pf = load_grammar("en").prefilter
    for index in pf.gates:
        assert _found(pf, index, text) == [m.span() for m in pf.patterns[index].finditer(text)]


# --- a key that many patterns may begin with ("the ") is read further -------------------------

_UNITS = ["week", "month", "year", "day", "decade", "quarter", "season", "summer", "night",
          "morning", "weekend", "fall", "spring", "century", "hour", "term", "period", "era",
          "future", "past", "present", "time", "moment", "cycle", "round", "phase"]
_THE_PATTERNS = [re.compile(BOUNDARY + rf"(?:the\s+)?(?:last|next)\s+{unit}\b", re.IGNORECASE)
                 for unit in _UNITS] + [
    re.compile(BOUNDARY + rf"the\s+{unit}\s+before\b", re.IGNORECASE) for unit in _UNITS]


def test_a_crowded_key_is_read_further() -> None:
    pf = Prefilter(_THE_PATTERNS)
    text = "the week before, the next week and THE\tlast  Month; the end"
    assert len(pf._lookup("the ")) == len(_THE_PATTERNS)  # all may begin with "the "
    at = dict(pf.positions(text))
    # "the week" (eight characters): the patterns of "the week before" and "the weekend
    # before" only; "the end": none at all
    assert [pf.patterns[i].pattern for i in at[0]] == [
        BOUNDARY + r"the\s+week\s+before\b", BOUNDARY + r"the\s+weekend\s+before\b"]
    assert text.index("the end") not in at
    for index, pattern in enumerate(pf.patterns):
        positions = pf.candidates(text)
        assert [m.span() for m in pf.finditer(index, text, positions.get(index, ()))] \
            == [m.span() for m in pattern.finditer(text)], pattern.pattern


_THE_WORDS = st.sampled_from(["the", "The", "THE", "last", "next", "week", "weeks", "month",
                              "before", "fiscal", "year", "same", "day", "past", "three",
                              "first", "half", "of", "1990s", "2011", "end", "weekend", "very",
                              "following", "near", "future", "quarter", "ended", "Monday"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_THE_WORDS, max_size=30),
       st.lists(st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", " - "]), min_size=1))
def test_crowded_keys_lose_no_match(words: list[str], seps: list[str]) -> None:
    text = "".join(w + seps[k % len(seps)] for k, w in enumerate(words))
    for pf in (load_grammar("en").prefilter, Prefilter(_THE_PATTERNS)):
        positions = pf.candidates(text)
        for index, pattern in enumerate(pf.patterns):
            found = [m.span() for m in pf.finditer(index, text, positions.get(index, ()))]
            assert found == [m.span() for m in pattern.finditer(text)], pattern.pattern


def test_only_keys_of_named_characters_are_read_further_and_only_a_few() -> None:
    # thirty patterns that begin with any four digits: a key of digits (a class the patterns
    # never name one by one) is not read further, however many patterns it begins
    digits = [re.compile(BOUNDARY + rf"\d{{4}}\s+{word}\b") for word in _UNITS[:30]]
    pf = Prefilter(digits + _THE_PATTERNS)
    text = "In 2011 week, 1999 month and the week before; the last night."
    positions = pf.candidates(text)
    assert pf._deep[pf._canonical("the ")] is not None  # letters and a space: read further
    assert pf._deep[pf._canonical("2011")] is None  # four stand-ins for a digit: not
    for index, pattern in enumerate(pf.patterns):
        assert [m.span() for m in pf.finditer(index, text, positions.get(index, ()))] \
            == [m.span() for m in pattern.finditer(text)], pattern.pattern


def test_the_keys_read_further_are_bounded_in_number_and_size() -> None:
    from timeline.tagger import prefilter
    pf = load_grammar("en").prefilter
    words = " ".join(f"{a}{b}{c}{d}" for a in "tlnp" for b in "ahea" for c in "set" for d in "t ")
    pf.candidates(words * 3)
    assert len(pf._deep) <= prefilter._MAX_DEEP_KEYS
    for deep in pf._deep.values():
        if deep is not None:
            assert sum(len(rests) for rests in deep[1].values()) <= prefilter._MAX_DEEP_ENTRIES
