"""Anchoring given event mentions in time: the interval of days each one happened in.

    >>> import timeline
    >>> text = "The storm hit the coast on Sunday. Thousands fled after the storm."
    >>> [a.interval for a in timeline.anchor(text, "2024-03-12", [(10, 13)])]
    [(datetime.date(2024, 3, 10), datetime.date(2024, 3, 10))]

`anchor(text, published, mentions)` tags the text, then dates every mention with
`timeline.events.dating.date_mention` -- the same function event extraction uses -- and links
mentions through connectives ("after the storm", "soon after his return", "since the vote",
"until the election"): a mention governed by such a connective naming another mention is
dated after (or before) it. `derived` says what gave the date: "explicit" (a time expression
of its clause), "relation" (another mention), "narrative" (the day the story last named),
"tense" (tense and aspect against the publication date), "publication" (the publication
date: a reporting verb, or nothing else said), or "none".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs
from attrs import field, frozen

from timeline.events.arguments import Cue, relation_cues
from timeline.events.context import DocContext
from timeline.events.dating import date_mention, mention_shape, relate
from timeline.events.resources import EVENTS_DIR, read_toml, section, string_list
from timeline.events.story import story_day
from timeline.events.text import Token
from timeline.exceptions import InputError
from timeline.model import Document, PubDate, TimeExpression, When
from timeline.tagger import TaggerConfig, tag
from timeline.tagger.api import _as_pubdate

__all__ = ["Anchor", "anchor", "anchor_document", "anchor_jsonl", "anchor_lines", "anchor_record"]

_CONFIG = TaggerConfig(use_dateline=False)


@frozen
class Anchor:
    """The interval of days a mention happened in.

    Attributes:
        start: offset of the mention in the text.
        end: offset after the mention.
        earliest: first possible day (inclusive), None when open.
        latest: last possible day (inclusive), None when open.
        value: TIMEX3-style value of what anchored it ("2024-03-10", "2024-W10"), or None.
        derived: "explicit", "relation", "narrative", "tense", "publication" or "none".
    """

    start: int = field(validator=attrs.validators.ge(0))
    end: int = field()
    earliest: dt.date | None = None
    latest: dt.date | None = None
    value: str | None = None
    derived: str = "none"

    @end.validator
    def _check_end(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value <= self.start:
            raise ValueError(f"Anchor.end {value} is not after start {self.start}")

    @property
    def interval(self) -> tuple[dt.date | None, dt.date | None]:
        return (self.earliest, self.latest)

    @classmethod
    def from_when(cls, start: int, end: int, when: When | None) -> Anchor:
        if when is None or not when.is_dated:
            return cls(start, end)
        return cls(start, end, when.start, when.end, when.value, when.derived)


def _spans(mentions: Iterable[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    spans = []
    for item in mentions:
        try:
            start, end = item
        except (TypeError, ValueError):
            raise InputError(f"a mention must be a (start, end) pair, got {item!r}",
                             value=item) from None
        if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) \
                or not isinstance(end, int) or not 0 <= start < end <= size:
            raise InputError(f"mention ({start!r}, {end!r}) is not a span of the text "
                             f"(0..{size})", value=item)
        spans.append((start, end))
    return spans


_SPAN_CUE_RE = re.compile(r"\b(since|until|till)\s+", re.IGNORECASE)


def _span_cues(text: str, offset: int) -> list[Cue]:
    """"since the crash", "until the election": cues whose noun phrase may name another
    mention (up to the next punctuation, at most eight words)."""
    cues = []
    for m in _SPAN_CUE_RE.finditer(text):
        rest = text[m.end():]
        stop = re.search(r"[,.;:—–()\"“”]", rest)
        words = list(re.finditer(r"\S+", rest[:stop.start() if stop else len(rest)]))[:8]
        if not words:
            continue
        direction = "since" if m.group(1).lower() == "since" else "until"
        cues.append(Cue(direction, offset + m.start(), offset + m.end(),
                        offset + m.end() + words[-1].end()))
    return cues


def _governing(cues: Sequence[Cue], start: int, spans: Sequence[tuple[int, int]],
               own: int) -> tuple[Cue, int] | None:
    """The cue of the sentence naming another mention (its index), the mention itself not
    being inside it."""
    for cue in cues:
        if cue.covers(start):
            continue
        for k, (a, _) in enumerate(spans):
            if k != own and cue.np_start <= a < cue.np_end:
                return cue, k
    return None


def anchor_document(document: Document, expressions: Sequence[TimeExpression],
                    mentions: Iterable[tuple[int, int]]) -> list[Anchor]:
    """The anchors of `mentions` (offset pairs into `document.text`), in the order given."""
    spans = _spans(mentions, len(document.text))
    ctx = DocContext(document, expressions)
    story = story_day(ctx)
    whens: list[When | None] = []
    nouns: list[bool] = []
    links: list[tuple[Cue, int] | None] = []
    for start, end in spans:
        sentence = ctx.sentence_at(start)
        if sentence is None:  # whitespace between sentences
            whens.append(None if document.published is None else When(
                document.published.iso(), document.published.earliest,
                document.published.latest, document.published.grain, "publication"))
            links.append(None)
            nouns.append(False)
            continue
        cues = relation_cues(ctx, sentence) + _span_cues(sentence.text, sentence.start)
        link = _governing(cues, start, spans, len(links))
        naming = [link[0]] if link else []
        shape = mention_shape(ctx, sentence, start, end)
        nouns.append(shape.nominal)
        whens.append(date_mention(ctx, sentence, start, end, shape, naming, likely=True,
                                  story=story).when)
        links.append(link)
    for k in sorted(range(len(spans)), key=lambda i: spans[i]):
        link, own = links[k], whens[k]
        if link is None or (own is not None and own.derived == "explicit"):
            continue
        ref = whens[link[1]]
        if ref is None or not ref.is_dated:
            continue
        related = relate(own, ref, link[0].direction)
        if related is not None:
            whens[k] = related
    _corefer(document, spans, whens, nouns, ctx)
    return [Anchor.from_when(a, b, w) for (a, b), w in zip(spans, whens)]


_SUFFIXES = ("ings", "ing", "ions", "ion", "ed", "es", "s", "e")


def stem(word: str) -> str:
    """A crude stem: "bombings", "bombing", "bombed" -> "bomb"; "invasion" -> "invas"."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_ATTACHED_AFTER = 3  # words: "the Aug. 7 embassy bombings"
