"""Who and where: the agent, participants and locations of a trigger; cues that cancel it.

- The *agent* of a verb is the nearest person (or he/she/they) before it in its clause, else
  the subject of the main clause ("Speaking at X, he ...", "..., warning: ..."); of a verb
  after a relative "who"/"that", its antecedent ("a toddler who traveled", "Omar Haftar, the
  army's envoy, who traveled"), and the people of the main clause are no participants; of a noun, its
  possessor ("Carney's visit", "his meetings"). Pronouns resolve to the first person of the
  closest sentence naming one; "they" to the participants of the previous event. When the
  subject is not a person ("Ottawa has announced") its words become the agent of the title.
- *Participants* are the agent and the other people of the trigger's clause (for meetings and
  agreements with nobody else there, of the whole sentence).
- *Locations* are the places of the trigger's clause, minus a place that is the subject
  ("Ottawa has announced": metonymy), the possessor of another place ("Canada's Arctic") and
  places inside a relation cue ("after his return from the Arctic").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from attrs import frozen

from timeline.events.context import DocContext
from timeline.events.modality import reported_would
from timeline.events.people import PersonMention
from timeline.events.places import Place
from timeline.events.resources import Lexicon, people_words
from timeline.events.text import Sentence, Token, token_after, token_index
from timeline.events.triggers import TriggerMatch

__all__ = ["Arguments", "Cue", "attribution", "blocked", "coordinate_bounds", "find_arguments", "is_nominal",
           "relation_cues"]

_WINDOW = 6
_CONDITIONAL = {"if", "unless", "whether", "should"}
_NOMINATIVE = {"he", "she", "they"}
_NEUTER = {"its"}
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")


@frozen
class Cue:
    """A relation cue: "after"/"before" and the noun phrase it governs (offsets)."""

    direction: str
    start: int
    np_start: int
    np_end: int

    def covers(self, offset: int) -> bool:
        return self.start <= offset < self.np_end


@frozen
class Arguments:
    """The agent (as printed in titles), participants (full names) and places of an event."""

    agent: str | None
    agent_names: tuple[str, ...]
    participants: tuple[str, ...]
    places: tuple[Place, ...]
    subject: str | None


def _before(ctx: DocContext, sentence: Sentence, offset: int) -> list[Token]:
    return [t for t in ctx.tokens(sentence) if t.end <= offset]


def _joined(tokens: Sequence[Token]) -> list[Token]:
    """`tokens` with a possessive ending split off by tokenization ("Gaddafi 's": "'" and
    "s") joined into one token "'s", possessive with an empty bare form."""
    out: list[Token] = []
    for tok in tokens:
        if tok.text == "s" and out and out[-1].text in ("'", "’") and out[-1].end == tok.start:
            out[-1] = Token(out[-1].text + "s", out[-1].start, tok.end)
        else:
            out.append(tok)
    return out


def is_nominal(ctx: DocContext, sentence: Sentence, match: TriggerMatch) -> bool:
    """True when the trigger is a noun ("Carney's visit", "the launch of", "a meeting")."""
    if not match.has_verb:
        return True
    if match.verb_start != match.start or match.form not in ("base", "s", "ing"):
        return False
    if match.form == "s":  # "the premier arrives": a noun only right after "the"/"his"
        before = _joined(_before(ctx, sentence, match.start))
        return bool(before) and (before[-1].lower in ctx.lex.determiners
                                 or before[-1].is_possessive)
    if match.form == "ing" and _with_object(ctx, sentence, match):
        return False  # "a resolution imposing an arms embargo": a participle, not a noun
    return _possessor(ctx, sentence, match.start) is not None


def _with_object(ctx: DocContext, sentence: Sentence, match: TriggerMatch) -> bool:
    """True when a determiner or a name follows the verb of the trigger ("imposing an arms
    embargo", "meeting his counterpart", "visiting Tunis"): a noun takes "of" instead."""
    end = match.verb_end if match.verb_end is not None else match.end
    after = token_after(ctx.tokens(sentence), end)
    return bool(after) and (after[0].lower in ctx.lex.determiners
                            or after[0].is_capitalized and bool(ctx.persons(after[0].start,
                                                                            sentence.end)))


def _possessor(ctx: DocContext, sentence: Sentence, offset: int) -> Token | None:
    """The determiner or possessive before a noun at `offset`, over up to three adjectives
    ("Carney's first official meeting")."""
    lex = ctx.lex
    for tok in reversed(_joined(_before(ctx, sentence, offset)[-5:])[-4:]):
        if tok.lower in lex.determiners or tok.is_possessive:
            return tok
        if not (tok.text.islower() and tok.is_word and tok.lower not in lex.function_words
                and tok.lower not in lex.auxiliaries and tok.lower != "to"):
            return None
    return None


def blocked(ctx: DocContext, sentence: Sentence, match: TriggerMatch) -> bool:
    """True when a negation or a hypothetical cue comes shortly before the trigger."""
    seg_start, _ = ctx.segment(sentence, match.start, match.end)
    window = [t for t in _before(ctx, sentence, match.start) if t.start >= seg_start][-_WINDOW:]
    joins = [k for k in range(len(window) - 1)
             if window[k].text == "," and window[k + 1].lower in ("and", "but")]
    if joins:  # "said it could not be built on ..., and condemned": the cue is the other verb's
        window = window[joins[-1] + 1:]
    cues = ctx.lex.negation | ctx.lex.hypothetical
    first = ctx.tokens(sentence)[:1]
    if first and first[0].lower in _CONDITIONAL:
        return True  # "If the talks succeed, ..."
    words = [t.lower for t in _before(ctx, sentence, match.start)
             if t.lower not in ctx.lex.adverbs or t.lower in ctx.lex.negation]
    if reported_would(words, ctx.lex.saying.dating | ctx.lex.saying.clauses):
        # "said the president would attend": a plan reported, to come
        window = [t for t in window if t.lower not in ("would", "'d", "’d")]
    return any((t.lower in cues or t.lower.endswith("n't"))
               and (t.text.islower() or t.start == sentence.start) for t in window)


@functools.lru_cache(maxsize=8)
def _cue_pattern(after: tuple[str, ...], before: tuple[str, ...],
                 modifiers: frozenset[str]) -> re.Pattern[str]:
    """The relation cues as one pattern (built once per lexicon, not per sentence)."""
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                     for w in sorted(after + before, key=len, reverse=True))
    mods = "|".join(sorted(modifiers))
    return re.compile(rf"\b(?:(?:{mods})\s+)?({words})\s+", re.IGNORECASE)


