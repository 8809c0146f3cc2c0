"""tense-shift: narration verbs that slip out of the scene's dominant tense."""

from __future__ import annotations

from ..base import Rule
from ..grammar import (
    children, is_base_form, is_past_form, is_present_form, is_verse, keep_case, norm, past_form,
    present_form, subject_agreement, subject_of, verb_lemma,
)

# Verbs that frame unquoted speech or thought: a present clause beside them is
# free indirect thought or reported speech, not a slip ("Surely, she thought, it is late").
FRAME_VERBS = frozenset("""
think wonder say know realize realise tell ask feel suppose guess decide reflect muse murmur
whisper mutter reply answer add remark observe exclaim cry declare hope fear believe remember
notice see hear write read imagine reason figure recall reckon assure promise warn insist
explain repeat continue begin shout call yell scream sigh laugh smile nod grin groan moan
agree admit confess announce argue protest suggest pray swear tell understand conclude
consider
""".split())

QUOTE_MARKS = frozenset({'"', "'", "“", "”", "‘", "’", "``", "''"})
SPEECH_VERBS = frozenset("""
say ask reply answer cry exclaim whisper murmur mutter add repeat continue shout call yell
scream sigh laugh groan moan snap hiss breathe gasp interrupt interject begin insist protest
""".split())
# Present-day time: a narrator telling what is still so ("to this day she declares").
PRESENT_TIME = (("to", "this", "day"), ("nowadays",), ("today",), ("at", "present"), ("since", "."),
                ("ever", "since"), ("even", "now"))

# Subjects that make a present verb a general statement rather than a slip.
GENERIC_SUBJECTS = frozenset("""
one nobody everybody anybody somebody everyone anyone someone noone nothing everything anything
something all none each either neither who what whoever whatever which
such many few most some any both others another
""".split())
GENERIC_DETERMINERS = frozenset({"every", "all", "no", "most", "some", "any", "each", "many",
                                 "few", "such", "neither", "either", "what", "whatever"})
FIRST = frozenset({"i", "we"})
SUBJECT_TAGS = frozenset({"PRP", "NN", "NNS", "NNP", "NNPS"})
AUTHORIAL_NOUNS = frozenset({"reader", "readers", "author", "writer", "narrator", "historian",
                             "chronicler"})
AUTHORIAL_THIRD = frozenset({"you", "your", "yourself", "we", "us", "our", "ourselves"})
AUTHORIAL_FIRST = frozenset({"you", "your", "yourself"})
SECOND = frozenset({"you", "ye", "ya", "thou"})
IMPERSONAL = frozenset({"seem", "appear", "happen", "chance", "follow", "matter", "remain", "strike",
                        "occur", "take", "mean"})
NOMINATIVE = frozenset({"he", "she", "it", "they"})
# Verbs a first-person narrator uses in the present to comment on the telling ("I
# confess", "I remember", "I dare say"): with "I"/"we" they are not slips.
FIRST_PERSON_COMMENT = frozenset("""
be seem appear have know think remember recall believe suppose doubt fear hope confess own
admit mean need matter remain come strike say give trust fancy guess hate record find call do
let love like wish want dare grant repeat mention tell write add beg venture submit
assure declare imagine understand presume reckon suspect expect question wonder
note observe maintain protest insist agree allow acknowledge regret
""".split())
# Present verbs a first-person narrator uses about the telling, with any subject
# ("it seems to me", "my memory is").
NARRATOR_COMMENT = frozenset({"be", "seem", "appear", "strike", "remain", "come", "matter", "occur"})
# "It is probable that ...", "it is a pity to ...": the narrator's comment, not a slip.
EVALUATIVE = frozenset("""
probable likely unlikely certain uncertain evident clear plain true untrue possible impossible
necessary needless unnecessary doubtful obvious natural remarkable strange curious worth fair
unfair useless vain difficult hard easy well enough odd singular surprising wonderful pity
truth fact wonder question matter proof shame mercy blessing misfortune thing right wrong
proper improper best better worse worst important essential interesting amusing sad
""".split())

# Words that mark a past event told from a present-tense narration ("I met her last year").
PAST_TIME_MARKERS = frozenset("""
yesterday ago earlier used previously formerly childhood recently lately
""".split())
TIME_NOUNS = frozenset("""
night week year month time summer winter spring autumn fall term semester weekend morning evening
afternoon christmas day
""".split())


# A past event pinned to a clock time or a day ("the text came at nine", "it closed on
# Sunday"): an earlier moment, told as such, in present narration.
CLOCK_PREPOSITIONS = frozenset({"at", "on", "around", "about", "before", "after", "by", "until", "till"})
CLOCK_WORDS = frozenset("""
one two three four five six seven eight nine ten eleven twelve noon midnight midday dawn daybreak
sunrise sunset dusk
monday tuesday wednesday thursday friday saturday sunday
""".split())


def _clock_time(t) -> bool:
    """A clock time or a day: "nine", "11:52", "noon", "Sunday", "six o'clock"."""
    low = norm(t.text)
    return low in CLOCK_WORDS or (t.tag == "CD" and any(ch.isdigit() for ch in low)
                                  and (":" in low or "." in low or low.isdigit() and int(low) <= 24))


