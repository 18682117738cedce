"""The HTML page in a real browser: headless Chromium (Debian package `chromium`; `.ci/run`
installs it). Skipped, with the reason, only when no Chromium is installed."""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import timeline
from timeline.export import write
from timeline.model import Timeline

from test_export_html import EVIL, Page

ROOT = Path(__file__).resolve().parent.parent


def _helpers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_screenshot",
                                                  ROOT / "docs" / "make_screenshot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shots = _helpers()
pytestmark = pytest.mark.skipif(
    shots.find_chromium() is None,
    reason="Chromium is not installed (Debian: apt-get install -y chromium; .ci/run does it)",
)


@pytest.fixture(scope="module")
def seeds() -> Timeline:
    return timeline.extract(ROOT / "seeds")


def test_every_seed_event_title_is_rendered(seeds: Timeline, tmp_path: Path) -> None:
    page = tmp_path / "timeline.html"
    seeds.write("html", page)
    dom = Page(shots.dump_dom(page))
    assert len(seeds.events) > 0
    assert sorted(dom.texts["title"]) == sorted(e.title for e in seeds.events)
    quotes = set(dom.quotes)
    assert all(s.sentence.replace("\r\n", "\n") in quotes for e in seeds for s in e.sources)
    # the uncertain spans are drawn as such: one mark per dated event, of the right kind
    kinds = [c[1] for c in dom.classes("span") if c and c[0] == "mark"]
    dated = [e for e in seeds if e.when.is_dated]
    assert len(kinds) == len(dated) + 5  # and the legend's five samples
    spans = sum(1 for e in dated if e.when.start and e.when.end and e.when.start < e.when.end)
    assert kinds.count("span") == spans + 1


def test_injected_script_is_text_not_code(seeds: Timeline, tmp_path: Path) -> None:
    first = seeds.events[0]
    evil = attrs.evolve(first, title=EVIL, sources=[attrs.evolve(
        first.sources[0], sentence=f"Quoted: {EVIL}")])
    page = tmp_path / "evil.html"
    write(Timeline(events=[evil, *seeds.events[1:]], documents=seeds.documents), "html", page,
          name=EVIL)
    html_text = shots.dump_dom(page)
    dom = Page(html_text)
    assert [t for t, _ in dom.tags if t == "script"] == []
    assert EVIL in dom.texts["title"] and f"Quoted: {EVIL}" in dom.quotes
    title = re.search(r"<title>(.*?)</title>", html_text, re.DOTALL)
    assert title is not None and html.unescape(title.group(1)) == EVIL  # text; never ran


def test_screenshot(tmp_path: Path) -> None:
    png = tmp_path / "timeline.png"
    assert shots.main(["-o", str(png)]) == 0
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1600)
    assert len(data) > 20_000  # a page with text and marks, not a blank image
