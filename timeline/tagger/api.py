"""The tagger's entry point: `tag(text, published)`."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from timeline.exceptions import PublicationDateError
from timeline.model import PubDate, TimeExpression, TimeValue
from timeline.tagger.context import changed_schedule, signal_before, tense_at
from timeline.tagger.matcher import Candidate, scan
from timeline.tagger.partial import Partial
from timeline.tagger.resolve import Context, resolve
from timeline.tagger.resources import Grammar, load_grammar

__all__ = ["TaggerConfig", "find_dateline", "tag"]

# kinds whose reading depends on the tense of the clause ("visited from 17 to 19 March": the
# March before)
_TENSED = frozenset({"date", "weekday", "time", "range"})
# kinds whose value may serve as the reference of a later "that day" / "a year earlier":
# readings that are themselves relative to a reference do not move it
_REFERENCES = frozenset({"date", "numeric_date", "weekday", "relative", "time", "range"})
_DATELINE_REACH = 400
#: The longest run of non-space characters (or of whitespace) the rules look into. A longer
#: "word" (100,000 digits, "1-1-1-...", base64, a URL of more than this) holds no date a reader
#: would see, and no date spans a longer gap: such runs are skipped whole (the text around
#: them is scanned apart, offsets kept).
MAX_TOKEN = 256
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN + 1},}}|\s{{{MAX_TOKEN + 1},}}")


def _scan(text: str, grammar: Grammar, skip: frozenset[str] = frozenset()) -> list[Candidate]:
    """`scan`, skipping every run of more than MAX_TOKEN non-space (or space) characters."""
    out: list[Candidate] = []
    pos = 0
    for m in _LONG_TOKEN.finditer(text):
        out += _shifted(scan(text[pos:m.start()], grammar, skip), pos)
        pos = m.end()
    out += _shifted(scan(text[pos:] if pos else text, grammar, skip), pos)
    return out


def _shifted(cands: list[Candidate], offset: int) -> list[Candidate]:
    if not offset:
        return cands
    return [attrs.evolve(c, start=c.start + offset, end=c.end + offset) for c in cands]


@attrs.frozen
class TaggerConfig:
    """Tagger settings (immutable; pass one to `tag`).

    Attributes:
        day_first: read an ambiguous "03/04/2025" as 3 April (True) or March 4 (False);
            a number above 12 settles the order either way.
        keep_latent: also return ambiguous matches (bare numbers that may be years).
        use_dateline: with no publication date, take a full date near the top of the text
            (a dateline) as the publication date, recorded with source "text".
        ranges: tag "from 17 to 19 March" as one expression whose value is an interval
            ("2025-03-17/2025-03-19"); False tags its two ends apart, as TimeML annotates them.
        offsets: tag "three days later" as the date it names (counted from the date last
            mentioned); False tags the duration "three days" and leaves "later" out, as TimeML
            annotates it.
        lang: the resource language.
    """

    day_first: bool = True
    keep_latent: bool = False
    use_dateline: bool = True
    ranges: bool = True
    offsets: bool = True
    lang: str = "en"


#: how far (in characters) a quarter or half stays the period a report is about
_PERIOD_REACH = 1500
#: a reporting period of several quarters ("the nine months", "the first six months"): after
#: it, "a year earlier" compares that period, not the quarter named before it
_SEVERAL_MONTHS = re.compile(
    r"the (?:first |latest |past |last |same )?(?:six|nine|6|9) months", re.IGNORECASE)


def _as_pubdate(published: PubDate | str | None) -> PubDate | None:
    if published is None or isinstance(published, PubDate):
        return published
    if isinstance(published, str):
        return PubDate.parse(published)
    raise PublicationDateError(
        f"publication date must be a PubDate, a string or None, got {published!r}",
        value=published)


def _resolve(p: Partial, ctx: Context, text: str) -> TimeValue | None:
    """`resolve`, kept inside the calendar: an expression whose reading against the publication
    date (or the last date mentioned) would leave years 1..9999 ("next year" in 9999, "the day
    before" 1 January 1) stays unresolved, as it would without a publication date."""
    try:
        return resolve(p, ctx, text)
    except (OverflowError, ValueError):
        if ctx.anchor is None and ctx.ref is None:
            raise
    return resolve(p, attrs.evolve(ctx, anchor=None, ref=None), text)


_RANGE_LEAD = re.compile(r"(?:from|between)\s+", re.IGNORECASE)
#: What follows the date that heads an entry of a chronology ("February 17 - Activists ...",
#: "10 April: The deadline ...", "Feb 15/16, 2011 - A riot ..."): a dash or a colon.
_HEADING_AFTER = re.compile(r"[ \t]*(?:\\?/\d{1,2}[ \t]*)?(?:,[ \t]*\d{4}[ \t]*)?(?:[-–—:])[ \t]")
#: A chronology's first entry without a year further ahead of the publication date than this
#: is of the year before ("a timeline of the war", published in August: "February 17 - ...").
_HEADING_AHEAD = dt.timedelta(days=92)
_LATER = re.compile(r"\s+later$", re.IGNORECASE)


def _later_as_duration(text: str, c: Candidate) -> Candidate:
    """"three days later" as TimeML annotates it: the duration "three days" ("later" is a
    signal); other offsets ("two weeks ago", "a year earlier") stay dates."""
    m = _LATER.search(text, c.start, c.end)
    if m is None:
        return c
    partial = attrs.evolve(c.partial, kind="duration", direction=None, origin="dct")
    return attrs.evolve(c, end=m.start(), partial=partial)


#: between a clock time and the day it is on: "06:00 on 12 April", "09:00 GMT, on Friday",
#: "06:00 (03:00 GMT) on 12 April" (a parenthesis, as tokenized text writes it, skipped)
_ON_DAY = re.compile(
    r"(?:\s*(?:-LRB-|\()[^()]{0,40}?(?:-RRB-|\)))?\s*(?:-RRB-|\))?\s*,?\s*on\s+", re.IGNORECASE)


def _clock_on_day(text: str, cands: list[Candidate], i: int, p: Partial) -> Partial:
    """A clock time followed by "on" and the day it is on ("00:38 BST on Saturday 2 May",
    "06:00 local time on 12 April") takes that day: it is not on the publication day nor on
    the day last mentioned. The day stays an expression of its own."""
    if p.hour is None or p.month is not None or p.weekday is not None or p.shift is not None:
        return p
    m = _ON_DAY.match(text, cands[i].end)
    if m is None:
        return p
    for nxt in cands[i + 1:i + 3]:
        if nxt.start > m.end():
            break
        if nxt.start < m.end():
            continue   # the clock time in the parenthesis
        q = nxt.partial
        if nxt.rule.kind == "date" and q.month is not None and q.day is not None:
            return attrs.evolve(p, year=q.year, month=q.month, day=q.day)
        if nxt.rule.kind == "weekday" and q.shift is None and q.part is None:
            return attrs.evolve(p, weekday=q.weekday)
        if nxt.rule.kind == "time" and q.month is not None and q.day is not None:
            return attrs.evolve(p, year=q.year, month=q.month, day=q.day)
    return p


#: a clock time in another zone, in a parenthesis after the first: "06:00 (03:00 GMT)"
_OPEN_PARENTHESIS = re.compile(r"\s*(?:-LRB-|\()\s*$")
_CLOCK_VALUE = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):\d\d$")


