"""dialogue-tag-adverbs: a speech tag propped up by an -ly adverb ("said angrily")."""

from __future__ import annotations

from functools import lru_cache

from ..base import Rule, load_list
from ..prose import dialogue_tags, lemma, speech_verbs


@lru_cache(maxsize=None)
def _redundant() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for line in load_list("dialogue-tag-adverbs-redundant.txt"):
        verb, _, advs = line.partition("->")
        out[verb.strip()] = frozenset(advs.split())
    return out


@lru_cache(maxsize=None)
def _skip() -> frozenset[str]:
    return frozenset(load_list("dialogue-tag-adverbs-skip.txt"))


class DialogueTagAdverbs(Rule):
    """
    What it does:
        Flags a dialogue tag whose speech verb leans on an -ly adverb: `"Get out," she
        said angrily`, `"Hello," he whispered softly`, `asked Harry curiously`.  The verb
        must tag a quote: right after it (behind its subject), inverted (`said Harry`), or
        introducing it (`She said coldly, "..."`).  Redundant pairs ("whispered softly",
        "shouted loudly") get their own message.

    Why is this bad?
        The adverb tells the reader how a line sounds instead of letting the words, the
        action around them or the reader's ear do it.  A run of "said sadly / said
        angrily / said quietly" is one of the first things a beta reader marks.

    Leaves alone:
        Adverbs that say when or how much rather than how the line sounds ("said
        finally", "said only", "said suddenly", "really"); -ly adverbs on a verb that is
        not tagging a quote ("she answered the letter promptly"); anything inside the
        dialogue itself; and adjectives ending in -ly ("a lovely", "friendly").

    Example:
        "You lied to me," she said angrily.

    Use instead:
        "You lied to me." She threw the letter at his feet.
    """

    id = "dialogue-tag-adverbs"
    category = "style"
    severity = "info"
    bad = (
        '"You lied to me," she said angrily, and turned away from the window.',
        '"Is anyone there?" Hermione whispered softly into the dark corridor.',
        '"Where were you last night?" asked Harry curiously.',
        'Draco said coldly, "I never asked for your help."',
        '"Get down," he shouted loudly over the roar of the engines.',
    )
    good = (
        '"You lied to me." She threw the letter at his feet.',
        '"Is anyone there?" Hermione whispered into the dark corridor.',
        '"Fine," he said finally, and picked up his coat.',
        'She answered the letter promptly and sealed it before supper.',
        '"He spoke so angrily," she said. "I didn\'t know what to do."',
        '"Why not?" she asked, and he quietly closed the door.',
    )

    def check(self, story, ctx):
        tokens = story.tokens
        text = story.text
        verbs = speech_verbs()
        redundant = _redundant()
        skip = _skip()
        for tag in dialogue_tags(story, ctx):
            v = tokens[tag.verb]
            verb = lemma(v)
            if verb not in verbs:
                continue
            adv = self._adverb(tokens, tag, skip)
            if adv is None:
                continue
            a = tokens[adv]
            lo, hi = min(adv, tag.verb), max(adv, tag.verb)
            start, end = tokens[lo].start, tokens[hi].end
            suggestion = _without(text, tokens, lo, hi, adv)
            if a.lower in redundant.get(verb, ()):
                msg = (f"'{v.text} {a.text}': '{a.text}' repeats what '{v.text}' already says; "
                       f"cut it.")
            else:
                msg = (f"'{v.text}' leans on '{a.text}': let the line, or a beat beside it, show "
                       f"how it is said.")
            yield self.issue(start, end, msg, [suggestion] if suggestion else [])

    @staticmethod
    def _adverb(tokens, tag, skip):
        """The -ly manner adverb attached to the tag verb (next to it, or after its subject)."""
        v = tag.verb
        n = len(tokens)
        last = max(v, tag.subject if tag.subject is not None else v) + 3
        for j in range(max(0, v - 2), min(n, last + 1)):
            if j == v:
                continue
            t = tokens[j]
            if t.speech:
                if j > v:
                    break
                continue
            if (t.pos == "ADV" and t.tag == "RB" and t.lower.endswith("ly") and len(t.lower) > 4
                    and t.lower not in skip and t.head == v):
                return j
        return None


def _without(text: str, tokens, lo: int, hi: int, adv: int) -> str:
    """``text[tokens[lo].start:tokens[hi].end]`` with the adverb (and a comma before it) taken out."""
    if adv == hi:
        k = adv - 1
        while k > lo and tokens[k].text == ",":
            k -= 1
        return text[tokens[lo].start:tokens[k].end]
    if adv == lo:
        return text[tokens[lo + 1].start:tokens[hi].end]
    return (text[tokens[lo].start:tokens[adv - 1].end] + " " +
            text[tokens[adv + 1].start:tokens[hi].end])
