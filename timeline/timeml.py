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

__all__ = [
    "Tagger", "TimeMLDocument", "Timex", "annotate_dir", "annotate_file", "read_timeml",
    "system_timexes", "tml_files",
]

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
    """

    path: str
    name: str
    dct: PubDate | None
    text: str = field(repr=False)
    gold: tuple[Timex, ...] = ()
    dct_value: str | None = None


@attrs.define
class _Item:
    raw: str
    plain: str = ""
    name: str | None = None   # tag name; None for character data
    kind: str = ""            # "open", "close", "empty" or "other" (comment, PI)
    attrs: dict[str, str] = attrs.Factory(dict)


@attrs.define
class _Element:
    name: str
    open_i: int
    close_i: int
    start: int
    end: int
    attrs: dict[str, str]
    leaf: bool


@attrs.define
class _Parsed:
    source: str
    encoding: str
    text_start: int
    text_end: int
    items: list[_Item]
    offsets: list[int]        # plain offset at which each item starts
    plain: str
    elements: list[_Element]
    doc: TimeMLDocument


_SCAN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<[^>]*>|&[^;<>&\s]*;|\r\n?|[^<&\r]+", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z_][-\w.:]*)(.*?)(/?)>", re.S)
_ATTR = re.compile(r"([-\w.:]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ENCODING = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)")


def _unescape(raw: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        if code.startswith("#x"):
            return chr(int(code[2:], 16))
        return chr(int(code[1:])) if code.startswith("#") else _NAMED[code]
    return _ENTITY.sub(one, raw)


def _attrs(text: str) -> dict[str, str]:
    return {m[1]: _unescape(m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(text)}


def _escape(value: str, quote: bool = False) -> str:
    out = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # &#34; rather than &quot;: the official scorer rewrites every "&quot;" before parsing.
    return out.replace('"', "&#34;") if quote else out


def _scan(body: str, path: str) -> list[_Item]:
    items: list[_Item] = []
    for m in _SCAN.finditer(body):
        raw = m.group(0)
        if raw.startswith("<![CDATA["):
            raise TimeMLError("CDATA sections inside <TEXT> are not supported", source=path)
        if raw.startswith(("<!--", "<?")):
            items.append(_Item(raw, name="#other", kind="other"))
        elif raw.startswith("<"):
            t = _TAG.fullmatch(raw)
            if t is None:
                raise TimeMLError(f"cannot read tag {raw[:60]!r}", source=path)
            kind = "close" if t[1] else "empty" if t[4] else "open"
            items.append(_Item(raw, name=t[2], kind=kind, attrs=_attrs(t[3])))
        elif raw.startswith("&"):
            if not _ENTITY.fullmatch(raw):
                raise TimeMLError(f"unknown entity {raw!r} in <TEXT>", source=path)
            items.append(_Item(raw, _unescape(raw)))
        else:
            items.append(_Item(raw, "\n" if raw[0] == "\r" else raw))
    return items


def _elements(items: list[_Item], offsets: list[int]) -> list[_Element]:
    out: list[_Element] = []
    stack: list[tuple[int, bool]] = []   # (item index, has element children)
    for i, it in enumerate(items):
        if it.kind == "open":
            if stack:
                stack[-1] = (stack[-1][0], True)
            stack.append((i, False))
        elif it.kind == "empty":
            if stack:
                stack[-1] = (stack[-1][0], True)
            out.append(_Element(it.name or "", i, i, offsets[i], offsets[i], it.attrs, True))
        elif it.kind == "close":
            j, has_children = stack.pop()
            op = items[j]
            out.append(_Element(op.name or "", j, i, offsets[j], offsets[i], op.attrs,
                                not has_children))
    out.sort(key=lambda e: e.open_i)
    return out


def _load(data: bytes, path: str, require_dct: bool = True) -> _Parsed:
    m = _ENCODING.match(data)
    encoding = m.group(1).decode("ascii") if m else "utf-8"
    try:
        root = ET.fromstring(data)
        source = data.decode(encoding)
    except ET.ParseError as exc:
        raise TimeMLError(f"malformed XML: {exc}", source=path, line=exc.position[0]) from None
    except (UnicodeDecodeError, LookupError) as exc:
        raise TimeMLError(f"cannot decode the file as {encoding}: {exc}", source=path) from None
    text_els = list(root.iter("TEXT"))
    opens = list(re.finditer(r"<TEXT(?:\s[^>]*)?>", source))
    closes = list(re.finditer(r"</TEXT\s*>", source))
    if len(text_els) != 1 or len(opens) != 1 or len(closes) != 1:
        raise TimeMLError(f"need exactly one <TEXT> element, found {len(text_els)}", source=path)
    start, end = opens[0].end(), closes[0].start()
    items = _scan(source[start:end], path)
    offsets, pos = [], 0
    for it in items:
        offsets.append(pos)
        pos += len(it.plain)
    plain = "".join(it.plain for it in items)
    if plain != "".join(text_els[0].itertext()):
        raise TimeMLError("cannot align the <TEXT> markup with its text", source=path)
    elements = _elements(items, offsets)
    gold = tuple(
        Timex(e.start, e.end, plain[e.start:e.end], e.attrs.get("tid", ""),
              e.attrs.get("type", ""), e.attrs.get("value", ""), e.attrs.get("mod"))
        for e in elements if e.name == "TIMEX3")
    dct, dct_value = _dct(root, path, require_dct)
    doc = TimeMLDocument(path, os.path.basename(path), dct, plain, gold, dct_value)
    return _Parsed(source, encoding, start, end, items, offsets, plain, elements, doc)


def _dct(root: ET.Element, path: str, required: bool) -> tuple[PubDate | None, str | None]:
    candidates = [t for d in root.iter("DCT") for t in d.iter("TIMEX3")] + list(root.iter("TIMEX3"))
    for t in candidates:
        if t.get("functionInDocument") == "CREATION_TIME":
            value = t.get("value", "")
            try:
                return PubDate.parse(value), value
            except PublicationDateError:
                if required:
                    raise TimeMLError(f"creation time value {value!r} is not a date", value=value,
                                      source=path) from None
                return None, value
    if required:
        raise TimeMLError("no CREATION_TIME TIMEX3 (DCT)", source=path)
    return None, None


def read_timeml(path: str | os.PathLike[str], *, require_dct: bool = True) -> TimeMLDocument:
    """Read a TimeML file: its creation date, the plain text of `<TEXT>` and its gold TIMEX3s.

    Raises:
        TimeMLError: the file is unreadable or malformed, or (with `require_dct`) has no
            CREATION_TIME TIMEX3 with a YYYY[-MM[-DD]] value.
    """
    p = os.fspath(path)
    try:
        data = Path(p).read_bytes()
    except OSError as exc:
        raise TimeMLError(f"cannot read: {exc.strerror or exc}", source=p) from None
    return _load(data, p, require_dct).doc


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
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, -(e - s), e, ex))
    spans.sort(key=lambda x: (x[0], x[1]))
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


def _conflicts(el: _Element, spans: list[tuple[int, int]], text: str) -> bool:
    """Would `el` keep a timex from nesting legally (or trip the official normalizer)?"""
    if el.name == "TIMEX3":
        return False
    for s, e in spans:
        overlap = s < el.end and el.start < e
        if overlap and (el.leaf or not (el.start <= s and e <= el.end)):
            return True
        if el.name == "EVENT" and not overlap:
            gap = text[el.end:s] if el.end <= s else text[e:el.start]
            if not any(c.isspace() for c in gap):
                return True
    return False


_REF_TAG = re.compile(r"<(MAKEINSTANCE|TLINK|SLINK|ALINK|TIMEX3)\b([^>]*)>(\s*</\1\s*>)?")


def _edit_refs(segment: str, tids: set[str], eids: set[str], sids: set[str],
               eiids: set[str]) -> str:
    """Drop the links (and MAKEINSTANCEs) naming removed ids; strip removed signal/anchor refs."""
    out, pos = [], 0
    for m in _REF_TAG.finditer(segment):
        name, a = m.group(1), _attrs(m.group(2))
        drop = name != "TIMEX3" and (
            a.get("eventID") in eids
            or any(a.get(k) in tids for k in ("timeID", "relatedToTime"))
            or any(a.get(k) in eiids for k in ("eventInstanceID", "relatedToEventInstance",
                                                "subordinatedEventInstance")))
        if drop:
            start, end = m.start(), m.end()
            ls = segment.rfind("\n", 0, start) + 1
            le = segment.find("\n", end)
            le = len(segment) if le < 0 else le + 1
            if not segment[ls:start].strip() and not segment[end:le].strip():
                start, end = ls, le
            out.append(segment[pos:start])
            pos = end
            continue
        refs = {"signalID": sids} if name != "TIMEX3" else dict.fromkeys(
            ("anchorTimeID", "beginPoint", "endPoint"), tids)
        tag = m.group(0)
        for key, gone in refs.items():
            if a.get(key) in gone:
                tag = re.sub(rf"\s+{key}\s*=\s*(\"[^\"]*\"|'[^']*')", "", tag, count=1)
        out.append(segment[pos:m.start()] + tag)
        pos = m.end()
    out.append(segment[pos:])
    return "".join(out)


def _render(p: _Parsed, timexes: Sequence[Timex]) -> str:
    """The file with `timexes` in place of the TEXT's TIMEX3s (see the module docstring)."""
    spans = [(t.start, t.end) for t in timexes]
    drop: set[int] = set()
    tids, eids, sids = set(), set(), set()
    for el in p.elements:
        if el.name == "TIMEX3":
            tids.add(el.attrs.get("tid", ""))
        elif not _conflicts(el, spans, p.plain):
            continue
        elif el.name == "EVENT":
            eids.add(el.attrs.get("eid", ""))
        elif el.name == "SIGNAL":
            sids.add(el.attrs.get("sid", ""))
        drop.update((el.open_i, el.close_i))
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for t in timexes:
        attrs_ = [("tid", t.tid), ("type", t.type), ("value", t.value)]
        if t.mod:
            attrs_.append(("mod", t.mod))
        tag = "<TIMEX3 " + " ".join(f'{k}="{_escape(v, True)}"' for k, v in attrs_) + ">"
        opens.setdefault(t.start, []).append(tag)
        closes.setdefault(t.end, []).append("</TIMEX3>")
    cuts = sorted(set(opens) | set(closes))
    out: list[str] = []
    done_close, done_open = -1, -1
    for i, it in enumerate(p.items):
        pos = p.offsets[i]
        if done_close != pos:
            out.extend(closes.get(pos, ()))
            done_close = pos
        if it.name is not None:
            if i not in drop:
                out.append(it.raw)
            continue
        # character data: cut it wherever a timex opens or closes (entities have length 1)
        j = bisect.bisect_left(cuts, pos)
        bounds = [pos] + [c for c in cuts[j:j + len(it.plain) + 1] if pos < c < pos + len(it.plain)]
        bounds.append(pos + len(it.plain))
        for a, b in zip(bounds, bounds[1:]):
            if done_close != a:
                out.extend(closes.get(a, ()))
                done_close = a
            if done_open != a:
                out.extend(opens.get(a, ()))
                done_open = a
            out.append(it.raw if it.raw != it.plain else it.raw[a - pos:b - pos])
    if done_close != len(p.plain):
        out.extend(closes.get(len(p.plain), ()))
    eiids = {a.get("eiid", "") for a in (_attrs(m.group(2)) for m in _REF_TAG.finditer(p.source)
                                         if m.group(1) == "MAKEINSTANCE")
             if a.get("eventID") in eids}
    head = _edit_refs(p.source[:p.text_start], tids, eids, sids, eiids)
    tail = _edit_refs(p.source[p.text_end:], tids, eids, sids, eiids)
    return head + "".join(out) + tail


