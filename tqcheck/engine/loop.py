"""The run loop, the only one: inputs -> Documents -> Stories -> hits -> located
findings -> Report (``run``), or findings written story by story (``stream``). ``--fix``
(``fix.py``) and the rules' own examples (``examples.py``) go through it too.

Rules are loaded fresh for every run (no global registry). For each story, in sorted
order, article-scope rules run on every document and story-scope rules on the story.
A document that could not be read is seen only by ``input`` rules. Each Hit becomes a
finding row: the engine adds the rule's id, name and severity (or the config's), the
story, the document's path and language, and the line and column of both ends.
Findings are sorted so that the same input gives the same report byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis import memo
from ..checks.base import Hit
from ..corpus import Document, Story, TextSpool
from ..errors import TQError
from ..report import (DOCUMENTS_SCHEMA, FINDINGS_SCHEMA, SCORES_SCHEMA, SEGMENTS_SCHEMA,
                      Report, frame, records)
from . import rules as rules_mod
from .config import Config
from .context import Context
from .select import match_len


class _Fields(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def build_rules(config: Config) -> list[rules_mod.Rule]:
    """The rule set for a run: built-in and extra folders, config applied, selected."""
    all_rules = rules_mod.load_dirs([rules_mod.builtin_dir(), *config.rule_dirs])
    by_key = {r.id: r for r in all_rules} | {r.name: r for r in all_rules}
    src = config.source or "<config>"
    for token in [*(config.select or []), *config.ignore, *config.severity,
                  *(t for codes in config.per_path_ignores.values() for t in codes)]:
        if token != "ALL" and not any(match_len(token, r.id, r.name) > 0 for r in all_rules):
            raise TQError(f"{token!r} matches no rule (see tqcheck --list-rules)", src,
                          config.where(token))
    for key, sev in config.severity.items():
        for r in all_rules:
            if match_len(key, r.id, r.name) > 0:
                r.severity = sev
    cfg_dir = Path(src).resolve().parent if config.source and Path(src).is_file() else Path.cwd()
    for key, opts in config.options.items():
        if key not in by_key:
            raise TQError(f"options for unknown rule {key!r}", src, config.where(key))
        rule = by_key[key]
        merged = {**rule.options, **opts}
        # data paths the config sets start from the config file's folder
        bases = {**getattr(rule.options, "bases", {}), **{k: cfg_dir for k in opts}}
        rule.options = rules_mod.validate_options(rule, rule.module, merged, src,
                                                  config.source_text, bases)
    return [r for r in all_rules if rules_mod.selected(r, config.select, config.ignore)]


def run(paths: Iterable[str], config: Config, rules: list[rules_mod.Rule] | None = None,
        progress: Callable[[int, int, str], None] | None = None, jobs: int | None = 1) -> Report:
    ruleset = build_rules(config) if rules is None else rules
    with TextSpool() as spool:
        _docs, stories = read_stories(paths, config, spool)
        return run_stories(stories, config, ruleset, progress, jobs=jobs)


def read_stories(paths: Iterable[str], config: Config, spool: TextSpool | None = None
                 ) -> tuple[list[Document], list[Story]]:
    """The run's documents, read as the config says (excludes, standard input's name),
    and the stories they make. With a ``spool`` the texts wait in it (a temporary file)
    and each story's are read back when the story is checked (``_check_story``)."""
    from ..corpus import load
    from ..corpus.grouping import group

    # tqcheck.check() turns one path into a list
    docs = load(list(paths), filter=config.path_filter(), stdin_name=config.stdin_filename,
                spool=spool)
    return docs, group(docs)


@dataclass
class StreamSummary:
    """What a streamed run leaves once its rows are written: the findings per severity
    (for the exit code), the suppressed counts, and the size of the run; for a whole
    report (``stream_report``) also the pair scores and the run signature."""

    counts: dict[str, int]
    stats: dict[str, Any]
    documents: int
    stories: int
    scores: list[dict[str, Any]] = field(default_factory=list)  # SCORES_SCHEMA rows, sorted
    signature: dict[str, Any] = field(default_factory=dict)

    def exit_code(self, fail_on: str = "error") -> int:
        from ..report import exit_code

        return exit_code((s for s, n in self.counts.items() if n), fail_on)


