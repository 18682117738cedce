"""Phase two of normalization: place a `Partial` against an anchor. Pure: no clock, no I/O.

The anchor is the publication date at the precision it has (a day, a month or a year). A relative
expression finer than the anchor ("yesterday" against "2025-04") gets the honest interval (every
day it could be) and a TIMEX3 value with X's for what is unknown, never a guessed day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from attrs import frozen

from timeline import _time
from timeline.model import PubDate, TimeValue
from timeline.tagger._dateparser import parse_numeric_date
from timeline.tagger.partial import Partial

__all__ = ["Context", "resolve"]

#: "nearest": a plan told in the past ("was scheduled to meet on Monday") may lie on either side
#: of the writing; the occurrence nearest it is meant
Tense = Literal["past", "present", "future", "nearest"]
_WEEK_UNITS = {"weekend": ("week", 1), "fortnight": ("week", 2)}
_DURATION_CODE = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "quarter": "Q",
                  "year": "Y", "decade": "DE", "century": "CE", "millennium": "ML"}
_TIME_CODE = {"hour": "H", "minute": "M", "second": "S"}
_YEARS_IN = {"decade": 10, "century": 100, "millennium": 1000}
#: how far the nearest reading of a year-less date must contradict the tense to be overridden
_CONTRADICTION = dt.timedelta(days=31)
_OPEN_MODS = frozenset({"ON_OR_AFTER", "ON_OR_BEFORE"})
_STRICT_MODS = frozenset({"AFTER", "BEFORE"})
#: the small hours end at 06:00: a clock time before it, still to come, is the next day's
_SMALL_HOURS_END = 6


@frozen
class Context:
    """What resolution may look at besides the partial time.

    Attributes:
        anchor: the publication date, or None.
        tense: tense of the governing clause ("past", "present", "future", or "nearest" for a
            plan told in the past) or None if unknown.
        ref: the last date mentioned before the expression (for "that day", "two days later").
        period: the last quarter or half mentioned before it, when it is recent (the period a
            financial report is about: "a year earlier" is that period, a year back).
        day_first: read ambiguous numeric dates as day/month.
    """

    anchor: PubDate | None = None
    tense: Tense | None = None
    ref: TimeValue | None = None
    day_first: bool = True
    period: TimeValue | None = None

    @property
    def ref_day(self) -> dt.date | None:
        """The day last mentioned, when the last date mentioned is one day (a day or a part of
        a day), else None."""
        ref = self.ref
        if ref is None or ref.granularity not in ("day", "part_of_day") \
                or ref.earliest is None or ref.earliest != ref.latest:
            return None
        return ref.earliest


def _value(type_: str, value: str, grain: str, lo: dt.date | None = None,
           hi: dt.date | None = None, mod: str | None = None) -> TimeValue:
    return TimeValue(type=type_, value=value, mod=mod, granularity=grain, earliest=lo, latest=hi)


def _narrow(lo: dt.date, hi: dt.date, mod: str | None) -> tuple[dt.date, dt.date]:
    """The START / MID / END third of an interval (other mods leave it as it is)."""
    days = (hi - lo).days + 1
    third = dt.timedelta(days=max(days // 3, 1))
    if mod == "START":
        return lo, min(lo + third - dt.timedelta(days=1), hi)
    if mod == "END":
        return max(hi - third + dt.timedelta(days=1), lo), hi
    if mod == "MID" and days >= 3:
        return lo + third, hi - third
    return lo, hi


def _unit(lo: dt.date, grain: str, mod: str | None, type_: str = "DATE") -> TimeValue:
    """The calendar unit of `grain` containing `lo`."""
    start = _time.floor(lo, grain)
    a, b = _narrow(start, _time.ceil(start, grain), mod)
    return _value(type_, _time.render(start, grain), grain, a, b, mod)


def _x_value(lo: dt.date | None, hi: dt.date | None, grain: str) -> str:
    """A TIMEX3 value with X's for an interval that spans several units of `grain`."""
    if lo is not None and hi is not None and _time.floor(lo, grain) == _time.floor(hi, grain):
        return _time.render(lo, grain)
    year = f"{lo.year:04d}" if lo and hi and lo.year == hi.year else "XXXX"
    return {"day": f"{year}-XX-XX", "week": f"{year}-WXX", "month": f"{year}-XX",
            "quarter": f"{year}-QX", "half": f"{year}-HX", "season": "XXXX-XX",
            "year": "XXXX", "decade": "XXX", "century": "XX"}.get(grain, "XXXX")


def _span(anchor: PubDate, grain: str, n: int, clip: bool) -> TimeValue:
    """The unit of `grain` `n` units from the anchor's; honest about a coarse anchor."""
    a0, a1 = anchor.earliest, anchor.latest
    if _time.floor(a0, grain) == _time.floor(a1, grain):
        return _unit(_time.shift(_time.floor(a0, grain), grain, n), grain, None)
    lo = _time.floor(_time.shift(a0, grain, n), grain)
    hi = _time.ceil(_time.shift(a1, grain, n), grain)
    if clip:
        lo, hi = max(lo, a0), min(hi, a1)
    return _value("DATE", _x_value(lo, hi, grain), grain, lo, hi)


