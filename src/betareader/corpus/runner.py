"""Run a corpus on Dask distributed: a local cluster by default, or an existing scheduler.

The client streams batches of works to the workers, keeping at most a small window of
batches in flight (so memory stays bounded whatever the corpus size), writes each
finished batch to the Parquet store, and shows progress.  Tasks of a worker that dies
are retried by Dask on another worker; a batch that still fails has its works
recorded in ``errors`` and the run goes on.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .inputs import batched, count_works, iter_works
from .store import Store
from .work import _error, empty_result, process_batch

RETRIES = 2

# Dask settings for our workers, which hold one spaCy pipeline and parse all the time:
# - the nannies' MALLOC_TRIM_THRESHOLD_=65536 also turns off glibc's adaptive mmap threshold:
#   every numpy buffer of the parser is then mapped and unmapped again, 7x the page faults
#   and about a quarter more time per work;
# - the statistical profiler samples the task thread every 10 ms for the dashboard (which a
#   corpus run does not serve), taking the GIL each time: about a tenth of the throughput.
WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}


@dataclass
class RunSummary:
    done: int = 0
    failed: int = 0
    skipped: int = 0
    words: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        state = "interrupted — run again to resume" if self.interrupted else "finished"
        return (f"corpus {state}: {self.done:,} works done, {self.failed:,} failed, {self.skipped:,} skipped · "
                f"{self.words:,} words in {self.seconds:,.1f} s · {self.words_per_second:,.0f} words/s")


def start_client(workers: int | None, scheduler: str | None):
    """A dask.distributed Client: connected to ``scheduler`` or to a new local cluster."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="30s"), None
    import dask

    n = workers or os.cpu_count() or 1
    with dask.config.set(WORKER_CONFIG):
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR, memory_limit=0)
    return Client(cluster), cluster


def run_corpus(source: Path, out: Path, *, workers: int | None = None, scheduler: str | None = None,
               batch_works: int = 16, batch_chars: int = 200_000, id_column: str = "id",
               text_column: str = "text", config: dict[str, Any] | None = None,
               progress: Callable[[int, int | None, int], None] | None = None) -> RunSummary:
    """Check and analyze every work of ``source`` into the Parquet tables in ``out``."""
    from distributed import as_completed

    store = Store(out)
    store.prepare()
    done_keys = store.done_keys()
    summary = RunSummary()
    total = count_works(source)
    t0 = time.perf_counter()
    client, cluster = start_client(workers, scheduler)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 1))
        window = 2 * n_workers
        seen: set[str] = set()

        def pending():
            for w in iter_works(source, id_column, text_column):
                if (w.id, w.content_hash) in done_keys or w.id in seen:
                    summary.skipped += 1
                    continue
                seen.add(w.id)
                yield w

        batches = batched(pending(), batch_works, batch_chars)
        in_flight: dict[Any, list] = {}
        queue = as_completed()

        def submit_next() -> bool:
            batch = next(batches, None)
            if batch is None:
                return False
            fut = client.submit(process_batch, batch, config, retries=RETRIES, pure=False)
            in_flight[fut] = batch
            queue.add(fut)
            return True

        while len(in_flight) < window and submit_next():
            pass
        for fut in queue:
            batch = in_flight.pop(fut)
            try:
                rows = fut.result()
            except Exception as exc:  # KilledWorker after retries, or a failure outside the per-work guard
                rows = empty_result()
                rows["errors"] = [_error(w, f"{type(exc).__name__}: {exc}", "worker") for w in batch]
            store.write_batch(rows)
            summary.done += len(rows["works"])
            summary.failed += len(rows["errors"])
            summary.words += sum(r["words"] for r in rows["works"])
            fut.release()
            if progress:
                progress(summary.done + summary.failed, total and total - summary.skipped, summary.words)
            while len(in_flight) < window and submit_next():
                pass
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        summary.seconds = time.perf_counter() - t0
        try:
            client.close(timeout=10)
            if cluster is not None:
                cluster.close(timeout=10)
        except Exception:  # shutting down after an interrupt: best effort
            pass
    return summary


def rich_progress():
    """A progress callback drawing a bar with counts, rate and ETA on a terminal (else None)."""
    if not sys.stderr.isatty():
        return None, None
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    bar = Progress(TextColumn("[bold]corpus"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                   TimeRemainingColumn(), transient=False, console=None)
    task = bar.add_task("works", total=None, rate="")
    started = time.perf_counter()

    def update(completed: int, total: int | None, words: int) -> None:
        elapsed = max(1e-6, time.perf_counter() - started)
        bar.update(task, completed=completed, total=total, rate=f"{words / elapsed:,.0f} words/s")

    return bar, update
