"""Accuracy of the checks: inject known errors into clean prose, score precision and recall.

    python bench/eval_checks.py [--paragraphs 400] [--seed 7] [--show 3]

Clean text: paragraphs from the PDNC novels and LitBank excerpts in ../shared/data/attrib
(professionally edited prose) and the project's own clean stories (tests/stories/clean-*).

For each category (tense, confusable, compound, agreement, dialogue, repetition) the
script picks paragraphs where an error of that kind can be injected naturally (using the
parse: a past narration verb turned present, "their" → "there", "each other" →
"eachother", "they were" → "they was", `"...," she said` → `"...." she said`, a word
doubled), injects one error per paragraph, checks the resulting text with only that
category's rules, and scores:

* recall    — injected errors flagged by an issue of the category overlapping the edit;
* precision — issues of the category that overlap an injected edit, over all issues of
  the category in the injected text;
* false alarms per 1,000 words of the untouched clean text (the same paragraphs).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "attrib"
sys.path.insert(0, str(ROOT / "src"))

from lemminflect import getInflection  # noqa: E402

from betareader import api  # noqa: E402
from betareader.config import Config  # noqa: E402
from betareader.document import build_story  # noqa: E402
from betareader.nlp import parse  # noqa: E402

CATEGORIES = ("tense", "confusable", "compound", "agreement", "dialogue", "repetition")
RULES = {"repetition": ["repeated-word"]}


@dataclass
class Edit:
    start: int  # offsets into the paragraph
    end: int
    new: str
    kind: str


def clean_paragraphs(limit_words: int, seed: int) -> list[str]:
    """Prose paragraphs (unwrapped to one line each) from the dev novels and our clean stories."""
    rng = random.Random(seed)
    paras: list[str] = []
    sources = sorted((DATA / "pdnc").glob("*.txt")) + sorted((DATA / "litbank").glob("*.txt"))
    sources += sorted((ROOT / "tests" / "stories").glob("clean-*.txt"))
    for path in sources:
        story = build_story(path.read_text(encoding="utf-8"))
        for p in story.prose_paragraphs:
            text = " ".join(story.text[p.start:p.end].split())
            if 60 <= len(text) <= 1500 and text.count('"') % 2 == 0:
                paras.append(text)
    rng.shuffle(paras)
    out, words = [], 0
    for t in paras:
        out.append(t)
        words += len(t.split())
        if words >= limit_words:
            break
    return out


# -- injectors: (paragraph text, parsed story of it) -> Edit | None -------------------

CONFUSE = {
    "their": "there", "there": "their", "they're": "their", "its": "it's", "it's": "its",
    "your": "you're", "you're": "your", "than": "then", "then": "than", "where": "were",
    "were": "where", "lose": "loose", "loose": "lose", "too": "to", "whose": "who's",
    "passed": "past", "breathe": "breath", "breath": "breathe", "quite": "quiet", "quiet": "quite",
    "affect": "effect", "effect": "affect", "led": "lead", "accept": "except", "except": "accept",
    "whether": "weather", "here": "hear", "hear": "here", "through": "threw", "threw": "through",
    "piece": "peace", "peace": "piece", "whole": "hole", "break": "brake", "advice": "advise",
    "lay": "lie", "chose": "choose", "choose": "chose", "wander": "wonder", "wonder": "wander",
}
COMPOUND_SPLIT = {"without": "with out", "someone": "some one", "everywhere": "every where",
                  "himself": "him self", "herself": "her self", "myself": "my self",
                  "cannot": "can not", "nevertheless": "never the less", "somewhere": "some where",
                  "everything": "every thing", "yourself": "your self", "themselves": "them selves",
                  "inside": "in side", "sometimes": "some times", "anything": "any thing"}
COMPOUND_JOIN = {"a lot": "alot", "in front": "infront", "each other": "eachother",
                 "at least": "atleast", "in case": "incase", "as well": "aswell", "thank you": "thankyou",
                 "every time": "everytime", "in fact": "infact", "no one": "noone", "a little": "alittle"}


def inject_confusable(text, story, rng) -> Edit | None:
    cands = [t for t in story.tokens if t.lower in CONFUSE]
    if not cands:
        return None
    t = rng.choice(cands)
    new = CONFUSE[t.lower]
    if t.text[0].isupper():
        new = new[0].upper() + new[1:]
    return Edit(t.start, t.end, new, f"{t.text}->{new}")


def inject_compound(text, story, rng) -> Edit | None:
    opts = []
    for t in story.tokens:
        if t.lower in COMPOUND_SPLIT:
            opts.append(Edit(t.start, t.end, COMPOUND_SPLIT[t.lower], f"split {t.lower}"))
    for phrase, joined in COMPOUND_JOIN.items():
        for m in re.finditer(r"\b" + phrase + r"\b", text):
            opts.append(Edit(m.start(), m.end(), joined, f"join {phrase}"))
    return rng.choice(opts) if opts else None


def inject_tense(text, story, rng) -> Edit | None:
    toks = story.tokens
    cands = []
    for t in toks:
        if t.speech or t.tag != "VBD" or t.dep not in ("ROOT", "conj"):
            continue
        subj = [s for s in toks if s.head == t.i and s.dep == "nsubj" and s.i < t.i]
        if not subj or subj[0].lower not in ("he", "she", "they", "it") and subj[0].tag != "NNP":
            continue
        cands.append((t, subj[0]))
    if not cands:
        return None
    t, subj = rng.choice(cands)
    lemma = {"was": "be", "were": "be", "had": "have", "did": "do"}.get(t.lower)
    if lemma is None:
        from lemminflect import getLemma
        lemma = (getLemma(t.lower, upos="VERB") or (t.lower,))[0]
    tag = "VBP" if subj.lower == "they" else "VBZ"
    form = {"be": {"VBZ": "is", "VBP": "are"}}.get(lemma, {}).get(tag) or (getInflection(lemma, tag) or [None])[0]
    if not form or form == t.lower:
        return None
    return Edit(t.start, t.end, form, f"{t.text}->{form}")


def inject_agreement(text, story, rng) -> Edit | None:
    toks = story.tokens
    opts = []
    for t in toks:
        subj = [s for s in toks if s.head == t.i and s.dep == "nsubj" and s.i == t.i - 1]
        if not subj:
            continue
        s = subj[0]
        if t.lower == "were" and (s.lower in ("they", "we") or s.tag == "NNS"):
            opts.append(Edit(t.start, t.end, "was", f"{s.text} were->was"))
        elif t.tag == "VBZ" and t.lower not in ("'s",) and (s.lower in ("he", "she", "it") or s.tag == "NN"):
            base = t.lemma if t.lemma != t.lower else None
            from lemminflect import getLemma
            lemma = base or (getLemma(t.lower, upos="VERB") or (None,))[0]
            form = {"be": "are", "have": "have", "do": "do"}.get(lemma or "", None) or (
                getInflection(lemma, "VBP") or [None])[0] if lemma else None
            if form and form != t.lower:
                opts.append(Edit(t.start, t.end, form, f"{s.text} {t.text}->{form}"))
        elif t.tag == "VBP" and s.lower in ("they", "we") and t.lower not in ("'re", "'ve"):
            from lemminflect import getLemma
            lemma = (getLemma(t.lower, upos="VERB") or (None,))[0]
            form = {"be": "is", "have": "has", "do": "does"}.get(lemma or "") or (
                (getInflection(lemma, "VBZ") or [None])[0] if lemma else None)
            if form and form != t.lower:
                opts.append(Edit(t.start, t.end, form, f"{s.text} {t.text}->{form}"))
    return rng.choice(opts) if opts else None


TAG_RE = re.compile(r'([,])(["”])(\s+)(he|she|they|I|[A-Z][a-z]+)\s+(said|asked|replied|whispered|cried|answered)\b')


def inject_dialogue(text, story, rng) -> Edit | None:
    opts = []
    for m in TAG_RE.finditer(text):
        opts.append(Edit(m.start(1), m.end(1), ".", "comma->period"))
        if m.group(4) in ("he", "she", "they"):
            a = m.start(4)
            opts.append(Edit(a, a + 1, m.group(4)[0].upper(), "capitalised tag"))
        opts.append(Edit(m.start(1), m.end(1), "", "dropped comma"))
    return rng.choice(opts) if opts else None


def inject_repetition(text, story, rng) -> Edit | None:
    cands = [t for t in story.tokens if t.text.isalpha() and t.lower in
             ("the", "a", "to", "of", "and", "was", "her", "his", "it", "she", "he", "for", "with", "at")]
    if not cands:
        return None
    t = rng.choice(cands)
    return Edit(t.start, t.end, f"{t.text} {t.text}", f"doubled {t.lower}")


INJECTORS = {
    "tense": inject_tense, "confusable": inject_confusable, "compound": inject_compound,
    "agreement": inject_agreement, "dialogue": inject_dialogue, "repetition": inject_repetition,
}


def assemble(paragraphs: list[str], edits: list[Edit | None]) -> tuple[str, list[tuple[int, int, str]]]:
    """Join paragraphs (blank line between) applying edits; return text and injected spans."""
    out, spans, pos = [], [], 0
    for text, e in zip(paragraphs, edits):
        if e is not None:
            text2 = text[:e.start] + e.new + text[e.end:]
            spans.append((pos + e.start, pos + e.start + max(1, len(e.new)), e.kind))
            text = text2
        out.append(text)
        pos += len(text) + 2
    return "\n\n".join(out), spans


def score(category: str, text: str, spans) -> tuple[list, list, list]:
    """(flagged spans, missed spans, false alarms) for one injected text."""
    select = RULES.get(category, [category])
    issues = [i for i in api.check(text, Config(select=select)).issues if i.category == category]
    starts = [a for a, _, _ in spans]
    hit = [False] * len(spans)
    false = []
    import bisect
    for i in issues:
        k = bisect.bisect_right(starts, i.end) - 1
        matched = False
        while k >= 0 and spans[k][1] + 1 > i.start - 200:
            a, b, _ = spans[k]
            if i.start < b + 1 and a - 1 < i.end:
                hit[k] = True
                matched = True
            k -= 1
        if not matched:
            false.append(i)
    flagged = [s for s, h in zip(spans, hit) if h]
    missed = [s for s, h in zip(spans, hit) if not h]
    return flagged, missed, false, len(issues)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=40_000, help="clean words to draw paragraphs from")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=3, help="examples of misses and false alarms to print")
    ap.add_argument("--categories", nargs="*", default=list(CATEGORIES))
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"no data at {DATA}")
    t0 = time.perf_counter()
    rng = random.Random(args.seed)
    paragraphs = clean_paragraphs(args.words, args.seed)
    clean_text = "\n\n".join(paragraphs)
    words = len(clean_text.split())
    parsed = []
    for p in paragraphs:
        st = build_story(p)
        parse(st)
        parsed.append(st)
    clean_issues = api.check(clean_text, Config(select=[r for c in args.categories for r in RULES.get(c, [c])])).issues
    print(f"clean text: {len(paragraphs)} paragraphs, {words:,} words")
    print(f"{'category':<12} {'injected':>8} {'recall':>7} {'precision':>9} {'false/1k words (clean)':>23}")
    for cat in args.categories:
        edits = [INJECTORS[cat](p, st, rng) for p, st in zip(paragraphs, parsed)]
        text, spans = assemble(paragraphs, edits)
        flagged, missed, false, n_issues = score(cat, text, spans)
        fa = sum(1 for i in clean_issues if i.category == cat)
        rec = len(flagged) / len(spans) if spans else 0.0
        prec = (n_issues - len(false)) / n_issues if n_issues else 1.0
        print(f"{cat:<12} {len(spans):>8} {rec:>7.3f} {prec:>9.3f} {1000 * fa / words:>23.2f}")
        for a, b, kind in missed[: args.show]:
            print(f"    missed  [{kind}] …{' '.join(text[max(0, a - 50):b + 40].split())}…")
        for i in false[: args.show]:
            ctx = " ".join(text[max(0, i.start - 50):i.end + 40].split())
            print(f"    false   [{i.rule}] {text[i.start:i.end]!r} — …{ctx}…")
    print(f"time: {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
