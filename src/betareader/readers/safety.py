"""Safe access to untrusted archives and XML: every reader of a zip format goes through here.

* :class:`SafeZip` opens docx/odt/epub archives and refuses, with one clear line,
  damaged or truncated archives, encrypted entries, path-traversal entry names,
  duplicate names and zip bombs.  Bomb limits are checked twice: on the sizes the zip
  directory declares (before anything is decompressed) and while reading, where a
  member that inflates past its declared size or past the archive's total budget is
  cut off.  (Libraries that open the archive again themselves, python-docx and odfpy,
  read through :mod:`zipfile`, which stops every member at its declared size and then
  fails the CRC check, so the directory checks bound them too.)
* :func:`reject_entities` refuses XML that declares entities (billion laughs, external
  entities) before any parser sees it; :func:`xml_parser` makes lxml parsers that
  would not expand or fetch them anyway (``resolve_entities=False``, no DTD loading,
  no network).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..errors import InputError


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds on what one archive may make us decompress."""

    max_entries: int = 5_000
    """A docx has ~20 entries, a long illustrated epub a few hundred."""
    max_total_size: int = 256 * 1024 * 1024
    """Uncompressed bytes over all entries (declared, and actually read)."""
    max_ratio: int = 200
    """Uncompressed/compressed size of one entry; text XML stays well under 50."""
    ratio_floor: int = 1024 * 1024
    """Entries smaller than this are not ratio-checked (tiny files compress oddly)."""


DEFAULT_LIMITS = ArchiveLimits()

_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


def _unsafe_name(entry: str) -> bool:
    """True for absolute paths, drive letters, ``..`` components and NUL bytes."""
    parts = re.split(r"[\\/]", entry)
    return entry.startswith(("/", "\\")) or bool(_DRIVE.match(entry)) or ".." in parts or "\0" in entry


class SafeZip:
    """A zip archive checked against :class:`ArchiveLimits` before and while reading."""

    def __init__(self, data: bytes, name: str, kind: str = "zip archive", limits: ArchiveLimits = DEFAULT_LIMITS):
        self.data = data
        self.name = name
        self.kind = kind
        self.limits = limits
        self._read_total = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError) as exc:
            raise InputError(f"{name}: the {kind} is damaged or truncated (not a complete zip archive)") from exc
        self._check_directory(infos)
        self.infos = {info.filename: info for info in infos}

    def _fail(self, problem: str) -> InputError:
        return InputError(f"{self.name}: {problem}; refused")

    def _check_directory(self, infos: list[zipfile.ZipInfo]) -> None:
        limits = self.limits
        if len(infos) > limits.max_entries:
            raise self._fail(f"the archive has {len(infos):,} entries (limit {limits.max_entries:,})")
        seen: set[str] = set()
        total = 0
        for info in infos:
            entry = info.filename
            if _unsafe_name(entry):
                raise self._fail(f"unsafe entry name {entry!r} in the archive (path traversal)")
            if entry in seen:
                raise self._fail(f"the archive has two entries named {entry!r}")
            seen.add(entry)
            if info.flag_bits & 0x1:
                raise self._fail(f"the archive is encrypted ({entry!r} needs a password)")
            total += info.file_size
            if total > limits.max_total_size:
                raise self._fail(self._too_big_message())
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
                raise self._fail(
                    f"entry {entry!r} expands {ratio:,.0f} times (limit {limits.max_ratio}): a zip bomb"
                )

    def _too_big_message(self) -> str:
        limit_mb = self.limits.max_total_size // (1024 * 1024)
        return f"the archive expands to more than {limit_mb} MB (a zip bomb?)"

    def names(self) -> list[str]:
        """Entry names in archive order."""
        return list(self.infos)

    def read(self, entry: str) -> bytes:
        """The bytes of ``entry``, decompressed in bounded chunks.

        Raises :class:`InputError` when the entry is missing, inflates past its
        declared size, or takes the archive past its total budget.
        """
        info = self.infos.get(entry)
        if info is None:
            raise InputError(f"{self.name}: the {self.kind} has no {entry!r} (damaged?)")
        chunks: list[bytes] = []
        size = 0
        with self._zip.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                self._read_total += len(chunk)
                if size > info.file_size:
                    raise self._fail(f"entry {entry!r} inflates past its declared size (a zip bomb?)")
                if self._read_total > self.limits.max_total_size:
                    raise self._fail(self._too_big_message())
                chunks.append(chunk)
        return b"".join(chunks)

    def read_xml(self, entry: str, allow_doctype: bool = True) -> bytes:
        """:meth:`read` followed by :func:`reject_entities`."""
        data = self.read(entry)
        reject_entities(data, f"{self.name}: {entry}", allow_doctype=allow_doctype)
        return data

    def check_all_xml(self, allow_doctype: bool = False) -> None:
        """Read every XML-ish entry once and refuse any that declares entities.

        Used before handing the archive to a library (python-docx, odfpy) that parses
        parts on its own.
        """
        for entry in self.infos:
            if entry.lower().endswith((".xml", ".rels", ".xhtml", ".html", ".htm", ".opf", ".ncx")):
                self.read_xml(entry, allow_doctype=allow_doctype)


_ENTITY_MARKERS = tuple(
    marker.encode(enc) for marker in ("<!ENTITY",) for enc in ("ascii", "utf-16-le", "utf-16-be")
)
_DOCTYPE_MARKERS = tuple(
    marker.encode(enc) for marker in ("<!DOCTYPE",) for enc in ("ascii", "utf-16-le", "utf-16-be")
)


def reject_entities(data: bytes, where: str, allow_doctype: bool = True) -> None:
    """Refuse XML that declares entities (and, unless ``allow_doctype``, any DOCTYPE)."""
    if any(marker in data for marker in _ENTITY_MARKERS):
        raise InputError(f"{where}: the XML declares entities (an entity-expansion attack?); refused")
    if not allow_doctype and any(marker in data for marker in _DOCTYPE_MARKERS):
        raise InputError(f"{where}: unexpected DOCTYPE in the document's XML; refused")


def xml_parser() -> etree.XMLParser:
    """The lxml XML parser for untrusted input: no entity expansion, no DTD, no network.

    A new one per document: lxml parsers must not be shared between threads.
    """
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def short_reason(exc: BaseException, limit: int = 160) -> str:
    """A library exception as a short single line for an InputError message."""
    message = " ".join(str(getattr(exc, "msg", None) or exc).split())[:limit]
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse untrusted XML with :func:`xml_parser` after :func:`reject_entities`."""
    reject_entities(data, where)
    try:
        return etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{where}: damaged XML ({short_reason(exc)})") from exc


_LOCALNAMES: dict[str, str] = {}


def localname(element: etree._Element) -> str:
    """An element's tag without namespace, lower-cased ('' for comments and PIs)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    name = _LOCALNAMES.get(tag)
    if name is None:
        name = tag.rpartition("}")[2].lower()
        if len(_LOCALNAMES) < 4096:  # memo for the usual few dozen tags, bounded against odd input
            _LOCALNAMES[tag] = name
    return name
