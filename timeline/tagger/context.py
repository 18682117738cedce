"""Read the context of a span: the tense of its clause and the preposition before it.

Reporting verbs ("said", "told", "announced") are not tense cues: the date they report belongs
to the reported clause ("said it will pay on Nov. 6").

Tense is a heuristic over the words of the clause: the cue (modal, auxiliary, past-tense verb)
nearest to the expression wins. It decides the direction of "Friday" or "in March" when the text
gives no year ("will meet Friday" is after the publication date, "met Friday" before).
"""

from __future__ import annotations

import re

from timeline.tagger.resolve import Tense

__all__ = ["changed_schedule", "clause_bounds", "signal_before", "tense_at"]

_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|['’]ll|is|are|was|were|be)\s+(?:\w+\s+)?"
    r"(?:going|scheduled|set|due|expected|slated|planned|poised|likely|supposed|bound)\s+to\b"
    # "was supposed to have come into effect in April": a plan already past
    r"(?!\s+have\b)"
    # ("a would-be assassin" is an adjective)
    r"|\b(?:will|won['’]t|shall|would|['’]ll)\b(?!-)"
    # "an announcement is expected on Saturday": what is expected is still to come
    r"|\b(?:is|are)\s+(?:\w+ly\s+|now\s+|also\s+)?expected\b(?!\s+to\s+have\b)"
    # "Ford is due in Washington on Thursday", "they are due back on Monday": expected there
    r"|\b(?:is|are)\s+(?:\w+ly\s+|also\s+)?due\s+(?:in|at|back|home|here|there)\b"
    r"|\b(?:plans?|planning|intends?|intending|aims?|hopes?|expects?|promised)\s+to\b"
    r"|\bto\s+be\s+(?:held|released|announced|published|made|completed|signed)\b"
    # ("next to the embassy" is a place)
    r"|\bnext\b(?!\s+(?:to|door)\b)|\b(?:upcoming|coming|forthcoming)\b"
    r"|\b(?:scheduled|slated|postponed|delayed|adjourned|deferred)\b"
    # "planned" as an adjective is no schedule: "the hastily planned trip", "the planned merger"
    r"|\bplanned\b(?<!\bthe planned)(?<!\ba planned)(?<!\ban planned)(?<!ly planned)"
    r"(?<!['’]s planned)(?<!\bits planned)(?<!\bhis planned)(?<!\bher planned)"
    r"(?<!\bour planned)(?<!\btheir planned)"
    r"|\bmight\s+(?!have\b)"
    # "hoping he can be found by Monday": "can" before a verb of its own looks ahead
    r"|\bcan\s+(?!not\b|n['’]t|only\b|never\b|hardly\b|barely\b|still\b|also\b|already\b)"
    # "may" in lower case is the modal ("may return in the winter"), "May" the month
    r"|\b(?-i:may)\s+(?!have\b|not\b|be\s+\w+ed\b)"
    # "could" looks ahead only before a verb of its own ("a vote could come Friday"; not "could
    # not be found Friday", "could be located Wednesday": the past of "can")
    r"|\bcould\s+(?!have\b|not\b|be\b|only\b|never\b|hardly\b|barely\b|still\b)"
    # a participle or "is to" without its auxiliary: "talks, set to resume Monday", "is to resume"
    r"|\b(?:set|due|scheduled|slated|poised)\s+to\s+(?!be\s+\w+ed\b)\w+"
    r"|\b(?:is|are)\s+to\s+(?:be\s+)?\w+"
    r"|\bas\s+(?:early|soon)\s+as\b"
    # a purpose or an awaited event lies after the aiming or the waiting: "submitted the draft
    # with a view to a vote on Thursday", "was awaiting the outcome of a meeting on Thursday"
    # (in the same phrase: "awaiting a go-ahead from NATO, whose jets struck on Saturday")
    r"|(?:\bwith\s+(?:a\s+view\s+to|the\s+aim\s+of)|\b(?:awaits?|awaiting|waiting\s+for))\b"
    r"(?=[^,;]*$)",
    re.IGNORECASE,
)
#: a participle after these is passive, not a past tense: "be held", "been held", "being
#: held", and in the present "is held", "are held" ("elections are held on Sunday")
_PASSIVE_AUX = r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )(?<!\bam )"
_PAST = re.compile(
    _PASSIVE_AUX + r"\b(?:was|were|had|did|didn['’]t|met|went|came|made|took|gave|held|began|"
    r"saw|left|won|lost|rose|fell|sold|bought|paid|spent|found|became|brought|kept|led|ran|"
    r"wrote|spoke|ago|earlier|closed|ended|agreed|signed|died|killed|"
    r"sent|fled|fought|flew|struck|broke|caught|drove|threw|stood|withdrew|overthrew|sought|"
    r"swept|stole|froze|chose|grew|knew|thought|meant|felt)\b"
    # "last" (as in "last week") is a past cue, but not the verb after a modal, "to" or an
    # adverb ("might only last until the autumn")
    r"|(?<!\bwill )(?<!\bwould )(?<!\bmight )(?<!\bmay )(?<!\bcould )(?<!\bcan )"
    r"(?<!\bshould )(?<!\bmust )(?<!\bto )(?<!\bonly )(?<!\bnot )(?<!\bstill )\blast\b"
    # a record is one already set: "its record high set on Aug. 6"
    r"|\brecords?\s+(?:(?:high|low|level|close)s?\s+)?set\b"
    r"|" + _PASSIVE_AUX + r"\b(?!(?:need|speed|feed|seed|indeed|bed|red|hundred|based|related|proposed|expected|"
    r"scheduled|planned|supposed|concerned|interested|limited|united|detailed|advanced|"
    r"sophisticated|complicated|reported|announced|added|stated|noted|claimed|insisted|"
    r"un[a-z]+ed)\b)"
    r"[a-z]{3,}ed\b",
    re.IGNORECASE,
)
#: an "if" right before a past verb (no other verb or stop between; not a question: "asked if";
#: not a past perfect, which is a condition of the past: "if he had been allowed to ... in March")
_UNREAL_IF = re.compile(r"(?<!\basked )(?<!\bwondered )\bif\s+(?:(?!had\b)[\w'’-]+\s+){0,6}(?!had\b)[\w'’-]+$",
                        re.IGNORECASE)
