"""Merging one event reported by several articles into one `Event` with several sources.

Two events (from different documents) are the same when they have the same type, nothing sets
them apart and the evidence is enough. Apart are reports that

- both name places but none in common, or both name cities (or towns) but none in common (a
  city matches its country, but "a meeting in Tunis" and "a meeting in Istanbul" are two
  meetings whatever country both name);
- both name other people, unless they share more people than either names apart ("Annan met
  Putin and Lavrov" and "Annan held talks with Putin, and Ban is visiting Beijing" are one
  meeting); names are compared by `name_key`, so that spellings of one transliterated name
  ("Gaddafi", "Qaddafi", "Kadhafi"; "Vassiliou", "Vasiliou") are one person;
- are of a type whose trigger words name different acts (statements: "warned", "vowed";
  policies: "launched", "imposed", "pledged") with no trigger word in common.

The evidence: a shared participant, a shared place, titles alike (word overlap of at least 0.3,
the words of the places left out: they vote on their own). Either

- their dates meet and at least two of these hold; when either date is weak -- open ("on or
  before 3 March") or longer than a week ("last month") -- they must also share a participant
  or have titles overlapping by at least 0.5. An open date meets only the week before (after)
  its known bound: "has vowed to fight on", told on 8 March, is no report of a vow of February;
  a single day read from a tense or the publication date meets the day before and after too
  (an article written the evening before); or
- their dates do not meet, but lie at most a week apart, and all three hold, the (whole)
  titles overlapping by at least 0.5: the same happening dated differently by two articles (a
  *conflict*); or
- they are reported by one sentence copied by both articles (a wire story run by two papers, a
  background paragraph repeated by a later article): the same trigger, its same occurrence in
  the sentence, sentences of at least 6 words whose words overlap by at least 0.8; then
  neither the participants nor the places each article's context gave it keep them apart, and
  dates up to a week apart are a conflict.

The merged event keeps the title of its best-dated report (explicit over relation over
narrative over tense over publication, then the narrower interval), the union of participants
(one spelling of each name, the best report's first) and locations, and every source, sorted by
publication date, document and offset; its id comes from its first source. Its date is the
intersection of the reports' intervals when they have a day in common (e.g. "this week" of
19-25 January and "on or before 21 January" give 19-21 January); otherwise the hull of them
all, with `Event.conflict` set.

Merging does not depend on the order of its input: events are taken in a canonical order
(document, offset, id), each joins the most similar cluster it matches (one holding a sentence
it copies, then titles, then the cluster first formed), and merging repeats over the merged
events until nothing changes, so that merging a merged list changes nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from timeline.events.anchoring import overlaps
from timeline.events.dedupe import covered
from timeline.events.detect import event_id
from timeline.events.places import Place, gazetteer
from timeline.model import GRANULARITIES, Event, Source, When

__all__ = ["combine_whens", "merge_events", "name_key", "same_across", "title_similarity"]

_RANK = {"explicit": 5, "relation": 4, "narrative": 3, "tense": 2, "publication": 1, "none": 0}
_STOP = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "and", "by", "from",
         "its", "his", "her", "their", "s"}
_MIN_SIMILARITY = 0.3
_MIN_CONFLICT_SIMILARITY = 0.5
#: Reports of one event dated apart by more days than this are two events (a repeated trip).
_MAX_CONFLICT_GAP = 7
#: How far an open date reaches when it is compared with another report: "on or before 3
#: March" (a past tense told on 3 March) meets reports of 24 February to 3 March, not a
#: happening of months before with the same people; "on or after" likewise ahead.
_OPEN_REACH = 7
_REACH = dt.timedelta(days=_OPEN_REACH)
#: Derivations of a date that say only "about when the article was written".
_LOOSE = frozenset({"tense", "publication"})
#: Place kinds that pin an event down: two reports naming such places must share one.
_CITY_KINDS = frozenset({"city", "town"})
#: Types whose trigger words name different acts ("warn", "vow", "declare"; "launch",
#: "impose", "pledge"): reports of them are one event only with the same trigger word.
_ACT_TYPES = frozenset({"statement", "policy"})
#: Two sentences are one copied sentence (a wire story, a background paragraph repeated by a
#: later article) when they have at least this many words and overlap by at least this much.
_MIN_COPY_WORDS = 6
_MIN_COPY_SIMILARITY = 0.8
#: Names shorter than this (letters) are compared as written, not by `name_key`.
_MIN_KEY_LETTERS = 6
_LETTER_CLASSES = str.maketrans("qgceyo", "kkkiiu")
_CONSONANT_H = re.compile(r"(?<=[bcdfgjklmnpqrstvwxz])h")
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 15)
def _title_words(title: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in _STOP)


def title_similarity(a: str, b: str) -> float:
    """Jaccard overlap of the content words of two titles."""
    wa, wb = _title_words(a), _title_words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _predicate_similarity(a: Event, b: Event) -> float:
    """`title_similarity` without the words of either report's places, which are evidence
    of their own ("Brown returns to London" and "Virus samples arrive in London")."""
    named = _title_words(" ".join(a.locations + b.locations))
    wa, wb = _title_words(a.title) - named, _title_words(b.title) - named
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


def _other_cities(a: Event, b: Event) -> bool:
    """True when both reports name cities (or towns) and none in common: "a meeting in Tunis"
    and "a meeting in Istanbul" are two meetings, whatever country both also name."""
    ca = {p.name for p in _places(a.locations) if p.kind in _CITY_KINDS}
    cb = {p.name for p in _places(b.locations) if p.kind in _CITY_KINDS}
    return bool(ca) and bool(cb) and not ca & cb


@functools.lru_cache(maxsize=1 << 14)
def _act(trigger: str) -> str:
    """The crude stem of a trigger's first word ("warned", "warning" -> "warn")."""
    words = [w for w in re.findall(r"[a-z]+", trigger.lower()) if w not in _STOP]
    word = words[0] if words else trigger.lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def _same_act(a: Event, b: Event) -> bool:
    """True when the two reports share a trigger word (stemmed) -- asked of the types whose
    trigger words name different acts (`_ACT_TYPES`): "Clinton warned" and "Gaddafi vowed"
    are two statements, "warned" and "is warning" may be one."""
    return bool({_act(s.text) for s in a.sources} & {_act(s.text) for s in b.sources})


