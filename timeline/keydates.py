"""Key dates: the days a timeline's events, sources and documents' date mentions crowd on, the
way timeline-summarization systems pick the dates of a story (Tran et al. 2013; Gholipour
Ghalandari & Ifrim 2020 rank days by how many articles mention them).

Each event votes with its sources: every distinct document that reports it adds one vote
(a story told by five articles matters more than one told once). The vote is spread evenly
over the days of the event's interval: a day-precision event gives its whole vote to its day,
an event of "this week" gives a seventh of it to each day. Intervals wider than
`MAX_SPREAD` days (a month, a year) and open intervals ("on or before 17 March") name no key
day and do not vote.

Each document also votes once for every distinct exact day it mentions (`DayReference`, collected
by the pipeline from the tagged expressions of day precision), except its own publication day
(every article "mentions" that one: "on Monday" in Monday's paper says nothing of importance; the
pipeline lists it for every document whose publication day is known, with no vote, so that the
references also tell when each document appeared).
A day looked back on carries more: a mention `g` days after the day weighs 1 + ln(1 + g), so a
day still recalled weeks later (the start of a war, a massacre) outranks one talked about only
while it happened; a mention of a day to come weighs 1. Mentions of a document whose publication
day is unknown weigh 1.

A day's votes are then scaled by its coverage: ((1 + N) / (1 + A)) ^ `coverage`, N being the
documents whose publication day is known and A those of them published after the day. Only
later documents can look back on a day, and a story's coverage is front-loaded (a war's first
weeks fill the papers, its end gets a handful of articles), so raw counts favour early days
however much the later days matter; the factor ranks a day by its votes per document that
could look back on it. It is 1 for a day before every document, 1 for a day after every
document (only forecasts name it, so there is nothing to normalize: scaling it up let any day
announced for after the last article come first), and 1 for every day when no reference
carries a publication day (a timeline read back from JSON). Its cost: without a `window`, the
last days of the coverage (few later articles) are scaled up the most; `floor` (a pseudo-count
of floor * N documents added to both sides, default 0) tempers that.

The weights, the spread, the coverage exponent and its floor are the fields of `Weights`
(defaults as above), so that `benchmarks/key_dates.py --loo` can choose each on two Timeline17
topics and score it on the third; of their variants only coverage 1 (was 0) has passed that
test (see docs/conventions.md for the figures).

`window` = (first, last) day limits the candidates (the standard Timeline17 protocol restricts
them to the span of the reference timeline). Ties go to the earlier day, so the ranking is
deterministic.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable

import attrs
from attrs import field, frozen

from timeline.model import DayReference, Document, Event, TimeExpression

__all__ = ["DEFAULT_WEIGHTS", "MAX_SPREAD", "KeyDate", "Weights", "coverage_factor",
           "day_references", "key_dates", "mention_weight", "score_days"]

#: Widest interval (in days) that still votes for its days.
MAX_SPREAD = 7


def _non_negative(_instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{attribute.name} must be a number, got {value!r}")
    if not value >= 0:  # also refuses NaN
        raise ValueError(f"{attribute.name} must be >= 0, got {value!r}")


@frozen
class Weights:
    """How `key_dates` weighs its evidence (the defaults are the documented ranking).

    Attributes:
        events: factor of the events' votes (0 = rank by the documents' mentions alone).
        recall: `c` in a looked-back mention's weight 1 + c * ln(1 + g) (0 = every mention 1).
        future: weight of a mention of a day after the document's publication day.
        spread: widest interval, in days, that still votes for its days.
        coverage: exponent of a day's coverage factor ((1 + N) / (1 + A)) ^ coverage, A of the N
            documents with a known publication day published after it (0 = raw votes).
        floor: pseudo-count, as a share of N, added to both sides of the coverage factor (0 =
            none; 0.1 keeps the days at the end of the coverage from being scaled up as much).
    """

    events: float = field(default=1.0, validator=_non_negative)
    recall: float = field(default=1.0, validator=_non_negative)
    future: float = field(default=1.0, validator=_non_negative)
    spread: int = field(default=MAX_SPREAD, validator=[attrs.validators.instance_of(int),
                                                        attrs.validators.ge(1)])
    coverage: float = field(default=1.0, validator=_non_negative)
    floor: float = field(default=0.0, validator=_non_negative)


DEFAULT_WEIGHTS = Weights()


@frozen
class KeyDate:
    """A day of the timeline and its weight.

    Attributes:
        day: the day.
        score: the summed votes on it (its events' and the documents' mentions), scaled by
            its coverage factor.
        events: ids of the events that voted for it, in timeline order.
    """

    day: dt.date
    score: float
    events: tuple[str, ...]


def score_days(events: Iterable[Event], weights: Weights = DEFAULT_WEIGHTS,
               ) -> dict[dt.date, tuple[float, list[str]]]:
    """Each day's summed votes and the ids of the events voting for it."""
    scores: dict[dt.date, float] = defaultdict(float)
    voters: dict[dt.date, list[str]] = defaultdict(list)
    for event in events:
        start, end = event.when.start, event.when.end
        if start is None or end is None:
            continue
        width = (end - start).days + 1
        if width > weights.spread:
            continue
        documents = len({s.document for s in event.sources})
        vote = weights.events * documents / width
        for k in range(width):
            day = start + dt.timedelta(days=k)
            scores[day] += vote
            voters[day].append(event.id)
    return {day: (scores[day], voters[day]) for day in scores}


