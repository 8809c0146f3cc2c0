"""confusable: a real word used for another (were/where, its/it's, then/than ...)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..base import Rule, load_list
from ..patterns import fit_case, is_punct, load_patterns, matches_at, words_of

PATTERNS = "confusable-patterns.txt"

# -- word classes the Python checks share ---------------------------------------------------

PREPOSITIONS = frozenset(
    "of in on at from with by into onto under over through across against behind beside between off "
    "toward towards upon within without around about among beneath below above near inside outside "
    "along during despite throughout underneath beyond amongst via for like".split())
"""Prepositions after which a pronoun is an object: 'in it's cradle' must be 'its'."""
SUBORDINATORS = frozenset(
    "because if since as like though although while until unless before after than that whether so "
    "once where when cause 'cause till whereas whenever wherever lest now".split())
AUX = frozenset(
    "am is are was were be been being 's 're 'm has have had 've 'd do does did will would shall should "
    "can could may might must 'll ca wo n't not".split())
FINITE = frozenset(
    "is was are were 's 're has had have 've 'd will would could should can may might must 'll shall "
    "did does do seems seemed appears appeared".split())
NOMINAL_AFTER_POSSESSIVE = frozenset(
    "own very only every other first last next best worst most least usual favourite favorite whole "
    "entire former latter same new old right left dead young poor rich wounded sick elderly living "
    "injured many few various utmost fill share kind sort lot part way turn fault".split())
"""Words that follow 'its/your/their' as the start of a noun phrase (or as a noun)."""
PREDICATE_PREPS = frozenset(
    "in on at about like over out up off because for from with as under behind inside outside near above below "
    "beside beyond across along "
    "through into onto after before since until down back around".split())
FORMATTING = frozenset({"_", "*", "__", "**", "\u201c", "\u201d", '"', "'", "\u2018", "\u2019", "(", ")"})
PREDICATE_NOUNS = frozenset(
    "family trouble toast history home bait it dinner everything nothing something anything mine yours "
    "captain boss king queen next royalty free dead safe welcome right wrong fine okay ok alright sure "
    "crazy mad insane nuts kidding joking done finished late early lucky fun friends "
    "lunch breakfast dessert fair game trash scum shit gold perfect brilliant genius amazing "
    "beautiful gorgeous adorable cute sweet precious special important different weird strange "
    "human alive awake asleep fault alone worth part responsible".split())
HARD_END = frozenset({".", "!", "?", ",", ";", ":"})
PROGRESSIVE = frozenset(
    "going gon getting doing trying starting raining snowing working killing "
    "driving looking sounding happening burning hurting kidding joking lying freaking talking acting".split())
DASHES = frozenset({"-", "—", "–", "--", "...", "…", "―"})
THERE_VERBS = frozenset(
    "is was are were 's 're has had have will would could should must might may can seems seemed seem "
    "appears appeared remains remained came comes lies lay stood stands goes went exists existed 'll 'd "
    "ai used lived lives".split())
TIME_NOUNS = frozenset(
    "years year months month days day hours hour minutes minute weeks week seconds moment moments "
    "yesterday today tonight tomorrow morning night evening afternoon once twice times time ages "
    "while decades forever awhile instant".split())
VOCATIVES = frozenset(
    "guys man kid dude boys girls folks everyone sir ma'am buddy pal mate honey sweetie darling love "
    "baby babe son lady ladies gentlemen people team lads boss fellas".split())
LOCATIVE_PREPS = frozenset("in out up down over back under around through near along off inside outside from".split())
OBJECT_PREPS = frozenset(
    "with of for at by into onto about against toward towards upon without among between like on "
    "across behind beneath within during despite to".split())
LOCATIVE_VERBS = frozenset(
    "go went gone going goes come came comes coming get got gets getting live lived lives living stay "
    "stayed stays staying stood stand stands standing sat sit sits sitting lay lie lies lying remain "
    "remained arrive arrived arrives move moved wait waited waiting walk walked run ran stop stopped "
    "work worked settle settled hide hid hidden meet met be been being was were is are am left "
    "returned return headed head drove drive flew fly born buried died die stayed kept keep "
    "appeared appear sleep slept slept waiting belonged belongs belong ended end".split())
COMPARATIVE_WORDS = frozenset(
    "more less fewer rather other another else sooner different differently otherwise elsewhere prefer "
    "preferred prefers preferable superior hardly scarcely barely anywhere nowhere somewhere later "
    "earlier further farther longer shorter".split())
THEN_STRONG = frozenset("and but since until till by just back now".split())
NOMINATIVE = frozenset("i he she we they".split())
WHERE_PREDICATE = frozenset(
    "not n't so very too all both just never always still already only really also once a an "
    "being there here able unable sure alone together afraid dead".split())
QUESTION_AUX = frozenset(
    "did do does is are was were 's 're can could will would should have has had am else "
    "might must shall 'd 'll".split())
AS_IF = frozenset("if as though even".split())
QUANTIFIERS = frozenset(
    "all both each some any none half either neither what which whatever such those these this that "
    "many few several most more less".split())
CLAUSE_END = frozenset({".", "!", "?", ";", ":", ",", "\u2014", "--", ")", '"', "\u201d", "\u201c"})
WHERE_ALONE = frozenset(
    "to else ever now exactly possible necessary appropriate applicable needed required available relevant "
    "feasible convenient practicable otherwise abouts then".split())
PRONOUN_SUBJECTS = frozenset(
    "you it both all these those some many most none several others few such".split())
WHERE_VERBS = frozenset(
    "know knew known knows wonder wondered wonders ask asked asks see saw seen tell told show showed shown "
    "remember remembered forget forgot decide decided find found learn learned guess guessed idea sure "
    "matter care cared imagine imagined understand understood".split())

# Eye dialect: speech that spells out an accent ("could of" may be deliberate there).
STRONG_DIALECT_RE = re.compile(
    r"(?<![\w'’])(?:ain['’]t|y['’]all|['’]em|yer|ye|o['’]|th['’]|fer|wot|summat|nowt|innit|"
    r"\w+in['’](?=\W|$)|['’]ere|['’]im|['’]bout|gwyne|dat|dem|dis|wid|whar|ef)(?![\w'’])",
    re.IGNORECASE)
DIALECT_RE = re.compile(
    r"\b(?:ain['’]t|y['’]all|'em|’em|yer|ye|o['’]|th['’]|fer|wot|summat|nowt|innit|gonna|gotta|"
    r"dunno|lemme|gimme|kinda|sorta|coulda|woulda|shoulda|musta|'cause|’cause|nothin['’]|"
    r"somethin['’]|\w+in['’](?=\W|$)|'ere|’ere|'im|’im|'er|’er|wanna|ya|'bout|’bout)",
    re.IGNORECASE)


@lru_cache(maxsize=1)
def _glosses() -> dict[str, str]:
    out = {}
    for line in load_list("confusable-glosses.txt"):
        if ":" in line:
            word, gloss = line.split(":", 1)
            out[word.strip()] = gloss.strip()
    return out


@lru_cache(maxsize=1)
def _clause_verbs() -> frozenset[str]:
    from lemminflect import getAllInflections

    forms: set[str] = set()
    for base in load_list("confusable-clause-verbs.txt"):
        forms.add(base)
        for infl in getAllInflections(base, upos="VERB").values():
            forms.update(infl)
    return frozenset(forms)


@dataclass(slots=True)
class Finding:
    first: int
    last: int
    replacements: list[str]
    severity: str | None = None


class _Scan:
    """Tokens, normalised words and small helpers for the Python checks."""

    def __init__(self, story, words):
        self.story = story
        self.tokens = story.tokens
        self.words = words
        self.sentences = story.sentences

    def bounds(self, i):
        s = self.sentences[self.tokens[i].sent]
        return s.tok_start, s.tok_end

    def nxt(self, i, k=1):
        j = i + k
        if j < len(self.tokens) and self.tokens[j].sent == self.tokens[i].sent:
            return j
        return None

    def prv(self, i, k=1):
        j = i - k
        if j >= 0 and self.tokens[j].sent == self.tokens[i].sent:
            return j
        return None

    def w(self, j):
        return self.words[j] if j is not None else None

    def tag(self, j):
        return self.tokens[j].tag if j is not None else ""

    def at_start(self, i):
        lo, _ = self.bounds(i)
        return all(is_punct(self.tokens[k]) for k in range(lo, i))

    def punct(self, j):
        return j is None or is_punct(self.tokens[j])

    def end_punct(self, j):
        """No word here: the end of the sentence or punctuation that is not a dash."""
        return j is None or (is_punct(self.tokens[j]) and self.words[j] not in DASHES)

    def nouny(self, j):
        return j is not None and self.tokens[j].tag in ("NN", "NNS") and self.tokens[j].text[:1].islower()

    def finite(self, j):
        if j is None:
            return False
        return self.words[j] in FINITE or self.tokens[j].tag in ("VBZ", "VBP", "VBD", "MD")

    def is_verb(self, j):
        return j is not None and self.tokens[j].tag.startswith("VB")

    def attached(self, i):
        """Token i+1 is written against token i (a contraction: it + 's)."""
        j = self.nxt(i)
        return j is not None and not self.tokens[i].ws


# -- the hard sets ----------------------------------------------------------------------------

