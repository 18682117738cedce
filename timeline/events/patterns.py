"""The trigger pattern language: word forms from lemmas, compiled to regular expressions.

A pattern is a sequence of space-separated tokens, matched case-insensitively on word
boundaries, with any run of white space between words:

``<visit>``
    every form of the verb *visit*: visit, visits, visited, visiting (irregular past forms come
    from the ``[irregular]`` table of ``triggers.toml``).
``word``
    the literal word; ``fireside_chat`` (underscore) is the two words "fireside chat".
``a|b|<c>``
    one of several alternatives (literals, lemmas or classes).
``@name``
    one word of the class ``name`` (``[classes]`` table: determiners, possessives...).
``*N``
    between 0 and N arbitrary words (as few as possible), never an auxiliary verb (the
    ``[gaps] never`` list).
``tok?``
    the token is optional (not allowed on the first token).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from attrs import frozen

__all__ = ["CompiledPattern", "PatternError", "compile_pattern", "verb_forms"]

_VOWELS = "aeiou"
_WORD = r"[^\s.;:!?\"“”()]+"


class PatternError(ValueError):
    """A pattern that cannot be compiled (the loader adds the file and line)."""


@frozen
class CompiledPattern:
    """A pattern's regular expression (without boundaries) and its verbs.

    Attributes:
        regex: the expression; each lemma is a named group ``{prefix}v{k}``.
        verbs: lemma of each verb group, in order (`verbs[k]` is the lemma of group ``v{k}``).
        weight: how specific the pattern is (literal words count most); longer first.
    """

    regex: str
    verbs: tuple[str, ...]
    weight: int


def _syllables(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", word))


def _doubles(word: str) -> bool:
    """True when the last consonant doubles before -ed/-ing ("plan" -> "planned")."""
    return (len(word) >= 3 and _syllables(word) == 1 and word[-1] not in _VOWELS + "wxy"
            and word[-2] in _VOWELS and word[-3] not in _VOWELS)


def verb_forms(lemma: str, irregular: Mapping[str, tuple[str, ...]] | None = None) -> \
        dict[str, tuple[str, ...]]:
    """The forms of `lemma` by kind: base, s (3rd person), past, participle, ing.

    >>> verb_forms("visit")["past"]
    ('visited',)
    >>> verb_forms("travel")["ing"]
    ('travelling', 'traveling')
    """
    w = lemma.lower()
    if w.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = w + "es"
    elif w.endswith("y") and w[-2:-1] not in _VOWELS:
        third = w[:-1] + "ies"
    else:
        third = w + "s"
    if w.endswith("ie"):
        ing: tuple[str, ...] = (w[:-2] + "ying",)
    elif w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        ing = (w[:-1] + "ing",)
    elif _doubles(w):
        ing = (w + w[-1] + "ing",)
    else:
        ing = (w + "ing",)
    if w.endswith("e"):
        past: tuple[str, ...] = (w + "d",)
    elif w.endswith("y") and w[-2:-1] not in _VOWELS:
        past = (w[:-1] + "ied",)
    elif _doubles(w):
        past = (w + w[-1] + "ed",)
    else:
        past = (w + "ed",)
    if w.endswith("l") and w[-2:-1] in _VOWELS and _syllables(w) > 1:
        # British doubling next to the American form: travelled / traveled.
        past = (w + "led",) + past
        ing = (w + "ling",) + ing
    participle = past
    if irregular and w in irregular:
        # [past, participle] or [past, participle, -ing form]
        past, participle = (irregular[w][0],), (irregular[w][1],)
        if len(irregular[w]) > 2:
            ing = (irregular[w][2],)
    return {"base": (w,), "s": (third,), "past": past, "participle": participle, "ing": ing}


def form_kind(lemma: str, form: str,
              irregular: Mapping[str, tuple[str, ...]] | None = None) -> str:
    """Which kind of form `form` is ("past" when past and participle coincide)."""
    forms = verb_forms(lemma, irregular)
    low = form.lower()
    for kind in ("base", "s", "ing", "past", "participle"):
        if low in forms[kind]:
            return kind
    return "base"


def _alternation(words: list[str]) -> str:
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(unique) + ")"


def _literal(word: str) -> str:
    return r"\s+".join(re.escape(part) for part in word.split("_"))


def compile_pattern(pattern: str, prefix: str, classes: Mapping[str, tuple[str, ...]],
                    irregular: Mapping[str, tuple[str, ...]],
                    gap_stops: tuple[str, ...] = ()) -> CompiledPattern:
    """Compile `pattern` (see the module docstring); raises `PatternError` when malformed.

    A gap ``*N`` never crosses a word of `gap_stops` (auxiliaries: "The king will visit" is
    not a noun phrase "the ... visit").
    """
    stop = ""
    if gap_stops:
        stop = "(?!" + _alternation([_literal(w) for w in gap_stops]) + r"(?![\w’'-]))"
    gap_word = rf"(?:\s+{stop}{_WORD})"
    tokens = pattern.split()
    if not tokens:
        raise PatternError("empty pattern")
    parts: list[str] = []
    verbs: list[str] = []
    weight = 0
    for index, token in enumerate(tokens):
        optional = token.endswith("?") and len(token) > 1
        body = token[:-1] if optional else token
        if optional and index == 0:
            raise PatternError(f"the first token {token!r} cannot be optional")
        gap = re.fullmatch(r"\*(\d)", body)
        if gap:
            if index == 0 or optional:
                raise PatternError(f"{token!r}: a gap cannot start a pattern or be optional")
            parts.append(f"{gap_word}{{0,{gap.group(1)}}}?")
            continue
        alternatives: list[str] = []
        for item in body.split("|"):
            if not item:
                raise PatternError(f"empty alternative in {token!r}")
            if item.startswith("<") and item.endswith(">"):
                lemma = item[1:-1]
                if not re.fullmatch(r"[a-z][a-z-]*", lemma):
                    raise PatternError(f"bad lemma {item!r}")
                forms = [f for kind in verb_forms(lemma, irregular).values() for f in kind]
                alternatives.append(f"(?P<{prefix}v{len(verbs)}>{_alternation(forms)[3:-1]})")
                verbs.append(lemma)
                weight += 3
            elif item.startswith("@"):
                name = item[1:]
                if name not in classes:
                    raise PatternError(f"unknown class {item!r}")
                alternatives.append(_alternation([_literal(w) for w in classes[name]]))
                weight += 1
            elif re.fullmatch(r"[\w’'%$.&-]+", item, re.UNICODE):
                alternatives.append(_literal(item))
                weight += 2 + len(item) // 4
            else:
                raise PatternError(f"bad word {item!r} in {token!r}")
        group = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        if index == 0:
            parts.append(group)
        elif optional:
            parts.append(rf"(?:\s+{group})?")
        else:
            parts.append(rf"\s+{group}")
    if pattern.split()[-1].startswith("*"):
        raise PatternError("a pattern cannot end with a gap")
    return CompiledPattern("".join(parts), tuple(verbs), weight)
