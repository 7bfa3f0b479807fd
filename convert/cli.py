"""The command line: parse arguments, run conversions, report errors without tracebacks."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import closing
from pathlib import Path

from . import __version__
from .batch import can_run_in_parallel, collector_paused, outcomes, start_apart
from .errors import ConversionError, InputError, UsageError
from .report import PROG, Failure, Progress, Reporter
from . import signals
from .signals import Interrupted, ending_on_signals

FORMAT_FLAGS = ("json", "docx", "pdf", "epub", "html", "xliff")
#: The file ending of each built-in writer (as its class says), known without importing it.
BUILTIN_EXTENSIONS = {"json": ".json", "docx": ".docx", "pdf": ".pdf", "epub": ".epub", "html": ".html",
                      "xliff": ".xlf", "xliff12": ".12.xlf"}

DESCRIPTION = """\
Convert raw report text (PDF-to-text dumps with a title block, sections, speakers,
lists and page breaks) into DOCX, PDF, EPUB 3, XLIFF, JSON and any pandoc format.

other commands:
  report-convert outline INPUT          print the recovered structure as a tree
  report-convert pseudo IN.xlf -o OUT   pseudo-translate an XLIFF file
  report-convert merge INPUT TRANSLATED.xlf [formats] [--bilingual] [--tmx] -o DIR
                                        build target-language or bilingual editions
  (each has its own --help)
"""

EPILOG = """\
input: a file's reader is told by its content (a PDF, a DOCX, an ODT or EPUB, RTF), then by
its extension (.txt a text dump; .md, .html, .rst, .tex, .org ... through pandoc), else it is
read as a text dump; --from FORMAT overrides both. A folder gives every file with a known
extension (with --from, those of that format).
output names: DIR/<stem>.docx .pdf .epub .json .html, XLIFF 2.1 as <stem>.xlf and
XLIFF 1.2 as <stem>.12.xlf; merged editions <stem>.<lang>.<ext>, bilingual ones
<stem>.<src>-<tgt>.<ext>.
exit status: 0 success, 1 input or conversion error, 2 usage error, 128+N when ended
by signal N (SIGHUP 129, SIGINT 130, SIGTERM 143; nothing is left behind).
"""


def _language(value: str) -> str:
    """Return the language tag ``value`` of an option, normalised; an invalid one is a usage error."""
    from .langtags import LanguageTagError, language_tag

    try:
        return language_tag(value)
    except LanguageTagError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors raise UsageError instead of exiting on their own."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _add_format_flags(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    group = parser.add_argument_group("output formats (default: --json for convert)")
    help_text = {
        "json": "the document tree as JSON (<stem>.json)",
        "docx": "Word document (<stem>.docx)",
        "pdf": "PDF with embedded fonts (<stem>.pdf)",
        "epub": "EPUB 3 e-book (<stem>.epub)",
        "html": "standalone HTML through pandoc (<stem>.html)",
        "xliff": "XLIFF 2.1 (<stem>.xlf) and XLIFF 1.2 (<stem>.12.xlf)",
    }
    for name in formats:
        group.add_argument(f"--{name}", action="store_true", help=help_text[name])
    group.add_argument("--to", action="append", default=[], metavar="FORMAT",
                       help="any pandoc output format (markdown, odt, rst, latex, ...); repeatable")
    group.add_argument("--all", action="store_true", help="every built-in format")


def _add_from(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="source_format", metavar="FORMAT",
                        help="read the input as FORMAT: text, pdf, docx or any pandoc input format "
                             "(markdown, html, odt, rst, latex, ...); default: told by content, then extension")


def _check_from(args: argparse.Namespace) -> None:
    """Refuse an unknown ``--from`` format (a usage error listing the known ones) before any work."""
    if getattr(args, "source_format", None):
        from .readers import chosen_by_name

        chosen_by_name(args.source_format)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output-dir", default=".", metavar="DIR",
                        help="folder for the outputs (created if missing; default: .)")
    parser.add_argument("--style", metavar="THEME.toml", help="style theme: a TOML file, or the name of a shipped "
                        "theme (compact); default: styles/default.toml")
    parser.add_argument("--strict", action="store_true", help="treat structure-recovery warnings as errors")
    verbosity = parser.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    verbosity.add_argument("-v", "--verbose", action="store_true", help="print every repair made, too")
    parser.add_argument("--error-format", choices=("text", "json"), default="text",
                        help="how messages on stderr look; json: one object per line")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the main (convert) command."""
    parser = _Parser(prog=PROG, description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="reports (text dumps, PDFs, Word files, or any format pandoc reads), or folders of them")
    _add_from(parser)
    _add_format_flags(parser, FORMAT_FLAGS)
    _add_common(parser)
    parser.add_argument("--target-lang", metavar="LANG", type=_language,
                        help="target language written into the XLIFF files (BCP 47: ja, pt-BR, ...)")
    parser.add_argument("--prefill", action="store_true",
                        help="XLIFF: fill every target with a copy of its source (state initial / needs-translation), "
                             "for CAT tools that translate only existing targets (OmegaT)")
    parser.add_argument("--reuse", metavar="OLD.xlf|OLD.tmx",
                        help="XLIFF: reuse the translations of an earlier version (a translated XLIFF or a TMX): "
                             "exact matches in place, fuzzy ones offered; prints the analysis")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                        help="convert N inputs at a time in separate processes")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def build_outline_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} outline", description="Print the structure recovered from a report.")
    parser.add_argument("input", metavar="INPUT")
    _add_from(parser)
    parser.add_argument("--strict", action="store_true", help="treat structure-recovery warnings as errors")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every repair made, too")
    parser.add_argument("--error-format", choices=("text", "json"), default="text")
    return parser


