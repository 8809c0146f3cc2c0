"""Human output for ``check``, in the style of ruff and rustc.

```
story.txt:12:5: tense-shift [warning] Narration is in the past tense; 'walks' slips into the present.
   |
12 | She walks to the window.
   |     ^^^^^ walked
```
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Iterable

import click

from ..checks.base import Issue

SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}
CONTEXT_WIDTH = 100


def _visible(text: str) -> str:
    """``text`` safe to print: a tab is a space, control characters (ESC ...) become visible symbols.

    Each character stays one character, so caret positions computed on ``text`` still hold.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if char == "\t":
            out.append(" ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))  # ␀ ... ␟
        elif code == 0x7F:
            out.append("\u2421")  # ␡
        elif 0x80 <= code < 0xA0 or unicodedata.category(char) in ("Zl", "Zp"):
            out.append("\ufffd")
        else:
            out.append(char)
    return "".join(out)


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide (CJK, most emoji) count 2, combining marks and joiners 0."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end


def render_issue(text: str, source: str, issue: Issue, structured: bool = False) -> str:
    """One issue with its line and carets; ``structured`` files (docx, epub ...) also get chapter/paragraph."""
    colour = SEVERITY_COLOUR.get(issue.severity, "white")
    where = f" (chapter {issue.chapter}, paragraph {issue.paragraph})" if structured and issue.chapter else ""
    head = (
        f"{click.style(f'{source}:{issue.line}:{issue.column}:', bold=True)} "
        f"{click.style(issue.rule, fg=colour, bold=True)} [{issue.severity}] {_visible(issue.message)}{where}"
    )
    ls, le = _line_bounds(text, issue.start)
    line = text[ls:le].rstrip("\r")
    # A span running on past the line (multi-line, or over the \r of a CRLF) is underlined to the line's end.
    a = issue.start - ls
    b = max(a, min(issue.end - ls, len(line), a + CONTEXT_WIDTH))  # and a very long span to a window's width
    # Long lines (one-paragraph-per-line files): show a window around the span.
    lo = max(0, a - CONTEXT_WIDTH // 2)
    hi = min(len(line), max(b, a + 1) + CONTEXT_WIDTH // 2)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    shown = prefix + _visible(line[lo:hi]) + suffix
    caret_at = _width(prefix + line[lo:a])
    carets = "^" * max(1, _width(line[a:b]))
    gutter = str(issue.line)
    pad = " " * len(gutter)
    fix = f" {_visible(issue.suggestions[0])}" if issue.suggestions else ""
    underline = " " * caret_at + click.style(carets + fix, fg=colour, bold=True)
    return "\n".join([
        head,
        f"{pad} {click.style('|', fg='blue')}",
        f"{click.style(gutter, fg='blue')} {click.style('|', fg='blue')} {shown}",
        f"{pad} {click.style('|', fg='blue')} {underline}",
    ])


def render_summary(issues: Iterable[Issue], files: int = 1) -> str:
    issues = list(issues)
    if not issues:
        return click.style("No issues found.", fg="green", bold=True)
    sev = Counter(i.severity for i in issues)
    cat = Counter(i.category for i in issues)
    parts = ", ".join(f"{sev[s]} {s}{'s' if sev[s] != 1 and s != 'info' else ''}"
                      for s in ("error", "warning", "info") if sev[s])
    where = f" in {files} files" if files > 1 else ""
    by_cat = "  ".join(f"{c} {n}" for c, n in cat.most_common())
    return (click.style(f"Found {len(issues)} issue{'s' if len(issues) != 1 else ''}{where} ({parts}).", bold=True)
            + "\n" + f"By category: {by_cat}")
