"""Who says what: attribute every quote of a parsed story to a character.

A sieve of evidence, strongest first; each quote gets a speaker (a character id or None),
a confidence and the method that decided it:

``explicit``      a dialogue tag with a name: ``"...," said Emma`` / ``Emma said, "..."``.
``narrator``      a first-person tag: ``"...," I said`` (first-person narration).
``pronoun``       a tag with a pronoun (``"...," she said``): the compatible characters in
                  focus (gender, recency, subject preference, not the person the quote
                  addresses; people of the conversation not named lately too), decided in
                  the end by the conversation model with the untagged lines around it.
``description``   a tag with a description: a title (``the captain said`` -> the one
                  Captain), kin (``his wife`` -> Mrs. <his surname>), a named character of
                  compatible gender in the scene (``the detective``), or a described person
                  (``a man started up ... said the man``), who becomes a character when they
                  speak (see ``characters.find_nominals``).
``self-named``    the line names its speaker: ``"I am Mary Lennox," the little girl said``
                  (``I'm``, ``my name is``, ``call me``); a described speaker so named is
                  that character wherever else they speak.
``paragraph``     another quote of the same paragraph has a tag (a quote interrupted by its
                  tag, or several quotes in one paragraph: one paragraph, one speaker).
``continued``     speech running on from the previous paragraph keeps its speaker.
``beat``          the subject of the paragraph's narration (``Mira frowned. "No."``).
``vocative``      an untagged line right after a line that addressed its speaker by name
                  (``"Never, Mira."`` -- Mira answers).
``turn-taking``   an untagged line: the speaker that makes the whole conversation most
                  consistent (new paragraph, new speaker; A, B, A; nobody addresses
                  themselves): see :mod:`betareader.analysis.conversation`.
``none``          nothing supports a guess: ``speaker`` is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from ..document.model import Quote, Story, Token
from .characters import NOMINAL_BASE, Nominal, Roster, Salience, build_roster
from .conversation import UNKNOWN, TurnFacts, assign_speakers
from .lexicon import (
    KIN, PRONOUN_CLASS, TITLE_CLASS, first_singular, person_noun, speech_verbs,
)
from ..speech_verbs import forms_of
from .model import AttributedQuote, Character

CONFIDENCE = {
    "explicit": 0.95, "narrator": 0.9, "pronoun": 0.8, "description": 0.75, "paragraph": 0.9,
    "continued": 0.9, "beat": 0.7, "vocative": 0.65, "turn-taking": 0.6, "none": 0.0,
    "self-named": 0.9,
}
_TERMINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_TAG_REACH = 14
"""How many narration tokens after a quote a speech verb may be to count as its tag."""
CHAIN_BREAK_WORDS = 60
"""A narration-only paragraph at least this long ends a conversation."""
DESCRIPTION_REACH = 250
"""A description (``the old man``) may refer to a character mentioned at most this many tokens before."""
KIN_REACH = 600
"""Tokens since a relative found by surname (``his wife``: Mrs. Bennet) was last mentioned."""
TAG_PRONOUN_REACH = 1200
"""How many tokens back the character a speech tag's pronoun names may have been mentioned
(further than for pronouns in general: dialogue runs long between mentions)."""
THOUGHT_VERBS = frozenset(forms_of("think", progressive_form=True) + forms_of("wonder"))
"""Tag verbs that make a quotation a thought, not speech (``'Well!' thought Alice``)."""
CONVERSATION_CANDIDATE = 0.3
"""Salience score given to a speaker or addressee of the last turns not named lately."""
SPEAKING_NOUNS = frozenset({"voice"})
"""Nouns that stand for a speaker in a tag (``said a rough voice``), though not for a person."""
POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "your"})
# A question for the name of the person spoken to (not "What's his name?").
_NAME_QUESTION = re.compile(r"(?i)\b(?:what(?:'s|’s| is)? your name|your name\b[^?]{0,20}\?|what name\b|who are you\b"
                            r"|who might you be|and you are\b|tell (?:us|me) your name)")
RELATIVES = frozenset(KIN) | {"uncle", "aunt", "cousin", "grandfather", "grandmother", "niece", "nephew",
                              "grandson", "granddaughter", "stepmother", "stepfather", "stepson",
                              "stepdaughter", "stepbrother", "stepsister"}
"""Words for a relative: ``my brother Robert`` names the one brother for good."""
SPOUSES = frozenset({"wife", "lady", "husband"})
PARENTS = frozenset({"mother", "mamma", "mama", "mum", "mom", "father", "papa", "dad"})
"""Kin words whose person takes the possessor's surname (see ``_Attributor._kin_surname``)."""


@dataclass
class _Description:
    """A description used as the subject of a speech tag (see ``_Attributor._describe``)."""

    key: tuple[str, str]
    """(possessive word or "", head noun): the same key (and possessor) is the same described character."""
    name: str
    gender: str | None
    role: bool
    """A capitalised role after ``the`` (``the Queen``): a name in all but form."""
    definite: bool
    possessor: int | None
    """The character of a third-person possessive (``her`` in ``her aunt``), when known."""
    possessive: str | None


@dataclass
class _Turn:
    """A paragraph with speech (continued paragraphs join the turn they continue)."""

    paragraph: int
    quotes: list[int]
    speaker: int | None = None
    method: str = "none"
    confidence: float = 0.0
    addressees: set[int] = field(default_factory=set)
    tagged_unknown: bool = False
    chain: int = 0
    continued: bool = False
    results: dict = field(default_factory=dict)
    """Quote index -> (speaker, method, confidence) from the quote's own tag."""
    pending: list = field(default_factory=list)
    """(quote index, [(salience score, candidate)]) of pronoun tags, decided again in pass 2."""
    salient: list = field(default_factory=list)
    """The characters in focus when the turn starts, most recent first."""


def attribute_quotes(story: Story, characters: Sequence[Character], narration=None,
                     roster: Roster | None = None) -> list[AttributedQuote]:
    """One :class:`AttributedQuote` per quote of ``story.quotes`` (the story must be parsed).

    ``roster`` is the result of :func:`betareader.analysis.characters.build_roster` when the
    caller has it; otherwise the mention maps are rebuilt from ``characters``' names.
    """
    quotes = story.quotes
    if not quotes:
        return []
    if roster is None:
        roster = getattr(characters, "roster", None)
    if roster is None or roster.characters is not characters:
        roster = _roster_for(story, characters, narration)
    return _Attributor(story, roster, narration).run()