@dataclass
class StoryRows:
    """One story's rows of the report's frames, as ``frame(...).to_dicts()`` gives them:
    findings (after the baseline), aligned segments and documents, in report order."""

    findings: list[dict[str, Any]]
    segments: list[dict[str, Any]]
    documents: list[dict[str, Any]]


def stream(paths: Iterable[str], config: Config, write: Callable[[list[dict[str, Any]]], None],
           rules: list[rules_mod.Rule] | None = None,
           progress: Callable[[int, int, str], None] | None = None, jobs: int | None = 1,
           baseline: Path | None = None) -> StreamSummary:
    """A run whose findings are handed to ``write`` story by story, as they are
    produced, instead of being kept for a Report: the line formats (jsonl, csv) write
    them out at once, so what the run holds does not grow with the number of findings,
    and pair scores and aligned segments (which those formats do not show) are not
    computed. The rows are the report's rows (``FINDINGS_SCHEMA``, the same values and
    order as ``run(...).findings``), after the baseline when one is given."""
    def found(rows: list[dict[str, Any]], _res: _StoryResult) -> None:
        if rows:
            write(rows)

    return _streamed(paths, config, found, rules, progress, jobs, baseline, score=False)


def stream_report(paths: Iterable[str], config: Config, write: Callable[[StoryRows], None],
                  rules: list[rules_mod.Rule] | None = None,
                  progress: Callable[[int, int, str], None] | None = None, jobs: int | None = 1,
                  baseline: Path | None = None) -> StreamSummary:
    """The whole report (findings, segments, documents, scores, signature) without
    holding it: each story's rows are handed to ``write`` when the story is checked
    (``StoryRows``, every story, in story order), and the small parts that come first
    in a report but depend on the whole run (the score rows, the signature, the
    counts) are in the returned summary. The JSON format writes its report this way
    (``formats/json_format.Writer``), byte for byte the one of ``run``, in memory
    that does not grow with the archive."""
    def found(rows: list[dict[str, Any]], res: _StoryResult) -> None:
        documents = sorted(res.documents, key=lambda r: (r["story"], r["path"]))
        write(StoryRows(rows,
                        records(res.segments, SEGMENTS_SCHEMA),
                        records(documents, DOCUMENTS_SCHEMA)))

    return _streamed(paths, config, found, rules, progress, jobs, baseline, score=True)


def _streamed(paths: Iterable[str], config: Config,
              found: Callable[[list[dict[str, Any]], _StoryResult], None],
              rules: list[rules_mod.Rule] | None, progress: Callable[[int, int, str], None] | None,
              jobs: int | None, baseline: Path | None, score: bool) -> StreamSummary:
    """The streamed runs' loop: ``found(findings, result)`` per story, the findings as
    report rows after the baseline."""
    with TextSpool() as spool:
        ruleset = build_rules(config) if rules is None else rules
        docs, stories = read_stories(paths, config, spool)
        keep = None
        if baseline is not None:
            from .baseline import Filter
            from .paths import locations, project_root

            root = project_root(config)
            keep = Filter(baseline, root, {k: v.relative for k, v in locations(docs, root).items()})
        stats: dict[str, Any] = {}
        counts: dict[str, int] = {}
        scores: list[dict[str, Any]] = []
        for _story, rows, res in story_findings(stories, config, ruleset, progress, score=score,
                                                 jobs=jobs, stats=stats):
            if keep is not None:
                rows = [r for r in rows if keep(r)]
            out = records(rows, FINDINGS_SCHEMA)  # the report's types and columns
            for r in out:
                counts[r["severity"]] = counts.get(r["severity"], 0) + 1
            scores.extend(res.scores)
            found(out, res)
        if keep is not None:
            stats.update(keep.stats())
        summary = StreamSummary(counts=counts, stats=stats, documents=len(docs), stories=len(stories))
        if score:
            from .signature import signature

            scores.sort(key=lambda r: (r["story"], r["hyp_path"], r["ref_path"]))
            summary.scores = records(scores, SCORES_SCHEMA)
            summary.signature = signature(ruleset, scores)
        return summary


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class _StoryResult:
    rows: list[dict[str, Any]]
    scores: list[dict[str, Any]]
    segments: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    pid: int = 0  # the process that checked the story