def relation_cues(ctx: DocContext, sentence: Sentence) -> list[Cue]:
    """Relation cues of a sentence with the noun phrase each governs."""
    lex = ctx.lex
    pattern = _cue_pattern(lex.after, lex.before, lex.cue_modifiers)
    cues = []
    for m in pattern.finditer(sentence.text):
        rest = sentence.text[m.end():]
        stop = re.search(r"[,.;:—–()\"“”]", rest)
        np_end = m.end() + (stop.start() if stop else len(rest))
        words_in = list(re.finditer(r"\S+", sentence.text[m.end():np_end]))[:8]
        if words_in:
            np_end = m.end() + words_in[-1].end()
        direction = "before" if m.group(1).lower() in lex.before else "after"
        cues.append(Cue(direction, sentence.start + m.start(), sentence.start + m.end(),
                        sentence.start + np_end))
    return cues


def _resolve(ctx: DocContext, sentence: Sentence, offset: int, depth: int = 0) -> str | None:
    """The person a singular pronoun at `offset` stands for: a subject-like name earlier in
    its sentence, else the first subject-like name or pronoun of the closest sentence that has
    one (a pronoun there is resolved in turn)."""
    tokens = ctx.tokens(sentence)
    same = [m for m in ctx.persons(sentence.start, offset) if _subject_like(ctx, tokens, m.start)]
    if same:
        return same[0].name
    for prev in reversed(ctx.sentences[max(0, sentence.index - 6):sentence.index]):
        words = ctx.tokens(prev)
        people: list[tuple[int, str | None]] = [
            (m.start, m.name) for m in ctx.persons(prev.start, prev.end)
            if _subject_like(ctx, words, m.start)]
        pronouns: list[tuple[int, str | None]] = [
            (t.start, None) for t in words if t.lower in ctx.lex.person_pronouns]
        first = min(people + pronouns, key=lambda p: p[0], default=None)
        if first is None:
            continue
        if first[1] is not None:
            return first[1]
        return _resolve(ctx, prev, first[0], depth + 1) if depth < 4 else None
    return None


def _subject_like(ctx: DocContext, tokens: Sequence[Token], start: int) -> bool:
    """False for a name right after a preposition or "and" ("meetings with Macron")."""
    before = [t for t in tokens if t.end <= start]
    return not before or before[-1].lower not in _PREPOSITIONS


_PREPOSITIONS = {"with", "to", "by", "of", "from", "for", "against", "between", "and", "or",
                 "about", "on", "at", "in", "than", "like", "alongside"}


def _possessive_at(ctx: DocContext, end: int) -> bool:
    """True for a name followed by a possessive ending, joined ("Gaddafi's") or split off
    by tokenization ("Gaddafi 's"), or a bare apostrophe ending a plural one ("Reuters'").

    Not `timeline.events.dating._possessive_date`, which requires the "s": after a date a bare
    apostrophe mostly closes a single quotation."""
    return _POSSESSIVE_AFTER.match(ctx.text, end) is not None


_POSSESSIVE_AFTER = re.compile(r" ?[’']s?(?![\w’'])")


def _modifier_at(ctx: DocContext, end: int) -> bool:
    """True when the name ending at `end` modifies the noun after it ("the Obama
    administration", "Assad forces"): the people.toml `modifier_nouns`."""
    match = _NEXT_WORD.match(ctx.text, end)
    return match is not None and match.group(1) in people_words().modifier_nouns


def _subject_span(ctx: DocContext, sentence: Sentence, head: int,
                  floor: int = 0) -> tuple[int, int] | None:
    """Offsets of the words between the clause start (or last comma; not before `floor`) and
    the verb group."""
    seg_start, _ = ctx.segment(sentence, head, head + 1)
    toks = [t for t in _before(ctx, sentence, head) if t.start >= max(seg_start, floor)]
    lex = ctx.lex

    def verb_group() -> None:
        while toks and (toks[-1].lower in lex.auxiliaries or toks[-1].lower in lex.adverbs
                        or toks[-1].lower in lex.future_before_to or toks[-1].lower == "to"):
            toks.pop()

    verb_group()
    if len(toks) >= 3 and toks[-1].lower in ("and", "or") and toks[-2].text.islower() \
            and (toks[-2].lower.endswith("ed") or toks[-3].lower in lex.auxiliaries):
        del toks[-2:]  # "the Fed has raised and then cut": the first verb is no subject
        verb_group()
    cuts = [k for k, t in enumerate(toks) if t.text == "," or t.lower in ctx.lex.clause_openers]
    if cuts:
        toks = toks[cuts[-1] + 1:]
    toks = [t for t in toks if t.is_word]
    if not toks or len(toks) > 8:
        return None
    return toks[0].start, toks[-1].end



