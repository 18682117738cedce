"""Text units for event detection: sentences, word tokens, clause segments and quotations.

Every unit carries character offsets into the document text, so everything found inside a
sentence can be reported against the whole document.

- Sentences end at a line break or at ``.``/``!``/``?`` (plus closing quotes) followed by a capital,
  a digit or a quote -- except after titles and other abbreviations ("Dr.", "Mr.", "St.") and
  after initialisms ("U.S.") unless the next word typically starts a sentence ("The", "He").
- Blocks are runs of lines without a blank line between them (paragraphs).
- Segments cut a sentence into clause-like chunks: *coarse* segments at strong punctuation and
  at a comma before a subordinator or a participle; *fine* segments also before "that", "which"
  and "to" + a verb (an infinitive), the scope in which a time expression governs a trigger.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterable, Sequence

from attrs import frozen

from timeline.events.resources import Lexicon, lexicon

__all__ = [
    "Sentence",
    "Token",
    "coarse_segments",
    "fine_segments",
    "is_title_case",
    "quote_spans",
    "segment_of",
    "split_sentences",
    "token_after",
    "token_index",
    "tokenize",
]

_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:[-‐'’.][^\W_]+)*(?:[’']s\b)?|[^\w\s]",
                       re.UNICODE)
_BOUNDARY_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+(?:``|[\"“‘'(\[])?[A-Z0-9À-Þ])")
_INITIALISM_RE = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
_STRONG_PUNCT_RE = re.compile(r"\s*(?:[;:—–()\[\]]|\s--\s?|\s-\s)\s*")
_TITLE_CASE_SMALL = {"with", "from", "into", "amid", "over", "than", "that", "upon", "onto",
                     "about", "after", "before", "during", "without", "within", "between"}
_SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i", "it"}
_PRONOUNS = {"he", "she", "they", "we", "i", "it", "his", "her", "their", "its", "our"}
_POSSESSIVE = ("’s", "'s")
#: A line that ends a sentence ends so (a headline does not).
_FINAL_STOP_RE = re.compile(r"[.!?][\"'”’)]*\s*$")
#: Curly or straight double quotes, or tokenized ones ("`` ... ''", as in the Penn Treebank):
#: these may run over several lines (a quoted passage of several sentences) but never past the
#: next opening "``" nor beyond 1,000 characters (an opening quote left unclosed).
_QUOTE_RE = re.compile(r"“[^”]*”|\"[^\"\n]*\"|``(?:(?!``)[\s\S]){0,1000}?''")


@frozen
class Token:
    """A word (or punctuation mark) with its offsets in the document."""

    text: str
    start: int
    end: int

    @property
    def bare(self) -> str:
        """The word without a possessive ending ("Carney’s" -> "Carney")."""
        # a token holds no line break, so this is re.sub(r"[’']s$", "", text), without re
        return self.text[:-2] if self.text.endswith(_POSSESSIVE) else self.text

    @property
    def is_possessive(self) -> bool:
        return self.text.endswith(_POSSESSIVE)

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


@frozen
class Sentence:
    """A sentence: its text, offsets in the document, block (paragraph) and line number."""

    text: str
    start: int
    end: int
    block: int
    index: int
    headline: bool = False


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word and punctuation tokens of `text`, offsets shifted by `offset`."""
    return list(_tokens(text, offset))


@functools.lru_cache(maxsize=1024)
def _tokens(text: str, offset: int) -> tuple[Token, ...]:
    # a sentence is tokenized for people, places, clauses and arguments: once is enough
    return tuple(Token(m.group(), m.start() + offset, m.end() + offset)
                 for m in _TOKEN_RE.finditer(text))


def _start(token: Token) -> int:
    return token.start


def token_index(tokens: Sequence[Token], offset: int) -> int:
    """The index of the first of `tokens` (in order, apart) that starts at or after
    `offset`."""
    return bisect.bisect_left(tokens, offset, key=_start)


def token_after(tokens: Sequence[Token], offset: int) -> Sequence[Token]:
    """The first of `tokens` (in order, apart) that starts at or after `offset`, as a list of
    0 or 1."""
    k = token_index(tokens, offset)
    return tokens[k:k + 1]


def is_title_case(text: str) -> bool:
    """True for headline-style text: (nearly) every word of four letters or more but a few
    prepositions is capitalized. (`split_sentences` also wants no final period.)"""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text)
             if len(w) > 3 and w.lower() not in _TITLE_CASE_SMALL]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.9


def _is_abbreviation(before: str, after: str, lex: Lexicon) -> bool:
    """True when the period ending `before` belongs to an abbreviation, not a sentence end."""
    word = re.search(r"(\S+)$", before)
    if word is None:
        return False
    token = word.group(1).lstrip("(\"“'‘")
    if token.rstrip(".").lower() in lex.abbreviations:
        return True
    if _INITIALISM_RE.search(token):
        next_word = re.match(r"\W*(\w+)", after)
        return not (next_word and next_word.group(1) in lex.sentence_starters)
    # A single capital initial ("J. K. Rowling").
    return bool(re.fullmatch(r"[A-Z]\.", token))