_UNREAL_MODAL = re.compile(r"\b(?:would|might|could)\b", re.IGNORECASE)
_PRESENT = re.compile(r"\b(?:is|are|am)\b(?!\s+(?:\w+\s+)?(?:going|scheduled|set|due|expected)\s)",
                      re.IGNORECASE)
#: a title or "vs." before a name, or a month's abbreviation before its day, ends no sentence
_NOT_AN_END = "".join(f"(?<!\\b{w}\\.)" for w in (
    "Mr", "Mrs", "Ms", "Dr", "St", "vs", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt",
    "Capt", "Prof", "Rev"))
#: nor does the colon of a clock time ("at 21:00 on Sunday"), nor a period before a word in
#: lower case: an abbreviation, the clause going on ("on U.S. goods on Thursday", "at 9 p.m. on
#: Sunday")
_CLAUSE_END = re.compile(
    rf"\.{_NOT_AN_END}(?!\s+[a-z])\s(?!\s*\d)|[;!?]\s|\n\s*\n|;|:(?!\d\d)")
_SIGNAL = re.compile(
    r"(?<![\w])(?P<signal>as early as|as late as|as of|no later than|prior to|ahead of|up to|"
    r"by|since|until|till|before|after|in|on|at|from|during|through|throughout|within|for|"
    r"over|around|between|about|to)\s+$",
    re.IGNORECASE,
)


