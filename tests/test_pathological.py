"""Pathological inputs are tagged, in time linear in their size (the time is measured by
benchmarks/linear_time.py, never here): no pattern backtracks catastrophically, no stage is
quadratic in the number of expressions, a run of MAX_TOKEN+ non-space characters is skipped."""

from __future__ import annotations

import pytest

from timeline import tag
from timeline.tagger.api import MAX_TOKEN

MB = 1_000_000


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


# 1 MB where tagging is cheap (what MAX_TOKEN skips); less for plain text, which is scanned at
# the usual speed, and less still where every few characters are an expression to resolve
CASES = {
    "100,000 digits": ("7" * 100_000, 0),
    "1-1-1-1-...": (_repeat("1-", MB), 0),
    "the the the ...": (_repeat("the ", MB // 4), 0),
    "spaces": ("a" + " " * (MB - 2) + "b", 0),
    "one line, no newline": (_repeat("Talks ended on March 17, 2025; they met last week. ",
                                     MB // 4), None),
    "month names": (_repeat("March ", 60_000), 10_000),
    "one 1 MB word": ("x" * MB, 0),
}


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_input_is_tagged(name: str) -> None:
    text, expected = CASES[name]
    found = tag(text, "2025-03-18")
    if expected is not None:
        assert len(found) == expected
    else:
        assert len(found) > len(text) // 60
    for e in found[:50] + found[-50:]:
        assert text[e.start:e.end] == e.text


def test_a_date_next_to_a_long_token_is_still_found() -> None:
    noise = "9" * (MAX_TOKEN + 1)
    text = f"{noise} On March 17, 2025 {noise}"
    (e,) = tag(text)
    assert (e.text, e.value, text[e.start:e.end]) == ("March 17, 2025", "2025-03-17", e.text)
    # a date glued to a long token is part of it, and is not looked into
    assert tag(noise + "March 17, 2025") == []
    # up to MAX_TOKEN characters are looked into as usual
    assert [e.value for e in tag("x" * (MAX_TOKEN - 20) + " in 2025")] == ["2025"]
    # a long gap of whitespace separates, and what is around it is found
    gap = " " * (MAX_TOKEN + 1)
    found = tag(f"in 2024{gap}in 2025{gap}\n\n{gap}on March 17, 2025")
    assert [e.value for e in found] == ["2024", "2025", "2025-03-17"]
    assert tag(f"March{gap}17, 2025")[0].value != "2025-03-17"
