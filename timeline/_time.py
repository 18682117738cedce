"""Calendar arithmetic by grain: the only module that imports pendulum.

A *unit* is a calendar period of some grain (a day, an ISO week, a month, a quarter, a half year,
a season, a year, a decade, a century, a millennium) and is named by any day inside it.

Conventions (documented in docs/conventions.md):
- weeks are ISO weeks (Monday first), written YYYY-Www with the ISO week-year;
- seasons are meteorological: SP = March-May, SU = June-August, FA = September-November,
  WI = December of YYYY to February of YYYY+1;
- a decade "199" is 1990-1999, a century "20" is 2000-2099 (TIMEX3 writes the 21st century as 20).
"""

from __future__ import annotations

import datetime as dt
import re

import pendulum

__all__ = [
    "GRAIN_ORDER",
    "ceil",
    "floor",
    "interval_of",
    "render",
    "shift",
]

#: Calendar grains from finest to coarsest (sub-day grains map onto days).
GRAIN_ORDER = (
    "day", "week", "month", "quarter", "season", "half", "year", "decade", "century", "millennium",
)
_SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_OF_MONTH = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA",
                    11: "FA", 12: "WI", 1: "WI", 2: "WI"}
_MONTHS_IN = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120,
              "century": 1200, "millennium": 12000}


def _pd(day: dt.date) -> pendulum.Date:
    return pendulum.Date(day.year, day.month, day.day)


def _date(day: pendulum.Date) -> dt.date:
    return dt.date(day.year, day.month, day.day)


