"""Cues of tense, aspect, modality and the story day in `timeline.anchor` (sentences of our own)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import Anchor, anchor

D = dt.date
PUB = "2024-03-12"  # a Tuesday


def at(text: str, word: str, published: str | None = PUB, nth: int = 0) -> Anchor:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return anchor(text, published, [(start, start + len(word))])[0]


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
