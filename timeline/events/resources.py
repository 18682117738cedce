"""Load and validate the word lists of event detection (``timeline/data/en/events/*.toml``).

Each file is read once (cached). A malformed file raises `ResourceError` naming the file, the
line of the offending key when it can be found, and the value.
"""

from __future__ import annotations

import functools
import re

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef,import-not-found,unused-ignore]
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from attrs import frozen

from timeline.exceptions import ResourceError

__all__ = [
    "DATA_DIR",
    "Lexicon",
    "PeopleWords",
    "PlaceWords",
    "Saying",
    "lexicon",
    "line_of",
    "people_words",
    "place_words",
    "read_toml",
    "section",
    "string_list",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "en"
EVENTS_DIR = DATA_DIR / "events"


def line_of(raw: str, needle: str, start_line: int = 1) -> int | None:
    """1-based number of the first line at or after `start_line` containing `needle`."""
    for number, line in enumerate(raw.splitlines(), start=1):
        if number >= start_line and needle in line:
            return number
    return None


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed TOML file and its raw text; `ResourceError` when unreadable or invalid."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read ({exc.strerror})", path=str(path)) from None
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        if line is None:
            found = re.search(r"line (\d+)", str(exc))
            line = int(found.group(1)) if found else None
        raise ResourceError(f"not valid TOML ({exc})", path=str(path), line=line) from None


def string_list(table: Mapping[str, Any], key: str, path: Path, raw: str,
                *, required: bool = True) -> tuple[str, ...]:
    """`table[key]` as a tuple of non-empty strings (validated)."""
    if key not in table:
        if required:
            raise ResourceError(f"missing list {key!r}", path=str(path))
        return ()
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ResourceError(f"{key!r} must be a list of non-empty strings", path=str(path),
                            line=line_of(raw, f"{key} ="), value=value)
    return tuple(value)


def string_map(table: Mapping[str, Any], key: str, path: Path, raw: str) -> dict[str, str]:
    """`table[key]` as a str -> str mapping (validated)."""
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise ResourceError(f"[{key}] must be a table", path=str(path), value=value)
    for name, target in value.items():
        if not isinstance(target, str):
            raise ResourceError(f"[{key}] {name!r} must map to a string", path=str(path),
                                line=line_of(raw, name), value=target)
    return dict(value)


def section(data: Mapping[str, Any], name: str, path: Path) -> Mapping[str, Any]:
    """`data[name]` as a table; `ResourceError` naming `path` when it is missing."""
    table = data.get(name)
    if not isinstance(table, dict):
        raise ResourceError(f"missing table [{name}]", path=str(path))
    return table


@frozen
class Saying:
    """Verbs of saying (``lexicon.toml`` ``[saying]``): the set each use reads, made of the
    kinds its ``[saying.uses.*]`` table names, plus and minus a few words; all lowercase."""

    #: A clause of saying reports the publication day; "said on Friday" (`timeline.events.dating`,
    #: `timeline.anchor`).
    dating: frozenset[str]
    #: "..., Ottawa says" closes a clause; a finite verb (`timeline.events.text`).
    clauses: frozenset[str]
    #: "said that ...": a complement, no relative clause (`timeline.events.arguments`).
    complements: frozenset[str]
    #: The clause reported is another clause: its people are not the speaker
    #: (`timeline.events.arguments`).
    reported: frozenset[str]
    #: Those that take the person told ("told Li Wei the talks would resume").
    addressed: frozenset[str]
    #: Words that open the occasion of a saying ("said in a speech").
    occasions: frozenset[str]


_SAYING_USES = ("dating", "clauses", "complements", "reported")
_SAYING_LISTS = ("addressed", "occasions")


