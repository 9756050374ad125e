"""Beyond one machine: tqcheck over story-partitioned JSON Lines shards on Dask.

An archive of millions of articles is checked on an existing Dask cluster, not on a
scheduler of tqcheck's own. Stories are the unit of work, as for ``--jobs``: every
story must sit whole in one shard, so that story rules (names across versions, pair
scores, omissions) see all its versions.

    pip install 'tqcheck[distributed]'            # dask[distributed]

    from dask.distributed import Client
    from tqcheck import distributed as tqd

    shards = tqd.write_shards(["feed.jsonl"], "shards/", n=64)   # by story id
    parts = tqd.run(shards, "findings/", Client("scheduler:8786"))
    # findings/part-00000.parquet ... one Parquet file of findings per shard

``write_shards`` splits JSON Lines feeds by a stable hash of each line's ``story``, so
the same story always lands in the same shard, whichever machine splits the feed.
Lines need an ``id`` and a ``story`` (a feed without them is numbered by its file and
line, which a split would change). ``run`` checks each shard with the rules of one
``Config`` (``tqcheck.check`` on that shard, one process per task) and writes its
findings, with the schema of ``tqcheck.report.FINDINGS_SCHEMA``, to Parquet;
``read_findings`` puts the parts together in the order of a single-process report.
The test ``tests/test_distributed.py`` runs it on a local cluster of two workers and
compares with ``tqcheck`` run on the whole feed.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .engine.config import Config

SORT = ["story", "path", "start", "end", "rule_id", "message"]


def shard_of(story: str, n: int) -> int:
    """The shard of a story id: CRC-32 of its UTF-8 bytes modulo n (stable everywhere)."""
    return zlib.crc32(story.encode("utf-8")) % n


def write_shards(feeds: Iterable[str | Path], out_dir: str | Path, n: int) -> list[Path]:
    """Split JSON Lines feeds into ``n`` shards by story; returns the shard files that
    received lines (``shard-00000.jsonl`` ...), in order. Lines keep their order."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    handles: dict[int, Any] = {}
    try:
        for feed in feeds:
            with open(feed, encoding="utf-8") as fh:
                for n_line, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    rec = json.loads(line)
                    if not isinstance(rec, dict) or not rec.get("story") or not rec.get("id"):
                        raise ValueError(f"{feed}:{n_line}: a line needs an 'id' and a 'story' to be sharded")
                    k = shard_of(str(rec["story"]), n)
                    if k not in handles:
                        handles[k] = open(out / f"shard-{k:05d}.jsonl", "w", encoding="utf-8")  # noqa: SIM115
                    handles[k].write(line if line.endswith("\n") else line + "\n")
    finally:
        for h in handles.values():
            h.close()
    return [out / f"shard-{k:05d}.jsonl" for k in sorted(handles)]


def check_shard(shard: str, out_path: str, config: Config | None = None) -> str:
    """Check one shard in this process and write its findings to ``out_path`` (Parquet)."""
    from . import engine

    report = engine.run([shard], config or Config(), jobs=1)
    report.findings.write_parquet(out_path)
    return out_path


def run(shards: Iterable[str | Path], out_dir: str | Path, client: Any,
        config: Config | None = None) -> list[Path]:
    """Check every shard as one task on a ``dask.distributed.Client``; returns the
    Parquet files of findings, one per shard, in shard order."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shards = [str(Path(s).resolve()) for s in shards]
    targets = [str((out / f"part-{i:05d}.parquet").resolve()) for i in range(len(shards))]
    futures = client.map(check_shard, shards, targets, config=config or Config(), pure=False)
    return [Path(p) for p in client.gather(futures)]


def read_findings(parts: Iterable[str | Path]) -> Any:
    """The findings of all parts as one polars DataFrame, sorted as a single-process
    report sorts them."""
    import polars as pl

    from .report import FINDINGS_SCHEMA, frame

    frames = [pl.read_parquet(p) for p in parts]
    if not frames:
        return frame([], FINDINGS_SCHEMA)
    return pl.concat(frames).sort(SORT)
