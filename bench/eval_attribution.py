#!/usr/bin/env python
"""Evaluate betareader's quotes, speakers and characters on ../shared/data/attrib.

Usage (from the repository root)::

    python bench/eval_attribution.py                      # run the analyzer on everything
    python bench/eval_attribution.py --corpus pdnc --jobs 4
    python bench/eval_attribution.py --stories PrideAndPrejudice '1342_*'
    python bench/eval_attribution.py --save preds/ --json scores.json
    python bench/eval_attribution.py --predictions preds/   # score saved NAME.json files
    python bench/eval_attribution.py --baseline             # the naive sanity baseline

Predictions come from, in this order of preference (see :func:`predict`):

1. the in-process Python API, ``betareader.api.analyze_path(path)``, whose result is turned into
   the contract dict by ``result.to_json()`` (a dict or a JSON string), ``result.to_dict()``,
   ``betareader.report.json_report.analysis_to_dict(result)`` or ``dataclasses.asdict(result)``
   - the first that exists (a plain dict or JSON string result is taken as is);
2. the command line, ``betareader analyze --format json PATH``, when the API is not importable.

Scoring rules: ``bench/attribution_scoring.py`` (module docstring).  Figures are
micro-averaged: per corpus and overall, counts are summed over stories before dividing.
The exit status is 1 if a prediction failed (that story is then scored as an empty prediction).
"""

from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribution_scoring import (  # noqa: E402  (path set up above)
    CORPORA, QUOTE_TYPES, Counts, StoryFiles, StoryScore, aggregate, discover_stories,
    read_text, score_story)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "attrib"

#: Quality bars of issue 3, per corpus: metric -> minimum.
TARGETS: dict[str, dict[str, float]] = {
    "pdnc": {"quote_precision": 0.97, "quote_recall": 0.97, "speaker_accuracy": 0.75,
             "char_recall": 0.90},
    "litbank": {"quote_precision": 0.97, "quote_recall": 0.97, "speaker_accuracy": 0.70},
}


# --------------------------------------------------------------------------------------------
# predictors


class PredictionError(RuntimeError):
    """The project could not produce an ``analyze`` document for a story."""


def to_contract_dict(result: Any) -> dict[str, Any]:
    """Turn whatever the API returned into the contract's ``analyze`` dict."""
    if isinstance(result, dict):
        return result
    if isinstance(result, (str, bytes)):
        return _parse_json_document(result.decode() if isinstance(result, bytes) else result)
    for method in ("to_json", "to_dict"):  # the result's own serialisation first
        fn = getattr(result, method, None)
        if callable(fn):
            return to_contract_dict(fn())
    try:
        from betareader.report.json_report import analysis_to_dict  # type: ignore
    except ImportError:
        analysis_to_dict = None
    if analysis_to_dict is not None:
        return to_contract_dict(analysis_to_dict(result))
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return dataclasses.asdict(result)
    raise PredictionError(f"cannot turn a {type(result).__name__} into the analyze JSON dict")


def _parse_json_document(output: str) -> dict[str, Any]:
    """The first JSON document of ``output`` (a single document or JSON Lines)."""
    output = output.strip()
    try:
        doc = json.loads(output)
    except json.JSONDecodeError:
        line = next((ln for ln in output.splitlines() if ln.strip()), "")
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PredictionError(f"not JSON: {output[:200]!r}") from exc
    if not isinstance(doc, dict):
        raise PredictionError(f"expected a JSON object, got {type(doc).__name__}")
    return doc


def _api_analyze_path() -> Callable[[Path], Any] | None:
    """``betareader.api.analyze_path`` if it can be imported, else None (with a note why)."""
    try:
        from betareader import api  # type: ignore
    except ImportError as exc:
        _note_once(f"betareader.api not importable ({exc}); using the CLI")
        return None
    fn = getattr(api, "analyze_path", None)
    if not callable(fn):
        _note_once("betareader.api.analyze_path does not exist (yet); using the CLI")
        return None
    return fn


_NOTED: set[str] = set()


def _note_once(msg: str) -> None:
    if msg not in _NOTED:
        _NOTED.add(msg)
        print(f"note: {msg}", file=sys.stderr)


def _cli_command() -> list[str]:
    exe = Path(sys.executable).with_name("betareader")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("betareader")
    if found:
        return [found]
    return [sys.executable, "-m", "betareader"]