def build_pseudo_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} pseudo",
                     description="Fill every target of an XLIFF (2.x or 1.2) with a pseudo-translation: "
                                 "longer, accented, recognisable text, inline codes kept.",
                     epilog=_xliff_epilog(False), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", metavar="IN.xlf")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.xlf")
    parser.add_argument("--target-lang", default="qps", metavar="LANG", type=_language,
                        help="target language when the file names none (BCP 47; default: qps, a pseudo-locale)")
    parser.add_argument("--error-format", choices=("text", "json"), default="text")
    return parser


def _xliff_epilog(merging: bool) -> str:
    """Return the limits a translated XLIFF must keep, as --help states them (``merging``: all of them)."""
    from .translate.xliff_read import (MAX_TARGET_CHARS, MAX_XLIFF_BYTES, MAX_XLIFF_MARKUP, TARGET_EXPANSION,
                                       TARGET_SLACK_CHARS)

    lines = ["limits on the XLIFF file (past one: one error naming the file, line and unit,",
             "exit status 1, nothing written):",
             f"  size                {MAX_XLIFF_BYTES:,} bytes (64 MiB)",
             f"  markup              {MAX_XLIFF_MARKUP:,} tags, comments and processing instructions"]
    if merging:
        lines.append(f"  one unit's target   {TARGET_EXPANSION} x its source's characters + {TARGET_SLACK_CHARS}, "
                     f"{MAX_TARGET_CHARS:,} at most")
    lines += ["language tags (trgLang, target-language, srcLang, source-language, xml:lang) must be",
              "valid BCP 47; they are normalised (ja_JP -> ja-JP) before they name or enter outputs."]
    if merging:
        lines.append("control characters are removed from targets, with a warning naming the unit.")
        lines.append("bold, italic, links, notes and images a target drops, repeats or invents are a")
        lines.append("warning naming the unit; with --strict, an error.")
    lines.append("exit status: 0 success, 1 input or conversion error, 2 usage error.")
    return "\n".join(lines) + "\n"