_ATTACH_PREPOSITIONS = frozenset({"on", "of"})  # "the bombing on Aug. 7", "the attack of May 3"
_EVENT_ENDINGS = ("ing", "ings", "ion", "ions", "ment", "ments")
_DAY_GRAINS = frozenset({"day", "part_of_day", "hour", "minute"})
#: Grains of a date that dates the word right after it ("the 1995 shooting") but no sentence.
_WIDE_GRAINS = frozenset({"month", "year"})
_YEAR_END = re.compile(r"\d{4}$")


@frozen
class _Attached:
    """An event word the text dates outright (see `_attached`)."""

    offset: int
    key: str
    when: When
    loose: bool  # only by sharing a sentence with the date
    wide: bool = False  # by a month or a year ("the 1995 shooting")


def _attached(ctx: DocContext, words: _Coreference) -> list[_Attached]:
    """Event words the text dates outright, whether or not they are mentions: the noun after
    a past day ("the Aug. 7 embassy bombings", "his May 2 arrest") or before "on"/"of" and
    one ("the shooting on Oct. 23"); loosely, a word of a class of ``coreference.toml`` in a
    sentence whose only date is that day ("the bombings of the embassies in ... on Aug. 7
    killed 258"). Only class words and nouns of an event ending ("-ing", "-ion", "-ment")."""
    published = ctx.published
    if published is None:
        return []
    found: list[_Attached] = []
    for expr in ctx.expressions:
        if expr.type not in ("DATE", "TIME") or expr.latent or expr.earliest is None \
                or expr.latest is None or expr.latest >= published.earliest \
                or expr.granularity not in _DAY_GRAINS | _WIDE_GRAINS or expr.mod:
            continue
        day = expr.granularity in _DAY_GRAINS and expr.earliest == expr.latest
        sentence = ctx.sentence_at(expr.start)
        if sentence is None:
            continue
        tokens = ctx.tokens(sentence)
        near: list[tuple[Token, bool]] = []
        closing = _YEAR_END.search(expr.text) is not None  # "Dec. 21, 1988, bombing"
        for k, tok in enumerate([t for t in tokens if t.start >= expr.end][:_ATTACHED_AFTER + 1]):
            if not tok.is_word and not (k == 0 and closing and tok.text == ","):
                break
            if tok.is_word:
                near.append((tok, False))
        before = [t for t in tokens if t.end <= expr.start][-2:]
        if len(before) == 2 and before[1].lower in _ATTACH_PREPOSITIONS and before[0].is_word:
            near.append((before[0], False))
        if day and not any(e is not expr and e.type in ("DATE", "TIME")
                           for e in ctx.expressions_in(sentence.start, sentence.end)):
            near += [(t, True) for t in tokens if t.is_word
                     and not expr.start <= t.start < expr.end
                     and _same_event_key(t.lower, words).startswith("class:")]
        when = When(expr.value, expr.earliest, expr.latest, expr.granularity, "explicit")
        for tok, loose in near:
            key = _same_event_key(tok.lower, words)
            if key not in words.not_events and (key.startswith("class:")
                                                or tok.lower.endswith(_EVENT_ENDINGS)):
                found.append(_Attached(tok.start, key, when, loose, not day))
    return found


