"""Corpus-mode throughput: 1 process vs 2 workers, engine overhead, memory per worker.

    python bench/corpus.py [--words 1000000] [--keep DIR]

Builds a corpus of at least ``--words`` words from the novels in
../shared/data/attrib (PDNC novels cut into works of varying length, LitBank
excerpts) and the project's own stories; each extra pass over the sources cuts the
novels at other places, so every work is distinct.  Then measures:

1. a plain loop in this process: ``api.review`` (check + analyze, one parse) per work;
2. ``corpus run --workers 1`` (Dask local cluster, one worker process);
3. ``corpus run --workers 2``.

Prints words/s for each, the scaling efficiency (2 workers vs 1), the engine's overhead
(1 worker vs the plain loop) and the peak RSS of the workers.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "attrib"
sys.path.insert(0, str(ROOT / "src"))


def build_corpus(folder: Path, min_words: int, seed: int = 3) -> tuple[int, int]:
    rng = random.Random(seed)
    novels = [p.read_text(encoding="utf-8") for p in sorted((DATA / "pdnc").glob("*.txt"))]
    shorts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "litbank").glob("*.txt"))]
    shorts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    words = works = 0
    rnd = 0
    while words < min_words:
        rnd += 1
        for n, novel in enumerate(novels):
            paras = novel.split("\n\n")
            k = 0
            while k < len(paras) and words < min_words:
                size = rng.randint(60, 400)  # paragraphs per work: ~2k to ~20k words
                chunk = "\n\n".join(paras[k:k + size]).strip()
                k += size
                if len(chunk.split()) < 300:
                    continue
                (folder / f"r{rnd}-novel{n}-{k:05d}.txt").write_text(chunk + "\n", encoding="utf-8")
                words += len(chunk.split())
                works += 1
        for n, text in enumerate(shorts):
            if words >= min_words:
                break
            (folder / f"r{rnd}-short{n:03d}.txt").write_text(text, encoding="utf-8")
            words += len(text.split())
            works += 1
    return works, words


def plain_loop(folder: Path) -> tuple[float, int]:
    from betareader import api
    from betareader.nlp import load_pipeline, model_name

    load_pipeline(model_name())  # loading is not throughput
    t0 = time.perf_counter()
    words = 0
    for path in sorted(folder.glob("*.txt")):
        checked, analyzed = api.review(api.read(path))
        words += analyzed.analysis.stats.words
    return time.perf_counter() - t0, words


def corpus_run(folder: Path, out: Path, workers: int) -> tuple[float, int, float, float]:
    from betareader.corpus.query import run_query
    from betareader.corpus.runner import run_corpus

    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    summary = run_corpus(folder, out, workers=workers)
    elapsed = time.perf_counter() - t0
    _, rows = run_query(out, "SELECT max(worker_peak_rss_mb), sum(seconds) FROM works")
    return elapsed, summary.words, rows[0][0] or 0.0, summary.failed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, default=None, help="keep the corpus and outputs here")
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"no data at {DATA}")
    base = args.keep or Path(tempfile.mkdtemp(prefix="betareader-corpus-"))
    folder = base / "works"
    folder.mkdir(parents=True, exist_ok=True)
    works, words = build_corpus(folder, args.words)
    print(f"corpus: {works:,} works, {words:,} words (whitespace-separated) in {folder}")
    t_loop, w_loop = plain_loop(folder)
    print(f"plain loop (1 process):   {t_loop:8.1f} s  {w_loop / t_loop:8,.0f} words/s")
    t1, w1, rss1, f1 = corpus_run(folder, base / "out1", 1)
    print(f"corpus run, 1 worker:     {t1:8.1f} s  {w1 / t1:8,.0f} words/s  peak RSS/worker {rss1:,.0f} MB  failed {f1}")
    t2, w2, rss2, f2 = corpus_run(folder, base / "out2", 2)
    print(f"corpus run, 2 workers:    {t2:8.1f} s  {w2 / t2:8,.0f} words/s  peak RSS/worker {rss2:,.0f} MB  failed {f2}")
    print(f"scaling 2 workers / 1:    {(w2 / t2) / (w1 / t1):.2f}x  (efficiency {(w2 / t2) / (w1 / t1) / 2:.0%})")
    print(f"2 workers / plain loop:   {(w2 / t2) / (w_loop / t_loop):.2f}x")
    print(f"engine overhead (1 worker vs plain loop): {100 * (1 - (w1 / t1) / (w_loop / t_loop)):+.1f}%")
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
