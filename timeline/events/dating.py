"""Dating one mention of an event: the one function both event extraction and `timeline.anchor`
use.

A mention is a span of a document (a trigger such as "visited", "the talks", "said"). Its
date comes from the first of these cues that gives one (`When.derived`):

explicit
    the closest DATE/TIME expression of its clause ("on Friday", "in 2029", "last month",
    "by 2030" -> on or before) that its tense allows (see `anchoring.explicit_when`);
relation
    a connective in its clause naming another dated mention ("after the talks", "soon after
    his return", "following the vote", "since the crash", "until the election"): after (or
    before) that mention's date; resolved by the caller, which knows the other mentions
    (`relate`);
narrative
    a past-tense clause without a date of its own inherits the day the story last named
    ("The storm hit the coast on Sunday. Thousands fled.") when that day is close enough
    before the publication date; a reporting verb ("said", "told") in a clause with no
    date is the publication date; in `likely` mode (`timeline.anchor`) both take the story
    day instead when the dateline or lead names the day before (`timeline.events.story`);
tense
    tense and aspect against the publication date: past and perfect -> on or before it,
    future ("will", "is expected to") -> on or after it, present -> that day;
publication
    the publication date when the clause says nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from attrs import frozen

from timeline.events.anchoring import (
    clause_tense,
    contracted_is,
    explicit_when,
    ref_tense,
    relation_when,
    tense_when,
    verb_group_tense,
)
from timeline.events.arguments import Cue
from timeline.events.context import DocContext
from timeline.events.modality import (
    cancelled_plan,
    conditional,
    governed_infinitive,
    governed_noun,
    is_negation,
    mandative,
    modal_state,
    modality,
    performative,
    prevented_gerund,
    reported_would,
    subjunctive,
    wished_infinitive,
)
from timeline.events.resources import Lexicon
from timeline.events.text import Sentence, Token, segment_of, tokenize
from timeline.model import PubDate, TimeExpression, When
from timeline.tagger.resources import load_grammar

__all__ = ["Dating", "MentionShape", "date_mention", "mention_shape", "relate"]

#: How far back a narrative date may lie before the publication date (days).
NARRATIVE_REACH = 7
#: ... and how many sentences back it may be named.
NARRATIVE_SENTENCES = 1
_DAY = dt.timedelta(days=1)
#: How far after a reporting verb its own date may stand ("said on Friday", "told reporters
#: Friday"), in characters.
_SAID_REACH = 16
_RELATIVE = frozenset({"that", "which", "who", "it", "this", "what", "he", "she", "everyone",
                       "nobody", "somebody", "one"})
#: Words that start an object or a clause right after a verb and rarely follow a plural noun:
#: "-s" word before one of them is a verb ("insists he will", "signifies a rejection").
_OBJECT_STARTS = frozenset({"a", "an", "the", "his", "her", "their", "its", "our", "my", "him",
                            "them", "me", "us", "he", "she", "they", "we", "i", "you"})
_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ship", "ism", "ance", "ence", "ure",
                 "age", "ery", "ade")


@frozen
class MentionShape:
    """What the words of a mention are: a noun or a verb, and the verb's form.

    Attributes:
        nominal: True for a noun ("the visit", "an explosion").
        verb_start: offset of the verb (None for a noun).
        form: "past", "participle", "ing", "s", "base" or None for a noun.
    """

    nominal: bool
    verb_start: int | None
    form: str | None


@frozen
class Dating:
    """The date of a mention and what gave it.

    Attributes:
        when: the interval (None when nothing dates it: no publication date, no expression).
        expression: the expression that dated it (derived "explicit" or "narrative").
        tense: the tense class of its clause (`anchoring.TENSES`).
        passive: True for a passive verb ("was signed").
    """

    when: When | None
    expression: TimeExpression | None
    tense: str
    passive: bool


def _form(word: str, ctx: DocContext) -> str:
    if word in ctx.lex.irregular_past or (word.endswith("ed") and len(word) > 3
                                          and word not in ctx.lex.not_participles):
        return "past"
    if word.endswith("ing") and len(word) > 4 and word not in ctx.lex.not_participles:
        return "ing"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return "s"
    return "base"


def mention_shape(ctx: DocContext, sentence: Sentence, start: int, end: int) -> MentionShape:
    """Guess whether the mention `start`..`end` is a noun or a verb, and the verb's form."""
    tokens = tokens_around(ctx, sentence, start)
    inside = [t for t in tokens if start <= t.start < end and t.is_word]
    if not inside:
        return MentionShape(True, None, None)
    head = inside[0]
    word = head.lower
    before = [t for t in tokens if t.end <= head.start]
    prev = before[-1].lower if before else ""
    lex = ctx.lex
    form = _form(word, ctx)
    if word in lex.auxiliaries:  # every form of be, have, the modals and future markers
        return MentionShape(False, head.start, form)
    if form == "s" and head.text.islower() and word not in lex.singular_s_nouns \
            and _demonstrative_subject(before, lex):
        return MentionShape(False, head.start, form)  # "That means", "this leaves"
    possessive = bool(before) and before[-1].is_possessive \
        and not contracted_is(before[-1], lex)  # not "He's expected"
    if prev in lex.determiners or possessive or \
            prev in ("of", "for", "with", "from", "into", "about") and form != "ing":
        return MentionShape(True, None, None)
    if form == "base" and prev in lex.modal | lex.future and head.text.islower():
        return MentionShape(False, head.start, form)  # "can assure", "will capture"
    if form == "base" and (word.endswith(_NOUN_ENDINGS) or not head.text.islower()):
        return MentionShape(True, None, None)
    if form == "s" and prev not in lex.auxiliaries and prev not in _RELATIVE and not (
            before and (before[-1].lower in lex.person_pronouns or before[-1].is_capitalized)):
        after = next((t.lower for t in tokens if t.start >= head.end), "")
        if after not in _OBJECT_STARTS:
            return MentionShape(True, None, None)  # "the attacks", not "insists he", "gives him"
    return MentionShape(False, head.start, form)


