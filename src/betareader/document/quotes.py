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
  never a crash;
* quote marks around a word or short phrase inside a narration sentence (scare
  quotes, titles, words being mentioned: ``a bottle marked "poison," which``,
  ``the song "Hell Row"``) are not speech: see :func:`is_mention`; nor is a quoted
  block laid out in indented lines (verse, a letter): see :func:`is_block` and
  :func:`is_indented_block`; nor a letter written out in quote marks, one closed quote per
  paragraph down to ``"Yours ever,"``: see :func:`in_letter`.
"""

from __future__ import annotations

import re

from ..speech_verbs import alternation, speech_forms, tag_forms
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
            if is_open and c == "“" and _looks_closing(s, i) and not _looks_opening(s, i):
                role = "close"  # a curly mark turned the wrong way: “Yes,“ she said
        elif c in DOUBLE_CLOSE:
            role = "close"
            if not is_open and c == "”" and _looks_opening(s, i) and not _looks_closing(s, i):
                role = "open"  # ”Yes,” she said
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
        # 'em / 'cause / 'is: an elision, unless the mark opens the paragraph and the speech
        # it opens is closed after its punctuation later on (‘Is it far?’ she asked.)
        return not s[:i].strip() and _closed_speech_follows(s, m.end())
    if nxt.isdigit() and c == "'":
        return False  # the '90s
    return True


def _closed_speech_follows(s: str, start: int) -> bool:
    """A single closing mark after punctuation (``?’``, ``,'``) somewhere after ``start``."""
    return any(s[j] in "'’" and s[j - 1] in _CLOSE_PUNCT and not _is_word_char(s[j + 1] if j + 1 < len(s) else " ")
               for j in range(start, len(s)))


def _is_single_close_candidate(s: str, i: int) -> bool:
    c = s[i]
    prev = s[i - 1] if i > 0 else " "
    nxt = s[i + 1] if i + 1 < len(s) else " "
    if c == "‘":
        # an opening mark turned the wrong way at the end of speech: ‘Yes,‘ she said
        return prev in _CLOSE_PUNCT and nxt.isspace()
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
    # A mark that opens a new quote ('Ditto' remarked Good. 'I'll go.') means this one
    # closed before it: look for the closing mark only up to there.
    taken = set(candidates)
    reopen = next((j for j in range(start, len(s))
                   if s[j] in SINGLE_MARKS and j not in taken and _is_single_open(s, j)), None)
    if reopen is not None:
        before = [j for j in candidates if j < reopen]
        if before:
            candidates = before
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
    """Quotes in ``text[start:end]`` (one paragraph); stray closing marks go to ``stray``.

    A paragraph laid out as a block (:func:`is_indented_block`) or belonging to a letter
    written out in quote marks (:func:`in_letter`) has none.
    """
    if is_indented_block(text, start, end) or in_letter(text, start, end):
        return []
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
    kept: list[Quote] = []
    for q in quotes:
        if q.inner_end > q.inner_start and not is_mention(text, q, start, first=not kept) \
                and not is_block(text, q):
            kept.append(q)
    return kept


_INDENTED_LINE = re.compile(r"\n[ \t]{2,}\S")
_FLUSH_PARAGRAPH = re.compile(r"\n[ \t]*\n(?=[^\s])")
_INDENTED_PARAGRAPH = re.compile(r"\n[ \t]*\n(?=[ \t]{2,}\S)")
BLOCK_CONTEXT = 20_000
"""Characters before and after an indented paragraph that tell the story's usual layout."""


def is_block(text: str, q: Quote) -> bool:
    """Verse or a quoted document laid out with indented lines (a poem, a letter), not speech."""
    return q.close_mark is not None and _INDENTED_LINE.search(text, q.inner_start, q.inner_end) is not None


_LETTER_CLOSING = re.compile(
    r"[\"“'‘](?:(?:yours|your's|your\s+(?:\w+\s+){0,2}(?:friend|servant|son|daughter|sister|brother"
    r"|cousin|niece|nephew|wife|husband|mother|father))|(?:(?:very|most|ever)\s+)?(?:truly|sincerely"
    r"|faithfully|affectionately|respectfully|cordially|gratefully|devotedly)(?:\s+yours)?"
    r"|ever\s+yours|yours\s+ever|with\s+(?:all\s+my\s+)?love)\b[^\"”'’\n]{0,40}[\"”'’]?\s*$", re.I)
# A letter's salutation alone in its paragraph, its quote mark left open: `'Dearest Joan,`.
_SALUTATION = re.compile(r"[\"“'‘](?:my\s+(?:own\s+)?)?(?:dear|dearest|darling|beloved)\b[^\"”'’\n.!?]{0,40}[,:]$", re.I)
LETTER_REACH = 40
"""How many paragraphs ahead a letter's closing formula (``"Yours devotedly,"``) is looked for."""


def _next_paragraph(text: str, end: int) -> tuple[int, int] | None:
    """(start, end) of the paragraph after the one ending at ``end`` (blank-line separated)."""
    m = _FLUSH_OR_INDENTED.search(text, end)
    if m is None:
        return None
    a = m.end()
    b = text.find("\n\n", a)
    while b != -1 and text[a:b].strip() == "":
        a, b = b, text.find("\n\n", b + 2)
    return a, (len(text) if b == -1 else b)


_FLUSH_OR_INDENTED = re.compile(r"\n[ \t]*\n[ \t\n]*")


def in_letter(text: str, start: int, end: int) -> bool:
    """A paragraph of a letter written out in quote marks, one closed quote per paragraph.

    The letter is recognised by its closing formula (``"Yours devotedly,"``, ``"Your
    affectionate friend,"``): the paragraph is that formula, the signature right after it,
    or one of an unbroken run of closed quote-only paragraphs that ends with it.  A
    salutation alone in its paragraph with its quote left open (``'Dearest Joan,``) starts
    a letter; ``"My dear Mr. Bennet," said his lady`` is speech (it has more in it).
    """
    seg = text[start:end].strip()
    if not seg or seg[0] not in "\"“'‘":
        return False
    if len(seg) <= 60 and (_LETTER_CLOSING.match(seg) or _SALUTATION.match(seg)):
        return True  # `"Yours devotedly,` / `'Dearest Joan,`, the quote left open for the letter
    if seg[-1] not in "\"”'’":
        return False
    if len(seg.split()) <= 4:  # a signature after the closing formula
        k = text.rfind("\n\n", 0, start)
        prev = text[text.rfind("\n\n", 0, k) + 2 if k > 0 else 0:k].strip() if k > 0 else ""
        if prev and len(prev) <= 60 and _LETTER_CLOSING.match(prev):
            return True
    pos = end
    for _ in range(LETTER_REACH):
        nxt = _next_paragraph(text, pos)
        if nxt is None:
            return False
        body = text[nxt[0]:nxt[1]].strip()
        if not body or body[0] not in "\"“'‘" or body[-1] not in "\"”'’":
            return False
        if len(body) <= 60 and _LETTER_CLOSING.match(body):
            return True
        pos = nxt[1]
    return False


def is_indented_block(text: str, start: int, end: int) -> bool:
    """A paragraph set off by indentation in a story whose paragraphs are flush left.

    Letters, verse, notices and inscriptions are laid out so (``  "My dear Friend,``);
    their quote marks are not dialogue.  The paragraph counts when one of its lines starts
    with two or more spaces and, around it, flush-left paragraphs outnumber indented ones
    at least two to one (a story that indents every paragraph is left alone).
    """
    line_start = text.rfind("\n", 0, start) + 1
    first = text[line_start:start]
    if not (first.strip() == "" and len(first.expandtabs(4)) >= 2) \
            and _INDENTED_LINE.search(text, start, end) is None:
        return False
    lo, hi = max(0, line_start - BLOCK_CONTEXT), min(len(text), end + BLOCK_CONTEXT)
    flush = len(_FLUSH_PARAGRAPH.findall(text, lo, line_start)) + len(_FLUSH_PARAGRAPH.findall(text, end, hi))
    indented = len(_INDENTED_PARAGRAPH.findall(text, lo, line_start)) + len(
        _INDENTED_PARAGRAPH.findall(text, end, hi))
    return flush >= 3 and flush >= 2 * indented


# Speech verbs that name or perform a text rather than say a line: a quote after them is a
# name or a title (`what they called "seein' folks"`, `the choir sang "Far Above the Daisies"`).
_NAMING_VERBS = frozenset({"call", "sing", "recite", "chant", "hum", "repeat", "quote", "read"})
# The forms of the speech verbs that say a line (not the naming verbs above), and words that
# introduce a sound (`went "boom"`, `went "twosing,"`): the latter make a quote speech only
# when it starts as a spoken sentence starts, with a capital.
_SPEECH_WORDS = frozenset(f for f, lemma in speech_forms(progressive_form=True).items() if lemma not in _NAMING_VERBS)
_SOUND_WORDS = frozenset({"went", "go", "goes", "going", "like"})
# Words after which a short quote is speech all the same (`he said "yes" and left`): a speech
# word, a sound word, or a word of hearing (`heard "Fire!"`); not "of" (`the cry of "Fire!"`
# has its "!").
_SPEECH_BEFORE = _SPEECH_WORDS | _SOUND_WORDS | {"hear", "hears", "hearing", "heard"}
# Words that announce a name, title or inscription, even across a comma or colon
# (`a chromo entitled, "Christ Blessing Little Children"`, `a bottle labeled, "Best Vanilla."`).
# The nouns for such a text (`under the title "..."`, `the homely adage, '...'`).
_NAMING_ONLY = re.compile(r"(?:entitled|titled|labell?ed|inscribed|engraved|headed|lettered|nicknamed"
                          r"|dubbed|christened|termed|styled|title|inscription|epitaph|motto|adage"
                          r"|sentiment|caption|headline|text|effect)$", re.I)
# `as the phrase goes, "followed the sea"`: a saying announced as one.
_SAYING_GOES = re.compile(r"(?:phrase|saying|expression|proverb|adage|song)\s+(?:goes|runs|has\s+it)$", re.I)
# `"To James Mortimer, from his friends," was engraved upon it`: an inscription named after it.
_WRITTEN_AFTER = re.compile(r"\s*(?:was|is|were|had\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:engraved|inscribed"
                            r"|written|printed|painted|carved|stamped|lettered|embroidered|stencill?ed|scrawled)\b", re.I)
# Words that make what follows them a noun phrase or a verb phrase of the sentence: a quote
# right after them is a mention (`kept on a "yo! yo!"`, `keep my "weather-eye open"`,
# `requested God to "guide their feet"`), not speech.
_PHRASE_BEFORE = re.compile(r"(?:a|an|the|my|your|its|our|their|this|these|those|to)$", re.I)
# A speech verb denied: `didn't say`, `never said`, `did not whisper`.
_NOT_SAID = re.compile(r"(?:\bnot|n[’']t|\bnever)\s+$", re.I)
# A written or performed work named after "of": `a copy of "..."`, `the words of "..."`.
_WORK_OF = re.compile(r"\b(?:copy|copies|edition|volume|verses?|stanzas?|chapter|strains?|words|lines|tune|"
                      r"score|reading|performance|rendering|rendition)\s+of$", re.I)
TITLE_MAX_WORDS = 25
MENTION_MAX_WORDS = 6
NAMING_MAX_WORDS = 12
PHRASE_MAX_WORDS = 12


def is_mention(text: str, q: Quote, par_start: int, first: bool = True) -> bool:
    """A quoted word or phrase embedded in a narration sentence, not speech.

    True when the quote is closed, at most ``MENTION_MAX_WORDS`` words long, does not
    exclaim or ask (``!``/``?``), and the text right before its opening mark is a word
    (no comma, colon, dash or sentence end between): ``marked "poison,"``,
    ``called it "Hell Row"``, ``the "Red Death"``.  After a speech verb (``shouting
    "Fire"``) the quote is speech.  After a word that only ever announces a title or an
    inscription (``entitled``, ``labeled``, ``the title``, ``the adage`` ...) or followed by
    one (``"..." was engraved upon it``) a quote of up to ``NAMING_MAX_WORDS`` words is a
    mention, even across a comma (``entitled, "..."``, ``as the phrase goes, "..."``);
    so is a quote of up to ``PHRASE_MAX_WORDS`` words right after an article, a possessive or
    an infinitive ``to`` (:data:`_PHRASE_BEFORE`), a word or two used as a noun in the
    sentence (:func:`_noun_use`), and a phrase the sentence quotes in lower case
    (:func:`_quoted_phrase`).  ``first`` says no quote taken for speech comes before it in
    the paragraph.
    """
    if q.close_mark is None or q.continues or q.continued:
        return False
    inner = text[q.inner_start:q.inner_end]
    words = len(inner.split())
    lower = inner.lstrip("_*'‘\"“ ")[:1].islower()
    j = _skip_space_back(text, q.start - 1, par_start)
    k, e = _word_back(text, j, par_start)
    before = text[k:e].lower()
    if before in _SPEECH_BEFORE and not (lower and before in _SOUND_WORDS):
        # he said "yes" and left; but she didn't say "perhaps never": nobody said it
        return words <= MENTION_MAX_WORDS and _NOT_SAID.search(text, max(par_start, k - 12), k) is not None
    if e > k and words <= PHRASE_MAX_WORDS and _PHRASE_BEFORE.match(text, k, e):
        return True
    if e > k and words <= TITLE_MAX_WORDS and _WORK_OF.search(text, max(par_start, k - 30), e):
        return True  # a copy of "Lines addressed to a young lady ..."
    if words <= NAMING_MAX_WORDS and _WRITTEN_AFTER.match(text, q.end):
        return True
    if j >= par_start and text[j] in ",:":
        # `entitled, "..."`: a naming word (and perhaps an adverb) before the comma
        if _SAYING_GOES.search(text, max(par_start, j - 40), j):
            return True
        k, e = _word_back(text, _skip_space_back(text, j - 1, par_start), par_start)
        if e > k and text[k:e].lower().endswith("ly"):
            k, e = _word_back(text, _skip_space_back(text, k - 1, par_start), par_start)
        if e > k and (text[k:e].lower() in _SPEECH_BEFORE or text[k:e].lower().startswith("call")):
            return False  # calling, "Marilla"
    if e > k and words <= NAMING_MAX_WORDS and _NAMING_ONLY.match(text, k, e):
        return True
    if _noun_use(text, q, inner, words):
        return True
    if lower and first and _quoted_phrase(text, q, par_start):
        return True
    if j < par_start or not text[j].isalnum():
        return False
    return words <= MENTION_MAX_WORDS and "!" not in inner and "?" not in inner


# A speech verb earlier in the sentence: the quote is what was said (`he told me there was
# another river--"over there, short river"`, `she'd "acksually never seen"`), or a phrase
# as someone put it (`as she expressed it, "beat out."`).
_SPEECH_IN_SENTENCE = _SPEECH_WORDS | {"expressed"}
_WORD = re.compile(r"\b\w+\b")


SENTENCE_REACH = 300


def _quoted_phrase(text: str, q: Quote, par_start: int) -> bool:
    """A phrase quoted inside a narration sentence, in lower case: ``as he expressed it,
    "tarried," in Sleepy Hollow``, ``with an army "numerous as the leaves,"``.

    Speech that opens a paragraph's talk starts with a capital; a lower-case start is a
    phrase taken from somewhere, unless a speech verb comes earlier in the sentence or a
    dialogue tag right after the quote (``"and what is the use of a book," thought Alice``).
    The sentence is looked at back to its start, across a paragraph break (``... went on to
    himself in an undertone,`` / ``"important--unimportant--"``).
    A quote that opens with a dash or dots is speech picked up mid-way and stays speech.
    """
    if text[q.inner_start] in "-—–.…":
        return False
    lo = max(0, q.start - SENTENCE_REACH)  # the sentence may begin in the paragraph before
    sentence = max(text.rfind(c, lo, q.start) for c in ".!?")
    if any(w.lower() in _SPEECH_IN_SENTENCE for w in _WORD.findall(text, max(sentence + 1, lo), q.start)):
        return False
    return _TAG_VERB_AFTER.match(text, q.end) is None


NOUN_USE_MAX_WORDS = 4
_PERSONAL = re.compile(r"\b(?:I|I'\w+|me|my|we|us|our|you|your)\b")


def _noun_use(text: str, q: Quote, inner: str, words: int) -> bool:
    """A word or two in quote marks used inside a narration sentence: ``"frocks" and "gowns"``.

    The quote has at most ``NOUN_USE_MAX_WORDS`` words, no punctuation of its own at the end,
    and the sentence goes on after it in lower case with a word that cannot start a dialogue
    tag (not a pronoun, not a speech verb: ``"Not yet" she whispers`` stays speech, with its
    punctuation error); words that address someone (I, you, we ...) are speech all the same.
    """
    if words > NOUN_USE_MAX_WORDS or not inner[-1:].isalnum() or _PERSONAL.search(inner):
        return False  # "I believe you" was her comment: speech
    after = q.end
    while after < len(text) and text[after] in " \t\n" and text[after:after + 2] != "\n\n":
        after += 1  # a line break inside the sentence, not the paragraph's end
    if after >= len(text) or not text[after].islower():
        return False
    return _TAG_AFTER.match(text, after) is None


def _skip_space_back(text: str, j: int, lo: int) -> int:
    while j >= lo and text[j].isspace():
        j -= 1
    return j


def _word_back(text: str, j: int, lo: int) -> tuple[int, int]:
    """(start, end) of the word ending at ``j`` (empty when ``text[j]`` is no letter)."""
    if j < lo or not text[j].isalnum():
        return j + 1, j + 1
    k = j
    while k > lo and (text[k - 1].isalnum() or text[k - 1] in "'’"):
        k -= 1
    return k, j + 1


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


# -- where an unclosed quote ends ------------------------------------------------------------------
def end_unclosed(text: str, q: Quote) -> None:
    """End a quote that is never closed where its speech really stops.

    The closing mark is usually missing right before the dialogue tag: ``"Not one of them
    bit anybody, Pet said, studying ...``.  A comma, ``?`` or ``!`` followed by a tag (``Pet
    said``, ``she asked``, ``said Pet``) ends the speech there; what follows is narration.
    Without such a tag the quote runs to the end of its paragraph, as before.
    """
    m = _UNCLOSED_TAG.search(text, q.inner_start, q.inner_end)
    if m is None or m.start() <= q.inner_start:
        return
    q.end = q.inner_end = m.start()
    q.before_tag = True


# -- dash dialogue ------------------------------------------------------------------------------
# Some fiction (Joyce; much European and translated prose) opens speech with a dash at the start
# of the paragraph and no closing mark:  —Back to barracks! he said sternly. Your absurd name!
_DASH_OPEN = re.compile(r"[ \t]*(—|―|--|–)(?=[ \t]*[^\W\d_])")
# Every form of a speech verb but the -ing one (said|says|went on ...): see betareader.speech_verbs.
_TAG_VERBS = alternation(tag_forms())
# After a short quote, the start of a dialogue tag (see _noun_use).
_TAG_AFTER = re.compile(
    r"\s*(?:he|she|they|i|we|you|it|his|her|their|my|the|a|an|came|comes|come|%s)\b" % _TAG_VERBS, re.I)
_DASH_SUBJECT = r"(?:he|she|they|I|we|it|you|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})"
_DASH_TAG = re.compile(
    r"(?<=[,!?.…:;])\s+(?:%s\s+(?:\w+ly\s+)?(?:%s)|(?:%s)\s+%s)\b[^.!?]{0,80}?[.!?,;:](?=\s|$)"
    % (_DASH_SUBJECT, _TAG_VERBS, _TAG_VERBS, _DASH_SUBJECT))
DASH_MIN_PARAGRAPHS = 3
# A dialogue tag after the comma, ? or ! that ends a speech (see end_unclosed): "..., Pet said".
_TAG_SUBJECT = r"(?:he|she|they|I|we|you|[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){0,2})"
# A speech or thought verb right after a quote: its dialogue tag (`"...," thought poor Alice`).
# A tag opens with its verb or has it among its first words (`thought poor Alice`, `the Queen
# added`, `as the Boers say`); `its truth was admitted` is narration.
_TAG_VERB_AFTER = re.compile(r"[\s,;:—–-]*(?:as\s+)?(?:[\w'’]+[\s,]+){0,2}?(?:%s|say)\b" % _TAG_VERBS, re.I)
_UNCLOSED_TAG = re.compile(
    r"(?<=[,!?])(?=\s+(?:%s\s+(?:\w+ly\s+)?(?:%s)|(?:%s)\s+%s)(?=[\s,.;:!?—–]|$))"
    % (_TAG_SUBJECT, _TAG_VERBS, _TAG_VERBS, _TAG_SUBJECT))


def uses_dash_dialogue(text: str, spans: list[tuple[int, int]]) -> bool:
    """True when paragraphs opening with a dash are the story's way of marking speech."""
    dash = marks = 0
    for a, b in spans:
        head = text[a:min(b, a + 8)]
        if _DASH_OPEN.match(head):
            dash += 1
        elif head.lstrip()[:1] in '"“«„‘\'':
            marks += 1
    return dash >= DASH_MIN_PARAGRAPHS and dash > marks


def find_dash_quotes(text: str, start: int, end: int, paragraph: int) -> list[Quote]:
    """Speech in a paragraph that opens with a dash; a tag in it splits the speech in two."""
    m = _DASH_OPEN.match(text, start, end)
    body = text[start:end].strip()
    if not m or (body[-1:] in "—―–-" and len(body.split()) <= 4):
        return []  # "— I —": a decorated heading, not speech
    out: list[Quote] = []
    pos = m.end(1)
    mark = m.group(1)
    first = True
    while pos < end:
        tag = _DASH_TAG.search(text, pos, end)
        stop = tag.start() if tag else end
        a, b = _trimmed(text, pos, stop)
        if b > a:
            out.append(Quote(start=(m.start(1) if first else a), end=b, inner_start=a, inner_end=b,
                             open_mark=mark if first else "", close_mark=None, paragraph=paragraph))
        first = False
        if not tag:
            break
        pos = tag.end()
    return out
