"""The character roster: person names found in a parsed story, clustered into characters.

Pipeline (all linear in the number of tokens, apart from the clustering, which works on
distinct name forms):

1. **Name mentions**: runs of capitalised proper-noun tokens (spaCy tag ``NNP`` or an NER
   ``PERSON`` token), with leading titles (``Mr.``, ``Lady``, ``Captain`` ...), name particles
   (``de``, ``van``), hyphenated honorific suffixes (``Itachi-san``) and hyphenated names.
   A name used as a modifier of a common noun (``the Uchiha clan``) is not a mention.
2. **Person forms**: each distinct name form is kept when the evidence says person: a
   civil title, the subject of a speech verb (``said Emma``), a vocative in dialogue
   (``"Never, Mira."``), NER ``PERSON`` tags, use in the middle of sentences as a proper noun;
   and it is dropped when it is a month, a day, God or Heaven, an interjection, or mostly
   tagged as a place or organisation, or a common word that is merely capitalised.
   ``the Hatter``-style names (always after ``the``) need to speak.  Glossary names count
   as persons when they are used like names.
3. **Clustering** into characters: full names first (``Elizabeth Bennet``, ``Uchiha Itachi``),
   then titled names (``Mr. Darcy`` joins the only man called Darcy, ``Miss Elizabeth`` the
   only Elizabeth; ``Mrs.`` never joins an untitled full name unless that name is itself used
   with ``Mrs.``), then bare names (a given name or surname of exactly one character, a
   surname of the one ``Mr.`` of that name, a common nickname or a prefix of one given name:
   ``Lizzy``/``Eliza`` -> ``Elizabeth``).  People with incompatible titles stay apart
   (Mr. / Mrs. / Miss Bennet); a name shared by several characters and not decided by
   titles is left unresolved (``Uchiha`` when there are two Uchihas).  Gender blocks a
   merge only when titles or plenty of pronouns say it (:meth:`_Entity.firm_gender`).
   The narration may state an alias outright (``Miss Prudence Cowley, known to her
   friends as Tuppence``): :func:`_merge_stated_aliases`.
4. **Pronouns**: each character's referential pronouns from usage (the pronoun that follows
   the name in the same sentence, and the subject pronoun of the next sentence after a
   sentence whose subject is the name), titles (``Mr.`` -> he, ``Mrs.``/``Miss`` -> she), a
   common given name when the pronouns say little (``data/given_names.txt``) and gendered
   honorifics (``-kun``/``-chan``) as weak evidence.  Singular ``they`` is reported only when
   it clearly dominates; neopronouns (xe, ze, ey, fae) when they are used.
5. **Described people**: ``a girl was dancing`` ... ``the girl`` (:func:`find_nominals`) take
   part in pronoun resolution like characters and become characters if they speak (the
   speaker analysis promotes them: :meth:`Roster.promote`).
6. **Mentions**: name mentions plus third-person pronouns resolved by a small salience
   model (most recent compatible character, subject preference, quotes excluded) and, for a
   first-person narrator, ``I``/``me``/``my`` in narration.

A first-person narrator is a character (``narrator=True``): the one the narration says it
is (``Call me Ishmael``, ``my name is``), else the name other characters call them by in
dialogue when one name is used for them only inside dialogue, else ``Narrator``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from ..document.model import Story, Token
from .lexicon import (
    CLASS_PRONOUNS, FEMALE_CLASSES, FIRST_SINGULAR, GIVEN_NAME_TITLES, HONORIFIC_SUFFIXES,
    LEADING_NOT_NAME, MALE_CLASSES, NAME_PARTICLES, NEOPRONOUN_SETS, NICKNAME_WORDS, NICKNAMES,
    NOT_NAMES,
    PLACE_PREPOSITIONS, PLACE_WORDS, PRONOUN_CLASS, SUBJECT_PRONOUNS, SUFFIX_GENDER, TITLE_CLASS,
    animal_nouns, given_names,
    speech_verbs,
)
from .model import Character

NON_PERSON_ENTS = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP", "PRODUCT", "EVENT",
                             "WORK_OF_ART", "LANGUAGE", "DATE", "TIME", "LAW", "MONEY"})
# Ranks that name inns and ships after a person, always after "the" (the Admiral Benbow, the
# General Grant); "the Widow Douglas" or "the Reverend Mr. Collins" is a person all the same.
_RANKS_NAMING_THINGS = frozenset({"admiral", "general", "captain", "capt", "colonel", "commodore", "major"})
_QUOTE_TOKENS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»", "„", "``", "''"})
_OPENERS = _QUOTE_TOKENS | {"—", "–", "--", "-", "(", "[", ":", ";", "...", "…"}
_SENT_END = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_VOC_AFTER = frozenset({",", ".", "!", "?", "—", "–", "--", "…", "...", ";", "?!", "!?"}) | _QUOTE_TOKENS
_NAME_CHARS = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_SUFFIXED = re.compile(r"^([^\W\d_][\w'’]*)-(%s)$" % "|".join(sorted(HONORIFIC_SUFFIXES, key=len, reverse=True)),
                       re.I)


# ---------------------------------------------------------------------------------------------
# name mentions


@dataclass(slots=True)
class Mention:
    """One name mention: tokens ``[start, end)`` of ``Story.tokens``."""

    start: int
    end: int
    head: int
    titles: tuple[str, ...]
    """Title words as written (``Mr.``), in order."""
    core: tuple[str, ...]
    suffix: str | None
    initial: bool
    """The name starts a sentence (or a quote) without a title: weaker evidence."""
    speech: bool
    the: bool
    """Preceded by ``the`` (``the Hatter``)."""
    the_titled: bool = False
    """A rank and name preceded by ``the`` (``the Admiral Benbow``: an inn, a ship)."""
    vocative: bool = False
    ambiguous: bool = False
    """Assigned by recency among several characters sharing the name."""
    pron: tuple = ()
    """(pronoun class, word) of the pronouns that seem to refer back to this mention."""
    tag_subject: bool = False
    subject: bool = False
    person_ent: bool = False
    other_ent: bool = False
    place: bool = False
    """The object of a preposition of place (in Kent)."""
    plural: bool = False
    entity: int = -1

    @property
    def title_words(self) -> frozenset[str]:
        return frozenset(t.lower().rstrip(".") for t in self.titles)

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(TITLE_CLASS[t.lower().rstrip(".")] for t in self.titles)

    def display(self) -> str:
        words = list(self.titles) + list(self.core)
        s = " ".join(words)
        return f"{s}-{self.suffix}" if self.suffix else s


FUNCTION_WORDS = frozenset(PRONOUN_CLASS) | frozenset("""
i i'm i'll i've i'd the a an and but or nor so yet then now here there what why who whom whose
when where how this that these those we you it me us one two three four five six seven eight
nine ten first second third last next yes no well oh ah
""".split())
"""Words of NOT_NAMES that never name anybody, even as the subject of a speech verb."""


def _after_question(toks: list[Token], open_quote: int) -> bool:
    """The quote opening at token ``open_quote`` follows a line that asked a question
    (``"What is his name?" he asked.`` / ``"Bingley."``)."""
    for x in range(open_quote - 1, max(-1, open_quote - 20), -1):
        if toks[x].text in _QUOTE_TOKENS:
            return x > 0 and toks[x - 1].text == "?"
    return False


def _tag_position(toks: list[Token], start: int, end: int, single: frozenset[str]) -> bool:
    """The word stands next to a speech verb in narration (``said Good``, ``Dad said``)."""
    before = toks[start - 1] if start > 0 else None
    after = toks[end] if end < len(toks) else None
    return any(t is not None and not t.speech and t.lower in single for t in (before, after))


def _title_key(tok: Token) -> str | None:
    t = tok.text
    if not t[:1].isupper():
        return None
    key = t.lower().rstrip(".")
    return key if key in TITLE_CLASS else None


def _is_namey(tok: Token, glossary: frozenset[str]) -> bool:
    """A capitalised token that is a proper noun, a PERSON token or a known name word.

    ``glossary`` holds the glossary names plus the words the tagger took for proper nouns
    in the middle of a sentence elsewhere (so ``Haru`` tagged as a verb once still counts).
    """
    t = tok.text
    if len(t) < 2 or not t[0].isupper() or not _NAME_CHARS.match(t):
        return False
    if t.isupper() and len(t) > 2:
        return False  # shouting or a heading, not a name
    if t in glossary:
        return True
    return tok.tag in ("NNP", "NNPS") or tok.ent == "PERSON"


def _name_words(story: Story, initial: list[bool]) -> set[str]:
    """Capitalised words that are names whatever the tagger says of them.

    Words never written in lower case in the story and either tagged as proper nouns (or
    PERSON) at least twice, or capitalised in the middle of a sentence at least once and
    capitalised at least twice (``Corin`` tagged as a common noun).
    """
    propn: Counter = Counter()
    mid: Counter = Counter()
    caps: Counter = Counter()
    lower: set[str] = set()
    for t in story.tokens:
        c = t.text[:1]
        if c.islower():
            lower.add(t.lower)
        elif c.isupper() and t.text.isalpha():
            caps[t.text] += 1
            if t.tag in ("NNP", "NNPS") or t.ent == "PERSON":
                propn[t.text] += 1
            elif not initial[t.i] and not t.speech and t.pos in ("NOUN", "PROPN", "VERB", "ADJ"):
                mid[t.text] += 1
    out = {w for w, n in propn.items() if n >= 2}
    out |= {w for w, n in mid.items() if caps[w] >= 2}
    return {w for w in out if w.lower() not in lower and w.lower() not in NOT_NAMES and len(w) > 1}


def _initial_flags(story: Story) -> list[bool]:
    toks = story.tokens
    flags = [False] * len(toks)
    for s in story.sentences:
        first = True
        for i in range(s.tok_start, s.tok_end):
            t = toks[i]
            if first and t.text[:1].isalnum():
                flags[i] = True
                first = False
            elif t.text in _OPENERS or t.text in _SENT_END:
                first = True
            elif t.text[:1].isalnum():
                first = False
    return flags


def extract_mentions(story: Story, glossary: Iterable[str] = ()) -> list[Mention]:
    """Every name mention in the story's text paragraphs (needs a parsed story)."""
    toks = story.tokens
    n = len(toks)
    initial = _initial_flags(story)
    lower_words = {t.lower for t in toks if t.text[:1].islower()}
    # a common given name the story never writes in lower case is a name even where the
    # tagger took it for a common noun ("Ambrose Quill was sitting" opening a paragraph)
    known = given_names()
    given = {t.text for t in toks if t.text[:1].isupper() and t.lower in known and t.lower not in lower_words
             and t.lower not in NOT_NAMES and t.text.isalpha()}
    gloss = frozenset({g for g in glossary if g[:1].isupper()} | _name_words(story, initial) | given)
    single, phrasal = speech_verbs()
    out: list[Mention] = []
    i = 0
    while i < n:
        t = toks[i]
        c0 = t.text[:1]
        if not c0.isupper():
            i += 1
            continue
        start = i
        titles: list[str] = []
        j = i
        while j + 1 < n and _title_key(toks[j]) and toks[j + 1].sent == t.sent and (
                _is_namey(toks[j + 1], gloss) or _title_key(toks[j + 1])
                or _SUFFIXED.match(toks[j + 1].text)):
            titles.append(toks[j].text)
            j += 1
        if titles and not (_is_namey(toks[j], gloss) or _SUFFIXED.match(toks[j].text)):
            titles = []
            j = start
        core: list[str] = []
        suffix: str | None = None
        k = j
        while k < n and toks[k].sent == t.sent:
            tk = toks[k]
            m = _SUFFIXED.match(tk.text)
            if m and (tk.tag in ("NNP", "NNPS", "NN") or tk.ent == "PERSON"):
                core.append(m.group(1))
                suffix = m.group(2).lower()
                k += 1
                break
            if core and _title_key(tk) and k + 1 < n and _is_namey(toks[k + 1], gloss):
                break  # "Console Lady Catherine": a new name starts at the title
            if _is_namey(tk, gloss) and _title_key(tk) is None or (
                    _is_namey(tk, gloss) and core):
                core.append(tk.text)
                k += 1
                continue
            if core and tk.lower in NAME_PARTICLES and k + 1 < n and _is_namey(toks[k + 1], gloss) \
                    and toks[k + 1].sent == t.sent:
                core.append(tk.text)
                k += 1
                continue
            if core and tk.text in ("-", "‐") and not toks[k - 1].ws and not tk.ws and k + 1 < n:
                nx = toks[k + 1]
                if nx.lower in HONORIFIC_SUFFIXES:
                    suffix = nx.lower
                    k += 2
                    break
                if nx.text[:1].isupper() and nx.text.isalpha():
                    core[-1] = core[-1] + "-" + nx.text
                    k += 2
                    continue
            break
        end = k
        # initials are not names by themselves (Colonel F., W.)
        while core and len(core[-1]) <= 2 and core[-1].endswith("."):
            core.pop()
        if not core or (len(core) == 1 and len(core[0]) <= 2 and core[0].endswith(".")):
            i = max(i + 1, j, end if end > i else i + 1)
            continue
        first_core = j
        # drop leading interjections and endearments (Oh Mira, Poor Jonas), and at the start of
        # a sentence a word the story also writes in lower case (Thereupon Anne, Set Diana)
        while core and not titles and len(core) > 1 and (
                core[0].lower() in LEADING_NOT_NAME
                or (initial[first_core] and core[0].lower() in lower_words and core[0] not in gloss)):
            core.pop(0)
            first_core += 1
            start = first_core
        if not titles and len(core) == 1 and core[0].lower() in NOT_NAMES \
                and core[0].lower() not in NICKNAME_WORDS and not _tag_position(toks, start, end, single):
            i = end
            continue
        if any(c.lower() in ("i", "i.", "i'm") for c in core):
            i = end
            continue
        span = range(start, end)
        head = end - 1
        for x in span:
            if not (start <= toks[x].head < end):
                head = x
                break
        last = toks[end - 1]
        # a name modifying a common noun: "the Uchiha clan", "the Netherfield ball"
        if last.dep == "compound" and not (start <= last.head < end) and last.head < n:
            h = toks[last.head]
            if h.text[:1].islower() and h.pos in ("NOUN",):
                i = end
                continue
        prev = toks[start - 1] if start > 0 and toks[start - 1].sent == t.sent else None
        det = prev
        if det is not None and det.pos == "ADJ" and start > 1 and toks[start - 2].sent == t.sent:
            det = toks[start - 2]  # "the old Benbow"
        the = det is not None and det.lower == "the" and not titles
        ment = Mention(
            start=start, end=end, head=head, titles=tuple(titles), core=tuple(core), suffix=suffix,
            initial=initial[first_core] and not titles, speech=toks[head].speech, the=the,
            the_titled=bool(titles) and titles[0].lower().rstrip(".") in _RANKS_NAMING_THINGS
            and det is not None and det.lower == "the"
            and not any(toks[x].lower == "of" for x in range(start, end)),
        )
        ents = [toks[x].ent for x in range(first_core, end)]
        ment.person_ent = "PERSON" in ents
        ment.other_ent = any(e in NON_PERSON_ENTS for e in ents) and not ment.person_ent
        hd = toks[head]
        if hd.dep == "pobj" and toks[hd.head].lower in PLACE_PREPOSITIONS:
            ment.place = True
        ment.plural = hd.tag == "NNPS"
        if not ment.speech:
            if hd.dep in ("nsubj", "nsubjpass"):
                ment.subject = True
                v = toks[hd.head]
                if v.lower in single or (v.lower in phrasal):
                    ment.tag_subject = True
            if not ment.tag_subject and prev is not None and (
                    prev.lower in single) and not prev.speech:
                ment.tag_subject = True  # "said Emma" parsed as an object
            if not ment.tag_subject and the and start > 1 and toks[start - 2].lower in single \
                    and not toks[start - 2].speech:
                ment.tag_subject = True  # "said the Hatter"
        else:
            before = toks[start - 1].text if start > 0 else ""
            after = toks[end].text if end < n else ""
            # "What is his name?" / "Bingley.": the name asked for, not someone addressed
            # (but "Sasuke-kun." / "Sakura." greets her)
            answer = before in _QUOTE_TOKENS and after == "." and end + 1 < n \
                and toks[end + 1].text in _QUOTE_TOKENS and _after_question(toks, start - 1)
            if (before in (",", "!") or before in _QUOTE_TOKENS or (prev is not None and prev.lower in ("dear", "dearest", "oh", "o"))) \
                    and after in _VOC_AFTER and not answer:
                ment.vocative = True
                if before in _QUOTE_TOKENS and after == "," and not titles:
                    ment.initial = True  # "Aye, ..." / "Well, ...": maybe an interjection
        out.append(ment)
        i = end
    return out


