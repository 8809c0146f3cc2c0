"""Plain text (.txt and anything unrecognised that decodes as text).

The text is kept exactly as decoded: newlines (``\\n``, ``\\r\\n``, ``\\r``) and every
space stay as they are in the file, so offsets match what an editor shows.  Only a
byte-order mark is dropped.

Decoding, in order:

1. a UTF-8 / UTF-32 / UTF-16 byte-order mark decides;
2. UTF-16 without a BOM is recognised by its NUL bytes on alternate positions (any
   other NUL byte means binary data);
3. valid UTF-8 is UTF-8;
4. otherwise charset-normalizer guesses.  Its guesses are unreliable on mostly-English
   files (``It’s fine.`` in cp1252 comes back as Big5, *Pride and Prejudice* with
   curly apostrophes as cp852), which is what old fic files are, so a file whose
   Windows-1252 reading is mostly ASCII letters is taken as Windows-1252 unless the
   guess reads more plausibly (fewer letters and symbols out of place, see
   ``_oddities``).  Turkish cp1254 files read as cp1252 (six letters differ).

NUL bytes (outside UTF-16/32), undecodable bytes or many control characters mean the
file is binary: :class:`~betareader.errors.InputError`.

Fan writers who draft in plain text mark italics with ``*asterisks*`` or
``_underscores_``; those become ``Source.italics`` spans (over the words, not the
marks), the text itself is not changed.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import InputError
from .base import Source

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 control characters other than tab, newlines, form feed and escape: never seen in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_LATIN_SHARE = 0.7  # share of ASCII letters in a cp1252 reading for it to be considered
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_SAMPLE_BYTES = 200_000
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_TYPOGRAPHIC = frozenset("‘’‚“”„–—…«»‹›¡¿€£¥¢°•·§¶©®™†‡\u00a0")
_IN_WORD = frozenset("’·–—")  # may stand between two letters: can’t, word—word

_ITALIC_MARKS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\w_])"
)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode ``data`` as text; returns ``(text, encoding)`` or raises InputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, name), encoding
    if b"\0" in data:
        encoding = _bomless_utf16(data)
        if encoding is None:
            raise _binary(name)
        return _strict(data, encoding, name), encoding
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_legacy(data)
    if encoding is None:
        raise _binary(name)
    return _strict(data, encoding, name), encoding


def _binary(name: str) -> InputError:
    return InputError(f"{name}: this looks like binary data, not text (no known text encoding fits)")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return _check_text(data.decode(encoding), name)
    except (UnicodeDecodeError, LookupError):
        raise _binary(name) from None


def _check_text(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters (binary that happened to decode)."""
    sample = text[:100_000]
    if "\0" in sample or len(_CONTROL.findall(sample)) > max(2, len(sample) // 1000):
        raise _binary(name)
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit on (nearly) every odd/even byte, else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    halves = sample[0::2], sample[1::2]
    nul_share = [half.count(0) / len(half) for half in halves]
    if nul_share[1] > 0.6 and nul_share[0] < 0.1:
        return "utf-16-le"
    if nul_share[0] > 0.6 and nul_share[1] < 0.1:
        return "utf-16-be"
    return None


def _guess_legacy(data: bytes) -> str | None:
    """The most likely single-byte/CJK encoding of bytes that are not UTF-8.

    charset-normalizer's guess, except that a file whose Windows-1252 reading is
    mostly ASCII letters is Windows-1252 unless the guess reads with fewer oddities
    (see :func:`_oddities`): charset-normalizer takes short English files for Big5
    and long ones for cp852, where only the punctuation tells the encodings apart.
    """
    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    if guess == "cp1252":
        return guess
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return guess
    sample = data[:_SAMPLE_BYTES]
    western = sample.decode("cp1252")
    letters = sum(1 for char in western if char.isalpha())
    if len(_ASCII_LETTER.findall(western)) < _LATIN_SHARE * letters:
        return guess  # mostly non-ASCII letters: another script (Cyrillic, Greek ...)
    if guess is not None and _oddities(sample.decode(guess, "replace")) < _oddities(western):
        return guess
    return "cp1252"


def _oddities(text: str) -> int:
    """How many non-ASCII characters in ``text`` look like a wrong decoding.

    A capital after a lower-case letter inside a word (``canĹt``), punctuation inside a
    word other than apostrophes and dashes (``Za¿ó``), or any other symbol (``³``,
    box drawing, U+FFFD).
    """
    odd = 0
    for match in _NON_ASCII.finditer(text):
        char, at = match.group(), match.start()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if char.isalpha():
            odd += char.isupper() and before.isalpha() and before.islower()
        elif char in _TYPOGRAPHIC:
            odd += before.isalpha() and after.isalpha() and char not in _IN_WORD
        else:
            odd += 1
    return odd


def marked_italics(text: str) -> list[tuple[int, int]]:
    """Spans of words between ``*...*`` or ``_..._`` marks (the marks excluded)."""
    return [match.span(1) if match.group(1) is not None else match.span(2) for match in _ITALIC_MARKS.finditer(text)]


def read(data: bytes, name: str) -> Source:
    """A plain-text :class:`Source`: the decoded text exactly as in the file."""
    text, encoding = decode(data, name)
    return Source(text=text, name=name, format="txt", italics=marked_italics(text), encoding=encoding)
