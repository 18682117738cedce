"""Table-driven tests: tests/corpus/en.toml (one reference time, groups of phrasings)."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomllib

from timeline import tag

CORPUS = tomllib.loads((Path(__file__).parent / "corpus" / "en.toml").read_text("utf-8"))
REF = CORPUS["reference"]
GROUPS = [(g["value"], g.get("type"), p) for g in CORPUS["group"] for p in g["phrases"]]


def _why(phrase: str, found: list) -> str:
    return f"{phrase!r} -> {[(e.text, e.value) for e in found]}"


@pytest.mark.parametrize(("value", "type_", "phrase"), GROUPS)
def test_phrase_gives_value(value: str, type_: str | None, phrase: str) -> None:
    found = tag(phrase, REF)
    # Duckling's four failure modes: no match, several, partial cover, wrong value
    assert len(found) == 1, "expected exactly one expression: " + _why(phrase, found)
    expr = found[0]
    assert (expr.start, expr.end) == (0, len(phrase)), "does not cover: " + _why(phrase, found)
    assert expr.value == value, _why(phrase, found)
    if type_:
        assert expr.type == type_


@pytest.mark.parametrize("case", CORPUS["sentence"], ids=lambda c: c["text"])
def test_sentence_gives_value(case: dict) -> None:
    found = tag(case["text"], REF)
    assert len(found) == 1, _why(case["text"], found)
    assert found[0].value == case["expect"], _why(case["text"], found)
    if "mod" in case:
        assert found[0].mod == case["mod"]


@pytest.mark.parametrize("phrase", CORPUS["negative"]["phrases"])
def test_never_a_date(phrase: str) -> None:
    assert tag(phrase, REF) == [], _why(phrase, tag(phrase, REF))
