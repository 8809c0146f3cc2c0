"""Hostile archives and XML: each a clear one-line InputError, quickly, never a traceback."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
import story_files

from betareader.errors import InputError
from betareader.readers import read_bytes
from betareader.readers.safety import ArchiveLimits, SafeZip

ARCHIVES = ["story.docx", "story.odt", "story.epub", "generic.epub"]


def refused(data: bytes, name: str, *words: str) -> str:
    """Read ``data`` expecting an InputError that mentions ``words``; returns the message."""
    started = time.perf_counter()
    with pytest.raises(InputError) as error:
        read_bytes(data, name)
    message = str(error.value)
    assert time.perf_counter() - started < 10, "refusing took too long"
    assert message.startswith(f"{name}: ") and "\n" not in message
    for word in words:
        assert word in message, message
    return message


@pytest.mark.parametrize("name", ARCHIVES)
def test_zip_bomb_is_refused_from_the_directory(built: dict[str, bytes], name: str) -> None:
    bomb = story_files.zip_bomb(built[name])
    assert len(bomb) < 1024 * 1024  # 64 MB of zeros in well under 1 MB
    refused(bomb, name, "zip bomb")


def test_total_size_limit_counts_declared_and_read_bytes(built: dict[str, bytes]) -> None:
    small = ArchiveLimits(max_total_size=20_000)
    with pytest.raises(InputError, match="expands to more than"):
        SafeZip(built["story.docx"], "story.docx", limits=small)
    # sizes read are counted too: a budget the directory allows but reading exceeds
    archive = SafeZip(built["story.epub"], "story.epub")
    archive.limits = ArchiveLimits(max_total_size=1_000)
    with pytest.raises(InputError, match="expands to more than"):
        for entry in archive.names():
            archive.read(entry)


def test_entry_inflating_past_its_declared_size_is_refused(built: dict[str, bytes]) -> None:
    archive = SafeZip(built["story.docx"], "story.docx")
    info = archive.infos["word/document.xml"]
    info.file_size = 100  # the directory lies
    with pytest.raises(InputError, match="inflates past its declared size|damaged"):
        try:
            archive.read("word/document.xml")
        except zipfile.BadZipFile as exc:  # zipfile's own CRC check may fire first
            raise InputError("damaged") from exc


@pytest.mark.parametrize("name", ARCHIVES)
def test_too_many_entries(built: dict[str, bytes], name: str) -> None:
    refused(story_files.many_entries(built[name], 5_001), name, "entries", "limit")


@pytest.mark.parametrize("entry", ["../../evil.txt", "/etc/passwd", "word/../../x.xml", "C:/Windows/x", "..\\evil"])
def test_path_traversal_entry_names(built: dict[str, bytes], entry: str) -> None:
    refused(story_files.traversal(built["story.docx"], entry), "story.docx", "path traversal")
    refused(story_files.traversal(built["story.epub"], entry), "story.epub", "path traversal")


def test_billion_laughs_docx() -> None:
    refused(story_files.billion_laughs_docx(), "laughs.docx", "entities")


def test_billion_laughs_epub() -> None:
    refused(story_files.billion_laughs_epub(), "laughs.epub", "entities")


def test_billion_laughs_in_the_epub_package_and_odt(built: dict[str, bytes]) -> None:
    odt = story_files.rezip(built["story.odt"], replace={"content.xml": story_files.LAUGHS + b"<x>&lol9;</x>"})
    refused(odt, "laughs.odt", "entities")
    epub = story_files.rezip(built["story.epub"],
                             replace={"EPUB/content.opf": story_files.LAUGHS + b"<package>&lol9;</package>"})
    refused(epub, "laughs.epub", "entities")


@pytest.mark.parametrize("name", ARCHIVES)
@pytest.mark.parametrize("fraction", [0.5, 0.9, 0.1])
def test_truncated_files(built: dict[str, bytes], name: str, fraction: float) -> None:
    data = built[name]
    refused(data[: int(len(data) * fraction)], name, "damaged or truncated")


@pytest.mark.parametrize("name", ["x.docx", "x.odt", "x.epub", "x.html", "x.md", "x.txt", "x"])
def test_random_bytes(name: str) -> None:
    import random

    rng = random.Random(4)
    data = bytes(rng.randrange(256) for _ in range(20_000))
    refused(data, name)


def test_duplicate_and_encrypted_entries(built: dict[str, bytes]) -> None:
    out = io.BytesIO(built["story.docx"])
    with zipfile.ZipFile(out, "a") as archive, pytest.warns(UserWarning):
        archive.writestr("word/document.xml", b"<again/>")
    refused(out.getvalue(), "dup.docx", "two entries")
    data = bytearray(built["story.docx"])
    # set the "encrypted" flag on every central-directory record
    index = data.find(b"PK\x01\x02")
    while index != -1:
        data[index + 8] |= 0x1
        index = data.find(b"PK\x01\x02", index + 4)
    refused(bytes(data), "locked.docx", "encrypted")


def test_archives_that_are_not_story_documents(built: dict[str, bytes]) -> None:
    xlsx = io.BytesIO()
    with zipfile.ZipFile(xlsx, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types><Override ContentType='spreadsheetml.sheet'/></Types>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
    refused(xlsx.getvalue(), "sheet.docx", "not a Word document")
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("story.txt", b"hello")
    refused(plain.getvalue(), "stories.zip", "not a .docx, .odt or .epub")
    ods = story_files.rezip(built["story.odt"], replace={"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    refused(ods, "sheet.odt", "not a text document")


def test_epub_without_spine_text(built: dict[str, bytes]) -> None:
    empty_pages = story_files.epub_bytes([("blank.xhtml", "<p> </p>"), ("image.xhtml", '<img src="cover.jpg"/>')])
    refused(empty_pages, "empty.epub", "no text in its spine")
    with zipfile.ZipFile(io.BytesIO(built["story.epub"])) as archive:
        opf = archive.read("EPUB/content.opf")
    no_spine = story_files.rezip(built["story.epub"], replace={
        "EPUB/content.opf": opf.replace(b"<itemref", b"<ignored").replace(b"</itemref", b"</ignored")})
    refused(no_spine, "nospine.epub", "no text in its spine")
    no_package = story_files.rezip(built["story.epub"], replace={"EPUB/content.opf": b"<not-xml"})
    refused(no_package, "badopf.epub", "damaged XML")


def test_damaged_document_xml_is_one_line(built: dict[str, bytes]) -> None:
    broken = story_files.rezip(built["story.docx"], replace={"word/document.xml": b"<w:document><w:body>"})
    refused(broken, "broken.docx", "damaged")
