"""README's two commands stay true: the test command is the one CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    command = re.search(r'^TEST_COMMAND="(.+)"$', ci, re.MULTILINE)
    assert command is not None
    assert command.group(1) in (ROOT / "README.md").read_text("utf-8")


def test_readme_main_job_runs_on_the_seeds() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "timeline extract seeds --format ics -o carney.ics" in readme


def test_readme_shows_the_html_page_and_how_to_make_it() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "timeline extract seeds --format html -o timeline.html" in readme
    image = re.search(r"!\[[^\]]+\]\((docs/[^)]+\.png)\)", readme)
    assert image is not None
    png = (ROOT / image.group(1)).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "apt-get install -y -qq chromium" in ci and "chromium" in readme
