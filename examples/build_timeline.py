"""Build the timeline of the seed articles and write it in every format.

    python examples/build_timeline.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import timeline

ROOT = Path(__file__).resolve().parent.parent


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    tl = timeline.extract(ROOT / "seeds")
    for event in tl:
        when = event.when
        print(f"{event.type:12} {when.start or '...'} .. {when.end or '...'}  {event.title}")
    for fmt, suffix in (("json", "json"), ("jsonl", "jsonl"), ("csv", "csv"), ("ics", "ics")):
        report = tl.write(fmt, out_dir / f"carney.{suffix}")
        left_out = f", {report.skipped} left out" if report.skipped else ""
        print(f"wrote {out_dir / f'carney.{suffix}'}: {report.written} events{left_out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out"))
