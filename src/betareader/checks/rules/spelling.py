"""spelling: words that are in no dictionary, with ranked suggestions; the story's own names learned."""

from __future__ import annotations

import bisect
import math
import os
import re
from collections import Counter
from functools import lru_cache

from ..base import Rule, load_list, load_pairs
from ...speech_verbs import speech_forms

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
_SKIP_SPANS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+\.(?:com|org|net|edu|gov|io"
                         r"|co|uk|html?|php|txt|docx?|pdf|jpe?g|png|gif|js|py)\b|#\w+|@\w+", re.I)
# Interjections and sounds written by ear: hmmm, argh, shhh, pfft, hahaha, brrr, zzz ...
_SOUNDS = re.compile(r"^(?:h+m+|m+h*m+|a+h+|o+h+|u+h+|u+m+|e+r+m*|h+u+h+|h+e+h+|(?:h+a+)+h*|(?:h+e+)+h*|"
                     r"(?:a+h+)+|a+r+g+h+|u+g+h+|s+h+|p+s+t+|g+r+|b+r+|t+s+k+|p+f+t+|p+f+f+t+|e+w+|a+w+|"
                     r"o+o+h+|w+h+o+a+|z+|m+|n+g+h*|o+w+|y+a+y+|w+o+w+|e+e+k+|a+h*|o+|u+|h+|a+a+h+|p+h+e+w+)$")
_ELONGATED = re.compile(r"([a-z])\1\1")
_CONTRACTION = re.compile(r"^(.+?)(n't|'s|'ll|'re|'ve|'d|'m)$")
_NT_STEMS = {"do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "could", "would",
             "should", "might", "must", "need", "ca", "wo", "sha", "ai", "dare", "ought", "may", "won"}
_PREFIXES = ("un", "re", "non", "over", "under", "out", "mis", "dis", "pre", "sub", "super", "anti",
             "semi", "self", "inter", "counter", "mid", "half", "multi", "post", "fore", "hyper", "ultra",
             "mega", "micro", "after", "back", "cross", "off", "well")
_DERIVATIONS = ("ly", "ness", "less", "ful", "fully", "lessly", "able", "ably", "ment", "ments", "ish",
                "like", "wise", "hood", "ship", "dom", "ward", "wards", "ily", "iness", "ier", "iest")
# Joined words are the compound rule's: not spelling mistakes here.
_JOINED = {"alot", "infront", "eachother", "atleast", "incase", "noone", "aswell", "everytime",
           "alittle", "ontop", "inspite", "nevermind", "thankyou", "highschool"}
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_VOWELS = "aeiouy"
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {c: (x + (0, 0.25, 0.75)[y], y) for y, row in enumerate(_KEY_ROWS) for x, c in enumerate(row)}


def _adjacent(a: str, b: str) -> bool:
    """Neighbouring keys on a QWERTY keyboard."""
    pa, pb = _KEY_AT.get(a), _KEY_AT.get(b)
    return pa is not None and pb is not None and abs(pa[1] - pb[1]) <= 1 and abs(pa[0] - pb[0]) <= 1


def typo_shaped(word: str, target: str, distance: int = 1, drops: int = 4) -> bool:
    """Whether ``word`` looks like ``target`` typed with slipping fingers rather than spelt another way.

    Slips: two letters swapped, a neighbouring key hit instead or as well, a letter
    doubled or undoubled, a letter left out inside the word.  Dialect and archaic
    spellings change sounds instead (ruther, ancle, mought, skreen) and are left alone.
    Computed as an edit distance in which every slip costs 1 and any other edit 100:
    the word is a slip when ``distance`` slips make it.  A letter left out counts as a
    slip only in words of ``drops`` letters or more (in dialogue short words lose
    letters on purpose: nothin, roun, ol).
    """
    n, m = len(word), len(target)
    other = 100
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + (1 if _slip_insert(word, i - 1) else other)
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + other
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            a, b = word[i - 1], target[j - 1]
            best = d[i - 1][j - 1] + (0 if a == b else (1 if _adjacent(a, b) else other))
            best = min(best, d[i - 1][j] + (1 if _slip_insert(word, i - 1) else other))
            slip_del = b in (word[i - 1], word[i] if i < n else "") or (0 < i < n and m >= drops)
            best = min(best, d[i][j - 1] + (1 if slip_del else other))
            if i > 1 and j > 1 and a == target[j - 2] and word[i - 2] == b:
                best = min(best, d[i - 2][j - 2] + 1)
            d[i][j] = best
    return 0 < d[n][m] <= distance


