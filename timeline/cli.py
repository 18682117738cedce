"""Command line: ``timeline {tag,extract,anchor,key-dates,timeml,eval} ...``.

`main(argv, stdout=, stderr=, stdin=)` returns the exit status, so the CLI can be tested
in-process. Errors print one line each on stderr, never a traceback; outputs are written whole
or not at all (a temporary file renamed over the target), and never over an input file.

Exit status (the same in ``timeline --help`` and README):

* 0: every document was read and the output written.
* 1: some documents could not be read (each failure is one line on stderr, naming the file,
  line and value); the others were exported.
* 2: usage error or bad input, nothing written: a bad option or ``--published`` value, no
  document could be read, ``-o`` names an input file, the output cannot be written.

``-`` as an input reads one plain-text document from standard input (id ``stdin``); ``-o -``
(the default) writes to standard output.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from timeline import __version__
from timeline._files import write_atomically
from timeline.exceptions import DocumentError, InputError, TimelineError
from timeline.export import FORMATS
from timeline.io import STDIN, DocumentLoader, same_file, with_dateline
from timeline.model import Document, PubDate, TimeExpression
from timeline.tagger import TaggerConfig, tag
from timeline.tagger.api import find_dateline

__all__ = ["EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_PARTIAL = 1   # some documents failed (reported), the rest exported
EXIT_USAGE = 2     # usage error or bad input: nothing written
#: Show a progress bar (on a terminal) from this many documents on.
PROGRESS_FROM = 5
#: How many ids of documents without a publication date the warning names.
_UNDATED_SHOWN = 5
_DEFAULT_CONFIG = TaggerConfig()

_EXIT_HELP = """\
exit status:
  0  every document was read and the output written
  1  some documents could not be read (one line each on stderr); the others were exported
  2  usage error or bad input; nothing was written
