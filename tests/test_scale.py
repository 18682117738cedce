"""Speed and scale: streaming, parallel and distributed extraction give the same results as one
process; the objects shipped to workers pickle small; the engine's shortcuts change nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
import timeline.events.merge as merge_module
from timeline import TaggerConfig, scale, tag
from timeline.cli import main
from timeline.events import event_id, merge_events
from timeline.events.triggers import find_triggers, load_triggers
from timeline.model import Event, Source, When
from timeline.tagger.resources import load_grammar, lower_ascii


def test_last_century_is_relative_not_a_crash() -> None:
    # found tagging Timeline17: the ordinal "last" read as century number -1 crashed resolve()
    found = [(e.text, e.value) for e in tag("But in the last century, it was poor.", "2011-03-01")]
    assert found == [("the last century", "19")]


# --- the prefilter (timeline.tagger.prefilter) finds exactly what each rule's finditer finds ---

def _seed_texts() -> list[str]:
    root = Path(__file__).resolve().parent.parent / "seeds"
    return [p.read_text("utf-8") for p in sorted(root.glob("*.txt"))]


def _same_matches(text: str) -> None:
    grammar = load_grammar("en")
    low = lower_ascii(text)
    positions = grammar.prefilter.candidates(low)
    for index, rule in enumerate(grammar.rules + grammar.negatives):
        fast = [m.span()
                for m in grammar.prefilter.finditer(index, low, positions.get(index, []))]
        assert fast == [m.span() for m in rule.regex.finditer(low)], rule.name


def test_prefilter_finds_every_match_on_the_seeds_and_rule_examples() -> None:
    grammar = load_grammar("en")
    examples = [e.replace("[", "").replace("]", "")
                for r in grammar.rules + grammar.negatives for e in r.examples]
    for text in _seed_texts() + ["\n".join(examples), " ".join(examples)]:
        _same_matches(text)


# characters the rules name, digits and spaces of other scripts, and a few letters
_ALPHABET = ("0123456789 -/.,:'’$€%()\n\t\u00a0\u2009\u0660\u0967abcdefhilmnorstuwyAJMS"
             "januaryfebmarchaprilmayjuneseptoctnovdecmondaytuesfriday")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=200)
       | st.lists(st.sampled_from(["the", "last", "next", "March", "17", "2025", "1990s", "'98",
                                   "a", "year", "years", "ago", "week", "$5", "billion", "on",
                                   "Friday", "since", "early", "mid-", "-", "/", "3", "st", ",",
                                   "\n", "in", "of", "day", "century", "quarter", "its", "2",
                                   "three", "months", "10:30", "a.m.", "percent", "%"]),
                  max_size=40).map(" ".join))
def test_prefilter_finds_every_match_on_any_text(text: str) -> None:
    _same_matches(text)


def test_prefilter_is_used_for_every_rule() -> None:
    # a rule whose beginning cannot be listed runs over whole texts (correct, but slow):
    # today every rule is indexed, and a new one that is not should be a deliberate choice
    assert load_grammar("en").prefilter.unindexed == frozenset()


# --- merging compares an event only with merged events whose dates may overlap its own ---

def _naive_merge(events: list[Event], monkeypatch: pytest.MonkeyPatch) -> list[Event]:
    """merge_events with every event compared with every merged event of its type."""
    def every(self: object, event: Event) -> list[int]:
        return sorted(set().union(*self.undated.values(),
                                  *self.dated.values()))
    with monkeypatch.context() as m:
        m.setattr(merge_module._Blocks, "candidates", every)
        return merge_events(events)


_DAY0 = dt.date(2024, 1, 1)


@st.composite
def _reports(draw: st.DrawFn) -> list[Event]:
    """Reports of a few events by several documents: same type, people, places and titles
    often, dates anywhere from a day to open or years wide."""
    out = []
    for n in range(draw(st.integers(0, 25))):
        doc = f"d{draw(st.integers(0, 6))}"
        first = _DAY0 + dt.timedelta(days=draw(st.integers(0, 900)))
        width = draw(st.sampled_from([0, 0, 3, 30, 61, 62, 70, 400, 729, 1200]))
        shape = draw(st.sampled_from(["bounded", "bounded", "open_start", "open_end", "none"]))
        start = None if shape in ("open_start", "none") else first
        end = None if shape in ("open_end", "none") else first + dt.timedelta(days=width)
        when = When("X", start, end, "day", draw(st.sampled_from(["explicit", "tense"])))
        if shape == "none":
            when = When()
        kind = draw(st.sampled_from(["travel", "meeting"]))
        people = tuple(draw(st.lists(st.sampled_from(["Ann Lee", "Bo Chan"]), max_size=2,
                                     unique=True)))
        places = tuple(draw(st.lists(st.sampled_from(["Paris", "France", "Rome", "Europe",
                                                      "Italy", "Tokyo", "Atlantis"]),
                                     max_size=2, unique=True)))
        title = draw(st.sampled_from(["Lee visits Paris", "Chan meets Lee", "Summit in Rome"]))
        source = Source(doc, n, n + 5, "visit", "A sentence.", 0, "2024-06-10")
        out.append(Event(event_id(doc, n, n + 5), kind, title, when, people, places, (source,)))
    return out


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=_reports())
def test_blocked_merge_equals_comparing_every_pair(events: list[Event],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert merge_events(events) == _naive_merge(events, monkeypatch)


def _merge_calls(n: int) -> int:
    """same_across calls to merge n trips of one person to one city on consecutive days."""
    calls = 0
    real = merge_module.same_across

    def counting(a: Event, b: Event) -> bool:
        nonlocal calls
        calls += 1
        return real(a, b)

    events = []
    for k in range(n):
        day = _DAY0 + dt.timedelta(days=k)
        source = Source(f"d{k}", 0, 5, "visit", "A sentence.", 0, None)
        events.append(Event(event_id(f"d{k}", 0, 5), "travel", f"Trip {k}",
                            When("X", day, day, "day", "explicit"), ("Ann Lee",), ("Paris",),
                            (source,)))
    merge_module.same_across = counting  # type: ignore[assignment]
    try:
        assert len(merge_events(events)) == n
    finally:
        merge_module.same_across = real  # type: ignore[assignment]
    return calls


def test_merge_is_not_quadratic() -> None:
    # blocked by type and day: each trip is compared only with the trips of the days around it
    # (reports up to a week apart may still be one event), not with the thousands before it
    small, large = _merge_calls(2000), _merge_calls(4000)
    assert large <= 2.1 * small
    assert large < 4000 * 20


# --- streaming (--no-merge), processes (--jobs), shipping to workers ---

ROOT = Path(__file__).resolve().parent.parent


def _archive(tmp_path: Path) -> Path:
    """The seed articles as a JSON Lines archive, each twice (so that merging has work), and
    one article without a date."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef,import-not-found,unused-ignore]

    manifest = tomllib.loads((ROOT / "seeds" / "manifest.toml").read_text("utf-8"))
    lines = []
    for copy in ("", "-again"):
        for entry in manifest["document"]:
            text = (ROOT / "seeds" / entry["file"]).read_text("utf-8")
            lines.append(json.dumps({"id": entry["id"] + copy, "text": text,
                                     "published": entry["published"]}))
    lines.append(json.dumps({"id": "undated", "text": "The minister visited Paris."}))
    path = tmp_path / "archive.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_streamed_no_merge_output_equals_the_unmerged_timeline(tmp_path: Path,
                                                               monkeypatch: Any) -> None:
    archive = _archive(tmp_path)
    expected = timeline.extract(archive, merge=False).render("jsonl")[0]
    merged = timeline.extract(archive).render("jsonl")[0]
    assert expected.count(b"\n") > merged.count(b"\n") > 0  # --no-merge keeps the twins
    monkeypatch.setattr(scale, "_RUN", 7)  # spill sorted runs to disk every 7 events
    out = tmp_path / "out.jsonl"
    code, _, err = run("extract", str(archive), "--no-merge", "--format", "jsonl", "-o", str(out))
    assert code == 0 and out.read_bytes() == expected
    lines = expected.count(b"\n")
    assert f"wrote {lines} of {lines} event(s) from 11 document(s)" in err
    code, printed, _ = run("extract", str(archive), "--no-merge", "--format", "jsonl")
    assert code == 0 and printed.encode("utf-8") == expected


