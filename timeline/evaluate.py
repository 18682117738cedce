"""TempEval-3 Task A (TIMEX3 extraction and normalization) scoring, on character spans.

For each gold file and its system counterpart, gold and system TIMEX3s of the TEXT (never the DCT)
are paired as the official toolkit does: walking the text, a timex that starts while a timex of
the other side is open is matched with it, unless that one is already matched (one-to-one, first
overlap wins). That is a *relaxed* match; a *strict* match also has the identical span. As in
the official normalizer, a timex stays open over the EVENT tags right after it (whitespace
between), so a system timex on such an EVENT word still matches it. Then

    type F1  = relaxed F1 x (share of relaxed matches with the gold type)
    value F1 = relaxed F1 x (share of relaxed matches with the gold value)

The official scorer (TimeML-Normalizer + evaluate_entities.py) pairs on tokens of its own
tokenizer, so its numbers can differ slightly from these character-span ones. All scores are
percentages (0-100).
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Sequence
from typing import Any

import attrs
from attrs import frozen

from timeline.exceptions import TimeMLError
from timeline.model import PubDate, TimeExpression
from timeline.timeml import Tagger, Timex, read_timeml, system_timexes, tml_files

__all__ = [
    "ERROR_KINDS", "ErrorItem", "FileResult", "Scores", "TypeScores", "format_errors",
    "format_table", "library_tagger", "match_timexes", "score_dirs", "scores_to_dict",
    "summary_line", "tag_and_score",
]

#: Kinds of error in `FileResult.errors`.
ERROR_KINDS = ("missed", "spurious", "wrong_value", "wrong_type", "span_mismatch")
_TYPES = ("DATE", "TIME", "DURATION", "SET")


@frozen
class ErrorItem:
    """One error: `gold` is None for a spurious timex, `system` None for a missed one."""

    kind: str
    gold: Timex | None
    system: Timex | None

    @property
    def start(self) -> int:
        """Where the error is: the gold start, or the system start for a spurious timex."""
        return self.gold.start if self.gold is not None else self.system.start if self.system else 0


@frozen
class FileResult:
    """Counts and errors of one file."""

    name: str
    gold: int
    system: int
    strict: int
    relaxed: int
    type_matches: int
    value_matches: int
    errors: tuple[ErrorItem, ...] = ()


@frozen
class TypeScores:
    """Per-type breakdown: gold timexes of `type` (recall, value accuracy) and system ones
    (precision)."""

    type: str
    gold: int
    system: int
    matched: int
    value_matches: int
    recall: float
    precision: float
    value_accuracy: float


@frozen
class Scores:
    """Task A scores over a directory (percentages 0-100; counts exclude the DCT)."""

    files: int
    gold: int
    system: int
    strict_matches: int
    relaxed_matches: int
    type_matches: int
    value_matches: int
    strict_precision: float
    strict_recall: float
    strict_f1: float
    relaxed_precision: float
    relaxed_recall: float
    relaxed_f1: float
    type_accuracy: float
    value_accuracy: float
    type_f1: float
    value_f1: float
    by_type: tuple[TypeScores, ...] = ()
    per_file: tuple[FileResult, ...] = ()


def _open_ends(timexes: Sequence[Timex], events: Sequence[tuple[int, int]],
               text: str) -> list[int]:
    """Where each timex stops counting as open: its end, or, mimicking the official normalizer
    (EVENT tokens do not close an open timex), the end of the EVENTs right after it."""
    by_start = {s: e for s, e in events if e > s}
    out = []
    for t in timexes:
        end = t.end
        while True:
            k = end
            while k < len(text) and text[k].isspace():
                k += 1
            if k not in by_start:
                break
            end = by_start[k]
        out.append(end)
    return out


def match_timexes(gold: Sequence[Timex], system: Sequence[Timex], text: str = "",
                  gold_events: Sequence[tuple[int, int]] = (),
                  system_events: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Relaxed one-to-one pairs (gold index, system index), in text order.

    Both sides must be sorted by start and free of overlaps within a side. A timex that starts
    while one of the other side is open is paired with it unless that one is already paired.
    With `text` and EVENT spans, a timex stays open over the EVENTs that follow it (separated
    by whitespace only), as in the official scorer.
    """
    starts = ([t.start for t in gold], [t.start for t in system])
    ends = (_open_ends(gold, gold_events, text), _open_ends(system, system_events, text))
    matched: tuple[dict[int, int], dict[int, int]] = ({}, {})
    order = sorted([(t.start, 0, i) for i, t in enumerate(gold)]
                   + [(t.start, 1, i) for i, t in enumerate(system)])
    for pos, side, i in order:
        if i in matched[side]:
            continue
        other = 1 - side
        j = bisect.bisect_right(starts[other], pos) - 1
        if j >= 0 and pos < ends[other][j] and j not in matched[other]:
            matched[side][i], matched[other][j] = j, i
    return sorted(matched[0].items())