def build_merge_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} merge",
                     description="Merge a translated XLIFF back into the report and write the "
                                 "target-language (or, with --bilingual, side-by-side) editions.",
                     epilog=_xliff_epilog(True), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", metavar="INPUT", help="the report the XLIFF was extracted from")
    parser.add_argument("translation", metavar="TRANSLATED.xlf")
    _add_from(parser)
    _add_format_flags(parser, ("json", "docx", "pdf", "epub", "html"))
    _add_common(parser)
    parser.add_argument("--bilingual", action="store_true", help="side-by-side source and target editions")
    parser.add_argument("--require-complete", action="store_true",
                        help="fail when a unit has no translation instead of falling back to the source")
    parser.add_argument("--require-final", action="store_true",
                        help="fail unless every unit's target is marked final (state final or signed-off, "
                             "or approved)")
    parser.add_argument("--tmx", action="store_true",
                        help="also write the translated segment pairs as a TMX 1.4b translation memory "
                             "(<stem>.<src>-<tgt>.tmx)")
    return parser


def _reporter(args: argparse.Namespace) -> Reporter:
    return Reporter(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False),
                    as_json=getattr(args, "error_format", "text") == "json")


# --- commands ---------------------------------------------------------------------


def _xliff_options(args: argparse.Namespace, requests: list) -> list:
    """Return ``requests`` with the XLIFF writers given ``--prefill`` and the memory of ``--reuse``
    (read once here); either without --xliff is a usage error."""
    from dataclasses import replace

    prefill, reuse = getattr(args, "prefill", False), getattr(args, "reuse", None)
    if not (prefill or reuse):
        return requests
    if not any(r.name in ("xliff", "xliff12") for r in requests):
        raise UsageError(f"{'--prefill' if prefill else '--reuse'} is for XLIFF output: add --xliff")
    options: list[tuple[str, object]] = [("prefill", True)] if prefill else []
    if reuse:
        from .translate.leverage import load_memory
        from .translate.xliff_read import MAX_XLIFF_BYTES

        options.append(("memory", load_memory(_read_bytes(reuse, MAX_XLIFF_BYTES), reuse)))
    return [replace(r, options=tuple(options)) if r.name in ("xliff", "xliff12") and not r.pandoc else r
            for r in requests]


def _requests(args: argparse.Namespace, available: tuple[str, ...], default: tuple[str, ...]):
    from .registry import ALL_FORMATS, FormatRequest

    if args.all:
        names = [name for name in ALL_FORMATS if name in available or
                 (name == "xliff12" and "xliff" in available)]
    else:
        names = [name for name in available if getattr(args, name, False)]
        if "xliff" in names:
            names.insert(names.index("xliff") + 1, "xliff12")
    if not names and not args.to:
        names = list(default)
    outputs = {BUILTIN_EXTENSIONS[name]: f"--{name}" for name in names}
    requests = [FormatRequest(name) for name in names]
    if args.to:
        from .writers.pandoc import PandocWriter

        for name in dict.fromkeys(args.to):
            extension = PandocWriter(name).extension  # an unknown format fails here, listing the valid ones
            if extension in outputs:
                raise UsageError(f"--to {name} and {outputs[extension]} would both write <stem>{extension}")
            outputs[extension] = f"--to {name}"
            requests.append(FormatRequest(name, pandoc=True))
    return requests


def _expand_inputs(inputs: list[str], source_format: str | None = None) -> list[Path]:
    """Return the input files: each file given, and in each folder the files with a known
    extension (with ``--from``, those of that format)."""
    from .readers import input_extensions

    paths: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            extensions = input_extensions(source_format)
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in extensions and p.is_file())
            if not found:
                wanted = ", ".join(f"*{ext}" for ext in extensions)
                raise UsageError(f"folder {raw} holds no report ({wanted})" if extensions else
                                 f"folder {raw}: no file extension names --from {source_format}; "
                                 "give the files by name")
            paths.extend(found)
        else:
            paths.append(path)
    return paths


def _output_dir(raw: str) -> Path:
    """Return the output folder; one that exists as a file is a usage error."""
    path = Path(raw)
    if path.exists() and not path.is_dir():
        raise UsageError(f"-o {raw}: is a file, not a folder")
    return path


def _load_theme(args: argparse.Namespace):
    from .theme import load_theme

    return load_theme(args.style)


