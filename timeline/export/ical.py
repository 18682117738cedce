"""iCalendar (RFC 5545): every dated event as an all-day VEVENT.

Output is a pure function of the timeline (no clock, no random UIDs), so two renders are identical
bytes and re-importing an updated export updates events instead of duplicating them:

* UID: ``sha1("{document}:{start}:{end}")[:20] + "@timeline"`` from the event's first source (its
  document id and trigger span), never from its date. If two events of one export share a first
  source, the later ones get ``-2``, ``-3`` ... before the ``@``.
* DTSTAMP: the first source's publication date (a month or a year counts as its first day) at
  00:00:00 UTC; `EPOCH` (1970-01-01T00:00:00Z) when it has none. An unreadable one is an error.
* An exact day is ``DTSTART;VALUE=DATE`` with the exclusive DTEND of the next day and
  STATUS:CONFIRMED, unless a mod makes it uncertain (APPROX, BEFORE, ...) or the day is only the
  publication date by default (derived "publication"); those are TENTATIVE, the reason in SUMMARY.
* A wider interval (a week, month, year, or any span) is TENTATIVE from start to end + 1, with the
  precision appended to SUMMARY: "Title (month: March 2025)".
* One bound only: a one-day TENTATIVE event on that bound, SUMMARY "by 1 Nov 2025: Title" (end
  only; "before" for mod BEFORE) or "after 17 Mar 2025: Title" (start only; "from" for
  ON_OR_AFTER).
* No date at all: left out, counted in the returned `ExportReport`.

Each VEVENT also has CATEGORIES (the event type), LOCATION (locations joined by ", "), TRANSP
TRANSPARENT (news does not make anyone busy) and a DESCRIPTION with the date reading, the
participants, and every source's sentence and document id. The text is for display and not exactly
reversible: control characters that RFC 5545 forbids in TEXT and U+FEFF are dropped, CR / CRLF
become LF, and icalendar itself writes a literal backslash-N as a line break. Dates use fixed
English month names (no locale).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from timeline.exceptions import ExportError, PublicationDateError
from timeline.export.report import ExportReport
from timeline.model import Event, PubDate, Timeline, When

if TYPE_CHECKING:
    import icalendar


def _icalendar() -> Any:
    """icalendar, imported on first use: it is a third of `import timeline` otherwise."""
    import icalendar

    return icalendar

__all__ = [
    "DEFAULT_PRODID", "EPOCH", "event_dtstamp", "event_uid", "events_from_ics", "to_ics",
]

DEFAULT_PRODID = "-//timeline//News event timeline//EN"
#: DTSTAMP of events whose first source has no publication date.
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
_CERTAIN_MODS = (None, "START", "MID", "END")
_MOD_WORDS = {
    "BEFORE": "before", "ON_OR_BEFORE": "by", "AFTER": "after", "ON_OR_AFTER": "from",
    "LESS_THAN": "less than", "MORE_THAN": "more than", "EQUAL_OR_LESS": "at most",
    "EQUAL_OR_MORE": "at least", "START": "start of", "MID": "middle of", "END": "end of",
    "APPROX": "about",
}
_COARSER_THAN_DAY = ("week", "month", "quarter", "season", "half", "year", "decade", "century",
                     "millennium")
#: Dropped from TEXT: controls RFC 5545 forbids, and U+FEFF (a BOM to readers that decode values
#: as utf-8-sig, as icalendar does, and invisible anyway).
_FORBIDDEN = dict.fromkeys([*range(0x09), *range(0x0B, 0x20), 0x7F, 0xFEFF])


def _short(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def _clean(text: str) -> str:
    """Text fit for an iCalendar TEXT value: LF line breaks, no other controls, no U+FEFF."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_FORBIDDEN)


def event_uid(event: Event) -> str:
    """The UID of `event`: a hash of its first source's document id and trigger span."""
    first = event.sources[0]
    key = f"{first.document}:{first.start}:{first.end}".encode("utf-8", "surrogatepass")
    return f"{hashlib.sha1(key).hexdigest()[:20]}@timeline"


