"""Speed of `analyze` on a 100,000-word novel: time, words/s and peak memory.

    python bench/analyze_speed.py [--novel PrideAndPrejudice] [--words 100000]

Analyzes one novel from ../shared/data/attrib/pdnc (cut to about ``--words`` words at a
paragraph boundary) with ``betareader.api.analyze`` in this process, one core, and
prints the time split into the parse (spaCy with NER) and the analyses, and the
process's peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDNC = ROOT.parent / "shared" / "data" / "attrib" / "pdnc"
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--novel", default="PrideAndPrejudice")
    ap.add_argument("--words", type=int, default=100_000)
    args = ap.parse_args()
    path = PDNC / f"{args.novel}.txt"
    if not path.exists():
        sys.exit(f"no novel at {path}")
    text = path.read_text(encoding="utf-8")
    cut, seen = 0, 0
    for block in text.split("\n\n"):
        seen += len(block.split())
        cut += len(block) + 2
        if seen >= args.words:
            break
    text = text[:cut]

    from betareader.analysis.insight import analyze_story
    from betareader.document import build_story
    from betareader.nlp import load_pipeline, model_name, parse

    load_pipeline(model_name())  # loading the model is not analysis time
    t0 = time.perf_counter()
    story = build_story(text)
    parse(story, extra=("ner",))
    t_parse = time.perf_counter() - t0
    analysis = analyze_story(story)  # the parse is reused
    total = time.perf_counter() - t0
    words = analysis.stats.words
    print(f"novel:       {args.novel}, {words:,} words, {len(analysis.quotes):,} quotes, "
          f"{len(analysis.characters)} characters")
    print(f"parse (NER): {t_parse:6.1f} s")
    print(f"analyses:    {total - t_parse:6.1f} s")
    print(f"total:       {total:6.1f} s   {words / total:,.0f} words/s")
    print(f"peak RSS:    {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
