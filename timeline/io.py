"""Read documents: a text file, a directory (with an optional manifest.toml), or JSON Lines.

Publication dates come, in order of precedence, from the document itself (manifest entry or JSON
Lines field), from the caller's default (`--published`), or from a dateline in the text (recorded
with source "text"); otherwise the document has none and relative dates stay unresolved.
Every error names the file (and line) and the offending value.

`DocumentLoader` reads documents one at a time and collects the failures of those it cannot
read (one bad file or line does not stop the others); `load_documents` raises the first one.
Files are UTF-8 unless told otherwise (`encoding`, `errors="replace"`); a file that does not
decode names the byte offset, a NUL character means a binary file, an empty file is an error.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from timeline.exceptions import DocumentError, InputError, PublicationDateError
from timeline.model import Document, PubDate

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef,import-not-found,unused-ignore]

__all__ = [
    "STDIN", "DocumentLoader", "jsonl_document", "jsonl_lines", "load_documents", "read_jsonl",
    "read_manifest_dir", "read_text_file",
]

_TEXT_SUFFIXES = (".txt", ".text", ".md")
#: The path that names standard input (one plain-text document, id "stdin").
STDIN = "-"
_Item = Document | InputError
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")


def decode_text(data: bytes, source: str, encoding: str = "utf-8",
                errors: str = "strict") -> str:
    """`data` decoded as text, or a DocumentError naming `source` and the byte offset.

    A leading BOM is dropped; characters are kept as they are (no newline translation), so
    offsets match the text. Text with a NUL character is taken for a binary file.
    """
    try:
        text = data.decode(encoding, errors)
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"not {codecs.lookup(encoding).name.upper()} text ({exc.reason} at byte "
            f"{exc.start}); give its encoding "
            f"(--encoding) or replace what cannot be decoded (--errors replace)",
            source=source, value=data[exc.start:exc.start + 8]) from None
    text = text.removeprefix("\ufeff")
    nul = text.find("\x00")
    if nul >= 0:
        raise DocumentError(f"a binary file, not text (NUL character at offset {nul})",
                            source=source, value=source)
    return text


def _read_text(path: Path, encoding: str = "utf-8", errors: str = "strict") -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read ({exc.strerror})", source=str(path),
                            value=str(path)) from None
    return decode_text(data, str(path), encoding, errors)


def _pubdate(value: Any, source: str, line: int | None = None) -> PubDate | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise PublicationDateError(f"publication date must be a string, got {value!r}",
                                   value=value, source=source, line=line)
    try:
        return PubDate.parse(value)
    except PublicationDateError as exc:
        raise PublicationDateError(str(exc), value=value, source=source, line=line) from None


def _text_document(doc_id: str, text: str, source: str,
                   published: PubDate | None) -> Document:
    if not text.strip():
        raise DocumentError("empty file (no text)" if not text else "no text (only whitespace)",
                            source=source, value=source)
    return Document(id=doc_id, text=text, published=published)


@attrs.define
class DocumentLoader:
    """Documents from text files, directories, .jsonl files and standard input (`STDIN`, "-"),
    one at a time, in the order given.

    A document that cannot be used (unreadable, not text, a bad JSON Lines record or manifest
    entry, a bad publication date, a duplicate id) does not stop the others: its error (a
    `DocumentError` or `PublicationDateError`, naming the file, line and value) is appended to
    `failures` and loading goes on. A path that does not exist, or a
    directory or manifest that cannot be read, is one failure.

        loader = DocumentLoader(["seeds", "more.jsonl"])
        timeline = extract_documents(loader)     # reads as it goes
        for failure in loader.failures: ...

    Attributes:
        paths: what to read.
        published: the default publication date for documents that carry none.
        encoding, errors: how to decode files (as `bytes.decode`: "strict" fails on bytes
            that are not `encoding`, "replace" puts U+FFFD in their place).
        stdin: where "-" reads from (a binary or text stream).
        failures: the documents that could not be loaded, so far.
        read: every file read, so far (so that a command can refuse to overwrite one).
    """

    paths: Iterable[str | Path]
    published: PubDate | None = None
    encoding: str = "utf-8"
    errors: str = "strict"
    stdin: IO[Any] | None = None
    failures: list[InputError] = attrs.field(factory=list)
    read: list[Path] = attrs.field(factory=list)

    def __attrs_post_init__(self) -> None:
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise InputError(f"unknown encoding {self.encoding!r}", value=self.encoding) from None
        try:
            codecs.lookup_error(self.errors)
        except LookupError:
            raise InputError(f"unknown error handler {self.errors!r} (use strict or replace)",
                             value=self.errors) from None

    def __iter__(self) -> Iterator[Document]:
        seen: dict[str, str] = {}
        for raw in self.paths:
            for item in self._items(raw):
                if isinstance(item, InputError):
                    self.failures.append(item)
                elif item.id in seen:
                    self.failures.append(DocumentError(
                        f"two documents have the id {item.id!r} (the first from {seen[item.id]})",
                        value=item.id, source=str(raw)))
                else:
                    seen[item.id] = str(raw)
                    yield item

    def _text(self, path: Path) -> str:
        self.read.append(path)
        return _read_text(path, self.encoding, self.errors)

    def _items(self, raw: str | Path) -> Iterator[_Item]:
        if str(raw) == STDIN:
            yield self._stdin()
            return
        path = Path(raw)
        try:
            if path.is_dir():
                yield from self._directory(path)
            elif not path.exists():
                raise DocumentError("no such file or directory", source=str(path),
                                    value=str(path))
            elif path.suffix.lower() == ".jsonl":
                yield from self._jsonl(path)
            else:
                yield _text_document(path.stem, self._text(path), str(path), self.published)
        except InputError as exc:
            yield exc

    def _stdin(self) -> _Item:
        stream = self.stdin
        try:
            if stream is None:
                raise DocumentError("no standard input", source="<stdin>")
            data = stream.read()
            if isinstance(data, bytes):
                data = decode_text(data, "<stdin>", self.encoding, self.errors)
            return _text_document("stdin", data, "<stdin>", self.published)
        except InputError as exc:
            return exc

    def _jsonl(self, path: Path) -> Iterator[_Item]:
        """The documents of a JSON Lines file, a line at a time (memory stays flat however
        long the file). Lines end at "\n" (a "\r" before it is dropped), as JSON Lines says,
        so a U+2028 inside a JSON string does not split a record. A line that does not decode
        is one failure and the lines after it are still read; a NUL byte means a binary file,
        which stops the file."""
        self.read.append(path)
        count = 0
        for lineno, line in jsonl_lines(path, str(path), self.encoding, self.errors):
            if isinstance(line, str) and not line.strip():
                continue
            count += 1
            if isinstance(line, DocumentError):
                yield line
                continue
            try:
                yield _jsonl_record(line, str(path), lineno, self.published)
            except InputError as exc:
                yield exc
        if count == 0:
            yield DocumentError("no documents (the file has no JSON lines)", source=str(path),
                                value=str(path))

    def _directory(self, directory: Path) -> Iterator[_Item]:
        manifest = directory / "manifest.toml"
        if not manifest.exists():
            files = sorted(p for p in directory.iterdir()
                           if p.is_file() and p.suffix.lower() in _TEXT_SUFFIXES)
            if not files:
                raise DocumentError("no manifest.toml and no .txt files", source=str(directory),
                                    value=str(directory))
            for p in files:
                try:
                    yield _text_document(p.stem, self._text(p), str(p), self.published)
                except InputError as exc:
                    yield exc
            return
        try:
            data = tomllib.loads(self._text(manifest))
        except tomllib.TOMLDecodeError as exc:
            line = re.search(r"line (\d+)", str(exc))
            raise DocumentError(f"not valid TOML ({exc})", source=str(manifest),
                                line=int(line[1]) if line else None) from None
        entries = data.get("document")
        if not isinstance(entries, list) or not entries:
            raise DocumentError("expected [[document]] tables", source=str(manifest))
        for i, entry in enumerate(entries, 1):
            where = f"{manifest} [[document]] #{i}"
            try:
                yield self._manifest_entry(directory, entry, where)
            except InputError as exc:
                yield exc

    def _manifest_entry(self, directory: Path, entry: Any, where: str) -> Document:
        file = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(file, str) or not file:
            raise DocumentError("missing \"file\"", source=where, value=entry)
        path = directory / file
        if not path.is_file():
            raise DocumentError(f"file {file!r} does not exist", source=where, value=file)
        doc_id = str(entry.get("id") or path.stem)
        pub = _pubdate(entry.get("published"), where) or self.published
        title, url = entry.get("title"), entry.get("url")
        doc = _text_document(doc_id, self._text(path), str(path), pub)
        return attrs.evolve(doc, title=title if isinstance(title, str) else None,
                            url=url if isinstance(url, str) else None)


def jsonl_lines(source: Path | IO[bytes], name: str, encoding: str = "utf-8",
                errors: str = "strict") -> Iterator[tuple[int, str | DocumentError]]:
    """The lines of a JSON Lines file or binary stream, a line at a time, each with its 1-based
    number: the decoded text (without its "\n" or "\r\n"; blank lines included), or a
    `DocumentError` naming `name` and the line for a line that does not decode (the lines after
    it are still read). A NUL byte means a binary file: one error, then nothing more. Lines end
    at "\n" only, as JSON Lines says, so a U+2028 inside a JSON string does not split a record.
    A leading UTF-8 BOM is dropped. Encodings whose newline is not the byte "\n" (UTF-16/32)
    are decoded whole, then split.
    """
    if "\n".encode(encoding) == b"\n":
        lines: Iterable[bytes | str] = (_binary_lines(source) if isinstance(source, Path)
                                        else source)
    elif isinstance(source, Path):
        lines = _read_text(source, encoding, errors).split("\n")
    else:
        data = source.read()
        text = data if isinstance(data, str) else decode_text(data, name, encoding, errors)
        lines = text.split("\n")
    for lineno, raw in enumerate(lines, 1):
        if isinstance(raw, bytes):
            if lineno == 1 and _is_utf8(encoding):
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if b"\x00" in raw:
                yield lineno, DocumentError(f"a binary file, not text (NUL byte on line {lineno})",
                                            source=name, line=lineno, value=name)
                return
            try:
                text = raw.decode(encoding, errors)
            except UnicodeDecodeError as exc:
                yield lineno, DocumentError(
                    f"not {codecs.lookup(encoding).name.upper()} text ({exc.reason} at "
                    f"byte {exc.start} of the line); give its encoding (--encoding) or "
                    f"replace what cannot be decoded (--errors replace)", source=name,
                    line=lineno, value=raw[exc.start:exc.start + 8])
                continue
        else:
            text = raw
        yield lineno, text.removesuffix("\n").removesuffix("\r")


def _is_utf8(encoding: str) -> bool:
    return codecs.lookup(encoding).name == "utf-8"


def _binary_lines(path: Path) -> Iterator[bytes]:
    try:
        with path.open("rb") as fh:
            yield from fh
    except OSError as exc:
        raise DocumentError(f"cannot read ({exc.strerror})", source=str(path),
                            value=str(path)) from None


def _jsonl_record(line: str, source: str, lineno: int, published: PubDate | None) -> Document:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"not valid JSON ({exc.msg} at column {exc.colno})", source=source,
                            line=lineno, value=line[:80]) from None
    except RecursionError:
        raise DocumentError("not valid JSON (nested too deeply)", source=source, line=lineno,
                            value=line[:80]) from None
    if not isinstance(obj, dict):
        raise DocumentError("expected a JSON object", source=source, line=lineno,
                            value=line[:80])
    doc_id, body = obj.get("id"), obj.get("text")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise DocumentError("missing or empty \"id\"", source=source, line=lineno, value=doc_id)
    if not isinstance(body, str):
        raise DocumentError(f"document {doc_id!r}: \"text\" must be a string",
                            source=source, line=lineno, value=body)
    title, url = obj.get("title"), obj.get("url")
    for name, field in (("id", doc_id), ("text", body), ("title", title), ("url", url)):
        bad = _UNWRITABLE.search(field) if isinstance(field, str) else None
        if bad:  # JSON escapes can say what no text file can hold
            raise DocumentError(
                f"document {doc_id!r}: {name!r} holds {bad[0]!r} at offset {bad.start()} "
                f"(a NUL or a lone surrogate)", source=source, line=lineno, value=doc_id)
    pub = _pubdate(obj.get("published"), source, lineno) or published
    return Document(id=doc_id, text=body, published=pub,
                    title=title if isinstance(title, str) else None,
                    url=url if isinstance(url, str) else None)


def jsonl_document(path: Path, line: str, lineno: int, published: PubDate | None,
                   seen: dict[str, int]) -> Document:
    """The document on one (non-blank) line of a JSON Lines file; `seen` maps the ids read so
    far to their line (a repeated id is an error). For readers that go a line at a time
    (`timeline.scale`)."""
    doc = _jsonl_record(line, str(path), lineno, published)
    if doc.id in seen:
        raise DocumentError(f"two documents have the id {doc.id!r} (the first on line "
                            f"{seen[doc.id]})", source=str(path), line=lineno, value=doc.id)
    seen[doc.id] = lineno
    return doc


def _strict(loader: DocumentLoader) -> list[Document]:
    docs = list(loader)
    if loader.failures:
        raise loader.failures[0]
    return docs


def read_text_file(path: Path, published: PubDate | None = None) -> Document:
    """One plain-text article; its id is the file name without suffix."""
    return _strict(DocumentLoader([path], published))[0]


def read_jsonl(path: Path, published: PubDate | None = None) -> list[Document]:
    """Documents from JSON Lines: one object a line with "id", "text", and optionally
    "published", "title", "url". Blank lines are skipped; anything else malformed is an error."""
    return _strict(DocumentLoader([path], published))


def read_manifest_dir(directory: Path, published: PubDate | None = None) -> list[Document]:
    """Documents of a directory: those listed in its manifest.toml ([[document]] tables with
    "file", and optional "id", "title", "published", "url"), else every text file in it."""
    return _strict(DocumentLoader([directory], published))


def load_documents(paths: Iterable[str | Path],
                   published: PubDate | str | None = None) -> list[Document]:
    """Documents from text files, directories and .jsonl files, in the order given.

    `published` is the default publication date for documents that carry none.
    Document ids must be unique across all inputs. The first document that cannot be loaded
    raises its DocumentError (use `DocumentLoader` to load the others all the same).
    """
    default = PubDate.parse(published) if isinstance(published, str) else published
    return _strict(DocumentLoader(list(paths), default))


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when `a` and `b` name the same file (links resolved); False if either is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def with_dateline(doc: Document, find: Any) -> Document:
    """`doc` with a publication date read from its dateline when it has none (else as is)."""
    if doc.published is not None:
        return doc
    found = find(doc.text)
    return attrs.evolve(doc, published=found) if found is not None else doc
