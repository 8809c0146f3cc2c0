"""Word .docx (Word, Google Docs, LibreOffice exports): python-docx opens the package.

The text is read from the body's XML in document order, tables included (each cell's
paragraphs in row order), so that what the writer sees in Word is what betareader
reads:

* every ``w:p`` is a paragraph (empty ones are dropped, see
  :mod:`betareader.readers.assemble`); spaces and tabs are kept as typed;
* a paragraph whose style is ``Title`` or ``Heading N`` (or based on one, or with an
  outline level) is a heading;
* a run is italic when its own properties say so (``w:i``), else its character style,
  else its paragraph style (styles followed through ``basedOn``);
* tracked changes: deletions (``w:del``, ``w:moveFrom``) are left out, insertions
  (``w:ins``, ``w:moveTo``) kept, as in the document after "accept all";
* comments, footnote references, field instructions, drawings and text boxes are left
  out (comment text lives in its own part and never enters the story);
* soft returns (``w:br``, ``w:cr``) are line breaks; scene breaks are paragraphs like
  any other, so ``* * *`` stays ``* * *``.

The title and author from the document's core properties go into ``metadata``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
from lxml import etree

from .assemble import Block, ParagraphBuilder, assemble
from .base import Source
from .safety import SafeZip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Never descended into: deleted text, alternative renderings, properties, objects.
_SKIP = frozenset(
    W + tag
    for tag in (
        "del moveFrom pPr rPr sectPr tblPr tblGrid trPr tcPr sdtPr sdtEndPr drawing pict object "
        "commentRangeStart commentRangeEnd bookmarkStart bookmarkEnd proofErr txbxContent"
    ).split()
) | {MC + "Fallback"}
_OFF = ("0", "false", "off")
_HEADING_NAME = re.compile(r"^(heading\s*\d+|title)$", re.I)


@dataclass
class _Style:
    name: str
    based_on: str | None
    italic: bool | None
    heading: bool


def _flag(element: etree._Element | None) -> bool | None:
    """The value of an on/off property element (``<w:i/>``, ``<w:i w:val="0"/>``)."""
    if element is None:
        return None
    return element.get(W + "val", "1").lower() not in _OFF


class _Styles:
    """Italic and heading properties of the document's styles, following ``basedOn``."""

    def __init__(self, styles_element: etree._Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        if styles_element is None:
            return
        for style in styles_element.iterfind(W + "style"):
            style_id = style.get(W + "styleId")
            if not style_id:
                continue
            name_element, based_on = style.find(W + "name"), style.find(W + "basedOn")
            name = name_element.get(W + "val", "") if name_element is not None else ""
            self.styles[style_id] = _Style(
                name=name,
                based_on=based_on.get(W + "val") if based_on is not None else None,
                italic=_flag(style.find(f"{W}rPr/{W}i")),
                heading=bool(_HEADING_NAME.match(name) or _HEADING_NAME.match(style_id))
                or style.find(f"{W}pPr/{W}outlineLvl") is not None,
            )
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default_paragraph = style_id

    def _chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def italic(self, style_id: str | None) -> bool | None:
        return next((s.italic for s in self._chain(style_id) if s.italic is not None), None)

    def heading(self, style_id: str | None) -> bool:
        return any(s.heading for s in self._chain(style_id))


def _style_id(properties: etree._Element | None, tag: str) -> str | None:
    if properties is None:
        return None
    element = properties.find(W + tag)
    return element.get(W + "val") if element is not None else None


def _add_run(run: etree._Element, para: ParagraphBuilder, italic: bool) -> None:
    for child in run:
        tag = child.tag
        if tag == W + "t":
            para.add(child.text or "", italic)
        elif tag == W + "tab":
            para.add("\t", italic)
        elif tag in (W + "br", W + "cr"):
            para.line_break()
        elif tag == W + "noBreakHyphen":
            para.add("-", italic)


def _paragraph(p: etree._Element, styles: _Styles) -> Block | None:
    properties = p.find(W + "pPr")
    style_id = _style_id(properties, "pStyle") or styles.default_paragraph
    para_italic = bool(styles.italic(style_id))
    heading = styles.heading(style_id) or (properties is not None and properties.find(W + "outlineLvl") is not None)
    para = ParagraphBuilder()
    stack = list(reversed(p))
    while stack:
        element = stack.pop()
        if element.tag == W + "r":
            run_properties = element.find(W + "rPr")
            italic = _flag(run_properties.find(W + "i")) if run_properties is not None else None
            if italic is None:
                italic = styles.italic(_style_id(run_properties, "rStyle"))
            _add_run(element, para, para_italic if italic is None else italic)
        elif element.tag not in _SKIP and element.tag != W + "p" and isinstance(element.tag, str):
            stack.extend(reversed(element))  # hyperlink, ins, moveTo, smartTag, sdt, fldSimple ...
    return para.build(heading=heading)


def _blocks(body: etree._Element, styles: _Styles) -> Iterator[Block | None]:
    """Paragraphs in document order, descending into tables and content controls."""
    stack = list(reversed(body))
    while stack:
        element = stack.pop()
        if element.tag == W + "p":
            yield _paragraph(element, styles)
        elif element.tag not in _SKIP and isinstance(element.tag, str):
            stack.extend(reversed(element))  # tbl, tr, tc, sdt, sdtContent, customXml, ins ...


def _metadata(document: Any) -> dict[str, Any]:
    properties = document.core_properties
    meta = {"title": properties.title, "author": properties.author}
    return {key: value.strip() for key, value in meta.items() if value and value.strip()}


def read(archive: SafeZip) -> Source:
    """A docx :class:`Source` (the archive is checked for bombs and entities first)."""
    archive.check_all_xml()
    document = docx.Document(io.BytesIO(archive.data))
    styles = _Styles(document.styles.element)
    return assemble(_blocks(document.element.body, styles), name=archive.name, format="docx",
                    metadata=_metadata(document))
