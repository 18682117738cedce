"""Every error `timeline` raises on purpose.

The tree::

    TimelineError (Exception)             root: catch this to catch everything below
    +-- InputError (ValueError)           something the user gave is malformed
    |   +-- PublicationDateError          a publication date that is not YYYY, YYYY-MM or YYYY-MM-DD
    |   +-- DocumentError                 a document file / JSON Lines record / manifest entry is bad
    |   +-- TimeMLError                   a TimeML file cannot be read or has no creation time
    +-- ResourceError (ValueError)        a bundled rule or vocabulary file is malformed
    +-- ExportError                       a timeline cannot be written in the requested format

Each error carries the offending value (and, where there is one, the file and line) as attributes,
so callers can report it without parsing the message. The CLI turns any `TimelineError` into a one
line message on stderr and exit status 2; it never shows a traceback for them.
"""

from __future__ import annotations

__all__ = [
    "DocumentError",
    "ExportError",
    "InputError",
    "PublicationDateError",
    "ResourceError",
    "TimeMLError",
    "TimelineError",
]


class TimelineError(Exception):
    """Root of every error raised by `timeline`."""


class InputError(TimelineError, ValueError):
    """Something the user gave is malformed.

    Attributes:
        value: the offending value (or None).
        source: the file (or other origin) it came from, if known.
        line: the 1-based line number in `source`, if known.
    """

    def __init__(
        self, message: str, *, value: object = None, source: str | None = None,
        line: int | None = None,
    ) -> None:
        self.value = value
        self.source = source
        self.line = line
        where = ""
        if source is not None:
            where = f"{source}:{line}: " if line is not None else f"{source}: "
        super().__init__(f"{where}{message}")


class PublicationDateError(InputError):
    """A publication date that is not YYYY, YYYY-MM or YYYY-MM-DD (or not a real date)."""


class DocumentError(InputError):
    """A document file, JSON Lines record or manifest entry cannot be used."""


class TimeMLError(InputError):
    """A TimeML file cannot be parsed or lacks what the operation needs."""


class ResourceError(TimelineError, ValueError):
    """A bundled rule or vocabulary file is malformed.

    Attributes:
        path: the resource file.
        line: the 1-based line (or None).
        value: the offending entry.
    """

    def __init__(self, message: str, *, path: str, line: int | None = None,
                 value: object = None) -> None:
        self.path = path
        self.line = line
        self.value = value
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class ExportError(TimelineError):
    """A timeline cannot be written in the requested format.

    Attributes:
        value: the offending value (e.g. the unknown format name).
    """

    def __init__(self, message: str, *, value: object = None) -> None:
        self.value = value
        super().__init__(message)
