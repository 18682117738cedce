"""The records `timeline` passes around: frozen, validated, and free of serialization code.

Dates are `datetime.date`; intervals of days are inclusive on both ends, and `None` marks an open
(unknown) bound. Exporters in `timeline.export` turn these records into text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from collections.abc import Iterable
from typing import Any

import attrs
from attrs import field, frozen

from timeline.exceptions import PublicationDateError

__all__ = [
    "DERIVATIONS",
    "EVENT_TYPES",
    "GRANULARITIES",
    "MODS",
    "TIMEX_TYPES",
    "DayReference",
    "Document",
    "Event",
    "PubDate",
    "Source",
    "TimeExpression",
    "TimeValue",
    "Timeline",
    "When",
]

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
#: TIMEX3 `mod` values (TimeML 1.2.1).
MODS = (
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
    "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX",
)
#: Granularities, finest first. "none" is for expressions with no calendar extent (PAST_REF).
GRANULARITIES = (
    "second", "minute", "hour", "part_of_day", "day", "week", "month", "quarter", "season",
    "half", "year", "decade", "century", "millennium", "none",
)
EVENT_TYPES = (
    "travel", "meeting", "speech", "agreement", "announcement", "policy", "election", "poll",
    "ceremony", "statement", "other",
)
#: How an event's date was obtained.
DERIVATIONS = ("explicit", "tense", "relation", "narrative", "publication", "none")


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _sources(values: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(values)


def _events_in_order(values: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(sorted(values, key=_sort_key))


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in choices:
            raise ValueError(
                f"{type(inst).__name__}.{attribute.name} must be one of {choices}, got {value!r}"
            )
    return check


def _optional_one_of(choices: tuple[str, ...]) -> Any:
    inner = _one_of(choices)

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(inst, attribute, value)
    return check


def _ordered_bounds(inst: Any, earliest: dt.date | None, latest: dt.date | None) -> None:
    if earliest is not None and latest is not None and earliest > latest:
        raise ValueError(
            f"{type(inst).__name__}: earliest {earliest.isoformat()} is after latest "
            f"{latest.isoformat()}"
        )


_PUB_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
#: an ISO 8601 time of day and zone after a full date: "T23:30", " 23:30:00.5", "T23:30:00-05:00"
_PUB_TIME_RE = re.compile(
    r"^[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$")


def partial_iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """A date at the precision it is known: "2025", "2025-03" or "2025-03-17"."""
    out = f"{year:04d}"
    if month is not None:
        out += f"-{month:02d}"
        if day is not None:
            out += f"-{day:02d}"
    return out


@frozen
class PubDate:
    """A publication date known to a day, a month or a year.

    Attributes:
        year: the year.
        month: the month (1-12), or None for a year-precision date.
        day: the day of the month, or None for a month- or year-precision date.
        source: "given" (by the caller) or "text" (read from a dateline in the article).
    """

    year: int = field(validator=attrs.validators.instance_of(int))
    month: int | None = None
    day: int | None = None
    source: str = field(default="given", validator=_one_of(("given", "text")))

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise PublicationDateError("a day needs a month", value=self.day)
        try:
            dt.date(self.year, self.month or 1, self.day or 1)
        except ValueError as exc:
            raise PublicationDateError(
                f"not a real date: {self.iso()!r} ({exc})", value=self.iso()
            ) from None

    @classmethod
    def parse(cls, text: str, *, source: str = "given") -> PubDate:
        """Read "YYYY", "YYYY-MM" or "YYYY-MM-DD".

        A full date may carry an ISO 8601 time and zone ("2025-03-17T23:30:00-05:00",
        "2025-03-17 23:30Z"): the date is the local calendar date as written (17 March here),
        never converted to another zone; the time is checked, then ignored."""
        if not isinstance(text, str):
            raise PublicationDateError(
                f"publication date must be a string, got {text!r}", value=text)
        stripped = text.strip()
        core, time = stripped[:10], stripped[10:]
        if len(core) < 10 or (time and not _PUB_TIME_RE.match(time)):
            core, time = stripped, ""
        m = _PUB_RE.match(core)
        if not m:
            raise PublicationDateError(
                f"publication date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD", value=text
            )
        month = int(m["month"]) if m["month"] else None
        day = int(m["day"]) if m["day"] else None
        return cls(int(m["year"]), month, day, source)

    @classmethod
    def from_date(cls, day: dt.date, *, source: str = "given") -> PubDate:
        return cls(day.year, day.month, day.day, source)

    @property
    def grain(self) -> str:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        if self.day is not None:
            return self.earliest
        if self.month is not None:
            # monthrange, not "first of next month - 1": December 9999 has no next month
            return self.earliest.replace(day=calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def iso(self) -> str:
        return partial_iso(self.year, self.month, self.day)


@frozen
class Document:
    """One article.

    Attributes:
        id: a stable identifier (file stem, manifest id or JSON Lines id).
        text: the full text; every character offset refers to it.
        published: the publication date, at its precision, or None when unknown.
        title: the headline, if known.
        url: where the article came from, if known.
    """

    id: str = field(validator=attrs.validators.instance_of(str))
    text: str = field(validator=attrs.validators.instance_of(str), repr=False)
    published: PubDate | None = field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(PubDate))
    )
    title: str | None = None
    url: str | None = None

    @id.validator
    def _check_id(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not value.strip():
            raise ValueError("Document.id must not be empty")


@frozen
class TimeValue:
    """A normalized time: its TIMEX3 reading and the interval of days it covers.

    Attributes:
        type: TIMEX3 type: DATE, TIME, DURATION or SET.
        value: TIMEX3 value ("2025-03", "2026-W04", "P2W", "PAST_REF", "XXXX-03", ...).
        mod: TIMEX3 mod ("START", "ON_OR_BEFORE", ...) or None.
        granularity: the grain of the expression ("day", "month", ...; see GRANULARITIES).
        earliest: first day covered (inclusive), None when open or unknown.
        latest: last day covered (inclusive), None when open or unknown.
    """

    type: str = field(validator=_one_of(TIMEX_TYPES))
    value: str = field(validator=attrs.validators.instance_of(str))
    mod: str | None = field(default=None, validator=_optional_one_of(MODS))
    granularity: str = field(default="none", validator=_one_of(GRANULARITIES))
    earliest: dt.date | None = None
    latest: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        _ordered_bounds(self, self.earliest, self.latest)
        if not self.value:
            raise ValueError("TimeValue.value must not be empty")


@frozen
class TimeExpression:
    """A temporal expression found in a text.

    Attributes:
        text: the matched text, exactly `document_text[start:end]`.
        start: character offset of the first character.
        end: character offset after the last character.
        time: the normalized reading.
        rule: the name of the rule that matched.
        signal: a preposition just before the span that qualifies it ("by", "since", "before",
            "after", "until", "in", "on"...), kept outside the span as TimeML does; or None.
        latent: True for ambiguous matches (a bare number that may be a year); dropped by default.
    """

    text: str
    start: int = field(validator=attrs.validators.ge(0))
    end: int = field()
    time: TimeValue
    rule: str = ""
    signal: str | None = None
    latent: bool = False

    @end.validator
    def _check_end(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value - self.start != len(self.text):
            raise ValueError(
                f"TimeExpression span {self.start}..{value} does not fit text {self.text!r}"
            )

    @property
    def type(self) -> str:
        return self.time.type

    @property
    def value(self) -> str:
        return self.time.value

    @property
    def mod(self) -> str | None:
        return self.time.mod

    @property
    def granularity(self) -> str:
        return self.time.granularity

    @property
    def earliest(self) -> dt.date | None:
        return self.time.earliest

    @property
    def latest(self) -> dt.date | None:
        return self.time.latest


@frozen
class Source:
    """Where an event is reported.

    Attributes:
        document: the document id.
        start: character offset of the trigger in the document text.
        end: character offset after the trigger.
        text: the trigger text, `document_text[start:end]`.
        sentence: the sentence that reports the event.
        sentence_start: character offset of the sentence in the document text.
        published: the document's publication date as ISO ("2025-03-17", "2025-04"), or None.
    """

    document: str
    start: int = field(validator=attrs.validators.ge(0))
    end: int = field()
    text: str
    sentence: str
    sentence_start: int = field(default=0, validator=attrs.validators.ge(0))
    published: str | None = None

    @end.validator
    def _check_end(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value < self.start:
            raise ValueError(f"Source.end {value} is before start {self.start}")


@frozen
class When:
    """When an event happened, as an interval of days.

    Attributes:
        value: TIMEX3-style value of the anchor ("2025-03-17", "2025-03"), or None.
        start: first possible day (inclusive), None when open.
        end: last possible day (inclusive), None when open.
        granularity: grain of the anchor ("day", "month", ...; "none" when undated).
        derived: how it was obtained: "explicit" (a time expression governs the event), "tense"
            (tense/aspect against the publication date), "relation" (relative to another event),
            "narrative" (the day the story last named), "publication" (the publication date: a
            reporting verb, or by default), or "none".
        mod: a TIMEX3 mod qualifying the bounds (e.g. "ON_OR_BEFORE", "AFTER") or None.
    """

    value: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str = field(default="none", validator=_one_of(GRANULARITIES))
    derived: str = field(default="none", validator=_one_of(DERIVATIONS))
    mod: str | None = field(default=None, validator=_optional_one_of(MODS))

    def __attrs_post_init__(self) -> None:
        _ordered_bounds(self, self.start, self.end)

    @property
    def is_dated(self) -> bool:
        return self.start is not None or self.end is not None


@frozen
class Event:
    """An event reported by one or more articles.

    Attributes:
        id: stable identifier derived from the first source (document id and trigger span).
        type: one of EVENT_TYPES.
        title: a short human-readable title ("Carney visits Paris and London").
        when: its date interval.
        participants: people taking part, titles stripped, in order of mention.
        locations: places, in order of mention.
        sources: where it is reported; never empty.
        conflict: True when its sources date it differently (intervals with no day in
            common): `when` is then the hull of their intervals.
    """

    id: str = field(validator=attrs.validators.instance_of(str))
    type: str = field(validator=_one_of(EVENT_TYPES))
    title: str = field(validator=attrs.validators.instance_of(str))
    when: When = field(validator=attrs.validators.instance_of(When))
    participants: tuple[str, ...] = field(default=(), converter=_strings)
    locations: tuple[str, ...] = field(default=(), converter=_strings)
    sources: tuple[Source, ...] = field(default=(), converter=_sources)
    conflict: bool = field(default=False, validator=attrs.validators.instance_of(bool))

    @sources.validator
    def _check_sources(self, attribute: attrs.Attribute[Any], value: tuple[Source, ...]) -> None:
        if not value:
            raise ValueError(f"Event {self.id!r} needs at least one source")


def _sort_key(event: Event) -> tuple[Any, ...]:
    when = event.when
    first = event.sources[0]
    # Open and unknown starts go last; among them, those with a known end by that end.
    return (
        when.start is None,
        when.start or dt.date.max,
        when.end is None,
        when.end or dt.date.max,
        first.document,
        first.start,
        event.id,
    )


@frozen
class DayReference:
    """A document's mention of one exact day ("on 22 April", "on Friday"), for key dates.

    Attributes:
        document: id of the document that mentions the day.
        day: the day mentioned.
        published: the document's publication day, or None when it is not known to the day.
    """

    document: str
    day: dt.date
    published: dt.date | None = None


def _references(values: Iterable[DayReference]) -> tuple[DayReference, ...]:
    return tuple(sorted(set(values), key=lambda r: (r.day, r.document, r.published or r.day)))


@frozen
class Timeline:
    """Events from many documents, sorted by start (open and unknown starts last).

    Attributes:
        events: the events, in timeline order.
        documents: ids of the documents they were extracted from, (`extract` sorts them).
        references: the exact days the documents mention (`DayReference`), one per document and
            day, sorted; evidence for `key_dates` only. Not part of equality nor of the exports:
            a timeline read back from JSON has none, and its key dates come from events alone.
    """

    events: tuple[Event, ...] = field(default=(), converter=_events_in_order)
    documents: tuple[str, ...] = field(default=(), converter=_strings)
    references: tuple[DayReference, ...] = field(default=(), converter=_references, eq=False,
                                                  repr=False)

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Any:
        return iter(self.events)

    def key_dates(self, k: int,
                  window: tuple[dt.date | None, dt.date | None] | None = None) -> list[Any]:
        """The `k` days most events, sources and documents' mentions fall on, best first, as
        `KeyDate`s (day, score, event ids); `window` = (first, last) day (inclusive, None =
        open) limits the candidates. See `timeline.keydates` for how days are weighed."""
        from timeline.keydates import key_dates

        return key_dates(self.events, k, self.references, window=window)

    def render(self, fmt: str) -> tuple[bytes, Any]:
        """This timeline as "json", "jsonl", "csv" or "ics" bytes, with an ExportReport of what
        was written and left out (see `timeline.export.render`; serialization lives there)."""
        from timeline.export import render

        return render(self, fmt)

    def write(self, fmt: str, path: str | os.PathLike[str]) -> Any:
        """Write this timeline in `fmt` to `path` atomically; returns the ExportReport
        (see `timeline.export.write`)."""
        from timeline.export import write

        return write(self, fmt, path)
