"""From articles to a timeline: load, tag, detect events, merge, order.

    >>> from timeline import extract
    >>> timeline = extract(["seeds"])                      # doctest: +SKIP
    >>> data, report = timeline_render(timeline, "ics")    # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from timeline.events import detect_events, merge_events
from timeline.io import load_documents, with_dateline
from timeline.keydates import day_references
from timeline.model import DayReference, Document, Event, PubDate, Timeline
from timeline.tagger import TaggerConfig, tag
from timeline.tagger.api import find_dateline

__all__ = ["extract", "extract_documents"]

_DEFAULT = TaggerConfig()


def extract_documents(documents: Iterable[Document],
                      config: TaggerConfig = _DEFAULT) -> Timeline:
    """The timeline of documents already in memory.

    A document without a publication date gets one from its dateline when it has one
    (`config.use_dateline`); otherwise its relative dates stay unresolved. The result does not
    depend on the order of `documents` (`Timeline.documents` lists their ids sorted).
    """
    events: list[Event] = []
    ids: list[str] = []
    references: list[DayReference] = []
    for doc in documents:
        if config.use_dateline:
            doc = with_dateline(doc, lambda text: find_dateline(text, config))
        expressions = tag(doc.text, doc.published, config)
        events.extend(detect_events(doc, expressions))
        references.extend(day_references(doc, expressions))  # evidence for key dates
        ids.append(doc.id)
    # ids sorted, as the events are: the same documents in any order give the same bytes
    return Timeline(events=merge_events(events), documents=sorted(ids), references=references)


def extract(paths: str | Path | Sequence[str | Path],
            published: PubDate | str | None = None,
            config: TaggerConfig = _DEFAULT) -> Timeline:
    """The timeline of articles on disk: text files, directories (with manifest.toml) or
    .jsonl files. `published` is the default publication date for documents that carry none.

    The first document that cannot be read raises its error; to export the others all the same,
    pass a `timeline.io.DocumentLoader` to `extract_documents` and read its `failures`."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return extract_documents(load_documents(paths, published), config)
