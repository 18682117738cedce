"""Tagging speed: characters per second over a corpus, written as JSON.

    python benchmarks/tag_speed.py [--corpus DIR_OR_JSONL] [--repeat 3] [-o out.json]

Default corpus: the Timeline17 articles beside the project (../shared/data/timeline17, ~4 MB of
news) when present, else the seed articles. The figure is the best of `--repeat` runs (least
disturbed by other load); the grammar is loaded once before timing.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

from timeline import TaggerConfig, tag
from timeline.tagger.resources import load_grammar

ROOT = Path(__file__).resolve().parent.parent
TIMELINE17 = ROOT.parent / "shared" / "data" / "timeline17"


def load_texts(source: Path | None, limit: int) -> tuple[str, list[tuple[str, str | None]]]:
    if source is None:
        source = TIMELINE17 if TIMELINE17.exists() else ROOT / "seeds"
    texts: list[tuple[str, str | None]] = []
    files = sorted(source.rglob("articles.jsonl")) if source.is_dir() else [source]
    for f in files:
        if f.suffix != ".jsonl":
            continue
        for line in f.read_text("utf-8").splitlines():
            obj = json.loads(line)
            texts.append((obj["text"], (obj.get("pub_date") or obj.get("published") or "")[:10]
                          or None))
    if not texts:
        texts = [(p.read_text("utf-8"), None) for p in sorted(source.glob("*.txt"))]
    total = 0
    out = []
    for text, pub in texts:
        if total >= limit:
            break
        out.append((text, pub))
        total += len(text)
    return str(source), out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--limit", type=int, default=1_000_000, help="characters to tag")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    name, texts = load_texts(args.corpus, args.limit)
    chars = sum(len(t) for t, _ in texts)
    load_grammar()
    config = TaggerConfig()
    best = float("inf")
    found = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        found = sum(len(tag(text, pub, config)) for text, pub in texts)
        best = min(best, time.perf_counter() - start)
    result = {
        "corpus": name, "documents": len(texts), "characters": chars, "expressions": found,
        "seconds": round(best, 3), "chars_per_second": round(chars / best),
        "python": platform.python_version(),
    }
    text = json.dumps(result, indent=2, sort_keys=True)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