def _is_main(tokens, kids, i: int) -> tuple[bool, int]:
    """Whether ``tokens[i]`` is the finite verb of a main clause; also the clause's head verb.

    Main clauses are the root and what is coordinated with it, clauses set side by
    side with a semicolon or colon (which the parser often hangs as ``ccomp`` on the
    next one), and speech tags hung on a quote.
    """
    t = tokens[i]
    head = i
    if t.dep in ("aux", "auxpass") and t.head != i:
        head = t.head
        t = tokens[head]
    steps = 0
    while t.dep != "ROOT" and steps < 8:
        steps += 1
        h = tokens[t.head]
        if h.speech and not t.speech and t.dep in ("ccomp", "parataxis", "conj", "advcl"):
            return True, head                 # a speech tag hung on the quote: '"No," she says'
        if t.dep == "conj" and h.pos in ("VERB", "AUX"):
            pass
        elif t.dep in ("ccomp", "parataxis") and t.i < t.head and _unmarked(tokens, kids, t.i):
            pass                              # "it was all ridges; the balls were hedgehogs"
        else:
            return False, head
        head = t.head
        t = h
    return t.dep == "ROOT", head


def _unmarked(tokens, kids, i: int) -> bool:
    """No subordinating word (that, if, when, what ...) opens the clause of ``tokens[i]``."""
    for c in kids[i]:
        tc = tokens[c]
        if tc.dep == "mark" or tc.tag in ("WDT", "WP", "WP$", "WRB"):
            return False
        if tc.dep in ("nsubj", "nsubjpass", "dobj", "advmod") and tc.tag in ("WDT", "WP", "WRB"):
            return False
    return True


def _is_frame(t) -> bool:
    return not t.speech and t.tag.startswith("VB") and verb_lemma(t.text) in FRAME_VERBS


def _framed(tokens, kids, i: int) -> bool:
    """A clause framed by a verb of thinking or saying: "Surely, she thought, it is late",
    "It is late, she thought"."""
    v = tokens[i].head if tokens[i].dep in ("aux", "auxpass") else i
    for _ in range(8):
        t = tokens[v]
        for c in kids[v]:
            if tokens[c].dep == "parataxis" and _is_frame(tokens[c]):
                return True
        if t.dep in ("ccomp", "parataxis") and _is_frame(tokens[t.head]):
            return True
        if t.dep == "conj" or (t.dep in ("ccomp", "parataxis") and _unmarked(tokens, kids, v)):
            if t.head == v:
                return False
            v = t.head
            continue
        return False
    return False


def _verbish(tokens, kids, i: int) -> bool:
    """Dependents only a verb has: an object, a particle, an -ly adverb, a clause."""
    for c in kids[i]:
        tc = tokens[c]
        if tc.dep in ("dobj", "prt", "acomp", "ccomp", "xcomp", "dative"):
            return True
        if tc.dep == "advmod" and tc.lower.endswith("ly") and c > i:
            return True
    return False


def _hidden_present(tokens, kids, t):
    """A present verb the tagger took for something else: "The cabin crouches ragged at the
    edge" (NNS), "they stood and look on" (VB).  Returns the tag it should have had."""
    if t.tag == "NNS":
        if not is_present_form(t.text, "VBZ"):
            return None
        if t.dep == "conj" and t.i > 0 and tokens[t.i - 1].lower in ("and", "then") and \
                tokens[t.head].tag == "VBD" and tokens[t.head].pos == "VERB" and not any(
                    tokens[c].dep in ("det", "poss", "amod", "nummod", "compound", "cc") for c in kids[t.i]):
            return "VBZ"                      # "made his way to our door and enters."
        if not _verbish(tokens, kids, t.i) and not (t.dep == "ROOT" and any(
                tokens[c].dep == "conj" and tokens[c].tag in ("VBD", "VBZ") for c in kids[t.i])):
            return None                       # "Tom kneels beside him and prodded ..." is verbish
        if any(tokens[c].dep in ("poss", "amod", "nummod", "compound") and c != t.i - 1 for c in kids[t.i]):
            return None
        if t.dep == "conj" and tokens[t.head].tag in ("VBD", "VBZ") and tokens[t.head].pos == "VERB" \
                and not any(tokens[c].dep == "det" for c in kids[t.i]):
            return "VBZ"                      # "stopped and exchanges greetings"
        if t.dep == "ROOT" and t.i > 0 and tokens[t.i - 1].head == t.i and \
                tokens[t.i - 1].tag in ("NN", "NNP", "PRP"):
            return "VBZ"                      # "Moze shuffles out", "His face clouds over"
        return None
    # A base form with a subject of its own and nothing to make it an infinitive or an
    # imperative: "Jane and Kitty follow", "the two women look at each other".
    if t.dep in ("ROOT", "conj") and is_present_form(t.text, "VBP"):
        subj = [c for c in kids[t.i] if tokens[c].dep == "nsubj"]
        if len(subj) == 1 and subj[0] < t.i and not any(
                tokens[c].dep in ("aux", "auxpass", "neg") for c in kids[t.i]):
            sj = tokens[subj[0]]
            if sj.tag in ("NNS", "NNPS") or norm(sj.text) in ("they", "we") or (
                    sj.tag in ("NNP", "NN") and any(tokens[c].dep == "conj" for c in kids[sj.i])):
                if not any(tokens[j].tag in ("MD", "TO") or norm(tokens[j].text) in ("let", "make", "made", "help")
                           for j in range(max(0, sj.i - 3), sj.i)):
                    return "VBP"
    # VB coordinated with a past verb, with no auxiliary of its own: "stood and look on".
    h = tokens[t.head]
    if t.dep != "conj" or h.tag != "VBD" or h.pos != "VERB" or h.dep not in ("ROOT", "conj", "ccomp"):
        return None
    if not any(tokens[c].dep == "nsubj" for c in kids[h.i]):
        return None
    if any(tokens[c].dep in ("aux", "auxpass", "nsubj") for c in kids[t.i]):
        return None
    if any(tokens[c].dep in ("aux", "auxpass") for c in kids[h.i]):
        return None
    if any(tokens[j].tag == "VB" for j in range(h.i + 1, t.i)):
        return None                           # "induced her to pay him off, and effect ..."
    if not is_present_form(t.text, "VBP"):
        return None
    return "VBP"


