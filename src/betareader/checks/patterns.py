"""Token patterns: word lists with context, kept as data files.

Rules such as ``confusable`` and ``compound`` keep their knowledge in
``checks/data/*.txt`` as one pattern per line, in the spirit of proselint's
word lists but with a window of context around the word::

    define modal = can|could|would|should|must|might|may|will|shall|'ll|'d
    <modal> [of] @VBN|@VBD|been           => have         !error  !nodialect
    [with out] !of                         => without
    a|an|the|@PRP$ [well known] @NN*      => {-}

A line is ``PATTERN => REPLACEMENTS OPTIONS``.

PATTERN is a sequence of *elements* separated by spaces, matched against
consecutive tokens of one sentence.  The elements in ``[...]`` are the
*target*: the words flagged and replaced; those before and after are context.
An element is a test on one token:

* ``word`` — the token, lower-cased, with curly apostrophes made straight
  (``'s``, ``n't``, ``,`` are words too); ``wo*`` / ``*ly`` match by prefix or suffix;
* ``@TAG`` — the Penn tag (``@VBG``); ``@VB*`` any tag starting with ``VB``;
* ``%POS`` — the universal part of speech (``%PUNCT``); ``~dep`` — the dependency label;
* ``<name>`` — a set made with ``define name = ...`` (a set may use any of these tests);
* ``:cap`` — capitalised; ``:speech`` — inside dialogue or thought; ``*`` — any token;
* ``a|b`` either, ``a&b`` both (``&`` binds tighter), ``!a`` not;
* ``out_of`` — a sequence of words as one alternative (``a_bit|a_lot``).

An element ending in ``?`` is optional.  ``^`` matches at the start of the
sentence (only punctuation such as an opening quote before it), ``$`` at the
end (only punctuation after it); both may also be alternatives (``%PUNCT|$``).
``..N`` skips up to N tokens.  A negative element (``!@NN*``) also matches
when the sentence has no token there.  Where a target lists several words and
as many replacements (``[break|breaks] => brake/brakes``) they pair up.

The target's tokens must be written as they appear: separate words separated
by whitespace (``[with out]`` does not match ``without`` or ``with-out``),
contractions attached (``[it 's]`` matches ``it's``, not ``it 's``).

REPLACEMENTS are ``/``-separated; ``{-}`` is the target's words joined by
hyphens, ``{}`` joined with nothing, ``{1}`` its first word.  The case of the
first letter and the style of apostrophe follow the text.

OPTIONS start with ``!``: a severity (``!error``, ``!warning``, ``!info``),
``!narration`` (only outside dialogue and thought), ``!nodialect`` (not in
speech written in eye dialect, where "could of" may be deliberate); any other
``!word`` is kept in ``Pattern.flags`` for the rule to interpret.  ``:: text``
at the end of a line gives the message.  ``#`` starts a comment.
``define NAME = a b @TAG ...`` (or ``+=``) makes a set usable as ``<NAME>``.

Patterns are compiled once (``load_patterns`` is cached) and indexed by the
first word of their target, so matching costs one dictionary look-up per token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable, Iterator, Sequence

from ..document.model import Sentence, Story, Token

Test = Callable[[Token, str], bool]

_SEVERITIES = ("error", "warning", "info")
_PUNCT_POS = frozenset({"PUNCT", "SYM"})


def norm(word: str) -> str:
    """A token's text as patterns see it: lower case, straight apostrophes."""
    return word.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


def words_of(story: Story) -> list[str]:
    """``norm`` of every token (computed once per story and shared by the rules)."""
    cached = story.metadata.get("_pattern_words")
    if cached is not None and len(cached) == len(story.tokens):
        return cached
    out = [norm(t.text) for t in story.tokens]
    story.metadata["_pattern_words"] = out
    return out


def is_punct(tok: Token) -> bool:
    if tok.pos in _PUNCT_POS:
        return True
    t = tok.text
    return not (t[:1].isalnum() or t[-1:].isalnum() or any(c.isalnum() for c in t))


# -- elements -------------------------------------------------------------------------