"""


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
        buffer = getattr(stdout, "buffer", None)
        if buffer is not None:  # bytes as rendered, whatever the locale's encoding
            stdout.flush()
            buffer.write(data)
            buffer.flush()
        else:
            stdout.write(data.decode("utf-8"))
            stdout.flush()
        return
    write_atomically(data, output)


def _refuse_overwrite(inputs: Sequence[Path], output: str | None) -> None:
    """Refuse an output path (`-o`) that names one of the `inputs`."""
    if output is None or output == "-":
        return
    for path in inputs:
        if str(path) != STDIN and not path.is_dir() and same_file(path, output):
            raise InputError(f"refusing to overwrite the input file {path} (-o {output})",
                             value=output)


class _Run:
    """What one command read: the documents, their failures, and the exit status they give.

    Commands load with `documents()`, iterate with `progress()` (a bar on a terminal stderr),
    check `-o` with `check_output()` before writing, and end with `finish()`, which reports
    every failure on stderr (one line each) and returns the exit status.
    """

    def __init__(self, args: argparse.Namespace, stderr: TextIO) -> None:
        published = PubDate.parse(args.published) if args.published is not None else None
        paths = getattr(args, "paths", None) or [args.file]
        self.args, self.stderr = args, stderr
        self.quiet: bool = getattr(args, "quiet", False)
        self.loader = DocumentLoader(
            paths, published, encoding=getattr(args, "encoding", "utf-8"),
            errors=getattr(args, "errors", "strict"),
            stdin=getattr(args.stdin, "buffer", args.stdin) if "stdin" in args else None)
        self.count = 0
        self.undated: list[str] = []

    def documents(self, config: TaggerConfig = _DEFAULT_CONFIG) -> list[Document]:
        """Every document that could be read (failures are kept for `finish`)."""
        docs = list(self.checked(self.loader, config))
        if not docs:
            self.nothing_read()
        self.count = len(docs)
        return docs

    def checked(self, docs: Iterable[Document], config: TaggerConfig = _DEFAULT_CONFIG) \
            -> Iterator[Document]:
        """`docs` as they come, noting the ids of those with no publication date and no
        dateline (their relative dates stay unresolved; `finish` says so)."""
        for doc in docs:
            if doc.published is None and (not config.use_dateline
                                          or find_dateline(doc.text, config) is None):
                self.undated.append(doc.id)
            yield doc

    def progress(self, docs: Sequence[Document]) -> Iterator[Document]:
        """`docs`, with a progress bar on stderr if it is a terminal and there are enough."""
        show = not self.quiet and len(docs) >= PROGRESS_FROM and _isatty(self.stderr)
        return iter(docs) if not show else progress_bar(docs, self.stderr)

    def check_output(self) -> None:
        """Refuse an output path that names one of the inputs."""
        inputs = [Path(p) for p in getattr(self.args, "paths", None) or [self.args.file]]
        _refuse_overwrite([*inputs, *self.loader.read], self.args.output)

    def nothing_read(self) -> NoReturn:
        """Report why no document could be read, then stop: there is nothing to export."""
        self.finish()
        raise _NothingRead()

    def finish(self) -> int:
        if self.undated:
            shown = ", ".join(self.undated[:_UNDATED_SHOWN])
            more = len(self.undated) - _UNDATED_SHOWN
            print(f"timeline: warning: {len(self.undated)} document(s) have no publication date "
                  f"(none given, no dateline found), so their relative dates stay unresolved; "
                  f"give --published or a date per document: {shown}"
                  + (f" and {more} more" if more > 0 else ""), file=self.stderr)
        for failure in self.loader.failures:
            print(f"timeline: error: {failure}", file=self.stderr)
        if not self.loader.failures:
            return EXIT_OK
        if not self.quiet or not self.count:
            print(f"timeline: {len(self.loader.failures)} document(s) could not be read"
                  + (f"; exported the other {self.count}" if self.count else "; nothing written"),
                  file=self.stderr)
        return EXIT_PARTIAL if self.count else EXIT_USAGE


class _NothingRead(Exception):
    """No document could be read (the failures are already reported)."""


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def progress_bar(items: Sequence[Any], stream: TextIO, width: int = 30) -> Iterator[Any]:
    """Yield `items`, drawing "[#####.....] 12/40 documents" on `stream` (a terminal) as they
    are taken, and a line break at the end."""
    total = len(items)

    def draw(done: int) -> None:
        filled = width * done // total
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} documents")
        stream.flush()

    draw(0)
    for done, item in enumerate(items, 1):
        yield item
        draw(done)
    stream.write("\n")
    stream.flush()


def _cmd_tag(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    config = TaggerConfig(day_first=not args.month_first, keep_latent=args.latent)
    run = _Run(args, stderr)
    docs = run.documents(config)
    multi = Path(args.file).suffix.lower() == ".jsonl" or Path(args.file).is_dir()
    records: list[dict[str, Any]] = []
    for doc in run.progress(docs):
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
    run.check_output()
    _write_output(text.encode("utf-8"), args.output, stdout)
    return run.finish()


def _tagger_for_timeml(config: TaggerConfig) -> Any:
    def run(text: str, dct: PubDate | None) -> list[TimeExpression]:
        return tag(text, dct, config)
    return run


def _cmd_timeml(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from timeline.timeml import annotate_dir

    config = TaggerConfig(use_dateline=False, ranges=False, offsets=False)
    count = annotate_dir(Path(args.in_dir), Path(args.out_dir), _tagger_for_timeml(config))
    print(f"wrote {count} TimeML files to {args.out_dir}", file=stderr)
    return 0


def _cmd_eval(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from timeline.evaluate import format_table, score_dirs, scores_to_dict, tag_and_score

    gold = Path(args.gold_dir)
    if args.system_dir:
        scores = score_dirs(gold, Path(args.system_dir))
    else:
        scores = tag_and_score(gold, _tagger_for_timeml(TaggerConfig(
            use_dateline=False, ranges=False, offsets=False)))
    if args.json:
        stdout.write(json.dumps(scores_to_dict(scores), sort_keys=True, indent=2) + "\n")
    else:
        stdout.write(format_table(scores) + "\n")
    return 0


def _previous_ics(args: argparse.Namespace) -> bytes | None:
    """The earlier .ics export whose SEQUENCEs an ics export carries on: ``--previous FILE``,
    else the existing ``-o`` file, else None."""
    from timeline.exceptions import ExportError
    from timeline.export.ical import previous_versions

    if args.previous is not None and args.format != "ics":
        raise ExportError("--previous applies to --format ics only", value=args.previous)
    source = args.previous
    if source is None and args.format == "ics" and args.output not in (None, "-") \
            and Path(args.output).is_file():
        source = args.output
    if source is None:
        return None
    data = Path(source).read_bytes()
    try:
        previous_versions(data)
    except ExportError as exc:
        raise ExportError(f"{source}: {exc}", value=source) from None
    return data


def _extract_streaming(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """`extract --no-merge --format jsonl`: one document at a time (a JSON Lines file a line at
    a time), memory flat, the output written as it goes (to a temporary file renamed at the
    end, or to stdout). Documents that cannot be read are reported and skipped, as `extract`
    does (exit 1; exit 2 and no output when none could be read)."""
    from timeline._files import open_atomically
    from timeline.scale import write_unmerged_jsonl

    run = _Run(args, stderr)
    run.check_output()
    docs = run.checked(run.loader)
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
            if not ndocs:
                run.nothing_read()  # raising inside the block leaves no output file
    if not ndocs:
        run.nothing_read()
    run.count = ndocs
    if not run.quiet:
        print(f"timeline: wrote {events} of {events} event(s) from {ndocs} document(s)",
              file=stderr)
    return run.finish()


#: The export format an output file's extension names (`extract -o FILE` without --format).
_FORMAT_OF_SUFFIX = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
                     ".ics": "ics", ".ical": "ics", ".ifb": "ics", ".html": "html",
                     ".htm": "html"}


def _export_format(args: argparse.Namespace, stderr: TextIO) -> str:
    """The format of `extract`: --format when given, else the one the -o file's extension
    names, else json. A --format that another known extension contradicts is obeyed, with a
    warning ("--format csv -o out.ics" writes CSV into out.ics)."""
    named = None
    if args.output not in (None, "-"):
        named = _FORMAT_OF_SUFFIX.get(Path(args.output).suffix.lower())
    if args.format is None:
        return named or "json"
    if named is not None and named != args.format and not (
            named == "json" and args.format == "timelinejs"):
        print(f"timeline: warning: writing {args.format} (--format) to {args.output}, whose "
              f"extension names {named}", file=stderr)
    return str(args.format)


def _cmd_extract(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from timeline.export import render
    from timeline.pipeline import extract_documents

    args.format = _export_format(args, stderr)
    if args.no_merge and args.format == "jsonl":
        return _extract_streaming(args, stdout, stderr)
    run = _Run(args, stderr)
    previous = _previous_ics(args)
    timeline = extract_documents(run.progress(run.documents()), merge=not args.no_merge,
                                 jobs=args.jobs)
    data, report = render(timeline, args.format, name=args.calendar_name, previous=previous)
    run.check_output()
    _write_output(data, args.output, stdout)
    if report.skipped:
        print(f"timeline: {report.skipped} event(s) without a date left out of the "
              f"{args.format} output: {', '.join(report.skipped_ids)}", file=stderr)
    if report.cancelled:
        print(f"timeline: {report.cancelled} event(s) of the previous export are gone from this "
              f"one: kept as CANCELLED so that calendars drop them", file=stderr)
    if not run.quiet:
        print(f"timeline: wrote {report.written} of {len(timeline)} event(s) from "
              f"{len(timeline.documents)} document(s)", file=stderr)
    return run.finish()


_EXAMPLES = """\
examples:
  timeline extract seeds --format ics -o carney.ics     a directory with manifest.toml
  timeline extract a.txt b.txt --published 2025-03-17  text files, one publication date
  timeline extract docs.jsonl --format csv -o out.csv  JSON Lines {id, text, published}
  cat article.txt | timeline tag - --published 2025-04 standard input, JSON Lines out
  timeline tag old.txt --encoding latin-1              a file that is not UTF-8
  timeline tag scraped.txt --errors replace            undecodable bytes become U+FFFD

