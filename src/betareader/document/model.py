"""The core document model: story → chapters → scenes → paragraphs → sentences.

Every span carries exact offsets (Unicode code points, end exclusive) into
``Story.text``, the text as read from the file (see ../shared/CONTRACT.md).
The model is built in two steps:

1. :func:`betareader.document.build_story` segments the text into chapters,
   scenes and paragraphs and finds dialogue (quotes), italic thought and
   author's notes.  No NLP is needed for this.
2. :func:`betareader.nlp.parse` adds sentences and tokens (spaCy), marking every
   token that lies inside speech or thought so checks can tell narration from
   dialogue at a glance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Span:
    """A stretch of the story text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def contains(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        return self.start <= start and end <= self.end


@dataclass(slots=True)
class Quote(Span):
    """One stretch of quoted speech inside a paragraph.

    ``start``/``end`` include the quote marks that are present; ``inner_start``/
    ``inner_end`` cover only the spoken words (marks and edge spaces excluded).
    A quote interrupted by narration (``"Go," she said, "now."``) is two quotes.
    """

    inner_start: int = 0
    inner_end: int = 0
    open_mark: str = '"'
    close_mark: str | None = '"'
    """None when the paragraph ended before the quote was closed."""
    paragraph: int = 0
    continues: bool = False
    """Speech that runs on into the next paragraph (which reopens the quote)."""
    continued: bool = False
    """This quote continues the speech of the previous paragraph."""
    problem: str | None = None
    """'unclosed' or 'stray-close' when the marks do not balance."""
    before_tag: bool = False
    """An unclosed quote cut short before the dialogue tag that follows it (``..., Pet said``):
    its closing mark is missing at ``end``."""

    @property
    def inner(self) -> Span:
        return Span(self.inner_start, self.inner_end)


@dataclass(slots=True)
class Token:
    """A word or punctuation mark, with the parse facts checks and analyses use.

    ``head`` and ``i`` index ``Story.tokens``; ``sent`` indexes ``Story.sentences``.
    ``speech`` is True inside dialogue or italic thought (anything not narration).
    """

    i: int
    text: str
    lower: str
    lemma: str
    tag: str
    pos: str
    dep: str
    head: int
    start: int
    end: int
    sent: int
    speech: bool
    ent: str = ""
    ws: bool = True
    """True when whitespace follows the token."""


@dataclass(slots=True)
class Sentence(Span):
    """A sentence as the parser splits it; ``tokens`` is a range into ``Story.tokens``."""

    paragraph: int = 0
    tok_start: int = 0
    tok_end: int = 0


@dataclass(slots=True)
class Paragraph(Span):
    """A paragraph: a block of text between blank lines (or one line, for line-per-paragraph files).

    ``kind`` is ``text`` for story prose, ``heading`` for a chapter heading,
    ``break`` for a scene-break line and ``note`` for an author's note, disclaimer
    or similar (left out of the checks).
    """

    index: int = 0
    kind: str = "text"
    chapter: int = 0
    scene: int = 0
    quotes: list[Quote] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Scene(Span):
    """Consecutive text paragraphs between scene breaks (``paragraphs`` are indexes)."""

    index: int = 0
    chapter: int = 0
    paragraphs: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Chapter(Span):
    """A chapter: from one heading to the next (a story without headings is one chapter)."""

    index: int = 0
    title: str | None = None
    scenes: list[int] = field(default_factory=list)


@dataclass
class Story:
    """A whole story: its text, structure, speech spans and (after parsing) tokens."""

    text: str
    name: str = "<text>"
    metadata: dict[str, Any] = field(default_factory=dict)
    chapters: list[Chapter] = field(default_factory=list)
    scenes: list[Scene] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    italics: list[Span] = field(default_factory=list)
    """Emphasis from the file or ``*asterisk*`` emphasis in plain text: thought, usually."""
    notes: list[Span] = field(default_factory=list)
    """Author's notes, disclaimers and inline ``(A/N: ...)``: left out of the checks."""
    stray_marks: list[Span] = field(default_factory=list)
    """Closing quote marks with no opening mark before them."""
    quote_style: str = "double"
    """``double`` or ``single``: the marks this story uses for dialogue."""
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    parsed_with: tuple[str, ...] = ()
    """The NLP components that produced ``tokens`` (empty before parsing)."""

    # -- convenience -------------------------------------------------------
    @property
    def prose_paragraphs(self) -> list[Paragraph]:
        """Paragraphs of story prose (no headings, breaks or author's notes)."""
        return [p for p in self.paragraphs if p.kind == "text"]

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.tok_start:sentence.tok_end]

    def paragraph_of(self, offset: int) -> Paragraph | None:
        """The paragraph containing ``offset`` (binary search)."""
        paras = self.paragraphs
        lo, hi = 0, len(paras) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            p = paras[mid]
            if offset < p.start:
                hi = mid - 1
            elif offset >= p.end:
                lo = mid + 1
            else:
                return p
        return None

    @property
    def word_count(self) -> int:
        if self.tokens:
            return sum(1 for t in self.tokens if t.text[:1].isalnum())
        return sum(len(self.text[p.start:p.end].split()) for p in self.prose_paragraphs)
