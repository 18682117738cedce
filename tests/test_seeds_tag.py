"""`timeline tag` on each seed with its manifest date: the expressions that matter there."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import tomllib

from timeline.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MANIFEST = {d["id"]: d for d in tomllib.loads((SEEDS / "manifest.toml").read_text())["document"]}


def run_tag(doc_id: str) -> list[dict]:
    entry = MANIFEST[doc_id]
    out = io.StringIO()
    assert main(["tag", str(SEEDS / entry["file"]), "--published", entry["published"]],
                stdout=out) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def by_text(records: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in records:
        out.setdefault(r["text"], []).append(r)
    return out


@pytest.mark.parametrize(("doc_id", "text", "value"), [
    ("000", "this week", "2026-W04"),
    ("000", "this year", "2026"),
    ("001", "eight decades", "P8DE"),
    ("002", "last month", "2025-03"),
    ("002", "March 2025", "2025-03"),
    ("002", "a decade ago", "2015"),
    ("002", "2030", "2030"),
    ("002", "2020", "2020"),
    ("002", "The 21st century", "20"),
    ("002", "recently", "PAST_REF"),
    ("003", "17-03-2025", "2025-03-17"),
    ("003", "300-year", "P300Y"),
    ("003", "soon", "FUTURE_REF"),
    ("004", "2029", "2029"),
    ("004", "the near future", "FUTURE_REF"),
])
def test_seed_expression(doc_id: str, text: str, value: str) -> None:
    found = by_text(run_tag(doc_id))
    assert text in found, f"{text!r} not tagged in {doc_id}: {sorted(found)}"
    assert value in [r["value"] for r in found[text]]


def test_seed_offsets_slice_back() -> None:
    for doc_id, entry in MANIFEST.items():
        text = (SEEDS / entry["file"]).read_text("utf-8")
        for r in run_tag(doc_id):
            assert text[r["start"]:r["end"]] == r["text"]


@pytest.mark.parametrize("doc_id", sorted(MANIFEST))
def test_seed_has_no_false_dates(doc_id: str) -> None:
    for r in run_tag(doc_id):
        for bad in ("60", "51st", "25%", "61%", "$5 billion", "49,000", "21 member"):
            assert bad not in r["text"], r
        assert r["text"].lower() != "may"
        if r["earliest"]:
            assert "2000" <= r["earliest"][:4] <= "2031" or r["type"] != "DATE" or \
                r["value"] in ("20", "2015"), r
