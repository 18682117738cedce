"""Extraction at scale: one document at a time, over N processes, or on a cluster.

The unit of work is `document_events(document, config)`: a document's own events (dateline,
tagging, detection), a pure function of the document and the (picklable, tiny) TaggerConfig.
Everything else is built on it:

* `iter_documents(paths)` reads documents lazily (a JSON Lines archive line by line), with the
  checks of `timeline.io.load_documents` (ids unique across all inputs, errors naming file and
  line);
* `map_events(documents, config, jobs)` runs `document_events` in `jobs` processes, a bounded
  number of documents in flight, results in input order: the same events as one process;
* `lines_events(lines, config)` is what a Dask or Spark partition of a JSON Lines archive
  runs (see docs/scale.md and examples/dask_archive.py); `merge_partitions` then merges the
  partial results, in partition order, into the timeline one process builds;
* `write_unmerged_jsonl(documents, path)` streams the unmerged timeline ("--no-merge") to a
  JSON Lines file in timeline order with flat memory: events are sorted in bounded runs
  spilled to temporary files, then merged (a stable external sort: the bytes are those of
  `extract_documents(..., merge=False).render("jsonl")`). The file appears whole or not at all.
"""

from __future__ import annotations

import concurrent.futures
import heapq
import itertools
import os
import pickle
import secrets
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from timeline.exceptions import DocumentError, InputError
from timeline.io import DocumentLoader, jsonl_document, with_dateline
from timeline.model import DayReference, Document, Event, PubDate, Timeline, _sort_key
from timeline.tagger import TaggerConfig, tag
from timeline.tagger.api import find_dateline

__all__ = [
    "document_events",
    "document_results",
    "iter_documents",
    "lines_events",
    "lines_results",
    "map_events",
    "map_results",
    "merge_partitions",
    "write_unmerged_jsonl",
]

_DEFAULT = TaggerConfig()
_CHUNK = 8          # documents per task sent to a worker process
_IN_FLIGHT = 4      # tasks queued per worker (bounds memory when streaming)
_RUN = 20_000       # events sorted in memory before a run is spilled to disk


def document_results(document: Document, config: TaggerConfig = _DEFAULT) \
        -> tuple[list[Event], list[DayReference]]:
    """The events one document reports, dated (its dateline read when it has no date), and the
    exact days it mentions (evidence for `Timeline.key_dates`)."""
    from timeline.events import detect_events
    from timeline.keydates import day_references

    if config.use_dateline:
        document = with_dateline(document, lambda text: find_dateline(text, config))
    expressions = tag(document.text, document.published, config)
    return detect_events(document, expressions), day_references(document, expressions)


def document_events(document: Document, config: TaggerConfig = _DEFAULT) -> list[Event]:
    """The events one document reports, dated (its dateline read when it has no date)."""
    return document_results(document, config)[0]


def lines_results(lines: Iterable[str], config: TaggerConfig = _DEFAULT,
                  source: str = "archive") -> list[tuple[str, list[Event], list[DayReference]]]:
    """Each document of some JSON Lines lines with its events and the days it mentions (the
    evidence of `Timeline.key_dates`), in order: what a Dask or Spark partition of an archive
    runs (`bag.map_partitions`, `rdd.mapPartitions`). Lines are checked as
    `timeline.io.read_jsonl` checks them, except that ids are unique only within the partition
    (`merge_partitions` checks them across partitions)."""
    out = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        line = (line.removeprefix("\ufeff") if number == 1 else line).rstrip("\r\n")
        if line.strip():
            doc = jsonl_document(Path(source), line, number, None, seen)
            out.append((doc.id, *document_results(doc, config)))
    return out


def lines_events(lines: Iterable[str], config: TaggerConfig = _DEFAULT,
                 source: str = "archive") -> list[tuple[str, list[Event]]]:
    """`lines_results` without the days mentioned: (document id, events) pairs."""
    return [(doc_id, found) for doc_id, found, _ in lines_results(lines, config, source)]


def merge_partitions(results: Iterable[tuple[Any, ...]], merge: bool = True) -> Timeline:
    """The timeline of the partitions' results, in archive order: (document id, events) pairs
    of `lines_events` or (document id, events, days mentioned) of `lines_results`, which also
    carry the evidence of `Timeline.key_dates`. The result is the timeline one process would
    build (ids must be unique across the archive)."""
    from timeline.events import merge_events

    ids: list[str] = []
    events: list[Event] = []
    references: list[DayReference] = []
    seen: set[str] = set()
    for doc_id, found, *mentioned in results:
        if doc_id in seen:
            raise DocumentError(f"two documents have the id {doc_id!r}", value=doc_id)
        seen.add(doc_id)
        ids.append(doc_id)
        events.extend(found)
        for refs in mentioned:
            references.extend(refs)
    return Timeline(events=merge_events(events) if merge else events, documents=sorted(ids),
                    references=references)


