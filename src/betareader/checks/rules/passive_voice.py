"""passive-voice: clauses in the passive voice in narration ("the door was opened by him")."""

from __future__ import annotations

from functools import lru_cache

from ..base import Rule, load_list
from ..prose import PERSONAL_SUBJECTS, is_name, token_index


@lru_cache(maxsize=None)
def _stative() -> frozenset[str]:
    return frozenset(load_list("passive-voice-stative.txt"))


@lru_cache(maxsize=None)
def _feelings() -> frozenset[str]:
    return frozenset(load_list("passive-voice-feelings.txt"))


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_BE_GET = frozenset({"be", "is", "am", "are", "was", "were", "been", "being", "'s", "’s", "'re",
                     "’re", "'m", "’m", "get", "gets", "got", "gotten", "getting"})


class PassiveVoice(Rule):
    """
    What it does:
        Flags passive clauses in narration — a form of "be" (or "get") with a past
        participle whose subject is acted on — when they hide or delay someone: a "by"
        phrase that puts the doer last ("The door was opened by Snape", "He got hit by a
        bludger"), or a character as the one acted on, with the doer left out ("She was
        thrown against the wall", "Harry had been told to wait").  With the option
        `all = true` every finite passive clause is flagged ("The letter had been torn
        to pieces").  One issue per clause, on the auxiliaries and the participle.

    Why is this bad?
        The passive hides or delays who acts, and action scenes lose their punch when
        nobody does anything.  It is often the right choice (the doer is unknown or
        unimportant) — this is information, not an error: look at each one and keep the
        ones you mean.

    Leaves alone:
        By default, agentless passives about things ("the house was built in 1850",
        "the road was closed"), where the doer rarely matters.  Participles that
        describe a state more than an action ("the door was locked",
        "he was married", "they were supposed to", "she was born") unless a "by" phrase
        names the doer; feelings ("she was tired", "he was startled by the noise");
        adjectives after "be" ("she was angry"); the perfect active ("she had opened");
        passive infinitives and participles that are not clauses of their own ("hoping
        to be chosen", "having been told"); and everything inside dialogue: characters
        speak as they speak.

    Example:
        The door was opened by Snape, and the potion was knocked over.

    Use instead:
        Snape opened the door and knocked the potion over.
    """

    id = "passive-voice"
    category = "style"
    severity = "info"
    options = {"all": False}
    bad = (
        "The door was opened by Snape, and everyone in the room fell silent.",
        "Harry had been told to wait outside, so he waited.",
        "He got hit by a bludger halfway through the match.",
        "She was thrown against the wall before she could reach her wand.",
    )
    good = (
        "Snape opened the door, and everyone in the room fell silent.",
        "She was tired after the long walk home.",
        "The door was locked, so he sat on the step and waited.",
        '"The vase was broken by the cat," she said, not meeting his eyes.',
        "She had opened the window an hour ago, and the room was cold.",
        "The house was built in 1850 and has been sold twice since.",
    )

    def check(self, story, ctx):
        tokens = story.tokens
        stative, feelings = _stative(), _feelings()
        every = bool(self.opts.get("all", False))
        names = ctx.names
        done: set[int] = set()
        for i in token_index(story, ctx).auxpass:
            tok = tokens[i]
            if tok.speech or tok.lower not in _BE_GET:
                continue  # "felt authorised by": not a passive auxiliary
            v = tok.head
            if v in done or v <= tok.i or v - tok.i > 4:
                continue
            verb = tokens[v]
            if verb.speech or verb.tag != "VBN" or verb.lower in feelings:
                continue
            done.add(v)
            start = tok.i
            # include an earlier auxiliary chain: "had been", "would be", "was being"
            while start > 0 and tokens[start - 1].dep in ("aux", "auxpass") and tokens[start - 1].head == v \
                    and not tokens[start - 1].speech:
                start -= 1
            if tokens[start].tag not in _FINITE:
                continue  # "to be seen", "having been told": not a clause of its own
            agent = any(tokens[c].dep == "agent" and tokens[c].head == v
                        for c in range(v + 1, min(len(tokens), v + 4)))
            if verb.lower in stative and not agent:
                continue
            if not agent and not every:
                subj = next((tokens[k] for k in range(max(0, v - 8), v)
                             if tokens[k].head == v and tokens[k].dep == "nsubjpass"), None)
                if subj is None or not (subj.lower in PERSONAL_SUBJECTS or is_name(subj, names)):
                    continue  # "the house was built in 1850": nobody is hidden
            phrase = " ".join(story.text[tokens[start].start:verb.end].split())
            if agent:
                msg = f"Passive voice: '{phrase} by ...' — the doer comes last; put them first."
            else:
                msg = f"Passive voice: '{phrase}' hides who does it; name the doer if it matters."
            yield self.issue(tokens[start].start, verb.end, msg)