# ---------------------------------------------------------------------------------------------
# person evidence per form


@dataclass
class _FormStats:
    count: int = 0
    mid: int = 0
    person: int = 0
    other: int = 0
    titled: int = 0
    tag_subject: int = 0
    vocative: int = 0
    subject: int = 0
    the: int = 0
    the_titled: int = 0
    narration: int = 0
    place: int = 0
    plural: int = 0
    pron: int = 0


def _is_person(core: tuple[str, ...], st: _FormStats, lower_counts: Counter, glossary: frozenset[str]) -> bool:
    words = [c.lower() for c in core]
    if len(core) == 1 and (words[0] in NICKNAME_WORDS or words[0] in NOT_NAMES) and not st.titled:
        # "Irish murmured", "said Good", "Dad said": a nickname when it speaks, never with "the"
        return st.tag_subject >= 2 and st.the == 0 and st.plural == 0 and words[0] not in FUNCTION_WORDS
    if len(core) == 1 and words[0] in NOT_NAMES and not st.titled:
        return False
    if all(w in NOT_NAMES or w in NAME_PARTICLES for w in words) and not st.titled:
        return False
    if " ".join(core) in glossary or (len(core) == 1 and core[0] in glossary):
        return st.count >= 1
    if st.titled and st.the_titled + st.the >= st.count and not (st.tag_subject or st.vocative):
        return False  # "the Admiral Benbow" every time: an inn or a ship named after a person
    if st.the >= st.count - st.titled and not st.titled:
        # "the Hatter": a creature or role named like a person; only if it speaks
        return st.tag_subject >= 1 and st.other <= st.person + st.tag_subject
    if st.plural > st.count / 2:
        return False  # the Bennets, the Miss Lucases: a family, not a person
    if st.place and st.place >= st.tag_subject + st.titled + st.subject:
        return False  # in Kent, near Meryton
    voc = st.vocative if st.mid else 0  # "Aye, ..." at the start of a quote may be no name
    strong = st.titled + st.tag_subject + voc
    if len(core) > 1 and words[-1] in PLACE_WORDS and not st.tag_subject:
        return False  # Charing Cross Hospital, Baker Street
    if len(core) > 1 and not strong and lower_counts.get(words[-1], 0) >= 2:
        return False  # Gretna Green, the Military Library: a common noun at the end
    if st.tag_subject >= 3 or strong >= 5:
        return True  # people speak, are addressed and titled; places and things do not
    if strong >= 2:
        return st.other <= 3 * (strong + st.person + st.pron)
    if strong == 1:
        return st.other <= st.person + 2
    if st.other > st.person + st.pron + min(st.subject, 1):
        return False
    if len(core) == 1:
        low = lower_counts.get(words[0], 0)
        if low > st.mid and st.person < low:
            return False
    if st.count < 2:
        # named once: a proper noun acting as a person (subject, PERSON tag, referred back to);
        # a full name opening with a common given name outweighs an ORG or GPE tag
        given = len(words) > 1 and words[0] in given_names()
        return (st.other == 0 or given) and (st.person + st.subject + voc + st.pron) >= 1 and (st.mid or st.subject)
    if st.person >= 1 and st.mid >= 1:
        return True
    if (st.mid >= 1 or st.subject >= 1) and (st.person + st.subject + voc + st.pron) >= 2:
        return True
    return False