def _unknown_year_value(p: Partial) -> tuple[str, str]:
    if p.holiday is not None:
        fixed = re.fullmatch(r"\d\d-\d\d", p.holiday)
        return (f"XXXX-{p.holiday}" if fixed else "XXXX-XX-XX"), "day"
    if p.day is not None and p.month is not None:
        return f"XXXX-{p.month:02d}-{p.day:02d}", "day"
    if p.month is not None:
        return f"XXXX-{p.month:02d}", "month"
    if p.quarter is not None:
        return f"XXXX-Q{p.quarter}", "quarter"
    if p.half is not None:
        return f"XXXX-H{p.half}", "half"
    if p.season is not None:
        return f"XXXX-{p.season}", "season"
    return "XXXX", "year"


def _calendar(p: Partial, year: int) -> tuple[dt.date, str]:
    """First day and grain of the unit the fields name in `year` (raises ValueError if none)."""
    if p.holiday is not None:
        return _time.holiday(p.holiday, year), "day"
    if p.month is not None and p.day is not None:
        return dt.date(year, p.month, p.day), "day"
    if p.month is not None:
        return dt.date(year, p.month, 1), "month"
    if p.quarter is not None:
        return dt.date(year, (p.quarter - 1) * 3 + 1, 1), "quarter"
    if p.half is not None:
        return dt.date(year, 1 if p.half == 1 else 7, 1), "half"
    if p.season is not None:
        return dt.date(year, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[p.season], 1), "season"
    return dt.date(year, 1, 1), "year"


def _pick_year(p: Partial, ctx: Context) -> int:
    """The year of a date written without one.

    "July last year" names it; "last April" is the latest April before the anchor's month and
    "next May" the first after it; a quarter or half is the latest one begun by the anchor
    (financial news reports the current or the last completed period), in a clause still to
    come the next one when that is neither; otherwise the tense
    the nearest occurrence wins, unless the tense plainly contradicts it (more than a month on
    the wrong side of the anchor): measured on TimeBank and AQUAINT, the nearest reading is
    right far more often than a tense heuristic.
    """
    assert ctx.anchor is not None
    a0, a1 = ctx.anchor.earliest, ctx.anchor.latest
    if p.year_shift is not None:
        return a0.year + p.year_shift
    options = []
    for year in (a0.year - 1, a0.year, a0.year + 1):
        try:
            start, grain = _calendar(p, year)
        except ValueError:
            continue
        options.append((year, start, _time.ceil(start, grain)))
    if not options:
        raise ValueError("no such date")
    if p.shift is not None:
        here = _time.floor(a0, "month")
        if p.shift == 0:
            return a0.year
        if p.shift < 0:
            return max((o for o in options if o[1] < here), key=lambda o: o[1])[0]
        return min((o for o in options if o[1] > _time.floor(a1, "month")),
                   key=lambda o: o[1])[0]
    if p.month is None and (p.quarter is not None or p.half is not None):
        begun = [o for o in options if o[1] <= a1]
        grain = "quarter" if p.quarter is not None else "half"
        if ctx.tense == "future" and begun \
                and begun[-1][2] < _time.shift(_time.floor(a0, grain), grain, -1):
            # "rates could rise in the second quarter", written in February: neither the
            # current period nor the one just ended (whose results are still to come) but
            # the next one
            ahead = [o for o in options if o[1] > a1]
            if ahead:
                return ahead[0][0]
        return begun[-1][0] if begun else options[0][0]
    def distance(o: tuple[int, dt.date, dt.date]) -> int:
        if o[2] < a0:
            return (a0 - o[2]).days
        if o[1] > a1:
            return (o[1] - a1).days
        return 0
    nearest = min(options, key=lambda o: (distance(o), o[0] != a0.year))
    # the tense overrides the nearest reading only when it plainly contradicts it
    if ctx.tense == "past" and nearest[1] > a1 + _CONTRADICTION:
        earlier = [o for o in options if o[1] <= a1]
        return earlier[-1][0] if earlier else nearest[0]
    if ctx.tense == "future" and nearest[2] < a0 - _CONTRADICTION:
        later = [o for o in options if o[2] >= a0]
        return later[0][0] if later else nearest[0]
    return nearest[0]


