"""Helpers for the corpus tests: a real Dask cluster on loopback, waiting for files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


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
