"""Key dates: the days a timeline's events and sources crowd on, the way timeline-summarization
systems pick the dates of a story.

Each event votes with its sources: every distinct document that reports it adds one vote
(a story told by five articles matters more than one told once). The vote is spread evenly
over the days of the event's interval: a day-precision event gives its whole vote to its day,
an event of "this week" gives a seventh of it to each day. Intervals wider than
`MAX_SPREAD` days (a month, a year) and open intervals ("on or before 17 March") name no key
day and do not vote. Ties go to the earlier day, so the ranking is deterministic.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from attrs import frozen

from timeline.model import Event

__all__ = ["MAX_SPREAD", "KeyDate", "key_dates", "score_days"]

#: Widest interval (in days) that still votes for its days.
MAX_SPREAD = 7


@frozen
class KeyDate:
    """A day of the timeline and its weight.

    Attributes:
        day: the day.
        score: the summed votes of the events on it.
        events: ids of the events that voted for it, in timeline order.
    """

    day: dt.date
    score: float
    events: tuple[str, ...]


def score_days(events: Iterable[Event]) -> dict[dt.date, tuple[float, list[str]]]:
    """Each day's summed votes and the ids of the events voting for it."""
    scores: dict[dt.date, float] = defaultdict(float)
    voters: dict[dt.date, list[str]] = defaultdict(list)
    for event in events:
        start, end = event.when.start, event.when.end
        if start is None or end is None:
            continue
        width = (end - start).days + 1
        if width > MAX_SPREAD:
            continue
        documents = len({s.document for s in event.sources})
        vote = documents / width
        for k in range(width):
            day = start + dt.timedelta(days=k)
            scores[day] += vote
            voters[day].append(event.id)
    return {day: (scores[day], voters[day]) for day in scores}


def key_dates(events: Iterable[Event], k: int) -> list[KeyDate]:
    """The `k` days with the most votes, best first (ties: the earlier day)."""
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    scored = score_days(events)
    ranked = sorted(scored.items(), key=lambda item: (-item[1][0], item[0]))
    return [KeyDate(day, round(score, 6), tuple(ids)) for day, (score, ids) in ranked[:k]]
