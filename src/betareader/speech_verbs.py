"""The verbs of speaking (and thinking) that make a dialogue tag, for the whole package.

One list, ``data/speech_verbs.txt`` (lemmas; ``go on``-type verbs with their particle), and
the forms made from it here.  Quote detection (:mod:`betareader.document.quotes`), speaker
attribution (:mod:`betareader.analysis.speakers`) and the checks (dialogue punctuation,
said-bookisms, tag adverbs, spelling) all read it from here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# Forms the regular rules below do not make (checked against lemminflect by the tests).
IRREGULAR_PAST = {"say": ("said",), "begin": ("began",), "speak": ("spoke",), "swear": ("swore",),
                  "tell": ("told",), "think": ("thought",), "weep": ("wept",), "sing": ("sang",),
                  "spit": ("spat", "spit"), "plead": ("pleaded", "pled"), "admit": ("admitted",),
                  "lie": ("lied",), "go": ("went", "gone"), "break": ("broke", "broken"),
                  "put": ("put",), "burst": ("burst",)}
IRREGULAR_PROGRESSIVE = {"admit": "admitting", "begin": "beginning"}


def inflect(lemma: str) -> tuple[tuple[str, ...], str]:
    """(past tense forms, third person singular) of a speech verb.

    Regular English rules plus :data:`IRREGULAR_PAST`; lemminflect would do the same, but
    takes seconds to load and this runs in every check.
    """
    if re.search(r"(?:s|x|z|ch|sh|[^o]o)$", lemma):
        third = lemma + "es"
    elif re.search(r"[^aeiou]y$", lemma):
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma in IRREGULAR_PAST:
        return IRREGULAR_PAST[lemma], third
    if lemma.endswith("e"):
        past = lemma + "d"
    elif re.search(r"[^aeiou]y$", lemma):
        past = lemma[:-1] + "ied"
    elif _doubles(lemma):
        past = lemma + lemma[-1] + "ed"  # snap -> snapped
    else:
        past = lemma + "ed"
    return (past,), third


def progressive(lemma: str) -> str:
    """The -ing form: ``saying``, ``whispering``, ``snapping``, ``sighing``, ``agreeing``."""
    if lemma in IRREGULAR_PROGRESSIVE:
        return IRREGULAR_PROGRESSIVE[lemma]
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    if _doubles(lemma):
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"


def _doubles(lemma: str) -> bool:
    """One stressed syllable ending consonant-vowel-consonant doubles its last letter (snap)."""
    return re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lemma.replace("qu", "q")) is not None


@lru_cache(maxsize=1)
def entries() -> tuple[tuple[str, str | None], ...]:
    """(lemma, particle or None) for every line of ``data/speech_verbs.txt``."""
    text = resources.files("betareader").joinpath("data/speech_verbs.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            out.append((words[0].lower(), words[1].lower() if len(words) > 1 else None))
    return tuple(out)


NO_PROGRESSIVE = frozenset({"lie"})
"""Verbs whose -ing form is seldom speech (``lying`` on the bed)."""


def forms_of(lemma: str, progressive_form: bool = False) -> tuple[str, ...]:
    """The lemma, its third person, its past forms and, if asked, its -ing form."""
    past, third = inflect(lemma)
    ing = (progressive(lemma),) if progressive_form and lemma not in NO_PROGRESSIVE else ()
    return (lemma, third, *past) + ing


@lru_cache(maxsize=2)
def speech_forms(progressive_form: bool = False) -> dict[str, str]:
    """Inflected form (said, whispers ...) → lemma, for the verbs that are speech on their own."""
    out: dict[str, str] = {}
    for lemma, particle in entries():
        if particle is None:
            for form in forms_of(lemma, progressive_form):
                out.setdefault(form, lemma)
    return out


@lru_cache(maxsize=1)
def phrasal_forms() -> dict[str, frozenset[str]]:
    """Inflected form (went, breaking ...) → the particles that make it speech (on, in)."""
    out: dict[str, set[str]] = {}
    for lemma, particle in entries():
        if particle is not None:
            for form in forms_of(lemma, True):
                out.setdefault(form, set()).add(particle)
    return {k: frozenset(v) for k, v in out.items()}


def tag_forms() -> frozenset[str]:
    """The past and third-person forms a dialogue tag uses, with their particles where a verb
    needs one: ``said``, ``asks``, ``went on``, ``breaks in``."""
    words: set[str] = set()
    for lemma, particle in entries():
        pasts, third = inflect(lemma)
        words |= {f"{f} {particle}" if particle else f for f in (*pasts, third)}
    return frozenset(words)


def alternation(words) -> str:
    """A regular-expression alternation of ``words``, longest first (for the document layer,
    which has no parser): ``said|asked|...|went on|...``."""
    return "|".join(sorted((re.escape(w).replace(r"\ ", " ") for w in words), key=lambda w: (-len(w), w)))