def _owner_of(ctx: DocContext, sentence: Sentence, tok: Token) -> tuple[str | None,
                                                                         tuple[str, ...]]:
    if tok.lower in _NEUTER or tok.lower in ctx.lex.plural_pronouns:
        return None, ()  # "its monitoring mission", "their memoirs": never one person's
    if tok.lower in ctx.lex.possessives:
        name = _resolve(ctx, sentence, tok.start)
        return (ctx.people.short(name), (name,)) if name else (None, ())
    found = ctx.persons(tok.start, tok.end)
    if not tok.bare:  # "Gaddafi 's visit": the ending split off, its owner just before
        found = [m for m in ctx.persons(sentence.start, tok.start)
                 if not ctx.text[m.end:tok.start].strip()]
        if not found:
            words = _before(ctx, sentence, tok.start)[-1:]
            return (words[0].text, ()) if words else (None, ())
    if found:
        return ctx.people.short(found[-1].name), (found[-1].name,)
    return tok.bare, ()


def _owner(ctx: DocContext, sentence: Sentence, match: TriggerMatch,
           reported: int) -> tuple[str | None, tuple[str, ...]]:
    """Who a noun trigger belongs to: its possessor, else the first possessive of its clause
    ("His first official trip will include meetings with ..."), else the subject of its clause,
    a name or "he"/"she" ("he told a news conference during a visit"). The clause starts at
    `reported` when a verb of saying before it reports it."""
    lex = ctx.lex
    first = next((t for t in ctx.tokens(sentence) if t.start == match.start), None)
    if first is not None and first.lower in lex.possessives:
        return _owner_of(ctx, sentence, first)
    tok = _possessor(ctx, sentence, match.start)
    if tok is not None and (tok.is_possessive or tok.lower in lex.possessives):
        return _owner_of(ctx, sentence, tok)
    seg_start = max(ctx.segment(sentence, match.start, match.end)[0], reported)
    before = [t for t in _before(ctx, sentence, match.start) if t.start >= seg_start]
    for tok in before:
        if tok.lower in lex.possessives or (tok.is_possessive and ctx.persons(tok.start,
                                                                              tok.end)):
            return _owner_of(ctx, sentence, tok)
    # "Kishida will travel to Washington for talks with ...": the subject of the clause.
    subjects = [m for m in ctx.persons(seg_start, match.start)
                if not _possessive_at(ctx, m.end) and _subject_like(ctx, before, m.start)]
    if subjects:
        return ctx.people.short(subjects[0].name), (subjects[0].name,)
    who = next((t for t in reversed(before) if t.lower == "who"), None)
    inside = [t for t in before if who is not None and t.start > who.start]
    closed = [k for k, t in enumerate(inside) if t.text == ","]
    if closed:  # "Mark Carney, who won the race, is expected to be sworn in": the main verb's
        rest = inside[closed[-1] + 1:]  # subject, if the trigger is its verb group's
        owned = bool(rest) and all(t.lower in lex.auxiliaries or t.lower in lex.adverbs
                                   or t.lower in lex.future_before_to or t.lower == "to"
                                   for t in rest)  # not "who is, will block action that"
    else:
        owned = bool(inside) and inside[0].text.islower() \
            and inside[0].lower not in lex.determiners and inside[0].lower not in _NOMINATIVE
    if who is not None and owned:
        # "Ana Ruiz, who was on a visit to Lima": the antecedent of "who" owns the visit
        found = [m for m in ctx.persons(sentence.start, who.start)
                 if not ctx.text[m.end:who.start].strip(" ,")]
        if found:
            return ctx.people.short(found[-1].name), (found[-1].name,)
    pronoun = next((t for t in before if t.lower in _SINGULAR
                    and _subject_like(ctx, before, t.start)), None)
    name = _resolve(ctx, sentence, pronoun.start) if pronoun is not None else None
    if name is not None:
        return ctx.people.short(name), (name,)
    return None, ()


_SINGULAR = frozenset({"he", "she"})


