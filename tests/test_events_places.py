"""Capitals named by description ("the Libyan capital", "the capital" near a city of one
country): the examples of ``[capital]`` in places.toml run as tests."""

from __future__ import annotations

import pytest

from timeline.events import detect_events
from timeline.events.places import find_places
from timeline.events.resources import EVENTS_DIR, read_toml
from timeline.model import Document, PubDate

CAPITAL = read_toml(EVENTS_DIR / "places.toml")[0]["capital"]


@pytest.mark.parametrize("example", CAPITAL["examples"])
def test_a_described_capital_is_its_city(example: str) -> None:
    marked, city = (part.strip() for part in example.split("=>"))
    phrase = marked[marked.index("[[") + 2:marked.index("]]")]
    text = marked.replace("[[", "").replace("]]", "")
    found = [(p.surface, p.place.name) for p in find_places(text)]
    assert (phrase, city) in found


@pytest.mark.parametrize("text", CAPITAL["counterexamples"])
def test_no_capital_is_read_without_a_country(text: str) -> None:
    # an apposition names the city itself; "the capital" with no country (or several) in its
    # sentence, or after another adjective, names none
    assert not [p for p in find_places(text) if "capital" in p.surface]


def test_an_event_in_the_capital_is_placed_in_the_city() -> None:
    for text in ("Ana Ruiz arrived in the Libyan capital on Monday.",
                 "Rebels in Benghazi said Ana Ruiz arrived in the capital on Monday."):
        events = detect_events(Document("d", text, PubDate.parse("2011-03-02")), [])
        assert [e.locations for e in events if e.type == "travel"] == [("Tripoli",)]
