"""Shared helpers of the style and repetition rules: word forms, frequencies, dialogue tags.

Nothing here calls spaCy; the rules read the parsed tokens only and none of them
needs the lemmatizer:

* :func:`forms_of` expands a word list once (``stand`` → stand, stands, stood,
  standing, via lemminflect) so hot loops compare plain lower-case strings;
  :func:`lemma_for` goes the other way for the few tokens that need it.
* :func:`word_frequencies`, :func:`common_words`, :func:`base_forms`: wordfreq's
  English list, loaded once per process, as a frequency filter and a lexicon.
* :func:`token_index` (narration words by lower-case text, passive auxiliaries) and
  :func:`dialogue_tags` (the verb tagging each quote) are computed once per check run
  and shared through the rule context (:func:`shared`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..speech_verbs import entries as speech_entries
from .base import load_list

if TYPE_CHECKING:
    from ..document.model import Story, Token

PERSONAL_SUBJECTS = frozenset({"i", "he", "she", "they", "we", "you"})
POSSESSIVES = frozenset({"my", "his", "her", "their", "your", "our", "its"})

_CONTRACTIONS = {"n't": "not", "’nt": "not", "n’t": "not", "'re": "be", "’re": "be", "'m": "be",
                 "’m": "be", "'ve": "have", "’ve": "have", "'ll": "will", "’ll": "will",
                 "ca": "can", "wo": "will", "sha": "shall"}
_UPOS_FOR_TAG = {"N": "NOUN", "V": "VERB", "M": "AUX"}


@lru_cache(maxsize=65536)
def lemma_for(lower: str, tag: str) -> str:
    """Base form of ``lower`` (a lower-cased word) with Penn ``tag``: nouns and verbs only.

    Adjectives, adverbs and function words stay as they are ("older" stays "older").
    """
    if lower in _CONTRACTIONS:
        return _CONTRACTIONS[lower]
    if lower in ("'s", "’s"):
        return "'s" if tag == "POS" else "be"
    if lower in ("'d", "’d"):
        return "'d"
    upos = _UPOS_FOR_TAG.get(tag[:1]) if tag[:2] != "NNP" else None
    if upos is None or tag == "MD":
        return lower
    from lemminflect import getLemma

    found = getLemma(lower, upos=upos)
    return found[0] if found else lower


_CONTRACTED_FORMS = {
    "not": ("n't", "n’t"), "be": ("'s", "’s", "'re", "’re", "'m", "’m"),
    "have": ("'ve", "’ve", "'d", "’d", "'s", "’s"), "would": ("'d", "’d"), "had": ("'d", "’d"),
    "will": ("'ll", "’ll", "wo"), "can": ("ca",), "'d": ("’d",), "'s": ("’s",),
}


@lru_cache(maxsize=None)
def forms_of(word: str) -> frozenset[str]:
    """Every inflected form of ``word`` (as a noun and as a verb) and its contractions, lower-case.

    ``stand`` → stand, stands, stood, standing; ``not`` → not, n't.  Used to expand word
    lists once at load time so that the hot loops compare plain strings.
    """
    from lemminflect import getAllInflections

    word = word.lower()
    out = {word, *_CONTRACTED_FORMS.get(word, ())}
    if word.isalpha():
        for forms in getAllInflections(word).values():
            out.update(f.lower() for f in forms)
    if "'" in word:
        out.add(word.replace("'", "’"))
    return frozenset(out)


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, float]:
    """wordfreq's English frequency list (word → frequency), loaded once per process."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


@lru_cache(maxsize=4)
def common_words(max_zipf: float) -> frozenset[str]:
    """Words at or above Zipf frequency ``max_zipf`` in wordfreq's English list."""
    floor = 10 ** (max_zipf - 9)
    return frozenset(w for w, f in word_frequencies().items() if f >= floor)


