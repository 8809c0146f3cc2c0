"""epithets: "the older man", "the blonde", "sapphire orbs" standing in for a character's name."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from ..base import Rule, load_list
from ..prose import token_index, token_starts

_MALE = frozenset({"man", "boy", "guy", "lad", "gentleman", "wizard", "prince", "male"})
_FEMALE = frozenset({"woman", "girl", "lass", "lady", "witch", "princess", "female"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@lru_cache(maxsize=None)
def _patterns() -> tuple[re.Pattern, re.Pattern, frozenset[str], frozenset[str]]:
    """Compiled patterns (those starting with "the", the others), person nouns, hair words."""
    lists: dict[str, list[str]] = {}
    patterns: list[str] = []
    for line in load_list("epithets.txt"):
        definition = re.match(r"@([A-Z]+):(.*)$", line)
        if definition:
            lists[definition.group(1)] = definition.group(2).split()
        else:
            patterns.append(line)

    def expand(m: re.Match) -> str:
        words = sorted(lists[m.group(1)], key=len, reverse=True)
        return "(?:" + "|".join(re.escape(w) for w in words) + ")"

    the_parts, other_parts = [], []
    for p in patterns:
        if p.startswith("the "):
            the_parts.append("(?:" + re.sub(r"@([A-Z]+)", expand, p[4:]).replace(" ", r"\s+") + ")")
        else:
            other_parts.append("(?:" + re.sub(r"@([A-Z]+)", expand, p).replace(" ", r"\s+") + ")")
    the = re.compile(r"[Tt]he\s+(?:" + "|".join(the_parts) + r")(?![\w-])", re.IGNORECASE)
    other = re.compile(r"(?<![\w'’-])(?:" + "|".join(other_parts or ["(?!)"]) + r")(?![\w-])",
                       re.IGNORECASE)
    return the, other, frozenset(lists.get("PERSON", ())), frozenset(lists.get("HAIRNOUN", ()))


class Epithets(Rule):
    """
    What it does:
        Flags fanfic epithets — descriptions standing in for a character's name in
        narration: "the older man", "the younger woman", "the shorter boy", "the blonde",
        "the redhead", "the raven-haired girl", "the green-eyed boy", "the golden boy",
        "the boy-who-lived", and eyes called "orbs" ("her sapphire orbs").  The message
        counts how often this epithet and epithets in all appear in the story; a story
        that leans on them (5 or more, this one at least twice) gets a warning, and so
        do "orbs".  The patterns live in `checks/data/epithets.txt`.

    Why is this bad?
        Readers know characters by name.  "The older man" makes them stop and work out
        who is meant, and a scene that switches between "Harry", "the raven-haired boy"
        and "the Gryffindor" reads as if there were three people.  A name or a pronoun
        is invisible; an epithet is not.

    Leaves alone:
        The first introduction of someone unnamed ("an older man sat at the bar" — "a"
        and "an" never count), epithets inside dialogue (characters may call each other
        anything), plain "the man" / "the old man", hair colour as an adjective of
        something else ("the blonde hair", "the ginger cat"), and orbs that are not eyes
        ("orbs of light").

    Example:
        The older man glanced at the blonde. The raven-haired boy rolled his emerald orbs.

    Use instead:
        Lucius glanced at Draco. Harry rolled his eyes.
    """

    id = "epithets"
    category = "style"
    severity = "info"
    bad = (
        "Harry looked up. The older man was watching him from the doorway.",
        "Draco scowled, and the blonde stalked off towards the dungeons.",
        "Ginny grinned. The redhead had always loved a challenge.",
        "She looked into his sapphire orbs and forgot what she had meant to say.",
        "The raven-haired girl tossed her bag onto the bed.",
        "Nobody expected the boy-who-lived to turn up at the party.",
    )
    good = (
        "An older man sat at the bar, nursing a whisky.",
        '"Ask the blonde," Ron said. "She knows everything."',
        "She brushed the blonde hair out of her eyes.",
        "The old man fed the pigeons every morning.",
        "Two glowing orbs of light floated above the altar.",
        "Sirius glanced at Harry, and Harry looked away.",
    )

    def check(self, story, ctx):
        tokens = story.tokens
        if not tokens:
            return
        the, other, persons, hair_words = _patterns()
        text = story.text
        starts = token_starts(story, ctx)
        index = token_index(story, ctx)
        found = []
        for i in index.by_lower.get("the", ()):
            t = tokens[i]
            if t.speech:
                continue
            m = the.match(text, t.start)
            if m is not None:
                span = self._accept(m, tokens, starts, persons, hair_words)
                if span is not None:
                    found.append(span)
        orbs = "orbs" in index.by_lower
        if orbs:
            for m in other.finditer(text):
                k = bisect_left(starts, m.start())
                if k >= len(tokens) or tokens[k].start != m.start() or tokens[k].speech:
                    continue  # not story prose (notes, headings), or inside dialogue
                span = self._accept(m, tokens, starts, persons, hair_words)
                if span is not None:
                    found.append(span)
        if not found:
            return
        keys = Counter(_key(text[a:b]) for a, b, _ in found)
        total = len(found)
        for a, b, head in found:
            phrase = " ".join(text[a:b].split())
            key = _key(phrase)
            orbs = key.endswith("orbs")
            here = keys[key]
            counts = (f"{here} times in this story, {total} epithets in all" if here > 1
                      else f"{total} epithet{'s' if total > 1 else ''} in this story")
            severity = "warning" if orbs or (total >= 5 and here >= 2) else None
            if orbs:
                msg = f"'{phrase}' — eyes are eyes ({counts}); call them eyes."
                suggestion = re.sub(r"orbs$", "eyes", phrase, flags=re.IGNORECASE)
                fix = [suggestion] if suggestion != phrase else []
            else:
                msg = f"'{phrase}' stands in for a name ({counts}); use the name or a pronoun."
                fix = _pronoun(tokens[head], text[a:b]) if head is not None else []
            yield self.issue(a, b, msg, fix, severity=severity)

    @staticmethod
    def _accept(m, tokens, starts, persons, hair_words):
        """(start, end, head token index) of an accepted match, or None."""
        a, b = m.start(), m.end()
        last = bisect_left(starts, b) - 1          # last token inside the match
        nxt = tokens[last + 1] if last + 1 < len(tokens) else None
        words = m.group(0).lower().split()
        tail = words[-1]
        if tail == "orbs":
            if nxt is not None and nxt.lower == "of":
                return None                         # "orbs of light"
            return a, b, None
        if tail in hair_words or tail.endswith("haired"):
            # "the blonde" as a noun, not "the blonde hair"; "the raven-haired girl" (take the
            # noun after "haired")
            if nxt is not None and nxt.sent == tokens[last].sent and nxt.pos in ("NOUN", "PROPN", "ADJ"):
                if nxt.lower in persons or (tail.endswith("haired") and nxt.pos == "NOUN"):
                    return a, nxt.end, nxt.i
                return None                         # "the blonde hair", "the ginger cat"
            return a, b, last
        if nxt is not None and nxt.text in ("-", "–") :
            return None
        return a, b, last


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _pronoun(head, original: str) -> list[str]:
    """'he' / 'him' / 'she' / 'her' for an epithet whose head noun says man or woman."""
    noun = head.lower
    if noun in _MALE:
        subj, obj = "he", "him"
    elif noun in _FEMALE:
        subj, obj = "she", "her"
    else:
        return []
    word = subj if head.dep in _SUBJECT_DEPS else obj if head.dep in ("dobj", "pobj", "dative") else None
    if word is None:
        return []
    if original[:1].isupper():
        word = word.capitalize()
    return [word]
