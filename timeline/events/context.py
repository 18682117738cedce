"""Everything event detection needs to know about one document, computed once."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

import attrs

from timeline.events.people import PeopleIndex, PersonMention, index_people
from timeline.events.places import PlaceMention, find_places
from timeline.events.resources import Lexicon, lexicon
from timeline.events.text import (
    Sentence,
    Token,
    coarse_segments,
    fine_segments,
    quote_spans,
    segment_of,
    split_sentences,
    tokenize,
)
from timeline.events.triggers import TriggerSet, load_triggers
from timeline.model import Document, PubDate, TimeExpression

__all__ = ["DocContext"]

T = TypeVar("T")

#: What may stand before a chronology line's date: indentation and a bullet.
_BULLET = re.compile(r"[ \t]*(?:[*\u2022\u00b7\u25aa>+-][ \t]*)?")
#: What separates a chronology line's date from its entry: a dash or a colon.
_HEADING_SEPARATOR = re.compile(r"[ \t]*(?:--|[-\u2013\u2014:])[ \t]+(?=\S)")
#: The last word before a quotation's opening mark (lower case: a function word or auxiliary).
_WORD_BEFORE = re.compile(r"\b([a-z]+)[ \t]*\Z")
#: A year written out in a date ("2011", "'11"): its year is the text's, never inferred.
_WRITTEN_YEAR = re.compile(r"\d{4}|['\u2019]\d{2}\b")


class DocContext:
    """A document split into sentences, with its quotes, people, places and expressions."""

    def __init__(self, document: Document, expressions: Sequence[TimeExpression],
                 triggers: TriggerSet | None = None) -> None:
        self.document = document
        self.text = document.text
        self.published: PubDate | None = document.published
        self.lex: Lexicon = lexicon()
        self.triggers = triggers or load_triggers()
        self.sentences = split_sentences(self.text, self.lex)
        self.quotes = quote_spans(self.text)
        self._cache: dict[tuple[str, int], Any] = {}
        self.people: PeopleIndex = index_people(self.text, self.sentences, self.quotes,
                                                self.tokens)
        self.person_tokens = self.people.tokens
        self.expressions = sorted(expressions, key=lambda e: e.start)
        self._headings: list[tuple[int, int, TimeExpression]] | None = None

    def _cached(self, kind: str, sentence: Sentence, make: Callable[[], T]) -> T:
        key = (kind, sentence.index)
        if key not in self._cache:
            self._cache[key] = make()
        return cast(T, self._cache[key])

    def in_quote(self, offset: int) -> bool:
        """True when `offset` lies inside a quotation."""
        return self.quote_at(offset) is not None

    def fragment(self, quote: tuple[int, int]) -> bool:
        """True for a quotation that fills a slot of its sentence, after a function word or an
        auxiliary ("is ``striking a blow''", "an ``eternal merger''", "on ``condemning the
        repression''"), not a quotation standing for itself (after "said", a comma, a colon,
        "that" or nothing)."""
        match = _WORD_BEFORE.search(self.text, max(0, quote[0] - 40), quote[0])
        if match is None:
            return False
        word = match.group(1)
        return word != "that" and (word in self.lex.function_words
                                   or word in self.lex.auxiliaries)

    def quote_at(self, offset: int) -> tuple[int, int] | None:
        """The quotation holding `offset`, else None (quotations are in order, apart)."""
        k = bisect.bisect_right(self.quotes, offset, key=lambda q: q[0]) - 1
        return self.quotes[k] if k >= 0 and offset < self.quotes[k][1] else None

    def tokens(self, sentence: Sentence) -> list[Token]:
        """The sentence's tokens outside quotations."""
        def make() -> list[Token]:
            tokens = tokenize(sentence.text, sentence.start)
            if not any(a < sentence.end and sentence.start < b for a, b in self.quotes):
                return tokens  # no quotation reaches into the sentence
            return [t for t in tokens if not self.in_quote(t.start)]
        return self._cached("tokens", sentence, make)

    def coarse(self, sentence: Sentence) -> list[tuple[int, int]]:
        """Coarse (clause) segments of the sentence."""
        return self._cached("coarse", sentence, lambda: coarse_segments(sentence, self.lex))

    def fine(self, sentence: Sentence) -> list[tuple[int, int]]:
        """Fine segments (time-expression scopes) of the sentence."""
        return self._cached("fine", sentence, lambda: fine_segments(sentence, self.lex))

    def segment(self, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
        """The coarse segment holding the span `start`..`end`."""
        return segment_of(self.coarse(sentence), start, end)

    def places(self, sentence: Sentence) -> list[PlaceMention]:
        """Places in the sentence, outside quotations."""
        def make() -> list[PlaceMention]:
            found = find_places(sentence.text, sentence.start, self.person_tokens,
                                sentence.headline)
            return [p for p in found if not self.in_quote(p.start)]
        return self._cached("places", sentence, make)

    def persons(self, start: int, end: int) -> list[PersonMention]:
        """People mentioned between offsets `start` and `end`, outside quotations."""
        return [m for m in self.people.within(start, end) if not self.in_quote(m.start)]

    def expressions_in(self, start: int, end: int) -> list[TimeExpression]:
        """Expressions lying within offsets `start`..`end`."""
        return [e for e in self.expressions if start <= e.start and e.end <= end]

    def heading_at(self, offset: int) -> tuple[int, int, TimeExpression] | None:
        """(entry start, entry end, date) when `offset` lies in an entry of a chronology
        ("June 8 - Western and Arab nations meet the rebels", "* 3 March 2024: talks open"): a
        DATE of a day, month or year at the start of a line (after an optional bullet),
        followed by a dash or a colon; the entry runs from that separator to the end of the
        line or to the next date so followed."""
        if self._headings is None:
            self._headings = self._find_headings()
        k = bisect.bisect_right(self._headings, offset, key=lambda h: h[0]) - 1
        if k >= 0 and self._headings[k][0] <= offset < self._headings[k][1]:
            return self._headings[k]
        return None

    def _find_headings(self) -> list[tuple[int, int, TimeExpression]]:
        """(entry start, entry end, date) of every chronology entry, in text order. A line
        that opens with one may hold more ("23 Dec - ... 10 Feb - ..."): each date followed by
        a separator starts the next entry."""
        found: list[tuple[int, int, TimeExpression]] = []
        line_end = -1
        for expr in self.expressions:
            if expr.type != "DATE" or expr.latent or expr.mod is not None \
                    or expr.granularity not in ("day", "month", "year") \
                    or expr.earliest is None or expr.latest is None:
                continue
            sep = _HEADING_SEPARATOR.match(self.text, expr.end)
            if sep is None:
                continue
            line_start = self.text.rfind("\n", 0, expr.start) + 1
            if found and line_start < line_end:  # a later entry of the same line
                found[-1] = (found[-1][0], expr.start, found[-1][2])
            elif _BULLET.fullmatch(self.text, line_start, expr.start) is None:
                continue
            else:
                end = self.text.find("\n", sep.end())
                line_end = len(self.text) if end < 0 else end
            found.append((sep.end(), line_end, expr))
        return self._past_years(found)

    def _past_years(self, found: list[tuple[int, int, TimeExpression]]
                    ) -> list[tuple[int, int, TimeExpression]]:
        """The headings with the year of a date written without one moved back when the
        chronology tells the past: a day or month after the publication date that breaks the
        list's order (a later entry of an ascending list, or an earlier one of a descending
        list, is on or before publication and before it) takes the latest year that puts it
        on or before publication ("February 26 - ..." in a list running to September, in a
        paper of October 2011: 2011, not the 2012 the nearest year reading gives)."""
        published = self.published
        if published is None or len(found) < 2:
            return found
        last = published.latest
        days = [h[2].earliest for h in found]
        steps = [(b > a) - (b < a) for a, b in itertools.pairwise(days)
                 if a is not None and b is not None and a <= last and b <= last]
        ascending = sum(steps) >= 0
        out = list(found)
        for k, (start, end, expr) in enumerate(found):
            first = expr.earliest
            if first is None or first <= last or expr.granularity not in ("day", "month") \
                    or _WRITTEN_YEAR.search(expr.text):
                continue
            others = days[k + 1:] if ascending else days[:k]
            if not any(d is not None and d < first for d in others):
                continue
            moved = _years_back(expr, last)
            if moved is not None:
                out[k] = (start, end, moved)
        return out

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


def _years_back(expr: TimeExpression, last: dt.date) -> TimeExpression | None:
    """`expr` (a day or month with an inferred year) moved back by the fewest years that put
    its start on or before `last`; None when that leaves the calendar."""
    first, final = expr.earliest, expr.latest
    if first is None or final is None:
        return None
    years = first.year - last.year + (1 if (first.month, first.day) > (last.month, last.day)
                                      else 0)
    try:
        start = first.replace(year=first.year - years)
        end = final.replace(day=1, year=final.year - years)
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1]) \
            if expr.granularity == "month" else end.replace(day=final.day)
    except ValueError:  # 29 February, or the first year of the calendar
        return None
    value = f"{start.year:04d}{expr.value[4:]}" if expr.value[:4].isdigit() else expr.value
    time = attrs.evolve(expr.time, value=value, earliest=start, latest=end)
    return attrs.evolve(expr, time=time)