def _check_story(story: Story, ctx: Context, ruleset: list[rules_mod.Rule],
                 score: bool = True) -> _StoryResult:
    """Everything the report needs from one story; the context then forgets the
    story's documents, and spooled documents their texts (memory stays flat in the
    number of stories), and the memos are held to their memory budget."""
    for doc in story.documents:
        doc.hold()
    try:
        return _checked(story, ctx, ruleset, score)
    finally:
        for doc in story.documents:
            doc.release()
        memo.trim()  # the memos' memory budget (analysis/memo.py)


def _checked(story: Story, ctx: Context, ruleset: list[rules_mod.Rule],
             score: bool) -> _StoryResult:
    rows: list[dict[str, Any]] = []
    by_id = {d.id: d for d in story.documents}
    # (each rule's module, and so its scope, looked up once per story, not per document:
    # the import machinery's look-up was 0.4% of an archive run)
    modules = [(rule, rule.module) for rule in ruleset]
    article = [(rule, mod) for rule, mod in modules if rules_mod.scope_of(mod) == "article"]
    for doc in story.documents:
        for rule, mod in article:
            if doc.problem is not None and rule.kind != "input":
                continue
            rows.extend(_rule_rows(rule, mod, story, doc, by_id, ctx))
    if any(d.problem is None for d in story.documents):
        for rule, mod in modules:
            if rules_mod.scope_of(mod) == "story":
                rows.extend(_rule_rows(rule, mod, story, None, by_id, ctx))
    scores: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    if score:
        from .scores import story_scores

        scores, segments = story_scores(story, ctx)
    out = _StoryResult(rows, scores, segments,
                       [_document_row(story, d, ctx) for d in story.documents], os.getpid())
    ctx.forget({story.id, *by_id})
    return out


# The worker processes of ``--jobs``: forked from the run, they inherit its stories,
# context and rules (rules hold their check modules, which cannot be pickled) and check
# the stories they are given by index, each with its copy of the run's context (what the
# parent had loaded, such as data files, comes along; what a worker adds stays there).
_WORK: tuple[list[Story], Context, list[rules_mod.Rule], bool] | None = None


def _work(i: int) -> tuple[int, _StoryResult]:
    assert _WORK is not None
    stories, ctx, ruleset, score = _WORK
    return i, _check_story(stories[i], ctx, ruleset, score)


def _results(stories: list[Story], ctx: Context, ruleset: list[rules_mod.Rule],
             jobs: int, score: bool = True) -> Iterator[tuple[Story, _StoryResult]]:
    """(story, result) in the order of ``stories``, computed by ``jobs`` processes
    (``ctx`` checks them when there is one).

    Results come back in any order and are put back in story order, so the report is
    the same byte for byte whatever the number of jobs. Without ``fork`` (Windows,
    macOS' default) the stories are checked in this process."""
    global _WORK
    fork = False
    if jobs > 1 and len(stories) > 1:
        import multiprocessing as mp  # only a run that may fork workers imports it

        fork = "fork" in mp.get_all_start_methods()
    if fork:
        _WORK = (stories, ctx, ruleset, score)
        try:
            with mp.get_context("fork").Pool(min(jobs, len(stories))) as pool:
                pending: dict[int, _StoryResult] = {}
                nxt = 0
                # small stories first in, one at a time: a worker is never idle while
                # another holds a long queue
                for i, res in pool.imap_unordered(_work, range(len(stories)), chunksize=1):
                    pending[i] = res
                    while nxt in pending:
                        yield stories[nxt], pending.pop(nxt)
                        nxt += 1
        finally:
            _WORK = None
        return
    for story in stories:
        yield story, _check_story(story, ctx, ruleset, score)


