"""Broken input files and CLI conventions (issues 7 and 5): one clear line per problem, a
documented exit status, no traceback; one bad document never stops the others; outputs are never
half-written and never written over an input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from timeline import __version__
from timeline.cli import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, PROGRESS_FROM, main

ROOT = Path(__file__).resolve().parent.parent
TEXT = "The minister visited Paris on March 17, 2025."


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*argv: str, stdin: object = None, stderr: io.StringIO | None = None
        ) -> tuple[int, str, str]:
    out, err = io.StringIO(), stderr if stderr is not None else io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, stdin=stdin)
    return code, out.getvalue(), err.getvalue()


def one_clear_error(err: str, *needles: str) -> None:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("timeline: error:")]
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0], (needle, err)


# -- files ---------------------------------------------------------------------------------------

def test_missing_path(tmp_path: Path) -> None:
    code, out, err = run("extract", str(tmp_path / "nope.txt"))
    assert (code, out) == (EXIT_USAGE, "")
    one_clear_error(err, "nope.txt", "no such file")


def test_directory_without_manifest_or_text(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    code, _, err = run("extract", str(tmp_path))
    assert code == EXIT_USAGE
    one_clear_error(err, str(tmp_path), "no manifest.toml")


def test_malformed_manifest_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "manifest.toml").write_text('[[document]]\nfile = "a.txt"\npublished = \n',
                                            "utf-8")
    code, _, err = run("extract", str(tmp_path))
    assert code == EXIT_USAGE
    one_clear_error(err, "manifest.toml:3:", "not valid TOML")


def test_not_utf8_names_file_and_byte_and_the_options_read_it(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes("The minister visited Paris on March 17, 2025 (café).".encode("latin-1"))
    code, out, err = run("tag", str(f))
    assert (code, out) == (EXIT_USAGE, "")
    one_clear_error(err, "latin.txt", "not UTF-8", f"at byte {len('The minister visited Paris on March 17, 2025 (caf')}",
                    "--encoding")
    code, out, _ = run("tag", str(f), "--encoding", "latin-1")
    assert code == EXIT_OK and "2025" in out
    code, out, _ = run("tag", str(f), "--errors", "replace", "--format", "text")
    assert code == EXIT_OK and "2025" in out
    code, out, _ = run("extract", str(f), "--errors", "replace")
    assert code == EXIT_OK
    assert "caf\ufffd)" in json.loads(out)["events"][0]["sources"][0]["sentence"]


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, "utf-8")
    code, _, err = run("tag", str(f), "--encoding", "klingon")
    assert code == EXIT_USAGE
    one_clear_error(err, "klingon")


def test_binary_and_empty_files(tmp_path: Path) -> None:
    binary, empty, blank = tmp_path / "x.txt", tmp_path / "e.txt", tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02ELF" + bytes(range(10)))
    empty.write_bytes(b"")
    blank.write_text(" \n\t\n", "utf-8")
    for path, needle in ((binary, "binary"), (empty, "empty file"), (blank, "no text")):
        code, out, err = run("extract", str(path))
        assert (code, out) == (EXIT_USAGE, "")
        one_clear_error(err, path.name, needle)


@pytest.mark.parametrize("value", ["", " ", "17/03/2025", "2025-02-30", "2025-03-17T25:00",
                                   "2025-03-17Tnoon"])
def test_empty_or_invalid_published(tmp_path: Path, value: str) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, "utf-8")
    code, out, err = run("extract", str(f), "--published", value)
    assert (code, out) == (EXIT_USAGE, "")
    one_clear_error(err, repr(value))


def test_jsonl_line_that_is_not_json_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    good = json.dumps({"id": "a", "text": TEXT, "published": "2025-03-18"})
    f.write_text(f"{good}\n\n{{'id': 'b'}}\n", "utf-8")
    code, out, err = run("extract", str(f))
    assert code == EXIT_PARTIAL
    one_clear_error(err, f"{f}:3:", "not valid JSON")
    assert json.loads(out)["documents"] == ["a"]


def test_one_bad_document_among_many_does_not_stop_the_others(tmp_path: Path) -> None:
    for name in ("a", "c", "d"):
        (tmp_path / f"{name}.txt").write_text(TEXT, "utf-8")
    (tmp_path / "b.txt").write_bytes(b"caf\xe9 " + TEXT.encode())
    target = tmp_path / "out" / "timeline.json"
    target.parent.mkdir()
    code, out, err = run("extract", str(tmp_path), "-o", str(target))
    assert (code, out) == (EXIT_PARTIAL, "")
    one_clear_error(err, "b.txt", "at byte 3")
    assert "1 document(s) could not be read; exported the other 3" in err
    assert json.loads(target.read_text("utf-8"))["documents"] == ["a", "c", "d"]


def test_missing_path_among_good_ones_and_bad_manifest_entries(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, "utf-8")
    news = tmp_path / "news"
    news.mkdir()
    (news / "x.txt").write_text(TEXT, "utf-8")
    (news / "manifest.toml").write_text(
        '[[document]]\nfile = "x.txt"\nid = "x"\n\n[[document]]\nfile = "gone.txt"\n\n'
        '[[document]]\nfile = "x.txt"\nid = "y"\npublished = "2025-99"\n', "utf-8")
    code, out, err = run("extract", str(good), str(tmp_path / "nope"), str(news))
    assert code == EXIT_PARTIAL and "Traceback" not in err
    assert json.loads(out)["documents"] == ["good", "x"]
    assert "nope: no such file" in err and "#2: file 'gone.txt' does not exist" in err
    assert "#3: " in err and "2025-99" in err
    assert "3 document(s) could not be read; exported the other 2" in err


# -- output safety -------------------------------------------------------------------------------

def test_refuses_to_overwrite_an_input_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, "utf-8")
    for argv in (("extract", str(f)), ("tag", str(f))):
        code, _, err = run(*argv, "-o", str(f))
        assert code == EXIT_USAGE
        one_clear_error(err, "refusing to overwrite the input file", "a.txt")
        assert f.read_text("utf-8") == TEXT
    (tmp_path / "manifest.toml").write_text('[[document]]\nfile = "a.txt"\n', "utf-8")
    for victim in ("manifest.toml", "a.txt", "./manifest.toml"):
        code, _, err = run("extract", str(tmp_path), "-o", str(tmp_path / victim))
        assert code == EXIT_USAGE and "refusing to overwrite" in err
    assert f.read_text("utf-8") == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "manifest.toml"]


def test_a_failed_run_leaves_a_good_output_untouched(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, "utf-8")
    target = tmp_path / "timeline.ics"
    assert run("extract", str(f), "--format", "ics", "-o", str(target))[0] == EXIT_OK
    good = target.read_bytes()
    assert b"BEGIN:VEVENT" in good
    f.write_bytes(b"\xff\xfe broken")
    for argv in (("extract", str(f)), ("extract", str(tmp_path / "gone.txt")),
                 ("extract", str(f), "--published", "yesterday")):
        code, _, _ = run(*argv, "--format", "ics", "-o", str(target))
        assert code == EXIT_USAGE
        assert target.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "timeline.ics"]


def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, "utf-8")
    code, _, err = run("extract", str(f), "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert code == EXIT_USAGE
    one_clear_error(err, "dir.json")


# -- publication dates with a time and a zone ----------------------------------------------------

def test_published_with_time_zone_is_the_date_as_written(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("The minister visited Paris yesterday.", "utf-8")
    code, out, _ = run("tag", str(f), "--published", "2025-03-17T23:30:00-05:00")
    assert code == EXIT_OK and json.loads(out)["value"] == "2025-03-16"
    jl = tmp_path / "d.jsonl"
    jl.write_text(json.dumps({"id": "z", "text": "It happened yesterday.",
                              "published": "2025-03-17T01:00:00+14:00"}) + "\n", "utf-8")
    code, out, _ = run("tag", str(jl))
    assert code == EXIT_OK and json.loads(out)["value"] == "2025-03-16"
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nfile = "a.txt"\npublished = "2025-01-01 00:30Z"\n', "utf-8")
    code, out, _ = run("extract", str(tmp_path))
    assert code == EXIT_OK
    assert json.loads(out)["events"][0]["sources"][0]["published"] == "2025-01-01"


# -- conventions: stdin/stdout, --version, --help, --quiet, progress ---------------------------

def test_stdin_and_stdout() -> None:
    code, out, _ = run("tag", "-", "--published", "2025-03-18", "-o", "-",
                       stdin=io.BytesIO(b"Talks are set for next week."))
    assert code == EXIT_OK and json.loads(out)["value"] == "2025-W13"
    code, out, _ = run("extract", "-", "--published", "2025-03-18",
                       stdin=io.StringIO(TEXT))
    assert code == EXIT_OK and json.loads(out)["documents"] == ["stdin"]
    code, out, err = run("extract", "-", stdin=io.BytesIO(b"\xff oops"))
    assert code == EXIT_USAGE and out == ""
    one_clear_error(err, "<stdin>", "at byte 0")


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert (code, out.strip()) == (EXIT_OK, f"timeline {__version__}")
    code, out, _ = run("--help")
    assert code == EXIT_OK
    assert "examples:" in out and "timeline extract seeds --format ics" in out
    for status in ("0  every document", "1  some documents", "2  usage error"):
        assert status in out
    code, out, _ = run("extract", "--help")
    assert code == EXIT_OK and "--quiet" in out and "--encoding" in out and "exit status" in out


def _docs(tmp_path: Path, n: int) -> Path:
    tmp_path.mkdir()
    for k in range(n):
        (tmp_path / f"d{k}.txt").write_text(TEXT, "utf-8")
    return tmp_path


def test_progress_bar_only_on_a_terminal_with_enough_documents(tmp_path: Path) -> None:
    many = _docs(tmp_path / "many", PROGRESS_FROM)
    tty = FakeTTY()
    code, _, err = run("extract", str(many), stderr=tty)
    assert code == EXIT_OK
    assert f"] 0/{PROGRESS_FROM} documents" in err
    assert f"\r[{'#' * 30}] {PROGRESS_FROM}/{PROGRESS_FROM} documents\n" in err
    code, _, err = run("extract", str(many))  # not a terminal
    assert code == EXIT_OK and "documents\n" not in err and "\r" not in err
    code, _, err = run("extract", str(many), "--quiet", stderr=FakeTTY())
    assert (code, err) == (EXIT_OK, "")
    few = _docs(tmp_path / "few", PROGRESS_FROM - 1)
    code, _, err = run("extract", str(few), stderr=FakeTTY())
    assert code == EXIT_OK and "\r" not in err


def test_quiet_still_reports_failures_and_left_out_events(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The minister visited Paris.", "utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff")
    code, _, err = run("extract", str(tmp_path), "--quiet", "--format", "ics")
    assert code == EXIT_PARTIAL
    assert "b.txt" in err and "left out of the ics output" in err
    assert "wrote" not in err
