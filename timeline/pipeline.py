"""From articles to a timeline: load, tag, detect events, merge, order.

    >>> from timeline import extract
    >>> timeline = extract(["seeds"])                      # doctest: +SKIP
    >>> data, report = timeline_render(timeline, "ics")    # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from timeline.events import merge_events
from timeline.io import load_documents
from timeline.model import DayReference, Document, Event, PubDate, Timeline
from timeline.scale import map_results
from timeline.tagger import TaggerConfig

__all__ = ["extract", "extract_documents"]

_DEFAULT = TaggerConfig()


def extract_documents(documents: Iterable[Document],
                      config: TaggerConfig = _DEFAULT, *, merge: bool = True,
                      jobs: int = 1) -> Timeline:
    """The timeline of documents already in memory.

    A document without a publication date gets one from its dateline when it has one
    (`config.use_dateline`); otherwise its relative dates stay unresolved. `merge=False` keeps
    each article's events apart (the same event reported twice stays twice); `jobs` > 1 runs
    the articles in that many processes, with the same result. The result does not depend on
    the order of `documents` (`Timeline.documents` lists their ids sorted).
    """
    events: list[Event] = []
    ids: list[str] = []
    references: list[DayReference] = []
    for doc, found, mentioned in map_results(documents, config, jobs):
        events.extend(found)
        references.extend(mentioned)  # evidence for key dates
        ids.append(doc.id)
    # ids sorted, as the events are: the same documents in any order give the same bytes
    return Timeline(events=merge_events(events) if merge else events, documents=sorted(ids),
                    references=references)


def extract(paths: str | Path | Sequence[str | Path],
            published: PubDate | str | None = None,
            config: TaggerConfig = _DEFAULT, *, merge: bool = True, jobs: int = 1) -> Timeline:
    """The timeline of articles on disk: text files, directories (with manifest.toml) or
    .jsonl files. `published` is the default publication date for documents that carry none;
    `merge` and `jobs` as in `extract_documents`.

    The first document that cannot be read raises its error; to export the others all the same,
    pass a `timeline.io.DocumentLoader` to `extract_documents` and read its `failures`."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return extract_documents(load_documents(paths, published), config, merge=merge, jobs=jobs)
