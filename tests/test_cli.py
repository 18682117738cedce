"""The command line, run in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path

from timeline.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_tag_text_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("She left Paris last month.\r\nShe returns next week.", "utf-8")
    code, out, _ = run("tag", str(f), "--published", "2025-04-10")
    assert code == 0
    rows = [json.loads(x) for x in out.splitlines()]
    assert [(r["text"], r["value"]) for r in rows] == [("last month", "2025-03"),
                                                      ("next week", "2025-W16")]
    text = f.read_bytes().decode("utf-8")
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
        assert set(r) >= {"text", "start", "end", "type", "value", "mod", "granularity",
                          "earliest", "latest"}


def test_tag_jsonl_uses_each_documents_date(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "It rained yesterday.", "published": "2025-03-17"})
                 + "\n\n" + json.dumps({"id": "b", "text": "Next month.", "published": "2024-12"})
                 + "\n", "utf-8")
    code, out, _ = run("tag", str(f))
    assert code == 0
    rows = [json.loads(x) for x in out.splitlines()]
    assert [(r["document"], r["value"]) for r in rows] == [("a", "2025-03-16"), ("b", "2025-01")]


def test_tag_formats(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("in 2029", "utf-8")
    code, out, _ = run("tag", str(f), "--format", "json")
    assert code == 0 and json.loads(out)["expressions"][0]["value"] == "2029"
    code, out, _ = run("tag", str(f), "--format", "text")
    assert code == 0 and out.split("\t")[3] == "2029"


def test_bad_jsonl_names_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": 5}\n', "utf-8")
    code, out, err = run("tag", str(f))
    # line 1 is tagged (it has no expression), line 2 fails: exit 1, "some documents failed"
    assert code == 1 and out == ""
    assert f"{f}:2" in err and "Traceback" not in err


def test_bad_published_names_value(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("today", "utf-8")
    code, _, err = run("tag", str(f), "--published", "17/03/2025")
    assert code == 2 and "17/03/2025" in err


def test_missing_file_and_not_utf8(tmp_path: Path) -> None:
    code, _, err = run("tag", str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt" in err
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    code, _, err = run("tag", str(bad))
    assert code == 2 and "bad.txt" in err and "UTF-8" in err


def test_output_file_written_whole(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("in 2029", "utf-8")
    target = tmp_path / "out.jsonl"
    code, out, _ = run("tag", str(f), "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["value"] == "2029"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.jsonl"]


def test_usage_error_is_status_2() -> None:
    code, _, err = run("tag")
    assert code == 2 and "usage" in err.lower()


def test_python_m_timeline_entry_point() -> None:
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, "-m", "timeline", "--help"], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0 and "extract" in proc.stdout
