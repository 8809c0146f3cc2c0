"""Readers: every format a story comes in → one :class:`~betareader.readers.base.Source`.

>>> from betareader.readers import read_bytes
>>> read_bytes(b"She left.", "chapter.txt").text
'She left.'

:func:`read_path` reads a file or a folder of chapter files, :func:`read_bytes` an
upload.  The format is found from the content first and the extension second:

* a zip archive is a docx, odt or epub by its ``mimetype`` entry or its layout,
  whatever its extension says;
* ``.md``/``.markdown`` is Markdown and ``.html``/``.htm``/``.xhtml`` is HTML;
* anything else is HTML when it starts like an HTML page, else plain text.

Every bad input raises :class:`~betareader.errors.InputError` with one line that
names the file and says what is wrong: missing, unreadable, empty, too large, binary,
a PDF/RTF/.doc, a damaged or truncated archive, a zip bomb, XML entity declarations,
path-traversal entry names, no story text.  Errors that a parsing library raises on
damaged input are turned into such a line too, so no input ever ends in a traceback.
Limits: :data:`~betareader.readers.base.MAX_INPUT_BYTES` per file,
:data:`~betareader.readers.base.MAX_TEXT_CHARS` of text, and the archive limits of
:class:`~betareader.readers.safety.ArchiveLimits`.
"""

from __future__ import annotations

import codecs
import stat
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..errors import InputError
from . import docx, epub, folder, html, markdown, odt, text
from .base import MAX_INPUT_BYTES, MAX_TEXT_CHARS, Source
from .safety import SafeZip, short_reason

__all__ = ["MAX_INPUT_BYTES", "MAX_TEXT_CHARS", "Source", "read_bytes", "read_path", "detect_format", "EXTENSIONS"]

EXTENSIONS = {
    ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md", ".mdown": "md", ".mkd": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".odt": "odt", ".epub": "epub",
}  # fmt: skip
"""Extensions read as chapter files of a folder, and their usual formats."""

LABELS = {"txt": "text file", "md": "Markdown file", "html": "HTML file", "docx": "Word (.docx) file",
          "odt": "OpenDocument (.odt) file", "epub": "EPUB file", "folder": "folder"}

_BYTE_READERS: dict[str, Callable[[bytes, str], Source]] = {"txt": text.read, "md": markdown.read, "html": html.read}
_ARCHIVE_READERS: dict[str, Callable[[SafeZip], Source]] = {"docx": docx.read, "odt": odt.read, "epub": epub.read}

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")  # a member, an empty archive, a split one
_REFUSED_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old binary Office file (.doc): save it as .docx, .odt or .txt"),
    (b"%PDF-", "a PDF: export the story as .docx, .epub, .html or .txt"),
    (b"{\\rtf", "an RTF file: save it as .docx, .odt or .txt"),
)


def _size(size: int) -> str:
    """A byte count for people: 812 bytes, 40 KB, 52.4 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _zip_format(archive: SafeZip) -> str:
    """docx, odt or epub by the archive's mimetype entry or layout."""
    entries = archive.infos
    if "mimetype" in entries:
        mimetype = archive.read("mimetype")[:200].decode("ascii", "replace").strip()
        if mimetype == "application/epub+zip":
            return "epub"
        if mimetype.startswith("application/vnd.oasis.opendocument.text"):
            return "odt"
        if mimetype.startswith("application/vnd.oasis.opendocument"):
            raise InputError(f"{archive.name}: an OpenDocument file but not a text document ({mimetype})")
    if "[Content_Types].xml" in entries:
        types = archive.read("[Content_Types].xml")
        if b"wordprocessingml" in types or b"ms-word" in types:
            return "docx"
        raise InputError(f"{archive.name}: an Office file but not a Word document (a spreadsheet or presentation?)")
    if "META-INF/container.xml" in entries:
        return "epub"
    if "content.xml" in entries:
        return "odt"
    raise InputError(f"{archive.name}: a zip archive, but not a .docx, .odt or .epub document")


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(encoding, "ignore").encode("latin-1", "ignore")
            break
    head = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith(b"<?xml"):
        return b"<html" in head
    return head.startswith((b"<!doctype html", b"<html"))


def detect_format(data: bytes, name: str) -> str:
    """The format of ``data`` (one of txt, md, html, docx, odt, epub), or InputError."""
    return _open(data, name)[0]


def _open(data: bytes, name: str) -> tuple[str, SafeZip | None]:
    extension = Path(name).suffix.lower()
    expected = EXTENSIONS.get(extension)
    if data.startswith(_ZIP_MAGIC):
        archive = SafeZip(data, name, LABELS[expected] if expected in _ARCHIVE_READERS else "zip archive")
        return _zip_format(archive), archive
    for magic, what in _REFUSED_MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: {what}")
    if expected in _ARCHIVE_READERS:
        raise InputError(f"{name}: not a valid {LABELS[expected]} (damaged, or another format renamed)")
    if expected in ("md", "html"):
        return expected, None
    return ("html" if _looks_like_html(data) else "txt"), None


def read_bytes(data: bytes, name: str, *, max_bytes: int = MAX_INPUT_BYTES) -> Source:
    """Read a story from bytes (an upload or stdin); ``name`` gives the extension."""
    if len(data) > max_bytes:
        raise InputError(f"{name}: the file is {_size(len(data))}, over the {_size(max_bytes)} limit")
    if not data:
        raise InputError(f"{name}: the file is empty")
    fmt = ""
    try:
        fmt, archive = _open(data, name)
        source = _ARCHIVE_READERS[fmt](archive) if archive is not None else _BYTE_READERS[fmt](data, name)
    except InputError:
        raise
    except Exception as exc:  # a library choking on damaged input: one line, never a traceback
        raise InputError(
            f"{name}: cannot read this {LABELS.get(fmt, 'file')}; it looks damaged ({short_reason(exc)})"
        ) from exc
    return _checked(source, LABELS[fmt])


def _checked(source: Source, label: str) -> Source:
    if not source.text.strip():
        raise InputError(f"{source.name}: no story text in this {label}")
    if len(source.text) > MAX_TEXT_CHARS:
        raise InputError(f"{source.name}: {len(source.text):,} characters of text, over the "
                         f"{MAX_TEXT_CHARS:,} limit")
    return source


def read_path(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> Source:
    """Read a story file, or a folder of chapter files, as one :class:`Source`."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        source = folder.read(path, set(EXTENSIONS), partial(read_path, max_bytes=max_bytes))
        return _checked(source, LABELS["folder"])
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file")
    if info.st_size > max_bytes:
        raise InputError(f"{path}: the file is {_size(info.st_size)}, over the {_size(max_bytes)} limit")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return read_bytes(data, str(path), max_bytes=max_bytes)
