"""Reading and writing TimeML (timeline.timeml) on small invented fixtures."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from timeline.exceptions import TimeMLError
from timeline.model import PubDate, TimeExpression, TimeValue
from timeline.timeml import (
    Tagger,
    TimeMLDocument,
    annotate_dir,
    annotate_file,
    read_timeml,
    system_timexes,
)

GOLD = Path(__file__).parent / "fixtures" / "timeml" / "gold"
HARBOR = GOLD / "harbor.tml"
FESTIVAL = GOLD / "festival.tml"
TE3 = Path("/work/shared/tools/te3_score.py")


def expr(text: str, phrase: str, type_: str = "DATE", value: str = "2021", mod: str | None = None,
         nth: int = 0) -> TimeExpression:
    """A TimeExpression over the nth occurrence of `phrase` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return TimeExpression(phrase, start, start + len(phrase), TimeValue(type_, value, mod))


def echo_gold(text: str, dct: PubDate | None) -> list[TimeExpression]:
    """A tagger that returns the gold timexes of whichever fixture has this text."""
    for path in (HARBOR, FESTIVAL):
        doc = read_timeml(path)
        if doc.text == text:
            return [TimeExpression(g.text, g.start, g.end, TimeValue(g.type, g.value, g.mod))
                    for g in doc.gold]
    raise AssertionError("unknown text")


def tagging(*phrases: tuple[str, str, str]) -> Tagger:
    """A tagger tagging the given (phrase, type, value) triples."""
    def tagger(text: str, dct: PubDate | None) -> Sequence[TimeExpression]:
        return [expr(text, p, t, v) for p, t, v in phrases]
    return tagger


def text_region(raw: str) -> str:
    return raw[raw.index("<TEXT>"):raw.index("</TEXT>")]


# ---------------------------------------------------------------------------------------- read
def test_read_timeml_dct_text_and_offsets() -> None:
    doc = read_timeml(HARBOR)
    assert isinstance(doc, TimeMLDocument)
    assert doc.name == "harbor.tml"
    assert doc.dct == PubDate(2021, 3, 4)
    assert doc.text.startswith("\nThe harbor council voted Tuesday to repair the old pier")
    assert '"Boats & barges will wait,"' in doc.text          # entity decoded, quotes kept
    assert "<" not in doc.text and "&amp;" not in doc.text
    assert [(g.text, g.tid, g.type, g.value, g.mod) for g in doc.gold] == [
        ("Tuesday", "t1", "DATE", "2021-03-02", None),
        ("eighteen months", "t2", "DURATION", "P18M", None),
        ("Wednesday", "t3", "DATE", "2021-03-03", None),
        ("early June", "t4", "DATE", "2021-06", "START"),
        ("next fall", "t5", "DATE", "2022-FA", None),
    ]
    for g in doc.gold:
        assert doc.text[g.start:g.end] == g.text
    assert [doc.text[s:e] for s, e in doc.events] == [
        "voted", "repair", "last", "said", "begins", "reopens"]


def test_read_timeml_dct_with_time_part() -> None:
    doc = read_timeml(FESTIVAL)
    assert doc.dct == PubDate(2019, 11, 5)
    assert doc.dct_value == "2019-11-05T09:15:00"
    assert [g.type for g in doc.gold] == ["DATE", "TIME", "SET", "DURATION", "DATE"]
    assert doc.gold[1].text == "7:30 p.m. Friday"


def test_malformed_file_names_the_path(tmp_path: Path) -> None:
    bad = tmp_path / "broken.tml"
    bad.write_text(HARBOR.read_text().replace("</EVENT> <TIMEX3 tid=\"t1\"", " <TIMEX3 tid=\"t1\"", 1))
    with pytest.raises(TimeMLError, match="broken.tml") as info:
        read_timeml(bad)
    assert info.value.source == str(bad)
    assert info.value.line is not None


def test_missing_creation_time_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "nodct.tml"
    bad.write_text(HARBOR.read_text().replace('functionInDocument="CREATION_TIME"',
                                              'functionInDocument="NONE"'))
    with pytest.raises(TimeMLError, match=r"nodct\.tml.*CREATION_TIME"):
        read_timeml(bad)
    assert read_timeml(bad, require_dct=False).dct is None


