"""Phase one of normalization: a rule's match read into a typed partial time.

A `Partial` says what the text says and nothing more ("March 17", year unknown; "two weeks ago";
"last month"); `timeline.tagger.resolve.resolve` then places it against an anchor. Named groups in
the rule patterns map onto fields here; the group name (minus a trailing "2", which marks the
second end of a range) picks the vocabulary that normalizes it.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
from attrs import frozen

from timeline.tagger.resources import Grammar, Rule

__all__ = ["Partial", "read_match"]

_INT_FIELDS = ("year", "month", "day", "weekday", "quarter", "half", "hour", "minute",
               "decade", "century", "shift", "year_shift", "week_shift", "a", "b")
# group name -> vocabularies to try, in order
_TABLES: dict[str, tuple[str, ...]] = {
    "month": ("month", "month_abbr"),
    "ended_month": ("month", "month_abbr"),
    "weekday": ("weekday", "weekday_abbr"),
    "day": ("ordinal",),
    "nth": ("ordinal",),
    "season": ("season",),
    "quarter": ("quarter",),
    "half": ("half",),
    "century": ("ordinal",),
    "decade": ("decade_word",),
    "num": ("number",),
    "unit": ("unit",),
    "shift": ("shift",),
    "day_ref": ("day_ref",),
    "dir": ("direction",),
    "mod": ("mod",),
    "dmod": ("duration_mod",),
    "smod": ("mod_suffix",),
    "part": ("part_of_day",),
    "freq": ("frequency",),
    "ref": ("ref",),
    "term": ("term",),
    "rel": ("shift",),
    "wrel": ("shift",),
    "clock": ("clock_word",),
    "holiday": ("holiday",),
}
# groups whose text must be capitalized (news capitalizes months and weekdays; "may" is a verb)
_CAPITALIZED = ("month", "weekday")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


@frozen
class Partial:
    """What an expression says, before it is placed against an anchor.

    Attributes:
        kind: how to resolve it (a rule kind: "date", "weekday", "relative", "offset", ...).
        rule: the rule name.
        year, month, day, weekday, quarter, half, season, decade, century: calendar fields.
        holiday: a holiday rule from vocab/holiday.tsv ("12-25", "11-4-4", "EASTER+0").
        num: a count (None when vague: "several weeks"); unit: its grain.
        shift: units from the anchor's unit (-1 last, 0 this, +1 next).
        year_shift: the year relative to the anchor's ("July last year" -> -1).
        week_shift: the week relative to the anchor's ("Friday next week" -> +1).
        direction: +1 / -1 for offsets; origin: "dct" or "ref" (last mentioned date),
            "begun" (the last mentioned date unless it is still to come), or "none" (placed
            against nothing: "It was a Wednesday" is some Wednesday).
        mod: TIMEX3 mod; part: part of day code (MO, AF, EV, NI); hour/minute: clock time.
        value/type: fixed TIMEX3 value/type from the rule (vague references, sets).
        end: the second end of a range.
        latent: an ambiguous reading, dropped unless asked for.
    """

    kind: str
    rule: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    holiday: str | None = None
    decade: int | None = None
    century: int | None = None
    year_shift: int | None = None
    week_shift: int | None = None
    num: float | None = None
    unit: str | None = None
    shift: int | None = None
    direction: int | None = None
    origin: str = "dct"
    mod: str | None = None
    part: str | None = None
    hour: int | None = None
    minute: int | None = None
    value: str | None = None
    type: str | None = None
    end: Partial | None = None
    latent: bool = False


def _number(grammar: Grammar, text: str) -> float | None | str:
    """A count in digits or words ("3", "twenty-five", "a few" -> None). "" if not a number."""
    text = text.strip()
    if _DIGITS.fullmatch(text):
        return float(text)
    value = grammar.lookup("number", text)
    if value is not None:
        return None if value == "X" else float(value)
    parts = re.split(r"[\s-]+", text)
    if len(parts) == 2:
        a, b = (grammar.lookup("number", p) for p in parts)
        if a and b and a != "X" and b != "X":
            x, y = float(a), float(b)
            return x * y if y in (100.0, 1000.0) else x + y
    return ""


def _year_in_words(grammar: Grammar, text: str) -> int:
    """'nineteen ninety-six' -> 1996, 'two thousand one' -> 2001."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w not in ("the", "year", "and")]
    values = [grammar.lookup("number", "zero" if w == "oh" else w) or ("0" if w == "oh" else None)
              for w in words]
    if any(v is None or v == "X" for v in values):
        raise LookupError(text)
    nums = [int(float(v)) for v in values]  # type: ignore[arg-type]
    if len(nums) >= 2 and nums[1] == 1000:
        return nums[0] * 1000 + sum(nums[2:])
    if nums and 10 <= nums[0] <= 20:
        rest = [n for n in nums[1:] if n != 100]
        return nums[0] * 100 + sum(rest)
    raise LookupError(text)


def _year(text: str, grammar: Grammar) -> int:
    if not re.search(r"\d", text):
        return _year_in_words(grammar, text)
    digits = re.sub(r"\D", "", text)
    if len(digits) == 2:  # '98 -> 1998, '05 -> 2005
        n = int(digits)
        return 2000 + n if n < 30 else 1900 + n
    return int(digits)


def _decade(text: str, grammar: Grammar) -> int | None:
    digits = re.sub(r"\D", "", text)
    if len(digits) == 4:
        return int(digits) // 10
    if len(digits) == 2:
        n = int(digits)
        return (200 if n < 30 else 190) + n // 10
    found = grammar.lookup("decade_word", text.removeprefix("the ").strip())
    return int(found) if found else None