def _reduced_relative(tokens, kids, s: int, i: int) -> bool:
    """A relative clause without "that": "a mug my sister gave me" (the parser often makes
    it a main clause).  Seen as a noun right before the subject, or a second subject."""
    first = s
    while first > 0 and tokens[first - 1].head == s and tokens[first - 1].dep in ("det", "poss", "amod", "compound"):
        first -= 1
    prev = tokens[first - 1] if first > 0 else None
    if prev is not None and prev.tag in ("NN", "NNS") and prev.dep in ("dobj", "attr") and not prev.speech \
            and norm(prev.text) not in TIME_NOUNS:
        return True                           # "she found the book he writes"
    verb = tokens[i].head if tokens[i].dep in ("aux", "auxpass") else i
    return sum(1 for c in kids[verb] if tokens[c].dep in ("nsubj", "nsubjpass")) > 1


# Conjunctions of a time clause that is told at the same moment as its main clause:
# "She is sitting by the fire when I came in" cannot be right, whatever the main verb.
TIME_CONJUNCTIONS = frozenset({"when", "as", "while", "whilst", "before", "until", "till", "after"})
# "As I said, ...", "as we saw": the narrator pointing back at the telling, not an event.
TELLING_VERBS = FRAME_VERBS | frozenset({"mention", "note", "state", "show", "see", "explain", "describe"})


def _past_anchor(tokens, kids, head: int) -> bool:
    """The clause of ``head`` carries a time clause in the simple past: "It is twilight before
    we reached the Tower", "Old Cotter is sitting at the fire when I came downstairs".

    English keeps the two clauses in step (sequence of tenses), so a present main verb
    beside such a clause is a slip even where it would otherwise pass for a comment.
    """
    heads = [head] + [c for c in kids[head] if tokens[c].dep in ("acomp", "attr", "advmod", "prep")]
    for h in heads:
        for c in kids[h]:
            tc = tokens[c]
            if tc.dep != "advcl" or tc.speech or c < head:
                continue
            cks = kids[c]
            if not any(tokens[m].dep in ("mark", "advmod") and norm(tokens[m].text) in TIME_CONJUNCTIONS
                       and m < c for m in cks):
                continue
            if any(tokens[m].dep in ("aux", "auxpass") and tokens[m].tag in ("MD", "VBZ", "VBP")
                   or (tokens[m].dep == "aux" and norm(tokens[m].text) in ("had", "'d")) for m in cks):
                continue
            if not any(tokens[m].dep in ("nsubj", "nsubjpass") for m in cks):
                continue
            verb = tc if tc.tag == "VBD" else next(
                (tokens[m] for m in cks if tokens[m].dep in ("aux", "auxpass") and tokens[m].tag == "VBD"), None)
            if verb is None or not is_past_form(verb.text):
                continue
            if verb_lemma(tc.text) in TELLING_VERBS:
                continue
            return True
    return False


def _past_cleft(tokens, kids, i: int) -> bool:
    """A cleft sentence whose clause is in the simple past: "It is on the morning of the
    second day that the first link was forged" (not "it is likely that she left": an
    adjective makes it the narrator's judgement)."""
    t = tokens[i]
    if t.dep != "ROOT" or verb_lemma(t.text) != "be" or not any(
            tokens[c].dep == "nsubj" and norm(tokens[c].text) == "it" and c < i for c in kids[i]):
        return False
    if any(tokens[c].dep == "acomp" or norm(tokens[c].text) in EVALUATIVE for c in kids[i]):
        return False
    heads = [i] + [c for c in kids[i] if tokens[c].dep in ("attr", "prep")]
    for h in heads:
        for c in kids[h]:
            tc = tokens[c]
            if tc.dep not in ("ccomp", "relcl", "advcl") or tc.speech or c < i:
                continue
            if not any(norm(tokens[m].text) in ("that", "when", "who") and m < c and
                       tokens[m].dep in ("mark", "advmod", "nsubj", "nsubjpass") for m in kids[c]):
                continue
            if tc.tag == "VBD" and is_past_form(tc.text) or any(
                    tokens[m].dep in ("aux", "auxpass") and tokens[m].tag == "VBD" and
                    norm(tokens[m].text) not in ("had", "'d") for m in kids[c]):
                return True
    return False


# Adverbs that make a present clause a statement of what always happens ("Water always
# finds the lowest place").
FREQUENCY_ADVERBS = frozenset("""
always never usually generally invariably seldom rarely often ever
""".split())
DEFINITE = frozenset({"the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
                      "their"})


def _clause_tokens(tokens, kids, v: int) -> list[int]:
    """The tokens of the clause of verb ``v``: its dependents, without the clauses joined to it."""
    out, todo = [], [v]
    while todo:
        j = todo.pop()
        out.append(j)
        for c in kids[j]:
            if j == v and tokens[c].dep in ("conj", "cc", "advcl", "ccomp", "parataxis", "punct"):
                continue
            todo.append(c)
    return out


def _timeless(tokens, kids, v: int) -> bool:
    """The clause of the present verb ``v`` states a general truth, not an event of the scene:
    a frequency adverb ("Water always finds its level"), or nothing in it that points at the
    scene -- no definite noun phrase, pronoun or name ("Sound carries farther over water").
    "Lights begin to appear along the shore" points at the scene's shore: an event.
    """
    clause = _clause_tokens(tokens, kids, v)
    if any(tokens[c].dep == "advmod" and norm(tokens[c].text) in FREQUENCY_ADVERBS for c in kids[v]):
        return True
    for j in clause:
        t = tokens[j]
        if t.speech:
            return False
        if t.tag in ("PRP", "PRP$", "NNP", "NNPS", "POS") or (t.dep in ("det", "poss") and norm(t.text) in DEFINITE):
            return False
    return True


