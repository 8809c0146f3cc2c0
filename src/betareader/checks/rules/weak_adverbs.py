"""weak-adverbs: intensifiers and fillers ("very", "really", "just") the narration leans on."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ..base import Rule, load_pairs
from ..prose import token_index

_JUST_TIME = frozenset({"as", "then", "now", "before", "after", "when", "in", "enough", "about",
                        "past", "beyond", "behind", "below", "above", "inside", "outside", "once",
                        "long", "twenty", "yet", "barely", "so", "like", "because", "over"})
_ONLY_BEFORE_HEAD = frozenset({"simply", "completely", "truly", "definitely"})


@lru_cache(maxsize=None)
def _words() -> dict[str, str]:
    return dict(load_pairs("weak-adverbs.txt"))


class WeakAdverbs(Rule):
    """
    What it does:
        Flags the intensifiers and fillers that narration leans on — "very", "really",
        "just", "quite", "rather", "somewhat", "totally", "literally", "basically",
        "actually" (and "completely", "extremely", "incredibly", "truly", "simply",
        "definitely") — but only the words a story overuses: a word is flagged when it
        appears at least `min_count` times (default 3) and at least `per_1000` times per
        1,000 words of narration (default 3).  Then every use in the narration is
        flagged, with the count, so the writer can go through them and cut most.

    Why is this bad?
        "Very tired" is weaker than "exhausted"; "she just wanted to" is weaker than "she
        wanted to".  One is nothing; thirty in a chapter is a tic readers notice, and
        cutting them is the quickest way to tighten a draft.

    Leaves alone:
        Dialogue and italic thought (characters talk like that); a word used now and
        then; "very" and "just" as adjectives ("the very end", "a just cause"); "just" in
        time expressions ("just as", "just then", "just now", "only just"); "rather than",
        "would rather", "not quite"; "simply" and "completely" as manner adverbs after
        their verb ("dressed simply").

    Example:
        She was very tired. She just wanted to sleep, but the very loud music was really
        annoying and she was very sure it would just go on all night.

    Use instead:
        She was exhausted. She wanted to sleep, but the music thumped through the wall and
        would go on all night.
    """

    id = "weak-adverbs"
    category = "style"
    severity = "info"
    options = {"per_1000": 3.0, "min_count": 3}
    bad = (
        "She was very tired. She just wanted to sleep, but the very loud music was really "
        "annoying and she was very sure it would just go on all night. She just sighed.",
        "It was really cold and really dark, and Harry was really starting to regret the "
        "whole idea of sneaking out after curfew.",
        "He was actually quite good at potions. Actually, he was actually the best in the "
        "year, which Snape actually hated.",
    )
    good = (
        "She was exhausted. She wanted to sleep, but the music thumped through the wall.",
        '"I\'m really, really sorry," she said. "I just didn\'t think. It was very stupid."',
        "He arrived just as the train pulled out, at the very end of the platform, "
        "and stood there a while. It was very quiet.",
        "She would rather have stayed. It was not quite dawn, and he was just a boy "
        "rather than a soldier. She dressed simply and left.",
    )

    def check(self, story, ctx):
        tokens = story.tokens
        words = _words()
        found: dict[str, list[int]] = defaultdict(list)
        index = token_index(story, ctx)
        narration = index.narration_words
        n = len(tokens)
        for i in index.positions(words):
            t = tokens[i]
            if t.speech or t.tag != "RB" or _leave_alone(tokens, t, n):
                continue
            found[t.lower].append(i)
        if not narration:
            return
        per_1000 = float(self.opts.get("per_1000", 3.0))
        min_count = int(self.opts.get("min_count", 3))
        for word, where in found.items():
            rate = len(where) * 1000 / narration
            if len(where) < min_count or rate < per_1000:
                continue
            advice = words[word]
            for i in where:
                t = tokens[i]
                msg = (f"'{t.text}' — {len(where)} times in the narration ({rate:.1f} per 1,000 "
                       f"words): {advice}.")
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if nxt is not None and t.ws and nxt.text[:1].isalpha() and not nxt.speech \
                        and i > 0 and tokens[i - 1].text[:1].isalnum():
                    # "very tired" -> "tired": the fix is the phrase without the word
                    yield self.issue(t.start, nxt.end, msg, [nxt.text])
                else:
                    yield self.issue(t.start, t.end, msg)


def _leave_alone(tokens, t, n) -> bool:
    nxt = tokens[t.i + 1].lower if t.i + 1 < n else ""
    prev = tokens[t.i - 1].lower if t.i else ""
    w = t.lower
    if w == "just":
        return nxt in _JUST_TIME or prev == "only" or nxt.isdigit()
    if w == "rather":
        return nxt == "than" or prev in ("would", "had", "'d", "’d", "or")
    if w == "quite":
        return prev in ("not", "n't", "n’t", "never")
    if w in _ONLY_BEFORE_HEAD:
        return t.head < t.i
    if w == "very":
        return nxt in ("much", "well") and prev in ("", "not")
    return False