def clause_bounds(text: str, start: int, end: int, reach: int = 200) -> tuple[int, int]:
    """Character bounds of the sentence-ish clause around [start, end)."""
    lo = max(0, start - reach)
    left = lo
    for m in _CLAUSE_END.finditer(text, lo, start):
        left = m.end()
    after = _CLAUSE_END.search(text, end, min(len(text), end + reach))
    right = after.start() if after else min(len(text), end + reach)
    return left, right


#: The reporting verbs of the tagger, one alternation for `_REPORTED` (with "says"), `_SAID` and
#: `_TOLD` (event extraction reads its own from `data/en/events/lexicon.toml` `[saying]`).
_SAYING = r"said|told|announced|reported|declared|confirmed|disclosed"
#: (not in the passive: "will be announced on Friday" is the announcement's own day to come)
_REPORTED = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )"
    r"\b(?:says|" + _SAYING + r")\s+"
    r"(?:(?:on|late|early|last|over|during)\s+)?(?:the\s+)?$", re.IGNORECASE)
_LOOK_BACK = 80
_LOOK_AHEAD = 60
#: words that make the date after them a term still to come ("payable Dec. 1", "effective June 1",
#: "of record Nov. 10", "due May 5", "a deadline of Monday"): the sentence's tense is the announcement's, not the date's
_FORWARD = re.compile(
    r"\b(?:payable|effective|due|expir(?:es|ing|e)|matur(?:es|ing|e)|of\s+record|record\s+date|"
    r"deadline\s+of)"
    r"(?:\s+(?:on|in|at|as\s+of))?\s+$", re.IGNORECASE)
_HAD = re.compile(r"\bhad\b", re.IGNORECASE)
#: "ahead of Tuesday's vote", "the upcoming Friday's game": the possessive looks forward
_AHEAD = re.compile(r"\b(?:ahead\s+of|upcoming|coming|until|till)\s+(?:the\s+)?$", re.IGNORECASE)
_AHEAD_OF = re.compile(r"\bahead\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_BY = re.compile(r"\bby\s+$", re.IGNORECASE)
_UNTIL = re.compile(r"(?<!\bup )\b(?:until|till)\s+$", re.IGNORECASE)
#: an infinitive right after a past verb: the date is the infinitive's ("agreed to buy")
_INFINITIVE = re.compile(
    r"\s+to\s+(?!(?:the|a|an|his|her|its|their|our|my|this|that|these|those|be|have|date|"
    r"about|around|more|less|some|all|each|every)\b)[a-z]{3,}\b(?!\s+(?:ago|earlier|before)\b)")
#: only a preposition between the clause's start and a date that opens it ("On Tuesday, ...")
_FRONTED = re.compile(r"\s*(?:(?:on|in|by|at|early|late|last|this|since|during)\s+)*"
                      r"(?:the\s+)?", re.IGNORECASE)
#: "has extended", "have already sold": a present perfect names no past time of its own
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+|not\s+|never\s+|already\s+)?\w+ed$",
                      re.IGNORECASE)
