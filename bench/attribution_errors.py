#!/usr/bin/env python
"""Print the speaker errors and false quotes of saved predictions, story by story.

    python bench/eval_attribution.py --corpus litbank --save preds/
    python bench/attribution_errors.py preds/ [--stories '351_*'] [--data ../shared/data/attrib]

For each wrong gold quote: the gold speaker, the predicted one (and how it was found), and
the quote with a little context; then every predicted quote that lies outside the gold quotes.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribution_scoring import discover_stories, read_text, score_story  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "attrib"


def _clip(text: str, a: int, b: int, width: int = 90) -> str:
    s = " ".join(text[a:b].split())
    return s if len(s) <= width else s[: width - 1] + "…"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("predictions", type=Path)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--stories", nargs="+", default=["*"])
    ap.add_argument("--context", type=int, default=60, help="characters of narration shown after a quote")
    args = ap.parse_args()
    for sf in discover_stories(args.data):
        if not any(fnmatch.fnmatch(sf.name, pat) for pat in args.stories):
            continue
        pred_path = args.predictions / f"{sf.name}.json"
        if not pred_path.exists():
            continue
        text = read_text(sf.text_path)
        gold = json.loads(Path(sf.gold_path).read_text(encoding="utf-8"))
        pred = json.loads(pred_path.read_text(encoding="utf-8"))
        score = score_story(text, gold, pred, name=sf.name)
        names = {c["id"]: c.get("name") for c in pred.get("characters", [])}
        gold_names = {str(c["id"]): c.get("name") for c in gold.get("characters", [])}
        pq = {(q["start"], q["end"]): q for q in pred.get("quotes", [])}
        errs = score.details["speaker_errors"]
        gold_spans = [(q["start"], q["end"]) for q in gold.get("quotes", [])]
        false = [q for q in pred.get("quotes", [])
                 if not any(a < q["end"] and q["start"] < b for a, b in gold_spans)]
        if not errs and not false:
            continue
        print(f"## {sf.name}: {len(errs)} speaker errors, {len(false)} quotes outside gold")
        for e in errs:
            best = next((q for (a, b), q in pq.items() if a < e["end"] and e["start"] < b), None)
            how = f"{best.get('method', '?')} {best.get('confidence', 0):.2f}" if best else "missed"
            print(f"  gold {gold_names.get(e['gold'], e['gold'])!s:18.18}  pred {names.get(e['predicted'], '-')!s:18.18}"
                  f"  [{how}]  {_clip(text, e['start'], e['end'], 60)} | {_clip(text, e['end'], e['end'] + args.context)}")
        for q in false:
            print(f"  not a gold quote: {_clip(text, q['start'], q['end'])} | {_clip(text, q['end'], q['end'] + 40)}")


if __name__ == "__main__":
    main()
