"""Score ``betareader analyze`` JSON output against the quotation/speaker gold data.

The gold data lives in ``../shared/data/attrib`` (format: ``../shared/data/README.md``); the
prediction is the ``analyze`` document of ``../shared/CONTRACT.md`` (``characters`` with ``id``,
``name``, ``aliases``, ``mentions``; ``quotes`` with ``start``, ``end``, ``speaker``).  Everything
here is pure Python and deterministic; :func:`score_story` scores one story and returns additive
:class:`Counts`, so per-corpus and overall figures are micro-averages (sums of counts).

Quote detection
---------------
*Content characters* of a span are its characters that are neither whitespace nor quotation marks
(``QUOTE_MARKS``: straight, curly, low-9, guillemets, CJK corner brackets, backtick; note that this
includes the apostrophe, for both sides alike).  If a span has no content character, its
non-whitespace characters are used, and failing those all its characters.  An empty or
out-of-range span never counts.

* **Precision**: a predicted quote is correct if at least half of its content characters lie
  inside the union of the gold quote spans.  Quote marks inside the predicted span therefore do
  not matter, nor does a shift by a few characters.
* **Recall** (the symmetric rule, our reading of the README's summary): a gold quote is recalled
  if at least half of its content characters lie inside the union of the predicted quote spans.
  A predicted quote that spans ``"Go," she said, "now."`` recalls both gold parts (and is still
  counted correct when the tag is less than half of it).

Speakers
--------
Speaker accuracy is computed over gold quotes whose ``speaker`` is not null (PDNC quotes by a
group or an unknowable speaker are excluded; LitBank group speakers are real gold characters and
do count).  For such a gold quote:

* if it was not recalled (see above), it counts as wrong;
* otherwise the predicted quote with the largest overlap in content characters (ties: largest
  raw overlap, then the earliest) decides: the quote is correct iff that quote's ``speaker`` is a
  predicted character that the character matching (below) assigned to the gold speaker.  A null
  speaker, an unknown id or an unmatched predicted character is wrong.

Two diagnostic variants are reported alongside: accuracy restricted to gold quotes whose gold
speaker was found by the system (matched to some predicted character), which separates roster
errors from attribution errors, and accuracy over recalled quotes only.

Characters
----------
* **Recall**: gold characters of category ``major`` or ``intermediate`` (never ``group``) that are
  matched to some predicted character (whatever its ``mentions``).
* **Precision**: predicted characters with ``mentions >= 5`` (a character without a ``mentions``
  field is counted, conservatively) that are matched to a gold character of any category.  As the
  matching is one-to-one, a second predicted character for a gold person already taken stays
  unmatched and counts as wrong.

Character matching rules
------------------------
Every name (the ``name`` and each alias) of a predicted or gold character is normalised:

1. Unicode NFKD, accents dropped, case-folded; curly apostrophes made straight.  Japanese
   honorific suffixes attached with a hyphen are dropped (``Itachi-san`` -> ``itachi``; -san,
   -kun, -chan, -sama, -sensei, -senpai, -dono, -tan, -hime, -nii, -nee and a few variants).
2. Tokens are runs of letters/digits; apostrophes inside a token are removed (``d'Urberville``
   -> ``durberville``), hyphens and other punctuation separate tokens, periods vanish
   (``Mr.`` == ``Mr``).
3. Leading articles, possessives and endearments are dropped while a token remains:
   ``the``, ``a``, ``an``, ``my``, ``our``, ``his``, ``her``, ``their``, ``your``, ``dear``,
   ``dearest`` (``My Dear Miss Eliza`` -> ``miss eliza``).
4. Leading titles are split off and canonicalised (``Mister``/``Mr`` -> ``mr``, ``Missus``/
   ``Mrs`` -> ``mrs``, ``Doctor``/``Dr`` -> ``dr``, ``Capt`` -> ``captain`` ...; see ``TITLES``),
   but only while a non-particle token follows, so ``The King`` and ``King of Hearts`` keep
   ``king`` as their core.  What remains is the *core* (a token tuple).
5. A predicted character flagged ``"narrator": true`` or named ``I``/``me``/``myself``/
   ``Narrator`` gets the name ``narrator``; gold narrators are named ``Narrator`` already.

Titles: two names are *title-compatible* if either has no title, or some title of one is
equivalent to some title of the other (equal after canonicalisation, or one of the pairs
ms~miss, ms~mrs, madam~miss, madam~mrs).  So ``Mr.`` never matches ``Mrs.`` or ``Miss``, nor
``Dr.`` ``Mr.``.  Civil titles inside a name count too (``the late Mr. Darcy`` is an ``mr``).
An untitled name *inherits* the civil title (mr, mrs, miss, ms, lady ...) of its own character
when all of that character's titled names use one single civil title: gold ``Bennet`` (an alias
of Mrs. Bennet) therefore behaves as ``Mrs. Bennet``, and predicted ``Darcy`` in a character
named ``Mr. Darcy`` as ``Mr. Darcy``.  Inherited titles only ever block a match, they never make
a name exact.

Level of a predicted name ``p`` against a gold name ``g`` (0 if not title-compatible):

* 4 *exact*: same core and same own titles (``Miss Bennet`` == ``Miss Bennet``, ``Lizzy`` ==
  ``Lizzy``);
* 3 *same core*, titles compatible (``Mr. Darcy`` ~ ``Darcy``; ``Ms. Bingley`` ~ ``Miss Bingley``);
* 2 *given-name part*: the shorter core is a prefix of the longer (``Elizabeth Bennet`` ~
  ``Elizabeth``, ``Mr. Thaddeus`` ~ ``Thaddeus Sholto``), or both have >= 2 tokens with the
  same first and last token (a middle name left out);
* 1 *surname part*: the shorter core is a suffix of the longer (``Sherlock Holmes`` ~ ``Holmes``,
  ``Uchiha Itachi`` ~ ``Itachi``).
* A *bare* predicted name (one untitled token) that is not exactly a gold name scores 1 against
  every gold name containing that token (``Darcy`` ~ ``Mr. Darcy``, ``Lucas`` ~ ``Miss Lucas``
  and ~ ``Maria Lucas``): nobody can tell a given name from a surname, so such a name only
  counts when a single gold character carries the token.

Partial levels (2, 1) need the shorter core to contain a non-particle token (``de``, ``of``,
``van`` ... never match alone).  The level of ``p`` against a gold *character* is its best level
over that character's names.  A predicted name *refers unambiguously* to the gold character
with the strictly highest level; if several gold characters share the highest level, the name is
*ambiguous* (a bare ``Bennet`` when ``Mr. Bennet`` and ``Mrs. Bennet`` exist and neither has the
alias ``Bennet``; ``Lucas`` among four Lucases) and only contributes a share ``level / k`` to each
of the ``k`` tied characters.

A pair (predicted character P, gold character G) scores
``(sum of levels of P's names referring unambiguously to G, sum of ambiguous shares for G,
whether P's own "name" refers unambiguously to G, P's mentions)``.  It is *eligible* if

* the first component is positive; or
* one of P's names is *exactly* (level 4) a name of G and of other gold characters too: the gold
  itself has two characters of that name (``Dr. Spencer``/``Doctor Spencer``; LitBank's
  ``Jane`` beside ``Dear Judy`` alias ``Jane``), so either may be taken; or
* P has no unambiguous name at all and G's ambiguous share is strictly the largest among gold
  characters (the whole alias set decides).

A bare surname shared by several people (and not itself a gold name) therefore matches nobody.
Eligible pairs are assigned greedily, best score first (ties by
input order), one-to-one.  Consequences: ``Lizzy`` matches Elizabeth when her aliases include
it; ``Miss Bennet`` matches Jane (who has that alias) and not every Bennet; a character split in
two by the system yields one matched and one unmatched predicted character.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from dataclasses import asdict, dataclass, field, fields
from itertools import accumulate
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

# --------------------------------------------------------------------------------------------
# constants

#: Characters that are ignored when measuring quote overlap (besides whitespace).
QUOTE_MARKS = frozenset("\"'`\u00ab\u00bb\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f"
                        "\u2039\u203a\u300c\u300d\u300e\u300f\uff02\uff07")
#: Predicted characters with at least this many mentions count for character precision.
MENTION_THRESHOLD = 5
#: Gold categories counted for character recall.
RECALL_CATEGORIES = frozenset({"major", "intermediate"})
#: PDNC quote types, in display order.
QUOTE_TYPES = ("explicit", "anaphoric", "implicit")
#: Corpus keys, in display order.
CORPORA = ("pdnc", "litbank")

_LEADING_DROP = frozenset(
    {"the", "a", "an", "my", "our", "his", "her", "their", "your", "dear", "dearest"})
PARTICLES = frozenset(
    {"of", "the", "de", "da", "di", "du", "del", "della", "der", "den", "des", "la", "le", "van",
     "von", "y", "and", "in", "on", "at", "bin", "ibn", "al", "el"})
#: Title spellings -> canonical title.
TITLES: dict[str, str] = {
    "mr": "mr", "mister": "mr", "messrs": "mr", "monsieur": "mr", "herr": "mr", "signor": "mr",
    "senor": "mr",
    "mrs": "mrs", "missus": "mrs", "missis": "mrs", "frau": "mrs", "signora": "mrs",
    "senora": "mrs",
    "miss": "miss", "mademoiselle": "miss", "mlle": "miss", "fraulein": "miss",
    "signorina": "miss", "senorita": "miss",
    "ms": "ms", "mx": "mx",
    "madam": "madam", "madame": "madam", "mme": "madam", "maam": "madam",
    "master": "master", "sir": "sir", "dame": "dame", "lady": "lady", "lord": "lord",
    "dr": "dr", "doctor": "dr", "prof": "professor", "professor": "professor",
    "rev": "reverend", "reverend": "reverend", "parson": "parson", "father": "father",
    "mother": "mother", "sister": "sister", "brother": "brother",
    "aunt": "aunt", "auntie": "aunt", "uncle": "uncle", "cousin": "cousin",
    "captain": "captain", "capt": "captain", "colonel": "colonel", "col": "colonel",
    "major": "major", "general": "general", "gen": "general", "lieutenant": "lieutenant",
    "lieut": "lieutenant", "lt": "lieutenant", "sergeant": "sergeant", "sgt": "sergeant",
    "corporal": "corporal", "cpl": "corporal", "admiral": "admiral", "commander": "commander",
    "inspector": "inspector", "constable": "constable", "detective": "detective",
    "superintendent": "superintendent", "officer": "officer", "agent": "agent",
    "squire": "squire", "judge": "judge", "king": "king", "queen": "queen", "prince": "prince",
    "princess": "princess", "duke": "duke", "duchess": "duchess", "earl": "earl",
    "count": "count", "countess": "countess", "baron": "baron", "baroness": "baroness",
    "emperor": "emperor", "empress": "empress",
}
#: Titles that express sex/marital status; an untitled name inherits its character's one.
CIVIL_TITLES = frozenset({"mr", "mrs", "miss", "ms", "mx", "madam", "master", "sir", "dame",
                          "lady", "lord"})
_EQUIVALENT_TITLES = frozenset(
    frozenset(p) for p in [("ms", "miss"), ("ms", "mrs"), ("madam", "miss"), ("madam", "mrs")])
_HONORIFIC_SUFFIX = re.compile(
    r"-(?:san|kun|chan|sama|sensei|senpai|sempai|dono|tan|hime|nii|nee|niisan|neesan|niichan"
    r"|neechan|nii-san|nee-san|nii-chan|nee-chan|kohai|kouhai|shi)\b")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_NARRATOR_NAMES = frozenset({"i", "me", "myself", "narrator"})
NARRATOR_FORM_CORE = ("narrator",)


# --------------------------------------------------------------------------------------------
# name normalisation and matching


@dataclass(frozen=True)
class NameForm:
    """A normalised name: canonical leading titles and the remaining core tokens."""

    titles: frozenset[str]
    core: tuple[str, ...]

    def __str__(self) -> str:  # for debugging output
        return " ".join(sorted(self.titles) + list(self.core))

    @property
    def all_titles(self) -> frozenset[str]:
        """Leading titles plus civil titles inside the core (``the late Mr. Darcy``)."""
        inner = {TITLES[t] for t in self.core if TITLES.get(t) in CIVIL_TITLES}
        return self.titles | inner if inner else self.titles

    @property
    def bare(self) -> bool:
        """A single untitled token: a given name or a surname, nobody can tell."""
        return not self.titles and len(self.core) == 1


def normalize_name(name: str) -> NameForm | None:
    """Normalise one character name (rules 1-4 of the module docstring); None if empty."""
    if not name:
        return None
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    s = _HONORIFIC_SUFFIX.sub("", s)
    tokens = [t.replace("'", "") for t in _TOKEN.findall(s)]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[0] in _LEADING_DROP:
        tokens.pop(0)
    titles: set[str] = set()
    while len(tokens) > 1 and tokens[0] in TITLES and tokens[1] not in PARTICLES:
        titles.add(TITLES[tokens.pop(0)])
        while len(tokens) > 1 and tokens[0] in _LEADING_DROP:  # "Mr. the ..." is rare; harmless
            tokens.pop(0)
    if not tokens:
        return None
    return NameForm(frozenset(titles), tuple(tokens))


def _titles_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return True
    return any(x == y or frozenset((x, y)) in _EQUIVALENT_TITLES for x in a for y in b)


def name_level(p: NameForm, g: NameForm, p_inherited: frozenset[str] = frozenset(),
               g_inherited: frozenset[str] = frozenset()) -> int:
    """Match level (0-4) of predicted name ``p`` against gold name ``g``.

    ``*_inherited`` are the civil titles an untitled name inherits from its character.
    """
    if not _titles_compatible(p.all_titles or p_inherited, g.all_titles or g_inherited):
        return 0
    if p.core == g.core:
        if p.titles == g.titles:
            return 4
        return 1 if p.bare else 3
    if p.bare:  # a bare token that is not exactly a gold name is weak evidence whatever it is
        return 1 if (p.core[0] not in PARTICLES and p.core[0] in g.core) else 0
    short, long_ = (p.core, g.core) if len(p.core) < len(g.core) else (g.core, p.core)
    if len(short) == len(long_) or all(t in PARTICLES for t in short):
        return 0
    n = len(short)
    if long_[:n] == short:
        return 2
    if n >= 2 and short[0] == long_[0] and short[-1] == long_[-1] and _is_subsequence(short, long_):
        return 2
    if long_[-n:] == short:
        return 1
    return 0


def _is_subsequence(short: Sequence[str], long_: Sequence[str]) -> bool:
    it = iter(long_)
    return all(tok in it for tok in short)


@dataclass
class _CharNames:
    """Normalised names of one character plus the civil title its untitled names inherit."""

    forms: list[NameForm]
    primary: NameForm | None
    inherited: frozenset[str]


def _character_names(char: Mapping[str, Any], *, predicted: bool) -> _CharNames:
    raw = [char.get("name")] + list(char.get("aliases") or [])
    forms: list[NameForm] = []
    primary = None
    narrator = bool(char.get("narrator"))
    for i, r in enumerate(raw):
        if not isinstance(r, str):
            continue
        f = normalize_name(r)
        if f is None:
            continue
        if not f.titles and len(f.core) == 1 and f.core[0] in _NARRATOR_NAMES:
            if predicted or f.core == NARRATOR_FORM_CORE:
                narrator = True
                f = NameForm(frozenset(), NARRATOR_FORM_CORE)
        if i == 0:
            primary = f
        if f not in forms:
            forms.append(f)
    if narrator:
        nf = NameForm(frozenset(), NARRATOR_FORM_CORE)
        if nf not in forms:
            forms.append(nf)
    civil = {t for f in forms for t in f.all_titles if t in CIVIL_TITLES}
    inherited = frozenset(civil) if len(civil) == 1 else frozenset()
    return _CharNames(forms, primary, inherited)


@dataclass
class CharacterMatch:
    """Result of matching predicted characters to gold characters."""

    pred_to_gold: dict[str, str]  # predicted id -> gold id (one-to-one)
    gold_to_pred: dict[str, str]
    scores: dict[str, tuple]  # predicted id -> score tuple of the assigned pair


def match_characters(pred_chars: Sequence[Mapping[str, Any]],
                     gold_chars: Sequence[Mapping[str, Any]]) -> CharacterMatch:
    """One-to-one assignment of predicted to gold characters (rules in the module docstring)."""
    gold = [(str(g.get("id")), _character_names(g, predicted=False)) for g in gold_chars]
    candidates: list[tuple[tuple, int, int, str, str]] = []
    level_cache: dict[tuple, int] = {}
    for pi, pc in enumerate(pred_chars):
        pid = str(pc.get("id"))
        pn = _character_names(pc, predicted=True)
        unamb: dict[int, float] = {}
        amb: dict[int, float] = {}
        primary_hits: set[int] = set()
        exact_ties: set[int] = set()
        for form in pn.forms:
            best, winners = 0, []
            for gi, (_, gn) in enumerate(gold):
                lvl = 0
                for gf in gn.forms:
                    key = (form, pn.inherited, gf, gn.inherited)
                    v = level_cache.get(key)
                    if v is None:
                        v = level_cache[key] = name_level(form, gf, pn.inherited, gn.inherited)
                    lvl = max(lvl, v)
                    if lvl == 4:
                        break
                if lvl > best:
                    best, winners = lvl, [gi]
                elif lvl == best and lvl > 0:
                    winners.append(gi)
            if best == 0:
                continue
            if len(winners) == 1:
                unamb[winners[0]] = unamb.get(winners[0], 0.0) + best
                if form == pn.primary:
                    primary_hits.add(winners[0])
            else:
                for gi in winners:
                    amb[gi] = amb.get(gi, 0.0) + best / len(winners)
                if best == 4:  # the gold has several characters of exactly this name
                    exact_ties.update(winners)
        mentions = _mentions(pc)
        mention_key = mentions if mentions is not None else 0
        eligible = set(unamb) | exact_ties
        if not unamb and amb:
            top = max(amb.values())
            tops = [gi for gi, v in amb.items() if v == top]
            if len(tops) == 1:
                eligible.add(tops[0])
        for gi in eligible:
            score = (unamb.get(gi, 0.0), amb.get(gi, 0.0), gi in primary_hits, mention_key)
            candidates.append((score, pi, gi, pid, gold[gi][0]))
    candidates.sort(key=lambda c: (tuple(-x for x in c[0]), c[1], c[2]))
    pred_to_gold: dict[str, str] = {}
    gold_to_pred: dict[str, str] = {}
    scores: dict[str, tuple] = {}
    for score, _, _, pid, gid in candidates:
        if pid in pred_to_gold or gid in gold_to_pred:
            continue
        pred_to_gold[pid] = gid
        gold_to_pred[gid] = pid
        scores[pid] = score
    return CharacterMatch(pred_to_gold, gold_to_pred, scores)


def _mentions(char: Mapping[str, Any]) -> int | None:
    m = char.get("mentions")
    if isinstance(m, bool) or not isinstance(m, (int, float)):
        return None
    return int(m)


# --------------------------------------------------------------------------------------------
# counts and metrics


@dataclass
class Counts:
    """Additive counts; every metric is a ratio of two of them (micro-averaging = summing)."""

    stories: int = 0
    gold_quotes: int = 0
    gold_quotes_recalled: int = 0
    pred_quotes: int = 0
    pred_quotes_correct: int = 0
    speaker_total: int = 0  # gold quotes with a non-null speaker
    speaker_correct: int = 0
    speaker_recalled_total: int = 0  # ... of which recalled
    speaker_found_total: int = 0  # ... whose gold speaker is matched to a predicted character
    speaker_found_correct: int = 0
    gold_chars: int = 0  # major + intermediate gold characters
    gold_chars_found: int = 0
    pred_chars: int = 0  # predicted characters with mentions >= MENTION_THRESHOLD
    pred_chars_correct: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name)
                         for f in fields(self)})

    def __iadd__(self, other: "Counts") -> "Counts":
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    # metrics: None when the denominator is 0
    @property
    def quote_precision(self) -> float | None:
        return _ratio(self.pred_quotes_correct, self.pred_quotes)

    @property
    def quote_recall(self) -> float | None:
        return _ratio(self.gold_quotes_recalled, self.gold_quotes)

    @property
    def speaker_accuracy(self) -> float | None:
        return _ratio(self.speaker_correct, self.speaker_total)

    @property
    def speaker_accuracy_recalled(self) -> float | None:
        return _ratio(self.speaker_correct, self.speaker_recalled_total)

    @property
    def speaker_accuracy_found(self) -> float | None:
        return _ratio(self.speaker_found_correct, self.speaker_found_total)

    @property
    def char_recall(self) -> float | None:
        return _ratio(self.gold_chars_found, self.gold_chars)

    @property
    def char_precision(self) -> float | None:
        return _ratio(self.pred_chars_correct, self.pred_chars)

    METRICS = ("quote_precision", "quote_recall", "speaker_accuracy", "speaker_accuracy_recalled",
               "speaker_accuracy_found", "char_recall", "char_precision")

    def metrics(self) -> dict[str, float | None]:
        return {m: getattr(self, m) for m in self.METRICS}

    def to_dict(self) -> dict[str, Any]:
        return {"counts": asdict(self), "metrics": self.metrics()}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class StoryScore:
    """Score of one story: totals, per-quote-type totals (PDNC) and diagnostic details."""

    name: str
    corpus: str
    counts: Counts
    by_type: dict[str, Counts] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "corpus": self.corpus, **self.counts.to_dict(),
                "by_type": {t: c.to_dict() for t, c in self.by_type.items()},
                "details": self.details}


# --------------------------------------------------------------------------------------------
# quote overlap machinery


class _Coverage:
    """Prefix sums over the text: how many content characters a span has, or shares with others."""

    def __init__(self, text: str):
        self.n = len(text)
        self._ps = {
            "content": [0, *accumulate(0 if (ch.isspace() or ch in QUOTE_MARKS) else 1
                                       for ch in text)],
            "nonspace": [0, *accumulate(0 if ch.isspace() else 1 for ch in text)],
        }

    def clip(self, start: Any, end: Any) -> tuple[int, int] | None:
        """``[start, end)`` clipped to the text; None if empty or not integers."""
        try:
            s, e = int(start), int(end)
        except (TypeError, ValueError):
            return None
        s, e = max(0, s), min(self.n, e)
        return (s, e) if s < e else None

    def count(self, kind: str, s: int, e: int) -> int:
        """Characters of class ``kind`` (content, nonspace, all) in ``[s, e)``."""
        if kind == "all":
            return max(0, e - s)
        ps = self._ps[kind]
        return ps[e] - ps[s] if s < e else 0

    def weights(self, s: int, e: int) -> tuple[str, int]:
        """Which character class measures span [s, e) and how many such characters it has."""
        for kind in ("content", "nonspace"):
            c = self.count(kind, s, e)
            if c:
                return kind, c
        return "all", e - s

    def overlap(self, a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
        """(content-character overlap, raw overlap) of two spans."""
        s, e = max(a[0], b[0]), min(a[1], b[1])
        if s >= e:
            return 0, 0
        return self.count("content", s, e), e - s


class _Union:
    """The union of a set of spans, as sorted disjoint intervals."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.intervals = merged

    def covered(self, cov: _Coverage, kind: str, s: int, e: int) -> int:
        """Characters of class ``kind`` in ``[s, e)`` that lie inside the union."""
        i = max(0, bisect_left(self.starts, s) - 1)
        total = 0
        while i < len(self.intervals) and self.intervals[i][0] < e:
            a, b = self.intervals[i]
            total += cov.count(kind, max(a, s), min(b, e))
            i += 1
        return total


