"""typography: quote marks, ellipses, dashes and spaces used inconsistently."""

from __future__ import annotations

import re
from collections import Counter

from ...document.quotes import ELISIONS
from ..base import Rule

_DOUBLE = {'"': "straight", "“": "curly", "”": "curly"}
_SINGLE = {"'": "straight", "‘": "curly", "’": "curly"}
_QUOTE_CHARS = re.compile("[\"“”'‘’]")
_ELLIPSIS = re.compile(r"\.{3,}|\.(?: \.){2,}|…")
# A dash between words: em, en (not between digits: 1990–95), double hyphen, or a spaced hyphen;
# a hyphen at the end of a word that is cut off before a closing quote ("Wait-").
_DASH = re.compile(r"—|–|-+")
_DOUBLE_SPACE = re.compile(r"[ \u00a0]{2,}")
_SPACE_BEFORE = re.compile(r"[ \t\u00a0]+([,.;:!?]+)")
_SPACE_BEFORE_OK_AFTER = re.compile(r"[\w\"”’)\]*_]")
_NO_SPACE_AFTER = re.compile(r"([.!?]+|,)([A-Z][a-z]*|[a-z]{2,})")
_WORD_BEFORE = re.compile(r"(?<![A-Za-z.])(?:[a-z]{2,}|[A-Z][a-z]+)$")
_AFTER_QUOTE = re.compile(r"([.!?,])([\"”’])([A-Za-z])")
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+\.(?:com|org|net|edu|gov|io|co|uk|html?|php|txt|docx?|pdf|jpe?g|png|gif|js|py)\b",
                  re.I)
_EMOTICON_AFTER = set(")(DPp3/|\\-O*]['")
_SENTENCE_END = re.compile(r"[.!?:;][\"”’')\]]*$")
_SENTENCE_GAP = re.compile(r"[.!?:][\"”’')\]]?([ \u00a0]+)(?=[A-Z\"“‘'(])")
_OPEN_CONTEXT = set(" \t\n([{—–-/\"“")

DASH_NAMES = {"em": ("em dash", "(—)"), "en": ("en dash", "(–)"), "double": ("double hyphen", "(--)"),
              "hyphen": ("hyphen as a dash", "(-)")}


def _dash_label(kind: str, n: int | None = None) -> str:
    """'3 em dashes (—)', 'em dashes (—)', '1 double hyphen (--)'."""
    name, mark = DASH_NAMES[kind]
    if n != 1:
        name = name.replace("dash", "dashes", 1) if kind != "hyphen" else "hyphens as dashes"
        name = name.replace("hyphen", "hyphens", 1) if kind == "double" else name
    return f"{name} {mark}" if n is None else f"{n} {name} {mark}"
DASH_FORMS = {"em": "—", "en": "–", "double": "--", "hyphen": "-"}