def _roster_for(story: Story, characters: Sequence[Character], narration) -> Roster:
    """Mention maps for a given character list: rebuilt, then mapped onto ``characters``."""
    built = build_roster(story, narration)
    if not characters:
        return Roster([], {}, {}, {}, [], None, [])
    # map built characters onto the given ones by id, else by shared names
    names: dict[str, int] = {}
    for i, c in enumerate(characters):
        for n in [c.name, *c.aliases]:
            names.setdefault(n, i)
    by_id = {c.id: i for i, c in enumerate(characters)}
    remap: dict[int, int] = {}
    for j, c in enumerate(built.characters):
        if c.id in by_id:
            remap[j] = by_id[c.id]
            continue
        for n in [c.name, *c.aliases]:
            if n in names:
                remap[j] = names[n]
                break
    genders: list[str | None] = []
    for c in characters:
        p = (c.pronouns or "").split("/")[0].lower()
        genders.append({"he": "m", "she": "f", "they": "t"}.get(p, "x" if p in ("xe", "ze", "ey", "fae", "zie") else None))
    narrator = next((i for i, c in enumerate(characters) if c.narrator), None)
    return Roster(
        list(characters),
        {t: remap[c] for t, c in built.token_char.items() if c in remap},
        {t: remap[c] for t, c in built.mention_heads.items() if c in remap},
        {t: remap[c] for t, c in built.pronoun_char.items() if c in remap},
        genders, narrator,
        [(t, remap[c]) for t, c in built.vocatives if c in remap],
    )