def test_a_line_that_does_not_decode_is_reported_and_the_others_kept(tmp_path: Path) -> None:
    """Streamed or not, an undecodable line late in an archive is one failure naming the file
    and line (exit 1); every other document is exported."""
    archive = _archive(tmp_path)
    clean = run("extract", str(archive), "--no-merge", "--format", "jsonl")[1]
    nlines = len(archive.read_bytes().splitlines())
    with archive.open("ab") as fh:
        fh.write(b'{"id": "x", "text": "caf\xe9"}\n')   # not UTF-8, late in the file
    out = tmp_path / "out.jsonl"
    code, _, err = run("extract", str(archive), "--no-merge", "--format", "jsonl", "-o", str(out))
    assert code == 1 and f"archive.jsonl:{nlines + 1}: not UTF-8 text" in err
    assert out.read_text("utf-8") == clean
    code, merged, err = run("extract", str(archive), "--format", "json")
    assert code == 1 and f"archive.jsonl:{nlines + 1}: not UTF-8" in err and '"events"' in merged
    code, _, _ = run("extract", str(archive), "--no-merge", "--format", "jsonl",
                     "--encoding", "latin-1", "-o", str(out))
    assert code == 0  # every line decodes as Latin-1
    loader = timeline.io.DocumentLoader([archive], encoding="latin-1")
    assert [d.text for d in loader if d.id == "x"] == ["caf\xe9"] and loader.failures == []