def _demonstrative_subject(before: Sequence[Token], lex: Lexicon) -> bool:
    """True when the word before the mention is "this", or "that" opening its clause (first
    word, or after "so", "and", "but", a comma...): a demonstrative subject, not a
    complementizer ("said that talks ...")."""
    if not before or before[-1].lower not in lex.demonstratives:
        return False
    if before[-1].lower == "this":
        return True
    opener = before[-2].lower if len(before) > 1 else ""
    return opener in ("", "so", "and", "but", "because", ",", ";", ":", "--", "``", '"')


def _read_quote(ctx: DocContext, offset: int) -> tuple[int, int] | None:
    """The quotation a mention at `offset` is read in, None outside quotations and inside a
    quoted fragment of its sentence ("is ``striking a blow''": read with the sentence)."""
    quote = ctx.quote_at(offset)
    return None if quote is None or ctx.fragment(quote) else quote


def tokens_around(ctx: DocContext, sentence: Sentence, offset: int) -> list[Token]:
    """The tokens a mention at `offset` is read with: the sentence's tokens outside
    quotations, for a mention inside a quotation the quotation's tokens, and for one inside a
    quoted fragment all the sentence's tokens."""
    quote = _read_quote(ctx, offset)
    if quote is None and ctx.quote_at(offset) is not None:
        return tokenize(sentence.text, sentence.start)
    if quote is None:
        return ctx.tokens(sentence)
    a, b = quote
    return [t for t in tokenize(sentence.text, sentence.start) if a <= t.start < b]


def scope_of(ctx: DocContext, sentence: Sentence, start: int, end: int,
             naming: Sequence[Cue] = ()) -> list[TimeExpression]:
    """The expressions in the fine segments of the mention, except those inside a cue naming
    another event ("after his visit on Monday") or a quotation."""
    a, b = segment_of(ctx.fine(sentence), start, end)
    quote = _read_quote(ctx, start)
    return [e for e in ctx.expressions_in(a, b)
            if not any(c.covers(e.start) for c in naming)
            and _read_quote(ctx, e.start) == quote]


def mention_tense(ctx: DocContext, sentence: Sentence, start: int, end: int,
                  shape: MentionShape, scope: Sequence[TimeExpression]) -> tuple[str, bool]:
    """The tense of the mention's clause and whether its verb is passive."""
    lex = ctx.lex
    seg_start, seg_end = ctx.segment(sentence, start, end)
    tokens = tokens_around(ctx, sentence, start)
    passive = False
    if not shape.nominal:
        before = [t for t in tokens if seg_start <= t.start and t.end <= (shape.verb_start or 0)]
        tense = verb_group_tense(before, shape.form, lex)
        aux = [t.lower for t in before if t.lower not in lex.adverbs][-1:]
        passive = shape.form in ("past", "participle") and bool(
            aux and aux[0] in lex.be_present | lex.be_past | lex.be_other)
        verb = next((t.lower for t in tokens if t.start == shape.verb_start), "")
        if tense == "hypothetical" and not modal_state(verb, ["would"], lex.modal) \
                and reported_would([t.lower for t in tokens if t.end <= (shape.verb_start or 0)
                                    and (t.lower not in lex.adverbs or is_negation(t.lower))],
                                   lex.saying.dating | lex.saying.clauses):
            tense = "future"  # "said the president would attend": a plan, to come
    else:
        tense = "participle"
    outside = [t for t in tokens if not start <= t.start < end]
    near = [t.lower for t in tokens if t.end <= start][-3:]
    inside = [t.lower for t in tokens if start <= t.start < end]
    if shape.nominal and set(near + inside) & lex.future_adjectives:
        return "future", passive  # "his planned visit", "the upcoming trip"
    if tense == "participle" and shape.nominal and _governed_future(
            [t for t in tokens if seg_start <= t.start and t.end <= start], lex):
        return "future", passive  # "expected to hold frank talks with"
    if tense == "participle" and shape.nominal:
        tense = _that_clause_tense(ctx, sentence, start, end, tokens) \
            or clause_tense([t for t in outside if seg_start <= t.start < seg_end], lex)
    if tense in ("participle", "unknown"):
        tense = clause_tense(outside, lex)
    if tense == "unknown":
        tense = ref_tense(scope)
    if tense == "present" and shape.form in ("s", "base") and shape.verb_start is not None \
            and _future_time_clause(tokens, shape.verb_start, lex):
        tense = "future"  # "is expected to raise it when he arrives": the arrival is to come
    return tense, passive


def _future_time_clause(tokens: Sequence[Token], verb_start: int, lex: Lexicon) -> bool:
    """True when the verb at `verb_start` is in a time clause ("when he", "once the council",
    `[subordinate]` of `modality.toml`) of a sentence (`tokens`) that says elsewhere, outside
    that clause, that something is still to come ("will", "is expected to")."""
    before = [t for t in tokens if t.end <= verb_start]
    opener = _time_clause_opener(before, lex)
    if opener is None:
        return False
    clause_end = next((t.start for t in tokens if t.start > verb_start
                       and t.text in (",", ";", ":", "--", ".")), None)
    outside = [t for t in tokens if t.start < before[opener].start
               or clause_end is not None and t.start >= clause_end]
    for k, tok in enumerate(outside):
        word = tok.lower
        nxt = outside[k + 1].lower if k + 1 < len(outside) else ""
        if word in lex.future or nxt == "to" and word in lex.future_before_to \
                and word not in lex.be_present | lex.be_past:
            return True
    return False