def run_stories(stories: list[Story], config: Config, ruleset: list[rules_mod.Rule],
                progress: Callable[[int, int, str], None] | None = None,
                jobs: int | None = 1) -> Report:
    """``progress(done, total, story_id)`` is called after each story (tqcheck/progress.py).

    ``jobs``: processes that check stories in parallel (None: every core); the report
    does not depend on it."""
    from .paths import locations, project_root
    from .signature import signature

    rows: list[dict[str, Any]] = []
    scores: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    stats: dict[str, Any] = {}
    for _story, story_rows, res in story_findings(stories, config, ruleset, progress,
                                                  jobs=jobs, stats=stats):
        rows.extend(story_rows)
        scores.extend(res.scores)
        segments.extend(res.segments)
        documents.extend(res.documents)
    texts = {d.id: d.text for story in stories for d in story.documents}
    documents.sort(key=lambda r: (r["story"], r["path"]))
    where = locations([d for story in stories for d in story.documents], project_root(config))
    return Report(
        findings=frame(rows, FINDINGS_SCHEMA),
        scores=frame(sorted(scores, key=lambda r: (r["story"], r["hyp_path"], r["ref_path"])),
                     SCORES_SCHEMA),
        segments=frame(segments, SEGMENTS_SCHEMA),
        documents=frame(documents, DOCUMENTS_SCHEMA),
        signature=signature(ruleset, scores),
        stats=stats, texts=texts, locations={k: v.relative for k, v in where.items()},
        rules=[{"id": r.id, "name": r.name, "severity": r.severity, "kind": r.kind,
                "message": r.message, "description": r.description} for r in ruleset],
    )


def story_findings(stories: list[Story], config: Config, ruleset: list[rules_mod.Rule],
                   progress: Callable[[int, int, str], None] | None = None,
                   score: bool = True, jobs: int | None = 1,
                   stats: dict[str, Any] | None = None,
                   ) -> Iterator[tuple[Story, list[dict[str, Any]], _StoryResult]]:
    """The run loop, the only one (the report, the streamed line formats, ``--fix`` and
    the rule examples use it): for each story in story-id order, its finding rows after
    inline suppression and per-path ignores, sorted, and what else the story gave
    (scores, segments, document rows). Stories come in id order and each story's rows
    are sorted by (path, offsets, rule, message), so the rows of successive stories are
    already the whole run's sorted order: a caller may write them out as they come. The
    suppressed counts are added to ``stats``. A row also holds the hit's ``fix`` (not a
    report column), which is what ``--fix`` applies."""
    from . import suppress

    ctx = Context.for_config(config)
    memo.set_budget(config.memory_budget)  # (before the workers are forked: they inherit it)
    ordered = sorted(stories, key=lambda s: s.id)
    n_jobs = default_jobs() if jobs is None else max(1, jobs)
    where = None
    if config.per_path_ignores:
        from .paths import locations, project_root

        where = locations([d for s in stories for d in s.documents], project_root(config))
    for n_done, (story, res) in enumerate(_results(ordered, ctx, ruleset, n_jobs, score), 1):
        texts = {d.id: d.text for d in story.documents}
        # inline <!-- tqcheck: ignore ID --> markers: each marker holds in its own document
        rows, got = suppress.apply(res.rows, texts)
        if stats is not None:
            for k, v in got.items():
                stats[k] = stats.get(k, 0) + v
        if where is not None:
            rows = [r for r in rows if not _path_ignored(r, config, where)]
        rows.sort(key=lambda r: (r["story"], r["path"], r["start"], r["end"], r["rule_id"],
                                 r["message"]))
        if progress is not None:
            progress(n_done, len(stories), story.id)
        yield story, rows, res


