"""filter-words: "she felt", "he noticed", "she could see": perception verbs between reader and scene."""

from __future__ import annotations

from functools import lru_cache

from ..base import Rule, load_pairs
from ..prose import PERSONAL_SUBJECTS, forms_of, is_name, lemma, token_index

_GROPE = frozenset({"for", "along", "around", "about", "in", "inside", "across", "over", "under",
                    "beneath", "through", "among", "round", "down", "up", "behind", "into"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl"})
_MODALS = frozenset({"can", "could", "ca"})
_HYPOTHETICAL = frozenset({"would", "should", "will", "shall", "might", "may", "must", "'d", "’d",
                           "wo", "'ll", "’ll"})
_RAISING = frozenset({"begin", "start", "seem", "appear", "come", "continue", "get"})


@lru_cache(maxsize=None)
def _verbs() -> dict[str, tuple[str, str]]:
    """Every verb form → (lemma, kind)."""
    out: dict[str, tuple[str, str]] = {}
    for verb, kind in load_pairs("filter-words.txt"):
        for form in forms_of(verb):
            out.setdefault(form, (verb, kind))
    return out


@lru_cache(maxsize=4096)
def _is_verb(word: str) -> bool:
    from lemminflect import getAllInflections

    return bool(getAllInflections(word, upos="VERB"))


class FilterWords(Rule):
    """
    What it does:
        Flags filter words in narration: a character as the subject of a verb of
        perceiving or thinking that stands between the reader and the thing itself —
        "she felt", "he noticed", "she realized", "he wondered", "she sensed", "he knew
        that ...", "she seemed to", and "she saw / heard / watched / smelled" when they
        frame an event ("she heard the door slam", "he watched as they left", "she could
        see the lake").  The subject is a pronoun or a name.

    Why is this bad?
        Every "she saw" and "he felt" reminds the reader they are being told about a
        sensation instead of having it.  "She heard the door slam" is one step further
        away than "The door slammed."  In close point of view most filters can go.

    Leaves alone:
        Dialogue and italic thought; plain objects of the senses ("she saw the house",
        "he heard the news"), which are often the event itself; negated and
        hypothetical verbs ("she didn't notice the knife", "he would have known":
        nothing to show); wanting to know or see ("he wanted
        to know what happened" asks a question); "knew" of people and
        things ("she knew him"); groping ("he felt for the light switch", "felt along
        the wall"); subjects that are not characters ("the room seemed to shrink" is
        left alone — only a pronoun or a name counts).

    Example:
        She heard the door slam and felt a chill run through her. She realized he was gone.

    Use instead:
        The door slammed. A chill ran through her. He was gone.
    """

    id = "filter-words"
    category = "style"
    severity = "info"
    bad = (
        "She heard the front door slam somewhere below her.",
        "Harry felt a chill run down his back as the dementors drew closer.",
        "He noticed that the candles had burned down to stubs.",
        "She realized too late that the map was upside down.",
        "From the tower I could see the whole valley, grey under the rain.",
        "He wondered if she would ever forgive him.",
    )
    good = (
        "The front door slammed somewhere below her.",
        "A chill ran down Harry's back as the dementors drew closer.",
        '"I felt awful," she said. "I noticed too late."',
        "He felt along the wall for the light switch.",
        "She saw the house for the first time in ten years.",
        "She knew him from school, though they had never spoken.",
    )

    def check(self, story, ctx):
        tokens = story.tokens
        verbs = _verbs()
        names = ctx.names
        n = len(tokens)
        for i in token_index(story, ctx).positions(verbs):
            v = tokens[i]
            if v.speech or v.pos != "VERB":
                continue
            kind = verbs[v.lower][1]
            lo, hi = max(0, v.i - 6), min(n, v.i + 10)
            kids = [tokens[j] for j in range(lo, hi) if tokens[j].head == v.i and j != v.i]
            subj = next((k for k in kids if k.dep == "nsubj"), None)
            if any(k.dep == "neg" or (k.dep == "aux" and k.lower in _HYPOTHETICAL) for k in kids):
                continue  # "she didn't notice", "he would have known": nothing to show
            if subj is None and v.head != v.i and (
                    v.dep == "conj" or (v.dep == "xcomp" and lemma(tokens[v.head]) in _RAISING)):
                h = v.head
                subj = next((tokens[j] for j in range(max(0, h - 6), h)
                             if tokens[j].head == h and tokens[j].dep == "nsubj"), None)
            if subj is None or subj.speech:
                continue
            if not (subj.lower in PERSONAL_SUBJECTS or is_name(subj, names)):
                continue
            if not self._filters(tokens, v, kind, kids, n):
                continue
            between = range(subj.i + 1, v.i)
            close = subj.i < v.i and v.i - subj.i <= 4 and all(
                tokens[j].dep in ("aux", "advmod", "neg", "preconj") for j in between)
            start = subj.start if close else v.start
            phrase = " ".join(story.text[start:v.end].split())
            if kind == "seem":
                after = tokens[v.i + 1] if v.i + 1 < n else None
                end = after.end if after is not None and after.lower == "to" else v.end
                phrase = " ".join(story.text[start:end].split())
                yield self.issue(start, end, f"'{phrase}' hedges; say what happens.")
            elif kind == "perceive":
                yield self.issue(start, v.end,
                                 f"'{phrase}' filters the scene through the character; show the "
                                 f"thing itself.")
            elif kind == "feel":
                yield self.issue(start, v.end,
                                 f"'{phrase}' tells the feeling; show it, or give the sensation "
                                 f"directly.")
            else:
                yield self.issue(start, v.end,
                                 f"'{phrase}' stands between the reader and the thought; give the "
                                 f"thought itself.")

    @staticmethod
    def _filters(tokens, v, kind, kids, n) -> bool:
        if kind == "always":
            return True
        if kind == "feel":
            j = v.i + 1
            while j < n and tokens[j].pos == "ADV" and tokens[j].lower not in _GROPE:
                j += 1
            return not (j < n and tokens[j].lower in _GROPE and tokens[j].pos in ("ADP", "ADV"))
        if kind == "seem":
            return any(k.dep == "xcomp" and k.i > v.i for k in kids) and v.i + 1 < n \
                and tokens[v.i + 1].lower == "to"
        if kind == "know":
            return any(k.dep in ("ccomp",) for k in kids)
        # perceive
        if any(k.dep == "aux" and k.lower in _MODALS for k in kids):
            return True
        for k in kids:
            if k.dep in ("ccomp", "xcomp"):
                return True
            if k.dep == "dobj" and k.tag == "NN" and _is_verb(k.lower) and any(
                    tokens[j].head == k.i and tokens[j].dep == "compound" for j in range(max(0, k.i - 3), k.i)):
                return True  # "heard the door slam", parsed as a noun "door slam"
            if k.dep == "advcl" and any(tokens[j].head == k.i and tokens[j].dep == "mark"
                                        and tokens[j].lower == "as"
                                        for j in range(max(0, k.i - 4), k.i)):
                return True
        return False
