"""The engine: runs rules over stories and turns their hits into located findings.

* ``loop``: the run loop, the only one (the report, the streamed line formats,
  ``--fix`` and the rule examples all go through ``story_findings``);
* ``context``: the analyses cache a run's checks share (``checks.base.Analyses``);
* ``select``: the one matcher of rule ids, prefixes and names (select, ignore,
  severity, per-path ignores, inline markers);
* ``rules``: rule files, their validation and digest; ``config``: ``tqcheck.toml``;
* ``suppress``: inline markers; ``baseline``: accepted findings; ``paths``: where
  documents live relative to the project root;
* ``fix``: ``--fix``; ``examples``: a rule run on its own examples;
* ``scores``: the report's pair scores and aligned segments; ``signature``: the run
  signature.
"""

from .context import Context
from .loop import (StoryRows, StreamSummary, build_rules, default_jobs, run, run_stories,
                   story_findings, stream, stream_report)

__all__ = ["Context", "StoryRows", "StreamSummary", "build_rules", "default_jobs", "run",
           "run_stories", "story_findings", "stream", "stream_report"]