def _run_convert(args: argparse.Namespace, reporter: Reporter) -> int:
    if args.jobs < 1:
        raise UsageError("-j/--jobs must be at least 1")
    _check_from(args)
    requests = _xliff_options(args, _requests(args, FORMAT_FLAGS, ("json",)))
    inputs = _expand_inputs(args.inputs, args.source_format)
    out_dir = _output_dir(args.output_dir)
    memory = next((value for r in requests for key, value in r.options if key == "memory"), None)
    with collector_paused():
        # One report: its second process starts now, importing ReportLab while this one loads
        # the theme and reads the report.
        started = start_apart(requests, args.target_lang) if len(inputs) == 1 and can_run_in_parallel() else None
        failures: list[tuple[Path, Failure]] = []
        try:
            theme = _load_theme(args)
            jobs = [(path, requests, theme, out_dir, args.target_lang, args.strict, args.source_format)
                    for path in inputs]
            progress = Progress(len(jobs), reporter)
        except BaseException:
            if started is not None:
                started.cancel()
            raise
        # closing(): an interruption stops the worker processes now, not when they are done.
        try:
            with closing(outcomes(jobs, args.jobs, started)) as results:
                for path, (written, diagnostics, error) in results:
                    reporter.diagnostics(diagnostics, str(path))
                    if error:
                        failures.append((path, error))
                        reporter.error(error.message, str(path), error.line)
                    elif args.verbose:
                        reporter.info(f"{path}: wrote {', '.join(written)}")
                    if not error and memory is not None:
                        _print_analysis(path, out_dir, written, memory)
                    progress.step(path, bool(error))
        finally:
            progress.close()
    if len(inputs) > 1:
        summary = f"{len(inputs) - len(failures)} of {len(inputs)} reports converted"
        if failures:
            summary += "; failed: " + "; ".join(f"{path} ({error.message})" for path, error in failures)
        reporter.info(summary)
    return 1 if failures else 0


def _print_analysis(path: Path, out_dir: Path, written: list[str], memory) -> None:
    """Print on stdout what the XLIFF just written for report ``path`` reused from ``memory``:
    units and words new, fuzzy by band, exact and repeated (read back from the file itself)."""
    from .translate.leverage import analyse, format_analysis
    from .translate.xliff_read import read_xliff

    name = next(name for name in written if name.endswith(".xlf"))
    units = read_xliff((out_dir / name).read_bytes(), str(out_dir / name)).units
    sys.stdout.write(format_analysis(analyse([u.source for u in units], memory), str(path)))


def _prepare_reported(path: Path, reporter: Reporter, strict: bool, source_format: str | None = None):
    """Return the document of report ``path``, its diagnostics reported; raise on --strict warnings."""
    from .pipeline import prepare_file, strict_failure

    result = prepare_file(path, source_format=source_format)
    reporter.diagnostics(result.diagnostics, str(path))
    failure = strict_failure(result.diagnostics) if strict else ""
    if failure:
        raise ConversionError(f"{path}: {failure}")
    assert result.document is not None
    return result.document


def _run_outline(args: argparse.Namespace, reporter: Reporter) -> int:
    from .outline import format_outline

    _check_from(args)
    sys.stdout.write(format_outline(_prepare_reported(Path(args.input), reporter, args.strict, args.source_format)))
    return 0


def _run_pseudo(args: argparse.Namespace, reporter: Reporter) -> int:
    from .pipeline import write_atomic
    from .translate import pseudo_translate
    from .translate.xliff_read import MAX_XLIFF_BYTES

    data = _read_bytes(args.input, MAX_XLIFF_BYTES)
    write_atomic(Path(args.output), pseudo_translate(data, target_lang=args.target_lang, name=args.input))
    return 0


def _read_bytes(path: str, limit: int) -> bytes:
    """Return the bytes of file ``path``; a file over ``limit`` bytes is refused before it is read whole."""
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > limit:  # a regular file: refused unread
                raise InputError(f"the file is over the limit of {limit:,} bytes", path)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except IsADirectoryError:
        raise InputError("is a directory", path) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path) from None
    if len(data) > limit:
        raise InputError(f"the file is over the limit of {limit:,} bytes", path)
    return data