_THE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s?['’]s\b", re.IGNORECASE)
#: a reporting verb after a date is the date's own ("Officials on Tuesday said the plant will
#: close", "told a news conference on Tuesday that ..."); before it, it is not ("said it will")
_SAID = re.compile(r"\b(?:" + _SAYING + r")\b", re.IGNORECASE)
_THAT = re.compile(r"\s*,?\s*that\b", re.IGNORECASE)
#: a verb of a schedule in the present right before a date ("Arafat meets Monday with ...",
#: "the trial opens Tuesday"): the futurate present of news, a day still to come (verbs that
#: are seldom nouns: "the planned visit on Tuesday" is no schedule)
_SCHEDULE_PRESENT = re.compile(
    r"\b(?:meets?|begins?|starts|opens?|resumes?|arrives?|departs?|convenes?|reconvenes?|"
    r"flies|ends|expires|concludes|wraps\s+up|kicks\s+off|takes\s+(?:effect|place|office)|"
    # (the plural, not after "to": "had been due to expire Friday" is a plan of the past)
    r"(?<!to )(?<!the )end|(?<!to )take\s+(?:effect|place))"
    r"\s+(?:(?:separately|again|here|there|formally|officially)\s+)?"
    # a clock time between ("kicks off at 1930 local time on Saturday")
    r"(?:at\s+\d[\d:.]*(?:\s+(?:a\.m\.|p\.m\.|am|pm|local\s+time|gmt|utc|bst|cet|[ecmp][sd]?t))*"
    r"\s+)?(?:(?:on|in|at)\s+)?$",
    re.IGNORECASE)
#: a participle in the present passive right before a date ("elections are held on Sunday",
#: "the verdict is expected Friday", "the final is played in May"): a schedule, as above
_SCHEDULED_PASSIVE = re.compile(
    r"\b(?:is|are)\s+(?:(?:\w+ly|also|now|again|still)\s+)?(?!indeed\b)"
    r"(?:held|run|shown|given|[a-z]{3,}ed)\s+(?:(?:on|in|at)\s+)?(?:the\s+)?$",
    re.IGNORECASE)
#: a plan told in the past tense: "was scheduled to", "were expected to", "were planning to"
_PLAN_TOLD_IN_PAST = re.compile(
    r"\b(?:was|were)\s+(?:\w+\s+)?(?:scheduled|set|due|expected|slated|planned|planning|"
    r"supposed|going)\s+to\b\s*$", re.IGNORECASE)
#: ... unless a word between it and the date looks ahead ("next", "coming"), or a reporting
#: verb before it puts the plan in reported speech ("said it was due to arrive on Wednesday":
#: what was said is "it is due to arrive")
_FORWARD_WORD = re.compile(r"\b(?:next|upcoming|coming|forthcoming|until|till)\b", re.IGNORECASE)
_HAD_BEEN = re.compile(r"\bhad\s+(?:been\s+)?$", re.IGNORECASE)
#: "since" always looks back
_SINCE = re.compile(r"\bsince\s+(?:(?:shortly|just|soon|right)\s+(?:after|before)\s+)?"
                    r"(?:(?:the|early|late|mid)\s+)?$", re.IGNORECASE)
#: ... and so does a phrase it opens ("died since the start of the protests in March"; no
#: clause of its own: "since the vote he has promised to resign in March")
_SINCE_PHRASE = re.compile(
    r"\bsince\s+the\s+(?:(?!(?:he|she|they|we|i|you|it|has|have|had|will|would|is|are|was|"
    r"were|can|could|may|might|must|should)\b)[\w'’-]+\s+){1,10}?(?:in|of|to|on)\s+"
    r"(?:(?:early|late|mid)[- ]?\s*)?$", re.IGNORECASE)


_THAT_WORD = re.compile(r"\bthat\b", re.IGNORECASE)
#: a reporting verb in the active voice ("will be announced on Friday" is what is still to come)
_TOLD = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )"
    r"\b(?:" + _SAYING + r")\b", re.IGNORECASE)


def _told_between(text: str, lo: int, start: int) -> bool:
    """A reporting verb in the active voice between `lo` (a cue still to come) and a date that
    is the telling's own ("'... will help,' the spokesman told reporters late on Friday", "...
    can stay, the governor of the province told the paper on Monday"), not of a clause it
    reports ("Benn said, and that a wave in the autumn could ...")."""
    m = _TOLD.search(text, lo, start)
    return m is not None and not _THAT_WORD.search(text, m.end(), start)


