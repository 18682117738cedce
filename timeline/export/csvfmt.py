"""CSV: one row per event, for spreadsheets, that still reads back to equal events.

Layout (RFC 4180: UTF-8 without BOM, comma-separated, ``"``-quoted where needed, rows end with
CRLF; a line break inside a quoted cell is kept as it was, usually a bare LF)::

    id, type, title, start, end, edtf, value, granularity, derived, mod, participants, locations,
    documents, source_start, source_end, trigger, sentence, sentence_start, published, conflict

* ``start``/``end`` are inclusive ISO days; an empty cell is an open bound. ``mod`` empty = none.
* ``conflict`` is ``true`` when merged reports disagree on the date (else ``false``; a file
  without the column reads as ``false``).
* ``edtf`` repeats the dates as one EDTF string (`timeline.export.edtf.to_edtf`; empty when
  undated). It is computed from the dates: the reader accepts a file without the column and
  rejects a row whose ``edtf`` disagrees with ``start``/``end``/``granularity``/``mod``.
* Every source is kept: the seven source columns (``documents`` .. ``published``) each hold one item
  per source, in source order, so a single-source event has plain cells and nothing is lost.
  ``sentence_start`` and ``published`` extend the basic column set to make this lossless.
* List cells (participants, locations and the source columns) join items with ``"; "``. Inside an
  item a backslash is written ``\\\\`` and a semicolon ``\\;``; an empty item is ``\\e`` and a missing
  one (``published`` None) is ``\\N``. ``value`` (None = empty cell) uses the same item escaping.
* Formula injection: a cell whose text starts with ``= + - @``, TAB or CR is prefixed with a single
  quote ``'``. To make that reversible, a cell that really starts with ``'`` is prefixed too, and the
  reader drops exactly one leading ``'`` from every cell that has one. (A hand-typed leading quote is
  therefore read as this marker.)
* The header row is required; extra columns are ignored. `Timeline.documents` is not carried: the
  reader lists the documents cited by the events, in order of first appearance.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence

from timeline.exceptions import ExportError
from timeline.export.edtf import to_edtf
from timeline.export.jsonfmt import check_edtf
from timeline.model import Event, Source, Timeline, When

__all__ = [
    "COLUMNS",
    "FORMULA_PREFIXES",
    "LINE_TERMINATOR",
    "LIST_SEPARATOR",
    "join_items",
    "neutralize",
    "split_items",
    "timeline_from_csv",
    "to_csv",
    "unneutralize",
]

COLUMNS = (
    "id", "type", "title", "start", "end", "edtf", "value", "granularity", "derived", "mod",
    "participants", "locations", "documents", "source_start", "source_end", "trigger", "sentence",
    "sentence_start", "published", "conflict",
)
#: Columns a reader can do without: sentence_start and published default to 0 and None, edtf is
#: only checked when present.
_OPTIONAL = ("edtf", "sentence_start", "published", "conflict")
_REQUIRED = tuple(name for name in COLUMNS if name not in _OPTIONAL)
#: Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
LINE_TERMINATOR = "\r\n"
_ESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)


def neutralize(cell: str) -> str:
    """Prefix `cell` with ``'`` if it starts with a formula character or a quote."""
    return "'" + cell if cell.startswith((*FORMULA_PREFIXES, "'")) else cell


def unneutralize(cell: str) -> str:
    """Undo `neutralize`: drop exactly one leading ``'``."""
    return cell.removeprefix("'")


def _escape(item: str | None) -> str:
    if item is None:
        return "\\N"
    if item == "":
        return "\\e"
    return item.replace("\\", "\\\\").replace(";", "\\;")


def _unescape(token: str) -> str | None:
    if token == "\\N":
        return None
    if token == "\\e":
        return ""

    def one(match: re.Match[str]) -> str:
        if match[1] not in "\\;":
            raise ValueError(f"unknown escape \\{match[1]} in {token!r}")
        return match[1]
    return _ESCAPE_RE.sub(one, token)


def join_items(items: Iterable[str | None]) -> str:
    """Encode a list as one cell: escaped items joined by "; " (an empty list is "")."""
    return LIST_SEPARATOR.join(_escape(item) for item in items)


def split_items(cell: str) -> list[str | None]:
    """Decode a `join_items` cell. A bare ";" also separates (one following space is dropped)."""
    if cell == "":
        return []
    tokens, buf, i = [], [], 0
    while i < len(cell):
        char = cell[i]
        if char == "\\":
            if i + 1 == len(cell):
                raise ValueError(f"dangling backslash in {cell!r}")
            buf.append(cell[i:i + 2])
            i += 2
        elif char == ";":
            tokens.append("".join(buf))
            buf = []
            i += 2 if cell.startswith(" ", i + 1) else 1
        else:
            buf.append(char)
            i += 1
    tokens.append("".join(buf))
    return [_unescape(t) for t in tokens]


