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
  only) or "from 17 Mar 2025: Title" (start only). Bounds are inclusive days ("before 17 March"
  is stored ending 16 March), so the words are always the inclusive "by" and "from".
* No date at all: left out, counted in the returned `ExportReport`.
* An event ending on 9999-12-31 has no exclusive DTEND to write: it gets a DURATION instead.

The calendar carries PRODID, VERSION 2.0, CALSCALE GREGORIAN, METHOD PUBLISH (a published
calendar, not a scheduling message) and its name twice, as RFC 7986 NAME and as the
X-WR-CALNAME that most clients read (`DEFAULT_CALENDAR_NAME` unless `calendar_name` is given).

SEQUENCE (updates in place, never duplicates): UIDs do not depend on dates, so an event whose date
is corrected keeps its UID. To tell calendars that it changed, `to_ics` may be given the previous
export (`previous`; the CLI reads the existing ``-o`` file, or ``--previous FILE``). For each UID
found there, SEQUENCE stays the old one if the event's content (DTSTART, DTEND, SUMMARY, STATUS,
TRANSP, CATEGORIES, LOCATION, DESCRIPTION) is unchanged and is the old one plus 1 if it changed; a
UID not found there gets 0. No clock and no randomness: the same input and the same previous file
give the same bytes, and re-exporting unchanged input keeps every SEQUENCE.

An event of the previous export that is gone from the new one (a correction merged it into
another, or its article was withdrawn) is carried over as STATUS:CANCELLED with SEQUENCE + 1, after
the live events and in the previous file's order, so that a calendar server holding the old copy
cancels it instead of keeping a stale event (`ExportReport.cancelled` counts them). Only events
with a UID of ours (ending ``@timeline``) are carried over; others in that file are left alone.
One already CANCELLED there is carried over unchanged, so exporting again gives the same bytes.

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
    "DEFAULT_CALENDAR_NAME", "DEFAULT_PRODID", "EPOCH", "event_dtstamp", "event_uid",
    "events_from_ics", "previous_versions", "to_ics",
]

DEFAULT_PRODID = "-//timeline//News event timeline//EN"
DEFAULT_CALENDAR_NAME = "timeline"
#: The VEVENT properties whose change raises SEQUENCE (not DTSTAMP, not SEQUENCE itself).
CONTENT_PROPERTIES = (
    "DTSTART", "DTEND", "DURATION", "SUMMARY", "STATUS", "TRANSP", "CATEGORIES", "LOCATION",
    "DESCRIPTION",
)
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


#: What every UID of ours ends with (events of other origin in a previous file are left alone).
UID_DOMAIN = "@timeline"


def event_uid(event: Event) -> str:
    """The UID of `event`: a hash of its first source's document id and trigger span."""
    first = event.sources[0]
    key = f"{first.document}:{first.start}:{first.end}".encode("utf-8", "surrogatepass")
    return f"{hashlib.sha1(key).hexdigest()[:20]}{UID_DOMAIN}"


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
    if start.day == 1 and (end == dt.date.max or (end + dt.timedelta(days=1)).day == 1) and \
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
        # the bounds are inclusive days: "by" the last possible day, whatever the mod
        return end, end, "TENTATIVE", f"by {_short(end)}: {title}"
    if end is None and start is not None:
        # the first possible day, inclusive
        return start, start, "TENTATIVE", f"from {_short(start)}: {title}"
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
    vevent = _icalendar().Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", event_dtstamp(event))
    vevent.add("dtstart", first)
    if last < dt.date.max:
        vevent.add("dtend", last + dt.timedelta(days=1))
    else:  # no exclusive end after 9999-12-31: the same span as a DURATION
        vevent.add("duration", dt.timedelta(days=(last - first).days + 1))
    vevent.add("summary", _clean(summary))
    vevent.add("status", status)
    vevent.add("transp", "TRANSPARENT")
    vevent.add("categories", [event.type])
    if event.locations:
        vevent.add("location", _clean(", ".join(event.locations)))
    vevent.add("description", _clean(_description(event)))
    return vevent


def _fingerprint(vevent: Any) -> tuple[tuple[str, bytes | None], ...]:
    """The content of a parsed VEVENT that SEQUENCE tracks, in serialized form."""
    return tuple(
        (name, vevent[name].to_ical() if name in vevent else None) for name in CONTENT_PROPERTIES
    )


def _brief(item: object, limit: int = 120) -> str:
    """`item` as text cut to `limit` characters: icalendar quotes the whole unparsable line,
    which may be a whole file."""
    text = item.decode("utf-8", "replace") if isinstance(item, bytes) else str(item)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _previous_calendar(data: bytes | str) -> Any:
    try:
        return _icalendar().Calendar.from_ical(data)
    except ValueError as exc:
        raise ExportError(f"previous calendar is not an iCalendar file: {_brief(exc)}",
                          value=_brief(data)) from None


def _versions(calendar: Any) -> dict[str, tuple[int, Any]]:
    out: dict[str, tuple[int, Any]] = {}
    for vevent in calendar.walk("VEVENT"):
        if "UID" not in vevent:
            continue
        out[str(vevent["UID"])] = (_sequence_of(vevent), _fingerprint(vevent))
    return out