""" + _EXIT_HELP


def _decoding_options(parser: argparse.ArgumentParser, strict: str) -> None:
    """--encoding and --errors; `strict` says what an undecodable byte does by default."""
    parser.add_argument("--encoding", default="utf-8",
                        help="encoding of the input files (default utf-8)")
    parser.add_argument("--errors", choices=("strict", "replace"), default="strict",
                        help=f"bytes the encoding cannot decode: strict ({strict}, default) or "
                        "replace (with U+FFFD)")


def _input_options() -> argparse.ArgumentParser:
    """Options shared by the commands that read documents (tag, extract, ...)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--published", help=(
        "publication date for documents that carry none: YYYY, YYYY-MM or YYYY-MM-DD (a time "
        "and zone may follow a full date, as in 2025-03-17T23:30:00-05:00: the date as "
        "written is used)"))
    _decoding_options(common, "the document fails")
    common.add_argument("-o", "--output",
                        help="write here (atomically; never over an input) instead of stdout")
    common.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar and no summary; errors are still printed")
    return common


def _cmd_anchor(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from timeline.anchor import anchor_lines
    from timeline.io import jsonl_lines

    _refuse_overwrite([Path(args.file)], args.output)
    if args.file == STDIN:
        stream = getattr(args.stdin, "buffer", args.stdin)
        lines = jsonl_lines(stream, "<stdin>", args.encoding, args.errors)
        out = "".join(anchor_lines(lines, "<stdin>"))
    else:
        path = Path(args.file)
        if not path.is_file():
            raise DocumentError("no such file" if not path.exists() else "not a file",
                                source=args.file, value=args.file)
        out = "".join(anchor_lines(jsonl_lines(path, args.file, args.encoding, args.errors),
                                   args.file))
    _write_output(out.encode("utf-8"), args.output, stdout)
    return 0


def _cmd_key_dates(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from timeline.pipeline import extract_documents

    run = _Run(args, stderr)
    timeline = extract_documents(run.progress(run.documents()), jobs=args.jobs)
    lines = [f"{kd.day.isoformat()}\t{kd.score:g}\t{len(kd.events)}\n"
             for kd in timeline.key_dates(args.k, window=args.window)]
    run.check_output()
    _write_output("".join(lines).encode("utf-8"), args.output, stdout)
    return run.finish()


def _window(text: str) -> tuple[dt.date | None, dt.date | None]:
    """FIRST/LAST (ISO days, inclusive; ".." or nothing = open), as in EDTF intervals."""
    first, sep, last = text.partition("/")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected FIRST/LAST (ISO days, .. = open), got {text!r}")

    def day(part: str) -> dt.date | None:
        if part in ("", ".."):
            return None
        try:
            return dt.date.fromisoformat(part)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an ISO day (YYYY-MM-DD): {part!r}") from None

    window = day(first), day(last)
    if window[0] is not None and window[1] is not None and window[0] > window[1]:
        raise argparse.ArgumentTypeError(f"the window starts after it ends: {text!r}")
    return window


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=_positive, default=1, metavar="N",
                        help="run N processes (same output as one)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline", description="Turn news articles into a dated event timeline.",
        epilog=_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _input_options()

    def command(name: str, help: str, **kwargs: Any) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, epilog=_EXIT_HELP,
                              formatter_class=argparse.RawDescriptionHelpFormatter, **kwargs)

    p = command("tag", "find and normalize the temporal expressions of a text",
                parents=[common])
    p.add_argument("file", help="a text file, a .jsonl file of {id, text, published}, a "
                   "directory, or - for standard input")
    p.add_argument("--format", choices=("jsonl", "json", "text"), default="jsonl")
    p.add_argument("--month-first", action="store_true",
                   help="read ambiguous numeric dates as month/day (default day/month)")
    p.add_argument("--latent", action="store_true", help="also print latent (ambiguous) matches")
    p.set_defaults(run=_cmd_tag)

    p = command("extract", "build the event timeline of articles", parents=[common])
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="text files, directories (with manifest.toml), .jsonl files, or - for "
                   "standard input")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="the export format (default: named by the -o file's extension, "
                   ".json .jsonl .ndjson .csv .ics .html .htm; else json)")
    p.add_argument("--calendar-name", metavar="NAME",
                   help="the calendar's name (ics) or the page title (html); default 'timeline'")
    p.add_argument("--previous", metavar="FILE",
                   help="an earlier .ics export: unchanged events keep their SEQUENCE, changed "
                        "ones get the next (default: the existing -o file)")
    p.add_argument("--no-merge", action="store_true",
                   help="keep each article's events apart (with --format jsonl: streamed, "
                        "one document at a time)")
    _jobs_option(p)
    p.set_defaults(run=_cmd_extract)

    p = command("anchor", "date given event mentions (intervals of days)")
    p.add_argument("file", help='.jsonl of {"id", "text", "published", "mentions": [{"start", '
                   '"end"}]}, read a line at a time, or - for standard input')
    _decoding_options(p, "an error naming the line")
    p.add_argument("-o", "--output",
                   help="write here (atomically, only when every line was anchored; never over "
                   "the input) instead of stdout")
    p.set_defaults(run=_cmd_anchor)

    p = command("key-dates", "the days most events, sources and mentions fall on",
                parents=[common])
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="text files, directories (with manifest.toml), .jsonl files, or - for "
                   "standard input")
    p.add_argument("-k", type=_positive, default=10, help="how many days (default 10)")
    p.add_argument("--window", type=_window, metavar="FIRST/LAST",
                   help="only days in this span (inclusive ISO days; .. leaves an end open, as "
                   "in 2011-02-15/.. )")
    _jobs_option(p)
    p.set_defaults(run=_cmd_key_dates)

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
         stderr: TextIO | None = None, stdin: Any = None) -> int:
    """Run the command line; returns the exit status (see the module docstring)."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    inp = stdin if stdin is not None else sys.stdin
    parser = _parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        args.stdin = inp  # where an input "-" reads from
        return int(args.run(args, out, err))
    except _NothingRead:
        return EXIT_USAGE
    except TimelineError as exc:
        print(f"timeline: error: {exc}", file=err)
        return EXIT_USAGE
    except OSError as exc:
        print(f"timeline: error: {exc.filename or ''}: {exc.strerror}", file=err)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
