"""Key dates against Timeline17 reference timelines: date F1, averaged over the topics.

    python benchmarks/key_dates.py [--data DIR] [--topic NAME] [--json] [--no-window] [--loo]

For each topic, the articles (articles.jsonl: id, pub_date, text) are extracted into one
timeline (`timeline.extract_documents`: tag, detect, date, merge), then `Timeline.key_dates(k,
window=(first, last))` picks k days, k being the number of dates of each reference timeline
(timeline.*.jsonl) and the window its first to last date: the standard protocol of news-tls
(Gholipour Ghalandari & Ifrim 2020, experiments/evaluate.py: time span extension 0 on Timeline17;
`--no-window` ranks over all days instead). Date
F1 = |picked & reference| / k (precision and recall share the denominator). A topic's score is
the mean over its reference timelines; the figure is the mean over topics. Extraction runs once
per topic and is kept in memory for the run only. Data: ../shared/data/timeline17.

`--loo` (leave one topic out) measures without fooling ourselves: there is one reference per
topic and k is small (one day is worth 0.03-0.08 of a topic's F1), so a weight tuned on the
three topics fits their noise. For each family of variants (`FAMILIES`: one feature, its first
variant the current ranking) it prints the in-sample figure (the variant best on all topics)
and the leave-one-out figure: each topic is scored with the variant best on the other topics
(ties go to the earlier variant, so to the current ranking). Keep a change only when its
leave-one-out mean beats the current mean. The families are the library's `Weights` (among them
the coverage factor's exponent and floor) and a few
re-scorings from the timeline-summarization literature computed here from the ranked days and
the articles' publication days: PubCount (articles published on the day or the next, news-tls),
coverage density (a day divided by the articles published around it, bursts in quiet periods)
and neighbouring days (a happening reported as day d and d + 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from timeline import Document, PubDate, extract_documents
from timeline.keydates import DEFAULT_WEIGHTS, Weights, key_dates
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


# ---- leave one topic out ------------------------------------------------------------------

Scores = dict[dt.date, float]
Rescore = Callable[[Scores, Counter[dt.date]], Scores]


@frozen
class Variant:
    """One way of ranking days: library weights plus an optional re-scoring of every day's
    score given the count of articles published on each day."""

    label: str
    weights: Weights = DEFAULT_WEIGHTS
    rescore: Rescore | None = None


@frozen
class Topic:
    """An extracted topic: its timeline, reference timelines and articles' publication days."""

    name: str
    timeline: Timeline
    refs: dict[str, set[dt.date]]
    published: Counter[dt.date]


def _pub_count(b: float) -> Rescore:
    def rescore(scores: Scores, pubs: Counter[dt.date]) -> Scores:
        out = dict(scores)
        for day, n in pubs.items():  # articles published on the day or the day after
            for d in (day, day - dt.timedelta(days=1)):
                out[d] = out.get(d, 0.0) + b * n
        return out
    return rescore


def _density(radius: int, power: float) -> Rescore:
    def rescore(scores: Scores, pubs: Counter[dt.date]) -> Scores:
        return {day: score / (1 + sum(pubs.get(day + dt.timedelta(days=i), 0)
                                      for i in range(-radius, radius + 1))) ** power
                for day, score in scores.items()}
    return rescore


def _neighbours(share: float) -> Rescore:
    def rescore(scores: Scores, pubs: Counter[dt.date]) -> Scores:
        out = dict(scores)
        for day, score in scores.items():
            for d in (day - dt.timedelta(days=1), day + dt.timedelta(days=1)):
                out[d] = out.get(d, 0.0) + share * score
        return out
    return rescore


CURRENT = Variant("current")
#: Each family varies one feature; its first variant is the current ranking.
FAMILIES: dict[str, list[Variant]] = {
    "events": [CURRENT] + [Variant(f"events={x}", Weights(events=x)) for x in (0, 0.5, 2, 4)],
    "recall": [CURRENT] + [Variant(f"recall={x}", Weights(recall=x)) for x in (0, 0.5, 2)],
    "future": [CURRENT] + [Variant(f"future={x}", Weights(future=x)) for x in (0, 0.5, 2)],
    "spread": [CURRENT] + [Variant(f"spread={x}", Weights(spread=x)) for x in (1, 3, 14, 31)],
    "coverage": [CURRENT] + [Variant(f"coverage={x}", Weights(coverage=x))
                             for x in (0, 0.5, 1.5, 2)],
    "floor": [CURRENT] + [Variant(f"floor={x}", Weights(floor=x)) for x in (0.01, 0.03, 0.1, 0.3)],
    "coverage+floor": [CURRENT] + [  # the coverage factor's two fields jointly
        Variant(f"coverage={c} floor={f}", Weights(coverage=c, floor=f))
        for c, f in itertools.product((1, 0, 0.5, 1.5, 2), (0, 0.03, 0.1, 0.3))][1:],
    "weights": [CURRENT] + [  # the library's weights jointly
        Variant(f"events={e} recall={r} spread={s}", Weights(events=e, recall=r, spread=s))
        for e, r, s in itertools.product((1, 0, 0.5, 2), (1, 0.5, 2), (7, 3, 14))][1:],
    "pubcount": [CURRENT] + [Variant(f"pubcount={b}", rescore=_pub_count(b))
                             for b in (0.25, 0.5, 1, 2)],
    "density": [CURRENT] + [Variant(f"density r={r} p={p}", rescore=_density(r, p))
                            for r, p in itertools.product((3, 7, 15, 30, 60), (0.1, 0.25, 0.5))],
    "neighbours": [CURRENT] + [Variant(f"neighbours={x}", rescore=_neighbours(x))
                               for x in (0.1, 0.25, 0.5)],
}


