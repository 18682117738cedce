"""Read and write TimeML files in the TempEval-3 (TBAQ-cleaned) layout, standard library only.

A file holds a `<DCT>` with the creation-time TIMEX3, a `<TEXT>` whose body mixes plain text with
inline `<TIMEX3>`, `<EVENT>` and `<SIGNAL>` tags, and after it MAKEINSTANCE / TLINK / SLINK / ALINK
tags. All offsets here are character offsets into the *plain* text of `<TEXT>` (tags removed,
entities decoded, line ends normalized as an XML parser does).

`annotate_file` replaces the gold TIMEX3 tags of the TEXT with a tagger's, keeping the plain text
identical character for character and everything outside TEXT byte for byte, except:

* links (TLINK/SLINK/ALINK) naming a removed timex are dropped, so the file stays schema-valid;
* a system timex must nest legally: an EVENT or SIGNAL it overlaps (or an EVENT in the same
  whitespace-delimited chunk, which makes the official normalizer fail with "Nested tags") is
  unwrapped - its tags are removed, its text kept - and its MAKEINSTANCEs and the links naming
  them are dropped (a SIGNAL's `signalID` references are removed instead).
"""

from __future__ import annotations

import bisect
import contextlib
import html
import itertools
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

import attrs
from attrs import field, frozen

from timeline.exceptions import PublicationDateError, TimeMLError
from timeline.model import PubDate, TimeExpression

__all__ = ["Tagger", "TimeMLDocument", "Timex", "annotate_dir", "annotate_file", "read_timeml",
           "system_timexes", "tml_files"]

#: A tagger as the TimeML functions call it: plain text and creation date to expressions.
Tagger = Callable[[str, "PubDate | None"], Sequence[TimeExpression]]


@frozen
class Timex:
    """A TIMEX3 of a TimeML TEXT: `text == document.text[start:end]`."""

    start: int
    end: int
    text: str
    tid: str
    type: str
    value: str
    mod: str | None = None


@frozen
class TimeMLDocument:
    """A parsed TimeML file.

    Attributes:
        path: the file it was read from.
        name: its file name ("ABC19980108.1830.0711.tml").
        dct: the creation date (CREATION_TIME TIMEX3), or None when not required and absent.
        text: the plain text of `<TEXT>`; every offset refers to it.
        gold: the TIMEX3s of the TEXT (never the DCT), in text order.
        dct_value: the raw `value` of the creation-time TIMEX3 ("1998-02-13T14:26:00"), or None.
        events: the (start, end) spans of the TEXT's EVENT tags, in text order.
        tids: every TIMEX3 tid of the file (DCT included).
    """

    path: str
    name: str
    dct: PubDate | None
    text: str = field(repr=False)
    gold: tuple[Timex, ...] = ()
    dct_value: str | None = None
    events: tuple[tuple[int, int], ...] = ()
    tids: frozenset[str] = frozenset()


@attrs.define
class _Item:
    """A piece of the raw TEXT at plain offset `pos`: character data (`name` None) or a tag.
    The opening (or empty) tag of an element also holds the element's `end` offset, the index of
    its closing tag and whether it is a `leaf` (no element children)."""

    raw: str
    pos: int
    plain: str = ""
    name: str | None = None
    kind: str = ""            # "open", "close", "empty" or "other" (comment, PI, CDATA)
    attrs: dict[str, str] = attrs.Factory(dict)
    index: int = 0
    close: int = 0
    end: int = 0
    leaf: bool = True


@attrs.define
class _Parsed:
    source: str
    text_start: int
    text_end: int
    items: list[_Item]
    elements: list[_Item]
    doc: TimeMLDocument