def _date(p: Partial, ctx: Context) -> TimeValue | None:
    if p.decade is not None:
        start = dt.date(p.decade * 10 or 1, 1, 1)
        return _unit(start, "decade", p.mod)
    if p.century is not None:
        return _unit(dt.date(p.century * 100 or 1, 1, 1), "century", p.mod)
    if p.day is not None and p.year is None and p.month is None:
        return _day_of_month(p, ctx)
    if p.year is None and p.month is None and p.quarter is None and p.half is None \
            and p.season is None and p.holiday is None:
        return None
    year = p.year
    if year is None:
        if ctx.anchor is None:
            value, grain = _unknown_year_value(p)
            return _value("DATE", value, grain, mod=p.mod)
        year = _pick_year(p, ctx)
    try:
        start, grain = _calendar(p, year)
    except ValueError:
        return None
    if p.unit == "week" and grain == "day":
        return _unit(start, "week", p.mod)   # "the week of March 6": the week holding the day
    if p.unit == "week" and grain == "month" and p.num is not None:
        # "the second week of May", "the last week of November": the ISO week holding the
        # month's 11th (4th, 18th, 25th) day, or its fourth day from the end
        n = int(p.num)
        last = _time.ceil(start, "month")
        day = last - dt.timedelta(days=3) if n < 0 else start + dt.timedelta(days=7 * n - 4)
        if day > last:
            return None
        return _unit(day, "week", p.mod)
    out = _unit(start, grain, p.mod)
    if p.part is not None and grain == "day":
        return _value("DATE", f"{out.value}T{p.part}", "part_of_day", out.earliest, out.latest)
    return out


def _day_of_month(p: Partial, ctx: Context) -> TimeValue | None:
    """A day of the month written alone ("on the 22nd"): in the month last mentioned when that
    is a month ("In March ... on the 22nd"), else in the month around the publication date that
    the tense points to (the latest such day by it when past, the first from it when to come,
    else the nearest)."""
    assert p.day is not None
    ref = ctx.ref
    if ref is not None and ref.type == "DATE" and ref.granularity == "month" \
            and ref.earliest is not None:
        try:
            return _unit(ref.earliest.replace(day=p.day), "day", p.mod)
        except ValueError:
            return None
    anchor = ctx.anchor
    if anchor is None or anchor.grain != "day":
        return _value("DATE", f"XXXX-XX-{p.day:02d}", "day", mod=p.mod)
    here = anchor.earliest
    days = []
    for n in (-1, 0, 1):
        month = _time.shift(_time.floor(here, "month"), "month", n)
        try:
            days.append(month.replace(day=p.day))
        except ValueError:
            continue
    if not days:
        return None
    before = [d for d in days if d <= here]
    after = [d for d in days if d >= here]
    if ctx.tense == "past" and before:
        day = before[-1]
    elif ctx.tense == "future" and after:
        day = after[0]
    else:
        day = min(days, key=lambda d: (abs((d - here).days), d > here))
    return _unit(day, "day", p.mod)


def _weekday(p: Partial, ctx: Context) -> TimeValue:
    assert p.weekday is not None
    wd = p.weekday
    part = f"T{p.part}" if p.part else ""
    type_ = "DATE"  # a part of day keeps the DATE type, as TimeBank and AQUAINT annotate it
    grain = "part_of_day" if p.part else "day"
    anchor = ctx.anchor
    if anchor is None or p.origin == "none":
        # "It was a Wednesday", "the last Friday of Ramadan": some such day, not placed
        return _value(type_, f"XXXX-WXX-{wd}{part}", grain)
    if anchor.grain != "day":
        lo, hi = anchor.earliest, anchor.latest
        future = ctx.tense == "future" or (p.shift or 0) > 0 or (p.week_shift or 0) > 0
        past = ctx.tense == "past" or (p.shift or 0) < 0 or (p.week_shift or 0) < 0
        lo = lo if future else lo - dt.timedelta(days=6)
        hi = hi if past and not future else hi + dt.timedelta(days=6)
        year = f"{lo.year:04d}" if lo.year == hi.year else "XXXX"
        return _value(type_, f"{year}-WXX-{wd}{part}", grain, lo, hi)
    day = anchor.earliest
    if p.origin == "ref" and ctx.ref_day is not None:
        day = ctx.ref_day   # "the previous Friday": counted from the day last mentioned
    delta = wd - day.isoweekday()
    if p.week_shift is not None:   # "Friday next week": in the week named
        target = day + dt.timedelta(days=delta + 7 * p.week_shift)
    elif p.shift == 0:       # this Friday: in the anchor's week
        target = day + dt.timedelta(days=delta)
    elif ctx.tense == "nearest" and p.shift is None and p.origin != "ref":
        # "was scheduled to meet on Monday": yesterday in a Tuesday's paper, in three days in
        # a Friday's (as TimeBank dates "were planning to drive ... on Monday")
        back = (-delta) % 7
        target = day - dt.timedelta(days=back) if back <= 3 else day + dt.timedelta(days=7 - back)
    elif p.shift is not None and p.shift < 0 or (p.shift is None and ctx.tense != "future"):
        back = (-delta) % 7
        if p.shift is not None and back == 0:
            back = 7
        target = day - dt.timedelta(days=back)
    else:
        ahead = delta % 7
        if p.shift is not None and ahead == 0:
            ahead = 7
        target = day + dt.timedelta(days=ahead)
    return _value(type_, target.isoformat() + part, grain, target, target)


