"""pov-shift: third-person narration that slips into the first or second person."""

from __future__ import annotations

from ...analysis.lexicon import person_noun
from ..base import Rule
from ..grammar import children, is_verse, norm, verb_lemma

FIRST = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves"})
THIRD = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them",
                   "their", "theirs", "themselves"})
PRONOUN_TAGS = frozenset({"PRP", "PRP$"})

# Verbs that frame unquoted thought or speech: "What am I doing here, she wondered."
FRAME_VERBS = frozenset("""
think wonder say tell ask whisper murmur mutter reply answer add cry exclaim shout call yell scream
sigh groan moan pray swear realize realise decide reason remind muse reflect repeat hope write
read type text sign print scrawl scribble note
""".split())
# A letter, note or message shown in the narration: "Dear Harry, I hope ..."
LETTER_OPENERS = ("dear ", "my dear", "dearest ", "to whom", "hi ", "hey ", "hello ")
LETTER_CLOSERS = ("yours", "love,", "sincerely", "regards", "affectionately", "faithfully")
# "Our hero", "the reader": an author talking to the reader, not a slip.
AUTHORIAL_NOUNS = frozenset({"hero", "heroine", "heroes", "story", "tale", "narrative", "reader",
                             "readers", "friend", "friends", "history", "chronicle", "narrator"})


# In first-person narration, the pronouns of a "she" or a "he" someone must already be.
GENDER_PRONOUNS = {"she": frozenset({"she", "her", "hers", "herself"}),
                   "he": frozenset({"he", "him", "his", "himself"})}
NAME_ROLES_IN_SPEECH = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "dative"})
PLACE_PREPOSITIONS = frozenset({"at", "in", "on", "of", "from", "into", "near", "inside", "outside", "across",
                                "around", "through", "along", "past", "toward", "towards", "onto", "over"})


def _head_of_phrase(tokens, j: int) -> int:
    """The preposition a name hangs on (``at Radio Halcyon``: through the compound to ``at``)."""
    for _ in range(3):
        if tokens[j].dep in ("pobj", "compound") and tokens[j].head != j:
            j = tokens[j].head
        else:
            break
    return j


# Words a "she" / "he" may refer back to besides the person nouns of the analysis layer.
REFERENTS = frozenset({"someone", "somebody", "anyone", "anybody", "everyone", "everybody", "one", "voice"})


def may_refer_to(word: str, cls: str) -> bool:
    """``word`` (a singular noun) names somebody a ``cls`` pronoun ("she"/"he") may refer to:
    a person noun of that gender or none (``analysis/data/person_nouns.txt``), or a referent
    of :data:`REFERENTS`."""
    if word in REFERENTS:
        return True
    person, gender = person_noun(word)
    return person and gender in (None, "f" if cls == "she" else "m")