def _compare(name: str, gold: Sequence[Timex], system: Sequence[Timex],
             pairs: Sequence[tuple[int, int]]) -> FileResult:
    errors: list[ErrorItem] = []
    strict = type_ok = value_ok = 0
    for gi, si in pairs:
        g, s = gold[gi], system[si]
        if (g.start, g.end) == (s.start, s.end):
            strict += 1
        else:
            errors.append(ErrorItem("span_mismatch", g, s))
        type_ok += g.type == s.type
        value_ok += g.value == s.value
        if g.type != s.type:
            errors.append(ErrorItem("wrong_type", g, s))
        if g.value != s.value:
            errors.append(ErrorItem("wrong_value", g, s))
    hit_g, hit_s = {g for g, _ in pairs}, {s for _, s in pairs}
    errors += [ErrorItem("missed", g, None) for i, g in enumerate(gold) if i not in hit_g]
    errors += [ErrorItem("spurious", None, s) for i, s in enumerate(system) if i not in hit_s]
    errors.sort(key=lambda e: (e.start, ERROR_KINDS.index(e.kind)))
    return FileResult(name, len(gold), len(system), strict, len(pairs), type_ok, value_ok,
                      tuple(errors))


def _pct(num: int, den: int) -> float:
    return 100.0 * num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _by_type(pairs: Sequence[tuple[Timex, Timex | None]],
             system_types: Sequence[str]) -> tuple[TypeScores, ...]:
    out = []
    gold_types = [g.type for g, _ in pairs]
    known = [t for t in _TYPES if t in gold_types or t in system_types]
    extra = sorted((set(gold_types) | set(system_types)) - set(_TYPES))
    for typ in known + extra:
        rows = [(g, s) for g, s in pairs if g.type == typ]
        matched = sum(s is not None for _, s in rows)
        value_ok = sum(s is not None and s.value == g.value for g, s in rows)
        n_sys = system_types.count(typ)
        sys_matched = sum(s is not None and s.type == typ for _, s in pairs)
        out.append(TypeScores(typ, len(rows), n_sys, matched, value_ok, _pct(matched, len(rows)),
                              _pct(sys_matched, n_sys), _pct(value_ok, matched)))
    return tuple(out)


def _aggregate(results: Sequence[FileResult], pairs: Sequence[tuple[Timex, Timex | None]],
               system_types: Sequence[str]) -> Scores:
    g = sum(r.gold for r in results)
    s = sum(r.system for r in results)
    strict = sum(r.strict for r in results)
    relaxed = sum(r.relaxed for r in results)
    type_ok = sum(r.type_matches for r in results)
    value_ok = sum(r.value_matches for r in results)
    sp, sr, rp, rr = _pct(strict, s), _pct(strict, g), _pct(relaxed, s), _pct(relaxed, g)
    ta, va = _pct(type_ok, relaxed), _pct(value_ok, relaxed)
    if g == 0 and s == 0:      # the official scorer's convention for nothing to find
        sf = rf = tf = vf = 100.0
    else:
        sf, rf = _f1(sp, sr), _f1(rp, rr)
        tf, vf = ta * rf / 100, va * rf / 100
    return Scores(len(results), g, s, strict, relaxed, type_ok, value_ok, sp, sr, sf, rp, rr, rf,
                  ta, va, tf, vf, _by_type(pairs, system_types), tuple(results))


_FileInput = tuple[str, str, Sequence[Timex], Sequence[Timex], Sequence[tuple[int, int]],
              Sequence[tuple[int, int]]]


def _score(items: Sequence[_FileInput]) -> Scores:
    """Score (name, text, gold, system, gold EVENT spans, system EVENT spans) per file."""
    results, pairs, system_types = [], [], []
    for name, text, gold, system, gold_events, system_events in items:
        found = dict(match_timexes(gold, system, text, gold_events, system_events))
        results.append(_compare(name, gold, system, sorted(found.items())))
        pairs += [(t, system[found[i]] if i in found else None) for i, t in enumerate(gold)]
        system_types += [t.type for t in system]
    return _aggregate(results, pairs, system_types)


def score_dirs(gold_dir: str | os.PathLike[str], system_dir: str | os.PathLike[str]) -> Scores:
    """Score the `*.tml` files of `system_dir` against those of `gold_dir` of the same name.

    Raises:
        TimeMLError: `gold_dir` has no .tml files, a system file is missing or unreadable, or
            its TEXT differs from the gold TEXT.
    """
    gold_files = tml_files(gold_dir)
    if not gold_files:
        raise TimeMLError("no .tml files in the gold directory", source=os.fspath(gold_dir))
    items: list[_FileInput] = []
    for path in gold_files:
        sys_path = os.path.join(os.fspath(system_dir), path.name)
        if not os.path.isfile(sys_path):
            raise TimeMLError(f"no system file for gold file {path.name}", source=sys_path)
        gold = read_timeml(path, require_dct=False)
        system = read_timeml(sys_path, require_dct=False)
        if system.text != gold.text:
            at = next((i for i, (a, b) in enumerate(zip(gold.text, system.text)) if a != b),
                      min(len(gold.text), len(system.text)))
            raise TimeMLError(f"TEXT differs from the gold file at character {at}",
                              source=sys_path)
        items.append((path.name, gold.text, gold.gold, system.gold, gold.events, system.events))
    return _score(items)