class Typography(Rule):
    """
    What it does:
        Looks at the typography of the whole story and flags what is inconsistent or
        misplaced: straight and curly quote marks mixed in one story (the less used
        style is flagged, with counts), `...` mixed with `…`, dashes written several
        ways (`—`, `–`, `--`, ` - `), two spaces between words, a space before
        punctuation (`word ,`, `Really ?`) and a missing space after it
        (`end.Next`, `Yes,I`, `"Stop."She`).

    Why is this bad?
        Mixed marks look careless on the page and usually come from pasting text
        between editors (a phone, Google Docs, Word, AO3).  They also make the text
        harder to search and to convert.  A missing or extra space is a typo readers see.

    Leaves alone:
        A story that is consistent in any style: straight quotes throughout, `--` for
        every dash, two spaces after every sentence.  En dashes in number ranges
        (1990–95), hyphenated words, inch marks (5'11"), apostrophes in elisions ('em),
        spaced ellipses, French spacing when the story uses it throughout (`Quoi ?`),
        emoticons (`:)`), URLs, e-mail addresses, file names, decimals, initials
        (J.K. Rowling) and abbreviations (e.g., a.m.).  Only the first few places of
        each kind are reported, one per paragraph; the message gives the counts.

    Example:
        “I’m fine,” she said. "Really."
        He waited... and waited… and -- nothing.

    Use instead:
        “I’m fine,” she said. “Really.”
        He waited… and waited… and — nothing.
    """

    id = "typography"
    category = "typography"
    severity = "info"
    options = {"max_issues": 8}
    bad = (
        "“I’m fine,” she said.\n\n“You’re not,” he said.\n\n“Fine. I’m not.” She sighed.\n\n"
        "\"Then tell me,\" he said.\n\n“Later,” she promised.",
        "He waited… and waited…\n\nThe door stayed shut… Then, finally... a knock.",
        "She ran—faster than she ever had—until the gate.\n\nHe followed—too slow—and then -- nothing.",
        "The rain had stopped.  She stepped outside and looked up.",
        "He stared at her , waiting for an answer.",
        "She nodded.Then she turned and walked away.",
        '"Stop."She grabbed his arm.',
        "“Don’t,” she said. “Please.”\n\n“I won’t,” he said. “I promise.”\n\n“You don't mean it.”",
    )
    good = (
        '"I\'m fine," she said.\n\n"You\'re not," he said.\n\n"Fine. I\'m not." She sighed.',
        "“I’m fine,” she said.\n\n“You’re not,” he said, and waited… and waited…",
        "It was 1990–95, the years of the war -- the long years -- and nobody spoke of it.",
        "She stopped.  He stopped.  The clock stopped.  Nobody moved.",
        "He was 5'11\" and the box was 12\" wide. She typed :) and hit send.",
        "Visit www.example.com or mail me at tom.smith@example.org. J.K. Rowling wrote it at 3.45 p.m.",
        "The sign said « Quoi ? » and « Pourquoi ? » and « Comment ? » in the old style.",
        "She paused . . . then went on, and waited . . . and waited.",
    )

    def check(self, story, ctx):
        text = story.text
        paras = [p for p in story.paragraphs if p.kind == "text"]
        if not paras:
            return
        cap = int(self.opts.get("max_issues", 8))
        quote_opens = {q.start for q in story.quotes}
        quote_closes = {q.end - 1 for q in story.quotes if q.close_mark is not None}
        yield from self._quotes(text, paras, quote_opens, quote_closes, cap)
        yield from self._ellipses(text, paras, cap)
        yield from self._dashes(text, paras, quote_closes, cap)
        yield from self._double_spaces(text, paras, cap)
        yield from self._space_before(text, paras, cap)
        yield from self._space_after(text, paras, quote_closes, cap)

    # -- quote marks -----------------------------------------------------------
    def _quotes(self, text, paras, opens, closes, cap):
        found = {"double": [], "single": []}
        for p in paras:
            for m in _QUOTE_CHARS.finditer(text, p.start, p.end):
                i = m.start()
                c = text[i]
                if c in _DOUBLE:
                    if c == '"' and i > 0 and text[i - 1].isdigit():
                        continue  # 12" (inches)
                    found["double"].append(i)
                elif c in _SINGLE:
                    if c == "'" and i > 0 and text[i - 1].isdigit():
                        continue  # 5'11 (feet)
                    found["single"].append(i)
        styles = {}
        for family, marks in found.items():
            table = _DOUBLE if family == "double" else _SINGLE
            counts = Counter(table[text[i]] for i in marks)
            styles[family] = counts
            if len(counts) < 2:
                continue
            (major, n_major), (minor, n_minor) = counts.most_common(2)
            if n_major == n_minor:
                first = table[text[marks[0]]]
                major, minor = first, ("curly" if first == "straight" else "straight")
            what = "quote marks" if family == "double" else "single quotes and apostrophes"
            yielded = 0
            seen_paras = set()
            for i in marks:
                if table[text[i]] != minor:
                    continue
                p = self._para_index(paras, i)
                if p in seen_paras:
                    continue
                seen_paras.add(p)
                yield self.issue(
                    i, i + 1,
                    f"A {minor} {'quote mark' if family == 'double' else 'quote or apostrophe'} in a story "
                    f"that mostly uses {major} {what} ({counts['straight']} straight, {counts['curly']} curly).",
                    [self._convert(text, i, major, family, opens, closes)], severity="warning")
                yielded += 1
                if yielded >= cap:
                    break
        d, s = styles["double"], styles["single"]
        if len(d) == 1 and len(s) == 1 and sum(d.values()) >= 5 and sum(s.values()) >= 5 and d.keys() != s.keys():
            dstyle, sstyle = next(iter(d)), next(iter(s))
            first = found["single"][0]
            yield self.issue(
                first, first + 1,
                f"The story's double quotes are {dstyle} but its apostrophes and single quotes are "
                f"{sstyle} ({sum(s.values())} of them).",
                [self._convert(text, first, dstyle, "single", opens, closes)])

    @staticmethod
    def _para_index(paras, offset):
        lo, hi = 0, len(paras) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if offset < paras[mid].start:
                hi = mid - 1
            elif offset >= paras[mid].end:
                lo = mid + 1
            else:
                return mid
        return -1

    @staticmethod
    def _convert(text, i, style, family, opens, closes):
        """The mark at ``i`` in ``style`` (straight or curly)."""
        if style == "straight":
            return '"' if family == "double" else "'"
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if family == "double":
            if i in opens:
                return "“"
            if i in closes:
                return "”"
            return "“" if prev in _OPEN_CONTEXT and not nxt.isspace() else "”"
        if prev in _OPEN_CONTEXT and nxt.isalpha():
            m = re.match(r"[A-Za-z]+", text[i + 1:i + 12])
            if m and m.group(0).lower() in ELISIONS:
                return "’"  # ’em, ’cause
            return "‘"
        return "’"

    # -- ellipses ---------------------------------------------------------------
    def _ellipses(self, text, paras, cap):
        marks = []
        for p in paras:
            for m in _ELLIPSIS.finditer(text, p.start, p.end):
                marks.append((m.start(), m.end(), "char" if m.group(0) == "…" else "dots"))
        counts = Counter(k for _, _, k in marks)
        if len(counts) < 2:
            return
        major = max(counts, key=lambda k: (counts[k], -next(i for i, (_, _, kk) in enumerate(marks) if kk == k)))
        minor = "dots" if major == "char" else "char"
        form = "…" if major == "char" else "..."
        yield from self._per_paragraph(
            paras, [(a, b) for a, b, k in marks if k == minor], cap,
            lambda a, b: (f"'{text[a:b]}' in a story that mostly writes ellipses as '{form}' "
                          f"({counts['dots']} '...', {counts['char']} '…').", [form]))

    # -- dashes ---------------------------------------------------------------
    def _dashes(self, text, paras, closes, cap):
        marks = []
        for p in paras:
            for m in _DASH.finditer(text, p.start, p.end):
                s = m.group(0)
                a, b = m.start(), m.end()
                before, after = text[a - 1:a], text[b:b + 1]
                if s == "–":
                    if before.isdigit() and after.isdigit():
                        continue  # a range: 1990–95
                    kind = "en"
                elif s == "—":
                    kind = "em"
                elif len(s) in (2, 3):
                    kind = "double"
                elif len(s) > 3:
                    continue  # a rule ----
                elif before == " " and after == " " and text[a - 2:a - 1].strip() and text[b + 1:b + 2].strip():
                    a, b, kind = a - 1, b + 1, "hyphen"  # "word - word"
                elif b in closes and before.isalnum():
                    kind = "hyphen"  # "Wait-": speech cut off
                else:
                    continue  # a hyphenated word
                marks.append((a, b, kind))
        counts = Counter(k for _, _, k in marks)
        if len(counts) < 2:
            return
        order = {}
        for n, (_, _, k) in enumerate(marks):
            order.setdefault(k, n)
        major = max(counts, key=lambda k: (counts[k], -order[k]))
        # how the majority dash is spaced
        spaced = sum(1 for a, b, k in marks if k == major and text[a - 1:a] == " " and text[b:b + 1] == " ")
        spaced = spaced * 2 > counts[major]
        form = DASH_FORMS[major]
        summary = ", ".join(_dash_label(k, counts[k]) for k in sorted(counts, key=lambda k: -counts[k]))
        spans = []
        for a, b, k in marks:
            if k == major:
                continue
            if text[a:b] == "-":  # "Wait-": speech cut off
                spans.append((a, b))
                continue
            if text[a:b].strip() == text[a:b] and text[a - 1:a] == " " and text[b:b + 1] == " ":
                a, b = a - 1, b + 1
            spans.append((a, b))

        def describe(a, b):
            raw = text[a:b]
            if raw == "-":
                return (f"A hyphen cuts off this speech; the story mostly uses {_dash_label(major)} ({summary}).",
                        [form])
            return (f"'{raw.strip()}' as a dash in a story that mostly uses {_dash_label(major)} ({summary}).",
                    [f" {form} " if spaced else form])

        yield from self._per_paragraph(paras, spans, cap, describe)

    # -- spaces -------------------------------------------------------------------
    def _double_spaces(self, text, paras, cap):
        after_single = 0
        after, mid = [], []
        for p in paras:
            for m in _SENTENCE_GAP.finditer(text, p.start, p.end):
                if len(m.group(1)) == 1:
                    after_single += 1
            for m in _DOUBLE_SPACE.finditer(text, p.start, p.end):
                a = m.start()
                if m.end() - a > 3 or a == p.start or text[a - 1].isspace() or m.end() >= p.end \
                        or text[m.end()].isspace():
                    continue  # indentation or alignment, not a gap between words
                (after if _SENTENCE_END.search(text, max(p.start, a - 4), a) else mid).append((a, m.end()))
        two_space_style = len(after) >= 3 and len(after) >= 0.6 * (len(after) + after_single)
        if after and not two_space_style:
            a, b = after[0]
            n = len(after)
            yield self.issue(a, b, f"Two spaces after {'this sentence' if n == 1 else f'{n} sentences'}; "
                                   f"the story mostly uses one ({after_single} places).", [" "])
        if not mid:
            return
        total = len(mid)
        yield from self._per_paragraph(
            paras, mid, cap,
            lambda a, b: (f"{b - a} spaces between words ({total} such place{'s' if total != 1 else ''} "
                          f"in the story).", [" "]))

    def _space_before(self, text, paras, cap):
        found = []
        french = Counter()
        for p in paras:
            for m in _SPACE_BEFORE.finditer(text, p.start, p.end):
                punct = m.group(1)
                a, b = m.start(), m.end()
                if a == p.start or not _SPACE_BEFORE_OK_AFTER.match(text, a - 1):
                    continue
                nxt = text[b:b + 1]
                first = punct[0]
                if first == "." and (punct.startswith("..") or nxt.isdigit() or nxt == "." or nxt.isalpha()):
                    continue  # ellipsis, .45, .NET
                if first == "." and text[b:b + 2] == " .":
                    continue  # spaced ellipsis ". . ."
                if first == "," and nxt.isdigit():
                    continue
                if first in ":;" and (nxt in _EMOTICON_AFTER and (b == len(text) or nxt != " ")):
                    continue  # :) ;-)
                if first in ":;" and nxt.isalnum():
                    continue  # 10 :30, ratios
                if first in "!?;:":
                    french["space"] += 1
                found.append((a, b, punct))
            seg = text[p.start:p.end]
            french["tight"] += seg.count("!") + seg.count("?") + seg.count(";") + seg.count(":")
        french_style = french["space"] >= 3 and 2 * french["space"] >= french["tight"]
        if french_style:
            found = [(a, b, s) for a, b, s in found if s[0] not in "!?;:"]
        yielded = 0
        for a, b, punct in found:
            yield self.issue(a, b, f"A space before '{punct}'.", [punct], severity="warning")
            yielded += 1
            if yielded >= cap:
                break

    def _space_after(self, text, paras, closes, cap):
        found = []
        for p in paras:
            skip = None

            def in_url(i, p=p):
                nonlocal skip
                if skip is None:
                    skip = [(m.start(), m.end()) for m in _URL.finditer(text, p.start, p.end)]
                return any(a <= i < b for a, b in skip)

            for m in _NO_SPACE_AFTER.finditer(text, p.start, p.end):
                punct, nxt = m.group(1), m.group(2)
                a = m.start(1)
                if not _WORD_BEFORE.search(text, max(p.start, a - 40), a):
                    continue
                if in_url(a):
                    continue
                if punct.startswith(".") and (len(punct) > 1 and set(punct) == {"."}):
                    continue  # wait...what
                if punct == "." and nxt[:1].islower():
                    continue  # file.txt, example.com
                if punct == "." and len(nxt) == 1:
                    continue  # initials, abbreviations: Ph.D, U.S
                found.append((a, m.end(1), punct, nxt))
            for m in _AFTER_QUOTE.finditer(text, p.start, p.end):
                q = m.start(2)
                if q not in closes or in_url(q):
                    continue
                found.append((m.start(1), m.end(2), m.group(1) + m.group(2), m.group(3)))
        found.sort()
        yielded = 0
        for a, b, punct, nxt in found:
            yield self.issue(a, b, f"No space after '{punct}'.", [punct + " "], severity="warning")
            yielded += 1
            if yielded >= cap:
                break

    # -- helpers ----------------------------------------------------------------
    def _per_paragraph(self, paras, spans, cap, describe):
        seen = set()
        yielded = 0
        for a, b in spans:
            p = self._para_index(paras, a)
            if p in seen:
                continue
            seen.add(p)
            message, suggestions = describe(a, b)
            yield self.issue(a, b, message, suggestions)
            yielded += 1
            if yielded >= cap:
                break
