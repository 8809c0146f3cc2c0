"""Split story text into paragraphs and tell prose from headings, scene breaks and author's notes.

Paragraphs: files with blank lines between hard-wrapped lines (Project Gutenberg,
e-mail style) make one paragraph per blank-line block; files that put one
paragraph per line (most fan fiction pasted from an editor) make one paragraph
per non-empty line.  Readers of structured formats always separate paragraphs
with a blank line and never wrap, so both rules agree for them.
"""

from __future__ import annotations

import re
import statistics

from .model import Span

_BLOCK_SEP = re.compile(r"\n[ \t\r\f\v]*\n")

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|first|second|"
    r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final"
)
HEADING_RE = re.compile(
    r"^\s*(?:"
    r"#{1,6}\s+\S.*"
    rf"|(?:chapter|ch\.?|chap\.)\s*(?:\d+|[ivxlcdm]+\b|(?:{_NUMBER_WORDS})\b)[^\n]{{0,80}}"
    r"|chapter\s*$"
    rf"|(?:part|book|act|volume)\s+(?:\d+|[ivxlcdm]+\b|(?:{_NUMBER_WORDS})\b)[^\n]{{0,80}}"
    r"|(?:prologue|epilogue|interlude|afterword|foreword|preface)\b(?:\s*[:.\-–—]\s*[^\n]{0,70})?"
    r"|[IVXLC]{1,7}\.?"
    r"|\d{1,3}\.?"
    r")\s*$",
    re.IGNORECASE,
)

BREAK_RE = re.compile(
    r"^\s*(?:"
    r"[*~#=_+.•·§◇◆○●♦❖✦⁂<>|/\\^-](?:\s*[*~#=_+.•·§◇◆○●♦❖✦⁂<>|/\\^oOxX0-])*"  # *** * * * --- ~~~ -o-
    r"|[-~*=_. ]*(?:oOo|OoO|xXx|XxX|ooo|OOO|xxx|XXX)[oOxX0]*[-~*=_. ]*"  # oOo, xXx
    r"|[-~*=_.\[( ]*(?:line|page|scene|pov|time)\s*(?:break|change|skip)[-~*=_.\]) ]*"
    r")\s*$",
    re.IGNORECASE,
)

NOTE_RE = re.compile(
    r"^\W{0,4}(?:"
    r"A/N\b|A\.N\.|AN:|A\s?N\s?:|N/A\s*:|"
    r"authors?['’]?s?\s+notes?\b|author\s+note\b|"
    r"disclaimer\b|i\s+(?:do\s*n['’]?o?t|dont)\s+own\b|"
    r"note\s*:|notes\s*:|"
    r"(?:thanks?|thank\s+you)\s+(?:so\s+much\s+)?for\s+reading\b|"
    r"please\s+(?:read\s+and\s+)?(?:review|comment|leave\s+a)\b|"
    r"r\s*&\s*r\b|"
    r"(?:to\s+be\s+)?continued\W*$|tbc\W*$|the\s+end\W*$"
    r")",
    re.IGNORECASE,
)
INLINE_NOTE_RE = re.compile(r"[(\[]\s*(?:A/N|AN|author['’]?s note)\s*[:\-][^)\]\n]{0,500}[)\]]", re.IGNORECASE)


def paragraph_spans(text: str) -> list[Span]:
    """Spans of non-blank paragraphs, trimmed of surrounding whitespace."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    for m in _BLOCK_SEP.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))
    multi_line_lengths: list[int] = []
    for a, b in blocks:
        lines = text[a:b].strip().split("\n")
        if len(lines) > 1:
            multi_line_lengths.extend(len(line.rstrip()) for line in lines[:-1])
    wrapped = bool(multi_line_lengths) and statistics.median(multi_line_lengths) <= 90
    spans: list[Span] = []
    for a, b in blocks:
        if wrapped:
            _add_trimmed(text, a, b, spans)
        else:
            line_start = a
            while line_start < b:
                nl = text.find("\n", line_start, b)
                line_end = b if nl == -1 else nl
                _add_trimmed(text, line_start, line_end, spans)
                line_start = line_end + 1
    return spans


def _add_trimmed(text: str, a: int, b: int, out: list[Span]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append(Span(a, b))


def is_heading(line: str) -> bool:
    return "\n" not in line.strip() and len(line) <= 100 and HEADING_RE.match(line) is not None


def is_break(line: str) -> bool:
    return "\n" not in line.strip() and len(line) <= 60 and BREAK_RE.match(line) is not None


def is_note(par: str) -> bool:
    return NOTE_RE.match(par) is not None


def inline_notes(text: str, start: int, end: int) -> list[Span]:
    return [Span(start + m.start(), start + m.end()) for m in INLINE_NOTE_RE.finditer(text[start:end])]
