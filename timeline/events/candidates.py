"""One event candidate per trigger: arguments, tense, explicit anchor and title."""

from __future__ import annotations

import re
from collections.abc import Sequence

from attrs import define

from timeline.events.arguments import (
    Arguments,
    Cue,
    attribution,
    blocked,
    coordinate_bounds,
    find_arguments,
    is_nominal,
)
from timeline.events.context import DocContext
from timeline.events.dating import MentionShape, date_mention
from timeline.events.places import Place
from timeline.events.resources import Lexicon
from timeline.events.text import Sentence, Token
from timeline.events.titles import (
    TitleParts,
    clean_np,
    join_names,
    make_title,
    participle,
    place_names,
    predicate,
    quote,
    tail_text,
    venue,
)
from timeline.events.triggers import TriggerMatch, TriggerSet
from timeline.model import TimeExpression, When

__all__ = ["Candidate", "build_candidate", "plural_predicate"]


@define
class Candidate:
    """An event under construction (mutable while anchoring and de-duplicating)."""

    match: TriggerMatch
    sentence: Sentence
    nominal: bool
    tense: str
    args: Arguments
    when: When | None
    expression: TimeExpression | None
    cues: tuple[Cue, ...]
    parts: TitleParts
    title: str
    participants: list[str]
    places: list[Place]

    @property
    def type(self) -> str:
        return self.match.entry.type

    @property
    def others(self) -> set[str]:
        return set(self.participants) - set(self.args.agent_names)

    def retitle(self, templates: Sequence[str]) -> None:
        """Recompute the title after participants or places changed."""
        values = {s: getattr(self.parts, s) for s in _SLOTS}
        values["others"] = join_names([p for p in self.participants
                                       if p not in self.args.agent_names])
        values["places"] = place_names([p.name for p in self.places])
        self.parts = TitleParts(**values)
        self.title = make_title(templates, self.parts)


_SLOTS = ("agent", "others", "places", "predicate", "phrase", "subject", "participle", "venue",
          "quote")


def _finite(tok: Token, prev: Token | None, lex: Lexicon) -> bool:
    word = tok.lower
    if word in lex.auxiliaries or word in lex.irregular_past or word in lex.present_verbs:
        return True
    return (tok.text.islower() and word.endswith("ed") and len(word) > 4
            and (prev is None or prev.lower not in lex.determiners))


def _tail_end(ctx: DocContext, sentence: Sentence, match: TriggerMatch, nominal: bool,
              matches: Sequence[TriggerMatch], cues: Sequence[Cue],
              agents: Sequence[str] = ()) -> int:
    """Where the words after the trigger stop belonging to its title: the clause end, the
    next trigger or relation cue, a relative clause, a comma before a preposition, the agent
    named after its verb ("'' warned General Ana Ruiz"), and for a noun the verb of its
    clause."""
    _, seg_end = ctx.segment(sentence, match.start, match.end)
    stops = [seg_end] + [m.start for m in matches if m.start > match.start]
    stops += [match.end for m in ctx.persons(match.end, seg_end) if m.name in agents
              and all(w[:1].isupper() for w in ctx.text[match.end:m.start].split())
              and not _POSSESSED.match(ctx.text, m.end)]
    stops += [c.start for c in cues if c.start >= match.end]
    stops.append(coordinate_bounds(ctx, sentence, match.start)[1])  # "..., and the Bank of Japan"
    after = [t for t in ctx.tokens(sentence) if t.start >= match.end]
    for k, tok in enumerate(after):
        if tok.lower in ctx.lex.clause_openers and k > 0 or tok.text == "," and k + 1 < len(after) and after[k + 1].lower in _COMMA_STOPS or nominal and _finite(tok, after[k - 1] if k else None, ctx.lex):
            stops.append(tok.start)
        elif tok.text == "," and attribution(after[k + 1:], ctx.lex):
            stops.append(tok.start)  # "..., Finance Minister Dominic LeBlanc said on Monday"
    return min(stops)


_POSSESSED = re.compile(r" ?['’]s\b")
_COMMA_STOPS = {"from", "to", "in", "on", "at", "with", "for", "by", "including", "while", "as",
                "after", "before", "amid", "despite", "following"}


def _after_be(before: str, lex: Lexicon) -> bool:
    """True when the last word of `before` (adverbs skipped: "was firmly") is a form of "be"."""
    for word in reversed(re.findall(r"[a-z’']+", before.lower())):
        if word in lex.adverbs or word.endswith("ly") and len(word) > 4:
            continue
        return word in lex.be_present | lex.be_past | lex.be_other
    return False


def _requirements_met(match: TriggerMatch, args: Arguments, before: str, lex: Lexicon) -> bool:
    entry = match.entry
    if "active" in entry.requires and match.has_verb and _after_be(before, lex):
        return False  # "is committed to": a state
    if "location" in entry.requires and not args.places:
        return False
    if "participant" in entry.requires and not set(args.participants) - set(args.agent_names):
        return False
    if "person_agent" in entry.requires and not args.agent_names:
        return False
    if entry.subject:
        # the noun phrase before the trigger, in the clause or just before a relative pronoun
        words = re.findall(r"[a-z]+", before.lower())[-8:]
        return any(word in words for word in entry.subject)
    return True