def _slip_insert(word: str, i: int) -> bool:
    """The letter at ``i`` is doubled or next (on the keyboard) to a letter beside it."""
    c = word[i]
    prev = word[i - 1] if i > 0 else ""
    nxt = word[i + 1] if i + 1 < len(word) else ""
    return c in (prev, nxt) or _adjacent(c, prev) or _adjacent(c, nxt)


@lru_cache(maxsize=1)
def frequencies() -> dict[str, int]:
    """symspellpy's English frequency dictionary (82,765 words): word → count."""
    import symspellpy

    path = os.path.join(os.path.dirname(symspellpy.__file__), "frequency_dictionary_en_82_765.txt")
    with open(path, encoding="utf-8") as f:
        fields = f.read().split()
    return dict(zip(fields[0::2], map(int, fields[1::2])))


@lru_cache(maxsize=1)
def corrections() -> dict[str, str]:
    return {a.lower(): b for a, b in load_pairs("spelling-corrections.txt")}


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word this rule accepts without a second look (lower case, straight apostrophes).

    symspellpy's dictionary, the words of lemminflect's SCOWL-based lexicon it lacks
    (``spelling-extra-words.txt``) and the informal words fiction uses on purpose.
    """
    words = set(frequencies())
    words.update(load_list("spelling-extra-words.txt"))
    words.update(w.lower().replace("’", "'") for w in load_list("spelling-informal.txt"))
    words -= set(corrections())
    return frozenset(words)


@lru_cache(maxsize=1)
def _common_words() -> dict[str, float]:
    """Zipf frequency (>= 3.0) of the commonest English words, from wordfreq's small list."""
    try:
        import gzip
        import importlib.util

        import msgpack

        spec = importlib.util.find_spec("wordfreq")  # its data, without importing the package (slow)
        path = os.path.join(list(spec.submodule_search_locations)[0], "data", "small_en.msgpack.gz")
        with gzip.open(path, "rb") as f:
            packed = msgpack.load(f, raw=False)
        out: dict[str, float] = {}
        for cb, bucket in enumerate(packed[1:]):
            for word in bucket:
                out.setdefault(word, 9.0 - cb / 100)
        return out
    except Exception:  # pragma: no cover - another wordfreq layout: ask its API
        return {}


def _zipf(word: str) -> float:
    """How common ``word`` is on the web and in books (wordfreq's Zipf scale); 0 below 3.0."""
    table = _common_words()
    if table:
        return table.get(word, 0.0)
    try:  # pragma: no cover
        from wordfreq import zipf_frequency

        z = zipf_frequency(word, "en")
    except ImportError:  # pragma: no cover
        return 0.0
    return z if z >= 3.0 else 0.0


def _match_case(original: str, suggestion: str) -> str:
    if original.isupper() and len(original) > 1:
        return suggestion.upper()
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | transposes | replaces | inserts


def _edits2(word: str) -> set[str]:
    """The commonest two-letter slips: a letter missing and another extra (tommorow),
    a letter missing and another wrong, two letters extra, two vowels wrong (seperete)."""
    out: set[str] = set()
    n = len(word)
    deletes = {word[:i] + word[i + 1:] for i in range(n)}
    for d in deletes:
        for i in range(len(d) + 1):
            for c in _LETTERS:
                out.add(d[:i] + c + d[i:])
        for i in range(len(d)):
            out.add(d[:i] + d[i + 1:])
    vowels = [i for i, c in enumerate(word) if c in _VOWELS]
    for x in range(len(vowels)):
        for y in range(x + 1, len(vowels)):
            i, j = vowels[x], vowels[y]
            for a in _VOWELS:
                for b in _VOWELS:
                    out.add(word[:i] + a + word[i + 1:j] + b + word[j + 1:])
    for d in deletes:
        for i in range(len(d)):
            for c in _LETTERS:
                out.add(d[:i] + c + d[i + 1:])
    return out


