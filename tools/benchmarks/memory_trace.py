"""Memory of one run, story by story: where resident memory goes while tqcheck works.

    python tools/benchmarks/memory_trace.py -o trace.jsonl [--every 50] -- --jobs 1 corpus/
    python tools/benchmarks/memory_trace.py -o trace.jsonl --summary   # read a trace back

Runs the ``tqcheck`` command in this process (``cli.entry``, the console command, so
its own settings hold) with the run loop's story check wrapped: after every story one
JSON line with the story count, resident size (``VmRSS``) and CPU seconds (user,
system, minor page faults); every ``--every`` stories also what it is made of:

* ``heap``: glibc's ``mallinfo2`` in MB: the heap's size (``arena``), what it holds
  (``used``) and its free holes (``free``), and the blocks mapped apart (``mmap``).
  Python objects larger than 512 bytes (hash tables of memos, texts, arrays) live here;
* ``pymalloc_arenas``: Python's own 1 MiB arenas for objects up to 512 bytes;
* ``caches``: the entries of every memo of the run (``memo.Memo``, ``lru_cache``, the
  language detector's n-gram memos) and module-level dict, list and set of the package
  holding more than 100.

A curve that keeps rising once the memos are full while ``used`` and the caches stay
flat is the allocator's (holes in the heap, partly empty arenas), not the run's; a
cache that grows with the stories is a missing bound. ``--summary`` prints the highest
resident size by tenth of the stories and the checkpoints. Diagnosis only: glibc's
counters are read where glibc is the C library, and nothing here changes an answer.
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import gc
import json
import os
import resource
import sys
import time
from typing import Any


class _MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd",
                                               "usmblks", "fsmblks", "uordblks", "fordblks",
                                               "keepcost")]


def _mallinfo() -> dict[str, int] | None:
    try:
        fn = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):  # not glibc 2.33+
        return None
    fn.restype = _MallInfo2
    mi = fn()
    return {"arena": mi.arena >> 20, "used": mi.uordblks >> 20, "free": mi.fordblks >> 20,
            "mmap": mi.hblkhd >> 20}


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the peak, not now


def pymalloc_arenas() -> int | None:
    """Python's arenas in use, from ``sys._debugmallocstats`` (written to fd 2)."""
    read, write = os.pipe()
    saved = os.dup(2)
    os.dup2(write, 2)
    try:
        sys._debugmallocstats()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(write)
    chunks = []
    while chunk := os.read(read, 1 << 16):
        chunks.append(chunk)
    os.close(read)
    for line in b"".join(chunks).decode(errors="replace").splitlines():
        if line.startswith("# arenas allocated current"):
            return int(line.split("=")[-1].strip().replace(",", ""))
    return None


def caches() -> dict[str, int]:
    from tqcheck.analysis.memo import Memo

    out: dict[str, int] = {}
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper):
            size = obj.cache_info().currsize
            name = f"lru {obj.__module__}.{obj.__qualname__}"
        elif type(obj) is Memo:
            size = len(obj) + len(obj._old)
            name = f"memo {getattr(obj.__wrapped__, '__module__', '?')}.{obj.__wrapped__.__qualname__}"
        elif isinstance(obj, dict) and type(obj).__name__ == "_Memo":  # lid's n-gram memos
            size, name = len(obj), "lid n-gram memos"
        else:
            continue
        if size > 100:
            out[name] = out.get(name, 0) + size
    for modname, module in list(sys.modules.items()):
        if modname.startswith("tqcheck"):
            for key, value in vars(module).items():
                if type(value) in (dict, list, set) and len(value) > 100 and not key.startswith("__"):
                    out[f"{type(value).__name__} {modname}.{key}"] = len(value)
    return out


def trace(out_path: str, every: int, argv: list[str]) -> None:
    from tqcheck import cli
    from tqcheck.engine import loop

    out = open(out_path, "w", encoding="utf-8")  # noqa: SIM115 - closed at exit
    done = 0
    check = loop._check_story

    def traced(story: Any, ctx: Any, ruleset: Any, score: bool = True) -> Any:
        nonlocal done
        result = check(story, ctx, ruleset, score)
        done += 1
        use = resource.getrusage(resource.RUSAGE_SELF)
        rec: dict[str, Any] = {"stories": done, "rss": round(rss_mb(), 1),
                               "user": round(use.ru_utime, 2), "system": round(use.ru_stime, 2),
                               "minflt": use.ru_minflt}
        if every and done % every == 0:
            rec.update(heap=_mallinfo(), pymalloc_arenas=pymalloc_arenas(), caches=caches())
        out.write(json.dumps(rec) + "\n")
        out.flush()
        return result

    loop._check_story = traced  # --jobs 1: the stories are checked in this process
    sys.argv = ["tqcheck", *argv]
    try:
        cli.entry()
    finally:
        out.close()


def summary(path: str) -> str:
    recs = [json.loads(line) for line in open(path, encoding="utf-8")]
    if not recs:
        return "no stories"
    n = len(recs)
    tenths = [max(r["rss"] for r in recs[: max(1, n * t // 10)]) for t in range(1, 11)]
    lines = [f"{n} stories; peak RSS MB by tenth of the stories: " + " ".join(f"{v:.0f}" for v in tenths),
             f"CPU s: user {recs[-1]['user']:.1f}, system {recs[-1]['system']:.1f}"]
    for r in recs:
        if "caches" in r:
            top = sorted(r["caches"].items(), key=lambda kv: -kv[1])[:8]
            lines.append(f"{r['stories']:>6} rss {r['rss']:.0f} heap {r['heap']} "
                         f"pymalloc arenas {r['pymalloc_arenas']}; "
                         + ", ".join(f"{k.split('.')[-1]} {v}" for k, v in top))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    tq: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, tq = argv[:at], argv[at + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", required=True, help="the trace, one JSON line per story")
    ap.add_argument("--every", type=int, default=50, help="stories between detailed checkpoints")
    ap.add_argument("--summary", action="store_true", help="print a trace's summary, run nothing")
    args = ap.parse_args(argv)
    if args.summary:
        print(summary(args.output))
        return 0
    if not tq:
        ap.error("give tqcheck's arguments after --")
    if "--jobs" not in tq and not any(a.startswith("--jobs=") for a in tq):
        tq = ["--jobs", "1", *tq]  # the stories in this process, where they are traced
    try:
        trace(args.output, args.every, tq)
    except SystemExit as exc:  # the command's exit code (1: findings) is not ours
        if exc.code not in (0, 1, None):
            raise
    print(summary(args.output), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
