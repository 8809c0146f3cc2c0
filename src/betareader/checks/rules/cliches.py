"""cliches: stock phrases of fiction ("a shiver ran down her spine", "time stood still")."""

from __future__ import annotations

from functools import lru_cache

from ..base import Rule, load_list
from ..prose import forms_of, token_index

_PLACEHOLDERS = {
    "POSS": frozenset({"his", "her", "their", "my", "your", "its", "our", "one's"}),
    "SUBJ": frozenset({"he", "she", "they", "i", "we", "you"}),
    "OBJ": frozenset({"him", "her", "them", "me", "us", "you"}),
}
_NAME_OK = frozenset({"POSS", "SUBJ", "OBJ"})
_COMMON = frozenset("""a an the of in on at to into from with by for as if like and or than
    that which what be is was were been being have has had do did does not n't will would
    can could time world life way thing""".split())


class _Slot:
    """One slot of a pattern: a set of words, a placeholder, a wildcard, a gap or an optional phrase."""

    __slots__ = ("words", "kind", "optional", "inner")

    def __init__(self, words=frozenset(), kind="word", optional=False, inner=()):
        self.words = words
        self.kind = kind          # word | any | gap | phrase | POSS | SUBJ | OBJ
        self.optional = optional
        self.inner = inner


def _parse(pattern: str) -> list[_Slot]:
    slots: list[_Slot] = []
    stack: list[list[_Slot]] = [slots]
    for raw in pattern.split():
        opening = raw.startswith("[")
        closing = raw.endswith("]")
        item = raw.strip("[]")
        if opening:
            stack.append([])
        if item:
            stack[-1].append(_slot(item))
        if closing:
            inner = stack.pop()
            stack[-1].append(_Slot(kind="phrase", optional=True, inner=tuple(inner)))
    if len(stack) != 1:
        raise ValueError(f"cliches.txt: unbalanced [ ] in {pattern!r}")
    if not slots or slots[0].kind != "word" or slots[0].optional:
        raise ValueError(f"cliches.txt: {pattern!r} must start with a required word")
    return slots


def _slot(item: str) -> _Slot:
    optional = item.endswith("?") and len(item) > 1
    item = item[:-1] if optional else item
    if item == "*":
        return _Slot(kind="any", optional=optional)
    if item == "...":
        return _Slot(kind="gap", optional=True)
    if item in _PLACEHOLDERS:
        return _Slot(_PLACEHOLDERS[item], kind=item, optional=optional)
    words: set[str] = set()
    for alt in item.split("/"):
        if alt in _PLACEHOLDERS:
            words |= _PLACEHOLDERS[alt]
        else:
            words |= forms_of(alt)
    return _Slot(frozenset(words), optional=optional)


def _max_len(slots) -> int:
    """The most tokens ``slots`` can cover."""
    size = {"gap": 3, "POSS": 2}
    return sum(_max_len(s.inner) if s.kind == "phrase" else size.get(s.kind, 1) for s in slots)


@lru_cache(maxsize=None)
def _patterns() -> tuple[dict[str, list[tuple[int, tuple[_Slot, ...]]]], frozenset[str]]:
    """Trigger word → [(how far before it the pattern may start, slots)], and all triggers.

    The trigger of a pattern is its rarest-looking required word (the longest one not in
    a short list of function words), so that common first words ("a", "in", "the") do
    not start a match attempt at every other token.
    """
    by_trigger: dict[str, list[tuple[int, tuple[_Slot, ...]]]] = {}
    for line in load_list("cliches.txt"):
        slots = tuple(_parse(line))
        best, best_score = 0, -1
        for k, slot in enumerate(slots):
            if slot.kind != "word" or slot.optional:
                continue
            score = min(0 if w in _COMMON else len(w) for w in slot.words)
            if score > best_score:
                best, best_score = k, score
        reach = _max_len(slots[:best])
        for w in slots[best].words:
            by_trigger.setdefault(w, []).append((reach, slots))
    return by_trigger, frozenset(by_trigger)