@dataclass(slots=True)
class Element:
    """One position of a pattern: a test on a token, or a choice of short word sequences."""

    test: Test | None = None
    seqs: tuple[tuple[str, ...], ...] = ()
    """Multi-word alternatives (``out_of``)."""
    start_ok: bool = False
    """``^`` is one of the alternatives: matches (empty) at the start of the sentence."""
    end_ok: bool = False
    """``$`` is one of the alternatives: matches (empty) at the end of the sentence."""
    optional: bool = False
    negative: bool = False
    """Only negated tests: also matches (empty) where the sentence has no token."""
    gap: int = -1
    """``..N``: skip up to N tokens (-1: not a gap)."""
    source: str = ""
    words: frozenset[str] = frozenset()
    """The literal words of a plain word set (used to index a target's first element)."""
    plain: bool = False
    attached: bool = False
    """In a target: this token is written against the previous one (``'s``, ``n't``)."""
    simple: bool = False
    """A plain test (no sequences, anchors, gap, optional or negative): matched without backtracking."""

    def finish(self) -> "Element":
        self.simple = (self.test is not None and not self.seqs and not self.start_ok and not self.end_ok
                       and not self.optional and not self.negative and self.gap < 0)
        return self


@dataclass(slots=True)
class Pattern:
    source: str
    before: list[Element]
    target: list[Element]
    after: list[Element]
    replacements: list[str]
    severity: str | None = None
    narration_only: bool = False
    no_dialect: bool = False
    message: str | None = None
    line: int = 0
    flags: frozenset[str] = frozenset()
    """Other ``!options`` of the line, for the rule that reads the file (``!archaic`` ...)."""

    def keys(self) -> frozenset[str]:
        return self.target[0].words

    def replacements_for(self, matched: Sequence[str]) -> list[str]:
        """The replacements for the words matched; ``[break|breaks] => brake/brakes`` pairs them up."""
        if len(self.target) == 1 and matched:
            alts = [norm(a) for a in self.target[0].source.split("|")]
            if len(alts) == len(self.replacements) > 1 and matched[0] in alts:
                return [self.replacements[alts.index(matched[0])]]
        return list(self.replacements)


@dataclass
class Match:
    pattern: Pattern
    first: int
    last: int  # inclusive token index

    def suggestions(self, tokens: Sequence[Token], text: str) -> list[str]:
        toks = tokens[self.first:self.last + 1]
        original = text[toks[0].start:toks[-1].end]
        return [fit_case(expand(r, toks), original) for r in self.pattern.replacements]


def expand(template: str, toks: Sequence[Token]) -> str:
    if "{" not in template:
        return template
    words = [t.text for t in toks if t.text != "-"]
    out = template.replace("{-}", "-".join(words)).replace("{}", "".join(words))
    return re.sub(r"\{(\d+)\}", lambda m: words[int(m.group(1)) - 1] if int(m.group(1)) <= len(words) else "",
                  out)


def fit_case(replacement: str, original: str) -> str:
    """Give ``replacement`` the capitalisation and apostrophe style of ``original``."""
    if not replacement:
        return replacement
    if "\u2019" in original:
        replacement = replacement.replace("'", "\u2019")
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# -- compiling --------------------------------------------------------------------------

class PatternError(ValueError):
    pass


def _atom(text: str, defines: dict[str, Element]) -> tuple[Test, frozenset[str]]:
    """(test, literal words) for one atom without negation."""
    if text == "*":
        return (lambda t, w: True), frozenset()
    if text.startswith("@") and len(text) > 1:
        tag = text[1:]
        if tag.endswith("*"):
            prefix = tag[:-1]
            return (lambda t, w: t.tag.startswith(prefix)), frozenset()
        return (lambda t, w: t.tag == tag), frozenset()
    if text.startswith("%") and len(text) > 1:
        pos = text[1:]
        if pos == "PUNCT":
            return (lambda t, w: is_punct(t)), frozenset()
        return (lambda t, w: t.pos == pos), frozenset()
    if text.startswith("~") and len(text) > 1:
        dep = text[1:]
        return (lambda t, w: t.dep == dep), frozenset()
    if text.startswith("<") and text.endswith(">") and len(text) > 2:
        name = text[1:-1]
        if name not in defines:
            raise PatternError(f"unknown set <{name}>")
        el = defines[name]
        if el.seqs or el.start_ok or el.end_ok or el.test is None:
            raise PatternError(f"set <{name}> used inside a test must be single-token tests only")
        return el.test, (el.words if el.plain else frozenset())
    if text == ":cap":
        return (lambda t, w: t.text[:1].isupper()), frozenset()
    if text == ":speech":
        return (lambda t, w: t.speech), frozenset()
    word = norm(text.replace("\\", ""))
    if len(word) > 1 and "*" in word:
        if word.endswith("*"):
            prefix = word[:-1]
            return (lambda t, w: w.startswith(prefix)), frozenset()
        if word.startswith("*"):
            suffix = word[1:]
            return (lambda t, w: w.endswith(suffix) and w != suffix), frozenset()
    return (lambda t, w: w == word), frozenset({word})


