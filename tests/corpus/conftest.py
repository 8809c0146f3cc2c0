"""Fixtures for corpus mode: a small corpus folder, a JSONL corpus, a real Dask cluster on loopback."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def story_texts() -> dict[str, str]:
    """The project's own stories, cut into small works (scenes) so the tests stay quick."""
    texts: dict[str, str] = {}
    for path in sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "stories").glob("*.txt")):
        paras = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        for k in range(0, min(len(paras), 40), 20):
            texts[f"{path.stem}-{k // 20 + 1}"] = "\n\n".join(paras[k:k + 20]) + "\n"
    return texts


@pytest.fixture()
def corpus_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "nested").mkdir(parents=True)
    for n, (name, text) in enumerate(sorted(story_texts().items())[:6]):
        target = folder / ("nested" if n % 2 else "") / f"{name}.txt"
        target.write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe garbage" * 20)
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a story: ignored
    return folder


@pytest.fixture()
def corpus_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "works.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for n, (name, text) in enumerate(sorted(story_texts().items())[:5]):
            fh.write(json.dumps({"work": f"w{n}", "body": text, "fandom": "Invented", "kudos": 10 * n}) + "\n")
    return path


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise TimeoutError(f"timed out waiting for {what}")


class LoopbackCluster:
    """A real `dask scheduler` and worker processes on 127.0.0.1."""

    def __init__(self, tmp: Path, workers: int = 2):
        self.tmp = tmp
        self.file = tmp / "scheduler.json"
        env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
        self.scheduler = subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", str(self.file)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        _wait_for(lambda: self.file.exists() and self.file.stat().st_size > 0, 60, "the scheduler")
        self.address = json.loads(self.file.read_text())["address"]
        self.workers = [self.add_worker(env) for _ in range(workers)]
        from distributed import Client

        with Client(self.address, timeout="30s") as c:
            c.wait_for_workers(workers, timeout=120)

    def add_worker(self, env) -> subprocess.Popen:
        return subprocess.Popen(
            [str(BIN / "dask"), "worker", self.address, "--nworkers", "1", "--nthreads", "1",
             "--no-dashboard", "--host", "127.0.0.1", "--memory-limit", "0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)

    def kill_worker(self, k: int) -> None:
        os.killpg(self.workers[k].pid, signal.SIGKILL)

    def close(self) -> None:
        for p in self.workers + [self.scheduler]:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(timeout=30)


@pytest.fixture()
def loopback_cluster(tmp_path: Path):
    if shutil.which(str(BIN / "dask")) is None:
        pytest.skip("the dask command is not installed")
    cluster = LoopbackCluster(tmp_path)
    try:
        yield cluster
    finally:
        cluster.close()