@lru_cache(maxsize=4096)
def suggestions(word: str, limit: int = 4) -> tuple[tuple[str, ...], int]:
    """Known words near ``word`` (lower case): (best first, edit distance); nearest first, then commonest."""
    freq = frequencies()
    cands = [w for w in _edits1(word) if w in freq]
    cands = sorted(cands, key=lambda w: -freq[w])[:12]
    distance = 1
    if not cands and 4 <= len(word) <= 14:
        cands = sorted((w for w in _edits2(word) if w in freq), key=lambda w: -freq[w])[:12]
        distance = 2
    # commonest first, a keyboard slip counting as five times commoner (nver: never before over)
    cands.sort(key=lambda w: -(math.log10(freq[w]) + (0.7 if typo_shaped(word, w, distance) else 0.0)))
    return tuple(cands[:limit]), distance if cands else 0


def _sentence_start(text: str, i: int) -> bool:
    """Whether the word at ``i`` starts a sentence (or a paragraph, or a quote)."""
    j = i - 1
    gap = ""
    while j >= 0 and (text[j].isspace() or text[j] in "\"“‘'([*_—–-"):
        gap += text[j]
        j -= 1
    return j < 0 or "\n\n" in gap or text[j] in ".!?…:" or any(c in gap for c in "\"“‘'")


_CAP = r"[A-Z][a-z]+(?:['’][a-z]+)?"
# A capitalised word used as a name: spoken to ("Bram?", "Bram, wait", "Wait, Bram."), speaking
# ('Bram said', 'said Bram') or owning something ("Bram's coat").
_ADDRESSED_ALONE = re.compile(rf"({_CAP})\s*[?!.…]+", re.S)
_ADDRESSED_FIRST = re.compile(rf"({_CAP}),\s")
_ADDRESSED_LAST = re.compile(rf",\s+({_CAP})\s*[.?!…]+$")
# after a closing quote mark: "Bram said" or "said Bram" (the verb checked against speech_forms)
_SPEAKS_AFTER = re.compile(rf"\s*(?:({_CAP})\s+([a-z]+)\b|([a-z]+)\s+({_CAP})\b)")
_POSSESSIVE = re.compile(rf"\b({_CAP})['’]s\b")


def used_as_names(story) -> set[str]:
    """Capitalised words the story uses as names of people (lower case): spoken to in speech,
    the subject of a speech tag, or owner of something."""
    text = story.text
    out: set[str] = set()
    for q in story.quotes:
        inner = text[q.inner_start:q.inner_end]
        for rx in (_ADDRESSED_FIRST, _ADDRESSED_LAST):
            m = rx.match(inner) if rx is _ADDRESSED_FIRST else rx.search(inner)
            if m:
                out.add(m.group(1).lower())
        m = _ADDRESSED_ALONE.fullmatch(inner)
        if m:
            out.add(m.group(1).lower())
        if q.close_mark is not None:
            m = _SPEAKS_AFTER.match(text, q.end)
            if m and (m.group(2) or m.group(3)) in speech_forms():
                out.add((m.group(1) or m.group(4)).lower())
    for p in story.paragraphs:
        if p.kind == "text":
            out.update(m.group(1).lower() for m in _POSSESSIVE.finditer(text, p.start, p.end))
    return out


class _Starts:
    """Token start offsets, built only when a word needs its token (most stories: a few times)."""

    def __init__(self, tokens):
        self._tokens = tokens
        self._starts = None

    def __len__(self):
        return len(self._tokens)

    def __getitem__(self, i):
        if self._starts is None:
            self._starts = [t.start for t in self._tokens]
        return self._starts[i]