def iter_documents(paths: Iterable[str | Path], published: PubDate | str | None = None,
                   failures: list[InputError] | None = None) -> Iterator[Document]:
    """Documents from text files, directories and .jsonl files, lazily (a JSON Lines file a
    line at a time), in the order given: `timeline.io.DocumentLoader`, which checks what
    `load_documents` checks. With a `failures` list, a document that cannot be read is
    collected there and the others are read (the CLI reports them and exits 1); without one,
    the first raises."""
    default = PubDate.parse(published) if isinstance(published, str) else published
    collected: list[InputError] = failures if failures is not None else []
    loader = DocumentLoader(list(paths), default, failures=collected)
    for doc in loader:
        if failures is None and collected:
            raise collected[0]
        yield doc
    if failures is None and collected:
        raise collected[0]


_Result = tuple[list[Event], list[DayReference]]


def _chunk_events(chunk: Sequence[Document], config: TaggerConfig) -> list[_Result]:
    return [document_results(doc, config) for doc in chunk]


def map_events(documents: Iterable[Document], config: TaggerConfig = _DEFAULT,
               jobs: int = 1) -> Iterator[tuple[Document, list[Event]]]:
    """Each document with its events, in input order, computed in `jobs` processes."""
    for doc, found, _ in map_results(documents, config, jobs):
        yield doc, found


def map_results(documents: Iterable[Document], config: TaggerConfig = _DEFAULT,
                jobs: int = 1) -> Iterator[tuple[Document, list[Event], list[DayReference]]]:
    """Each document with its events and the days it mentions, in input order, computed in
    `jobs` processes.

    At most `jobs * _IN_FLIGHT` chunks of documents are in flight, so a lazy input is read
    as the workers go. The results are those one process finds (`document_results` is pure).
    """
    if jobs <= 1:
        for doc in documents:
            yield (doc, *document_results(doc, config))
        return
    _preload(config)  # forked workers then start with the compiled resources
    source = iter(documents)
    chunks = iter(lambda: list(itertools.islice(source, _CHUNK)), [])
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[tuple[list[Document], concurrent.futures.Future[list[_Result]]]] \
            = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(_chunk_events, chunk, config)))
            while len(pending) >= jobs * _IN_FLIGHT:
                yield from _done(pending.popleft())
        while pending:
            yield from _done(pending.popleft())


def _preload(config: TaggerConfig) -> None:
    from timeline.events.triggers import load_triggers
    from timeline.tagger.resources import load_grammar

    load_grammar(config.lang)
    load_triggers()


def _done(item: tuple[list[Document], concurrent.futures.Future[list[_Result]]]) \
        -> Iterator[tuple[Document, list[Event], list[DayReference]]]:
    chunk, future = item
    for doc, (found, mentioned) in zip(chunk, future.result()):
        yield doc, found, mentioned


# --- the unmerged timeline as JSON Lines, with flat memory ---

def _spill(run: list[tuple[Any, int, str]], directory: str) -> str:
    run.sort()
    path = os.path.join(directory, f"run{secrets.token_hex(6)}.pickle")
    with open(path, "wb") as fh:
        for item in run:
            pickle.dump(item, fh, protocol=pickle.HIGHEST_PROTOCOL)
    run.clear()
    return path


def _read_run(path: str) -> Iterator[tuple[Any, int, str]]:
    with open(path, "rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return


def write_unmerged_jsonl(documents: Iterable[Document], out: IO[bytes],
                         config: TaggerConfig = _DEFAULT, jobs: int = 1) -> tuple[int, int]:
    """Write every document's events, not merged across documents, to `out` as JSON Lines in
    timeline order; returns (events, documents). Memory stays flat whatever the input size."""
    from timeline.export.jsonfmt import to_jsonl

    events = ndocs = 0
    run: list[tuple[Any, int, str]] = []
    with tempfile.TemporaryDirectory(prefix="timeline-runs-") as directory:
        runs: list[str] = []
        for _, found in map_events(documents, config, jobs):
            ndocs += 1
            for event in found:
                # (key, arrival) sorts as Timeline's stable sort on the key does
                run.append((_sort_key(event), events, to_jsonl([event])))
                events += 1
            if len(run) >= _RUN:
                runs.append(_spill(run, directory))
        run.sort()
        merged = heapq.merge(run, *(_read_run(p) for p in runs))
        for _, _, line in merged:
            out.write(line.encode("utf-8"))
    return events, ndocs
