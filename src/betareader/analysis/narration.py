"""Narrative tense (past/present) and person (first/second/third), overall and per scene.

Counted over narration only — tokens inside dialogue and italic thought are
skipped, so a past-tense story full of present-tense speech is still past.
Used by the ``tense-shift`` and ``pov-shift`` checks and by ``analyze``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document.model import Story

PAST_TAGS = {"VBD"}
PRESENT_TAGS = {"VBP", "VBZ"}
FIRST = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
SECOND = {"you", "your", "yours", "yourself", "yourselves"}
THIRD = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them", "their",
         "theirs", "themselves"}
MIN_VERBS = 8
"""Fewer finite narration verbs than this and a scene's tense is the story's."""
SHORT = 40
"""Fewer finite narration verbs than this (a drabble, a short scene) and a lean of 60%
is enough: a slip or two weighs more in a short text, and the tense-shift rule still
asks for clear context around each verb it flags."""


@dataclass
class Counts:
    past: int = 0
    present: int = 0
    first: int = 0
    second: int = 0
    third: int = 0

    def add(self, other: "Counts") -> None:
        self.past += other.past
        self.present += other.present
        self.first += other.first
        self.second += other.second
        self.third += other.third

    @property
    def tense(self) -> str:
        total = self.past + self.present
        if total < 3:
            return "unknown"
        share = 0.6 if total < SHORT else 0.7
        if self.past >= share * total:
            return "past"
        if self.present >= share * total:
            return "present"
        return "mixed"

    @property
    def person(self) -> str:
        total = self.first + self.second + self.third
        if total < 3:
            return "unknown"
        if self.first >= max(3, 0.12 * total) and self.first >= self.second:
            return "first"
        if self.second >= max(3, 0.3 * total) and self.second > self.first:
            return "second"
        if self.third >= 0.6 * total:
            return "third"
        return "mixed"


@dataclass
class Narration:
    tense: str
    person: str
    counts: Counts
    scene_tense: dict[int, str] = field(default_factory=dict)
    scene_person: dict[int, str] = field(default_factory=dict)
    scene_counts: dict[int, Counts] = field(default_factory=dict)

    def tense_of_scene(self, scene: int) -> str:
        t = self.scene_tense.get(scene, "unknown")
        return self.tense if t in ("unknown", "mixed") else t

    def to_dict(self) -> dict:
        c = self.counts
        return {
            "tense": self.tense,
            "person": self.person,
            "evidence": {"past_verbs": c.past, "present_verbs": c.present, "first_person": c.first,
                         "second_person": c.second, "third_person": c.third},
        }


def narration(story: Story) -> Narration:
    """Tense and person of the story's narration (needs a parsed story)."""
    paragraphs = story.paragraphs
    per_scene: dict[int, Counts] = {}
    for tok in story.tokens:
        if tok.speech:
            continue
        c = per_scene.get(paragraphs[story.sentences[tok.sent].paragraph].scene)
        if c is None:
            c = per_scene.setdefault(paragraphs[story.sentences[tok.sent].paragraph].scene, Counts())
        tag = tok.tag
        if tag in PAST_TAGS:
            c.past += 1
        elif tag in PRESENT_TAGS:
            if tok.dep not in ("aux", "auxpass") or tok.lower not in ("'s",):
                c.present += 1
        elif tag == "PRP" or tag == "PRP$":
            low = tok.lower
            if low in FIRST:
                c.first += 1
            elif low in SECOND:
                c.second += 1
            elif low in THIRD:
                c.third += 1
    total = Counts()
    for c in per_scene.values():
        total.add(c)
    result = Narration(total.tense, total.person, total)
    for scene, c in per_scene.items():
        enough = c.past + c.present >= MIN_VERBS
        result.scene_tense[scene] = c.tense if enough else "unknown"
        result.scene_person[scene] = c.person
        result.scene_counts[scene] = c
    return result