class PovShift(Rule):
    """
    What it does:
        In a scene told in the third person ("she walked", "he said"), flags a first-
        person pronoun ("I", "my", "we") or a second-person "you" in the narration:
        "Tom had never liked the climb, and I never blamed him for it."  In a scene
        told in the first person, flags a "she" or "he" that can only be the narrator:
        nobody it could refer to (no earlier "she", no name, no person nearby), in a
        sentence where the narrator acts, doing something to its own body ("I pull off
        my headphones, and she rubs her ears").

    Why is this bad?
        A narrator who is suddenly "I" in a third-person story, or who starts talking
        to "you", breaks the point of view the reader has settled into.  It usually
        comes from a paragraph drafted in another voice, or a thought left without
        italics or quote marks.

    Leaves alone:
        Dialogue and italic thought; questions and exclamations in the narration and
        clauses framed by a verb of thinking or saying ("What am I doing here, she
        wondered"), which are unmarked thought; letters, notes and messages shown in
        the text ("Dear Harry, I ..."), and paragraphs that are mostly first or second
        person (a diary entry, a letter); verse; a storyteller's present-tense asides
        ("as I have said", "we shall see", "our hero"); the generic "you" ("you could
        see for miles", "the kind of cold that gets into your bones"), which is style.
        First-person stories that address "you" are left alone (it is usually
        deliberate); in first-person narration, a "she" or "he" with someone to refer
        to, and a stranger who has not been introduced yet ("I turn, and he steps out of
        the doorway").

    Example:
        They took the cliff path. Tom had never liked the climb, and I never blamed him for it.

    Use instead:
        They took the cliff path. Tom had never liked the climb, and Izzy never blamed him for it.
    """

    id = "pov-shift"
    category = "pov"
    severity = "warning"
    bad = (
        "They took the cliff path, which was more of a suggestion than a path. Tom had never "
        "liked the climb to Skellan Point, and I never blamed him for it. He kept his eyes on "
        "the stones and his hand on the rope.",
        "Mira pulled her coat tighter and walked faster. The street was empty, and her "
        "footsteps echoed off the shutters. We turned the corner and saw the light in the "
        "window. She stopped.",
        "Harry dropped his bag on the bed and looked around the dormitory. Ron was already "
        "asleep, and Neville was snoring behind his curtains. Harry pulled off his shoes. You "
        "walked to the window and pressed your forehead to the cold glass. The lake was black.",
        "I lock the shop at six and count the till twice. The street outside is empty. I pull "
        "on my gloves, and she blows on her fingers to warm them.",
    )
    good = (
        '"I never liked that climb," Tom said. "You know that." He kept his eyes on the stones '
        "and his hand on the rope.",
        "She stared at the empty chair. *I should have stayed,* she thought. She picked up her "
        "coat and went out into the rain.",
        "He read the note twice.\n\nDear Harry, I am sorry about the broom. I will make it up "
        "to you. Yours, Ron\n\nHe folded it and put it in his pocket.",
        "Mira stood on the ridge. From up there you could see for miles, all the way to the "
        "sea. She sat down on a rock and ate her sandwich.",
        "She looked at the door. What was I thinking? She shook her head and walked away.",
        "I walked to the window and looked out. The street was empty. You would not believe "
        "how quiet it was. I went back to bed.",
        "'I never liked that climb,' Tom said. 'You know that.' He kept his eyes on the "
        "stones and his hand on the rope.",
        "I was alone in the shop when Mira came in at ten, wet through. I made coffee while I "
        "found her a towel. I handed over the mug, and she wrapped her hands around it.",
        "I lock the shop at six and count the till twice. The street outside is empty. I pull "
        "on my gloves, and he steps out of the doorway.",
    )

    def check(self, story, ctx):
        tokens = story.tokens
        if not tokens:
            return
        yield from self._first_person_slips(story, ctx)
        narration = ctx.narration
        sentences = story.sentences
        paragraphs = story.paragraphs
        kids = None
        fallback: dict[int, str] | None = None
        par_cache: dict[int, bool] = {}
        sent_cache: dict[int, int] = {}
        for t in tokens:
            if t.speech or t.tag not in PRONOUN_TAGS:
                continue
            low = norm(t.text)
            first = low in FIRST
            if not first and low not in SECOND:
                continue
            if low == "us" and t.text == "US":
                continue
            sent = sentences[t.sent]
            par = paragraphs[sent.paragraph]
            person = narration.scene_person.get(par.scene, "unknown")
            if person in ("unknown", "mixed"):
                person = narration.person
            if person in ("unknown", "mixed"):
                if fallback is None:
                    fallback = self._person_with_names(story)
                person = fallback.get(par.scene, "unknown")
            if person != "third":
                self._note(t, "not third person: " + person)
                continue
            if kids is None:
                kids = children(story)
            ok = par_cache.get(par.index)
            if ok is None:
                ok = par_cache[par.index] = self._third_person_paragraph(story, par)
            if not ok:
                self._note(t, "paragraph")
                continue
            cut = sent_cache.get(t.sent)
            if cut is None:
                cut = sent_cache[t.sent] = self._plain_sentence(story, kids, sent)
            if t.i >= cut:
                self._note(t, "sentence")
                continue
            if first:
                if not self._first_person_slip(story, kids, t):
                    self._note(t, "first-person use")
                    continue
                yield self.issue(t.start, t.end,
                                 f"Narration is in the third person; '{t.text}' slips into the first person.")
            else:
                if not self._second_person_slip(story, kids, t):
                    self._note(t, "second-person use")
                    continue
                yield self.issue(t.start, t.end,
                                 f"Narration is in the third person; '{t.text}' slips into the second person.")

    def _first_person_slips(self, story, ctx):
        """In first-person narration, a "she" or "he" with no one to refer to, in a sentence
        where the narrator acts: "I pull off my headphones, and she rubs her ears."

        Someone to refer to is a pronoun of the same gender or a name earlier in the scene, or
        a person noun (:func:`may_refer_to`) in this paragraph or the one before.
        """
        tokens = story.tokens
        sentences = story.sentences
        paragraphs = story.paragraphs
        narration = ctx.narration
        seen: dict[int, set[str]] = {}        # scene -> pronoun classes used so far
        for t in tokens:
            low = norm(t.text)
            cls = "she" if low in GENDER_PRONOUNS["she"] else "he" if low in GENDER_PRONOUNS["he"] else None
            if cls is None or t.tag not in PRONOUN_TAGS:
                continue
            sent = sentences[t.sent]
            scene = paragraphs[sent.paragraph].scene
            used = seen.setdefault(scene, set())
            first_use = cls not in used
            used.add(cls)
            if not first_use or t.speech or low != cls or t.dep != "nsubj":
                continue
            if narration.scene_person.get(scene, narration.person) != "first":
                continue
            if not self._narrator_acts_before(tokens, sent, t) or not self._own_body(tokens, sent, t, cls):
                continue
            if self._antecedent(story, ctx, t, cls):
                self._note(t, "antecedent")
                continue
            yield self.issue(t.start, t.end,
                             f"Narration is in the first person, and nobody here is '{t.text}': "
                             f"does it slip into the third person?")

    @staticmethod
    def _own_body(tokens, sent, t, cls) -> bool:
        """The pronoun's clause acts on its own person ("she rubs her ears", "he shakes himself"),
        as the narrator would -- not a stranger stepping in ("he steps out of the doorway")."""
        own = {"she": ("her", "herself"), "he": ("his", "himself")}[cls]
        verb = t.head
        for j in range(t.i + 1, sent.tok_end):
            x = tokens[j]
            if x.speech or x.text in (",", ";", ":", "—") or (x.dep == "cc" and x.head == verb):
                return False
            if norm(x.text) in own and x.tag in PRONOUN_TAGS:
                return True
        return False

    @staticmethod
    def _narrator_acts_before(tokens, sent, t) -> bool:
        """An "I" in the narration is the subject of a verb earlier in the sentence."""
        return any(norm(tokens[j].text) == "i" and tokens[j].dep == "nsubj" and not tokens[j].speech
                   for j in range(sent.tok_start, t.i))

    @staticmethod
    def _antecedent(story, ctx, t, cls) -> bool:
        """Someone ``t`` may refer to: a person noun in its paragraph (before it) or the one
        before, or a name earlier in the scene -- in narration anywhere but after a
        preposition of place ("at Radio Halcyon"), in speech as subject, object or owner."""
        tokens = story.tokens
        sentences = story.sentences
        paragraphs = story.paragraphs
        par = paragraphs[sentences[t.sent].paragraph]
        near = par.sentences[0].tok_start if par.sentences else t.i
        k = par.index - 1
        while k >= 0 and paragraphs[k].kind != "text":
            k -= 1
        if k >= 0 and paragraphs[k].scene == par.scene and paragraphs[k].sentences:
            near = paragraphs[k].sentences[0].tok_start
        scene = story.scenes[par.scene] if 0 <= par.scene < len(story.scenes) else None
        first = near
        if scene is not None and scene.paragraphs:
            sents = paragraphs[scene.paragraphs[0]].sentences
            first = min(near, sents[0].tok_start) if sents else near
        for j in range(first, t.i):
            x = tokens[j]
            if j >= near and x.tag == "NN" and may_refer_to(norm(x.text), cls):
                return True
            if not (x.tag in ("NNP", "NNPS") or (x.text[:1].isupper() and x.text != "I" and ctx.is_name(x.text)
                                                 and j != sentences[x.sent].tok_start)):
                continue
            if x.speech:
                if x.dep in NAME_ROLES_IN_SPEECH:
                    return True
            elif not (x.dep in ("pobj", "compound") and norm(tokens[_head_of_phrase(tokens, j)].text)
                      in PLACE_PREPOSITIONS):
                return True
        return False

    @staticmethod
    def _person_with_names(story) -> dict[int, str]:
        """Scenes whose narration is third person once names count too (short texts full of
        names and few pronouns): ``third`` when first and second person are rare."""
        counts: dict[int, list[int]] = {}
        paragraphs = story.paragraphs
        sentences = story.sentences
        for t in story.tokens:
            if t.speech:
                continue
            low = norm(t.text)
            if t.tag in PRONOUN_TAGS:
                kind = 0 if (low in FIRST or low in SECOND) else 1 if low in THIRD else None
            elif t.tag in ("NNP", "NNPS"):
                kind = 1
            else:
                continue
            if kind is None:
                continue
            c = counts.setdefault(paragraphs[sentences[t.sent].paragraph].scene, [0, 0])
            c[kind] += 1
        return {scene: "third" if c[1] >= 3 and c[0] <= 0.34 * c[1] else "unknown"
                for scene, c in counts.items()}

    trace = None
    """A list to collect (token index, reason left alone) into, for debugging."""

    def _note(self, t, why):
        if self.trace is not None:
            self.trace.append((t.i, why))

    # -- the paragraph and the sentence -------------------------------------------
    @staticmethod
    def _third_person_paragraph(story, par) -> bool:
        """A paragraph of third-person narration (not a letter, a diary entry or verse)."""
        text = story.text[par.start:par.end].lstrip(' "“*_\'‘').lower()
        if text.startswith(LETTER_OPENERS) or "\n" in text.strip() and is_verse(story, par):
            return False
        tail = text.rstrip()[-60:]
        if any(c in tail for c in LETTER_CLOSERS):
            return False
        first = third = 0
        for s in par.sentences:
            for t in story.tokens[s.tok_start:s.tok_end]:
                if t.speech:
                    continue
                low = norm(t.text)
                if t.tag in PRONOUN_TAGS:
                    if low in FIRST or low in SECOND:
                        first += 1
                    elif low in THIRD:
                        third += 1
                elif t.tag in ("NNP", "NNPS"):
                    third += 1
        # A letter or diary entry is mostly "I" and "you"; a slip is one or two words.
        return not (first > 3 or (first >= 2 and first > third))

    @staticmethod
    def _plain_sentence(story, kids, sent) -> int:
        """Where the sentence stops being plain narration: the index from which its pronouns
        are left alone (``sent.tok_end`` when none are).

        A question or exclamation is unmarked thought, but only from the last ``;``, ``:``
        or dash on (the clauses before it are narration); a colon opens a quoted text or
        a thought ("The sign read: WE ARE CLOSED") when a verb of saying or writing
        precedes it or a capital follows it; brackets are an aside.
        """
        tokens = story.tokens
        last = None
        for j in range(sent.tok_end - 1, sent.tok_start - 1, -1):
            t = tokens[j]
            if t.speech or t.text in ('"', "'", "”", "’", "“", "‘", ")", "*", "_"):
                continue
            last = t
            break
        cut = sent.tok_end
        if last is not None and (last.text.endswith(("?", "!")) or last.text in ("…", "...")):
            cut = sent.tok_start
            for j in range(last.i - 1, sent.tok_start - 1, -1):
                t = tokens[j]
                if not t.speech and t.text in (";", ":", "—", "--", "–"):
                    cut = j
                    break
        for j in range(sent.tok_start, sent.tok_end):
            t = tokens[j]
            if t.speech:
                continue
            if t.text in ("(", ")"):
                return sent.tok_start         # an aside
            if t.text == ":" and j < cut:
                prev = tokens[j - 1] if j > sent.tok_start else None
                nxt = tokens[j + 1] if j + 1 < sent.tok_end else None
                if prev is None or nxt is None or verb_lemma(prev.text) in FRAME_VERBS or \
                        prev.lemma in FRAME_VERBS or (nxt.text[:1].isupper() and nxt.text != "I") or \
                        not nxt.text[:1].isalpha():
                    cut = j                   # "The sign read: WE ARE CLOSED"
        return cut

    @staticmethod
    def _framed(story, kids, verb) -> bool:
        """The pronoun's clause is thought or speech framed by a third-person verb of thinking
        or saying: "What was I to do, she wondered", "I can't, he thought, I just can't"."""
        tokens = story.tokens

        def is_frame(t):
            return not t.speech and t.tag.startswith("VB") and verb_lemma(t.text) in FRAME_VERBS and any(
                tokens[c].dep == "nsubj" and (norm(tokens[c].text) in THIRD or tokens[c].tag == "NNP")
                for c in kids[t.i])

        v = verb
        for _ in range(6):
            if any(tokens[c].dep == "parataxis" and is_frame(tokens[c]) for c in kids[v.i]):
                return True
            if v.dep in ("ccomp", "parataxis", "xcomp") and is_frame(tokens[v.head]):
                return True
            if v.dep in ("conj", "ccomp", "parataxis", "advcl") and v.head != v.i:
                v = tokens[v.head]
                continue
            return False
        return False

    # -- the pronoun ---------------------------------------------------------
    @staticmethod
    def _clause_verb(story, kids, t):
        """The verb whose clause the pronoun belongs to."""
        tokens = story.tokens
        i = t.i
        for _ in range(6):
            h = tokens[i].head
            if h == i:
                return tokens[i]
            i = h
            if tokens[i].pos in ("VERB", "AUX"):
                return tokens[i]
        return tokens[i]

    def _tense_of_clause(self, story, kids, verb) -> str:
        """``past``, ``present`` or ``modal`` for the clause headed by ``verb``."""
        tokens = story.tokens
        tags = [verb.tag] + [tokens[c].tag for c in kids[verb.i] if tokens[c].dep in ("aux", "auxpass")]
        if "MD" in tags:
            return "modal"
        if "VBD" in tags:
            return "past"
        if "VBZ" in tags or "VBP" in tags:
            return "present"
        return "other"

    def _first_person_slip(self, story, kids, t) -> bool:
        tokens = story.tokens
        low = norm(t.text)
        if low in ("our", "my") and tokens[t.head].tag.startswith("NN") and norm(tokens[t.head].text) in AUTHORIAL_NOUNS:
            return False                      # "our hero"
        verb = self._clause_verb(story, kids, t)
        if self._framed(story, kids, verb):
            return False
        tense = self._tense_of_clause(story, kids, verb)
        # A storyteller's aside is in the present ("as I have said", "we shall see");
        # a slip tells the story's events ("I never blamed him").
        return tense == "past"

    def _second_person_slip(self, story, kids, t) -> bool:
        tokens = story.tokens
        low = norm(t.text)
        verb = self._clause_verb(story, kids, t)
        if self._framed(story, kids, verb):
            return False
        tense = self._tense_of_clause(story, kids, verb)
        if tense != "past":
            return False                      # "you could see for miles", "you know"
        if low != "you":
            # "your", "yourself": only beside a "you" who acts in the story ("you pressed your
            # forehead"), never alone ("a cold that got into your bones").
            sent = story.sentences[t.sent]
            return any(norm(tokens[j].text) == "you" and not tokens[j].speech and tokens[j].dep == "nsubj"
                       for j in range(sent.tok_start, sent.tok_end))
        if t.dep in ("dobj", "dative"):
            # "She handed you the cup": a character acting on "you" is a slip; "the cold got
            # to you", "it made you think" are generic.
            return any(tokens[c].dep == "nsubj" and (tokens[c].tag == "NNP" or norm(tokens[c].text) in
                                                     ("he", "she", "they"))
                       for c in kids[verb.i]) and verb.tag == "VBD"
        if t.dep not in ("nsubj", "nsubjpass"):
            return False
        if any(tokens[c].dep == "aux" and norm(tokens[c].text) in ("had", "used") for c in kids[verb.i]) or \
                any(tokens[c].dep == "xcomp" for c in kids[verb.i]) and verb_lemma(verb.text) in ("have", "use"):
            return False                      # "you had to rub the warts", "you used to"
        sent = story.sentences[t.sent]
        for j in range(sent.tok_start, sent.tok_end):
            w = norm(tokens[j].text)
            if w in ("if", "whenever", "when") and tokens[j].head == verb.i:
                return False                  # "when you were that age, ..."
        return True
