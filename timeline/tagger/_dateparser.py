"""The only module that imports dateparser: it parses a numeric date span already found.

dateparser knows the separators, leading zeros and calendar validity of numeric dates; the
tagger decides the day/month order first (a number above 12 settles it, else the configured
order) and hands dateparser only the span, in English, with the publication date as
RELATIVE_BASE. It is never run over whole texts (slow, and it reads "may" and "60" as dates).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

__all__ = ["parse_numeric_date"]


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    import dateparser  # type: ignore[import-untyped]  # first use only: it takes ~0.3 s to import

    return dateparser


def parse_numeric_date(text: str, *, day_first: bool,
                       base: dt.date | None = None) -> dt.date | None:
    """The day a numeric date such as "17-03-2025" names, or None if it names none.

    `day_first` gives the order of the first two numbers ("03/04/2025" is 3 April when True).
    """
    settings: dict[str, Any] = {
        "DATE_ORDER": "DMY" if day_first else "MDY",
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["absolute-time"],
        # never the clock: a fixed base (dateparser reads it only for incomplete dates)
        "RELATIVE_BASE": dt.datetime.combine(base or dt.date(2000, 1, 1), dt.time()),
    }
    parsed = _parser().parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None
