"""Typed results of the story analyses (the ``analyze`` command's JSON is built from these)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Character:
    """A person in the story, with every name the text uses for them."""

    id: str
    """Unique, stable kebab-case id (``mira-okafor``)."""
    name: str
    """The fullest proper name (``Mira Okafor``)."""
    aliases: list[str] = field(default_factory=list)
    """Every other form the text uses: first name, surname with title, nickname, honorific form."""
    pronouns: str | None = None
    """``she/her``, ``he/him``, ``they/them``, ``xe/xem`` ... from usage; None when unknown."""
    mentions: int = 0
    """Name mentions plus resolved pronoun mentions."""
    first_mention: int = 0
    """Offset of the first mention in the story text."""
    narrator: bool = False
    """The first-person narrator."""
    mention_offsets: list[int] = field(default_factory=list)
    """Offsets of the mentions (name and resolved pronoun), for presence over the story."""


@dataclass
class AttributedQuote:
    """One stretch of spoken words and who says it."""

    start: int
    end: int
    """The spoken words (``Quote.inner_start``/``inner_end``)."""
    speaker: str | None
    """A :class:`Character` id, or None when nothing supports a guess."""
    confidence: float = 0.0
    method: str = "none"
    """The evidence used: explicit-tag, pronoun-tag, vocative, beat, turn-taking, narrator, none."""
    thought: bool = False
    """Quoted thought, not speech: its tag is a verb of thinking (``'Well!' thought Alice``)."""