# ---------------------------------------------------------------------------------------------
# clustering


@dataclass
class _Entity:
    index: int
    cores: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)
    classes: set = field(default_factory=set)
    count: int = 0
    merged_into: int = -1
    pron: Counter = field(default_factory=Counter)
    narrator: bool = False
    titled: int = 0
    titled_lasts: set = field(default_factory=set)
    """(title class, last word) of titled multi-word names (Mrs. Rachel Lynde)."""

    @property
    def tokens(self) -> set[str]:
        return {w for c in self.cores for w in c}

    @property
    def firsts(self) -> set[str]:
        return {c[0] for c in self.cores if len(c) > 1}

    @property
    def lasts(self) -> set[str]:
        return {c[-1] for c in self.cores if len(c) > 1}

    @property
    def singles(self) -> set[str]:
        return {c[0] for c in self.cores if len(c) == 1}

    @property
    def multi(self) -> bool:
        return any(len(c) > 1 for c in self.cores)

    def gender(self) -> str | None:
        """m, f, t, x or None, from titles first and then usage."""
        male = bool(self.classes & MALE_CLASSES)
        female = bool(self.classes & FEMALE_CLASSES)
        he, she, they, neo = self.pron["m"], self.pron["f"], self.pron["t"], self.pron["x"]
        if neo >= 2 and neo >= he + she:
            return "x"
        if they >= 2 and they >= 2 * (he + she) + 1 and not (male or female):
            return "t"
        if male and not female:
            return "m" if she < 3 * max(he, 1) else "f"
        if female and not male:
            return "f" if he < 3 * max(she, 1) else "m"
        firm = _form_gender(self.pron, firm=True)
        named = self.name_gender()  # Emma is "she" unless the pronouns say otherwise plainly
        if firm and named and firm != named:
            # pronouns counted after a name are often somebody else's (Emma fetching Philip:
            # "he asked"); against a name's usual gender they must be overwhelming
            against, along = (he, she) if named == "f" else (she, he)
            if against < 6 or against < 4 * max(along, 1):
                return named
        if firm:
            return firm
        if named:
            return named
        strong = _form_gender(self.pron)
        if strong:
            return strong
        if he + she >= 1:
            if he >= 2 * she and he >= 1:
                return "m"
            if she >= 2 * he and she >= 1:
                return "f"
        weak = self.pron["wm"] - self.pron["wf"]
        if weak:
            return "m" if weak > 0 else "f"
        return None


    def name_gender(self) -> str | None:
        """The gender of the character's given name when it is a common one (Mary, John)."""
        names = given_names()
        votes: Counter = Counter()
        for core, n in self.cores.items():
            g = names.get(core[0].lower())
            if g:
                votes[g] += n
        if len(votes) == 1:
            return next(iter(votes))
        return None

    def firm_gender(self) -> str | None:
        """The gender when titles say it or pronouns say it clearly (3+ uses, 3 to 1).

        Pronoun evidence is noisy (``Josie dared Anne ... her``): merges of name forms are
        blocked only by this firmer judgement, not by :meth:`gender`.
        """
        if self.classes & MALE_CLASSES and not self.classes & FEMALE_CLASSES:
            return "m"
        if self.classes & FEMALE_CLASSES and not self.classes & MALE_CLASSES:
            return "f"
        return _form_gender(self.pron, firm=True)


def _compatible(classes: set | frozenset, gender: str | None, cls: frozenset) -> bool:
    """May a name titled with ``cls`` belong to an entity with ``classes``/``gender``?"""
    mine = set(classes)
    if cls & MALE_CLASSES:
        if mine & FEMALE_CLASSES or gender == "f":
            return False
    if cls & FEMALE_CLASSES:
        if mine & MALE_CLASSES or gender == "m":
            return False
        if "mrs" in cls and "miss" in mine or "miss" in cls and "mrs" in mine:
            return False
    return True


def _title_class(cls: frozenset) -> str | None:
    for c in ("m", "mrs", "miss", "f", "n"):
        if c in cls:
            return c
    return None


def _form_gender(pron: Counter, firm: bool = False) -> str | None:
    """``m``/``f`` from pronoun counts: 2+ uses at 2 to 1 (``firm``: 3+ at 3 to 1)."""
    he, she = pron["m"], pron["f"]
    least, ratio = (3, 3) if firm else (2, 2)
    if he >= ratio * she and he >= least:
        return "m"
    if she >= ratio * he and she >= least:
        return "f"
    return None


def _classes(words: frozenset[str]) -> frozenset[str]:
    return frozenset(TITLE_CLASS[w] for w in words)


