"""Trigger vocabularies (``timeline/data/en/triggers.toml``): loading, validation and matching.

Every pattern of every entry is compiled into one regular expression: alternatives ordered by
specificity (longest first), each wrapped in a named group, with word boundaries on both sides.
`find_triggers` scans a text with it and says which entry, which verb and which verb form
matched.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from timeline.events.patterns import PatternError, compile_pattern, form_kind, verb_forms
from timeline.events.resources import DATA_DIR, read_toml
from timeline.exceptions import ResourceError
from timeline.model import EVENT_TYPES
from timeline.tagger.prefilter import Prefilter

__all__ = ["REQUIREMENTS", "SLOTS", "TriggerEntry", "TriggerMatch", "TriggerSet",
           "find_triggers", "load_triggers"]

TRIGGERS_PATH = DATA_DIR / "triggers.toml"
REQUIREMENTS = frozenset({"location", "participant", "person_agent", "active"})
SLOTS = frozenset({"agent", "others", "places", "predicate", "phrase", "subject", "participle",
                   "venue", "quote"})
_ENTRY_KEYS = {"pattern", "examples", "counterexamples", "requires", "subject", "titles",
               "comment"}
_BEFORE, _AFTER = r"(?<![\w’'-])(?:", r")(?![\w-])"
_TOP_KEYS = {"irregular", "classes", "titles", "gaps"} | set(EVENT_TYPES)


@frozen
class TriggerEntry:
    """One entry of the trigger file.

    Attributes:
        type: the event type.
        number: 1-based position among the entries of its type.
        patterns: the patterns, as written.
        examples: sentences that must yield an event of this type from this entry.
        counterexamples: sentences that must not.
        requires: conditions on the event ("location", "participant", "person_agent").
        subject: words one of which must appear in the noun phrase before the trigger.
        titles: title templates tried before those of the type.
        line: the line of the entry's header in the file.
    """

    type: str
    number: int
    patterns: tuple[str, ...]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...] = ()
    requires: frozenset[str] = frozenset()
    subject: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    line: int | None = None

    @property
    def name(self) -> str:
        return f"{self.type}#{self.number}"


@frozen
class TriggerMatch:
    """A trigger found in a text (offsets relative to the scanned text plus its offset)."""

    entry: TriggerEntry
    start: int
    end: int
    text: str
    lemma: str | None = None
    verb_start: int | None = None
    verb_end: int | None = None
    form: str | None = None

    @property
    def has_verb(self) -> bool:
        return self.lemma is not None


@frozen
class TriggerSet:
    """The compiled trigger file."""

    entries: tuple[TriggerEntry, ...]
    regex: re.Pattern[str]
    groups: Mapping[str, tuple[TriggerEntry, tuple[str, ...]]]
    singles: tuple[tuple[str, re.Pattern[str]], ...]
    irregular: Mapping[str, tuple[str, ...]]
    titles: Mapping[str, tuple[str, ...]]
    path: str
    #: where each of `singles` can begin in a text (see timeline.tagger.prefilter)
    prefilter: Prefilter | None = attrs.field(default=None, eq=False, repr=False)

    def forms(self, lemma: str) -> dict[str, tuple[str, ...]]:
        return verb_forms(lemma, self.irregular)


def _slots(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _check_strings(value: Any, what: str, where: dict[str, Any], *,
                   allow_empty: bool = True) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ResourceError(f"{what} must be a string or a list of strings", value=value,
                            **where)
    if not value and not allow_empty:
        raise ResourceError(f"{what} must not be empty", value=value, **where)
    return tuple(value)


def _check_titles(templates: tuple[str, ...], where: dict[str, Any]) -> None:
    for template in templates:
        unknown = _slots(template) - SLOTS
        if unknown:
            raise ResourceError(f"unknown title slots {sorted(unknown)}", value=template,
                                **where)


def _entry(kind: str, number: int, table: Any, where: dict[str, Any]) -> TriggerEntry:
    if not isinstance(table, dict):
        raise ResourceError(f"[[{kind}]] entry must be a table", value=table, **where)
    extra = set(table) - _ENTRY_KEYS
    if extra:
        raise ResourceError(f"unknown keys {sorted(extra)}", value=sorted(extra), **where)
    if "pattern" not in table:
        raise ResourceError("entry without a pattern", value=table, **where)
    requires = _check_strings(table.get("requires", []), "requires", where)
    unknown = set(requires) - REQUIREMENTS
    if unknown:
        raise ResourceError(f"unknown requirements {sorted(unknown)}", value=requires, **where)
    titles = _check_strings(table.get("titles", []), "titles", where)
    _check_titles(titles, where)
    return TriggerEntry(
        type=kind, number=number,
        patterns=_check_strings(table["pattern"], "pattern", where, allow_empty=False),
        examples=_check_strings(table.get("examples", []), "examples", where,
                                allow_empty=False),
        counterexamples=_check_strings(table.get("counterexamples", []), "counterexamples",
                                       where),
        requires=frozenset(requires),
        subject=tuple(s.lower() for s in _check_strings(table.get("subject", []), "subject",
                                                           where)),
        titles=titles, line=where.get("line"),
    )


def _entry_lines(raw: str, kind: str) -> list[int]:
    header = re.compile(rf"^\s*\[\[\s*{re.escape(kind)}\s*\]\]")
    return [n for n, line in enumerate(raw.splitlines(), start=1) if header.match(line)]


@functools.lru_cache(maxsize=4)
def load_triggers(path: Path = TRIGGERS_PATH) -> TriggerSet:
    """Load, validate and compile a trigger file (cached)."""
    data, raw = read_toml(path)
    where_file: dict[str, Any] = {"path": str(path)}
    extra = set(data) - _TOP_KEYS
    if extra:
        raise ResourceError(f"unknown tables {sorted(extra)} (event types are {EVENT_TYPES})",
                            value=sorted(extra), **where_file)
    irregular = {k: _check_strings(v, f"[irregular] {k}", where_file)
                 for k, v in data.get("irregular", {}).items()}
    for lemma, forms in irregular.items():
        if len(forms) not in (2, 3):
            raise ResourceError(f"[irregular] {lemma}: give [past, participle(, -ing)]",
                                value=forms, **where_file)
    classes = {k: tuple(w.lower() for w in _check_strings(v, f"[classes] {k}", where_file,
                                                           allow_empty=False))
               for k, v in data.get("classes", {}).items()}
    gaps = data.get("gaps", {})
    if not isinstance(gaps, dict) or set(gaps) - {"never"}:
        raise ResourceError("[gaps] must be a table with a list 'never'", value=gaps,
                            **where_file)
    gap_stops = tuple(w.lower() for w in _check_strings(gaps.get("never", []), "[gaps] never",
                                                         where_file))
    titles = {k: _check_strings(v, f"[titles] {k}", where_file)
              for k, v in data.get("titles", {}).items()}
    for templates in titles.values():
        _check_titles(templates, where_file)
    entries: list[TriggerEntry] = []
    alternatives: list[tuple[int, int, str]] = []
    groups: dict[str, tuple[TriggerEntry, tuple[str, ...]]] = {}
    for kind in EVENT_TYPES:
        tables = data.get(kind, [])
        if not isinstance(tables, list):
            raise ResourceError(f"{kind} must be an array of tables ([[{kind}]])",
                                **where_file)
        lines = _entry_lines(raw, kind)
        for number, table in enumerate(tables, start=1):
            line = lines[number - 1] if number <= len(lines) else None
            where: dict[str, Any] = {"path": str(path), "line": line}
            entry = _entry(kind, number, table, where)
            entries.append(entry)
            for k, pattern in enumerate(entry.patterns):
                name = f"e{len(entries)}p{k}"
                try:
                    compiled = compile_pattern(pattern, name, classes, irregular, gap_stops)
                    re.compile(compiled.regex)
                except (PatternError, re.error) as exc:
                    raise ResourceError(f"{entry.name}: bad pattern {pattern!r} ({exc})",
                                        value=pattern, **where) from None
                groups[name] = (entry, compiled.verbs)
                alternatives.append((compiled.weight, len(alternatives),
                                     f"(?P<{name}>{compiled.regex})"))
    alternatives.sort(key=lambda a: (-a[0], a[1]))
    body = "|".join(a[2] for a in alternatives)
    regex = re.compile(_BEFORE + body + _AFTER, re.IGNORECASE)
    singles = tuple((re.search(r"\?P<(\w+)>", alt).group(1),  # type: ignore[union-attr]
                     re.compile(_BEFORE + alt + _AFTER, re.IGNORECASE))
                    for _, _, alt in alternatives)
    return TriggerSet(tuple(entries), regex, groups, singles, irregular, titles, str(path),
                      Prefilter([single for _, single in singles],
                                boundary=_BEFORE.removesuffix("(?:")))


def find_triggers(text: str, offset: int = 0,
                  triggers: TriggerSet | None = None) -> list[TriggerMatch]:
    """Every trigger in `text` (non-overlapping, leftmost-longest), offsets shifted by `offset`.

    At the leftmost position where some pattern matches, every pattern is tried and the longest
    match wins (on a tie, the more specific pattern).
    """
    triggers = triggers or load_triggers()
    if triggers.prefilter is not None and not triggers.prefilter.unindexed:
        return _find_prefiltered(text, offset, triggers, triggers.prefilter)
    found: list[TriggerMatch] = []
    pos = 0
    while True:
        first = triggers.regex.search(text, pos)
        if first is None:
            return found
        best: tuple[int, str, re.Match[str]] | None = None
        for name, single in triggers.singles:
            m = single.match(text, first.start())
            if m is not None and (best is None or m.end() > best[0]):
                best = (m.end(), name, m)
        assert best is not None
        _, name, m = best
        found.append(_match(triggers, name, m, offset))
        pos = max(m.end(), first.start() + 1)


def _find_prefiltered(text: str, offset: int, triggers: TriggerSet,
                      prefilter: Prefilter) -> list[TriggerMatch]:
    """find_triggers, trying each pattern only where it can begin: the leftmost position
    where one matches is where `triggers.regex` finds its first match, and the patterns that
    can begin there are tried in their order, as find_triggers tries them all."""
    found: list[TriggerMatch] = []
    pos = 0
    for p, indices in prefilter.positions(text):
        if p < pos:
            continue
        best: tuple[int, str, re.Match[str]] | None = None
        for index in indices:
            name, single = triggers.singles[index]
            m = single.match(text, p)
            if m is not None and (best is None or m.end() > best[0]):
                best = (m.end(), name, m)
        if best is None:
            continue
        _, name, m = best
        found.append(_match(triggers, name, m, offset))
        pos = max(m.end(), p + 1)
    return found


def _match(triggers: TriggerSet, name: str, m: re.Match[str], offset: int) -> TriggerMatch:
    entry, verbs = triggers.groups[name]
    lemma = verb_start = verb_end = form = None
    for k, verb in enumerate(verbs):
        group = f"{name}v{k}"
        if m.group(group) is not None:
            lemma, verb_start, verb_end = verb, m.start(group) + offset, m.end(group) + offset
            form = form_kind(verb, m.group(group), triggers.irregular)
            break
    return TriggerMatch(entry, m.start() + offset, m.end() + offset, m.group(), lemma,
                        verb_start, verb_end, form)