class Spelling(Rule):
    """
    What it does:
        Flags words that are in no English dictionary and look like slips of the
        keyboard (`jakcet`, `windoe`, `untill`, `nver`), and common misspellings
        (`recieve`, `definately`, `occured`, `dont`), with ranked suggestions: the
        nearest dictionary words first (edit distance), then the commonest, a keyboard
        slip counting extra (`nver` → `never` before `over`), in the case the writer
        used (`Wierd` → `Weird`).  The dictionary is symspellpy's English frequency
        list plus lemminflect's SCOWL-based word forms; wordfreq tells common words.

    Why is this bad?
        Typos are what readers notice first and forgive last, and fan fiction is
        usually posted without an editor.

    Leaves alone:
        The story's own names and invented words: anything capitalised in mid-sentence
        or tagged as a proper noun, a capitalised word the story uses as a name (spoken
        to: "Bram?", "Bram, wait"; in a speech tag: "said Bram"; owning something:
        "Bram's coat"), any word the story uses three times or more, and
        every word in the config glossary (`[glossary] words = ["Hogwarts", "chakra"]`).
        British and American spellings alike (colour, realise, travelled, color,
        realize); archaic and dialect spellings, which change sounds rather than slip
        on the keys (shew, connexion, to-morrow, ruther, skreen, ancle); informal
        words (gonna, y'all, 'em, ma'am, goin', dunno); sounds and elongations
        ("Nooooo", "hmmm", "argh", "shhh"); contractions and possessives (don't,
        Harry's); hyphenated compounds whose parts are words; stammers (b-but); words
        with digits, URLs, e-mail addresses, hashtags; acronyms; foreign words with
        accents (café); rare words with no common word a slip away; and words wrongly
        joined (alot, infront), which are the compound rule's.  In dialogue a dropped
        letter in a short word is taken for dialect (nothin, roun).

    Example:
        She recieved the letter and read it definately twice.

    Use instead:
        She received the letter and read it definitely twice.
    """

    id = "spelling"
    category = "spelling"
    severity = "warning"
    options = {"repeats_learned": 3}
    bad = (
        "She recieved the letter on Tuesday and read it twice before she believed it.",
        "It was a wierd feeling, standing in the empty kitchen at midnight.",
        "\"I dont know what you want from me,\" Harry said.",
        "They would leave tommorow, whatever the weather did.",
        "The goverment men came at dawn and took the horses.",
        "He stood by the windoe and watched the snow come down.",
        "Mira grabbed her jakcet and ran for the bus.",
    )
    good = (
        "Hermione glared at Ron. \"Honestly, Ronald, the Wingardium Leviosa charm is not hard.\"",
        "The colour of the sky made her realise how far she was from home; the color, he'd say.",
        "\"Nooooo,\" she wailed. \"Ugh. Hmmm. Argh! Shhh, y'all, we're gonna get caught.\"",
        "He'd told 'em twice: the chakra flows, the chakra burns, the chakra heals.",
        "She checked www.example.com and emailed tom.smith@example.org at 4pm, then ate a 2nd cupcake.",
        "It was a well-known, half-forgotten, sun-bleached place; the café was shut.",
        "I shall call to-morrow, if you will shew me the connexion between them.",
        "\"Where are you goin'?\" he asked. \"Nothin' to see here, ma'am.\"",
        "\"Bron?\" The torch beam shook. \"Bron, are you down there?\"",
    )

    def check(self, story, ctx):
        text = story.text
        tokens = story.tokens
        starts = _Starts(tokens)
        known = known_words()
        fixes = corrections()
        glossary = ctx.glossary
        names = ctx.names
        repeats = int(self.opts.get("repeats_learned", 3))

        fast = known - set(fixes)
        suspects = []  # (start, compound): words that need a second look
        for p in story.paragraphs:
            if p.kind != "text":
                continue
            seg = text[p.start:p.end]
            skip = None
            for m in _WORD.finditer(seg):
                word = m.group(0)
                low = word.lower()
                if low in fast:
                    continue  # the common case: one set lookup
                if "’" in low and low.replace("’", "'") in fast:
                    continue
                a, b = m.start(), m.end()
                before, after = seg[a - 1:a], seg[b:b + 1]
                if before.isdigit() or after.isdigit() or before in ("_", "@", "#", "/", "\\") or after in ("_", "/", "\\"):
                    continue  # 4th, b4, @user, #tag, path/to
                if (after in (".", "@", ":") and seg[b + 1:b + 2].isalnum()) or \
                        (before in (".", ":") and seg[a - 2:a - 1].isalnum()):
                    # part of a URL, an e-mail address or a file name (or end.Next: typography's)
                    if skip is None:
                        skip = [(x.start(), x.end()) for x in _SKIP_SPANS.finditer(seg)]
                    if any(x <= a < y for x, y in skip):
                        continue
                suspects.append((p.start + a, word))
        counts = Counter(w.lower().replace("’", "'") for _, w in suspects)
        self._named = used_as_names(story) if any(w[:1].isupper() for _, w in suspects) else set()
        # unknown words the story capitalises in mid-sentence: its names
        self._mid_caps = {w.lower() for a, w in suspects
                          if w[:1].isupper() and not w.isupper() and not _sentence_start(text, a)}
        for part_word in [w for _, w in suspects if "-" in w]:
            for part in part_word.lower().replace("’", "'").split("-"):
                counts[part] += 1

        for start, compound in suspects:
            low_compound = compound.lower().replace("’", "'")
            if low_compound in glossary:
                continue
            parts = compound.split("-")
            if len(parts) > 1 and (low_compound.replace("-", "") in known or counts[low_compound] >= repeats):
                continue
            offset = start
            for n, part in enumerate(parts):
                a = offset
                offset += len(part) + 1
                if not part:
                    continue
                nxt = parts[n + 1] if n + 1 < len(parts) else ""
                if nxt and (nxt.lower().startswith(part.lower()) or len(part) <= 2):
                    continue  # stammering: "b-but", "W-what"; prefixes: "re-enter"
                found = self._check_word(part, a, text, tokens, starts, known, fixes, glossary, names,
                                         counts, repeats)
                if found is not None:
                    yield found

    def _check_word(self, word, start, text, tokens, starts, known, fixes, glossary, names, counts, repeats):
        end = start + len(word)
        plain = word.replace("’", "'")
        low = plain.lower()
        if low in fixes and low not in glossary:
            fix = fixes[low]
            return self.issue(start, end, f"'{word}' is a common misspelling of '{fix}'.",
                              [_match_case(word, fix) if fix != "I'm" and fix != "I've" else fix])
        if low in known or low in glossary:
            return None
        # Contractions and possessives: don't, Harry's, they'll
        m = _CONTRACTION.match(low)
        if m:
            stem = m.group(1)
            if m.group(2) == "n't" and stem in _NT_STEMS:
                return None
            low, word = stem, word[:len(stem)]
            end = start + len(word)
            if low in known or low in glossary or low in names:
                return None
        if "'" in low:
            pieces = [x for x in low.split("'") if x]
            if all(x in known or len(x) <= 2 for x in pieces):
                return None
        if len(low) <= 2:
            return None
        # Names and invented words the story uses
        if counts[low] >= repeats:
            return None
        if word[:1].isupper() and low in self._named:
            return None  # "Bram?", "Bram, wait", "said Bram", "Bram's coat"
        if word[1:] != word[1:].lower() and not word.isupper():
            return None  # McGonagall, iPhone
        if word.isupper() and len(word) <= 5:
            return None  # acronyms, short shouts
        tok = tokens[max(0, bisect.bisect_right(starts, start) - 1)] if tokens else None
        # A capitalised word at the start of a sentence may be a name or a slip (Teh, Becuase):
        # the tagger calls both proper nouns.  It is a name if the story also capitalises it
        # in mid-sentence; otherwise only a slip of a common word is flagged.
        initial = word[:1].isupper() and not word.isupper() and _sentence_start(text, start)
        name_like = False
        if word.isupper():
            if low in self._mid_caps:
                return None  # HARRY when the story also writes Harry
        elif low in names:
            if not initial or low in self._mid_caps:
                return None
            name_like = True
        if word[:1].isupper() and not word.isupper() and tok is not None and tok.start <= start < tok.end + 1 \
                and tok.tag in ("NNP", "NNPS"):
            if not initial or low in self._mid_caps:
                return None
            name_like = True
        speech = tok is not None and tok.speech
        if _SOUNDS.match(low):
            return None
        elong = _ELONGATED.search(low)
        if elong and (speech or elong.group(1) in _VOWELS or elong.end() == len(low)
                      or _ELONGATED.sub(r"\1", low) in known):
            return None  # Nooooo, sooo, yesss, pleeease
        # g-dropping in dialect: goin', nothin'
        after = text[end:end + 1]
        if after in "'’" and low.endswith("in") and low + "g" in known:
            return None
        # accents: café, naïve, Pokémon
        if not low.isascii():
            return None  # foreign words; the plain spelling is usually listed (cafe)
        if self._derived(low, known):
            return None
        if low in _JOINED:
            return None
        best, distance = suggestions(low)
        # A slip of the keyboard aims at a common word; dialect and old spellings do not look like slips.
        floor = 4.0 if name_like else 3.0
        if not best or not any(typo_shaped(low, s, distance, drops=6 if speech else 4) and _zipf(s) >= floor
                               for s in best):
            return None
        # A word the web uses a lot is slang or a name, not a slip.
        if _zipf(low) >= 3.3:
            return None
        sugg = [_match_case(word, s) for s in best]
        return self.issue(start, end, f"'{word}' is not in the dictionary; did you mean '{sugg[0]}'?", sugg)

    @staticmethod
    def _derived(low: str, known) -> bool:
        """A known word with a prefix or suffix the dictionary does not list (unbelievingly, re-tied)."""
        freq = frequencies()
        for suffix in _DERIVATIONS:
            if low.endswith(suffix) and len(low) - len(suffix) >= 4:
                stem = low[: -len(suffix)]
                if stem in known or (stem.endswith("i") and stem[:-1] + "y" in known) or stem + "e" in known:
                    return True
        if low.endswith("ably") and low[:-4] + "able" in known:
            return True
        # British and American variants: travelled/traveled, colour/color, realise/realize, centre/center
        for a, b in (("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("tted", "ted"), ("tting", "ting"),
                     ("our", "or"), ("ise", "ize"), ("yse", "yze"), ("isat", "izat"), ("tre", "ter"),
                     ("ae", "e"), ("oe", "e")):
            at = low.find(a)
            if 0 < at <= len(low) - len(a) - (0 if a in ("tre", "ise", "yse") or a.endswith(("ed", "ing", "er"))
                                                else 1) and \
                    low.replace(a, b, 1) in known:
                return True
        # closed compounds of two common words: hatrack, stairhead, tailboard
        for i in range(4, len(low) - 3):
            head, tail = low[:i], low[i:]
            if freq.get(head, 0) >= 1_000_000 and freq.get(tail, 0) >= 1_000_000 and head in known and tail in known:
                return True
        for suffix in ("s", "es", "er", "est", "ers"):
            if low.endswith(suffix) and len(low) - len(suffix) >= 4:
                stem = low[: -len(suffix)]
                if stem in known or (stem.endswith("i") and stem[:-1] + "y" in known) or \
                        (suffix[0] == "e" and stem + "e" in known):
                    return True  # plurals and comparatives the lexicon does not list
        for suffix in ("ed", "ing", "d"):
            if low.endswith(suffix) and len(low) - len(suffix) >= 3:
                stem = low[: -len(suffix)]
                if suffix == "d" and not stem.endswith("e"):
                    continue
                for cand in (stem, stem + "e", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else None,
                             stem[:-1] + "y" if stem.endswith("i") else None):
                    if not cand or cand not in known:
                        continue
                    # a regular form of a known word -- unless the dictionary spells that form
                    # another way (occured: occurred; comming: coming)
                    variants = {cand + suffix, cand + cand[-1] + suffix, cand[:-1] + suffix,
                                cand[:-1] + "i" + suffix, cand + "e" + suffix}
                    if not any(v != low and v in known for v in variants):
                        return True
        for prefix in _PREFIXES:
            if low.startswith(prefix) and len(low) - len(prefix) >= 4 and low[len(prefix):] in known:
                return True
        return False
