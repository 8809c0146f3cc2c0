"""Text assembly shared by every structured reader (md, docx, odt, html, epub, folder).

A structured reader does not build ``Source.text`` itself: it produces a list of
:class:`Block` (one per paragraph or heading, usually with a :class:`ParagraphBuilder`)
and hands it to :func:`assemble`, which joins them and computes every span.

Whitespace rules (what "the extracted text equals the story" means for these formats):

* paragraphs (and headings) are joined by exactly one blank line, ``"\\n\\n"``;
* a paragraph's leading and trailing whitespace is dropped, and paragraphs that are
  empty after that (spacing paragraphs, ``<p>&nbsp;</p>``) are left out;
* a line break inside a paragraph (``<br>``, Word's soft return, Markdown's line end)
  is ``"\\n"``; spaces before it are dropped (in HTML and ODF those after it too);
* HTML and ODF collapse runs of spaces, tabs and newlines inside a paragraph to one
  space (the formats define them so); docx and Markdown keep the writer's spaces and
  tabs as they are; ``<pre>``/code blocks keep everything;
* italic spans are trimmed to the words (no whitespace at either end) and two spans
  separated only by spaces are merged into one.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from .base import Source

Span = tuple[int, int]

_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")


@dataclass
class Block:
    """One paragraph of the story with its spans relative to the paragraph's start."""

    text: str
    italics: list[Span] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)

    @classmethod
    def heading(cls, text: str) -> Block:
        """A block that is one heading (``text`` stripped)."""
        text = text.strip()
        return cls(text, headings=[(0, len(text))] if text else [])

    @classmethod
    def trimmed(cls, text: str, italics: Collection[Span] = (), headings: Collection[Span] = ()) -> Block:
        """A block of ``text`` stripped at both ends, its spans shifted and clipped to match."""
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        return cls(text, _normalise_spans(text, italics, lead), _normalise_spans(text, headings, lead))


def _normalise_spans(text: str, spans: Collection[Span], shift: int = 0) -> list[Span]:
    """Shift spans by ``-shift``, clip them to ``text``, trim whitespace, merge neighbours."""
    if not spans:
        return []
    out: list[Span] = []
    for start, end in sorted(spans):
        start, end = max(start - shift, 0), min(end - shift, len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        if out and (out[-1][1] >= start or text[out[-1][1]:start].strip(" ") == ""):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class ParagraphBuilder:
    """Accumulates one paragraph from pieces of text (runs, text nodes, tokens).

    ``collapse=True`` applies HTML/ODF whitespace rules to the pieces added with
    :meth:`add` (see the module docstring); ``preserve=True`` on a single call keeps
    that piece as it is (``<pre>``, ODF ``text:s``).
    """

    def __init__(self, collapse: bool = False) -> None:
        self.collapse = collapse
        self._parts: list[str] = []
        self._length = 0
        self._italics: list[Span] = []

    def _last_char(self) -> str:
        return self._parts[-1][-1] if self._parts else ""

    def add(self, text: str, italic: bool = False, preserve: bool = False) -> None:
        """Append ``text`` (``italic`` marks it as emphasis)."""
        if not text:
            return
        if self.collapse and not preserve:
            text = _COLLAPSIBLE.sub(" ", text)
            if text.startswith(" ") and self._last_char() in ("", " ", "\n"):
                text = text[1:]
            if not text:
                return
        if italic:
            self._italics.append((self._length, self._length + len(text)))
        self._parts.append(text)
        self._length += len(text)

    def line_break(self) -> None:
        """A line break inside the paragraph: ``"\\n"``, trailing spaces before it dropped."""
        while self._parts and self._parts[-1].endswith(" "):
            last = self._parts.pop()
            kept = last.rstrip(" ")
            self._length -= len(last) - len(kept)
            if kept:
                self._parts.append(kept)
                break
        self._italics = [(start, min(end, self._length)) for start, end in self._italics]
        self._parts.append("\n")
        self._length += 1

    def build(self, heading: bool = False) -> Block | None:
        """The finished paragraph as a :class:`Block`, or ``None`` when it is blank."""
        block = Block.trimmed("".join(self._parts), self._italics)
        if not block.text:
            return None
        if heading:
            block.headings = [(0, len(block.text))]
        return block


def assemble(
    blocks: Iterable[Block | None],
    *,
    name: str,
    format: str,
    metadata: dict[str, Any] | None = None,
    encoding: str = "utf-8",
) -> Source:
    """Join ``blocks`` with ``"\\n\\n"`` into a :class:`Source`, shifting every span."""
    parts: list[str] = []
    italics: list[Span] = []
    headings: list[Span] = []
    offset = 0
    for block in blocks:
        if block is None or not block.text:
            continue
        if parts:
            parts.append("\n\n")
            offset += 2
        parts.append(block.text)
        italics.extend((s + offset, e + offset) for s, e in block.italics)
        headings.extend((s + offset, e + offset) for s, e in block.headings)
        offset += len(block.text)
    return Source(
        text="".join(parts),
        name=name,
        format=format,
        metadata=metadata or {},
        italics=italics,
        headings=headings,
        encoding=encoding,
    )