def base_forms(word: str, tag: str = "") -> list[str]:
    """Candidate base forms of a lower-case word with Penn ``tag`` (the word itself first).

    ``glimmered`` → glimmered, glimmere, glimmer; ``stopped`` → ..., stop; ``cries`` → ..., cry.
    Cheap and over-generating: callers keep the candidates a lexicon knows.
    """
    out = [word]
    if word.endswith(("'s", "’s")):
        word = word[:-2]
        out.append(word)
    n = len(word)
    if tag in ("NNS", "VBZ"):
        if n > 4 and word.endswith("ies"):
            out.append(word[:-3] + "y")
        elif n > 3 and word.endswith("es"):
            out += [word[:-1], word[:-2]]
        elif n > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            out.append(word[:-1])
        return out
    suffixes = {"VBD": ("ed",), "VBN": ("ed",), "JJ": ("ed", "ing"), "VBG": ("ing",), "NN": ("ing",),
                "JJR": ("er",), "RBR": ("er",), "JJS": ("est",), "RBS": ("est",)}.get(tag, ())
    for suffix in suffixes:
        if n > len(suffix) + 2 and word.endswith(suffix):
            stem = word[:-len(suffix)]
            out += [stem + "e", stem]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
            if stem.endswith("i"):
                out.append(stem[:-1] + "y")
    if tag == "RB" and n > 4 and word.endswith("ly"):
        out.append(word[:-3] + "y" if word.endswith("ily") else word[:-2])
    return out


def lemma(tok: "Token") -> str:
    """The token's base form (nouns and verbs; other words as they are), lower-case."""
    return lemma_for(tok.lower, tok.tag)


@lru_cache(maxsize=None)
def speech_verbs() -> frozenset[str]:
    """Lemmas of verbs that carry speech in a dialogue tag (said, asked, whispered ...).

    Our own list (``dialogue-tag-adverbs-verbs.txt``) plus the package's speech verbs
    (:mod:`betareader.speech_verbs`) that are speech on their own.
    """
    words = set(load_list("dialogue-tag-adverbs-verbs.txt"))
    words |= {lemma for lemma, particle in speech_entries() if particle is None}
    return frozenset(words)


def shared(ctx, key: str, make):
    """``make()`` computed once per check run (cached on the rule context) and shared by rules."""
    store = ctx.__dict__.setdefault("_prose_shared", {})
    if key not in store:
        store[key] = make()
    return store[key]


class TokenIndex:
    """One pass over the tokens that several rules share.

    Narration only (dialogue and thought are left out): ``by_lower`` maps a lower-cased
    word to the indexes of its tokens, ``narration_words`` counts the words, ``auxpass``
    lists the passive auxiliaries.
    """

    __slots__ = ("by_lower", "narration_words", "auxpass")

    def __init__(self, story: "Story"):
        by_lower: dict[str, list[int]] = {}
        auxpass: list[int] = []
        words = 0
        get = by_lower.get
        for t in story.tokens:
            if t.speech:
                continue
            lst = get(t.lower)
            if lst is None:
                by_lower[t.lower] = [t.i]
            else:
                lst.append(t.i)
            if t.pos != "PUNCT":
                words += 1
            if t.dep == "auxpass":
                auxpass.append(t.i)
        self.by_lower = by_lower
        self.narration_words = words
        self.auxpass = auxpass

    def positions(self, words) -> list[int]:
        """Sorted indexes of the tokens whose lower-cased text is in ``words``."""
        get = self.by_lower.get
        out: list[int] = []
        for w in words:
            lst = get(w)
            if lst:
                out.extend(lst)
        out.sort()
        return out


def token_index(story: "Story", ctx=None) -> TokenIndex:
    if ctx is not None:
        return shared(ctx, "index", lambda: TokenIndex(story))
    return TokenIndex(story)


def token_starts(story: "Story", ctx=None) -> list[int]:
    """Start offsets of all tokens, in order (for bisecting an offset to a token)."""
    if ctx is not None:
        return shared(ctx, "starts", lambda: [t.start for t in story.tokens])
    return [t.start for t in story.tokens]


def is_name(tok: "Token", names: set[str]) -> bool:
    """A capitalised word the story uses as a name."""
    return tok.text[:1].isupper() and (tok.tag in ("NNP", "NNPS") or tok.lower in names) \
        and tok.lower not in PERSONAL_SUBJECTS


