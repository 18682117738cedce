"""TimelineJS: Knight Lab's timeline viewer (https://timeline.knightlab.com), its JSON format.

`to_timelinejs` writes ``{"events": [slide, ...]}`` (no title slide, human scale), one slide per
dated event, in timeline order::

    {"start_date": {"year": 2025, "month": 3, "display_date": "March 2025"},
     "end_date": {...},                       # only when the event spans an interval
     "display_date": "March 2025",
     "text": {"headline": "Carney speaks in Ottawa", "text": "<p>...</p>"},
     "group": "speech",                       # the event type: one row per type
     "unique_id": "016f22d2ec66dbdc"}         # the event id

Dates follow the EDTF reading of the event (`timeline.export.edtf.edtf_parts`), so a partial date
stays partial: a month-precision event has ``{"year", "month"}`` and no ``day``, a year-precision
one only ``{"year"}``. One date (a day, a month, a year) is a ``start_date`` alone; an interval
has both dates.

Open-ended events have one known bound, and TimelineJS needs a ``start_date``: the slide is
placed on the known bound (the end for "by 1 Nov 2025", the start for "after 17 Mar 2025"),
without an ``end_date``, and ``display_date`` says which bound it is, in words that hold for the
inclusive bounds whatever produced them: "by 1 November 2025" (on or before; "before 17 March"
has the end 16 March and reads "by 16 March 2025"), "from 18 March 2025" (on or after), "by
April 2025" at month precision. An approximate date reads "about March 2025"; a date that is
only the publication date ends with "(publication date)". Month names are English (no locale).

Undated events cannot be placed: they are left out and counted in the `ExportReport`. Ids that
repeat get "-2", "-3"... (TimelineJS needs unique slide ids). TimelineJS reads headline and text
as HTML, so all text is HTML-escaped. Output is deterministic: sorted keys, indent 2, UTF-8,
trailing newline.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any

from timeline.exceptions import ExportError
from timeline.export.edtf import Bound, edtf_parts
from timeline.export.report import ExportReport
from timeline.model import Event, Timeline

__all__ = ["display_date", "to_timelinejs"]

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)


def _label(bound: Bound) -> str:
    """ "17 March 2025", "March 2025" or "2025"."""
    if bound.month is None:
        return str(bound.year)
    month = f"{_MONTHS[bound.month - 1]} {bound.year}"
    return month if bound.day is None else f"{bound.day} {month}"


def _date_object(bound: Bound, display: str) -> dict[str, Any]:
    out: dict[str, Any] = {"year": bound.year, "display_date": display}
    if bound.month is not None:
        out["month"] = bound.month
    if bound.day is not None:
        out["day"] = bound.day
    return out


def display_date(event: Event) -> str | None:
    """How the slide shows the date of `event` ("by 1 November 2025"); None when undated."""
    parts = edtf_parts(event.when)
    if parts is None:
        return None
    if parts.start is None:
        assert parts.end is not None
        text = f"by {_label(parts.end)}"
    elif parts.end is None:
        text = f"from {_label(parts.start)}"
    elif parts.single:
        text = _label(parts.start)
    else:
        text = f"{_label(parts.start)} \u2013 {_label(parts.end)}"
    if event.when.mod == "APPROX":
        text = f"about {text}"
    if event.when.derived == "publication":
        text = f"{text} (publication date)"
    return text


def _body(event: Event) -> str:
    esc = html.escape
    paragraphs = []
    if event.participants:
        paragraphs.append(f"<p>Participants: {esc(', '.join(event.participants))}</p>")
    if event.locations:
        paragraphs.append(f"<p>Places: {esc(', '.join(event.locations))}</p>")
    for source in event.sources:
        published = f", published {esc(source.published)}" if source.published else ""
        paragraphs.append(
            f"<p>{esc(source.sentence)}<br><small>{esc(source.document)}{published}</small></p>")
    return "".join(paragraphs)


def _slide(event: Event, unique_id: str) -> dict[str, Any]:
    parts = edtf_parts(event.when)
    shown = display_date(event)
    assert parts is not None and shown is not None
    slide: dict[str, Any] = {
        "display_date": shown,
        "group": event.type,
        "text": {"headline": html.escape(event.title), "text": _body(event)},
        "unique_id": unique_id,
    }
    if parts.start is None or parts.end is None:  # open-ended: placed on its known bound
        known = parts.start if parts.start is not None else parts.end
        assert known is not None
        slide["start_date"] = _date_object(known, shown)
    elif parts.single:
        slide["start_date"] = _date_object(parts.start, shown)
    else:
        slide["start_date"] = _date_object(parts.start, _label(parts.start))
        slide["end_date"] = _date_object(parts.end, _label(parts.end))
    return slide


def to_timelinejs(timeline: Timeline | Iterable[Event]) -> tuple[bytes, ExportReport]:
    """The dated events as TimelineJS JSON (UTF-8 bytes) and a report of the undated left out.

    Raises:
        ExportError: text that cannot be encoded as UTF-8 (lone surrogates).
    """
    if not isinstance(timeline, Timeline):
        timeline = Timeline(events=list(timeline))
    slides: list[dict[str, Any]] = []
    skipped: list[str] = []
    used: set[str] = set()
    for event in timeline.events:
        if not event.when.is_dated:
            skipped.append(event.id)
            continue
        unique_id, n = event.id, 1
        while unique_id in used:
            n += 1
            unique_id = f"{event.id}-{n}"
        used.add(unique_id)
        slides.append(_slide(event, unique_id))
    text = json.dumps({"events": slides}, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ExportError(f"timelinejs: text cannot be encoded as UTF-8: {exc}") from None
    return data, ExportReport(written=len(slides), skipped=len(skipped), skipped_ids=skipped)
