"""Readable event titles from templates ("{agent} visits {places}") and the trigger's clause.

The templates live in ``triggers.toml`` (per type, optionally per entry); the first template
whose slots are all filled wins. Slots are described there; this module fills them:
the predicate puts the trigger's verb in the present tense ("will deliver a plenary speech" ->
"delivers a plenary speech"), the tail is the rest of the clause up to the next trigger, a
relation cue or the clause end, without relative time words ("last month") and cut to a dozen
words.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence

from attrs import frozen

from timeline.events.places import gazetteer
from timeline.events.triggers import TriggerMatch, TriggerSet
from timeline.model import TimeExpression

__all__ = ["TitleParts", "clean_np", "join_names", "make_title", "tail_text"]

_MAX_TAIL = 12
_DANGLING = {"and", "or", "but", "with", "as", "to", "of", "for", "in", "on", "at", "by", "the",
             "a", "an", "from", "while", "that", "which", "its", "their", "his", "her", "into",
             "since", "until", "during", "after", "before", "through", "over", "last", "this",
             "next", "around", "about"}
_VENUE_RE = re.compile(r"\b[Aa]t\s+((?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of\s+|for\s+|and\s+)?"
                       r"[A-Z][\w’'-]*)*)")


@frozen
class TitleParts:
    """The filled slots (empty string when unknown)."""

    agent: str = ""
    others: str = ""
    places: str = ""
    predicate: str = ""
    phrase: str = ""
    subject: str = ""
    participle: str = ""
    venue: str = ""
    quote: str = ""


def join_names(names: Sequence[str], limit: int = 5) -> str:
    """"A", "A and B", "A, B and C" (at most `limit` names, then "and others")."""
    names = list(dict.fromkeys(names))
    if not names:
        return ""
    if len(names) > limit:
        return ", ".join(names[:limit]) + " and others"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _strip_spans(text: str, base: int, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for k in range(max(a - base, 0), min(b - base, len(chars))):
            chars[k] = " "
    return "".join(chars)


def _relative(expr: TimeExpression) -> bool:
    return not re.search(r"\d{4}", expr.text)


#: a preposition before a relative time word goes with it ("took office in May" -> "took office")
_TIME_PREPOSITION = re.compile(
    r"\b(?:in|on|at|since|until|till|by|during|from|before|after|over|within|through|"
    r"throughout|as of|as early as|earlier|later)\s+$", re.IGNORECASE)
#: a comma, then a verb: the end of an embedded clause ("Carney, who won the race on Sunday,
#: is expected to ..." -> the title stops at "race")
_CLAUSE_CLOSE = re.compile(
    r"\s*,\s*(?:is|are|was|were|will|would|has|have|had|said|says|can|could|may|might|must|"
    r"should|did|does|do)\b")


def _with_preposition(text: str, lo: int, start: int) -> int:
    """Where a time word at `start` begins with the preposition before it ("in May"), not
    before `lo`."""
    lead = _TIME_PREPOSITION.search(text, max(lo, start - 24), start)
    return lead.start() if lead else start


def tail_text(text: str, start: int, end: int, expressions: Sequence[TimeExpression],
              adverbs: Iterable[str] = ()) -> str:
    """The clause text `text[start:end]` cleaned for a title (see the module docstring)."""
    close = _CLAUSE_CLOSE.search(text, start, end)
    if close is not None:
        end = close.start()
    if end <= start:
        return ""
    spans = []
    for e in expressions:
        if _relative(e) and e.end > start and e.start < end:
            spans.append((_with_preposition(text, start, e.start), e.end))
    raw = _strip_spans(text[start:end], start, spans)
    words = raw.split()
    if len(words) > _MAX_TAIL:
        words = words[:_MAX_TAIL]
    drop = _DANGLING | set(adverbs)
    while words and (words[-1].lower().strip(",;:.") in drop or not words[-1].strip(",;:.")):
        words.pop()
    return " ".join(words).strip(" ,;:—–-.")


def clean_np(text: str, start: int, expressions: Sequence[TimeExpression]) -> str:
    """A noun phrase for a title: no time expressions, no leading article or lowercase words
    in front of a name ("A separate General Security Agreement" -> "General Security
    Agreement")."""
    spans = [(start + _with_preposition(text, 0, e.start - start)
              if start <= e.start <= start + len(text) else e.start, e.end) for e in expressions]
    words = _strip_spans(text, start, spans).split()
    if any(w[:1].isupper() for w in words[1:4]):
        while len(words) > 1 and (words[0].islower() or words[0] in ("A", "An")
                                  or words[0] == "The" and words[1].islower()):
            words.pop(0)
    elif words and words[0].lower() in ("a", "an"):
        words.pop(0)
    return " ".join(words)


def predicate(match: TriggerMatch, triggers: TriggerSet, tail: str, passive: bool,
              plural: bool = False) -> str:
    """The trigger from its verb on, verb in the present tense ("is finalised" for a passive),
    plus the tail."""
    if match.lemma is None or match.verb_start is None or match.verb_end is None:
        return ""
    rest = match.text[match.verb_end - match.start:]
    if passive:
        verb = ("are " if plural else "is ") + triggers.forms(match.lemma)["participle"][0]
    else:
        verb = triggers.forms(match.lemma)["base" if plural else "s"][0]
    return f"{verb}{rest} {tail}".strip()


def participle(match: TriggerMatch, triggers: TriggerSet) -> str:
    if match.lemma is None:
        return ""
    return triggers.forms(match.lemma)["participle"][0]


def venue(sentence_text: str) -> str:
    """A capitalized "at <Name>" phrase of the sentence that is not a plain place."""
    for m in _VENUE_RE.finditer(sentence_text):
        name = re.sub(r"^the\s+", "", m.group(1))
        if gazetteer().lookup(name) is None:
            return f"at {m.group(1)}"
    return ""


def quote(sentence_text: str, words: int = 8) -> str:
    """The start of the first quotation of the sentence (it may run on past its end)."""
    m = re.search(r"[“\"]([^”\"]+)(?:[”\"]|$)", sentence_text)
    if not m:
        return ""
    inner = m.group(1).strip().rstrip(",.")
    parts = inner.split()
    short = " ".join(parts[:words]) + ("…" if len(parts) > words else "")
    return f"“{short}”"


def place_names(names: Sequence[str]) -> str:
    gaz = gazetteer()
    return join_names([gaz.article(n) for n in names], limit=6)


def _fill(template: str, parts: TitleParts) -> str | None:
    values = {}
    for _, name, _, _ in string.Formatter().parse(template):
        if name:
            value = getattr(parts, name)
            if not value:
                return None
            values[name] = value
    return template.format(**values)


def make_title(templates: Sequence[str], parts: TitleParts) -> str:
    """The first template that can be filled, tidied (capital first letter, single spaces)."""
    for template in templates:
        title = _fill(template, parts)
        if title:
            title = re.sub(r"\s+", " ", title).strip(" ,;:")
            title = re.sub(r"\s+([,.;:])", r"\1", title)
            return title[:1].upper() + title[1:]
    fallback = parts.phrase or parts.predicate or "Event"
    return fallback[:1].upper() + fallback[1:]
