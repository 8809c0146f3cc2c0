"""A deliberately naive quote/speaker predictor: the sanity floor for ``eval_attribution.py``.

It produces an ``analyze`` document (``../shared/CONTRACT.md``) from plain text alone:

* **Quotes**: double-quoted stretches (straight ``"..."`` or curly ``“...”``) inside a paragraph
  (paragraphs are separated by blank lines); an unclosed quote runs to the end of its paragraph,
  as in multi-paragraph speeches.  Spans exclude the quotation marks.
* **Characters**: capitalised words that occur at least ``MIN_MENTIONS`` times not at the start
  of a sentence (nor right after an opening quote), minus a small stop list; a preceding title
  (``Mr.``, ``Mrs.``, ``Miss`` ...) is kept as part of the name, so ``Mr. Bennet`` and
  ``Mrs. Bennet`` are two characters.  No alias merging at all.
* **Speaker**: per paragraph, the first speech verb (``said``, ``cried``, ``asked`` ...) in the
  narration; the speaker is the nearest character name before it within the paragraph's
  narration, else the name right after it (``said Elizabeth``); all quotes of the paragraph
  get that speaker, or null when there is no speech verb or no name.

The issue puts a "nearest name before a speech verb" baseline at about 0.35 speaker accuracy.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

MIN_MENTIONS = 5

SPEECH_VERBS = frozenset("""
said says say asked asks ask replied replies cried cries answered answers exclaimed exclaims
continued continues added adds whispered whispers shouted shouts remarked remarks observed
observes returned returns called calls muttered mutters repeated repeats began begins
murmured murmurs screamed screams yelled yells snapped snaps insisted insists interrupted
interrupts declared declares demanded demands inquired inquires enquired enquires
responded responds retorted retorts sighed sighs laughed laughs added explained explains
protested protests suggested suggests agreed agrees thought thinks went
""".split())

TITLES = ("Mr.", "Mrs.", "Miss", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Lady", "Sir", "Lord",
          "Captain", "Colonel", "Aunt", "Uncle", "Madame", "Monsieur", "Professor", "Inspector")

STOP = frozenset("""
I I'm I've I'll I'd The A An And But Or If In On At Of To For With By From As So Then Now
Oh Yes No Not He She It We You They His Her Its Our Your Their This That These Those There
Here What Who Whom Why When Where How Well Ah O My Me Him Them Us Do Did Does Is Was Are Were
Mr Mrs Miss Ms Dr Sir Lady Lord Madam Madame Captain Colonel Aunt Uncle God Lord Heaven
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December Christmas English England London French
Chapter CHAPTER Project Gutenberg
""".split())

_PARA = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_TITLE_RE = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
_NAME = re.compile(rf"(?:(?<![A-Za-z])({_TITLE_RE})\s+)?\b([A-Z][a-z][A-Za-z'\u2019-]*)")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARA.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _quotes_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quote spans (marks excluded, whitespace trimmed) within one paragraph."""
    out, open_at = [], None
    for i in range(start, end):
        ch = text[i]
        if open_at is None and ch in "\"\u201c":
            open_at = i + 1
        elif open_at is not None and ch in "\"\u201d":
            out.append((open_at, i))
            open_at = None
    if open_at is not None:
        out.append((open_at, end))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


def _sentence_initial(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t\n_*":
        j -= 1
    if j < 0:
        return True
    if text[j] in "\"\u201c\u2018'(":
        return True
    if text[j] in ".!?:;":
        # a title's period does not end a sentence
        k = j
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        return text[k:j + 1] not in TITLES
    return False


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "x"


def predict_text(text: str, source: str = "") -> dict[str, Any]:
    """The baseline's ``analyze`` document for ``text``."""
    paragraphs = _paragraphs(text)
    quotes_by_para = [_quotes_in(text, s, e) for s, e in paragraphs]

    # characters: capitalised, non-sentence-initial tokens in narration and dialogue alike
    counts: Counter[str] = Counter()
    for m in _NAME.finditer(text):
        title, word = m.group(1), m.group(2)
        if word in STOP or word.upper() == word:
            continue
        if title is None and _sentence_initial(text, m.start(2)):
            continue
        counts[_key(title, word)] += 1
    names = {n: c for n, c in counts.items() if c >= MIN_MENTIONS}
    ids = {n: _slug(n) for n in names}

    quotes: list[dict[str, Any]] = []
    for (ps, pe), qspans in zip(paragraphs, quotes_by_para):
        if not qspans:
            continue
        speaker = _paragraph_speaker(text, ps, pe, qspans, names)
        for s, e in qspans:
            quotes.append({"start": s, "end": e, "speaker": ids.get(speaker) if speaker else None,
                           "confidence": 0.5 if speaker else 0.0})
    characters = [{"id": ids[n], "name": n, "aliases": [], "pronouns": None, "mentions": c}
                  for n, c in sorted(names.items(), key=lambda kv: -kv[1])]
    return {"version": 1, "source": source, "narration": {"tense": "unknown", "person": "unknown"},
            "characters": characters, "quotes": quotes}


def _paragraph_speaker(text: str, ps: int, pe: int, qspans: list[tuple[int, int]],
                       names: dict[str, int]) -> str | None:
    # narration = the paragraph with its quotes blanked out (offsets preserved)
    chars = list(text[ps:pe])
    for s, e in qspans:
        for i in range(max(s - 1, ps), min(e + 1, pe)):
            chars[i - ps] = " "
    narration = "".join(chars)
    verb = next((m for m in _WORD.finditer(narration) if m.group(0).lower() in SPEECH_VERBS), None)
    if verb is None:
        return None
    found = []
    for m in _NAME.finditer(narration):
        title, word = m.group(1), m.group(2)
        key = _key(title, word)
        if key in names:
            found.append((m.start(), m.end(), key))
        elif word in names:
            found.append((m.start(2), m.end(), word))
    before = [f for f in found if f[1] <= verb.start()]
    if before:
        return before[-1][2]
    after = [f for f in found if f[0] >= verb.end() and f[0] - verb.end() <= 3]
    return after[0][2] if after else None


def _key(title: str | None, word: str) -> str:
    if not title:
        return word
    if title.rstrip(".") in ("Mr", "Mrs", "Ms", "Dr"):
        return f"{title.rstrip('.')}. {word}"
    return f"{title} {word}"


def predict_path(path: str | Path) -> dict[str, Any]:
    """The baseline's ``analyze`` document for a UTF-8 text file."""
    p = Path(path)
    return predict_text(p.read_bytes().decode("utf-8-sig"), p.name)
