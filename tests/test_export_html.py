"""HTML export: one self-contained page, every event on a month axis, all text escaped."""

from __future__ import annotations

import datetime as dt
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings

from timeline.cli import main
from timeline.export import FORMATS, render, to_html
from timeline.export.html import date_label
from timeline.model import Event, Source, Timeline, When

from strategies import timelines

ROOT = Path(__file__).resolve().parent.parent
EVIL = "<script>document.title='pwned'</script>"


class Page(HTMLParser):
    """What a browser would build, in the part tests look at: elements with their classes, and
    the text inside the elements of a few classes."""

    WATCH = ("title", "when", "type", "meta", "cite")

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {name: [] for name in self.WATCH}
        self.quotes: list[str] = []
        self._open: list[tuple[str, str | None]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        classes = (found.get("class") or "").split()
        watched = next((c for c in classes if c in self.WATCH), None)
        if tag == "blockquote":
            watched = "blockquote"
        self._open.append((tag, watched))
        if watched == "blockquote":
            self.quotes.append("")
        elif watched:
            self.texts[watched].append("")

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, watched in reversed(self._open):
            if watched == "blockquote":
                self.quotes[-1] += data
                return
            if watched:
                self.texts[watched][-1] += data
                return

    def classes(self, tag: str) -> list[list[str]]:
        return [(a.get("class") or "").split() for t, a in self.tags if t == tag]


def day(y: int, m: int, d: int) -> dt.date:
    return dt.date(y, m, d)


def make(when: When, **changes: object) -> Event:
    event = Event(
        id="ev-1", type="travel", title="Carney visits Paris", when=when,
        participants=("Mark Carney",), locations=("Paris",),
        sources=(Source("doc1", 10, 16, "visits", "Carney visits Paris.", 0, "2025-03-16"),),
    )
    return attrs.evolve(event, **changes)


DAY = When("2025-03-17", day(2025, 3, 17), day(2025, 3, 17), "day", "explicit")
MONTH = When("2025-03", day(2025, 3, 1), day(2025, 3, 31), "month", "explicit")
YEAR = When("2029", day(2029, 1, 1), day(2029, 12, 31), "year", "explicit")
BY = When("2025-11-01", None, day(2025, 11, 1), "day", "tense", "ON_OR_BEFORE")
AFTER = When("2025-03-17", day(2025, 3, 17), None, "day", "relation", "AFTER")


def src(doc: str, sentence: str = "It happened.") -> tuple[Source, ...]:
    return (Source(doc, 0, 2, "It", sentence, 0, "2025-03"),)


def marks(page: Page) -> dict[str, dict[str, float]]:
    """Mark kind -> left and width (percent) for each mark on an event row."""
    out = {}
    for tag, found in page.tags:
        classes = (found.get("class") or "").split()
        if tag == "span" and "mark" in classes and "style" in found:
            style = found["style"] or ""
            left = float(re.search(r"left:([\d.]+)%", style).group(1))  # type: ignore[union-attr]
            width = float(re.search(r"width:([\d.]+)%", style).group(1))  # type: ignore[union-attr]
            out[found.get("title") or ""] = {"left": left, "width": width, "kind": classes[1]}
    return out  # type: ignore[return-value]


def test_page_shows_each_event_with_its_reading() -> None:
    events = [
        make(DAY), make(MONTH, id="m", sources=src("d2")), make(YEAR, id="y", sources=src("d3")),
        make(BY, id="b", sources=src("d4")), make(AFTER, id="a", sources=src("d5")),
        make(When(), id="u", title="Undated thing", sources=src("d6", "Some day it happens.")),
    ]
    text, report = to_html(Timeline(events=events))
    page = Page(text)
    assert report.written == 6 and report.skipped == 0
    assert sorted(page.texts["title"]) == sorted(e.title for e in events)
    assert [c for c in page.classes("li") if "event" in c].__len__() == 6
    assert "Mark Carney" in " ".join(page.texts["meta"]) and "Paris" in "".join(page.texts["meta"])
    assert "Some day it happens." in page.quotes and "Carney visits Paris." in page.quotes
    whens = page.texts["when"]
    assert any(w.startswith("17 Mar 2025") and "day precision" in w for w in whens)
    assert any(w.startswith("March 2025") and "month precision" in w for w in whens)
    assert any(w.startswith("by 1 Nov 2025") for w in whens)
    assert any(w.startswith("undated") for w in whens)
    # months in date order, undated last
    assert re.findall(r'<section class="(?:month|undated)" id="([^"]+)"', text) == [
        "m-2025-03", "m-2025-11", "m-2029-01", "undated"]
    found = {v["kind"]: v for k, v in marks(page).items() if "(" in k}
    assert found["exact"]["width"] < 3 < found["span"]["width"]      # a day vs the whole month
    assert found["open-start"]["left"] == 0.0                          # runs out to the left
    assert found["open-end"]["left"] + found["open-end"]["width"] == 100.0
    legend = re.search(r'<ul class="legend".*?</ul>', text, re.DOTALL)
    assert legend and "uncertain span" in legend.group(0) and "open start" in legend.group(0)


def test_a_span_beyond_the_month_runs_into_the_gutter() -> None:
    page = Page(to_html([make(YEAR)])[0])
    (mark,) = [v for k, v in marks(page).items() if k.startswith("2029")]
    assert mark["kind"] == "span" and mark["left"] > 0 and mark["left"] + mark["width"] == 100.0


def test_date_labels() -> None:
    assert date_label(DAY) == "17 Mar 2025"
    assert date_label(MONTH) == "March 2025" and date_label(YEAR) == "2029"
    assert date_label(BY) == "by 1 Nov 2025" and date_label(AFTER) == "from 17 Mar 2025"
    assert date_label(attrs.evolve(DAY, mod="APPROX")) == "about 17 Mar 2025"
    week = When("2026-W04", day(2026, 1, 19), day(2026, 1, 25), "week", "explicit")
    assert date_label(week) == "19 to 25 Jan 2026" and date_label(When()) == "undated"
    across = When(None, day(2025, 12, 29), day(2026, 1, 4), "week", "explicit")
    assert date_label(across) == "29 Dec 2025 to 4 Jan 2026"


def test_all_text_is_escaped() -> None:
    event = make(
        DAY, title=EVIL, participants=(f"{EVIL} & co",), locations=('"><img src=x>',),
        sources=(Source(f"doc{EVIL}", 0, 2, "It", f"It said {EVIL}.", 0, "2025-03-17"),),
    )
    text, _ = to_html([event, make(When(), id="u", title=EVIL, sources=src("x"))], title=EVIL)
    assert "<script" not in text.lower() and "<img" not in text.lower()
    page = Page(text)
    assert [t for t, _ in page.tags if t in ("script", "img", "iframe")] == []
    assert page.texts["title"] == [EVIL, EVIL]
    assert f"It said {EVIL}." in page.quotes
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in text
    assert f"<title>{EVIL}" not in text and "<title>&lt;script&gt;" in text
    assert "Content-Security-Policy" in text and "default-src 'none'" in text


def test_control_characters_are_dropped() -> None:
    text, _ = to_html([make(DAY, title="a\x00b\x1bc\r\nd")])
    assert "\x00" not in text and "\x1b" not in text and "\r" not in text
    assert Page(text).texts["title"] == ["abc\nd"]


def test_no_network_and_same_bytes() -> None:
    tl = Timeline(events=[make(DAY), make(MONTH, id="m", sources=src("d2"))])
    data, report = render(tl, "html")
    assert render(tl, "html") == (data, report) and "html" in FORMATS
    text = data.decode("utf-8")
    assert not re.search(r"(?:src|href)=\"(?!#)", text)         # nothing loaded, links in-page
    assert "http://" not in text and "https://" not in text and "@import" not in text
    assert "url(" not in text


@given(timelines())
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_html_properties(tl: Timeline) -> None:
    text, report = to_html(tl)
    assert to_html(tl)[0] == text
    page = Page(text)
    assert report.written == len(tl.events) and report.skipped == 0
    assert [t for t, _ in page.tags if t == "script"] == []
    rows = [c for c in page.classes("li") if "event" in c]
    assert len(rows) == len(tl.events)
    expected = sorted(e.title.replace("\r\n", "\n").replace("\r", "\n") for e in tl.events)
    cleaned = [re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", t) for t in expected]
    assert sorted(page.texts["title"]) == sorted(cleaned)


def test_cli_writes_the_seeds_page(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "timeline.html"
    code = main(["extract", str(ROOT / "seeds"), "--format", "html", "-o", str(target),
                 "--calendar-name", "Carney & co"], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    text = target.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<title>Carney &amp; co</title>" in text
    assert len(Page(text).texts["title"]) > 0
    assert "wrote" in err.getvalue()
