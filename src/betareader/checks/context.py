"""Facts about a story that several rules share, computed once per check run."""

from __future__ import annotations

from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING

from ..analysis.narration import Narration, narration
from ..config import Config
from ..document.model import Story

if TYPE_CHECKING:
    from ..document.model import Token


class Context:
    """What a rule may ask about the story beyond its tokens: narration, names, glossary."""

    def __init__(self, story: Story, config: Config | None = None):
        self.story = story
        self.config = config or Config()

    @cached_property
    def narration(self) -> Narration:
        return narration(self.story)

    @cached_property
    def glossary(self) -> set[str]:
        """The writer's glossary, case-folded."""
        return {w.casefold() for w in self.config.glossary}

    @cached_property
    def word_counts(self) -> Counter:
        """How often each exact word form appears."""
        return Counter(t.text for t in self.story.tokens if t.text[:1].isalpha())

    @cached_property
    def names(self) -> set[str]:
        """Capitalised words the story uses as names: proper-noun tags or capitals mid-sentence.

        Case-folded; includes the glossary.
        """
        tokens = self.story.tokens
        sentences = self.story.sentences
        mid_caps: Counter = Counter()
        for t in tokens:
            word = t.text
            if not word[:1].isupper() or not word.replace("-", "").replace("'", "").replace("’", "").isalpha():
                continue
            at_start = t.i == sentences[t.sent].tok_start or tokens[t.i - 1].text in '"“‘\'(—-'
            if not at_start or t.tag in ("NNP", "NNPS"):
                mid_caps[t.text] += 1
        names = {w.casefold() for w in mid_caps if w != "I"}
        return names | self.glossary

    def is_name(self, word: str) -> bool:
        return word.casefold() in self.names

    def scene_of(self, token: "Token") -> int:
        return self.story.paragraphs[self.story.sentences[token.sent].paragraph].scene

    def options(self, rule_id: str) -> dict:
        return self.config.rule_options.get(rule_id, {})
