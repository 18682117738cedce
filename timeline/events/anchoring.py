"""Placing an event in time: explicit expressions, tense and aspect, relations to other events.

Three sources, strongest first (see `timeline.events.detect` for the order they are tried):

explicit
    A DATE/TIME expression in the trigger's clause (its fine segment, see `timeline.events.text`),
    the closest one, if its interval is compatible with the tense. Its signal shapes the bounds:
    "by 2030" -> (open, 2030-12-31, ON_OR_BEFORE); "since May" -> (1 May, open, ON_OR_AFTER).
    References without extent (PAST_REF "recently"), durations, sets and centuries never anchor.
tense
    The verb group of the trigger (or the clause's finite verb for a noun) against the
    publication date: past and perfect -> on or before it (start open); present and progressive
    -> the publication date itself; future ("will", "is expected to") -> on or after it.
relation
    "following his European meetings", "soon after his return from the Arctic": after the start
    of the event referred to (resolved in `timeline.events.detect`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from timeline.events.resources import Lexicon
from timeline.events.text import Token
from timeline.model import PubDate, TimeExpression, When

__all__ = [
    "TENSES",
    "clause_tense",
    "explicit_when",
    "intersect",
    "overlaps",
    "ref_tense",
    "relation_when",
    "tense_when",
    "verb_group_tense",
]

#: Tense/aspect classes of a clause ("participle": no finite verb of its own).
TENSES = ("past", "perfect", "present", "progressive", "future", "hypothetical", "participle",
          "unknown")
_NO_ANCHOR_GRAINS = {"none", "century", "millennium"}
_DAY = dt.timedelta(days=1)


def _skippable(word: str, lex: Lexicon) -> bool:
    return word in lex.adverbs or (word.endswith("ly") and len(word) > 4)


def contracted_is(tok: Token, lex: Lexicon) -> bool:
    """True for "he's", "it's", "that's": "<subject> is/has", not a possessive."""
    return tok.is_possessive and tok.bare.lower() in lex.contracted_subjects


def verb_group_tense(before: Sequence[Token], form: str | None, lex: Lexicon) -> str:
    """Tense of a verb from its form and the auxiliaries right before it (`before`)."""
    chain: list[str] = []
    for tok in reversed(before):
        word = tok.lower
        if _skippable(word, lex) and not (chain == ["to"] and word in lex.future_before_to):
            continue  # but "she expected to hold talks": a future, as "is expected to"
        if word in lex.auxiliaries or word == "to" or word in lex.future_before_to:
            chain.append(word)
            continue
        if contracted_is(tok, lex):
            chain.append("is")  # "He's expected to", "she's leaving"
        elif chain == ["to"] and word in lex.raising_present | lex.raising_past:
            return "present" if word in lex.raising_present else "past"  # "seem to agree"
        break
    if chain and chain[0] == "to":
        rest = [w for w in chain[1:] if w not in lex.be_present | lex.be_past] or chain[1:]
        if chain[1:] and (rest[0] in lex.future_before_to or rest[0] in lex.future):
            return "future"
        return "participle"
    words = set(chain)
    if words & lex.modal:
        return "hypothetical"
    if words & lex.future:
        return "future"
    if words & lex.have_present:
        return "perfect"
    if words & (lex.have_past | lex.be_past):
        return "past"
    if words & lex.be_present:
        return "progressive" if form == "ing" else "present"
    if form in ("past", "participle"):
        return "past"
    if form in ("ing", "base"):
        return "participle"  # "..., deliver a speech": the tense of the clause it joins
    return "present"


def clause_tense(tokens: Sequence[Token], lex: Lexicon) -> str:
    """Tense of the first finite verb among `tokens` ("unknown" when there is none)."""
    for k, tok in enumerate(tokens):
        word = tok.lower
        nxt = next((t.lower for t in tokens[k + 1:] if not _skippable(t.lower, lex)), "")
        if word in lex.future:
            return "future"
        if word in lex.modal:
            return "hypothetical"
        if word in lex.have_present:
            return "perfect"
        if word in lex.have_past or word in lex.be_past:
            return "past"
        if word in lex.be_present and tok.text != "’s" and tok.text != "'s":
            if nxt in lex.future_adjectives:
                return "future"  # "the visit is only planned"
            return "progressive" if nxt.endswith("ing") else "present"
        if word in lex.irregular_past:
            return "past"
        if word in lex.present_verbs:
            return "present"
        prev = tokens[k - 1].lower if k else ""
        if tok.text.islower() and word.endswith("ed") and len(word) > 4 and k > 0 \
                and prev not in lex.determiners and prev not in ("to", "newly", "been", "be") \
                and word not in lex.not_participles:
            return "past"
    return "unknown"


def ref_tense(expressions: Sequence[TimeExpression]) -> str:
    """Tense suggested by reference expressions ("recently" -> past), or "unknown"."""
    for expr in expressions:
        if expr.value == "PAST_REF":
            return "past"
        if expr.value == "FUTURE_REF":
            return "future"
        if expr.value == "PRESENT_REF":
            return "present"
    return "unknown"


def tense_when(tense: str, published: PubDate | None) -> When | None:
    """The interval a tense gives against the publication date (None when it gives none)."""
    if published is None or tense == "hypothetical":
        return None
    iso, grain = published.iso(), published.grain
    if tense in ("past", "perfect"):
        return When(iso, None, published.latest, grain, "tense", "ON_OR_BEFORE")
    if tense in ("present", "progressive"):
        return When(iso, published.earliest, published.latest, grain, "tense")
    if tense == "future":
        return When(iso, published.earliest, None, grain, "tense", "ON_OR_AFTER")
    return When(iso, published.earliest, published.latest, grain, "publication")


def anchors(expr: TimeExpression) -> bool:
    """True when `expr` can date an event (a DATE/TIME with an extent, not a century)."""
    return (expr.type in ("DATE", "TIME") and not expr.latent
            and expr.granularity not in _NO_ANCHOR_GRAINS
            and (expr.earliest is not None or expr.latest is not None))


def _compatible(expr: TimeExpression, tense: str, published: PubDate | None) -> bool:
    if published is None:
        return True
    if tense in ("past", "perfect") and expr.earliest and expr.earliest > published.latest:
        return False
    return not (tense == "future" and expr.latest and expr.latest < published.earliest)


def _next_day(day: dt.date, step: int) -> dt.date | None:
    """The day after (step 1) or before (-1) `day`; None (an open bound) past the ends of the
    calendar: "after 9999" leaves the event undated rather than failing."""
    try:
        return day + step * _DAY
    except OverflowError:
        return None


def explicit_when(expressions: Sequence[TimeExpression], trigger: tuple[int, int],
                  tense: str, published: PubDate | None) -> tuple[When, TimeExpression] | None:
    """The When of the closest compatible expression among `expressions` (already in scope)."""
    usable = [e for e in expressions if anchors(e) and _compatible(e, tense, published)]
    if not usable:
        return None
    a, b = trigger
    expr = min(usable, key=lambda e: (max(a - e.end, e.start - b, 0), e.start))
    signal = (expr.signal or "").lower()
    first, last = expr.earliest, expr.latest
    grain = expr.granularity
    if signal in ("by", "until", "till", "through") and last is not None:
        return When(expr.value, None, last, grain, "explicit", "ON_OR_BEFORE"), expr
    if signal == "before" and first is not None:
        return When(expr.value, None, _next_day(first, -1), grain, "explicit", "BEFORE"), expr
    if signal in ("since", "from") and first is not None:
        return When(expr.value, first, None, grain, "explicit", "ON_OR_AFTER"), expr
    if signal == "after" and last is not None:
        return When(expr.value, _next_day(last, 1), None, grain, "explicit", "AFTER"), expr
    return When(expr.value, first, last, grain, "explicit", expr.mod), expr


def overlaps(a: When, b: When) -> bool:
    """True when the two intervals share a day (open bounds reach forever)."""
    if not a.is_dated or not b.is_dated:
        return not a.is_dated and not b.is_dated
    lo = max(a.start or dt.date.min, b.start or dt.date.min)
    hi = min(a.end or dt.date.max, b.end or dt.date.max)
    return lo <= hi


def intersect(a: When, b: When) -> tuple[dt.date | None, dt.date | None] | None:
    """The common bounds of two intervals, or None when they do not meet."""
    starts = [d for d in (a.start, b.start) if d is not None]
    ends = [d for d in (a.end, b.end) if d is not None]
    start, end = (max(starts) if starts else None), (min(ends) if ends else None)
    if start is not None and end is not None and start > end:
        return None
    return start, end


def relation_when(ref: When, direction: str, own: When | None) -> When | None:
    """The interval of an event after (or since) or before (or until) the event dated `ref`,
    narrowed by its own interval `own`; None when the two do not meet."""
    if direction in ("after", "since") and ref.start is not None:
        start, end, mod = ref.start, None, "AFTER"
    elif direction in ("before", "until") and ref.end is not None:
        start, end, mod = None, ref.end, "BEFORE"
    else:
        return None
    mine = When(None, start, end, ref.granularity, "relation", mod)
    if own is not None and own.is_dated:
        bounds = intersect(mine, own)
        if bounds is None:
            return None
        if own.start is not None and own.end is not None and bounds == (own.start, own.end):
            # its own closed date, which the relation agrees with: not the other's value
            return When(own.value, own.start, own.end, own.granularity, "relation", own.mod)
        start, end = bounds
    return When(ref.value, start, end, ref.granularity, "relation", mod)