def _corefer(document: Document, spans: Sequence[tuple[int, int]],
             whens: list[When | None], nouns: Sequence[bool], ctx: DocContext) -> None:
    """A noun mention dated only by tense takes the day of an explicitly dated mention of the
    same word elsewhere in the document ("the attack on Aug. 7" ... "the attacks"), or of a
    word of the same class of ``coreference.toml`` ("shot him on Friday" ... "the killing"),
    or of such a word the text dates outright, mention or not (`_attached`; the loose ones
    only when there is nothing closer): the nearest one before it, else after it; only past
    days (a repeated event word names one event far more often in the past than in plans)."""
    published = document.published
    if published is None:
        return
    words = _coreference()
    stems = [_same_event_key(document.text[a:b].split()[-1], words)
             if document.text[a:b].split() else "" for a, b in spans]
    dated: dict[str, list[tuple[int, When]]] = {}
    loosely: dict[str, list[tuple[int, When]]] = {}
    attached = _attached(ctx, words)
    tight = {item.offset for item in attached if not item.loose}
    for k, when in enumerate(whens):
        if when is not None and when.derived == "explicit" and when.start is not None \
                and when.start == when.end and when.end is not None \
                and when.end < published.earliest and stems[k] \
                and stems[k] not in words.not_events \
                and not (nouns[k] and stems[k].startswith("class:")
                         and spans[k][0] not in tight):
            # a class noun dated by its clause ("searched the site of the shooting on
            # April 8") is no reference: the day is the search's
            dated.setdefault(stems[k], []).append((spans[k][0], when))
    _relative_clauses(ctx, spans, whens, nouns, [a for a in attached if not a.loose])
    widely: dict[str, list[tuple[int, When]]] = {}
    for item in attached:
        (widely if item.wide else loosely if item.loose else dated).setdefault(
            item.key, []).append((item.offset, item.when))
    for k, when in enumerate(whens):
        if when is not None and when.derived == "explicit" and when.start is not None \
                and when.end is not None and when.start < when.end \
                and when.mod not in _OPEN_MODS:
            # "the bombings ... last month" with "the Aug. 7 bombings" elsewhere: that day
            inside = [r for r in dated.get(stems[k], []) + loosely.get(stems[k], [])
                      if r[1].start is not None and when.start <= r[1].start <= when.end]
            days = {r[1].start for r in inside}
            if len(days) == 1:
                ref = inside[0][1]
                whens[k] = _as_relation(ref)
            continue
        if when is not None and when.derived == "explicit" and nouns[k] \
                and stems[k].startswith("class:") and when.start is not None \
                and when.start == when.end and not when.mod \
                and spans[k][0] not in tight \
                and not _another(document.text, spans[k][0]):
            # "condemned the bombing on Thursday": the bombing of Aug. 7, condemned Thursday
            earlier = [r for r in dated.get(stems[k], []) + loosely.get(stems[k], [])
                       if r[1].start is not None and r[1].start < when.start]
            if earlier:
                ref = min(earlier, key=lambda r: (r[1].start, r[0]))[1]
                whens[k] = _as_relation(ref)
            continue
        if when is None or when.derived not in ("tense", "narrative") or not (
                nouns[k] or (stems[k].startswith("class:") and when.mod != "AFTER")) \
                or _another(document.text, spans[k][0]):
            continue
        refs = sorted(dated.get(stems[k], []), key=lambda r: r[0])
        if refs:
            before = [r for r in refs if r[0] < spans[k][0]]
            ref = (before[-1] if before else refs[0])[1]
        elif stems[k] in loosely:  # the earliest: the event itself, before what followed it
            ref = min(loosely[stems[k]], key=lambda r: (r[1].start or dt.date.max, r[0]))[1]
        elif stems[k] in widely:  # "the 1995 shooting" ... "the attack": that year
            wide = sorted(widely[stems[k]], key=lambda r: r[0])
            before = [r for r in wide if r[0] < spans[k][0]]
            ref = (before[-1] if before else wide[0])[1]
        else:
            continue
        if when.start is not None and ref.start is not None and when.start > ref.start \
                and when.derived == "tense" and when.mod == "AFTER":
            continue  # a future clause does not repeat a past event
        whens[k] = _as_relation(ref)


