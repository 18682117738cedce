"""JSON and JSON Lines: the lossless formats.

`to_json` writes one object ``{"documents": [...], "events": [...]}``; `to_jsonl` writes one event
object per line. Both are deterministic (sorted keys, ``ensure_ascii=False``; JSON indented by 2 and
JSON Lines compact) and end with a newline. `timeline_from_json` and `events_from_jsonl` read them
back to equal records (a missing "conflict" reads as false). Dates are ISO days
(``"2025-03-17"``), inclusive, or null when open.
``when.edtf`` repeats the dates as one EDTF string (`timeline.export.edtf.to_edtf`; null when
undated); it is computed, not stored: readers accept a file without it and reject one whose
``edtf`` disagrees with the dates. The JSON Schema of both formats is
``timeline/data/schema/timeline.schema.json``.

An event object::

    {"id": ..., "type": ..., "title": ...,
     "when": {"value", "start", "end", "granularity", "derived", "mod", "edtf"},
     "participants": [...], "locations": [...], "conflict": false,
     "sources": [{"document", "start", "end", "text", "sentence", "sentence_start",
                  "published"}]}
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from timeline.exceptions import ExportError
from timeline.export.edtf import to_edtf
from timeline.model import Event, Source, Timeline, When

__all__ = [
    "check_edtf",
    "event_from_dict",
    "event_to_dict",
    "events_from_jsonl",
    "timeline_from_json",
    "to_json",
    "to_jsonl",
]


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def event_to_dict(event: Event) -> dict[str, Any]:
    """The JSON-ready dict of one event (plain str/int/None/list/dict values only)."""
    when = event.when
    return {
        "id": event.id,
        "type": event.type,
        "title": event.title,
        "when": {
            "value": when.value,
            "start": _iso(when.start),
            "end": _iso(when.end),
            "granularity": when.granularity,
            "derived": when.derived,
            "mod": when.mod,
            "edtf": to_edtf(when),
        },
        "participants": list(event.participants),
        "locations": list(event.locations),
        "conflict": event.conflict,
        "sources": [
            {
                "document": s.document,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "sentence": s.sentence,
                "sentence_start": s.sentence_start,
                "published": s.published,
            }
            for s in event.sources
        ],
    }


def _get(obj: Any, key: str, kind: type | tuple[type, ...], *, optional: bool = False) -> Any:
    if not isinstance(obj, dict):
        raise TypeError(f"expected an object, got {type(obj).__name__}")
    if key not in obj:
        raise ValueError(f"missing key {key!r}")
    value = obj[key]
    if value is None and optional:
        return None
    if isinstance(value, bool) and kind is int or not isinstance(value, kind):
        raise TypeError(f"{key!r} must be {getattr(kind, '__name__', kind)}, got {value!r}")
    return value


def _date(obj: Any, key: str) -> dt.date | None:
    text = _get(obj, key, str, optional=True)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{key!r} is not an ISO date: {text!r}") from None


def _strings(obj: Any, key: str) -> tuple[str, ...]:
    items = _get(obj, key, list)
    if not all(isinstance(item, str) for item in items):
        raise TypeError(f"{key!r} must be a list of strings, got {items!r}")
    return tuple(items)


def check_edtf(when: When, edtf: str | None) -> None:
    """Raise ValueError unless `edtf` is what `to_edtf` writes for `when`."""
    expected = to_edtf(when)
    if edtf != expected:
        raise ValueError(f"'edtf' {edtf!r} does not match the dates (expected {expected!r})")


def event_from_dict(obj: Any) -> Event:
    """Rebuild an Event from `event_to_dict` output.

    Raises:
        ValueError: a key is missing, a value has the wrong type, or the record is invalid.
    """
    raw_when = _get(obj, "when", dict)
    when = When(
        value=_get(raw_when, "value", str, optional=True),
        start=_date(raw_when, "start"),
        end=_date(raw_when, "end"),
        granularity=_get(raw_when, "granularity", str),
        derived=_get(raw_when, "derived", str),
        mod=_get(raw_when, "mod", str, optional=True),
    )
    if "edtf" in raw_when:
        check_edtf(when, _get(raw_when, "edtf", str, optional=True))
    sources = [
        Source(
            document=_get(s, "document", str),
            start=_get(s, "start", int),
            end=_get(s, "end", int),
            text=_get(s, "text", str),
            sentence=_get(s, "sentence", str),
            sentence_start=_get(s, "sentence_start", int),
            published=_get(s, "published", str, optional=True),
        )
        for s in _get(obj, "sources", list)
    ]
    return Event(
        id=_get(obj, "id", str),
        type=_get(obj, "type", str),
        title=_get(obj, "title", str),
        when=when,
        participants=_strings(obj, "participants"),
        locations=_strings(obj, "locations"),
        sources=sources,
        conflict=_get(obj, "conflict", bool) if "conflict" in obj else False,
    )


def to_json(timeline: Timeline) -> str:
    """The whole timeline as one JSON document (indent 2, sorted keys, trailing newline)."""
    doc = {
        "documents": list(timeline.documents),
        "events": [event_to_dict(e) for e in timeline.events],
    }
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def to_jsonl(events: Timeline | Iterable[Event]) -> str:
    """One compact JSON object per event and line, in timeline order ("" for no events)."""
    return "".join(
        json.dumps(event_to_dict(e), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        + "\n"
        for e in events
    )


def timeline_from_json(text: str | bytes) -> Timeline:
    """Read `to_json` output back into a Timeline.

    Raises:
        ExportError: not JSON, or not a timeline object; the message names the line or event.
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportError(f"JSON line {exc.lineno}: {exc.msg}") from None
    except UnicodeDecodeError as exc:
        raise ExportError(f"JSON is not UTF-8: {exc}", value=None) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("events"), list):
        raise ExportError('JSON timeline must be an object with an "events" list', value=doc)
    documents = doc.get("documents", [])
    if not isinstance(documents, list) or not all(isinstance(d, str) for d in documents):
        raise ExportError('JSON "documents" must be a list of strings', value=documents)
    events = []
    for index, raw in enumerate(doc["events"]):
        try:
            events.append(event_from_dict(raw))
        except (ValueError, TypeError) as exc:
            raise ExportError(f"JSON event #{index}: {exc}", value=raw) from None
    return Timeline(events=events, documents=documents)


def events_from_jsonl(text: str | bytes) -> list[Event]:
    """Read `to_jsonl` output (blank lines allowed) back into events, in file order.

    Lines are split on "\\n" only (a raw U+2028 inside a string is content, not a line break).

    Raises:
        ExportError: a line is not JSON or not an event; the message names the 1-based line.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ExportError(f"JSON Lines is not UTF-8: {exc}") from None
    events = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            events.append(event_from_dict(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise ExportError(f"JSON Lines line {number}: {exc.msg}", value=line) from None
        except (ValueError, TypeError) as exc:
            raise ExportError(f"JSON Lines line {number}: {exc}", value=line) from None
    return events
