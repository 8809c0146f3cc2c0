"""What a worker does with a batch of works: read, check and analyze each, return table rows.

Runs inside Dask worker processes.  The spaCy pipeline is loaded once per process
(``betareader.nlp.load_pipeline`` caches it), so a batch costs only its parsing.
A work that fails becomes an ``errors`` row; the batch goes on.
"""

from __future__ import annotations

import json
import resource
import time
import traceback
from typing import Any

from ..checks.base import CATEGORIES
from ..config import Config, parse_config
from ..errors import BetareaderError
from ..readers.base import Source
from .inputs import WorkInput

TABLES = ("works", "characters", "quotes", "issues", "errors")


def empty_result() -> dict[str, list[dict[str, Any]]]:
    return {t: [] for t in TABLES}


def process_batch(batch: list[WorkInput], config: dict[str, Any] | None = None) -> dict[str, list[dict]]:
    """Rows for every table from one batch of works."""
    cfg = parse_config(config) if config else Config()
    out = empty_result()
    for work in batch:
        t0 = time.perf_counter()
        try:
            _process(work, cfg, out, t0)
        except BetareaderError as exc:
            out["errors"].append(_error(work, str(exc), "input"))
        except MemoryError:
            out["errors"].append(_error(work, "out of memory", "memory"))
        except Exception as exc:  # a bug on one odd work must not stop the corpus
            tb = traceback.extract_tb(exc.__traceback__)
            where = f" at {tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else ""
            out["errors"].append(_error(work, f"{type(exc).__name__}: {exc}{where}", "internal"))
    return out


def _error(work: WorkInput, message: str, kind: str) -> dict[str, Any]:
    return {"work_id": work.id, "content_hash": work.content_hash, "path": work.path,
            "kind": kind, "message": message}


def _process(work: WorkInput, cfg: Config, out: dict[str, list[dict]], t0: float) -> None:
    from .. import api
    from ..readers import read_path

    if work.path is not None:
        source = read_path(work.path)
        source.name = work.id
    else:
        source = Source(text=work.text or "", name=work.id)
    if not source.text.strip():
        raise BetareaderError("the work has no text")
    metadata = {**source.metadata, **work.metadata}
    checked, analyzed = api.review(source, cfg)
    a = analyzed.analysis
    text = source.text
    stats = a.stats
    words = stats.words
    counts = {c: 0 for c in CATEGORIES}
    for issue in checked.issues:
        counts[issue.category] += 1
        out["issues"].append({
            "work_id": work.id, "rule": issue.rule, "category": issue.category, "severity": issue.severity,
            "start": issue.start, "end": issue.end, "line": issue.line, "column": issue.column,
            "text": text[issue.start:issue.end][:200], "message": issue.message,
            "suggestion": issue.suggestions[0] if issue.suggestions else None,
        })
    names = {c.id: c.name for c in a.characters}
    for c in a.characters:
        out["characters"].append({
            "work_id": work.id, "character_id": c.id, "name": c.name, "aliases": list(c.aliases),
            "pronouns": c.pronouns, "mentions": c.mentions, "narrator": c.narrator,
            "dialogue_share": float(a.dialogue_share.get(c.id, 0.0)),
            "quotes": sum(1 for q in a.quotes if q.speaker == c.id),
        })
    for n, q in enumerate(a.quotes):
        out["quotes"].append({
            "work_id": work.id, "quote_index": n, "start": q.start, "end": q.end,
            "speaker": q.speaker, "speaker_name": names.get(q.speaker) if q.speaker else None,
            "confidence": float(q.confidence), "method": q.method, "kind": "thought" if q.thought else "speech",
            "text": text[q.start:q.end][:2000],
        })
    total = len(checked.issues)
    per_k = (lambda n: 1000 * n / words if words else 0.0)
    arc = a.arc
    row: dict[str, Any] = {
        "work_id": work.id, "content_hash": work.content_hash, "path": work.path,
        "title": _str(metadata.get("title")), "author": _str(metadata.get("author")),
        "metadata": json.dumps(metadata, ensure_ascii=False, default=str),
        "words": words, "sentences": stats.sentences, "paragraphs": stats.paragraphs,
        "scenes": stats.scenes, "chapters": stats.chapters,
        "tense": a.narration.tense, "person": a.narration.person,
        "dialogue_share": float(stats.dialogue_share), "characters": len(a.characters), "quotes": len(a.quotes),
        "attributed_quotes": sum(1 for q in a.quotes if q.speaker),
        "sentence_words_mean": float(stats.sentence_words_mean),
        "sentence_words_stdev": float(stats.sentence_words_stdev),
        "reading_minutes": float(stats.reading_minutes),
        "flesch_reading_ease": stats.flesch_reading_ease, "flesch_kincaid_grade": stats.flesch_kincaid_grade,
        "arc_mean": float(arc.mean),
        "arc_high": arc.high.score if arc.high else None, "arc_high_position": arc.high.position if arc.high else None,
        "arc_low": arc.low.score if arc.low else None, "arc_low_position": arc.low.position if arc.low else None,
        "issues": total, "issues_per_1k": per_k(total),
    }
    for c in CATEGORIES:
        row[f"issues_{c}"] = counts[c]
        row[f"issues_{c}_per_1k"] = per_k(counts[c])
    row["seconds"] = time.perf_counter() - t0
    row["worker_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["works"].append(row)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)