def _agent(ctx: DocContext, sentence: Sentence, match: TriggerMatch, nominal: bool,
           cues: Sequence[Cue], previous: Sequence[str],
           reported: int) -> tuple[str | None, tuple[str, ...]]:
    """The agent as printed, and the full names of the people it stands for (of the reported
    clause from `reported` on, when a verb of saying reports the trigger's clause)."""
    people = ctx.people
    if nominal:
        return _owner(ctx, sentence, match, reported)
    head = match.verb_start if match.verb_start is not None else match.start
    seg_start, _ = ctx.segment(sentence, match.start, match.end)

    def candidates(a: int, b: int) -> list[tuple[int, str | None, bool]]:
        found: list[tuple[int, str | None, bool]] = [
            (m.start, m.name, False) for m in ctx.persons(a, b)
            if not _possessive_at(ctx, m.end) and not any(c.covers(m.start) for c in cues)]
        found += [(t.start, None, t.lower == "they") for t in ctx.tokens(sentence)
                  if a <= t.start < b and t.lower in _NOMINATIVE]
        return sorted(found)

    words = ctx.tokens(sentence)
    _, others = _relative_spans(ctx, sentence, match.start)
    floor = coordinate_bounds(ctx, sentence, match.start, own_subject=True)[0]
    near = [c for c in candidates(max(seg_start, reported, floor), head)
            if not _after_role(words, c[0])  # "a spokesman for Ana Ruiz warned": not hers
            and not any(a <= c[0] < b for a, b in others)]  # "Ana Ruiz, who met Li Wei, "
    pick = near[-1] if near else None
    if len(near) > 1 and _coordinated(ctx, _before(ctx, sentence, head)[-4:]):
        pick = near[0]  # "Ana Ruiz met Li Wei and warned ...": the first verb's subject
    relative = _relative_antecedent(ctx, sentence, head, _participle(ctx, sentence, match))
    if relative is not None and (pick is None or pick[0] < relative[-1].end):
        # "a toddler who traveled to Texas": the antecedent acts, not the main clause's subject
        found = [m for m in ctx.persons(relative[0].start, relative[-1].end)
                 if not _modifier_at(ctx, m.end) and not _possessive_at(ctx, m.end)]
        if not found:  # "Mikhail Margelov, Russia's Africa envoy, who traveled"
            found = _apposed_to(ctx, sentence, relative[0].start)
        if found:
            return people.short(found[-1].name), (found[-1].name,)
        return " ".join(t.text for t in relative), ()
    own = [t for t in _before(ctx, sentence, head) if t.start >= max(seg_start, reported)]
    speaker = _inverted(ctx, sentence, match, own) if pick is None else None
    if speaker is not None:
        return people.short(speaker.name), (speaker.name,)
    who = next((t for t in reversed(own) if t.lower == "who"), None)
    if pick is None and who is not None:  # "Li Wei , who is due to meet Ana Ruiz"
        found = [m for m in ctx.persons(sentence.start, who.start)
                 if not ctx.text[m.end:who.start].strip(" ,")]
        pick = (found[-1].start, found[-1].name, False) if found else None
    if pick is None and reported <= seg_start and (who is not None
                                                   or not _has_subject(ctx, own)):
        main = candidates(sentence.start, seg_start)
        pick = main[0] if main else None
    if pick is None and match.form == "ing" and not _after_auxiliary(ctx, sentence, head):
        # "While speaking with Ana Ruiz he ...": the subject after it, not a name after "with"
        after = [c for c in candidates(match.end, sentence.end)
                 if _subject_like(ctx, words, c[0])]
        pick = after[0] if after else None
    if pick is not None:
        offset, name, plural = pick
        if plural:
            if len(previous) >= 2:
                return " and ".join(people.short(n) for n in previous), tuple(previous)
            return None, ()
        name = name or _resolve(ctx, sentence, offset)
        if name is None:  # a pronoun with no antecedent: "She was elected"
            word = ctx.text[offset:].split()[0]
            return word, ()
        return people.short(name), (name,)
    span = _subject_span(ctx, sentence, head, reported)
    if span is None:
        return None, ()
    text = ctx.text[span[0]:span[1]]
    holder = _title_holder(ctx, text, span[0])
    if holder is not None:
        return people.short(holder), (holder,)
    pair = _PAIR.match(re.sub(r"^(?:and|but)\s+", "", text))
    if len(previous) == 2 and pair and pair.group(1) in people_words().pair_nouns:
        return " and ".join(people.short(n) for n in previous), tuple(previous)
    return text, ()


def _title_holder(ctx: DocContext, text: str, before: int) -> str | None:
    """The person a subject "the <title>" stands for ("the president would attend", after
    "President William Ruto" earlier in the article): the one person named with that title
    (`people.toml` titles) before offset `before`, else None (none, or several)."""
    words = text.split()
    if len(words) < 2 or words[0].lower() != "the" or len(words) > 4:
        return None
    role = [w.lower() for w in words[1:]]
    if " ".join(role) not in {t.lower() for t in people_words().titles}:
        return None
    names = {m.name for m in ctx.persons(0, before)
             if [w.lower() for w in ctx.text[max(0, m.start - 60):m.start].split()[-len(role):]]
             == role}
    return names.pop() if len(names) == 1 else None


def _after_role(tokens: Sequence[Token], start: int) -> bool:
    """True for a name right after a preposition after a lower-case word ("an aide to Ana
    Ruiz", "a spokesman for Ana Ruiz"): it qualifies the subject, it is not the subject (but
    "Secretary of State Ana Ruiz" is a title)."""
    k = token_index(tokens, start)
    return k > 1 and tokens[k - 1].lower in _ROLE_LINKS and tokens[k - 2].text.islower()


_ROLE_LINKS = frozenset({"to", "for", "of", "with", "by", "from", "near", "close", "against"})