def _covered_enough(cov: _Coverage, span: tuple[int, int], union: _Union) -> bool:
    """At least half of the span's characters (content, else non-space, else all) are in union."""
    kind, total = cov.weights(*span)
    return 2 * union.covered(cov, kind, *span) >= total


# --------------------------------------------------------------------------------------------
# scoring


def score_story(text: str, gold: Mapping[str, Any], pred: Mapping[str, Any] | None, *,
                name: str = "", corpus: str | None = None) -> StoryScore:
    """Score one predicted ``analyze`` document against one gold document for ``text``."""
    pred = pred or {}
    if corpus is None:
        corpus = corpus_of(gold)
    cov = _Coverage(text)
    gold_chars = [c for c in gold.get("characters") or [] if isinstance(c, Mapping)]
    pred_chars = [c for c in pred.get("characters") or [] if isinstance(c, Mapping)]
    match = match_characters(pred_chars, gold_chars)
    pred_ids = {str(c.get("id")) for c in pred_chars}

    gold_quotes = []
    for q in gold.get("quotes") or []:
        span = cov.clip(q.get("start"), q.get("end"))
        if span:
            gold_quotes.append((span, q))
    pred_quotes = []
    for q in pred.get("quotes") or []:
        if isinstance(q, Mapping):
            pred_quotes.append((cov.clip(q.get("start"), q.get("end")), q))
    valid_pred = sorted(((sp, q) for sp, q in pred_quotes if sp), key=lambda x: x[0])

    counts = Counts(stories=1)
    by_type: dict[str, Counts] = {}

    # quote precision
    gold_union = _Union(sp for sp, _ in gold_quotes)
    counts.pred_quotes = len(pred_quotes)
    counts.pred_quotes_correct = sum(
        1 for sp, _ in valid_pred if _covered_enough(cov, sp, gold_union))

    # quote recall and speakers
    pred_union = _Union(sp for sp, _ in valid_pred)
    starts = [sp[0] for sp, _ in valid_pred]
    max_len = max((sp[1] - sp[0] for sp, _ in valid_pred), default=0)
    errors: list[dict[str, Any]] = []
    for span, q in gold_quotes:
        qtype = q.get("type")
        tc = by_type.setdefault(qtype, Counts()) if qtype else None
        recalled = _covered_enough(cov, span, pred_union)
        c_items = [counts] + ([tc] if tc else [])
        for c in c_items:
            c.gold_quotes += 1
            c.gold_quotes_recalled += recalled
        gspk = q.get("speaker")
        if gspk is None:
            continue
        gspk = str(gspk)
        found = gspk in match.gold_to_pred
        predicted_speaker = None
        correct = False
        if recalled:
            best = _best_overlap(cov, span, valid_pred, starts, max_len)
            if best is not None:
                predicted_speaker = best.get("speaker")
                correct = (predicted_speaker is not None
                           and str(predicted_speaker) in pred_ids
                           and match.pred_to_gold.get(str(predicted_speaker)) == gspk)
        for c in c_items:
            c.speaker_total += 1
            c.speaker_recalled_total += recalled
            c.speaker_correct += correct
            c.speaker_found_total += found
            c.speaker_found_correct += correct and found
        if not correct:
            errors.append({"start": span[0], "end": span[1], "gold": gspk, "type": qtype,
                           "recalled": recalled, "predicted": predicted_speaker})

    # characters
    gold_major = [c for c in gold_chars if c.get("category") in RECALL_CATEGORIES]
    counts.gold_chars = len(gold_major)
    counts.gold_chars_found = sum(1 for c in gold_major if str(c.get("id")) in match.gold_to_pred)
    counted = [c for c in pred_chars
               if (_mentions(c) is None or _mentions(c) >= MENTION_THRESHOLD)]
    counts.pred_chars = len(counted)
    counts.pred_chars_correct = sum(1 for c in counted if str(c.get("id")) in match.pred_to_gold)

    gold_names = {str(c.get("id")): c.get("name") for c in gold_chars}
    details = {
        "character_matches": [
            {"pred": str(c.get("id")), "name": c.get("name"), "mentions": _mentions(c),
             "gold": match.pred_to_gold.get(str(c.get("id"))),
             "gold_name": gold_names.get(match.pred_to_gold.get(str(c.get("id")), ""))}
            for c in pred_chars],
        "missed_characters": [
            {"gold": str(c.get("id")), "name": c.get("name"), "category": c.get("category"),
             "quotes": c.get("quotes")}
            for c in gold_major if str(c.get("id")) not in match.gold_to_pred],
        "speaker_errors": errors,
    }
    return StoryScore(name=name, corpus=corpus, counts=counts, by_type=by_type, details=details)