def split_sentences(text: str, lex: Lexicon | None = None) -> list[Sentence]:
    """Split `text` into sentences with exact offsets (``text[s.start:s.end] == s.text``)."""
    lex = lex or lexicon()
    sentences: list[Sentence] = []
    block = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        line_start, pos = pos, pos + len(line)
        if not line.strip():
            block += 1
            continue
        headline = not _FINAL_STOP_RE.search(line) and is_title_case(line)
        cut = 0
        pieces: list[tuple[int, int]] = []
        for m in _BOUNDARY_RE.finditer(line):
            if m.group().startswith(".") and _is_abbreviation(line[:m.start() + 1],
                                                              line[m.end():], lex):
                continue
            pieces.append((cut, m.end()))
            cut = m.end()
        pieces.append((cut, len(line)))
        for a, b in pieces:
            chunk = line[a:b]
            stripped = chunk.strip()
            if not stripped:
                continue
            start = line_start + a + (len(chunk) - len(chunk.lstrip()))
            sentences.append(Sentence(stripped, start, start + len(stripped), block,
                                      len(sentences), headline))
    return sentences


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of quoted passages (curly, straight or tokenized double quotes) in `text`."""
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]


def _comma_cuts(sentence: Sentence, tokens: Sequence[Token], lex: Lexicon) -> list[int]:
    """Offsets of commas that open a new clause (before a subordinator or a participle)."""
    cuts = []
    finite_before = list(itertools.accumulate(
        (_finite(t, lex) for t in tokens), operator.or_, initial=False))
    for i, tok in enumerate(tokens[:-1]):
        if tok.text != ",":
            continue
        nxt = tokens[i + 1]
        word = nxt.lower
        after = tokens[i + 2].lower if i + 2 < len(tokens) else ""
        reporter = any(t.lower in lex.saying.clauses for t in tokens[i + 2:i + 5]) and all(
            t.is_word for t in tokens[i + 1:i + 3])
        if word in _SUBJECT_PRONOUNS or reporter or (
                word in ("and", "but") and after in _PRONOUNS):
            cuts.append(tok.start)  # "..., he said", "..., Ottawa says", "..., and her visit"
        elif word in lex.subordinators or (
            nxt.text.islower() and len(word) > 4 and (word.endswith(("ing", "ed")))
            and word not in lex.not_participles and finite_before[i]
        ):
            # "..., killing 20 people" after a clause with its verb; not "Police in the
            # city, off the coast, raided two homes" (the main verb after an apposition)
            cuts.append(tok.start)
    return cuts


def _finite(token: Token, lex: Lexicon) -> bool:
    """Whether `token` is an auxiliary or a word that is most likely a finite verb (lowercase:
    "May 4" is a month, not the modal)."""
    word = token.lower
    if not token.text.islower():
        return False
    return word in lex.auxiliaries or word in lex.saying.clauses or word in lex.irregular_past or (
        len(word) > 4 and word.endswith("ed") and word not in lex.not_participles)


def coarse_segments(sentence: Sentence, lex: Lexicon | None = None) -> list[tuple[int, int]]:
    """Clause-like chunks of `sentence` as document offsets (start, end)."""
    lex = lex or lexicon()
    tokens = tokenize(sentence.text, sentence.start)
    cuts = {sentence.start, sentence.end}
    for m in _STRONG_PUNCT_RE.finditer(sentence.text):
        cuts.add(sentence.start + m.start())
    cuts.update(_comma_cuts(sentence, tokens, lex))
    return _spans(sorted(cuts))


def _infinitive_cuts(tokens: Sequence[Token], lex: Lexicon) -> list[int]:
    cuts = []
    for i, tok in enumerate(tokens[:-1]):
        if tok.lower != "to":
            continue
        nxt = tokens[i + 1].text
        if i > 0 and tokens[i - 1].lower in lex.sharing_to:
            continue  # "began to fall apart in mid-1996": one time for both verbs
        if looks_like_verb(nxt, lex):
            cuts.append(tok.start)
    return cuts


def looks_like_verb(word: str, lex: Lexicon) -> bool:
    """Heuristic: could `word`, right after "to", be a bare infinitive?"""
    w = word.lower()
    if not word.isalpha() or not word.islower() or w in lex.not_verbs_after_to:
        return False
    if w in lex.function_words:
        return False
    if w.endswith("s") and not w.endswith(("ss", "us")):
        return False
    return not w.endswith(lex.noun_suffixes)


def fine_segments(sentence: Sentence, lex: Lexicon | None = None) -> list[tuple[int, int]]:
    """Coarse segments further cut before "that"/"which"/"who"/"where" and infinitives."""
    lex = lex or lexicon()
    tokens = tokenize(sentence.text, sentence.start)
    cuts = {a for a, _ in coarse_segments(sentence, lex)} | {sentence.end}
    cuts.update(t.start for t in tokens if t.lower in lex.clause_openers)
    cuts.update(_relative_ends(tokens))
    cuts.update(_infinitive_cuts(tokens, lex))
    return _spans(sorted(cuts))


_RELATIVES = frozenset({"who", "which", "whose", "whom"})


def _relative_ends(tokens: Sequence[Token]) -> list[int]:
    """The comma closing a relative clause set off by commas ("Keating, who lost in 1996,
    welcomed the result"): the clause's date is not the main verb's."""
    cuts = []
    for k in range(1, len(tokens)):
        if tokens[k].lower in _RELATIVES and tokens[k - 1].text == ",":
            close = next((t for t in tokens[k + 1:] if t.text in (",", ";")), None)
            if close is not None:
                cuts.append(close.end)
    return cuts


def _spans(cuts: Sequence[int]) -> list[tuple[int, int]]:
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def segment_of(spans: Iterable[tuple[int, int]], start: int, end: int | None = None) -> \
        tuple[int, int]:
    """The union of the spans overlapping offsets `start`..`end` (default: just `start`)."""
    end = start + 1 if end is None else max(end, start + 1)
    inside = [(a, b) for a, b in spans if a < end and start < b]
    if not inside:
        return (start, end)
    return (min(a for a, _ in inside), max(b for _, b in inside))
