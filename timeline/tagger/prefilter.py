"""Where in a text a pattern can start: an index of the first characters of many patterns.

Every rule pattern starts with the boundary ``(?<![\\w$€£¥])``, which stops Python's `re` from
skipping ahead with its literal or character-set prefix scan: `finditer` then attempts a match
at every character, about 40 ns each, for each of the ~80 rules. Instead the text is scanned
once for boundary positions, and each position is handed only to the patterns that can begin
with the characters found there (their first four characters, read off the parsed pattern).
`Prefilter.finditer(index, text, positions)` then tries `pattern.match` at those positions only
and yields exactly the matches `pattern.finditer(text)` would: the positions skipped are
positions where the pattern cannot match, and after a match the search resumes at its end, as
`finditer` does. The event triggers use the same index (`Prefilter.positions`), with their own
boundary and IGNORECASE.

The first characters are computed over a finite alphabet: the characters the patterns name
(literals, small ranges) plus one stand-in per combination of the Unicode classes the patterns
use (``\\d``, ``\\s``, ``\\w``), so the index is exact for any text, not only ASCII. When a
pattern's beginning cannot be bounded (a wildcard first character), its rule runs over the whole
text as before. Nothing here changes a result; it only skips work.

A text key that many patterns may begin with (`_DEEPEN` or more: "the " begins ~50 rules, most
of them through an optional or required "the") is read further, to `_DEEP_DEPTH` characters:
the first time such a key is met, the beginnings of its patterns that start with it are listed
again, that deep, and indexed by the characters after it ("the week" is where few of them may
begin). This takes the tries at "the" from ~50 patterns to ~1. Only keys of named characters
and spaces are read further (a key of four digits or symbols begins wide patterns whose deeper
lists are long and gain little), at most `_MAX_DEEP_KEYS` of them, each index at most
`_MAX_DEEP_ENTRIES` entries: without these bounds, the symbol and digit keys of all Timeline17
made indexes of 45 MB and 0.5-5 s each.

A pattern that may begin at almost any word (its first character can be any of `_WIDE`
letters or more: "a name, then 'daily'") would be tried at every word of every text. When it
holds a literal of `_MIN_GATE` characters or more that every match contains ("daily"), it is
*gated* by that literal: `candidates` deals it no position in a text without the literal (most
texts), and in a text with it only its indexed positions that reach an occurrence of the
literal through characters the pattern's elements before the literal may consume ("world
today": the letters and spaces before " today", not the words before a comma or a digit). The
literal may be one of a few alternatives ("today|tonight"). Without this, one rule of a name
then "Today" or "Tonight" was tried at every word of every text: 126,000 tries on 1 M
characters of Timeline17, the tagger 8% slower.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

try:  # Python >= 3.11
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

__all__ = ["BOUNDARY", "Prefilter"]

#: The boundary every rule pattern starts with (see timeline.tagger.resources).
BOUNDARY = r"(?<![\w$€£¥])"

_DEPTH = 4          # characters of each rule's beginning that are indexed
_DEEPEN = 24        # a text key that this many patterns may begin with is read further,
_DEEP_DEPTH = 8     # to this many characters ("the " begins ~50 rules; "the week" a few)
_MAX_DEEP_KEYS = 16     # keys read further, at most (each index is made when first met)
_MAX_DEEP_ENTRIES = 60_000  # a key whose deeper index would be larger is not read further
_MAX_STRINGS = 20_000  # beyond this many beginnings a rule is indexed on fewer characters
_MAX_KEYS = 4096    # two-character index keys of one beginning, at most
_MAX_CACHE = 200_000  # text keys remembered (the cache is cleared beyond)
_MAX_RANGE = 512    # a wider character range makes its position a wildcard
_WIDE = 20          # a pattern that may begin with this many characters or more may be gated
_MIN_GATE = 4       # by a required literal of at least this many characters
# any other global or inline flag: not indexed
_FLAGS_OK = _c.SRE_FLAG_UNICODE | _c.SRE_FLAG_IGNORECASE


def _signature(ch: str) -> tuple[bool, bool, bool]:
    # the Unicode semantics of `re` for str patterns: \d isdecimal, \s isspace, \w isalnum or _
    return ch.isdecimal(), ch.isspace(), ch.isalnum() or ch == "_"


def _stand_in(sig: tuple[bool, bool, bool]) -> str:
    return chr(0xF0000 + sig[0] * 4 + sig[1] * 2 + sig[2])


_STAND_INS = {(d, s, w): _stand_in((d, s, w))
              for d, s, w in itertools.product((False, True), repeat=3)}
_SIGNATURES: dict[str, tuple[bool, bool, bool]] = {ch: sig for sig, ch in _STAND_INS.items()}
_SPACE = _STAND_INS[(False, True, False)]  # the stand-in for white space no pattern names


class _Wild(Exception):
    """A pattern element whose characters cannot be listed."""


class _Alphabet:
    """The characters the patterns name, plus one stand-in per class signature."""

    def __init__(self, named: set[str]) -> None:
        self.named = frozenset(named)
        self.members = sorted(named) + sorted(_STAND_INS.values())
        self._chars: dict[Any, list[str]] = {}

    def canonical(self, ch: str) -> str:
        return ch if ch in self.named else _STAND_INS[_signature(ch)]

    def signature(self, ch: str) -> tuple[bool, bool, bool]:
        """The classes of an alphabet character (a stand-in has those it stands for)."""
        return _signature(ch) if ch in self.named else _SIGNATURES[ch]

    def _holds(self, items: Sequence[tuple[Any, Any]], ch: str) -> bool:
        """Whether the class `items` (an IN element) holds `ch` (a named char or a stand-in)."""
        negate = False
        found = False
        stand_in = ch not in self.named
        digit, space, word = self.signature(ch)
        for op, av in items:
            if op is _c.NEGATE:
                negate = True
            elif op is _c.LITERAL:
                found = found or (not stand_in and ord(ch) == av)
            elif op is _c.RANGE:
                found = found or (not stand_in and av[0] <= ord(ch) <= av[1])
            elif op is _c.CATEGORY:
                table = {_c.CATEGORY_DIGIT: digit, _c.CATEGORY_NOT_DIGIT: not digit,
                         _c.CATEGORY_SPACE: space, _c.CATEGORY_NOT_SPACE: not space,
                         _c.CATEGORY_WORD: word, _c.CATEGORY_NOT_WORD: not word}
                if av not in table:
                    raise _Wild(av)
                found = found or table[av]
            else:
                raise _Wild(op)
        return found != negate

    def chars(self, op: Any, av: Any, ignorecase: bool = False) -> list[str]:
        """The alphabet characters one single-character element can match.

        With `ignorecase`, an ASCII character is listed when it or its other case matches;
        every character outside ASCII is listed (a superset: `re`'s case folding of those
        is not reproduced here, so they never rule a position out)."""
        key = (op, tuple(av) if isinstance(av, list) else av, ignorecase)
        found = self._chars.get(key)
        if found is None:
            if ignorecase:
                found = [ch for ch in self.members if not ch.isascii()
                         or any(self._matches(op, av, x) for x in (ch, ch.lower(), ch.upper()))]
            else:
                found = self._list_chars(op, av)
            self._chars[key] = found
        return found

    def _matches(self, op: Any, av: Any, ch: str) -> bool:
        if ch not in self.named:
            return False
        return ch in self._list_chars(op, av)

    def _list_chars(self, op: Any, av: Any) -> list[str]:
        if op is _c.LITERAL:
            return [chr(av)]
        if op is _c.NOT_LITERAL:
            return [ch for ch in self.members if ch != chr(av)]
        if op is _c.ANY:
            return list(self.members)
        if op is _c.IN:
            return [ch for ch in self.members if self._holds(av, ch)]
        raise _Wild(op)


def _named_chars(items: Any, out: set[str]) -> None:
    """Collect every literal character and small range of a parsed pattern."""
    for op, av in items:
        if op is _c.LITERAL or op is _c.NOT_LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE:
            if av[1] - av[0] <= _MAX_RANGE:
                out.update(chr(i) for i in range(av[0], av[1] + 1))
        elif op is _c.IN:
            _named_chars(av, out)
        elif op is _c.BRANCH:
            for alt in av[1]:
                _named_chars(alt, out)
        elif op is _c.SUBPATTERN:
            _named_chars(av[-1], out)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT",
                                                                     None):
            _named_chars(av[2], out)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            _named_chars(av[1], out)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            _named_chars(av, out)


_MAX_ALTERNATIVES = 16  # a required literal of this many alternatives at most


def _literal_alternatives(items: Any) -> frozenset[str] | None:
    """The strings a parsed sequence of literals, or of groups of literal alternatives
    ("today|tonight"), can match, or None when it can match anything else."""
    found = {""}
    for op, av in items:
        if op is _c.LITERAL:
            more: set[str] | frozenset[str] | None = {chr(av)}
        elif op is _c.BRANCH:
            more = set()
            for alt in av[1]:
                alts = _literal_alternatives(alt)
                if alts is None:
                    return None
                more |= alts
        elif op is _c.SUBPATTERN and not (av[1] or av[2]):
            more = _literal_alternatives(av[-1])
        else:
            return None
        if more is None:
            return None
        found = {a + b for a in found for b in more}
        if len(found) > _MAX_ALTERNATIVES:
            return None
    return frozenset(found)


def _flatten(items: Any) -> list[tuple[Any, Any]]:
    """A parsed pattern's top-level sequence with its groups (without inline flags) opened,
    a group of literal alternatives kept whole as one ("LITERALS", strings) item."""
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is _c.SUBPATTERN and not (av[1] or av[2]):
            alts = _literal_alternatives(av[-1])
            if alts is not None:
                out.append(("LITERALS", alts))
            else:
                out.extend(_flatten(av[-1]))
        elif op is _c.BRANCH:
            alts = _literal_alternatives([(op, av)])
            out.append(("LITERALS", alts) if alts is not None else (op, av))
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            out.extend(_flatten(av))
        else:
            out.append((op, av))
    return out


def _required_literal(items: Any) -> tuple[frozenset[str], int]:
    """The longest run of literal characters that every match of a parsed pattern contains:
    the strings it may be (several where a group of literal alternatives is part of it:
    "today|tonight"), and the index in the flattened sequence (`_flatten`) where it begins
    (read from the top-level sequence and the groups in it; branches other than literal
    alternatives, repeats and assertions end a run); (frozenset(), 0) when there is none."""
    flat = _flatten(items)
    best: tuple[frozenset[str], int] = (frozenset(), 0)
    run: set[str] = {""}
    start = 0

    def shortest(alts: frozenset[str] | set[str]) -> int:
        return min((len(a) for a in alts), default=0)

    for at, (op, av) in enumerate(flat + [(None, None)]):
        if op is _c.LITERAL or op == "LITERALS":
            more = {chr(av)} if op is _c.LITERAL else av
            grown = {a + b for a in run for b in more}
            if len(grown) <= _MAX_ALTERNATIVES:
                run = grown
                continue
        if shortest(run) > shortest(best[0]):
            best = (frozenset(run), start)
        run, start = {""}, at + 1
        if op is _c.LITERAL or op == "LITERALS":  # too many alternatives: a run begins here
            run = {chr(av)} if op is _c.LITERAL else set(av)
            start = at
    return best


def _consumed(items: Any, alphabet: _Alphabet) -> frozenset[str] | None:
    """The alphabet characters a parsed sequence (flattened or not) can consume, or None when
    they cannot be listed."""
    out: set[str] = set()
    for op, av in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN):
            try:
                out.update(alphabet.chars(op, av))
            except _Wild:
                return None
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width
        elif op == "LITERALS":
            out.update(alphabet.canonical(ch) for alt in av for ch in alt)
        elif op is _c.BRANCH:
            for alt in av[1]:
                more = _consumed(alt, alphabet)
                if more is None:
                    return None
                out |= more
        elif op is _c.SUBPATTERN and not (av[1] or av[2]):
            more = _consumed(av[-1], alphabet)
            if more is None:
                return None
            out |= more
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT",
                                                                     None):
            more = _consumed(av[2], alphabet)
            if more is None:
                return None
            out |= more
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            more = _consumed(av, alphabet)
            if more is None:
                return None
            out |= more
        else:
            return None
    return frozenset(out)


@attrs.frozen
class Gate:
    """What a gated pattern's matches require: one of `literals`, and (when `before` is not
    None) only characters of `before` (alphabet characters) between its start and it."""

    literals: tuple[str, ...]
    before: frozenset[str] | None


# A beginning is (sets, open): the characters its first len(sets) positions can hold. `open`
# says the element was matched whole within them, so the elements after it extend the sets; a
# closed beginning stops there (depth reached, or what follows cannot be listed) and stands for
# every text that starts with characters from its sets.
_Sets = tuple[frozenset[str], ...]
_Beginnings = set[tuple[_Sets, bool]]


class _Lister:
    """Lists the beginnings of a parsed pattern up to `depth` characters. With a
    `constraint` (one character set per position, from the start), only the beginnings that
    fit it, cut to it: those of the matches that start with such characters."""

    def __init__(self, alphabet: _Alphabet, depth: int, ignorecase: bool,
                 constraint: _Sets = ()) -> None:
        self.alphabet = alphabet
        self.depth = depth
        self.ignorecase = ignorecase
        self.constraint = constraint

    def _check(self, found: _Beginnings) -> _Beginnings:
        if len(found) > _MAX_STRINGS:
            raise _Wild("too many")
        return found

    def _extend(self, found: _Beginnings, items: Sequence[Any], budget: int,
                offset: int) -> _Beginnings:
        """`found` (beginnings that start at character `offset`) followed by `items`."""
        nxt: _Beginnings = set()
        for sets, is_open in found:
            room = budget - len(sets)
            if not is_open or room <= 0:
                nxt.add((sets, False))
                continue
            for more, more_open in self.sequence(items, room, offset + len(sets)):
                nxt.add((sets + more, more_open))
        return self._check(nxt)

    def sequence(self, items: Sequence[Any], budget: int, offset: int = 0) -> _Beginnings:
        found: _Beginnings = {((), True)}
        for item in items:
            found = self._extend(found, [item], budget, offset) if len(items) > 1 \
                else self.element(item, budget, offset)
        return found

    def element(self, item: tuple[Any, Any], budget: int, offset: int) -> _Beginnings:
        op, av = item
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN):
            chars = frozenset(self.alphabet.chars(op, av, self.ignorecase))
            if offset < len(self.constraint):
                chars &= self.constraint[offset]
                if not chars:
                    return set()  # no match starts so
            return {((chars,), True)}
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            return {((), True)}  # zero width: ignoring a condition only widens the index
        if op is _c.BRANCH:
            out: _Beginnings = set()
            for alt in av[1]:
                out |= self.sequence(alt, budget, offset)
            return self._check(out)
        if op is _c.SUBPATTERN:
            if av[1] or av[2]:  # inline flags
                raise _Wild("flags")
            return self.sequence(av[-1], budget, offset)
        if op is getattr(_c, "ATOMIC_GROUP", None):
            return self.sequence(av, budget, offset)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
            low, high, body = av
            last = min(high, low + budget)
            out = set()
            reps: _Beginnings = {((), True)}
            for count in range(last + 1):
                if count >= low:
                    out |= reps
                if count < last:
                    reps = self._extend(reps, body, budget, offset)
            if high > last:  # more repetitions than the budget: all cut at it
                out |= {(sets, False) for sets, _ in reps}
            return self._check(out)
        raise _Wild(op)  # back references, conditionals: not listed


def _beginnings(parsed: Any, alphabet: _Alphabet, constraint: _Sets = (),
                depth: int = _DEPTH) -> set[_Sets] | None:
    """The beginnings (1 to `depth` character sets) of a parsed pattern's matches that fit
    `constraint` (see `_Lister`), or None when they cannot be listed."""
    if parsed.state.flags & ~_FLAGS_OK:
        return None
    ignorecase = bool(parsed.state.flags & _c.SRE_FLAG_IGNORECASE)
    for size in range(depth, len(constraint), -1):
        try:
            found = _Lister(alphabet, size, ignorecase, constraint).sequence(list(parsed), size)
        except _Wild:
            continue
        sets = {sets for sets, _ in found}
        if () in sets or any(not s for b in sets for s in b):
            return None  # a match can be empty, or starts with what cannot be listed
        return sets
    return None


def _index(index: dict[str, dict[_Sets, set[int]]], sets: _Sets, value: int) -> int:
    """Files `value` under a beginning: by its first one or two characters, then the sets of
    the characters after them. Returns the number of keys it was filed under."""
    head = 2 if len(sets) >= 2 and len(sets[0]) * len(sets[1]) <= _MAX_KEYS else 1
    keys = 0
    for key in itertools.product(*sets[:head]):
        index.setdefault("".join(key), {}).setdefault(sets[head:], set()).add(value)
        keys += 1
    return keys


def _look_up(index: dict[str, dict[_Sets, set[int]]], canon: str) -> set[int]:
    """The values filed (`_index`) under beginnings that the canonical text `canon` starts
    with."""
    found: set[int] = set()
    for head in (1, 2):
        if head > len(canon):
            break
        room = len(canon) - head
        for rest, indices in index.get(canon[:head], {}).items():
            # the next characters, unrolled (rest has at most a few sets): this is the hot
            # loop of a text's first pass
            n = len(rest)
            if n > room or n and canon[head] not in rest[0] \
                    or n > 1 and canon[head + 1] not in rest[1] \
                    or n > 2 and not all(canon[head + i] in rest[i] for i in range(2, n)) \
                    or indices <= found:
                continue
            found |= indices
    return found


def _occurrences(text: str, literal: str) -> Iterator[int]:
    p = text.find(literal)
    while p >= 0:
        yield p
        p = text.find(literal, p + 1)


#: A deeper index: the patterns that always remain, and an index of what follows the key.
_Deep = tuple[frozenset[int], dict[str, dict[_Sets, set[int]]]]


class Prefilter:
    """The index of the beginnings of a list of compiled patterns (see the module docstring).

    Patterns are indexed by their position in the list; a pattern whose beginning cannot be
    listed is `unindexed` and runs over whole texts. With `gate`, a pattern that may begin at
    almost any word is also gated by a literal it requires (`gates`): `candidates` leaves it
    out of texts without that literal.
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]], boundary: str = BOUNDARY,
                 *, gate: bool = False) -> None:
        named: set[str] = set()
        parsed = [_p.parse(pattern.pattern, pattern.flags) for pattern in patterns]
        for tree in parsed:
            _named_chars(tree, named)
        if any(tree.state.flags & _c.SRE_FLAG_IGNORECASE for tree in parsed):
            named |= {ch.swapcase() for ch in named if ch.isascii()}
        self.alphabet = _Alphabet(named)
        self.patterns = tuple(patterns)
        # the first one or two characters -> sets of the next characters -> pattern indices
        self.by_beginning: dict[str, dict[_Sets, set[int]]] = {}
        unindexed = []
        #: pattern index -> the literal its matches contain (and what may come before it),
        #: for patterns that may begin at almost any word (see the module docstring)
        self.gates: dict[int, Gate] = {}
        #: the characters a gated pattern dealt by its windows may begin with
        self._firsts: dict[int, frozenset[str]] = {}
        starts_with_space = False
        for index, pattern in enumerate(patterns):
            found = _beginnings(parsed[index], self.alphabet) \
                if pattern.pattern.startswith(boundary) else None
            if found is None:
                unindexed.append(index)
                continue
            literals, start = _required_literal(parsed[index])
            if gate and min(map(len, literals), default=0) >= _MIN_GATE \
                    and not pattern.flags & re.IGNORECASE \
                    and len(frozenset().union(*(sets[0] for sets in found))) >= _WIDE:
                before = _consumed(_flatten(parsed[index])[:start], self.alphabet)
                if before is not None and len(before) == len(self.alphabet.members):
                    before = None  # anything may come before: no help
                self.gates[index] = Gate(tuple(sorted(literals)), before)
            for sets in found:
                starts_with_space = starts_with_space or any(
                    self.alphabet.signature(ch)[1] for ch in sets[0])
            if index in self.gates and self.gates[index].before is not None:
                # dealt by its windows only (`candidates`): kept out of the index, it adds
                # nothing to the positions of the other patterns (at almost every word)
                self._firsts[index] = frozenset().union(*(sets[0] for sets in found))
                continue
            for sets in found:
                _index(self.by_beginning, sets, index)
        self.unindexed = frozenset(unindexed)
        self._parsed: list[Any] | None = parsed
        first = r"[\s\S]" if starts_with_space else r"\S"
        # `boundary` must mean the same with and without IGNORECASE (no letters in it)
        self._positions = re.compile(boundary + f"(?=({first}.{{0,{_DEPTH - 1}}}))", re.DOTALL)
        # raw text key -> indices of the patterns that may begin there (a cache: keys recur)
        self._cache: dict[str, tuple[int, ...]] = {}
        # for the keys that many patterns may begin with ("the "), made when first met:
        # canonical key -> (patterns that always remain, index of the characters after it),
        # or None for a key that is not read further
        self._deep: dict[str, _Deep | None] = {}
        self._deep_cache: dict[str, tuple[int, ...]] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cache"] = {}
        state["_deep_cache"] = {}
        state["_parsed"] = None  # parsed patterns do not pickle; parsed again when needed
        return state

    def _canonical(self, key: str) -> str:
        return "".join(self.alphabet.canonical(ch) for ch in key)

    def _lookup(self, key: str) -> tuple[int, ...]:
        return tuple(sorted(_look_up(self.by_beginning, self._canonical(key))))

    def _deeper(self, key: str, found: tuple[int, ...]) -> tuple[int, ...]:
        """Of the patterns `found` for a text key's first _DEPTH characters, those that may
        begin with all of `key` (up to _DEEP_DEPTH characters)."""
        canon = self._canonical(key)
        head = canon[:_DEPTH]
        if head in self._deep:
            deep = self._deep[head]
        else:
            # only keys of characters the patterns name and spaces ("the "), never of other
            # stand-ins for a class (digits or symbols: wide patterns, long lists, little gain)
            named = all(ch in self.alphabet.named or ch == _SPACE for ch in head)
            deep = self._deep[head] = self._deep_index(head, found) \
                if named and len(self._deep) < _MAX_DEEP_KEYS else None
        if deep is None:
            return found
        always, index = deep
        return tuple(sorted(always | _look_up(index, canon[_DEPTH:])))

    def _deep_index(self, canon: str, found: tuple[int, ...]) -> _Deep | None:
        """The beginnings of the patterns `found` that start with the canonical characters
        `canon`, listed to _DEEP_DEPTH characters and indexed by what follows `canon`; None
        when that index would hold more than _MAX_DEEP_ENTRIES entries."""
        if self._parsed is None:
            self._parsed = [_p.parse(p.pattern, p.flags) for p in self.patterns]
        constraint = tuple(frozenset((ch,)) for ch in canon)
        always: set[int] = set()
        index: dict[str, dict[_Sets, set[int]]] = {}
        entries = 0
        for i in found:
            listed = _beginnings(self._parsed[i], self.alphabet, constraint, _DEEP_DEPTH)
            if listed is None or not listed:  # cannot be listed: tried wherever `canon` is
                always.add(i)  # (none at all cannot be: `found` says it may begin so)
                continue
            for sets in listed:
                rest = sets[len(canon):]
                if not rest:
                    always.add(i)
                    continue
                entries += _index(index, rest, i)
                if entries > _MAX_DEEP_ENTRIES:
                    return None
        return frozenset(always), index

    def positions(self, text: str) -> list[tuple[int, tuple[int, ...]]]:
        """The positions of `text` where some pattern may match, in order, each with the
        indices of those patterns (ascending); the gated patterns that `candidates` deals by
        their windows are not among them."""
        cache, deep_cache = self._cache, self._deep_cache
        if len(cache) > _MAX_CACHE:
            cache.clear()
        if len(deep_cache) > _MAX_CACHE:
            deep_cache.clear()
        out = []
        for m in self._positions.finditer(text):
            key = m.group(1)
            found = cache.get(key)
            if found is None:
                found = cache[key] = self._lookup(key)
            if len(found) >= _DEEPEN:
                p = m.start()
                longer = text[p:p + _DEEP_DEPTH]
                deeper = deep_cache.get(longer)
                if deeper is None:
                    deeper = deep_cache[longer] = self._deeper(longer, found)
                found = deeper
            if found:
                out.append((m.start(), found))
        return out

    def candidates(self, text: str) -> dict[int, list[int]]:
        """For each pattern that may match in `text`, the positions where it may, in order."""
        groups: dict[tuple[int, ...], list[int]] = {}
        for p, found in self.positions(text):
            group = groups.get(found)
            if group is None:
                group = groups[found] = []
            group.append(p)
        shut = set()
        windows = {}
        for index, gate in self.gates.items():
            spans = self._windows(gate, text)
            if spans is False:
                shut.add(index)
            elif spans is not True:
                windows[index] = spans
        dealt: dict[int, list[list[int]]] = {}
        for found, positions in groups.items():
            for index in found:
                if index not in shut:
                    dealt.setdefault(index, []).append(positions)
        out = {index: lists[0] if len(lists) == 1
               else sorted(itertools.chain.from_iterable(lists))
               for index, lists in dealt.items()}
        canonical = self.alphabet.canonical
        for index, spans in windows.items():
            firsts = self._firsts[index]
            dealt_here = [m.start() for start, end in spans
                          for m in self._positions.finditer(text, start, end + 1)
                          if canonical(text[m.start()]) in firsts]
            if dealt_here:
                out[index] = dealt_here
        return out

    def _windows(self, gate: Gate, text: str) -> list[tuple[int, int]] | bool:
        """Where a gated pattern may begin in `text`: False when `text` holds none of its
        literals; True anywhere; else the spans [start, end] (ascending, inclusive) that reach
        an occurrence of a literal through characters that may come before it."""
        found = sorted({p for literal in gate.literals for p in _occurrences(text, literal)})
        if not found:
            return False
        before = gate.before
        if before is None:
            return True
        named, canonical = self.alphabet.named, self.alphabet.canonical
        spans: list[tuple[int, int]] = []
        last = 0
        for q in found:
            r = q
            while r > last and (text[r - 1] in before if text[r - 1] in named
                                else canonical(text[r - 1]) in before):
                r -= 1
            if r == last and spans:  # all the way back to the previous one: one span
                spans[-1] = (spans[-1][0], q)
            else:
                spans.append((r, q))
            last = q
        return spans

    def finditer(self, index: int, text: str,
                 positions: Sequence[int]) -> Iterator[re.Match[str]]:
        """The matches of pattern `index` in `text`, exactly as its `finditer` finds them.

        `positions` are its candidate positions (from `candidates`)."""
        pattern = self.patterns[index]
        if index in self.unindexed:
            yield from pattern.finditer(text)
            return
        match = pattern.match
        resume = 0
        for p in positions:
            if p < resume:
                continue
            m = match(text, p)
            if m is None:
                continue
            if m.end() == p:  # an empty match: finditer's own rules apply from here
                yield from pattern.finditer(text, p)
                return
            yield m
            resume = m.end()
