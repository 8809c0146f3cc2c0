"""The ``speech`` flag on tokens: inside a quote or italic thought, walked over merged spans."""

from __future__ import annotations

from betareader.document import build_story
from betareader.document.model import Span
from betareader.nlp import merge_spans, parse
from betareader.readers.base import Source


def _flags_by_scan(story) -> list[bool]:
    """The flags as the plain definition gives them: the token starts inside one of its
    paragraph's quotes or inside an italic span of that paragraph."""
    spans: dict[int, list[Span]] = {}
    for q in story.quotes:
        spans.setdefault(q.paragraph, []).append(q)
    for s in story.italics:
        p = story.paragraph_of(s.start)
        if p is not None:
            spans.setdefault(p.index, []).append(s)
    out = []
    for t in story.tokens:
        par = story.sentences[t.sent].paragraph
        out.append(any(s.start <= t.start < s.end for s in spans.get(par, ())))
    return out


def test_merge_spans_sorts_joins_and_drops_empty():
    spans = [Span(30, 40), Span(0, 5), Span(3, 8), Span(8, 10), Span(12, 12), Span(35, 38), Span(50, 60)]
    assert merge_spans(spans) == [(0, 10), (30, 40), (50, 60)]
    assert merge_spans([]) == []


def test_speech_flags_on_a_paragraph_with_many_quotes():
    parts = []
    for k in range(120):
        if k % 3 == 0:
            parts.append(f'"Go {k}," she said, and he answered, "No."')
        elif k % 3 == 1:
            parts.append(f"He thought about the boat {k} and walked on.")
        else:
            parts.append(f'They called it "the {k} house" for years.')
    text = " ".join(parts) + "\n\nA second paragraph with no speech at all.\n"
    # italic thought: some spans on their own, some overlapping a quote
    italics = []
    for m in range(0, len(parts), 7):
        a = text.find(parts[m])
        italics.append((a + 2, a + 12))
    source = Source(text=text, name="<many>", italics=italics)
    story = parse(build_story(source))
    assert len([q for q in story.quotes if q.paragraph == story.paragraphs[0].index]) >= 80
    flags = [t.speech for t in story.tokens]
    assert flags == _flags_by_scan(story)
    assert any(flags) and not all(flags)
    assert not any(t.speech for t in story.tokens if story.sentences[t.sent].paragraph != 0)
