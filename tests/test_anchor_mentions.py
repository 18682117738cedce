"""Anchoring given mentions: `timeline.anchor` and `timeline anchor IN.jsonl`."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from timeline import Anchor, InputError, anchor
from timeline.cli import main

D = dt.date
PUB = "2024-03-12"  # a Tuesday


def at(text: str, word: str, published: str | None = PUB, nth: int = 0) -> Anchor:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return anchor(text, published, [(start, start + len(word))])[0]


def test_governing_expression_dates_the_mention() -> None:
    a = at("The storm hit the coast on Sunday.", "hit")
    assert (a.earliest, a.latest, a.derived) == (D(2024, 3, 10), D(2024, 3, 10), "explicit")


@pytest.mark.parametrize(("text", "word", "lo", "hi"), [
    ("The plant will open in 2029.", "open", D(2029, 1, 1), D(2029, 12, 31)),
    ("Sales fell last month.", "fell", D(2024, 2, 1), D(2024, 2, 29)),
    ("The council must decide by June 30.", "decide", None, D(2024, 6, 30)),
    ("Prices have risen since January.", "risen", D(2024, 1, 1), None),
])
def test_expression_and_its_signal(text: str, word: str, lo: D | None, hi: D | None) -> None:
    a = at(text, word)
    assert (a.earliest, a.latest) == (lo, hi)
    assert a.derived == "explicit"


def test_future_tense_is_after_the_publication_day() -> None:
    for text, word in [("The museum will reopen.", "reopen"),
                       ("The ministers are expected to sign the accord.", "sign")]:
        a = at(text, word)
        assert (a.earliest, a.latest, a.derived) == (D(2024, 3, 13), None, "tense"), text


def test_past_and_perfect_without_a_date_are_the_publication_day() -> None:
    for text, word in [("The team has wrapped up its season.", "wrapped"),
                       ("The mayor resigned.", "resigned")]:
        a = at(text, word)
        assert (a.earliest, a.latest, a.derived) == (D(2024, 3, 12), D(2024, 3, 12), "tense")


def test_reporting_verb_is_the_publication_day_not_what_was_said() -> None:
    a = at("The agency said the economy shrank last year.", "said")
    assert (a.earliest, a.latest, a.derived) == (D(2024, 3, 12), D(2024, 3, 12), "publication")
    a = at("The agency said on Monday that the economy shrank.", "said")
    assert (a.earliest, a.latest, a.derived) == (D(2024, 3, 11), D(2024, 3, 11), "explicit")


def test_narrative_date_carries_to_the_next_past_clause() -> None:
    text = "Fire broke out at the depot on Saturday. Crews fought the flames for hours."
    a = at(text, "fought")
    assert (a.earliest, a.latest, a.derived) == (D(2024, 3, 9), D(2024, 3, 9), "narrative")


def test_narrative_date_does_not_cross_a_paragraph() -> None:
    text = "Fire broke out at the depot on Saturday.\n\nCrews fought the flames."
    assert at(text, "fought").derived == "tense"


def test_connective_links_to_another_mention() -> None:
    text = "The minister returned from Oslo on Friday. Soon after her return, she resigned."
    ret, res = text.index("return,"), text.index("resigned")
    first = text.index("returned")
    anchors = anchor(text, PUB, [(first, first + 8), (ret, ret + 6), (res, res + 8)])
    assert anchors[0].interval == (D(2024, 3, 8), D(2024, 3, 8))
    assert anchors[2].derived == "relation"
    assert anchors[2].earliest is not None and anchors[2].earliest >= D(2024, 3, 8)


def test_repeated_event_noun_takes_the_dated_mention() -> None:
    text = ("The explosion on March 3 destroyed a warehouse. Investigators are still "
            "examining the explosion.")
    second = text.index("explosion", 20)
    first = text.index("explosion")
    a = anchor(text, PUB, [(first, first + 9), (second, second + 9)])
    assert a[0].interval == (D(2024, 3, 3), D(2024, 3, 3))
    assert a[1].interval == (D(2024, 3, 3), D(2024, 3, 3)) and a[1].derived == "relation"


def test_without_publication_date_only_expressions_date() -> None:
    assert at("The mayor resigned.", "resigned", None).derived == "none"
    a = at("The mayor resigned on 4 May 2021.", "resigned", None)
    assert a.interval == (D(2021, 5, 4), D(2021, 5, 4))


@pytest.mark.parametrize("bad", [[(3, 2)], [(0, 99)], [(-1, 2)], [("a", 2)], [(1,)]])
def test_bad_mentions_raise_input_error(bad: list[tuple[int, int]]) -> None:
    with pytest.raises(InputError):
        anchor("The mayor resigned.", PUB, bad)


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_anchor_writes_one_line_per_record(tmp_path: Path) -> None:
    text = "The storm hit the coast on Sunday. Officials will reopen the port."
    rec = {"id": "s1", "text": text, "published": PUB,
           "mentions": [{"start": 10, "end": 13}, {"start": text.index("reopen"),
                                                   "end": text.index("reopen") + 6}]}
    path = _write(tmp_path, [json.dumps(rec), "", json.dumps({"id": "s2", "text": "Quiet.",
                                                             "published": None,
                                                             "mentions": []})])
    out = tmp_path / "out.jsonl"
    assert main(["anchor", str(path), "-o", str(out)], stdout=io.StringIO(),
                stderr=io.StringIO()) == 0
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["s1", "s2"]
    assert lines[0]["mentions"][0] == {"start": 10, "end": 13, "earliest": "2024-03-10",
                                       "latest": "2024-03-10", "value": "2024-03-10",
                                       "derived": "explicit"}
    assert lines[0]["mentions"][1]["latest"] is None
    assert lines[0]["mentions"][1]["earliest"] == "2024-03-13"
    assert lines[1]["mentions"] == []


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "not valid JSON"),
    ('{"text": "x", "mentions": []}', '"id"'),
    ('{"id": "x", "text": "abc", "mentions": [{"start": 1, "end": 9}]}', "not a span"),
    ('{"id": "x", "text": "abc", "mentions": [{"start": 1}]}', "a mention must be"),
    ('{"id": "x", "text": "abc", "published": "soon", "mentions": []}', "publication date"),
])
def test_cli_anchor_bad_line_names_the_line(tmp_path: Path, line: str, message: str) -> None:
    good = json.dumps({"id": "ok", "text": "Fine.", "published": PUB, "mentions": []})
    path = _write(tmp_path, [good, line])
    out, err = tmp_path / "out.jsonl", io.StringIO()
    assert main(["anchor", str(path), "-o", str(out)], stdout=io.StringIO(), stderr=err) == 2
    assert f"{path}:2:" in err.getvalue() and message in err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert not out.exists()  # nothing half-written


@pytest.mark.parametrize(("connective", "lo", "hi"), [
    ("since", D(2024, 3, 4), None), ("until", None, D(2024, 3, 4))])
def test_since_and_until_link_to_another_mention(connective: str, lo: D | None,
                                                 hi: D | None) -> None:
    # no publication date: only the connective dates the ferries
    text = f"Ferries have run {connective} the collapse of the bridge on 4 March 2024."
    spans = [(text.index("collapse"), text.index("collapse") + 8),
             (text.index("run"), text.index("run") + 3)]
    anchors = anchor(text, None, spans)
    assert anchors[0].interval == (D(2024, 3, 4), D(2024, 3, 4))
    assert anchors[1].derived == "relation"
    assert (anchors[1].earliest, anchors[1].latest) == (lo, hi)


def _record(doc_id: str, text: str, word: str) -> dict[str, object]:
    start = text.index(word)
    return {"id": doc_id, "text": text, "published": PUB,
            "mentions": [{"start": start, "end": start + len(word)}]}


def test_cli_anchor_reads_standard_input() -> None:
    rec = _record("a", "The storm hit the coast on Sunday.", "hit")
    data = (json.dumps(rec) + "\r\n\r\n").encode("utf-8")
    out = io.StringIO()
    assert main(["anchor", "-"], stdout=out, stderr=io.StringIO(),
                stdin=io.BytesIO(data)) == 0
    (line,) = [json.loads(x) for x in out.getvalue().splitlines()]
    assert line["id"] == "a" and line["mentions"][0]["earliest"] == "2024-03-10"


def test_cli_anchor_decodes_the_given_encoding(tmp_path: Path) -> None:
    # offsets count characters: "é" is one character in the text, two bytes in UTF-8
    rec = _record("e", "Le café a fermé on Sunday.", "fermé")
    path = tmp_path / "in.jsonl"
    path.write_bytes(json.dumps(rec, ensure_ascii=False).encode("latin-1") + b"\n")
    out, err = tmp_path / "out.jsonl", io.StringIO()
    assert main(["anchor", str(path), "-o", str(out)], stdout=io.StringIO(), stderr=err) == 2
    assert f"{path}:1:" in err.getvalue() and "--encoding" in err.getvalue()
    assert not out.exists()
    assert main(["anchor", str(path), "--encoding", "latin-1", "-o", str(out)],
                stdout=io.StringIO(), stderr=io.StringIO()) == 0
    (line,) = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert line["mentions"][0]["start"] == rec["mentions"][0]["start"]  # type: ignore[index]
    assert main(["anchor", str(path), "--errors", "replace"], stdout=io.StringIO(),
                stderr=io.StringIO()) == 0


def test_cli_anchor_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    path = _write(tmp_path, [json.dumps(_record("a", "It rained on Sunday.", "rained"))])
    before = path.read_bytes()
    err = io.StringIO()
    assert main(["anchor", str(path), "-o", str(path)], stdout=io.StringIO(), stderr=err) == 2
    assert "refusing to overwrite" in err.getvalue()
    assert path.read_bytes() == before


def test_cli_anchor_names_a_missing_file(tmp_path: Path) -> None:
    err = io.StringIO()
    missing = tmp_path / "nope.jsonl"
    assert main(["anchor", str(missing)], stdout=io.StringIO(), stderr=err) == 2
    assert str(missing) in err.getvalue() and "Traceback" not in err.getvalue()


def test_a_quoted_fragment_is_read_with_its_sentence() -> None:
    # a quotation filling a slot of its sentence ("a ``temporary truce''") is dated by the
    # sentence around it, tokenized quotes as curly ones
    text = ("Kalbar has been under siege since its March 2 surrender , or what the rebels call a "
            "``temporary truce'' with the army .")
    assert at(text, "truce").interval == (D(2024, 3, 2), D(2024, 3, 2))