def _best_overlap(cov: _Coverage, span: tuple[int, int],
                  preds: Sequence[tuple[tuple[int, int], Any]], starts: Sequence[int],
                  max_len: int) -> Mapping[str, Any] | None:
    """The predicted quote overlapping ``span`` most (content chars, then raw chars, then first)."""
    hi = bisect_left(starts, span[1])
    best_key, best_q = (0, 0), None
    i = hi - 1
    while i >= 0 and starts[i] + max_len > span[0]:
        sp, q = preds[i]
        if sp[1] > span[0]:
            key = cov.overlap(span, sp)
            if key > (0, 0) and key >= best_key:  # >=: walking backwards, so earlier wins ties
                best_key, best_q = key, q
        i -= 1
    return best_q


# --------------------------------------------------------------------------------------------
# data helpers


def corpus_of(gold: Mapping[str, Any]) -> str:
    """``pdnc`` or ``litbank`` (lower-cased ``source.corpus``)."""
    src = gold.get("source") or {}
    return str(src.get("corpus") or "unknown").lower()


def read_text(path: str | Path) -> str:
    """Story text as the contract defines it: UTF-8, BOM dropped, newlines untouched."""
    return Path(path).read_bytes().decode("utf-8-sig")


@dataclass(frozen=True)
class StoryFiles:
    """One story of the data set."""

    name: str
    corpus: str
    text_path: Path
    gold_path: Path

    @property
    def size(self) -> int:
        return self.text_path.stat().st_size