def test_streaming_writes_nothing_when_nothing_can_be_read(tmp_path: Path) -> None:
    archive = tmp_path / "archive.jsonl"
    archive.write_bytes(b'{"id": "x", "text": "caf\xe9"}\nnot json\n')
    out = tmp_path / "out.jsonl"
    code, _, err = run("extract", str(archive), "--no-merge", "--format", "jsonl", "-o", str(out))
    assert code == 2 and "archive.jsonl:1: not UTF-8" in err and "archive.jsonl:2: not valid JSON" \
        in err and "2 document(s) could not be read; nothing written" in err
    assert list(tmp_path.iterdir()) == [archive]  # no output, no temporary file left


def test_json_lines_end_at_newlines_only(tmp_path: Path) -> None:
    """A U+2028, U+0085 or lone CR inside a JSON string is text, not a line break; CRLF ends
    a line; a BOM before the first line is dropped; UTF-16 files read too."""
    records = [{"id": "a", "text": "One\u2028two\x85three\rfour on 3 May 2024.",
                "published": "2024-05-09"}, {"id": "b", "text": "Second.", "published": "2024"}]
    body = "\r\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\r\n"
    for name, data in (("utf8.jsonl", "\ufeff" + body), ("utf16.jsonl", body)):
        path = tmp_path / name
        path.write_bytes(data.encode("utf-8") if name == "utf8.jsonl" else data.encode("utf-16"))
        loader = timeline.io.DocumentLoader(
            [path], encoding="utf-8" if name == "utf8.jsonl" else "utf-16")
        docs = list(loader)
        assert loader.failures == []
        assert [(d.id, d.text) for d in docs] == [(r["id"], r["text"]) for r in records]


