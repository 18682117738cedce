"""Event detection for one document: triggers -> candidates -> anchored, de-duplicated events.

Order of anchoring for each candidate (`When.derived`):

1. ``explicit``: a time expression in the trigger's clause (see `timeline.events.anchoring`);
2. ``relation``: a relation cue in the sentence ("following his European meetings") naming an
   earlier event of the article -- after (or before) that event; or, for an event in the
   future or present tense, the explicitly dated event of one of the two previous sentences of
   the same paragraph, whose date it shares ("arrives in Davos this week. ... At the Forum,
   Carney will deliver a plenary speech"), taking its places if it has none;
3. ``tense``: the tense and aspect of its clause against the publication date;
4. ``publication``: the publication date when the clause says nothing.

A trigger inside a relation cue names the event the cue refers to and is no event of its own,
unless the cue opens a clause with its own subject, verb and date ("after the party lost its
majority in elections in July") that no earlier event of its type covers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import attrs

from timeline.events.anchoring import explicit_when, intersect, overlaps, relation_when
from timeline.events.arguments import Cue, relation_cues
from timeline.events.candidates import Candidate, build_candidate, plural_predicate
from timeline.events.context import DocContext
from timeline.events.dedupe import covered, dedupe
from timeline.events.text import Sentence
from timeline.events.triggers import TriggerMatch, find_triggers
from timeline.model import Document, Event, Source, TimeExpression, When

__all__ = ["detect_events", "event_id"]

_FRAME_SENTENCES = 2
_FRAMED_TENSES = {"future", "present", "progressive", "unknown", "participle"}


def event_id(document: str, start: int, end: int) -> str:
    """The stable id of an event first reported at `start`..`end` of `document`."""
    return hashlib.sha1(f"{document}:{start}:{end}".encode()).hexdigest()[:16]


def _occasion_of_next(match: TriggerMatch, matches: Sequence[TriggerMatch]) -> bool:
    """True for a speech given at the ceremony named right after it ("speaking at his
    swearing-in ceremony"): the ceremony is the event."""
    later = [m for m in matches if m.start >= match.end]
    return (match.entry.type == "speech" and bool(later) and later[0].entry.type == "ceremony"
            and later[0].start - match.end <= 30)


def _anchor_by_relation(ctx: DocContext, sentence: Sentence, cand: Candidate,
                        references: Sequence[tuple[Cue, TriggerMatch]],
                        earlier: Sequence[Candidate]) -> None:
    if cand.when is not None and cand.when.derived == "explicit":
        return
    for cue, ref in references:
        if cue.covers(cand.match.start):
            continue
        pool = [c for c in earlier if c.type == ref.entry.type and c.when is not None]
        places = [p.place for p in ctx.places(sentence) if cue.np_start <= p.start < cue.np_end]
        if places:
            pool = [c for c in pool if any(covered(p, c.places) for p in places)] or pool
        if not pool:
            continue
        target = pool[-1]
        assert target.when is not None
        when = relation_when(target.when, cue.direction, cand.when)
        if when is not None:
            cand.when = when
            return


def _anchor_by_frame(cand: Candidate, earlier: Sequence[Candidate],
                     templates: Sequence[str], cues: Sequence[Cue] = ()) -> None:
    when = cand.when
    if when is None or when.derived not in ("tense", "publication") \
            or cand.tense not in _FRAMED_TENSES:
        return
    if any(c.start >= cand.match.end for c in cues):
        return  # "would travel to Washington soon after taking office": its own reference
    frames = [c for c in earlier
              if c.sentence.block == cand.sentence.block and c.when is not None
              and c.when.derived == "explicit"
              and 0 <= cand.sentence.index - c.sentence.index <= _FRAME_SENTENCES]
    if not frames:
        return
    frame = frames[-1]
    assert frame.when is not None
    bounds = intersect(frame.when, when)
    if bounds is None:
        return
    same = bounds == (frame.when.start, frame.when.end)
    cand.when = When(frame.when.value, bounds[0], bounds[1], frame.when.granularity, "relation",
                     frame.when.mod if same else None)
    if not cand.places and frame.type == "travel":
        cand.places = list(frame.places)
        cand.retitle(templates)


def _referred_event(ctx: DocContext, sentence: Sentence, cue: Cue, match: TriggerMatch,
                    matches: Sequence[TriggerMatch], cues: Sequence[Cue],
                    previous: tuple[str, ...], earlier: Sequence[Candidate],
                    templates: Mapping[str, Sequence[str]]) -> Candidate | None:
    """The event a clause after a relation cue names ("after the party lost its majority in
    elections in July": a subject and a finite verb) when a time expression after it in its clause, before any other trigger, dates it
    and the article has reported no event of its type at that time before; else None (the cue
    only places the other event after or before it)."""
    subject = ctx.text[cue.np_start:match.verb_start].split() if match.verb_start else []
    lex = ctx.lex
    if match.form == "ing" or subject[:1] and subject[0].lower().endswith("ing") \
            or not [w for w in subject if w.lower() not in lex.auxiliaries
                                   and w.lower() not in lex.adverbs and not w.endswith("ing")]:
        return None  # "after his visit", "after being announced", "after having agreed"
    _, seg_end = ctx.segment(sentence, match.start, match.end)
    stop = min([m.start for m in matches if m.start > match.start] + [seg_end])
    own = ctx.expressions_in(match.end, stop)
    if not own:
        return None
    cand = build_candidate(ctx, sentence, match, matches, [c for c in cues if c != cue],
                           previous)
    if cand is None:
        return None
    found = explicit_when(own, (match.start, match.end), cand.tense, ctx.document.published)
    if found is None:
        return None
    if any(c.type == match.entry.type and c.when is not None and overlaps(c.when, found[0])
           for c in earlier):
        return None  # the event the article reported before
    cand.when, cand.expression = found
    if not cand.args.agent_names:  # "after [the party] lost": not the main clause's subject
        agent = " ".join(subject)
        cand.parts = attrs.evolve(cand.parts, agent=agent, predicate=plural_predicate(
            cand.parts.predicate, match, ctx.triggers, agent))
        cand.retitle(list(match.entry.titles) + list(templates.get(cand.type, ())))
    return cand


def _event(ctx: DocContext, cand: Candidate) -> Event:
    doc = ctx.document
    m = cand.match
    source = Source(document=doc.id, start=m.start, end=m.end, text=m.text,
                    sentence=cand.sentence.text, sentence_start=cand.sentence.start,
                    published=doc.published.iso() if doc.published else None)
    return Event(id=event_id(doc.id, m.start, m.end), type=cand.type, title=cand.title,
                 when=cand.when or When(), participants=tuple(cand.participants),
                 locations=tuple(dict.fromkeys(p.name for p in cand.places)),
                 sources=(source,))


def detect_events(document: Document, expressions: Sequence[TimeExpression]) -> list[Event]:
    """The events reported by `document`, dated with the help of its time `expressions`.

    Args:
        document: the article (its publication date, if any, anchors tenses).
        expressions: its temporal expressions, e.g. from `timeline.tagger.tag`.

    Returns:
        One event per distinct event mentioned, in order of first mention, each with a single
        source in this document.
    """
    ctx = DocContext(document, expressions)
    templates = {kind: list(ctx.triggers.titles.get(kind, ())) for kind in ctx.triggers.titles}
    candidates: list[Candidate] = []
    previous: tuple[str, ...] = ()
    for sentence in ctx.sentences:
        matches = [m for m in find_triggers(sentence.text, sentence.start, ctx.triggers)
                   if not ctx.in_quote(m.start)]
        if not matches:
            continue  # most sentences report no event: no cues to look for
        cues = relation_cues(ctx, sentence)
        references = [(c, m) for c in cues for m in matches if c.np_start <= m.start < c.np_end]
        naming = tuple(dict.fromkeys(c for c, _ in references))  # cues that name an event
        referred = {id(m) for _, m in references}
        for cue, match in references:
            cand = _referred_event(ctx, sentence, cue, match, matches, cues, previous,
                                   candidates, templates)
            if cand is not None:
                candidates.append(cand)
        for match in matches:
            if id(match) in referred or _occasion_of_next(match, matches):
                continue
            cand = build_candidate(ctx, sentence, match, matches, cues, previous, naming)
            if cand is None:
                continue
            kind_templates = list(match.entry.titles) + templates.get(cand.type, [])
            _anchor_by_relation(ctx, sentence, cand, references, candidates)
            _anchor_by_frame(cand, candidates, kind_templates, cues)
            candidates.append(cand)
            if len(cand.participants) >= 2:
                previous = tuple(cand.participants)
    return [_event(ctx, c) for c in dedupe(candidates, templates)]
