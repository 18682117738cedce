"""`timeline extract` and the example script, run in-process."""

from __future__ import annotations

import io
import json
import runpy
import sys
from pathlib import Path

import pytest

from timeline.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_extract_ics_twice_gives_identical_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run("extract", str(ROOT / "seeds"), "--format", "ics", "-o", str(a))[0] == 0
    assert run("extract", str(ROOT / "seeds"), "--format", "ics", "-o", str(b))[0] == 0
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_undated_events_are_counted_on_stderr(tmp_path: Path) -> None:
    doc = tmp_path / "undated.txt"
    doc.write_text("The minister visited Paris and met President Emmanuel Macron.", "utf-8")
    code, out, _ = run("extract", str(doc), "--format", "json")
    events = json.loads(out)["events"]
    assert code == 0 and {e["type"] for e in events} == {"travel", "meeting"}
    assert all(e["when"]["start"] is None and e["when"]["end"] is None for e in events)
    code, out, err = run("extract", str(doc), "--format", "ics")
    assert code == 0
    assert f"{len(events)} event(s) without a date left out" in err
    assert f"wrote 0 of {len(events)} event(s)" in err
    assert all(e["id"] in err for e in events)
    assert "BEGIN:VEVENT" not in out


def test_extract_jsonl_with_titles(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text(json.dumps({"id": "x1", "published": "2025-03-17", "title": "T",
                             "text": "The premier will travel to Berlin next week."}) + "\n",
                 "utf-8")
    code, out, _ = run("extract", str(f), "--format", "jsonl")
    assert code == 0
    event = json.loads(out.splitlines()[0])
    assert event["type"] == "travel" and event["sources"][0]["document"] == "x1"
    assert event["when"]["value"] == "2025-W13"


@pytest.mark.parametrize(("manifest", "message"), [
    ('[[document]]\nid = "a"\n', 'missing "file"'),
    ('[[document]]\nfile = "nope.txt"\n', "does not exist"),
    ('[[document]]\nfile = "a.txt"\npublished = "2025-13"\n', "2025-13"),
    ("[[document]\n", "not valid TOML"),
])
def test_bad_manifest_is_a_clear_error_and_writes_nothing(tmp_path: Path, manifest: str,
                                                          message: str) -> None:
    (tmp_path / "a.txt").write_text("Talks were held in 2024.", "utf-8")
    (tmp_path / "manifest.toml").write_text(manifest, "utf-8")
    target = tmp_path / "out.json"
    code, _, err = run("extract", str(tmp_path), "-o", str(target))
    assert code == 2 and message in err and "manifest.toml" in err
    assert "Traceback" not in err
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "manifest.toml"]


def test_duplicate_ids_across_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", "utf-8")
    code, _, err = run("extract", str(tmp_path / "a.txt"), str(tmp_path / "a.txt"))
    # the first is exported, the second is a failure of its own: exit 1
    assert code == 1 and "two documents have the id 'a'" in err


def test_example_writes_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["build_timeline.py", str(tmp_path)])
    runpy.run_path(str(ROOT / "examples" / "build_timeline.py"), run_name="__main__")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["carney.csv", "carney.ics", "carney.json", "carney.jsonl"]
    assert "Paris and London" in capsys.readouterr().out


_ONE_EVENT = "Leaders met in Paris on Monday."


@pytest.mark.parametrize(("name", "starts"), [
    ("out.ics", b"BEGIN:VCALENDAR"), ("OUT.ICS", b"BEGIN:VCALENDAR"), ("out.csv", b"id,type,"),
    ("out.jsonl", b'{"conflict":'), ("out.ndjson", b'{"conflict":'), ("out.json", b"{\n"),
    ("out.html", b"<!DOCTYPE html>"), ("out.txt", b"{\n"),
])
def test_output_extension_names_the_format(tmp_path: Path, name: str, starts: bytes) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(_ONE_EVENT, "utf-8")
    target = tmp_path / name
    code, _, err = run("extract", str(doc), "--published", "2025-03-05", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(starts)
    assert "warning" not in err


def test_format_option_wins_over_extension_with_a_warning(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(_ONE_EVENT, "utf-8")
    target = tmp_path / "out.ics"
    code, _, err = run("extract", str(doc), "--published", "2025-03-05", "--format", "csv",
                       "-o", str(target))
    assert code == 0
    assert target.read_bytes().startswith(b"id,type,")
    assert "writing csv (--format)" in err and "names ics" in err


def test_no_output_file_defaults_to_json(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(_ONE_EVENT, "utf-8")
    code, out, _ = run("extract", str(doc), "--published", "2025-03-05")
    assert code == 0 and json.loads(out)["events"][0]["type"] == "meeting"


def test_previous_file_that_is_no_calendar_is_a_short_error(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(_ONE_EVENT, "utf-8")
    target = tmp_path / "out.ics"
    target.write_text(json.dumps({"events": ["x" * 50] * 40}), "utf-8")
    code, _, err = run("extract", str(doc), "--published", "2025-03-05", "-o", str(target))
    assert code == 2 and "out.ics" in err and "not an iCalendar file" in err
    assert len(err) < 400 and "Traceback" not in err
    assert target.read_text("utf-8").startswith('{"events"')
