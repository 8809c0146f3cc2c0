"""Helpers for the character and speaker tests: analyse a story, score it against a gold file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from betareader.analysis.characters import find_characters
from betareader.analysis.model import AttributedQuote, Character
from betareader.analysis.narration import narration
from betareader.analysis.speakers import attribute_quotes
from betareader.document import build_story
from betareader.nlp import parse

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "tests" / "stories"
SAMPLES = ROOT / "samples"


@dataclass
class Analysed:
    text: str
    characters: list[Character]
    quotes: list[AttributedQuote]

    def char(self, name: str) -> Character:
        """The character with ``name`` as its name or one of its aliases."""
        found = [c for c in self.characters if name == c.name or name in c.aliases]
        assert len(found) == 1, f"{name!r}: {[(c.name, c.aliases) for c in self.characters]}"
        return found[0]

    def has(self, name: str) -> bool:
        return any(name == c.name or name in c.aliases for c in self.characters)

    def speaker_of(self, words: str) -> Character | None:
        """The speaker of the quote that contains ``words``."""
        qs = [q for q in self.quotes if words in self.text[q.start:q.end]]
        assert len(qs) == 1, f"{words!r} in {len(qs)} quotes"
        sid = qs[0].speaker
        return next((c for c in self.characters if c.id == sid), None) if sid else None

    def method_of(self, words: str) -> str:
        return next(q.method for q in self.quotes if words in self.text[q.start:q.end])


def analyse(text: str) -> Analysed:
    story = build_story(text)
    parse(story, extra=("ner",))
    nar = narration(story)
    chars = find_characters(story, nar)
    return Analysed(text, chars, attribute_quotes(story, chars, nar))


def gold_accuracy(path: Path) -> tuple[float, Analysed, dict]:
    """Speaker accuracy of the analysis of ``path`` against ``path``'s ``.gold.json``.

    Predicted characters are mapped to gold characters by shared names (name or alias).
    """
    text = path.read_text(encoding="utf-8")
    gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
    result = analyse(text)
    gold_names = {}
    for g in gold["characters"]:
        for n in [g["name"], *g.get("aliases", [])]:
            gold_names.setdefault(n, g["id"])
    pred_to_gold = {}
    for c in result.characters:
        for n in [c.name, *c.aliases]:
            if n in gold_names:
                pred_to_gold[c.id] = gold_names[n]
                break
    by_span = {(q.start, q.end): q.speaker for q in result.quotes}
    right = sum(1 for q in gold["quotes"]
                if pred_to_gold.get(by_span.get((q["start"], q["end"]))) == q["speaker"])
    return right / len(gold["quotes"]), result, gold
