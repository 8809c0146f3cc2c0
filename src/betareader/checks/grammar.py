"""Verb and subject helpers shared by the grammar rules (``tense-shift``, ``pov-shift``, ``agreement``).

Everything here works on the parsed :class:`~betareader.document.model.Story` tokens
(Penn tags, dependency labels, ``head`` indexes) and on lemminflect for lemmas and
inflections.  Nothing calls spaCy.

* :func:`children` — each token's dependents, computed once per story.
* :func:`subject_of` — the subject token of a verb (through auxiliaries and ``conj``).
* :func:`subject_agreement` — person and number of a subject: ``("3", "sg")`` etc.
* :func:`verb_lemma`, :func:`past_form`, :func:`present_form` — inflection with the
  case of the original word kept.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

from lemminflect import getAllLemmas, getInflection, getLemma

if TYPE_CHECKING:
    from ..document.model import Story, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})

PRONOUN_AGREEMENT: dict[str, tuple[str, str]] = {
    "i": ("1", "sg"), "we": ("1", "pl"), "you": ("2", "pl"), "ya": ("2", "pl"), "ye": ("2", "pl"),
    "he": ("3", "sg"), "she": ("3", "sg"), "it": ("3", "sg"), "they": ("3", "pl"),
    "this": ("3", "sg"), "that": ("3", "sg"), "these": ("3", "pl"), "those": ("3", "pl"),
}

_children_cache: list = [None, None]


def children(story: "Story") -> list[list[int]]:
    """``kids[i]`` is the list of token indexes whose head is ``i`` (cached per story)."""
    tokens = story.tokens
    if _children_cache[0] is tokens:
        return _children_cache[1]
    kids: list[list[int]] = [[] for _ in tokens]
    for t in tokens:
        if t.head != t.i:
            kids[t.head].append(t.i)
    _children_cache[0] = tokens
    _children_cache[1] = kids
    return kids


def norm(word: str) -> str:
    """Lower case with curly apostrophes made straight."""
    return word.lower().replace("’", "'")


def subject_of(tokens: Sequence["Token"], kids: list[list[int]], i: int) -> int | None:
    """The index of the subject of the verb (or auxiliary) ``tokens[i]``, or None.

    An auxiliary's subject hangs on its main verb; a verb coordinated with another
    (``She stood and walks``) shares its subject when it has none of its own.
    """
    seen = 0
    while seen < 6:
        seen += 1
        for k in kids[i]:
            if tokens[k].dep in SUBJECT_DEPS:
                return k
        t = tokens[i]
        if t.dep in ("aux", "auxpass") and t.head != i:
            i = t.head
            continue
        if t.dep == "conj" and t.head != i and tokens[t.head].pos in ("VERB", "AUX"):
            i = t.head
            continue
        return None
    return None


def has_conjunct_subject(tokens: Sequence["Token"], kids: list[list[int]], s: int) -> bool:
    """True when the subject ``tokens[s]`` is coordinated (``Tom and Pet``, ``he or she``)."""
    return any(tokens[k].dep == "conj" for k in kids[s])


def coordinator(tokens: Sequence["Token"], kids: list[list[int]], s: int) -> str | None:
    """The coordinating word of a coordinated subject (``and``, ``or``, ``nor``)."""
    for k in kids[s]:
        if tokens[k].dep == "cc":
            return tokens[k].lower
    for k in kids[s]:
        if tokens[k].dep == "conj":
            for kk in kids[k]:
                if tokens[kk].dep == "cc":
                    return tokens[kk].lower
    return None


def subject_agreement(tokens: Sequence["Token"], kids: list[list[int]], s: int) -> tuple[str, str] | None:
    """Person and number of the subject ``tokens[s]``: ``("3", "sg")``; None when unsure."""
    t = tokens[s]
    low = norm(t.text)
    if low in PRONOUN_AGREEMENT and t.tag in ("PRP", "DT"):
        if t.tag == "DT" and any(tokens[k].dep not in ("punct",) for k in kids[s]):
            return None
        if has_conjunct_subject(tokens, kids, s):
            return ("3", "pl") if coordinator(tokens, kids, s) == "and" else None
        return PRONOUN_AGREEMENT[low]
    if t.tag in ("NN", "NNP"):
        if has_conjunct_subject(tokens, kids, s):
            return ("3", "pl") if coordinator(tokens, kids, s) == "and" else None
        return ("3", "sg")
    if t.tag in ("NNS", "NNPS"):
        return ("3", "pl")
    return None


def keep_case(model: str, word: str) -> str:
    """``word`` written with the capitalisation of ``model``."""
    if model[:1].isupper():
        if len(model) > 1 and model.isupper():
            return word.upper()
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=8192)
def verb_lemma(word: str) -> str:
    """The lemma of a verb form (``walks`` → ``walk``, ``'s`` → ``be``)."""
    low = norm(word)
    if low in ("'s", "s"):
        return "be"
    if low in ("'re", "re", "'m", "m", "am", "is", "are", "was", "were", "ai"):
        return "be"
    if low in ("'ve", "ve"):
        return "have"
    if low in ("'d", "d"):
        return "have"
    lemmas = getLemma(low, upos="VERB")
    return lemmas[0] if lemmas else low


@lru_cache(maxsize=8192)
def _inflect(lemma: str, tag: str) -> str | None:
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else None


def past_form(lemma: str, agreement: tuple[str, str] | None = None) -> str | None:
    """The simple past of ``lemma`` (``was``/``were`` chosen by the subject)."""
    if lemma == "be":
        if agreement is None:
            return None
        return "was" if agreement[1] == "sg" and agreement[0] != "2" else "were"
    return _inflect(lemma, "VBD")


def present_form(lemma: str, agreement: tuple[str, str] | None) -> str | None:
    """The simple present of ``lemma`` agreeing with ``agreement``."""
    if agreement is None:
        return None
    person, number = agreement
    if lemma == "be":
        if person == "1" and number == "sg":
            return "am"
        return "is" if person == "3" and number == "sg" else "are"
    if person == "3" and number == "sg":
        return _inflect(lemma, "VBZ")
    return _inflect(lemma, "VBP") or lemma


_PRESENT_IRREGULAR = {"is": "VBZ", "'s": "VBZ", "has": "VBZ", "does": "VBZ",
                      "am": "VBP", "are": "VBP", "'re": "VBP", "'m": "VBP", "have": "VBP",
                      "'ve": "VBP", "do": "VBP"}
_PAST_IRREGULAR = {"was": "be", "were": "be", "had": "have", "'d": "have", "did": "do"}


@lru_cache(maxsize=8192)
def is_present_form(word: str, tag: str) -> bool:
    """Whether ``word`` really is a present-tense verb form for the tag ``VBZ``/``VBP``.

    Guards against tagger slips: past forms tagged present (``swam``, ``bent``) and
    words that are not verbs at all (``aglow``, ``tentacles``).
    """
    low = norm(word)
    if low in _PRESENT_IRREGULAR:
        return _PRESENT_IRREGULAR[low] == tag
    lemmas = getAllLemmas(low, upos="VERB").get("VERB", ())
    if not lemmas:
        return False
    if tag == "VBZ":
        return any(_inflect(lemma, "VBZ") == low for lemma in lemmas)
    if low not in lemmas:
        return False
    # "let", "put", "read": the same spelling in the past, so no visible slip.
    return not any(low in (getInflection(lemma, tag="VBD") or ()) for lemma in lemmas)


@lru_cache(maxsize=8192)
def is_past_form(word: str) -> bool:
    """Whether ``word`` is a simple-past verb form (``walked``, ``knelt``, ``was``)."""
    low = norm(word)
    if low in _PAST_IRREGULAR:
        return True
    lemmas = getAllLemmas(low, upos="VERB").get("VERB", ())
    return any(low in (getInflection(lemma, tag="VBD") or ()) for lemma in lemmas)


@lru_cache(maxsize=8192)
def is_base_form(word: str) -> bool:
    """Whether ``word`` is also a verb's base form (``put``, ``set``, ``read``): no visible tense."""
    low = norm(word)
    return low in getAllLemmas(low, upos="VERB").get("VERB", ())


def is_verse(story: "Story", par) -> bool:
    """A paragraph of verse or song: several short lines (most under 50 characters)."""
    lines = story.text[par.start:par.end].split("\n")
    if len(lines) < 2:
        return False
    body = sorted(len(x.strip()) for x in lines[:-1])
    return body[len(body) // 2] < 50