def predict_cli(path: str | Path, timeout: float = 3600) -> dict[str, Any]:
    """Run ``betareader analyze --format json PATH`` and parse its output."""
    cmd = _cli_command() + ["analyze", "--format", "json", str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise PredictionError(f"{' '.join(cmd)} exited with {proc.returncode}: "
                              f"{proc.stderr.strip()[-2000:]}")
    return _parse_json_document(proc.stdout)


def predict(path: str | Path) -> dict[str, Any]:
    """The project's ``analyze`` JSON dict for the story file at ``path``.

    Uses ``betareader.api.analyze_path(Path)`` in-process when it exists, converting the result
    with :func:`to_contract_dict`; otherwise runs the ``betareader`` CLI.
    """
    analyze_path = _api_analyze_path()
    if analyze_path is None:
        return predict_cli(path)
    return to_contract_dict(analyze_path(Path(path)))


def predict_baseline(path: str | Path) -> dict[str, Any]:
    from attribution_baseline import predict_path
    return predict_path(path)


def load_prediction(pred_dir: Path, story: StoryFiles) -> dict[str, Any]:
    """A saved prediction: ``DIR/NAME.json`` or ``DIR/CORPUS/NAME.json``."""
    for cand in (pred_dir / f"{story.name}.json", pred_dir / story.corpus / f"{story.name}.json"):
        if cand.is_file():
            return _parse_json_document(cand.read_text(encoding="utf-8"))
    raise PredictionError(f"no saved prediction {story.name}.json in {pred_dir}")


# --------------------------------------------------------------------------------------------
# running


@dataclasses.dataclass
class StoryRun:
    """One evaluated story: its score, timing and failure (if any)."""

    story: StoryFiles
    score: StoryScore
    seconds: float  # wall time of producing the prediction
    cpu_seconds: float  # CPU time of this process while producing it
    score_seconds: float
    error: str | None = None


def run_story(story: StoryFiles, mode: str, predictions: Path | None = None,
              save: Path | None = None) -> StoryRun:
    """Predict (or load) and score one story.  ``mode``: project, baseline or saved."""
    gold = json.loads(story.gold_path.read_text(encoding="utf-8"))
    text = read_text(story.text_path)
    error = None
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        if mode == "saved":
            assert predictions is not None
            pred = load_prediction(predictions, story)
        elif mode == "baseline":
            pred = predict_baseline(story.text_path)
        else:
            pred = predict(story.text_path)
    except Exception as exc:  # noqa: BLE001 - report and score as an empty prediction
        pred = {}
        error = f"{type(exc).__name__}: {exc}"
        if mode != "saved":
            error += "\n" + traceback.format_exc(limit=8)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    if save is not None and error is None:
        save.mkdir(parents=True, exist_ok=True)
        (save / f"{story.name}.json").write_text(json.dumps(pred, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    t1 = time.perf_counter()
    score = score_story(text, gold, pred, name=story.name, corpus=story.corpus)
    return StoryRun(story, score, seconds, cpu, time.perf_counter() - t1, error)


def run_all(stories: list[StoryFiles], mode: str, jobs: int, predictions: Path | None,
            save: Path | None, progress: bool = True) -> list[StoryRun]:
    """Evaluate ``stories`` (in a process pool when ``jobs > 1``), results in input order."""
    results: dict[str, StoryRun] = {}

    def done(run: StoryRun) -> None:
        results[run.story.name] = run
        if progress:
            flag = "  FAILED" if run.error else ""
            print(f"[{len(results):3d}/{len(stories)}] {run.story.name} "
                  f"{run.seconds:.1f}s{flag}", file=sys.stderr, flush=True)

    if jobs <= 1:
        for st in stories:
            done(run_story(st, mode, predictions, save))
    else:
        largest_first = sorted(stories, key=lambda s: -s.size)
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(run_story, st, mode, predictions, save)
                       for st in largest_first]
            for fut in as_completed(futures):
                done(fut.result())
    return [results[s.name] for s in stories]


def select_stories(all_stories: list[StoryFiles], corpus: str,
                   patterns: list[str] | None) -> list[StoryFiles]:
    """Filter by corpus and by name patterns (``NAME``, ``CORPUS/NAME``, shell wildcards)."""
    stories = [s for s in all_stories if corpus == "all" or s.corpus == corpus]
    if not patterns:
        return stories
    unmatched = [p for p in patterns
                 if not any(fnmatch.fnmatchcase(s.name, p)
                            or fnmatch.fnmatchcase(f"{s.corpus}/{s.name}", p) for s in stories)]
    if unmatched:
        raise SystemExit(f"error: no story matches {', '.join(unmatched)} "
                         f"(corpus {corpus}; names as in {DEFAULT_DATA}/*/NAME.gold.json)")
    return [s for s in stories
            if any(fnmatch.fnmatchcase(s.name, p) or fnmatch.fnmatchcase(f"{s.corpus}/{s.name}", p)
                   for p in patterns)]


# --------------------------------------------------------------------------------------------
# reporting


def _f(x: float | None, width: int = 6) -> str:
    return f"{x:{width}.3f}" if x is not None else f"{'-':>{width}}"


def _frac(num: int, den: int, width: int = 9) -> str:
    if not den:
        return f"{'-':>{width}}"
    return f"{f'{num}/{den}':>{width}}"


_ROW_HEAD = (f"{'gold':>6} {'pred':>6} {'q.prec':>6} {'q.rec':>6} {'spk':>6} {'spk|fd':>6} "
             f"{'chars.rec':>9} {'ch.rec':>6} {'chars.prec':>10} {'ch.prc':>6}")


def _row(c: Counts) -> str:
    return (f"{c.gold_quotes:6d} {c.pred_quotes:6d} {_f(c.quote_precision)} "
            f"{_f(c.quote_recall)} {_f(c.speaker_accuracy)} {_f(c.speaker_accuracy_found)} "
            f"{_frac(c.gold_chars_found, c.gold_chars)} {_f(c.char_recall)} "
            f"{_frac(c.pred_chars_correct, c.pred_chars, 10)} {_f(c.char_precision)}")


def print_report(runs: list[StoryRun], agg: dict[str, Any], wall: float, mode: str,
                 show_stories: bool = True, details: bool = False, out=None) -> None:
    """Print the human-readable tables (to ``out``, default standard output)."""
    out = out or sys.stdout
    w = max([len(r.story.name) for r in runs] + [20])
    w = min(w, 44)
    p = lambda *a: print(*a, file=out)  # noqa: E731
    p(f"betareader attribution evaluation - predictor: {mode}")
    p("spk = speaker accuracy over gold quotes with a speaker (a missed quote is wrong); "
      "spk|fd = same, only quotes whose gold speaker the system found")
    if show_stories:
        p("")
        p(f"{'story':<{w}} {'corpus':<7} {_ROW_HEAD} {'sec':>7}")
        for r in runs:
            name = r.story.name if len(r.story.name) <= w else r.story.name[: w - 1] + "~"
            flag = "  FAILED" if r.error else ""
            p(f"{name:<{w}} {r.story.corpus:<7} {_row(r.score.counts)} {r.seconds:7.1f}{flag}")
            if details:
                _print_details(r, p)

    types = agg["types"]
    if types:
        p("")
        p("Per quote type (PDNC):")
        p(f"  {'type':<10} {'gold':>6} {'q.rec':>6} {'spk':>6} {'spk|rc':>6} {'spk|fd':>6}")
        for t in [t for t in QUOTE_TYPES if t in types] + sorted(set(types) - set(QUOTE_TYPES)):
            c = types[t]
            p(f"  {t:<10} {c.gold_quotes:6d} {_f(c.quote_recall)} {_f(c.speaker_accuracy)} "
              f"{_f(c.speaker_accuracy_recalled)} {_f(c.speaker_accuracy_found)}")

    p("")
    p("Per corpus and overall (micro-averaged):")
    p(f"  {'':<9} {'stories':>7} {_ROW_HEAD}")
    corpora = agg["corpora"]
    for name in [c for c in CORPORA if c in corpora] + sorted(set(corpora) - set(CORPORA)):
        p(f"  {name:<9} {corpora[name].stories:7d} {_row(corpora[name])}")
    p(f"  {'overall':<9} {agg['overall'].stories:7d} {_row(agg['overall'])}")

    checks = target_checks(agg)
    if checks:
        p("")
        p("Targets (issue 3):")
        for corpus, metric, target, value, ok in checks:
            mark = "ok  " if ok else "MISS"
            p(f"  {mark} {corpus:<8} {metric:<16} {_f(value)}  (target >= {target:.2f})")

    p("")
    total_pred = sum(r.seconds for r in runs)
    slowest = max(runs, key=lambda r: r.seconds, default=None)
    p(f"Time: {wall:.1f}s wall; predictions {total_pred:.1f}s summed over stories"
      + (f", slowest {slowest.story.name} {slowest.seconds:.1f}s" if slowest else "")
      + f"; scoring {sum(r.score_seconds for r in runs):.1f}s")
    failed = [r for r in runs if r.error]
    if failed:
        p("")
        p(f"{len(failed)} prediction(s) FAILED (scored as empty predictions):")
        for r in failed:
            p(f"  {r.story.name}: {r.error.splitlines()[0]}")


def _print_details(run: StoryRun, p: Callable[..., None]) -> None:
    d = run.score.details
    missed = ", ".join(f"{m['name']} ({m['category']}, {m['quotes']} quotes)"
                       for m in d["missed_characters"])
    if missed:
        p(f"    missed characters: {missed}")
    unmatched = [m for m in d["character_matches"]
                 if m["gold"] is None and (m["mentions"] is None or m["mentions"] >= 5)]
    if unmatched:
        p("    unmatched predicted: " + ", ".join(
            f"{m['name']} ({m['mentions']})" for m in unmatched[:20])
          + (" ..." if len(unmatched) > 20 else ""))


def target_checks(agg: dict[str, Any]) -> list[tuple[str, str, float, float | None, bool]]:
    out = []
    for corpus, bars in TARGETS.items():
        c = agg["corpora"].get(corpus)
        if c is None:
            continue
        for metric, target in bars.items():
            value = getattr(c, metric)
            out.append((corpus, metric, target, value, value is not None and value >= target))
    return out


def report_json(runs: list[StoryRun], agg: dict[str, Any], wall: float,
                settings: dict[str, Any]) -> dict[str, Any]:
    return {
        "settings": settings,
        "overall": agg["overall"].to_dict(),
        "corpora": {k: v.to_dict() for k, v in agg["corpora"].items()},
        "types": {k: v.to_dict() for k, v in agg["types"].items()},
        "corpus_types": {c: {t: v.to_dict() for t, v in ts.items()}
                         for c, ts in agg["corpus_types"].items()},
        "targets": [{"corpus": c, "metric": m, "target": t, "value": v, "ok": ok}
                    for c, m, t, v, ok in target_checks(agg)],
        "stories": [{**r.score.to_dict(), "seconds": r.seconds, "cpu_seconds": r.cpu_seconds,
                     "error": r.error} for r in runs],
        "timing": {"wall_seconds": wall,
                   "prediction_seconds": sum(r.seconds for r in runs)},
    }


# --------------------------------------------------------------------------------------------
# CLI


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        description="Score betareader analyze output (quotes, speakers, characters) against "
                    "../shared/data/attrib.  Rules: bench/attribution_scoring.py.")
    ap.add_argument("--corpus", choices=["pdnc", "litbank", "all"], default="all")
    ap.add_argument("--stories", nargs="+", metavar="NAME",
                    help="only these stories (NAME, CORPUS/NAME or shell wildcards)")
    ap.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default 1)")
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--predictions", type=Path, metavar="DIR",
                     help="score saved predictions DIR/NAME.json instead of running")
    src.add_argument("--baseline", action="store_true",
                     help="use the naive baseline predictor (bench/attribution_baseline.py)")
    ap.add_argument("--save", type=Path, metavar="DIR", help="save predictions as DIR/NAME.json")
    ap.add_argument("--json", type=Path, metavar="FILE", dest="json_out",
                    help="write all figures and per-story details as JSON")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help=f"the attrib data folder (default {DEFAULT_DATA})")
    ap.add_argument("--summary", action="store_true", help="omit the per-story table")
    ap.add_argument("--details", action="store_true",
                    help="per story, list missed gold characters and unmatched predicted ones")
    ap.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.data.is_dir():
        print(f"error: data folder {args.data} not found", file=sys.stderr)
        return 2
    stories = select_stories(discover_stories(args.data), args.corpus, args.stories)
    if not stories:
        print("error: no stories selected", file=sys.stderr)
        return 2
    mode = "saved" if args.predictions else "baseline" if args.baseline else "project"
    if mode == "saved" and not args.predictions.is_dir():
        print(f"error: {args.predictions} is not a folder", file=sys.stderr)
        return 2
    jobs = max(1, min(args.jobs, len(stories), os.cpu_count() or 1))
    t0 = time.perf_counter()
    runs = run_all(stories, mode, jobs, args.predictions, args.save, progress=not args.quiet)
    wall = time.perf_counter() - t0
    agg = aggregate(r.score for r in runs)
    label = {"saved": f"saved predictions in {args.predictions}", "baseline": "baseline",
             "project": "betareader (API, CLI fallback)"}[mode]
    print_report(runs, agg, wall, label, show_stories=not args.summary, details=args.details)
    if args.json_out:
        settings = {"mode": mode, "corpus": args.corpus, "stories": args.stories,
                    "jobs": jobs, "data": str(args.data),
                    "predictions": str(args.predictions) if args.predictions else None}
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps(report_json(runs, agg, wall, settings), indent=1,
                                            ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if any(r.error for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
