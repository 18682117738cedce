"""Extract a JSON Lines news archive on a Dask cluster, then merge the partial timelines.

    pip install 'dask[bag]' distributed      # (both are in the project's `test` extra)
    python examples/dask_archive.py ARCHIVE.jsonl [--workers 2] [--blocksize 4MB]
                                    [--scheduler tcp://host:8786] [--format json] [-o OUT]

Each partition of the archive (a block of lines, `dask.bag.read_text`) runs
`timeline.scale.lines_results` on a worker: every document's own events and the days it
mentions, computed exactly as one process computes them. The client gathers them in archive
order and merges them with `timeline.scale.merge_partitions`: the result is the timeline
`timeline.extract(ARCHIVE)` builds, byte for byte, with the same key dates. What is shipped to workers is the function
and a TaggerConfig (a few bytes); each worker loads and caches the grammar itself.

Without --scheduler a LocalCluster of --workers processes is started (see docs/scale.md for
Spark's mapPartitions).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import timeline
from timeline.scale import lines_results, merge_partitions
from timeline.tagger import TaggerConfig

_DEFAULT = TaggerConfig()


def extract_archive(path: str | Path, client: Any, blocksize: str | int = "4MB",
                    config: TaggerConfig = _DEFAULT, merge: bool = True) -> timeline.Timeline:
    """The timeline of a JSON Lines archive, its partitions extracted on `client`'s cluster."""
    import dask.bag as db

    lines = db.read_text(str(path), blocksize=blocksize, encoding="utf-8")
    partials = lines.map_partitions(lines_results, config, str(path))
    return merge_partitions(client.compute(partials).result(), merge=merge)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--blocksize", default="4MB")
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler")
    parser.add_argument("--format", choices=timeline.FORMATS, default="json")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    args = parser.parse_args(argv)

    from distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1)
        client = Client(cluster)
    try:
        result = extract_archive(args.archive, client, args.blocksize)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    data, report = result.render(args.format)
    if args.output:
        timeline.Timeline.write(result, args.format, args.output)
    else:
        sys.stdout.buffer.write(data)
    print(f"wrote {report.written} of {len(result)} event(s) from {len(result.documents)} "
          "document(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
