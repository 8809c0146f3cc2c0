"""Turn-taking: who speaks the untagged lines of a conversation.

A conversation is a run of paragraphs with speech (see ``speakers._Turn``); some turns have
a speaker from their own evidence (a tag, a beat), the others are filled here with the
sequence of speakers that agrees best with how dialogue is written:

* a new paragraph of speech is a new speaker (the same speaker twice running is rare: about
  7 lines in 100 in edited fiction);
* two people take turns: a line is most often spoken by the speaker of the line before the
  last (A, B, A: about 8 in 10 when the speaker changes);
* nobody addresses themselves: a line that names someone (``"Never, Mira."``) is not Mira's,
  and is most likely an answer to Mira and answered by her;
* the people of the conversation are those who speak in it or are addressed in it; someone
  only in focus in the narration comes in at a cost.

The best sequence is found exactly (Viterbi over pairs of consecutive speakers), so evidence
anywhere in the conversation counts, before or after an untagged line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

UNKNOWN = -1
"""The label of a turn whose tag names somebody the story does not (``said a voice``)."""

SAME_SPEAKER = -2.5
"""Score of a speaker taking two paragraphs running (a new paragraph is a new speaker)."""
ALTERNATION = 1.2
"""Score of A, B, A."""
THIRD_PARTY = -0.6
"""Score of a third speaker after A, B."""
ANSWERS_ADDRESSEE = 2.0
"""Score of speaking right after being addressed (``"Where is it, Mira?"`` -- Mira)."""
ADDRESSES_LAST = 1.2
"""Score of addressing the speaker of the line before."""
ADDRESSED = -4.0
"""Score of a speaker who is addressed in their own line."""
OUTSIDER = -0.8
"""Score of a speaker neither speaking nor addressed elsewhere in the conversation."""
REGULAR = 0.5
"""Score, at most, for speaking often elsewhere in the conversation."""
IN_FOCUS = 0.3
"""Score of a character in focus in the narration when the line starts."""
GAP_WEIGHT = 0.5
"""Turn relations across narration paragraphs count this much."""
MAX_PARTICIPANTS = 6
CHOICE_WEIGHT = 4.0
"""How much the salience of a pronoun tag's candidates counts against the conversation."""


@dataclass
class TurnFacts:
    """What the conversation model needs to know of one turn."""

    speaker: int | None
    """The speaker from the turn's own evidence, or None."""
    unknown: bool = False
    """A tag names somebody who is not a character: the turn is nobody we know."""
    addressees: set[int] = field(default_factory=set)
    salient: Sequence[int] = ()
    gap: bool = False
    """Narration paragraphs separate this turn from the one before."""
    choices: dict[int, float] | None = None
    """For a turn whose tag is a pronoun (``she said``): the characters it may be, with the
    salience score of each; the conversation decides among them."""


def assign_speakers(turns: Sequence[TurnFacts]) -> list[tuple[int | None, float]]:
    """(speaker, score margin) for every turn; fixed turns keep their speaker.

    The margin is how much better the chosen speaker is than the best alternative for that
    turn, all else in the conversation staying as chosen (0 when nothing could be chosen).
    """
    n = len(turns)
    if n == 0:
        return []
    people = _participants(turns)
    if not people:
        return [(t.speaker, 0.0) for t in turns]
    regular = Counter(t.speaker for t in turns if t.speaker is not None)
    addressed_anywhere = set().union(*(t.addressees for t in turns))
    options = [_options(t, people) for t in turns]

    def unary(i: int, c: int) -> float:
        t = turns[i]
        if t.speaker is not None or t.unknown:
            return 0.0
        if t.choices is not None:
            return CHOICE_WEIGHT * t.choices.get(c, 0.0) + (ADDRESSED if c in t.addressees else 0.0)
        s = 0.0
        if c in t.addressees:
            s += ADDRESSED
        if regular[c]:
            s += REGULAR * min(regular[c], 3) / 3
        elif c not in addressed_anywhere:
            s += OUTSIDER
        if c in list(t.salient)[:2]:
            s += IN_FOCUS
        return s

    def pair(i: int, prev: int, c: int) -> float:
        w = GAP_WEIGHT if turns[i].gap else 1.0
        s = 0.0
        if c == prev and c != UNKNOWN:
            s += SAME_SPEAKER
        if prev in turns[i].addressees:
            s += ADDRESSES_LAST
        if c in turns[i - 1].addressees:
            s += ANSWERS_ADDRESSEE
        return w * s

    def triple(i: int, pp: int, prev: int, c: int) -> float:
        w = GAP_WEIGHT if turns[i].gap or turns[i - 1].gap else 1.0
        if c == pp and c != prev:
            return w * ALTERNATION
        if c != prev and c != pp:
            return w * THIRD_PARTY
        return 0.0

    # Viterbi over states (previous speaker, speaker), with back pointers
    State = tuple  # (previous speaker or None, speaker)
    layer: dict[State, float] = {(None, c): unary(0, c) for c in options[0]}
    back: list[dict[State, State]] = [{}]
    for i in range(1, n):
        nxt: dict[State, float] = {}
        ptr: dict[State, State] = {}
        for (pp, prev), score in layer.items():
            for c in options[i]:
                s = score + unary(i, c) + pair(i, prev, c)
                if pp is not None:
                    s += triple(i, pp, prev, c)
                key = (prev, c)
                if key not in nxt or s > nxt[key]:
                    nxt[key] = s
                    ptr[key] = (pp, prev)
        layer = nxt
        back.append(ptr)
    state = max(layer, key=layer.get)
    path = [0] * n
    for i in range(n - 1, -1, -1):
        path[i] = state[1]
        if i:
            state = back[i][state]
    out: list[tuple[int | None, float]] = []
    for i, t in enumerate(turns):
        if t.speaker is not None or t.unknown:
            out.append((t.speaker, 0.0))
            continue
        out.append((path[i], _margin(i, path, options, unary, pair, triple)))
    return out


def _participants(turns: Sequence[TurnFacts]) -> list[int]:
    """Speakers and addressees of the conversation, then characters in focus; the most active first."""
    weight: Counter = Counter()
    for t in turns:
        if t.speaker is not None:
            weight[t.speaker] += 3
        for c in t.choices or ():
            weight[c] += 1
        for a in t.addressees:
            weight[a] += 2
    for t in turns:
        if t.speaker is None and not t.unknown:
            for k, c in enumerate(list(t.salient)[:3]):
                weight[c] += 1.0 / (k + 1)
    return [c for c, _ in weight.most_common(MAX_PARTICIPANTS)]


def _options(t: TurnFacts, people: list[int]) -> list[int]:
    if t.speaker is not None:
        return [t.speaker]
    if t.unknown:
        return [UNKNOWN]
    if t.choices:
        return list(t.choices)
    return people


def _margin(i, path, options, unary, pair, triple) -> float:
    """Score of ``path[i]`` minus that of the best other speaker at ``i`` (neighbours fixed)."""
    def local(c: int) -> float:
        s = unary(i, c)
        if i >= 1:
            s += pair(i, path[i - 1], c)
            if i >= 2:
                s += triple(i, path[i - 2], path[i - 1], c)
        if i + 1 < len(path):
            s += pair(i + 1, c, path[i + 1])
            if i >= 1:
                s += triple(i + 1, path[i - 1], c, path[i + 1])
            if i + 2 < len(path):
                s += triple(i + 2, c, path[i + 1], path[i + 2])
        return s

    chosen = local(path[i])
    others = [local(c) for c in options[i] if c != path[i]]
    return chosen - max(others) if others else 1.0
