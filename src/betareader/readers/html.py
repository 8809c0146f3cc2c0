"""HTML (.html, .htm, .xhtml): AO3 downloaded works and generic pages.

Parsing is lxml's HTML parser (libxml2): nothing is executed, nothing is fetched
(``no_network``), comments and processing instructions are dropped.  lxml is used
directly rather than through BeautifulSoup: it is the same parser underneath, about
15 times faster on a novel-length page, and gives the epub reader (which parses XHTML
as XML) one tree API to share.

:func:`html_blocks` turns any element into paragraphs (the one HTML → text function,
shared with the epub reader): block elements (``p``, ``div``, ``h1``-``h6``, ``li``,
``blockquote`` ...) make paragraphs, ``h1``-``h6`` are headings, ``em``/``i``/``cite``
(and ``font-style: italic``) are italic spans, ``<br>`` is a line break, ``<hr>`` a
scene break written as ``* * *``.  ``script``, ``style``, ``nav``, ``header``,
``footer``, ``aside``, forms, embedded frames and media are ignored.

AO3's download layout (the same templates make its EPUB pages)::

    div#preface      p.message (title, work URL)
                     div.meta: dl.tags (dt/dd: Rating, Archive Warning, Category,
                     Fandom, Relationship, Character, Additional Tags, Language,
                     Series, Collections, Stats), h1 title, div.byline (author links),
                     p "Summary" + blockquote.userstuff, p "Notes" + blockquote.userstuff
    div#chapters     per chapter: div.meta.group (h2.heading title, chapter summary
                     and notes as labelled blockquotes), div.userstuff (the story),
                     div.meta.group with "Chapter End Notes"; a one-shot may put the
                     story straight into div#chapters
    div#afterword    div#endnotes (p "End Notes" + blockquote), works inspired by it

A work's page saved from the browser is read the same way: ``dl.work.meta`` holds the
tags, ``div.preface.group`` the title, byline, summary and notes, each
``div.chapter.preface.group`` a chapter's title (``h3.title``) and notes; the site's
header, navigation, kudos, comments and footer are left out, as are the
"Chapter Text" landmark headings.

The story text is the chapters (chapter titles as headings; the work title is
metadata, not text).  Summaries and notes stay out of the text: the work summary is
``metadata["summary"]``, every note is in ``metadata["notes"]`` as
``{"chapter": title or None, "kind": "notes" | "chapter notes" | "end notes" ...,
"text": ...}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..errors import InputError
from .assemble import Block, ParagraphBuilder, assemble
from .base import Source
from .safety import localname, short_reason
from .text import decode

BLOCK_TAGS = frozenset(
    "address article blockquote body caption center dd details dialog div dl dt fieldset figcaption "
    "figure h1 h2 h3 h4 h5 h6 html li main ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
ITALIC_TAGS = frozenset("i em cite var dfn".split())
SKIP_TAGS = frozenset(
    "script style noscript template iframe frame frameset object embed applet svg math head title "
    "nav header footer aside form button select textarea input canvas audio video map link meta".split()
)
SCENE_BREAK = "* * *"

_ITALIC_STYLE = re.compile(r"font-style\s*:\s*(italic|oblique)", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _skipped(element: etree._Element, tag: str | None = None) -> bool:
    """Elements whose content is never story text (AO3's "Chapter Text" landmarks too)."""
    if not isinstance(element.tag, str):
        return True
    if (tag or localname(element)) in SKIP_TAGS:
        return True
    attributes = element.attrib
    if not attributes:
        return False
    return (
        "landmark" in attributes.get("class", "").split()
        or "hidden" in attributes
        or attributes.get("aria-hidden") == "true"
    )


def _italic(element: etree._Element, tag: str) -> bool:
    return tag in ITALIC_TAGS or bool(_ITALIC_STYLE.search(element.get("style") or ""))


class _BlockWalker:
    """The walk behind :func:`html_blocks` (iterative: deep nesting cannot overflow).

    Each element's effect (italic, heading, ``pre``) is pushed on a stack at its start
    and popped at its end, so nothing about an element is computed twice.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.para = ParagraphBuilder(collapse=True)
        self.italic = 0
        self.heading = 0
        self.pre = 0
        self._open: list[tuple[bool, bool, bool, bool]] = []  # (block, heading, italic, pre)

    def flush(self) -> None:
        block = self.para.build(heading=self.heading > 0)
        if block is not None:
            self.blocks.append(block)
        self.para = ParagraphBuilder(collapse=True)

    def add(self, text: str | None) -> None:
        if text:
            self.para.add(text, italic=self.italic > 0, preserve=self.pre > 0)

    def walk(self, root: etree._Element) -> list[Block]:
        walker = etree.iterwalk(root, events=("start", "end"))
        skipped = None
        for event, element in walker:
            if event == "start":
                tag = localname(element)
                if _skipped(element, tag):
                    walker.skip_subtree()  # its "end" still comes, right after
                    skipped = element
                    continue
                self._start(element, tag)
            else:
                if element is not skipped:
                    self._end()
                if element is not root:
                    self.add(element.tail)
        self.flush()
        return self.blocks

    def _start(self, element: etree._Element, tag: str) -> None:
        state = (tag in BLOCK_TAGS, tag in HEADING_TAGS, _italic(element, tag), tag == "pre")
        self._open.append(state)
        if state[0]:
            self.flush()
        if tag == "br":
            self.para.line_break()
        elif tag == "hr":
            self.flush()
            self.blocks.append(Block(SCENE_BREAK))
        self.heading += state[1]
        self.italic += state[2]
        self.pre += state[3]
        self.add(element.text)

    def _end(self) -> None:
        block, heading, italic, pre = self._open.pop()
        if block:
            self.flush()
        self.heading -= heading
        self.italic -= italic
        self.pre -= pre


def html_blocks(element: etree._Element) -> list[Block]:
    """The paragraphs of an HTML/XHTML element (see the module docstring)."""
    return _BlockWalker().walk(element)


def element_text(element: etree._Element) -> str:
    """The plain text of an element, paragraphs joined by a blank line."""
    return "\n\n".join(block.text for block in html_blocks(element))


def _plain(element: etree._Element) -> str:
    """An element's text on one line (labels, links, titles)."""
    return " ".join("".join(element.itertext()).split())


# ----------------------------------------------------------------------------- AO3

_AO3_MARKERS = etree.XPath(  # substring tests: cheap on long pages, and distinctive enough
    "boolean(.//*[@id='preface' or @id='chapters' or @id='afterword' or @id='endnotes'"
    " or contains(@class, 'userstuff') or (local-name()='dl' and contains(@class, 'tags'))])"
)
_TAGS_DL = etree.XPath(  # dl.tags in downloads, dl.work.meta on the work's web page
    "boolean(descendant-or-self::*[local-name()='dl' and (contains(concat(' ', normalize-space(@class), ' '), ' tags ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' work '))])"
)
_HAS_STORY = etree.XPath(  # chapters or story userstuff (notes are blockquote.userstuff)
    "boolean(.//*[@id='chapters' or (local-name()!='blockquote'"
    " and contains(concat(' ', normalize-space(@class), ' '), ' userstuff '))])"
)
_AO3_CHROME = frozenset("feedback footer header kudos comments navigation actions splash skiplinks".split())
"""Ids/classes of the parts of a saved AO3 web page around the work (comments, kudos ...)."""
_NOTE_LABELS = frozenset(
    ["summary", "notes", "chapter summary", "chapter notes", "chapter end notes", "end notes"]
)
_LIST_FIELDS = {
    "archive warning": "warnings",
    "category": "categories",
    "fandom": "fandoms",
    "relationship": "relationships",
    "character": "characters",
    "additional tags": "tags",
    "freeform": "tags",
    "collections": "collections",
}
_TEXT_FIELDS = {"rating": "rating", "language": "language", "series": "series"}
_STAT = re.compile(r"([A-Za-z][A-Za-z ]*?):\s*([^:]+?)(?=\s+[A-Za-z][A-Za-z ]*:|$)")
_MAX_DEPTH = 12


def is_ao3(root: etree._Element) -> bool:
    """True when the page has AO3's work markup (preface/chapters/userstuff/tags)."""
    return bool(_AO3_MARKERS(root))


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _children(element: etree._Element) -> list[etree._Element]:
    return [child for child in element if isinstance(child.tag, str)]


def _label(text: str) -> str:
    return " ".join(text.split()).rstrip(":").strip().lower()


@dataclass
class Ao3Work:
    """What AO3 extraction collects across one page (or all pages of an epub)."""

    blocks: list[Block] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    chapter: str | None = None

    def add_page(self, root: etree._Element, depth: int = 0) -> None:
        """Sort the children of ``root`` into metadata, notes and story text."""
        for child in _children(root):
            tag, classes, ident = localname(child), _classes(child), child.get("id")
            if _skipped(child) or "message" in classes or ident in _AO3_CHROME or classes & _AO3_CHROME:
                continue
            work_preface = _TAGS_DL(child) or ("preface" in classes and "chapter" not in classes)
            if ident == "preface" or (work_preface and not _HAS_STORY(child)):
                self._preface(child)
            elif ident in ("afterword", "endnotes"):
                self._notes(child, chapter=None)
            elif "meta" in classes or "preface" in classes:  # a chapter's title, summary and notes
                self._chapter_meta(child)
            elif tag == "h2" and "heading" in classes:
                self._chapter_title(child)
            elif depth < _MAX_DEPTH and tag not in HEADING_TAGS and is_ao3(child):
                self.add_page(child, depth + 1)  # div#chapters, wrappers
            else:  # div.userstuff, or a one-shot's paragraphs straight in div#chapters
                self.blocks.extend(html_blocks(child))

    def _chapter_title(self, element: etree._Element) -> None:
        self.chapter = _plain(element)
        self.blocks.append(Block.heading(self.chapter))

    def _chapter_meta(self, element: etree._Element) -> None:
        """A chapter's title (the first h2/h3 that is not a notes label) and notes."""
        for heading in element.iter("{*}h2", "{*}h3"):
            if _label(_plain(heading)) not in _NOTE_LABELS:
                self._chapter_title(heading)
                break
        self._notes(element, self.chapter)

    def _notes(self, element: etree._Element, chapter: str | None) -> None:
        """Labelled blockquotes ("Notes", "Chapter Summary", "End Notes" ...) → notes.

        ``chapter`` is the chapter they belong to (None for the work's own).
        """
        for quote in element.iterfind(".//{*}blockquote"):
            label_element = quote.getprevious()
            label = _label(_plain(label_element)) if label_element is not None else "notes"
            text = element_text(quote)
            if not text:
                continue
            if label == "summary" and chapter is None:
                self.metadata["summary"] = text
            else:
                note = {"chapter": chapter, "kind": label or "notes", "text": text}
                self.metadata.setdefault("notes", []).append(note)

    def _preface(self, element: etree._Element) -> None:
        meta = self.metadata
        for dl in element.iterfind(".//{*}dl"):
            self._tags(dl)
        title = element.find(".//{*}h1")
        for candidate in element.iter("{*}h2"):  # the work's web page: h2.title
            if title is None and "title" in _classes(candidate):
                title = candidate
        if title is not None:
            meta["title"] = _plain(title)
        for byline in element.iterfind(".//*[@class]"):
            if "byline" in _classes(byline):
                links = [_plain(a) for a in byline.iterfind(".//{*}a")]
                authors = [a for a in links if a] or [re.sub(r"^by\s+", "", _plain(byline))]
                meta["authors"] = authors
                meta["author"] = ", ".join(authors)
                break
        for link in element.iterfind(".//{*}a[@href]"):
            if "/works/" in link.get("href", ""):
                meta.setdefault("url", link.get("href"))
        self._notes(element, chapter=None)

    def _tags(self, dl: etree._Element) -> None:
        """dt/dd pairs of AO3's ``dl.tags`` (``dl.work.meta`` on the web page) into metadata."""
        for label, dd in _pairs(dl):
            key = label.rstrip("s") if label.rstrip("s") in _LIST_FIELDS else label
            if key in _LIST_FIELDS:
                links = [_plain(a) for a in dd.iterfind(".//{*}a")]
                values = links or [v.strip() for v in _plain(dd).split(",")]
                self.metadata[_LIST_FIELDS[key]] = [v for v in values if v]
            elif key in _TEXT_FIELDS:
                self.metadata[_TEXT_FIELDS[key]] = _plain(dd)
            elif key == "stats":
                self.metadata["stats"] = _stats(dd)


def _pairs(dl: etree._Element) -> list[tuple[str, etree._Element]]:
    """(label, dd) for each dt/dd pair of a definition list."""
    pairs, label = [], None
    for child in _children(dl):
        if localname(child) == "dt":
            label = _label(_plain(child))
        elif localname(child) == "dd" and label is not None:
            pairs.append((label, child))
            label = None
    return pairs


def _stats(dd: etree._Element) -> dict[str, Any]:
    """``Published: 2020-01-01 Words: 1,234 Chapters: 2/2`` (as text or a nested dl) → a dict."""
    nested = dd.find(".//{*}dl")
    if nested is not None:
        items = [(label, _plain(value)) for label, value in _pairs(nested)]
    else:
        items = [(key.strip().lower(), value.strip()) for key, value in _STAT.findall(_plain(dd))]
    return {key: int(value.replace(",", "")) if value.replace(",", "").isdigit() else value for key, value in items}


# ----------------------------------------------------------------------------- pages

def _generic_metadata(root: etree._Element) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    title = root.find(".//{*}title")
    if title is not None and _plain(title):
        meta["title"] = _plain(title)
    for element in root.iterfind(".//{*}meta[@name]"):
        if element.get("name", "").lower() == "author" and element.get("content"):
            meta["author"] = element.get("content").strip()
    if root.get("lang"):
        meta["language"] = root.get("lang")
    return meta


def _main_content(root: etree._Element) -> etree._Element:
    """A generic page's article: <main>, a single <article>, role=main, else <body>."""
    for path in (".//{*}main", ".//*[@role='main']"):
        found = root.find(path)
        if found is not None:
            return found
    articles = root.findall(".//{*}article")
    if len(articles) == 1:
        return articles[0]
    body = root.find(".//{*}body")
    return body if body is not None else root


def read_page(root: etree._Element, work: Ao3Work) -> bool:
    """Add one page (an HTML file or an epub content document) to ``work``.

    Returns whether the page is in AO3's layout.
    """
    if is_ao3(root):
        body = root.find(".//{*}body")
        work.add_page(body if body is not None else root)
        return True
    work.blocks.extend(html_blocks(_main_content(root)))
    return False


def parse_html(markup: str, name: str) -> etree._Element:
    """Parse an HTML string with a safe parser; markup with no elements gives an empty page."""
    markup = _XML_DECLARATION.sub("", markup, count=1)
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(markup, parser)
    except ValueError as exc:
        raise InputError(f"{name}: not readable as HTML ({short_reason(exc)})") from exc
    return root if root is not None else etree.Element("html")  # None: only comments, or nothing


def read(data: bytes, name: str) -> Source:
    """An HTML :class:`Source` (AO3 work or generic page)."""
    markup, encoding = decode(data, name)
    root = parse_html(markup, name)
    work = Ao3Work()
    metadata = work.metadata if read_page(root, work) else _generic_metadata(root)
    return assemble(work.blocks, name=name, format="html", metadata=metadata, encoding=encoding)
