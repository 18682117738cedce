"""Merging one event reported by several articles into one `Event` with several sources.

Two events (from different documents) are the same when they have the same type, nothing sets
them apart (both name places but none in common; both name other people, unless they share
more people than either names apart: "Annan met Putin and Lavrov" and "Annan held talks with
Putin, and Ban is visiting Beijing" are one meeting) and either

- their dates overlap and at least two of these hold: they share a participant, they share a
  place (a city matches its country), their titles are alike (word overlap of at least 0.3);
  when either date is open ("on or before 3 March" meets every earlier day), they must also
  share a participant or have titles overlapping by at least 0.5; or
- their dates do not overlap, but by at most a week, and all three hold, the titles
  overlapping by at least 0.5: the same happening dated differently by two articles (a
  *conflict*); or
- they are reported by one sentence copied by both articles (a wire story run by two papers, a
  background paragraph repeated by a later article): the same trigger, its same occurrence in
  the sentence, sentences of at least 6 words whose words overlap by at least 0.8; then
  neither the participants nor the places each article's context gave it keep them apart, and
  dates up to a week apart are a conflict.

The merged event keeps the title of its best-dated report (explicit over relation over
narrative over tense over publication, then the narrower interval), the union of participants
and locations, and every source, sorted by publication date, document and offset; its id comes
from its first source. Its date is the intersection of the reports' intervals when they have a
day in common (e.g. "this week" of 19-25 January and "on or before 21 January" give 19-21
January); otherwise the hull of them all, with `Event.conflict` set.

Merging does not depend on the order of its input: events are taken in a canonical order
(document, offset, id), each joins the most similar cluster it matches (titles, then the
cluster first formed), and merging repeats over the merged events until nothing changes, so
that merging a merged list changes nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from timeline.events.anchoring import overlaps
from timeline.events.dedupe import covered
from timeline.events.detect import event_id
from timeline.events.places import Place, gazetteer
from timeline.model import GRANULARITIES, Event, Source, When

__all__ = ["combine_whens", "merge_events", "same_across", "title_similarity"]

_RANK = {"explicit": 5, "relation": 4, "narrative": 3, "tense": 2, "publication": 1, "none": 0}
_STOP = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "and", "by", "from",
         "its", "his", "her", "their", "s"}
_MIN_SIMILARITY = 0.3
_MIN_CONFLICT_SIMILARITY = 0.5
#: Reports of one event dated apart by more days than this are two events (a repeated trip).
_MAX_CONFLICT_GAP = 7
#: Two sentences are one copied sentence (a wire story, a background paragraph repeated by a
#: later article) when they have at least this many words and overlap by at least this much.
_MIN_COPY_WORDS = 6
_MIN_COPY_SIMILARITY = 0.8


@functools.lru_cache(maxsize=1 << 15)
def _title_words(title: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in _STOP)


def title_similarity(a: str, b: str) -> float:
    """Jaccard overlap of the content words of two titles."""
    wa, wb = _title_words(a), _title_words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


@functools.lru_cache(maxsize=1 << 15)
def _sentence_words(sentence: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", sentence.lower()))


@functools.lru_cache(maxsize=1 << 15)
def _occurrence(trigger: str, sentence: str, offset: int) -> tuple[str, int]:
    """The trigger and how many times it appears in its sentence before `offset`."""
    trigger = trigger.lower()
    return trigger, sentence[:max(0, offset)].lower().count(trigger)


def _same_sentence(a: Source, b: Source) -> bool:
    """True when `a` and `b` report one event in one sentence copied by two articles: the same
    trigger (its same occurrence), in sentences of at least `_MIN_COPY_WORDS` words whose word
    overlap is at least `_MIN_COPY_SIMILARITY`."""
    if a.text.lower() != b.text.lower() or (
            _occurrence(a.text, a.sentence, a.start - a.sentence_start)
            != _occurrence(b.text, b.sentence, b.start - b.sentence_start)):
        return False
    wa, wb = _sentence_words(a.sentence), _sentence_words(b.sentence)
    if min(len(wa), len(wb)) < _MIN_COPY_WORDS:
        return False
    return len(wa & wb) >= _MIN_COPY_SIMILARITY * len(wa | wb)


def _copied(a: Event, b: Event) -> bool:
    return any(_same_sentence(x, y) for x in a.sources for y in b.sources)


@functools.lru_cache(maxsize=1 << 14)
def _places(names: tuple[str, ...]) -> tuple[Place, ...]:
    gaz = gazetteer()
    return tuple(gaz.lookup(n) or Place(n, "region") for n in names)


def _share_place(a: Event, b: Event) -> bool:
    pa, pb = _places(a.locations), _places(b.locations)
    return any(covered(p, pa) for p in pb)


def _documents(event: Event) -> set[str]:
    return {s.document for s in event.sources}


def same_across(a: Event, b: Event) -> bool:
    """True when `a` and `b`, reported by different documents, are one event."""
    if a.type != b.type or _documents(a) & _documents(b):
        return False
    if _copied(a, b):
        # one sentence copied by two articles reports one event, whatever each article's
        # context made of its participants; its dates may differ (a relative date read from
        # two publication days), within the conflict gap
        return overlaps(a.when, b.when) or _gap(a.when, b.when) <= _MAX_CONFLICT_GAP
    shared = set(a.participants) & set(b.participants)
    share_people = bool(shared)
    share_place = _share_place(a, b)
    if a.locations and b.locations and not share_place:
        return False
    others_a, others_b = set(a.participants) - shared, set(b.participants) - shared
    if others_a and others_b and len(shared) <= max(len(others_a), len(others_b)):
        # each names someone the other does not: other people met, unless most of the people
        # are shared (a name read from a neighbouring clause)
        return False
    similarity = title_similarity(a.title, b.title)
    if not overlaps(a.when, b.when):
        return bool(share_people) and share_place and similarity >= _MIN_CONFLICT_SIMILARITY \
            and _gap(a.when, b.when) <= _MAX_CONFLICT_GAP
    votes = bool(share_people) + share_place + (similarity >= _MIN_SIMILARITY)
    if _open(a.when) or _open(b.when):
        # "on or before 3 March" meets every earlier day: an open date is weak evidence, so
        # the reports must also share a participant or be worded alike
        return votes >= 2 and (bool(share_people) or similarity >= _MIN_CONFLICT_SIMILARITY)
    return votes >= 2


def _open(when: When) -> bool:
    return when.is_dated and (when.start is None or when.end is None)


def _gap(a: When, b: When) -> int:
    """Days between two dated intervals that do not meet (large when one is undated)."""
    if a.end is not None and b.start is not None and a.end < b.start:
        return (b.start - a.end).days
    if b.end is not None and a.start is not None and b.end < a.start:
        return (a.start - b.end).days
    return 10**6


def _width(when: When) -> float:
    if when.start is None or when.end is None:
        return float("inf")
    return float((when.end - when.start).days)


def _best(events: Sequence[Event]) -> Event:
    return min(events, key=lambda e: (-_RANK[e.when.derived], _width(e.when), _event_key(e)))


def _source_key(source: Source) -> tuple[bool, str, str, int, int]:
    return (source.published is None, source.published or "", source.document, source.start,
            source.end)


def _event_key(event: Event) -> tuple[object, ...]:
    """A total order on events, so that nothing depends on the order they come in."""
    return (min(_source_key(s) for s in event.sources), event.id, event.type, event.title,
            _when_key(event.when), event.participants, event.locations,
            tuple(sorted((*_source_key(s), s.text, s.sentence, s.sentence_start)
                         for s in event.sources)), event.conflict)


def _value(start: dt.date | None, end: dt.date | None) -> str | None:
    if start is None and end is None:
        return None
    if start == end:
        return start.isoformat() if start else None
    return f"{start.isoformat() if start else '..'}/{end.isoformat() if end else '..'}"


def combine_whens(whens: Sequence[When]) -> tuple[When, bool]:
    """The date of several reports of one event and whether they conflict.

    Dated reports that share a day give their intersection (the first report whose interval it
    is keeps its value and mod; otherwise the value is the ISO interval); reports with no day
    in common give the hull of their intervals (an open bound stays open) and True. Undated
    reports add nothing.
    """
    dated = [w for w in whens if w.is_dated]
    if not dated:
        return (whens[0] if whens else When()), False
    ordered = sorted(dated, key=lambda w: (-_RANK[w.derived], _width(w), _when_key(w)))
    starts = [w.start for w in dated if w.start is not None]
    ends = [w.end for w in dated if w.end is not None]
    lo, hi = (max(starts) if starts else None), (min(ends) if ends else None)
    if lo is None or hi is None or lo <= hi:
        for w in ordered:
            if (w.start, w.end) == (lo, hi):
                return w, False
        grain = "day" if lo is not None and hi is not None else ordered[0].granularity
        return When(_value(lo, hi), lo, hi, grain, ordered[0].derived), False
    lo = None if any(w.start is None for w in dated) else min(starts)
    hi = None if any(w.end is None for w in dated) else max(ends)
    coarsest = max((w.granularity for w in dated), key=GRANULARITIES.index)
    return When(_value(lo, hi), lo, hi, coarsest, ordered[0].derived), True


def _when_key(when: When) -> tuple[object, ...]:
    return (when.start or dt.date.min, when.end or dt.date.max, when.value or "",
            when.granularity, when.derived, when.mod or "")


def _combine(events: Sequence[Event]) -> Event:
    if len(events) == 1:
        return events[0]
    best = _best(events)
    others = sorted((e for e in events if e is not best), key=_event_key)
    sources = sorted((s for e in events for s in e.sources), key=_source_key)
    first = sources[0]
    participants = [p for e in [best, *others] for p in e.participants]
    locations = [p for e in [best, *others] for p in e.locations]
    when, conflict = combine_whens([e.when for e in [best, *others]])
    return attrs.evolve(best, id=event_id(first.document, first.start, first.end), when=when,
                        participants=tuple(dict.fromkeys(participants)),
                        locations=tuple(dict.fromkeys(locations)), sources=tuple(sources),
                        conflict=conflict or any(e.conflict for e in events))


_SHORT_DAYS = 62   # intervals up to this long are indexed by day; longer or open ones are "wide"


def _days(when: When, pad: int = 0) -> range | None:
    """Day ordinals of a short closed interval, widened by `pad` on both sides, else None."""
    if when.start is None or when.end is None or (when.end - when.start).days > _SHORT_DAYS:
        return None
    return range(when.start.toordinal() - pad, when.end.toordinal() + pad + 1)


class _Blocks:
    """Merged events indexed by type and day, so that an event is compared only with those it
    could merge with: `same_across` needs the same type and, for dated events, intervals that
    meet or lie at most `_MAX_CONFLICT_GAP` days apart (undated events only meet undated ones).
    An index entry may outlive a change of its event's date: it then only adds a candidate
    that `same_across` rejects."""

    def __init__(self) -> None:
        self.undated: dict[str, set[int]] = defaultdict(set)
        self.dated: dict[str, set[int]] = defaultdict(set)
        self.wide: dict[str, set[int]] = defaultdict(set)
        self.by_day: dict[tuple[str, int], set[int]] = defaultdict(set)

    def add(self, k: int, event: Event) -> None:
        when = event.when
        if not when.is_dated:
            self.undated[event.type].add(k)
            return
        self.dated[event.type].add(k)
        days = _days(when)
        if days is None:
            self.wide[event.type].add(k)
        else:
            for day in days:
                self.by_day[(event.type, day)].add(k)

    def candidates(self, event: Event) -> list[int]:
        when = event.when
        if not when.is_dated:
            return sorted(self.undated[event.type])
        days = _days(when, pad=_MAX_CONFLICT_GAP + 1)
        if days is None:
            return sorted(self.dated[event.type])
        found = set(self.wide[event.type])
        for day in days:
            found |= self.by_day.get((event.type, day), set())
        return sorted(found)


def _merge_once(events: Sequence[Event]) -> tuple[list[Event], bool]:
    clusters: list[list[Event]] = []
    merged: list[Event] = []
    blocks = _Blocks()
    changed = False
    for event in sorted(events, key=_event_key):
        matches = [k for k in blocks.candidates(event) if same_across(merged[k], event)]
        if not matches:
            clusters.append([event])
            merged.append(event)
            blocks.add(len(merged) - 1, event)
            continue
        k = max(matches, key=lambda i: (title_similarity(merged[i].title, event.title), -i))
        clusters[k].append(event)
        merged[k] = _combine(clusters[k])
        blocks.add(k, merged[k])
        changed = True
    return merged, changed


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Events of several documents with the same event reported twice merged into one.

    The result is in canonical order (first source, then id) and does not depend on the order
    of `events`; merging it again changes nothing.
    """
    current, changed = _merge_once(list(events))
    while changed:
        current, changed = _merge_once(current)
    return current
