"""Markdown (.md, .markdown): markdown-it-py (CommonMark, plus tables and strikethrough).

Markup is stripped and every paragraph, heading, list item, quote, table cell and code
block becomes one paragraph of the text (see :mod:`betareader.readers.assemble` for
the joining rules).  Inside a paragraph the writer's line breaks stay ``"\\n"`` (both
soft and hard breaks) and spaces are kept; backslash escapes and entities are decoded.

* ``*x*`` / ``_x_`` (and inline ``<i>``/``<em>``) are italic spans; ``**bold**`` is not;
* ``#`` and setext headings are headings;
* a thematic break (``* * *``, ``***``, ``---``) is a scene break and is kept as
  written;
* link text is kept, images and link targets are not; raw HTML blocks go through the
  HTML reader's extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .assemble import Block, ParagraphBuilder, assemble
from .base import Source
from .html import html_blocks, parse_html
from .text import decode

_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_ITALIC_OPEN = re.compile(r"^<(i|em|cite)(\s[^>]*)?>$", re.I)
_ITALIC_CLOSE = re.compile(r"^</(i|em|cite)\s*>$", re.I)
_NEWLINE = re.compile(r"\r\n?|\n")  # markdown-it's own line split, so token.map lines match


def _inline(token: Token, heading: bool) -> Block | None:
    para = ParagraphBuilder()
    italic = 0
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "text_special", "code_inline"):
            para.add(child.content, italic > 0)
        elif kind in ("softbreak", "hardbreak"):
            para.line_break()
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind == "html_inline":
            italic += bool(_ITALIC_OPEN.match(child.content)) - bool(_ITALIC_CLOSE.match(child.content))
            italic = max(italic, 0)
    return para.build(heading=heading)


def _blocks(tokens: list[Token], lines: list[str], name: str) -> Iterator[Block | None]:
    heading = False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            yield _inline(token, heading)
        elif token.type == "hr" and token.map:
            yield Block.trimmed(lines[token.map[0]])
        elif token.type in ("fence", "code_block"):
            yield Block.trimmed(token.content)
        elif token.type == "html_block" and token.content.strip():
            yield from html_blocks(parse_html(token.content, name))


def read(data: bytes, name: str) -> Source:
    """A Markdown :class:`Source`."""
    source, encoding = decode(data, name)
    tokens = _MARKDOWN.parse(source)
    return assemble(_blocks(tokens, _NEWLINE.split(source), name), name=name, format="md", encoding=encoding)
