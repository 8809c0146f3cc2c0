"""sentence-openers: three or more sentences (or paragraphs) in a row that open the same way."""

from __future__ import annotations

from ..base import Rule


class SentenceOpeners(Rule):
    """
    What it does:
        Flags runs of `min_run` (default 3) or more consecutive narration sentences, or
        paragraphs, that open the same way: the same first word ("She ... She ...
        She ..."), the same two words ("He was ... He was ... He was"), or the same
        construction — an -ing participle ("Turning, ... Grabbing ... Walking ...") or
        an -ly adverb ("Slowly, ... Carefully, ... Quietly, ...").  One issue per run,
        on the opener of the sentence that makes it three, saying how long the run is.

    Why is this bad?
        Prose that starts every sentence the same way falls into a drumbeat — "She
        did this. She did that. She went there." — and the reader hears the pattern
        instead of the story.  Varying the openers is one of the cheapest fixes there is.

    Leaves alone:
        Dialogue: a sentence or paragraph that opens with speech is passed over (it
        neither counts nor breaks a run), since characters repeat themselves; runs
        across a scene break; a pair of sentences (two is a rhythm, three a habit);
        and sentences the parser split in the middle (a fragment starting lower-case).

    Example:
        She opened the door. She looked around the room. She saw the letter on the desk.

    Use instead:
        She opened the door and looked around. The letter lay on the desk.
    """

    id = "sentence-openers"
    category = "repetition"
    severity = "info"
    options = {"min_run": 3}
    bad = (
        "She opened the door. She looked around the empty room. She saw the letter lying "
        "on the desk.",
        "He was tired. He was cold. He was nowhere near home, and the rain was getting "
        "worse.",
        "Turning, Harry raised his wand. Ducking the first curse, he rolled behind a pillar. "
        "Gasping, he fired back.",
        "Hermione sighed and closed the book.\n\nHermione had read it three times "
        "already.\n\nHermione was not going to read it a fourth.",
    )
    good = (
        "She opened the door and looked around. The letter lay on the desk, where he had "
        "left it.",
        '"No," she said. "No. No."',
        "She opened the door. She looked around.\n\n* * *\n\nShe woke at noon.",
        'Harry shrugged. "Fine." Ron grinned. "Told you." Harry laughed.',
    )

    def check(self, story, ctx):
        tokens = story.tokens
        min_run = max(2, int(self.opts.get("min_run", 3)))
        paragraphs = story.paragraphs
        # sentences, within a scene; paragraph openers, within a scene
        sent_runs: dict[str, list[int]] = {}
        para_runs: dict[str, list[int]] = {}
        scene = None
        last_para = -1
        found: dict[tuple[int, int], str] = {}
        for s in story.sentences:
            par = paragraphs[s.paragraph]
            if par.scene != scene:
                self._close_all(sent_runs, tokens, min_run, found, "sentences")
                self._close_all(para_runs, tokens, min_run, found, "paragraphs")
                scene = par.scene
            opener = _opener(tokens, s.tok_start, s.tok_end)
            first_of_para = s.paragraph != last_para
            last_para = s.paragraph
            if opener is None:
                continue                      # opens with dialogue: passed over
            if opener == -1:
                self._close_all(sent_runs, tokens, min_run, found, "sentences")
                continue                      # a fragment: breaks the run
            keys = _keys(tokens, opener, s.tok_end)
            _advance(sent_runs, keys, opener, tokens, min_run, found, "sentences")
            if first_of_para:
                _advance(para_runs, keys, opener, tokens, min_run, found, "paragraphs")
        self._close_all(sent_runs, tokens, min_run, found, "sentences")
        self._close_all(para_runs, tokens, min_run, found, "paragraphs")
        for (start, end), msg in sorted(found.items()):
            yield self.issue(start, end, msg)

    @staticmethod
    def _close_all(runs, tokens, min_run, found, unit):
        for key, run in runs.items():
            _report(key, run, tokens, min_run, found, unit)
        runs.clear()


def _opener(tokens, a: int, b: int):
    """Index of the first word of a narration sentence; None if it opens with speech, -1 if a fragment."""
    for i in range(a, b):
        t = tokens[i]
        if t.speech:
            return None
        if t.text[:1].isalnum():
            return i if t.text[:1].isupper() or t.text[:1].isdigit() else -1
    return None


def _keys(tokens, i: int, end: int) -> set[str]:
    t = tokens[i]
    keys = {"w:" + t.lower}
    if t.tag == "VBG":
        keys.add("p:ing")
    elif t.pos == "ADV" and t.lower.endswith("ly") and len(t.lower) > 4:
        keys.add("p:ly")
    return keys


def _advance(runs, keys, opener, tokens, min_run, found, unit):
    for key in list(runs):
        if key not in keys:
            _report(key, runs.pop(key), tokens, min_run, found, unit)
    for key in keys:
        runs.setdefault(key, []).append(opener)


def _report(key, run, tokens, min_run, found, unit):
    if len(run) < min_run:
        return
    third = tokens[run[min_run - 1]]
    span = (third.start, third.end)
    if key.startswith("p:"):
        what = "an -ing phrase" if key == "p:ing" else "an -ly adverb"
        msg = f"{len(run)} {unit} in a row open with {what}; vary the openers."
    else:
        two = {_two_words(tokens, i) for i in run}
        if len(two) == 1 and None not in two:
            nxt = tokens[run[min_run - 1] + 1]
            span = (third.start, nxt.end)
            words = two.pop()
        else:
            words = tokens[run[0]].text
        msg = f"{len(run)} {unit} in a row open with '{words}'; vary the openers."
    if span in found and unit == "paragraphs":
        return                                # the sentence run already says it
    found[span] = msg


def _two_words(tokens, i: int):
    if i + 1 >= len(tokens):
        return None
    a, b = tokens[i], tokens[i + 1]
    if not b.text[:1].isalpha() or b.speech or b.sent != a.sent:
        return None
    return f"{a.text} {b.text}"
