"""The documentation site stays whole: every page is in the nav, CI builds it strictly, and the
CLI reference documents subcommands that exist. (The build itself runs in .ci/run.)"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from timeline.cli import main

ROOT = Path(__file__).resolve().parent.parent


def nav_pages() -> list[str]:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    nav = config.split("\nnav:\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^  - [^:]+: (\S+\.md)$", nav, re.MULTILINE)


def test_every_markdown_page_is_in_the_nav_and_exists() -> None:
    pages = nav_pages()
    assert "index.md" in pages and "accuracy.md" in pages
    assert sorted(pages) == sorted(p.name for p in (ROOT / "docs").glob("*.md"))


def test_ci_builds_the_docs_strictly_after_the_tests() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    tests_at = ci.index('bash -c "$TEST_COMMAND"')
    build_at = ci.index(".venv/bin/mkdocs build --strict")
    assert tests_at < ci.index("pip install --quiet -e '.[docs]'") < build_at
    assert "mkdocs build --strict" in (ROOT / "README.md").read_text("utf-8")
    assert "strict: true" in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_placeholders_are_known() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import mkdocs_hooks
    finally:
        sys.path.remove(str(ROOT / "tools"))
    kinds = {"cli", "resolution", "example", "schema"}
    for page in (ROOT / "docs").glob("*.md"):
        for match in mkdocs_hooks._PLACEHOLDER.finditer(page.read_text("utf-8")):
            assert match[1] in kinds, (page.name, match[0])


@pytest.mark.parametrize("words", [("tag",), ("extract",), ("timeml",), ("eval", "timeml")])
def test_documented_subcommands_exist(words: tuple[str, ...]) -> None:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main([*words, "--help"], stdout=out, stderr=err)
    except SystemExit as exc:  # argparse's own --help exits
        code = exc.code if isinstance(exc.code, int) else 0
    assert code == 0