def _possessive(s: _Scan, i: int) -> Finding | None:
    """its/your/their/whose followed by something that cannot start a noun phrase."""
    w = s.words[i]
    j = s.nxt(i)
    prev = s.prv(i)
    pw = s.w(prev)
    if j is None or s.words[j] in DASHES or s.words[j] in FORMATTING:
        return None
    nw, nt = s.words[j], s.tokens[j].tag
    if w == "their":
        # "there" is meant: nothing after it, a verb ("their was"), a subject ("their he sat")
        if s.end_punct(j):
            if nw in HARD_END:
                return Finding(i, i, ["there"], "error" if s.is_verb(prev) or pw in PREPOSITIONS else "warning")
            return None
        if nw in ("i", "he", "she", "we", "they", "you", "it") and nt == "PRP":
            return Finding(i, i, ["there"], "error")
        if (nt in ("IN", "RP", "TO", "WRB") and (nw in PREDICATE_PREPS or nw in (
                "to", "when", "while", "until", "till", "before", "after", "since", "by", "between", "among"))
                and (s.is_verb(prev) or pw in ("down", "up", "over", "out", "back", "right", "from", "in", "be"))):
            return Finding(i, i, ["there"], "warning")  # "resides their for a time", "lie down their on"
        if nw == "'s" and not s.tokens[i].ws and s.at_start(i) and s.w(s.nxt(j)) in ("not", "no", "a", "an", "nothing"):
            return Finding(i, i, ["there"], "error")  # "Their's not a man in the county"
        if pw in BE_FORMS and nw in ("no", "any", "a", "an", "some", "nothing", "anything", "something", "not"):
            return Finding(i, i, ["there"], "error")  # "Was their no good in it?"
        if nw in THERE_VERBS and nt not in ("NN", "NNS"):
            if nt == "MD" or nw in ("will", "would", "could", "should", "must", "might", "may", "can"):
                k = s.nxt(j)
                if k is None or not (s.tokens[k].tag == "VB" or s.words[k] in ("be", "have", "n't", "not")):
                    return None
            return Finding(i, i, ["there"], "error" if nw in ("is", "was", "are", "were", "'s") else "warning")
    if prev is not None and (pw in PREPOSITIONS or pw in ("all", "both", "half", "to")
                             or s.tokens[prev].tag == "RP"
                             or (s.is_verb(prev) and pw not in AUX and pw not in _clause_verbs())):
        return None  # an object: "of their going", "prevented its falling", "shook their heads"
    kind = None  # "pred" (it's, you're ...), "there"
    strong = False
    if s.end_punct(j):
        return None
    elif nw == "right" and w in ("your", "their") and (s.end_punct(s.nxt(j)) or s.w(s.nxt(j)) in (
            "about", "again", "though", "there", "now", "this", "that", "as", "for")):
        kind, strong = "pred", True  # "your right about that" (the possessive would be "on your right")
    elif nw in NOMINAL_AFTER_POSSESSIVE:
        return None
    elif nw in ("not", "n't") or (nw == "gon" and s.w(s.nxt(j)) == "na"):
        kind, strong = "pred", True  # "your not", "your gonna"
    elif nw == "been":
        kind, strong = "pred", True
    elif nw in ("a", "an", "the", "this", "that", "these", "those", "no") and nt in ("DT", "WDT", "IN"):
        if w == "their" and nw in ("this", "that") and s.is_verb(prev):
            kind = "there"
        else:
            kind, strong = "pred", nw in ("a", "an", "the")
    elif nw in ("some", "any") and w == "their" and s.is_verb(prev):
        kind = "there"
    elif nw == "all":
        k = s.nxt(j)
        if k is None or s.end_punct(k) or s.nouny(k):
            return None
        kind = "pred"
    elif nt == "VBG":
        k = s.nxt(j)
        if k is not None and (s.words[k] in FINITE or s.tokens[k].tag in ("VBZ", "VBD", "MD")
                              or s.tokens[k].tag.startswith("NN") or s.words[k] in ("-",)):
            return None  # gerund subject ("your singing is lovely") or a modifier ("its flying forms")
        if nw not in PROGRESSIVE:
            return None  # a gerund: "their taking her home was kind", "your coming is a comfort"
        if nw == "being" and (k is None or s.nouny(k)):
            return None
        kind, strong = "pred", nw in ("going", "gon", "getting", "kidding", "joking", "trying", "doing")
    elif nt == "VBN":
        k = s.nxt(j)
        if pw in PREPOSITIONS:
            return None
        if k is not None and (s.tokens[k].tag.startswith(("NN", "JJ", "VBG")) or s.words[k] == "-"):
            return None
        kind = "pred"
    elif nt in ("PRP", "PRP$") and w == "its" and nw in ("me", "him", "her", "us", "you", "them", "my",
                                                        "his", "your", "our", "their"):
        kind, strong = "pred", True
    elif nt in ("PRP$",) and w in ("your", "their") and nw in ("my", "his", "your", "our", "their"):
        kind = "pred"
    elif nt in ("WP", "WRB") and w in ("its", "their"):
        k = s.nxt(j)
        if k is None or s.end_punct(k):
            return None
        kind = "pred" if w == "its" else "there"
    elif nt == "TO":
        kind = "there" if w == "their" and s.is_verb(prev) else "pred"
        if w == "whose":
            return None
    elif nt in ("IN", "RP") and nw in PREDICATE_PREPS:
        k = s.nxt(j)
        if nw == "like" and k is not None and s.words[k] in FINITE:
            return None  # "its like was never seen"
        if w == "their":
            kind = "there" if (s.is_verb(prev) or pw in ("over", "in", "out", "up", "down", "back")) else "pred"
        else:
            kind = "pred"
    elif nt in ("JJ", "JJR"):
        if pw in PREPOSITIONS or pw in ("to",):
            return None
        k = s.nxt(j)
        while k is not None and (s.tokens[k].tag in ("JJ", "JJR", "CC", "RB") or s.words[k] == ","):
            if s.words[k] == "," and s.nxt(k) is not None and not s.tokens[s.nxt(k)].tag.startswith("JJ"):
                break
            k = s.nxt(k)
        if k is not None and (s.tokens[k].tag.startswith("NN") or s.tokens[k].tag in ("VBG", "VBN", "CD")):
            return None
        k1 = s.nxt(j)
        if k1 is not None and not (s.end_punct(k1) or s.tokens[k1].tag in ("IN", "TO", "CC", "RB", "DT")):
            return None
        kind = "pred"
    elif nt in ("RB",) and nw not in ("not", "n't"):
        # skip adverbs: "your really good" / "its only a game"
        k = j
        while k is not None and s.tokens[k].tag in ("RB", "RBR", "RBS") and s.words[k] not in ("not", "n't"):
            k = s.nxt(k)
        if k is None or s.end_punct(k):
            if w == "their" and (s.is_verb(prev) or nw in ("yet", "now", "too", "again", "already", "before",
                                                            "anymore", "either", "tonight", "today")):
                kind = "there"
            elif w in ("your", "its") and nw in ("welcome", "right", "so", "too", "just", "really", "always",
                                                  "never", "still", "already", "probably", "definitely"):
                kind = "pred"
            else:
                return None
        else:
            kt = s.tokens[k].tag
            if kt.startswith("NN") or kt in ("CD", "PRP$"):
                return None
            if kt.startswith("JJ") or kt in ("VBN", "VBG"):
                k2 = s.nxt(k)
                if k2 is not None and s.tokens[k2].tag.startswith(("NN", "JJ")):
                    return None
                kind = "pred"
            elif kt in ("DT", "PRP", "IN", "TO", "VB", "VBZ", "VBP", "VBD", "MD"):
                if w == "their" and s.words[k] in THERE_VERBS:
                    kind = "there"
                elif kt in ("VBZ", "VBD", "VBP") and w != "their":
                    return None
                else:
                    kind = "pred"
            else:
                return None
    elif nt == "CD" and w == "its":
        k = s.nxt(j)
        if k is None or s.end_punct(k) or s.words[k] in ("in", "o'clock", "am", "pm", "a.m.", "p.m.", "of"):
            kind = "pred"
        else:
            return None
    else:
        return None
    if kind is None:
        return None
    if w == "whose" and kind != "pred":
        return None
    if kind == "there":
        return Finding(i, i, ["there"], "error" if strong else "warning")
    repl = {"its": "it's", "your": "you're", "their": "they're", "whose": "who's"}[w]
    extra = ["there"] if w == "their" else []
    return Finding(i, i, [repl] + extra, "error" if strong else "warning")


