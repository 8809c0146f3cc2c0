"""What every reader returns: the story's plain text plus the structure it knows.

The plain text is the one every offset in betareader refers to (``betareader text FILE``
prints it).  Readers separate paragraphs with one blank line (``"\n\n"``) so the
document model never has to guess; plain-text files keep their text exactly as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Limits shared by all readers (bytes / characters).  Configurable per call.
MAX_INPUT_BYTES = 50 * 1024 * 1024  # a 50 MB file is refused with a clear message
MAX_TEXT_CHARS = 20_000_000


@dataclass
class Source:
    """A story as read from a file, a paste or an upload."""

    text: str
    """The plain text: every offset (issues, quotes, spans) indexes this string."""
    name: str = "<text>"
    """Display name: the path as given, ``<stdin>`` or the uploaded file name."""
    format: str = "txt"
    """One of txt, md, docx, odt, html, epub, folder."""
    metadata: dict[str, Any] = field(default_factory=dict)
    """Work metadata when the file has it (title, author, fandoms, rating, warnings,
    relationships, characters, tags, summary, notes ...).  Empty for plain text."""
    italics: list[tuple[int, int]] = field(default_factory=list)
    """Emphasis spans (start, end) in ``text``: italic thought is treated like dialogue."""
    headings: list[tuple[int, int]] = field(default_factory=list)
    """Spans of chapter titles / headings in ``text`` (each one whole paragraph)."""
    encoding: str = "utf-8"
    """The encoding the bytes were decoded from (plain text only)."""
