"""echo-word: the same uncommon word again a few lines later ("glimmer ... glimmer")."""

from __future__ import annotations

from functools import lru_cache

from ..base import Rule, load_list
from ..prose import base_forms, common_words, forms_of, speech_verbs, word_frequencies

_CONTENT = frozenset({"NOUN", "VERB", "ADJ", "ADV"})


@lru_cache(maxsize=None)
def _skip() -> frozenset[str]:
    words = set(load_list("echo-word-skip.txt"))
    for verb in speech_verbs():
        words |= forms_of(verb)
    return frozenset(words)


@lru_cache(maxsize=4)
def _keys(max_zipf: float) -> dict[str, dict[str, str]]:
    """A per-process cache: tag → word → echo key (a base form), or "" for words never flagged."""
    return {}


def _key(word: str, tag: str, max_zipf: float) -> str:
    key = ""
    if word.isalpha() and word not in _skip():
        freq = word_frequencies()
        common = common_words(max_zipf)
        cands = [c for c in base_forms(word, tag) if c in freq]
        if cands:
            best = max(cands, key=freq.__getitem__)
        else:
            best = word
        if best not in common and word not in common:
            key = best
    return key


class EchoWord(Rule):
    """
    What it does:
        Flags an uncommon word used again within a short stretch of narration
        (`window` words, default 50, never across a scene break): "A glimmer of hope
        ... a glimmer of light".  Inflections count as the same word ("glimmer",
        "glimmered", "glimmering").  "Uncommon" means a Zipf frequency below
        `max_zipf` (default 4.0, by wordfreq): everyday words ("door", "looked", "eyes")
        repeat unnoticed, distinctive ones ("glimmer", "cascade", "ethereal") ring.
        The second use is flagged, with the distance to the first.

    Why is this bad?
        A striking word is striking once.  Used again a line later it sounds like an
        echo, and the reader notices the word instead of the scene.

    Leaves alone:
        Dialogue and italic thought; names and the glossary; speech verbs ("said",
        "whispered"); common words; nouns the story is about (a noun used 5 or more
        times in the story, like "wand" or "dragon", is its subject, not an echo);
        a noun pointing back at the same thing ("a towel ... she lifted the towel",
        "her wand ... her wand");
        deliberate figures — a word repeated at once ("step by step", "side by side")
        or carried from the end of one sentence to the start of the next ("She was
        tired. Tired of all of it.").

    Example:
        A glimmer of hope rose in her. A glimmer of light moved on the lake.

    Use instead:
        A flicker of hope rose in her. Lamplight glimmered on the lake.
    """

    id = "echo-word"
    category = "repetition"
    severity = "info"
    options = {"window": 50, "max_zipf": 4.0, "topic_count": 5}
    bad = (
        "A glimmer of hope rose in her chest, and a glimmer of light moved on the black water.",
        "The corridor was eerily silent. Somewhere below, a door creaked, and the eerily "
        "calm voice began again.",
        "His cloak billowed behind him as he crossed the courtyard, and the banners billowed "
        "on the walls above.",
        "She traced the intricate carvings on the box, then the intricately knotted ribbon.",
    )
    good = (
        "A glimmer of hope rose in her chest. She watched the lamps shine on the black water.",
        "She was exhausted. Exhausted, and done with all of them.",
        "They walked side by side along the shore, and neither of them spoke.",
        '"A glimmer," she said. "Just a glimmer, nothing more."',
        "The glimmer faded.\n\n* * *\n\nMorning came, and with it a glimmer of sun.",
        "Hermione looked at the door. The door looked back. She opened the door.",
    )

    def check(self, story, ctx):
        tokens = story.tokens
        window = int(self.opts.get("window", 50))
        max_zipf = float(self.opts.get("max_zipf", 4.0))
        topic_count = int(self.opts.get("topic_count", 5))
        cache = _keys(max_zipf)
        names = ctx.names
        sentences = story.sentences
        paragraphs = story.paragraphs
        seen: dict[str, int] = {}                   # key → token index of the last use
        hits: list[tuple[int, int, str, int]] = []  # (token, previous token, key, distance)
        noun_counts: dict[str, int] = {}
        cur_sent = -1
        scene = None
        reach = 3 * window                          # in tokens, before counting words exactly
        for t in tokens:
            if t.pos not in _CONTENT or t.speech:
                continue
            low = t.lower
            if len(low) < 4:
                continue
            by_tag = cache.get(t.tag)
            if by_tag is None:
                by_tag = cache[t.tag] = {}
            key = by_tag.get(low)
            if key is None:
                key = by_tag[low] = _key(low, t.tag, max_zipf)
            if not key or low in names:
                continue
            if t.sent != cur_sent:
                cur_sent = t.sent
                sc = paragraphs[sentences[cur_sent].paragraph].scene
                if sc != scene:
                    scene = sc
                    seen.clear()
            if t.pos == "NOUN":
                noun_counts[key] = noun_counts.get(key, 0) + 1
            prev = seen.get(key)
            seen[key] = t.i
            if prev is None or t.i - prev > reach:
                continue
            distance = sum(1 for k in range(prev + 1, t.i + 1) if tokens[k].text[:1].isalnum())
            if distance <= window and not _deliberate(tokens, sentences, prev, t.i, distance):
                hits.append((t.i, prev, key, distance))
        for i, j, key, distance in hits:
            if tokens[i].pos == "NOUN" and (noun_counts.get(key, 0) >= topic_count
                                            or _refers_back(tokens, i, j)):
                continue
            t, p = tokens[i], tokens[j]
            if t.lower == p.lower:
                msg = f"'{t.text}' again, {distance} words after the last one."
            else:
                msg = f"'{t.text}' echoes '{p.text}' {distance} words earlier."
            yield self.issue(t.start, t.end, msg)


_ANAPHORIC = frozenset({"the", "this", "that", "these", "those", "such"})
_LINKS = frozenset({"ADP", "CCONJ", "SCONJ"})
_LEADS = frozenset({"so", "and", "but", "too", "very", "all", "how", "such", "a", "an", "the"})


def _determiner(tokens, i: int) -> tuple[str, str]:
    """(word, dep) of the determiner or possessor of the noun at ``i`` ("the", "her", "harry")."""
    for k in range(i - 1, max(-1, i - 5), -1):
        t = tokens[k]
        if t.head == i and t.dep in ("det", "poss"):
            return t.lower, t.dep
        if t.head != i and t.dep not in ("amod", "compound", "advmod", "case", "nummod"):
            break
    return "", ""


def _refers_back(tokens, i: int, j: int) -> bool:
    """'a towel ... the towel', 'her wand ... her wand': a noun pointing back at the same thing."""
    det, dep = _determiner(tokens, i)
    if dep == "det":
        return det in _ANAPHORIC
    return dep == "poss" and (det, dep) == _determiner(tokens, j)


def _deliberate(tokens, sentences, j: int, i: int, distance: int) -> bool:
    """Repetition as a figure: "step by step", "again and again", or carried across a sentence end."""
    a, b = tokens[j], tokens[i]
    if distance <= 2 and a.sent == b.sent and all(tokens[k].pos in _LINKS for k in range(j + 1, i)):
        return True
    if b.sent == a.sent + 1:
        end = sentences[a.sent].tok_end
        start = sentences[b.sent].tok_start
        tail = all(not tokens[k].text[:1].isalnum() for k in range(j + 1, end))
        head = all(tokens[k].lower in _LEADS for k in range(start, i) if tokens[k].text[:1].isalnum())
        return tail and head
    return False