_SCAN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<[^>]*>|&[^;<>&\s]*;|\r\n?|[^<&\r]+", re.DOTALL)
_TAG = re.compile(r"<(/?)([A-Za-z_][-\w.:]*)(.*?)(/?)>", re.DOTALL)
_ATTR = re.compile(r"([-\w.:]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
#: Escapes for attribute values; `"` as &#34; since the official scorer rewrites every "&quot;".
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;"})


def _attrs(text: str) -> dict[str, str]:
    return {m[1]: html.unescape(m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(text)}


def _scan(body: str, path: str) -> list[_Item]:
    items: list[_Item] = []
    pos = 0
    for m in _SCAN.finditer(body):
        raw = m.group(0)
        if raw.startswith(("<!", "<?")):    # a CDATA section then fails the check against ET
            items.append(_Item(raw, pos, name="#other", kind="other"))
        elif raw.startswith("<"):
            t = _TAG.fullmatch(raw)
            if t is None:
                raise TimeMLError(f"cannot read tag {raw[:60]!r}", source=path)
            kind = "close" if t[1] else "empty" if t[4] else "open"
            items.append(_Item(raw, pos, name=t[2], kind=kind, attrs=_attrs(t[3])))
        else:
            items.append(_Item(raw, pos, "\n" if raw[0] == "\r" else html.unescape(raw)))
            pos += len(items[-1].plain)
    return items


def _elements(items: list[_Item]) -> list[_Item]:
    out: list[_Item] = []
    stack: list[_Item] = []
    for i, it in enumerate(items):
        it.index = it.close = i
        it.end = it.pos
        if it.kind in ("open", "empty"):
            out.append(it)
            if stack:
                stack[-1].leaf = False
        if it.kind == "open":
            stack.append(it)
        elif it.kind == "close":
            el = stack.pop()
            el.close, el.end = i, it.pos
    return out


def _load(data: bytes | None, path: str, require_dct: bool = True) -> _Parsed:
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise TimeMLError(f"cannot read: {exc.strerror or exc}", source=path) from None
    try:
        root, source = ET.fromstring(data), data.decode("utf-8")
    except ET.ParseError as exc:
        raise TimeMLError(f"malformed XML: {exc}", source=path, line=exc.position[0]) from None
    except UnicodeDecodeError as exc:
        raise TimeMLError(f"not UTF-8: {exc}", source=path) from None
    text_els = list(root.iter("TEXT"))
    opens = list(re.finditer(r"<TEXT(?:\s[^>]*)?>", source))
    closes = list(re.finditer(r"</TEXT\s*>", source))
    if len(text_els) != 1 or len(opens) != 1 or len(closes) != 1:
        raise TimeMLError(f"need exactly one <TEXT> element, found {len(text_els)}", source=path)
    start, end = opens[0].end(), closes[0].start()
    items = _scan(source[start:end], path)
    plain = "".join(it.plain for it in items)
    if plain != "".join(text_els[0].itertext()):
        raise TimeMLError("cannot align the <TEXT> markup with its text", source=path)
    elements = _elements(items)
    gold = tuple(
        Timex(e.pos, e.end, plain[e.pos:e.end], e.attrs.get("tid", ""),
              e.attrs.get("type", ""), e.attrs.get("value", ""), e.attrs.get("mod"))
        for e in elements if e.name == "TIMEX3")
    dct, dct_value = _dct(root, path, require_dct)
    events = tuple((e.pos, e.end) for e in elements if e.name == "EVENT")
    tids = frozenset(t.get("tid", "") for t in root.iter("TIMEX3"))
    doc = TimeMLDocument(path, os.path.basename(path), dct, plain, gold, dct_value, events, tids)
    return _Parsed(source, start, end, items, elements, doc)


def _dct(root: ET.Element, path: str, required: bool) -> tuple[PubDate | None, str | None]:
    value = next((t.get("value", "") for t in root.iter("TIMEX3")
                  if t.get("functionInDocument") == "CREATION_TIME"), None)
    try:
        return PubDate.parse(value or ""), value
    except PublicationDateError:
        if required:
            problem = "no CREATION_TIME TIMEX3 (DCT)" if value is None else (
                f"creation time value {value!r} is not a date")
            raise TimeMLError(problem, value=value, source=path) from None
        return None, value


def read_timeml(path: str | os.PathLike[str], *, require_dct: bool = True) -> TimeMLDocument:
    """Read a TimeML file: its creation date, the plain text of `<TEXT>` and its gold TIMEX3s.

    Raises:
        TimeMLError: the file is unreadable or malformed, or (with `require_dct`) has no
            CREATION_TIME TIMEX3 with a YYYY[-MM[-DD]] value.
    """
    return _load(None, os.fspath(path), require_dct).doc


def system_timexes(text: str, expressions: Iterable[TimeExpression],
                   used_tids: Collection[str] = (), source: str | None = None) -> tuple[Timex, ...]:
    """The timexes a tagger's expressions become in a TimeML file.

    Spans are trimmed of surrounding whitespace (empty ones dropped); of overlapping spans the one
    starting first (the longer on a tie) is kept. tids are "t1", "t2", ... skipping `used_tids`.

    Raises:
        TimeMLError: an expression's span is outside `text` or does not hold its `.text`.
    """
    spans = []
    for ex in expressions:
        s, e = ex.start, ex.end
        if not 0 <= s <= e <= len(text) or text[s:e] != ex.text:
            raise TimeMLError(f"tagger span {s}..{e} {ex.text!r} does not match the text",
                              value=ex.text, source=source)
        s, e = s + len(ex.text) - len(ex.text.lstrip()), e - len(ex.text) + len(ex.text.rstrip())
        if s < e:
            spans.append((s, s - e, e, ex))
    spans.sort(key=lambda x: x[:2])
    out: list[Timex] = []
    n, last_end = 0, -1
    for s, _, e, ex in spans:
        if s < last_end:
            continue
        n += 1
        while f"t{n}" in used_tids:
            n += 1
        out.append(Timex(s, e, text[s:e], f"t{n}", ex.type, ex.value, ex.mod))
        last_end = e
    return tuple(out)


def _conflicts(el: _Item, spans: list[tuple[int, int]], text: str) -> bool:
    """Would `el` keep a timex from nesting legally (or trip the official normalizer)?"""
    for s, e in spans:
        overlap = s < el.end and el.pos < e
        if overlap and (el.leaf or not (el.pos <= s and e <= el.end)):
            return True
        if el.name == "EVENT" and not overlap:
            gap = text[el.end:s] if el.end <= s else text[e:el.pos]
            if not any(c.isspace() for c in gap):
                return True
    return False


_REF_TAG = re.compile(r"<(MAKEINSTANCE|TLINK|SLINK|ALINK|TIMEX3)\b([^>]*)>(\s*</\1\s*>)?")
_DROP_IF = {"eventID": "e", "timeID": "t", "relatedToTime": "t", "eventInstanceID": "ei",
            "relatedToEventInstance": "ei", "subordinatedEventInstance": "ei"}
_STRIP_IF = {"signalID": "s", "anchorTimeID": "t", "beginPoint": "t", "endPoint": "t"}
_ID_ATTR = {"TIMEX3": ("t", "tid"), "EVENT": ("e", "eid"), "SIGNAL": ("s", "sid")}


def _edit_refs(segment: str, gone: dict[str, set[str]]) -> str:
    """Drop the links and MAKEINSTANCEs naming removed ids (`gone["t"]`: tids, "e": eids, "ei":
    eiids, "s": sids), with their line when alone on it; strip removed signal/anchor refs."""
    out, pos = [], 0
    for m in _REF_TAG.finditer(segment):
        a, start, end, tag = _attrs(m.group(2)), m.start(), m.end(), m.group(0)
        if m.group(1) != "TIMEX3" and any(a.get(k) in gone[g] for k, g in _DROP_IF.items()):
            ls, le = segment.rfind("\n", 0, start) + 1, (segment.find("\n", end) + 1) or len(segment)
            if not segment[ls:start].strip() and not segment[end:le].strip():
                start, end = ls, le
            tag = ""
        for key in (k for k, g in _STRIP_IF.items() if a.get(k) in gone[g]):
            tag = re.sub(rf"\s+{key}\s*=\s*(\"[^\"]*\"|'[^']*')", "", tag, count=1)
        out.append(segment[pos:start] + tag)
        pos = end
    return "".join(out) + segment[pos:]


def _render(p: _Parsed, timexes: Sequence[Timex]) -> str:
    """The file with `timexes` in place of the TEXT's TIMEX3s (see the module docstring)."""
    spans = [(t.start, t.end) for t in timexes]
    drop: set[int] = set()
    gone: dict[str, set[str]] = {"t": set(), "e": set(), "s": set(), "ei": set()}
    for el in p.elements:
        if el.name == "TIMEX3" or _conflicts(el, spans, p.doc.text):
            drop.update((el.index, el.close))
            if el.name in _ID_ATTR:
                gone[_ID_ATTR[el.name][0]].add(el.attrs.get(_ID_ATTR[el.name][1], ""))
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for t in timexes:
        values = [("tid", t.tid), ("type", t.type), ("value", t.value), ("mod", t.mod or "")]
        tag = " ".join(f'{k}="{v.translate(_ESCAPE)}"' for k, v in values if v)
        opens.setdefault(t.start, []).append(f"<TIMEX3 {tag}>")
        closes.setdefault(t.end, []).append("</TIMEX3>")
    # (plain offset, raw text, is character data); runs without entities are cut at every timex
    # boundary (an entity or a CR LF has plain length 1, so it never needs cutting)
    cuts = sorted(set(opens) | set(closes))
    pieces: list[tuple[int, str, bool]] = []
    for i, it in enumerate(p.items):
        if it.name is None and it.raw == it.plain:
            end = it.pos + len(it.plain)
            inner = cuts[bisect.bisect_right(cuts, it.pos):bisect.bisect_left(cuts, end)]
            pieces += [(a, it.raw[a - it.pos:b - it.pos], True)
                       for a, b in itertools.pairwise([it.pos, *inner, end])]
        else:
            pieces.append((it.pos, "" if i in drop else it.raw, it.name is None))
    pieces.append((len(p.doc.text), "", False))
    # at one plain offset: timex closes, then the file's own tags, then timex opens
    out: list[str] = []
    closed = opened = -1
    for pos, raw, is_text in pieces:
        if closed != pos:
            out += closes.get(pos, ())
            closed = pos
        if is_text and opened != pos:
            out += opens.get(pos, ())
            opened = pos
        out.append(raw)
    gone["ei"] = {a.get("eiid", "") for a in (_attrs(m.group(2)) for m in _REF_TAG.finditer(
        p.source) if m.group(1) == "MAKEINSTANCE") if a.get("eventID") in gone["e"]}
    head = _edit_refs(p.source[:p.text_start], gone)
    tail = _edit_refs(p.source[p.text_end:], gone)
    return head + "".join(out) + tail


def _write_atomic(path: str, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def annotate_file(in_path: str | os.PathLike[str], out_path: str | os.PathLike[str],
                  tagger: Tagger) -> int:
    """Write `in_path` to `out_path` with `tagger(text, dct)`'s TIMEX3s in place of the gold ones.

    Returns the number of TIMEX3s written. The output is checked (it re-parses to the same plain
    text and timexes) and written atomically, so no half-written file is left on error.

    Raises:
        TimeMLError: the input is malformed or lacks a creation time, or a tagger span is bad.
    """
    src, dst = os.fspath(in_path), os.fspath(out_path)
    doc = (parsed := _load(None, src)).doc
    timexes = system_timexes(doc.text, tagger(doc.text, doc.dct), doc.tids, source=src)
    out = _render(parsed, timexes).encode("utf-8")
    check = _load(out, dst, require_dct=False)
    if check.doc.text != doc.text or check.doc.gold != timexes:
        raise TimeMLError("internal error: the annotated TEXT does not read back", source=dst)
    _write_atomic(dst, out)
    return len(timexes)


def tml_files(directory: str | os.PathLike[str]) -> list[Path]:
    """The `*.tml` files of a directory, sorted by name (hidden files skipped)."""
    if not (d := Path(directory)).is_dir():
        raise TimeMLError("not a directory", source=str(d))
    return sorted(p for p in d.iterdir() if p.suffix == ".tml" and p.is_file()
                  and not p.name.startswith("."))


def annotate_dir(in_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str],
                 tagger: Tagger) -> int:
    """Annotate every `*.tml` of `in_dir` into `out_dir` (created if needed); returns the count.

    Raises:
        TimeMLError: `in_dir` has no .tml files or is `out_dir`, or a file cannot be annotated.
    """
    files, out = tml_files(in_dir), Path(out_dir)
    if not files or out.resolve() == Path(in_dir).resolve():
        problem = "no .tml files" if not files else "output directory is the input directory"
        raise TimeMLError(problem, source=os.fspath(in_dir))
    out.mkdir(parents=True, exist_ok=True)
    for f in files:
        annotate_file(f, out / f.name, tagger)
    return len(files)
