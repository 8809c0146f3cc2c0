"""dialogue-punctuation: the punctuation and capitals around speech and its tags."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ...speech_verbs import speech_forms
from ..base import Rule, load_list

SUBJECT_PRONOUNS = {"he", "she", "they", "i", "we", "you", "it"}
OBJECT_PRONOUNS = {"him", "her", "them", "me", "us", "you"}
DETERMINERS = {"the", "his", "her", "their", "my", "our", "your", "a", "an", "its", "this", "that",
               "these", "those"}
# Words that are lower case in a tag that goes on the sentence (she said, the old man muttered).
RECASE = SUBJECT_PRONOUNS - {"i"} | DETERMINERS
SUBJECT_TAGS = {"NNP", "NNPS", "NN", "NNS", "DT", "JJ", "JJR", "JJS", "PRP$", "POS", "HYPH", "CD",
                "VBN"}
NOUN_TAGS = {"NNP", "NNPS", "NN", "NNS"}
VERB_FIRST_SUBJECT = {"NNP", "NNPS", "NN", "NNS", "DT", "PRP$", "JJ", "CD", "PDT"}
NOT_A_SUBJECT = {"it", "that", "this", "nothing", "something", "anything", "everything", "so", "yes",
                 "no", "what", "how", "why", "if", "whether", "all", "enough", "more", "much", "these",
                 "those"}
ADVERB_TAGS = {"RB", "RBR", "RBS"}
# After a speech verb, these make it a statement about speech ("She said nothing."), not a tag.
NOT_A_TAG_AFTER = {"it", "that", "this", "nothing", "something", "anything", "everything", "so",
                   "yes", "no", "goodbye", "hello", "a", "an", "the", "what", "how", "why", "if",
                   "whether", "to", "for", "about", "of", "his", "her", "their", "my", "some", "these",
                   "those", "each", "every", "one", "up"}
_INDENTED_LINE = re.compile(r"\n[ \t]{2,}")
ELLIPSIS_DASH = ("...", "…", "—", "–", "-", "--", "..")
TRAILING_MARKUP = "*_~"
SENTENCE_END = set('.!?…:"“”‘’\'')
# Names that are exclamations rather than someone spoken to ("Oh God", "Thank heavens").
EXCLAMATIONS = {"god", "lord", "jesus", "christ", "heaven", "heavens", "merlin", "hell", "gosh",
                "goodness", "damn", "christmas", "mary", "allah", "gods", "zeus", "crikey", "blimey",
                "jeez", "geez", "i",
                # times, not people: "Come Friday, we leave."
                "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                "january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december", "easter", "halloween"}
NOT_NAMES = SUBJECT_PRONOUNS | OBJECT_PRONOUNS | DETERMINERS | {
    "and", "but", "or", "so", "then", "now", "well", "oh", "ah", "yes", "no", "not", "please", "here",
    "there", "what", "who", "why", "how", "when", "where", "come", "go", "let", "do", "don't", "dear"}
OH_PHRASES = {"dear", "boy", "boys", "man", "baby", "brother", "girl", "child", "kid", "love", "lad", "mate"}
# Verbs that open an order to someone named first ("Tom, come here").
IMPERATIVES = {"come", "go", "look", "listen", "wait", "stop", "get", "give", "take", "help", "hurry",
               "sit", "stand", "tell", "stay", "leave", "bring", "calm", "watch", "keep", "hold",
               "hang", "move", "try", "follow", "show", "please", "run", "grab", "open", "close",
               "pass", "duck", "jump", "relax", "shut", "be"}


@lru_cache(maxsize=1)
def beat_verbs() -> frozenset[str]:
    """Speech verbs that mostly name an action (laugh, sigh): never a tag after a capital."""
    return frozenset(load_list("dialogue-punctuation-beat-verbs.txt"))


@lru_cache(maxsize=1)
def action_verbs() -> frozenset[str]:
    """Speech verbs that can name an action (cry, call): a tag after ? or !, not after a full stop."""
    return frozenset(load_list("dialogue-punctuation-action-verbs.txt")) | beat_verbs()


@lru_cache(maxsize=1)
def address_leads() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(line.lower().split()) for line in load_list("dialogue-punctuation-address-leads.txt"))


@lru_cache(maxsize=1)
def vocatives() -> frozenset[str]:
    return frozenset(w.lower() for w in load_list("dialogue-punctuation-vocatives.txt"))


def _misread_name(t) -> bool:
    """A capitalised name the tagger took for a pronoun (``"Turn it up." Dax says``)."""
    return (t.tag == "PRP" and t.text[:1].isupper() and t.text.isalpha()
            and t.lower not in SUBJECT_PRONOUNS | OBJECT_PRONOUNS | NOT_A_SUBJECT)


@dataclass
class Tag:
    """What follows a quote: a subject and a verb (she said / said Tom / She smiled)."""

    first: int          # index of the first token after the quote
    verb: int           # index of the verb
    speech: bool        # the verb is a verb of speaking
    beat: bool          # ... that mostly names an action (laughed, sighed)
    action: bool        # ... that can name an action (cried, called, thought) -- includes beat
    verb_first: bool    # said Tom
    complete: bool      # nothing but adverbs, an object pronoun or a short phrase follows the verb


class DialoguePunctuation(Rule):
    """
    What it does:
        Checks the punctuation and capitals where speech meets its dialogue tag:
        a full stop where a comma belongs before a speech tag (`"Yes." she said`,
        `"Yes." She said.`), a tag capitalised after a comma (`"Yes," She said`) or
        after a question or exclamation mark (`"Why?" He asked.`), speech with no
        punctuation before the closing mark when a tag follows (`"Yes" she said`),
        a missing comma before the name of the person spoken to (`"Come on Harry"`,
        `"Thanks Mira."`, `"Tom come here"`), quotes that are never closed, closing
        marks with nothing open, and curly marks turned the wrong way.  An unclosed quote
        followed by a tag (`"Not one of them bit anybody, Pet said, studying ...`) is
        reported where the closing mark is missing; the narration after the tag is narration.

    Why is this bad?
        The tag belongs to the sentence of the speech it reports, so the speech ends
        with a comma (or ? or !) and the tag goes on in lower case.  Readers stumble on
        a full stop before "she said", and a name spoken to without its comma reads as
        the subject of the sentence.  An unclosed quote makes the narration after it
        read as speech.

    Leaves alone:
        Action beats, which are sentences of their own (`"Yes." She smiled.`,
        `"Fine." She turned away.`, `"No." He laughed.`), including a speech verb used
        as narration (`"Go." She said nothing more.`); names and "I" after the quote
        (`"Yes," Tom said.`); speech cut off with a dash or trailing off with an
        ellipsis; a tag that introduces the next quote (`"Yes." She said, "But not
        now."`); names that are the subject or object (`"Harry said so."`,
        `"I told Harry."`); exclamations such as "Oh God"; speech that runs on into the
        next paragraph, which reopens the quote; and inch marks (`a 12" record`).
        Single-quote (British) dialogue is checked the same way.

    Example:
        "Not yet." She whispers.
        "Come on Harry," Ron said.

    Use instead:
        "Not yet," she whispers.
        "Come on, Harry," Ron said.
    """

    id = "dialogue-punctuation"
    category = "dialogue"
    severity = "error"
    bad = (
        '"I can\'t stay." she said, pulling on her coat.',
        '"Not yet." She whispered, and the candle guttered between them.',
        '"You\'re late," He said without looking up from the map.',
        '"Why would you do that?" He asked, his voice flat.',
        '"I don\'t know" the old man muttered, and turned back to the fire.',
        '"Come on Harry, we\'ll miss the train," Ron said.',
        '"Thanks Mira." Jonah took the mug from her and drank.',
        '"Wait for me," she called. "I\'m coming.\n\nThe door slammed behind her.',
        '"Pass the salt." Kell says, not looking up from her book.',
        '"Nobody ever drowned in this harbour, Wynn said, and spat over the rail.',
    )
    good = (
        '"Yes." She smiled and set the cup down.',
        '"Fine." She turned away before he could see her face.',
        '"I suppose so," Tom said. "Mrs. Bennet replied to the letter herself."',
        '"Why?" he asked. "Why would anyone want that?"',
        '"I was going to—" she began, but he was already gone.',
        '"Harry said so. I told Harry, and Harry told Ron."',
        '"Oh God," she breathed. "Thank you, Mira."',
        '"The road runs on for miles.\n\n"And then it stops at the sea," he said.',
        '"Pass the salt." Kell reaches across the table for it.',
        "‘Morning,’ said Gwen. ‘Kettle’s on.’ ‘Good,’ said Ivo.\n\n‘Is the ferry running?’\n\n"
        "‘Course it is,’ said Gwen.",
    )

    def check(self, story, ctx):
        self._tokens = tokens = story.tokens
        self._starts = [t.start for t in tokens]
        text = story.text
        paragraphs = story.paragraphs
        for q in story.quotes:
            if q.problem == "unclosed" and not q.continues:
                yield self._unclosed(text, q, paragraphs[q.paragraph])
            if q.open_mark and q.open_mark in "”’":
                yield self.issue(q.start, q.start + 1,
                                 f"The opening quote mark is turned the wrong way ({q.open_mark}).",
                                 ["“" if q.open_mark == "”" else "‘"])
            if q.close_mark and q.close_mark in "“‘":
                yield self.issue(q.end - 1, q.end,
                                 f"The closing quote mark is turned the wrong way ({q.close_mark}).",
                                 ["”" if q.close_mark == "“" else "’"])
            par = paragraphs[q.paragraph]
            if q.close_mark is not None:
                yield from self._after_quote(text, q, par)
            yield from self._direct_address(text, q, ctx)
        for m in story.stray_marks:
            prev = text[m.start - 1] if m.start > 0 else " "
            if prev.isdigit():
                continue  # 12" / 5'11": inches
            yield self.issue(m.start, m.end,
                             "A closing quote mark with no opening mark before it.", severity="warning")

    def _unclosed(self, text, q, par):
        """An unclosed quote: where its closing mark is missing when the document model saw
        the speech end before a tag ("anybody, Pet said"), else at its opening mark."""
        if not q.before_tag:
            return self.issue(q.start, q.start + 1,
                              "This quote is never closed: the narration after it reads as speech.",
                              severity="warning")
        a = q.inner_end - 1
        while a > q.inner_start and not text[a - 1].isspace():
            a -= 1
        close = {"“": "”", "‘": "’", "«": "»", "„": "“"}.get(q.open_mark, q.open_mark)
        word = text[a:q.inner_end]
        tag = text[q.inner_end:par.end].split()[:2]
        return self.issue(a, q.inner_end,
                          f"This quote is never closed: the closing mark belongs after '{word}', "
                          f"before '{' '.join(tag).rstrip(',.;:')}'.", [word + close], severity="warning")

    # -- tokens --------------------------------------------------------------
    def _first_token_at(self, offset: int) -> int:
        return bisect.bisect_left(self._starts, offset)

    # -- the tag after a quote ----------------------------------------------
    def _parse_tag(self, k: int, limit: int) -> Tag | None:
        """Read a dialogue tag or action beat starting at token ``k`` (tokens before ``limit``)."""
        toks = self._tokens
        if k >= len(toks) or toks[k].start >= limit:
            return None
        forms = speech_forms()
        first = toks[k]
        low = first.lower
        n = len(toks)

        def ok(j: int) -> bool:
            return j < n and toks[j].start < limit

        # Verb first: said Tom, said the old man, asked Mrs. Bennet, said she, said another.
        if low in forms and first.tag not in ("VBG", "IN", "DT"):
            j = k + 1
            while ok(j) and toks[j].tag in ADVERB_TAGS and j < k + 3:
                j += 1
            if ok(j):
                nxt = toks[j]
                after = toks[j + 1] if ok(j + 1) else None
                if nxt.lower in SUBJECT_PRONOUNS - {"it", "you"}:
                    subject = True
                elif nxt.lower in ("that", "this"):
                    subject = after is not None and after.tag in NOUN_TAGS
                else:
                    subject = ((nxt.tag in VERB_FIRST_SUBJECT or nxt.text[:1].isupper())
                               and nxt.lower not in NOT_A_SUBJECT and nxt.text[:1].isalpha())
                if subject and first.tag in ("NN", "NNS"):
                    # "Thought poor Alice": a capitalised verb the tagger took for a noun
                    subject = first.text[:1].isupper() and (
                        nxt.tag in ("NNP", "PRP") or (after is not None and after.tag == "NNP"))
                if subject:
                    return Tag(k, k, True, False, False, True, True)
        # Subject first: she said / Tom said / the old man muttered / Mrs. Bennet replied.
        j = k
        if low in SUBJECT_PRONOUNS and first.tag in ("PRP", "NN", "NNP"):
            j = k + 1
        else:
            nouns = 0
            while ok(j) and j < k + 6 and (toks[j].tag in SUBJECT_TAGS or (j == k and _misread_name(toks[j]))):
                if toks[j].tag in NOUN_TAGS or (toks[j].text[:1].isupper() and j == k):
                    nouns += 1
                    if toks[j].lower in forms and toks[j].text[:1].islower() and j > k:
                        break  # "the man sighs" tagged NNS
                j += 1
            if nouns == 0 or j == k:
                return None
            if toks[j - 1].tag not in NOUN_TAGS and not toks[j - 1].text[:1].isupper() \
                    and not (ok(j) and toks[j].lower in forms):
                return None
        adverbs = 0
        while ok(j) and toks[j].tag in ADVERB_TAGS and adverbs < 2 and toks[j].lower not in ("not", "n't"):
            j += 1
            adverbs += 1
        if not ok(j):
            return None
        verb = toks[j]
        if verb.lower in forms and verb.tag not in ("VBG", "VBN", "IN", "DT"):
            lemma = forms[verb.lower]
            return Tag(k, j, True, lemma in beat_verbs(), lemma in action_verbs(), False,
                       self._tag_end(j, limit))
        if verb.tag in ("VBD", "VBZ", "VBP", "MD") and verb.text[:1].islower():
            return Tag(k, j, False, False, False, False, False)
        return None

    def _tag_end(self, v: int, limit: int) -> bool:
        """Whether the speech verb at ``v`` ends its clause as a tag does.

        After a tag come adverbs, the person spoken to and short phrases (``said softly``,
        ``asked him``, ``whispered to her``, ``said in a low voice``), then punctuation.
        ``said nothing``, ``asked for the bill``, ``told him everything`` are narration.
        """
        toks = self._tokens
        n = len(toks)
        j = v + 1

        def ok(i: int) -> bool:
            return i < n and toks[i].start < limit

        if ok(j) and toks[j].lower in NOT_A_TAG_AFTER and toks[j].lower != "to":
            return False
        if ok(j) and toks[j].lower == "to" and ok(j + 1) and toks[j + 1].tag == "VB":
            return False
        steps = 0
        while ok(j) and steps < 6:
            t = toks[j]
            if t.tag in (",", ".", ":", "``", "''", "NFP") or t.text in ("—", "–", "...", "…", ";", "!", "?"):
                return True
            if (t.tag in ADVERB_TAGS or t.tag in ("IN", "RP", "DT", "PRP$", "JJ", "NN", "NNP", "PRP", "CD")
                    or t.lower in OBJECT_PRONOUNS):
                j += 1
                steps += 1
                continue
            return False
        return not ok(j)

    def _no_object(self, v: int, limit: int) -> bool:
        """The speech verb at ``v`` is not followed by what it says (``said nothing``, ``asked if``)."""
        toks = self._tokens
        if v + 2 < len(toks) and toks[v + 1].lower == "a" and toks[v + 2].lower in ("little", "bit"):
            return True  # said a little stiffly
        return not (v + 1 < len(toks) and toks[v + 1].start < limit and toks[v + 1].lower in NOT_A_TAG_AFTER
                    and toks[v + 1].lower != "to")

    def _introduces(self, v: int, limit: int) -> bool:
        """The clause of the verb at ``v`` introduces a new quoted sentence: ``He repeated, "From the Queen."``

        Not when the quote goes on in lower case (``"Yes." She said, "and no."``): that is the
        rest of the sentence the first quote began, which therefore wanted a comma.
        """
        toks = self._tokens
        j = v + 1
        while j < len(toks) and toks[j].start < limit and j < v + 14:
            t = toks[j]
            if t.tag == "``" or t.text in ('"', "“", "‘", "'"):
                # a new sentence of speech ("But not now.") -- not the rest of the first one
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                return nxt is None or not nxt.text[:1].islower()
            if t.text in (".", "!", "?", ";"):
                return False
            j += 1
        return False

    def _after_quote(self, text, q, par):
        inner = text[q.inner_start:q.inner_end].rstrip(TRAILING_MARKUP)
        if not inner:
            return
        if inner.endswith(ELLIPSIS_DASH):
            return
        last = inner[-1]
        last_at = q.inner_start + len(inner) - 1
        k = self._first_token_at(q.end)
        toks = self._tokens
        if k >= len(toks) or toks[k].start >= par.end:
            return
        first = toks[k]
        between = text[q.end:first.start]
        if between.strip():
            return
        if not first.text[:1].isalpha():
            return
        tag = self._parse_tag(k, par.end)
        if tag is None:
            return
        verb = toks[tag.verb]
        cap = first.text[:1].isupper()
        recase = cap and first.lower in (RECASE | set(speech_forms())) and not (
            first.lower in DETERMINERS and k + 1 < len(toks) and toks[k + 1].text[:1].isupper())
        lowered = first.text[:1].lower() + first.text[1:]
        raised = first.text[:1].upper() + first.text[1:]
        mid = text[last_at + 1:first.start]
        if _INDENTED_LINE.search(mid):
            return  # verse: every line starts with a capital

        if last == ".":
            if inner.endswith(("Mr.", "Mrs.", "Dr.", "St.", "etc.", "Co.", "Jr.", "Sr.")):
                return
            if not cap:
                if tag.speech:
                    sugg = ["," + mid + first.text]
                    if tag.action:
                        sugg.append("." + mid + raised)
                    yield self.issue(last_at, first.end,
                                     f"'{verb.text}' is a speech tag: end the speech with a comma, not a full stop.",
                                     sugg)
                elif first.lower in SUBJECT_PRONOUNS or first.tag in NOUN_TAGS | {"DT", "PRP$"}:
                    yield self.issue(last_at, first.end,
                                     "After a full stop the action beat starts a new sentence with a capital.",
                                     ["." + mid + raised])
                return
            if tag.speech and (tag.verb_first or (not tag.action and tag.complete
                                                  and not self._introduces(tag.verb, par.end))):
                if recase:
                    yield self.issue(last_at, first.end,
                                     f"'{verb.text}' is a speech tag: end the speech with a comma and "
                                     f"go on in lower case.", ["," + mid + lowered])
                elif not tag.verb_first:
                    yield self.issue(last_at, last_at + 1,
                                     f"'{verb.text}' is a speech tag: end the speech with a comma, not a full stop.",
                                     [","])
            return
        if last == ",":
            if recase:
                if tag.speech:
                    yield self.issue(first.start, first.end,
                                     "The tag goes on the sentence of the speech: no capital after the comma.",
                                     [lowered])
                else:
                    yield self.issue(last_at, first.end,
                                     "A comma ends speech only before a speech tag; before an action "
                                     "beat use a full stop.", ["." + mid + first.text, "," + mid + lowered])
            return
        if last in "?!":
            if recase and tag.speech and (tag.verb_first or (not tag.beat and self._no_object(tag.verb, par.end))):
                yield self.issue(first.start, first.end,
                                 f"'{verb.text}' is a speech tag: it goes on in lower case after the {last}.",
                                 [lowered])
            return
        if last.isalnum():
            if not self._starts_sentence(text, q.start, par.start):
                return
            word_start = last_at
            while word_start > q.inner_start and (text[word_start - 1].isalnum() or text[word_start - 1] in "'’"):
                word_start -= 1
            word = text[word_start:last_at + 1]
            if tag.speech:
                if recase:
                    yield self.issue(word_start, first.end,
                                     "The speech needs a comma before the closing mark, and the tag goes "
                                     "on in lower case.", [word + "," + mid + lowered])
                else:
                    yield self.issue(word_start, last_at + 1,
                                     f"The speech needs a comma before the closing mark: '{verb.text}' is a speech tag.",
                                     [word + ","])
            elif cap and first.lower in SUBJECT_PRONOUNS | DETERMINERS:
                yield self.issue(word_start, last_at + 1,
                                 "The speech needs punctuation before the closing mark.", [word + "."])

    @staticmethod
    def _starts_sentence(text: str, open_at: int, par_start: int) -> bool:
        i = open_at - 1
        while i >= par_start and text[i].isspace():
            i -= 1
        return i < par_start or text[i] in SENTENCE_END

    # -- direct address --------------------------------------------------------
    def _direct_address(self, text, q, ctx):
        toks = self._tokens
        a = self._first_token_at(q.inner_start)
        b = self._first_token_at(q.inner_end)
        if b - a < 2:
            return
        leads = address_leads()
        vocs = vocatives()
        j = a
        while j < b:
            t = toks[j]
            kind = self._addressee(t, ctx, vocs)
            if kind is None or j == a:
                # name first: "Tom come here"
                if kind == "name" and j == a and j + 2 < b and t.tag in ("NNP", "NNPS") \
                        and not ctx.word_counts.get(t.lower) and t.lower not in vocs:
                    nxt = toks[j + 1]
                    if (nxt.lower in IMPERATIVES and nxt.tag in ("VB", "VBP") and nxt.text.islower()
                            and toks[j + 1].start == t.end + 1 and toks[j + 2].text[:1].isalpha()
                            and toks[j + 2].lower not in ("and", "or", "to", "'s")):
                        yield self.issue(t.start, t.end,
                                         f"'{t.text}' is spoken to: a comma sets the name off.",
                                         [t.text + ","], severity="warning")
                j += 1
                continue
            # the name may run over several tokens: Mr. Potter, Professor McGonagall
            e = j
            while e + 1 < b and toks[e + 1].tag in ("NNP", "NNPS") and toks[e + 1].text[:1].isupper() \
                    and toks[e + 1].start == toks[e].end + 1:
                e += 1
            nxt = toks[e + 1] if e + 1 < b else None
            if nxt is not None and not (nxt.text in (",", ".", "!", "?", ";", "…", "...", "—", "–", "--")
                                        or nxt.tag in (".", ",", ":", "NFP")):
                j = e + 1
                continue
            # the words from the start of the clause up to the name
            c = j - 1
            while c > a and (toks[c - 1].text[:1].isalnum() or toks[c - 1].text[:1] in "'’"):
                c -= 1
            words = tuple(x.lower for x in toks[c:j])
            p = j - 1
            if len(words) > 1 and words[-1] == "my" and kind == "common":
                words = words[:-1]  # "Thank you my dear"
                p = j - 2
            prev = toks[p]
            if not prev.text[:1].isalpha() or not text[prev.end:toks[p + 1].start].isspace() \
                    or "\n\n" in text[prev.end:t.start]:
                j = e + 1
                continue
            matched = words in leads
            if matched and words[0] in ("oh", "ah", "aw", "aww") and kind == "common" and t.lower in OH_PHRASES:
                matched = False  # "Oh dear", "Oh boy", "Oh man": exclamations
            if not matched:
                j = e + 1
                continue
            yield self.issue(prev.start, toks[e].end,
                             f"'{text[t.start:toks[e].end]}' is spoken to: a comma sets the name off.",
                             [text[prev.start:prev.end] + "," + text[prev.end:toks[e].end]],
                             severity="warning")
            j = e + 1

    @staticmethod
    def _addressee(t, ctx, vocs) -> str | None:
        """'name' for a person's name, 'common' for sir/mum/mate ..., else None."""
        low = t.lower
        if low in EXCLAMATIONS:
            return None
        if low in vocs or (low.startswith("ma") and low.replace("’", "'") == "ma'am"):
            return "common"
        if low in NOT_NAMES:
            return None
        if t.text[:1].isupper() and t.text[1:].islower() or (t.text[:1].isupper() and t.tag in ("NNP", "NNPS")):
            if t.tag in ("NNP", "NNPS") or ctx.is_name(t.text):
                if low in vocs:
                    return "common"
                return "name"
        if low in vocs or (low.startswith("ma") and low.replace("’", "'") == "ma'am"):
            return "common"
        return None