def test_json_lines_are_read_a_line_at_a_time(tmp_path: Path) -> None:
    """The first document comes out before the rest of the file exists (a named pipe whose
    writer waits for it)."""
    import os
    import threading

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    first_seen = threading.Event()

    def writer() -> None:
        with fifo.open("w", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": "a", "text": "First."}) + "\n")
            fh.flush()
            first_seen.wait(10)
            fh.write(json.dumps({"id": "b", "text": "Second."}) + "\n")

    thread = threading.Thread(target=writer)
    thread.start()
    docs = scale.iter_documents([fifo])
    assert next(docs).id == "a"
    first_seen.set()
    assert [d.id for d in docs] == ["b"]
    thread.join()


def test_lazy_reading_checks_what_load_documents_checks(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    assert list(scale.iter_documents([archive])) == timeline.load_documents([archive])
    with archive.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "000", "text": "again"}) + "\n")
    for read in (lambda: list(scale.iter_documents([archive])),
                 lambda: timeline.load_documents([archive])):
        with pytest.raises(timeline.DocumentError, match="two documents have the id '000'"):
            read()


def test_jobs_give_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    one = run("extract", str(archive), "--format", "json")
    two = run("extract", str(archive), "--format", "json", "--jobs", "2")
    assert one[0] == two[0] == 0 and one[1] == two[1] and '"events"' in one[1]
    streamed = run("extract", str(archive), "--format", "jsonl", "--no-merge", "--jobs", "2")
    assert streamed[1] == run("extract", str(archive), "--format", "jsonl", "--no-merge")[1]
    assert run("extract", str(archive), "--jobs", "0")[0] == 2


def test_extractor_objects_pickle_small_and_round_trip() -> None:
    config = TaggerConfig(day_first=False, ranges=False)
    assert pickle.loads(pickle.dumps(config)) == config
    grammar = load_grammar("en")
    shipped = pickle.dumps(grammar)
    assert len(shipped) < 200  # a reference to load_grammar("en"), not ~80 compiled patterns
    assert pickle.loads(shipped) is grammar  # the worker's own cached copy
    doc = timeline.Document("a", "Carney will visit Paris on Friday.",
                            timeline.PubDate.parse("2025-03-17"))
    events = scale.document_events(doc, config)
    assert events and pickle.loads(pickle.dumps(events)) == events


# --- event triggers: the prefiltered search finds what the combined regex finds ---

def _same_triggers(text: str) -> None:
    triggers = load_triggers()
    plain = attrs.evolve(triggers, prefilter=None)
    fast = [(m.start, m.end, m.entry.name, m.lemma) for m in find_triggers(text, 0, triggers)]
    assert fast == [(m.start, m.end, m.entry.name, m.lemma)
                    for m in find_triggers(text, 0, plain)]


def test_trigger_prefilter_on_the_seeds_in_any_case() -> None:
    for text in _seed_texts():
        for variant in (text, text.upper(), text.title(), text.swapcase()):
            _same_triggers(variant)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["visited", "VISITS", "Met", "meeting", "will", "travel",
                                 "to", "Paris", "the", "summit", "signed", "an", "agreement",
                                 "spoke", "’s", "-", "elected", "poll", "arrive", "arrived",
                                 "Kelvin", "\u212a", "ſ", "talks", "held", "said", "on"]),
                max_size=30).map(" ".join))
def test_trigger_prefilter_on_any_words(text: str) -> None:
    _same_triggers(text)


def test_streaming_reports_a_bad_line_and_exports_the_rest(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    with archive.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    out = tmp_path / "out.jsonl"
    stderr = io.StringIO()
    status = main(["extract", str(archive), "--format", "jsonl", "--no-merge",
                       "-o", str(out)], stdout=io.StringIO(), stderr=stderr)
    assert status == 1
    assert ":12:" in stderr.getvalue() or "line 12" in stderr.getvalue()
    good = tmp_path / "good.jsonl"
    good.write_text("".join(archive.read_text("utf-8").splitlines(True)[:-1]), "utf-8")
    assert main(["extract", str(good), "--format", "jsonl", "--no-merge", "-o",
                     str(tmp_path / "ref.jsonl")], stdout=io.StringIO(),
                    stderr=io.StringIO()) == 0
    assert out.read_bytes() == (tmp_path / "ref.jsonl").read_bytes()
