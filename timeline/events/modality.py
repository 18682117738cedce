"""Modality cues of event anchoring: words that put the event after them in the future.

Four cues, each a table of ``modality.toml``:

infinitive

"They are fighting to [[keep]] the boy", "the union threatened to [[strike]]", "urged its
people to [[join]] the rallies": an infinitive governed by a word of intention, attempt,
obligation, agreement or likelihood names an event that has not happened at the publication
date. A purpose clause of a completed action ("gathered on Monday to [[protest]]") and an
infinitive after a refusal ("declined to [[comment]]") are not (the annotated news corpora date
them with the clause).
conditional
    "if the rebels [[attack]]", "if the court [[ruled]] in his favour".
subjunctive
    "demanded that the statue be [[removed]]", "wants the statue [[removed]]".
nominal
    an event noun governed by a demand, a search or a block: "demanding the [[return]] of the
    refugees", "information leading to the [[arrest]] of the gunman".

One table is for event extraction only: ``[unrealized]`` events are wished, needed, tried,
urged or nearly reached ("needed more votes to [[pass]] the bill", "urged the premier to
[[meet]] him", "all he had to do was [[resign]]", "closer to [[declaring]]"): they have not
happened, and extraction keeps no event for them (`wished_infinitive`).

One table says the opposite: ``[stative]`` verbs after a non-future modal are states or speech
acts holding at the publication date ("I can [[confirm]]", "would [[like]] to", "may [[be]] in
Mexico"), not events to come (`modal_state`).

The words live in ``timeline/data/en/events/modality.toml``, whose examples run as tests.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from attrs import frozen

from timeline.events.resources import EVENTS_DIR, read_toml, section, string_list
from timeline.exceptions import ResourceError

__all__ = [
    "Modality",
    "cancelled_plan",
    "conditional",
    "governed_infinitive",
    "governed_noun",
    "is_negation",
    "mandative",
    "modal_state",
    "modality",
    "reported_would",
    "subjunctive",
    "wished_infinitive",
]

MODALITY_FILE = EVENTS_DIR / "modality.toml"
#: How many words may stand between an object-taking governor and "to" ("urged its people to").
OBJECT_REACH = 3
#: How far back in its clause a conditional word may stand.
_CLAUSE_REACH = 6
#: Words after which "be"/a participle is not a demanded event ("to be", "will be", "was").
_NOT_SUBJECTS = frozenset({
    "to", "will", "would", "could", "should", "may", "might", "must", "can", "cannot", "shall",
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "not", "never",
})
_STOPS = frozenset({",", ";", ":", ".", "!", "?", "and", "or", "but", "that", "which", "who"})


@frozen
class Modality:
    """The word lists of ``modality.toml`` (lowercase)."""

    governors: frozenset[str]
    object_governors: frozenset[str]
    negations: frozenset[str]
    conditionals: frozenset[str]
    questions: frozenset[str]
    condition_states: frozenset[str]
    subjunctive_governors: frozenset[str]
    noun_governors: frozenset[str]
    noun_between: frozenset[str]
    noun_compounds: frozenset[str]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    statives: frozenset[str]
    performative_governors: frozenset[str]
    performatives: frozenset[str]
    stative_examples: tuple[str, ...]
    stative_counterexamples: tuple[str, ...]
    wishes: frozenset[str] = frozenset()
    wish_objects: frozenset[str] = frozenset()
    abilities: frozenset[str] = frozenset()
    approach: frozenset[str] = frozenset()
    unrealized_examples: tuple[str, ...] = ()
    unrealized_counterexamples: tuple[str, ...] = ()
    base_governors: frozenset[str] = frozenset()
    wish_phrases: frozenset[tuple[str, ...]] = frozenset()
    subordinators: frozenset[str] = frozenset()
    subordinate_reach: int = 6
    habitual_adverbs: frozenset[str] = frozenset()
    habitual_examples: tuple[str, ...] = ()
    habitual_counterexamples: tuple[str, ...] = ()
    purposes: frozenset[str] = frozenset()
    excess: frozenset[str] = frozenset()
    prevention: frozenset[str] = frozenset()
    plans: frozenset[str] = frozenset()
    cancellations: frozenset[tuple[str, ...]] = frozenset()
    cancel_reach: int = 6
    not_cancelled: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def modality() -> Modality:
    """The modality cues (read once); `ResourceError` names a malformed file."""
    data, raw = read_toml(MODALITY_FILE)

    def strings(table: str, key: str, required: bool = True) -> tuple[str, ...]:
        return string_list(section(data, table, MODALITY_FILE), key, MODALITY_FILE, raw,
                           required=required)

    def words(table: str, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in strings(table, key))

    def sentences(key: str) -> tuple[str, ...]:
        return tuple(s for table in _TABLES
                     for s in strings(table, key, required=key == "examples"))

    return Modality(words("infinitive", "governors"), words("infinitive", "object_governors"),
                    words("infinitive", "negations"), words("conditional", "words"),
                    words("conditional", "questions"), words("conditional", "states"),
                    words("subjunctive", "governors"), words("nominal", "governors"),
                    words("nominal", "between"), words("nominal", "compounds"),
                    sentences("examples"),
                    sentences("counterexamples"), words("stative", "verbs"),
                    words("stative", "performative_governors"),
                    words("stative", "performatives"),
                    strings("stative", "examples"), strings("stative", "counterexamples"),
                    words("unrealized", "wishes"), words("unrealized", "wish_objects"),
                    words("unrealized", "abilities"), words("unrealized", "approach"),
                    strings("unrealized", "examples"), strings("unrealized", "counterexamples"),
                    words("subjunctive", "governors") | words("subjunctive", "base_governors"),
                    frozenset(tuple(p.split()) for p in words("unrealized", "wish_phrases")),
                    words("subordinate", "words"), _integer(data, "subordinate", "reach"),
                    words("habitual", "adverbs"), strings("habitual", "examples"),
                    strings("habitual", "counterexamples"), words("unrealized", "purposes"),
                    words("unrealized", "excess"), words("unrealized", "prevention"),
                    words("unrealized", "plans"),
                    frozenset(tuple(p.split()) for p in words("unrealized", "cancellations")),
                    _integer(data, "unrealized", "cancel_reach"),
                    words("unrealized", "not_cancelled"))


def _integer(data: Mapping[str, Any], table: str, key: str) -> int:
    value = section(data, table, MODALITY_FILE).get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ResourceError(f"[{table}] {key} must be a positive integer", path=str(MODALITY_FILE))
    return value


_TABLES = ("infinitive", "conditional", "subjunctive", "nominal", "subordinate")


def is_negation(word: str) -> bool:
    """True for "not", "never", "don't", "didn’t"..."""
    return word in modality().negations or word.endswith(("n't", "n’t"))


def _cue_back(before: Sequence[str], first: int, floor: int,
              is_cue: Callable[[int], bool]) -> int | None:
    """The index of the nearest word of `before` from `first` back to `floor` (exclusive) that
    `is_cue` accepts; None when a stop (a comma, "and", "that") comes first or none does."""
    for k in range(first, floor, -1):
        if before[k] in _STOPS:
            return None
        if is_cue(k):
            return k
    return None


def governed_infinitive(before: Sequence[str]) -> bool:
    """True when the words `before` "to" (lowercase, in order) end with a governor of intention
    ("fighting", "agreed", "willing") or an object-taking one a few words back ("urged its
    people"), not negated ("does not want")."""
    cues = modality()
    if before and before[-1] in cues.governors:
        return not (len(before) > 1 and is_negation(before[-2]))
    k = _cue_back(before, len(before) - 2, max(len(before) - OBJECT_REACH - 2, -1),
                  lambda i: before[i] in cues.object_governors)
    return k is not None and not (k > 0 and is_negation(before[k - 1]))


def wished_infinitive(before: Sequence[str]) -> bool:
    """True when the words `before` "to" (lowercase, in order) end with a word of wish, need,
    attempt or urging (`[unrealized] wishes`: "needed", "hoping"; not "was able") or with a
    participle of purpose (`purposes`: "built"), or have one that takes an object a few words
    back (`wish_objects`: "urged the premier"; `excess`: "too shaky"): the infinitive's event
    has not happened."""
    cues = modality()
    if not before or before[-1] in _STOPS:
        return False
    if before[-1] in cues.wishes:
        return not (before[-1] in cues.abilities and len(before) > 1
                    and before[-2] in ("was", "were"))
    if before[-1] in cues.purposes:
        return True  # "built to host": a purpose

    def wished(k: int) -> bool:
        return before[k] in cues.wish_objects or before[k] in cues.excess or any(
            before[k - len(p) + 1:k + 1] == list(p) for p in cues.wish_phrases if k + 1 >= len(p))
    return _cue_back(before, len(before) - 2, max(len(before) - OBJECT_REACH - 2, -1),
                     wished) is not None


def prevented_gerund(before: Sequence[str]) -> bool:
    """True when the words `before` a gerund (lowercase, in order) end with "from" after a verb
    of prevention, right before it or a few words back (`[unrealized] prevention`: "refrained
    from", "barred the envoy from", "prevented its commanders from"): the gerund's event has not
    happened."""
    if len(before) < 2 or before[-1] != "from":
        return False
    cues = modality()
    return _cue_back(before, len(before) - 2, max(len(before) - OBJECT_REACH - 3, -1),
                     lambda k: before[k] in cues.prevention) is not None


def mandative(before: Sequence[str], subject: int) -> bool:
    """True for a bare verb demanded ("demanded that Mr Assad [[resign]]", "insisting he
    [[step]] down"): `before` (lowercase, in order, adverbs left out) ends with a governor of
    `[subjunctive]` (`governors`, `base_governors`), an optional "that" and the verb's subject;
    `subject` is how many words that subject has (0: none fits: "they", a plural)."""
    if not subject or len(before) <= subject:
        return False
    rest = list(before[:-subject])
    if rest[-1:] == ["that"]:
        rest.pop()
    return bool(rest) and rest[-1] in modality().base_governors


def modal_state(verb: str, before: Sequence[str], modals: frozenset[str]) -> bool:
    """True for a state or speech act under a non-future modal ("can [[confirm]]", "would
    [[like]]", "may [[be]]"): `verb` (lowercase) is a `[stative]` verb and the word before it
    (`before`, lowercase, adverbs left out) is one of `modals`."""
    return bool(before) and before[-1] in modals and verb in modality().statives


def performative(verb: str, before: Sequence[str]) -> bool:
    """True for a speech act performed by saying it ("I want to [[thank]]", "we would like to
    [[express]]"): `verb` is a `[stative]` performative and `before` (lowercase, adverbs left
    out) ends with "I"/"we", an optional modal or "do", a performative governor and "to"."""
    cues = modality()
    if verb not in cues.performatives or before[-1:] != ["to"] or len(before) < 3 \
            or before[-2] not in cues.performative_governors:
        return False
    return bool({"i", "we"} & set(before[-4:-2]))


#: How many words back from "would" the verb of saying that reports its clause may stand.
_REPORT_REACH = 8
_WOULD = frozenset({"would", "'d", "’d"})


def reported_would(before: Sequence[str], saying: frozenset[str]) -> bool:
    """True for a plan reported with "would" ("the spokesman said the president would
    [[attend]]", "said on Monday she would [[visit]]"): `before` (the words before the verb,
    lowercase, adverbs left out) ends with "would" (not "would have", "would not", "could"),
    and a verb of `saying` stands a few words before it with no punctuation, "if", verb
    or other clause opener between (a "that" right after the verb of saying is its own)."""
    if not before or before[-1] not in _WOULD:
        return False
    for k in range(len(before) - 2, max(len(before) - 2 - _REPORT_REACH, -1), -1):
        word = before[k]
        if word in saying:
            return True
        if not word[:1].isalnum() or word in _STOPS and word != "that" \
                or word in _NOT_SUBJECTS or word in modality().conditionals:
            return False  # "said it was inevitable that he would": a prediction
    return False


def cancelled_plan(before: Sequence[str], after: Sequence[str]) -> bool:
    """True for a plan the sentence says was dropped ("had planned to [[visit]] Lagos but
    never made the trip", "was due to [[visit]] on Friday but cancelled"): `before` (the words
    before the verb, lowercase, adverbs left out) ends with a `[unrealized] plans` word, maybe
    "be", and "to"; `after` (the words after it in its sentence, lowercase) has "but" with a
    cancellation a few words after it, and no full stop before."""
    cues = modality()
    if before[-1:] != ["to"] or len(before) < 2:
        return False
    word = before[-2] if before[-2] not in ("be", "been") or len(before) < 3 else before[-3]
    if word not in cues.plans:
        return False
    for k, tok in enumerate(after):
        if tok in (";", ".", "?", "!"):
            return False
        if tok != "but":
            continue
        rest = after[k + 1:k + 1 + cues.cancel_reach]
        after_cue = [rest[j + len(p):j + len(p) + 1] for p in cues.cancellations
                     for j in range(len(rest)) if tuple(rest[j:j + len(p)]) == p]
        # "but did not say when", "but never gave a date": not said, not cancelled
        return any(not nxt or nxt[0] not in cues.not_cancelled for nxt in after_cue)
    return False


def conditional(before: Sequence[str]) -> bool:
    """True when a conditional word ("if", "unless") stands in the clause before the verb
    (`before`: the words before it, lowercase, in order)."""
    cues = modality()
    window = before[-_CLAUSE_REACH:]
    for k in range(len(window) - 1, -1, -1):
        word = window[k]
        if word in _STOPS and word not in ("that",):
            return False
        if word in cues.conditionals:
            return not (k > 0 and window[k - 1] in cues.questions)  # "asked if she thought"
    return False


def subjunctive(before: Sequence[str]) -> bool:
    """True for a participle demanded ("asked that his son be", "wants the statue"): `before`
    ends with "be" after a noun phrase, or with a noun phrase, governed by a word of demand
    or wish (`[subjunctive]`)."""
    cues = modality()
    words = list(before)
    if words[-1:] == ["be"]:
        words.pop()
        if not words or words[-1] in _NOT_SUBJECTS:
            return False
    elif not words or words[-1] in _NOT_SUBJECTS or words[-1] in cues.subjunctive_governors:
        return False
    for word in reversed(words[-OBJECT_REACH - 1:-1]):
        if (word in _STOPS and word != "that") or word in ("if", "whether"):
            return False  # "asked if she thought": a question, not a demand
        if word in cues.subjunctive_governors:
            return True
    return False


def governed_noun(before: Sequence[str]) -> bool:
    """True for an event noun governed by a demand, a search or a block (`before`: the words
    before the noun, lowercase, in order): "demanding the", "leading to the", "pressing for
    an early"."""
    cues = modality()
    if before and before[-1] in cues.noun_compounds:
        return False  # "a press conference", "the lead negotiator"
    skipped = 0
    for word in reversed(before[-OBJECT_REACH - 2:]):
        if word in cues.noun_governors:
            return True
        if word in _STOPS:
            return False
        if word in cues.noun_between or word.endswith(("'s", "’s")):
            continue
        skipped += 1
        if skipped > 1:
            return False
    return False
