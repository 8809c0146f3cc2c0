"""Who says what: attribute every quote of a parsed story to a character.

A sieve of evidence, strongest first; each quote gets a speaker (a character id or None),
a confidence and the method that decided it:

``explicit``      a dialogue tag with a name: ``"...," said Emma`` / ``Emma said, "..."``.
``narrator``      a first-person tag: ``"...," I said`` (first-person narration).
``pronoun``       a tag with a pronoun (``"...," she said``) resolved to the compatible
                  character in focus: gender/pronoun-compatible, most recently mentioned,
                  subject preference, not the person the quote addresses, and in a
                  conversation the one whose turn it is.
``description``   a tag with a description: a title (``the captain said`` -> the one
                  Captain) or kin (``his wife`` -> Mrs. <his surname>).
``paragraph``     another quote of the same paragraph has a tag (a quote interrupted by its
                  tag, or several quotes in one paragraph: one paragraph, one speaker).
``continued``     speech running on from the previous paragraph keeps its speaker.
``beat``          the subject of the paragraph's narration (``Mira frowned. "No."``).
``vocative``      the previous line addressed someone by name (``"Never, Mira."``): the
                  next untagged line is theirs.
``turn-taking``   untagged lines alternate between the two speakers of the conversation
                  (A, B, A, B), counted from the nearest attributed line.
``none``          nothing supports a guess: ``speaker`` is None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..document.model import Quote, Story, Token
from .characters import Roster, Salience, build_roster
from .lexicon import (
    FIRST_SINGULAR, KIN, PRONOUN_CLASS, TITLE_CLASS, speech_verbs,
)
from .model import AttributedQuote, Character

CONFIDENCE = {
    "explicit": 0.95, "narrator": 0.9, "pronoun": 0.8, "description": 0.75, "paragraph": 0.9,
    "continued": 0.9, "beat": 0.7, "vocative": 0.65, "turn-taking": 0.6, "none": 0.0,
}
_TERMINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_TAG_REACH = 14
"""How many narration tokens after a quote a speech verb may be to count as its tag."""
CHAIN_BREAK_WORDS = 60
"""A narration-only paragraph at least this long ends a conversation."""


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
        # vocatives inside each quote
        for t_i, ci in self.roster.vocatives:
            qi = self._quote_of_token(t_i)
            if qi is not None:
                self.vocatives.setdefault(qi, []).append(ci)
        sal = Salience(self.genders)
        heads = self.roster.mention_heads
        subj_heads = {}
        for h, ci in heads.items():
            t = toks[h]
            subj_heads[h] = (ci, t.dep in ("nsubj", "nsubjpass"))
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
        for turn in turns:
            for qi in turn.quotes:
                r = turn.results.get(qi)
                if r is not None and r[0] is not None:
                    q_speaker[qi] = r
                elif turn.speaker is not None:
                    method = "paragraph" if turn.method in ("explicit", "pronoun", "narrator", "description") else turn.method
                    conf = min(turn.confidence, CONFIDENCE["paragraph"]) if method == "paragraph" else turn.confidence
                    q_speaker[qi] = (turn.speaker, method, conf)
        self._turn_taking(turns, q_speaker, sal)
        out = []
        chars = self.roster.characters
        for qi, q in enumerate(quotes):
            ci, method, conf = q_speaker[qi]
            out.append(AttributedQuote(
                start=q.inner_start, end=q.inner_end,
                speaker=chars[ci].id if ci is not None else None,
                confidence=round(conf, 3) if ci is not None else 0.0,
                method=method if ci is not None else "none",
            ))
        return out

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
        if verb is None:
            return None
        subj = self._subject(verb, region)
        if subj is None:
            return (None, "tag", 0.0)
        if subj in self._by_subject:  # "Go," she said, "now.": one tag for both halves
            return self._by_subject[subj]
        res = self._by_subject[subj] = self._resolve_subject(subj, qi, sal, turns, turn)
        return res

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
                if t.head == v and t.dep in ("nsubj", "nsubjpass") and x != v and not t.speech:
                    return x
            # "turned to him and said": the subject of the verb it is conjoined to
            if toks[v].dep == "conj" and toks[v].head != v:
                v = toks[v].head
                continue
            break
        # parse failed: a name or pronoun right next to the verb
        for x in (verb + 1, verb - 1, verb + 2, verb - 2):
            if a <= x < b and not toks[x].speech:
                t = toks[x]
                if x in self.roster.token_char or t.tag == "PRP" or t.lower in PRONOUN_CLASS:
                    return x
        for x in range(verb + 1, min(b, verb + 4)):
            t = toks[x]
            if t.lower == "the" or t.tag in ("NN", "NNP"):
                for y in range(x, min(b, verb + 5)):
                    if toks[y].tag in ("NN", "NNP"):
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
        if low in FIRST_SINGULAR and t.tag in ("PRP", "PRP$"):
            if self.narrator is not None:
                return (self.narrator, "narrator", CONFIDENCE["narrator"])
            return (None, "tag", 0.0)
        pc = PRONOUN_CLASS.get(low)
        if pc is not None and t.tag in ("PRP",):
            return self._resolve_pronoun(pc, x, qi, sal, turns, turn)
        if t.tag.startswith("NN"):
            return self._resolve_description(x, sal)
        return (None, "tag", 0.0)

    def _resolve_pronoun(self, pc: str, x: int, qi: int, sal: Salience, turns: list[_Turn], turn: _Turn):
        toks = self.toks
        exclude = set(self.vocatives.get(qi, ())) | turn.addressees
        if self.narrator is not None:
            exclude.add(self.narrator)
        cands = sal.candidates(pc, x, toks[x].sent, exclude)
        if not cands:
            return (None, "tag", 0.0)
        turn.pending.append((qi, pc, cands))
        # conversation: the last speaker rarely speaks again in a new paragraph
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
        conf = CONFIDENCE["pronoun"] * (0.75 + 0.25 * min(1.0, margin))
        if self.genders.get(best[1]) is None and pc in ("m", "f") and (
                margin >= 0.3 or self.roster.characters[best[1]].mentions < 8):
            # "she said" about a character of unknown pronouns: she is "she" from now on
            self.genders[best[1]] = pc
        return (best[1], "pronoun", conf)

    def _resolve_description(self, x: int, sal: Salience):
        toks = self.toks
        t = toks[x]
        low = t.lower
        # "his wife", "her mother": the relative with the possessor's surname
        kin = KIN.get(low)
        poss = None
        for y in range(max(0, x - 3), x):
            if toks[y].head == x and toks[y].dep == "poss":
                poss = y
        if kin and poss is not None:
            pc = PRONOUN_CLASS.get(toks[poss].lower)
            rel = self.roster.token_char.get(poss)
            if rel is None and pc is not None:
                rel = sal.resolve(pc, poss, toks[poss].sent)
            if rel is not None:
                classes, gender = kin
                found = set()
                for sn in self.surnames.get(rel, ()):
                    for ci in self.by_surname.get(sn, ()):
                        if ci != rel and (self.classes[ci] & classes
                                          or (not self.classes[ci] and self.genders.get(ci) == gender)):
                            found.add(ci)
                if len(found) == 1:
                    return (found.pop(), "description", CONFIDENCE["description"])
                for ci in sal.recent:
                    if ci in found:
                        return (ci, "description", CONFIDENCE["description"] * 0.8)
        # "the captain said": the one character with that title
        if low in TITLE_CLASS:
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
        return (None, "tag", 0.0)

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
                ci = self.roster.token_char.get(x)
                if ci is None:
                    ci = pron.get(x)
                if ci is None:
                    # "Mira's eyes narrowed": the possessor of the subject
                    for y in range(max(a, x - 4), x):
                        if toks[y].head == x and toks[y].dep == "poss":
                            ci = self.roster.token_char.get(y, pron.get(y))
                            if ci is None and toks[y].lower in ("my",) and self.narrator is not None:
                                ci = self.narrator
                if ci is None and t.lower in ("i",) and self.narrator is not None:
                    ci = self.narrator
                if ci is None and t.tag.startswith("NN") and t.lower in TITLE_CLASS:
                    ci = self._resolve_description(x, sal)[0]
                if ci is not None and ci not in addressees:
                    return ci
        return None

    # -- turn-taking ---------------------------------------------------------------------
    def _turn_taking(self, turns: list[_Turn], q_speaker: list, sal: Salience) -> None:
        """Fill untagged turns by alternation from the nearest attributed turn of the chain."""
        # group into chains; continued turns are part of the turn before them
        chains: dict[int, list[_Turn]] = {}
        for t in turns:
            chains.setdefault(t.chain, []).append(t)
        for chain_turns in chains.values():
            seq = [t for t in chain_turns if not t.continued]
            if not seq:
                continue
            n = len(seq)
            known = [t.speaker for t in seq]
            fixed = [t.speaker is not None for t in seq]
            participants = [s for s in known if s is not None]
            for i, t in enumerate(seq):
                if fixed[i] or t.tagged_unknown:
                    continue
                guess, conf = self._guess(i, seq, known, fixed, participants)
                if guess is not None:
                    t.speaker, t.method, t.confidence = guess, conf[0], conf[1]
                    known[i] = guess
            for t in seq:
                pass
        for t in turns:
            if t.continued and t.speaker is None:
                # inherit from the turn it continues
                pass
        # propagate continued turns and write quote speakers
        prev = None
        for t in turns:
            if t.continued and prev is not None and t.speaker is None:
                t.speaker, t.method, t.confidence = prev.speaker, "continued", prev.confidence * 0.9
            if t.speaker is not None:
                for qi in t.quotes:
                    if q_speaker[qi][0] is None:
                        q_speaker[qi] = (t.speaker, t.method, t.confidence)
            prev = t

    def _partner(self, i: int, seq: list[_Turn], known: list, speaker: int, participants: list) -> int | None:
        """The other person of the conversation around turn ``i`` when ``speaker`` speaks there."""
        for j in (i - 1, i + 1, i - 2, i + 2, i - 3, i + 3):
            if 0 <= j < len(seq) and known[j] is not None and known[j] != speaker:
                return known[j]
        for j in (i, i - 1, i + 1):
            if 0 <= j < len(seq):
                for ci in seq[j].addressees:
                    if ci != speaker:
                        return ci
        others = [p for p in participants if p != speaker]
        if others:
            return max(set(others), key=others.count)
        for j in (i, i - 1, i + 1):  # nobody else has spoken: the character in focus
            if 0 <= j < len(seq):
                for ci in seq[j].salient:
                    if ci != speaker:
                        return ci
        return None

    def _guess(self, i: int, seq: list[_Turn], known: list, fixed: list, participants: list):
        n = len(seq)
        # the previous line addressed someone by name: this is their answer
        if i > 0 and known[i - 1] is not None:
            for ci in seq[i - 1].addressees:
                if ci != known[i - 1] and ci not in seq[i].addressees:
                    return ci, ("vocative", CONFIDENCE["vocative"])
        conf = CONFIDENCE["turn-taking"]
        # A, B, ? -> A   and   ?, B, A -> A
        if i >= 2 and known[i - 1] is not None and known[i - 2] is not None \
                and known[i - 1] != known[i - 2] and known[i - 2] not in seq[i].addressees:
            return known[i - 2], ("turn-taking", conf)
        if i + 2 < n and fixed[i + 1] and fixed[i + 2] and known[i + 1] != known[i + 2] \
                and known[i + 2] not in seq[i].addressees:
            return known[i + 2], ("turn-taking", conf * 0.95)
        prev_j = next((j for j in range(i - 1, -1, -1) if known[j] is not None), None)
        next_j = next((j for j in range(i + 1, n) if fixed[j]), None)
        options = []
        pair = None
        if prev_j is not None and next_j is not None and known[prev_j] != known[next_j]:
            pair = (known[prev_j], known[next_j])
        for j in (prev_j, next_j):
            if j is None:
                continue
            d = abs(i - j)
            if d > 8:
                continue
            spk = known[j]
            if d % 2 == 0:
                g = spk
            elif pair is not None:
                g = pair[1] if spk == pair[0] else pair[0]
            else:
                g = self._partner(j, seq, known, spk, participants)
            if g is None or g in seq[i].addressees:
                continue
            options.append((d, j, g))
        if not options:
            return None, None
        options.sort()
        d, j, g = options[0]
        agree = len(options) > 1 and all(o[2] == g for o in options)
        conf = CONFIDENCE["turn-taking"] * (1.0 if agree else 0.85) * (0.97 ** d)
        return g, ("turn-taking", conf)