def _relative(p: Partial, ctx: Context) -> TimeValue | None:
    unit = p.unit or "day"
    shift = p.shift or 0
    if p.season is not None:
        return _season(p, ctx)
    if ctx.anchor is None:
        value = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
                 "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX"}.get(unit, "XXXX")
        if p.part:
            return _value("TIME", f"XXXX-XX-XXT{p.part}", "part_of_day")
        return _value("DATE", value, unit if unit != "weekend" else "week", mod=p.mod)
    if unit == "weekend":
        if p.shift is None and ctx.tense == "past" and ctx.anchor.grain == "day" \
                and ctx.anchor.earliest.isoweekday() < 6:
            shift = -1   # "met over the weekend", written on a weekday: the one just past
        week = _span(ctx.anchor, "week", shift, clip=False)
        if week.earliest and week.latest and week.value.count("X") == 0:
            sat = week.earliest + dt.timedelta(days=5)
            return _value("DATE", f"{week.value}-WE", "week", sat, sat + dt.timedelta(days=1))
        # against a coarse anchor, a weekend of one of the weeks it reaches: from the first
        # one's Saturday (not its Monday), or the one before it when told in the past
        back = 7 if p.shift is None and ctx.tense == "past" else 0
        first = week.earliest + dt.timedelta(days=5 - back) if week.earliest else None
        return _value("DATE", f"{week.value}-WE", "week", first, week.latest)
    if unit not in _time.GRAIN_ORDER:
        return None
    base = ctx.anchor
    ref = ctx.ref
    if p.origin == "ref" and ref is not None and ref.earliest is not None \
            and ref.latest is not None \
            and _time.floor(ref.earliest, unit) == _time.floor(ref.latest, unit):
        # "the following year", "the previous day": from the date last mentioned
        base = PubDate.from_date(ref.earliest)
        out = _span(base, unit, shift, clip=False)
        return _value("DATE", out.value, out.granularity, out.earliest, out.latest, p.mod)
    if p.origin == "ref" and ref is not None and ref.earliest is not None \
            and ref.latest is not None and ref.type == "DATE" \
            and _time.GRAIN_ORDER.index(ref.granularity) > _time.GRAIN_ORDER.index(unit):
        # from a date coarser than the unit ("in March 2011 ... the next day"): some unit of it,
        # shifted, not one counted from the publication date
        lo = _time.shift(_time.floor(ref.earliest, unit), unit, shift)
        hi = _time.ceil(_time.shift(_time.floor(ref.latest, unit), unit, shift), unit)
        return _value("DATE", _x_value(lo, hi, unit), unit, lo, hi, p.mod)
    out = _span(base, unit, shift, clip=shift == 0)
    if p.mod and out.earliest and out.latest and "X" not in out.value:
        lo, hi = _narrow(out.earliest, out.latest, p.mod)
        out = _value("DATE", out.value, out.granularity, lo, hi, p.mod)
    if p.part and unit == "day":
        # "this morning", "last night", "tonight": a time of day (TimeML's TIME)
        return _value("TIME", f"{out.value}T{p.part}", "part_of_day", out.earliest, out.latest)
    return out


def _season(p: Partial, ctx: Context) -> TimeValue | None:
    assert p.season is not None
    if ctx.anchor is None:
        return _value("DATE", f"XXXX-{p.season}", "season", mod=p.mod)
    here = _time.floor(ctx.anchor.earliest, "season")
    starts = [_calendar(p, y)[0] for y in range(here.year - 2, here.year + 3)]
    if not p.shift:
        # this summer: the one of the anchor's year (winter starts in December)
        start = next(s for s in starts if s.year == here.year)
    elif p.shift < 0:
        start = max(s for s in starts if s < here)
    else:
        start = min(s for s in starts if s > here)
    return _unit(start, "season", p.mod)


def _offset_unit(unit: str, n: float) -> tuple[str, int]:
    """An offset's count in a calendar unit: weeks for a fortnight, years for a decade, days
    for hours (the day itself, or as many days as 24 hours go into them), months for a
    fractional year."""
    if unit in _WEEK_UNITS:
        unit, factor = _WEEK_UNITS[unit]
        n *= factor
    if unit in _YEARS_IN:
        unit, n = "year", n * _YEARS_IN[unit]
    if unit == "hour" and n >= 24 and n % 24 == 0:
        # "48 hours later": whole days ("36 hours later" stays on its day)
        unit, n = "day", n // 24
    if unit in _TIME_CODE:
        unit, n = "day", 0
    if n != int(n) and unit == "year":
        unit, n = "month", n * 12
    return unit, round(n)