def day_references(document: Document,
                   expressions: Iterable[TimeExpression]) -> list[DayReference]:
    """The distinct exact days `document`'s expressions name (DATE values of one day, no
    modifier such as "before", not latent), in the order first mentioned, then the document's
    own publication day when it is known to the day and not mentioned (it carries no vote but
    tells `key_dates` when the document appeared)."""
    pub = document.published
    published = pub.earliest if pub is not None and pub.grain == "day" else None
    seen: dict[dt.date, DayReference] = {}
    for expr in expressions:
        day = expr.earliest
        if (expr.latent or expr.type != "DATE" or expr.mod is not None or day is None
                or day != expr.latest or day in seen):
            continue
        seen[day] = DayReference(document.id, day, published)
    if published is not None and published not in seen:
        seen[published] = DayReference(document.id, published, published)
    return list(seen.values())


def mention_weight(reference: DayReference, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """A document's vote for a day it mentions: 0 for its own publication day, 1 + ln(1 + g)
    for a day `g` days before it, 1 for a later day or an unknown publication day (with
    `weights`: 1 + recall * ln(1 + g) and `future` for a later day)."""
    if reference.published is None:
        return 1.0
    gap = (reference.published - reference.day).days
    if gap == 0:
        return 0.0
    return 1.0 + weights.recall * math.log1p(gap) if gap > 0 else weights.future


def coverage_factor(references: Iterable[DayReference], weights: Weights = DEFAULT_WEIGHTS,
                    ) -> Callable[[dt.date], float]:
    """A day's coverage factor ((1 + f + N) / (1 + f + A)) ^ `weights.coverage`: N documents
    have a known publication day in `references` (one per document), A of them were published
    after the day, f = `weights.floor` * N; 1 for a day after every document (no document could
    look back on it: only forecasts name it)."""
    published: dict[str, dt.date] = {}
    for ref in references:
        if ref.published is not None:
            published.setdefault(ref.document, ref.published)
    days = sorted(published.values())
    total = len(days)
    prior = 1.0 + weights.floor * total
    power = weights.coverage

    def factor(day: dt.date) -> float:
        if power == 0 or total == 0 or day > days[-1]:
            return 1.0  # after every document: only forecasts name it, nobody looks back on it
        later = total - bisect.bisect_right(days, day)
        return float(((prior + total) / (prior + later)) ** power)
    return factor


def key_dates(events: Iterable[Event], k: int, references: Iterable[DayReference] = (),
              window: tuple[dt.date | None, dt.date | None] | None = None,
              weights: Weights = DEFAULT_WEIGHTS) -> list[KeyDate]:
    """The `k` days with the most votes (events' sources plus the documents' mentions of the
    day, scaled by the day's `coverage_factor`), best first (ties: the earlier day); only days
    inside `window` (first, last; inclusive, None = open) when given; `weights` as in
    `Weights`."""
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    first, last = window if window is not None else (None, None)
    if first is not None and last is not None and first > last:
        raise ValueError(f"window starts after it ends: {first} > {last}")
    scores: dict[dt.date, float] = defaultdict(float)
    voters: dict[dt.date, list[str]] = defaultdict(list)
    for day, (score, ids) in score_days(events, weights).items():
        scores[day] += score
        voters[day] = ids
    references = list(references)
    seen: set[tuple[str, dt.date]] = set()
    for ref in references:
        if (ref.document, ref.day) in seen:  # one vote per document and day
            continue
        seen.add((ref.document, ref.day))
        scores[ref.day] += mention_weight(ref, weights)
    factor = coverage_factor(references, weights)
    ranked = sorted(
        ((day, score * factor(day)) for day, score in scores.items()
         if score > 0 and (first is None or day >= first) and (last is None or day <= last)),
        key=lambda item: (-item[1], item[0]))
    return [KeyDate(day, round(score, 6), tuple(voters.get(day, ()))) for day, score in ranked[:k]]