def event_dtstamp(event: Event) -> dt.datetime:
    """DTSTAMP of `event`: its first source's publication day at 00:00 UTC, or `EPOCH`."""
    published = event.sources[0].published
    if published is None:
        return EPOCH
    try:
        day = PubDate.parse(published).earliest
    except PublicationDateError:
        raise ExportError(
            f"event {event.id!r}: publication date {published!r} is not YYYY[-MM[-DD]]",
            value=published,
        ) from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _span_label(when: When, start: dt.date, end: dt.date) -> str:
    """ "month: March 2025", "year: 2025", "week: 17 Mar 2025 to 23 Mar 2025"... """
    grain = when.granularity if when.granularity in _COARSER_THAN_DAY else "span"
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and \
            (start.year, start.month) == (end.year, end.month):
        label = f"{_MONTHS[start.month - 1]} {start.year}"
    elif (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        label = str(start.year)
    else:
        label = f"{_short(start)} to {_short(end)}"
    if when.mod is not None:
        label = f"{_MOD_WORDS[when.mod]} {label}"
    return f"{grain}: {label}"


def _placement(event: Event) -> tuple[dt.date, dt.date, str, str]:
    """(first day, last day inclusive, STATUS, SUMMARY) of a dated event."""
    when, title = event.when, event.title
    start, end = when.start, when.end
    if start is None and end is not None:
        word = "before" if when.mod == "BEFORE" else "by"
        return end, end, "TENTATIVE", f"{word} {_short(end)}: {title}"
    if end is None and start is not None:
        word = "from" if when.mod in ("ON_OR_AFTER", "EQUAL_OR_MORE") else "after"
        return start, start, "TENTATIVE", f"{word} {_short(start)}: {title}"
    assert start is not None and end is not None
    if start == end:
        if when.mod not in _CERTAIN_MODS:
            return start, end, "TENTATIVE", f"{title} ({_MOD_WORDS[when.mod]} {_short(start)})"
        if when.derived == "publication":
            return start, end, "TENTATIVE", f"{title} (publication date: {_short(start)})"
        return start, end, "CONFIRMED", title
    return start, end, "TENTATIVE", f"{title} ({_span_label(when, start, end)})"


def _description(event: Event) -> str:
    when = event.when
    reading = ", ".join(x for x in (when.granularity, when.derived, when.mod) if x)
    lines = [f"When: {when.value or '?'} ({reading})"]
    if event.participants:
        lines.append(f"Participants: {', '.join(event.participants)}")
    for source in event.sources:
        published = f", published {source.published}" if source.published else ""
        lines += ["", f"Source: {source.document}{published}", source.sentence]
    return "\n".join(lines)


def _vevent(event: Event, uid: str) -> icalendar.Event:
    first, last, status, summary = _placement(event)
    try:
        dtend = last + dt.timedelta(days=1)
    except OverflowError:
        raise ExportError(f"event {event.id!r}: date {last} is out of range", value=last) from None
    vevent = _icalendar().Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", event_dtstamp(event))
    vevent.add("dtstart", first)
    vevent.add("dtend", dtend)
    vevent.add("summary", _clean(summary))
    vevent.add("status", status)
    vevent.add("transp", "TRANSPARENT")
    vevent.add("categories", [event.type])
    if event.locations:
        vevent.add("location", _clean(", ".join(event.locations)))
    vevent.add("description", _clean(_description(event)))
    return vevent


def to_ics(
    timeline: Timeline | Iterable[Event], *, prodid: str = DEFAULT_PRODID
) -> tuple[bytes, ExportReport]:
    """Render the dated events as an iCalendar file, in timeline order.

    Returns:
        The .ics bytes (UTF-8, CRLF, folded lines) and a report of written and left-out
        (undated) events.

    Raises:
        ExportError: an unreadable publication date, a date at the end of the calendar, or text
            that cannot be encoded as UTF-8.
    """
    if not isinstance(timeline, Timeline):
        timeline = Timeline(events=list(timeline))
    calendar = _icalendar().Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    seen: dict[str, int] = {}
    skipped: list[str] = []
    for event in timeline.events:
        if not event.when.is_dated:
            skipped.append(event.id)
            continue
        uid = event_uid(event)
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            uid = uid.replace("@", f"-{seen[uid]}@", 1)
        calendar.add_component(_vevent(event, uid))
    try:
        data = calendar.to_ical()
    except UnicodeEncodeError as exc:
        raise ExportError(f"text cannot be encoded as UTF-8: {exc}") from None
    written = len(timeline.events) - len(skipped)
    return data, ExportReport(written=written, skipped=len(skipped), skipped_ids=skipped)


def _text(component: Any, name: str) -> str | None:
    return None if name not in component else str(component[name])


def _dt(component: Any, name: str) -> Any:
    return component[name].dt if name in component else None


def events_from_ics(data: bytes | str) -> list[dict[str, Any]]:
    """A minimal reader: the VEVENTs of an .ics file as plain dicts, in file order.

    Keys: uid, dtstamp (datetime), dtstart and dtend (date), status, summary, description,
    location (None when absent), categories (list of str), transp.

    Raises:
        ExportError: the data is not an iCalendar object.
    """
    try:
        calendar = _icalendar().Calendar.from_ical(data)
    except ValueError as exc:
        raise ExportError(f"not an iCalendar file: {exc}") from None
    out = []
    for vevent in calendar.walk("VEVENT"):
        categories = vevent.get("categories")
        cats = [] if categories is None else [str(c) for c in categories.cats]
        out.append({
            "uid": _text(vevent, "uid"),
            "dtstamp": _dt(vevent, "dtstamp"),
            "dtstart": _dt(vevent, "dtstart"),
            "dtend": _dt(vevent, "dtend"),
            "status": _text(vevent, "status"),
            "summary": _text(vevent, "summary"),
            "description": _text(vevent, "description"),
            "location": _text(vevent, "location"),
            "categories": cats,
            "transp": _text(vevent, "transp"),
        })
    return out