def test_missing_file_and_missing_text(tmp_path: Path) -> None:
    with pytest.raises(TimeMLError, match="nothere.tml"):
        read_timeml(tmp_path / "nothere.tml")
    notext = tmp_path / "notext.tml"
    notext.write_text(re.sub(r"<TEXT>.*</TEXT>", "", HARBOR.read_text(), flags=re.DOTALL))
    with pytest.raises(TimeMLError, match="notext.tml"):
        read_timeml(notext)


# ------------------------------------------------------------------------------ system_timexes
def test_system_timexes_trims_resolves_overlaps_and_skips_used_tids() -> None:
    text = "On Monday  and Tuesday night."
    exprs = [
        TimeExpression(" Monday ", 2, 10, TimeValue("DATE", "2021-03-01")),
        TimeExpression("Tuesday", 15, 22, TimeValue("DATE", "2021-03-02")),
        TimeExpression("Tuesday night", 15, 28, TimeValue("TIME", "2021-03-02TNI")),
        TimeExpression("day", 19, 22, TimeValue("DATE", "X")),
        TimeExpression("  ", 9, 11, TimeValue("DATE", "X")),
    ]
    out = system_timexes(text, exprs, used_tids={"t1", "t3"})
    assert [(t.text, t.start, t.end, t.tid, t.value) for t in out] == [
        ("Monday", 3, 9, "t2", "2021-03-01"),
        ("Tuesday night", 15, 28, "t4", "2021-03-02TNI"),
    ]


def test_system_timexes_rejects_a_span_that_does_not_fit() -> None:
    bad = TimeExpression("Friday", 0, 6, TimeValue("DATE", "X"))
    with pytest.raises(TimeMLError, match="Friday"):
        system_timexes("Monday is here", [bad])


# ---------------------------------------------------------------------------------- annotate
def test_annotate_round_trip_keeps_text_and_header(tmp_path: Path) -> None:
    out = tmp_path / "harbor.tml"
    assert annotate_file(HARBOR, out, echo_gold) == 5
    gold, sys_doc = read_timeml(HARBOR), read_timeml(out)
    assert sys_doc.text == gold.text
    assert [(t.start, t.end, t.type, t.value, t.mod) for t in sys_doc.gold] == [
        (g.start, g.end, g.type, g.value, g.mod) for g in gold.gold]
    raw_in, raw_out = HARBOR.read_text(), out.read_text()
    assert raw_out[:raw_out.index("<TEXT>")] == raw_in[:raw_in.index("<TEXT>")]
    tids = re.findall(r'tid="([^"]+)"', raw_out)
    assert len(tids) == len(set(tids)) == 6 and tids[0] == "t0"
    # the EVENTs, the SIGNAL and the &amp; are kept as they were
    for tag in re.findall(r"<(?:EVENT|SIGNAL)[^>]*>", text_region(raw_in)) + ["&amp;"]:
        assert tag in text_region(raw_out)
    assert '<TIMEX3 tid="t9" type="DATE" value="2021-06" mod="START">early June</TIMEX3>' \
        in raw_out
    # links to removed gold timexes are gone, the others (and every MAKEINSTANCE) are kept
    for lid in ("l1", "l2", "l3", "l4"):
        assert f'lid="{lid}"' not in raw_out
    for lid in ("l5", "l6", "l7"):
        assert f'lid="{lid}"' in raw_out
    assert raw_out.count("<MAKEINSTANCE") == 6
    assert "\n\n\n" not in raw_out[raw_out.index("</TEXT>"):]


def test_timex_next_to_an_event_keeps_the_event(tmp_path: Path) -> None:
    out = tmp_path / "harbor.tml"
    annotate_file(HARBOR, out, tagging(("Tuesday", "DATE", "2021-03-02")))
    assert ('<EVENT eid="e1" class="OCCURRENCE">voted</EVENT> '
            '<TIMEX3 tid="t6" type="DATE" value="2021-03-02">Tuesday</TIMEX3> to') \
        in out.read_text()


def test_timex_crossing_an_event_unwraps_it(tmp_path: Path) -> None:
    out = tmp_path / "harbor.tml"
    annotate_file(HARBOR, out, tagging(("voted Tuesday", "DATE", "2021-03-02"),
                                       ("last", "DURATION", "PXD")))
    raw = out.read_text()
    assert ('council <TIMEX3 tid="t6" type="DATE" value="2021-03-02">voted Tuesday</TIMEX3> to '
            '<EVENT eid="e2"') in raw
    assert 'expected to <TIMEX3 tid="t7" type="DURATION" value="PXD">last</TIMEX3> eighteen' \
        in raw
    assert 'eid="e1"' not in raw and 'eid="e3"' not in raw
    assert 'eventID="e1"' not in raw and 'eventID="e3"' not in raw
    assert 'lid="l5"' not in raw and 'lid="l7"' not in raw      # named ei1
    assert 'lid="l6"' in raw
    assert read_timeml(out).text == read_timeml(HARBOR).text