def _clock_in_parenthesis(text: str, c: Candidate, prev: TimeExpression | None) -> Partial:
    """A clock time in a parenthesis right after another ("at 06:00 (03:00 GMT)") is the same
    moment in another zone: on the first one's day (the day before or after when the hours
    lie more than twelve apart: "01:00 (22:00 GMT)"), not on the publication day."""
    p = c.partial
    if p.hour is None or p.month is not None or p.weekday is not None or p.shift is not None \
            or prev is None or prev.time.type != "TIME" \
            or not _OPEN_PARENTHESIS.fullmatch(text, prev.end, c.start):
        return p
    m = _CLOCK_VALUE.match(prev.time.value)
    if m is None:
        return p
    day = dt.date(int(m[1]), int(m[2]), int(m[3]))
    gap = p.hour - int(m[4])
    day += dt.timedelta(days=-1 if gap > 12 else 1 if gap < -12 else 0)
    return attrs.evolve(p, year=day.year, month=day.month, day=day.day)


#: between two seasons of one coordination: "in the autumn and the winter", "spring or summer"
_COORDINATED = re.compile(r"\s*,?\s*(?:and|or|to|into|through)\s+(?:the\s+|early\s+|late\s+)*$",
                          re.IGNORECASE)


def _season_after(text: str, c: Candidate, value: TimeValue, prev: TimeExpression | None,
                  ctx: Context) -> TimeValue:
    """The second season of a coordination ("in the autumn and the winter") comes no earlier
    than the first: it is the one of the first's year or of the year after, not the nearest
    one to the publication date (a winter behind it)."""
    p = c.partial
    if p.season is None or p.year is not None or p.shift is not None or prev is None \
            or prev.time.granularity != "season" or prev.time.earliest is None \
            or value.earliest is None or value.earliest >= prev.time.earliest \
            or not _COORDINATED.fullmatch(text, prev.end, c.start):
        return value
    for year in (prev.time.earliest.year, prev.time.earliest.year + 1):
        later = _resolve(attrs.evolve(p, year=year), ctx, text[c.start:c.end])
        if later is not None and later.earliest is not None \
                and later.earliest >= prev.time.earliest:
            return later
    return value