class _Sent:
    """What one sentence's narration says about tense."""

    __slots__ = ("past", "present", "past_verbs", "present_verbs", "finite", "scene")

    def __init__(self, scene: int):
        self.scene = scene
        self.past = 0             # finite past main-clause verbs in narration
        self.present = 0          # finite present main-clause verbs in narration
        self.past_verbs: list[int] = []
        self.present_verbs: list[int] = []
        self.finite = 0           # any finite narration verb


class TenseShift(Rule):
    """
    What it does:
        Finds the dominant tense of each scene's narration (past or present) and flags
        main-clause narration verbs that slip out of it: "She walks to the window and
        looked out" in a past-tense story, "I picked up the phone" in the middle of a
        run of present-tense actions.  The suggestion is the verb in the scene's tense.

    Why is this bad?
        A narration that wavers between "she walked" and "she walks" is one of the
        commonest slips in unedited fiction.  It blurs the timeline and pulls the
        reader out of the story; readers of a past-tense chapter notice a stray
        present-tense verb at once.

    Leaves alone:
        Dialogue and italic thought, which may be in any tense.  In past narration:
        "would", "could" and the past perfect; clauses that report a standing fact
        ("she knew that the river floods in spring"); relative and other subordinate
        clauses ("the man who lives next door"); general statements with a generic
        subject ("Nobody is ever ready", "Men are fools"), even joined to a past event when
        they say what always happens or name nothing of the scene ("Water always finds
        its level, and ...", "Sound carries farther over water, and ..."); questions and exclamations in
        narration (free indirect thought); sentences framed by a verb of thinking or
        saying ("Surely, she thought, it is too late"); a first-person narrator's
        present-day comments ("I remember the night", "I confess I was afraid");
        scenes told in the present on purpose (each scene has its own dominant tense).
        In present narration it flags only a past main verb among present ones, never
        a past event marked as such ("I met her last year", "when I was twelve",
        "her text came at nine", "had").  A verb is only flagged when the narration around it is clearly in the
        other tense, or when a time clause beside it is in the simple past ("Old Cotter
        is sitting at the fire when I came downstairs": the two clauses must agree).

    Example:
        She walks to the edge of the seawall and leaned out over the railing.

    Use instead:
        She walked to the edge of the seawall and leaned out over the railing.
    """

    id = "tense-shift"
    category = "tense"
    severity = "warning"
    bad = (
        "The fog came in off the water an hour before dusk. Isolde reached the top of the "
        "steps and looked back at the village. She walks to the edge of the seawall and "
        "leaned out over the railing. Below her the tide was turning.",
        "Tom found the keeper on the floor of the lamp room. He kneels beside him and "
        "prodded the swollen knee. The old man groaned and opened one eye.",
        "The letter came for Pet on a Tuesday. Pet reads it twice, and her eyebrows climbed "
        "higher each time. She folded it into quarters and put it in her pocket.",
        "I lean into the mic and wait for the song to end. The studio smells of bleach and "
        "old coffee. Ori took the handset out of my hand and presses it to her own ear. "
        "Her face goes pale.",
        "The rain had stopped by the time they reached the bridge. Harry pulled his hood "
        "down and looked around. The street is empty. Somewhere a dog barked twice and "
        "fell silent.",
        "The boat slid out past the breakwater. Tom shipped the oars and listened. The wind "
        "dropped, and mist creeps across the water toward them. Nobody spoke.",
    )
    good = (
        '"I know," she said. "It is always like this in March. The river floods and '
        'everyone complains." She turned back to the window and watched the rain.',
        "She had lived in the village for ten years before the war came. She would walk "
        "to the harbour every morning, and she could name every boat that came in. Now "
        "she stood on the quay and counted them.",
        "He knew that water boils at a lower heat on a mountain, and he watched the pot "
        "with some impatience. The man who lives next door had told him so. He waited, "
        "and at last the water began to bubble.",
        "She stared at the door. *He is not coming back,* she thought. She picked up her "
        "coat and went out into the cold.",
        "Harry looked at the map again. Where is the exit? He turned it over and frowned. "
        "The corridors shifted while he watched.",
        "I remember the night the lamp went out. I was twelve, and the fog came in so "
        "thick that I could not see my own hands. Nobody is ever ready for that kind of "
        "fog. We waited on the steps until morning.",
        "I lean into the mic and wait for the song to end. I met Dax last year at a "
        "party, when he still had hair. Now he sleeps on the couch by the door and eats "
        "all my crackers. The phone rings.",
        "The carriage stopped at the gate. She got down and looked at the house.\n\n* * *\n\n"
        "Now I sit at my desk and write it all down. The house is gone. The gate still "
        "stands, and the road runs past it to the sea. I go there sometimes.",
        "The lamp had burned all night. Oil always burns cleaner in cold air, and by morning "
        "the glass was barely smudged. Tom wiped it anyway and went down the stairs.",
        "I lean into the mic and wait for the song to end. Her last message came at ten, and "
        "I still haven't answered it. The phone sits face down on the desk.",
    )

    def check(self, story, ctx):
        tokens = story.tokens
        if not tokens:
            return
        narration = ctx.narration
        kids = children(story)
        sentences = story.sentences
        paragraphs = story.paragraphs
        infos: list[_Sent] = []
        for s in sentences:
            infos.append(_Sent(paragraphs[s.paragraph].scene))
        # One pass: the finite narration verbs of each sentence.
        hidden = self._hidden = {}
        for t in tokens:
            if t.speech:
                continue
            if t.tag in ("NNS", "VB"):
                tag = _hidden_present(tokens, kids, t)
                if tag is None:
                    continue
                hidden[t.i] = tag
            elif t.tag not in ("VBD", "VBZ", "VBP", "MD"):
                continue
            info = infos[t.sent]
            info.finite += 1
            if t.tag == "MD":
                continue
            main, head = _is_main(tokens, kids, t.i)
            if not main:
                continue
            if t.tag == "VBD":
                info.past += 1
                info.past_verbs.append(t.i)
            else:
                info.present += 1
                info.present_verbs.append(t.i)
        if self.trace is not None:
            self._infos = infos
        for k, info in enumerate(infos):
            tense = narration.tense_of_scene(info.scene)
            if tense == "past" and info.present_verbs:
                yield from self._past_slips(story, ctx, kids, infos, k, info)
            elif tense == "present" and info.past_verbs:
                yield from self._present_slips(story, ctx, kids, infos, k, info)

    # -- helpers -------------------------------------------------------------
    @staticmethod
    def _neighbours(infos, k, reach: int = 2):
        """Up to ``reach`` sentences with narration verbs on each side of ``k``, in its scene."""
        scene = infos[k].scene
        before: list[_Sent] = []
        after: list[_Sent] = []
        j = k - 1
        while j >= 0 and infos[j].scene == scene and len(before) < reach:
            if infos[j].past or infos[j].present:
                before.append(infos[j])
            j -= 1
        j = k + 1
        while j < len(infos) and infos[j].scene == scene and len(after) < reach:
            if infos[j].past or infos[j].present:
                after.append(infos[j])
            j += 1
        return before, after

    @staticmethod
    def _context(before, after, tense: str) -> bool:
        """Whether the narration around a sentence is clearly in ``tense``.

        The nearest narration sentence on one side at least must be purely in that
        tense, and the sentences around must lean that way (mixed ones count for neither).
        """
        near = before[:1] + after[:1]
        if not near:
            return False
        score = 0
        for x in before + after:
            same = x.past if tense == "past" else x.present
            other = x.present if tense == "past" else x.past
            score += (same > 0 and not other) - (other > 0 and not same)
        if tense == "past":
            near_ok = any(x.past and not x.present for x in near)
        else:
            near_ok = any(x.present and not x.past for x in near)
        return near_ok and score >= 1

    @staticmethod
    def _thought_start(tokens, sent) -> int:
        """Where the closing question or exclamation of a sentence begins: after its last
        ``;``, ``:`` or dash in the narration (the sentence start when there is none)."""
        for j in range(sent.tok_end - 1, sent.tok_start - 1, -1):
            t = tokens[j]
            if not t.speech and t.text in (";", ":", "—", "--", "–"):
                return j
        return sent.tok_start

    @staticmethod
    def _ends_as_question(story, sent) -> bool:
        """Whether the sentence's narration ends in ``?`` or ``!`` (free indirect thought)."""
        tokens = story.tokens
        for j in range(sent.tok_end - 1, sent.tok_start - 1, -1):
            t = tokens[j]
            if t.speech or t.text in ('"', "'", "”", "’", "“", "‘", ")", "*", "_"):
                continue
            return t.text in ("?", "!", "?!", "!?") or t.text.endswith(("?", "!"))
        return False

    def _past_slips(self, story, ctx, kids, infos, k, info):
        tokens = story.tokens
        sent = story.sentences[k]
        before, after = self._neighbours(infos, k)
        gate = None
        cut = sent.tok_end
        if self._ends_as_question(story, sent):
            # Free indirect thought, but only from the last ";", ":" or dash on: "She
            # stopped at the door; what a fool he is!"  The clauses before it are narration.
            cut = self._thought_start(tokens, sent)
            if not (info.past > 0 and any(i < cut for i in info.present_verbs)):
                gate = "question"
        if gate is None and not (info.past > 0 or self._context(before, after, "past")):
            gate = "no past context"
        anchored = {i for i in info.present_verbs if _past_anchor(tokens, kids, _is_main(tokens, kids, i)[1])
                    or _past_cleft(tokens, kids, i)}
        if gate is not None and not (gate == "no past context" and anchored):
            if self.trace is not None:
                self.trace.extend((i, gate) for i in info.present_verbs)
            return
        person = ctx.narration.scene_person.get(infos[k].scene, ctx.narration.person)
        counts = ctx.word_counts
        # A capitalised word the story never writes in lower case, seen twice, is a name
        # even where the tagger calls it a noun ("Potter appears in the doorway").
        self._is_name = lambda tok: ctx.is_name(tok.text) or (
            tok.text[:1].isupper() and counts[tok.text] >= 2 and not counts[tok.text.lower()])
        for i in info.present_verbs:
            if (gate is not None and i not in anchored) or i >= cut:
                if self.trace is not None:
                    self.trace.append((i, gate or "question"))
                continue
            why, s, agreement = self._past_reason(story, kids, info, sent, person, i, i in anchored)
            if self.trace is not None:
                self.trace.append((i, why))
            if why is None:
                yield from self._flag_present(story, i, s, agreement)

    trace = None
    """A list to collect (token, reason left alone) into, for debugging."""

    def _past_reason(self, story, kids, info, sent, person, i, anchored=False):
        """Why the present verb ``tokens[i]`` is left alone in past narration (None: flag it)."""
        tokens = story.tokens
        ctx_is_name = self._is_name
        t = tokens[i]
        tag = self._hidden.get(i, t.tag)
        if not is_present_form(t.text, tag):
            return "not a present form", None, None
        if t.text[:1].isupper() and i != sent.tok_start:
            return "title", None, None        # "The Rabbit Sends in a Little Bill"
        main, head = _is_main(tokens, kids, i)
        if _framed(tokens, kids, i):
            return "framed by thought or speech", None, None
        if tag == "VBP" and not self._finite_chain(tokens, kids, head):
            return "non-finite chain", None, None   # "could not ... survive": an infinitive
        s = subject_of(tokens, kids, i)
        if s is None and i in self._hidden and i > 0 and tokens[i - 1].head == i:
            s = i - 1                         # "Moze shuffles out": the subject hangs as a compound
        if s is None:
            return "no subject", None, None
        subj = tokens[s]
        low = norm(subj.text)
        lemma = verb_lemma(t.text)
        if subj.dep == "expl" or low in GENERIC_SUBJECTS or low in SECOND or low in ("god", "heaven"):
            return "generic subject", None, None
        # A verb that shares its subject with a past verb it is coordinated with tells the
        # same chain of events ("I called myself Pip, and come to be called Pip"), and a
        # progressive tells an action in progress ("we are beginning to come among
        # streets"): neither is a comment on the telling.
        own = t.head if t.dep in ("aux", "auxpass") else i
        action = anchored or self._shares_past_subject(tokens, kids, own) or (
            lemma == "be" and t.dep == "aux" and tokens[head].tag == "VBG")
        if action:
            pass                              # "I am sitting there when she came in"
        elif low in FIRST:
            # A first-person narrator may comment in the present ("I confess", "I am
            # sure", "I have never forgotten"); actions and speech tags are slips.
            if person != "first":
                return "narrator's comment", None, None
            if lemma in ("be", "have", "do"):
                if not self._first_person_slip(tokens, kids, i, head, lemma, info):
                    return "narrator's comment", None, None
            elif lemma in FIRST_PERSON_COMMENT and not self._speech_tag(tokens, head, sent):
                return "narrator's comment", None, None
        elif self._addresses_reader(tokens, sent, person):
            return "narrator's comment", None, None
        if s > i and not self._speech_tag_inversion(tokens, i, s, lemma):
            return "inversion", None, None    # "subtler is a mind", '"..." says he'
        if s < i and _reduced_relative(tokens, kids, s, i):
            return "relative clause", None, None   # "the life she leads"
        if subj.tag == "PRP" and low not in NOMINATIVE and low not in FIRST:
            return "not a subject pronoun", None, None
        if subj.tag not in SUBJECT_TAGS and not self._demonstrative(tokens, kids, s, i):
            return "not a subject", None, None
        if subj.tag in ("NNS", "NNPS", "NN"):
            if norm(subj.text) in AUTHORIAL_NOUNS:
                return "narrator's comment", None, None   # "the reader remembers"
            dets = [norm(tokens[c].text) for c in kids[s] if tokens[c].dep in ("det", "poss", "predet", "nummod")]
            # A general statement: "Men are fools", "Sound carries farther over water".
            # ... unless it is coordinated with a past event: "the dusk fell on the stream,
            # and lights begin to appear along the shore".
            own_clause = i if t.dep not in ("aux", "auxpass") else t.head
            chained = self._coordinated_past(tokens, kids, own_clause) and not _timeless(tokens, kids, own_clause)
            if not dets and subj.tag == "NNS" and not chained:
                return "bare plural", None, None
            if not dets and subj.tag == "NN" and not chained and not ctx_is_name(subj) and \
                    not any(tokens[c].dep == "compound" for c in kids[s]):
                return "bare noun", None, None
            if any(d in GENERIC_DETERMINERS for d in dets):
                return "generic determiner", None, None
        agreement = subject_agreement(tokens, kids, s)
        if agreement is None or (tag == "VBZ") != (agreement == ("3", "sg")):
            return "disagrees", None, None    # the tagger's slip, or the agreement rule's business
        if low == "it" and not anchored and self._extraposed(tokens, kids, head):
            return "extraposed", None, None   # "it is probable that ...": the narrator's comment
        if low == "it" and not anchored and lemma in IMPERSONAL:
            return "impersonal", None, None   # "it seems", "it happens that"
        if person == "first" and lemma in NARRATOR_COMMENT and not info.past and not action and \
                self._mentions_narrator(tokens, sent):
            return "narrator's comment", None, None
        if self._is_verse(story, sent):
            return "verse", None, None
        if self._present_time(tokens, sent):
            return "present-day comment", None, None
        return None, s, agreement

    @staticmethod
    def _coordinated_past(tokens, kids, v) -> bool:
        """The verb ``v`` is joined by ``conj`` to a simple-past verb (either way)."""
        t = tokens[v]
        others = [c for c in kids[v] if tokens[c].dep == "conj"]
        if t.dep == "conj" and t.head != v:
            others.append(t.head)
        return any(tokens[o].tag == "VBD" and tokens[o].pos in ("VERB", "AUX") and is_past_form(tokens[o].text)
                   and not tokens[o].speech for o in others)

    @staticmethod
    def _shares_past_subject(tokens, kids, head) -> bool:
        """The clause of ``head`` has no subject of its own and is coordinated with a simple-past
        verb: "I attempted to rise, but am not able to stir"."""
        t = tokens[head]
        if t.dep != "conj" or any(tokens[c].dep in ("nsubj", "nsubjpass", "expl") for c in kids[head]):
            return False
        h = tokens[t.head]
        if h.tag == "VBD" and h.pos in ("VERB", "AUX") and is_past_form(h.text):
            return True
        return any(tokens[c].dep in ("aux", "auxpass") and tokens[c].tag == "VBD" and
                   norm(tokens[c].text) not in ("had", "'d") for c in kids[h.i])

    @staticmethod
    def _demonstrative(tokens, kids, s, i) -> bool:
        """"This is invitation enough", "That is how we went": a bare ``this``/``that`` pointing
        at what was just told, as subject of the verb (not "that is to say", "that is, ...")."""
        subj = tokens[s]
        if norm(subj.text) not in ("this", "that") or subj.dep != "nsubj" or s != i - 1:
            return False
        if any(tokens[c].dep != "punct" for c in kids[s]):
            return False
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        return nxt is not None and nxt.text not in (",", ";", ":", "to", "—", "-", "--")

    @staticmethod
    def _first_person_slip(tokens, kids, i, head, lemma, info) -> bool:
        """"I am walking", "I am born", "I have two clerks ... and kept": a slip, not a comment."""
        t = tokens[i]
        if lemma == "be":
            if t.dep in ("aux", "auxpass"):
                return tokens[head].tag in ("VBG", "VBN")    # "I am endeavouring", "I am born"
            return any(tokens[c].dep == "attr" and tokens[c].tag == "NN" for c in kids[i]) and info.past > 0
        if lemma == "have":
            return t.dep not in ("aux",) and info.past > 0 and not any(
                tokens[c].dep == "neg" or norm(tokens[c].text) == "no" for c in kids[i])
        return False

    @staticmethod
    def _speech_tag(tokens, head, sent) -> bool:
        """The verb tags a quote: '"Wait," I say' (the quote hangs on it or it on the quote)."""
        t = tokens[head]
        if verb_lemma(t.text) not in SPEECH_VERBS:
            return False
        if t.head != head and tokens[t.head].speech:
            return True
        first = min([head] + [c for c in range(max(0, head - 3), head) if tokens[c].head == head])
        if first > sent.tok_start:
            return tokens[first - 1].speech
        # The splitter often ends a sentence at the quote's "!" or "?": '"Stop!" I say.'
        return first > 1 and tokens[first - 1].text in QUOTE_MARKS and tokens[first - 2].speech and \
            tokens[first - 1].end == tokens[first].start - 1

    @staticmethod
    def _speech_tag_inversion(tokens, i, s, lemma) -> bool:
        """'"Yes," says Alice': a speech verb right after the quote, a noun subject after it."""
        if lemma not in FRAME_VERBS or tokens[s].tag not in ("NNP", "NN"):
            return False
        j = i - 1
        return j >= 0 and tokens[j].speech and s == i + 1

    @staticmethod
    def _finite_chain(tokens, kids, head) -> bool:
        """False when the clause hangs by ``conj`` on a non-finite verb (a mis-tagged infinitive)."""
        t = tokens[head]
        steps = 0
        while steps < 6:
            steps += 1
            if any(tokens[c].dep == "aux" and (tokens[c].tag == "MD" or tokens[c].lower == "to")
                   for c in kids[t.i]):
                return False
            if t.dep != "conj" or t.head == t.i:
                return True
            h = tokens[t.head]
            if h.tag in ("VB", "VBG", "VBN") and not any(
                    tokens[c].dep in ("aux", "auxpass") and tokens[c].tag in ("VBD", "VBZ", "VBP")
                    for c in kids[h.i]):
                return False
            t = h
        return True

    @staticmethod
    def _extraposed(tokens, kids, head) -> bool:
        """``it`` standing for a clause: "it is probable that", "it is a pity to", "it seems"."""
        t = tokens[head]
        if verb_lemma(t.text) != "be":
            return verb_lemma(t.text) in IMPERSONAL
        heads = [head] + [c for c in kids[head] if tokens[c].dep in ("acomp", "attr")]
        for h in heads:
            if h != head and norm(tokens[h].text) in EVALUATIVE:
                return True
            for c in kids[h]:
                if tokens[c].dep in ("ccomp", "xcomp", "csubj"):
                    return True
        return False

    @staticmethod
    def _addresses_reader(tokens, sent, person) -> bool:
        """Narration that talks to the reader ("you") or, in third person, says "we"/"our"."""
        words = AUTHORIAL_THIRD if person != "first" else AUTHORIAL_FIRST
        return any(not tokens[j].speech and norm(tokens[j].text) in words
                   for j in range(sent.tok_start, sent.tok_end))

    @staticmethod
    def _present_time(tokens, sent) -> bool:
        words = [norm(tokens[j].text) for j in range(sent.tok_start, sent.tok_end) if not tokens[j].speech]
        for pattern in PRESENT_TIME:
            n = len(pattern)
            for j in range(len(words) - n + 1):
                if tuple(words[j:j + n]) == pattern:
                    return True
        return False

    @staticmethod
    def _mentions_narrator(tokens, sent) -> bool:
        return any(norm(tokens[j].text) in ("i", "me", "my", "we", "us", "our", "myself")
                   for j in range(sent.tok_start, sent.tok_end))

    @staticmethod
    def _is_verse(story, sent) -> bool:
        """A line of verse or a song: the paragraph is several short lines."""
        return is_verse(story, story.paragraphs[sent.paragraph])

    def _flag_present(self, story, i, s, agreement):
        tokens = story.tokens
        t = tokens[i]
        low = norm(t.text)
        lemma = verb_lemma(t.text)
        if low.startswith("'") or low in ("s", "re", "m", "ve"):
            # A contraction: flag subject + verb ("she's" → "she was").
            subj = tokens[s]
            if s != i - 1 or not subj.text[:1].isalpha():
                return
            if lemma == "have" or (low in ("'s", "s") and self._perfect(tokens, i)):
                past = "had"
                word = subj.text + t.text[0] + "d"
            else:
                past = past_form("be", agreement)
                if past is None:
                    return
                word = subj.text + " " + past
            yield self.issue(subj.start, t.end,
                             f"Narration is in the past tense; '{subj.text}{t.text}' slips into the present.",
                             [word] if lemma == "be" or word.endswith("d") else [])
            return
        if lemma == "be":
            past = past_form("be", agreement)
        else:
            past = past_form(lemma, agreement)
        suggestions = [keep_case(t.text, past)] if past else []
        yield self.issue(t.start, t.end,
                         f"Narration is in the past tense; '{t.text}' slips into the present.",
                         suggestions)

    @staticmethod
    def _perfect(tokens, i) -> bool:
        """``'s`` as ``has`` (``she's gone``): its head is a past participle."""
        t = tokens[i]
        return t.dep == "aux" and tokens[t.head].tag == "VBN"

    def _present_slips(self, story, ctx, kids, infos, k, info):
        tokens = story.tokens
        sent = story.sentences[k]
        before, after = self._neighbours(infos, k)
        gate = None
        if self._ends_as_question(story, sent):
            gate = "question"
        elif not (info.present > 0 or self._context(before, after, "present")):
            gate = "no present context"
        elif self._past_time(tokens, kids, sent, info.past_verbs):
            gate = "past time"
        if gate is not None:
            if self.trace is not None:
                self.trace.extend((i, gate) for i in info.past_verbs)
            return
        for i in info.past_verbs:
            why, s, agreement = self._present_reason(story, kids, info, sent, i)
            if self.trace is not None:
                self.trace.append((i, why))
            if why is None:
                t = tokens[i]
                present = present_form(verb_lemma(t.text), agreement)
                yield self.issue(t.start, t.end,
                                 f"Narration is in the present tense; '{t.text}' slips into the past.",
                                 [keep_case(t.text, present)] if present else [])

    def _present_reason(self, story, kids, info, sent, i):
        """Why the past verb ``tokens[i]`` is left alone in present narration (None: flag it)."""
        tokens = story.tokens
        t = tokens[i]
        if not is_past_form(t.text) or is_base_form(t.text):
            return "not a clear past form", None, None    # "put", "read", "set"
        if i > 0 and i + 1 < len(tokens) and tokens[i - 1].text in QUOTE_MARKS and tokens[i + 1].text in QUOTE_MARKS:
            return "quoted word", None, None  # she "ran" the house
        if t.text[:1].isupper() and i != sent.tok_start:
            return "title", None, None
        if t.dep in ("aux", "auxpass") and verb_lemma(t.text) == "have":
            return "past perfect", None, None  # "had gone": an earlier past, told as such
        main, head = _is_main(tokens, kids, i)
        if _framed(tokens, kids, i):
            return "framed by thought or speech", None, None
        s = subject_of(tokens, kids, i)
        if s is None:
            return "no subject", None, None
        subj = tokens[s]
        low = norm(subj.text)
        lemma = verb_lemma(t.text)
        if s > i and not self._speech_tag_inversion(tokens, i, s, lemma):
            return "inversion", None, None
        if _reduced_relative(tokens, kids, s, i):
            return "relative clause", None, None   # "a mug my sister gave me"
        if subj.tag not in SUBJECT_TAGS and low not in ("this", "that"):
            return "not a subject", None, None
        if lemma in ("be", "have") and (low in ("that", "this") or low == "it" and (
                lemma == "have" or self._extraposed(tokens, kids, head)
                or any(norm(tokens[c].text) in EVALUATIVE for c in kids[head]))):
            return "looking back", None, None   # "That was close.", "It was a mistake."
        if low in FIRST and lemma in FIRST_PERSON_COMMENT and not self._speech_tag(tokens, head, sent):
            return "narrator's comment", None, None
        agreement = subject_agreement(tokens, kids, s)
        if agreement is None:
            return "unknown subject", None, None
        if self._is_verse(story, sent):
            return "verse", None, None
        return None, s, agreement

    @staticmethod
    def _past_time(tokens, kids, sent, skip=()) -> bool:
        """The sentence tells a past event as past: "I met her last year", "when I was twelve"."""
        for j in range(sent.tok_start, sent.tok_end):
            t = tokens[j]
            if t.speech:
                continue
            low = norm(t.text)
            if low in PAST_TIME_MARKERS:
                return True
            if low == "last" and t.dep == "amod" and norm(tokens[t.head].text) in TIME_NOUNS:
                return True                   # "last night", "last year"
            if low == "once" and t.dep == "advmod" and j > sent.tok_start and norm(tokens[j - 1].text) != "at":
                return True
            if low == "before" and t.dep == "advmod":
                return True                   # "I had seen him before"
            if low in ("when", "while", "after", "since", "until", "till") and tokens[t.head].tag == "VBD" \
                    and t.head not in skip:
                return True                   # "when I was twelve"
            if t.tag == "VBD" and low in ("had", "'d") and t.dep == "aux" and t.i not in skip:
                return True                   # past perfect: an earlier past
            if t.tag == "VBN" and t.dep == "ROOT" and low == "born":
                return True
            if t.dep == "prep" and low in CLOCK_PREPOSITIONS and tokens[t.head].tag == "VBD" \
                    and any(_clock_time(tokens[c]) for c in kids[j] if tokens[c].dep == "pobj"):
                return True                   # "her last text came at nine"
        return False

    @staticmethod
    def _coordinated(tokens, a: int, b: int) -> bool:
        """Whether the verbs ``a`` and ``b`` are joined by ``conj`` (either way)."""
        if a == b:
            return False
        return (tokens[a].dep == "conj" and tokens[a].head == b) or (
            tokens[b].dep == "conj" and tokens[b].head == a)