def _time_clause_opener(before: Sequence[Token], lex: Lexicon) -> int | None:
    """The index in `before` (the tokens before a verb) of the word opening the verb's time
    clause ("when he", "once the council": `[subordinate]` of `modality.toml`), else None."""
    cues = modality()
    words = 0
    for k in range(len(before) - 1, -1, -1):
        word = before[k].lower
        if word in cues.subordinators:
            return k if k < len(before) - 1 else None
        if word in (",", ";", ":", "--") or word in lex.auxiliaries or word in lex.clause_openers:
            return None
        if before[k].is_word and word not in ("lrb", "rrb"):  # "-LRB- perhaps -RRB-"
            words += 1
            if words > cues.subordinate_reach:
                return None
    return None


def _past_time_clause(ctx: DocContext, sentence: Sentence, verb_start: int) -> bool:
    """True when the verb at `verb_start` opens no report of its own but sets the time of
    another clause ("when Obama announced the plan, his rivals cried foul"): a time clause."""
    before = [t for t in tokens_around(ctx, sentence, verb_start) if t.end <= verb_start]
    return _time_clause_opener(before, ctx.lex) is not None


def _governed_future(before: Sequence[Token], lex: Lexicon) -> bool:
    """True when the noun after `before` is the object of an infinitive still to come, a few
    words back ("expected to hold serious and frank talks", "is due to attend a summit")."""
    for k in range(len(before) - 2, max(-1, len(before) - 7), -1):
        if before[k].lower == "to" and before[k + 1].text.islower() and before[k + 1].is_word:
            return verb_group_tense(before[:k + 1], "base", lex) == "future"
        if not before[k].is_word:
            return False
    return False


def _that_clause_tense(ctx: DocContext, sentence: Sentence, start: int, end: int,
                       tokens: Sequence[Token]) -> str | None:
    """The tense of the verb after a noun that is the subject of a "that" clause ("is hoping
    that talks can gain traction", "said that the summit will open"): its own verb, not the
    verb of the clause above it. None when the noun is no such subject."""
    a, b = segment_of(ctx.fine(sentence), start, end)
    inside = [t for t in tokens if a <= t.start < b]
    lead = [t for t in inside if t.start < end]  # "that" may open the mention ("that talks")
    if len(lead) < 2 or lead[0].lower != "that" \
            or any(not t.is_word or t.lower in ctx.lex.auxiliaries for t in lead[1:]):
        return None
    after = [t for t in inside if t.start >= end]
    tense = clause_tense(after, ctx.lex)
    if tense == "hypothetical" and next((t.lower for t in after if t.lower in ctx.lex.modal),
                                        "") in ("would", "'d", "’d"):
        return "future"  # "announced that a meeting would be held": the future of then
    return None if tense == "unknown" else tense


def _reporting(ctx: DocContext, start: int, end: int, shape: MentionShape) -> bool:
    word = ctx.text[start:end].strip().lower()
    return not shape.nominal and word in ctx.lex.saying.dating


def narrative_expression(ctx: DocContext, sentence: Sentence, start: int,
                         published: PubDate | None, *, possessive: bool = True,
                         today: bool = False) -> TimeExpression | None:
    """The last day-precision date named before offset `start` in the mention's paragraph
    (earlier sentences of it, or this sentence before the mention, outside quotations), when
    it lies at most `NARRATIVE_REACH` days before the publication day. Without `possessive`,
    a possessive date ("Sunday's vote": the day of another event) is passed over; the most
    likely day (`timeline.anchor`) keeps it, as the story often goes on about that event
    ("Saturday night's debate ... was instantly followed by a question"). With `today`, the
    publication day itself counts when the mention's own sentence names it ("On Friday,
    thousands gathered to watch the unveiling", published that Friday)."""
    if published is None or published.grain != "day":
        return None
    day = published.earliest
    for expr in reversed(ctx.expressions):
        if expr.end > start or ctx.in_quote(expr.start):
            continue
        holder = ctx.sentence_at(expr.start)
        if holder is None or holder.block != sentence.block \
                or sentence.index - holder.index > NARRATIVE_SENTENCES:
            break
        if expr.type not in ("DATE", "TIME") or expr.latent \
                or (expr.signal or "on").lower() not in ("on", "in", "at", "during"):
            continue
        if expr.granularity not in ("day", "part_of_day", "hour", "minute", "second"):
            continue
        if expr.earliest is None or expr.earliest != expr.latest \
                or not possessive and _possessive_date(ctx, expr):
            continue
        if day - dt.timedelta(days=NARRATIVE_REACH) <= expr.earliest < day \
                or today and expr.earliest == day and holder.index == sentence.index:
            return expr
        return None
    return None


def _pluperfect(ctx: DocContext, sentence: Sentence, start: int, shape: MentionShape) -> bool:
    """True for a verb after "had" ("they had reached an agreement") or a noun a few words
    after one ("where he had begun a five-day tour"): before the time the story tells of, not
    on it."""
    lex = ctx.lex
    if shape.nominal or shape.verb_start is None:
        return any(w in lex.have_past for w in _words_before(ctx, sentence, start)[-6:])
    before = _words_before(ctx, sentence, shape.verb_start)
    return bool(before) and before[-1] in lex.have_past | {"been"} \
        and (before[-1] != "been" or len(before) > 1 and before[-2] in lex.have_past)


