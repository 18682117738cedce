"""Command line: ``timeline {tag,extract,timeml,eval} ...``.

`main(argv)` returns the exit status (0 success, 2 bad input or usage, 1 an output that could not
be written) so the CLI can be tested in-process. Errors print one line on stderr, never a
traceback; outputs are written whole or not at all.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from timeline._files import write_atomically
from timeline.exceptions import TimelineError
from timeline.export import FORMATS
from timeline.io import load_documents, with_dateline
from timeline.model import PubDate, TimeExpression
from timeline.tagger import TaggerConfig, tag
from timeline.tagger.api import find_dateline

__all__ = ["main"]


def _date(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def expression_record(expr: TimeExpression, document: str | None = None) -> dict[str, Any]:
    """The JSON object of one expression (as `timeline tag` prints it)."""
    out: dict[str, Any] = {
        "text": expr.text, "start": expr.start, "end": expr.end, "type": expr.type,
        "value": expr.value, "mod": expr.mod, "granularity": expr.granularity,
        "earliest": _date(expr.earliest), "latest": _date(expr.latest),
        "signal": expr.signal, "rule": expr.rule,
    }
    if document is not None:
        out["document"] = document
    return out


def _write_output(data: bytes, output: str | None, stdout: TextIO) -> None:
    """Write to a file atomically (temporary file + rename), or to stdout."""
    if output is None or output == "-":
        stdout.write(data.decode("utf-8"))
        stdout.flush()
        return
    write_atomically(data, output)


def _cmd_tag(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    config = TaggerConfig(day_first=not args.month_first, keep_latent=args.latent)
    docs = load_documents([args.file], args.published)
    multi = Path(args.file).suffix.lower() == ".jsonl" or Path(args.file).is_dir()
    records: list[dict[str, Any]] = []
    for doc in docs:
        doc = with_dateline(doc, lambda text: find_dateline(text, config))
        for expr in tag(doc.text, doc.published, config):
            records.append(expression_record(expr, doc.id if multi else None))
    if args.format == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    elif args.format == "json":
        text = json.dumps({"expressions": records}, ensure_ascii=False, sort_keys=True,
                          indent=2) + "\n"
    else:
        lines = []
        for r in records:
            prefix = f"{r['document']}\t" if "document" in r else ""
            lines.append(f"{prefix}{r['start']}\t{r['end']}\t{r['type']}\t{r['value']}\t"
                         f"{r['mod'] or ''}\t{r['earliest'] or ''}\t{r['latest'] or ''}\t"
                         f"{r['text']}\n")
        text = "".join(lines)
    _write_output(text.encode("utf-8"), args.output, stdout)
    return 0


def _tagger_for_timeml(config: TaggerConfig) -> Any:
    def run(text: str, dct: PubDate | None) -> list[TimeExpression]:
        return tag(text, dct, config)
    return run


def _cmd_timeml(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from timeline.timeml import annotate_dir

    config = TaggerConfig(use_dateline=False, ranges=False)
    count = annotate_dir(Path(args.in_dir), Path(args.out_dir), _tagger_for_timeml(config))
    print(f"wrote {count} TimeML files to {args.out_dir}", file=stderr)
    return 0


def _cmd_eval(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from timeline.evaluate import format_table, score_dirs, scores_to_dict, tag_and_score

    gold = Path(args.gold_dir)
    if args.system_dir:
        scores = score_dirs(gold, Path(args.system_dir))
    else:
        scores = tag_and_score(gold, _tagger_for_timeml(TaggerConfig(use_dateline=False,
                                                                     ranges=False)))
    if args.json:
        stdout.write(json.dumps(scores_to_dict(scores), sort_keys=True, indent=2) + "\n")
    else:
        stdout.write(format_table(scores) + "\n")
    return 0


def _extract_streaming(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """`extract --no-merge --format jsonl`: one document at a time, memory flat, the output
    written as it goes (to a temporary file renamed at the end, or to stdout)."""
    from timeline._files import open_atomically
    from timeline.scale import iter_documents, write_unmerged_jsonl

    docs = iter_documents(args.paths, args.published)
    if args.output is None or args.output == "-":
        out = getattr(stdout, "buffer", None)
        if out is None:  # a text stream (tests): collect, then write
            import io

            buffer = io.BytesIO()
            events, ndocs = write_unmerged_jsonl(docs, buffer, jobs=args.jobs)
            stdout.write(buffer.getvalue().decode("utf-8"))
        else:
            events, ndocs = write_unmerged_jsonl(docs, out, jobs=args.jobs)
            out.flush()
    else:
        with open_atomically(args.output) as fh:
            events, ndocs = write_unmerged_jsonl(docs, fh, jobs=args.jobs)
    print(f"timeline: wrote {events} of {events} event(s) from {ndocs} document(s)",
          file=stderr)
    return 0


def _cmd_extract(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from timeline.export import render
    from timeline.pipeline import extract

    if args.jobs < 1:
        print(f"timeline: error: --jobs must be at least 1, got {args.jobs}", file=stderr)
        return 2
    if args.no_merge and args.format == "jsonl":
        return _extract_streaming(args, stdout, stderr)
    timeline = extract(args.paths, published=args.published, merge=not args.no_merge,
                       jobs=args.jobs)
    data, report = render(timeline, args.format)
    _write_output(data, args.output, stdout)
    if report.skipped:
        print(f"timeline: {report.skipped} event(s) without a date left out of the "
              f"{args.format} output: {', '.join(report.skipped_ids)}", file=stderr)
    print(f"timeline: wrote {report.written} of {len(timeline)} event(s) from "
          f"{len(timeline.documents)} document(s)", file=stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline", description="Turn news articles into a dated event timeline.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("tag", help="find and normalize the temporal expressions of a text")
    p.add_argument("file", help="a text file, or a .jsonl file of {id, text, published}")
    p.add_argument("--published", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--format", choices=("jsonl", "json", "text"), default="jsonl")
    p.add_argument("--month-first", action="store_true",
                   help="read ambiguous numeric dates as month/day (default day/month)")
    p.add_argument("--latent", action="store_true", help="also print latent (ambiguous) matches")
    p.add_argument("-o", "--output", help="write here instead of stdout")
    p.set_defaults(run=_cmd_tag)

    p = sub.add_parser("extract", help="build the event timeline of articles")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="text files, directories (with manifest.toml) or .jsonl files")
    p.add_argument("--published", help="publication date for documents that carry none")
    p.add_argument("--format", choices=FORMATS, default="json")
    p.add_argument("-o", "--output", help="write here instead of stdout")
    p.add_argument("--no-merge", action="store_true",
                   help="keep each article's events apart (with --format jsonl: streamed, "
                        "one document at a time)")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="run N processes (same output as one)")
    p.set_defaults(run=_cmd_extract)

    p = sub.add_parser("timeml", help="tag TimeML files, replacing the TIMEX3 tags in <TEXT>")
    p.add_argument("in_dir")
    p.add_argument("out_dir")
    p.set_defaults(run=_cmd_timeml)

    p = sub.add_parser("eval", help="score against gold annotations")
    esub = p.add_subparsers(dest="corpus", required=True, metavar="FORMAT")
    e = esub.add_parser("timeml", help="TempEval-3 Task A scores on TimeML files")
    e.add_argument("gold_dir")
    e.add_argument("system_dir", nargs="?",
                   help="annotated files to score (default: tag GOLD_DIR itself)")
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    e.set_defaults(run=_cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    parser = _parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return int(args.run(args, out, err))
    except TimelineError as exc:
        print(f"timeline: error: {exc}", file=err)
        return 2
    except OSError as exc:
        print(f"timeline: error: {exc.filename or ''}: {exc.strerror}", file=err)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
