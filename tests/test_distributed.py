"""The distributed path: story-partitioned JSONL shards on a local Dask cluster of two
workers give the findings of one tqcheck process over the whole feed."""

from __future__ import annotations

import json

import pytest

from conftest import SEEDS


def _feed(path, n_stories: int = 6) -> None:
    a, b = (p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    lines = []
    for k in range(n_stories):
        damaged = b.replace(" the ", " the the ", k + 1)
        if k % 2:
            damaged = damaged[: len(damaged) * 3 // 4]  # a cut ending
        lines.append({"id": f"s{k}/a", "story": f"story-{k}", "lang": "en", "text": a})
        lines.append({"id": f"s{k}/b", "story": f"story-{k}", "lang": "en", "text": damaged})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")


def test_shards_keep_stories_whole(tmp_path):
    from tqcheck import distributed as tqd

    feed = tmp_path / "feed.jsonl"
    _feed(feed)
    shards = tqd.write_shards([feed], tmp_path / "shards", 3)
    seen: dict[str, int] = {}
    for i, s in enumerate(shards):
        for line in s.read_text(encoding="utf-8").splitlines():
            story = json.loads(line)["story"]
            assert seen.setdefault(story, i) == i  # never in two shards
            assert tqd.shard_of(story, 3) == int(s.stem.split("-")[1])
    assert len(seen) == 6 and len(shards) > 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "no story"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="needs an 'id' and a 'story'"):
        tqd.write_shards([bad], tmp_path / "bad", 2)


def test_two_worker_cluster_gives_the_single_process_findings(tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed "
                                      "(pip install 'tqcheck[distributed]')")
    from tqcheck import check
    from tqcheck import distributed as tqd

    feed = tmp_path / "feed.jsonl"
    _feed(feed)
    single = check([str(feed)]).findings
    assert single.height > 10 and single["story"].n_unique() == 6

    shards = tqd.write_shards([feed], tmp_path / "shards", 4)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        parts = tqd.run(shards, tmp_path / "findings", client)
    assert [p.suffix for p in parts] == [".parquet"] * len(shards)
    together = tqd.read_findings(parts)
    assert together.schema == single.schema
    assert together.to_dicts() == single.to_dicts()