def _run_merge(args: argparse.Namespace, reporter: Reporter) -> int:
    from .batch import write_outputs
    from .translate import merge_xliff, read_xliff
    from .translate.xliff_read import MAX_XLIFF_BYTES

    _check_from(args)
    requests = _requests(args, ("json", "docx", "pdf", "epub", "html"), ("docx", "pdf", "epub", "html"))
    theme = _load_theme(args)
    out_dir = _output_dir(args.output_dir)
    path = Path(args.input)
    source = _prepare_reported(path, reporter, args.strict, args.source_format)
    xliff = read_xliff(_read_bytes(args.translation, MAX_XLIFF_BYTES), args.translation)
    merged, warnings = merge_xliff(source, xliff, bilingual=args.bilingual,
                                   require_complete=args.require_complete, require_final=args.require_final,
                                   strict_codes=args.strict, name=args.translation)
    for warning in warnings:
        reporter.diagnostic(warning, args.translation)
    # Both languages are valid BCP 47 tags by now (read_xliff checks the file's), safe in a file name.
    langs = f"{source.meta.lang}-{xliff.trg_lang}" if args.bilingual else xliff.trg_lang
    stem = f"{path.stem}.{langs}"
    written, failures = write_outputs(merged, requests, theme, out_dir, stem,
                                      parallel=can_run_in_parallel())
    if args.tmx:
        from .pipeline import output_path, write_atomic
        from .translate.tmx import segment_pairs, write_tmx

        tmx_name = f"{path.stem}.{source.meta.lang}-{xliff.trg_lang}.tmx"
        write_atomic(output_path(out_dir, tmx_name), write_tmx(segment_pairs(xliff), source.meta.lang, xliff.trg_lang))
        written.append(tmx_name)
    if args.verbose and written:
        reporter.info(f"wrote {', '.join(str(out_dir / name) for name in written)}")
    if failures:
        raise ConversionError("; ".join(failures))
    return 0


COMMANDS = {
    "outline": (build_outline_parser, _run_outline),
    "pseudo": (build_pseudo_parser, _run_pseudo),
    "merge": (build_merge_parser, _run_merge),
}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 conversion error, 2 usage error,
    128+N when signal N (SIGTERM, SIGINT, SIGHUP) ended it, its children and temporary files gone)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    build, run = COMMANDS.get(argv[0], (build_parser, _run_convert)) if argv else (build_parser, _run_convert)
    if argv and argv[0] in COMMANDS:
        argv = argv[1:]
    parser = build()
    reporter = Reporter(as_json="--error-format=json" in argv or
                        any(a == "--error-format" and b == "json" for a, b in zip(argv, argv[1:])))
    # The handlers stay until the end, so that a second signal cannot cut the message short.
    with ending_on_signals():
        try:
            args = parser.parse_args(argv)
            reporter = _reporter(args)
            status = run(args, reporter)
            signals.check()  # a signal swallowed where nothing was left to write
            return status
        except Interrupted as exc:
            # Every clean-up on the way here has run: children stopped, temporary files removed.
            reporter.emit("error", str(exc))
            return exc.exit_code
        except UsageError as exc:
            if not reporter.as_json:
                parser.print_usage(sys.stderr)
            reporter.emit("error", str(exc))
            return 2
        except ConversionError as exc:
            if signals.ended() is not None:  # a signal's, turned into this on its way up
                return _ended(reporter)
            reporter.exception(exc)
            return 1
        except BrokenPipeError:
            # Output piped into a command that stopped reading (e.g. `| head`): not an error of ours.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
        except Exception:
            if signals.ended() is None:
                raise
            return _ended(reporter)  # the signal's Interrupted, turned into another exception by C code


def _ended(reporter: Reporter) -> int:
    """Report the signal that ended the run (``signals.ended``); return its exit status."""
    interrupted = signals.ended()
    assert interrupted is not None
    reporter.emit("error", str(interrupted))
    return interrupted.exit_code


def run() -> None:
    """The ``report-convert`` command: main(), then exit without tearing the interpreter down.

    By then every output file is written and closed and every child process collected;
    freeing a few hundred imported modules one by one would add a tenth to a seed
    conversion. A crash still propagates, with its traceback, through the normal exit.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
