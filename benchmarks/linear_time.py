"""No catastrophic backtracking: `tag` time grows linearly on pathological inputs.

    nice python benchmarks/linear_time.py [--size 500000] [--repeat 2] [--only digits,the]
                                          [-o out.json]

For each input kind, times `timeline.tag` on n and 2n characters (the best of `--repeat` runs,
the least disturbed by other load; cheap inputs in loops of calls lasting 0.2 s or more) and prints time(2n)/time(n); linear is 2.0, the bound the
project holds to is 2.5. The single word is 10 MB at 2n (`--word-size`). Exit status 1 when a
ratio is above the bound.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import time
from collections.abc import Callable

from timeline import tag
from timeline.tagger.resources import load_grammar

BOUND = 2.5


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


KINDS: dict[str, Callable[[int], str]] = {
    "digits": lambda n: "7" * n,
    "one-dash": lambda n: _repeat("1-", n),
    "the": lambda n: _repeat("the ", n),
    "spaces": lambda n: "a" + " " * (n - 2) + "b",
    "month-names": lambda n: _repeat("March ", n),
    "one-line": lambda n: _repeat(
        "Carney met Macron on March 17, 2025, and said talks last week went well; ", n),
    "word": lambda n: "x" * n,
}


def best_time(text: str, repeat: int, loops: int) -> float:
    """The best of `repeat` timings of `loops` calls, per call."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        for _ in range(loops):
            tag(text, "2025-03-17")
        best = min(best, (time.perf_counter() - started) / loops)
    return best


def loops_for(text: str, least: float = 0.2) -> int:
    """Calls needed for one timing to last `least` seconds (cheap inputs are timed in loops,
    so that a ratio is not one of milliseconds of noise)."""
    started = time.perf_counter()
    tag(text, "2025-03-17")
    once = max(time.perf_counter() - started, 1e-6)
    return max(1, min(10_000, int(least / once) + 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=500_000, help="n, in characters")
    parser.add_argument("--word-size", type=int, default=5_000_000,
                        help="n for the single word (2n = 10 MB)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", help="comma-separated kinds")
    parser.add_argument("-o", "--output", help="write the figures as JSON here")
    args = parser.parse_args(argv)
    load_grammar()
    names = args.only.split(",") if args.only else list(KINDS)
    rows = []
    print(f"{'input':12s} {'n':>9s} {'t(n) ms':>10s} {'t(2n) ms':>10s} {'ratio':>6s}")
    for name in names:
        n = args.word_size if name == "word" else args.size
        small, large = KINDS[name](n), KINDS[name](2 * n)
        loops = loops_for(small)
        t1 = best_time(small, args.repeat, loops)
        t2 = best_time(large, args.repeat, loops)
        ratio = t2 / t1 if t1 > 0 else float("inf")
        rows.append({"input": name, "n": n, "t_n_ms": round(t1 * 1000, 3),
                     "t_2n_ms": round(t2 * 1000, 3), "ratio": round(ratio, 2)})
        print(f"{name:12s} {n:9d} {t1 * 1000:10.3f} {t2 * 1000:10.3f} {ratio:6.2f}"
              + ("" if ratio <= BOUND else "  ABOVE BOUND"), flush=True)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            json.dump({"python": platform.python_version(), "bound": BOUND, "rows": rows}, fh,
                      indent=2)
            fh.write("\n")
    return 0 if all(r["ratio"] <= BOUND for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
