"""Scan a text with every rule and keep the best non-overlapping candidates.

Candidates overlapping a negative rule (money, percentages, ages) are dropped; among overlapping
candidates the longest wins, then a definite reading over a latent one, then the higher
priority, then the rule loaded first; a quoted title in title case ("This Week") is no time. A mod prefix
("early", "mid-", "the end of") directly before a date extends its span and sets its mod, and so
does a suffix ("or so", "or later") directly after a date or a duration.
"""

from __future__ import annotations

import re

from attrs import evolve, frozen

from timeline.tagger.partial import Partial, read_match
from timeline.tagger.resources import Grammar, Rule, lower_ascii

__all__ = ["Candidate", "scan"]

_MODDABLE = frozenset({"date", "relative", "weekday", "range", "anaphor"})
#: kinds a suffix modifier may follow ("the next year or so", "1994 or later", "two years or more")
_SUFFIXABLE = _MODDABLE | {"duration"}


@frozen
class Candidate:
    """A rule's match, read into a partial time.

    Attributes:
        start, end: the span of the expression in the text.
        rule: the rule that matched.
        partial: what the match says.
    """

    start: int
    end: int
    rule: Rule
    partial: Partial


def _span(match: re.Match[str]) -> tuple[int, int]:
    if "timex" in match.re.groupindex and match.start("timex") >= 0:
        return match.span("timex")
    return match.span()


def _candidates(text: str, low: str, grammar: Grammar, skip: frozenset[str],
                positions: dict[int, list[int]]) -> list[Candidate]:
    out = []
    prefilter = grammar.prefilter
    for index, rule in enumerate(grammar.rules):
        if rule.kind in skip or index not in positions and index not in prefilter.unindexed:
            continue
        for match in prefilter.finditer(index, low, positions.get(index, ())):
            start, end = _span(match)
            if start == end:
                continue
            partial = read_match(rule, match, grammar, text)
            if partial is not None:
                out.append(Candidate(start, end, rule, partial))
    return out


def _capitalized(text: str, match: re.Match[str]) -> bool:
    """Every group of a negative rule named ``name...`` is capitalized in the original text
    (a capital, then a small letter: "Sunday Times", "the daily Kommersant"; not "UN")."""
    for group, found in match.groupdict().items():
        if group.startswith("name") and found is not None:
            s = match.start(group)
            if not (text[s].isupper() and text[s + 1:s + 2].islower()):
                return False
    return True


def _negative_spans(text: str, low: str, grammar: Grammar,
                    positions: dict[int, list[int]]) -> list[tuple[int, int]]:
    first = len(grammar.rules)
    return [m.span() for index in range(first, first + len(grammar.negatives))
            if index in positions or index in grammar.prefilter.unindexed
            for m in grammar.prefilter.finditer(index, low, positions.get(index, ()))
            if _capitalized(text, m)]


def _select(cands: list[Candidate]) -> list[Candidate]:
    def rank(c: Candidate) -> tuple[int, bool, int, int, int]:
        return (-(c.end - c.start), c.partial.latent, -int(c.rule.fixed.get("priority", 0)),
                c.rule.order, c.start)

    chosen: list[Candidate] = []
    # one byte per character of the text: 1 where a chosen candidate lies. Checking a span costs
    # its length, so selection stays linear in the text (a list of taken spans was quadratic on
    # texts with many expressions: 1 MB of month names).
    taken = bytearray(max((c.end for c in cands), default=0))
    for c in sorted(cands, key=rank):
        if taken.find(1, c.start, c.end) >= 0:
            continue
        chosen.append(c)
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def _with_mods(text: str, chosen: list[Candidate], grammar: Grammar) -> list[Candidate]:
    out: list[Candidate] = []
    for i, c in enumerate(chosen):
        if c.rule.kind in _MODDABLE and c.partial.mod is None:
            floor = out[-1].end if out else 0
            m = grammar.mod_prefix.search(text, max(floor, c.start - 25), c.start)
            if m:
                mod = grammar.lookup("mod", m["mod"])
                start = m.start()
                if "-" in text[m.end("mod"):c.start] and m["mod"][:4].lower() == "the " \
                        and _NOUN_AFTER.match(text, c.end):
                    # "the late-November trip": a compound adjective, "the" is the noun's
                    start = m.start("mod") + 4 + len(m["mod"][4:]) - len(m["mod"][4:].lstrip())
                c = evolve(c, start=start, partial=evolve(c.partial, mod=mod))
        if c.rule.kind in _SUFFIXABLE and c.partial.mod is None:
            ceiling = chosen[i + 1].start if i + 1 < len(chosen) else len(text)
            m = grammar.mod_suffix.match(text, c.end, min(ceiling, c.end + 16))
            if m:
                mod = grammar.lookup("mod_suffix", m["mod"])
                c = evolve(c, end=m.end(), partial=evolve(c.partial, mod=mod))
        out.append(c)
    return out


#: a noun right after a span ("the late-November trip"): the span is an adjective
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:and|or|but|when|as|to|in|on|at|by|of|for|with|from|than|that|the|a|an|is|are|"
    r"was|were|will|would|has|had|have)\b)[a-z]{3,}\b")
#: an opening quotation mark right before a span
_OPEN_QUOTE = re.compile(r"(?:\"|“|``|'')$")
_WORD = re.compile(r"[^\W\d_][\w'’]*")


def _is_title(text: str, c: Candidate) -> bool:
    """A quoted title in title case (ABC's "This Week", CBS's ''60 Minutes''): several words,
    each capitalized, right after an opening quotation mark."""
    span = text[c.start:c.end]
    words = _WORD.findall(span)
    return len(span.split()) >= 2 and bool(words) and all(w[0].isupper() for w in words) \
        and _OPEN_QUOTE.search(text, max(0, c.start - 2), c.start) is not None


def scan(text: str, grammar: Grammar, skip: frozenset[str] = frozenset()) -> list[Candidate]:
    """The expressions of `text` as non-overlapping candidates, in text order.

    Rules whose kind is in `skip` are not run (e.g. "range", to tag the ends of a range apart).
    """
    low = lower_ascii(text)
    positions = grammar.prefilter.candidates(low)
    negative = bytearray(len(low))  # 1 where a negative rule matched (linear, as in _select)
    for s, e in _negative_spans(text, low, grammar, positions):
        negative[s:e] = b"\x01" * (e - s)
    cands = [c for c in _candidates(text, low, grammar, skip, positions)
             if negative.find(1, c.start, c.end) < 0]
    return _with_mods(text, [c for c in _select(cands) if not _is_title(text, c)], grammar)