def _offset(p: Partial, ctx: Context) -> TimeValue | None:
    direction = p.direction or -1
    span: tuple[dt.date, dt.date] | None = None   # the date last mentioned, if several days
    if p.origin == "ref" and ctx.ref is not None and ctx.ref.earliest is not None \
            and ctx.ref.latest is not None and ctx.ref.type in ("DATE", "TIME"):
        base = PubDate.from_date(ctx.ref.earliest) if ctx.ref.earliest == ctx.ref.latest \
            else ctx.anchor
        if ctx.ref.earliest != ctx.ref.latest:
            span = ctx.ref.earliest, ctx.ref.latest
    else:
        base = ctx.anchor
    if p.num is None:
        if direction > 0 and ctx.tense == "past" and ctx.anchor is not None:
            # "days later", "soon after", told in the past: after the date last mentioned (if
            # it is the origin) and before the writing, not still to come
            lo = ctx.ref.earliest if p.origin == "ref" and ctx.ref is not None \
                and ctx.ref.type in ("DATE", "TIME") else None
            hi = ctx.anchor.latest
            return _value("DATE", "PAST_REF", "none", lo if lo is not None and lo <= hi else None,
                          hi)
        ref = "PAST_REF" if direction < 0 else "FUTURE_REF"
        return _ref(ref, base)
    period = ctx.period
    if p.unit == "year" and p.num == int(p.num) and period is not None \
            and not (p.origin == "dct" and direction > 0) \
            and period.granularity in ("quarter", "half") and period.earliest is not None \
            and "X" not in period.value:
        # financial news: "a year ago" is the period under discussion, a year back (but "a
        # year from now" counts from the writing, no period's)
        return _unit(_time.shift(period.earliest, "year", direction * int(p.num)),
                     period.granularity, None)
    if base is None:
        return None
    unit, n = _offset_unit(p.unit or "day", p.num)
    if span is not None:
        # "in March 2011 ... two weeks later": that span, moved (the day after its end moved:
        # "September ... a month later" is all of October); when it lands in one unit of the
        # offset, all of that unit, as the value names it ("June 2018 ... a year later": 2019)
        lo = _time.shift(span[0], unit, direction * int(n))
        hi = _time.shift(span[1] + dt.timedelta(days=1), unit, direction * int(n)) \
            - dt.timedelta(days=1)
        if _time.floor(lo, unit) == _time.floor(hi, unit):
            return _unit(lo, unit, None)
        return _value("DATE", _x_value(lo, hi, unit), unit, lo, hi)
    return _span(base, unit, direction * int(n), clip=False)


def _offset_bounds(p: Partial, out: TimeValue,
                   ctx: Context) -> tuple[dt.date | None, dt.date | None]:
    """The days of an offset with a modifier, within the unit its value names: "more than a
    year ago" (2011, written 2012-06-01) is 2011 up to 1 June 2011, "nearly a year ago" from
    1 June 2011 on; "more than a month later" is its month from a month after on."""
    lo, hi = out.earliest, out.latest
    if out.type != "DATE" or lo is None or hi is None or p.num is None \
            or p.mod not in ("MORE_THAN", "LESS_THAN"):
        return lo, hi
    ref = ctx.ref
    if p.origin == "ref" and ref is not None and ref.type in ("DATE", "TIME") \
            and ref.earliest is not None and ref.latest is not None:
        start, end = ref.earliest, ref.latest
    elif ctx.anchor is not None:
        start, end = ctx.anchor.earliest, ctx.anchor.latest
    else:
        return lo, hi
    unit, n = _offset_unit(p.unit or "day", p.num)
    sign = 1 if (p.direction or -1) > 0 else -1
    try:
        first, last = _time.shift(start, unit, sign * n), _time.shift(end, unit, sign * n)
    except (OverflowError, ValueError):
        return lo, hi
    if (p.mod == "MORE_THAN") == (sign < 0):
        hi = min(hi, last)     # more than N ago, less than N later: up to N from the origin
    else:
        lo = max(lo, first)    # less than N ago, more than N later: from N from the origin on
    return (lo, hi) if lo <= hi else (out.earliest, out.latest)


#: a fractional count of a unit is written in the next smaller one: (unit, how many per unit)
_FRACTION_TO = {"year": ("month", 12), "day": ("hour", 24), "hour": ("minute", 60),
                "minute": ("second", 60)}


def _duration_code(unit: str, amount: str) -> str:
    if unit in _TIME_CODE:
        return f"PT{amount}{_TIME_CODE[unit]}"
    return f"P{amount}{_DURATION_CODE.get(unit, 'D')}"


