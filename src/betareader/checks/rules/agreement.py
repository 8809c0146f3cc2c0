"""agreement: a verb that does not agree with its subject in number or person."""

from __future__ import annotations

from lemminflect import getAllLemmas, getLemma

from ..base import Rule
from ..grammar import (
    children, coordinator, has_conjunct_subject, is_present_form, keep_case, norm, present_form,
    verb_lemma,
)

NOMINATIVE = {"i": ("1", "sg"), "you": ("2", "pl"), "he": ("3", "sg"), "she": ("3", "sg"),
              "it": ("3", "sg"), "we": ("1", "pl"), "they": ("3", "pl")}
# Subjects whose number English leaves open, or that the parser gets wrong: never flagged.
UNSURE_SUBJECTS = frozenset("""
everyone everybody someone somebody anyone anybody nobody noone nothing everything something
anything none each either neither all some any most half rest majority minority lot lots plenty
number couple kind sort type pair total percent per cent bunch group set series variety host
family team staff crew police committee government audience jury class band army public company
council board herd flock crowd people folk folks sheep deer fish aircraft offspring species
means news data media cattle clergy youth remainder dozen score hundred thousand million
party choir world counsel congregation regiment navy nation tribe gang mob committee firm club
french english british dutch irish scots welsh chinese japanese swiss portuguese vietnamese
billion who whoever what whatever which that this these those such other others another one
ones both several many few more less enough
""".split())
# Plural-looking nouns that take a singular verb, and units ("ten dollars is a lot").
SINGULAR_PLURALS = frozenset("""
news physics mathematics maths politics economics ethics athletics gymnastics linguistics
statistics measles mumps diabetes species series means headquarters barracks crossroads
gallows whereabouts innings billiards dominoes checkers darts thanks odds pants trousers
scissors glasses clothes
""".split())
UNITS = frozenset("""
dollars pounds pence cents euros yen bucks quid years months weeks days hours minutes seconds
miles yards feet inches metres meters kilometres kilometers centimetres gallons litres liters
tons tonnes ounces grams kilos percent degrees points times
""".split())
MANDATIVE = frozenset("""
insist demand suggest require ask recommend propose urge order request move prefer command beg
advise desire pray stipulate
""".split())


