"""A self-contained HTML page of a timeline: one file, no network, no script.

The page shows the events on a time axis grouped by month. Each month has its own axis of days,
with a gutter on each side for what lies before and after the month, so that every event is a
mark on that axis:

* an exact day is a solid mark on its day;
* an uncertain span (a week, a month, a year, any interval wider than a day) is a hatched bar over
  the whole span, running into the gutters when it starts before or ends after the month;
* an open bound ("by 1 Nov 2025", "after 17 Mar 2025") is a hatched bar that fades out into the
  open side's gutter;
* an uncertain single day (about a day, or the publication date taken by default) is a hatched
  day with a dashed outline.

A legend at the top says so. An event is filed under the month of its first day, or of its last
day when only that is known. Each event shows its type, date and date precision (granularity, how
it was dated, and any qualifier), participants and places; its source sentences (with document
id and publication date) open on click (``<details>``), and hovering the axis shows the date
reading. Events without any date are listed in a section of their own at the end: nothing is
left out, so the report counts every event as written.

All text is HTML-escaped (an event titled ``<script>`` shows those characters), control
characters other than tab and line feed are dropped, and a Content-Security-Policy forbids every
script and every network request. The bytes are a pure function of the timeline and the title:
no clock, no random ids.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
from collections.abc import Iterable

from timeline.export.report import ExportReport
from timeline.model import Event, Timeline, When

__all__ = ["DEFAULT_TITLE", "to_html"]

DEFAULT_TITLE = "timeline"

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
_MOD_WORDS = {
    "BEFORE": "before", "ON_OR_BEFORE": "by", "AFTER": "after", "ON_OR_AFTER": "from",
    "LESS_THAN": "less than", "MORE_THAN": "more than", "EQUAL_OR_LESS": "at most",
    "EQUAL_OR_MORE": "at least", "START": "start of", "MID": "middle of", "END": "end of",
    "APPROX": "about",
}
_DERIVED_WORDS = {
    "explicit": "date in the text", "tense": "from the tense", "relation": "from another event",
    "narrative": "from the date the story last named", "publication": "publication date",
    "none": "no date",
}
_CERTAIN_MODS = (None, "START", "MID", "END")
_FORBIDDEN = dict.fromkeys([*range(0x09), *range(0x0B, 0x20), 0x7F])
#: Share of the axis given to each gutter (before / after the month), in percent.
_GUTTER = 12.0

_CSS = """
:root { --ink: #1d2430; --muted: #5b6675; --line: #d5dbe3; --bg: #f6f7f9; --card: #fff;
  --accent: #2f5d9e; --hatch: #2f5d9e; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
.summary { color: var(--muted); margin: 0 0 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 22px; list-style: none; padding: 10px 14px;
  margin: 0 0 10px; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
.legend li { display: flex; align-items: center; gap: 8px; font-size: 13px; }
.legend .sample { position: relative; width: 54px; height: 12px; }
.legend .sample .mark { top: 0; height: 12px; }
nav.months { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 8px; font-size: 13px; }
nav.months a { color: var(--accent); text-decoration: none; padding: 2px 8px;
  border: 1px solid var(--line); border-radius: 12px; background: var(--card); }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  margin: 14px 0; padding: 4px 16px 10px; }
h2 { font-size: 18px; margin: 10px 0 6px; }
h2 small { color: var(--muted); font-weight: normal; font-size: 13px; margin-left: 6px; }
ol.events { list-style: none; margin: 0; padding: 0; }
.row { display: grid; grid-template-columns: 160px 300px 1fr; gap: 16px; align-items: start; }
li.event { padding: 8px 0; border-top: 1px solid #eef1f4; }
.when { font-weight: 600; font-size: 14px; }
.when .prec { display: block; font-weight: normal; color: var(--muted); font-size: 12px; }
.track { position: relative; height: 20px; margin-top: 2px;
  background: linear-gradient(to right, transparent 12%, #eef2f7 12%, #eef2f7 88%,
  transparent 88%); border-radius: 3px; }
.track::before, .track::after { content: ""; position: absolute; top: 0; bottom: 0;
  border-left: 1px solid #b8c2cf; }
.track::before { left: 12%; } .track::after { left: 88%; }
.mark { position: absolute; top: 4px; height: 12px; border-radius: 2px; min-width: 4px; }
.mark.exact { background: var(--ink); }
.mark.span, .mark.open-start, .mark.open-end, .mark.approx {
  background: repeating-linear-gradient(135deg, var(--hatch) 0 2px, transparent 2px 6px);
  border: 1px dashed var(--hatch); }
.mark.open-start { border-left: none;
  -webkit-mask-image: linear-gradient(to right, transparent, #000 45%);
  mask-image: linear-gradient(to right, transparent, #000 45%); }
.mark.open-end { border-right: none;
  -webkit-mask-image: linear-gradient(to left, transparent, #000 45%);
  mask-image: linear-gradient(to left, transparent, #000 45%); }
.mark.approx { border-radius: 50%; min-width: 10px; }
.axis { font-size: 11px; color: var(--muted); }
.axis .track { background: none; height: 16px; }
.axis .track::before, .axis .track::after { display: none; }
.tick { position: absolute; top: 0; transform: translateX(-50%); }
.title { font-weight: 600; }
.type { display: inline-block; font-size: 11px; text-transform: uppercase; letter-spacing: .04em;
  padding: 1px 6px; border-radius: 3px; margin-right: 6px; vertical-align: 1px;
  background: #e7ecf3; color: #34445a; }
.type-travel { background: #dcefe3; color: #1f5c36; }
.type-meeting { background: #e3e6fa; color: #33398a; }
.type-speech { background: #fbe9d7; color: #7a4512; }
.type-agreement { background: #d9eef0; color: #15585f; }
.type-announcement { background: #f4e1f0; color: #6f2763; }
.type-policy { background: #fde2e1; color: #8a2421; }
.type-election, .type-poll { background: #efeacc; color: #5e5310; }
.meta { margin: 2px 0 0; color: var(--muted); font-size: 13px; }
.meta b { color: var(--ink); font-weight: 600; }
details { margin-top: 3px; font-size: 13px; }
summary { cursor: pointer; color: var(--accent); }
blockquote { margin: 4px 0 2px; padding: 4px 10px; border-left: 3px solid var(--line);
  white-space: pre-wrap; }
.cite { color: var(--muted); margin: 0 0 4px; }
.undated .row { grid-template-columns: 160px 1fr; }
footer { max-width: 1200px; margin: 0 auto 24px; padding: 0 24px; color: var(--muted);
  font-size: 12px; }
"""


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_FORBIDDEN)


def _e(text: str) -> str:
    """`text` escaped for HTML text and for quoted attribute values."""
    return html.escape(_clean(text), quote=True)


def _short(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def _last_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _span_text(start: dt.date, end: dt.date) -> str:
    if start == end:
        return _short(start)
    if start.day == 1 and (start.year, start.month) == (end.year, end.month) and \
            end == _last_of_month(end.year, end.month):
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year} to {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {_short(end)}"
    return f"{_short(start)} to {_short(end)}"


def date_label(when: When) -> str:
    """How the page writes an event's date: "17 Mar 2025", "March 2025", "by 1 Nov 2025"..."""
    start, end = when.start, when.end
    if start is None and end is None:
        return "undated"
    if start is None:
        assert end is not None
        return f"by {_short(end)}"   # inclusive bounds: the last possible day
    if end is None:
        return f"from {_short(start)}"   # the first possible day
    text = _span_text(start, end)
    if when.mod is not None:
        text = f"{_MOD_WORDS[when.mod]} {text}"
    return text


def _precision(when: When) -> str:
    parts = [f"{when.granularity} precision" if when.granularity != "none" else "no precision"]
    parts.append(_DERIVED_WORDS[when.derived])
    return ", ".join(parts)


def _kind(when: When) -> str:
    """The mark's class: exact, approx (an uncertain day), span, open-start or open-end."""
    if when.start is None:
        return "open-start"
    if when.end is None:
        return "open-end"
    if when.start != when.end:
        return "span"
    if when.mod not in _CERTAIN_MODS or when.derived == "publication":
        return "approx"
    return "exact"


def _anchor(when: When) -> dt.date:
    day = when.start if when.start is not None else when.end
    assert day is not None
    return day


def _mark(when: When, year: int, month: int) -> str:
    """The event's mark on the axis of one month (days between the two gutters)."""
    first, last = dt.date(year, month, 1), _last_of_month(year, month)
    days = last.day
    inner = 100.0 - 2 * _GUTTER

    def at(day: dt.date) -> float:
        return _GUTTER + inner * (day - first).days / days

    start, end = when.start, when.end
    left = 0.0 if start is None or start < first else at(start)
    right = 100.0 if end is None or end > last else at(end) + inner / days
    kind = _kind(when)
    tip = f"{date_label(when)} ({_precision(when)})"
    return (f'<span class="mark {kind}" style="left:{left:.2f}%;width:{right - left:.2f}%" '
            f'title="{_e(tip)}"></span>')


def _axis(year: int, month: int) -> str:
    days = _last_of_month(year, month).day
    inner = 100.0 - 2 * _GUTTER
    ticks = [(f'<span class="tick" style="left:{_GUTTER / 2:.2f}%" title="before the month">'
             '&larr;</span>')]
    for day in (1, 8, 15, 22, days):
        pos = _GUTTER + inner * (day - 0.5) / days
        ticks.append(f'<span class="tick" style="left:{pos:.2f}%">{day}</span>')
    ticks.append(f'<span class="tick" style="left:{100 - _GUTTER / 2:.2f}%" '
                 'title="after the month">&rarr;</span>')
    return (f'<div class="row axis" aria-hidden="true"><div></div>'
            f'<div class="track">{"".join(ticks)}</div><div></div></div>')


def _body(event: Event) -> str:
    out = [(f'<div class="body"><span class="type type-{_e(event.type)}">{_e(event.type)}</span>'
           f'<span class="title">{_e(event.title)}</span>')]
    meta = []
    if event.participants:
        meta.append(f"<b>Participants:</b> {_e(', '.join(event.participants))}")
    if event.locations:
        meta.append(f"<b>Places:</b> {_e(', '.join(event.locations))}")
    if meta:
        out.append(f'<p class="meta">{" &middot; ".join(meta)}</p>')
    count = len(event.sources)
    out.append(f"<details><summary>Source sentence{'s' if count > 1 else ''}"
               f"{f' ({count})' if count > 1 else ''}</summary>")
    for source in event.sources:
        published = f", published {_e(source.published)}" if source.published else ""
        out.append(f"<blockquote>{_e(source.sentence)}</blockquote>"
                   f'<p class="cite">document {_e(source.document)}{published}</p>')
    out.append("</details></div>")
    return "".join(out)


def _when(event: Event) -> str:
    conflict = ('<span class="prec">the reports disagree: the span covers them all</span>'
                if event.conflict else "")
    return (f'<div class="when">{_e(date_label(event.when))}'
            f'<span class="prec">{_e(_precision(event.when))}</span>{conflict}</div>')


def _legend() -> str:
    samples = (
        ("exact", "left:40%;width:10%", "exact day"),
        ("approx", "left:38%;width:22%", "uncertain day (about, or the publication date)"),
        ("span", "left:10%;width:80%", "uncertain span: the event lies somewhere in it"),
        ("open-start", "left:0%;width:70%", "open start: on or before a date"),
        ("open-end", "left:30%;width:70%", "open end: on or after a date"),
    )
    items = "".join(
        f'<li><span class="sample"><span class="mark {kind}" style="{style}"></span></span>'
        f"{_e(text)}</li>" for kind, style, text in samples
    )
    return f'<ul class="legend" aria-label="legend">{items}</ul>'


def to_html(timeline: Timeline | Iterable[Event], *,
            title: str = DEFAULT_TITLE) -> tuple[str, ExportReport]:
    """The page as text, and a report (every event is written; undated ones in their section)."""
    if not isinstance(timeline, Timeline):
        timeline = Timeline(events=list(timeline))
    events = list(timeline.events)
    dated = sorted(((_anchor(e.when), i, e) for i, e in enumerate(events) if e.when.is_dated),
                   key=lambda item: (item[0], item[1]))
    undated = [e for e in events if not e.when.is_dated]
    months: dict[tuple[int, int], list[Event]] = {}
    for day, _, event in dated:
        months.setdefault((day.year, day.month), []).append(event)

    docs = len(timeline.documents) or len({e.sources[0].document for e in events})
    summary = f"{len(events)} event{'s' if len(events) != 1 else ''} from {docs} " \
              f"document{'s' if docs != 1 else ''}: {len(dated)} dated, {len(undated)} undated"
    if dated:
        summary += f"; {_MONTHS[dated[0][0].month - 1]} {dated[0][0].year} to " \
                   f"{_MONTHS[dated[-1][0].month - 1]} {dated[-1][0].year}"
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        ("<meta http-equiv=\"Content-Security-Policy\" "
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"),
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<header>\n",
        f"<h1>{_e(title)}</h1>\n<p class=\"summary\">{_e(summary)}</p>\n{_legend()}\n",
    ]
    links = [f'<a href="#m-{y:04d}-{m:02d}">{_MONTHS[m - 1][:3]} {y} ({len(evs)})</a>'
             for (y, m), evs in months.items()]
    if undated:
        links.append(f'<a href="#undated">undated ({len(undated)})</a>')
    parts.append(f'<nav class="months">{"".join(links)}</nav>\n</header>\n<main>\n')
    for (year, month), group in months.items():
        count = f"{len(group)} event{'s' if len(group) != 1 else ''}"
        parts.append(f'<section class="month" id="m-{year:04d}-{month:02d}">\n'
                     f"<h2>{_MONTHS[month - 1]} {year} <small>{count}</small></h2>\n"
                     f'{_axis(year, month)}\n<ol class="events">\n')
        for event in group:
            parts.append(f'<li class="event row" data-kind="{_kind(event.when)}">{_when(event)}'
                         f'<div class="track">{_mark(event.when, year, month)}</div>'
                         f"{_body(event)}</li>\n")
        parts.append("</ol>\n</section>\n")
    if undated:
        parts.append(f'<section class="undated" id="undated">\n<h2>Undated events '
                     f"<small>{len(undated)}</small></h2>\n<ol class=\"events\">\n")
        for event in undated:
            parts.append(f'<li class="event row" data-kind="undated">{_when(event)}'
                         f"{_body(event)}</li>\n")
        parts.append("</ol>\n</section>\n")
    parts.append("</main>\n<footer>Made by timeline: dates are read against each article's "
                 "publication date; hover a bar for its reading.</footer>\n</body>\n</html>\n")
    return "".join(parts), ExportReport(written=len(events))
