"""Merging one event reported by several articles into one `Event` with several sources.

Two events (from different documents) are the same when they have the same type, their dates
overlap, nothing sets them apart (both name places but none in common; both name other people
but none in common) and at least two of these hold: they share a participant, they share a
place (a city matches its country), their titles are alike (word overlap of at least 0.3).

The merged event keeps the title and date of its best-dated report (explicit over relation
over tense over publication, then the narrower interval), the union of participants and
locations, and every source, sorted by publication date, document and offset; its id comes
from its first source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from timeline.events.anchoring import overlaps
from timeline.events.dedupe import covered
from timeline.events.detect import event_id
from timeline.events.places import Place, gazetteer
from timeline.model import Event, Source, When

__all__ = ["merge_events", "same_across", "title_similarity"]

_RANK = {"explicit": 4, "relation": 3, "tense": 2, "publication": 1, "none": 0}
_STOP = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "and", "by", "from",
         "its", "his", "her", "their", "s"}
_MIN_SIMILARITY = 0.3


def title_similarity(a: str, b: str) -> float:
    """Jaccard overlap of the content words of two titles."""
    def words(title: str) -> set[str]:
        return {w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in _STOP}
    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _places(names: Iterable[str]) -> list[Place]:
    gaz = gazetteer()
    return [gaz.lookup(n) or Place(n, "region") for n in names]


def _share_place(a: Event, b: Event) -> bool:
    pa, pb = _places(a.locations), _places(b.locations)
    return any(covered(p, pa) for p in pb)


def same_across(a: Event, b: Event) -> bool:
    """True when `a` and `b`, reported by different documents, are one event."""
    if a.type != b.type or {s.document for s in a.sources} & {s.document for s in b.sources}:
        return False
    if not overlaps(a.when, b.when):
        return False
    share_people = set(a.participants) & set(b.participants)
    share_place = _share_place(a, b)
    if a.locations and b.locations and not share_place:
        return False
    others_a, others_b = set(a.participants) - share_people, set(b.participants) - share_people
    if others_a and others_b:
        return False
    votes = (bool(share_people) + share_place
             + (title_similarity(a.title, b.title) >= _MIN_SIMILARITY))
    return votes >= 2


def _width(when: When) -> float:
    if when.start is None or when.end is None:
        return float("inf")
    return float((when.end - when.start).days)


def _best(events: Sequence[Event]) -> Event:
    return min(events, key=lambda e: (-_RANK[e.when.derived], _width(e.when)))


def _source_key(source: Source) -> tuple[bool, str, str, int]:
    return (source.published is None, source.published or "", source.document, source.start)


def _combine(events: Sequence[Event]) -> Event:
    if len(events) == 1:
        return events[0]
    best = _best(events)
    sources = sorted((s for e in events for s in e.sources), key=_source_key)
    first = sources[0]
    participants = [p for e in [best, *events] for p in e.participants]
    locations = [p for e in [best, *events] for p in e.locations]
    return attrs.evolve(best, id=event_id(first.document, first.start, first.end),
                        participants=tuple(dict.fromkeys(participants)),
                        locations=tuple(dict.fromkeys(locations)), sources=tuple(sources))


_WIDE_MONTHS = 24  # intervals longer than this (or open) are compared with every event


def _months(when: When) -> range | None:
    """The months an interval covers, or None when it is open or long (compared with all)."""
    if when.start is None or when.end is None:
        return None
    first = when.start.year * 12 + when.start.month - 1
    last = when.end.year * 12 + when.end.month - 1
    return range(first, last + 1) if last - first < _WIDE_MONTHS else None


class _Blocks:
    """The merged events of one type, indexed by the months their dates cover.

    Two events can only be merged when their dates share a day (`overlaps`): a day lies in a
    month both cover, unless one of them is open or long (kept in `wide`) or both are undated.
    Comparing an event with its blocks only, in order of first appearance, finds the same first
    match as comparing it with every merged event, without the quadratic cost.
    """

    def __init__(self) -> None:
        self.undated: list[int] = []
        self.wide: list[int] = []
        self.by_month: dict[int, list[int]] = {}
        self.every: list[int] = []
        self.where: dict[int, tuple[bool, range | None]] = {}

    def add(self, k: int, when: When) -> None:
        months = _months(when)
        self.where[k] = (when.is_dated, months)
        if not when.is_dated:
            self.undated.append(k)
        elif months is None:
            self.wide.append(k)
        else:
            for month in months:
                self.by_month.setdefault(month, []).append(k)

    def move(self, k: int, when: When) -> None:
        dated, months = self.where[k]
        if (dated, months) == (when.is_dated, _months(when)):
            return
        if not dated:
            self.undated.remove(k)
        elif months is None:
            self.wide.remove(k)
        else:
            for month in months:
                self.by_month[month].remove(k)
        self.add(k, when)

    def candidates(self, when: When) -> list[int]:
        """Merged events that may share a day with `when`, in order of first appearance."""
        if not when.is_dated:
            return self.undated
        months = _months(when)
        if months is None:
            return sorted(k for k, (dated, _) in self.where.items() if dated)
        found = set(self.wide)
        for month in months:
            found.update(self.by_month.get(month, ()))
        return sorted(found)


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Events of several documents with the same event reported twice merged into one.

    The result keeps the order of first appearance in `events`. Each event is compared only
    with merged events of its type whose dates may overlap its own (see `_Blocks`).
    """
    clusters: list[list[Event]] = []
    merged: list[Event] = []
    blocks: dict[str, _Blocks] = {}
    for event in events:
        block = blocks.setdefault(event.type, _Blocks())
        for k in block.candidates(event.when):
            if same_across(merged[k], event):
                clusters[k].append(event)
                merged[k] = _combine(clusters[k])
                block.move(k, merged[k].when)
                break
        else:
            block.add(len(merged), event.when)
            clusters.append([event])
            merged.append(event)
    return merged