def _inverted(ctx: DocContext, sentence: Sentence, match: TriggerMatch,
              own: Sequence[Token]) -> PersonMention | None:
    """The speaker named right after a verb of saying that follows a quotation, or a comma
    with no subject in the verb's clause (`own`), ("`` ... , '' warned Ana Ruiz", "...,
    insisted General Omar Haftar"), else None."""
    if match.entry.type not in _SAYING:
        return None
    end = len(ctx.text[sentence.start:match.start].rstrip()) + sentence.start
    if end <= sentence.start or not (ctx.in_quote(end - 1) or ctx.text[end - 1] == ","
                                     and not _has_subject(ctx, own)):
        return None
    after = ctx.persons(match.end, sentence.end)[:1]
    if not after:
        return None
    between = ctx.text[match.end:after[0].start].split()  # a title: "warned General Haftar"
    if len(between) > 3 or not all(w[:1].isupper() for w in between):
        return None
    nxt = _NEXT_WORD.match(ctx.text, after[0].end)  # "insists Gaddafi step down": an object
    return after[0] if nxt is None or nxt.group(1) in _SPEAKER_FOLLOWERS else None


#: Lower-case words that may follow a speaker named after the verb ("warned Ana Ruiz on
#: Monday", "said Ana Ruiz in a statement"); any other word makes the name an object.
_SPEAKER_FOLLOWERS = frozenset({"on", "in", "at", "after", "before", "during", "today",
                                "yesterday", "last", "earlier", "later", "who", "when", "as"})


def _has_subject(ctx: DocContext, own: Sequence[Token]) -> bool:
    """True when words of the trigger's own clause stand before its verb (`own`: "..., while
    France said it was concerned and condemned"): its subject is there, not in the main
    clause ("..., warning that ...", "..., and then visited")."""
    lex = ctx.lex
    return any(t.is_word and t.lower not in lex.subordinators and t.lower not in lex.auxiliaries
               and t.lower not in lex.adverbs and t.lower not in _LINKS for t in own)


_LINKS = frozenset({"and", "but", "or", "then", "to", "also"})


def _relative_antecedent(ctx: DocContext, sentence: Sentence, head: int,
                         participle: bool = False) -> list[Token] | None:
    """The noun phrase a relative "who"/"that" right before the verb at `head` (auxiliaries
    and adverbs skipped) stands for ("a toddler who traveled": "a toddler"; "Ana Silva, who
    had traveled": "Ana Silva"), or that a `participle` right after it qualifies ("a
    resolution imposing an embargo": "a resolution"), else None."""
    lex = ctx.lex
    before = _before(ctx, sentence, head)
    k = len(before) - 1
    if participle and k >= 1 and _noun_after_determiner(ctx, before[:k + 1]):
        k += 1  # the noun is the antecedent, as if a "who" stood after it
    else:
        while k >= 0 and (before[k].lower in lex.auxiliaries or before[k].lower in lex.adverbs):
            k -= 1
        if k < 1 or before[k].lower not in ("who", "that"):
            return None
    end = k - 1 if before[k - 1].text != "," else k - 2
    if end > 0 and before[end].lower in ("himself", "herself"):
        end -= 1  # "Kofi Annan himself, who insists"
    if end < 0 or not before[end].is_word or before[end].lower in lex.function_words \
            or before[end].lower in lex.saying.complements:
        return None  # "said that he traveled": a complement, no relative
    start = end
    while start > 0 and end - start < 3 and before[start].lower not in lex.determiners \
            and before[start - 1].is_word and before[start - 1].lower not in _PREPOSITIONS \
            and before[start - 1].lower not in _RELATIVE_OPENERS:  # "where Macron, who"
        start -= 1
    return before[start:end + 1]


def _noun_after_determiner(ctx: DocContext, before: Sequence[Token]) -> bool:
    """True when `before` ends with a noun after a determiner or a number, an adjective at most
    between ("a resolution", "the new council", "100 countries"; not "defectors begin")."""
    lex = ctx.lex
    noun = before[-1]
    if not (noun.is_word and noun.text.islower() and noun.lower not in lex.function_words
            and noun.lower not in lex.auxiliaries and noun.lower not in lex.adverbs):
        return False
    for tok in reversed(before[-3:-1]):
        if tok.lower in lex.determiners or tok.text[:1].isdigit():
            return True
        if not (tok.is_word and tok.text.islower() and tok.lower not in lex.function_words):
            return False
    return False


def _apposed_to(ctx: DocContext, sentence: Sentence, offset: int) -> list[PersonMention]:
    """The person a noun phrase starting at `offset` is in apposition to ("Mikhail Margelov,
    Russia's Africa envoy"): a name ending right before a comma a few words back."""
    before = _before(ctx, sentence, offset)[-6:]
    commas = [t for t in before if t.text == ","]
    if not commas:
        return []
    comma = commas[-1]
    return [m for m in ctx.persons(sentence.start, comma.start)
            if not ctx.text[m.end:comma.start].strip()]


