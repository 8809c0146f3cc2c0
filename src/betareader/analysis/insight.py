"""``analyze_story``: run every analysis on a story and gather the results (and their JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..document.model import Story
from ..nlp import parse
from .arc import Arc, emotional_arc
from .characters import find_characters
from .model import AttributedQuote, Character
from .narration import Narration, narration
from .pacing import Stats, story_stats
from .speakers import attribute_quotes

PRESENCE_BINS = 20


@dataclass
class Analysis:
    """Everything ``analyze`` reports about one story."""

    story: Story
    narration: Narration
    characters: list[Character]
    quotes: list[AttributedQuote]
    """Every quotation: speech, and quoted thoughts (``thought=True``, ``'Well!' thought Alice``)."""
    arc: Arc
    stats: Stats
    dialogue_share: dict[str, float] = field(default_factory=dict)
    """Character id → share of the attributed spoken words."""
    presence: dict[str, list[int]] = field(default_factory=dict)
    """Character id → mentions in each of PRESENCE_BINS equal stretches of the text."""

    def character(self, cid: str | None) -> Character | None:
        return next((c for c in self.characters if c.id == cid), None)


def analyze_story(story: Story, config: Config | None = None) -> Analysis:
    """Parse (with NER) and analyze ``story``."""
    config = config or Config()
    parse(story, extra=("ner",), model=config.model)
    narr = narration(story)
    characters = find_characters(story, narr, glossary=config.glossary)
    quotes = attribute_quotes(story, characters, narr)
    analysis = Analysis(
        story=story, narration=narr, characters=characters, quotes=quotes,
        arc=emotional_arc(story), stats=story_stats(story),
    )
    analysis.dialogue_share = _dialogue_share(story, quotes)
    analysis.presence = _presence(story, characters)
    return analysis


def _dialogue_share(story: Story, quotes: list[AttributedQuote]) -> dict[str, float]:
    words: dict[str, int] = {}
    for q in quotes:
        if q.speaker and not q.thought:  # the share of the spoken words
            words[q.speaker] = words.get(q.speaker, 0) + len(story.text[q.start:q.end].split())
    total = sum(words.values())
    return {k: v / total for k, v in sorted(words.items(), key=lambda kv: -kv[1])} if total else {}


def _presence(story: Story, characters: list[Character]) -> dict[str, list[int]]:
    size = max(1, len(story.text))
    out: dict[str, list[int]] = {}
    for c in characters:
        bins = [0] * PRESENCE_BINS
        for off in c.mention_offsets:
            bins[min(PRESENCE_BINS - 1, off * PRESENCE_BINS // size)] += 1
        out[c.id] = bins
    return out


def to_dict(analysis: Analysis, source_name: str, metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    """The contract's ``analyze`` JSON document (with the extra sections)."""
    from ..api import CONTRACT_VERSION

    a = analysis
    doc: dict[str, Any] = {
        "version": CONTRACT_VERSION,
        "source": source_name,
        "narration": a.narration.to_dict(),
        "characters": [
            {
                "id": c.id, "name": c.name, "aliases": list(c.aliases), "pronouns": c.pronouns,
                "mentions": c.mentions, "first_mention": c.first_mention, "narrator": c.narrator,
                "dialogue_share": round(a.dialogue_share.get(c.id, 0.0), 4),
                "presence": a.presence.get(c.id, []),
            }
            for c in a.characters
        ],
        "quotes": [
            {"start": q.start, "end": q.end, "speaker": q.speaker, "confidence": round(q.confidence, 3),
             "method": q.method, "kind": "thought" if q.thought else "speech"}
            for q in a.quotes
        ],
        "arc": a.arc.to_dict(),
        "pacing": a.stats.pacing_dict(),
        "stats": a.stats.to_dict(),
        "scenes": [
            {"index": s.index, "chapter": s.chapter, "start": s.start, "end": s.end,
             "tense": a.narration.scene_tense.get(s.index, "unknown"),
             "person": a.narration.scene_person.get(s.index, "unknown")}
            for s in a.story.scenes if s.paragraphs
        ],
        "chapters": [{"index": c.index, "title": c.title, "start": c.start, "end": c.end}
                     for c in a.story.chapters],
    }
    if metadata:
        doc["metadata"] = metadata
    return doc