def _contraction(s: _Scan, i: int) -> Finding | None:
    """it's/you're/they're/who's where the possessive belongs: "lost it's shine", "who's turn"."""
    w = s.words[i]
    j = s.nxt(i)
    if j is None or not s.attached(i):
        return None
    cw = s.words[j]
    if (w, cw) not in (("it", "'s"), ("you", "'re"), ("they", "'re"), ("who", "'s")):
        return None
    repl = {"it": "its", "you": "your", "they": "their", "who": "whose"}[w]
    k = s.nxt(j)
    if k is None or s.end_punct(k) or s.words[k] in FORMATTING:
        return None
    kw, kt = s.words[k], s.tokens[k].tag
    lower = s.tokens[k].text[:1].islower()
    prev = s.prv(i)
    pw = s.w(prev)
    pt = s.tokens[prev].tag if prev is not None else ""
    if kw == "own":
        return Finding(i, j, [repl], "error")
    if w == "it" and kw in ("many", "few", "several", "numerous", "various") and s.nxt(k) is not None \
            and s.tokens[s.nxt(k)].tag == "NNS":
        return Finding(i, j, [repl], "warning")  # "it's many victims"
    if w == "who" and prev is not None and pw in PREPOSITIONS | {"to"} and pt in ("IN", "TO"):
        return Finding(i, j, [repl], "error")  # "to who's will"
    if w == "who" and kt in ("JJ",) and s.nxt(k) is not None and s.tokens[s.nxt(k)].tag in ("NN", "NNS"):
        return Finding(i, j, [repl], "warning")  # "who's delightful sweetness"
    # after a preposition or a quantifier the pronoun is an object: "in it's cradle", "all you're love"
    if w != "who" and prev is not None and (
            ((pw in PREPOSITIONS or pw == "to") and pt in ("IN", "TO", "RP") and pw not in ("like", "for"))
            or pw in ("all", "both", "half")):
        return Finding(i, j, [repl], "error")
    strong_verb = pw in ("had", "has", "have", "do", "did", "does")
    object_verb = prev is not None and pt.startswith("VB") and pw not in AUX and pw not in _clause_verbs() \
        or strong_verb
    lex = _lex(kw)
    nounish = kt.startswith(("NN", "JJ")) or ("NOUN" in lex and "VERB" not in lex)
    if w in ("it", "you", "they") and object_verb and nounish and lower and kt not in ("VBG",) \
            and (kw not in PREDICATE_NOUNS or strong_verb):
        return Finding(i, j, [repl], "warning")  # "lost it's shine", "cut you're throat"
    if w == "you" and s.tokens[k].text in ("Majesty", "Highness", "Grace", "Lordship", "Ladyship", "Excellency",
                                          "Honor", "Honour", "Worship", "Eminence", "Holiness"):
        return Finding(i, j, [repl], "error")  # "you're Majesty"
    if w in ("you", "they") and pw in ("me", "him", "her", "us", "them") and lower and "NOUN" in lex \
            and "ADJ" not in lex and kt not in ("VBG", "RB", "IN", "DT"):
        return Finding(i, j, [repl], "warning")  # "Lend me you're lantern"
    if w in ("you", "they") and pw == "for" and kt == "NNS" and lower:
        return Finding(i, j, [repl], "warning")  # "for you're sakes"
    if w in ("you", "they") and lower and kw not in PREDICATE_NOUNS and "NOUN" in lex and "ADJ" not in lex \
            and not kw.endswith(("s", "ing", "ed")) and kt not in ("VBG", "VBN", "RB", "IN", "DT"):
        k2 = s.nxt(k)
        if k2 is None or s.end_punct(k2) or s.tokens[k2].tag in ("CC", "IN", "TO", "POS"):
            return Finding(i, j, [repl], "warning")  # "find you're father and ask him"
    # the noun phrase after the contraction
    n = k
    while n is not None and (s.tokens[n].tag in ("JJ", "JJR", "JJS", "VBN", "CC", "HYPH", "RB")
                             and s.words[n] not in ("not", "n't") or s.words[n] == "-"):
        n = s.nxt(n)
    if n is None or not s.tokens[n].tag.startswith("NN") or not s.tokens[n].text[:1].islower():
        return None
    head = n
    while s.nxt(head) is not None and ((s.tokens[s.nxt(head)].tag in ("NN", "NNS")
                                        and s.tokens[s.nxt(head)].text[:1].islower()) or (
            s.words[s.nxt(head)] == "and" and s.nxt(head, 2) is not None
            and s.tokens[s.nxt(head, 2)].tag.startswith("NN"))):
        head = s.nxt(head)
    after = s.nxt(head)
    while after is not None and s.tokens[after].tag == "RB" and s.words[after] not in ("not", "n't"):
        after = s.nxt(after)
    fin = after is not None and s.words[after] != "'s" and (
        s.words[after] in FINITE or s.tokens[after].tag in ("VBZ", "VBD", "VBP", "MD"))
    if fin and not (w == "who" and s.words[after] in ("n't", "not")):
        return Finding(i, j, [repl], "warning")  # "it's tail wagged", "who's turn is it"
    if after is not None and s.tokens[after].tag == "POS":
        return Finding(i, j, [repl], "error")  # "for you're mother's sake"
    # a bare singular noun cannot follow "you are" / "they are" ("you're chair"), nor a verb that
    # takes an object ("lost it's shine", "take you're time")
    single = s.tokens[head].tag == "NN" and head == n and lower
    if w in ("you", "they") and single and s.words[head] not in PREDICATE_NOUNS and kt in ("NN", "JJ", "VBN", "RB") \
            and "ADJ" not in _lex(s.words[head]) and (_lex(s.words[head]) or not s.words[head].endswith("er")):
        return Finding(i, j, [repl], "warning")
    if w == "it" and kt == "RB" and s.words[k] in ("very", "so", "too", "quite") and head == s.nxt(k):
        return Finding(i, j, [repl], "warning")  # "it's very sweetness"
    if w == "who" and s.tokens[head].tag in ("NN", "NNS") and head == n and kt.startswith("NN") \
            and (prev is not None and pt.startswith("NN")):
        return Finding(i, j, [repl], "warning")  # "a man who's wife"
    return None


def _there(s: _Scan, i: int) -> Finding | None:
    """'there' where 'their' is meant: "shook there heads", "there own"."""
    j = s.nxt(i)
    if j is None:
        return None
    if s.words[j] == "own":
        return Finding(i, i, ["their"], "error")
    if s.words[j] in ("'s", "'re", "'ll", "'d") or s.tokens[j].tag in ("MD", "VBZ", "VBD", "VBP"):
        return None
    prev = s.prv(i)
    pw = s.w(prev)
    pt = s.tokens[prev].tag if prev is not None else ""
    prep = prev is not None and ((pw in OBJECT_PREPS and pt in ("IN", "TO", "RP")) or pw in ("all", "both", "half")
                                 or (pw in ("before", "after", "under", "behind") and pt == "IN"))
    if prep:
        pp = s.w(s.prv(prev))
        if pw == "to" and pp in ("here", "from", "back", "up", "down"):
            prep = False
    # the noun phrase after "there": modifiers, then a noun
    n = j
    mods = 0
    while n is not None and (s.tokens[n].tag in ("JJ", "JJR", "JJS", "VBN", "CD", "HYPH")
                             or s.words[n] in ("-", "very", "own")) and not s.tokens[n].text[:1].isupper():
        n = s.nxt(n)
        mods += 1
    if n is None:
        return None
    t = s.tokens[n]
    if t.tag == "JJS" and t.text[:1].islower() and (s.nxt(n) is None or s.tokens[s.nxt(n)].tag in ("TO", "IN")) \
            and (prep or (prev is not None and pt.startswith("VB") and pw not in AUX)):
        return Finding(i, i, ["their"], "warning")  # "tried there hardest to"
    if not (s.nouny(n) or (t.tag in ("NNP", "NNPS") and mods)
            or (t.tag == "VBG" and prep and s.words[n] not in ("being", "having"))):
        return None
    head = n
    while s.nxt(head) is not None and s.nouny(s.nxt(head)):
        head = s.nxt(head)
    hw = s.words[head]
    if hw in VOCATIVES or hw in ("anything", "nothing", "something", "everything", "nobody", "somebody"):
        return None
    after = s.nxt(head)
    while after is not None and s.tokens[after].tag == "RB" and s.words[after] not in ("not", "n't"):
        after = s.nxt(after)
    if after is None or s.end_punct(after) or s.tokens[after].tag in ("IN", "CC", "TO", "POS"):
        after_kind = "end"
    elif s.finite(after) or s.tokens[after].tag == "VBG":
        after_kind = "verb"
    else:
        after_kind = "other"
    if prep:
        return Finding(i, i, ["their"], "warning" if after_kind == "verb" else "error")
    if prev is not None and pt.startswith("VB") and pw not in AUX:
        if hw in TIME_NOUNS or after_kind == "verb" or (pw in LOCATIVE_VERBS and after_kind != "end"):
            return None
        return Finding(i, i, ["their"], "warning")
    if prev is not None and pt in ("NNP",) and s.is_verb(s.prv(prev)) and after_kind == "end":
        return Finding(i, i, ["their"], "warning")  # "offered Jane there school"
    if prev is None or s.at_start(i) or pw in ("and", "but", ",", ";", "or", "then", "so", "as", "when", "while",
                                               "because", "if", "until", "before", "after", "though"):
        if s.w(s.prv(prev)) in ("here", "now") if prev is not None else False:
            return None
        if after_kind == "end" or (after_kind == "verb" and (s.tokens[head].tag == "NN" or mods
                                                              or pw in SUBORDINATORS)):
            return Finding(i, i, ["their"], "warning")
        return None
    if pw in LOCATIVE_PREPS and (after_kind == "end" or mods) and s.w(s.prv(prev)) not in ("from", "of"):
        return Finding(i, i, ["their"], "warning")
    return None


def _than(s: _Scan, i: int) -> Finding | None:
    """'than' with nothing to compare: "and than he left" → then."""
    prev = s.prv(i)
    pw = s.w(prev)
    lo, _ = s.bounds(i)
    strong = s.at_start(i) or pw in THEN_STRONG
    if pw in ("just", "now", "even") and not s.at_start(prev):
        strong = False
    if not strong:
        k = i - 1
        while k >= lo and k >= i - 30:
            t = s.tokens[k]
            wk = s.words[k]
            if t.tag in ("JJR", "RBR") or wk in COMPARATIVE_WORDS:
                return None
            if len(wk) > 4 and wk.endswith("er") and (t.tag.startswith(("JJ", "RB")) or (i - k <= 7 and (
                    _comparative(wk) or (not _lex(wk) and i - k <= 2)))):
                return None
            k -= 1
        return Finding(i, i, ["then"], "warning")
    # a comparative right before: "better and than"? rare; "more than" is never strong
    return Finding(i, i, ["then"], "error")


def _np(s: _Scan, j: int) -> tuple[int, int | None] | None:
    """A noun phrase starting at ``j``: (its last noun, the index after it), coordination included."""
    n = j
    head = None
    while n is not None:
        if s.words[n] in QUANTIFIERS and n == j and not (
                s.words[n] in ("all", "both") and s.nxt(n) is not None and s.tokens[s.nxt(n)].tag in ("DT", "PRP$")):
            return None
        seen_modifier = False
        while n is not None and s.tokens[n].tag in ("DT", "PRP$", "CD", "JJ", "JJR", "JJS", "VBN", "HYPH", "PDT"):
            if s.tokens[n].tag in ("DT", "PRP$", "PDT") and seen_modifier:
                return None  # "held the suspense": not one noun phrase
            if s.tokens[n].tag in ("JJ", "JJR", "JJS", "VBN"):
                seen_modifier = True
            n = s.nxt(n)
        kind = None
        while n is not None and (s.tokens[n].tag.startswith("NN") or s.tokens[n].tag in ("POS", "HYPH")
                                 or (s.tokens[n].tag == "VBG" and head is None and n > j)):
            t = s.tokens[n]
            if t.tag.startswith("NN") or t.tag == "VBG":
                k = "proper" if t.tag.startswith("NNP") else "common"
                if kind is not None and k != kind and s.tokens[n - 1].tag != "POS":
                    break
                kind = k
                head = n
            n = s.nxt(n)
        if head is None:
            return None
        if n is not None and s.words[n] == "and" and s.nxt(n) is not None and \
                s.tokens[s.nxt(n)].tag in ("PRP$", "NNP", "PRP", "NN", "NNS") and s.tokens[head].tag.startswith("NN"):
            n = s.nxt(n)
            if s.words[n] in ("i", "he", "she", "we", "they", "you"):
                return head, s.nxt(n)
            continue
        return head, n
    return None


def _finite_at(s: _Scan, n: int | None) -> str | None:
    """'strong' (an auxiliary or an unambiguous finite verb), 'weak' (-ed form), or None."""
    if n is None:
        return None
    w, t = s.words[n], s.tokens[n]
    if t.tag == "POS" or (w in ("'s", "'re", "'d", "'ll", "'ve") and s.tokens[n - 1].ws):
        return None
    if w in FINITE or t.tag in ("VBZ", "VBP", "MD"):
        return "strong"
    if t.tag == "VBD":
        return "weak" if _maybe_participle(w) else "strong"
    return None