def _relative_clauses(ctx: DocContext, spans: Sequence[tuple[int, int]],
                      whens: list[When | None], nouns: Sequence[bool],
                      attached: Sequence[_Attached]) -> None:
    """A verb dated only by tense in a relative clause hung on an event word the text dates
    ("the January 1998 bombing of a clinic that killed an officer and [[maimed]] a nurse")
    takes that word's date: the clause tells what the event did."""
    for k, ((start, _end), when) in enumerate(zip(spans, whens)):
        if when is None or when.derived not in ("tense", "narrative") or nouns[k] \
                or when.mod == "AFTER":
            continue
        sentence = ctx.sentence_at(start)
        if sentence is None:
            continue
        tokens = ctx.tokens(sentence)
        before = [t for t in tokens if t.end <= start][-_RELATIVE_REACH:]
        pronoun = next((t for t in reversed(before) if t.lower in ("that", "which")), None)
        if pronoun is None or any(t.text in (";", ":") for t in before
                                  if t.start > pronoun.start):
            continue
        head = [t.lower for t in before if t.end <= pronoun.start][-1:]
        if not head or head[0] in ctx.lex.irregular_past or head[0].endswith("ed") \
                or head[0] in ctx.lex.saying.dating or head[0] in ("so", "such", "now", "than"):
            continue  # "said that ...": a complement, not a relative clause
        heads = [a for a in attached if sentence.start <= a.offset < pronoun.start
                 and len([t for t in tokens if a.offset < t.start < pronoun.start
                          and t.is_word])
                 < _RELATIVE_REACH]
        if heads:
            whens[k] = _as_relation(max(heads, key=lambda a: a.offset).when)


#: Tokens from a relative pronoun to its verb, and words from the event word to the pronoun.
_RELATIVE_REACH = 8


def _as_relation(ref: When) -> When:
    """The interval of `ref`, as a date a mention takes from another (derived "relation")."""
    return When(ref.value, ref.start, ref.end, ref.granularity, "relation")


#: Mods of an interval open on one side: no day inside it stands for it.
_OPEN_MODS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"})
#: Words that make an event word a new one ("another attack", "a fresh wave of bombings").
_ANOTHER = frozenset({"another", "new", "fresh", "second", "third", "latest", "further",
                      "more", "renewed", "wave"})


def _another(text: str, start: int) -> bool:
    """True when one of the three words before `start` marks a new event (`_ANOTHER`)."""
    words = re.findall(r"[A-Za-z]+", text[max(0, start - 40):start])[-3:]
    return any(w.lower() in _ANOTHER for w in words)


COREFERENCE_FILE = EVENTS_DIR / "coreference.toml"


@frozen
class _Coreference:
    classes: dict[str, str]  # word -> class name
    not_events: frozenset[str]


@functools.lru_cache(maxsize=1)
def _coreference() -> _Coreference:
    """The word classes of `coreference.toml` (read once); `ResourceError` names a bad file."""
    data, raw = read_toml(COREFERENCE_FILE)
    table = section(data, "classes", COREFERENCE_FILE)
    classes: dict[str, str] = {}
    for name in sorted(table):
        for word in string_list(table, name, COREFERENCE_FILE, raw):
            classes[word.lower()] = f"class:{name}"
    not_events = string_list(section(data, "not_events", COREFERENCE_FILE), "words",
                             COREFERENCE_FILE, raw)
    return _Coreference(classes, frozenset(w.lower() for w in not_events))