def _cluster(counts: dict, form_pron: dict) -> tuple[list[_Entity], dict]:
    """Cluster (core, title words) keys into entities; returns entities and key -> entity index.

    Keys left unresolved (ambiguous bare names) map to a list of candidate entity indexes.
    After nickname merges, follow ``_Entity.merged_into`` to the surviving entity.
    """
    entities: list[_Entity] = []
    assign: dict[tuple, object] = {}

    def new() -> _Entity:
        e = _Entity(len(entities))
        entities.append(e)
        return e

    def add(e: _Entity, key) -> None:
        core, tw = key
        cls = _classes(tw)
        e.cores[core] += counts[key]
        e.count += counts[key]
        e.classes |= set(cls)
        if tw:
            e.titled += counts[key]
            if len(core) > 1:
                e.titled_lasts |= {(w, core[-1]) for w in tw} | {(w, core[0]) for w in tw}
            else:
                e.titled_lasts |= {(w, core[0]) for w in tw}
        e.pron.update(form_pron.get(key, Counter()))
        assign[key] = e.index

    def gender_of(key) -> str | None:
        cls = _classes(key[1])
        if cls & MALE_CLASSES:
            return "m"
        if cls & FEMALE_CLASSES:
            return "f"
        return _form_gender(form_pron.get(key, Counter()), firm=True)

    def ent_compatible(e: _Entity, key) -> bool:
        cls = _classes(key[1])
        g = e.firm_gender()
        if not _compatible(e.classes, g, cls):
            return False
        kg = gender_of(key)
        if kg and g and kg != g and kg in "mf" and g in "mf":
            return False
        return True

    def live(pred) -> list[_Entity]:
        return [e for e in entities if e.merged_into < 0 and pred(e)]

    order = sorted(counts, key=lambda k: (-len(k[0]), -counts[k], k[0]))
    miss_given = {k[0][0] for k in counts if len(k[0]) == 1 and "miss" in _classes(k[1])}
    multi = [k for k in order if len(k[0]) > 1]
    titled = [k for k in order if len(k[0]) == 1 and k[1]]
    bare = [k for k in order if len(k[0]) == 1 and not k[1]]

    # 1. full names: the same core with compatible titles is one person; a name with a
    #    middle name left out joins the longer one
    by_core: dict[tuple, list[int]] = defaultdict(list)
    for key in multi:
        core = key[0]
        target = next((entities[ei] for ei in by_core.get(core, ()) if ent_compatible(entities[ei], key)), None)
        if target is None:
            target = next((e for e in live(lambda e: True)
                           if any(len(c) > len(core) and c[0] == core[0] and c[-1] == core[-1] for c in e.cores)
                           and ent_compatible(e, key)), None)
        if target is None:
            target = new()
        add(target, key)
        by_core[core].append(target.index)

    # 2. titled single names (Mr. Darcy, Miss Elizabeth, Lady Catherine, Captain Mori)
    for key in titled:
        core, tw = key
        word = core[0]
        tc = _title_class(_classes(tw))
        target = None
        exact = live(lambda e: any((w, word) in e.titled_lasts for w in tw) and ent_compatible(e, key))
        if len(exact) == 1:
            target = exact[0]
        if target is None and tc == "miss" and exact:
            target = _eldest(live(lambda e: word in e.lasts and ent_compatible(e, key)), miss_given)
        if target is None and tc == "m" and len(exact) > 1:
            # "Mr. Sholto" beside Mr. Thaddeus Sholto and Mr. Bartholomew Sholto: each mention
            # goes to the brother in focus
            assign[key] = [e.index for e in exact]
            continue
        if target is None and not exact:
            lasts = live(lambda e: word in e.lasts and ent_compatible(e, key))
            given = live(lambda e: word in e.firsts and ent_compatible(e, key))
            if tw & GIVEN_NAME_TITLES and len(given) == 1 and not lasts:
                target = given[0]
            elif lasts and tc in ("m", "n"):
                males = [e for e in lasts if e.gender() == "m"]
                if len(males) == 1:
                    target = males[0]
            elif lasts and (tc == "miss" or {w.lower().rstrip(".") for w in tw} & {"ms", "mx"}):
                # Miss Bingley: the one woman of that surname with a full name (a Lady Penhallow
                # is the married one, not her daughter Clara Penhallow)
                women = [e for e in lasts if e.gender() != "m" and not (e.classes & {"mrs", "m"})]
                men = [e for e in lasts if e.gender() == "m" or e.classes & MALE_CLASSES]
                plain = [e for e in women if not e.classes]
                if len(women) == 1 and len(women) + len(men) == len(lasts):
                    target = women[0]  # (her brother Fitzwilliam Darcy is no Miss Darcy)
                elif len(plain) == 1 and len(women) + len(men) == len(lasts) and tc == "miss":
                    target = plain[0]  # nor is Lady Anne Darcy, known by her title
                elif tc == "miss" and len(women) > 1:
                    target = _eldest(women, miss_given)
                    sisters = [e for e in women if e.multi and not e.classes]
                    if target is None and len(sisters) > 1:
                        # Miss Lucas beside Charlotte and Maria Lucas, and nothing to tell
                        # the eldest: each mention goes to the sister in focus
                        assign[key] = [e.index for e in sisters]
                        continue
        if target is None:
            target = new()
        add(target, key)

    # 3. bare names (Elizabeth, Darcy, Itachi, Lizzy)
    for key in bare:
        word = key[0][0]
        cands = live(lambda e: word in e.tokens and ent_compatible(e, key))
        if not cands:
            # "Rabbit" and "the White Rabbit": the last word of one untitled full name joins it
            # even when the pronouns around the two disagree (they are often somebody else's)
            cands = live(lambda e: word in e.lasts and not e.classes)
            cands = cands if len(cands) == 1 and not live(lambda e: word in e.firsts) else []
        target = None
        if len(cands) == 1:
            target = cands[0]
        elif len(cands) > 1:
            exact = [e for e in cands if word in e.singles and not e.classes]
            given = [e for e in cands if word in e.firsts]
            if len(exact) == 1:
                target = exact[0]
            elif len(given) == 1 and not any(word in e.lasts or word in e.singles for e in cands if e is not given[0]):
                target = given[0]
            else:
                mr = [e for e in cands if e.classes & MALE_CLASSES and (word in e.lasts or word in e.singles)]
                # "Kronborg" beside Peter Kronborg and Mrs. Kronborg: a woman known as Mrs. or
                # Miss is not called by her bare surname, so it is the one man of the name
                men = [e for e in cands if not e.classes & FEMALE_CLASSES and word in e.lasts
                       and e.gender() == "m"]
                women = [e for e in cands if e.classes & FEMALE_CLASSES and not e.classes & MALE_CLASSES]
                if len(mr) == 1 and gender_of(key) in (None, "m"):
                    target = mr[0]
                elif not mr and len(men) == 1 and len(men) + len(women) == len(cands) \
                        and gender_of(key) in (None, "m"):
                    target = men[0]
                elif all(word in e.firsts or word in e.singles or 10 * e.count <= counts[key] for e in cands) \
                        and counts[key] >= 3 * sum(e.count for e in cands):
                    # "Lydia" everywhere, "Lydia Bennet" and "Lydia Wickham" once each: one person
                    # (a rare run-together "London Lydia" does not stop it)
                    target = max(cands, key=lambda e: e.count)
                    for e in cands:
                        if e is not target:
                            _merge(e, target)
                else:
                    assign[key] = [e.index for e in cands]
                    continue
        if target is None:
            target = new()
        add(target, key)

    # 4. married names: Mrs. Wickham is the one woman known by two surnames, her maiden one
    #    used with Miss (Miss Lydia Bennet) and Wickham not; not a daughter who has only one
    #    surname (Mary Lennox beside Mrs. Lennox)
    for e in live(lambda e: e.classes == {"mrs"} and not e.multi and len(e.singles) == 1):
        word = next(iter(e.singles))
        wives = live(lambda w: w is not e and word in w.lasts and w.gender() == "f"
                     and not w.classes & {"m", "mrs"} and ("miss", word) not in w.titled_lasts
                     and any(t == "miss" and last != word and last in w.lasts for t, last in w.titled_lasts))
        if len(wives) == 1:
            _merge(e, wives[0])

    # 5. nicknames and short forms: Lizzy / Eliza -> Elizabeth, Eliza Bennet -> Elizabeth Bennet
    for a in sorted(entities, key=lambda e: e.count):
        if a.merged_into >= 0 or a.titled > 0.5 * a.count and not (a.classes <= {"miss", "f"}):
            continue
        a_given = a.firsts | a.singles
        a_last = a.lasts
        hits = []
        for b in entities:
            if b is a or b.merged_into >= 0:
                continue
            if b.titled > 0.5 * b.count:
                continue  # Lady Catherine, Mrs. Lynde: formal names get no nicknames
            if a_last and not (a_last <= b.lasts):
                continue
            g = a.firm_gender()
            bg = b.firm_gender()
            if g and bg and g != bg:
                continue
            if not _compatible(b.classes, bg, frozenset(a.classes)):
                continue
            b_given = b.firsts | (b.singles if not b.classes or b.classes <= {"miss", "f"} else set())
            if any(_nickname_of(x, y) for x in a_given for y in b_given):
                hits.append(b)
        if len(hits) == 1:
            _merge(a, hits[0])

    # 6. pet names of an introduced full name: "Isolde Varnay" once, then "Izzy" throughout;
    #    only a single name used more than the full one, with one such full name to go to
    for a in sorted(entities, key=lambda e: -e.count):
        if a.merged_into >= 0 or a.multi or a.titled or a.classes:
            continue
        g = a.firm_gender() or a.name_gender()
        hits = []
        for b in entities:
            if b is a or b.merged_into >= 0 or not b.multi or b.titled > 0.5 * b.count or b.count > a.count:
                continue
            bg = b.firm_gender() or b.name_gender()
            if g and bg and g != bg:
                continue
            if any(_pet_form_of(x, c[0]) for x in a.singles for c in b.cores if len(c) > 1):
                hits.append(b)
        if len(hits) == 1:
            _merge(a, hits[0])
    return entities, assign


def _eldest(sisters: list[_Entity], miss_given: set[str]) -> _Entity | None:
    """Miss Bennet among sisters: by custom the eldest, the one sister never called Miss
    <given name> (Miss Elizabeth and Miss Lydia are used, Miss Jane is not); None if unclear."""
    eldest = [e for e in sisters if e.gender() == "f" and e.multi and not e.classes & {"mrs", "m"}
              and not any(c[0] in miss_given for c in e.cores if len(c) > 1)]
    return eldest[0] if len(eldest) == 1 else None


def _merge(a: _Entity, b: _Entity) -> None:
    """Merge entity ``a`` into ``b``."""
    a.merged_into = b.index
    b.cores.update(a.cores)
    b.count += a.count
    b.classes |= a.classes
    b.titled += a.titled
    b.titled_lasts |= a.titled_lasts
    b.pron.update(a.pron)