def _since_before(text: str, c: Candidate, value: TimeValue, anchor: PubDate | None,
                  ctx: Context) -> TimeValue:
    """A year-less date after "since" ("killed since March", written in February) lies
    before the writing: the year before, not the nearest one still to come."""
    p = c.partial
    if anchor is None or p.year is not None or p.shift is not None or p.month is None \
            or value.earliest is None or value.earliest <= anchor.latest \
            or signal_before(text, c.start) != "since":
        return value
    earlier = _resolve(attrs.evolve(p, year=value.earliest.year - 1), ctx, text[c.start:c.end])
    return earlier if earlier is not None else value


#: the writer of a comment right after its time stamp ("At 12:20 30th Jul 2012 , Jo wrote :")
_WROTE = re.compile(r"\s*,?\s*(?:[^\s,.;:]+\s+){1,4}?(?:wrote|commented|posted)\s*:", re.IGNORECASE)


def _is_comment_stamp(text: str, c: Candidate, value: TimeValue, anchor: PubDate) -> bool:
    """A clock time with its full date, on or after the publication day, heading a reader's
    comment ("At 12:20 30th Jul 2012 , BluesBerry wrote :"): the comment's own day, from which
    its "yesterday", "today" and "six months ago" count (until the next stamp)."""
    return c.rule.kind == "time" and c.partial.year is not None \
        and value.earliest is not None and value.earliest == value.latest \
        and anchor.grain == "day" and value.earliest >= anchor.earliest \
        and _WROTE.match(text, c.end) is not None


def _day_counted_from_writing(c: Candidate, value: TimeValue) -> bool:
    """An offset from the publication date that names one day ("Eight days ago, ...") is a
    date the text goes on from ("48 hours later"), as a date written out would be; offsets
    from another date, or of coarser units, are not (financial news chains "a year ago")."""
    return c.rule.kind == "offset" and c.partial.origin == "dct" and value.granularity == "day"


def _chronology_heading(text: str, c: Candidate) -> bool:
    """True when the candidate opens a line and a dash or colon follows it: the date of an
    entry of a chronology ("February 17 - Activists designate a day of rage")."""
    line = text.rfind("\n", 0, c.start) + 1
    return not text[line:c.start].strip() and _HEADING_AFTER.match(text, c.end) is not None


def _in_chronology(p: Partial, ctx: Context, text: str, value: TimeValue,
                   previous: TimeValue | None) -> TimeValue:
    """The year of a chronology's entry written without one: the entries run forward, so an
    entry falls on or after the one before it (in the nearest such year); the first entry,
    read against the publication date, is of the year before when its nearest reading lies
    months ahead (a chronology looks back)."""
    if value.earliest is None or p.year is not None or p.month is None:
        return value
    year = value.earliest.year
    options = _readings(p, ctx, text, (year - 1, year, year + 1))
    anchor = ctx.anchor
    if previous is not None and previous.earliest is not None:
        later = [o for o in options if o.earliest is not None
                 and previous.earliest <= o.earliest <= previous.earliest + _YEAR]
        return later[0] if later else value
    if anchor is not None and value.earliest > anchor.latest + _HEADING_AHEAD:
        before = [o for o in options if o.earliest is not None and o.earliest <= anchor.latest]
        return before[-1] if before else value
    return value


