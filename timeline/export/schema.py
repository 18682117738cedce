"""The JSON Schema (draft 2020-12) of the ``json`` and ``jsonl`` exports, shipped in the package.

The file is ``timeline/data/schema/timeline.schema.json``; the whole-timeline object of
`timeline.export.to_json` is its root, and each line of `timeline.export.to_jsonl` is one
``#/$defs/event``. Validate with any draft 2020-12 validator, e.g. ``jsonschema``::

    >>> import jsonschema                                         # doctest: +SKIP
    >>> jsonschema.validate(json.loads(text), json_schema())      # doctest: +SKIP
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["SCHEMA_RESOURCE", "event_schema", "json_schema"]

#: Where the schema lives inside the installed package.
SCHEMA_RESOURCE = ("timeline", "data/schema/timeline.schema.json")


def json_schema() -> dict[str, Any]:
    """The schema of a whole ``json`` export (a fresh copy on every call)."""
    package, name = SCHEMA_RESOURCE
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def event_schema() -> dict[str, Any]:
    """The schema of one event object: one line of a ``jsonl`` export."""
    schema = json_schema()
    return {
        "$schema": schema["$schema"],
        "title": "timeline JSON Lines event",
        "$defs": schema["$defs"],
        "$ref": "#/$defs/event",
    }
