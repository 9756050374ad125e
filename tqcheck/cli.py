"""Command line: ``tqcheck PATH...``. A thin layer: parse, configure, run, format, exit code.

Exit codes: 0 no finding at or above ``--fail-on``; 1 at least one; 2 usage, config or
rule error (printed as ``file:line: message``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from . import __version__

EPILOG = """\
commands:
  tqcheck score HYP REF...                MT scores as sacrebleu prints them (tqcheck score --help)

exit codes: 0 clean, 1 findings at or above --fail-on (0 with --exit-zero),
  2 usage/config/rule error.
examples:
  tqcheck seeds/                          check a folder, print the editors' table
  tqcheck --format json -o run.json news/ machine-readable report with run signature
  tqcheck --select TQ1,name-authority-variant a.txt only language rules and one named rule
  tqcheck --explain TQ101                 what a rule catches, with its examples
  tqcheck --format html -o report.html news/  the editors' page: findings marked in the text
  tqcheck --format sarif -o tq.sarif news/    for code scanning (also: github, junit)
  tqcheck --extend-exclude 'drafts/,*.old.md' .  pass over drafts (README, build/ and
                                          what .gitignore ignores are passed over already)
  cat page.html | tqcheck --stdin-filename page.ar.html -   one article from standard input
  tqcheck --write-baseline tq-baseline.json news/   accept today's findings; then
  tqcheck --baseline tq-baseline.json news/         report only new ones
  tqcheck --statistics news/              how many findings per rule
  tqcheck -q -o run.json -f json news/    no output but the file, the exit code and errors