@lru_cache(maxsize=4096)
def _maybe_participle(word: str) -> bool:
    """True when a past-tense form is also a past participle (walked), False for took, went ..."""
    from lemminflect import getAllLemmas, getInflection

    lemmas = getAllLemmas(word, upos="VERB").get("VERB", ())
    if not lemmas:
        return True
    return any(word in (getInflection(lem, tag="VBN") or ()) for lem in lemmas)


def _were(s: _Scan, i: int) -> Finding | None:
    """'were' where 'where' (or "we're") is meant."""
    j = s.nxt(i)
    prev = s.prv(i)
    pw = s.w(prev)
    start = s.at_start(i)
    after_break = start or pw in (",", ";", ":", "\u2014", "--", "(")
    if j is None or s.end_punct(j):
        if j is not None and s.words[j] in ("?", ".", "!") and (start or pw in _clause_verbs() or pw in WHERE_VERBS):
            if start and s.words[j] != "?":
                return None
            return Finding(i, i, ["where"], "error" if start else "warning")
        return None
    nw, nt = s.words[j], s.tokens[j].tag
    if nw == "else":
        return Finding(i, i, ["where"], "error")
    if after_break:
        k = s.nxt(j)
        if nw in QUESTION_AUX and nw not in ("else",) and (start or (k is not None and s.words[k] in (
                "i", "he", "she", "we", "they", "you", "it", "there", "the", "my", "your", "his", "her", "their")
                or (k is not None and s.tokens[k].tag == "NNP"))):
            return Finding(i, i, ["where"], "error")
        if start and nw == "to" and s.end_punct(k):
            return Finding(i, i, ["where"], "error")
        if start and (nt == "VBG" or nw in ("gon", "gonna")):
            return Finding(i, i, ["we're"], "error")
    if pw in ("from", "'s", "is") and prev is not None and (pw != "'s" or s.tokens[prev].tag == "VBZ"):
        if nt not in ("VBN", "VBG", "JJ", "RB"):
            return Finding(i, i, ["where"], "error")
    if pw == "to" and prev is not None and s.tokens[prev].tag in ("IN", "TO"):
        if s.w(s.prv(prev)) in ("back", "up", "down", "over", "right", "way", "close", "near"):
            return Finding(i, i, ["where"], "error")
    if prev is not None and (pw in ("they", "we", "you", "i", "he", "she", "who", "which", "that", "these", "those")
                             or s.tokens[prev].tag in ("WDT", "WP", "EX") or pw in QUANTIFIERS):
        return None  # "were" has its subject before it, or follows "below", "many" (inversion)
    if prev is not None and s.tokens[prev].tag in ("NNS", "NNPS") and nw in NOMINATIVE | {"you", "it"}:
        return None  # "what the characters were we will leave to be found out"
    if pw in AS_IF or pw == "nor":
        return None  # "as if it were", "nor were they"
    if nw == "it" and s.w(s.nxt(j)) == "'s" and not s.tokens[j].ws:
        return None
    # "were" + subject + finite verb is a clause: "know were he is", "the harbour, were a sail had come"
    if nw in ("i", "he", "she", "we", "they", "you", "it") or (nw == "there" and nt == "EX"):
        after = s.nxt(j)
    else:
        np = _np(s, j)
        if np is None:
            return None
        head, after = np
        if s.tokens[head].dep not in ("nsubj", "nsubjpass", "conj", "attr", "dobj", "ROOT", "npadvmod", "compound"):
            return None
    while after is not None and s.tokens[after].tag in ("RB", "RBS", "RBR") and s.words[after] not in ("not", "n't"):
        after = s.nxt(after)
    fin = _finite_at(s, after)
    if fin is None:
        return None
    if prev is not None and s.tokens[prev].tag in ("RB", "IN") and s.words[after] not in FINITE:
        return None  # "In the garden below were lilac-trees ...": locative inversion
    if fin == "weak" and s.tokens[i].dep in ("aux", "auxpass") and s.tokens[i].head == after and not (
            prev is not None and (s.tokens[prev].tag in ("NN", "NNP", "NNS", "JJ") or pw == ",")):
        return None  # "were I persuaded": conditional, not a clause
    if prev is not None and s.tokens[prev].tag in ("NNS", "NNPS") and fin == "weak":
        return None
    return Finding(i, i, ["where"], "error" if fin == "strong" else "warning")


def _where(s: _Scan, i: int) -> Finding | None:
    """'where' where 'were' is meant: "they where happy", "the boys where late"."""
    prev = s.prv(i)
    j = s.nxt(i)
    if prev is None or j is None or s.at_start(i):
        return None
    while s.tokens[prev].tag == "RB" and s.words[prev] not in ("there", "here", "not", "n't") \
            and s.prv(prev) is not None and s.words[s.prv(prev)] in ("they", "we", "i", "you"):
        prev = s.prv(prev)  # "as we perforce where"
    pw, pt = s.words[prev], s.tokens[prev].tag
    nw, nt = s.words[j], s.tokens[j].tag
    pp = s.prv(prev)
    ppw = s.w(pp)
    if pw in ("they", "we", "i", "he", "she") or (pw in ("which", "who") and pt in ("WDT", "WP")):
        return Finding(i, i, ["were"], "error" if pw in ("they", "we") else "warning")
    if pw in ("i", "it", "you", "he", "she") and ppw in AS_IF | {"as", "if"} and not s.end_punct(j):
        return Finding(i, i, ["were"], "error")
    if s.end_punct(j) or nw in DASHES or nw in FORMATTING or nw in WHERE_ALONE:
        return None
    if nw in ("not", "n't") and pw not in (",", "or", "and") and not s.end_punct(s.nxt(j)):
        return Finding(i, i, ["were"], "warning")
    if pw in ("what", "who", "how", "why", "when") and nw in ("you", "they", "we", "i") and pt in ("WP", "WRB"):
        return Finding(i, i, ["were"], "error")  # "Of what where you dreaming?"
    if pw in PRONOUN_SUBJECTS or pw in ("there", "here"):
        group = "pron"
    elif pt in ("NNS", "NNPS") or (pt == "NNP" and s.tokens[prev].text[:1].isupper()) or (
            pt == "VBZ" and pw.endswith("s") and "NOUN" in _lex(pw)):
        group = "plural"  # ("fellows", which the tagger may read as a verb)
    elif pt == "NN" and s.tokens[prev].text[:1].islower():
        group = "noun"
    elif pw in ("and", "or", "but"):
        group = "conj"
    else:
        return None
    if pw in ("you", "it") and pp is not None and s.tokens[pp].tag in ("IN", "TO") and ppw not in SUBORDINATORS:
        return None  # "for you where", "put it in where"
    # what follows must start a predicate ...
    k = j
    while k is not None and s.tokens[k].tag in ("RB", "RBR", "RBS") and s.words[k] not in ("not", "n't"):
        k = s.nxt(k)
    if k is None or s.end_punct(k):
        return None
    kw, kt = s.words[k], s.tokens[k].tag
    participle = kt in ("VBN",) or (kt == "VBD" and _maybe_participle(kw))
    if group == "conj":
        ok = participle and k == j
    elif kt in ("VBN", "VBG") or kw in ("not", "n't") or participle or kt in ("JJ", "JJR"):
        k2 = s.nxt(k)
        ok = group != "noun" or k2 is None or not s.tokens[k2].tag.startswith(("NN", "JJ"))
    elif kw in WHERE_PREDICATE or kt in ("IN", "RP") or kw in ("well", "here", "there", "home", "gone"):
        ok = group != "noun" or (kt in ("IN", "RP") and s.end_punct(s.nxt(k)))
    elif kt in ("DT", "NN", "NNS", "CD", "PRP$", "NNP", "NNPS", "PDT"):
        ok = group in ("pron", "plural") and (kw not in ("the", "this", "that", "these", "those")
                                              or pw in ("these", "those", "there"))
    else:
        ok = False
    if not ok:
        return None
    # ... and a real "where" would open a clause with a finite verb of its own
    k = j
    while k is not None and s.words[k] not in CLAUSE_END and not (
            k > j + 1 and (s.tokens[k].tag in ("WRB", "WP", "WDT") or s.words[k] in ("that", "if", "because", "when"))):
        t = s.tokens[k]
        if t.tag == "CC" and k > j and s.nxt(k) is not None and s.tokens[s.nxt(k)].tag in ("DT", "PRP", "NNP", "EX"):
            break  # "where out and the world was fresh": a new clause
        if k > j and s.words[k] in NOMINATIVE:
            break  # "where so sweet I thought ...": another clause
        if (s.words[k] in FINITE or t.tag in ("VBZ", "VBP", "VBD", "MD")) and not (
                t.tag == "VBD" and _maybe_participle(s.words[k])
                and (k == j or s.tokens[k - 1].tag == "RB" or s.words[k - 1] in ("both", "all"))):
            return None
        k = s.nxt(k)
    strong = group == "plural" or pw in ("there", "both", "all")
    return Finding(i, i, ["were"], "error" if strong else "warning")


def _clause_has_verb(s: _Scan, i: int) -> tuple[bool, bool]:
    """(the clause around token i has a finite verb, the sentence has one elsewhere)."""
    lo, hi = s.bounds(i)

    def finite(k):
        t = s.tokens[k]
        return t.tag in ("VBD", "VBZ", "VBP", "MD") or (s.words[k] in FINITE and t.tag != "POS")

    in_clause = False
    k = i + 1
    while k < hi and s.words[k] not in CLAUSE_END and s.tokens[k].tag != "CC":
        if finite(k):
            in_clause = True
            break
        k += 1
    k = i - 1
    while not in_clause and k >= lo and s.words[k] not in CLAUSE_END and s.tokens[k].tag != "CC":
        if finite(k):
            in_clause = True
        k -= 1
    elsewhere = any(finite(k) for k in range(lo, hi) if k != i)
    return in_clause, elsewhere


SUBJECT_TAGS = ("NN", "NNS", "NNP", "NNPS")
QUITE_A = frozenset(
    "few lot bit while number long good sight feat shock surprise relief mess way thing catch handful ways "
    "character lady gentleman man woman girl boy fighter talker beauty pair slave quarter commotion crowd "
    "distance difference change fuss stir scene story challenge journey collection surprise treat".split())