def _sequence_of(vevent: Any) -> int:
    raw = vevent.get("SEQUENCE", 0)
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ExportError(
            f"previous calendar: SEQUENCE {raw!r} of {vevent['UID']} is not a number",
            value=raw,
        ) from None


def previous_versions(data: bytes | str) -> dict[str, tuple[int, Any]]:
    """UID -> (SEQUENCE, content fingerprint) of each VEVENT of an earlier export.

    Raises:
        ExportError: the data is not an iCalendar object, or a SEQUENCE is not a number.
    """
    return _versions(_previous_calendar(data))


def _cancelled(calendar: Any, live: set[str]) -> list[Any]:
    """The VEVENTs of a previous export whose UID is not in `live`, as CANCELLED (SEQUENCE + 1
    unless they already were), in that file's order."""
    out = []
    for vevent in calendar.walk("VEVENT"):
        uid = str(vevent.get("UID", ""))
        if not uid.endswith(UID_DOMAIN) or uid in live:  # only ours: never cancel others'
            continue
        live.add(uid)  # one copy of a UID the previous file repeats
        if str(vevent.get("STATUS", "")).upper() == "CANCELLED":
            out.append(vevent)
            continue
        sequence = _sequence_of(vevent) + 1
        for name in ("STATUS", "SEQUENCE"):
            vevent.pop(name, None)
        vevent.add("status", "CANCELLED")
        vevent.add("sequence", sequence)
        out.append(vevent)
    return out


def _sequence(vevent: icalendar.Event, uid: str,
              previous: dict[str, tuple[int, Any]]) -> int:
    if uid not in previous:
        return 0
    old_sequence, old_content = previous[uid]
    reparsed = _icalendar().Event.from_ical(vevent.to_ical())  # compared as previous was read
    return old_sequence if _fingerprint(reparsed) == old_content else old_sequence + 1


def to_ics(
    timeline: Timeline | Iterable[Event], *, prodid: str = DEFAULT_PRODID,
    calendar_name: str = DEFAULT_CALENDAR_NAME, previous: bytes | str | None = None,
) -> tuple[bytes, ExportReport]:
    """Render the dated events as an iCalendar file, in timeline order.

    Args:
        timeline: the events.
        prodid: the calendar's PRODID.
        calendar_name: NAME and X-WR-CALNAME, what calendar apps show as the calendar's name.
        previous: an earlier export of the same articles (bytes or text of an .ics file), whose
            SEQUENCEs are kept for unchanged events and raised by one for changed ones; its
            events missing from this export are carried over as CANCELLED.

    Returns:
        The .ics bytes (UTF-8, CRLF, folded lines) and a report of written, left-out (undated)
        and cancelled events.

    Raises:
        ExportError: an unreadable publication date, text that cannot be encoded as UTF-8, an
            empty calendar name, or a `previous` that is not an iCalendar file.
    """
    if not isinstance(timeline, Timeline):
        timeline = Timeline(events=list(timeline))
    if not isinstance(calendar_name, str) or not _clean(calendar_name).strip():
        raise ExportError(f"calendar name {calendar_name!r} is empty", value=calendar_name)
    old_calendar = _previous_calendar(previous) if previous is not None else None
    versions = _versions(old_calendar) if old_calendar is not None else {}
    calendar = _icalendar().Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = _clean(calendar_name).replace("\n", " ").strip()
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    seen: dict[str, int] = {}
    seen_uids: list[str] = []
    skipped: list[str] = []
    for event in timeline.events:
        if not event.when.is_dated:
            skipped.append(event.id)
            continue
        uid = event_uid(event)
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            uid = uid.replace("@", f"-{seen[uid]}@", 1)
        seen_uids.append(uid)
        vevent = _vevent(event, uid)
        vevent.add("sequence", _sequence(vevent, uid, versions))
        calendar.add_component(vevent)
    gone = _cancelled(old_calendar, set(seen_uids)) if old_calendar is not None else []
    for vevent in gone:
        calendar.add_component(vevent)
    try:
        data = calendar.to_ical()
    except UnicodeEncodeError as exc:
        raise ExportError(f"text cannot be encoded as UTF-8: {exc}") from None
    written = len(timeline.events) - len(skipped)
    return data, ExportReport(written=written, skipped=len(skipped), skipped_ids=skipped,
                              cancelled=len(gone))


def _text(component: Any, name: str) -> str | None:
    return None if name not in component else str(component[name])


def _dt(component: Any, name: str) -> Any:
    return component[name].dt if name in component else None


def events_from_ics(data: bytes | str) -> list[dict[str, Any]]:
    """A minimal reader: the VEVENTs of an .ics file as plain dicts, in file order.

    Keys: uid, dtstamp (datetime), dtstart and dtend (date), status, summary, description,
    location (None when absent), categories (list of str), transp, sequence (int, 0 when
    absent).

    Raises:
        ExportError: the data is not an iCalendar object.
    """
    try:
        calendar = _icalendar().Calendar.from_ical(data)
    except ValueError as exc:
        raise ExportError(f"not an iCalendar file: {_brief(exc)}", value=_brief(data)) from None
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
            "sequence": int(vevent.get("sequence", 0)),
        })
    return out
