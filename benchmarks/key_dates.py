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
the coverage factor's exponent and floor) and variants from the timeline-summarization
literature computed here: re-scorings of the ranked days given the articles' publication days
(PubCount: articles published on the day or the next, news-tls, added or fused by reciprocal
rank; coverage density: a day divided by the articles published around it; neighbouring days:
a happening reported as day d and d + 1), a diversity rule (a day next to a picked one is worth
less, MMR-like), and recounts of the documents' votes from their date mentions (`mentions`:
tagged again, `--loo` only): by sentence or by mention rather than once per document,
mentions only in quotations or in the first sentence weighed differently, a mention of a month
spread over its days, a document's mention of its own publication day, TIME expressions of one
day, days voted for by fewer than two or three documents dropped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from attrs import field, frozen

from timeline import Document, PubDate, extract_documents
from timeline.io import with_dateline
from timeline.keydates import (
    DEFAULT_WEIGHTS,
    Weights,
    coverage_factor,
    key_dates,
    mention_weight,
    score_days,
)
from timeline.model import DayReference, Timeline
from timeline.tagger import TaggerConfig
from timeline.tagger.api import find_dateline, tag

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
class Mention:
    """A date expression of an article naming one day or one calendar month, for the families
    that weigh mentions by where and how often they occur (the library keeps one `DayReference`
    per article and day). The Timeline17 articles hold one sentence per line.

    Attributes:
        document: the article's id.
        published: its publication day (None: unknown).
        first, last: the days named (equal for a day).
        kind: "day" (what `day_references` keeps: a DATE of one day, no modifier, not latent),
            "time" (a TIME within one day: "Sunday night") or "month" (a DATE of one month).
        sentence: index of its line in the article.
        quoted: inside quotation marks.
    """

    document: str
    published: dt.date | None
    first: dt.date
    last: dt.date
    kind: str
    sentence: int
    quoted: bool


Recount = Callable[["Topic", Weights], Scores]


@frozen
class Variant:
    """One way of ranking days: library weights, or a recount of the days' scores from the
    articles' mentions (`recount`), then an optional re-scoring given the count of articles
    published on each day, and an optional diversity factor: a day next to one already picked
    has its score multiplied by `diverse` (picked greedily)."""

    label: str
    weights: Weights = DEFAULT_WEIGHTS
    rescore: Rescore | None = None
    recount: Recount | None = None
    diverse: float | None = None


@frozen
class Topic:
    """An extracted topic: its timeline, reference timelines, articles' publication days and
    date mentions."""

    name: str
    timeline: Timeline
    refs: dict[str, set[dt.date]]
    published: Counter[dt.date]
    mentions: tuple[Mention, ...] = field(default=(), converter=lambda found: tuple(found))


def _quoted(text: str) -> list[bool]:
    """Per character: inside `` ... '' or "..." (quotes close at the end of a line)."""
    inside, out, i = False, [False] * len(text), 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in ("``", "''"):
            inside = pair == "``"
            i += 2
            continue
        if text[i] == '"':
            inside = not inside
        elif text[i] == "\n":
            inside = False
        out[i] = inside
        i += 1
    return out


def mentions(document: Document, config: TaggerConfig | None = None) -> list[Mention]:
    """The article's mentions of one day or one month, tagged as the pipeline tags it."""
    config = config if config is not None else TaggerConfig()
    if config.use_dateline:
        document = with_dateline(document, lambda text: find_dateline(text, config))
    pub = document.published
    published = pub.earliest if pub is not None and pub.grain == "day" else None
    quoted = _quoted(document.text)
    out = []
    for expr in tag(document.text, document.published, config):
        first, last = expr.earliest, expr.latest
        if first is None or last is None or expr.latent or expr.mod is not None:
            continue
        if first == last:
            kind = {"DATE": "day", "TIME": "time"}.get(expr.type)
        else:
            month = first.day == 1 and (last + dt.timedelta(days=1)).day == 1 \
                and (last - first).days < 31
            kind = "month" if expr.type == "DATE" and month else None
        if kind is not None:
            out.append(Mention(document.id, published, first, last, kind,
                               document.text.count("\n", 0, expr.start),
                               quoted[expr.start]))
    return out


Weigh = Callable[[list[Mention]], float]


def _recount(weigh: Weigh | None = None, kinds: tuple[str, ...] = ("day",), month: float = 0.0,
             own: float = 0.0, min_documents: int = 1) -> Recount:
    """The library's scores recomputed from the mentions: events' votes, then one vote per
    article and day (`mention_weight`) times `weigh(its mentions of the day)`, of the mention
    `kinds`; an article's own publication day, when it names it, weighs `own`; `month`
    spread evenly over the days of each month an article names; days voted for by fewer than
    `min_documents` articles dropped; all scaled by the coverage factor. With the defaults,
    the library's ranking."""
    def recount(topic: Topic, weights: Weights) -> Scores:
        scores: dict[dt.date, float] = defaultdict(float)
        voters: dict[dt.date, set[str]] = defaultdict(set)
        for event in topic.timeline.events:
            for day, (score, _) in score_days([event], weights).items():
                scores[day] += score
                voters[day].update(s.document for s in event.sources)
        groups: dict[tuple[str, dt.date, bool], list[Mention]] = defaultdict(list)
        for m in topic.mentions:  # an article's mentions of a day, or of a month
            if m.kind in kinds or (m.kind == "month" and month):
                groups[(m.document, m.first, m.kind == "month")].append(m)
        for (document, first, _), found in groups.items():
            m = found[0]
            if m.kind == "month":
                width = (m.last - m.first).days + 1
                for k in range(width):
                    scores[first + dt.timedelta(days=k)] += month / width
                continue
            vote = mention_weight(DayReference(document, first, m.published), weights)
            if m.published == first:
                vote = own
            vote *= weigh(found) if weigh is not None else 1.0
            scores[first] += vote
            if vote > 0:
                voters[first].add(document)
        factor = coverage_factor(topic.timeline.references, weights)
        return {day: score * factor(day) for day, score in scores.items()
                if min_documents <= 1 or len(voters[day]) >= min_documents}
    return recount