def tense_at(text: str, start: int, end: int) -> Tense | None:
    """The tense governing a span, from the nearest strong cue before it in its clause.

    A reporting verb directly before the span ("said Friday") or before it with its "that" after
    it ("told reporters Tuesday that ..."), "since" (also opening a phrase: "since the start of
    the protests in March") or a possessive
    ("Wednesday's ruling") makes it past; a term still to come ("payable Dec. 1", "effective
    June 1") or a deadline ("until Tuesday") makes it future unless the clause is in the past
    perfect. A plan in the past perfect ("had been scheduled to expire Friday") is past, one
    told in the simple past ("was scheduled to meet on Monday", not after "said") "nearest"; a past
    verb directly followed by an infinitive ("agreed to buy ... in February") gives no tense. Otherwise the nearest cue before it among modals and auxiliaries ("will",
    "is expected to", "was", "had"), schedules ("scheduled", "postponed", "as soon as") and
    past-tense verbs wins; with none before it, the nearest cue after it in its clause ("In
    March, the company sold ..."; as far as the clause's end when the date opens it; there a
    reporting verb is past, "In March, officials said ..."); a cue still to come with a telling
    between it and the date ("... can stay, the governor told the paper on Monday") is the telling's
    past; with
    none near it either way, the nearest cue further back in its clause unless a present tense
    ("is") stands between; a deadline with none ("to be ready by winter") is future; None when
    the clause has none.
    """
    clause_left, right = clause_bounds(text, start, end)
    left = max(clause_left, start - _LOOK_BACK)
    if _REPORTED.search(text, left, start) or _SINCE.search(text, max(0, start - 40), start) \
            or _SINCE_PHRASE.search(text, max(left, start - 90), start):
        return "past"
    if _THAT.match(text, end) and _SAID.search(text, left, start):
        return "past"   # "told a news conference on Tuesday that ...": the telling's day
    if text.startswith(("'s", "’s"), end) and not _AHEAD.search(text, max(0, start - 30), start):
        return "past"   # "Wednesday's ruling": a day named by what happened on it
    if _FORWARD.search(text, max(0, start - 24), start) \
            and not _HAD.search(text, left, start):   # "had been due to expire Friday"
        return "future"
    if _UNTIL.search(text, max(0, start - 12), start) and not _HAD.search(text, left, right):
        return "future"   # a deadline: "has given them until Tuesday" (not "had waited until")
    if _SCHEDULE_PRESENT.search(text, max(left, start - 40), start) \
            or _SCHEDULED_PASSIVE.search(text, max(left, start - 40), start):
        return "future"   # "meets Monday with", "is held on Sunday": a schedule in the present
    best: tuple[int, Tense] | None = None
    for tense, pattern in (("future", _FUTURE), ("past", _PAST)):
        for m in pattern.finditer(text, left, start):
            distance = start - m.end()
            if best is None or distance < best[0]:
                # a plan in the past perfect is past: "had been scheduled to expire Friday"
                planned_before = tense == "future" and _HAD_BEEN.search(
                    text, max(left, m.start() - 12), m.start())
                best = (distance, "past" if planned_before else tense)  # type: ignore[assignment]
    if best is not None and best[1] == "future" and _PLAN_TOLD_IN_PAST.search(
            text, max(left, start - best[0] - 45), start - best[0] + 1) \
            and not _FORWARD_WORD.search(text, start - best[0], start) \
            and not _SAID.search(text, left, start - best[0]):
        return "nearest"   # "was scheduled to meet ... on Monday": either side of the writing
    if best is not None and best[1] == "future" and (
            _told_between(text, start - best[0], start)):
        # "'... will help,' the spokesman told reporters late on Friday", "they can stay, the
        # governor of the province told the paper on Monday": the day of the telling
        return "past"
    if best is not None and best[1] == "past" \
            and _UNREAL_IF.search(text, left, start - best[0]) \
            and _UNREAL_MODAL.search(text, clause_left, right):
        # "might come if a second wave swept across the globe in the winter": a past verb in
        # an "if" clause of a sentence told with "would", "might" or "could" is unreal, no past
        # ("could have won if he had been allowed to press his March offensive" stays past)
        return "future"
    if best is not None and best[1] == "past" \
            and _INFINITIVE.match(text, start - best[0], start):
        if _BY.search(text, max(0, start - 4), start):
            return "future"   # "hoped to put it to a vote by Friday": a deadline to come
        return None   # "agreed to buy the unit in February": the purchase is still to come
    if best is None and _AHEAD_OF.search(text, max(0, start - 16), start):
        return "future"   # "talks ahead of Wednesday's meeting", with no verb of its own near
    if best is not None and best[1] == "past" \
            and _PERFECT.search(text, max(left, start - best[0] - 40), start - best[0]) \
            and not _THE.search(text, max(0, start - 5), start):
        # "has extended the loans through January": no past time in a present perfect (but
        # "have gathered evidence in the October slaying" names the slaying's month)
        return None
    further: tuple[int, Tense] | None | bool = False   # False: not read yet (read when needed)
    if best is None:
        # nothing before it in its clause ("In March, the company sold ..."): the verb after it
        stop = min(right, end + _LOOK_AHEAD)
        if _FRONTED.fullmatch(text, clause_left, start) and text.startswith(",", end):
            stop = right   # "On Tuesday, <a long subject> plans to ...": the clause's main verb
        for tense, pattern in (("future", _FUTURE), ("past", _PAST), ("past", _SAID)):
            after = pattern.search(text, end, stop)
            if after is not None and (best is None or after.start() - end < best[0]):
                if pattern is _SAID and "," in text[end:after.start()] \
                        and (further := _cue_further_back(text, clause_left, left,
                                                          start)) is not None:
                    # "is due to meet Xi on Monday before flying on to Shanghai on Tuesday,
                    # a spokesman told reporters": a trailing attribution does not date a
                    # clause that has a cue of its own further back
                    continue
                best = (after.start() - end, tense)  # type: ignore[assignment]
    if best is None:
        # nothing near it either way: the nearest cue further back in its clause
        best = _cue_further_back(text, clause_left, left, start) if further is False \
            else further  # type: ignore[assignment]
        if best is not None and best[1] == "future" and (
                _told_between(text, left - best[0], start)):
            return "past"   # a quote's "will", then its speaker: the telling's day
    if best is None and _BY.search(text, max(0, start - 4), start) \
            and not _POSSESSIVE.match(text, end):
        # "to be ready by winter": with no tense of its own, a deadline (not "judging by
        # Thursday 's meetings")
        return "future"
    return best[1] if best else None


