"""A folder of chapter files read as one story.

The chapter files are the folder's own files in a supported format (hidden files,
Word lock files ``~$...`` and sub-folders are left out), in natural order: digits
compare as numbers, so ``Chapter 2.txt`` comes before ``Chapter 10.txt``.

Each chapter is read by its own reader, stripped of leading and trailing whitespace,
and the chapters are joined with one blank line.  A chapter that does not open with a
heading gets one: its first line when that line is the file's name (``Chapter 2``
in ``Chapter 2.txt``), else the file name itself (``_`` read as a space) as a new
heading paragraph.  ``metadata["files"]`` lists the chapter files in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from .assemble import Block, assemble
from .base import Source

MAX_CHAPTER_FILES = 2_000


def natural_key(name: str) -> list[str | int]:
    """Sort key comparing runs of digits as numbers ("chapter 2" < "chapter 10")."""
    return [int(part) if i % 2 else part.casefold() for i, part in enumerate(re.split(r"(\d+)", name))]


def chapter_files(folder: Path, extensions: set[str]) -> list[Path]:
    """The folder's chapter files in natural order."""
    try:
        entries = list(folder.iterdir())
    except PermissionError:
        raise InputError(f"{folder}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{folder}: the folder cannot be read ({exc.strerror or exc})") from None
    files = [
        entry
        for entry in entries
        if entry.suffix.lower() in extensions and not entry.name.startswith((".", "~$")) and entry.is_file()
    ]
    if not files:
        raise InputError(f"{folder}: no chapter files in the folder (looked for {', '.join(sorted(extensions))})")
    if len(files) > MAX_CHAPTER_FILES:
        raise InputError(f"{folder}: {len(files):,} chapter files (limit {MAX_CHAPTER_FILES:,}); refused")
    return sorted(files, key=lambda path: (natural_key(path.name), path.name))


def _same_title(line: str, title: str) -> bool:
    def simplify(text: str) -> str:
        return " ".join(re.sub(r"[_\W]+", " ", text).split()).casefold()

    return simplify(line) == simplify(title)


def _chapter_blocks(path: Path, source: Source) -> Iterator[Block]:
    block = Block.trimmed(source.text, source.italics, source.headings)
    title = " ".join(path.stem.replace("_", " ").split())
    if not any(start == 0 for start, _ in block.headings):
        first_line = block.text.split("\n", 1)[0].rstrip()
        if _same_title(first_line, title):
            block.headings.insert(0, (0, len(first_line)))
        else:
            yield Block.heading(title)
    yield block


def read(folder: Path, extensions: set[str], read_file: Callable[[Path], Source]) -> Source:
    """The chapters of ``folder`` as one :class:`Source` (``read_file`` reads one file)."""
    files = chapter_files(folder, extensions)
    chapters = [(path, read_file(path)) for path in files]
    blocks = (block for path, source in chapters for block in _chapter_blocks(path, source))
    encodings = {source.encoding for _, source in chapters}
    return assemble(
        blocks,
        name=str(folder),
        format="folder",
        metadata={"files": [path.name for path in files]},
        encoding=encodings.pop() if len(encodings) == 1 else "mixed",
    )
