"""The works of a corpus, streamed in batches so the client never holds the whole corpus.

A folder is walked recursively for story files of every supported format; the
worker reads each file itself, so only paths cross the network.  A JSONL, CSV or
Parquet file is read in chunks; each row is a work with an id, a text and metadata
columns (every other column).
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError

STORY_SUFFIXES = {".txt", ".md", ".markdown", ".docx", ".odt", ".html", ".htm", ".xhtml", ".epub"}
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".parquet"}


@dataclass
class WorkInput:
    """One work to process: either a ``path`` (read on the worker) or an inline ``text``."""

    id: str
    path: str | None = None
    text: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""
    size: int = 0
    """Characters (or bytes, for a file): for batching."""


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def file_hash(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def iter_works(source: Path, id_column: str = "id", text_column: str = "text") -> Iterator[WorkInput]:
    """Every work of ``source``, lazily."""
    if not source.exists():
        raise InputError(f"{source}: no such file or folder")
    if source.is_dir():
        yield from _folder(source)
        return
    suffix = source.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from _jsonl(source, id_column, text_column)
    elif suffix == ".csv":
        yield from _csv(source, id_column, text_column)
    elif suffix == ".parquet":
        yield from _parquet(source, id_column, text_column)
    else:
        raise InputError(f"{source}: a corpus is a folder of stories or a .jsonl, .csv or .parquet file")


def batched(works: Iterator[WorkInput], max_works: int, max_chars: int = 300_000) -> Iterator[list[WorkInput]]:
    """Batches of at most ``max_works`` works and about ``max_chars`` characters."""
    batch: list[WorkInput] = []
    size = 0
    for w in works:
        batch.append(w)
        size += w.size
        if len(batch) >= max_works or size >= max_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def count_works(source: Path) -> int | None:
    """How many works ``source`` holds, when that is cheap to know (for the progress bar)."""
    if source.is_dir():
        return sum(1 for p in source.rglob("*") if p.is_file() and p.suffix.lower() in STORY_SUFFIXES
                   and not p.name.startswith("."))
    suffix = source.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        with source.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(source).metadata.num_rows
        except Exception:
            return None
    return None


def _folder(root: Path) -> Iterator[WorkInput]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in STORY_SUFFIXES and not path.name.startswith("."):
            rel = path.relative_to(root).as_posix()
            yield WorkInput(id=rel, path=str(path.resolve()), content_hash=file_hash(path),
                            metadata={"file": rel}, size=path.stat().st_size)


def _row(row: dict[str, Any], id_column: str, text_column: str, where: str) -> WorkInput:
    if text_column not in row:
        raise InputError(f"{where}: no text column '{text_column}' (use --text-column)")
    if id_column not in row:
        raise InputError(f"{where}: no id column '{id_column}' (use --id-column)")
    text = row[text_column]
    text = "" if text is None else str(text)
    meta = {k: v for k, v in row.items() if k not in (id_column, text_column)}
    return WorkInput(id=str(row[id_column]), text=text, metadata=meta, content_hash=text_hash(text),
                     size=len(text))


def _jsonl(path: Path, id_column: str, text_column: str) -> Iterator[WorkInput]:
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: invalid JSON: {exc.msg}") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{n}: each line must be a JSON object")
            yield _row(row, id_column, text_column, f"{path}:{n}")


def _csv(path: Path, id_column: str, text_column: str) -> Iterator[WorkInput]:
    csv.field_size_limit(sys.maxsize)
    with path.open("r", encoding="utf-8", errors="replace", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 2):
            yield _row(row, id_column, text_column, f"{path}:{n}")


def _parquet(path: Path, id_column: str, text_column: str) -> Iterator[WorkInput]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for corrupt files
        raise InputError(f"{path}: not a readable Parquet file: {exc}") from None
    for batch in pf.iter_batches(batch_size=256):
        for row in batch.to_pylist():
            yield _row(row, id_column, text_column, str(path))
