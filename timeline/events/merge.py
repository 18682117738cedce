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


_SHORT_DAYS = 62   # intervals up to this long are also indexed by day
_WIDE_MONTHS = 24  # intervals longer than this (or open) are compared with every event


def _months(when: When) -> range | None:
    """The months an interval covers, or None when it is open or long (compared with all)."""
    if when.start is None or when.end is None:
        return None
    first = when.start.year * 12 + when.start.month - 1
    last = when.end.year * 12 + when.end.month - 1
    return range(first, last + 1) if last - first < _WIDE_MONTHS else None


def _days(when: When) -> range | None:
    """The days (ordinals) of a short interval, else None."""
    if when.start is None or when.end is None:
        return None
    first, last = when.start.toordinal(), when.end.toordinal()
    return range(first, last + 1) if last - first < _SHORT_DAYS else None


def _index_keys(event: Event) -> set[str]:
    """Keys under which a merged event is found: its people, and for each of its places the
    place, its country and its continent."""
    gaz = gazetteer()
    keys = {"p:" + name for name in event.participants}
    for place in _places(event.locations):
        keys.add("l:" + place.name)
        country = gaz.country_of(place)
        if country:
            keys.add("l:" + country)
        if place.continent:
            keys.add("c:" + place.continent)
    return keys


def _query_keys(event: Event) -> set[str]:
    """Keys a merged event must have for `same_across(it, event)` to hold. Two of its three
    votes are needed, so one is a shared person or a shared place; a place of `event` is
    covered by one of the other's places when they have the same name, one is the other's
    country, or it is a continent the other lies in (see dedupe.covered)."""
    gaz = gazetteer()
    keys = {"p:" + name for name in event.participants}
    for place in _places(event.locations):
        keys.add("l:" + place.name)
        country = gaz.country_of(place)
        if country:
            keys.add("l:" + country)
        if place.kind == "continent" and place.continent:
            keys.add("c:" + place.continent)
    return keys


class _Blocks:
    """The merged events of one type, indexed by their people and places and by the days and
    months their dates cover.

    Two events can only be merged when they share a person or a place (`_query_keys`) and
    their dates share a day (`overlaps`). A short interval
    (up to two months) is indexed by its days and months, a longer one by its months, an open
    or very long one (`wide`) not at all, an undated one apart: two short intervals meet on a
    day both cover, a short and a long one in a month both cover; wide intervals are compared
    with every dated event. Comparing an event with these candidates only, in order of first
    appearance, finds the same first match as comparing it with every merged event, without the
    quadratic cost.
    """

    def __init__(self) -> None:
        self.undated: list[int] = []
        self.wide: list[int] = []
        self.by_day: dict[int, list[int]] = {}
        self.short_by_month: dict[int, list[int]] = {}
        self.long_by_month: dict[int, list[int]] = {}
        self.where: dict[int, tuple[bool, range | None, range | None]] = {}
        self.by_key: dict[str, set[int]] = {}
        self.keys: dict[int, set[str]] = {}

    @staticmethod
    def _place(when: When) -> tuple[bool, range | None, range | None]:
        return when.is_dated, _months(when), _days(when)

    def _buckets(self, place: tuple[bool, range | None, range | None]) \
            -> list[tuple[dict[int, list[int]], range]]:
        _, months, days = place
        if months is None:
            return []
        if days is None:
            return [(self.long_by_month, months)]
        return [(self.short_by_month, months), (self.by_day, days)]

    def add(self, k: int, event: Event) -> None:
        when = event.when
        self.keys[k] = _index_keys(event)
        for key in self.keys[k]:
            self.by_key.setdefault(key, set()).add(k)
        place = self.where[k] = self._place(when)
        if not place[0]:
            self.undated.append(k)
        elif place[1] is None:
            self.wide.append(k)
        for index, spans in self._buckets(place):
            for unit in spans:
                index.setdefault(unit, []).append(k)

    def move(self, k: int, event: Event) -> None:
        for key in self.keys.pop(k):
            self.by_key[key].discard(k)
        place = self.where.pop(k)
        if not place[0]:
            self.undated.remove(k)
        elif place[1] is None:
            self.wide.remove(k)
        for index, spans in self._buckets(place):
            for unit in spans:
                index[unit].remove(k)
        self.add(k, event)

    def candidates(self, event: Event) -> list[int]:
        """Merged events that may be `event`: sharing a person or a place with it and
        perhaps a day, in order of first appearance."""
        sharing: set[int] = set()
        for key in _query_keys(event):
            sharing |= self.by_key.get(key, set())
        return sorted(sharing & self._dated_like(event.when))

    def _dated_like(self, when: When) -> set[int]:
        """Merged events whose dates may share a day with `when`."""
        if not when.is_dated:
            return set(self.undated)
        months, days = _months(when), _days(when)
        if months is None:
            return {k for k, place in self.where.items() if place[0]}
        found = set(self.wide)
        for month in months:
            found.update(self.long_by_month.get(month, ()))
        if days is None:
            for month in months:
                found.update(self.short_by_month.get(month, ()))
        else:
            for day in days:
                found.update(self.by_day.get(day, ()))
        return found


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
        for k in block.candidates(event):
            if same_across(merged[k], event):
                clusters[k].append(event)
                merged[k] = _combine(clusters[k])
                block.move(k, merged[k])
                break
        else:
            block.add(len(merged), event)
            clusters.append([event])
            merged.append(event)
    return merged