def _alternation(text: str, defines: dict[str, Element]) -> Element:
    """Compile ``a|b&c|!d|out_of|^|$|<set>`` into one element."""
    alts: list[Test] = []
    words: set[str] = set()
    seqs: list[tuple[str, ...]] = []
    start_ok = end_ok = False
    plain = True
    all_negative = True
    for alt in text.split("|"):
        if alt == "":
            raise PatternError(f"empty alternative in {text!r}")
        if alt == "^":
            start_ok, plain, all_negative = True, False, False
            continue
        if alt == "$":
            end_ok, plain, all_negative = True, False, False
            continue
        if alt.startswith("<") and alt.endswith(">") and alt[1:-1] in defines:
            el = defines[alt[1:-1]]
            if el.seqs or el.start_ok or el.end_ok:
                seqs.extend(el.seqs)
                start_ok |= el.start_ok
                end_ok |= el.end_ok
                plain = False
                all_negative = False
                if el.test is not None:
                    alts.append(el.test)
                continue
        if "_" in alt and "&" not in alt and not alt.startswith(("!", "<")) and len(alt) > 2:
            seqs.append(tuple(norm(w) for w in alt.split("_")))
            plain, all_negative = False, False
            continue
        conj: list[Test] = []
        alt_negative = True
        atoms = alt.split("&")
        for atom in atoms:
            neg = atom.startswith("!") and len(atom) > 1
            body = atom[1:] if neg else atom
            test, lits = _atom(body, defines)
            if neg:
                conj.append(_negate(test))
                plain = False
            else:
                alt_negative = False
                conj.append(test)
                if len(atoms) == 1 and lits:
                    words |= lits
                else:
                    plain = False
        all_negative = all_negative and alt_negative
        alts.append(conj[0] if len(conj) == 1 else _conjoin(conj))
    plain = plain and bool(words) and not seqs
    if plain:
        fs = frozenset(words)
        test: Test | None = lambda t, w: w in fs  # noqa: E731
    elif not alts:
        test = None
    elif len(alts) == 1:
        test = alts[0]
    else:
        test = _disjoin(alts)
    return Element(test, tuple(seqs), start_ok, end_ok, negative=all_negative and bool(alts), source=text,
                   words=frozenset(words) if plain else frozenset(), plain=plain)


def _negate(test: Test) -> Test:
    return lambda t, w: not test(t, w)


def _conjoin(tests: list[Test]) -> Test:
    if len(tests) == 2:
        a, b = tests
        return lambda t, w: a(t, w) and b(t, w)

    def test(t, w):
        for x in tests:
            if not x(t, w):
                return False
        return True
    return test


def _disjoin(tests: list[Test]) -> Test:
    if len(tests) == 2:
        a, b = tests
        return lambda t, w: a(t, w) or b(t, w)

    def test(t, w):
        for x in tests:
            if x(t, w):
                return True
        return False
    return test


def _element(raw: str, defines: dict[str, Element]) -> Element:
    m = re.fullmatch(r"\.\.(\d+)", raw)
    if m:
        return Element(gap=int(m.group(1)), source=raw)
    optional = len(raw) > 1 and raw.endswith("?") and not raw.endswith("\\?")
    body = raw[:-1] if optional else raw
    el = _alternation(body, defines)
    el.optional = optional
    el.source = raw
    return el.finish()


