"""The long fuzz campaign (issue 7), outside the normal test run.

    nice python benchmarks/fuzz_campaign.py [--examples 200000] [--only tag,anchor] [-o out.json]

Runs the fuzz targets of tests/fuzzing.py with Hypothesis, splitting `--examples` among them
(weights below), and prints (and writes with -o) how many examples each ran and the failures it
found, each with Hypothesis's shrunk falsifying example. A failure does not stop the other
targets. Found cases are kept as regression tests in tests/test_fuzz.py.

Targets:
  tag       `timeline.tag` on arbitrary and date-like text, publication dates of years 1..9999
            (PubDate or strings with time and zone), every TaggerConfig switch
  anchor    timeline.events.anchoring on the tagged expressions, every tense, relations
  extract   `extract_documents` on 1-3 in-memory Documents, then every exporter (parse back)
  export    every exporter on timelines with dates at the ends of the calendar and tricky text
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from timeline import TaggerConfig

import fuzzing

WEIGHTS = {"tag": 0.4, "anchor": 0.2, "extract": 0.25, "export": 0.15}
CONFIGS = st.builds(TaggerConfig, day_first=st.booleans(), keep_latent=st.booleans(),
                    ranges=st.booleans())


def _targets() -> dict[str, tuple[Any, Callable[..., None]]]:
    def tag(args: tuple[str, Any, TaggerConfig]) -> None:
        fuzzing.check_tag(*args)

    def anchor(args: tuple[str, Any]) -> None:
        fuzzing.check_anchor(*args)

    def extract(docs: list[Any]) -> None:
        timeline = fuzzing.check_extract(docs)
        if timeline is not None:
            fuzzing.check_export(timeline)

    return {
        "tag": (st.tuples(fuzzing.texts(400), fuzzing.pub_dates(), CONFIGS), tag),
        "anchor": (st.tuples(fuzzing.texts(300), fuzzing.pub_dates()), anchor),
        "extract": (fuzzing.documents(), extract),
        "export": (fuzzing.edge_timelines(), fuzzing.check_export),
    }


def run_target(name: str, strategy: Any, check: Callable[..., None], examples: int,
               seed: int | None) -> dict[str, Any]:
    count = 0
    seen: set[tuple[str, str]] = set()

    def body(value: Any) -> None:
        nonlocal count
        count += 1
        if count % 5000 == 0:
            print(f"   {name}: {count} examples, {time.perf_counter() - started:.0f} s",
                  flush=True)
        try:
            check(value)
        except Exception as exc:
            key = (type(exc).__name__, str(exc)[:80])
            if key not in seen:  # at once, before shrinking: a stopped run still tells
                seen.add(key)
                print(f"   {name}: found {key[0]}: {key[1]}\n      on {value!r:.500}",
                      flush=True)
            raise

    started = time.perf_counter()
    test = settings(
        max_examples=examples, deadline=None, database=None, derandomize=seed is not None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink, Phase.explain],
        report_multiple_bugs=True,
    )(given(strategy)(body))
    failure = None
    try:
        test()
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        failure = "".join(traceback.format_exception(exc))[-6000:]
    return {"target": name, "examples": count, "seconds": round(time.perf_counter() - started, 1),
            "failure": failure}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=200_000, help="total, all targets")
    parser.add_argument("--only", help="comma-separated targets (default: all)")
    parser.add_argument("--seed", type=int, help="derandomize (reproducible run)")
    parser.add_argument("-o", "--output", help="write the summary as JSON here")
    args = parser.parse_args(argv)
    targets = _targets()
    names = args.only.split(",") if args.only else list(targets)
    weight = sum(WEIGHTS[n] for n in names)
    results = []
    for name in names:
        strategy, check = targets[name]
        n = max(1, round(args.examples * WEIGHTS[name] / weight))
        print(f"== {name}: {n} examples", flush=True)
        result = run_target(name, strategy, check, n, args.seed)
        print(f"   ran {result['examples']} in {result['seconds']} s: "
              f"{'FAILED' if result['failure'] else 'ok'}", flush=True)
        if result["failure"]:
            print(result["failure"], flush=True)
        results.append(result)
        if args.output:
            Path(args.output).write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    total = sum(r["examples"] for r in results)
    failed = [r["target"] for r in results if r["failure"]]
    print(f"total {total} examples; failures: {', '.join(failed) or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
