"""Read documents: a text file, a directory (with an optional manifest.toml), or JSON Lines.

Publication dates come, in order of precedence, from the document itself (manifest entry or JSON
Lines field), from the caller's default (`--published`), or from a dateline in the text (recorded
with source "text"); otherwise the document has none and relative dates stay unresolved.
Every error names the file (and line) and the offending value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from timeline.exceptions import DocumentError, PublicationDateError
from timeline.model import Document, PubDate

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef,import-not-found,unused-ignore]

__all__ = ["load_documents", "read_jsonl", "read_manifest_dir", "read_text_file"]

_TEXT_SUFFIXES = (".txt", ".text", ".md")


def _read_text(path: Path) -> str:
    try:
        # newline="" keeps the characters as they are, so offsets match the file
        with path.open(encoding="utf-8", newline="") as fh:
            return fh.read().removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                            source=str(path), value=str(path)) from None
    except OSError as exc:
        raise DocumentError(f"cannot read ({exc.strerror})", source=str(path),
                            value=str(path)) from None


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


def read_text_file(path: Path, published: PubDate | None = None) -> Document:
    """One plain-text article; its id is the file name without suffix."""
    return Document(id=path.stem, text=_read_text(path), published=published)


def read_jsonl(path: Path, published: PubDate | None = None) -> list[Document]:
    """Documents from JSON Lines: one object a line with "id", "text", and optionally
    "published", "title", "url". Blank lines are skipped; anything else malformed is an error."""
    docs: list[Document] = []
    seen: dict[str, int] = {}
    text = _read_text(path)
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            docs.append(jsonl_document(path, line, lineno, published, seen))
    return docs


def jsonl_document(path: Path, line: str, lineno: int, published: PubDate | None,
                   seen: dict[str, int]) -> Document:
    """The document on one (non-blank) line of a JSON Lines file; `seen` maps the ids read so
    far to their line (a repeated id is an error)."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"not valid JSON ({exc.msg})", source=str(path), line=lineno,
                            value=line[:80]) from None
    if not isinstance(obj, dict):
        raise DocumentError("expected a JSON object", source=str(path), line=lineno,
                            value=line[:80])
    doc_id, body = obj.get("id"), obj.get("text")
    if isinstance(doc_id, int):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise DocumentError("missing or empty \"id\"", source=str(path), line=lineno,
                            value=doc_id)
    if not isinstance(body, str):
        raise DocumentError(f"document {doc_id!r}: \"text\" must be a string",
                            source=str(path), line=lineno, value=body)
    if doc_id in seen:
        raise DocumentError(f"duplicate id {doc_id!r} (first on line {seen[doc_id]})",
                            source=str(path), line=lineno, value=doc_id)
    seen[doc_id] = lineno
    pub = _pubdate(obj.get("published"), str(path), lineno) or published
    title, url = obj.get("title"), obj.get("url")
    return Document(id=doc_id, text=body, published=pub,
                    title=title if isinstance(title, str) else None,
                    url=url if isinstance(url, str) else None)


def read_manifest_dir(directory: Path, published: PubDate | None = None) -> list[Document]:
    """Documents of a directory: those listed in its manifest.toml ([[document]] tables with
    "file", and optional "id", "title", "published", "url"), else every text file in it."""
    manifest = directory / "manifest.toml"
    if not manifest.exists():
        files = sorted(p for p in directory.iterdir()
                       if p.is_file() and p.suffix.lower() in _TEXT_SUFFIXES)
        if not files:
            raise DocumentError("no manifest.toml and no .txt files", source=str(directory),
                                value=str(directory))
        return [read_text_file(p, published) for p in files]
    try:
        data = tomllib.loads(_read_text(manifest))
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError(f"not valid TOML ({exc})", source=str(manifest)) from None
    entries = data.get("document")
    if not isinstance(entries, list) or not entries:
        raise DocumentError("expected [[document]] tables", source=str(manifest))
    docs: list[Document] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries, 1):
        where = f"{manifest} [[document]] #{i}"
        file = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(file, str) or not file:
            raise DocumentError("missing \"file\"", source=where, value=entry)
        path = directory / file
        if not path.is_file():
            raise DocumentError(f"file {file!r} does not exist", source=where, value=file)
        doc_id = str(entry.get("id") or path.stem)
        if doc_id in seen:
            raise DocumentError(f"duplicate id {doc_id!r}", source=where, value=doc_id)
        seen.add(doc_id)
        pub = _pubdate(entry.get("published"), where) or published
        docs.append(Document(id=doc_id, text=_read_text(path), published=pub,
                             title=entry.get("title"), url=entry.get("url")))
    return docs


def load_documents(paths: Iterable[str | Path],
                   published: PubDate | str | None = None) -> list[Document]:
    """Documents from text files, directories and .jsonl files, in the order given.

    `published` is the default publication date for documents that carry none.
    Document ids must be unique across all inputs.
    """
    default = PubDate.parse(published) if isinstance(published, str) else published
    docs: list[Document] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            docs.extend(read_manifest_dir(path, default))
        elif not path.exists():
            raise DocumentError("no such file or directory", source=str(path), value=str(path))
        elif path.suffix.lower() == ".jsonl":
            docs.extend(read_jsonl(path, default))
        else:
            docs.append(read_text_file(path, default))
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise DocumentError(f"two documents have the id {doc.id!r}", value=doc.id)
        seen.add(doc.id)
    return docs


def with_dateline(doc: Document, find: Any) -> Document:
    """`doc` with a publication date read from its dateline when it has none (else as is)."""
    if doc.published is not None:
        return doc
    found = find(doc.text)
    return attrs.evolve(doc, published=found) if found is not None else doc