def _nickname_of(short: str, full: str) -> bool:
    """``short`` is a common nickname or a short form (3+ letters) of the given name ``full``."""
    s, f = short.lower(), full.lower()
    if s == f:
        return False
    if f in NICKNAMES.get(s, ()):
        return True
    return len(s) >= 3 and len(f) >= len(s) + 2 and f.startswith(s)


_SPELLING = (("th", "t"), ("ph", "f"), ("ck", "k"), ("z", "s"))
_DIMINUTIVE = ("ie", "ey", "ee", "y", "i")


def _sounded(word: str) -> str:
    """A rough spelling-free form: th/ph/ck/z written t/f/k/s, doubled letters single."""
    w = word.lower()
    for a, b in _SPELLING:
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


def _pet_form_of(short: str, full: str) -> bool:
    """``short`` looks made from the given name ``full`` the way pet names are: its first
    syllable with a diminutive ending (Izzy / Isolde, Tommy / Thomas) or a clipping of the
    same initial whose letters run through the name in order (Pet / Perpetua).

    Looser than :func:`_nickname_of`: used only where the story introduces a rarely used
    full name and then calls that person by the short one (see ``_cluster`` step 6).
    """
    s, f = _sounded(short), _sounded(full)
    if len(short) < 3 or len(f) < len(s) or s[0] != f[0] or s == f:
        return False
    stem = s
    for end in _DIMINUTIVE:
        if s.endswith(end) and len(s) - len(end) >= 2:
            stem = s[: -len(end)]
            break
    if f.startswith(stem):
        return True
    if len(s) < 3:
        return False
    it = iter(f)
    return all(ch in it for ch in s)  # a subsequence: Pet in Perpetua


# ---------------------------------------------------------------------------------------------
# salience: pronoun resolution


class Salience:
    """Most-recent-compatible-mention model for third-person pronouns (quotes excluded)."""

    WINDOW = 12

    def __init__(self, genders: dict[int, str | None]):
        self.genders = genders
        self.recent: list[int] = []  # entity indexes, most recent first
        self.last_pos: dict[int, int] = {}
        self.last_subj_sent: dict[int, int] = {}

    def mention(self, ent: int, pos: int, sent: int, subject: bool) -> None:
        rec = self.recent
        if rec and rec[0] == ent:
            pass
        else:
            try:
                rec.remove(ent)
            except ValueError:
                pass
            rec.insert(0, ent)
            if len(rec) > self.WINDOW:
                rec.pop()
        self.last_pos[ent] = pos
        if subject:
            self.last_subj_sent[ent] = sent

    def compatible(self, ent: int, pclass: str) -> bool:
        """May pronoun class ``pclass`` (or ``any``: a description of unsaid gender) be ``ent``?"""
        g = self.genders.get(ent)
        if pclass == "any":
            return g != "n1"
        if pclass in ("m", "f"):
            return g == pclass or g is None
        return g == pclass

    def candidates(self, pclass: str, pos: int, sent: int, exclude: Iterable[int] = (),
                   reach: int = 400) -> list[tuple[float, int]]:
        """(score, entity) of the compatible entities mentioned within ``reach`` tokens, best first."""
        ex = set(exclude)
        out: list[tuple[float, int]] = []
        rank = 0
        for ent in self.recent:
            if ent in ex or not self.compatible(ent, pclass):
                continue
            dist = pos - self.last_pos.get(ent, -10 ** 9)
            if dist > reach:
                continue
            score = (1.0, 0.6, 0.4, 0.3, 0.2)[rank] if rank < 5 else 0.1
            if sent - self.last_subj_sent.get(ent, -100) <= 1:
                score += 0.5
            if self.genders.get(ent) is None:
                score -= 0.35
            if ent >= NOMINAL_BASE:
                score -= NOMINAL_PENALTY  # "the man" yields to a named man in focus
            out.append((score, ent))
            rank += 1
        out.sort(key=lambda x: -x[0])
        return out

    def resolve(self, pclass: str, pos: int, sent: int, exclude: Iterable[int] = ()) -> int | None:
        c = self.candidates(pclass, pos, sent, exclude)
        return c[0][1] if c else None


# ---------------------------------------------------------------------------------------------
# the analysis


@dataclass
class Roster:
    """Internal result: characters plus the mention-level facts the speaker analysis uses."""

    characters: list[Character]
    token_char: dict[int, int]
    """Token index -> index into ``characters`` for tokens inside a name mention."""
    mention_heads: dict[int, int]
    """Head token of each resolved name mention -> character index."""
    pronoun_char: dict[int, int]
    """Narration pronoun token -> character index (resolved), or a :class:`Nominal` id."""
    genders: list[str | None]
    narrator: int | None
    vocatives: list[tuple[int, int]] = field(default_factory=list)
    """(token index, character index) of vocative name mentions in dialogue."""

    nominals: dict[int, "Nominal"] = field(default_factory=dict)
    """People the narration names only by a description, by id (``NOMINAL_BASE`` and up)."""

    def new_nominal(self, key: tuple[str, str], name: str, gender: str | None, head: int,
                    role: bool = False) -> "Nominal":
        """Register a described person first met at token ``head`` (a speech tag's subject)."""
        n = Nominal(NOMINAL_BASE + len(self.nominals), key, name, gender, [head], role=role)
        self.nominals[n.id] = n
        return n

    def promote(self, story: Story, nominal: "Nominal") -> int:
        """Make a described person who speaks a character; returns its index.

        Its mentions are its descriptions in the narration and the pronouns resolved to it.
        """
        toks = story.tokens
        ci = len(self.characters)
        for h in nominal.heads:
            self.token_char.setdefault(h, ci)
            self.mention_heads.setdefault(h, ci)
        pron = [t for t, e in self.pronoun_char.items() if e == nominal.id]
        offsets = sorted({toks[h].start for h in nominal.heads} | {toks[t].start for t in pron})
        used = {c.id for c in self.characters}
        cid = base = _slug(nominal.name)
        k = 2
        while cid in used:
            cid = f"{base}-{k}"
            k += 1
        self.characters.append(Character(
            id=cid, name=nominal.name, aliases=[a for a in nominal.aliases if a != nominal.name],
            pronouns=CLASS_PRONOUNS.get(nominal.gender or ""), mentions=len(offsets),
            first_mention=offsets[0] if offsets else 0, mention_offsets=offsets))
        self.genders.append(nominal.gender)
        return ci


NOMINAL_BASE = 1 << 20
"""Ids of described people (:class:`Nominal`) start here, above any character index."""
NOMINAL_REACH = 500
"""A named character of the right gender mentioned within this many tokens before ``the girl``
may be her: then ``the girl`` starts no described person of her own."""
NOMINAL_PENALTY = 0.3
"""Salience handicap of a described person against named characters."""
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "poss"})
"""Where a description introduces or takes up a person (not "she was a young lady", "Mira, a nurse")."""
_INDEFINITE = frozenset({"a", "an", "another", "one"})
_DEFINITE = frozenset({"the", "this", "that"})


@dataclass
class Nominal:
    """A person the story names only by a description: ``a girl was dancing`` ... ``the girl``."""

    id: int
    key: tuple[str, str]
    """(possessive word or "", head noun): ``("", "girl")``, ``("my", "mother")``."""
    name: str
    gender: str | None
    heads: list[int] = field(default_factory=list)
    """Token indexes of its descriptions in the narration (``girl``)."""
    aliases: list[str] = field(default_factory=list)
    role: bool = False
    """A capitalised role used as a name (``the Queen``)."""