def _iso(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def _row(event: Event) -> list[str]:
    when, sources = event.when, event.sources
    cells = [
        event.id, event.type, event.title, _iso(when.start), _iso(when.end),
        to_edtf(when) or "",
        "" if when.value is None else _escape(when.value),
        when.granularity, when.derived, when.mod or "",
        join_items(event.participants), join_items(event.locations),
        join_items(s.document for s in sources),
        join_items(str(s.start) for s in sources),
        join_items(str(s.end) for s in sources),
        join_items(s.text for s in sources),
        join_items(s.sentence for s in sources),
        join_items(str(s.sentence_start) for s in sources),
        join_items(s.published for s in sources),
        "true" if event.conflict else "false",
    ]
    return [neutralize(cell) for cell in cells]


def to_csv(events: Timeline | Iterable[Event]) -> str:
    """The events as CSV text: a header and one row per event, in timeline order."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=LINE_TERMINATOR, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    writer.writerows(_row(event) for event in events)
    return out.getvalue()


def _date(cell: str) -> dt.date | None:
    return dt.date.fromisoformat(cell) if cell else None


def _texts(cell: str, column: str) -> list[str]:
    items = split_items(cell)
    if any(item is None for item in items):
        raise ValueError(f"{column}: \\N (missing) is not allowed here")
    return [item for item in items if item is not None]


def _event(cells: dict[str, str]) -> Event:
    value = None if cells["value"] == "" else _unescape(cells["value"])
    when = When(
        value=value, start=_date(cells["start"]), end=_date(cells["end"]),
        granularity=cells["granularity"], derived=cells["derived"], mod=cells["mod"] or None,
    )
    if "edtf" in cells:
        check_edtf(when, cells["edtf"] or None)
    documents = _texts(cells["documents"], "documents")
    count = len(documents)

    def column(name: str, default: str | None = "") -> Sequence[str | None]:
        if name not in cells:
            return [default] * count
        items = split_items(cells[name]) if name == "published" else _texts(cells[name], name)
        if len(items) != count:
            raise ValueError(f"{name} has {len(items)} items but documents has {count}")
        return items

    starts, ends = column("source_start"), column("source_end")
    triggers, sentences = column("trigger"), column("sentence")
    sentence_starts, published = column("sentence_start", "0"), column("published", None)
    sources = [
        Source(
            document=documents[k], start=int(str(starts[k])), end=int(str(ends[k])),
            text=str(triggers[k]), sentence=str(sentences[k]),
            sentence_start=int(str(sentence_starts[k])), published=published[k],
        )
        for k in range(count)
    ]
    return Event(
        id=cells["id"], type=cells["type"], title=cells["title"], when=when,
        participants=_texts(cells["participants"], "participants"),
        locations=_texts(cells["locations"], "locations"), sources=sources,
        conflict=_flag(cells.get("conflict", "false")),
    )


def _flag(cell: str) -> bool:
    if cell not in ("true", "false"):
        raise ValueError(f"conflict must be true or false, got {cell!r}")
    return cell == "true"


def timeline_from_csv(text: str | bytes) -> Timeline:
    """Read `to_csv` output back into a Timeline (a UTF-8 BOM and LF line ends are accepted).

    Raises:
        ExportError: no header, a missing column, a short/long row or a bad cell; the message
            names the 1-based line on which the row starts.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ExportError(f"CSV is not UTF-8: {exc}") from None
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ExportError("CSV has no header row") from None
    except csv.Error as exc:
        raise ExportError(f"CSV line 1: {exc}") from None
    missing = [name for name in _REQUIRED if name not in header]
    if missing:
        raise ExportError(f"CSV line 1: missing columns {', '.join(missing)}", value=header)
    positions = {name: header.index(name) for name in COLUMNS if name in header}
    events: list[Event] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ExportError(f"CSV line {line}: {exc}") from None
        if not row:
            continue
        if len(row) != len(header):
            raise ExportError(
                f"CSV line {line}: {len(row)} cells, header has {len(header)}", value=row)
        cells = {name: unneutralize(row[pos]) for name, pos in positions.items()}
        try:
            events.append(_event(cells))
        except (ValueError, TypeError) as exc:
            raise ExportError(f"CSV line {line}: {exc}", value=row) from None
    documents = dict.fromkeys(s.document for e in events for s in e.sources)
    return Timeline(events=events, documents=tuple(documents))
