"""Corpus mode end to end: local cluster, external scheduler, a worker killed, an interrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from betareader.corpus.query import run_query, summary
from betareader.corpus.runner import run_corpus

from corpus_helpers import BIN, _wait_for

pytestmark = pytest.mark.corpus


def _ids(out: Path, table: str = "works") -> list[str]:
    return [r[0] for r in run_query(out, f"SELECT work_id FROM {table} ORDER BY work_id")[1]]


def _story_count(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*.txt") if p.name != "broken.txt")


def test_local_cluster_folder_then_resume(corpus_folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = run_corpus(corpus_folder, out, workers=2, batch_works=2)
    n = _story_count(corpus_folder)
    assert first.done == n and first.failed == 1 and first.skipped == 0
    ids = _ids(out)
    assert len(ids) == len(set(ids)) == n
    assert "nested/" in " ".join(ids)
    errors = run_query(out, "SELECT work_id, kind, message FROM errors")[1]
    assert [(e[0], e[1]) for e in errors] == [("broken.txt", "input")]
    assert "binary" in errors[0][2].lower() or "not text" in errors[0][2].lower()
    # the tables hold real analysis
    names, rows = run_query(out, "SELECT sum(words), min(words), count(DISTINCT tense) FROM works")
    assert rows[0][0] > 1000 and rows[0][1] > 50
    quotes = run_query(out, "SELECT count(*) FROM quotes")[1][0][0]
    chars = run_query(out, "SELECT count(*) FROM characters WHERE mentions > 0")[1][0][0]
    issues = run_query(out, "SELECT count(*) FROM issues")[1][0][0]
    assert quotes > 50 and chars > 3 and issues > 0
    text = summary(out)
    assert f"works: {n} analysed, 1 failed" in text and "issues by category" in text
    # a second run skips everything already done; the failed work is tried again
    second = run_corpus(corpus_folder, out, workers=1)
    assert second.done == 0 and second.skipped == n and second.failed == 1
    assert sorted(_ids(out)) == sorted(ids)
    # a changed work is analysed again (its content hash changed)
    changed = next(corpus_folder.glob("*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nShe left.\n", encoding="utf-8")
    third = run_corpus(corpus_folder, out, workers=1)
    assert third.done == 1


def test_jsonl_with_named_columns_and_metadata(corpus_jsonl: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = subprocess.run(
        [str(BIN / "betareader"), "corpus", "run", str(corpus_jsonl), "--out", str(out), "--workers", "1",
         "--id-column", "work", "--text-column", "body"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "5 works done, 0 failed, 0 skipped" in result.stdout
    q = subprocess.run(
        [str(BIN / "betareader"), "corpus", "query", str(out), "--format", "json",
         "SELECT work_id, json_extract_string(metadata, '$.fandom') AS fandom, "
         "CAST(json_extract(metadata, '$.kudos') AS INT) AS kudos FROM works ORDER BY work_id"],
        capture_output=True, text=True, timeout=120)
    assert q.returncode == 0, q.stderr
    rows = [json.loads(line) for line in q.stdout.splitlines()]
    assert [r["work_id"] for r in rows] == [f"w{n}" for n in range(5)]
    assert {r["fandom"] for r in rows} == {"Invented"} and rows[3]["kudos"] == 30
    bad = subprocess.run([str(BIN / "betareader"), "corpus", "query", str(out), "SELECT nope FROM works"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "query failed" in bad.stderr and "Traceback" not in bad.stderr


def test_external_scheduler_and_killed_worker(loopback_cluster, corpus_folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    # more works than batches in flight, one work per task, so the kill lands mid-run
    for k in range(3):
        for p in list(corpus_folder.rglob("*.txt")):
            if p.name != "broken.txt" and "-copy" not in p.stem:
                (p.parent / f"{p.stem}-copy{k}.txt").write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    n = _story_count(corpus_folder)
    proc = subprocess.Popen(
        [str(BIN / "betareader"), "corpus", "run", str(corpus_folder), "--out", str(out),
         "--scheduler", loopback_cluster.address, "--batch-works", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: len(list((out / "works").glob("part-*.parquet"))) >= 2, 300, "the first results")
    loopback_cluster.kill_worker(0)
    stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    ids = _ids(out)
    failed = set(_ids(out, "errors"))
    assert len(ids) == len(set(ids)), "a work was written twice"
    assert set(ids) | failed == {p.relative_to(corpus_folder).as_posix() for p in corpus_folder.rglob("*.txt")}
    assert len(ids) >= n - 2


def test_interrupted_run_resumes_cleanly(corpus_folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    for k in range(2):
        for p in list(corpus_folder.rglob("*.txt")):
            if p.name != "broken.txt" and "-copy" not in p.stem:
                (p.parent / f"{p.stem}-copy{k}.txt").write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    n = _story_count(corpus_folder)
    proc = subprocess.Popen(
        [str(BIN / "betareader"), "corpus", "run", str(corpus_folder), "--out", str(out), "--workers", "1",
         "--batch-works", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _wait_for(lambda: len(list((out / "works").glob("part-*.parquet"))) >= 2, 300, "the first results")
    os.killpg(proc.pid, signal.SIGKILL)  # kill -9 the client and its local workers
    proc.wait(timeout=60)
    for part in out.rglob("*.parquet"):
        pq.read_table(part)  # every file in place is complete
    before = len(_ids(out))
    assert 0 < before < n
    time.sleep(0.5)
    resumed = run_corpus(corpus_folder, out, workers=1)
    assert resumed.skipped >= before
    ids = _ids(out)
    assert len(ids) == len(set(ids)) == n
    assert not list(out.rglob(".tmp-*"))



def test_local_workers_keep_glibcs_adaptive_malloc_and_do_not_profile():
    """Dask's default MALLOC_TRIM_THRESHOLD_ makes every parser buffer an mmap (7x the page
    faults) and its profiler takes the GIL every 10 ms: the local cluster's workers run
    without both, and keep the other settings."""
    import dask

    from betareader.corpus.runner import start_client

    client, cluster = start_client(1, None)
    try:
        env = client.run(lambda: {k: os.environ.get(k) for k in ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS")})
        profiling = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    finally:
        client.close()
        cluster.close()
    [worker_env] = env.values()
    assert worker_env == {"MALLOC_TRIM_THRESHOLD_": None, "OMP_NUM_THREADS": "1"}
    assert list(profiling.values()) == [False]