def _rule_rows(rule: rules_mod.Rule, module: Any, story: Story, doc: Document | None,
               by_id: dict[str, Document], ctx: Context) -> list[dict[str, Any]]:
    """The rows of one rule (its kind's ``module``) on one document (or, for
    ``doc=None``, on the story). A user
    regular expression that runs out of time (tqcheck/analysis/userregex.py) stops the rule on
    that target and is itself a finding of the rule, at the line it was matched on."""
    from ..analysis.userregex import RegexTimeout

    rows: list[dict[str, Any]] = []
    try:
        for hit in module.check(doc if doc is not None else story, rule.options, ctx):
            target = doc if doc is not None else by_id.get(hit.doc or "")
            if target is None:
                raise RuntimeError(f"rule {rule.id}: hit names unknown document {hit.doc!r}")
            rows.append(_finding(rule, story, target, hit, by_id, ctx))
    except RegexTimeout as exc:
        target = doc if doc is not None else next(
            (d for d in story.documents if d.problem is None and exc.text in d.text), story.documents[0])
        at = max(0, target.text.find(exc.text)) if exc.text else 0
        row = _finding(rule, story, target, Hit(at, at), by_id, ctx)
        row["message"] = (f"{exc.describe()}: the rule stopped on this document "
                          "(simplify the pattern)")
        row["text"] = ""
        rows.append(row)
    return rows


def _path_ignored(row: dict[str, Any], config: Config, where: dict[str, Any]) -> bool:
    """``[per-path-ignores]``, matched on the document's location (``paths.py``)."""
    from .select import names

    return names(config.ignored_for(where.get(row["path"], row["path"])),
                 row["rule_id"], row["rule_name"])


def _finding(rule: rules_mod.Rule, story: Story, doc: Document, hit: Hit,
             by_id: dict[str, Document], ctx: Context) -> dict[str, Any]:
    text = doc.text[hit.start : hit.end]
    fields = _Fields(hit.fields)
    fields.setdefault("text", text)
    line, col = doc.position(hit.start)
    end_line, end_col = doc.position(hit.end)
    related = by_id.get(hit.related) if hit.related else None
    rel_line = rel_col = None
    if related is not None and hit.related_start is not None:
        rel_line, rel_col = related.position(hit.related_start)
    return {
        "rule_id": rule.id, "rule_name": rule.name, "severity": rule.severity,
        "story": story.id, "path": doc.id, "language": ctx.language(doc) if doc.problem is None else doc.lang,
        "line": line, "column": col, "end_line": end_line, "end_column": end_col,
        "start": hit.start, "end": hit.end, "text": text,
        "message": _message(rule, fields), "suggestion": hit.suggestion,
        "related_path": hit.related, "related_line": rel_line, "related_column": rel_col,
        "value": hit.value, "fix": hit.fix,
        "replacement": hit.replacement if hit.replacement is not None else hit.fix,
        "kind": rule.kind,  # not a report column: suppression reads it (tqcheck/engine/suppress.py)
    }


def _message(rule: rules_mod.Rule, fields: dict[str, Any]) -> str:
    try:
        return rule.message.format_map(fields)
    except (ValueError, KeyError, IndexError, AttributeError, TypeError):
        return rule.message  # rules.load_file refuses such messages; a rule built in code


def _document_row(story: Story, doc: Document, ctx: Context) -> dict[str, Any]:
    det = ctx.detection(doc) if doc.problem is None else None
    return {
        "path": doc.id, "story": story.id, "declared_lang": doc.lang,
        "detected_lang": det.lang if det else None,
        "lang_confidence": det.confidence if det else None,
        "role": doc.role, "related_path": doc.of, "chars": len(doc.text),
        "problem": doc.problem.code if doc.problem else None,
    }
