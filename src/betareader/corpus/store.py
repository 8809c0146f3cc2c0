"""The corpus's Parquet tables, written part by part, atomically, and the resume index.

Layout of the output folder::

    DIR/works/part-<run>-<n>.parquet
    DIR/characters/part-<run>-<n>.parquet
    DIR/quotes/...  DIR/issues/...  DIR/errors/...

Every batch becomes one part in each table.  A part is written to a hidden temporary
file and renamed into place, so a killed run never leaves a half-written file.  The
``works`` part of a batch is written last: it is what marks the batch as done.  On
start-up, parts of other tables whose ``works`` part is missing (the run died between
the two) are removed, and works already in ``works`` (same id and content hash) are
skipped.  Errors of works that later succeed are superseded: ``errors`` keeps only
works that are not in ``works`` (see ``query.py``'s views).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..checks.base import CATEGORIES

_WORKS_FIELDS = [
    ("work_id", pa.string()), ("content_hash", pa.string()), ("path", pa.string()),
    ("title", pa.string()), ("author", pa.string()), ("metadata", pa.string()),
    ("words", pa.int64()), ("sentences", pa.int64()), ("paragraphs", pa.int64()),
    ("scenes", pa.int64()), ("chapters", pa.int64()),
    ("tense", pa.string()), ("person", pa.string()),
    ("dialogue_share", pa.float64()), ("characters", pa.int64()), ("quotes", pa.int64()),
    ("attributed_quotes", pa.int64()),
    ("sentence_words_mean", pa.float64()), ("sentence_words_stdev", pa.float64()),
    ("reading_minutes", pa.float64()), ("flesch_reading_ease", pa.float64()),
    ("flesch_kincaid_grade", pa.float64()),
    ("arc_mean", pa.float64()), ("arc_high", pa.float64()), ("arc_high_position", pa.float64()),
    ("arc_low", pa.float64()), ("arc_low_position", pa.float64()),
    ("issues", pa.int64()), ("issues_per_1k", pa.float64()),
]
for _c in CATEGORIES:
    _WORKS_FIELDS += [(f"issues_{_c}", pa.int64()), (f"issues_{_c}_per_1k", pa.float64())]
_WORKS_FIELDS += [("seconds", pa.float64()), ("worker_peak_rss_mb", pa.float64())]

SCHEMAS: dict[str, pa.Schema] = {
    "works": pa.schema(_WORKS_FIELDS),
    "characters": pa.schema([
        ("work_id", pa.string()), ("character_id", pa.string()), ("name", pa.string()),
        ("aliases", pa.list_(pa.string())), ("pronouns", pa.string()), ("mentions", pa.int64()),
        ("narrator", pa.bool_()), ("dialogue_share", pa.float64()), ("quotes", pa.int64()),
    ]),
    "quotes": pa.schema([
        ("work_id", pa.string()), ("quote_index", pa.int64()), ("start", pa.int64()), ("end", pa.int64()),
        ("speaker", pa.string()), ("speaker_name", pa.string()), ("confidence", pa.float64()),
        ("method", pa.string()), ("text", pa.string()),
    ]),
    "issues": pa.schema([
        ("work_id", pa.string()), ("rule", pa.string()), ("category", pa.string()), ("severity", pa.string()),
        ("start", pa.int64()), ("end", pa.int64()), ("line", pa.int64()), ("column", pa.int64()),
        ("text", pa.string()), ("message", pa.string()), ("suggestion", pa.string()),
    ]),
    "errors": pa.schema([
        ("work_id", pa.string()), ("content_hash", pa.string()), ("path", pa.string()),
        ("kind", pa.string()), ("message", pa.string()),
    ]),
}
# Written in this order: works last, so a works part means the batch is complete.
WRITE_ORDER = ("characters", "quotes", "issues", "errors", "works")


class Store:
    """The output folder of a corpus run."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.run_id = uuid.uuid4().hex[:8]
        self._n = 0

    def prepare(self) -> None:
        for table in SCHEMAS:
            (self.root / table).mkdir(parents=True, exist_ok=True)
        self._remove_temporaries_and_orphans()

    def _remove_temporaries_and_orphans(self) -> None:
        done = {p.name for p in (self.root / "works").glob("part-*.parquet")}
        for table in SCHEMAS:
            folder = self.root / table
            for tmp in folder.glob(".tmp-*"):
                tmp.unlink(missing_ok=True)
            if table == "works":
                continue
            for part in folder.glob("part-*.parquet"):
                if part.name not in done:
                    part.unlink(missing_ok=True)

    def done_keys(self) -> set[tuple[str, str]]:
        """(work id, content hash) of every work already in ``works``."""
        keys: set[tuple[str, str]] = set()
        for part in sorted((self.root / "works").glob("part-*.parquet")):
            t = pq.read_table(part, columns=["work_id", "content_hash"])
            keys.update(zip(t.column("work_id").to_pylist(), t.column("content_hash").to_pylist()))
        return keys

    def write_batch(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Write one part per table for a finished batch (works last)."""
        self._n += 1
        name = f"part-{self.run_id}-{self._n:06d}.parquet"
        for table in WRITE_ORDER:
            schema = SCHEMAS[table]
            data = rows.get(table, [])
            arrow = pa.Table.from_pylist(data, schema=schema) if data else schema.empty_table()
            folder = self.root / table
            tmp = folder / f".tmp-{name}.partial"  # not *.parquet: no glob takes it for a table part
            pq.write_table(arrow, tmp, compression="zstd")
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, folder / name)
