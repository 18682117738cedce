"""EDTF: an event's date as a Library of Congress Extended Date/Time Format string (ISO 8601-2).

`to_edtf` is a pure function of a `When`; exporters add its result beside the dates (it is not
stored in the records). The string names exactly the days ``[when.start, when.end]``: a reader
that takes the earliest day of its first part and the latest day of its last part gets the
event's bounds back. Only EDTF level 0 and level 1 forms are written:

==========================================  ==========================  =======================
When (start .. end, granularity, mod)       EDTF                        reads as
==========================================  ==========================  =======================
2025-03-17 .. 2025-03-17, day               ``2025-03-17``              that day
2025-03-01 .. 2025-03-31, month             ``2025-03``                 some time in March 2025
2029-01-01 .. 2029-12-31, year              ``2029``                    some time in 2029
2025-01-01 .. 2025-03-31, quarter           ``2025-01/2025-03``         January to March
2026-01-19 .. 2026-01-25, week              ``2026-01-19/2026-01-25``   an interval of days
open .. 2025-11-01, day, ON_OR_BEFORE       ``../2025-11-01``           on or before 1 Nov
open .. 2025-04-30, month, ON_OR_BEFORE     ``../2025-04``              by the end of April
2025-03-18 .. open, day, AFTER              ``2025-03-18/..``           on or after 18 Mar
2025-03-01 .. 2025-03-31, month, APPROX     ``2025-03~``                approximate
day of publication, derived "publication"   ``2025-03-17?``             uncertain
open .. open (undated)                      None                        (no EDTF at all)
==========================================  ==========================  =======================

Rules:

* A bound is written at month or year precision only when the event's granularity is at least
  that coarse (a month, quarter, season or half; a year, decade, century or millennium) and the
  bound falls on that unit's edge (first day for a start, last day for an end); both bounds of a
  closed interval share the coarser precision they both allow. When the two bounds then read the
  same ("2025-03" and "2025-03"), one date is written instead of an interval.
* Bounds are inclusive days, as in the records: "before 17 March" has the end 16 March, so its
  EDTF is ``../2025-03-16``. An open bound is ``..`` (EDTF level 1 open interval).
* Qualifiers (EDTF level 1): ``~`` approximate for mod APPROX; ``?`` uncertain when the date is
  only the publication date by default (derived "publication"); ``%`` for both. They qualify each
  written date of an interval; ``..`` is never qualified. Other mods (BEFORE, START, ...) are
  already expressed by the bounds.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from timeline.model import When, partial_iso

__all__ = ["Bound", "EdtfParts", "edtf_parts", "to_edtf"]

_YEAR_GRAINS = frozenset(("year", "decade", "century", "millennium"))
_MONTH_GRAINS = _YEAR_GRAINS | {"month", "quarter", "season", "half"}
_PRECISIONS = ("day", "month", "year")  # finest first


class Bound(NamedTuple):
    """One end of an event's date at the precision it is written: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """ "2025", "2025-03" or "2025-03-17"."""
        return partial_iso(self.year, self.month, self.day)


class EdtfParts(NamedTuple):
    """What `to_edtf` writes, before it is joined into a string.

    Attributes:
        start: the first bound, None when open.
        end: the last bound, None when open; equal to `start` for a single date.
        qualifier: "", "~" (approximate), "?" (uncertain) or "%" (both).
    """

    start: Bound | None
    end: Bound | None
    qualifier: str

    @property
    def single(self) -> bool:
        """True when the date is one EDTF date (a day, a month or a year), not an interval."""
        return self.start is not None and self.start == self.end


def _is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1 if day < dt.date.max else True


def _coarsest(day: dt.date, granularity: str, *, is_start: bool) -> int:
    """Index into `_PRECISIONS` of the coarsest precision at which `day` is an exact bound."""
    if is_start:
        month_edge, year_edge = day.day == 1, (day.month, day.day) == (1, 1)
    else:
        month_edge, year_edge = _is_month_end(day), (day.month, day.day) == (12, 31)
    if granularity in _YEAR_GRAINS and year_edge:
        return 2
    if granularity in _MONTH_GRAINS and month_edge:
        return 1
    return 0


def _bound(day: dt.date, precision: int) -> Bound:
    if precision == 2:
        return Bound(day.year)
    if precision == 1:
        return Bound(day.year, day.month)
    return Bound(day.year, day.month, day.day)


def _qualifier(when: When) -> str:
    approximate = when.mod == "APPROX"
    uncertain = when.derived == "publication"
    return "%" if approximate and uncertain else "~" if approximate else "?" if uncertain else ""


def edtf_parts(when: When) -> EdtfParts | None:
    """The bounds and qualifier `to_edtf` writes for `when`; None when it is undated."""
    start, end = when.start, when.end
    if start is None and end is None:
        return None
    grain = when.granularity
    if start is not None and end is not None:
        precision = min(_coarsest(start, grain, is_start=True),
                        _coarsest(end, grain, is_start=False))
        first, last = _bound(start, precision), _bound(end, precision)
        return EdtfParts(first, last, _qualifier(when))
    first_bound = None if start is None else _bound(
        start, _coarsest(start, grain, is_start=True))
    last_bound = None if end is None else _bound(end, _coarsest(end, grain, is_start=False))
    return EdtfParts(first_bound, last_bound, _qualifier(when))


def to_edtf(when: When) -> str | None:
    """The EDTF string of `when` (see the module docs), or None when it has no date at all."""
    parts = edtf_parts(when)
    if parts is None:
        return None
    q = parts.qualifier
    if parts.single:
        assert parts.start is not None
        return parts.start.iso() + q
    first = ".." if parts.start is None else parts.start.iso() + q
    last = ".." if parts.end is None else parts.end.iso() + q
    return f"{first}/{last}"
