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
    assert pf.gates == {0: "daily"}
    assert 0 not in pf.candidates("the star reported it in 2011")
    assert _found(pf, 0, "in 2011 the star daily said") == [(12, 22)]
    assert _found(pf, 1, "in 2011 the star daily said") == [(3, 7)]
    # positions() (the event triggers' use) is not gated: without `gate`, nothing is
    assert Prefilter([_NAME_DAILY, _YEAR]).gates == {}


def test_the_tagger_gates_only_what_it_must() -> None:
    grammar = load_grammar("en")
    pf = grammar.prefilter
    for index, literal in pf.gates.items():
        pattern = pf.patterns[index]
        assert literal and literal in pattern.pattern.replace("\\", "")


_WORDS = st.sampled_from(["the", "star", "daily", "Daily", "said", "2011", "half", "a", "and",
                          "year", "times", ",", ".", "'s", "-", "1999", "sunday", "mail"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=30), st.sampled_from([" ", "  ", "\n"]))
def test_gated_patterns_find_what_finditer_finds(words: list[str], sep: str) -> None:
    text = sep.join(words).lower()
    pf = load_grammar("en").prefilter
    for index in pf.gates:
        assert _found(pf, index, text) == [m.span() for m in pf.patterns[index].finditer(text)]