def _words_before(ctx: DocContext, sentence: Sentence, offset: int) -> list[str]:
    """The words of the mention's clause before `offset`, adverbs left out."""
    a, _ = ctx.segment(sentence, offset, offset + 1)
    return [t.lower for t in tokens_around(ctx, sentence, offset)
            if a <= t.start and t.end <= offset and t.lower not in ctx.lex.adverbs]


def _possessive_date(ctx: DocContext, expr: TimeExpression) -> bool:
    """True for a date that is a possessive ("Sunday's vote", "Sunday 's vote"): the day of
    another event, not the time the story has reached.

    Not `timeline.events.arguments._possessive_at` (names): after a date the "s" is required,
    since a bare apostrophe there mostly closes a single quotation ("‘... by Friday’"), where
    after a name it may end a plural possessive ("Reuters'")."""
    return ctx.text[expr.end:expr.end + 3].lstrip(" ")[:2] in ("'s", "’s")


def _likely(tense: str, published: PubDate | None,
            story: TimeExpression | None = None) -> When | None:
    """The day reading of a tense: news reports what happened on the publication day (past,
    perfect, present, no verb), or on the story day when the lead names an earlier one
    (`timeline.events.story`); future, infinitive and conditional events come after it."""
    if published is None:
        return None
    iso, grain = published.iso(), published.grain
    if tense in ("future", "hypothetical"):
        return When(iso, published.latest + _DAY, None, grain, "tense", "AFTER")
    if story is not None and tense in _STORY_TENSES:
        return _story_when(story)
    return When(iso, published.earliest, published.latest, grain, "tense")


def _narrative_when(expr: TimeExpression) -> When:
    """The interval of a day the story last named, with its mod (derived "narrative")."""
    return When(expr.value, expr.earliest, expr.latest, expr.granularity, "narrative", expr.mod)


def _story_when(story: TimeExpression) -> When:
    return When(story.value, story.earliest, story.latest, story.granularity, "narrative")


def date_mention(ctx: DocContext, sentence: Sentence, start: int, end: int,
                 shape: MentionShape, naming: Sequence[Cue] = (), *,
                 narrative: bool = True, likely: bool = False,
                 story: TimeExpression | None = None) -> Dating:
    """The date of the mention `start`..`end` of `sentence` (see the module docstring).

    A noun after "the eve of" ("this is the eve of the Pope's visit", "on Sunday, the eve of
    the summit") happens the day after the day its clause names, unless a date stands
    between the two ("the eve of Monday's summit").
    """
    dating = _date_mention(ctx, sentence, start, end, shape, naming, narrative=narrative,
                           likely=likely, story=story)
    when = dating.when
    eve = _eve_of(ctx, sentence, start) if shape.nominal else None
    if eve is None or when is None or when.start is None or when.start != when.end \
            or (dating.expression is not None and eve <= dating.expression.start < start):
        return dating
    day = when.start + _DAY
    return Dating(When(day.isoformat(), day, day, "day", when.derived), dating.expression,
                  dating.tense, dating.passive)


def _eve_of(ctx: DocContext, sentence: Sentence, start: int) -> int | None:
    """The offset of "eve" when the words right before the mention are "eve of" and at most
    three more ("the eve of the Pope's [[visit]]")."""
    before = [t for t in tokens_around(ctx, sentence, start) if t.end <= start][-6:]
    words = [t.lower for t in before]
    for k in range(len(words) - 1):
        if words[k] == "eve" and words[k + 1] == "of":
            return before[k].start
    return None