def _duration(p: Partial, ctx: Context) -> TimeValue:
    unit = p.unit or "day"
    n = p.num
    if n is None:
        amount = "X"
    elif n == int(n):
        amount = str(int(n))
    else:
        amount = f"{n:g}"
    if unit == "fortnight":
        unit, amount = "week", (str(int(n) * 2) if n is not None and n == int(n) else "X")
    if n is not None and n != int(n) and unit in _YEARS_IN \
            and n * _YEARS_IN[unit] == int(n * _YEARS_IN[unit]):
        value = f"P{int(n * _YEARS_IN[unit])}Y"      # "half a century" is P50Y
    elif n is not None and n != int(n) and unit in _FRACTION_TO:
        # "two and a half years" is P2Y6M, "1 1/2 hours" PT1H30M, as TimeML writes them
        smaller, per = _FRACTION_TO[unit]
        rest = round((n - int(n)) * per)
        whole = _duration_code(unit, str(int(n)))
        tail = _duration_code(smaller, str(rest))
        value = tail if int(n) == 0 else whole + (tail[2:] if "T" in whole else tail[1:])
    elif unit in _TIME_CODE:
        value = f"PT{amount}{_TIME_CODE[unit]}"
    else:
        value = f"P{amount}{_DURATION_CODE.get(unit, 'D')}"
    lo = hi = None
    anchor = ctx.anchor
    if p.shift is not None and anchor is not None and n is not None and unit in _DURATION_CODE \
            and n == int(n):
        grain = "week" if unit == "weekend" else unit
        if p.shift < 0:
            lo, hi = _time.shift(anchor.earliest, grain, -int(n)), anchor.latest
        else:
            lo, hi = anchor.earliest, _time.shift(anchor.latest, grain, int(n))
    grain = unit if unit in ("second", "minute", "hour") or unit in _time.GRAIN_ORDER else "day"
    return _value("DURATION", value, grain, lo, hi, p.mod)


def _set(p: Partial) -> TimeValue:
    if p.value is not None:
        return _value("SET", p.value, "none")
    if p.weekday is not None:
        part = f"T{p.part}" if p.part else ""
        return _value("SET", f"XXXX-WXX-{p.weekday}{part}", "day")
    if p.month is not None:
        return _value("SET", f"XXXX-{p.month:02d}", "month")
    if p.season is not None:
        return _value("SET", f"XXXX-{p.season}", "season")
    if p.num is not None and p.num != int(p.num):
        # "every half an hour": the fraction written in the smaller unit (PT30M)
        d = _duration(p, Context())
        return _value("SET", d.value, d.granularity)
    n = int(p.num) if p.num is not None and p.num == int(p.num) else 1
    unit = p.unit or "day"
    code = _TIME_CODE.get(unit)
    value = f"PT{n}{code}" if code else f"P{n}{_DURATION_CODE.get(unit, 'D')}"
    grain = unit if unit in ("hour", "minute", "second") or unit in _time.GRAIN_ORDER else "day"
    return _value("SET", value, grain)


def _ref(value: str, anchor: PubDate | None) -> TimeValue:
    if anchor is None:
        return _value("DATE", value, "none")
    lo, hi = anchor.earliest, anchor.latest
    if value == "PAST_REF":
        return _value("DATE", value, "none", None, hi)
    if value == "FUTURE_REF":
        return _value("DATE", value, "none", lo, None)
    return _value("DATE", value, "none", lo, hi)


def _time_of_day(p: Partial, ctx: Context) -> TimeValue:
    clock = f"T{p.hour:02d}:{p.minute or 0:02d}" if p.hour is not None else f"T{p.part}"
    day: TimeValue | None
    if p.month is not None and p.day is not None:   # the date it names (its weekday aside)
        day = _date(Partial(kind="date", rule=p.rule, year=p.year, month=p.month, day=p.day), ctx)
    elif p.weekday is not None:
        day = _weekday(Partial(kind="weekday", rule=p.rule, weekday=p.weekday), ctx)
    elif p.shift is not None:
        day = _relative(Partial(kind="relative", rule=p.rule, unit="day", shift=p.shift), ctx)
    elif ctx.ref_day is not None and not (
            ctx.tense in ("future", "nearest") and ctx.anchor is not None
            and ctx.ref_day < ctx.anchor.earliest):
        # a bare clock time is on the day the narrative last named ("on Oct. 23 ... at 10 p.m."),
        # unless its clause is still to come and that day is gone
        day = _unit(ctx.ref_day, "day", None)
    elif ctx.anchor is not None:
        # still to come, the small hours are those of the next day ("will leave at 4 in the
        # morning"): a news day is written after them; any later hour, and any past one, is on
        # the publication day
        ahead = ctx.tense == "future" and p.hour is not None and p.hour < _SMALL_HOURS_END
        day = _span(ctx.anchor, "day", 1 if ahead else 0, clip=not ahead)
    else:
        day = None
    if day is None:
        day = _value("DATE", "XXXX-XX-XX", "day")
    grain = "minute" if p.hour is not None else "part_of_day"
    return _value("TIME", day.value + clock, grain, day.earliest, day.latest)