def pick(topic: Topic, variant: Variant, k: int,
         window: tuple[dt.date, dt.date] | None) -> list[dt.date]:
    """The k days `variant` ranks first (ties: the earlier day)."""
    tl = topic.timeline
    if variant.rescore is None:
        return [kd.day for kd in key_dates(tl.events, k, tl.references, window=window,
                                           weights=variant.weights)]
    every = key_dates(tl.events, sys.maxsize, tl.references, weights=variant.weights)
    scores = variant.rescore({kd.day: kd.score for kd in every}, topic.published)
    first, last = window if window is not None else (dt.date.min, dt.date.max)
    ranked = sorted(((day, score) for day, score in scores.items()
                     if score > 0 and first <= day <= last), key=lambda x: (-x[1], x[0]))
    return [day for day, _ in ranked[:k]]


def variant_f1(topic: Topic, variant: Variant, window: bool = True) -> float:
    """The topic's date F1 under `variant`: the mean over its reference timelines."""
    per = [date_f1(pick(topic, variant, len(ref), (min(ref), max(ref)) if window else None), ref)
           for ref in topic.refs.values()]
    return sum(per) / len(per)


def leave_one_out(table: Sequence[Sequence[float]]) -> tuple[list[int], list[float]]:
    """`table[v][t]` = F1 of variant v on topic t. For each topic t, the variant with the best
    mean over the other topics (ties: the earlier variant) and its F1 on t."""
    topics = len(table[0]) if table else 0
    if topics < 2:
        raise ValueError("leaving one topic out needs at least two topics")
    chosen, scores = [], []
    for t in range(topics):
        others = [o for o in range(topics) if o != t]
        best = min(range(len(table)), key=lambda v: (-sum(table[v][o] for o in others), v))
        chosen.append(best)
        scores.append(table[best][t])
    return chosen, scores


def loo_report(topics: list[Topic], families: dict[str, list[Variant]],
               window: bool = True) -> dict[str, Any]:
    """Per family: the current, in-sample best and leave-one-out F1 (means and per topic)."""
    names = [t.name for t in topics]

    def row(values: Sequence[float]) -> dict[str, Any]:
        return {"mean": round(sum(values) / len(values), 4),
                "topics": dict(zip(names, (round(v, 4) for v in values)))}

    out: dict[str, Any] = {}
    for family, variants in families.items():
        table = [[variant_f1(t, v, window) for t in topics] for v in variants]
        means = [sum(r) / len(r) for r in table]
        best = min(range(len(variants)), key=lambda v: (-means[v], v))
        chosen, loo = leave_one_out(table)
        out[family] = {"current": row(table[0]),
                       "in_sample": {**row(table[best]), "variant": variants[best].label},
                       "leave_one_out": {**row(loo), "chosen": dict(zip(
                           names, (variants[c].label for c in chosen)))}}
    return out


def load_topics(data: Path, only: list[str] | None) -> list[Topic]:
    topics = []
    for folder in sorted(p for p in data.iterdir() if (p / "articles.jsonl").exists()):
        if only and folder.name not in only:
            continue
        docs = load_topic(folder)
        pubs = Counter(d.published.earliest for d in docs
                       if d.published is not None and d.published.grain == "day"
                       and d.published.earliest is not None)
        topics.append(Topic(folder.name, extract_documents(docs), references(folder), pubs))
    return topics


def print_loo(report: dict[str, Any]) -> None:
    def fmt(row: dict[str, Any]) -> str:
        return f"{row['mean']:.3f} (" + " ".join(f"{v:.3f}" for v in row["topics"].values()) + ")"

    print(f"{'family':12} {'current':26} {'in-sample best':26} {'leave-one-out':26} chosen")
    for family, r in report.items():
        print(f"{family:12} {fmt(r['current']):26} {fmt(r['in_sample']):26} "
              f"{fmt(r['leave_one_out']):26} {' | '.join(r['leave_one_out']['chosen'].values())}")
        print(f"{'':12} in-sample best: {r['in_sample']['variant']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--topic", action="append", help="only these topics")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-window", action="store_true",
                        help="rank all days, not only those of the reference's span")
    parser.add_argument("--loo", action="store_true",
                        help="leave one topic out: each family of variants (FAMILIES) chosen on "
                             "the other topics, scored on the held-out one")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    if args.loo:
        topics = load_topics(args.data, args.topic)
        if len(topics) < 2:
            print("--loo needs at least two topics", file=sys.stderr)
            return 2
        report = loo_report(topics, FAMILIES, window=not args.no_window)
        if args.json:
            print(json.dumps(report, indent=2, sort_keys=True))
        else:
            print_loo(report)
        return 0
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