# -- dialogue tags -----------------------------------------------------------------

_SUBJECT_POS = frozenset({"PRON", "PROPN", "DET", "ADJ", "NOUN"})


class DialogueTag:
    """A narration verb that tags a quote: ``"Yes," she said`` / ``said Harry`` / ``She said, "..."``."""

    __slots__ = ("verb", "quote", "after", "subject")

    def __init__(self, verb: int, quote, after: bool, subject: int | None):
        self.verb = verb
        self.quote = quote
        self.after = after
        """True when the tag follows the quote, False when it introduces it."""
        self.subject = subject
        """Index of the subject's head word (pronoun or name) when found."""

    def __repr__(self) -> str:  # pragma: no cover
        return f"DialogueTag(verb={self.verb}, after={self.after}, subject={self.subject})"


def dialogue_tags(story: "Story", ctx=None, max_subject: int = 4) -> list[DialogueTag]:
    """Verbs right after a closing quote (behind a short subject) or right before an opening one.

    One pass over the quotes; positions found by bisecting token offsets.  A tag is in
    the quote's paragraph and in narration.
    """
    if ctx is not None:
        return shared(ctx, f"tags{max_subject}", lambda: _dialogue_tags(story, ctx, max_subject))
    return _dialogue_tags(story, None, max_subject)


def _dialogue_tags(story: "Story", ctx, max_subject: int) -> list[DialogueTag]:
    from bisect import bisect_left

    tokens = story.tokens
    if not tokens:
        return []
    sentences = story.sentences
    starts = token_starts(story, ctx)
    out: list[DialogueTag] = []
    n = len(tokens)
    for q in story.quotes:
        # after the quote: [subject of at most max_subject words] VERB, or VERB subject
        if q.close_mark is not None:
            k = bisect_left(starts, q.end)
            if k < n and not tokens[k].speech and sentences[tokens[k].sent].paragraph == q.paragraph:
                tag = _tag_after(tokens, k, n, max_subject)
                if tag is not None:
                    out.append(DialogueTag(tag[0], q, True, tag[1]))
        # before the quote: [subject] VERB [ADV] , "
        k = bisect_left(starts, q.start) - 1
        if k < 0 or tokens[k].speech or tokens[k].text not in (",", ":"):
            continue
        j = k - 1
        if j >= 0 and tokens[j].pos == "ADV" and not tokens[j].speech:
            j -= 1
        if j < 0 or tokens[j].speech or not (tokens[j].tag.startswith("VB") and tokens[j].pos == "VERB"):
            continue
        if sentences[tokens[j].sent].paragraph != q.paragraph:
            continue
        subj = None
        for x in range(j - 1, max(-1, j - max_subject - 2), -1):
            t = tokens[x]
            if t.speech:
                break
            if t.dep in ("nsubj", "nsubjpass") and t.head == j:
                subj = x
                break
            if t.pos not in _SUBJECT_POS and t.pos != "ADV":
                break
        out.append(DialogueTag(j, q, False, subj))
    return out


def _tag_after(tokens, k: int, n: int, max_subject: int):
    """(verb index, subject index) for a tag starting at token ``k``, or None."""
    first = tokens[k]
    if first.tag.startswith("VB") and first.pos == "VERB":
        # inverted: "..." said Harry / said the old man
        for x in range(k + 1, min(n, k + 1 + max_subject)):
            t = tokens[x]
            if t.speech:
                break
            if t.pos in ("PROPN", "PRON", "NOUN") and t.lower not in POSSESSIVES:
                return k, x
            if t.pos not in ("DET", "ADJ", "PROPN"):
                break
        return k, None
    subj = None
    for x in range(k, min(n, k + 2 + max_subject)):
        t = tokens[x]
        if t.speech:
            return None
        if t.tag.startswith("VB") and t.pos == "VERB":
            return (x, subj) if subj is not None else None
        if t.pos in ("PRON", "PROPN", "NOUN") and t.lower not in POSSESSIVES:
            subj = x
        elif t.pos == "ADV" and subj is not None:
            continue
        elif t.pos not in _SUBJECT_POS:
            return None
    return None