HOLE_COMPOUNDS = frozenset("punch punches saw saws card cards puncher digger cover covers".split())
REFLEXIVES = frozenset("himself herself themselves myself yourself ourselves itself yourselves".split())
TO_NOUNS = frozenset(
    "birth end way leave expression preference rise attention access reference answer key solution heed "
    "credence voice justice vent sway homage tribute thanks credit ear eye heart mind damage harm "
    "injury insult objection exception resistance return back face next".split())
THROW_PARTICLES = frozenset("away aside up down open off out back together".split())
TIME_PLURALS = frozenset("years days times ages weeks months centuries decades summers winters hours "
                         "generations nights evenings mornings".split())


def _subject_before(s: _Scan, i: int) -> tuple[int | None, str]:
    """The word before i (adverbs skipped) if it can be a subject: (index, 'pron'|'noun'|'')."""
    k = s.prv(i)
    while k is not None and s.tokens[k].tag in ("RB",) and s.words[k] not in ("not", "n't", "then") \
            and s.words[k].endswith("ly") or (k is not None and s.words[k] in ("then", "instantly", "just", "now")):
        k = s.prv(k)
    if k is None:
        return None, ""
    w, t = s.words[k], s.tokens[k]
    if w in NOMINATIVE:
        return k, "pron"
    if w in ("it", "you", "who", "which"):
        pk = s.prv(k)
        if pk is not None and (s.is_verb(pk) or s.tokens[pk].tag in ("IN", "TO", "RP")) \
                and s.words[pk] not in SUBORDINATORS:
            return None, ""
        return k, "pron" if w in ("it", "you") else "noun"
    if t.tag in SUBJECT_TAGS and w not in TIME_PLURALS:
        return k, "noun"
    return None, ""


def _verb_slot(s: _Scan, i: int, repl: list[str]) -> Finding | None:
    """past/through/lie used where the clause needs its verb: "He past the salt", "the cook through a pan"."""
    k, kind = _subject_before(s, i)
    if k is None:
        return None
    j = s.nxt(i)
    w = s.words[i]
    nw = s.words[j] if j is not None else ""
    if w == "through" and nw in ("and",):
        return None  # "through and through"
    if kind == "pron":
        if w == "lie" and s.words[k] not in ("he", "she", "it"):
            return None
        return Finding(i, i, repl, "error")
    if w == "through" and (nw in REFLEXIVES or nw in THROW_PARTICLES):
        return Finding(i, i, repl, "error")
    if w == "past" and j is not None and s.tokens[j].tag == "RB" and nw.endswith("ly"):
        return Finding(i, i, repl, "error")
    if w == "lie":
        if s.tokens[k].tag not in ("NN", "NNP") or j is None or (
                s.tokens[j].tag.startswith(("NN", "DT", "PRP")) and nw not in ("face",)):
            return None
        pk = s.prv(k)
        if pk is not None and s.tokens[pk].tag not in ("DT", "PRP$", "POS") and not s.at_start(k):
            return None
        if any(s.words[x] in ("let", "make", "made", "watch", "saw", "see", "help", "have", "had", "lets", "letting")
               for x in range(max(s.bounds(i)[0], k - 3), k)):
            return None
        return Finding(i, i, repl, "warning")
    if w == "through" and s.tokens[k].tag.startswith("NN") and j is not None and s.tokens[j].tag == "PRP" \
            and nw not in ("it", "you"):
        in_clause, elsewhere = _clause_has_verb(s, i)
        if not in_clause and elsewhere:
            return Finding(i, i, repl, "warning")  # "the two men through him into the car"
    if s.tokens[k].tag in ("NNP",) and s.tokens[k].text[:1].isupper() \
            and s.tokens[k].dep in ("nsubj", "ROOT", "compound"):
        in_clause, elsewhere = _clause_has_verb(s, i)
        if not in_clause and elsewhere and j is not None and (s.tokens[j].tag in ("DT", "PRP", "PRP$") or (
                w == "past" and s.tokens[j].tag in ("IN", "RP", "RB"))):
            return Finding(i, i, repl, "warning")  # "Holmes then through the handkerchief", "Warwick past through"
    return None


def _inverted_lie(s: _Scan, i: int) -> Finding | None:
    """"there lie a strange instrument", "beyond lie the sea": a singular subject after the verb."""
    p, j = s.prv(i), s.nxt(i)
    if p is None or j is None or s.words[p] not in ("there", "beyond", "where", "here", "below", "above", "before"):
        return None
    if s.words[j] not in ("a", "an", "the", "his", "her", "its", "their", "my", "one"):
        return None
    n = s.nxt(j)
    while n is not None and s.tokens[n].tag.startswith("JJ") or (n is not None and s.words[n] == ","):
        n = s.nxt(n)
    if n is not None and s.tokens[n].tag in ("NN", "NNP") and s.words[j] != "the" or (
            n is not None and s.tokens[n].tag == "NN"):
        return Finding(i, i, ["lay", "lies"], "warning")
    return None


def _past(s, i):
    return _verb_slot(s, i, ["passed"])


def _through(s, i):
    return _verb_slot(s, i, ["threw"])


def _lie(s, i):
    p = s.prv(i)
    if p is not None and (s.words[p] in ("to", "n't", "not", "never", "let", "make", "made", "lest", "did", "does",
                                         "do")
                          or s.tokens[p].tag == "MD"):
        return None
    j = s.nxt(i)
    if j is not None and s.words[j] in ("the", "a", "an", "his", "her", "their", "my", "your", "our", "its"):
        k = s.nxt(j)
        if k is not None and s.tokens[k].tag.startswith("NN") and s.words[k] not in TIME_NOUNS | {"whole", "entire"}:
            after = s.nxt(k)
            if s.w(after) in ("on", "upon", "before", "at", "down", "aside", "across", "over", "in", "at"):
                return Finding(i, i, ["lay"], "warning")  # "lie the blame on others"
    inv = _inverted_lie(s, i)
    if inv is not None and not s.tokens[i].speech:
        return inv
    if s.tokens[i].speech:
        return None
    if _after_past_verb(s, i) and s.w(s.nxt(i)) in ("down", "back", "awake", "still", "there", "on", "in", "flat",
                                                     "for", "quietly", "motionless"):
        return Finding(i, i, ["lay"], "warning")
    return _verb_slot(s, i, ["lay", "lies"])


THEN_SEQUENCE = frozenset(
    ", ; : and but or by since until till just even only back right now well so ( \u2014 -- from before "
    "except if ' \" \u201c \u201d what and".split())


def _then(s: _Scan, i: int) -> Finding | None:
    """'then' after a comparative, where 'than' is meant: "dearer to her then anything else"."""
    prev = s.prv(i)
    j = s.nxt(i)
    if prev is not None and s.words[prev] in ("even", "still", "far", "much", "now") and s.prv(prev) is not None and (
            s.tokens[s.prv(prev)].tag in ("JJR", "RBR") or s.words[s.prv(prev)] in COMPARATIVE_WORDS) \
            and j is not None and not s.end_punct(j):
        return Finding(i, i, ["than"], "warning")  # "greater even then her faults"
    if prev is None or j is None or s.at_start(i) or s.words[prev] in THEN_SEQUENCE or s.end_punct(j):
        return None
    if s.words[j] in ("again", "onwards", "onward", "forth", "not", "n't") or \
            (s.tokens[j].tag.startswith(("VB", "MD", "RB")) and s.words[j] != "ever") or \
            (s.words[j] == "no" and s.w(s.nxt(j)) in ("longer", "more", "doubt", "sooner")):
        return None
    lo, _ = s.bounds(i)
    k = i - 1
    while k >= lo and k >= i - 10 and s.words[k] not in CLAUSE_END and s.words[k] != "then":
        t, wk = s.tokens[k], s.words[k]
        if t.tag in ("JJR", "RBR") or wk in COMPARATIVE_WORDS or wk in ("sooner", "rather"):
            return Finding(i, i, ["than"], "error" if k == i - 1 else "warning")
        if len(wk) > 4 and wk.endswith("er") and i - k <= 3 and _comparative(wk):
            return Finding(i, i, ["than"], "warning")
        k -= 1
    return None


TO_ADJECTIVES = frozenset(
    "close next used devoted accustomed attached opposed similar grateful kind married related entitled equal "
    "superior subject due able unable near nearer closer partial averse indifferent alive open exposed inclined "
    "obliged sensitive vulnerable loyal faithful true polite rude contrary according thanks owing "
    "prior akin adjacent parallel allergic addicted dear important known new common available free welcome "
    "ready willing happy glad sorry afraid eager anxious supposed meant going about allowed permitted forced "
    "expected required bound sure certain likely unlikely pleased delighted determined".split())
PARTICLES = frozenset("up back down over out off in on around away along through about".split())