def _saying(data: Mapping[str, Any], path: Path, raw: str) -> Saying:
    """The ``[saying]`` table of the lexicon: each use's set of verbs, validated (no word under
    two kinds; plus words new to their use, minus words in it)."""
    table = section(data, "saying", path)
    uses = table.get("uses")
    if not isinstance(uses, dict):
        raise ResourceError("missing table [saying.uses]", path=str(path))
    kinds: dict[str, frozenset[str]] = {}
    for key in table:
        if key in ("uses", *_SAYING_LISTS):
            continue
        words = frozenset(w.lower() for w in string_list(table, key, path, raw))
        for other, taken in kinds.items():
            if words & taken:
                raise ResourceError(f"[saying] {key!r} repeats words of {other!r}",
                                    path=str(path), line=line_of(raw, f"{key} ="),
                                    value=sorted(words & taken))
        kinds[key] = words
    values: dict[str, frozenset[str]] = {}
    for use in _SAYING_USES:
        spec = section(uses, use, path)
        named = string_list(spec, "kinds", path, raw)
        unknown = [k for k in named if k not in kinds]
        if unknown:
            raise ResourceError(f"[saying.uses.{use}] names unknown kinds", path=str(path),
                                line=line_of(raw, f"[saying.uses.{use}]"), value=unknown)
        words = frozenset().union(*(kinds[k] for k in named))
        plus = frozenset(w.lower() for w in string_list(spec, "plus", path, raw,
                                                        required=False))
        minus = frozenset(w.lower() for w in string_list(spec, "minus", path, raw,
                                                         required=False))
        if plus & words or minus - words:
            raise ResourceError(f"[saying.uses.{use}]: a plus word already taken or a minus "
                                "word not taken", path=str(path),
                                line=line_of(raw, f"[saying.uses.{use}]"),
                                value=sorted((plus & words) | (minus - words)))
        values[use] = (words | plus) - minus
    for key in _SAYING_LISTS:
        values[key] = frozenset(w.lower() for w in string_list(table, key, path, raw))
    return Saying(**values)


@frozen
class Lexicon:
    """Function words and cues (``lexicon.toml``); all lowercase except `sentence_starters`."""

    abbreviations: frozenset[str]
    sentence_starters: frozenset[str]
    subordinators: frozenset[str]
    clause_openers: frozenset[str]
    not_participles: frozenset[str]
    not_verbs_after_to: frozenset[str]
    sharing_to: frozenset[str]
    noun_suffixes: tuple[str, ...]
    function_words: frozenset[str]
    determiners: frozenset[str]
    definite: frozenset[str]
    possessives: frozenset[str]
    demonstratives: frozenset[str]
    contracted_subjects: frozenset[str]
    singular_s_nouns: frozenset[str]
    adverbs: frozenset[str]
    future: frozenset[str]
    future_before_to: frozenset[str]
    future_adjectives: frozenset[str]
    raising_present: frozenset[str]
    raising_past: frozenset[str]
    modal: frozenset[str]
    be_present: frozenset[str]
    be_past: frozenset[str]
    be_other: frozenset[str]
    have_present: frozenset[str]
    have_past: frozenset[str]
    irregular_past: frozenset[str]
    base_participles: frozenset[str]
    present_verbs: frozenset[str]
    negation: frozenset[str]
    hypothetical: frozenset[str]
    after: tuple[str, ...]
    before: tuple[str, ...]
    cue_modifiers: frozenset[str]
    person_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    saying: Saying

    @functools.cached_property
    def auxiliaries(self) -> frozenset[str]:
        """Future, modal, "be" and "have" forms (computed once: it is asked for per word)."""
        return (self.future | self.modal | self.be_present | self.be_past | self.be_other
                | self.have_present | self.have_past)


_LEXICON_FIELDS = {
    "sentences": ("abbreviations", "sentence_starters"),
    "clauses": ("subordinators", "clause_openers", "not_participles", "not_verbs_after_to", "sharing_to",
                "noun_suffixes", "function_words"),
    "words": ("determiners", "definite", "possessives", "demonstratives", "contracted_subjects",
              "singular_s_nouns",
              "adverbs"),
    "tense": ("future", "future_before_to", "future_adjectives",
              "raising_present", "raising_past", "modal", "be_present", "be_past", "be_other",
              "have_present", "have_past", "irregular_past", "base_participles", "present_verbs"),
    "cues": ("negation", "hypothetical", "after", "before", "cue_modifiers"),
}


@functools.lru_cache(maxsize=2)
def lexicon(path: Path = EVENTS_DIR / "lexicon.toml") -> Lexicon:
    """The function-word lexicon (cached)."""
    data, raw = read_toml(path)
    values: dict[str, Any] = {}
    for section_name, keys in _LEXICON_FIELDS.items():
        table = section(data, section_name, path)
        for key in keys:
            items = string_list(table, key, path, raw)
            if key == "sentence_starters":
                values[key] = frozenset(items)
            elif key in ("noun_suffixes", "after", "before"):
                values[key] = tuple(i.lower() for i in items)
            else:
                values[key] = frozenset(i.lower() for i in items)
    pronouns = section(data, "pronouns", path)
    values["person_pronouns"] = frozenset(string_list(pronouns, "person", path, raw))
    values["plural_pronouns"] = frozenset(string_list(pronouns, "plural", path, raw))
    values["saying"] = _saying(data, path, raw)
    return Lexicon(**values)


