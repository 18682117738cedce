"""The story day of a document: the day its lead reports, which may precede the publication day.

A wire story filed late or printed the next day reports what happened the day before its
publication date: "WASHINGTON, March 12 (Xinhua) -- Poland, Hungary and the Czech Republic
Friday formally joined NATO" published on 13 March, or "Castro said in a communique read
Wednesday night" in a Thursday paper. Its undated past-tense clauses and reporting verbs then
happened on that day, not on the publication day.

The story day is the day of the dateline (a date before the dateline's dash, "PLACE, March 12
(Agency) --"), else the first day-precision date of the lead (its first `LEAD_SENTENCES`
sentences, outside quotations; a line that is only a dateline, "HAVANA (AP) --", is not one of
them), when it lies at most `STORY_REACH` days (a dateline) or
`LEAD_REACH` days (a date of the lead: "the two men were named Thursday" in a Saturday paper
is background to its news) before the publication day. When the lead names the publication day
itself, or nothing, the story day is the publication day and nothing changes.
"""

from __future__ import annotations

import datetime as dt
import re

from timeline.events.context import DocContext
from timeline.model import TimeExpression

__all__ = ["LEAD_REACH", "LEAD_SENTENCES", "STORY_REACH", "story_day"]

#: How many sentences of the lead may name the story day.
LEAD_SENTENCES = 3
#: How many days before the publication day the story day may lie (a dateline) ...
STORY_REACH = 3
#: ... or a date of the lead.
LEAD_REACH = 1
_DAY_GRAINS = frozenset({"day", "part_of_day", "hour", "minute", "second"})
#: The dash that ends a dateline ("WASHINGTON, March 12 (Xinhua) --", "MIAMI _").
_DASH = r"\s(?:--|—|–|_)"
_DATELINE_END = re.compile(_DASH + r"\s")
_DATELINE_REACH = 80
#: A line that is only a dateline ("HAVANA (AP) --"), as long as the dateline may reach.
_DATELINE_ONLY = re.compile(rf".{{1,{_DATELINE_REACH - 2}}}{_DASH}", re.DOTALL)


def _one_day(expr: TimeExpression) -> bool:
    return expr.type in ("DATE", "TIME") and not expr.latent \
        and expr.granularity in _DAY_GRAINS and expr.earliest is not None \
        and expr.earliest == expr.latest


def _dateline(ctx: DocContext) -> TimeExpression | None:
    head = ctx.text[:_DATELINE_REACH]
    dash = _DATELINE_END.search(head)
    if dash is None:
        return None
    return next((e for e in ctx.expressions if e.end <= dash.start() and _one_day(e)), None)


def _dateline_only(text: str) -> bool:
    """True for a sentence that is only a dateline ("HAVANA (AP) --"): it is no lead."""
    return _DATELINE_ONLY.fullmatch(text.strip()) is not None


def _lead(ctx: DocContext) -> TimeExpression | None:
    lead = [s for s in ctx.sentences
            if not s.headline and not _dateline_only(s.text)][:LEAD_SENTENCES]
    if not lead:
        return None
    end = lead[-1].end
    for expr in ctx.expressions:
        if expr.start >= end:
            break
        if _one_day(expr) and not ctx.in_quote(expr.start):
            return expr
    return None


def story_day(ctx: DocContext) -> TimeExpression | None:
    """The expression naming the story day when it lies before the publication day (within
    `STORY_REACH` days), else None (see the module docstring)."""
    published = ctx.published
    if published is None or published.grain != "day":
        return None
    day = published.earliest
    expr, reach = _dateline(ctx), STORY_REACH
    if expr is None:  # the lead is read only without a dated dateline
        expr, reach = _lead(ctx), LEAD_REACH
    if expr is None or expr.earliest is None:
        return None
    return expr if day - dt.timedelta(days=reach) <= expr.earliest < day else None