def tag_and_score(gold_dir: str | os.PathLike[str], tagger: Tagger | None = None) -> Scores:
    """Tag the plain TEXT of every gold file (with its creation date) in memory and score it.

    `tagger(text, dct)` defaults to `library_tagger()`. Spans are cleaned exactly as
    `timeline.timeml.annotate_file` writes them, so this equals annotating then `score_dirs`.
    """
    tagger = tagger or library_tagger()
    gold_files = tml_files(gold_dir)
    if not gold_files:
        raise TimeMLError("no .tml files in the gold directory", source=os.fspath(gold_dir))
    items: list[_FileInput] = []
    for path in gold_files:
        doc = read_timeml(path)
        found = system_timexes(doc.text, tagger(doc.text, doc.dct), doc.tids, source=str(path))
        # system EVENTs are gold EVENTs (some unwrapped); no gold timex starts on one
        items.append((path.name, doc.text, doc.gold, found, doc.events, ()))
    return _score(items)


def library_tagger(config: Any = None) -> Tagger:
    """`timeline.tagger.tag` as a `Tagger` (with `config`, a `TaggerConfig`, if given)."""
    from timeline.tagger.api import TaggerConfig, tag

    cfg = config if config is not None else TaggerConfig()

    def run(text: str, dct: PubDate | None) -> list[TimeExpression]:
        return tag(text, dct, cfg)
    return run


def summary_line(scores: Scores) -> str:
    """`strict F1 85.3  relaxed F1 92.0  type F1 89.1  value F1 86.0  (183 files, ...)`."""
    s = scores
    return (f"strict F1 {s.strict_f1:.1f}  relaxed F1 {s.relaxed_f1:.1f}  type F1 {s.type_f1:.1f}"
            f"  value F1 {s.value_f1:.1f}  ({s.files} files, {s.gold} gold, {s.system} system)")


def format_table(scores: Scores) -> str:
    """A readable table of the scores, the per-type breakdown and a one-line summary."""
    s = scores
    lines = [
        f"{'':10}{'P':>8}{'R':>8}{'F1':>8}",
        f"{'strict':10}{s.strict_precision:8.2f}{s.strict_recall:8.2f}{s.strict_f1:8.2f}",
        f"{'relaxed':10}{s.relaxed_precision:8.2f}{s.relaxed_recall:8.2f}{s.relaxed_f1:8.2f}",
        f"{'':10}{'acc':>8}{'F1':>8}",
        f"{'type':10}{s.type_accuracy:8.2f}{s.type_f1:8.2f}",
        f"{'value':10}{s.value_accuracy:8.2f}{s.value_f1:8.2f}",
        "",
        f"{'type':10}{'gold':>7}{'system':>8}{'matched':>9}{'recall':>8}{'prec.':>8}{'v.acc':>9}",
    ]
    for t in s.by_type:
        lines.append(f"{t.type:10}{t.gold:7d}{t.system:8d}{t.matched:9d}{t.recall:8.1f}"
                     f"{t.precision:8.1f}{t.value_accuracy:9.1f}")
    lines += ["", summary_line(s)]
    return "\n".join(lines)


def _show(t: Timex | None) -> str:
    return "-" if t is None else f"{t.text!r} {t.type} {t.value}" + (f" {t.mod}" if t.mod else "")


def format_errors(scores: Scores, kinds: Sequence[str] = ERROR_KINDS) -> str:
    """One tab-separated line per error: file, kind, offset, gold, system."""
    return "\n".join(
        f"{r.name}\t{e.kind}\t{e.start}\t{_show(e.gold)}\t{_show(e.system)}"
        for r in scores.per_file for e in r.errors if e.kind in kinds)


def scores_to_dict(scores: Scores, *, errors: bool = True) -> dict[str, Any]:
    """The scores as JSON-ready data (floats rounded to 2 places); `errors=False` omits the
    per-file error lists."""
    def conv(obj: Any) -> Any:
        if isinstance(obj, float):
            return round(obj, 2)
        if isinstance(obj, dict):
            return {k: conv(v) for k, v in obj.items() if errors or k != "errors"}
        if isinstance(obj, (list, tuple)):
            return [conv(v) for v in obj]
        return obj
    out: dict[str, Any] = conv(attrs.asdict(scores, recurse=True))
    out["summary"] = summary_line(scores)
    return out
