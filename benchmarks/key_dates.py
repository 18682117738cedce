"""Key dates against Timeline17 reference timelines: date F1, averaged over the topics.

    python benchmarks/key_dates.py [--data DIR] [--topic NAME] [--json]

For each topic, the articles (articles.jsonl: id, pub_date, text) are extracted into one
timeline (`timeline.extract_documents`: tag, detect, date, merge), then `Timeline.key_dates(k,
window=(first, last))` picks k days, k being the number of dates of each reference timeline
(timeline.*.jsonl) and the window its first to last date: the standard protocol of news-tls
(Gholipour Ghalandari & Ifrim 2020, experiments/evaluate.py: time span extension 0 on Timeline17;
`--no-window` ranks over all days instead). Date
F1 = |picked & reference| / k (precision and recall share the denominator). A topic's score is
the mean over its reference timelines; the figure is the mean over topics. Extraction runs once
per topic and is kept in memory for the run only. Data: ../shared/data/timeline17.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from timeline import Document, PubDate, extract_documents
from timeline.model import Timeline

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "timeline17"


def load_topic(folder: Path) -> list[Document]:
    docs = []
    for line in (folder / "articles.jsonl").read_text("utf-8").splitlines():
        obj = json.loads(line)
        docs.append(Document(str(obj["id"]), obj["text"], PubDate.parse(obj["pub_date"][:10])))
    return docs


def references(folder: Path) -> dict[str, set[dt.date]]:
    out = {}
    for path in sorted(folder.glob("timeline.*.jsonl")):
        out[path.stem] = {dt.date.fromisoformat(json.loads(x)["date"])
                          for x in path.read_text("utf-8").splitlines() if x.strip()}
    return out


def date_f1(picked: list[dt.date], reference: set[dt.date]) -> float:
    if not picked or not reference:
        return 0.0
    hits = len(set(picked) & reference)
    precision, recall = hits / len(picked), hits / len(reference)
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


def score_topic(timeline: Timeline, refs: dict[str, set[dt.date]],
                window: bool = True) -> dict[str, Any]:
    per = {}
    for name, ref in refs.items():
        span = (min(ref), max(ref)) if window else None
        picked = [kd.day for kd in timeline.key_dates(len(ref), window=span)]
        per[name] = round(date_f1(picked, ref), 4)
    return {"f1": round(sum(per.values()) / len(per), 4), "timelines": per,
            "events": len(timeline.events)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--topic", action="append", help="only these topics")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-window", action="store_true",
                        help="rank all days, not only those of the reference's span")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    results: dict[str, Any] = {}
    for folder in sorted(p for p in args.data.iterdir() if (p / "articles.jsonl").exists()):
        if args.topic and folder.name not in args.topic:
            continue
        began = time.perf_counter()
        timeline = extract_documents(load_topic(folder))
        results[folder.name] = score_topic(timeline, references(folder),
                                           window=not args.no_window)
        results[folder.name]["seconds"] = round(time.perf_counter() - began, 1)
    mean = round(sum(r["f1"] for r in results.values()) / max(len(results), 1), 4)
    if args.json:
        print(json.dumps({"mean_f1": mean, "topics": results}, indent=2, sort_keys=True))
        return 0
    for name, r in results.items():
        print(f"{name:20} F1 {r['f1']:.3f}  ({r['events']} events, {r['seconds']} s)  "
              f"{r['timelines']}")
    print(f"{'mean':20} F1 {mean:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