def _write_atomic(path: str, data: bytes) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".tml", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
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
    try:
        data = Path(src).read_bytes()
    except OSError as exc:
        raise TimeMLError(f"cannot read: {exc.strerror or exc}", source=src) from None
    parsed = _load(data, src)
    doc = parsed.doc
    used = set(re.findall(r"\btid\s*=\s*[\"']([^\"']*)", parsed.source))
    timexes = system_timexes(doc.text, tagger(doc.text, doc.dct), used, source=src)
    out = _render(parsed, timexes).encode(parsed.encoding)
    check = _load(out, dst, require_dct=False)
    if check.plain != doc.text or check.doc.gold != timexes:
        raise TimeMLError("internal error: the annotated TEXT does not read back", source=dst)
    _write_atomic(dst, out)
    return len(timexes)


def tml_files(directory: str | os.PathLike[str]) -> list[Path]:
    """The `*.tml` files of a directory, sorted by name (hidden files skipped)."""
    d = Path(directory)
    if not d.is_dir():
        raise TimeMLError("not a directory", source=str(d))
    return sorted(p for p in d.iterdir()
                  if p.suffix == ".tml" and p.is_file() and not p.name.startswith("."))


def annotate_dir(in_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str],
                 tagger: Tagger) -> int:
    """Annotate every `*.tml` of `in_dir` into `out_dir` (created if needed); returns the count.

    Raises:
        TimeMLError: `in_dir` has no .tml files or is `out_dir`, or a file cannot be annotated.
    """
    files = tml_files(in_dir)
    if not files:
        raise TimeMLError("no .tml files", source=os.fspath(in_dir))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if out.resolve() == Path(in_dir).resolve():
        raise TimeMLError("output directory is the input directory", source=str(out))
    for f in files:
        annotate_file(f, out / f.name, tagger)
    return len(files)