@functools.lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """A key that spellings of one name transliterated differently share ("Muammar Gaddafi",
    "Muammar Qaddafi"; "Androulla Vassiliou", "Androula Vasiliou"; "Hilary Clinton",
    "Hillary Clinton"): accents and doubled letters dropped, an "h" after a consonant dropped,
    q, g and c read as k, e and y as i, o as u, "ph" as f, hyphens as spaces. A name of fewer
    than `_MIN_KEY_LETTERS` letters is its own key (short names collide)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.lower())
                     if not unicodedata.combining(c))
    words = []
    for word in re.split(r"[\s\-\u2010]+", folded):
        word = _CONSONANT_H.sub("", re.sub(r"[^a-z]", "", word).replace("ph", "f"))
        words.append(_DOUBLED.sub(r"\1", word.translate(_LETTER_CLASSES)))
    key = " ".join(w for w in words if w)
    return key if len(key) - key.count(" ") >= _MIN_KEY_LETTERS else name


def _name_keys(names: Iterable[str]) -> set[str]:
    return {name_key(n) for n in names}


def _documents(event: Event) -> set[str]:
    return {s.document for s in event.sources}


def same_across(a: Event, b: Event) -> bool:
    """True when `a` and `b`, reported by different documents, are one event."""
    if a.type != b.type or _documents(a) & _documents(b):
        return False
    if not overlaps(a.when, b.when) and _gap(a.when, b.when) > _MAX_CONFLICT_GAP:
        return False  # too far apart for any rule below
    if _copied(a, b):
        # one sentence copied by two articles reports one event, whatever each article's
        # context made of its participants; its dates may differ (a relative date read from
        # two publication days), within the conflict gap
        return True
    span_a, span_b = _span(a.when), _span(b.when)
    meet = _meet(span_a, span_b, _loose(a.when) or _loose(b.when))
    if not meet and _span_gap(span_a, span_b) > _MAX_CONFLICT_GAP:
        return False
    if a.type in _ACT_TYPES and not _same_act(a, b):
        return False
    people_a, people_b = _name_keys(a.participants), _name_keys(b.participants)
    shared = people_a & people_b
    share_people = bool(shared)
    share_place = _share_place(a, b)
    if a.locations and b.locations and (not share_place or _other_cities(a, b)):
        return False
    others_a, others_b = people_a - shared, people_b - shared
    if others_a and others_b and len(shared) <= max(len(others_a), len(others_b)):
        # each names someone the other does not: other people met, unless most of the people
        # are shared (a name read from a neighbouring clause)
        return False
    if not meet:
        return share_people and share_place \
            and title_similarity(a.title, b.title) >= _MIN_CONFLICT_SIMILARITY
    # the words of the places are left out of the titles: the places vote on their own
    similarity = _predicate_similarity(a, b)
    votes = share_people + share_place + (similarity >= _MIN_SIMILARITY)
    if _weak(a.when) or _weak(b.when):
        # "on or before 3 March" or "last month" meets many days: such a date is weak
        # evidence, so the reports must also share a participant or be worded alike beyond
        # the place a title names ("Others visit Mexico", "Harrison visits Mexico": no)
        return votes >= 2 and (share_people or similarity >= _MIN_CONFLICT_SIMILARITY)
    return votes >= 2


def _open(when: When) -> bool:
    return when.is_dated and (when.start is None or when.end is None)


def _weak(when: When) -> bool:
    """True for an open date or one of more than `_MAX_CONFLICT_GAP` days."""
    return _open(when) or _width(when) > _MAX_CONFLICT_GAP


def _loose(when: When) -> bool:
    """True for a single day read from a tense or the publication date."""
    return when.derived in _LOOSE and when.start is not None and when.start == when.end


_Span = tuple[dt.date, dt.date] | None


def _span(when: When) -> _Span:
    """The days of a dated `when` (None when undated), an open bound closed `_OPEN_REACH`
    days from its known one."""
    start, end = when.start, when.end
    if start is None and end is None:
        return None
    if start is None:
        assert end is not None
        return end - _REACH, end
    return start, end if end is not None else start + _REACH


def _meet(a: _Span, b: _Span, loose: bool) -> bool:
    """True when two spans share a day (two undated ones meet) -- or lie a day apart when
    `loose`, one being a day read from a tense or the publication date (an article written
    late at night or early in the morning: "his meeting in Damascus is Russia's chance"
    published the day before the meeting)."""
    if a is None or b is None:
        return a is None and b is None
    if max(a[0], b[0]) <= min(a[1], b[1]):
        return True
    return loose and _span_gap(a, b) <= 1


def _span_gap(a: _Span, b: _Span) -> int:
    """Days between two spans (large when one is undated, 0 when they meet)."""
    if a is None or b is None:
        return 10**6
    return max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)


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
    keyed: dict[str, str] = {}
    for person in (p for e in [best, *others] for p in e.participants):
        keyed.setdefault(name_key(person), person)  # one spelling of each name, the first
    locations = [p for e in [best, *others] for p in e.locations]
    when, conflict = combine_whens([e.when for e in [best, *others]])
    return attrs.evolve(best, id=event_id(first.document, first.start, first.end), when=when,
                        participants=tuple(keyed.values()),
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
        k = max(matches, key=lambda i: (_copied(merged[i], event),
                                        title_similarity(merged[i].title, event.title), -i))
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