def _anaphor(p: Partial, ctx: Context) -> TimeValue | None:
    out = _anaphor_unit(p, ctx)
    if out is not None and p.part is not None and out.granularity == "day":
        # "that night": the part of the day last mentioned, a time of day (TimeML's TIME)
        return _value("TIME", f"{out.value}T{p.part}", "part_of_day", out.earliest, out.latest)
    return out


def _anaphor_unit(p: Partial, ctx: Context) -> TimeValue | None:
    unit = p.unit or "day"
    ref = ctx.ref
    if p.year is not None and unit == "quarter":
        # "the 1988 quarter": the quarter under discussion (else the last one completed), in 1988
        if ctx.period is not None and ctx.period.granularity == "quarter" \
                and ctx.period.earliest is not None:
            month = ctx.period.earliest.month
        elif ctx.anchor is not None:
            month = _time.shift(_time.floor(ctx.anchor.latest + dt.timedelta(days=1), unit),
                                unit, -1).month
        else:
            return _value("DATE", f"{p.year:04d}-QX", "quarter", dt.date(p.year, 1, 1),
                          dt.date(p.year, 12, 31))
        return _unit(dt.date(p.year, month, 1), unit, p.mod)
    if ref is not None and ref.earliest is not None and ref.latest is not None \
            and _time.floor(ref.earliest, unit) == _time.floor(ref.latest, unit) \
            and (p.origin != "begun" or ctx.anchor is None
                 or _time.floor(ref.earliest, unit) <= _time.floor(ctx.anchor.latest, unit)):
        # the unit of the date last mentioned; for "the (full) year" not one still to come:
        # "a target for 1992 ... an increase for the full year" is the year of publication
        return _unit(ref.earliest, unit, p.mod)
    if unit == "day" and ref is not None and ref.type == "DATE" and ref.granularity == "month" \
            and ref.earliest is not None and ref.latest is not None:
        # "last October ... that same day": some day of the month last mentioned
        return _value("DATE", f"{_time.render(ref.earliest, 'month')}-XX", "day", ref.earliest,
                      ref.latest, p.mod)
    if unit == "day" and ref is not None and ref.type == "DATE" \
            and ref.granularity in ("quarter", "season", "half", "year", "decade", "century") \
            and ref.earliest is not None and ref.latest is not None:
        # "in the late 1990s ... that day": some day of that period, not the publication day
        return _value("DATE", _x_value(ref.earliest, ref.latest, "day"), "day", ref.earliest,
                      ref.latest, p.mod)
    if ctx.anchor is None:
        return None
    if unit in ("quarter", "half"):
        # "the quarter" with none mentioned: the latest one ended by the publication date
        ended = _time.floor(ctx.anchor.latest + dt.timedelta(days=1), unit)
        return _unit(_time.shift(ended, unit, -1), unit, p.mod)
    out = _span(ctx.anchor, unit, 0, clip=True)
    if p.mod and out.earliest and "X" not in out.value:
        # "the end of the year" with no year mentioned: the end of the publication's
        return _unit(out.earliest, unit, p.mod)
    return out


def _numeric(p: Partial, ctx: Context, text: str | None) -> TimeValue | None:
    first, second = p.day, p.month  # as written: first number, second number
    if first is None or second is None or p.year is None:
        return None
    if first > 12 >= second:
        day_first = True
    elif second > 12 >= first:
        day_first = False
    else:
        day_first = ctx.day_first
    if text is None:
        day, month = (first, second) if day_first else (second, first)
        text = f"{day:02d}/{month:02d}/{p.year:04d}"
        day_first = True
    base = ctx.anchor.earliest if ctx.anchor is not None else None
    found = parse_numeric_date(text, day_first=day_first, base=base)
    return _unit(found, "day", None) if found is not None else None


def _weekday_range(p: Partial, end: Partial, ctx: Context) -> TimeValue | None:
    """"from Monday to Wednesday": the start read in its clause's tense, the end the first such
    day after it; told in the past, a range that would end after the publication day is the
    week before."""
    assert p.weekday is not None and end.weekday is not None
    a = _weekday(Partial(kind="weekday", rule=p.rule, weekday=p.weekday), ctx)
    days = dt.timedelta(days=(end.weekday - p.weekday) % 7 or 7)
    if a.earliest is None or a.latest is None or a.earliest != a.latest:
        # no day to start from (a publication date known only to the month or year): some
        # such days, within the weeks the start may lie in
        end_value = f"{a.value.rsplit('-', 1)[0]}-{end.weekday}"
        return _value("DATE", f"{a.value}/{end_value}", "day", a.earliest,
                      a.latest + days if a.latest is not None else None)
    first = a.earliest
    last = first + days
    if ctx.tense == "past" and ctx.anchor is not None and ctx.anchor.grain == "day" \
            and last > ctx.anchor.latest:
        first, last = first - dt.timedelta(days=7), last - dt.timedelta(days=7)
    return _value("DATE", f"{first.isoformat()}/{last.isoformat()}", "day", first, last)


