"""said-bookisms: speech tags with verbs that cannot speak ("she smiled") or are too ornate."""

from __future__ import annotations

import re
from functools import lru_cache

from ..base import Rule, load_list
from ..prose import dialogue_tags, lemma, speech_verbs

_SIBILANT = re.compile(r"[szx]|c[eiy]", re.IGNORECASE)
_SAID = {"VBD": "said", "VBN": "said", "VBZ": "says", "VBG": "saying", "VBP": "say", "VB": "say"}


@lru_cache(maxsize=None)
def _beats() -> frozenset[str]:
    return frozenset(load_list("said-bookisms-beats.txt"))


@lru_cache(maxsize=None)
def _ornate() -> frozenset[str]:
    return frozenset(load_list("said-bookisms-ornate.txt"))


class SaidBookisms(Rule):
    """
    What it does:
        Flags dialogue tags whose verb is not a way of speaking: `"Yes," she smiled`,
        `"Whatever," he shrugged`, `"No," she shook her head` — a comma (or a lower-case
        tag) hands the line to a smile, a shrug, a laugh.  Also flags over-ornate speech
        verbs in tags ("opined", "interjected", "expostulated", "ejaculated", "quipped",
        "chortled") and "hissed" for a line with no hissing sound in it.

    Why is this bad?
        Nobody can smile or shrug a sentence.  Readers trip on it, and editors mark it
        at once.  Fancy tags draw the eye away from the dialogue to the tag; "said" is
        invisible, and that is its job.

    Leaves alone:
        The same verbs as an action beat in their own sentence (`"Yes." She smiled.`),
        tags that speak and then act (`"Yes," she said, smiling.`), plain and common
        speech verbs (said, asked, whispered, shouted, growled ...), a tag that comes
        before the quote with a face verb (`She smiled, "Yes."`, a matter of house style),
        and anything inside the dialogue itself.

    Example:
        "I missed you," she smiled.

    Use instead:
        "I missed you." She smiled.   — or —   "I missed you," she said, smiling.
    """

    id = "said-bookisms"
    category = "style"
    severity = "info"
    bad = (
        '"I missed you," she smiled, and pulled him into a hug.',
        '"Whatever you say, Potter," Draco smirked from the doorway.',
        '"We could always take the tunnels," Ron interjected.',
        '"Get out of my way," he hissed at the guard.',
        '"No," he shook his head. "Not tonight."',
        '"Really?" she laughed, tossing her hair over her shoulder.',
    )
    good = (
        '"I missed you." She smiled and pulled him into a hug.',
        '"I missed you," she said, smiling.',
        '"Sit still," she hissed.',
        '"Whatever you say, Potter." Draco smirked from the doorway.',
        'She smiled at the memory and said nothing for a while.',
        '"We could always take the tunnels," Ron said. "Nobody uses them."',
    )

    def check(self, story, ctx):
        tokens = story.tokens
        text = story.text
        beats, ornate = _beats(), _ornate()
        speech = speech_verbs()
        for tag in dialogue_tags(story, ctx):
            v = tokens[tag.verb]
            word = lemma(v)
            q = tag.quote
            said = _SAID.get(v.tag, "said")
            if word in beats and tag.after and tag.subject is not None and _used_as_tag(story, tokens, tag):
                if any(tokens[c].head == v.i and lemma(tokens[c]) in speech and tokens[c].dep == "conj"
                       for c in range(v.i + 1, min(len(tokens), v.i + 6))):
                    continue
                has_object = any(tokens[c].head == v.i and tokens[c].dep in ("dobj", "prt")
                                 for c in range(v.i + 1, min(len(tokens), v.i + 4)))
                yield self.issue(
                    v.start, v.end,
                    f"'{v.text}' is not a way of speaking: end the line with a period to make "
                    f"it a beat, or use a speech verb.", [] if has_object else [said])
            elif word in ornate:
                yield self.issue(
                    v.start, v.end,
                    f"'{v.text}' draws the eye to the tag; '{said}' lets the line speak.", [said])
            elif word == "hiss":
                spoken = text[q.inner_start:q.inner_end]
                if spoken and not _SIBILANT.search(spoken):
                    yield self.issue(
                        v.start, v.end,
                        f"'{v.text}' for a line with no hissing sound in it.",
                        ["whispered", "snapped", said])


def _used_as_tag(story, tokens, tag) -> bool:
    """The quote hands over to this verb: it ends with a comma, or the tag starts lower-case."""
    q = tag.quote
    text = story.text
    tail = text[max(q.inner_start, q.inner_end - 1):q.inner_end]
    after = text[q.end:q.end + 3].lstrip()
    if tail == "," or after.startswith(","):
        return True
    first = min(tag.verb, tag.subject if tag.subject is not None else tag.verb)
    while first > 0 and tokens[first - 1].start >= q.end:
        first -= 1
    return tokens[first].text[:1].islower()
