"""Speed of `check`: words per second, cost over the bare spaCy parse, peak memory.

    python bench/speed.py [--words 100000] [--repeat 1]

Builds a text of at least ``--words`` words from the PDNC novels in
../shared/data/attrib/pdnc (whole chapters, in order), then times

1. the bare spaCy ``nlp.pipe`` over its paragraphs with the components ``check`` uses;
2. the full check (segmenting, parsing, every rule, sorting) through ``betareader.api.check``.

Prints words/s, the ratio full/bare and the peak RSS of this process.  One core:
the pipeline runs in this single process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDNC = ROOT.parent / "shared" / "data" / "attrib" / "pdnc"


def build_text(min_words: int) -> str:
    parts: list[str] = []
    words = 0
    for path in sorted(PDNC.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parts.append(text)
        words += len(text.split())
        if words >= min_words:
            break
    text = "\n\n".join(parts)
    # Trim to about min_words at a paragraph boundary.
    cut, seen = 0, 0
    for block in text.split("\n\n"):
        seen += len(block.split())
        cut += len(block) + 2
        if seen >= min_words:
            break
    return text[:cut]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=100_000)
    args = ap.parse_args()
    if not PDNC.is_dir():
        sys.exit(f"no data at {PDNC}")
    sys.path.insert(0, str(ROOT / "src"))
    from betareader import api
    from betareader.checks.engine import needed_components, selected_rules
    from betareader.config import Config
    from betareader.document import build_story
    from betareader.nlp import components_for, load_pipeline, model_name

    text = build_text(args.words)
    n_words = len(text.split())
    config = Config()
    rules = selected_rules(config)
    wanted = components_for(needed_components(rules))
    nlp = load_pipeline(model_name())
    disable = [c for c in nlp.pipe_names if c not in wanted]
    story = build_story(text)
    paragraphs = [text[p.start:p.end] for p in story.paragraphs if p.kind == "text"]
    nlp.select_pipes  # warm-up below loads vectors/tables once
    with nlp.select_pipes(disable=disable):
        list(nlp.pipe(paragraphs[:50]))
        t0 = time.perf_counter()
        for _ in nlp.pipe(paragraphs, batch_size=64):
            pass
        bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = api.check(text, config)
    full = time.perf_counter() - t0
    # Per-rule cost on the already parsed story.
    from betareader.checks.context import Context

    ctx = Context(result.story, config)
    ctx.narration, ctx.names  # shared facts, timed apart
    per_rule = []
    for rule in rules:
        t = time.perf_counter()
        list(rule.check(result.story, ctx))
        per_rule.append((time.perf_counter() - t, rule.id))
    print(f"text:           {n_words:,} words, {len(paragraphs):,} paragraphs (PDNC novels)")
    print(f"components:     {', '.join(wanted)}")
    print(f"bare nlp.pipe:  {bare:7.2f} s   {n_words / bare:8,.0f} words/s")
    print(f"full check:     {full:7.2f} s   {n_words / full:8,.0f} words/s   ({len(result.issues):,} issues)")
    print(f"ratio full/bare: {full / bare:.2f}")
    print(f"peak RSS:       {peak_rss_mb():,.0f} MB")
    print("slowest rules (s):  " + ", ".join(f"{rid} {t:.2f}" for t, rid in sorted(per_rule, reverse=True)[:6]))


if __name__ == "__main__":
    main()