def _range(p: Partial, ctx: Context) -> TimeValue | None:
    assert p.end is not None
    if p.weekday is not None and p.end.weekday is not None:
        return _weekday_range(p, p.end, ctx)
    start_p = Partial(kind="date", rule=p.rule, year=p.year, month=p.month, day=p.day,
                      quarter=p.quarter, season=p.season)
    inherited = {k: getattr(start_p, k) for k in ("year", "month", "day")}
    end_fields = {k: getattr(p.end, k) for k in ("year", "month", "day")
                  if getattr(p.end, k) is not None}
    end_p = Partial(kind="date", rule=p.rule, **{**inherited, **end_fields})
    if start_p.month is None and end_p.month is not None and start_p.day is not None:
        start_p = Partial(kind="date", rule=p.rule, year=p.year or end_p.year,
                          month=end_p.month, day=p.day)
    if start_p.year is None and end_p.year is not None:
        # the start takes the end's year: "Dec. 28 to Jan. 3, 2026" starts the year before
        year = end_p.year
        if start_p.month is not None and end_p.month is not None \
                and (start_p.month, start_p.day or 1) > (end_p.month, end_p.day or 31):
            year -= 1
        start_p = Partial(kind="date", rule=p.rule, year=year, month=start_p.month,
                          day=start_p.day)
    a = _date(start_p, ctx)
    if a is None or a.earliest is None:
        return None
    if p.end.year is None and start_p.year is None:
        # the end takes the start's year; "28 December to 3 January" crosses into the next
        year = a.earliest.year
        if end_p.month is not None and start_p.month is not None and end_p.month < start_p.month:
            year += 1
        end_p = Partial(kind="date", rule=p.rule, year=year, month=end_p.month, day=end_p.day)
    b = _date(end_p, ctx)
    if b is None or b.latest is None or a.earliest > b.latest:
        return None
    grain = a.granularity if _time.GRAIN_ORDER.index(a.granularity) <= \
        _time.GRAIN_ORDER.index(b.granularity) else b.granularity
    return _value("DATE", f"{a.value}/{b.value}", grain, a.earliest, b.latest)


def resolve(p: Partial, ctx: Context, text: str | None = None) -> TimeValue | None:
    """The normalized value of a partial time in a context, or None if it names no time.

    `text` is the matched span; only numeric dates read it (they are parsed by dateparser).
    """
    kind = p.kind
    out: TimeValue | None
    if kind == "date":
        out = _weekday(p, ctx) if p.weekday is not None and p.month is None and \
            p.year is None else _date(p, ctx)
    elif kind == "numeric_date":
        out = _numeric(p, ctx, text)
    elif kind == "weekday":
        out = _weekday(p, ctx)
    elif kind == "relative":
        out = _relative(p, ctx)
    elif kind == "offset":
        out = _offset(p, ctx)
        if out is not None and out.mod is None and p.mod is not None:
            # "about two years ago", "a week or so ago": the offset keeps its modifier
            lo, hi = _offset_bounds(p, out, ctx)
            out = TimeValue(type=out.type, value=out.value, mod=p.mod,
                            granularity=out.granularity, earliest=lo, latest=hi)
    elif kind == "duration":
        out = _duration(p, ctx)
    elif kind == "set":
        out = _set(p)
    elif kind == "ref":
        out = _ref(p.value or "PRESENT_REF", ctx.anchor)
    elif kind == "range":
        out = _range(p, ctx) if p.end is not None else _date(p, ctx)
    elif kind == "time":
        out = _time_of_day(p, ctx)
    elif kind == "anaphor":
        out = _anaphor(p, ctx)
    else:
        raise ValueError(f"unknown kind {kind!r}")
    if out is not None and out.type in ("DATE", "TIME") and p.mod in _OPEN_MODS:
        # "1994 or later": open after the date; "1990 or earlier": open before it
        lo, hi = (out.earliest, None) if p.mod == "ON_OR_AFTER" else (None, out.latest)
        out = _value(out.type, out.value, out.granularity, lo, hi, out.mod)
    elif out is not None and out.type == "DATE" and p.mod in _STRICT_MODS \
            and out.earliest is not None and out.latest is not None:
        # "post-1959": open after the year, "pre-1990": open before it
        one = dt.timedelta(days=1)
        lo, hi = (out.latest + one, None) if p.mod == "AFTER" else (None, out.earliest - one)
        out = _value(out.type, out.value, out.granularity, lo, hi, out.mod)
    if out is not None and p.type and out.type != p.type:
        out = TimeValue(type=p.type, value=out.value, mod=out.mod, granularity=out.granularity,
                        earliest=out.earliest, latest=out.latest)
    return out