def test_event_in_the_same_chunk_and_signal_overlap(tmp_path: Path) -> None:
    out = tmp_path / "festival.tml"
    annotate_file(FESTIVAL, out, tagging(("setting", "DATE", "X"), ("for three days", "DURATION",
                                                                    "P3D")))
    raw = out.read_text()
    # "record-setting": a timex glued to an EVENT trips the official normalizer: unwrap the EVENT
    assert 'drew record-<TIMEX3 tid="t7" type="DATE" value="X">setting</TIMEX3> crowds' in raw
    assert 'eid="e5"' not in raw and 'lid="l3"' not in raw
    # a timex over a SIGNAL: the SIGNAL goes, and so do the references to it
    assert '<TIMEX3 tid="t6" type="DURATION" value="P3D">for three days</TIMEX3>' in raw
    assert "<SIGNAL" not in raw and 'signalID="s1"' not in raw
    assert '<EVENT eid="e4" class="OCCURRENCE">ran</EVENT> <TIMEX3' in raw


def test_signal_reference_is_stripped_from_a_kept_link(tmp_path: Path) -> None:
    out = tmp_path / "festival.tml"
    annotate_file(FESTIVAL, out, tagging(("for", "DATE", "X")))
    raw = out.read_text()
    assert '<TLINK lid="l3" relType="SIMULTANEOUS" eventInstanceID="ei4" ' \
           'relatedToEventInstance="ei5" />' in raw


def test_attribute_values_are_escaped(tmp_path: Path) -> None:
    out = tmp_path / "festival.tml"
    annotate_file(FESTIVAL, out, tagging(("Organizers", "DATE", 'a"b<c&d')))
    assert 'value="a&#34;b&lt;c&amp;d"' in out.read_text()
    assert read_timeml(out).gold[0].value == 'a"b<c&d'


def test_failed_annotation_leaves_no_file(tmp_path: Path) -> None:
    def broken(text: str, dct: PubDate | None) -> list[TimeExpression]:
        raise RuntimeError("tagger crashed")
    out = tmp_path / "harbor.tml"
    with pytest.raises(RuntimeError):
        annotate_file(HARBOR, out, broken)
    out.write_text("previous")
    with pytest.raises(TimeMLError):
        annotate_file(HARBOR, out, lambda text, dct: [TimeExpression("x", 0, 1, TimeValue(
            "DATE", "X"))])
    assert out.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["harbor.tml"]


def test_annotate_dir(tmp_path: Path) -> None:
    assert annotate_dir(GOLD, tmp_path / "sys", echo_gold) == 2
    assert sorted(p.name for p in (tmp_path / "sys").iterdir()) == ["festival.tml", "harbor.tml"]
    with pytest.raises(TimeMLError, match="input directory"):
        annotate_dir(tmp_path / "sys", tmp_path / "sys", echo_gold)
    (tmp_path / "empty").mkdir()
    with pytest.raises(TimeMLError, match="no .tml"):
        annotate_dir(tmp_path / "empty", tmp_path / "out", echo_gold)


@pytest.mark.skipif(not TE3.is_file(), reason="official TempEval-3 scorer not available")
def test_official_scorer_accepts_annotated_files(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    shutil.copytree(GOLD, gold)
    harbor = tagging(("voted Tuesday", "DATE", "2021-03-02"), ("on Wednesday", "DATE", "X"))
    festival = tagging(("announced today", "DATE", "X"), ("record", "DATE", "X"),
                       ("for", "DATE", "X"))

    def both(text: str, dct: PubDate | None) -> Sequence[TimeExpression]:
        return (harbor if "harbor" in text else festival)(text, dct)
    annotate_dir(gold, tmp_path / "sys", both)
    run = subprocess.run([sys.executable, str(TE3), str(gold), str(tmp_path / "sys"), "--json"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(run.stdout)
    assert result["normalizer_errors"] == []
    assert result["files_scored"] == 2