def _date_mention(ctx: DocContext, sentence: Sentence, start: int, end: int,
                  shape: MentionShape, naming: Sequence[Cue] = (), *,
                  narrative: bool = True, likely: bool = False,
                  story: TimeExpression | None = None) -> Dating:
    """`date_mention` without its "eve of" reading.

    With `likely`, a clause with no date of its own gets its most likely day rather than the
    bounds its tense sets: the publication day for past, perfect and present, the days after
    it for future and conditional ("would", "could") events (`_likely`). Event extraction
    keeps the bounds ("has toured" -> on or before the publication date); `timeline.anchor`
    gives the likely day. `story` is the document's story day (`timeline.events.story`), the
    likely day of its undated past clauses and reporting verbs.
    """
    scope = scope_of(ctx, sentence, start, end, naming)
    heading = ctx.heading_at(start)
    if heading is not None:  # only the entry's own expressions, not the next entry's date
        scope = [e for e in scope if heading[0] <= e.start and e.end <= heading[1]]
    if _reporting(ctx, start, end, shape):
        # "said Friday", "on Friday he said": not the dates of what was said
        scope = [e for e in scope if e.end <= start or e.start - end <= _SAID_REACH
                 or _object_only(ctx, sentence, end, e)]
    changed = [e for e in scope if _changed_from(ctx, sentence, e)]
    scope = [e for e in scope if not _reduced_relative(ctx, sentence, end, e)
             and e not in changed]
    tense, passive = mention_tense(ctx, sentence, start, end, shape, scope)
    if tense == "future" and not _reporting(ctx, start, end, shape):
        # "said on Monday he would visit Paris in April": Monday is the saying's day
        own = [e for e in scope if not _said_on(ctx, sentence, e, start)]
        scope = own if own else scope
    governed = False
    if likely:
        irrealis = _irrealis(ctx, sentence, start, shape, tense)
        governed, tense = irrealis != tense and irrealis == "future", irrealis
    elif _unrealized(ctx, sentence, start, shape) or _habitual(ctx, sentence, start, end, shape):
        tense = "hypothetical"
    elif shape.nominal and tense == "future":
        # "is expected to come up at a meeting on Thursday": the noun's own date is to come
        seg_start, _ = ctx.segment(sentence, start, end)
        governed = _governed_future([t for t in tokens_around(ctx, sentence, start)
                                     if seg_start <= t.start and t.end <= start], ctx.lex)
    published = ctx.published
    if published is not None and _present_now(ctx, sentence, start, shape, tense):
        # "who arrived in 1961, believes", "are now poised": a state of now, not of then
        scope = [e for e in scope if e.latest is None or e.latest >= published.earliest]
    # A noun's clause verb does not date the noun: "the offer to host it in 2027 was welcomed";
    # its own governor does: "demanding on Saturday the return of" (not on Saturday).
    clause = _when_clause(ctx, sentence, start)
    if clause is not None:  # "Thursday, when 40 were arrested, ...": its day, unless its own
        day, (a, b) = clause
        scope = [e for e in scope if a <= e.start and e.end <= b] or [day]
    explicit = explicit_when(scope, (start, end),
                             "unknown" if shape.nominal and not governed else tense, published)
    if explicit is None and heading is not None:
        # a chronology entry ("June 8 - Western and Arab nations meet the rebels"): its date,
        # whatever the tense (entries are written in the present)
        explicit = explicit_when([heading[2]], (start, end), "unknown", published)
    if explicit is not None:
        when, dated_by = explicit
        if not likely and tense in ("past", "perfect") and not _reporting(ctx, start, end, shape) \
                and when.start is not None and when.end is not None \
                and _said_on(ctx, sentence, dated_by, start):
            # "rebels Saturday said they had launched a push": on or before the saying
            when = When(when.value, None, when.end, when.granularity, "explicit", "ON_OR_BEFORE")
        elif not likely and tense in ("past", "perfect") and when.end is not None \
                and _coordinated_after(ctx, sentence, end, dated_by):
            # "had returned from Mexico and was diagnosed at the weekend": the weekend is the
            # diagnosis's; the return came on or before it
            when = When(when.value, None, when.end, when.granularity, "explicit", "ON_OR_BEFORE")
        return Dating(when, dated_by, tense, passive)
    if changed and not likely:
        # "the summit was postponed from February": no longer then, and not yet dated
        return Dating(When(), None, tense, passive)
    if published is not None and tense == "past" and _reporting(ctx, start, end, shape) \
            and (likely or not _pluperfect(ctx, sentence, start, shape)
                 and not _past_time_clause(ctx, sentence, shape.verb_start or start)):
        # (a reporting verb in a time clause, "when Obama announced ..., the Republicans
        # cried foul", is no report of the day: on or before it, by its tense)
        expr = narrative_expression(ctx, sentence, start, published) if likely else None
        if expr is not None and expr.earliest is not None \
                and (published.earliest - expr.earliest).days == 1:
            # "He lashed out on Sunday night ... He said": the day before, as the story's
            return Dating(_narrative_when(expr), expr, tense, passive)
        if likely and story is not None:
            return Dating(_story_when(story), story, tense, passive)
        iso, grain = published.iso(), published.grain
        return Dating(When(iso, published.earliest, published.latest, grain, "publication"),
                      None, tense, passive)
    if narrative and tense == "past":
        expr = narrative_expression(ctx, sentence, start, published, possessive=likely,
                                    today=not likely
                                    and not _pluperfect(ctx, sentence, start, shape))
        if expr is not None:
            return Dating(_narrative_when(expr), expr, tense, passive)
    if likely:
        return Dating(_likely(tense, published, story), None, tense, passive)
    said = _said_day(ctx, sentence, start) if tense == "future" else None
    if said is not None:
        # "said on Monday he expected to hold talks": after the saying, not on it
        return Dating(When(said.value, said.earliest, None, said.granularity, "explicit",
                           "ON_OR_AFTER"), said, tense, passive)
    return Dating(tense_when(tense, published), None, tense, passive)


def _said_day(ctx: DocContext, sentence: Sentence, start: int) -> TimeExpression | None:
    """The day, before the publication day, of a reporting verb standing before the mention
    at `start` in its sentence ("said on Monday", "Monday said"), else None."""
    published = ctx.published
    if published is None or published.grain != "day":
        return None
    for expr in reversed(ctx.expressions_in(sentence.start, start)):
        if expr.type in ("DATE", "TIME") and not expr.latent \
                and expr.granularity in ("day", "part_of_day", "hour", "minute", "second") \
                and expr.earliest is not None and expr.earliest == expr.latest \
                and expr.earliest < published.earliest and not ctx.in_quote(expr.start) \
                and (_said_on(ctx, sentence, expr, start) or any(
                    t.lower in ctx.lex.saying.dating and t.text.islower() and expr.end <= t.start
                    for t in tokens_around(ctx, sentence, start) if t.end <= start)):
            return expr
    return None