_YEAR = dt.timedelta(days=366)


def _readings(p: Partial, ctx: Context, text: str, years: tuple[int, ...]) -> list[TimeValue]:
    """The dated readings of the year-less `p` in each of `years`, in their order."""
    out = []
    for year in years:
        try:
            other = _resolve(attrs.evolve(p, year=year), ctx, text)
        except (OverflowError, ValueError):
            continue
        if other is not None and other.earliest is not None:
            out.append(other)
    return out


def _near_heading(p: Partial, ctx: Context, text: str, value: TimeValue,
                  heading: TimeValue) -> TimeValue:
    """A date without a year in a chronology's entry: the reading nearest the entry's date."""
    if value.earliest is None or p.year is not None or p.month is None \
            or heading.earliest is None:
        return value
    year = value.earliest.year
    options = [value, *_readings(p, ctx, text, (year - 1, year + 1))]
    day = heading.earliest
    return min(options, key=lambda o: abs((o.earliest - day).days)  # type: ignore[operator]
               if o.earliest is not None else 10**6)


def _resolve_all(text: str, cands: list[Candidate], anchor: PubDate | None,
                 config: TaggerConfig, changes: dict[int, int] | None = None) -> list[TimeExpression]:
    out: list[TimeExpression] = []
    ref: TimeValue | None = None
    period: tuple[int, TimeValue] | None = None   # (where, value) of the last quarter or half
    heading: TimeValue | None = None   # the date of the last entry of a chronology
    heading_end = -1   # where its line ends (-1: at the end of the text)
    for i, c in enumerate(cands):
        if not config.offsets and c.rule.kind == "offset":
            c = _later_as_duration(text, c)
        if c.rule.kind == "time":
            c = attrs.evolve(c, partial=_clock_in_parenthesis(text, c, out[-1] if out else None))
            c = attrs.evolve(c, partial=_clock_on_day(text, cands, i, c.partial))
        p = c.partial
        needs_tense = (c.rule.kind in _TENSED or c.rule.kind == "relative" and p.unit == "weekend") \
            and p.year is None and p.shift is None \
            or c.rule.kind == "offset" and p.num is None and (p.direction or -1) > 0
        at = c.start
        if c.rule.kind == "range":   # read where its first end is, as if it stood alone
            lead = _RANGE_LEAD.match(text, c.start)
            at = lead.end() if lead else at
        tense = c.rule.fixed.get("tense") or (tense_at(text, at, c.end) if needs_tense
                                               else None)
        if changes and c.start in changes and needs_tense and not c.rule.fixed.get("tense"):
            tense = changed_schedule(text, changes[c.start], c.start, tense)
        recent = period[1] if period is not None and c.start - period[0] <= _PERIOD_REACH \
            else None
        ctx = Context(anchor=anchor, tense=tense, ref=ref, day_first=config.day_first,
                      period=recent)
        value = _resolve(p, ctx, text[c.start:c.end])
        if value is None:
            continue
        if c.rule.kind in ("date", "range") and _chronology_heading(text, c):
            value = _in_chronology(p, ctx, text[c.start:c.end], value, heading)
            heading, heading_end = value, text.find("\n", c.end)
        elif heading is not None and c.rule.kind in ("date", "range") \
                and (heading_end < 0 or c.start < heading_end):
            # "February 17 - Activists designate February 17 as a day of rage": a date of
            # the entry without a year is the one nearest the entry's own
            value = _near_heading(p, ctx, text[c.start:c.end], value, heading)
        value = _season_after(text, c, value, out[-1] if out else None, ctx)
        value = _since_before(text, c, value, anchor, ctx)
        expr = TimeExpression(
            text=text[c.start:c.end], start=c.start, end=c.end, time=value, rule=c.rule.name,
            signal=signal_before(text, c.start), latent=p.latent,
        )
        if p.latent and not config.keep_latent:
            continue
        out.append(expr)
        if anchor is not None and value.earliest is not None \
                and _is_comment_stamp(text, c, value, anchor):
            # a reader's comment is written on its own day: "yesterday" in it is the day before
            anchor = PubDate.from_date(value.earliest, source=anchor.source)
            ref = None
        if period is not None and _SEVERAL_MONTHS.fullmatch(expr.text) \
                and value.type == "DURATION":
            # "For the nine months, net rose ... a year earlier": a report moved on to a
            # period of several quarters, so "a year earlier" is no longer the quarter's
            period = None
        if (c.rule.kind in _REFERENCES or _day_counted_from_writing(c, value)) \
                and value.type in ("DATE", "TIME") \
                and value.earliest is not None \
                and value.latest is not None and not value.value.endswith("_REF"):
            ref = value
            if value.granularity in ("quarter", "half") and "X" not in value.value \
                    and (anchor is None or value.earliest <= anchor.latest):
                # a period not yet begun ("a loss in the third quarter of 1990") is a
                # forecast, not the period the report is about
                period = (c.end, value)
    return out


