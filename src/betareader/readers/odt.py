"""OpenDocument text (.odt: LibreOffice, OpenOffice, Google Docs export): odfpy.

The same rules as :mod:`betareader.readers.docx`, in ODF's terms:

* ``text:p`` is a paragraph, ``text:h`` a heading (so is a ``text:p`` whose style is
  ``Title``/``Heading*`` or based on one); lists, sections and table cells are
  descended into in order;
* a ``text:span`` is italic when its style (automatic styles of content.xml or common
  styles of styles.xml, followed through ``style:parent-style-name``) has
  ``fo:font-style="italic"``; a paragraph style's italics apply to its whole text;
* ODF collapses runs of whitespace inside a paragraph (its own rule), extra spaces are
  ``text:s``, tabs ``text:tab``, line breaks ``text:line-break``;
* tracked changes: deleted text lives in ``text:tracked-changes`` and is left out,
  inserted text is inline and kept; comments (``office:annotation``), footnotes,
  frames and the generated table of contents are left out.

odfpy parses with defusedxml; the archive is checked for bombs and entity
declarations before odfpy opens it.  Title and author from meta.xml go into
``metadata``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from odf.element import Element, Node
from odf.namespaces import DCNS, DRAWNS, FONS, METANS, OFFICENS, STYLENS, TEXTNS
from odf.opendocument import load

from .assemble import Block, ParagraphBuilder, assemble
from .base import Source
from .safety import SafeZip

_P, _H = (TEXTNS, "p"), (TEXTNS, "h")
_SKIP = frozenset(
    [(TEXTNS, tag) for tag in ("tracked-changes", "note", "table-of-content", "sequence-decls",
                               "variable-decls", "user-field-decls", "change", "change-start", "change-end")]
    + [(OFFICENS, "annotation"), (OFFICENS, "annotation-end"), (OFFICENS, "forms")]
    + [(DRAWNS, tag) for tag in ("frame", "a", "custom-shape", "g", "rect", "line")]
)
_HEADING_NAMES = ("heading", "title")


class _Styles:
    """Italic and heading properties of named styles, following parent styles."""

    def __init__(self, *containers: Element | None) -> None:
        self.parent: dict[str, str | None] = {}
        self.italic_of: dict[str, bool | None] = {}
        self.heading_of: dict[str, bool] = {}
        for container in containers:
            for style in getattr(container, "childNodes", []):
                if style.qname != (STYLENS, "style"):
                    continue
                name = style.getAttrNS(STYLENS, "name")
                display = style.getAttrNS(STYLENS, "display-name") or name or ""
                self.parent[name] = style.getAttrNS(STYLENS, "parent-style-name")
                self.heading_of[name] = display.lower().startswith(_HEADING_NAMES)
                self.italic_of[name] = None
                for props in style.childNodes:
                    if props.qname == (STYLENS, "text-properties"):
                        font_style = props.getAttrNS(FONS, "font-style")
                        if font_style:
                            self.italic_of[name] = font_style in ("italic", "oblique")

    def _chain(self, name: str | None) -> Iterator[str]:
        seen: set[str] = set()
        while name and name in self.parent and name not in seen:
            seen.add(name)
            yield name
            name = self.parent[name]

    def italic(self, name: str | None) -> bool | None:
        return next((self.italic_of[n] for n in self._chain(name) if self.italic_of[n] is not None), None)

    def heading(self, name: str | None) -> bool:
        return any(self.heading_of[n] for n in self._chain(name))


def _paragraph(element: Element, styles: _Styles) -> Block | None:
    style = element.getAttrNS(TEXTNS, "style-name")
    para = ParagraphBuilder(collapse=True)
    stack: list[tuple[Element, bool]] = [(child, bool(styles.italic(style))) for child in reversed(element.childNodes)]
    while stack:
        node, italic = stack.pop()
        if node.nodeType == Node.TEXT_NODE:
            para.add(node.data, italic)
            continue
        if node.nodeType != Node.ELEMENT_NODE or node.qname in _SKIP:
            continue
        qname = node.qname
        if qname == (TEXTNS, "s"):
            para.add(" " * _count(node), italic, preserve=True)
        elif qname == (TEXTNS, "tab"):
            para.add("\t", italic, preserve=True)
        elif qname == (TEXTNS, "line-break"):
            para.line_break()
        else:  # span, a, ruby, meta ... : a span's own style decides its italics
            own = styles.italic(node.getAttrNS(TEXTNS, "style-name")) if qname == (TEXTNS, "span") else None
            inner = italic if own is None else own
            stack.extend((child, inner) for child in reversed(node.childNodes))
    return para.build(heading=element.qname == _H or styles.heading(style))


def _count(node: Element) -> int:
    try:
        return max(1, min(int(node.getAttrNS(TEXTNS, "c") or 1), 1000))
    except ValueError:
        return 1


def _blocks(body: Element, styles: _Styles) -> Iterator[Block | None]:
    stack = list(reversed(body.childNodes))
    while stack:
        node = stack.pop()
        if node.nodeType != Node.ELEMENT_NODE or node.qname in _SKIP:
            continue
        if node.qname in (_P, _H):
            yield _paragraph(node, styles)
        else:  # list, list-item, section, table, table-row, table-cell ...
            stack.extend(reversed(node.childNodes))


def _text_of(node: Element) -> str:
    if node.nodeType == Node.TEXT_NODE:
        return node.data
    return "".join(_text_of(child) for child in node.childNodes)


def _metadata(meta: Element | None) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for node in getattr(meta, "childNodes", []):
        key = {(DCNS, "title"): "title", (DCNS, "creator"): "author", (METANS, "initial-creator"): "author"}.get(
            getattr(node, "qname", None)
        )
        value = " ".join(_text_of(node).split())
        if key and value:
            found.setdefault(key, value)
    return found


def read(archive: SafeZip) -> Source:
    """An ODT :class:`Source`."""
    archive.check_all_xml()
    document = load(io.BytesIO(archive.data))  # the dispatcher checked it is a text document
    styles = _Styles(document.automaticstyles, document.styles)
    return assemble(_blocks(document.text, styles), name=archive.name, format="odt",
                    metadata=_metadata(document.meta))
