"""Event anchoring accuracy on gold event times (TimeBank-Dense and AQUAINT).

    python benchmarks/event_anchors.py [--data DIR] [--errors N] [--json]

For every gold event, `timeline.anchor` dates its mention (its text and publication date only;
the gold events are the mentions). Two figures per corpus:

- exact: among events with one exact gold day (type ``single_exact``), the share whose
  predicted interval is exactly that day;
- bounded: among events known only by bounds (``single_bounded``, `lo`/`hi`, null = open), the
  share whose predicted interval lies within the bounds (an open predicted bound only within an
  open gold bound).

The floor dates every event at the publication date. `--errors N` prints N misses of each kind
(sentence, trigger, cue, gold) for error analysis. Data: ../shared/data/event-anchors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

from timeline import anchor
from timeline.anchor import Anchor

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "event-anchors"
CORPORA = (("TimeBank-Dense", "gold.jsonl"), ("AQUAINT", "aquaint.gold.jsonl"))


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def exact_hit(pred: tuple[dt.date | None, dt.date | None], gold: dict[str, Any]) -> bool:
    day = _day(gold["day"])
    return pred == (day, day)


def bounded_hit(pred: tuple[dt.date | None, dt.date | None], gold: dict[str, Any]) -> bool:
    lo, hi = _day(gold["lo"]), _day(gold["hi"])
    start, end = pred
    if lo is not None and (start is None or start < lo):
        return False
    return not (hi is not None and (end is None or end > hi))


def score(path: Path, errors: int, rng: random.Random) -> dict[str, Any]:
    counts = {"exact": 0, "exact_hit": 0, "exact_floor": 0,
              "bounded": 0, "bounded_hit": 0, "bounded_floor": 0}
    misses: dict[str, list[str]] = {"exact": [], "bounded": []}
    for line in path.read_text("utf-8").splitlines():
        doc = json.loads(line)
        text, dct = doc["text"], doc["dct"]
        events = [e for e in doc["events"] if e["end"] > e["start"]]
        anchors = anchor(text, dct, [(e["start"], e["end"]) for e in events])
        floor = (_day(dct), _day(dct))
        for event, got in zip(events, anchors):
            kind = {"single_exact": "exact", "single_bounded": "bounded"}.get(event["type"])
            if kind is None:
                continue
            hit = exact_hit if kind == "exact" else bounded_hit
            counts[kind] += 1
            ok = hit(got.interval, event)
            counts[f"{kind}_hit"] += ok
            counts[f"{kind}_floor"] += hit(floor, event)
            if not ok and errors:
                misses[kind].append(_describe(text, dct, event, got))
    result: dict[str, Any] = {
        "exact_events": counts["exact"],
        "exact": round(counts["exact_hit"] / max(counts["exact"], 1), 4),
        "exact_floor": round(counts["exact_floor"] / max(counts["exact"], 1), 4),
        "bounded_events": counts["bounded"],
        "bounded": round(counts["bounded_hit"] / max(counts["bounded"], 1), 4),
        "bounded_floor": round(counts["bounded_floor"] / max(counts["bounded"], 1), 4),
    }
    if errors:
        result["misses"] = {k: rng.sample(v, min(errors, len(v))) for k, v in misses.items()}
    return result


def _describe(text: str, dct: str, event: dict[str, Any], got: Anchor) -> str:
    a, b = event["start"], event["end"]
    left = text.rfind("\n", 0, a)
    left = max(left + 1, a - 160)
    right = text.find("\n", b)
    right = min(right if right >= 0 else len(text), b + 80)
    context = f"{text[left:a]}[[{text[a:b]}]]{text[b:right]}".replace("\n", " ")
    gold = event["day"] or f"{event['lo']}..{event['hi']}"
    return (f"dct={dct} gold={gold} got={got.earliest}..{got.latest} ({got.derived} "
            f"{got.value})\n    {context}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", type=int, default=0, help="print N misses of each kind")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    rng = random.Random(8)
    results = {name: score(args.data / file, args.errors, rng) for name, file in CORPORA}
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
        return 0
    print(f"{'corpus':16} {'exact':>7} {'floor':>7} {'n':>5}   {'bounded':>7} {'floor':>7} "
          f"{'n':>5}")
    for name, r in results.items():
        print(f"{name:16} {r['exact']:7.3f} {r['exact_floor']:7.3f} {r['exact_events']:5d}   "
              f"{r['bounded']:7.3f} {r['bounded_floor']:7.3f} {r['bounded_events']:5d}")
    for name, r in results.items():
        for kind, lines in r.get("misses", {}).items():
            print(f"\n== {name} {kind} misses")
            for text in lines:
                print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