def find_dateline(text: str, config: TaggerConfig = TaggerConfig()) -> PubDate | None:
    """A full date near the top of the text (a dateline), as a publication date, or None."""
    head = text[:_DATELINE_REACH]
    grammar = load_grammar(config.lang)
    for c in _scan(head, grammar):
        if c.partial.year is None or c.rule.kind not in ("date", "numeric_date", "time"):
            continue   # a time: the date of a dateline with its clock ("Mon Jun 6, 2016 4:10 pm")
        value = _resolve(c.partial, Context(day_first=config.day_first), head[c.start:c.end])
        if value is not None and value.granularity in ("day", "minute") \
                and value.earliest is not None and value.earliest == value.latest:
            return PubDate.from_date(value.earliest, source="text")
    return None


def tag(text: str, published: PubDate | str | None = None,
        config: TaggerConfig = TaggerConfig()) -> list[TimeExpression]:
    """All temporal expressions in `text`, in order, resolved against the publication date.

    `published` is a PubDate or "YYYY", "YYYY-MM", "YYYY-MM-DD". Without one, relative
    expressions stay unresolved (X's, PAST_REF...) unless `config.use_dateline` finds a dateline.
    Never reads the clock. Runs of more than `MAX_TOKEN` non-space characters, or of
    whitespace, are not looked into. Time is linear in the length of the text (benchmarks/linear_time.py).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    anchor = _as_pubdate(published)
    if anchor is None and config.use_dateline:
        anchor = find_dateline(text, config)
    skip = frozenset() if config.ranges else frozenset({"range"})
    grammar = load_grammar(config.lang)
    cands = _scan(text, grammar, skip)
    changes: dict[int, int] = {}
    if config.ranges:
        cands, changes = _split_changes(text, cands, grammar)
    return _resolve_all(text, cands, anchor, config, changes)


#: the words before a range "from X to Y" that a verb of change may be among
_WORDS_BEFORE = re.compile(r"(?:[\w'-]+\s+){0,5}$")
_WORD = re.compile(r"[\w'-]+")
#: a range's lead word that a change may move a plan "from" (any case: "FROM" in a headline)
_FROM = re.compile(r"from\b", re.IGNORECASE)


def _split_changes(text: str, cands: list[Candidate],
                   grammar: Grammar) -> tuple[list[Candidate], dict[int, int]]:
    """"postponed the vote from Nov. 27 to Dec. 2": after a verb of change (vocabulary
    `change_verb`) within five words, "from X to Y" names the old date and the new one, tagged
    apart, not a range of days between them. Also returns where each such date starts ->
    where its verb ends (see `context.changed_schedule`)."""
    out: list[Candidate] = []
    changes: dict[int, int] = {}
    for c in cands:
        if c.rule.kind == "range" and _FROM.match(text, c.start):
            before = _WORDS_BEFORE.search(text, max(0, c.start - 80), c.start)
            verbs = [m for m in _WORD.finditer(text, before.start(), c.start)
                     if grammar.lookup("change_verb", m.group())] if before else []
            if verbs:
                ends = _shifted(scan(text[c.start:c.end], grammar, frozenset({"range"})),
                                c.start)
                changes.update((end.start, verbs[-1].end()) for end in ends)
                out += ends
                continue
        out.append(c)
    return out, changes