def _reported_start(ctx: DocContext, sentence: Sentence, seg_start: int, match: TriggerMatch,
                    nominal: bool) -> int:
    """Where the clause holding the trigger starts when a verb of saying before it in its
    segment reports it ("Ana Ruiz said [Omar Haftar met Li Wei]", "said on Monday that [...]"):
    right after that verb. `seg_start` when there is none, or when the trigger tells the
    occasion of the saying ("said in a speech", "told reporters during a visit", "said after
    meeting Li Wei")."""
    lex = ctx.lex
    words = lex.saying
    toks = [t for t in _before(ctx, sentence, match.start) if t.start >= seg_start]
    if match.entry.type in _SAYING and _coordinated(ctx, toks):
        return seg_start  # "Ana Ruiz said the plan failed and warned that ...": hers too
    for k in range(len(toks) - 1, -1, -1):
        tok = toks[k]
        if tok.lower not in words.reported or not tok.text.islower():
            continue
        if k and (toks[k - 1].lower in lex.determiners or toks[k - 1].lower in _PREPOSITIONS):
            continue  # "the claims", "in fear of"
        rest = toks[k + 1:]
        if _in_relative(ctx, toks[:k]) and any(t.text == "," for t in rest):
            continue  # "Ana Ruiz , who said so , met Li Wei": the relative clause is closed
        if _occasion(ctx, sentence, rest, match, nominal, tok.lower in words.addressed):
            return seg_start
        told = [m for m in ctx.persons(tok.end, match.start) if rest and m.start == rest[0].start]
        if told and tok.lower in words.addressed:  # "told Li Wei the talks would resume"
            return told[0].end
        return tok.end
    return seg_start


#: Event types told by verbs of saying: one coordinated with "said" shares its subject.
_SAYING = frozenset({"statement", "announcement"})


def _coordinated(ctx: DocContext, before: Sequence[Token]) -> bool:
    """True when "and" or "but" stands right before the verb (auxiliaries and adverbs
    skipped): "... and warned", "but has insisted"."""
    words = [t.lower for t in before if t.lower not in ctx.lex.auxiliaries
             and t.lower not in ctx.lex.adverbs]
    return bool(words) and words[-1] in ("and", "but")


def _in_relative(ctx: DocContext, before: Sequence[Token]) -> bool:
    """True when the words `before` a verb end with a relative pronoun (auxiliaries and adverbs
    skipped): "who has said"."""
    words = [t.lower for t in before if t.lower not in ctx.lex.auxiliaries
             and t.lower not in ctx.lex.adverbs]
    return bool(words) and words[-1] in ("who", "which")


def _occasion(ctx: DocContext, sentence: Sentence, rest: Sequence[Token], match: TriggerMatch,
              nominal: bool, addressed: bool) -> bool:
    """True when the trigger after a verb of saying and the words `rest` tells when or where
    the saying was, not what was said: a noun or a participle after an occasion word (a few
    words of object between: "told reporters during a visit") or a noun told to (`addressed`:
    "told the summit"), with no verb or "that" between and no verb after it ("said on Monday
    talks would resume" reports)."""
    lex = ctx.lex
    occasions = lex.saying.occasions
    if not nominal and (match.form != "ing" or _after_auxiliary(
            ctx, sentence, match.verb_start if match.verb_start is not None else match.start)):
        return False  # "said Omar Haftar met Li Wei", "said he was meeting"
    words = [t for t in rest if t.lower not in lex.adverbs]
    first = next((i for i, t in enumerate(words) if t.lower in occasions), None)
    if first is None and addressed and nominal and len(words) <= 4 and not any(
            t.lower in lex.determiners for t in words[1:]) and not (
            words and ctx.persons(words[0].start, match.start)):
        first = 0  # "told the summit", "tells the Friends of Syria meeting": the audience
    if first is None or first > 3:
        return False
    for i, tok in enumerate(words):
        prev = words[i - 1].lower if i else ""
        if tok.lower == "that" or tok.lower in lex.auxiliaries or tok.lower in lex.present_verbs \
                or tok.lower in lex.irregular_past or (
                    tok.text.islower() and len(tok.text) > 4 and tok.lower.endswith("ed")
                    and prev not in lex.determiners):
            return False
    after = token_after(ctx.tokens(sentence), match.end)
    return not (nominal and after and after[0].lower in lex.auxiliaries)


def _participle(ctx: DocContext, sentence: Sentence, match: TriggerMatch) -> bool:
    """True for a verb in "-ing" with no auxiliary before it ("a resolution imposing")."""
    head = match.verb_start if match.verb_start is not None else match.start
    return match.form == "ing" and not _after_auxiliary(ctx, sentence, head)


def _after_auxiliary(ctx: DocContext, sentence: Sentence, head: int) -> bool:
    """True for a verb after an auxiliary ("was imposing"): its subject stands before it, not
    after it as for a participle opening a clause ("Speaking at a rally, Senator Vance")."""
    words = [t.lower for t in _before(ctx, sentence, head) if t.lower not in ctx.lex.adverbs]
    return bool(words) and words[-1] in ctx.lex.auxiliaries


