"""compound: closed compounds split ("with out"), words wrongly joined ("alot"), compound modifiers
left unhyphenated ("a well known actor")."""

from __future__ import annotations

from functools import lru_cache

from ..base import Rule, load_list
from ..patterns import fit_case, is_punct, load_patterns, matches_at, words_of

PATTERN_FILES = ("compound-split.txt", "compound-joined.txt", "compound-hyphen.txt")

NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "one".split())
UNITS = frozenset(
    "minute hour day week month year mile foot inch metre meter second page storey story room course man "
    "person point step block kilometer kilometre pound dollar yard gallon ton piece game round night lane "
    "seater bedroom wheel legged headed sided star door word line chapter episode volume shot act member "
    "gun mast speed digit letter lap kilo ounce litre liter pint acre floor stage player hit run".split())
AGE_UNITS = frozenset("year month week day hour".split())
TIME_NOUNS = frozenset(
    "morning evening night afternoon week month year day time later ago before after".split())
LINKING = frozenset(
    "is was are were be been being 's 're 'm am seem seems seemed look looks looked sound sounds sounded "
    "feel feels felt become became get got remain remained appear appeared".split())
LY_ADJECTIVES = frozenset(
    "early only family holy jelly belly friendly ugly silly lovely lonely likely unlikely daily weekly monthly "
    "yearly hourly nightly deadly elderly curly burly surly bubbly wily oily woolly hilly sickly lowly costly "
    "cowardly ghostly heavenly lively manly motherly fatherly brotherly sisterly neighborly neighbourly orderly "
    "scholarly shapely stately timely worldly wrinkly prickly crinkly chilly frilly gnarly grisly measly "
    "homely kindly courtly comely gangly jolly folly bully rally tally ally belly smelly lily "
    "bodily godly goodly portly saintly seemly unruly wobbly womanly".split())


@lru_cache(maxsize=None)
def _pairs(name: str) -> dict[tuple[str, str], bool]:
    """(first, second) -> any_tag, from a file of "first|second" or "first|second|*" lines."""
    out = {}
    for line in load_list(name):
        parts = [p.strip().lower() for p in line.split("|")]
        if len(parts) >= 2:
            out[(parts[0], parts[1])] = len(parts) > 2 and parts[2] == "*"
    return out