def _per_sentence(a: float) -> Weigh:
    return lambda found: 1 + a * math.log(len({m.sentence for m in found}))


def _per_mention(a: float) -> Weigh:
    return lambda found: 1 + a * math.log(len(found))


def _quotes(q: float) -> Weigh:
    return lambda found: q if all(m.quoted for m in found) else 1.0


def _lead(x: float) -> Weigh:
    return lambda found: x if min(m.sentence for m in found) == 0 else 1.0


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


def _pub_count_fusion(k: int) -> Rescore:
    def rescore(scores: Scores, pubs: Counter[dt.date]) -> Scores:
        count: Scores = defaultdict(float)
        for day, n in pubs.items():  # PubCount: articles published on the day or the day after
            count[day] += n
            count[day - dt.timedelta(days=1)] += n
        out: Scores = defaultdict(float)
        for ranking in (scores, count):  # reciprocal rank fusion (Cormack et al. 2009)
            ordered = sorted((d for d, v in ranking.items() if v > 0), key=lambda d: (-ranking[d], d))
            for rank, day in enumerate(ordered, 1):
                out[day] += 1 / (k + rank)
        return dict(out)
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
    # the articles' mentions weighed by where and how often they occur (recounted here)
    "per-sentence": [CURRENT] + [Variant(f"sentences a={a}", recount=_recount(_per_sentence(a)))
                                 for a in (0.5, 1, 2)],
    "per-mention": [CURRENT] + [Variant(f"mentions a={a}", recount=_recount(_per_mention(a)))
                                for a in (0.5, 1, 2)],
    "month": [CURRENT] + [Variant(f"month={x}", recount=_recount(month=x)) for x in (1, 4)],
    "own-day": [CURRENT] + [Variant(f"own={x}", recount=_recount(own=x)) for x in (0.25, 0.5, 1)],
    "quotes": [CURRENT] + [Variant(f"quoted={x}", recount=_recount(_quotes(x)))
                           for x in (0, 0.5, 2)],
    "lead": [CURRENT] + [Variant(f"first sentence={x}", recount=_recount(_lead(x)))
                         for x in (0.5, 1.5, 2)],
    "times": [CURRENT, Variant("TIME mentions", recount=_recount(kinds=("day", "time")))],
    "min-documents": [CURRENT] + [Variant(f"documents>={m}", recount=_recount(min_documents=m))
                                  for m in (2, 3)],
    "pubcount-rrf": [CURRENT] + [Variant(f"rrf k={k}", rescore=_pub_count_fusion(k))
                                 for k in (10, 60)],
    "diversity": [CURRENT] + [Variant(f"next to a pick x{x}", diverse=x) for x in (0.75, 0.5, 0)],
}


def pick(topic: Topic, variant: Variant, k: int,
         window: tuple[dt.date, dt.date] | None) -> list[dt.date]:
    """The k days `variant` ranks first (ties: the earlier day)."""
    tl = topic.timeline
    if variant.rescore is None and variant.recount is None and variant.diverse is None:
        return [kd.day for kd in key_dates(tl.events, k, tl.references, window=window,
                                           weights=variant.weights)]
    if variant.recount is not None:
        scores = variant.recount(topic, variant.weights)
    else:
        every = key_dates(tl.events, sys.maxsize, tl.references, weights=variant.weights)
        scores = {kd.day: kd.score for kd in every}
    if variant.rescore is not None:
        scores = variant.rescore(scores, topic.published)
    first, last = window if window is not None else (dt.date.min, dt.date.max)
    left = {day: score for day, score in scores.items() if score > 0 and first <= day <= last}
    if variant.diverse is None:
        return sorted(left, key=lambda d: (-left[d], d))[:k]
    diverse, picked = variant.diverse, list[dt.date]()
    while left and len(picked) < k:  # greedy: a day next to a picked one is worth less
        def worth(day: dt.date) -> float:
            near = any(abs((day - p).days) == 1 for p in picked)
            return left[day] * (diverse if near else 1.0)
        best = min(left, key=lambda d: (-worth(d), d))
        picked.append(best)
        del left[best]
    return picked


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
        found = [m for doc in docs for m in mentions(doc)]
        topics.append(Topic(folder.name, extract_documents(docs), references(folder), pubs,
                            found))
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