def find_nominals(story: Story, named_heads: dict[int, int], genders: dict, past: bool = True) -> list[Nominal]:
    """Described people in the narration, in order: ``a girl`` starts one, ``the girl`` goes on.

    A singular common noun for a person (``data/person_nouns.txt``) with an article, as the
    subject or object of a narration clause, or owning its subject (``a man's voice made her
    turn``).  ``a``/``an``/``another`` introduce a new person (kept only when it is a subject
    or is taken up again: ``in want of a wife`` is nobody);
    ``the``/``this``/``that`` refer to the last person of that description, or, when
    there is none, maybe to a named character of compatible gender mentioned within
    ``NOMINAL_REACH`` tokens (``Anne ... the child``: nothing is started), or else start one.
    In past-tense narration a clause in the present tense states a general truth: its
    ``a man`` is nobody (``a single man ... must be in want of a wife``).
    Kin (``the mother``) and possessive descriptions (``his wife``) name relatives, resolved
    at the speech tags instead.
    """
    from .lexicon import KIN, person_noun

    toks = story.tokens
    current: dict[str, Nominal] = {}
    out: list[Nominal] = []
    last_named: dict[int, int] = {}
    for t in toks:
        if t.speech:
            continue
        ei = named_heads.get(t.i)
        if ei is not None:
            last_named[ei] = t.i
            continue
        if t.tag != "NN" or not t.text.isalpha() or not t.text.islower() or t.dep not in NOMINAL_DEPS:
            continue
        is_person, gender = person_noun(t.lower)
        if not is_person:
            continue
        if gender is None:  # "a woman servant", "the boy king"
            gender = next((g for c in toks[max(0, t.i - 2):t.i] if c.head == t.i and c.dep in ("compound", "amod")
                           for g in [person_noun(c.lower)[1]] if g), None)
        det = None
        for j in range(max(0, t.i - 4), t.i):
            c = toks[j]
            if c.head == t.i and c.dep == "poss":
                det = None
                break
            if c.head == t.i and c.dep == "det":
                det = c.lower
        if det not in _INDEFINITE and det not in _DEFINITE:
            continue  # every man, no woman
        nom = current.get(t.lower)
        if past and det in _INDEFINITE and _present_clause(toks, t):
            continue  # "a single man ... must be in want of a wife": anyone, nobody
        if t.dep == "poss" and ((det not in _INDEFINITE and nom is None) or not _acts(toks, t)):
            continue  # "the lady's": somebody the story has; "with a lady's hand": nobody
        if det in _INDEFINITE or (nom is None and t.lower not in KIN and not _named_nearby(
                t.i, gender, last_named, genders)):
            nom = Nominal(NOMINAL_BASE + len(out), ("", t.lower), f"the {t.lower}", gender)
            current[t.lower] = nom
            out.append(nom)
        if nom is not None:
            nom.heads.append(t.i)
    # an object never taken up again is seldom anyone (in want of a wife)
    kept = [n for n in out if len(n.heads) > 1 or _acts(toks, toks[n.heads[0]])]
    for k, n in enumerate(kept):
        n.id = NOMINAL_BASE + k
        if n.gender is None:  # "the child ... he", "the doctor ... his": one way only
            animal = n.key[1] in animal_nouns()
            seen = {pc for h in n.heads for pc in _pronouns_after(story, h, subjects_only=animal)}
            n.gender = next(iter(seen)) if len(seen) == 1 else None
            if not seen and animal:
                n.gender = "n"  # "the snake" the narration never calls he or she: it
    return kept


def _acts(toks: list[Token], t: Token) -> bool:
    """The description is the subject of its clause, or owns it (``a man's voice made her
    start``)."""
    if t.dep in ("nsubj", "nsubjpass"):
        return True
    return t.dep == "poss" and toks[t.head].dep in ("nsubj", "nsubjpass")


def _pronouns_after(story: Story, head: int, subjects_only: bool = False) -> list[str]:
    """Pronoun classes that refer back to the subject ``head``: the first possessive or subject
    pronoun later in its sentence, and the subject pronoun that opens the next sentence.
    ``subjects_only``: subject pronouns of its own sentence only (``a snake ... watching her.
    She was not frightened``: neither her nor she is the snake)."""
    toks = story.tokens
    t = toks[head]
    if t.dep not in ("nsubj", "nsubjpass"):
        return []
    out: list[str] = []
    sent = story.sentences[t.sent]
    for x in range(head + 1, min(sent.tok_end, head + 15)):
        u = toks[x]
        pc = PRONOUN_CLASS.get(u.lower)
        if pc in ("m", "f") and not u.speech and (
                (u.tag == "PRP$" and not subjects_only) or u.dep in ("nsubj", "nsubjpass")):
            out.append(pc)
            break
    if t.sent + 1 < len(story.sentences) and not subjects_only:
        nxt = story.sentences[t.sent + 1]
        if nxt.paragraph == sent.paragraph:
            for x in range(nxt.tok_start, min(nxt.tok_end, nxt.tok_start + 6)):
                u = toks[x]
                pc = PRONOUN_CLASS.get(u.lower)
                if pc in ("m", "f") and not u.speech and u.dep in ("nsubj", "nsubjpass"):
                    out.append(pc)
                    break
    return out


_SAME_TITLE = {"doctor": "dr", "dr": "dr", "professor": "professor", "prof": "professor",
               "captain": "captain", "capt": "captain", "colonel": "colonel", "col": "colonel",
               "lieutenant": "lieutenant", "lieut": "lieutenant", "lt": "lieutenant",
               "sergeant": "sergeant", "sgt": "sergeant", "reverend": "reverend", "rev": "reverend"}


def _role_mentions(story: Story, ent_mentions: dict[int, list[Mention]],
                   named_heads: dict[int, int]) -> dict[int, int]:
    """``the doctor``, ``the captain`` in the narration: the one character with that title.

    A rank or profession title (``Dr.``, ``Captain``, ``Inspector``, ``Professor`` ...) that
    exactly one character bears; ``the <title>`` (lower case, after ``the``) is then a mention
    of that character.  Returns token index -> entity.
    """
    holders: dict[str, set[int]] = defaultdict(set)
    for ei, ms in ent_mentions.items():
        for m in ms:
            for w in m.title_words:
                if TITLE_CLASS.get(w) == "n":
                    holders[_SAME_TITLE.get(w, w)].add(ei)
    unique = {w: next(iter(es)) for w, es in holders.items() if len(es) == 1}
    if not unique:
        return {}
    toks = story.tokens
    out: dict[int, int] = {}
    for t in toks:
        if t.speech or t.i == 0 or t.i in named_heads or not t.text.islower():
            continue
        w = _SAME_TITLE.get(t.lower, t.lower)
        if w in unique and t.tag == "NN" and toks[t.i - 1].lower == "the":
            out[t.i] = unique[w]
    return out


def _present_clause(toks: list[Token], t: Token) -> bool:
    """The clause of ``t`` is in the present tense or modal (a general truth in past narration)."""
    verb = toks[t.head]
    if verb.tag in ("VBZ", "VBP", "MD"):
        return True
    return any(toks[j].head == verb.i and toks[j].dep == "aux" and toks[j].tag in ("VBZ", "VBP", "MD")
               for j in range(max(0, verb.i - 4), verb.i))


def _named_nearby(i: int, gender: str | None, last_named: dict[int, int], genders: dict) -> bool:
    """A named character who may be ``gender`` was mentioned within ``NOMINAL_REACH`` tokens."""
    return any(i - pos <= NOMINAL_REACH and (gender is None or genders.get(e) in (gender, None))
               for e, pos in last_named.items())


def _slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "character"


def _pronoun_label(gender: str | None, pron: Counter, neo_seen: Counter) -> str | None:
    if gender == "x":
        return neo_seen.most_common(1)[0][0] if neo_seen else "xe/xem"
    return CLASS_PRONOUNS.get(gender) if gender else None


class CharacterList(list):
    """A list of :class:`Character` that remembers the :class:`Roster` it came from."""

    roster: "Roster | None" = None


def find_characters(story: Story, narration=None, glossary: Iterable[str] = ()) -> list[Character]:
    """The characters of a parsed story (``parse(story, extra=("ner",))`` first).

    The list also carries the mention maps (``.roster``) that :func:`attribute_quotes`
    uses, so calling both costs one analysis.
    """
    roster = build_roster(story, narration, glossary)
    out = CharacterList(roster.characters)
    roster.characters = out
    out.roster = roster
    return out