"""


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("--jobs must be at least 1")
    return n


def parser() -> argparse.ArgumentParser:
    from .formats import FORMATS

    p = argparse.ArgumentParser(
        prog="tqcheck", description="Translation-quality and consistency checks for multilingual news.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files and folders to check; - reads one article from standard input")
    p.add_argument("-f", "--format", "--output-format", dest="format", choices=FORMATS, default="table",
                   help="output format (default: table)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print nothing but errors (no report or summary on standard output, no "
                        "progress): the exit code tells; -o FILE is still written")
    p.add_argument("--statistics", action="store_true",
                   help="instead of the findings, a count per rule (id, name, severity), most "
                        "frequent first (--format table or json)")
    p.add_argument("--exit-zero", action="store_true",
                   help="exit 0 even when there are findings (2 still means a usage or config error)")
    p.add_argument("--select", action="append", metavar="RULES",
                   help="only these rules: ids, prefixes (TQ1) or names, comma-separated")
    p.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules")
    p.add_argument("--severity", action="append", metavar="RULE=LEVEL",
                   help="override a rule's severity (error, warning, info)")
    p.add_argument("--rules", action="append", metavar="DIR", help="an extra folder of rule files")
    p.add_argument("--languages", metavar="CODES", help="languages the newsroom publishes in, e.g. en,ar,ru")
    p.add_argument("--fail-on", choices=("error", "warning", "info", "never"),
                   help="lowest severity that makes the exit code 1 (default: error)")
    p.add_argument("--config", metavar="FILE", help="config file (default: tqcheck.toml or pyproject.toml, "
                   "searched from the working folder upward)")
    p.add_argument("--isolated", action="store_true", help="ignore every config file")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--fix", action="store_true",
                   help="rewrite the input files with the safe repairs (mojibake, HTML character "
                        "references, control characters), then check them; never the default")
    p.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE "
                   "(written by --write-baseline; config key: baseline)")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE "
                   "and exit 0: they are accepted from now on")
    p.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                   help="check stories in N processes (default: every core); the report is the "
                        "same for every N")
    p.add_argument("--memory-budget", type=int, default=None, metavar="MB",
                   help="resident MB a process may hold before it empties what it remembers to go "
                        "faster (default 400; config key: memory-budget); the report is the same")
    p.add_argument("--no-progress", action="store_true",
                   help="no progress bar on standard error (it shows only in a terminal, never in CI)")
    p.add_argument("--exclude", action="append", metavar="GLOBS",
                   help="folder-walk patterns (gitignore globs, comma-separated) that replace the "
                        "defaults and the config's exclude; files named here are still checked")
    p.add_argument("--extend-exclude", action="append", metavar="GLOBS",
                   help="patterns passed over in addition to the defaults and the config's")
    p.add_argument("--respect-gitignore", action=argparse.BooleanOptionalAction, default=None,
                   help="pass over files that .gitignore ignores (default: yes)")
    p.add_argument("--force-exclude", action="store_true", default=None,
                   help="apply the exclude patterns to files named on the command line too "
                        "(for pre-commit, which names the staged files)")
    p.add_argument("--stdin-filename", metavar="NAME",
                   help="the name standard input ('-') stands for in reports; its suffix picks "
                        "the format and may declare the language (page.ar.html)")
    p.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    p.add_argument("--explain", metavar="RULE", help="describe a rule with its examples and exit")
    p.add_argument("--version", action="version", version=f"tqcheck {__version__}")
    return p


def build_config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .engine import config as config_mod
    from .errors import TQError

    if args.isolated:
        cfg = config_mod.Config()
    elif args.config:
        path = Path(args.config)
        if not path.is_file():
            raise TQError(f"config file not found: {args.config}")
        cfg = config_mod.load(path)
    else:
        found = config_mod.discover()
        cfg = config_mod.load(found) if found else config_mod.Config()
    if args.select:
        cfg.select = _split(args.select)
    if args.ignore:
        cfg.ignore = [*cfg.ignore, *_split(args.ignore)]
    for item in _split(args.severity):
        rule, _, level = item.partition("=")
        if level not in ("error", "warning", "info"):
            raise TQError(f"--severity {item!r}: expected RULE=error|warning|info")
        cfg.severity[rule] = level
    if args.rules:
        cfg.rule_dirs = [*cfg.rule_dirs, *(Path(d) for d in args.rules)]
    if args.languages:
        from .analysis import langs

        codes = _split([args.languages])
        bad = [c for c in codes if langs.normalise(c) is None]
        if bad:
            raise TQError(f"--languages: unknown language code {bad[0]!r}")
        cfg.languages = [langs.normalise(c) for c in codes]
    if args.fail_on:
        cfg.fail_on = args.fail_on
    if args.exclude:  # patterns of the command line start from the working folder
        cfg.exclude, cfg.exclude_base = _split(args.exclude), Path.cwd()
    if args.extend_exclude:
        cfg.extend_exclude = [*cfg.extend_exclude, (Path.cwd(), _split(args.extend_exclude))]
    for flag in ("exclude", "extend-exclude"):
        pats = _split(getattr(args, flag.replace("-", "_")))
        if pats:
            config_mod._globs(pats, f"--{flag}", "<command line>", "")
    if args.respect_gitignore is not None:
        cfg.respect_gitignore = args.respect_gitignore
    if args.force_exclude:
        cfg.force_exclude = True
    if args.memory_budget is not None:
        cfg.memory_budget = config_mod.memory_budget(args.memory_budget, "--memory-budget",
                                                     "<command line>", None)
    cfg.stdin_filename = args.stdin_filename
    return cfg


def list_rules(cfg, out: TextIO) -> None:  # type: ignore[no-untyped-def]
    from .engine import build_rules
    from .engine.rules import builtin_dir, load_dirs

    rules = load_dirs([builtin_dir(), *cfg.rule_dirs])
    active = {r.id for r in build_rules(cfg)}
    for r in rules:
        mark = " " if r.id in active else "-"
        first = " ".join(r.description.split(". ")[0].split())
        head = f"{mark} {r.id}  {r.name:<27} {r.severity:<8} {r.kind:<21} "
        out.write(head + first[: max(10, 100 - len(head))] + "\n")


def explain(cfg, token: str, out: TextIO) -> int:  # type: ignore[no-untyped-def]
    from .engine.rules import builtin_dir, load_dirs

    for r in load_dirs([builtin_dir(), *cfg.rule_dirs]):
        if token in (r.id, r.name):
            out.write(f"{r.id} {r.name}  ({r.severity}, kind {r.kind}: tqcheck/checks/{r.kind}.py)\n")
            out.write(f"rule file: {r.path}\n\n{r.description}\n\nmessage: {r.message}\n")
            if r.options:
                out.write("options:\n")
                for k, v in r.options.items():
                    out.write(f"  {k} = {v!r}\n")
            for label, examples in (("flags", r.flag), ("leaves alone", r.passes)):
                for ex in examples:
                    shown = ex.get("text") or ex.get("raw") or ex.get("path") or ""
                    if "versions" in ex:
                        shown = " | ".join(f"{v['path']}: {v['text']}" for v in ex["versions"])
                    out.write(f"\n{label}: {' '.join(str(shown).split())[:300]!r}\n")
            return 0
    sys.stderr.write(f"tqcheck: no rule {token!r} (see tqcheck --list-rules)\n")
    return 2


def statistics(report, fmt: str) -> str:  # type: ignore[no-untyped-def]
    """``--statistics``: findings counted per rule, most frequent first (then by id), as
    ruff prints them; ``fmt`` is ``table`` or ``json``."""
    import json

    counts: dict[str, list] = {}  # type: ignore[type-arg]
    for r in report.findings.select("rule_id", "rule_name", "severity").to_dicts():
        entry = counts.setdefault(r["rule_id"], [0, r["rule_name"], set()])
        entry[0] += 1
        entry[2].add(r["severity"])
    rows = [{"count": n, "id": rid, "name": name,
             # a rule's severity can differ per finding only through a config override
             "severity": ",".join(sorted(sev, key=lambda s: ("error", "warning", "info").index(s)))}
            for rid, (n, name, sev) in counts.items()]
    rows.sort(key=lambda r: (-r["count"], r["id"]))
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if not rows:
        return "no findings\n"
    width = max(len(str(r["count"])) for r in rows)
    name_w = max(len(r["name"]) for r in rows)
    lines = [f"{r['count']:>{width}}  {r['id']:<6} {r['name']:<{name_w}}  {r['severity']}" for r in rows]
    total = sum(r["count"] for r in rows)
    lines.append(f"{total} finding{'' if total == 1 else 's'} in {len(rows)} rule{'' if len(rows) == 1 else 's'}")
    return "\n".join(lines) + "\n"


# The cyclic garbage collector looks at the newest objects after every 700 containers
# (tuples, lists, dicts) allocated and not yet freed, by default. A check run allocates
# millions of small containers, most of which live until their story is done or the memos
# are emptied, so those collections found little and cost much: on corpus1000
# (tools/benchmarks/bench_scale.py), one job, 2,803 collections of the youngest
# generation, 254 of the middle one and 16 full ones took about 5% of the CPU (54.8 and
# 55.1 s with the default, 51.9-53.0 s with 10,000, 50.6 s with no collection at all; each
# beside the other in the same minute). The threshold of the youngest is raised
# to 10,000 (the older generations' ratios kept: 140, 12 and 1 collections), the peak
# the same (385 -> 388 MB), the report byte-identical. Only for a check run of the
# command line, which owns its process (and its --jobs workers, forked from it), and set
# back when the run returns.
GC_YOUNGEST = 10_000


@contextmanager
def _collector_for_a_run() -> Iterator[None]:
    import gc

    before = gc.get_threshold()
    gc.set_threshold(GC_YOUNGEST, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def main(argv: list[str] | None = None, stdout: TextIO | None = None) -> int:
    """The command line: parse, build the config, run, write; the exit code (0 clean,
    1 findings at or above --fail-on, 2 usage, config or rule errors, 130 interrupted)."""
    from .errors import TQError

    out = stdout or sys.stdout
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] == "score":  # tqcheck score HYP REF...: MT evaluation (tqcheck/score.py)
        from .score import main as score_main

        return score_main(argv[1:], stdout=out)
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return int(exc.code or 0)
    try:
        cfg = build_config(args)
        if args.list_rules:
            list_rules(cfg, out)
            return 0
        if args.explain:
            return explain(cfg, args.explain, out)
        if not args.paths:
            p.print_usage(sys.stderr)
            sys.stderr.write("tqcheck: error: give at least one file or folder to check\n")
            return 2
        with _collector_for_a_run():
            return _check(args, cfg, out)
    except TQError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `tqcheck ... | head`: the reader left; nothing is wrong
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"tqcheck: {where}{exc.strerror or exc}\n")
        return 2


def _check(args: argparse.Namespace, cfg: Any, out: TextIO) -> int:
    """Check the paths: fixes first (--fix), then the report, streamed for the line
    formats; baselines recorded or applied; the exit code."""
    from .errors import TQError

    if args.statistics and args.format not in ("table", "json"):
        raise TQError(f"--statistics prints a table or JSON, not --format {args.format}")
    if args.fix:
        from .engine import fix

        # standard input is read once, by the check; nothing is written back to it
        changes = fix.report(fix.apply([p for p in args.paths if p != "-"], cfg))
        if not args.quiet:
            sys.stderr.write(changes)
    from . import engine, progress
    from .formats import get

    fmt = get(args.format)
    if fmt.BINARY and not args.output:
        raise TQError(f"--format {args.format} writes a binary file: give --output FILE")
    bar = None if args.no_progress or args.quiet else progress.for_stream(sys.stderr)
    if (hasattr(fmt, "rows") or hasattr(fmt, "Writer")) and not args.statistics \
            and not args.write_baseline:
        return _stream(args, cfg, fmt, out, bar)
    try:
        report = engine.run(args.paths, cfg, progress=bar, jobs=args.jobs)
    finally:
        if bar is not None:
            bar.close()
    from .engine import baseline

    if args.write_baseline:
        n = baseline.write(report, Path(args.write_baseline))
        if not args.quiet:
            sys.stderr.write(f"tqcheck: recorded {n} findings in {args.write_baseline}\n")
    elif args.baseline or cfg.baseline:
        from .engine.paths import project_root

        report = baseline.apply(report, Path(args.baseline) if args.baseline else cfg.baseline,
                                project_root(cfg))
    _write(report, args, fmt, out)
    if args.write_baseline or args.exit_zero:
        return 0
    return int(report.exit_code(cfg.fail_on))


def _write(report: Any, args: argparse.Namespace, fmt: Any, out: TextIO) -> None:
    """The report in its format (or its statistics), to --output or standard output."""
    if args.statistics:
        text: str | bytes = statistics(report, args.format)
    elif hasattr(fmt, "write"):
        fmt.write(report, Path(args.output))
        text = ""
    else:
        text = fmt.render(report, color=_color(args, out)) if args.format == "table" else fmt.render(report)
    if args.output and (args.statistics or not hasattr(fmt, "write")):
        from . import atomic

        atomic.write_bytes(args.output, text.encode("utf-8") if isinstance(text, str) else text)
    elif text and not args.quiet:
        out.write(text)  # type: ignore[arg-type]


def _color(args: argparse.Namespace, out: TextIO) -> bool:
    """Colour the table: asked for, or by default on a terminal without NO_COLOR."""
    return args.color == "always" or (
        args.color == "auto" and not args.output and out.isatty() and "NO_COLOR" not in os.environ)


def _stream(args: argparse.Namespace, cfg: Any, fmt: Any, out: TextIO, bar: Any) -> int:
    """A line format (jsonl, csv): each story's findings are written as soon as the
    story is checked (``engine.stream``), so a long run shows its first findings at
    once and holds none of them. JSON and the table (formats with a ``Writer``): the
    whole report, its rows handed over as the stories are checked
    (``engine.stream_report``), written at the end. With ``-o`` the text goes to a
    temporary file beside FILE, renamed over it when the run is complete (an
    interrupted run leaves FILE as it was)."""
    from . import engine

    baseline = Path(args.baseline) if args.baseline else cfg.baseline

    def run(emit: Any) -> Any:
        try:
            if not hasattr(fmt, "Writer"):
                emit(fmt.head())
                return engine.stream(args.paths, cfg, lambda rows: emit(fmt.rows(rows)),
                                     progress=bar, jobs=args.jobs, baseline=baseline)
            writer = fmt.Writer(color=_color(args, out)) if args.format == "table" else fmt.Writer()
            try:
                summary = engine.stream_report(args.paths, cfg, writer.story, progress=bar,
                                               jobs=args.jobs, baseline=baseline)
                if bar is not None:
                    bar.close()
                writer.finish(emit, summary)
                return summary
            finally:
                writer.close()
        finally:
            if bar is not None:
                bar.close()

    summary: list[Any] = []
    if args.output:
        from . import atomic

        from .errors import TQError

        raised: list[TQError] = []

        def writer(tmp: str) -> None:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                try:
                    summary.append(run(fh.write))
                except TQError as exc:  # a rule or config error, not a failed write
                    raised.append(exc)
                    raise

        try:
            atomic.write_with(args.output, writer)
        except TQError:
            if raised:
                raise raised[0] from None
            raise
    else:
        def emit(text: str) -> None:
            if text and not args.quiet:
                out.write(text)
                out.flush()

        summary.append(run(emit))
    return 0 if args.exit_zero else summary[0].exit_code(cfg.fail_on)


def entry() -> None:
    """The ``tqcheck`` command, which owns its process: the cyclic garbage collector's
    youngest generation is collected every 50,000 allocations instead of Python's 700.
    A run allocates millions of small objects that live for one story or for the whole
    run (rule tables, word lists, memos), and almost none of them form cycles, so the
    default threshold spent about a tenth of a one-story run walking live objects;
    garbage held until the next collection is at most the last 50,000 objects. Callers of
    ``main`` from Python keep their own settings."""
    import gc

    gc.set_threshold(50_000, *gc.get_threshold()[1:])  # the older generations as Python has them
    sys.exit(main(sys.argv[1:]))
