"""Resolution against publication dates of every precision, and without one."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import PubDate, PublicationDateError, TaggerConfig, tag
from timeline.tagger.api import find_dateline


def one(text: str, published: object) -> object:
    found = tag(text, published)  # type: ignore[arg-type]
    assert len(found) == 1, [(e.text, e.value) for e in found]
    return found[0]


def test_month_anchor_resolves_month_level_expressions() -> None:
    e = one("last month", "2025-04")
    assert (e.value, e.earliest, e.latest) == ("2025-03", dt.date(2025, 3, 1), dt.date(2025, 3, 31))


def test_month_anchor_gives_honest_width_for_this_week() -> None:
    e = one("this week", "2025-04")
    assert e.value == "2025-WXX"
    assert (e.earliest, e.latest) == (dt.date(2025, 4, 1), dt.date(2025, 4, 30))


def test_month_anchor_never_guesses_a_day() -> None:
    e = one("yesterday", "2025-04")
    assert "X" in e.value
    assert (e.earliest, e.latest) == (dt.date(2025, 3, 31), dt.date(2025, 4, 29))


def test_year_anchor() -> None:
    assert one("last year", "2025").value == "2024"
    e = one("last month", "2025")
    assert (e.earliest, e.latest) == (dt.date(2024, 12, 1), dt.date(2025, 11, 30))


@pytest.mark.parametrize(("text", "value"), [
    ("last month", "XXXX-XX"), ("yesterday", "XXXX-XX-XX"), ("this week", "XXXX-WXX"),
    ("recently", "PAST_REF"), ("on Friday", "XXXX-WXX-5"), ("in March", "XXXX-03"),
])
def test_without_publication_date_relative_stays_unresolved(text: str, value: str) -> None:
    e = tag(text, None, TaggerConfig(use_dateline=False))[-1]
    assert e.value == value
    assert e.earliest is None or value == "PAST_REF"


def test_absolute_dates_need_no_anchor() -> None:
    assert one("on 17 March 2025", None).value == "2025-03-17"


@pytest.mark.parametrize("head", ["Ottawa, 17-03-2025 -", "March 17, 2025\n", "News 2025-03-17"])
def test_dateline_serves_as_publication_date(head: str) -> None:
    text = head + " The minister left yesterday."
    found = find_dateline(text)
    assert found == PubDate(2025, 3, 17, source="text")
    assert tag(text)[-1].value == "2025-03-16"
    assert tag(text, config=TaggerConfig(use_dateline=False))[-1].value == "XXXX-XX-XX"


def test_dateline_only_near_the_top() -> None:
    text = "x " * 400 + "March 17, 2025. He left yesterday."
    assert find_dateline(text) is None


def test_day_first_is_configurable() -> None:
    assert one("03/04/2025", None).value == "2025-04-03"
    assert tag("03/04/2025", None, TaggerConfig(day_first=False))[0].value == "2025-03-04"
    assert tag("13/04/2025", None, TaggerConfig(day_first=False))[0].value == "2025-04-13"


@pytest.mark.parametrize("bad", ["2025-13", "17-03-2025", "2025-02-30", "", "tomorrow"])
def test_bad_publication_date_is_a_clear_error(bad: str) -> None:
    with pytest.raises(PublicationDateError) as info:
        tag("today", bad)
    assert info.value.value == bad
