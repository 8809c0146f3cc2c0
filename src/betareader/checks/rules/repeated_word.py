"""repeated-word: the same word twice in a row."""

from __future__ import annotations

from ..base import Rule

# Doublings that are grammatical English.
LEGITIMATE = {"had", "that", "is", "do", "bye", "no", "yes", "very", "so", "really", "ha", "haha",
              "knock", "tut", "hush", "now", "well", "there", "go", "run", "come", "please", "help",
              "never", "yeah", "oh", "ah", "hey", "wait", "stop", "okay", "ok", "sorry", "quick",
              "fast", "slowly", "faster", "more", "again", "far", "on", "out", "round", "over",
              "away", "ever", "blah", "boom", "bang", "tick", "tock", "knock", "pitter", "ding",
              "chop", "hip", "la", "na", "ho", "hee", "heh", "hm", "mm", "hmm", "uh", "um", "bye",
              "many", "much", "down", "up", "in", "deeper", "closer", "louder", "higher", "harder"}


_OBJECT = frozenset({"dobj", "pobj", "dative", "iobj"})
_NEXT_CLAUSE = frozenset({"nsubj", "nsubjpass", "poss", "expl"})


def _object_then_subject(tokens, prev, tok) -> bool:
    """A pronoun ending one phrase (object) and the same pronoun starting the next."""
    if prev.tag != "PRP" or prev.dep not in _OBJECT or prev.head >= prev.i:
        return False
    if tok.dep not in _NEXT_CLAUSE or tok.head <= tok.i or tok.i + 1 >= len(tokens):
        return False
    nxt = tokens[tok.i + 1]
    if tok.dep == "poss":
        return nxt.pos in ("NOUN", "ADJ", "PROPN")
    return nxt.tag.startswith("VB") or nxt.tag == "MD"


class RepeatedWord(Rule):
    """
    What it does:
        Flags a word written twice in a row ("the the", "to to").

    Why is this bad?
        A doubled word is almost always an editing slip: a sentence rewritten halfway,
        a line break that hid the first copy.  Spell checkers miss it because both
        copies are real words.

    Leaves alone:
        Doublings that English allows: "had had", "that that", "is is" across a clause
        boundary, emphatic repeats ("no no", "very very", "come on, come on"),
        onomatopoeia ("knock knock", "tick tock"), a pronoun that ends one phrase and
        starts the next ("gave her her coat", "if I take you you'll have to"), anything
        separated by punctuation ("Go, go!"), and stammering in dialogue written with a
        hyphen ("I-I").

    Example:
        She opened the the door.

    Use instead:
        She opened the door.
    """

    id = "repeated-word"
    category = "repetition"
    severity = "error"
    bad = ("She opened the the door and stepped inside.",
           "He wanted to to leave before the rain came.")
    good = ("She had had enough of the rain by noon.",
            "He said that that was the end of it.",
            '"No, no, no," she said. "Go, go!"',
            "She knocked. Knock knock, nobody answered.",
            "They gave her her coat back at the door.",
            "If I take you you'll have to behave.")

    def check(self, story, ctx):
        tokens = story.tokens
        for prev, tok in zip(tokens, tokens[1:]):
            if tok.lower != prev.lower or not tok.text[:1].isalpha():
                continue
            if tok.sent != prev.sent or tok.start - prev.end > 1 or not prev.ws:
                continue
            if tok.lower in LEGITIMATE:
                continue
            if _object_then_subject(tokens, prev, tok):
                continue  # "teach her her manners", "if I take you you'll have to"
            yield self.issue(prev.start, tok.end, f"'{tok.text}' is written twice.", [prev.text])