def _object_only(ctx: DocContext, sentence: Sentence, end: int, expr: TimeExpression) -> bool:
    """True when only a noun phrase stands between a reporting verb ending at `end` and `expr`
    ("announced U.S. recognition of the rebels on Friday"): no verb, no clause, so the date is
    the verb's, not that of something said. Only a day ("on Friday", "yesterday"): "an
    eighteen percent drop in profits for the fourth quarter" names the object's period."""
    lex = ctx.lex
    if (expr.signal or "on").lower() not in ("on", "at") \
            or expr.granularity not in ("day", "part_of_day", "hour", "minute", "second"):
        return False
    between = [t for t in tokens_around(ctx, sentence, end) if end <= t.start and t.end <= expr.start]
    for tok in between:
        word = tok.lower
        if not tok.is_word or word in lex.clause_openers or word in lex.auxiliaries \
                or word == "to" or word in lex.irregular_past or word in lex.present_verbs \
                or tok.text.islower() and _form(word, ctx) in ("past", "ing"):
            return False
    return True


def _coordinated_after(ctx: DocContext, sentence: Sentence, end: int,
                       expr: TimeExpression) -> bool:
    """True when `expr`, after the mention ending at `end`, follows a second verb joined to
    the mention's by "and" ("returned from Mexico and was diagnosed at the weekend")."""
    if expr.start < end:
        return False
    lex = ctx.lex
    between = [t for t in tokens_around(ctx, sentence, end)
               if end <= t.start and t.end <= expr.start]
    for k, tok in enumerate(between[:-1]):
        if tok.lower != "and":
            continue
        words = [t for t in between[k + 1:] if t.lower not in lex.adverbs]
        if not words or not words[0].text.islower():
            continue
        word = words[0].lower
        if word in lex.auxiliaries or word in lex.irregular_past \
                or _form(word, ctx) == "past":
            return True
    return False


#: How many words before "from X" a verb of change may stand (as the tagger reads it).
_CHANGE_REACH = 5


def _changed_from(ctx: DocContext, sentence: Sentence, expr: TimeExpression) -> bool:
    """True for the old date of a change ("was postponed from February", "moved the vote from
    Monday to Friday"): an expression after "from" with a verb of change (the tagger's
    vocabulary `change_verb`) a few words before it. The event is no longer then."""
    if (expr.signal or "").lower() != "from":
        return False
    grammar = load_grammar()
    words = [t.text for t in tokens_around(ctx, sentence, expr.start)
             if t.end <= expr.start and t.is_word][-_CHANGE_REACH - 1:]
    return any(grammar.lookup("change_verb", w) for w in words)


def _said_on(ctx: DocContext, sentence: Sentence, expr: TimeExpression, start: int) -> bool:
    """True when `expr`, before the mention at `start`, dates a reporting verb that also stands
    before the mention ("Saturday said they had", "said on Saturday that"): the day of the
    saying, which what was said happened on or before."""
    if expr.end > start:
        return False
    words = [t for t in tokens_around(ctx, sentence, start) if t.end <= start]
    for tok in words:
        if tok.lower in ctx.lex.saying.dating and tok.text.islower() and (
                0 <= tok.start - expr.end <= _SAID_REACH or 0 <= expr.start - tok.end <= _SAID_REACH):
            return True
    return False


def _reduced_relative(ctx: DocContext, sentence: Sentence, end: int,
                      expr: TimeExpression) -> bool:
    """True when `expr`, after the mention ending at `end`, dates a participle hung on a noun
    between them ("leaving the index near its record high [set] on Aug. 6", "the law [passed]
    in 1990"): the participle's date, not the mention's."""
    if expr.start < end:
        return False
    lex = ctx.lex
    between = [t for t in tokens_around(ctx, sentence, end) if end <= t.start and t.end <= expr.start]
    if between and between[-1].lower in ("on", "in", "at", "during"):
        between = between[:-1]
    if len(between) < 2:
        return False
    verb, noun = between[-1], between[-2]
    participle = _form(verb.lower, ctx) == "past" or verb.lower in lex.base_participles
    return verb.text.islower() and participle \
        and noun.is_word and noun.text.islower() and noun.lower not in lex.auxiliaries \
        and noun.lower not in lex.person_pronouns and noun.lower not in lex.plural_pronouns \
        and noun.lower not in ("i", "we", "you", "it", "who", "which", "that", "and", "or",
                               "not", "never", "also", "then")


def _present_now(ctx: DocContext, sentence: Sentence, start: int, shape: MentionShape,
                 tense: str) -> bool:
    """True for a verb plainly in the present: a "-s" form after its subject ("she
    believes", "Castro, who arrived in 1961, believes") or a participle after "is"/"are"
    ("are now poised", "is charged"). A bare form ("they say", "read Wednesday") is left
    alone: it is as often a past form or a verb of reported speech."""
    if shape.nominal or tense not in ("present", "progressive") or shape.verb_start is None:
        return False
    lex = ctx.lex
    tokens = tokens_around(ctx, sentence, start)
    before = [t for t in tokens if t.end <= shape.verb_start and t.lower not in lex.adverbs
              and not (t.lower.endswith("ly") and len(t.lower) > 4) and t.lower != "not"]
    prev = before[-1].lower if before else ""
    if shape.form == "s":
        return prev in lex.person_pronouns or prev in _RELATIVE or prev == ","
    return shape.form in ("past", "participle", "ing") and prev in lex.be_present