def _cue_further_back(text: str, clause_left: int, left: int,
                      start: int) -> tuple[int, Tense] | None:
    """The nearest tense cue in a span's clause before the look-back window (`left`), as
    (distance from `left`, tense); None when there is none or a present tense ("is") stands
    between the clause's start and the span."""
    if left <= clause_left or _PRESENT.search(text, clause_left, start):
        return None
    best: tuple[int, Tense] | None = None
    for tense, pattern in (("future", _FUTURE), ("past", _PAST)):
        # (read up to the date: a cue's lookahead sees the words between them)
        for m in pattern.finditer(text, clause_left, start):
            if m.end() > left:
                break
            if best is None or left - m.end() < best[0]:
                best = (left - m.end(), tense)  # type: ignore[assignment]
    return best


def changed_schedule(text: str, verb_end: int, start: int, tense: Tense | None) -> Tense | None:
    """The tense of a date that a verb of change ending at `verb_end` moved a plan from or to
    ("moved the summit from Monday to Wednesday", "has moved the vote from March to May"):
    the plan's days lie after the writing ("future") when the clause reads as past or has no
    tense and no cue stands between the verb and the date (the change happened; what it
    changed is still to come). Otherwise `tense`, as read (the future of "will move", a cue of
    its own before the date)."""
    if tense not in ("past", None) or _PAST.search(text, verb_end, start) \
            or _FUTURE.search(text, verb_end, start) or _SAID.search(text, verb_end, start):
        return tense
    return "future"


def signal_before(text: str, start: int) -> str | None:
    """The preposition just before a span ("by", "since", "in"...), lower-cased, or None."""
    m = _SIGNAL.search(text, max(0, start - 20), start)
    return " ".join(m["signal"].lower().split()) if m else None
