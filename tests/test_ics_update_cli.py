"""`timeline extract --format ics` over an earlier export: a corrected date updates the event
(same UID, next SEQUENCE); unchanged input gives the same bytes."""

from __future__ import annotations

import io
from pathlib import Path

from timeline.cli import main
from timeline.export import events_from_ics

ARTICLE = ("The prime minister visited Paris on 17 March 2025 and met President Emmanuel "
           "Macron.\n")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def by_uid(path: Path) -> dict[str, dict[str, object]]:
    return {str(v["uid"]): v for v in events_from_ics(path.read_bytes())}


def test_corrected_article_updates_events_in_place(tmp_path: Path) -> None:
    article, ics = tmp_path / "article.txt", tmp_path / "out.ics"
    article.write_text(ARTICLE, "utf-8")
    args = ("extract", str(article), "--published", "2025-03-18", "--format", "ics", "-o", str(ics))
    assert run(*args)[0] == 0
    first = ics.read_bytes()
    before = by_uid(ics)
    assert before and {v["sequence"] for v in before.values()} == {0}
    assert run(*args)[0] == 0 and ics.read_bytes() == first  # nothing changed: same bytes

    article.write_text(ARTICLE.replace("17 March", "14 March"), "utf-8")  # the correction
    code, _, err = run(*args)
    assert code == 0, err
    after = by_uid(ics)
    assert set(after) == set(before)
    moved = [uid for uid in after if after[uid]["dtstart"] != before[uid]["dtstart"]]
    assert moved
    for uid, found in after.items():
        expected = 1 if uid in moved else 0
        assert found["sequence"] == expected, (uid, found)

    # --previous names the earlier export explicitly; the output may then be elsewhere
    other = tmp_path / "other.ics"
    (tmp_path / "old.ics").write_bytes(first)
    assert run("extract", str(article), "--published", "2025-03-18", "--format", "ics",
               "-o", str(other), "--previous", str(tmp_path / "old.ics"))[0] == 0
    assert other.read_bytes() == ics.read_bytes()


def test_previous_errors_are_one_line(tmp_path: Path) -> None:
    article, ics = tmp_path / "article.txt", tmp_path / "out.ics"
    article.write_text(ARTICLE, "utf-8")
    ics.write_text("this is not a calendar", "utf-8")
    code, _, err = run("extract", str(article), "--format", "ics", "-o", str(ics))
    assert code == 2 and err.count("\n") == 1 and str(ics) in err and "iCalendar" in err
    assert ics.read_text("utf-8") == "this is not a calendar"  # left as it was
    code, _, err = run("extract", str(article), "--format", "json", "--previous", str(ics))
    assert code == 2 and "--previous applies to --format ics only" in err
    code, _, err = run("extract", str(article), "--format", "ics",
                       "--previous", str(tmp_path / "missing.ics"))
    assert code != 0 and "missing.ics" in err and "Traceback" not in err


def test_calendar_name_option(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, "utf-8")
    code, out, _ = run("extract", str(article), "--format", "ics", "--calendar-name", "Paris")
    assert code == 0
    assert "NAME:Paris\r\n" in out and "X-WR-CALNAME:Paris\r\n" in out
    assert "METHOD:PUBLISH\r\n" in out


def test_vanished_events_are_cancelled_not_left_behind(tmp_path: Path) -> None:
    """An event of the previous export that is gone from the new one is carried over as
    CANCELLED (SEQUENCE + 1) so that calendars drop it; exporting again is stable; when it
    comes back it is live again with the next SEQUENCE."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(ARTICLE, "utf-8")
    second.write_text("The chancellor visited Rome on 2 March 2025.\n", "utf-8")
    ics = tmp_path / "out.ics"
    both = ("extract", str(first), str(second), "--published", "2025-03-18", "--format", "ics",
            "-o", str(ics))
    assert run(*both)[0] == 0
    before = by_uid(ics)
    rome = {uid for uid, v in before.items() if "Rome" in str(v["summary"]) + str(v["location"])}
    assert rome and rome != set(before)

    only_first = [a for a in both if a != str(second)]
    code, _, err = run(*only_first)
    assert code == 0 and f"{len(rome)} event(s) of the previous export are gone" in err
    after = by_uid(ics)
    assert set(after) == set(before)
    for uid, found in after.items():
        if uid in rome:
            assert found["status"] == "CANCELLED" and found["sequence"] == 1
            assert found["dtstart"] == before[uid]["dtstart"]
        else:
            assert found == before[uid]
    cancelled = ics.read_bytes()
    code, _, err = run(*only_first)
    assert code == 0 and ics.read_bytes() == cancelled  # stable: nothing changes twice

    assert run(*both)[0] == 0
    back = by_uid(ics)
    for uid in rome:
        assert back[uid]["status"] != "CANCELLED" and back[uid]["sequence"] == 2