def _when_clause(ctx: DocContext, sentence: Sentence,
                 start: int) -> tuple[TimeExpression, tuple[int, int]] | None:
    """For a mention inside a "when" clause hung on a date ("Thursday, when 133 people were
    arrested and police fired tear gas, ..."): that date and the clause's offsets (from
    "when" to the next comma)."""
    tokens = tokens_around(ctx, sentence, start)
    before = [t for t in tokens if t.end <= start]
    for k in range(len(before) - 1, 0, -1):
        word = before[k].lower
        if word in (";", ":", "--", "—"):
            return None
        if word == "when" and before[k - 1].text == ",":
            comma = before[k - 1].start
            day = next((e for e in ctx.expressions_in(sentence.start, comma)
                        if e.end >= comma - 1 and e.type in ("DATE", "TIME")), None)
            if day is None:
                return None
            end = next((t.start for t in tokens if t.start >= start and t.text == ","),
                       sentence.end)
            return day, (before[k].start, end)
    return None


#: Tenses whose likely day is the story day (a present clause is news of the publication day).
_STORY_TENSES = frozenset({"past", "perfect"})
_IRREALIS_BEFORE = frozenset({"if", "unless", "when", "once", "until", "should"})
#: Modals of a guess: "<modal> be <verb>-ing" is about now ("must be dreaming").
_EPISTEMIC = frozenset({"must", "may", "might"})


def _irrealis(ctx: DocContext, sentence: Sentence, start: int, shape: MentionShape,
              tense: str) -> str:
    """"future" for an infinitive governed by a word of intention, attempt or agreement ("are
    fighting to keep", "urged its people to join", "wants the statue to be removed": see
    `timeline.events.modality`) and for a bare verb after "if"/"when"/"unless" ("if they
    lose"); "present" for a bare verb after its subject ("they say"); the clause tense
    otherwise (a purpose clause, "gathered on Monday to protest", is dated with the clause:
    TimeBank and AQUAINT do so)."""
    tokens = tokens_around(ctx, sentence, start)
    before = [t for t in tokens if t.end <= start]
    words = [t.lower for t in before if not (t.lower in ctx.lex.adverbs)]
    kept = [t.lower for t in before if t.lower not in ctx.lex.adverbs or is_negation(t.lower)]
    if tense == "hypothetical" and _refused(kept, ctx.lex.modal | ctx.lex.future):
        return "past"  # "would not comment", "could not be reached": a refusal, now
    verb = next((t.lower for t in tokens if t.start == shape.verb_start), "")
    if tense == "hypothetical" and shape.form == "ing" and len(words) > 1 \
            and words[-1] == "be" and words[-2] in _EPISTEMIC:
        return "present"  # "must be dreaming", "may be hiding": a guess about now
    if tense == "hypothetical" and shape.form == "base" \
            and modal_state(verb, words, ctx.lex.modal):
        return "present"  # "I can confirm", "would like to", "may be in Mexico": a state, now
    if shape.nominal:
        return "future" if governed_noun(kept) else tense
    prev = words[-1] if words else ""
    if shape.form in ("past", "participle") and words[-2:] == ["to", "be"]:
        return "future" if governed_infinitive(kept[:-2]) else tense
    if shape.form in ("past", "participle") and subjunctive(kept):
        return "future"
    if shape.form != "base" and conditional(kept) and not _stative_form(verb):
        return "future"
    if shape.form != "base":
        return tense
    named = _names_as_one([t for t in before if t.lower not in ctx.lex.adverbs])
    if mandative([t.lower for t in named], _subject_size(named, ctx.lex)):
        return "future"  # "demanded that Mr Assad resign"
    if prev == "to":
        if performative(verb, words):
            return "present"  # "I want to thank": said, so done, now
        return "future" if governed_infinitive(kept[:-1]) else tense
    if prev in ctx.lex.auxiliaries or prev in (",", "and", "or", "but"):
        return tense
    if set(words[-4:]) & _IRREALIS_BEFORE:
        return "future"
    return "present"


#: Words that end the search for the infinitive a verb after "and"/"or" is joined to.
_JOIN_STOPS = frozenset({".", ";", ":", "--", "that", "which", "who", "but", "because"})
#: How many words back that infinitive may stand.
_JOIN_REACH = 14


def _unrealized(ctx: DocContext, sentence: Sentence, start: int, shape: MentionShape) -> bool:
    """True for a verb whose event the text only wishes, needs, tries or urges, or nearly
    reaches (`[unrealized]` of `data/en/events/modality.toml`): "needed more votes to [[pass]]",
    "urged him to [[resign]]", "needs to unite behind the plan, and [[impose]]", "all he had to
    do was [[resign]]", "moving closer to [[declaring]]". Event extraction drops it."""
    if shape.nominal or shape.verb_start is None:
        return False
    lex = ctx.lex
    tokens = tokens_around(ctx, sentence, start)
    kept = _names_as_one([t for t in tokens if t.end <= start and t.lower not in lex.adverbs])
    words = [t.lower for t in kept]
    verb = next((t.lower for t in tokens if t.start == shape.verb_start), "")
    prev = words[-1] if words else ""
    if shape.form == "ing":
        if prevented_gerund(words):
            return True  # "barred the envoy from travelling": kept from happening
        return prev in ("to", "of") and len(words) > 1 and words[-2] in modality().approach
    if words[-2:] == ["to", "be"]:
        # a passive infinitive: "still has to be [[ratified]]", "has yet to be [[approved]]"
        return wished_infinitive(words[:-2])
    if shape.form != "base":
        return False
    if mandative(words, _subject_size(kept, lex)):
        return True  # "demanded that Mr Assad resign": a demand, not an event
    if prev in lex.be_present | lex.be_past and verb not in lex.base_participles \
            and prev not in ("'s", "’s"):
        return True  # "all he had to do was resign": a base form after "was"
    if prev == "to":
        plans = modality().plans  # ("expected" is an adverb of the lexicon: "as expected")
        planned = [t.lower for t in tokens
                   if t.end <= start and (t.lower not in lex.adverbs or t.lower in plans)]
        after = [t.lower for t in tokens if t.start > start]
        return wished_infinitive(words[:-1]) or cancelled_plan(planned, after)
    if prev not in ("and", "or"):
        return False
    for k in range(len(words) - 2, max(len(words) - _JOIN_REACH, 0) - 1, -1):
        word = words[k]
        if word in _JOIN_STOPS or word in lex.auxiliaries:
            return False
        if word == "to" and k + 1 < len(words) - 1 and words[k + 1] not in lex.determiners:
            return wished_infinitive(words[:k])
    return False