def _normalize(grammar: Grammar, base: str, text: str) -> Any:
    """Normalized value of a group, or raise LookupError when the text is not understood."""
    if base == "year":
        return _year(text, grammar)
    if base == "decade":
        return _decade(text, grammar)
    if base == "num":
        n = _number(grammar, text)
        if n == "":
            raise LookupError(text)
        return n
    if base in ("day", "century", "month", "quarter", "half", "hour", "minute", "a", "b"):
        digits = re.match(r"\d+", text)
        if digits:
            return int(digits.group())
    for table in _TABLES.get(base, ()):
        found = grammar.lookup(table, text)
        if found is not None:
            return found
    raise LookupError(text)


def read_match(rule: Rule, match: re.Match[str], grammar: Grammar,
               original: str | None = None) -> Partial | None:
    """Read a rule's match into a Partial, or None when the match is not a time after all.

    `original` is the text as written when the match ran over a lower-cased copy (the
    capitalization of month and weekday names is read from it)."""
    fields: dict[str, Any] = {}
    end_fields: dict[str, Any] = {}
    short_end = False   # the end year written with its last two digits ("2008-09")
    for group, found in match.groupdict().items():
        if found is None or group in ("timex", "sep"):
            continue
        text = original[match.start(group):match.end(group)] if original is not None else found
        base = group.removesuffix("2")
        if group == "year2" and text.isdigit() and len(text) == 2:
            short_end = True
        if base == "ampm":
            fields["ampm"] = text
            continue
        if base == "and_half":   # "two and a half years", "2 1/2 hours": half a unit more
            fields["and_half"] = True
            continue
        if base in _CAPITALIZED and not (text[0].isupper() or text.isdigit()):
            return None
        try:
            value = _normalize(grammar, base, text)
        except LookupError:
            return None
        target = end_fields if group.endswith("2") else fields
        if base == "day_ref":
            target["shift"], target["unit"] = int(value), "day"
        elif base == "dir":
            sign, origin = str(value).split()
            target["direction"], target["origin"] = int(sign), origin
        elif base in ("mod", "dmod", "smod"):
            target["mod"] = value
        elif base == "rel":
            target["year_shift"] = int(value)
        elif base == "wrel":
            target["week_shift"] = int(value)
        elif base == "nth":
            target["num"] = value  # "the second week of May": which week of the month
        elif base == "ended_month":
            # "the quarter ended July 31": the three months up to July lie mostly in the
            # calendar quarter of the middle one (May-June-July: the second)
            target["quarter"] = (int(value) - 2) % 12 // 3 + 1
        elif base == "clock":
            hh, mm = str(value).split(":")
            target["hour"], target["minute"] = int(hh), int(mm)
        elif base in ("freq", "ref", "term"):
            target["value"] = value
        elif base == "century" and isinstance(value, (int, str)):
            if int(value) < 1:
                return None  # "the last century": the ordinal "last" is no century number
            target["century"] = int(value) - 1
        else:
            target[base] = value
    fixed = dict(rule.fixed)
    fixed.pop("priority", None)
    for key in ("unit", "value", "type", "mod", "part", "origin"):
        if key in fixed and key not in fields:
            fields[key] = fixed[key]
    for key in ("shift", "direction"):
        if key in fixed and key not in fields:
            fields[key] = int(fixed[key])
    if "num" in fixed and "num" not in fields:
        fields["num"] = float(fixed["num"])
    if fields.pop("and_half", False) and fields.get("num") is not None:
        fields["num"] = float(fields["num"]) + 0.5
    latent = bool(fixed.get("latent", False))
    ampm = fields.pop("ampm", None)
    end_fields.pop("ampm", None)
    for src in (fields, end_fields):
        for key in _INT_FIELDS:
            if key in src and src[key] is not None and not isinstance(src[key], int):
                src[key] = int(src[key])
    if ampm is not None and fields.get("hour") is not None:
        hour = fields["hour"] % 12
        fields["hour"] = hour + 12 if ampm.lower().startswith("p") else hour
    elif fields.get("hour") is not None and fields.get("part") is not None:
        # "4 in the morning", "9 at night": the part of day says a.m. or p.m.
        hour, part = fields["hour"] % 12, fields.pop("part")
        if part == "NI" and hour == 0 and not fields.get("minute"):
            fields["hour"] = 24   # "12 at night" is midnight, the end of its day, as "midnight"
        else:
            fields["hour"] = hour + 12 if part in ("AF", "EV") or (part == "NI" and hour >= 6) \
                else hour
    if short_end and "year" in fields and "year" in end_fields:
        # in the first year's century, up to ten years on ("1918-19", "1999-00", not "2012-05")
        year = fields["year"] // 100 * 100 + end_fields["year"] % 100
        year += 100 if year <= fields["year"] else 0
        if year - fields["year"] > 10:
            return None
        end_fields["year"] = year
    end = None
    if end_fields:
        if "day" in end_fields and "month" not in end_fields and "day" in fields \
                and end_fields["day"] <= fields["day"]:
            return None  # "March 17-03" is not a range of days (17-03-2025 is a date)
        end = Partial(kind="date", rule=rule.name, **end_fields)
    try:
        return _build(rule, fields, end, latent)
    except (TypeError, ValueError):
        return None


def _build(rule: Rule, fields: dict[str, Any], end: Partial | None, latent: bool) -> Partial:
    if "a" in fields:
        # a numeric date: the two numbers as written; their order is decided at resolution
        fields["day"], fields["month"] = fields.pop("a"), fields.pop("b", None)
    known = {f.name for f in attrs.fields(Partial)}
    unknown = set(fields) - known
    if unknown:
        raise ValueError(f"rule {rule.name!r}: unknown groups {sorted(unknown)}")
    return Partial(kind=rule.kind, rule=rule.name, end=end, latent=latent, **fields)
