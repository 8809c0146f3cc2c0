"""EPUB (2 and 3): the content documents in spine order, through the HTML extraction.

Read with :class:`~betareader.readers.safety.SafeZip` and lxml rather than ebooklib:
ebooklib loads every item (images included) and parses with lxml's default
(entity-resolving) parser; here only ``META-INF/container.xml``, the OPF package and
the spine's XHTML are decompressed, each through the safe XML parser (XHTML that is
not well-formed, e.g. ``&nbsp;`` without a DTD, falls back to the HTML parser).

Each spine page goes through :func:`betareader.readers.html.read_page`, so AO3's EPUB
(a preface page with the work's metadata, one page per chapter with its notes, an
afterword) yields the same text, metadata and notes as AO3's HTML download; a generic
EPUB yields every page's text, headings and italics.  Pages marked ``linear="no"``
and the EPUB 3 navigation page are left out.  Metadata comes from the OPF (title,
author, language, subjects as tags, description as summary), overridden by AO3's
preface where there is one.
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import unquote

from lxml import etree

from ..errors import InputError
from .assemble import assemble
from .base import Source
from .html import Ao3Work, element_text, parse_html, read_page
from .safety import SafeZip, localname, parse_xml, reject_entities, xml_parser
from .text import decode

_HTML_TYPES = ("application/xhtml+xml", "text/html", "application/xml")
_DC_FIELDS = {"title": "title", "language": "language", "publisher": "publisher", "date": "date"}


def _package_path(archive: SafeZip) -> str:
    """Where the OPF package document is (container.xml, else the first .opf)."""
    if "META-INF/container.xml" in archive.infos:
        container = parse_xml(archive.read("META-INF/container.xml"), f"{archive.name}: META-INF/container.xml")
        for rootfile in container.iter("{*}rootfile"):
            path = rootfile.get("full-path")
            if path and path in archive.infos:
                return path
    for entry in archive.names():
        if entry.lower().endswith(".opf"):
            return entry
    raise InputError(f"{archive.name}: the epub has no package document (.opf); damaged or not an epub")


def _opf_metadata(opf: etree._Element) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    metadata = opf.find("{*}metadata")
    if metadata is None:
        return meta
    creators, subjects = [], []
    for element in metadata:
        field, value = localname(element), " ".join("".join(element.itertext()).split())
        if not value:
            continue
        if field == "creator":
            creators.append(value)
        elif field == "subject":
            subjects.append(value)
        elif field == "description":
            meta["summary"] = element_text(parse_html(value, "description")) if "<" in value else value
        elif field in _DC_FIELDS:
            meta.setdefault(_DC_FIELDS[field], value)
    if creators:
        meta["authors"], meta["author"] = creators, ", ".join(creators)
    if subjects:
        meta["tags"] = subjects
    return meta


def _spine_paths(opf: etree._Element, base: str) -> list[str]:
    """Archive paths of the spine's (X)HTML pages, in reading order."""
    manifest = {item.get("id"): item for item in opf.iterfind("{*}manifest/{*}item")}
    paths = []
    for itemref in opf.iterfind("{*}spine/{*}itemref"):
        item = manifest.get(itemref.get("idref"))
        if item is None or itemref.get("linear") == "no":
            continue
        if "nav" in (item.get("properties") or "").split():
            continue
        if (item.get("media-type") or "").lower() not in _HTML_TYPES:
            continue
        href = unquote((item.get("href") or "").split("#")[0])
        if href:
            paths.append(posixpath.normpath(posixpath.join(base, href)))
    return paths


def _parse_page(data: bytes, where: str) -> etree._Element:
    """XHTML as XML; not well-formed pages through the HTML parser."""
    reject_entities(data, where)
    try:
        return etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError:
        return parse_html(decode(data, where)[0], where)


def read(archive: SafeZip) -> Source:
    """An EPUB :class:`Source`."""
    name = archive.name
    package = _package_path(archive)
    opf = parse_xml(archive.read(package), f"{name}: {package}")
    work = Ao3Work()
    for path in _spine_paths(opf, posixpath.dirname(package)):
        if path in archive.infos:
            read_page(_parse_page(archive.read(path), f"{name}: {path}"), work)
    source = assemble(work.blocks, name=name, format="epub", metadata=_opf_metadata(opf) | work.metadata)
    if not source.text:
        raise InputError(f"{name}: the epub has no text in its spine (no readable chapters)")
    return source
