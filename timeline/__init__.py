"""timeline: turn news articles into a dated event timeline."""

from timeline.exceptions import (
    DocumentError,
    ExportError,
    InputError,
    PublicationDateError,
    ResourceError,
    TimelineError,
    TimeMLError,
)
from timeline.model import (
    Document,
    Event,
    PubDate,
    Source,
    TimeExpression,
    Timeline,
    TimeValue,
    When,
)
from timeline.tagger import TaggerConfig, tag

__version__ = "0.1.0"

__all__ = [
    "Document",
    "DocumentError",
    "Event",
    "ExportError",
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
    "tag",
]