def compile_line(line: str, defines: dict[str, Element], lineno: int = 0) -> Pattern:
    message = None
    if "::" in line:
        line, message = line.split("::", 1)
        message = message.strip() or None
    if "=>" not in line:
        raise PatternError(f"line {lineno}: no '=>' in {line!r}")
    lhs, rhs = line.split("=>", 1)
    opts = [w for w in rhs.split() if w.startswith("!")]
    repl_text = " ".join(w for w in rhs.split() if not w.startswith("!"))
    replacements = [r.strip() for r in repl_text.split("/") if r.strip()]
    severity = None
    narration_only = no_dialect = False
    flags: set[str] = set()
    for o in opts:
        o = o[1:]
        if o in _SEVERITIES:
            severity = o
        elif o == "narration":
            narration_only = True
        elif o == "nodialect":
            no_dialect = True
        elif re.fullmatch(r"[a-z][a-z-]*", o):
            flags.add(o)
        else:
            raise PatternError(f"line {lineno}: bad option !{o}")
    before: list[Element] = []
    target: list[Element] = []
    after: list[Element] = []
    state = 0  # 0 before, 1 target, 2 after
    for raw in lhs.split():
        opening = raw.startswith("[") and len(raw) > 1
        closing = raw.endswith("]") and len(raw) > 1
        core = raw[1 if opening else 0: len(raw) - (1 if closing else 0)]
        if opening:
            if state != 0:
                raise PatternError(f"line {lineno}: second '[' in {lhs!r}")
            state = 1
        if "[" in core or "]" in core:
            raise PatternError(f"line {lineno}: stray bracket in {raw!r}")
        el = _element(core, defines)
        if state == 1:
            if el.test is None or el.optional or el.seqs or el.start_ok or el.end_ok or el.gap >= 0:
                raise PatternError(f"line {lineno}: target elements must be single-token tests: {raw!r}")
            el.attached = bool(target) and (core.startswith("'") or core == "n't" or core == "-"
                                            or target[-1].source == "-")
            target.append(el)
        elif state == 0:
            before.append(el)
        else:
            after.append(el)
        if closing:
            if state != 1:
                raise PatternError(f"line {lineno}: ']' without '[' in {lhs!r}")
            state = 2
    if not target or state != 2:
        raise PatternError(f"line {lineno}: no [target] in {lhs!r}")
    if not target[0].words:
        raise PatternError(f"line {lineno}: the target must start with literal words: {lhs!r}")
    if not replacements:
        raise PatternError(f"line {lineno}: no replacement in {line!r}")
    return Pattern(lhs.strip(), before, target, after, replacements, severity, narration_only,
                   no_dialect, message, lineno, frozenset(flags))


def parse_patterns(raw: str) -> list[Pattern]:
    defines: dict[str, Element] = {}
    out: list[Pattern] = []
    for n, line in enumerate(raw.splitlines(), 1):
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if not line:
            continue
        if line.startswith("define "):
            m = re.fullmatch(r"define\s+([\w-]+)\s*(\+?=)\s*(.+)", line)
            if not m:
                raise PatternError(f"line {n}: bad define {line!r}")
            name, op, body = m.groups()
            body = "|".join(body.split())
            if op == "+=" and name in defines:
                body = defines[name].source + "|" + body
            try:
                el = _alternation(body, defines)
            except PatternError as exc:
                raise PatternError(f"line {n}: {exc}") from None
            el.source = body
            defines[name] = el
            continue
        try:
            out.append(compile_line(line, defines, n))
        except PatternError as exc:
            raise PatternError(str(exc) if str(exc).startswith("line") else f"line {n}: {exc}") from None
    return out