def _to(s: _Scan, i: int) -> Finding | None:
    """'to' where 'too' is meant: "She looked nice to.", "Here, to, is ...", "talking to much"."""
    prev = s.prv(i)
    j = s.nxt(i)
    if prev is None:
        return None
    pw, pt = s.words[prev], s.tokens[prev].tag
    nw = s.words[j] if j is not None else ""
    if pw == "," and nw == ",":
        return Finding(i, i, ["too"], "error")
    lo, _ = s.bounds(i)
    stranded = any(s.tokens[x].tag in ("WDT", "WP", "WRB", "WP$") for x in range(lo, i))
    if (j is None or (s.end_punct(j) and nw in HARD_END)) and not stranded and pw in (
            "did", "do", "does", "am", "is", "are", "was", "were", "can", "could", "will", "would", "should", "'m"):
        return Finding(i, i, ["too"], "warning")  # "I did to.", "She was to."
    if nw in ("far", "much", "many", "late", "soon", "often") and s.end_punct(s.nxt(j)) \
            and not (nw in ("much", "many") and pt.startswith(("NN", "JJ"))) and pw not in (
            "amount", "amounts", "amounted", "come", "came", "comes", "coming", "up", "contributed", "from", "near"):
        return Finding(i, i, ["too"], "error")  # "advanced to far."
    if nw.endswith("ly") and s.tokens[j].tag == "RB" and (s.nxt(j) is None or s.end_punct(s.nxt(j))
                                                          or s.tokens[s.nxt(j)].tag in ("IN", "TO")):
        return Finding(i, i, ["too"], "warning")  # "struck her to forcibly for denial"
    if j is None or (s.end_punct(j) and nw in HARD_END):
        if pt.startswith(("VB", "MD", "TO", "RP")) or pw in PARTICLES or pw in TO_ADJECTIVES or pw in TO_NOUNS:
            return None
        lo, _ = s.bounds(i)
        if any(s.tokens[x].tag in ("WDT", "WP", "WRB", "WP$") for x in range(lo, i)):
            return None  # a stranded preposition: "which he gave the preference to."
        if pt in ("PRP",):
            pp = s.prv(prev)
            if pp is not None and (s.is_verb(pp) or s.tokens[pp].tag in ("IN", "TO")):
                return None
        if pt in ("JJ", "NN", "NNS", "NNP", "NNPS", "CD", "PRP", "RB") or pw == ",":
            if pt == "RB" and not (pw.endswith("ly") or pw in ("thus", "here", "there", "now", "then", "well")):
                return None
            return Finding(i, i, ["too"], "warning")
        return None
    if nw in ("much", "many") and (pt == "IN" and pw in PREPOSITIONS or pt == "RB") and s.nxt(j) is not None \
            and s.tokens[s.nxt(j)].tag in ("NNS", "NN"):
        return Finding(i, i, ["too"], "warning")  # "from to many meals"
    if nw in ("much", "many"):
        k = s.nxt(j)
        if pw in ("amount", "amounts", "amounted", "come", "came", "comes", "coming", "up", "contributed") \
                or not (pt.startswith(("VB", "RB")) or pw in (",", "and", "or", "far", "way")):
            return None
        if k is None or s.end_punct(k) or s.tokens[k].tag in ("IN", "TO", "CC"):
            return Finding(i, i, ["too"], "error")
        return None
    degree = pw in ("far", "much", "all", "bit", "rather", "slightly", "simply", "just", "being", "getting", "not",
                    "n't", "seemed", "seems", "look", "looked", "looks", "feel", "felt", "so")
    if j is not None and s.tokens[j].tag in ("JJ", "RB") and degree \
            and (s.tokens[j].tag == "JJ" or nw.endswith("ly")
                 or nw in ("well", "far", "late", "soon", "early", "long")) \
            and not (nw in ("long", "close", "free", "clean", "open", "empty")
                     and s.w(s.nxt(j)) in ("for", "to", "the", "it")):
        return Finding(i, i, ["too"], "error")  # "far to easily", "not to difficult"
    if j is not None and pw.endswith("ly") and pt == "RB" and s.tokens[j].tag == "JJ" and s.end_punct(s.nxt(j)):
        return Finding(i, i, ["too"], "error")  # "let her off entirely to easy."
    if pt == "DT" and j is not None and s.tokens[j].tag.startswith("JJ"):
        return Finding(i, i, ["too"], "error")  # "the to vivid light"
    if j is not None and pw not in ("next", "close", "up", "due", "according", "from", "used", "related", "compared") \
            and _participle_only(nw) and not s.tokens[j].text[:1].isupper() and s.tokens[j].tag in ("VBN", "JJ") \
            and (s.nxt(j) is None or s.end_punct(s.nxt(j)) or s.tokens[s.nxt(j)].tag in ("IN", "CC")):
        return Finding(i, i, ["too"], "warning")  # "becoming to interested", "a deal to flustered"
    if j is not None and pt in ("NN", "NNS", "PRP") and s.tokens[j].tag == "JJ" and s.end_punct(s.nxt(j)) \
            and s.w(s.nxt(j)) in (",", ".", "!", "?", ";") and not _verbish(nw):
        return Finding(i, i, ["too"], "warning")  # "never can there come fog to thick,"
    if pw in NOMINATIVE and j is not None and s.tokens[j].tag in ("VBD", "VBZ", "MD"):
        return Finding(i, i, ["too"], "warning")  # "she to began dreaming"
    if j is not None and not s.tokens[j].text[:1].isupper() and s.tokens[j].tag in ("JJ", "VB", "NN", "RB") \
            and _pure_adjective(nw) and pw not in (
            "next", "close", "near", "from", "due", "according", "up", "owing", "prior"):
        k = s.nxt(j)
        lo, _ = s.bounds(i)
        if not any(s.words[x] == "from" for x in range(max(lo, i - 4), i)) and (
                k is None or s.end_punct(k) or s.tokens[k].tag in ("IN", "TO", "DT")):
            return Finding(i, i, ["too"], "warning")  # "to severe upon yourself", "to chaotic a state"
    if j is not None and s.tokens[j].tag in ("JJ",) and not s.tokens[j].text[:1].isupper():
        k = s.nxt(j)
        if k is not None and s.words[k] in ("a", "an") and pw in ("is", "are", "was", "were", "be", "'re", "'s", "am",
                                                                   "'m"):
            return Finding(i, i, ["too"], "error")  # "You are to sensible a girl"
        if k is not None and s.words[k] == "to" and s.nxt(k) is not None and s.tokens[s.nxt(k)].tag == "VB" \
                and not _verbish(nw):
            return Finding(i, i, ["too"], "error")  # "to eager to get in"
    return None


@lru_cache(maxsize=4096)
def _comparative(word: str) -> bool:
    """'dearer', 'oftener': an adjective or adverb in the comparative (the tagger may call it a noun)."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return any(lem != word for pos in ("ADJ", "ADV") for lem in lemmas.get(pos, ()))


@lru_cache(maxsize=8192)
def _lex(word: str) -> frozenset[str]:
    """The parts of speech a word can have, from the lexicon (independent of the tagger, which a
    confused word misleads: in "quiet unhappy" it tags "unhappy" as a noun)."""
    from lemminflect import getAllLemmas

    return frozenset(getAllLemmas(word))


FUNCTION_ADVERBS = frozenset(
    "worse better best worst more less either almost as by so too very then there here up down in out "
    "seaward homeward forward backward upward downward nigh near far only even such own other same".split())


@lru_cache(maxsize=4096)
def _participle_only(word: str) -> bool:
    """A past participle that is not also a base form: "interested", "flustered" (not "put", "come")."""
    if not word.endswith(("ed", "en")) or len(word) < 5:
        return False
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word).get("VERB", ())
    if word in lemmas:
        return False
    return bool(lemmas) or word.startswith("un") and word.endswith("ed")


@lru_cache(maxsize=4096)
def _pure_adjective(word: str) -> bool:
    """An adjective (or adverb) that cannot be a verb or a noun: "severe", "chaotic", "unusual"."""
    lex = _lex(word)
    return "ADJ" in lex and lex <= {"ADJ", "ADV"} and word not in FUNCTION_ADVERBS


@lru_cache(maxsize=4096)
def _verbish(word: str) -> bool:
    from lemminflect import getAllLemmas

    return "VERB" in getAllLemmas(word)


def _quiet(s: _Scan, i: int) -> Finding | None:
    """'quiet' used as the adverb 'quite': "quiet sure", "You quiet misunderstand me"."""
    prev = s.prv(i)
    j = s.nxt(i)
    if j is None:
        return None
    pw = s.w(prev)
    pt = s.tokens[prev].tag if prev is not None else ""
    if pw in ("to",) or pt in ("MD", "DT", "PRP$", "JJ", "POS") or pt.startswith("JJ"):
        return None
    nw, nt = s.words[j], s.tokens[j].tag
    k = s.nxt(j)
    if nw in ("a", "an", "the"):
        if nw != "the" and k is not None and s.words[k] in QUITE_A:
            return Finding(i, i, ["quite"], "error")
        if nw != "the" and k is not None and s.tokens[k].tag in ("NN", "JJ") and s.words[k] not in (
                "moment", "minute", "second", "while", "bit", "little", "time", "spell", "day", "night", "week") \
                and pw not in ("keep", "kept", "stay", "stayed", "be", "remain", "remained", "lie", "lay", "sit",
                               "sat"):
            return Finding(i, i, ["quite"], "warning")  # "quiet a chorus of voices"
        if pw in BE_FORMS or pw in ("seem", "seems", "seemed", "'s"):
            return Finding(i, i, ["quite"], "warning")  # "She is quiet a little creature"
        return None
    if nw in ("out", "as") and s.w(k) in ("of", "much", "many", "well", "good", "nice", "soon", "often", "far",
                                            "bad", "big", "large", "long", "easy", "hard"):
        return Finding(i, i, ["quite"], "warning")  # "quiet out of breath", "quiet as nice"
    if pw in ("not", "n't") and (nt.startswith(("VB", "JJ")) or nw in ("sure", "right", "ready", "yet", "so", "as")):
        return Finding(i, i, ["quite"], "warning")  # "did not quiet know"
    if (pw in NOMINATIVE | {"you", "it"} or pt in ("NN", "NNS", "NNP")) and nt in ("VBP", "VBD", "VBZ") \
            and nw not in FINITE:
        return Finding(i, i, ["quite"], "error")
    lex = _lex(nw)
    adjective = nt in ("JJ", "VBN") or ("ADJ" in lex and "NOUN" not in lex and nt != "IN") or (
        nw.endswith("ing") and "VERB" in lex and "NOUN" not in lex) or (
        nt == "VBG" and pw not in ("to",) and (k is None or not s.tokens[k].tag.startswith("NN")))
    if adjective or (nt == "RB" and nw.endswith("ly")) or nw in ("right", "sure", "well", "so"):
        if nw in ("enough", "now", "again", "here", "there", "too", "also", "alone", "together", "still"):
            return None
        if k is not None and (s.tokens[k].tag.startswith(("NN", "JJ")) or s.words[k] in ("and", "or")):
            return None
        return Finding(i, i, ["quite"], "warning")
    return None


def _hole(s: _Scan, i: int) -> Finding | None:
    """'hole' before a noun, where 'whole' is meant: "the hole thing", "her hole appearance"."""
    prev = s.prv(i)
    j = s.nxt(i)
    if j is None or prev is None:
        return None
    pt = s.tokens[prev].tag
    if not (pt in ("DT", "PRP$", "CD") or s.words[prev] in ("a", "the", "this", "that", "his", "her", "their")):
        return None
    n = j
    if s.tokens[n].tag.startswith("JJ"):
        n = s.nxt(n)
    if n is None or not s.tokens[n].tag.startswith("NN") or s.words[n] in HOLE_COMPOUNDS:
        return None
    if s.words[j] in ("in", "of"):
        return None
    return Finding(i, i, ["whole"], "warning")


def _after_past_verb(s: _Scan, i: int) -> bool:
    """Token i is the second of two verbs joined by 'and' (or 'then'), and the first is in the past:
    "fastened a cord and lead him", "spread it out and then lie down"."""
    p = s.prv(i)
    if p is not None and s.words[p] == "then":
        p = s.prv(p)
    if p is None or s.words[p] not in ("and", ","):
        return False
    lo, _ = s.bounds(i)
    k = p - 1
    while k >= lo and k >= p - 12:
        t = s.tokens[k]
        if t.tag == "VBD" and s.words[k] not in ("had", "was", "were"):
            return True
        if t.tag.startswith(("VBZ", "VBP", "MD")) or s.words[k] in (";", ":"):
            return False
        k -= 1
    return False


def _too(s: _Scan, i: int) -> Finding | None:
    """'too' where 'to' is meant: "wanted too go", "walked too the door"."""
    prev = s.prv(i)
    j = s.nxt(i)
    if j is None or prev is None:
        return None
    pw, pt = s.words[prev], s.tokens[prev].tag
    nw, nt = s.words[j], s.tokens[j].tag
    if pw in (",", ";", "(", "\u2014") or is_punct(s.tokens[prev]) or pw in AUX or pw in NOMINATIVE \
            or pw in ("me", "far", "much", "way", "all", "only", "one", "just", "but", "and", "or", "not"):
        return None
    if _bare_verb(nw) and s.tokens[j].text[:1].islower():
        return Finding(i, i, ["to"], "error")  # "wanted too go"
    if nw in ("the", "a", "an", "him", "them", "us", "my", "his", "their", "our", "your", "its", "her") \
            or (nt in ("NNP", "NNPS") and s.tokens[j].text[:1].isupper()):
        if nw in ("a", "an"):
            return None
        return Finding(i, i, ["to"], "warning")
    if s.end_punct(j) and pw in ("used", "ought", "supposed", "able", "unable"):
        return Finding(i, i, ["to"], "warning")
    return None


@lru_cache(maxsize=4096)
def _bare_verb(word: str) -> bool:
    """A verb in its base form that cannot be an adjective or adverb ("go", "quit", "imagine")."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return word in lemmas.get("VERB", ()) and "ADJ" not in lemmas and "ADV" not in lemmas and word not in (
        "be", "have", "do", "need", "dare", "much", "many", "bad", "long", "well")


