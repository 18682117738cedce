"""MkDocs hooks: the parts of the documentation that are computed, so that they stay true.

* ``<!-- generated:cli -->``: the ``--help`` of every subcommand, from ``python -m timeline``.
* ``<!-- generated:resolution -->``: a table of relative expressions resolved against
  publication dates of every precision, computed with `timeline.tag`.
* ``<!-- generated:example FORMAT -->``: the first events of the seeds' timeline in FORMAT.
* ``<!-- generated:schema -->``: the JSON Schema shipped in the package; the file itself is also
  published as ``timeline.schema.json`` at the top of the site.

Nothing here reads the clock; the same sources build the same pages.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: Subcommands documented on the CLI page (a removed one fails the build; see test_docs).
CLI_COMMANDS = ((), ("tag",), ("extract",), ("timeml",), ("eval",), ("eval", "timeml"))
_PLACEHOLDER = re.compile(r"<!-- generated:(\w+)(?: ([\w-]+))? -->")


def _help(words: tuple[str, ...]) -> str:
    env = {**os.environ, "COLUMNS": "100", "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "timeline", *words, "--help"],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )
    if run.returncode != 0:
        raise RuntimeError(f"timeline {' '.join(words)} --help failed: {run.stderr.strip()}")
    return run.stdout.rstrip()


def cli_reference() -> str:
    parts = []
    for words in CLI_COMMANDS:
        name = " ".join(("timeline", *words))
        parts.append(f"## `{name}`\n\n```text\n{_help(words)}\n```\n")
    return "\n".join(parts)


@cache
def _seeds_timeline() -> Any:
    import timeline

    return timeline.extract(ROOT / "seeds")


def example(fmt: str, count: int = 2) -> str:
    from timeline import Timeline
    from timeline.export import render

    tl = _seeds_timeline()
    picked = [e for e in tl.events if e.when.is_dated][:count]
    small = Timeline(events=picked, documents=sorted({s.document for e in picked
                                                      for s in e.sources}))
    data = render(small, fmt)[0].decode("utf-8").replace("\r\n", "\n")
    lang = {"json": "json", "timelinejs": "json", "jsonl": "json", "csv": "text",
            "ics": "text"}.get(fmt, "text")
    return f"```{lang}\n{data.rstrip()}\n```\n"


def resolution_table() -> str:
    from timeline import tag

    texts = ("last month", "this week", "yesterday", "March 17", "last year")
    anchors = ("2025-04-10", "2025-04", "2025", None)
    head = "| expression | " + " | ".join(f"published {a}" if a else "no date" for a in anchors)
    rows = [head + " |", "|---" * (len(anchors) + 1) + "|"]
    for text in texts:
        cells = []
        for anchor in anchors:
            found = tag(text, anchor)
            if not found:
                cells.append("(not a date)")
                continue
            e = found[0]
            span = (f"{e.earliest} .. {e.latest}" if e.earliest and e.latest
                    else "no interval")
            cells.append(f"`{e.value}`<br>{span}")
        rows.append(f"| {text} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def schema_text() -> str:
    from timeline.export.schema import json_schema

    return f"```json\n{json.dumps(json_schema(), indent=2, ensure_ascii=False)}\n```\n"


def _replace(match: re.Match[str]) -> str:
    kind, arg = match[1], match[2]
    if kind == "cli":
        return cli_reference()
    if kind == "resolution":
        return resolution_table()
    if kind == "example" and arg:
        return example(arg)
    if kind == "schema":
        return schema_text()
    raise ValueError(f"unknown placeholder {match[0]!r}")


def on_config(config: Any, **kwargs: Any) -> Any:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return config


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return _PLACEHOLDER.sub(_replace, markdown)


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    from mkdocs.structure.files import File

    schema = (ROOT / "timeline" / "data" / "schema" / "timeline.schema.json").read_text("utf-8")
    files.append(File.generated(config, "timeline.schema.json", content=schema))
    return files