def floor(day: dt.date, grain: str) -> dt.date:
    """First day of the unit of `grain` containing `day`."""
    if grain == "day":
        return day
    if grain == "week":
        return _date(_pd(day).start_of("week"))
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if grain == "half":
        return dt.date(day.year, 1 if day.month <= 6 else 7, 1)
    if grain == "season":
        if day.month <= 2:
            return dt.date(day.year - 1, 12, 1)
        return dt.date(day.year, (day.month - 3) // 3 * 3 + 3, 1)
    if grain == "year":
        return dt.date(day.year, 1, 1)
    if grain == "decade":
        return dt.date(day.year // 10 * 10 or 1, 1, 1)
    if grain == "century":
        return dt.date(day.year // 100 * 100 or 1, 1, 1)
    if grain == "millennium":
        return dt.date(day.year // 1000 * 1000 or 1, 1, 1)
    raise ValueError(f"unknown grain {grain!r}")


def shift(day: dt.date, grain: str, n: int) -> dt.date:
    """`day` moved by `n` units of `grain` (month ends clamp: 31 Jan + 1 month = 28/29 Feb)."""
    if grain == "day":
        return day + dt.timedelta(days=n)
    if grain == "week":
        return day + dt.timedelta(weeks=n)
    months = _MONTHS_IN.get(grain)
    if months is None:
        raise ValueError(f"unknown grain {grain!r}")
    return _date(_pd(day).add(months=months * n))


def ceil(day: dt.date, grain: str) -> dt.date:
    """Last day of the unit of `grain` containing `day` (clamped to 9999-12-31: the week, decade
    ... that holds the last day of the calendar ends there)."""
    try:
        return shift(floor(day, grain), grain, 1) - dt.timedelta(days=1)
    except (OverflowError, ValueError):  # no unit after it to count back from
        if day.year < dt.MAXYEAR - 1000:  # not the end of the calendar: a real error
            raise
        return dt.date.max


def render(day: dt.date, grain: str) -> str:
    """The TIMEX3 value naming the unit of `grain` that contains `day`."""
    if grain == "day":
        return day.isoformat()
    if grain == "week":
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if grain == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if grain == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if grain == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if grain == "season":
        start = floor(day, "season")
        return f"{start.year:04d}-{_SEASON_OF_MONTH[start.month]}"
    if grain == "year":
        return f"{day.year:04d}"
    if grain == "decade":
        return f"{day.year // 10:03d}"
    if grain == "century":
        return f"{day.year // 100:02d}"
    if grain == "millennium":
        return f"{day.year // 1000:01d}"
    raise ValueError(f"unknown grain {grain!r}")


_VALUE_RE = re.compile(
    r"""^(?:
        (?P<year>\d{4})(?:
            -(?P<month>\d{2})(?:-(?P<day>\d{2}))?
          | -W(?P<week>\d{1,2})(?:-(?P<wday>\d))?
          | -Q(?P<quarter>[1-4])
          | -H(?P<half>[12])
          | -(?P<season>SP|SU|FA|WI)
        )?
      | (?P<decade>\d{3})
      | (?P<century>\d{2})
    )(?:T.*)?$""",
    re.VERBOSE,
)
_PARTIAL_YEAR_RE = re.compile(r"^(?P<year>\d{4})-(?:XX|W?XX|QX|HX)")


def interval_of(value: str) -> tuple[dt.date, dt.date] | None:
    """The inclusive interval of days a TIMEX3 value names, or None when it names none.

    Fully specified values give their unit ("2025-03" -> 1-31 March). A value with X's in its
    month/week/day part gives the containing year ("2025-XX-XX" -> 2025); values with an unknown
    year, durations, sets and references (PAST_REF) give None. An ISO interval "A/B" gives the
    span from the start of A to the end of B.
    """
    if "/" in value:
        left, _, right = value.partition("/")
        a, b = interval_of(left), interval_of(right)
        if a is None or b is None or a[0] > b[1]:
            return None
        return a[0], b[1]
    m = _VALUE_RE.match(value)
    if m is None:
        p = _PARTIAL_YEAR_RE.match(value)
        if p is None:
            return None
        year = int(p["year"])
        if year < 1:
            return None
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    try:
        if m["decade"] is not None:
            start = dt.date(int(m["decade"]) * 10 or 1, 1, 1)
            return start, ceil(start, "decade")
        if m["century"] is not None:
            start = dt.date(int(m["century"]) * 100 or 1, 1, 1)
            return start, ceil(start, "century")
        year = int(m["year"])
        if year < 1:
            return None
        if m["day"] is not None:
            day = dt.date(year, int(m["month"]), int(m["day"]))
            return day, day
        if m["month"] is not None:
            start = dt.date(year, int(m["month"]), 1)
            return start, ceil(start, "month")
        if m["week"] is not None:
            monday = dt.date.fromisocalendar(year, int(m["week"]), 1)
            if m["wday"] is not None:
                day = monday + dt.timedelta(days=int(m["wday"]) - 1)
                return day, day
            return monday, monday + dt.timedelta(days=6)
        if m["quarter"] is not None:
            start = dt.date(year, (int(m["quarter"]) - 1) * 3 + 1, 1)
            return start, ceil(start, "quarter")
        if m["half"] is not None:
            start = dt.date(year, 1 if m["half"] == "1" else 7, 1)
            return start, ceil(start, "half")
        if m["season"] is not None:
            start = dt.date(year, _SEASONS[m["season"]], 1)
            return start, ceil(start, "season")
        start = dt.date(year, 1, 1)
        return start, dt.date(year, 12, 31)
    except ValueError:
        return None


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday(spec: str, year: int) -> dt.date:
    """The day of a holiday rule in `year`: "MM-DD" (fixed), "MM-N-W" (Nth ISO weekday W of
    month MM; N = -1 for the last), optionally "+D" days after it, or "EASTER+D"/"EASTER-D"."""
    m = re.fullmatch(r"EASTER([+-]\d+)", spec)
    if m:
        return easter(year) + dt.timedelta(days=int(m.group(1)))
    m = re.fullmatch(r"(\d\d)-(\d\d)", spec)
    if m:
        return dt.date(year, int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"(\d\d)-(-?\d)-(\d)(?:\+(\d+))?", spec)
    if not m:
        raise ValueError(f"bad holiday rule {spec!r}")
    month, nth, wd = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if nth > 0:
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        last = ceil(dt.date(year, month, 1), "month")
        day = last - dt.timedelta(days=(last.isoweekday() - wd) % 7)
    return day + dt.timedelta(days=int(m.group(4) or 0))
