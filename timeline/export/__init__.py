"""Export a `Timeline` as JSON, JSON Lines, CSV or iCalendar, and read the first three back.

Everything here is a pure function from records to text or bytes, except `write`, which renders
fully in memory first and then replaces the target atomically (a temporary file in the same
directory, then `os.replace`), so no half-written file ever exists.

    >>> data, report = render(timeline, "ics")     # doctest: +SKIP
    >>> write(timeline, "csv", "out/timeline.csv")  # doctest: +SKIP

Formats (see each module for the details):

* ``json``  - `jsonfmt.to_json`: one object ``{"documents", "events"}``; lossless.
* ``jsonl`` - `jsonfmt.to_jsonl`: one event object per line; lossless for events.
* ``csv``   - `csvfmt.to_csv`: one row per event, every source kept, formula-safe; lossless for
  events.
* ``ics``   - `ical.to_ics`: RFC 5545 all-day VEVENTs; undated events are left out and counted.
* ``html``  - `html.to_html`: one self-contained page, events on a time axis grouped by month.
* ``timelinejs`` - `timelinejs.to_timelinejs`: Knight Lab's TimelineJS JSON; undated events are
  left out and counted.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from timeline._files import write_atomically
from timeline.exceptions import ExportError
from timeline.export.csvfmt import timeline_from_csv, to_csv
from timeline.export.html import to_html
from timeline.export.ical import events_from_ics, to_ics
from timeline.export.jsonfmt import (
    event_from_dict,
    event_to_dict,
    events_from_jsonl,
    timeline_from_json,
    to_json,
    to_jsonl,
)
from timeline.export.report import ExportReport
from timeline.export.timelinejs import to_timelinejs
from timeline.model import Timeline

__all__ = [
    "FORMATS",
    "ExportReport",
    "event_from_dict",
    "event_to_dict",
    "events_from_ics",
    "events_from_jsonl",
    "render",
    "timeline_from_csv",
    "timeline_from_json",
    "to_csv",
    "to_html",
    "to_ics",
    "to_json",
    "to_jsonl",
    "to_timelinejs",
    "write",
]

FORMATS = ("json", "jsonl", "csv", "ics", "html", "timelinejs")

_TEXT_RENDERERS: dict[str, Callable[[Timeline], str]] = {
    "json": to_json,
    "jsonl": to_jsonl,
    "csv": to_csv,
}


def render(timeline: Timeline, fmt: str, *, name: str | None = None,
           previous: bytes | None = None) -> tuple[bytes, ExportReport]:
    """Render `timeline` in format `fmt` (one of `FORMATS`) as UTF-8 bytes.

    `name` is the calendar name (``ics``) or page title (``html``); `previous` is an earlier
    ``ics`` export whose SEQUENCEs are carried on (see `ical`). Other formats ignore both.

    Returns:
        The bytes and a report: how many events were written and which were left out (only
        ``ics`` and ``timelinejs`` leave any out: the undated ones).

    Raises:
        ExportError: `fmt` is not one of `FORMATS` (``value`` is `fmt`), or the timeline cannot be
            rendered in it (e.g. text with lone surrogates, which UTF-8 cannot encode).
    """
    if fmt == "ics":
        return to_ics(timeline, previous=previous,
                      **({} if name is None else {"calendar_name": name}))
    if fmt == "html":
        page, html_report = to_html(timeline, **({} if name is None else {"title": name}))
        try:
            return page.encode("utf-8"), html_report
        except UnicodeEncodeError as exc:
            raise ExportError(f"html: text cannot be encoded as UTF-8: {exc}",
                              value=fmt) from None
    if fmt == "timelinejs":
        return to_timelinejs(timeline)
    renderer = _TEXT_RENDERERS.get(fmt) if isinstance(fmt, str) else None
    if renderer is None:
        raise ExportError(
            f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}", value=fmt
        )
    try:
        data = renderer(timeline).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ExportError(f"{fmt}: text cannot be encoded as UTF-8: {exc}", value=fmt) from None
    return data, ExportReport(written=len(timeline.events))


def write(timeline: Timeline, fmt: str, path: str | os.PathLike[str], *, name: str | None = None,
          previous: bytes | None = None) -> ExportReport:
    """Render `timeline` as `fmt` and write it to `path` atomically.

    The output is rendered completely before the file system is touched; it is then written to a
    new hidden temporary file next to `path` (created with mode 0o666 minus the umask, like any
    new file) and moved over `path` with `os.replace`. On any failure the temporary file is
    removed and `path` is left as it was.

    Raises:
        ExportError: rendering failed (nothing is written), or the file cannot be written (the
            message names the path; ``value`` is the path).
    """
    data, report = render(timeline, fmt, name=name, previous=previous)
    try:
        write_atomically(data, path)
    except OSError as exc:
        target = os.fspath(path)
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}", value=target) from None
    return report