def _accept(s: _Scan, i: int) -> Finding | None:
    """'accept' where 'except' is meant: "everyone, accept the minister"."""
    prev = s.prv(i)
    j = s.nxt(i)
    if prev is None or j is None:
        return None
    pw, nw, nt = s.words[prev], s.words[j], s.tokens[j].tag
    if pw in (",", "\u2014", "--", "-", "(") and (nt in ("DT", "PRP$", "IN", "CD", "NNP", "WRB") or nw in (
            "that", "one", "two", "to", "for", "perhaps", "maybe", "indeed", "when", "where", "in", "on", "at",
            "during", "after", "before", "of", "with", "by", "his", "her", "my", "make", "chasten")):
        if nw in ("it", "them", "him", "her", "me", "us", "you", "this") and nt == "PRP":
            return None
        return Finding(i, i, ["except"], "error" if nt in ("IN", "CD") or nw in ("for", "that") else "warning")
    if pw in ("and", "but") and nw in ("in", "for", "when", "where", "that", "during"):
        return Finding(i, i, ["except"], "warning")
    return None


def _lead(s: _Scan, i: int) -> Finding | None:
    """'lead' as a past tense, where 'led' is meant: "Vanity lead him on", "had often lead him"."""
    prev = s.prv(i)
    j = s.nxt(i)
    if prev is None or j is None or (s.tokens[i].tag.startswith("NN")
                                     and s.tokens[prev].tag in ("DT", "PRP$", "JJ", "POS")):
        return None
    pw, pt = s.words[prev], s.tokens[prev].tag
    nw, nt = s.words[j], s.tokens[j].tag
    if pt in ("DT", "PRP$", "JJ", "POS", "IN", "TO", "MD") or pw in ("to", "n't", "not", "never", "let", "will",
                                                                  "would"):
        return None
    objectish = nt in ("PRP", "DT", "PRP$", "IN", "RB", "RP", "TO") or nw in ("the", "her", "him", "them", "me", "us")
    if not objectish or nw in ("poisoning", "pipe", "pencil", "singer", "guitarist", "role", "character"):
        return None
    k = prev
    while k is not None and s.tokens[k].tag == "RB":
        k = s.prv(k)
    if k is not None and s.words[k] in ("has", "have", "had", "'ve", "having"):
        return Finding(i, i, ["led"], "error")
    if pt in ("NN", "NNP") and s.tokens[prev].dep == "nsubj" and s.tokens[prev].head == i:
        lo, _ = s.bounds(i)
        if any(s.words[x] in ("do", "does", "did", "can", "could", "will", "would", "may", "might", "must", "should",
                              "to") for x in range(max(lo, i - 6), i)):
            return None
        return Finding(i, i, ["led"], "warning")
    if _after_past_verb(s, i):
        return Finding(i, i, ["led"], "warning")
    return None


BE_FORMS = frozenset("am is are was were be been being 'm 're".split())
OBJECT_PRONOUNS = frozenset("him them me us".split())


def _hear(s: _Scan, i: int) -> Finding | None:
    """'hear' where 'here' is meant: "Spencer was hear", "hear we are", "the school hear"."""
    prev = s.prv(i)
    j = s.nxt(i)
    pw = s.w(prev)
    pt = s.tokens[prev].tag if prev is not None else ""
    nw = s.w(j)
    if j is not None and s.w(j) == "hear":
        return None  # "Hear, hear!"
    if pw in BE_FORMS or (pw == "'s" and pt == "VBZ"):
        return Finding(i, i, ["here"], "error")
    boundary = prev is None or s.at_start(i) or pw in (",", "and", "but", "so", "now", "oh", "ah", "well", "then")
    if boundary and nw in ("i", "we", "you", "he", "she", "they", "it") and s.w(s.nxt(j)) in (
            "am", "are", "is", "was", "were", "come", "comes", "came", "go", "goes", "'m", "'re", "'s"):
        return Finding(i, i, ["here"], "error")  # "hear we are"
    if nw in ("is", "are", "was", "were", "'s", "comes", "lies", "lay", "stands", "stood") and (
            prev is None or s.at_start(i) or pw in (",", "and", "but", "so", "now", "oh", "ah", "well")):
        return Finding(i, i, ["here"], "error")  # "hear is the key"
    if pw in ("this", "that") and j is not None and s.tokens[j].tag.startswith(("NN", "JJ")):
        return Finding(i, i, ["here"], "warning")  # "this hear lady" (dialect "this here")
    if prev is None or s.at_start(i):
        if j is not None and s.tokens[j].tag == "NNP" and s.nxt(j) is not None and s.tokens[s.nxt(j)].tag in (
                "NNP", "VBD", "VBZ"):
            return Finding(i, i, ["here"], "warning")  # "Hear Ruby Gillis had succumbed"
        return Finding(i, i, ["here"], "warning") if nw == "," else None
    if is_punct(s.tokens[prev]):
        return None
    end = j is None or s.end_punct(j) or s.tokens[j].tag in ("CC",) or nw in (
        "with", "in", "on", "at", "for", "until", "till", "while", "when", "before", "after", "since", "now",
        "tonight", "today", "tomorrow", "yesterday", "too", "again", "alone", "forever", "anymore", "yet", "all",
        "if", "as", "because", "so", "but") or (nw is not None and nw.endswith("ly") and s.tokens[j].tag == "RB")
    if not end:
        return None
    if (pw in REFLEXIVES or (pw in ("me", "him", "them", "us", "you", "her", "it") and s.is_verb(s.prv(prev))
                             or (pw in ("him", "them", "us", "me") and s.w(s.prv(prev)) in PREPOSITIONS))) \
            and s.w(s.prv(prev)) not in AUX \
            and s.w(s.prv(prev)) not in ("let", "make", "made", "help", "helped", "have", "had", "lets", "makes",
                                         "did", "do", "does", "can", "could", "will", "would", "ca", "wo"):
        return Finding(i, i, ["here"], "warning")  # "brought you hear", "finding myself hear"
    if pt.startswith(("MD", "TO", "PRP")) or pw in ("to", "n't", "not", "never", "'s", "let", "can", "could",
                                                    "did", "do", "does", "will", "would"):
        return None  # "I can't hear.", "Did you hear?", "Let's hear."
    if pt in ("NNS", "NNPS") and nw not in (".", "!", "?", ",", ";", "--", "\u2014"):
        return None  # "bats hear with their ears"
    return Finding(i, i, ["here"], "warning")


def _threw(s: _Scan, i: int) -> Finding | None:
    """'threw' where 'through' is meant: "walked threw the door", "looked at him threw a glass"."""
    prev = s.prv(i)
    j = s.nxt(i)
    nw = s.w(j)
    if nw in ("up", "out", "away", "back", "down", "off", "open", "together", "in", "on", "aside") or \
            nw in REFLEXIVES:
        return None
    if prev is None or s.at_start(i):
        return Finding(i, i, ["through"], "error") if j is not None and s.tokens[j].tag in ("DT", "PRP$") else None
    pw, pt = s.words[prev], s.tokens[prev].tag
    if nw in ("which", "whom", "it", "and") and pw not in (",", "and"):
        if nw != "it" or s.is_verb(prev):
            return Finding(i, i, ["through"], "error")
    if pw in OBJECT_PRONOUNS:
        return Finding(i, i, ["through"], "error")
    if pt.startswith("VB") and pw not in AUX and pw not in ("had", "has", "have"):
        return Finding(i, i, ["through"], "error")  # "walked threw the hall"
    if pw in ("away", "up", "out", "back", "down", "off", "right", "straight", "all", "half", "halfway", "way",
              "slowly", "quickly") and s.is_verb(s.prv(prev)):
        return Finding(i, i, ["through"], "error")  # "looked out threw the rain"
    if (j is None or s.end_punct(j)) and (pt == "RB" or pt.startswith("VB")):
        return Finding(i, i, ["through"], "warning")
    return None


HEAR_OBJECTS = frozenset(
    "me him her it them us you what that how whether about from of the a an some any no nothing something "
    "anything everything everyone someone anyone more news soon his my your their our its this these those "
    "every such all".split())


