"""Everything event detection needs to know about one document, computed once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

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

    def _cached(self, kind: str, sentence: Sentence, make: Callable[[], T]) -> T:
        key = (kind, sentence.index)
        if key not in self._cache:
            self._cache[key] = make()
        return cast(T, self._cache[key])

    def in_quote(self, offset: int) -> bool:
        """True when `offset` lies inside a quotation."""
        return any(a <= offset < b for a, b in self.quotes)

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

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None