def find_arguments(ctx: DocContext, sentence: Sentence, match: TriggerMatch, nominal: bool,
                   cues: Sequence[Cue], previous: Sequence[str] = (),
                   matches: Sequence[TriggerMatch] = ()) -> Arguments:
    """Agent, participants and places of the trigger `match` in `sentence` (`matches`: all
    its triggers; the people and places after the next verb joined to it by "and" are that
    verb's: "to attend the summit and to host Donald Trump")."""
    seg_start, seg_end = ctx.segment(sentence, match.start, match.end)
    reported = _reported_start(ctx, sentence, seg_start, match, nominal)
    agent, names = _agent(ctx, sentence, match, nominal, cues, previous, reported)
    whole = sentence.start
    if reported > seg_start:  # "Ana Ruiz said Omar Haftar met Li Wei": not the speaker
        seg_start = whole = reported
    head = match.verb_start if match.verb_start is not None else match.start
    subject = None if nominal else _subject_span(ctx, sentence, head, seg_start)
    places_all = ctx.places(sentence)
    participants = list(names)
    relative = None if nominal else _relative_antecedent(ctx, sentence, head,
                                                         _participle(ctx, sentence, match))
    first = relative[0].start if relative else seg_start  # not the people of the main clause
    own, others = _relative_spans(ctx, sentence, match.start)
    clause = coordinate_bounds(ctx, sentence, match.start)
    said = _attribution_start(ctx, sentence, match.end)
    seg_start = max(seg_start, clause[0], _joined_at(ctx, match, matches))
    seg_end = min(seg_end, clause[1], said or seg_end, _next_verb(ctx, match, matches))
    own_end = seg_end
    if own is not None:  # "Leo, who was elected [...], met Li Wei": not Li Wei's
        own_end = min(seg_end, own[1])
        if not relative:  # "..., where she arrived": the clause's own people
            first = max(first, own[0])

    def apart(offset: int) -> bool:
        """In another clause than the trigger's, or inside a relation cue."""
        return any(a <= offset < b for a, b in others) or any(c.covers(offset) for c in cues)

    in_segment = [m for m in ctx.persons(max(seg_start, first), own_end) if not apart(m.start)]
    if len(in_segment) <= len(names) and match.entry.type in ("meeting", "agreement"):
        lo, hi = own or (max(whole, clause[0]), min(clause[1], _next_verb(ctx, match, matches)))
        in_segment = [m for m in ctx.persons(lo, hi) if not apart(m.start)]
    for m in in_segment:
        if _possessive_at(ctx, m.end) or m.name in participants or _modifier_at(ctx, m.end):
            continue  # "Trump's approach", "Xi Jinping's China", "the Obama administration"
        participants.append(m.name)
    opener = next((t.start for t in ctx.tokens(sentence)
                   if t.start > match.end and t.lower in ctx.lex.clause_openers), seg_end)
    places: list[Place] = []
    for p in places_all:
        if not max(seg_start, own[0] if own else seg_start) <= p.start < min(
                seg_end, own_end if own else opener) or apart(p.start):
            continue
        if subject and subject[0] <= p.start < subject[1]:
            continue  # metonymy: "Ottawa has announced"
        if p.surface.endswith(("’s", "'s")) or _speaker(ctx, sentence, p.end):
            continue  # "Canada's Arctic region", "Canada's offer"; "the Vatican announced"
        if p.place not in places:
            places.append(p.place)
    if not places and own is not None:
        places = _where_antecedent(ctx, sentence, own[0])
    if not places and own is not None and match.entry.type == "travel":
        places = _main_clause_places(ctx, sentence, own)
    subject_text = ctx.text[subject[0]:subject[1]] if subject else None
    if nominal and not match.has_verb:
        span = _subject_span(ctx, sentence, match.start, seg_start)
        subject_text = ctx.text[span[0]:span[1]] if span else None
    return Arguments(agent, names, tuple(participants), tuple(places), subject_text)


#: Relative pronouns opening a clause of its own after a comma ("Leo, who was elected ...,").
_RELATIVE_OPENERS = frozenset({"who", "whom", "whose", "which", "where"})
#: Words after a comma that open a coordinated clause ("..., and the leaders held talks").
_CLAUSE_LINKS = frozenset({"and", "but", "while", "whereas"})


def _relative_spans(ctx: DocContext, sentence: Sentence, offset: int) -> \
        tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    """The relative clause holding `offset` (None when it stands in none) and the others of
    the sentence: fine segments opened by "who", "which", "where" ... after a comma."""
    tokens = ctx.tokens(sentence)
    own = None
    others = []
    for a, b in ctx.fine(sentence):
        first = token_after(tokens, a)
        if not first or first[0].start >= b or first[0].lower not in _RELATIVE_OPENERS:
            continue
        k = token_index(tokens, first[0].start)
        if k == 0 or tokens[k - 1].text != ",":
            continue  # "the man who met Li Wei visited Rome": one clause with its subject
        if a <= offset < b:
            own = (a, b)
        else:
            others.append((a, b))
    return own, others


def coordinate_bounds(ctx: DocContext, sentence: Sentence, offset: int,
                       own_subject: bool = False) -> tuple[int, int]:
    """The clause holding `offset` among clauses joined by a comma and "and", "but", "while"
    or by a semicolon, each with a verb of its own ("Merz met Li Qiang on Saturday, and the
    leaders of India held talks on Sunday"; with `own_subject`, only those with a subject of
    their own, not "..., and then visited Rome"); the sentence when none is."""
    lex = ctx.lex
    tokens = ctx.tokens(sentence)
    lo, hi = sentence.start, sentence.end
    last = 0  # where the clause before the next link starts
    for k in range(1, len(tokens)):
        semicolon = tokens[k - 1].text == ";"
        if not (semicolon or tokens[k - 1].text == "," and tokens[k].lower in _CLAUSE_LINKS):
            continue
        rest = []
        for tok in tokens[k if semicolon else k + 1:k + 16]:
            if tok.text in (";", ":") or tok.lower in lex.clause_openers:
                break
            rest.append(tok)
        verb = _finite_at(rest, lex)
        if verb is None or _finite_at(tokens[last:k - 1], lex) is None:
            continue  # "Li Wei, Omar Haftar, and Ana Ruiz": a list; "Li Wei, and Ana Ruiz met"
        if own_subject and not any(t.is_word and t.lower not in lex.adverbs
                                   for t in rest[:verb]):
            continue  # "..., and then visited Rome": the same subject
        last = k
        if tokens[k].start <= offset:
            lo = max(lo, tokens[k].start)
        else:
            hi = min(hi, tokens[k - 1].start)
    return lo, hi