def _here(s: _Scan, i: int) -> Finding | None:
    """'here' where the verb 'hear' is meant: "I could here her", "let me here it", "to here the news"."""
    j = s.nxt(i)
    if j is None or s.words[j] not in HEAR_OBJECTS and not (
            s.tokens[j].tag in ("NNP",) and s.tokens[j].text[:1].isupper()):
        return None
    k = s.prv(i)
    while k is not None and s.tokens[k].tag == "RB" and s.words[k] not in ("n't", "not", "right", "over", "back"):
        k = s.prv(k)
    if k is None:
        return None
    pw, pt = s.words[k], s.tokens[k].tag
    if pw == "to":
        pp = s.w(s.prv(k))
        if pp in ("from", "back", "up", "down", "over", "close", "next", "near", "way", "all", "due", "according"):
            return None
        return Finding(i, i, ["hear"], "error")
    if pt == "MD" or pw in ("n't", "did", "do", "does", "let's", "'s") and pt != "POS":
        if pw == "'s" and s.w(s.prv(k)) != "let":
            return None
        return Finding(i, i, ["hear"], "error")
    if pw in ("i", "we", "they") and s.words[j] not in ("the", "a", "an"):
        return Finding(i, i, ["hear"], "warning")  # "I here you've given up"
    if pw in ("me", "us") and s.w(s.prv(k)) in ("let", "lets", "letting", "make", "made"):
        return Finding(i, i, ["hear"], "error")  # "Let me here what it is"
    if s.words[j] in ("me", "him", "them", "us") and pt in ("PRP", "NNP", "NN") and pw not in ("over", "in", "out"):
        return Finding(i, i, ["hear"], "warning")  # "did you here me"
    return None


HARD = {
    "its": _possessive, "your": _possessive, "their": _possessive, "whose": _possessive,
    "it": _contraction, "you": _contraction, "they": _contraction, "who": _contraction,
    "there": _there, "than": _than, "were": _were, "where": _where,
    "past": _past, "through": _through, "thru": _through, "lie": _lie,
    "then": _then, "to": _to, "quiet": _quiet, "hole": _hole, "too": _too, "accept": _accept,
    "lead": _lead, "hear": _hear, "threw": _threw, "here": _here,
}


_TABLES: dict[int, dict] = {}


def _table(index: dict) -> dict:
    """word -> (Python check or None, patterns or None): one look-up per token."""
    out = _TABLES.get(id(index))
    if out is None:
        out = {w: (h, index.get(w)) for w, h in HARD.items()}
        for w, pats in index.items():
            out.setdefault(w, (None, pats))
        _TABLES[id(index)] = out
    return out


class Confusable(Rule):
    """
    What it does:
        Flags a real word used for another that sounds or looks like it: its/it's,
        your/you're, their/there/they're, then/than, were/where/we're, to/too/two,
        lose/loose, who's/whose, passed/past, breath/breathe, quiet/quite/quit,
        affect/effect, lead/led, accept/except, weather/whether, hear/here,
        threw/through/thru, peace/piece, whole/hole, brake/break, lie/lay/laid,
        advice/advise, "could of", loath/loathe, desert/dessert, principal/principle,
        stationary/stationery, complement/compliment, capital/capitol, sight/site/cite,
        rein/reign/rain, wander/wonder, bare/bear, altar/alter, sneak peek/peak/pique,
        toe/tow, waist/waste, clothes/cloths, morning/mourning, allowed/aloud,
        everyday/every day, maybe/may be, lightning/lightening, definitely/defiantly,
        chose/choose, knew/new, know/no/now, week/weak, conscience/conscious,
        vain/vein/vane, role/roll, sole/soul, road/rode, scene/seen, plain/plane,
        pray/prey, patience/patients, horse/hoarse, let's/lets, won't/wont, can't/cant,
        which/witch and a dozen more.  Each is decided from the words around it, their
        part-of-speech tags and the parse ("its going" → it's; "brighter then" → than;
        "were did you go" → where), never from a blind list; the patterns are data in
        checks/data/confusable-patterns.txt.

    Why is this bad?
        A spell checker cannot see these: every word is spelled right.  Readers do
        see them, and a single "your welcome" or "could of" can knock them out of a
        story.  A typo in dialogue is still a typo, so dialogue is checked too.

    Leaves alone:
        Every use that fits its context: "its" before a noun ("wagged its tail"),
        "then" in a sequence ("and then she left", "better then" at the end of a
        clause: "it'll be better then"), "than" after a comparative, existential and
        locative "there" ("out there things were different"), gerunds after a
        possessive ("of their going"), conditional "were" ("were he to leave", "as it
        were"), "lay" as the past of "lie", "loose" as a verb ("let loose the dogs"),
        "the Capitol" as a name, "just deserts", "any more".  Eye dialect in speech
        ("I could of told ya, ain't it") is left alone for "could of"; lie/lay in
        dialogue is how people talk and is only checked in narration.  Capitalised
        words in the middle of a sentence (names, titles) are skipped.

    Example:
        Its going to rain, and your going to get wet. He was taller then his brother.

    Use instead:
        It's going to rain, and you're going to get wet. He was taller than his brother.
    """

    id = "confusable"
    category = "confusable"
    severity = "warning"
    bad = (
        '"Your going to get us both killed," Tom muttered.',
        "The brass lamp had lost it's shine years ago, and nobody polished it now.",
        "He says it was brighter then anything Quill ever managed.",
        "She stood at the mouth of the harbour, were a grey sail had just come round.",
        "Quill says I could loose my apprenticeship if the lamp goes out again.",
        '"It\'s to late for that," Tom said, pulling his coat tight.',
        "They where halfway across the bridge when the lights went out.",
        "He would of stayed, but the last train was leaving.",
    )
    good = (
        "The dog wagged its tail and trotted back to the fire.",
        '"Then go home," she said. "It\'s later than you think."',
        "She didn't know where he had gone, or whether he would come back.",
        "If I were you, I would let loose the dogs before the wolves come.",
        "Out there, things were different; their house had no lights at all.",
        "He was quite sure the past was behind them, and he walked past the gate.",
        "It was too late to go through the woods, so they lay down by the fire.",
        "Your brother said you're welcome to stay, whatever the weather.",
    )

    def check(self, story, ctx):
        tokens = story.tokens
        if not tokens:
            return
        words = words_of(story)
        scan = _Scan(story, words)
        patterns = load_patterns(PATTERNS)
        index = patterns.index
        sentences = story.sentences
        curly = story.text.count("\u2019") > story.text.count("'")
        dialect = _DialectQuotes(story)
        skip_until = -1
        table = _table(index)
        get = table.get
        for i, w in enumerate(words):
            if i <= skip_until:
                continue
            entry = get(w)
            if entry is None:
                continue
            hard, cands = entry
            tok = tokens[i]
            if self._skip_token(scan, i):
                continue
            if tok.speech and dialect.is_dialect(tok.start, 2):
                continue  # eye dialect ("I didn' here sumf'n"): the spelling is the character's voice
            found = hard(scan, i) if hard is not None else None
            if found is not None:
                issue = self._issue(story, found.first, found.last, found.replacements, found.severity, curly)
                if issue is not None:
                    yield issue
                    skip_until = found.last
                continue
            if cands is None:
                continue
            for p, last in matches_at(cands, tokens, words, i, sentences[tok.sent]):
                if p.no_dialect and tok.speech and dialect.is_dialect(tok.start, 1):
                    continue
                issue = self._issue(story, i, last, p.replacements_for(words[i:last + 1]), p.severity, curly, p.message)
                if issue is not None:
                    yield issue
                    skip_until = last
                break

    @staticmethod
    def _skip_token(scan: _Scan, i: int) -> bool:
        tok = scan.tokens[i]
        text = tok.text
        if len(text) > 1 and text.isupper():
            # an acronym (LED), unless the whole neighbourhood is shouted
            p, n = scan.prv(i), scan.nxt(i)
            shouted = any(k is not None and scan.tokens[k].text.isupper() and len(scan.tokens[k].text) > 1
                          for k in (p, n))
            if not shouted:
                return True
        if text[:1].isupper() and not scan.at_start(i):
            p = scan.prv(i)
            if p is not None and not is_punct(scan.tokens[p]):
                return True  # a name or a title in mid-sentence
        return False

    def _issue(self, story, first, last, replacements, severity, curly, message=None):
        tokens = story.tokens
        start, end = tokens[first].start, tokens[last].end
        original = story.text[start:end]
        suggestions = []
        for r in replacements:
            r = fit_case(r, original)
            if curly:
                r = r.replace("'", "\u2019")
            if r.lower() != original.lower().replace("\u2019", "'") and r not in suggestions:
                suggestions.append(r)
        if not suggestions:
            return None
        if message is None:
            message = _message(original, suggestions[0])
        return self.issue(start, end, message, suggestions, severity=severity)


def _message(original: str, replacement: str) -> str:
    g = _glosses()
    o = original.lower().replace("\u2019", "'")
    r = replacement.lower().replace("\u2019", "'")
    go, gr = g.get(o), g.get(r)
    if go and gr:
        return f"'{original}' ({go}) looks like a slip for '{replacement}' ({gr})."
    if gr:
        return f"'{original}' looks like a slip for '{replacement}' ({gr})."
    return f"'{original}' looks like a slip for '{replacement}'."


class _DialectQuotes:
    """Which quotes are written in eye dialect (computed on first use)."""

    def __init__(self, story):
        self.story = story
        self._starts: list[int] | None = None
        self._flags: list[int] = []

    def is_dialect(self, offset: int, markers: int = 1) -> bool:
        """The quote around ``offset`` has at least ``markers`` eye-dialect spellings."""
        if self._starts is None:
            quotes = sorted(self.story.quotes, key=lambda q: q.start)
            self._starts = [q.start for q in quotes]
            self._ends = [q.end for q in quotes]
            text = self.story.text
            self._flags = [len(DIALECT_RE.findall(text[q.start:q.end])) for q in quotes]
            self._strong = [len(STRONG_DIALECT_RE.findall(text[q.start:q.end])) for q in quotes]
        k = bisect.bisect_right(self._starts, offset) - 1
        if k < 0 or offset >= self._ends[k]:
            return False
        return (self._flags[k] if markers < 2 else self._strong[k]) >= markers
