"""Find quoted speech in paragraphs: double or single quote marks, told apart from apostrophes.

Conventions handled:

* straight ``"`` and curly ``“ ”`` double quotes, guillemets ``« »`` and low ``„``;
* single-quote dialogue (``‘...’`` or ``'...'``, the British style) when the story
  uses it as its main style: apostrophes inside words (``don't``, ``O'Neill``),
  elisions (``'em``, ``'cause``, ``'90s``) and plural possessives (``the twins'``)
  are not quote marks;
* quotes inside quotes (the other kind of mark inside a quote is part of the speech);
* speech that runs on into the next paragraph: the paragraph ends with the quote
  still open and the next paragraph reopens it — correct, not an error;
* unbalanced marks are recorded on the quote (``problem``) or as stray marks,
  never a crash.
"""

from __future__ import annotations

import re

from .model import Quote, Span

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»"
DOUBLE_MARKS = '"' + DOUBLE_OPEN + DOUBLE_CLOSE
SINGLE_MARKS = "'‘’"

# Words that start with an apostrophe in informal English: not opening quotes.
ELISIONS = {
    "em", "cause", "cos", "coz", "til", "till", "tis", "twas", "twere", "twill", "n",
    "bout", "round", "nuff", "ere", "im", "er", "ave", "ow", "appen", "ello", "allo",
    "kay", "sup", "fraid", "course", "cept", "fore", "neath", "nother", "uns", "un",
    "ee", "e", "is", "ad", "ead", "ome", "oo", "ouse",
}
_ELISION_RE = re.compile(r"['‘’]([A-Za-z]+)")
_SPACE_BEFORE = set(" \t\n\r([{—–-/")
_CLOSE_PUNCT = set(",.!?…—–-;:")


def detect_style(text: str) -> str:
    """``double`` or ``single``: which marks the story uses for dialogue."""
    doubles = sum(text.count(c) for c in DOUBLE_MARKS)
    single_opens = 0
    for m in re.finditer(r"(?:^|(?<=[\s(\[—–]))['‘](?=[A-Za-z])", text, re.M):
        word = _ELISION_RE.match(text, m.start())
        if word and word.group(1).lower() in ELISIONS:
            continue
        single_opens += 1
    return "single" if single_opens > max(2, doubles) else "double"


def _is_word_char(c: str) -> bool:
    return c.isalnum()


def _looks_closing(s: str, i: int) -> bool:
    prev = s[i - 1] if i > 0 else " "
    nxt = s[i + 1] if i + 1 < len(s) else " "
    return not prev.isspace() and not _is_word_char(nxt)


def _looks_opening(s: str, i: int) -> bool:
    prev = s[i - 1] if i > 0 else " "
    nxt = s[i + 1] if i + 1 < len(s) else " "
    return (prev.isspace() or prev in _SPACE_BEFORE) and not nxt.isspace()


def _double_marks(s: str) -> list[tuple[int, str]]:
    """(position, role) for each double quote mark; role is 'open' or 'close'."""
    out: list[tuple[int, str]] = []
    is_open = False
    for i, c in enumerate(s):
        if c not in DOUBLE_MARKS:
            continue
        if c in DOUBLE_OPEN:
            role = "open"
        elif c in DOUBLE_CLOSE:
            role = "close"
        elif not is_open:
            role = "close" if (_looks_closing(s, i) and i > 0 and not _looks_opening(s, i)) else "open"
        else:
            role = "open" if (_looks_opening(s, i) and not _looks_closing(s, i)) else "close"
        out.append((i, role))
        is_open = role == "open"
    return out


def _is_single_open(s: str, i: int) -> bool:
    c = s[i]
    prev = s[i - 1] if i > 0 else " "
    nxt = s[i + 1] if i + 1 < len(s) else " "
    if c == "’":
        return False
    if _is_word_char(prev) or nxt.isspace():
        return False
    if c == "'" and not (prev.isspace() or prev in _SPACE_BEFORE or i == 0 or prev in DOUBLE_MARKS):
        return False
    m = _ELISION_RE.match(s, i)
    if m and m.group(1).lower() in ELISIONS:
        # 'em / 'cause: only an opening quote when a closing mark follows soon
        return False
    if nxt.isdigit() and c == "'":
        return False  # the '90s
    return True


def _is_single_close_candidate(s: str, i: int) -> bool:
    c = s[i]
    if c == "‘":
        return False
    prev = s[i - 1] if i > 0 else " "
    nxt = s[i + 1] if i + 1 < len(s) else " "
    if prev.isspace():
        return False
    return not _is_word_char(nxt)


def _single_marks(s: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in SINGLE_MARKS and _is_single_open(s, i):
            close = _find_single_close(s, i + 1)
            out.append((i, "open"))
            if close is None:
                break
            out.append((close, "close"))
            i = close + 1
            continue
        if c in "’" and i > 0 and not s[i - 1].isspace() and not _is_word_char(s[i + 1] if i + 1 < n else " "):
            # a curly closing mark with nothing open: a possessive (the twins’) unless punctuation precedes
            if s[i - 1] in _CLOSE_PUNCT:
                out.append((i, "close"))
        i += 1
    return out


def _find_single_close(s: str, start: int) -> int | None:
    candidates = [j for j in range(start, len(s)) if s[j] in SINGLE_MARKS and _is_single_close_candidate(s, j)]
    if not candidates:
        return None
    last_text = len(s.rstrip()) - 1
    for j in candidates:
        nxt = s[j + 1] if j + 1 < len(s) else " "
        if s[j - 1] in _CLOSE_PUNCT or j == last_text or nxt in _CLOSE_PUNCT:
            return j
    for j in candidates:
        if s[j - 1] not in "sS":
            return j
    return candidates[-1]


def _trimmed(s: str, a: int, b: int) -> tuple[int, int]:
    while a < b and s[a].isspace():
        a += 1
    while b > a and s[b - 1].isspace():
        b -= 1
    return a, b


def find_quotes(text: str, start: int, end: int, style: str, paragraph: int,
                stray: list[Span]) -> list[Quote]:
    """Quotes in ``text[start:end]`` (one paragraph); stray closing marks go to ``stray``."""
    s = text[start:end]
    marks = _double_marks(s) if style == "double" else _single_marks(s)
    quotes: list[Quote] = []
    open_at: int | None = None
    for pos, role in marks:
        if role == "open":
            if open_at is not None:
                quotes.append(_make(s, start, open_at, pos, None, paragraph, problem="unclosed"))
            open_at = pos
        else:
            if open_at is None:
                stray.append(Span(start + pos, start + pos + 1))
                continue
            quotes.append(_make(s, start, open_at, pos, s[pos], paragraph))
            open_at = None
    if open_at is not None:
        quotes.append(_make(s, start, open_at, len(s.rstrip()), None, paragraph, problem="unclosed"))
    return [q for q in quotes if q.inner_end > q.inner_start]


def _make(s: str, base: int, open_at: int, close_at: int, close_mark: str | None,
          paragraph: int, problem: str | None = None) -> Quote:
    a, b = _trimmed(s, open_at + 1, close_at)
    end = close_at + 1 if close_mark is not None else close_at
    return Quote(start=base + open_at, end=base + end, inner_start=base + a, inner_end=base + b,
                 open_mark=s[open_at], close_mark=close_mark, paragraph=paragraph, problem=problem)


def starts_with_open_quote(text: str, start: int, end: int, style: str) -> bool:
    s = text[start:end].lstrip()
    if not s:
        return False
    if style == "double":
        return s[0] in '"' + DOUBLE_OPEN
    return s[0] in "'‘" and (len(s) < 2 or not s[1].isspace())