@dataclass
class PatternSet:
    patterns: list[Pattern]
    index: dict[str, list[Pattern]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for p in self.patterns:
            for k in p.keys():
                self.index.setdefault(k, []).append(p)

    def matches(self, story: Story, words: list[str] | None = None) -> Iterator[Match]:
        """Every pattern match, left to right; at most one match per target start."""
        tokens = story.tokens
        words = words if words is not None else words_of(story)
        index = self.index
        sentences = story.sentences
        for i, w in enumerate(words):
            cands = index.get(w)
            if not cands:
                continue
            sent = sentences[tokens[i].sent]
            for p in cands:
                last = match_at(p, tokens, words, i, sent.tok_start, sent.tok_end)
                if last is not None:
                    yield Match(p, i, last)
                    break


def match_at(p: Pattern, tokens: Sequence[Token], words: Sequence[str], i: int, lo: int, hi: int) -> int | None:
    """Index of the last target token when ``p`` matches with its target at ``i``, else None."""
    j = i
    for k, el in enumerate(p.target):
        if j >= hi:
            return None
        if k and tokens[j - 1].ws == el.attached:
            return None
        if not el.test(tokens[j], words[j]):  # type: ignore[misc]
            return None
        j += 1
    if p.after and not _forward(p.after, 0, tokens, words, j, hi):
        return None
    if p.before and not _backward(p.before, len(p.before) - 1, tokens, words, i - 1, lo):
        return None
    return j - 1


def matches_at(cands: Sequence[Pattern], tokens: Sequence[Token], words: Sequence[str], i: int,
               sent: Sentence) -> Iterator[tuple[Pattern, int]]:
    """The patterns of ``cands`` that match with their target at ``i`` in the sentence ``sent``, in
    order, each with the index of its last target token; a ``!narration`` pattern only where no
    target token is in speech.  Lazy: a rule takes the first it accepts."""
    lo, hi = sent.tok_start, sent.tok_end
    for p in cands:
        last = match_at(p, tokens, words, i, lo, hi)
        if last is None:
            continue
        if p.narration_only and any(tokens[k].speech for k in range(i, last + 1)):
            continue
        yield p, last


def _only_punct(tokens: Sequence[Token], a: int, b: int) -> bool:
    return all(is_punct(tokens[x]) for x in range(a, b))


def _steps_forward(el: Element, tokens, words, j: int, hi: int) -> Iterator[int]:
    if el.gap >= 0:
        yield from range(j, min(hi, j + el.gap) + 1)
        return
    if j < hi and el.test is not None and el.test(tokens[j], words[j]):
        yield j + 1
    for seq in el.seqs:
        n = len(seq)
        if j + n <= hi and all(words[j + x] == seq[x] for x in range(n)):
            yield j + n
    if el.end_ok and _only_punct(tokens, j, hi):
        yield j
    if el.optional or (j >= hi and el.negative):
        yield j


def _steps_backward(el: Element, tokens, words, j: int, lo: int) -> Iterator[int]:
    if el.gap >= 0:
        yield from range(j, max(lo - 1, j - el.gap) - 1, -1)
        return
    if j >= lo and el.test is not None and el.test(tokens[j], words[j]):
        yield j - 1
    for seq in el.seqs:
        n = len(seq)
        if j - n + 1 >= lo and all(words[j - n + 1 + x] == seq[x] for x in range(n)):
            yield j - n
    if el.start_ok and _only_punct(tokens, lo, j + 1):
        yield j
    if el.optional or (j < lo and el.negative):
        yield j


def _forward(els: list[Element], k: int, tokens, words, j: int, hi: int) -> bool:
    n = len(els)
    while k < n:
        el = els[k]
        if el.simple:  # the common case: one plain test, no alternatives of other kinds
            if j >= hi or not el.test(tokens[j], words[j]):  # type: ignore[misc]
                return False
            j += 1
            k += 1
            continue
        for nj in _steps_forward(el, tokens, words, j, hi):
            if _forward(els, k + 1, tokens, words, nj, hi):
                return True
        return False
    return True


def _backward(els: list[Element], k: int, tokens, words, j: int, lo: int) -> bool:
    while k >= 0:
        el = els[k]
        if el.simple:
            if j < lo or not el.test(tokens[j], words[j]):  # type: ignore[misc]
                return False
            j -= 1
            k -= 1
            continue
        for nj in _steps_backward(el, tokens, words, j, lo):
            if _backward(els, k - 1, tokens, words, nj, lo):
                return True
        return False
    return True


@lru_cache(maxsize=None)
def load_patterns(*names: str) -> PatternSet:
    """The patterns of ``checks/data/NAME`` files, compiled and indexed (cached)."""
    pats: list[Pattern] = []
    for name in names:
        raw = resources.files("betareader.checks").joinpath("data", name).read_text(encoding="utf-8")
        try:
            pats.extend(parse_patterns(raw))
        except PatternError as exc:
            raise PatternError(f"{name}: {exc}") from None
    return PatternSet(pats)
