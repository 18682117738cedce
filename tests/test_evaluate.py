"""TempEval-3 Task A scoring (timeline.evaluate) on small invented fixtures."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from timeline.evaluate import (
    Scores,
    format_errors,
    format_table,
    match_timexes,
    score_dirs,
    scores_to_dict,
    tag_and_score,
)
from timeline.exceptions import TimeMLError
from timeline.model import PubDate, TimeExpression, TimeValue
from timeline.timeml import Timex, annotate_dir, read_timeml

GOLD = Path(__file__).parent / "fixtures" / "timeml" / "gold"
TE3 = Path("/work/shared/tools/te3_score.py")


def expr(text: str, phrase: str, type_: str, value: str, mod: str | None = None) -> TimeExpression:
    start = text.index(phrase)
    return TimeExpression(phrase, start, start + len(phrase), TimeValue(type_, value, mod))


def crafted(text: str, dct: PubDate | None) -> Sequence[TimeExpression]:
    """Harbor: a missed, a spurious, a wrong value, a partial overlap, a wrong type.
    Festival: a partial overlap with a wrong value and a spurious."""
    if "harbor" in text:
        return [
            expr(text, "Tuesday", "DATE", "2021-03-02"),                 # correct
            expr(text, "the old pier", "DATE", "2000"),                  # spurious
            # "eighteen months" missed
            expr(text, "Wednesday", "DATE", "2021-03-10"),               # wrong value
            expr(text, "June", "DATE", "2021-06", "START"),              # partial overlap
            expr(text, "next fall", "DURATION", "2022-FA"),              # wrong type
        ]
    return [
        expr(text, "Organizers", "DATE", "X"),                           # spurious
        expr(text, "today", "DATE", "PRESENT_REF"),
        expr(text, "7:30 p.m.", "TIME", "2019-11-08T19:00"),             # partial + wrong value
        expr(text, "every week", "SET", "P1W"),
        expr(text, "three days", "DURATION", "P3D"),
        expr(text, "last year", "DATE", "2018"),
    ]


def gold_echo(text: str, dct: PubDate | None) -> list[TimeExpression]:
    doc = next(d for d in (read_timeml(p) for p in GOLD.glob("*.tml")) if d.text == text)
    return [TimeExpression(g.text, g.start, g.end, TimeValue(g.type, g.value, g.mod))
            for g in doc.gold]


@pytest.fixture()
def crafted_dir(tmp_path: Path) -> Path:
    out = tmp_path / "system"
    annotate_dir(GOLD, out, crafted)
    return out


def test_identical_dirs_score_100() -> None:
    s = score_dirs(GOLD, GOLD)
    assert (s.files, s.gold, s.system, s.relaxed_matches) == (2, 10, 10, 10)
    for value in (s.strict_f1, s.relaxed_f1, s.type_f1, s.value_f1, s.strict_precision,
                  s.relaxed_recall):
        assert value == 100.0
    assert all(not r.errors for r in s.per_file)


def test_gold_written_back_scores_100(tmp_path: Path) -> None:
    annotate_dir(GOLD, tmp_path / "sys", gold_echo)
    s = score_dirs(GOLD, tmp_path / "sys")
    assert (s.strict_f1, s.relaxed_f1, s.type_f1, s.value_f1) == (100.0,) * 4


def test_crafted_mismatch_hand_computed(crafted_dir: Path) -> None:
    s = score_dirs(GOLD, crafted_dir)
    assert (s.gold, s.system) == (10, 11)
    assert (s.relaxed_matches, s.strict_matches, s.type_matches, s.value_matches) == (9, 7, 8, 7)
    assert s.strict_precision == pytest.approx(100 * 7 / 11)
    assert s.strict_recall == pytest.approx(70.0)
    assert s.strict_f1 == pytest.approx(100 * 14 / 21)
    assert s.relaxed_precision == pytest.approx(100 * 9 / 11)
    assert s.relaxed_recall == pytest.approx(90.0)
    assert s.relaxed_f1 == pytest.approx(100 * 18 / 21)
    assert s.type_f1 == pytest.approx(100 * 18 / 21 * 8 / 9)
    assert s.value_f1 == pytest.approx(100 * 18 / 21 * 7 / 9)
    by_type = {t.type: (t.gold, t.system, t.matched, t.value_matches) for t in s.by_type}
    assert by_type == {"DATE": (6, 7, 6, 5), "TIME": (1, 1, 1, 0), "DURATION": (2, 2, 1, 1),
                       "SET": (1, 1, 1, 1)}
    duration = next(t for t in s.by_type if t.type == "DURATION")
    assert duration.recall == pytest.approx(50.0)
    assert duration.precision == pytest.approx(100.0)      # "next fall" counts: it is matched
    date = next(t for t in s.by_type if t.type == "DATE")
    assert date.precision == pytest.approx(100 * 5 / 7)     # two spurious DATEs
    assert date.value_accuracy == pytest.approx(100 * 5 / 6)


def test_crafted_mismatch_error_lists(crafted_dir: Path) -> None:
    s = score_dirs(GOLD, crafted_dir)
    harbor = next(r for r in s.per_file if r.name == "harbor.tml")
    got = [(e.kind, e.gold.text if e.gold else None, e.system.text if e.system else None)
           for e in harbor.errors]
    assert got == [
        ("spurious", None, "the old pier"),
        ("missed", "eighteen months", None),
        ("wrong_value", "Wednesday", "Wednesday"),
        ("span_mismatch", "early June", "June"),
        ("wrong_type", "next fall", "next fall"),
    ]
    festival = next(r for r in s.per_file if r.name == "festival.tml")
    assert sorted(e.kind for e in festival.errors) == ["span_mismatch", "spurious", "wrong_value"]
    lines = format_errors(s, kinds=("missed",)).splitlines()
    assert lines == ["harbor.tml\tmissed\t" + str(harbor.errors[1].start)
                     + "\t'eighteen months' DURATION P18M\t-"]


def test_tag_and_score_equals_scoring_written_files(crafted_dir: Path) -> None:
    in_memory = tag_and_score(GOLD, crafted)
    on_disk = score_dirs(GOLD, crafted_dir)
    assert isinstance(in_memory, Scores)
    assert scores_to_dict(in_memory) == scores_to_dict(on_disk)


def test_missing_system_file_is_an_error(tmp_path: Path, crafted_dir: Path) -> None:
    (crafted_dir / "festival.tml").unlink()
    with pytest.raises(TimeMLError, match="festival.tml"):
        score_dirs(GOLD, crafted_dir)


def test_changed_text_is_an_error(crafted_dir: Path) -> None:
    path = crafted_dir / "harbor.tml"
    path.write_text(path.read_text().replace("old pier", "new pier"))
    with pytest.raises(TimeMLError, match=r"harbor\.tml.*TEXT differs"):
        score_dirs(GOLD, crafted_dir)


def test_format_table_and_dict(crafted_dir: Path) -> None:
    s = score_dirs(GOLD, crafted_dir)
    table = format_table(s)
    assert table.splitlines()[-1] == ("strict F1 66.7  relaxed F1 85.7  type F1 76.2  "
                                      "value F1 66.7  (2 files, 10 gold, 11 system)")
    assert "DURATION" in table and "relaxed" in table
    data = json.loads(json.dumps(scores_to_dict(s)))
    assert data["relaxed_f1"] == 85.71 and data["gold"] == 10
    assert data["per_file"][1]["errors"][0]["kind"] == "spurious"
    assert "errors" not in scores_to_dict(s, errors=False)["per_file"][0]


def _t(start: int, end: int, value: str = "X") -> Timex:
    return Timex(start, end, "x" * (end - start), f"t{start}", "DATE", value)


def test_match_is_one_to_one_first_overlap_wins() -> None:
    gold = [_t(0, 10), _t(20, 25)]
    system = [_t(2, 4), _t(5, 8), _t(24, 30)]
    assert match_timexes(gold, system) == [(0, 0), (1, 2)]
    # a gold timex starting inside an already matched system timex is missed
    assert match_timexes([_t(0, 5), _t(6, 9)], [_t(3, 8)]) == [(0, 0)]
    assert match_timexes([_t(0, 5)], [_t(5, 9)]) == []


def test_match_keeps_a_timex_open_over_following_events() -> None:
    text = "now thinks it, was"
    gold, system = [_t(0, 3)], [_t(4, 10)]                 # "now" vs "thinks"
    assert match_timexes(gold, system, text) == []
    assert match_timexes(gold, system, text, gold_events=[(4, 10)]) == [(0, 0)]
    assert match_timexes(gold, [_t(15, 18)], text, gold_events=[(4, 10), (15, 18)]) == []


def test_nothing_to_find_scores_100(tmp_path: Path) -> None:
    annotate_dir(GOLD, tmp_path / "empty_sys", lambda text, dct: [])
    s = score_dirs(tmp_path / "empty_sys", tmp_path / "empty_sys")
    assert (s.gold, s.system, s.relaxed_f1) == (0, 0, 100.0)
    s = score_dirs(GOLD, tmp_path / "empty_sys")
    assert (s.system, s.relaxed_recall, s.relaxed_f1, s.value_f1) == (0, 0.0, 0.0, 0.0)


@pytest.mark.skipif(not TE3.is_file(), reason="official TempEval-3 scorer not available")
def test_agrees_with_official_scorer(crafted_dir: Path) -> None:
    run = subprocess.run([sys.executable, str(TE3), str(GOLD), str(crafted_dir), "--json"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    official = json.loads(run.stdout)["scores"]
    ours = score_dirs(GOLD, crafted_dir)
    for key, value in (("strict_F1", ours.strict_f1), ("relaxed_F1", ours.relaxed_f1),
                       ("type_F1", ours.type_f1), ("value_F1", ours.value_f1)):
        assert value == pytest.approx(official[key], abs=0.01), key


def test_default_tagger_is_the_library_tagger() -> None:
    s = tag_and_score(GOLD)             # whatever timeline.tagger.tag finds, the gold is fixed
    assert (s.files, s.gold) == (2, 10)
    assert s.system == sum(r.system for r in s.per_file)