def build_roster(story: Story, narration=None, glossary: Iterable[str] = ()) -> Roster:
    """Characters with their mention maps (see :class:`Roster`)."""
    gloss = frozenset(glossary)
    toks = story.tokens
    mentions = extract_mentions(story, gloss)
    lower_counts = Counter(t.lower for t in toks if t.text[:1].islower())

    # -- pronouns that refer back to each mention (person and gender evidence)
    sents = story.sentences
    ment_starts = {m.start for m in mentions}
    for m in mentions:
        if not m.speech:
            m.pron = tuple(_pronoun_after(toks, sents, m, ment_starts))

    # -- evidence per core and per (core, title classes) key
    stats: dict[tuple, _FormStats] = defaultdict(_FormStats)
    for m in mentions:
        st_ = stats[m.core]
        st_.pron += sum(1 for pc, _ in m.pron if pc in ("m", "f", "x"))
        st = stats[m.core]
        st.count += 1
        st.mid += not m.initial
        st.person += m.person_ent
        st.other += m.other_ent
        st.titled += bool(m.titles)
        st.tag_subject += m.tag_subject
        st.vocative += m.vocative
        st.subject += m.subject
        st.the += m.the
        st.the_titled += m.the_titled
        st.narration += not m.speech
        st.place += m.place
        st.plural += m.plural
    person_cores = {c for c, st in stats.items() if _is_person(c, st, lower_counts, gloss)}
    # a multi-word name is a person if it is one or one of its words is
    for c, st in stats.items():
        if len(c) > 1 and c not in person_cores and st.other <= st.person + 1:
            words = [w for w in c if w.lower() not in NAME_PARTICLES]
            if any((w,) in person_cores for w in words) and not any(w.lower() in NOT_NAMES for w in words):
                person_cores.add(c)
    # the given name of a person's full name, a common given name that acts as a person
    # ("Beatrice Blaine" ... "But Beatrice was critical"), is a name whatever NER made of it
    known_given = given_names()
    firsts_of_persons = {c[0] for c in person_cores if len(c) > 1}
    for c, st in stats.items():
        if len(c) == 1 and c not in person_cores and c[0] in firsts_of_persons \
                and c[0].lower() in known_given and st.subject + st.vocative + st.tag_subject + st.pron >= 1:
            person_cores.add(c)
    # a known nickname of a person's given name, addressed or speaking ("Bram?" to Ambrose
    # Quill) is that person's name even when it says too little on its own
    given_of_persons = {c[0].lower() for c in person_cores}
    for c, st in stats.items():
        if len(c) == 1 and c not in person_cores and st.vocative + st.tag_subject >= 1 \
                and NICKNAMES.get(c[0].lower(), set()) & given_of_persons:
            person_cores.add(c)
    # two names run together after a title: "said Mrs. Allan Anne ..." is Mrs. Allan + Anne
    titled_single = Counter()
    titled_with: set[tuple[str, frozenset]] = set()
    for m in mentions:
        if m.titles and len(m.core) == 1:
            titled_single[m.core[0]] += 1
            titled_with.add((m.core[0], m.title_words))
    for m in mentions:
        if m.titles and len(m.core) == 2 and m.core in person_cores \
                and not set(w.lower().rstrip(".") for w in m.titles) & (GIVEN_NAME_TITLES - {"miss", "master"}):
            # (Sir William Lucas, Lady Anne Darcy: these titles go before a full name)
            n = stats[m.core].count
            if titled_single[m.core[0]] >= 3 * n and stats[m.core[1:]].count >= 3 * n \
                    and m.core[1:] in person_cores and not (
                        (m.core[-1], m.title_words) in titled_with and "miss" not in m.classes):
                # (unless "Mrs. Lynde" is used too: then "Mrs. Rachel Lynde" is a full name; not
                # so for Miss, which names the eldest daughter: Miss Jemima Pinkerton is not
                # the Miss Pinkerton)
                person_cores.discard(m.core)
    # plural family names: the Bennets, the Lucases
    for c in list(person_cores):
        w = c[-1]
        if len(w) > 3 and w.endswith("s") and any(
                (c[:-1] + (stem,)) in stats for stem in (w[:-1], w[:-2] if w.endswith("es") else w[:-1])):
            person_cores.discard(c)
    mentions = [m for m in mentions if m.core in person_cores]

    # -- pronoun usage after each mention (gender evidence), per key
    form_pron: dict[tuple, Counter] = defaultdict(Counter)
    neo_seen_by_key: dict[tuple, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.speech:
            continue
        key = (m.core, m.title_words)
        for pclass, word in m.pron:
            form_pron[key][pclass] += 1
            if pclass == "x":
                neo_seen_by_key[key][NEOPRONOUN_SETS.get(word, "xe/xem")] += 1
        if m.suffix in SUFFIX_GENDER:
            form_pron[key]["w" + SUFFIX_GENDER[m.suffix]] += 1
    counts: Counter = Counter((m.core, m.title_words) for m in mentions)
    entities, assign = _cluster(counts, form_pron)

    def final(ei: int) -> int:
        while entities[ei].merged_into >= 0:
            ei = entities[ei].merged_into
        return ei

    # -- assign mentions to entities (ambiguous ones by recency among candidates)
    last_seen: dict[int, int] = {}
    ent_mentions: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        a = assign.get((m.core, m.title_words))
        if isinstance(a, list):
            a = sorted({final(e) for e in a})
            best = max(a, key=lambda e: last_seen.get(e, -1))
            if last_seen.get(best, -1) < 0 or m.start - last_seen[best] > 600:
                best = max(a, key=lambda e: entities[e].count)  # nobody in focus: the main one
            a = best
            m.ambiguous = True
        if a is None:
            continue
        a = final(a)
        m.entity = a
        last_seen[a] = m.start
        ent_mentions[a].append(m)

    _merge_stated_aliases(story, entities, ent_mentions)

    # -- keep entities that are people enough
    keep = [e for e in entities if e.index in ent_mentions]
    genders = {e.index: e.gender() for e in keep}

    # -- first-person narrator
    narrator_ent: int | None = None
    person = getattr(narration, "person", None)
    if person == "first":
        narrator_ent = _self_named(story, ent_mentions)
        if narrator_ent is None:
            narrator_ent = _pick_narrator(story, keep, ent_mentions)
        if narrator_ent is None:
            e = _Entity(len(entities))
            e.narrator = True
            entities.append(e)
            keep.append(e)
            narrator_ent = e.index
            genders[e.index] = None
        else:
            entities[narrator_ent].narrator = True

    # -- pronoun resolution for mention counts (narration only); a name seen once or twice
    #    with no known pronouns takes no pronouns
    res_genders = {ei: (g if g is not None or len(ent_mentions.get(ei, ())) >= 3 else "?")
                   for ei, g in genders.items()}
    named_heads = {m.head: ei for ei, ms in ent_mentions.items() for m in ms if not m.speech}
    role_heads = _role_mentions(story, ent_mentions, named_heads)
    named_heads.update(role_heads)
    nominals = find_nominals(story, named_heads, genders,
                             past=getattr(narration, "tense", "past") in ("past", "mixed", "unknown"))
    for n in nominals:
        res_genders[n.id] = n.gender
    pronoun_ent, first_person = _resolve_pronouns(story, ent_mentions, res_genders, narrator_ent,
                                                  nominals, role_heads)

    # -- build characters
    neo_by_ent: dict[int, Counter] = defaultdict(Counter)
    for key, c in neo_seen_by_key.items():
        a = assign.get(key)
        if isinstance(a, int):
            neo_by_ent[final(a)].update(c)
    pron_offsets: dict[int, list[int]] = defaultdict(list)
    for ti, ei in pronoun_ent.items():
        pron_offsets[ei].append(toks[ti].start)
    chars: list[Character] = []
    index_of: dict[int, int] = {}
    used_ids: set[str] = set()
    keep.sort(key=lambda e: min([m.start for m in ent_mentions.get(e.index, [])] or [10 ** 9]))
    for e in keep:
        ms = ent_mentions.get(e.index, [])
        name, aliases = _names(e, ms)
        if e.narrator:
            if not ms:
                name = "Narrator"
            aliases = [a for a in aliases if a != name]
            if "Narrator" != name and "Narrator" not in aliases:
                aliases.append("Narrator")
        offsets = sorted([toks[m.start].start for m in ms] + pron_offsets.get(e.index, [])
                         + [toks[h].start for h, ei in role_heads.items() if ei == e.index]
                         + (first_person if e.narrator else []))
        if not offsets:
            continue
        cid = _slug(name)
        base, k = cid, 2
        while cid in used_ids:
            cid = f"{base}-{k}"
            k += 1
        used_ids.add(cid)
        g = genders.get(e.index)
        ch = Character(
            id=cid, name=name, aliases=aliases,
            pronouns=("I/me" if e.narrator and not ms and g is None else _pronoun_label(g, e.pron, neo_by_ent[e.index])),
            mentions=len(offsets), first_mention=offsets[0], narrator=e.narrator,
            mention_offsets=offsets,
        )
        index_of[e.index] = len(chars)
        chars.append(ch)
    token_char: dict[int, int] = {}
    heads: dict[int, int] = {}
    vocs: list[tuple[int, int]] = []
    for ei, ms in ent_mentions.items():
        ci = index_of.get(ei)
        if ci is None:
            continue
        for m in ms:
            for x in range(m.start, m.end):
                token_char[x] = ci
            heads[m.head] = ci
            if m.vocative:
                vocs.append((m.start, ci))
    for h, ei in role_heads.items():
        if ei in index_of:
            token_char.setdefault(h, index_of[ei])
            heads.setdefault(h, index_of[ei])
    vocs.sort()
    pron_char = {ti: index_of.get(ei, ei) for ti, ei in pronoun_ent.items()
                 if ei in index_of or ei >= NOMINAL_BASE}
    gl = [genders.get(e.index) for e in keep if e.index in index_of]
    return Roster(chars, token_char, heads, pron_char, gl,
                  index_of.get(narrator_ent) if narrator_ent is not None else None, vocs,
                  {n.id: n for n in nominals})


def _pronoun_after(toks: list[Token], sents, m: Mention, ment_starts: set[int]) -> list[tuple[str, str]]:
    """Pronouns that most likely refer back to mention ``m`` (same sentence, next subject)."""
    out: list[tuple[str, str]] = []
    s = sents[toks[m.head].sent]
    hd = toks[m.head]
    # "Mira and Jonas ... their": a plural pronoun after coordinated names says nothing
    coordinated = hd.dep == "conj" or any(
        toks[x].head == m.head and toks[x].dep in ("conj", "cc")
        for x in range(m.end, min(len(toks), m.end + 3)))
    limit = min(s.tok_end, m.end + 15)
    for x in range(m.end, limit):
        t = toks[x]
        if x in ment_starts:
            break
        if t.speech:
            continue
        pc = PRONOUN_CLASS.get(t.lower)
        if pc and t.tag == "PRP" and t.dep in ("dobj", "pobj", "dative", "iobj") \
                and not t.lower.endswith(("self", "selves")):
            continue  # "Jonas knelt beside her": an object pronoun is somebody else
        if pc and (t.tag in ("PRP", "PRP$") or pc == "x"):
            if not (pc == "t" and coordinated):
                out.append((pc, t.lower))
            break
    if m.subject and toks[m.head].sent + 1 < len(sents):
        ns = sents[toks[m.head].sent + 1]
        if ns.paragraph == s.paragraph:
            for x in range(ns.tok_start, min(ns.tok_end, ns.tok_start + 8)):
                t = toks[x]
                if x in ment_starts:
                    break
                if t.speech:
                    break
                if t.lower in SUBJECT_PRONOUNS and (t.dep in ("nsubj", "nsubjpass")
                                                     or PRONOUN_CLASS[t.lower] == "x"):
                    if not (PRONOUN_CLASS[t.lower] == "t" and coordinated):
                        out.append((PRONOUN_CLASS[t.lower], t.lower))
                    break
    return out


_ALIAS_BETWEEN = re.compile(
    r"\s*,\s*(?:(?:who\s+was|also|better|generally|always)\s+)?"
    r"(?:known\b[^.;:!?\"“”]{0,60}?\bas|called|nicknamed|dubbed)\s*[\"“‘']?\s*$", re.I)


def _merge_stated_aliases(story: Story, entities: list[_Entity], ent_mentions: dict[int, list[Mention]]) -> None:
    """One person when the narration says so: ``Miss Prudence Cowley, known ... as "Tuppence"``.

    Two name mentions of different characters in one narration sentence, the second in an
    apposition with ``known (to ...) as``, ``called`` or ``nicknamed``: the second name is an
    alias of the first.
    """
    toks = story.tokens
    text = story.text
    by_sent: dict[int, list[Mention]] = defaultdict(list)
    for ms in ent_mentions.values():
        for m in ms:
            if not m.speech:
                by_sent[toks[m.start].sent].append(m)
    for ms in by_sent.values():
        ms.sort(key=lambda m: m.start)
        for a, b in zip(ms, ms[1:]):
            if a.entity == b.entity or a.entity < 0 or b.entity < 0:
                continue
            if not _ALIAS_BETWEEN.match(text, toks[a.end - 1].end, toks[b.start].start):
                continue
            if b.entity not in ent_mentions or a.entity not in ent_mentions:
                continue
            moved = ent_mentions.pop(b.entity)
            for m in moved:
                m.entity = a.entity
            ent_mentions[a.entity].extend(moved)
            ent_mentions[a.entity].sort(key=lambda m: m.start)
            _merge(entities[b.entity], entities[a.entity])


_SELF_NAMING = re.compile(
    r"\b(?:my\s+(?:christian\s+|first\s+|real\s+|own\s+)?name\s+(?:is|was|being)|call\s+me|called\s+me"
    r"|called\s+myself|named\s+me|christened\s+me|I\s+(?:am|was)\s+(?:called|named))\s+$", re.I)


def _self_named(story: Story, ent_mentions: dict[int, list[Mention]]) -> int | None:
    """The character a first-person narrator says they are: ``Call me Ishmael``, ``my name is``.

    The name must follow the phrase in the narration (not in dialogue) and belong to one
    character; the first such statement decides.
    """
    toks = story.tokens
    text = story.text
    found: list[tuple[int, int]] = []
    for ei, ms in ent_mentions.items():
        for m in ms:
            if m.speech:
                continue
            start = toks[m.start].start
            if _SELF_NAMING.search(text, max(0, start - 40), start):
                found.append((start, ei))
    return min(found)[1] if found else None


def _pick_narrator(story: Story, keep: list[_Entity], ent_mentions: dict[int, list[Mention]]) -> int | None:
    """The character a first-person narrator is called in dialogue, if one name stands out.

    Evidence: the name used as a vocative in a line spoken next to a line the narrator
    speaks (``"...," said I.`` / ``"My dear Watson, ..."``), by a character who is hardly ever
    named in the narration itself.
    """
    toks = story.tokens
    single, _ = speech_verbs()
    sents = story.sentences
    narrator_pars: set[int] = set()
    for t in toks:
        if t.lower in ("i", "i.") and not t.speech and t.dep in ("nsubj",) and toks[t.head].lower in single:
            narrator_pars.add(sents[t.sent].paragraph)
    text_pars = [p.index for p in story.paragraphs if p.kind == "text" and p.quotes]
    order = {pi: k for k, pi in enumerate(text_pars)}
    votes: Counter = Counter()
    for e in keep:
        for m in ent_mentions.get(e.index, []):
            if not m.vocative:
                continue
            par = sents[toks[m.head].sent].paragraph
            k = order.get(par)
            if k is None or par in narrator_pars:
                continue
            near = [text_pars[j] for j in (k - 1, k + 1) if 0 <= j < len(text_pars)]
            if any(x in narrator_pars for x in near):
                votes[e.index] += 1
    best = None
    for ei, n in votes.most_common(2):
        ms = ent_mentions.get(ei, [])
        narr = sum(1 for m in ms if not m.speech)
        if n >= 2 and narr <= 0.25 * len(ms):
            others = [v for x, v in votes.items() if x != ei]
            if not others or n >= 2 * max(others):
                best = ei
            break
    if best is not None:
        return best
    for e in keep:  # no "said I" lines: a name used only in dialogue, as a vocative
        ms = ent_mentions.get(e.index, [])
        speech = sum(1 for m in ms if m.speech)
        voc = sum(1 for m in ms if m.vocative)
        if speech >= 2 and voc >= 2 and len(ms) - speech <= 0.1 * len(ms) and not narrator_pars:
            if best is None or speech > len(ent_mentions[best]):
                best = e.index
    return best


def _resolve_pronouns(story: Story, ent_mentions, genders, narrator_ent, nominals=(), role_heads=None):
    """Resolve narration pronouns to entities (described people among them, by their ids);
    also first-person offsets for the narrator."""
    toks = story.tokens
    heads: dict[int, tuple[int, bool]] = {}
    for ei, ms in ent_mentions.items():
        for m in ms:
            if not m.speech:
                heads[m.head] = (ei, m.subject)
    for h, ei in (role_heads or {}).items():
        heads.setdefault(h, (ei, toks[h].dep in ("nsubj", "nsubjpass")))
    for n in nominals:
        for h in n.heads:
            heads[h] = (n.id, toks[h].dep in ("nsubj", "nsubjpass"))
    sal = Salience(genders)
    out: dict[int, int] = {}
    first: list[int] = []
    para_of_sent = [s.paragraph for s in story.sentences]
    last_par = -1
    for t in toks:
        if t.speech:
            continue
        par = para_of_sent[t.sent]
        if par != last_par:
            last_par = par
        h = heads.get(t.i)
        if h is not None:
            sal.mention(h[0], t.i, t.sent, h[1])
            continue
        low = t.lower
        if narrator_ent is not None and low in FIRST_SINGULAR and t.tag in ("PRP", "PRP$"):
            first.append(t.start)
            continue
        pc = PRONOUN_CLASS.get(low)
        if pc is None or (t.tag not in ("PRP", "PRP$") and pc != "x"):
            continue
        if pc in ("t", "x") and not any(g == pc for g in genders.values()):
            continue
        ent = sal.resolve(pc, t.i, t.sent)
        if ent is not None:
            out[t.i] = ent
            sal.mention(ent, t.i, t.sent, t.dep in ("nsubj", "nsubjpass"))
    return out, first


def _names(e: _Entity, ms: list[Mention]) -> tuple[str, list[str]]:
    """The character's name (its fullest common name) and its other names, most used first."""
    forms = Counter(m.display() for m in ms if not m.ambiguous)
    if not forms:
        forms = Counter(m.display() for m in ms)
    if not forms:
        return ("Narrator" if e.narrator else "Unknown"), []
    total = sum(forms.values())
    by_form = {m.display(): m for m in ms}

    def words(f: str) -> int:
        return len(by_form[f].core)

    full = [f for f in forms if words(f) > 1 and not by_form[f].titles]
    if full:
        name = max(full, key=lambda f: (words(f), forms[f], f))
    else:
        titled = [f for f in forms if by_form[f].titles and forms[f] >= max(2, 0.1 * total)]
        pool = titled or list(forms)
        name = max(pool, key=lambda f: (forms[f], words(f), f))
    m = by_form[name]
    if m.suffix:
        name = " ".join(list(m.titles) + list(m.core))
    aliases = [f for f, _ in forms.most_common() if f != name]
    return name, aliases[:30]
