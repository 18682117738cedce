"""Load and validate the tagger's language resources (``timeline/data/<lang>/``).

Three kinds of file, kept apart from the engine as HeidelTime keeps its resources:

``vocab/<name>.tsv``
    One alternative a line: ``phrase<TAB>normalized value``. A placeholder ``{name}`` in a pattern
    matches any phrase (longest first); a named group ``(?P<name>...)`` (or ``name2`` for the
    second end of a range) is normalized through the same table.
``patterns/<name>.txt``
    One regular-expression alternative a line, referred to as ``{name}``; may use placeholders.
``rules/*.toml``
    ``[[rule]]`` tables: ``name``, ``kind`` (how the engine reads the match), ``pattern``, optional
    fixed fields (``unit``, ``shift``, ``value``, ``type``, ``mod``, ``part``, ``latent``,
    ``priority``, ``tense``: the tense it is read in, whatever its clause's) and ``examples``: phrases the rule must tag in full (each one runs as a test).
    ``[[negative]]`` tables name spans that are never dates (money, percentages, ages); any
    candidate overlapping one is dropped. A negative's groups named ``name...`` must be
    capitalized in the text ("Sunday Times", not "on Sunday times were hard").

In patterns a space matches any run of white space (news text wraps lines mid-phrase), and the
span of the expression is the group ``timex`` when the pattern has one (context stays outside),
else the whole match. Lines starting with ``#`` are comments.

Patterns are written in lower case and run, case-sensitively, over a copy of the text with its
ASCII letters lower-cased (same length, same offsets): about 40% faster than IGNORECASE. Where
case matters (month and weekday names must be capitalized) the engine reads the original text.
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

import attrs
from attrs import frozen

from timeline.exceptions import ResourceError
from timeline.tagger.prefilter import BOUNDARY, Prefilter

__all__ = ["KINDS", "Grammar", "Rule", "load_grammar", "lower_ascii"]

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_ascii(text: str) -> str:
    """`text` with ASCII letters lower-cased: same length, so every offset stays valid."""
    return text.translate(_ASCII_LOWER)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: How the engine reads a rule's match (see timeline.tagger.partial).
KINDS = frozenset({
    "date", "numeric_date", "weekday", "relative", "offset", "duration", "set", "ref",
    "range", "time", "anaphor",
})
_FIXED_KEYS = {"unit", "shift", "value", "type", "mod", "part", "latent", "priority", "grain",
               "direction", "origin", "num", "tense"}
#: a rule may fix the tense its expression is read in, whatever its clause's ("October crude")
_TENSES = frozenset({"past", "present", "future"})
_RULE_KEYS = {"name", "kind", "pattern", "examples", "comment"} | _FIXED_KEYS
_PLACEHOLDER = re.compile(r"\{([a-z][a-z_0-9]*)\}")
# an upper-case ASCII letter that is not part of regex syntax (\D, (?P<, (?P=)
_UPPER = re.compile(r"(?<!\\)(?<!\(\?)[A-Z]")
_BOUNDARY_BEFORE = BOUNDARY
_BOUNDARY_AFTER = r"(?![\w%$€£¥])"


@frozen
class Rule:
    """One compiled rule.

    Attributes:
        name: unique rule name.
        kind: how the match is read (one of KINDS, or "negative").
        regex: the compiled pattern (case-insensitive, word-bounded).
        fixed: fixed fields from the rule table (unit, shift, value, type, ...).
        examples: phrases the rule must tag in full.
        path: the file the rule came from.
        order: position in load order (earlier wins ties).
    """

    name: str
    kind: str
    regex: re.Pattern[str] = attrs.field(repr=False)
    fixed: Mapping[str, Any]
    examples: tuple[str, ...]
    path: str
    order: int


@frozen
class Grammar:
    """All rules, negative rules and vocabularies of one language.

    `prefilter` indexes where each rule (then each negative rule) can begin in a text, so that a
    scan tries each rule only there (see timeline.tagger.prefilter). A grammar pickles as its
    language: a worker process loads (and caches) its own copy instead of receiving ~80
    compiled patterns.
    """

    lang: str
    rules: tuple[Rule, ...]
    negatives: tuple[Rule, ...]
    vocab: Mapping[str, Mapping[str, str]]
    mod_prefix: re.Pattern[str] = attrs.field(repr=False)
    mod_suffix: re.Pattern[str] = attrs.field(repr=False)
    prefilter: Prefilter = attrs.field(repr=False, eq=False)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return load_grammar, (self.lang,)

    def lookup(self, table: str, phrase: str) -> str | None:
        """Normalize `phrase` through vocabulary `table` (case- and space-insensitive)."""
        key = " ".join(phrase.lower().replace("’", "'").split()).rstrip(".")
        return self.vocab.get(table, {}).get(key)


def _read_lines(path: Path) -> list[tuple[int, str]]:
    out = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append((lineno, line))
    return out


def _load_vocab(directory: Path) -> dict[str, dict[str, str]]:
    vocab: dict[str, dict[str, str]] = {}
    for path in sorted(directory.glob("*.tsv")):
        table: dict[str, str] = {}
        for lineno, line in _read_lines(path):
            parts = line.split("\t")
            if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
                raise ResourceError("expected 'phrase<TAB>value'", path=str(path), line=lineno,
                                    value=line)
            key = " ".join(parts[0].lower().split())
            if key in table:
                raise ResourceError("duplicate phrase", path=str(path), line=lineno, value=key)
            table[key] = parts[1].strip()
        vocab[path.stem] = table
    return vocab


def _spaces_to_whitespace(pattern: str) -> str:
    """Turn literal spaces outside character classes into ``\\s+`` (and " ?" into ``\\s*``)."""
    out, in_class, escaped, skip = [], False, False, False
    for i, ch in enumerate(pattern):
        if skip:
            skip = False
        elif escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "]":
            in_class = False
            out.append(ch)
        elif ch == " " and not in_class and pattern[i + 1:i + 2] == "?":
            out.append(r"\s*")
            skip = True
        elif ch == " " and not in_class:
            out.append(r"\s+")
        else:
            out.append(ch)
    return "".join(out)


class _Expander:
    def __init__(self, directory: Path, vocab: dict[str, dict[str, str]]) -> None:
        self.vocab = vocab
        self.patterns = {p.stem: p for p in sorted((directory / "patterns").glob("*.txt"))}
        self.cache: dict[str, str] = {}

    def fragment(self, name: str, where: str, stack: tuple[str, ...] = ()) -> str:
        if name in self.cache:
            return self.cache[name]
        if name in stack:
            raise ResourceError(f"placeholder cycle {' -> '.join(stack + (name,))}", path=where)
        if name in self.patterns:
            path = self.patterns[name]
            alts = [self.expand(line.strip(), str(path), stack + (name,))
                    for _, line in _read_lines(path)]
        elif name in self.vocab:
            phrases = sorted(self.vocab[name], key=lambda p: (-len(p), p))
            alts = [_spaces_to_whitespace(re.escape(p).replace("\\ ", " ")) for p in phrases]
        else:
            raise ResourceError(f"unknown placeholder {{{name}}}", path=where, value=name)
        if not alts:
            raise ResourceError(f"placeholder {{{name}}} has no alternatives", path=where)
        self.cache[name] = "(?:" + "|".join(alts) + ")"
        return self.cache[name]

    def expand(self, pattern: str, where: str, stack: tuple[str, ...] = ()) -> str:
        pattern = _spaces_to_whitespace(pattern)
        return _PLACEHOLDER.sub(lambda m: self.fragment(m.group(1), where, stack), pattern)


def _compile(pattern: str, where: str, name: str) -> re.Pattern[str]:
    upper = _UPPER.search(pattern)
    if upper:
        raise ResourceError(
            f"rule {name!r}: patterns are matched against lower-cased text; write "
            f"{pattern[max(0, upper.start() - 10):upper.end() + 10]!r} in lower case",
            path=where, value=pattern)
    try:
        return re.compile(_BOUNDARY_BEFORE + "(?:" + pattern + ")" + _BOUNDARY_AFTER)
    except re.error as exc:
        raise ResourceError(f"rule {name!r}: bad pattern ({exc})", path=where,
                            value=pattern) from None


def _load_rules(directory: Path, expander: _Expander) -> tuple[list[Rule], list[Rule]]:
    rules: list[Rule] = []
    negatives: list[Rule] = []
    seen: set[str] = set()
    for path in sorted((directory / "rules").glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ResourceError(f"not valid TOML ({exc})", path=str(path)) from None
        unknown = set(data) - {"rule", "negative"}
        if unknown:
            raise ResourceError(f"unknown tables {sorted(unknown)}", path=str(path))
        for section, bucket in (("rule", rules), ("negative", negatives)):
            for i, table in enumerate(data.get(section, [])):
                where = f"{path} [[{section}]] #{i + 1}"
                name = table.get("name")
                if not isinstance(name, str) or not name:
                    raise ResourceError("rule without a name", path=where, value=table)
                if name in seen:
                    raise ResourceError(f"duplicate rule name {name!r}", path=where, value=name)
                seen.add(name)
                extra = set(table) - _RULE_KEYS
                if extra:
                    raise ResourceError(f"rule {name!r}: unknown keys {sorted(extra)}",
                                        path=where, value=sorted(extra))
                kind = "negative" if section == "negative" else table.get("kind")
                if kind != "negative" and kind not in KINDS:
                    raise ResourceError(f"rule {name!r}: unknown kind {kind!r}", path=where,
                                        value=kind)
                pattern = table.get("pattern")
                if not isinstance(pattern, str) or not pattern:
                    raise ResourceError(f"rule {name!r}: missing pattern", path=where)
                examples = table.get("examples", [])
                if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
                    raise ResourceError(f"rule {name!r}: examples must be a list of strings",
                                        path=where, value=examples)
                if table.get("tense", "past") not in _TENSES:
                    raise ResourceError(f"rule {name!r}: tense must be one of {sorted(_TENSES)}",
                                        path=where, value=table["tense"])
                regex = _compile(expander.expand(pattern, where), where, name)
                fixed = {k: table[k] for k in _FIXED_KEYS if k in table}
                bucket.append(Rule(name, kind, regex, fixed, tuple(examples), str(path),
                                   len(seen)))
    return rules, negatives


@functools.lru_cache(maxsize=4)
def load_grammar(lang: str = "en") -> Grammar:
    """Load, validate and compile the resources of `lang` (cached: the result is immutable)."""
    directory = DATA_DIR / lang
    if not directory.is_dir():
        raise ResourceError(f"no resources for language {lang!r}", path=str(directory),
                            value=lang)
    vocab = _load_vocab(directory / "vocab")
    expander = _Expander(directory, vocab)
    rules, negatives = _load_rules(directory, expander)
    mod_prefix = re.compile(
        r"(?<![\w])(?P<mod>" + expander.fragment("mod", str(directory / "vocab/mod.tsv"))
        + r")(?:\s+|\s*-\s*)$", re.IGNORECASE)
    mod_suffix = re.compile(
        r"\s+(?P<mod>" + expander.fragment("mod_suffix", str(directory / "vocab/mod_suffix.tsv"))
        + r")(?![\w-])", re.IGNORECASE)
    frozen_vocab = {name: dict(table) for name, table in vocab.items()}
    prefilter = Prefilter([r.regex for r in rules + negatives], gate=True)
    return Grammar(lang, tuple(rules), tuple(negatives), frozen_vocab, mod_prefix, mod_suffix,
                   prefilter)
