"""Speed and scale, side by side: `tag`, `extract` and dateparser's `search_dates` on one text.

    python benchmarks/bench.py [--corpus DIR_OR_JSONL] [--limit CHARS] [--runs 3]
                               [--skip-dateparser] [--jobs 2] [-o benchmarks/results/NAME.json]

Corpus: the Timeline17 articles beside the project (../shared/data/timeline17, ~4 MB of news)
when present, else (with a message) the seed articles repeated. The same documents (the first
`--limit` characters' worth) go to all three. Each figure is the median of `--runs` runs on
one core, the grammar and triggers loaded before timing:

* tag: `timeline.tag(text, published)` per document;
* extract: `timeline.extract_documents(documents)` (tagging, events, anchoring, merging);
* dateparser: `search_dates(text, languages=["en"], settings={"RELATIVE_BASE": published})`;
* ratios tag / dateparser and extract / dateparser (targets: >= 8 and >= 3);
* peak memory of tagging and extracting (tracemalloc, in a separate untimed pass) and the
  process's peak resident size;
* `import timeline` in a fresh interpreter (median of 7; target < 0.3 s);
* linearity: tag and extract time on the corpus doubled (each document twice, new ids) over
  the corpus (target <= 2.2);
* with `--jobs N`: extract in N processes, its speed-up over one (target >= 1.7 on 2 cores),
  and the speed-up the machine gives N processes of pure CPU work at that moment (its ceiling
  when other jobs share the cores).

The timed runs take turns (tag, extract, ..., dateparser; then again), so that a change of load
on a shared machine affects every figure alike.

Figures are printed and written as JSON (sorted keys) so they can be compared between commits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import timeline
from timeline import Document, PubDate, extract_documents, tag
from timeline.tagger.resources import load_grammar

ROOT = Path(__file__).resolve().parent.parent
TIMELINE17 = ROOT.parent / "shared" / "data" / "timeline17"


def load_corpus(source: Path | None, limit: int) -> tuple[str, list[Document]]:
    """Documents up to `limit` characters: Timeline17, or the seeds repeated."""
    if source is None and TIMELINE17.exists():
        source = TIMELINE17
    docs: list[Document] = []
    if source is not None:
        files = sorted(source.rglob("articles.jsonl")) if source.is_dir() else [source]
        for f in files:
            for line in f.read_text("utf-8").splitlines():
                obj = json.loads(line)
                pub = (obj.get("pub_date") or obj.get("published") or "")[:10] or None
                docs.append(Document(f"{f.parent.name}/{obj['id']}", obj["text"],
                                     PubDate.parse(pub) if pub else None))
        name = str(source)
    else:
        print(f"bench: {TIMELINE17} is absent; using the seed articles repeated",
              file=sys.stderr)
        seeds = timeline.load_documents([ROOT / "seeds"])
        copies = max(1, limit // max(1, sum(len(d.text) for d in seeds)) + 1)
        docs = [attrs.evolve(d, id=f"{d.id}-{k}") for k in range(copies) for d in seeds]
        name = f"seeds x{copies}"
    out, total = [], 0
    for doc in docs:
        if total >= limit:
            break
        out.append(doc)
        total += len(doc.text)
    return name, out


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_tag(docs: list[Document]) -> int:
    return sum(len(tag(d.text, d.published)) for d in docs)


def run_dateparser(docs: list[Document]) -> int:
    from dateparser.search import search_dates  # type: ignore[import-untyped]

    found = 0
    for d in docs:
        base = d.published.earliest if d.published is not None else dt.date(2000, 1, 1)
        settings = {"RELATIVE_BASE": dt.datetime.combine(base, dt.time())}
        found += len(search_dates(d.text, languages=["en"], settings=settings) or [])
    return found


def peak_memory(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def import_seconds(repeat: int = 7) -> float:
    code = "import time; t = time.perf_counter(); import timeline; print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                  text=True).stdout) for _ in range(repeat)]
    return statistics.median(times)


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_ceiling(jobs: int, n: int = 10_000_000) -> float:
    """The speed-up this machine gives `jobs` processes of pure CPU work right now (other
    users of a shared machine lower it): the most `--jobs` can reach."""
    import concurrent.futures

    start = time.perf_counter()
    _spin(n)
    one = time.perf_counter() - start
    with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
        start = time.perf_counter()
        list(pool.map(_spin, [n] * jobs))
        many = time.perf_counter() - start
    return jobs * one / many


def doubled(docs: list[Document]) -> list[Document]:
    return docs + [attrs.evolve(d, id=f"{d.id}#2") for d in docs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a directory of articles.jsonl or a .jsonl")
    parser.add_argument("--limit", type=int, default=1_000_000, help="characters (default 1M)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-dateparser", action="store_true")
    parser.add_argument("--jobs", type=int, default=0, help="also time extract in N processes")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()

    imported = import_seconds()
    name, docs = load_corpus(args.corpus, args.limit)
    chars = sum(len(d.text) for d in docs)
    load_grammar("en")
    extract_documents(docs[:3])  # loads triggers, lexicons, gazetteer
    result: dict[str, Any] = {
        "corpus": name, "documents": len(docs), "characters": chars, "runs": args.runs,
        "python": platform.python_version(), "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "import_seconds": round(imported, 3),
    }
    found = run_tag(docs)
    events = len(extract_documents(docs))
    twice = doubled(docs)
    # one run of each in turn, repeated: a change of load on a shared machine hits all alike
    timed: dict[str, Callable[[], object]] = {
        "tag": lambda: run_tag(docs),
        "extract": lambda: extract_documents(docs),
        "tag_doubled": lambda: run_tag(twice),
        "extract_doubled": lambda: extract_documents(twice),
    }
    if not args.skip_dateparser:
        run_dateparser(docs[:2])  # dateparser's own first-use loading
        timed["dateparser"] = lambda: run_dateparser(docs)
    if args.jobs > 1:
        timed["extract_jobs"] = lambda: extract_documents(docs, jobs=args.jobs)
    times: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(args.runs):
        for name, run in timed.items():
            times[name].append(median_seconds(run, 1))
    sec = {name: statistics.median(values) for name, values in times.items()}
    result["tag"] = {"seconds": round(sec["tag"], 3),
                     "chars_per_second": round(chars / sec["tag"]), "expressions": found}
    result["extract"] = {"seconds": round(sec["extract"], 3),
                         "chars_per_second": round(chars / sec["extract"]), "events": events}
    result["linearity"] = {
        "tag_seconds_doubled": round(sec["tag_doubled"], 3),
        "tag_ratio": round(sec["tag_doubled"] / sec["tag"], 3),
        "extract_seconds_doubled": round(sec["extract_doubled"], 3),
        "extract_ratio": round(sec["extract_doubled"] / sec["extract"], 3),
        "target_max": 2.2}
    if args.jobs > 1:
        result["jobs"] = {"jobs": args.jobs, "seconds": round(sec["extract_jobs"], 3),
                          "speedup": round(sec["extract"] / sec["extract_jobs"], 3),
                          "target_min": 1.7,
                          "machine_ceiling": round(parallel_ceiling(args.jobs), 3)}
    if "dateparser" in sec:
        result["dateparser"] = {"seconds": round(sec["dateparser"], 3),
                                "chars_per_second": round(chars / sec["dateparser"])}
        result["ratios"] = {
            "tag_over_dateparser": round(sec["dateparser"] / sec["tag"], 2), "tag_target": 8,
            "extract_over_dateparser": round(sec["dateparser"] / sec["extract"], 2),
            "extract_target": 3}
    result["peak_memory_bytes"] = {
        "tag_tracemalloc": peak_memory(lambda: run_tag(docs)),
        "extract_tracemalloc": peak_memory(lambda: extract_documents(docs)),
        # Linux reports kilobytes
        "process_max_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }
    text = json.dumps(result, indent=2, sort_keys=True)
    print(text)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
