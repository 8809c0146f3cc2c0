"""read_path: missing, unreadable, special and large files; folders of chapter files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import story_files

from betareader.errors import InputError
from betareader.readers import read_path
from betareader.readers.folder import natural_key


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        read_path(tmp_path / "nope.docx")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = tmp_path / "locked.txt"
    story.write_text("Secret.")
    story.chmod(0)
    if os.geteuid() == 0:  # root reads anything: simulate what everyone else gets
        def denied(self: Path, *args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(InputError, match="permission denied"):
        read_path(story)


def test_empty_file_and_too_large(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    with pytest.raises(InputError, match="empty.md: the file is empty"):
        read_path(tmp_path / "empty.md")
    (tmp_path / "big.txt").write_bytes(b"x" * 5000)
    with pytest.raises(InputError, match="over the"):
        read_path(tmp_path / "big.txt", max_bytes=4000)


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_path(fifo)


def test_natural_order() -> None:
    names = ["Chapter 10.txt", "chapter 2.txt", "Chapter 1.txt", "Chapter 2b.txt", "epilogue.txt"]
    assert sorted(names, key=natural_key) == [
        "Chapter 1.txt", "chapter 2.txt", "Chapter 2b.txt", "Chapter 10.txt", "epilogue.txt"]


def test_folder_of_chapter_files(tmp_path: Path) -> None:
    (tmp_path / "Chapter 10.txt").write_text("Chapter 10\n\nThe end came *slowly*.\n")
    (tmp_path / "Chapter 2.txt").write_text("It began in the rain.\n")
    (tmp_path / "Chapter 1.md").write_text("# Prologue\n\nBefore *anything*.\n")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 ignored: not a chapter format")
    (tmp_path / ".hidden.txt").write_text("ignored")
    (tmp_path / "drafts").mkdir()
    source = read_path(tmp_path)
    assert source.format == "folder"
    assert source.text == (
        "Prologue\n\nBefore anything.\n\n"
        "Chapter 2\n\nIt began in the rain.\n\n"
        "Chapter 10\n\nThe end came *slowly*."
    )
    assert [source.text[s:e] for s, e in source.headings] == ["Prologue", "Chapter 2", "Chapter 10"]
    assert [source.text[s:e] for s, e in source.italics] == ["anything", "slowly"]
    assert source.metadata == {"files": ["Chapter 1.md", "Chapter 2.txt", "Chapter 10.txt"]}


def test_folder_of_mixed_formats(tmp_path: Path, built: dict[str, bytes]) -> None:
    (tmp_path / "01_opening.docx").write_bytes(built["story.docx"])
    (tmp_path / "02_again.epub").write_bytes(built["generic.epub"])
    source = read_path(tmp_path)
    text = story_files.expected()[0]
    assert source.text == f"{text}\n\n{text}"
    assert len(source.headings) == 2 and len(source.italics) == 8


def test_folder_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no chapter files"):
        read_path(tmp_path)
    (tmp_path / "Chapter 1.txt").write_text("Fine.")
    (tmp_path / "Chapter 2.txt").write_bytes(b"")
    with pytest.raises(InputError, match="Chapter 2.txt: the file is empty"):
        read_path(tmp_path)