class Agreement(Rule):
    """
    What it does:
        Flags a verb that does not agree with its subject in number or person: "the
        lights was off", "they was halfway through", "she don't care", "her eyes
        blurs", "Ori have a key", "I is", "you was".  The suggestion is the subject
        with the agreeing verb ("the lights were off").

    Why is this bad?
        Subject-verb agreement slips are among the errors readers notice fastest; in
        narration they read as carelessness.  They creep in when a sentence is
        rewritten (a singular subject made plural, the verb left behind).

    Leaves alone:
        Subjects whose number is open or that the parser gets wrong: "everyone",
        "none", collective nouns ("the family are"), quantities ("ten dollars is"),
        "a number of", "the rest of", "one of the boys who", subjects joined with
        "or"/"nor", plural-looking singulars ("the news is"), titles, and the
        subjunctive "were" ("if he were", "I wish she were").  In dialogue the error
        may be the character's voice ("we was", "he don't"): dialect patterns in
        dialogue are reported as info only, other mismatches in dialogue as warnings;
        in narration they are errors (a narrator who speaks in dialect will see them;
        lower the rule's severity in betareader.toml for such a story).

    Example:
        Inside, the lights was off, and the stair disappeared upward into black.

    Use instead:
        Inside, the lights were off, and the stair disappeared upward into black.
    """

    id = "agreement"
    category = "agreement"
    severity = "error"
    bad = (
        "The door at the foot of the tower stood open. Inside, the lights was off, and the "
        "spiral stair disappeared upward into black.",
        "They ate in silence by the fire, and they was halfway through the second loaf before "
        "anyone spoke.",
        "Mira blinked hard. Her eyes blurs with tears, and she turned away from the window.",
        "The boys runs down the lane toward the harbour, shouting at the gulls.",
        '"Ori have a key to the transmitter room," Dax said, and he looked away.',
    )
    good = (
        "The family were gathered around the table. Everyone are welcome, the sign said. "
        "None of the lights were on.",
        "Ten dollars is a lot for a sandwich, but Tom paid it. The news was bad that day.",
        "If he were taller, he could reach the shelf. She wished the rain were over.",
        "Tom and Pet were waiting on the quay. Either Tom or his sisters were going to go.",
        "One of the boys who run the ferry waved at her. The man who runs the shop nodded.",
        "The lights in the old tower were off, and the stairs were wet. He has a key.",
        "Where are the keys? She looked at the lamps that were hanging from the beams.",
    )

    def check(self, story, ctx):
        tokens = story.tokens
        if not tokens:
            return
        kids = children(story)
        found = []
        for v in tokens:
            tag = v.tag
            if tag == "VBD":
                if v.lower not in ("was", "were"):
                    continue
            elif tag not in ("VBZ", "VBP"):
                continue
            hit = self._mismatch(tokens, kids, v)
            if hit is not None:
                found.append(hit)
        if not found:
            return
        for v_i, s_i, agreement, suggestion_verb, dialect in found:
            v = tokens[v_i]
            if v.speech:
                severity = "info" if dialect else "warning"
            else:
                severity = "error"
            yield self._issue(story, kids, v_i, s_i, suggestion_verb, severity)

    # -- the decision ------------------------------------------------------------
    def _mismatch(self, tokens, kids, v):
        """(verb, subject, agreement, agreeing verb, dialect?) when ``v`` disagrees; else None."""
        low = norm(v.text)
        if low in ("'s", "s", "'re", "'m", "'ve", "'d", "ai", "ain't"):
            return None                       # contractions: ambiguous or dialect
        if v.tag in ("VBZ", "VBP") and not is_present_form(v.text, v.tag):
            return None
        if v.text[:1].isupper() and v.i > 0 and tokens[v.i - 1].text[:1].isalpha() and \
                not tokens[v.i - 1].text.isupper():
            return None                       # a title: "The Rabbit Sends in a Little Bill"
        if any(tokens[c].dep == "aux" and (tokens[c].tag == "MD" or tokens[c].lower == "to") for c in kids[v.i]):
            return None                       # an infinitive the tagger took for a present
        if v.tag == "VBP" and (low == "be" or verb_lemma(v.text) in ("need", "dare")):
            return None                       # "he need not", "I dare say", "if it be"
        if v.tag == "VBP" and v.dep == "ccomp" and verb_lemma(tokens[v.head].text) in MANDATIVE:
            return None                       # "she insisted that he accept": subjunctive
        if v.i + 1 < len(tokens) and tokens[v.i + 1].text in ("_", "*") or \
                v.i > 0 and tokens[v.i - 1].text in ("_", "*"):
            return None                       # _emphasis_ splits the words oddly
        s = self._subject(tokens, kids, v)
        if s is None:
            return None
        agreement = self._agreement(tokens, kids, s, v)
        if agreement is None:
            return None
        person, number = agreement
        third_sg = person == "3" and number == "sg"
        lemma = verb_lemma(v.text)
        if low == "was":
            if number == "sg" and person != "2":
                return None
            want = "were"
        elif low == "were":
            return None                       # "if he were", "I wish she were": subjunctive
        elif v.tag == "VBZ":
            if third_sg:
                return None
            want = present_form(lemma, agreement)
        else:  # VBP
            if lemma == "be":
                if low == "am" and person == "1" and number == "sg":
                    return None
                if low == "are" and not third_sg and not (person == "1" and number == "sg"):
                    return None
            elif not third_sg:
                return None
            want = present_form(lemma, agreement)
        if not want or norm(want) == low:
            return None
        # What a character's (or a dialect narrator's) voice does on purpose: "I knows",
        # "we was", "he don't", "they is".  Other mismatches are slips even in dialogue.
        dialect = tokens[s].tag == "PRP" or (low == "do" and self._negated(tokens, v)) or low in ("was", "is")
        return v.i, s, agreement, want, dialect

    @staticmethod
    def _negated(tokens, v) -> bool:
        return v.i + 1 < len(tokens) and norm(tokens[v.i + 1].text) in ("n't", "not")

    @staticmethod
    def _subject(tokens, kids, v):
        """The subject of ``v`` (or of the verb it is an auxiliary of); None when unclear."""
        i = v.i
        if v.dep in ("aux", "auxpass") and v.head != v.i:
            i = v.head
            # "has been", "is being": only the first auxiliary carries agreement.
            auxes = [c for c in kids[i] if tokens[c].dep in ("aux", "auxpass") and c < v.i]
            if any(tokens[c].tag in ("VBZ", "VBP", "VBD", "MD") for c in auxes):
                return None
        subjects = [c for c in kids[i] if tokens[c].dep in ("nsubj", "nsubjpass", "expl")]
        if len(subjects) != 1:
            return None
        s = subjects[0]
        ts = tokens[s]
        if ts.dep == "expl":
            return None                       # "there is", "there are": left alone
        if ts.speech != v.speech or not ts.text.isalpha():
            return None                       # across a quote mark; "_you_" emphasis; "I'd"
        if s > v.i:
            # Inverted: only a question ("Where is the keys?", "Does they know?").
            if verb_lemma(v.text) not in ("be", "have", "do") or s - v.i > 3:
                return None
            sent_end = next((tokens[j] for j in range(s + 1, min(len(tokens), s + 40))
                             if tokens[j].sent != v.sent or tokens[j].text in ("?", ".", "!")), None)
            if sent_end is None or sent_end.text != "?":
                return None
            return s
        if v.i + 1 < len(tokens) and norm(tokens[v.i + 1].text) in NOMINATIVE:
            return None                       # "what claims has she": the parser's subject is wrong
        # Everything between subject and verb belongs to the subject or is an adverb:
        # no comma (a vocative: "Anne Shirley, don't"), no clause, no dash.
        if v.i - s > 8:
            return None
        for j in range(s + 1, v.i):
            tj = tokens[j]
            if tj.dep in ("cc", "conj") and tj.head == s and tj.tag in ("CC", "NNP", "PRP"):
                continue                      # "Tom and Pet was"
            if tj.dep in ("punct", "mark", "cc", "conj", "relcl", "acl") or tj.tag.startswith("VB") or \
                    tj.tag in ("MD", "WDT", "WP", "WRB"):
                return None
        # The subject phrase must open its clause: "let the world know", "see her
        # sister make", "did not Jonathan Small get", "ridiculing her relations was".
        first = s
        while first > 0 and tokens[first - 1].head == s and tokens[first - 1].dep in (
                "det", "poss", "amod", "compound", "nummod", "predet", "advmod"):
            first -= 1
        if first > 0:
            prev = tokens[first - 1]
            base = v.tag == "VBP" and norm(v.text) not in ("are", "am", "'re", "'m")
            if prev.tag == "VBG" or (base and (prev.tag.startswith("VB") or prev.tag in ("MD", "TO"))) or \
                    prev.lower in ("not", "n't"):
                return None                   # "ridiculing her relations was", "let the world know"
            if prev.lower in ("and", "or", "nor") and first > 1 and \
                    tokens[first - 2].tag in ("NN", "NNS", "NNP", "NNPS", "PRP"):
                return None                   # "Matthew and I are": a subject the parser split
            if prev.text in ("_", "*") or base and prev.lower in ("if", "lest", "though", "unless", "whether", "that"):
                return None                   # emphasis, or a subjunctive "if he marry"
        return s

    def _agreement(self, tokens, kids, s, v):
        """Person and number of the subject ``tokens[s]``, or None when not sure."""
        t = tokens[s]
        low = norm(t.text)
        if has_conjunct_subject(tokens, kids, s):
            if coordinator(tokens, kids, s) != "and":
                return None
            # "Tom and Pet was": only with plain names and pronouns on both sides.
            conjs = [c for c in kids[s] if tokens[c].dep == "conj"]
            if any(tokens[c].text == t.text for c in conjs) or any(
                    tokens[k].dep == "case" for c in conjs + [s] for k in kids[c]):
                return None                   # "Jarndyce and Jarndyce" (a lawsuit), "Ruby and Charlie's"
            if all(tokens[c].tag in ("NNP", "PRP") for c in conjs) and t.tag in ("NNP", "PRP") and s < v.i:
                return ("3", "pl")
            return None
        if low in ("god", "heaven", "heavens", "lord") and v.tag == "VBP":
            return None                       # "God bless you", "Heaven forbid"
        if t.tag in ("WDT", "WP"):
            return self._antecedent(tokens, kids, s, v)
        if low in UNSURE_SUBJECTS or any(tokens[c].dep == "case" for c in kids[s]):
            return None                       # "a man's are": the possessed thing is elided
        if t.tag == "PRP":
            return NOMINATIVE.get(low)
        if t.tag == "DT":
            return None
        if t.tag not in ("NN", "NNS", "NNP", "NNPS"):
            return None
        return self._noun_number(tokens, kids, s)

    def _noun_number(self, tokens, kids, s):
        t = tokens[s]
        low = norm(t.text)
        if low in UNSURE_SUBJECTS or t.text.isupper() and len(t.text) > 1:
            return None
        if any(tokens[c].dep == "quantmod" for c in kids[s]):
            return None                       # "about ten people"
        if t.tag in ("NN", "NNS") and not getAllLemmas(low, upos="NOUN"):
            return None                       # not an English noun: "Schade dass die Natur"
        if t.tag in ("NN", "NNP"):
            if t.tag == "NN" and getLemma(low, upos="NOUN")[0] != low:
                return None                   # a plural the tagger took for a singular: "phenomena"
            if t.tag == "NNP":
                if low.endswith("s") and not low.endswith("ss"):
                    return None               # "the Weasleys", a title
                if any(tokens[c].dep == "compound" and tokens[c].tag == "NNP" and norm(tokens[c].text).endswith("s")
                       for c in kids[s]):
                    return None
                if s > 0 and tokens[s - 1].text in ('"', "“", "'", "‘") and not tokens[s - 1].speech:
                    return None               # a quoted title
            return ("3", "sg")
        # Plural nouns.
        if low in SINGULAR_PLURALS or low in UNITS:
            return None
        if t.tag == "NNPS":
            if not low.endswith("s") or not any(tokens[c].dep == "det" and tokens[c].lower == "the" for c in kids[s]):
                return None                   # "Great Expectations is": a title
            return ("3", "pl")
        lemmas = getLemma(low, upos="NOUN")
        if not lemmas or lemmas[0] == low:
            return None                       # not a visible plural
        return ("3", "pl")

    def _antecedent(self, tokens, kids, s, v):
        """The number of a relative pronoun's antecedent: "the lights that was"."""
        low = norm(tokens[s].text)
        if low not in ("who", "that"):
            return None                       # "which" often stands for a whole clause
        verb = tokens[v.head] if v.dep in ("aux", "auxpass") else v
        if verb.dep != "relcl":
            return None
        a = verb.head
        if a != s - 1:
            return None                       # only "the lamps that was": antecedent right before
        ta = tokens[a]
        if ta.tag not in ("NN", "NNS", "NNP", "NNPS"):
            return None
        # "one of the boys who run", "the kind of man who": left alone.
        if ta.dep == "pobj" and tokens[ta.head].lower == "of":
            return None
        if any(tokens[c].dep == "prep" for c in kids[a]):
            return None
        return self._noun_number(tokens, kids, a)

    # -- the issue -----------------------------------------------------------------
    def _issue(self, story, kids, v_i, s_i, want, severity):
        tokens = story.tokens
        text = story.text
        v = tokens[v_i]
        s = tokens[s_i]
        verb_end = v.end
        verb_text = keep_case(v.text, want)
        # "she don't" → "she doesn't": keep the attached "n't" in the span.
        if v_i + 1 < len(tokens) and norm(tokens[v_i + 1].text) == "n't" and tokens[v_i + 1].start == v.end:
            verb_end = tokens[v_i + 1].end
            verb_text = verb_text + tokens[v_i + 1].text
            if norm(v.text) == "do" and want == "does":
                verb_text = keep_case(v.text, "does") + tokens[v_i + 1].text
        if s_i < v_i and v_i - s_i <= 6 and not any(tokens[j].text in ",;:—–-" for j in range(s_i, v_i)):
            start = s.start
            j = s_i
            while j > 0 and tokens[j - 1].head == s_i and tokens[j - 1].dep in ("det", "poss", "amod", "compound", "nummod"):
                j -= 1
            start = tokens[j].start
            end = verb_end
            suggestion = text[start:v.start] + verb_text
        elif s_i > v_i and s_i - v_i <= 3:
            start = v.start
            end = s.end
            suggestion = verb_text + text[verb_end:end] if verb_end <= end else verb_text
        else:
            start, end = v.start, verb_end
            suggestion = verb_text
        subject = s.text
        message = f"'{v.text}' does not agree with its subject '{subject}'"
        if v.speech:
            message += " (in dialogue this may be the character's voice)"
        return self.issue(start, end, message + ".", [suggestion], severity=severity)