#: Words after which a set of times ("weekly") is still the clause's, not an adjective.
_AFTER_SET = frozenset({"in", "on", "at", "for", "and", "or", "since", "until", "to", "from",
                        "with", "by", "as", "during", "but", "so"})


def _habitual(ctx: DocContext, sentence: Sentence, start: int, end: int,
              shape: MentionShape) -> bool:
    """True for a habit, not an event (`[habitual]` of `modality.toml`): a verb with an adverb
    of habit in its verb group or right after it ("usually meets", "has always insisted",
    "meets regularly"), or followed in its own clause by a set of times that is no adjective
    of another noun ("meet once a year", "visits Lagos annually"; not "in a weekly statement",
    nor "attacks every day since the deal was announced"), or a noun right after such a set
    ("his daily trips"). Event extraction drops it."""
    sets = [e for e in ctx.expressions_in(sentence.start, sentence.end) if e.type == "SET"
            and _read_quote(ctx, e.start) == _read_quote(ctx, start)]
    if shape.nominal or shape.verb_start is None:
        return any(start <= e.start < end or e.end <= start
                   and not ctx.text[e.end:start].strip() for e in sets)
    lex, adverbs = ctx.lex, modality().habitual_adverbs
    tokens = tokens_around(ctx, sentence, start)
    for tok in reversed([t for t in tokens if t.end <= shape.verb_start]):
        if tok.lower in adverbs:
            return True
        if tok.lower not in lex.auxiliaries and tok.lower not in lex.adverbs \
                and not (tok.lower.endswith("ly") and len(tok.lower) > 4) and tok.lower != "not":
            break
    after = [t for t in tokens if t.start >= end]
    if after and after[0].lower in adverbs:
        return True
    _, b = segment_of(ctx.fine(sentence), start, end)
    for expr in sets:
        if expr.start < end or expr.end > b:
            continue
        between = [t for t in after if t.end <= expr.start]
        if any(not t.is_word or t.lower in lex.subordinators or t.lower in lex.clause_openers
               for t in between) or len(between) > 8:
            continue
        nxt = next((t for t in after if t.start >= expr.end), None)
        if nxt is None or not nxt.is_word or not nxt.text.islower() or nxt.lower in _AFTER_SET:
            return True
    return False


def _names_as_one(tokens: Sequence[Token]) -> list[Token]:
    """`tokens` with a name of several capitalized words kept as its last word ("Kenyan
    leader William Ruto" -> "Kenyan leader Ruto") and a possessive "'s" left out, so a name
    counts as one word of reach."""
    kept = [t for k, t in enumerate(tokens)
            if not (t.is_capitalized and k + 1 < len(tokens) and tokens[k + 1].is_capitalized)]
    # a possessive split off ("Syria ' s leader"): one word with its owner
    return [t for k, t in enumerate(kept) if not (t.text in ("'", "’") and k + 1 < len(kept)
                                                  and kept[k + 1].text == "s")
            and not (t.text == "s" and k > 0 and kept[k - 1].text in ("'", "’"))]


def _subject_size(before: Sequence[Token], lex: Lexicon) -> int:
    """How many of the last words of `before` are the subject a bare verb after them would
    have as a demand (`modality.mandative`): "he", "she", "it" or a name (1), "the" and a
    singular noun (2); 0 for anything else ("they", "the troops": a plain present)."""
    if not before:
        return 0
    last = before[-1]
    if last.lower in ("he", "she", "it") or last.is_capitalized and last.is_word \
            and last.lower != "i" and not last.is_possessive:
        return 1
    if len(before) > 1 and before[-2].lower in ("the", "his", "her", "its") \
            and last.text.islower() and last.is_word and not last.lower.endswith("s"):
        return 2
    return 0


def _stative_form(verb: str) -> bool:
    """True for an "-s" or past form of a verb of wanting or knowing ("if he wishes", "if
    they wanted": `[conditional] states`), which a condition does not put off."""
    statives = modality().condition_states
    return verb.endswith(("s", "ed")) and (verb[:-1] in statives or verb[:-2] in statives)


def _refused(words: Sequence[str], modals: frozenset[str]) -> bool:
    """True when the verb group before a verb (`words`) is a negated modal ("would not",
    "could not be", "cannot", "won't"; `modals`: the lexicon's modal and future auxiliaries)."""
    group = [w for w in words[-3:] if w not in ("be", "have", "been")]
    if not group:
        return False
    last = group[-1]
    if last in ("cannot", "can't", "can’t") or (last.endswith(("n't", "n’t"))
                                               and last[:-3].rstrip("’'") not in ("do", "does")):
        return True
    return last in ("not", "never") and len(group) > 1 and group[-2] in modals


def relate(own: When | None, ref: When, direction: str) -> When | None:
    """The interval of a mention after (or before, until, since) a mention dated `ref`,
    narrowed by its own interval `own`; None when the two do not meet."""
    return relation_when(ref, direction, own)
