"""The JSON Schema shipped in the package describes every JSON the exporters write."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

import timeline
from timeline.export import to_json, to_jsonl, to_timelinejs
from timeline.export.schema import event_schema, json_schema
from timeline.model import DERIVATIONS, EVENT_TYPES, GRANULARITIES, MODS, Timeline

from strategies import timelines

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FORMATS = Draft202012Validator.FORMAT_CHECKER


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=FORMATS)


TIMELINE = validator(json_schema())
EVENT = validator(event_schema())
TIMELINEJS = validator(json.loads((FIXTURES / "timelinejs.schema.json").read_text("utf-8")))


def errors(v: Draft202012Validator, instance: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in v.iter_errors(instance)]


def check_all(tl: Timeline) -> None:
    assert errors(TIMELINE, json.loads(to_json(tl))) == []
    for line in to_jsonl(tl).split("\n")[:-1]:
        assert errors(EVENT, json.loads(line)) == []
    assert errors(TIMELINEJS, json.loads(to_timelinejs(tl)[0])) == []


@pytest.mark.parametrize("schema", [json_schema(), event_schema(),
                                    json.loads((FIXTURES / "timelinejs.schema.json").read_text())])
def test_schemas_are_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_enums_follow_the_model() -> None:
    defs = json_schema()["$defs"]
    assert defs["event"]["properties"]["type"]["enum"] == list(EVENT_TYPES)
    when = defs["when"]["properties"]
    assert when["granularity"]["enum"] == list(GRANULARITIES)
    assert when["derived"]["enum"] == list(DERIVATIONS)
    assert when["mod"]["enum"] == [*MODS, None]


def test_the_seeds_timeline_validates(seeds_dir: Path) -> None:
    tl = timeline.extract(seeds_dir)
    assert len(tl) > 0
    check_all(tl)


@given(timelines())
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])  # shared CPUs
def test_every_generated_timeline_validates(tl: Timeline) -> None:
    check_all(tl)


GOOD: dict[str, Any] = json.loads(to_json(Timeline(events=[
    timeline.Event(
        id="ev-1", type="travel", title="Carney visits Paris",
        when=timeline.When("2025-03", None, None, "month", "explicit"),
        sources=(timeline.Source("doc1", 0, 6, "visits", "Carney visits Paris.", 0, None),),
    )], documents=["doc1"])))


def broken(path: list[str | int], value: object) -> dict[str, Any]:
    doc = copy.deepcopy(GOOD)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


@pytest.mark.parametrize(("path", "value"), [
    (["events", 0, "when", "edtf"], KeyError),
    (["events", 0, "type"], "picnic"),
    (["events", 0, "when", "start"], "2025-13-01"),
    (["events", 0, "when", "end"], "17 March 2025"),
    (["events", 0, "when", "edtf"], "March 2025"),
    (["events", 0, "when", "edtf"], "../.."),
    (["events", 0, "sources"], []),
    (["events", 0, "sources", 0, "start"], -1),
    (["events", 0, "sources", 0, "published"], "2025/03/17"),
    (["events", 0, "extra"], 1),
    (["documents"], KeyError),
])
def test_schema_rejects_broken_output(path: list[str | int], value: object) -> None:
    assert errors(TIMELINE, GOOD) == []
    assert errors(TIMELINE, broken(path, value)) != []
    assert errors(EVENT, broken(path, value)["events"][0]) != [] or path[0] == "documents"