def discover_stories(data_dir: str | Path) -> list[StoryFiles]:
    """All stories under ``data_dir`` (the ``attrib`` folder), PDNC first, by name."""
    data_dir = Path(data_dir)
    out = []
    for gold_path in sorted(data_dir.glob("*/*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        name = gold_path.name[: -len(".gold.json")]
        text_path = gold_path.parent / (gold.get("text_file") or f"{name}.txt")
        out.append(StoryFiles(name, corpus_of(gold), text_path, gold_path))
    order = {c: i for i, c in enumerate(CORPORA)}
    out.sort(key=lambda s: (order.get(s.corpus, len(order)), s.name))
    return out


def gold_as_prediction(gold: Mapping[str, Any]) -> dict[str, Any]:
    """Convert a gold document into an ``analyze`` prediction (used to self-test the scorer)."""
    chars = []
    for c in gold.get("characters") or []:
        item = {"id": c["id"], "name": c["name"], "aliases": list(c.get("aliases") or []),
                "mentions": max(int(c.get("mentions") or 0), int(c.get("quotes") or 0),
                                MENTION_THRESHOLD)}
        if c.get("narrator"):
            item["narrator"] = True
        chars.append(item)
    quotes = [{"start": q["start"], "end": q["end"], "speaker": q.get("speaker"),
               "confidence": 1.0} for q in gold.get("quotes") or []]
    return {"version": 1, "source": gold.get("text_file"), "characters": chars, "quotes": quotes}


def aggregate(scores: Iterable[StoryScore]) -> dict[str, Any]:
    """Micro-averaged totals: overall, per corpus, per quote type (overall and per corpus)."""
    overall = Counts()
    corpora: dict[str, Counts] = {}
    types: dict[str, Counts] = {}
    corpus_types: dict[str, dict[str, Counts]] = {}
    for sc in scores:
        overall += sc.counts
        corpora.setdefault(sc.corpus, Counts())
        corpora[sc.corpus] += sc.counts
        for t, c in sc.by_type.items():
            types.setdefault(t, Counts())
            types[t] += c
            corpus_types.setdefault(sc.corpus, {}).setdefault(t, Counts())
            corpus_types[sc.corpus][t] += c
    return {"overall": overall, "corpora": corpora, "types": types, "corpus_types": corpus_types}