class _Attributor:
    def __init__(self, story: Story, roster: Roster, narration):
        self.story = story
        self.roster = roster
        self.toks = story.tokens
        self.single, self.phrasal = speech_verbs()
        self.person = getattr(narration, "person", None)
        self.narrator = roster.narrator
        self.genders = {i: g for i, g in enumerate(roster.genders)}
        if self.narrator is not None:
            self.genders[self.narrator] = "n1"
        self.tok_starts = [t.start for t in self.toks]
        self.vocatives: dict[int, list[int]] = {}
        self.thoughts: set[int] = set()
        self.nominal_keys: dict[tuple, list[Nominal]] = {}
        """Description key -> the described people so called, in order of appearance."""
        self.apposed = self._apposed_relatives()
        self.nominal_head: dict[int, int] = {}
        """Token of a description in the narration -> the described person's id."""
        # characters by title word and by (title class, surname) for descriptions
        self.by_title: dict[str, set[int]] = {}
        self.by_class_surname: dict[tuple[str, str], set[int]] = {}
        self.surnames: dict[int, set[str]] = {}
        self.by_surname: dict[str, set[int]] = {}
        self.classes: dict[int, set[str]] = {}
        for ci, c in enumerate(roster.characters):
            sn, cl = set(), set()
            for n in [c.name, *c.aliases]:
                words = [w for w in n.replace(".", "").split() if "-" not in w or w[0].isupper()]
                if not words:
                    continue
                if words[0].lower() in TITLE_CLASS:
                    cl.add(TITLE_CLASS[words[0].lower()])
                    if len(words) >= 2 and TITLE_CLASS[words[0].lower()] in ("m", "mrs", "miss"):
                        sn.add(words[-1].lower())
                elif len(words) >= 2:
                    sn.add(words[-1].lower())
            self.surnames[ci] = sn
            self.classes[ci] = cl
            for x in sn:
                self.by_surname.setdefault(x, set()).add(ci)
        for ci, c in enumerate(roster.characters):
            for n in [c.name, *c.aliases]:
                words = n.replace(".", "").split()
                if len(words) >= 2 and words[0].lower() in TITLE_CLASS:
                    self.by_title.setdefault(words[0].lower(), set()).add(ci)
                    self.by_class_surname.setdefault(
                        (TITLE_CLASS[words[0].lower()], words[-1].lower()), set()).add(ci)

    # -- helpers -------------------------------------------------------------------------
    def tok_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        from bisect import bisect_left
        return bisect_left(self.tok_starts, offset)

    def is_speech_verb(self, i: int) -> bool:
        t = self.toks[i]
        low = t.lower
        if not t.tag.startswith("VB") and t.pos not in ("VERB", "AUX"):
            # "said" is sometimes tagged as an adjective or noun after a quote
            if low not in ("said", "says", "cried", "replied", "asked", "answered"):
                return False
        if low in self.single:
            return True
        parts = self.phrasal.get(low)
        if parts and i + 1 < len(self.toks) and self.toks[i + 1].lower in parts:
            return True
        return False

    # -- the run -------------------------------------------------------------------------
    def run(self) -> list[AttributedQuote]:
        story = self.story
        quotes = story.quotes
        toks = self.toks
        by_par: dict[int, list[int]] = {}
        for qi, q in enumerate(quotes):
            by_par.setdefault(q.paragraph, []).append(qi)
        # quote token ranges
        self.q_tok = []
        for q in quotes:
            a = self.tok_at(q.start)
            b = self.tok_at(q.end)
            self.q_tok.append((a, b))
        self.self_named = self._self_naming()
        self.named_nominals: dict[int, int] = {}
        # vocatives inside each quote
        for t_i, ci in self.roster.vocatives:
            qi = self._quote_of_token(t_i)
            if qi is not None:
                self.vocatives.setdefault(qi, []).append(ci)
        sal = Salience(self.genders)
        heads = self.roster.mention_heads
        subj_heads = self.subj_heads = {}
        for h, ci in heads.items():
            t = toks[h]
            subj_heads[h] = (ci, t.dep in ("nsubj", "nsubjpass"))
        for nom in list(self.roster.nominals.values()):
            self._add_nominal(nom)
        pron = self.roster.pronoun_char

        turns: list[_Turn] = []
        q_speaker: list[tuple[int | None, str, float]] = [(None, "none", 0.0)] * len(quotes)
        chain = 0
        last_par_quoteless_words = 0
        prev_scene = None
        paragraphs = story.paragraphs
        prev_par: tuple[int, int] | None = None
        for p in paragraphs:
            if p.kind != "text":
                prev_par = None
                continue
            if prev_scene is not None and p.scene != prev_scene:
                chain += 1
            prev_scene = p.scene
            if not p.sentences:
                continue
            a, b = p.sentences[0].tok_start, p.sentences[-1].tok_end
            qis = by_par.get(p.index, [])
            # `prev_par`: the narration that ends the previous paragraph (after its last quote)
            tail_a = self.q_tok[qis[-1]][1] if qis else a
            this_tail = (tail_a, b) if tail_a < b else None
            if not qis:
                words = sum(1 for x in range(a, b) if toks[x].text[:1].isalnum())
                if words >= CHAIN_BREAK_WORDS:
                    chain += 1
                self._feed(sal, a, b, subj_heads, pron)
                prev_par = this_tail
                continue
            # narration before each quote feeds salience; tags are resolved in order
            turn = _Turn(paragraph=p.index, quotes=qis, chain=chain)
            turn.salient = sal.recent[:6]
            for qi in qis:
                turn.addressees.update(self.vocatives.get(qi, ()))
            results: dict[int, tuple[int | None, str, float]] = turn.results
            self._by_subject = {}
            pos = a
            prev_turn = turns[-1] if turns else None
            for k, qi in enumerate(qis):
                qa, qb = self.q_tok[qi]
                self._feed(sal, pos, qa, subj_heads, pron)
                nxt = self.q_tok[qis[k + 1]][0] if k + 1 < len(qis) else b
                prv = self.q_tok[qis[k - 1]][1] if k > 0 else a
                res = self._tag(qi, qb, nxt, prv, qa, sal, turns, turn)
                if res is None and k == 0 and qa == a and prev_par is not None:
                    # the tag closes the previous paragraph: `Mr. Bennet coolly observed,`
                    res = self._tag_before(prev_par, qi, sal, turns, turn)
                if res is not None and res[0] is not None and res[0] in self.vocatives.get(qi, ()):
                    # "Oh, where, Anne?" Before Anne could answer ...: the line addresses the
                    # verb's subject, so the verb is no tag of this line
                    res = None
                named = self.self_named.get(qi)
                if named is not None and (res is None or res[1] != "explicit"):
                    if res is not None and res[0] is not None and res[0] >= NOMINAL_BASE:
                        self.named_nominals.setdefault(res[0], named)  # the little girl is Mary
                    res = (named, "self-named", CONFIDENCE["self-named"])
                if res is not None:
                    results[qi] = res
                # narration after the quote up to the next quote
                self._feed(sal, qb, nxt, subj_heads, pron)
                pos = nxt
            addressees = turn.addressees
            first_q = quotes[qis[0]]
            # continued speech from the previous paragraph joins the previous turn
            if first_q.continued and prev_turn is not None and prev_turn.paragraph < p.index and not results:
                turn.continued = True
            known = [(qi, r) for qi, r in results.items() if r[0] is not None]
            if known:
                # the strongest tag decides the turn; every quote without its own tag follows
                best = max(known, key=lambda x: x[1][2])
                turn.speaker, turn.method, turn.confidence = best[1]
            elif results:
                turn.tagged_unknown = True
            elif turn.continued:
                turn.speaker, turn.method, turn.confidence = (prev_turn.speaker, "continued",
                                                              CONFIDENCE["continued"] * max(prev_turn.confidence, 0.5)) if prev_turn.speaker is not None else (None, "none", 0.0)
            else:
                beat = self._beat(p, a, b, qis, sal, heads, pron, addressees)
                if beat is not None:
                    turn.speaker, turn.method, turn.confidence = beat, "beat", CONFIDENCE["beat"]
            if turn.speaker is not None:
                sal.mention(turn.speaker, b, toks[b - 1].sent if b else 0, True)
            turns.append(turn)
            prev_par = this_tail

        self._redecide_pronouns(turns)
        self._name_described(turns)
        self._turn_taking(turns)
        self._answered_names(turns)
        for turn in turns:
            for qi in turn.quotes:
                r = turn.results.get(qi)
                if r is not None and r[0] is not None:
                    q_speaker[qi] = r
                elif turn.speaker is not None:
                    method = "paragraph" if turn.method in ("explicit", "pronoun", "narrator", "description") else turn.method
                    conf = min(turn.confidence, CONFIDENCE["paragraph"]) if method == "paragraph" else turn.confidence
                    q_speaker[qi] = (turn.speaker, method, conf)
        out = []
        chars = self.roster.characters
        promoted: dict[int, int] = {}
        for qi, q in enumerate(quotes):
            ci, method, conf = q_speaker[qi]
            if ci is not None and ci >= NOMINAL_BASE:  # a described person who speaks
                if ci not in promoted:
                    promoted[ci] = self.roster.promote(self.story, self._named_voice(self.roster.nominals[ci]))
                ci = promoted[ci]
            out.append(AttributedQuote(
                start=q.inner_start, end=q.inner_end,
                speaker=chars[ci].id if ci is not None else None,
                confidence=round(conf, 3) if ci is not None else 0.0,
                method=method if ci is not None else "none",
                thought=qi in self.thoughts,
            ))
        return out

    def _self_naming(self) -> dict[int, int]:
        """Quote index -> the character a quote names as its speaker (``I am Mary Lennox``,
        ``I'm Tom``, ``my name is Ada``, ``call me Ishmael``); not ``I am Mary's friend``."""
        toks = self.toks
        out: dict[int, int] = {}
        for qi, (a, b) in enumerate(self.q_tok):
            for x in range(a, b - 1):
                low = toks[x].lower
                if low in ("am", "'m", "’m") and x > a and toks[x - 1].lower == "i":
                    y = x + 1
                elif low == "is" and x - 2 >= a and toks[x - 1].lower == "name" and toks[x - 2].lower == "my":
                    y = x + 1
                elif low == "me" and x > a and toks[x - 1].lower == "call":
                    y = x + 1
                else:
                    continue
                ci, y = self._name_at(y, b)
                if ci is None or (y < b and toks[y].lower in ("'s", "’s", "'", "’")):
                    continue
                out[qi] = ci
                break
        return out

    def _name_at(self, x: int, b: int) -> tuple[int | None, int]:
        """(the character whose name starts at token ``x``, the token after the name, before
        ``b``); (None, x) when no name starts there."""
        ci = self.roster.token_char.get(x)
        if ci is None:
            return None, x
        while x + 1 < b and self.roster.token_char.get(x + 1) == ci:
            x += 1
        return ci, x + 1

    def _named_voice(self, nom: Nominal) -> Nominal:
        """``said a voice`` ... ``he observed``: a voice the tags call he or she is a man or a
        woman (named so, "the voice" kept as an alias)."""
        gender = self.genders.get(nom.id) or nom.gender
        if nom.key[1] in SPEAKING_NOUNS and gender in ("m", "f") and not nom.role:
            if nom.name not in nom.aliases:
                nom.aliases.append(nom.name)
            nom.name, nom.gender = ("the man" if gender == "m" else "the woman"), gender
        return nom

    def _quote_of_token(self, t_i: int) -> int | None:
        from bisect import bisect_right
        if not hasattr(self, "_q_starts"):
            self._q_starts = [a for a, _ in self.q_tok]
        k = bisect_right(self._q_starts, t_i) - 1
        if k >= 0 and self.q_tok[k][0] <= t_i < self.q_tok[k][1]:
            return k
        return None

    def _feed(self, sal: Salience, a: int, b: int, subj_heads, pron) -> None:
        toks = self.toks
        for x in range(a, b):
            t = toks[x]
            if t.speech:
                continue
            h = subj_heads.get(x)
            if h is not None:
                sal.mention(h[0], x, t.sent, h[1])
                continue
            ci = pron.get(x)
            if ci is not None:
                sal.mention(ci, x, t.sent, t.dep in ("nsubj", "nsubjpass"))

    # -- tags ----------------------------------------------------------------------------
    def _tag(self, qi: int, after_a: int, after_b: int, before_a: int, before_b: int,
             sal: Salience, turns: list[_Turn], turn: _Turn):
        """(speaker or None, method, confidence) from a tag next to quote ``qi``, or None."""
        toks = self.toks
        # after the quote: the first clause, within reach
        verb = None
        end = min(after_b, after_a + _TAG_REACH)
        for x in range(after_a, end):
            t = toks[x]
            if t.speech:
                break
            if self.is_speech_verb(x):
                verb = x
                break
            if t.text in _TERMINAL and x > after_a:
                break
        region = (after_a, after_b)
        if verb is None:
            # before the quote: the last clause, ending right before it
            start = before_a
            for x in range(before_b - 1, before_a - 1, -1):
                if toks[x].text in _TERMINAL and x < before_b - 1:
                    start = x + 1
                    break
            if before_b - start <= 25:
                for x in range(before_b - 1, start - 1, -1):
                    if not toks[x].speech and self.is_speech_verb(x):
                        verb = x
                        break
            region = (start, before_b)
        if verb is None or self._negated(verb):
            return None  # "The Mouse did not answer": no tag, and the Mouse is not the speaker
        if toks[verb].lower in THOUGHT_VERBS and self._thought_tag(verb, after_a, before_b):
            self.thoughts.add(qi)
        turn.addressees.update(self._told(verb, region))
        subj = self._subject(verb, region)
        if subj is None:
            return (None, "tag", 0.0)
        if subj in self._by_subject:  # "Go," she said, "now.": one tag for both halves
            return self._by_subject[subj]
        res = self._by_subject[subj] = self._resolve_subject(subj, qi, sal, turns, turn)
        return res

    def _negated(self, verb: int) -> bool:
        """The speech verb is denied (``did not answer``, ``never said``, ``couldn't reply``)."""
        toks = self.toks
        if any(toks[x].head == verb and toks[x].dep == "neg" for x in range(max(0, verb - 4), verb)):
            return True
        return verb > 0 and toks[verb - 1].lower in ("not", "n't", "never", "nt")

    def _thought_tag(self, verb: int, after_a: int, before_b: int) -> bool:
        """``verb`` (think, wonder) tags the quote itself: right after it (``,' thought Alice``,
        ``' she thought``) or right before it (``Alice thought: '``), not a later clause
        (``and I had thought his words idle``, ``as she thought of it``)."""
        toks = self.toks
        if verb >= after_a:
            between = [t for t in toks[after_a:verb] if t.text[:1].isalnum()]
        else:
            between = [t for t in toks[verb + 1:before_b] if t.text[:1].isalnum()]
        if len(between) > 1 or (between and between[0].pos not in ("PRON", "PROPN")):
            return False
        prev = toks[verb - 1] if verb > 0 else None
        return not (prev is not None and prev.pos == "AUX")

    def _told(self, verb: int, region: tuple[int, int]) -> set[int]:
        """Characters a tag says the line is spoken to: ``said he to Temple``, ``she told Mira``."""
        toks = self.toks
        a, b = region
        out: set[int] = set()
        for x in range(max(a, verb - 8), min(b, verb + 8)):
            t = toks[x]
            if t.speech:
                continue
            to_verb = t.dep == "pobj" and toks[t.head].lower == "to" and toks[t.head].head == verb
            told = t.dep in ("dobj", "dative") and t.head == verb and toks[verb].lemma in ("tell", "ask", "answer")
            if to_verb or told:
                ci = self.roster.token_char.get(x)
                if ci is not None:
                    out.add(ci)
        return out

    def _tag_before(self, region: tuple[int, int], qi: int, sal: Salience, turns: list[_Turn], turn: _Turn):
        """A tag that ends the previous paragraph (``Lady Catherine then observed,``)."""
        toks = self.toks
        a, b = region
        last = b - 1
        while last >= a and toks[last].speech:
            last -= 1
        if last < a or toks[last].text not in (",", ":", ";", "--", "—", "-", "–", "...", "…"):
            return None
        start = a
        for x in range(last - 1, a - 1, -1):
            if toks[x].text in _TERMINAL:
                start = x + 1
                break
        for x in range(last - 1, max(start, last - 10) - 1, -1):
            if self.is_speech_verb(x):
                subj = self._subject(x, (start, last + 1))
                if subj is None:
                    return (None, "tag", 0.0)
                return self._resolve_subject(subj, qi, sal, turns, turn)
        return None

    def _subject(self, verb: int, region: tuple[int, int]) -> int | None:
        toks = self.toks
        a, b = region
        v = verb
        for _ in range(3):
            for x in range(max(a, v - 12), min(b, v + 12)):
                t = toks[x]
                if t.head == v and t.dep in ("nsubj", "nsubjpass") and x != v and not t.speech \
                        and (t.tag.startswith(("NN", "PRP")) or x in self.roster.token_char):
                    return x
            # "turned to him and said", "looked up to remark", "paused, then resumed": the
            # subject of the verb it hangs from
            if toks[v].dep in ("conj", "xcomp", "dep") and toks[v].head != v:
                v = toks[v].head
                continue
            break
        # parse failed: a name or pronoun right next to the verb ("cried his wife": the noun)
        for x in (verb + 1, verb - 1, verb + 2, verb - 2):
            if a <= x < b and not toks[x].speech:
                t = toks[x]
                if t.tag == "PRP$" and a <= t.head < b and toks[t.head].tag.startswith("NN"):
                    return t.head
                if x in self.roster.token_char or t.tag == "PRP" or t.lower in PRONOUN_CLASS:
                    return x
        for x in range(verb + 1, min(b, verb + 4)):
            t = toks[x]
            if t.lower in ("the", "a", "an", "another") or t.tag in ("NN", "NNP"):
                for y in range(x, min(b, verb + 6)):
                    if toks[y].tag in ("NN", "NNP"):
                        while y + 2 < b and toks[y + 1].text in ("-", "‐") and toks[y + 2].text.isalpha() \
                                and not toks[y + 1].ws:
                            y += 2  # "the ex-convict": the noun is the last part
                        return y
                break
        return None

    def _resolve_subject(self, x: int, qi: int, sal: Salience, turns: list[_Turn], turn: _Turn):
        toks = self.toks
        t = toks[x]
        ci = self.roster.token_char.get(x)
        if ci is None:
            # the head noun of a name mention may be just before (compound) — check children
            for y in (x - 1, x - 2):
                if y >= 0 and toks[y].head == x and y in self.roster.token_char:
                    ci = self.roster.token_char[y]
                    break
        if ci is not None:
            return (ci, "explicit", CONFIDENCE["explicit"])
        low = t.lower
        if first_singular(low) and (t.tag in ("PRP", "PRP$") or low == "i."):
            if self.narrator is not None:
                return (self.narrator, "narrator", CONFIDENCE["narrator"])
            return (None, "tag", 0.0)
        pc = PRONOUN_CLASS.get(low)
        if pc is not None and t.tag in ("PRP",):
            return self._resolve_pronoun(pc, x, qi, sal, turns, turn)
        if t.tag.startswith("NN"):
            return self._resolve_description(x, qi, sal, turns, turn)
        return (None, "tag", 0.0)

    def _resolve_pronoun(self, pc: str, x: int, qi: int, sal: Salience, turns: list[_Turn], turn: _Turn):
        toks = self.toks
        exclude = set(self.vocatives.get(qi, ())) | turn.addressees
        if self.narrator is not None:
            exclude.add(self.narrator)
        cands = sal.candidates(pc, x, toks[x].sent, exclude, reach=TAG_PRONOUN_REACH)
        cands += self._conversation_candidates(pc, turns, turn, exclude | {c for _, c in cands})
        if not cands:
            return (None, "tag", 0.0)
        turn.pending.append((qi, pc, cands))
        best, conf = self._rank_in_conversation(cands, turns, turn)
        if self.genders.get(best) is None and pc in ("m", "f") and (
                conf >= CONFIDENCE["pronoun"] * 0.825 or self._mentions(best) < 8):
            # "she said" about a character of unknown pronouns: she is "she" from now on
            self.genders[best] = pc
        return (best, "pronoun", conf)

    def _conversation_candidates(self, pc: str, turns: list[_Turn], turn: _Turn, exclude: set) -> list:
        """People of the conversation the narration has not named lately (only addressed or
        heard): the last turns' speakers and addressees of compatible gender, at a low score."""
        out: list[tuple[float, int]] = []
        for t in reversed(turns[-4:]):
            if t.chain != turn.chain:
                break
            for ci in [t.speaker, *sorted(t.addressees)]:
                if ci is None or ci in exclude or any(c == ci for _, c in out):
                    continue
                g = self.genders.get(ci)
                if g == pc or (g is None and pc in ("m", "f")):
                    out.append((CONVERSATION_CANDIDATE - (0.35 if g is None else 0.0), ci))
        return out

    def _rank_in_conversation(self, cands: list, turns: list[_Turn], turn: _Turn) -> tuple[int, float]:
        """The best of salience ``cands`` given the conversation, and a confidence.

        The last speaker rarely speaks again in a new paragraph; the one before, someone
        who spoke lately and the person just addressed are likely.
        """
        prev = turns[-1] if turns and turns[-1].chain == turn.chain else None
        prev2 = turns[-2] if len(turns) > 1 and turns[-2].chain == turn.chain else None
        recent_speakers = set()
        for t in turns[-4:]:
            if t.chain == turn.chain and t.speaker is not None:
                recent_speakers.add(t.speaker)
        scored = []
        for score, ci in cands:
            if ci in recent_speakers:
                score += 0.4
            if prev is not None and prev.speaker == ci and prev.paragraph == turn.paragraph - 1:
                score -= 0.45
            if prev2 is not None and prev2.speaker == ci and (prev is None or prev.speaker != ci):
                score += 0.3
            if prev is not None and ci in prev.addressees:
                score += 0.3
            scored.append((score, ci))
        scored.sort(key=lambda s: -s[0])
        best = scored[0]
        margin = best[0] - scored[1][0] if len(scored) > 1 else 1.0
        return best[1], CONFIDENCE["pronoun"] * (0.75 + 0.25 * min(1.0, margin))

    def _known_description(self, x: int, sal: Salience, turn: _Turn | None = None):
        """A description that names a known character by kinship or title, or None.

        ``his wife``/``her mother``: the relative who shares the possessor's surname (Mrs.
        <his surname>; the possessor may be the person the line addresses: ``said his lady to
        him``), else the character in focus with the kin's title (the Mrs. of the scene);
        ``the captain``: the one character with that title (or the most recent of several).
        """
        toks = self.toks
        t = toks[x]
        low = t.lower
        # "his wife", "her mother": the relative with the possessor's surname
        kin = KIN.get(low)
        poss = self._possessive_of(x)
        if kin and poss is not None:
            pc = PRONOUN_CLASS.get(toks[poss].lower)
            rel = self._possessor(poss, sal, turn)
            if rel is not None:
                classes, gender = kin
                titled, untitled = set(), set()
                for sn in self.surnames.get(rel, ()):
                    for ci in self.by_surname.get(sn, ()):
                        if ci != rel and self.classes[ci] & classes:
                            titled.add(ci)
                        elif ci != rel and not self.classes[ci] and self.genders.get(ci) == gender:
                            untitled.add(ci)
                found = titled or untitled  # "his wife": Mrs. Bennet before Jane Bennet
                # a relative who speaks is in the scene: not a late first husband named
                # chapters ago (the possessor may be misread: "his step-son" of the boy himself)
                found = {ci for ci in found if x - sal.last_pos.get(ci, -10 ** 9) <= KIN_REACH}
                if len(found) == 1:
                    return (found.pop(), "description", CONFIDENCE["description"])
                for ci in sal.recent:
                    if ci in found:
                        return (ci, "description", CONFIDENCE["description"] * 0.8)
            # no surname to go by: the most recent character in focus with the kin's title
            # ("her mother" -> the Mrs. of the scene)
            classes = kin[0] & {"mrs"} if pc is not None else set()  # ("Mr." says nothing of kin)
            for ci in sal.recent:
                if ci != rel and self.classes.get(ci, set()) & classes \
                        and x - sal.last_pos.get(ci, -10 ** 9) <= DESCRIPTION_REACH:
                    return (ci, "description", CONFIDENCE["description"] * 0.7)
        # "the captain said": the one character with that title (not "his lady")
        if low in TITLE_CLASS and poss is None:
            cands = self.by_title.get(low, set())
            if len(cands) == 1:
                return (next(iter(cands)), "description", CONFIDENCE["description"])
            if cands:
                best = None
                for ci in sal.recent:
                    if ci in cands:
                        best = ci
                        break
                if best is not None:
                    return (best, "description", CONFIDENCE["description"] * 0.8)
        return None

    def _apposed_relatives(self) -> dict[tuple, int]:
        """(owner, kin word) -> the relative the narration names so: ``my brother Robert``,
        ``her cousin, Diana``.  The owner is "narrator" for my/our, else the character the
        roster resolved the possessive to; a relation named for two people is left out, and so
        are words that pass from one person to another (``my companion``, ``his friend``)."""
        toks = self.toks
        found: dict[tuple, set[int]] = {}
        for i in range(len(toks) - 2):
            t = toks[i]
            if t.lower not in POSSESSIVES or t.lower == "your" or t.speech:
                continue
            noun = toks[i + 1]
            if not noun.tag.startswith("NN") or noun.text[:1].isupper() or noun.lower not in RELATIVES:
                continue
            j = i + 3 if toks[i + 2].text == "," and i + 3 < len(toks) else i + 2
            ci = self.roster.token_char.get(j)
            if ci is None or toks[j].speech:
                continue
            owner = "narrator" if t.lower in ("my", "our") else self.roster.pronoun_char.get(i)
            if owner is not None and owner != ci:
                found.setdefault((owner, noun.lower), set()).add(ci)
        return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}

    def _possessive_of(self, x: int) -> int | None:
        """The possessive determiner of the noun at ``x`` (``his`` in ``his wife``), if any."""
        toks = self.toks
        poss = None
        for y in range(max(0, x - 3), x):
            if toks[y].head == x and toks[y].dep == "poss":
                poss = y
        return poss

    def _possessor(self, poss: int, sal: Salience, turn: _Turn | None) -> int | None:
        """The character a possessive (``his``, ``Mira's``) stands for, in focus at that point."""
        toks = self.toks
        pc = PRONOUN_CLASS.get(toks[poss].lower)
        rel = self.roster.token_char.get(poss)
        if rel is None and pc is not None:
            rel = sal.resolve(pc, poss, toks[poss].sent)
        if (rel is None or rel >= NOMINAL_BASE) and pc is not None and turn is not None:
            # "said his lady to him": his = the man she addresses
            rel = next((ci for ci in sorted(turn.addressees) if self.genders.get(ci) == pc), rel)
        return rel

    def _kin_surname(self, x: int, sal: Salience, turn: _Turn) -> tuple[str, str] | None:
        """(gender, surname) of the relative ``his wife`` is when he is Mr. Bennet: Mrs. Bennet.

        A spouse takes the possessor's surname (``his wife``, ``his lady``, ``her husband``);
        so does a parent of someone not titled Mr./Mrs. (``her mother`` of Jane Bennet).  The
        possessor must have exactly one surname.
        """
        word = self.toks[x].lower
        kin = KIN.get(word)
        poss = self._possessive_of(x)
        if kin is None or poss is None or self.toks[poss].lower not in ("his", "her", "their"):
            return None
        rel = self._possessor(poss, sal, turn)
        if rel is None or rel >= NOMINAL_BASE or len(self.surnames.get(rel, ())) != 1:
            return None
        gender = kin[1]
        rel_gender = self.genders.get(rel)
        if word in SPOUSES:
            if rel_gender == gender or rel_gender not in ("m", "f"):
                return None
        elif word in PARENTS:
            if self.classes.get(rel, set()) & {"m", "mrs"}:
                return None
        else:
            return None
        return gender, next(iter(self.surnames[rel]))

    def _resolve_description(self, x: int, qi: int, sal: Salience, turns: list[_Turn], turn: _Turn):
        """A tag whose subject is a description, not a name (``said the old man``, ``her aunt replied``).

        1. kinship or a title that points to one known character (:meth:`_known_description`),
           or the named character the line before addressed (:meth:`_answering`);
        2. the described person (:class:`Nominal`) the narration last called so (``a man
           started up`` ... ``said the man``);
        3. a definite description of a person (``the detective``, ``her aunt``) refers to a
           named character of compatible gender in the scene, ranked as for pronouns;
        4. otherwise the description is a new described person; a capitalised role after
           ``the`` (``the Queen``) always is one.
        Nouns that are not people (``said a voice``, ``the answer came``) decide nothing.
        """
        known = self._known_description(x, sal, turn)
        if known is not None:
            return known
        d = self._describe(x)
        if d is None:
            return (None, "tag", 0.0)
        owner = "narrator" if d.possessive in ("my", "our") else d.possessor
        named = self.apposed.get((owner, d.key[1])) if owner is not None else None
        if named is not None:  # "my brother Robert" ... "said my brother"
            return (named, "description", CONFIDENCE["description"])
        key = d.key + ((d.possessor,) if d.possessor is not None else ())
        kin = self._kin_surname(x, sal, turn)
        if kin is not None:  # "his lady", "his wife": one Mrs. Bennet
            gender, surname = kin
            # Mrs. Bennet, or a Lady Lucas: a titled woman (man) of that surname, named later
            # in the story or long before
            classes = {"mrs", "f"} if gender == "f" else {"m"}
            named = {ci for c in classes for ci in self.by_class_surname.get((c, surname), set())}
            if len(named) == 1:
                return (next(iter(named)), "description", CONFIDENCE["description"])
            kin_name = f"{'Mrs.' if gender == 'f' else 'Mr.'} {surname[:1].upper()}{surname[1:]}"
            nom = self._nominal_at(x, ("kin", kin_name))
            if nom is None:
                nom = self.roster.new_nominal(("kin", kin_name), kin_name, gender, x)
                self._add_nominal(nom)
            if d.name not in nom.aliases:
                nom.aliases.append(d.name)
            return (nom.id, "description", CONFIDENCE["description"])
        answering = self._answering(d, turns, turn)
        if answering is not None:
            return (answering, "description", CONFIDENCE["description"] * 0.9)
        nom = self._nominal_at(x, key)
        if nom is not None:
            if d.name != nom.name and d.name not in nom.aliases:
                nom.aliases.append(d.name)
            return (nom.id, "description", CONFIDENCE["description"])
        if d.definite and not d.role and not (d.possessive in ("my", "our") and d.key[1] in KIN):
            # (but "my mother" is somebody of her own, not a character in the scene)
            exclude = set(self.vocatives.get(qi, ())) | turn.addressees
            if self.narrator is not None:
                exclude.add(self.narrator)
            if d.possessor is not None:
                exclude.add(d.possessor)
            prev = turns[-1] if turns else None
            if prev is not None and prev.chain == turn.chain and prev.paragraph == turn.paragraph - 1 \
                    and prev.method == "explicit" and prev.speaker is not None:
                exclude.add(prev.speaker)  # `answered Warwick.` / `continued the undertaker`: another
            cands = [c for c in sal.candidates(d.gender or "any", x, self.toks[x].sent, exclude)
                     if x - sal.last_pos.get(c[1], -10 ** 9) <= DESCRIPTION_REACH
                     and c[1] < NOMINAL_BASE]  # "the saloon-keeper" is not "the man"
            if d.key[1] in KIN:  # "the mother": a Mrs. of the scene if there is one
                titled = [c for c in cands if self.classes.get(c[1], set()) & KIN[d.key[1]][0] & {"mrs"}]
                cands = titled or cands
            if cands:
                best, conf = self._rank_in_conversation(cands, turns, turn)
                return (best, "description", conf * 0.9)
        nom = self.roster.new_nominal(key, d.name, d.gender, x, role=d.role)
        self._add_nominal(nom)
        return (nom.id, "description", CONFIDENCE["description"])

    def _answering(self, d: "_Description", turns: list[_Turn], turn: _Turn) -> int | None:
        """The one named character the line before addressed, if the description may be them.

        ``"This is serious, Small," said the detective.`` / ``"Justice!" snarled the
        ex-convict.``: the ex-convict is Small.
        """
        if d.role or (d.possessive in ("my", "our")) or not turns:
            return None
        prev = turns[-1]
        if prev.chain != turn.chain or prev.paragraph != turn.paragraph - 1:
            return None
        named = [ci for ci in prev.addressees
                 if ci < NOMINAL_BASE and ci != prev.speaker and ci != self.narrator
                 and ci not in turn.addressees
                 and (d.gender is None or self.genders.get(ci) in (d.gender, None))]
        return named[0] if len(named) == 1 else None

    def _add_nominal(self, nom: Nominal) -> None:
        self.genders[nom.id] = nom.gender
        self.nominal_keys.setdefault(nom.key, []).append(nom)
        for h in nom.heads:
            self.nominal_head[h] = nom.id
            self.subj_heads[h] = (nom.id, self.toks[h].dep in ("nsubj", "nsubjpass"))

    def _nominal_at(self, x: int, key: tuple) -> Nominal | None:
        """The described person a description at token ``x`` continues, if any."""
        nid = self.nominal_head.get(x)
        if nid is not None and self.roster.nominals[nid].key == key:
            return self.roster.nominals[nid]
        best = None
        for nom in self.nominal_keys.get(key, ()):
            if nom.heads[0] < x and (best is None or nom.heads[0] > best.heads[0]):
                best = nom
        return best

    def _mentions(self, ci: int) -> int:
        return self.roster.characters[ci].mentions if ci < len(self.roster.characters) else 0

    def _describe(self, x: int) -> "_Description | None":
        """The description whose head noun is token ``x``, if it names a person."""
        toks = self.toks
        head = toks[x]
        capitalised = head.text[:1].isupper() and not self._starts_sentence(x)
        # the contiguous modifiers before the head: determiner, possessive, adjectives, compounds
        a = x
        for j in range(x - 1, max(-1, x - 6), -1):
            t = toks[j]
            if t.speech or not (t.head == x or toks[t.head].head == x or t.text in ("-", "‐")) \
                    or t.dep not in ("det", "poss", "amod", "compound", "nmod", "nummod", "punct", "advmod"):
                break
            a = j
        words = [t for t in toks[a:x + 1]]
        det = next((t.lower for t in words if t.dep == "det"), None)
        poss = next((t for t in words if t.dep == "poss"), None)
        lead = head.text.split("-")[-1].lower()
        is_person, gender = person_noun(lead)
        is_person = is_person or lead in SPEAKING_NOUNS
        role = capitalised and det == "the"
        if role and lead in TITLE_CLASS:
            gender = {"m": "m", "mrs": "f", "miss": "f", "f": "f"}.get(TITLE_CLASS[lead], gender)
        if not (is_person or role) or (poss is not None and poss.lower not in POSSESSIVES):
            return None
        body = [t.text if (t.text[:1].isupper() and t.i != a) or t.i == x and capitalised else t.lower
                for t in words if t.dep not in ("det", "poss")]
        text = " ".join(body).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        lead_word = poss.lower if poss is not None else "the"
        possessor = None
        if poss is not None and poss.lower not in ("my", "our"):
            possessor = self.roster.token_char.get(poss.i, self.roster.pronoun_char.get(poss.i))
        return _Description(
            key=((poss.lower if poss is not None else ""), head.text if capitalised else lead),
            name=f"{lead_word} {text}", gender=gender, role=role,
            definite=poss is not None or det in ("the", "this", "that"),
            possessor=possessor, possessive=poss.lower if poss is not None else None)

    def _starts_sentence(self, x: int) -> bool:
        toks = self.toks
        return x == 0 or toks[x - 1].sent != toks[x].sent or toks[x - 1].text in _TERMINAL \
            or toks[x - 1].text in ('"', "“", "‘", "'")

    def _redecide_pronouns(self, turns: list[_Turn]) -> None:
        """Pass 2: pronoun tags decided again knowing the speakers before and after them."""
        n = len(turns)
        for i, turn in enumerate(turns):
            if turn.method != "pronoun" or not turn.pending:
                continue
            def spk(j):
                if 0 <= j < n and turns[j].chain == turn.chain and not turns[j].continued:
                    return turns[j].speaker, turns[j].method
                return None, None
            p1, _ = spk(i - 1)
            p2, _ = spk(i - 2)
            n1, m1 = spk(i + 1)
            n2, m2 = spk(i + 2)
            near = {spk(j)[0] for j in range(i - 4, i + 5) if j != i} - {None}
            prev_addr = turns[i - 1].addressees if i > 0 and turns[i - 1].chain == turn.chain else set()
            for qi, pc, cands in turn.pending:
                scored = []
                ok = [(sc, ci) for sc, ci in cands if self.genders.get(ci) in (None, pc)]
                for score, ci in ok or cands:
                    if ci in near:
                        score += 0.3
                    if ci == p1 and turns[i - 1].paragraph == turn.paragraph - 1:
                        score -= 0.45
                    if ci == p2 and p1 != ci:
                        score += 0.3
                    if ci == n1 and m1 in ("explicit", "narrator"):
                        score -= 0.3
                    if ci == n2 and n1 != ci and m2 in ("explicit", "narrator"):
                        score += 0.2
                    if ci in prev_addr:
                        score += 0.3
                    scored.append((score, ci))
                scored.sort(key=lambda s: -s[0])
                best = scored[0]
                margin = best[0] - scored[1][0] if len(scored) > 1 else 1.0
                conf = CONFIDENCE["pronoun"] * (0.75 + 0.25 * min(1.0, margin))
                turn.results[qi] = (best[1], "pronoun", conf)
            known = [r for r in turn.results.values() if r[0] is not None]
            if known:
                turn.speaker, turn.method, turn.confidence = max(known, key=lambda r: r[2])

    # -- beats ---------------------------------------------------------------------------
    def _beat(self, p, a: int, b: int, qis: list[int], sal: Salience, heads, pron, addressees) -> int | None:
        """The subject of the narration in the paragraph (nearest before the first quote, else after)."""
        toks = self.toks
        first_a = self.q_tok[qis[0]][0]
        last_b = self.q_tok[qis[-1]][1]
        before = [x for x in range(a, first_a) if not toks[x].speech]
        after = [x for x in range(last_b, b) if not toks[x].speech]
        between = []
        for k in range(len(qis) - 1):
            between.extend(x for x in range(self.q_tok[qis[k]][1], self.q_tok[qis[k + 1]][0]) if not toks[x].speech)
        for group in (list(reversed(before)), between, after):
            for x in group:
                t = toks[x]
                if t.dep not in ("nsubj", "nsubjpass"):
                    continue
                ci = self.roster.token_char.get(x, self.nominal_head.get(x))
                if ci is None:
                    ci = pron.get(x)
                if ci is None:
                    # "Mira's eyes narrowed": the possessor of the subject
                    for y in range(max(a, x - 4), x):
                        if toks[y].head == x and toks[y].dep == "poss":
                            ci = self.roster.token_char.get(y, pron.get(y))
                            if ci is None and toks[y].lower in ("my",) and self.narrator is not None:
                                ci = self.narrator
                if ci is None and t.lower in ("i", "i.") and self.narrator is not None:
                    ci = self.narrator
                if ci is None and t.tag.startswith("NN") and t.lower in TITLE_CLASS:
                    known = self._known_description(x, sal)
                    ci = known[0] if known else None
                if ci is not None and ci not in addressees:
                    return ci
        return None

    # -- turn-taking ---------------------------------------------------------------------
    def _name_described(self, turns: list[_Turn]) -> None:
        """A described speaker answered by name is that character.

        ``"When will you do anything?" said my brother's wife.`` / ``"My dear Rose," I
        answered``: the wife is Rose, here and wherever else she speaks.
        """
        named: dict[int, int] = dict(self.named_nominals)
        for t, u in zip(turns, turns[1:]):
            if t.speaker is None or t.speaker < NOMINAL_BASE or t.speaker in named \
                    or self.roster.nominals[t.speaker].role:
                continue
            if u.chain != t.chain or u.paragraph != t.paragraph + 1:
                continue
            g = self.genders.get(t.speaker)
            cands = [c for c in u.addressees if c < NOMINAL_BASE and c != u.speaker and c != self.narrator
                     and (g is None or self.genders.get(c) in (g, None))]
            if len(cands) == 1:
                named[t.speaker] = cands[0]
        self._rename(turns, named)

    @staticmethod
    def _rename(turns: list[_Turn], named: dict[int, int]) -> None:
        """Described people found to be named characters (``named``) become them everywhere."""
        if not named:
            return
        for t in turns:
            if t.speaker in named:
                t.speaker = named[t.speaker]
            for qi, r in list(t.results.items()):
                if r[0] in named:
                    t.results[qi] = (named[r[0]], r[1], r[2])

    def _answered_names(self, turns: list[_Turn]) -> None:
        """A line that answers ``What name?`` with a name is spoken by that character.

        ``"Yes, sir. What name?"`` / ``"Greyson,--office on second floor."``: the speaker the
        conversation gave the line is Mr. Greyson; a described speaker (``the gentleman``) is
        Mr. Greyson wherever else they speak.  (``What's his name?`` asks about someone else.)
        """
        quotes, toks, text = self.story.quotes, self.toks, self.story.text
        named: dict[int, int] = {}
        for t, u in zip(turns, turns[1:]):
            if u.chain != t.chain or u.paragraph != t.paragraph + 1:
                continue
            if not any(_NAME_QUESTION.search(text, quotes[qi].inner_start, quotes[qi].inner_end)
                       for qi in t.quotes):
                continue
            a, b = self.q_tok[u.quotes[0]]
            while a < b and not toks[a].text[:1].isalnum():
                a += 1  # the opening quote mark
            ci, y = self._name_at(a, b)
            if ci is None or (y < b and toks[y].text not in (",", ".", "--", "—", "-", "!", ";")):
                continue  # "Greyson," / "Pip, sir.", not "Greyson's office"
            if u.speaker is not None and u.speaker >= NOMINAL_BASE and u.speaker != t.speaker \
                    and not self.roster.nominals[u.speaker].role and ci not in (t.speaker, self.narrator):
                named.setdefault(u.speaker, ci)
            elif u.speaker != ci:
                u.speaker, u.method, u.confidence = ci, "self-named", CONFIDENCE["self-named"]
                for qi in u.quotes:
                    u.results.pop(qi, None)
        self._rename(turns, named)

    def _pronoun_choices(self, turn: _Turn) -> dict[int, float] | None:
        """The candidates of a turn decided by a pronoun tag, with their salience scores."""
        if turn.method != "pronoun" or not turn.pending:
            return None
        _, pc, cands = turn.pending[0]
        ok = {ci: score for score, ci in cands if self.genders.get(ci) in (None, pc)}
        return ok or None

    def _turn_taking(self, turns: list[_Turn]) -> None:
        """Fill untagged turns with the speakers that make each conversation most consistent.

        See :mod:`betareader.analysis.conversation`; continued paragraphs belong to the turn
        they continue.
        """
        chains: dict[int, list[_Turn]] = {}
        for t in turns:
            chains.setdefault(t.chain, []).append(t)
        for chain_turns in chains.values():
            seq: list[_Turn] = []
            last_par: list[int] = []
            for t in chain_turns:
                if t.continued and seq:
                    last_par[-1] = t.paragraph
                else:
                    seq.append(t)
                    last_par.append(t.paragraph)
            facts = [TurnFacts(speaker=t.speaker, unknown=t.tagged_unknown, addressees=t.addressees,
                               salient=t.salient, gap=k > 0 and t.paragraph > last_par[k - 1] + 1,
                               choices=self._pronoun_choices(t))
                     for k, t in enumerate(seq)]
            for f in facts:
                if f.choices is not None:
                    f.speaker = None
            for k, (t, (speaker, margin)) in enumerate(zip(seq, assign_speakers(facts))):
                if facts[k].choices is not None and speaker is not None:
                    for qi, _, _ in t.pending:
                        r = t.results.get(qi)
                        if r is not None and r[1] == "pronoun":
                            t.results[qi] = (speaker, "pronoun", r[2])
                    t.speaker = speaker
                    continue
                if t.speaker is not None or speaker is None or speaker == UNKNOWN or speaker in t.addressees:
                    continue  # (nobody is left but the one the line addresses: nobody we know)
                method = "vocative" if k and speaker in seq[k - 1].addressees else "turn-taking"
                t.speaker, t.method = speaker, method
                t.confidence = CONFIDENCE[method] * (0.75 + 0.25 * min(1.0, max(0.0, margin) / 2))
        # speech running on into the next paragraph keeps its speaker
        prev = None
        for t in turns:
            if t.continued and prev is not None and t.speaker is None:
                t.speaker, t.method, t.confidence = prev.speaker, "continued", prev.confidence * 0.9
            prev = t