def _finite_at(tokens: Sequence[Token], lex: Lexicon) -> int | None:
    """The index of the first word of `tokens` that looks like a finite verb, else None."""
    return next((i for i, t in enumerate(tokens) if t.text.islower() and (
        t.lower in lex.auxiliaries or t.lower in lex.irregular_past
        or t.lower.endswith("ed") and len(t.lower) > 4
        and (i == 0 or tokens[i - 1].lower not in lex.determiners))), None)


def _speaker(ctx: DocContext, sentence: Sentence, end: int) -> bool:
    """True when a verb of saying follows the place ending at `end` (adverbs skipped): "the
    Vatican announced", "Beijing said": the speaker, not where the event is."""
    lex = ctx.lex
    tokens = ctx.tokens(sentence)
    for tok in tokens[token_index(tokens, end):]:
        if tok.lower in lex.adverbs:
            continue
        return tok.text.islower() and tok.lower in lex.saying.dating
    return False


def _where_antecedent(ctx: DocContext, sentence: Sentence, start: int) -> list[Place]:
    """The place a clause opened by "where" at `start` stands for: the place right before
    its comma ("a summit in New Delhi, where she arrived on Sunday": New Delhi)."""
    tokens = ctx.tokens(sentence)
    k = token_index(tokens, start)
    if k >= len(tokens) or tokens[k].lower != "where" or k < 2 or tokens[k - 1].text != ",":
        return []
    comma = tokens[k - 1].start
    return [p.place for p in ctx.places(sentence)
            if p.end <= comma and not ctx.text[p.end:comma].strip()]


def _main_clause_places(ctx: DocContext, sentence: Sentence, own: tuple[int, int]) -> list[Place]:
    """The place of a journey told in a "who" clause that names none ("Macron, who arrived on
    Friday for a two-day visit, met Xi in Beijing"; "talks in Beijing, where Macron, who
    arrived on Friday for a two-day visit, ..."): the place a "where" before it stands for,
    else the first place of the sentence outside the clause that is nobody's and no speaker."""
    tokens = ctx.tokens(sentence)
    k = token_index(tokens, own[0])
    if k >= len(tokens) or tokens[k].lower != "who":
        return []
    where = next((t for t in reversed(tokens[:k]) if t.lower == "where"), None)
    if where is not None:
        return _where_antecedent(ctx, sentence, where.start)
    found = [p.place for p in ctx.places(sentence) if not own[0] <= p.start < own[1]
             and not p.surface.endswith(("’s", "'s")) and not _speaker(ctx, sentence, p.end)]
    return found[:1]


def attribution(rest: Sequence[Token], lex: Lexicon) -> bool:
    """True when the words `rest` after a comma name a speaker and a verb of saying ("Finance
    Minister Dominic LeBlanc said", "the ministry said"), no other comma between."""
    for k, tok in enumerate(rest[:8]):
        if tok.text in (",", ";", ":"):
            return False
        if tok.text.islower() and tok.lower in lex.saying.clauses:
            return k > 0
    return False


def _attribution_start(ctx: DocContext, sentence: Sentence, offset: int) -> int | None:
    """The comma after `offset` that opens a trailing attribution ("..., Finance Minister
    Dominic LeBlanc said on Wednesday"): its speaker and place take no part in the event."""
    tokens = ctx.tokens(sentence)
    for k in range(token_index(tokens, offset), len(tokens)):
        if tokens[k].text == "," and attribution(tokens[k + 1:], ctx.lex):
            return tokens[k].start
    return None


#: "the two leaders", "both sides": the people of the previous event.
_PAIR = re.compile(r"^(?:[Tt]he\s+)?(?:two|both|Both)\s+([a-z]+)\b")


_AND_TO = re.compile(r"\band\s+(?:then\s+|later\s+|also\s+)?(?:to\s+)?$")


def _next_verb(ctx: DocContext, match: TriggerMatch, matches: Sequence[TriggerMatch]) -> int:
    """Where the next trigger's verb joined to `match` by "and" ("and to host", "and then
    met") begins, else the end of the text."""
    for m in matches:
        if m.start > match.end and m.verb_start == m.start \
                and _AND_TO.search(ctx.text, max(match.end, m.start - 20), m.start):
            return m.start
    return len(ctx.text)


def _joined_at(ctx: DocContext, match: TriggerMatch, matches: Sequence[TriggerMatch]) -> int:
    """Where "and" joining the verb of `match` to an earlier trigger's verb stands ("to attend
    the summit in Kuala Lumpur and to host Donald Trump": not in Kuala Lumpur), else 0."""
    if match.verb_start != match.start or not any(
            m.end <= match.start and m.verb_start is not None for m in matches):
        return 0
    link = _AND_TO.search(ctx.text, max(0, match.start - 20), match.start)
    return link.start() if link else 0