def _same_event_key(word: str, words: _Coreference) -> str:
    """What two mentions share when they name the same happening: their class, else their stem."""
    low = word.lower().strip(".,;:!?\"'’“”()")
    return words.classes.get(low) or stem(low)


def anchor(text: str, published: PubDate | str | None,
           mentions: Iterable[tuple[int, int]],
           config: TaggerConfig = _CONFIG) -> list[Anchor]:
    """The interval of days each mention (a `(start, end)` pair of offsets into `text`)
    happened in, in the order given.

    Raises:
        InputError: a mention is not a span of the text.
        PublicationDateError: `published` is not YYYY, YYYY-MM or YYYY-MM-DD.
    """
    pub = _as_pubdate(published)
    document = Document("mentions", text, pub)
    return anchor_document(document, tag(text, pub, config), mentions)


@frozen
class _Where:
    source: str
    line: int

    def kw(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line}


def _mention_pairs(raw: object, where: _Where) -> list[tuple[int, int]]:
    from timeline.exceptions import DocumentError

    if not isinstance(raw, list):
        raise DocumentError('"mentions" must be a list of {"start", "end"}', value=raw,
                            **where.kw())
    pairs = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("start"), int) \
                or not isinstance(item.get("end"), int) or isinstance(item.get("start"), bool) \
                or isinstance(item.get("end"), bool):
            raise DocumentError(f'a mention must be {{"start": int, "end": int}}, got {item!r}',
                                value=item, **where.kw())
        pairs.append((item["start"], item["end"]))
    return pairs


def anchor_jsonl(text: str, source: str = "<input>") -> str:
    """Anchor every line of a JSON Lines text of ``{"id", "text", "published", "mentions":
    [{"start", "end"}]}`` records; one output line ``{"id", "mentions": [{"start", "end",
    "earliest", "latest", "value", "derived"}]}`` per input line (blank lines skipped).

    Raises:
        DocumentError: a line is not JSON, lacks a field or has a mention outside its text;
            the message names `source` and the 1-based line.
    """
    return "".join(anchor_lines(enumerate(text.split("\n"), start=1), source))


def anchor_lines(lines: Iterable[tuple[int, str | InputError]],
                 source: str = "<input>") -> Iterator[str]:
    """`anchor_jsonl` a line at a time: `lines` are (1-based number, text) pairs, as
    `timeline.io.jsonl_lines` gives them (an `InputError` in place of a text is raised when
    reached); yields one output line (ending in "\n") per record, blank lines skipped.

    Raises:
        DocumentError: as `anchor_jsonl`.
    """
    import json

    from timeline.exceptions import DocumentError

    for number, line in lines:
        if isinstance(line, InputError):
            raise line
        if not line.strip():
            continue
        where = _Where(source, number)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DocumentError(f"not valid JSON ({exc.msg})", value=line,
                                **where.kw()) from None
        except RecursionError:
            raise DocumentError("not valid JSON (nested too deeply)", value=line[:80],
                                **where.kw()) from None
        if not isinstance(record, dict):
            raise DocumentError("expected a JSON object", value=record,
                                **where.kw())
        doc_id, body = record.get("id"), record.get("text")
        if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool) or doc_id == "":
            raise DocumentError('missing or empty "id"', value=doc_id,
                                **where.kw())
        if not isinstance(body, str):
            raise DocumentError(f'record {doc_id!r}: "text" must be a string', value=body,
                                **where.kw())
        published = record.get("published")
        pairs = _mention_pairs(record.get("mentions"), where)
        try:
            anchors = anchor(body, published, pairs)
        except InputError as exc:
            raise DocumentError(f"record {doc_id!r}: {exc}", value=exc.value,
                                **where.kw()) from None
        yield json.dumps({"id": doc_id, "mentions": [anchor_record(a) for a in anchors]},
                         ensure_ascii=False, sort_keys=True) + "\n"


def anchor_record(item: Anchor) -> dict[str, object]:
    """The JSON object of one anchor (ISO days, null when open)."""
    def iso(day: dt.date | None) -> str | None:
        return None if day is None else day.isoformat()
    return {"start": item.start, "end": item.end, "earliest": iso(item.earliest),
            "latest": iso(item.latest), "value": item.value, "derived": item.derived}