def _plural(args: Arguments, opening: bool = False) -> bool:
    """True for "Carney and Xi", "they", "The two leaders", "Leaders" opening the sentence
    (`opening`: the agent is its first word and no place) (not "The U.S.", "Ottawa")."""
    agent = args.agent or ""
    words = agent.split()
    last = words[-1] if words else ""
    if opening and len(words) == 1 and last[1:].islower():
        last = last.lower()  # "Leaders met": capital only as the sentence's first word
    return (" and " in agent or agent.lower() in ("they", "we") or not args.agent_names
            and last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "is")))


#: How many words of its object a gerund subject may have after the trigger.
_GERUND_REACH = 6


def _gerund_subject(ctx: DocContext, sentence: Sentence, match: TriggerMatch) -> bool:
    """True for a gerund that is the subject of its clause ("Raising interest rates would not
    help", "said cutting rates now was a mistake"): an action talked about, no event. The
    gerund opens its clause (no word before it but a verb of saying or "that") and its
    object runs, without punctuation, into an auxiliary or a modal."""
    if match.form != "ing" or match.verb_start is None:
        return False
    lex = ctx.lex
    tokens = ctx.tokens(sentence)
    before = [t for t in tokens if t.end <= match.verb_start and t.lower not in lex.adverbs]
    if before and not (before[-1].lower == "that" or before[-1].lower in lex.saying.reported
                       and before[-1].text.islower()):
        return False
    after = [t for t in tokens if t.start >= match.end and t.lower not in lex.adverbs]
    for tok in after[:_GERUND_REACH]:
        if tok.lower in lex.modal or tok.lower in lex.future or tok.lower in lex.be_present \
                or tok.lower in lex.be_past:
            return True
        if not tok.is_word or tok.lower in ("and", "or", "but"):
            return False
    return False


def plural_predicate(predicate_text: str, match: TriggerMatch, triggers: TriggerSet,
                     agent: str) -> str:
    """`predicate_text` with its verb agreeing with `agent`, a plain subject put in by hand
    ("after rebels launched an uprising": "rebels launch"), when that subject is plural."""
    if match.lemma is None or not _plural(Arguments(agent, (), (), (), agent)):
        return predicate_text
    forms = triggers.forms(match.lemma)
    single, plural = forms["s"][0], forms["base"][0]
    if predicate_text.startswith(single + " ") or predicate_text == single:
        return plural + predicate_text[len(single):]
    return predicate_text


def _agent_text(args: Arguments) -> str:
    if not args.agent:
        return ""
    if args.agent_names:
        return args.agent
    words = args.agent.split()
    if words[0].lower() in ("and", "but") and len(words) > 1:
        words.pop(0)  # ", and lawmakers elected ...": the subject after the link
    if words[0].lower() in ("a", "an") and len(words) > 1:
        words.pop(0)
    return " ".join(words)


def build_candidate(ctx: DocContext, sentence: Sentence, match: TriggerMatch,
                    matches: Sequence[TriggerMatch], cues: Sequence[Cue],
                    previous: Sequence[str], naming: Sequence[Cue] = (), *,
                    narrative: bool = True) -> Candidate | None:
    """The candidate event for `match`, or None when it is negated, hypothetical or lacks
    what its entry requires. `cues` are the sentence's relation cues (their places and people
    are not the event's), `naming` those that name another event (their dates are not its)."""
    nominal = is_nominal(ctx, sentence, match)
    if blocked(ctx, sentence, match) or _gerund_subject(ctx, sentence, match):
        return None
    shape = MentionShape(nominal, None if nominal else match.verb_start,
                         None if nominal else match.form)
    dating = date_mention(ctx, sentence, match.start, match.end, shape, naming,
                          narrative=narrative)
    tense, passive = dating.tense, dating.passive
    if tense == "hypothetical":
        return None
    args = find_arguments(ctx, sentence, match, nominal, cues, previous, matches)
    seg_start, _ = ctx.segment(sentence, match.start, match.end)
    if not _requirements_met(match, args, ctx.text[seg_start:match.verb_start or match.start],
                             ctx.lex):
        return None
    when, expression = dating.when, dating.expression
    tail_end = _tail_end(ctx, sentence, match, nominal, matches, cues, args.agent_names)
    tail = tail_text(ctx.text, match.end, tail_end, ctx.expressions_in(match.end, tail_end),
                     ctx.lex.adverbs)
    words = match.text.split()
    while len(words) > 1 and words[0].lower() in ctx.lex.determiners:
        words.pop(0)
    exprs = ctx.expressions_in(sentence.start, sentence.end)
    plural = _plural(args, bool(args.agent) and ctx.text.startswith(args.agent or "",
                                                                    sentence.start)
                     and not any(p.start == sentence.start for p in ctx.places(sentence)))
    pred = "" if nominal else predicate(match, ctx.triggers, tail, passive, plural)
    place_text = place_names([p.name for p in args.places])
    where = venue(sentence.text)
    parts = TitleParts(
        agent=clean_np(args.subject, 0, ()) if passive and args.subject and not
        args.agent_names else _agent_text(args),
        others=join_names([p for p in args.participants if p not in args.agent_names]),
        places=place_text,
        predicate=pred,
        phrase=f"{' '.join(words)} {tail}".strip(),
        subject=clean_np(args.subject, ctx.text.find(args.subject, sentence.start), exprs)
        if args.subject else "",
        participle=participle(match, ctx.triggers) if passive else "",
        venue=where if where and where[3:] not in pred else "",
        quote=quote(sentence.text),
    )
    templates = list(match.entry.titles) + list(ctx.triggers.titles.get(match.entry.type, ()))
    return Candidate(match, sentence, nominal, tense, args, when, expression, tuple(cues),
                     parts, make_title(templates, parts), list(args.participants),
                     list(args.places))