class Cliches(Rule):
    """
    What it does:
        Flags stock phrases of fiction in narration — about 130 of them, fan-fiction
        favourites first: "let out a breath she didn't know she was holding", "a shiver
        ran down his spine", "her heart skipped a beat", "time stood still", "in the
        nick of time", "a smile that didn't reach his eyes", "a wave of relief washed
        over her", "ran a hand through his hair", "white as a sheet".  Patterns match
        any tense and any pronoun ("his/her/their", "he/she/they", a name); the list is
        `checks/data/cliches.txt`, with its small pattern syntax described at the top.

    Why is this bad?
        A cliché was vivid once; now the reader's eye slides over it, and it tells them
        the writer reached for the nearest phrase.  The moment it describes is usually
        an important one — the place for a detail only this story has.

    Leaves alone:
        Dialogue and italic thought (people talk in clichés); looser, literal uses the
        patterns do not cover ("it was time to stop", "she stayed close to home"); and
        everyday gestures that are not stock phrases ("she bit her lip", "his heart
        sank").

    Example:
        She let out a breath she didn't know she was holding. Time stood still.

    Use instead:
        Her lungs ached; she had not breathed since the door opened. The clock on the
        mantel ticked, and nobody moved.
    """

    id = "cliches"
    category = "style"
    severity = "info"
    bad = (
        "Hermione let out a breath she hadn't known she'd been holding.",
        "A shiver ran down his spine as the door creaked open.",
        "When he turned and smiled at her, her heart skipped a beat.",
        "For a moment, time stood still, and then the glass hit the floor.",
        "He arrived in the nick of time, wand already raised.",
        "She gave him a smile that didn't quite reach her eyes.",
    )
    good = (
        "Hermione breathed out slowly and unclenched her hands.",
        '"Little did I know," she said, "that my heart would skip a beat."',
        "It was time to stop, so she put the brush down and washed her hands.",
        "The clock stood on the mantel, still and silent.",
        "He ran down the stairs and out into the rain.",
    )

    def check(self, story, ctx):
        tokens = story.tokens
        by_trigger, triggers = _patterns()
        names = ctx.names
        n = len(tokens)
        cands = token_index(story, ctx).positions(triggers)
        found: dict[int, int] = {}
        for i in cands:
            t = tokens[i]
            if t.speech:
                continue
            for reach, slots in by_trigger[t.lower]:
                first = slots[0].words
                for j in range(max(0, i - reach), i + 1):
                    tj = tokens[j]
                    if tj.speech or tj.sent != t.sent or tj.lower not in first:
                        continue
                    end = _match(slots, 0, j, tokens, names, t.sent, n)
                    if end is not None and end > i and found.get(j, 0) < end:
                        found[j] = end
        last_end = -1
        for j in sorted(found):
            end = found[j]
            if j < last_end:
                continue
            last_end = end
            start = tokens[j].start
            phrase = " ".join(story.text[start:tokens[end - 1].end].split())
            yield self.issue(start, tokens[end - 1].end,
                             f"'{phrase}' is a cliché; find a detail only this scene has.")


def _is_name(tok, names) -> bool:
    return tok.text[:1].isupper() and (tok.tag in ("NNP", "NNPS") or tok.lower in names)


def _match(slots, k: int, i: int, tokens, names, sent: int, n: int):
    """Index just past the match of ``slots[k:]`` starting at token ``i``, or None."""
    if k == len(slots):
        return i
    slot = slots[k]
    if slot.optional:
        if slot.kind == "phrase":
            end = _match(slot.inner, 0, i, tokens, names, sent, n)
            if end is not None:
                found = _match(slots, k + 1, end, tokens, names, sent, n)
                if found is not None:
                    return found
            return _match(slots, k + 1, i, tokens, names, sent, n)
        if slot.kind == "gap":
            for skip in range(0, 4):
                j = i + skip
                if j > n or (skip and (tokens[j - 1].speech or tokens[j - 1].sent != sent)):
                    break
                found = _match(slots, k + 1, j, tokens, names, sent, n)
                if found is not None:
                    return found
            return None
        found = _one(slots, k, i, tokens, names, sent, n)
        if found is not None:
            return found
        return _match(slots, k + 1, i, tokens, names, sent, n)
    return _one(slots, k, i, tokens, names, sent, n)


def _one(slots, k, i, tokens, names, sent, n):
    """Match the (present) slot ``k`` at token ``i`` and go on."""
    if i >= n:
        return None
    tok = tokens[i]
    if tok.speech or tok.sent != sent:
        return None
    slot = slots[k]
    nxt = None
    if slot.kind == "any":
        nxt = i + 1 if tok.text[:1].isalnum() else None
    elif tok.lower in slot.words:
        nxt = i + 1
    elif slot.kind in _NAME_OK and _is_name(tok, names):
        nxt = i + 1
        if slot.kind == "POSS":
            nxt = i + 2 if i + 1 < n and tokens[i + 1].lower in ("'s", "’s") else None
    if nxt is None:
        return None
    return _match(slots, k + 1, nxt, tokens, names, sent, n)
