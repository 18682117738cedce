"""Repeated mentions of one event inside one article ("a tour of Paris and London" ...
"Carney's visit to London" ... "his visit") collapse into one candidate.

A later candidate is the same event as an earlier one when they have the same type, no
conflicting agents, its places are among (or contain, or lie in) the earlier places, its other
participants are among the earlier participants and their dates overlap -- and either the type
is one that articles keep referring back to (trips, meetings, ceremonies, elections, polls), or
one comes from a headline, or the later one names places (all among the earlier ones) or is a
definite noun phrase ("the visit", "his meetings"); a sentence the article prints twice reports
its events once. A participle clause of the same type and agent ("outlined a
strategy ..., presenting his framework in Davos") first folds into the event before it. The
better-dated mention (explicit over relation over tense)
and, on a tie, the body over the headline, becomes the one reported.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from timeline.events.anchoring import overlaps
from timeline.events.candidates import Candidate
from timeline.events.places import Place, gazetteer

__all__ = ["REFERRED_TYPES", "covered", "dedupe", "same_event"]

#: Types whose later mentions usually refer back to an event already reported.
REFERRED_TYPES = frozenset({"travel", "meeting", "ceremony", "election", "poll"})
_RANK = {"explicit": 4, "relation": 3, "narrative": 2, "tense": 1, "publication": 0,
         "none": -1}


def covered(place: Place, places: Sequence[Place]) -> bool:
    """True when `place` is one of `places`, their country, inside one of them or their
    continent."""
    gaz = gazetteer()
    for other in places:
        if place.name == other.name:
            return True
        if gaz.country_of(other) == place.name or gaz.country_of(place) == other.name:
            return True
        if place.kind == "continent" and place.continent and place.continent == other.continent:
            return True
    return False


def _definite(candidate: Candidate) -> bool:
    """True for a noun trigger introduced by "the", "this", "his", "Carney's"..."""
    if not candidate.nominal:
        return False
    first = candidate.match.text.split()[0].lower()
    lex_definite = {"the", "this", "that", "these", "those", "his", "her", "its", "their", "our"}
    if first in lex_definite:
        return True
    before = candidate.sentence.text[:candidate.match.start - candidate.sentence.start].split()
    return bool(before) and (before[-1].lower() in lex_definite or before[-1].endswith(("’s",
                                                                                         "'s")))


def _repeated(earlier: Candidate, later: Candidate) -> bool:
    """True when `later` is `earlier` in the same sentence printed again further on (a
    paragraph repeated by the article): the same text, the trigger at the same place in it."""
    return (earlier.sentence.start != later.sentence.start
            and earlier.sentence.text == later.sentence.text
            and earlier.match.start - earlier.sentence.start
            == later.match.start - later.sentence.start
            and earlier.match.end - earlier.match.start == later.match.end - later.match.start)


def same_event(earlier: Candidate, later: Candidate) -> bool:
    """True when `later` reports the event `earlier` already reports (see module docstring)."""
    if earlier.type != later.type:
        return False
    if _repeated(earlier, later):
        return True
    a, b = set(earlier.args.agent_names), set(later.args.agent_names)
    if a and b and not a & b:
        return False
    if not all(covered(p, earlier.places) for p in later.places):
        return False
    if not later.others <= set(earlier.participants):
        return False
    if earlier.when is not None and later.when is not None and not overlaps(earlier.when,
                                                                            later.when):
        return False
    return (later.type in REFERRED_TYPES or earlier.sentence.headline
            or later.sentence.headline or _definite(later) or bool(later.args.places))


def _score(candidate: Candidate) -> tuple[int, int]:
    derived = candidate.when.derived if candidate.when else "none"
    return _RANK[derived], 0 if candidate.sentence.headline else 1


def _participle_of(first: Candidate, second: Candidate) -> bool:
    """True for "X outlined a strategy ..., presenting his framework in Davos": a participle
    clause of the same type and agent elaborating on the event just before it."""
    return (first.sentence is second.sentence and first.type == second.type
            and bool(first.args.agent_names) and first.args.agent_names
            == second.args.agent_names and second.match.form == "ing"
            and second.tense != "progressive" and not second.nominal)


def _fold_participles(candidates: Sequence[Candidate],
                      templates: dict[str, list[str]]) -> list[Candidate]:
    folded: list[Candidate] = []
    for cand in candidates:
        if folded and _participle_of(folded[-1], cand):
            first = folded[-1]
            first.places = first.places + [p for p in cand.places if p not in first.places]
            first.args = attrs.evolve(first.args, places=tuple(first.places))
            first.retitle(templates.get(first.type, []))
            continue
        folded.append(cand)
    return folded


def dedupe(candidates: Sequence[Candidate], templates: dict[str, list[str]]) -> list[Candidate]:
    """Candidates with repeated mentions merged, in order of first mention."""
    kept: list[Candidate] = []
    for cand in _fold_participles(candidates, templates):
        target = next((k for k in reversed(kept) if same_event(k, cand)), None)
        if target is None:
            kept.append(cand)
            continue
        if _score(cand) > _score(target):
            index = kept.index(target)
            if not target.sentence.headline:  # headlines add nothing but noise
                cand.participants = list(dict.fromkeys(target.participants
                                                       + cand.participants))
                cand.places = target.places + [p for p in cand.places
                                               if p not in target.places]
                cand.retitle(templates.get(cand.type, []))
            kept[index] = cand
    return kept
