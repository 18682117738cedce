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


def _undated_docs(tmp_path: Path, n: int) -> Path:
    f = tmp_path / "docs.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": "The minister will visit Rome next week."})
             for i in range(n)]
    lines.append(json.dumps({"id": "dated", "text": "The minister will visit Rome next week.",
                             "published": "2025-03-17"}))
    lines.append(json.dumps({"id": "dateline", "text": "ROME, March 3, 2025 - The minister "
                             "will visit Rome next week."}))
    f.write_text("\n".join(lines) + "\n", "utf-8")
    return f


def test_documents_without_a_date_are_named_on_stderr(tmp_path: Path) -> None:
    f = _undated_docs(tmp_path, 2)
    for argv in (["tag", str(f)], ["extract", str(f)], ["extract", str(f), "-q"],
                 ["extract", str(f), "--no-merge", "--format", "jsonl"],
                 ["key-dates", str(f)]):
        code, _, err = run(*argv)
        assert code == 0, argv
        warnings = [line for line in err.splitlines() if "no publication date" in line]
        assert len(warnings) == 1, (argv, err)
        assert warnings[0].startswith("timeline: warning: 2 document(s)")
        assert warnings[0].endswith(": d0, d1"), warnings[0]


def test_undated_warning_names_the_first_few(tmp_path: Path) -> None:
    code, _, err = run("tag", str(_undated_docs(tmp_path, 7)))
    assert code == 0
    assert "7 document(s)" in err and ": d0, d1, d2, d3, d4 and 2 more" in err


def test_no_warning_when_every_document_has_a_date(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("The minister will visit Rome next week.", "utf-8")
    _, _, err = run("extract", str(f), "--published", "2025-03")
    assert "no publication date" not in err
    _, _, err = run("extract", str(f))
    assert "no publication date" in err