@frozen
class PeopleWords:
    """Titles and non-name words (``people.toml``), case-sensitive."""

    titles: tuple[str, ...]
    royal: frozenset[str]
    role_words: frozenset[str]
    org_words: frozenset[str]
    not_name_words: frozenset[str]
    modifier_nouns: frozenset[str]
    place_nouns: frozenset[str]
    particles: frozenset[str] = frozenset()
    name_prefixes: frozenset[str] = frozenset()
    compound_tails: frozenset[str] = frozenset()
    place_cues: frozenset[str] = frozenset()
    place_of_nouns: frozenset[str] = frozenset()
    place_apposed: frozenset[str] = frozenset()
    place_followers: frozenset[str] = frozenset()
    credit_words: frozenset[str] = frozenset()
    pair_nouns: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=2)
def people_words(path: Path = EVENTS_DIR / "people.toml") -> PeopleWords:
    """Titles, royal titles, role words and organisation words (cached)."""
    data, raw = read_toml(path)
    titles = string_list(data, "titles", path, raw)
    return PeopleWords(
        titles=tuple(sorted(set(titles), key=lambda t: (-len(t.split()), -len(t)))),
        royal=frozenset(string_list(data, "royal", path, raw)),
        role_words=frozenset(w.lower() for w in string_list(data, "role_words", path, raw)),
        org_words=frozenset(string_list(data, "org_words", path, raw)),
        not_name_words=frozenset(string_list(data, "not_name_words", path, raw)),
        modifier_nouns=frozenset(w.lower() for w in string_list(data, "modifier_nouns", path,
                                                                  raw)),
        place_nouns=frozenset(w.lower() for w in string_list(data, "place_nouns", path, raw)),
        particles=frozenset(string_list(data, "particles", path, raw)),
        name_prefixes=frozenset(string_list(data, "name_prefixes", path, raw)),
        compound_tails=frozenset(string_list(data, "compound_tails", path, raw)),
        place_cues=frozenset(string_list(data, "place_cues", path, raw)),
        place_of_nouns=frozenset(string_list(data, "place_of_nouns", path, raw)),
        place_apposed=frozenset(string_list(data, "place_apposed", path, raw)),
        place_followers=frozenset(string_list(data, "place_followers", path, raw)),
        credit_words=frozenset(string_list(data, "credit_words", path, raw)),
        pair_nouns=frozenset(w.lower() for w in string_list(data, "pair_nouns", path, raw)),
    )


@frozen
class PlaceWords:
    """Aliases, regions, towns, demonyms and ambiguous names (``places.toml``)."""

    aliases: Mapping[str, str]
    regions: Mapping[str, str]
    towns: Mapping[str, str]
    with_article: frozenset[str]
    ambiguous: frozenset[str]
    never: frozenset[str]
    locative: frozenset[str]
    demonyms: Mapping[str, str]
    demonym_heads: frozenset[str]


@functools.lru_cache(maxsize=2)
def place_words(path: Path = EVENTS_DIR / "places.toml") -> PlaceWords:
    """The place data file (cached)."""
    data, raw = read_toml(path)
    heads = data.get("demonym_heads", {})
    if not isinstance(heads, dict):
        raise ResourceError("[demonym_heads] must be a table", path=str(path))
    lists = section(data, "lists", path)
    regions = string_map(data, "regions", path, raw)
    towns = string_map(data, "towns", path, raw)
    for name, code in {**regions, **towns}.items():
        if code and not re.fullmatch(r"[A-Z]{2}", code):
            raise ResourceError(f"{name!r}: country code must be two capitals or empty",
                                path=str(path), line=line_of(raw, f'"{name}"'), value=code)
    return PlaceWords(
        aliases=string_map(data, "aliases", path, raw),
        regions=regions,
        towns=towns,
        with_article=frozenset(string_list(lists, "with_article", path, raw)),
        ambiguous=frozenset(string_list(lists, "ambiguous", path, raw)),
        never=frozenset(string_list(lists, "never", path, raw)),
        locative=frozenset(w.lower() for w in string_list(lists, "locative", path, raw)),
        demonyms=string_map(data, "demonyms", path, raw),
        demonym_heads=frozenset(string_list(heads, "words", path, raw)),
    )
