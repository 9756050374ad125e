"""A progress bar on standard error, for long runs in a terminal; silent everywhere else.

``bar = progress.for_stream(sys.stderr)`` returns None unless the stream is a terminal
and the environment is not CI (the ``CI`` variable, set by GitHub Actions, GitLab,
Jenkins and most others), ``TERM`` is not ``dumb`` and ``TQCHECK_NO_PROGRESS`` is not
set. The engine calls ``bar(done, total, story_id)`` after each story; the bar redraws
one line with ``\\r`` at most ten times a second and ``bar.close()`` erases it, so the
report that follows (on standard output or in a file) is never mixed with it.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Mapping
from typing import TextIO

# Redraw at most every 0.1 s: fast enough to look alive, slow enough that thousands of
# small stories do not spend their time writing to the terminal.
MIN_INTERVAL = 0.1
# Runs that finish within this many seconds never show a bar (no flicker on small runs).
SHOW_AFTER = 0.5


class Bar:
    def __init__(self, stream: TextIO, width: int | None = None) -> None:
        self.stream = stream
        self.width = width or shutil.get_terminal_size((80, 24)).columns
        self.started = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def line(self, done: int, total: int, story: str) -> str:
        room = max(10, min(30, self.width - 40))
        filled = room * done // max(total, 1)
        head = f"[{'#' * filled}{'.' * (room - filled)}] {done}/{total} stories "
        space = self.width - len(head) - 1
        tail = story if len(story) <= space else "…" + story[-(space - 1):] if space > 1 else ""
        return head + tail

    def __call__(self, done: int, total: int, story: str) -> None:
        now = time.monotonic()
        if now - self.started < SHOW_AFTER or (now - self.last < MIN_INTERVAL and done < total):
            return
        self.last = now
        self.stream.write("\r" + self.line(done, total, story).ljust(self.width - 1))
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * (self.width - 1) + "\r")
            self.stream.flush()
            self.drawn = False


def enabled(stream: TextIO, env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    in_ci = env.get("CI", "").lower() not in ("", "0", "false")
    return (tty and not in_ci and env.get("TERM") != "dumb"
            and not env.get("TQCHECK_NO_PROGRESS"))


def for_stream(stream: TextIO, env: Mapping[str, str] | None = None) -> Bar | None:
    return Bar(stream) if enabled(stream, env) else None
