"""timeline: turn news articles into a dated event timeline.

Examples:
    >>> import timeline
    >>> [(e.text, e.value) for e in timeline.tag("She left last month.", published="2025-04")]
    [('last month', '2025-03')]
    >>> tl = timeline.extract("seeds")             # doctest: +SKIP
    >>> data, report = tl.render("ics")            # doctest: +SKIP
    >>> tl.write("csv", "carney.csv")              # doctest: +SKIP
"""

from timeline.anchor import Anchor, anchor
from timeline.exceptions import (
    DocumentError,
    ExportError,
    InputError,
    PublicationDateError,
    ResourceError,
    TimelineError,
    TimeMLError,
)
from timeline.export import FORMATS, ExportReport
from timeline.io import DocumentLoader, load_documents
from timeline.model import (
    DayReference,
    Document,
    Event,
    PubDate,
    Source,
    TimeExpression,
    Timeline,
    TimeValue,
    When,
)
from timeline.pipeline import extract, extract_documents
from timeline.tagger import TaggerConfig, tag
from timeline.tagger.api import find_dateline

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "Anchor",
    "DayReference",
    "Document",
    "DocumentError",
    "DocumentLoader",
    "Event",
    "ExportError",
    "ExportReport",
    "InputError",
    "PubDate",
    "PublicationDateError",
    "ResourceError",
    "Source",
    "TaggerConfig",
    "TimeExpression",
    "TimeMLError",
    "TimeValue",
    "Timeline",
    "TimelineError",
    "When",
    "__version__",
    "anchor",
    "extract",
    "extract_documents",
    "find_dateline",
    "load_documents",
    "tag",
]