class Compound(Rule):
    """
    What it does:
        Flags compounds written the wrong way: closed compounds split in two ("with out",
        "every where", "some how", "her self", "can not", "never the less", "sun light"),
        words wrongly joined ("alot", "infront", "eachother", "atleast", "incase", "aswell",
        "noone", "everytime", "for awhile", "to setup"), and common compound modifiers
        before a noun left without their hyphen ("a well known actor", "long awaited
        news", "a ten year old girl", "a so called friend", "a five minute walk",
        "blue eyed", "self conscious").  Lists and contexts are data files
        (checks/data/compound-*.txt); it suggests the corrected form.

    Why is this bad?
        Split and joined compounds are among the commonest slips in unedited fiction, and
        spell checkers pass them because each piece is a word.  A missing hyphen can
        change how a phrase parses ("a man eating shark").

    Leaves alone:
        The forms that are right: "no one", "a lot", "thank you", "each other", "in front",
        "all right" and "alright", "any more" (British), "every one of them", "some one
        thing", "any one of", "gave in to temptation", "moved on to the next", "a part
        of", "stay awhile", "some time ago" and "sometime next week", "nevermind" in
        speech, "a high school student" and other open compounds that are nouns,
        "-ly" adverbs ("a highly regarded poet": no hyphen; "highly-regarded" is flagged),
        modifiers after the noun ("the actor was well known"), "six foot tall", verbs
        ("the sun set", "her heart beat faster").  Old spellings such as "every thing" or
        "any one" are left alone when a story uses them consistently.

    Example:
        She couldn't have done it with out him; alot of people said so. A well known
        actor played the ten year old boy.

    Use instead:
        She couldn't have done it without him; a lot of people said so. A well-known
        actor played the ten-year-old boy.
    """

    id = "compound"
    category = "compound"
    severity = "warning"
    bad = (
        "Izzy had heard alot of stories about the lighthouse keeper.",
        "His legs were stretched out infront of him on the bench.",
        "Tom and Pet looked at eachother, and neither of them laughed.",
        "You couldn't have done it with out Quill telling you how.",
        "Some how, the studio feels colder than it did an hour ago.",
        "She had always been a little self conscious about her freckles.",
        "A well known actor had rented the cottage for the summer.",
        "The ten year old girl sat on the steps with her cat.",
    )
    good = (
        "No one answered, so she knocked a lot louder.",
        "They looked at each other in front of the whole crowd.",
        "He gave in to temptation and ate every one of the biscuits.",
        "The actor was well known in the village, but nobody asked for his autograph.",
        "Any one of us could have done it; some one thing always goes wrong.",
        "Thank you, she said, and walked out into the high school car park.",
        "She was ten years old that summer, and the sun set over the harbour.",
        "He moved on to the next house, a highly regarded inn with all right beds.",
    )

    def check(self, story, ctx):
        tokens = story.tokens
        if not tokens:
            return
        words = words_of(story)
        patterns = load_patterns(*PATTERN_FILES)
        index = patterns.index
        closed = _pairs("compound-closed.txt")
        hyph = _pairs("compound-hyphen-pairs.txt")
        sentences = story.sentences
        text = story.text
        style: dict = {}
        n = len(tokens)
        skip_until = -1
        for i, w in enumerate(words):
            if i <= skip_until:
                continue
            tok = tokens[i]
            nxt = i + 1 if i + 1 < n and tokens[i + 1].sent == tok.sent else None
            # 1. patterns (split, joined, hyphenated modifiers)
            cands = index.get(w)
            if cands:
                hit = None
                for p, last in matches_at(cands, tokens, words, i, sentences[tok.sent]):
                    if tok.text[:1].isupper() and not self._sentence_start(story, i):
                        continue  # a title or a name: "First Class", "Some Where Else"
                    if ("archaic" in p.flags or "{-}" in p.replacements) and \
                            self._house_style(words, words[i:last + 1], p.replacements[0], style):
                        continue
                    hit = (p, last)
                    break
                if hit is not None:
                    p, last = hit
                    issue = self._issue(story, i, last, p.replacements_for(words[i:last + 1]), p.severity)
                    if issue is not None:
                        yield issue
                        skip_until = last
                        continue
            if nxt is None or not tok.ws:
                continue
            w2 = words[nxt]
            # 2. open pairs that are one word ("sun light")
            key = (w, w2)
            any_tag = closed.get(key)
            capital_ok = not tok.text[:1].isupper() or self._sentence_start(story, i)
            after_hyphen = i > 0 and tokens[i - 1].text.endswith("-") and not tokens[i - 1].ws
            if any_tag is not None and capital_ok and not after_hyphen \
                    and (any_tag or not tokens[nxt].tag.startswith(("VB", "MD"))) \
                    and not self._house_style(words, [w, w2], "{}", style):
                yield self._issue(story, i, nxt, [tok.text + tokens[nxt].text], "warning")
                skip_until = nxt
                continue
            # 3. two-word modifiers that take a hyphen ("good looking")
            if key in hyph:
                after = nxt + 1 if nxt + 1 < n and tokens[nxt + 1].sent == tok.sent else None
                prev = i - 1 if i > 0 and tokens[i - 1].sent == tok.sent else None
                attributive = after is not None and tokens[after].tag in ("NN", "NNS") \
                    and tokens[after].text[:1].islower()
                predicative = prev is not None and words[prev] in LINKING and (
                    after is None or is_punct(tokens[after]) or tokens[after].tag in ("CC", "IN", "TO"))
                if (attributive or predicative) and capital_ok \
                        and not self._house_style(words, [w, w2], "{-}", style):
                    yield self._issue(story, i, nxt, [f"{tok.text}-{tokens[nxt].text}"], "warning")
                    skip_until = nxt
                    continue
            # 4. number + unit before a noun ("a ten year old girl", "a five minute walk")
            if (tok.tag == "CD" or w in NUMBER_WORDS) and w2 in UNITS:
                found = self._number_unit(story, words, i, nxt)
                if found is not None:
                    yield found
                    skip_until = found_end = self._last_index(story, found)
                    continue
        # 5. "-ly" adverb + hyphen ("a highly-regarded poet"), unless the story does it throughout
        ly = list(self._ly_hyphens(story, words))
        if len(ly) <= 2:
            yield from ly

    # -- helpers ------------------------------------------------------------------------------
    @staticmethod
    def _sentence_start(story, i):
        s = story.sentences[story.tokens[i].sent]
        return all(is_punct(story.tokens[k]) for k in range(s.tok_start, i))

    @staticmethod
    def _last_index(story, issue):
        tokens = story.tokens
        k = 0
        for k in range(len(tokens)):
            if tokens[k].end >= issue.end:
                return k
        return k

    def _number_unit(self, story, words, i, j):
        tokens = story.tokens
        n = len(tokens)

        def nxt(k):
            return k + 1 if k + 1 < n and tokens[k + 1].sent == tokens[k].sent and tokens[k].ws else None

        k = nxt(j)
        if k is not None and words[k] == "old" and words[j] in AGE_UNITS:
            return self.issue(tokens[i].start, tokens[k].end,
                              f"'{story.text[tokens[i].start:tokens[k].end]}' is a compound: hyphenate it.",
                              [f"{tokens[i].text}-{tokens[j].text}-{tokens[k].text}"])
        if k is None or words[i] == "one" and words[j] in ("day", "night", "year", "week", "month", "time", "morning"):
            return None
        t = tokens[k]
        noun_next = t.tag in ("NN", "NNS") and t.text[:1].islower() and words[k] not in TIME_NOUNS
        if t.tag.startswith("JJ"):
            k2 = nxt(k)
            noun_next = k2 is not None and tokens[k2].tag in ("NN", "NNS") and words[k2] not in TIME_NOUNS
        if not noun_next:
            return None
        p = i - 1 if i > 0 and tokens[i - 1].sent == tokens[i].sent else None
        if p is None or words[p] not in ("a", "an", "the", "this", "that", "his", "her", "their", "my", "your",
                                         "our", "its", "every", "each", "another", "one", "first", "last"):
            return None
        return self.issue(tokens[i].start, tokens[j].end,
                          f"'{story.text[tokens[i].start:tokens[j].end]}' before a noun is a compound modifier: "
                          f"hyphenate it.", [f"{tokens[i].text}-{tokens[j].text}"])

    def _ly_hyphens(self, story, words):
        tokens = story.tokens
        n = len(tokens)
        for i in range(n - 2):
            if tokens[i + 1].text != "-" or tokens[i].ws or tokens[i + 1].ws:
                continue
            w = words[i]
            if not w.endswith("ly") or len(w) < 5 or w in LY_ADJECTIVES or tokens[i].tag != "RB":
                continue
            if tokens[i + 2].sent != tokens[i].sent or not tokens[i + 2].tag.startswith(("VBN", "JJ", "VBG")):
                continue
            a, b = tokens[i].start, tokens[i + 2].end
            yield self.issue(a, b, f"No hyphen after an -ly adverb: '{tokens[i].text} {tokens[i + 2].text}'.",
                             [f"{tokens[i].text} {tokens[i + 2].text}"])

    @staticmethod
    def _house_style(words, split, template, style) -> bool:
        """The story writes this form on purpose: three times or more, and at least three times as
        often as the modern form ("every thing" and "good humoured" in Austen, "fire place")."""
        split = tuple(split)
        key = (split, template)
        if key in style:
            return style[key]
        if template == "{-}":
            fixed = tuple(x for w in split for x in (w, "-"))[:-1]
        elif template == "{}":
            fixed = ("".join(split),)
        else:
            fixed = tuple(template.lower().split())
        n_split = _ngram_count(words, split, style)
        n_fixed = _ngram_count(words, fixed, style)
        result = n_split >= 3 and n_split >= 3 * n_fixed
        style[key] = result
        return result

    def _issue(self, story, first, last, replacements, severity):
        tokens = story.tokens
        start, end = tokens[first].start, tokens[last].end
        original = story.text[start:end]
        suggestions = []
        for r in replacements:
            if "{" in r:
                from ..patterns import expand
                r = expand(r, tokens[first:last + 1])
            r = fit_case(r, original)
            if "\u2019" in original:
                r = r.replace("'", "\u2019")
            if r != original and r not in suggestions:
                suggestions.append(r)
        if not suggestions:
            return None
        return self.issue(start, end, _message(original, suggestions[0]), suggestions, severity=severity)


def _ngram_count(words, gram: tuple, cache: dict) -> int:
    """How often ``gram`` (a tuple of normalised words) occurs in the story (positions indexed once)."""
    pos = cache.get("_pos")
    if pos is None:
        pos = {}
        for k, w in enumerate(words):
            pos.setdefault(w, []).append(k)
        cache["_pos"] = pos
    n = len(gram)
    starts = pos.get(gram[0], ())
    if n == 1:
        return len(starts)
    return sum(1 for k in starts if tuple(words[k:k + n]) == gram)


def _message(original: str, fixed: str) -> str:
    o = original.replace("-", " ")
    if " " in original and " " not in fixed and "-" not in fixed:
        return f"'{original}' is one word: '{fixed}'."
    if " " not in original and "-" not in original and " " in fixed:
        return f"'{original}' is two words: '{fixed}'."
    if "-" in fixed and "-" not in original:
        return f"'{original}' is a compound modifier here: hyphenate it ('{fixed}')."
    if "-" in original and "-" not in fixed:
        return f"'{original}' takes no hyphen: '{fixed}'."
    return f"'{o}' should be '{fixed}'."
