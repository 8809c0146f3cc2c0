"""Text → :class:`Story` (chapters, scenes, paragraphs, quotes, italics, author's notes).

``build_story`` is the only way a Story is made; the NLP layer then adds
sentences and tokens in place (:func:`betareader.nlp.parse`).
"""

from __future__ import annotations

import re

from ..readers.base import Source
from .model import Chapter, Paragraph, Quote, Scene, Sentence, Span, Story, Token
from .quotes import (
    detect_style, end_unclosed, find_dash_quotes, find_quotes, starts_with_open_quote, uses_dash_dialogue,
)
from .segment import inline_notes, is_break, is_heading, is_note, paragraph_spans

__all__ = [
    "Chapter", "Paragraph", "Quote", "Scene", "Sentence", "Span", "Story", "Token", "build_story",
]

# A chapter's title in quote marks on the line after its heading: one line, no lower case, no
# exclamation (CHAPTER I / "TOM!" is the book's first shout).
_QUOTED_TITLE = re.compile(r"\s*[\"“'‘][^a-z\n\"“”!?]{2,80}[\"”'’]\.?\s*$")
_ASTERISK_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,600}?)(?<=\S)\*(?![\w*])")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w_])_(?=\S)([^_\n]{1,600}?)(?<=\S)_(?![\w_])")


def build_story(source: Source | str, name: str | None = None) -> Story:
    """Segment ``source`` into a :class:`Story` (no NLP)."""
    if isinstance(source, str):
        source = Source(text=source, name=name or "<text>")
    text = source.text
    story = Story(text=text, name=name or source.name, metadata=dict(source.metadata))
    heading_spans = [Span(a, b) for a, b in source.headings]
    _classify_paragraphs(story, heading_spans)
    _mark_note_blocks(story)
    _build_chapters_and_scenes(story)
    story.italics = [Span(a, b) for a, b in source.italics]
    if source.format in ("txt", "folder"):
        story.italics.extend(_plain_emphasis(story))
    story.italics.sort(key=lambda s: s.start)
    _find_all_quotes(story)
    return story


def _classify_paragraphs(story: Story, heading_spans: list[Span]) -> None:
    text = story.text
    hi = 0
    for index, span in enumerate(paragraph_spans(text)):
        par = text[span.start:span.end]
        while hi < len(heading_spans) and heading_spans[hi].end <= span.start:
            hi += 1
        from_reader = hi < len(heading_spans) and heading_spans[hi].overlaps(span.start, span.end)
        if from_reader or is_heading(par):
            kind = "heading"
        elif is_break(par):
            kind = "break"
        elif is_note(par):
            kind = "note"
        elif story.paragraphs and story.paragraphs[-1].kind == "heading" and _QUOTED_TITLE.match(par):
            kind = "heading"  # CHAPTER I / 'HASTE TO THE WEDDING'
        else:
            kind = "text"
        story.paragraphs.append(Paragraph(span.start, span.end, index=index, kind=kind))


def _mark_note_blocks(story: Story) -> None:
    """Author's notes run on: at the start up to the first heading/break, at the end to the end."""
    paras = story.paragraphs
    if not paras:
        return
    text = story.text

    def note_like(p: Paragraph) -> bool:
        """Short, no dialogue: could continue an author's note."""
        return p.kind != "text" or (len(p) < 300 and not any(c in text[p.start:p.end] for c in '"“”'))

    # Leading block: a note in the first paragraphs, continued by note-like paragraphs
    # up to a heading or scene break soon after.
    first_note = next((i for i, p in enumerate(paras[:4]) if p.kind == "note"), None)
    if first_note is not None:
        limit = min(len(paras), first_note + 6)
        boundary = next((i for i in range(first_note + 1, limit) if paras[i].kind in ("heading", "break")), None)
        if boundary is not None and all(note_like(p) for p in paras[first_note:boundary]):
            for p in paras[first_note:boundary]:
                p.kind = "note" if p.kind == "text" else p.kind
    # Trailing block: a note among the last paragraphs makes the note-like ones after it notes too.
    last_idx = len(paras) - 1
    for i in range(last_idx, max(-1, last_idx - 4), -1):
        if paras[i].kind in ("heading", "break"):
            break
        if paras[i].kind == "note":
            tail = paras[i + 1:]
            if all(note_like(p) for p in tail):
                for p in tail:
                    if p.kind == "text":
                        p.kind = "note"
            break
    for p in paras:
        if p.kind == "text":
            for span in inline_notes(story.text, p.start, p.end):
                story.notes.append(span)
        else:
            if p.kind == "note":
                story.notes.append(Span(p.start, p.end))
    story.notes.sort(key=lambda s: s.start)


def _build_chapters_and_scenes(story: Story) -> None:
    text = story.text
    chapter: Chapter | None = None
    scene: Scene | None = None

    def new_chapter(start: int, title: str | None) -> Chapter:
        ch = Chapter(start, start, index=len(story.chapters), title=title)
        story.chapters.append(ch)
        return ch

    def new_scene(ch: Chapter, start: int) -> Scene:
        sc = Scene(start, start, index=len(story.scenes), chapter=ch.index)
        story.scenes.append(sc)
        ch.scenes.append(sc.index)
        return sc

    for p in story.paragraphs:
        if p.kind == "heading":
            title = text[p.start:p.end].strip().lstrip("#").strip()
            if chapter is None or any(story.scenes[s].paragraphs for s in chapter.scenes):
                chapter = new_chapter(p.start, title)
                scene = None
            else:
                chapter.title = chapter.title or title
        elif p.kind == "break":
            if chapter is not None and scene is not None and scene.paragraphs:
                scene = None
        if chapter is None:
            chapter = new_chapter(p.start, None)
        if scene is None and p.kind == "text":
            scene = new_scene(chapter, p.start)
        p.chapter = chapter.index
        if scene is not None:
            p.scene = scene.index
            if p.kind == "text":
                scene.paragraphs.append(p.index)
                scene.end = p.end
        chapter.end = p.end
    if not story.chapters:
        ch = new_chapter(0, None)
        ch.end = len(text)


def _plain_emphasis(story: Story) -> list[Span]:
    out: list[Span] = []
    for p in story.paragraphs:
        if p.kind != "text":
            continue
        seg = story.text[p.start:p.end]
        for rx in (_ASTERISK_EMPHASIS, _UNDERSCORE_EMPHASIS):
            for m in rx.finditer(seg):
                out.append(Span(p.start + m.start(), p.start + m.end()))
    return out


def _find_all_quotes(story: Story) -> None:
    text = story.text
    prose = story.prose_paragraphs
    style = detect_style("".join(text[p.start:p.end] + "\n" for p in prose[:2000]))
    story.quote_style = style
    dashes = uses_dash_dialogue(text, [(p.start, p.end) for p in prose])
    for n, p in enumerate(prose):
        p.quotes = find_quotes(text, p.start, p.end, style, p.index, story.stray_marks)
        if dashes and not p.quotes:
            p.quotes = find_dash_quotes(text, p.start, p.end, p.index)
        story.quotes.extend(p.quotes)
    # Speech that runs on into the next paragraph.
    for n, p in enumerate(prose):
        if not p.quotes or p.quotes[-1].problem != "unclosed":
            continue
        nxt = prose[n + 1] if n + 1 < len(prose) else None
        if nxt is not None and starts_with_open_quote(text, nxt.start, nxt.end, style) and nxt.quotes:
            last = p.quotes[-1]
            last.problem = None
            last.continues = True
            nxt.quotes[0].continued = True
    # Speech never closed: it ends before a dialogue tag that follows it, if there is one.
    for q in story.quotes:
        if q.problem == "unclosed" and not q.continues:
            end_unclosed(text, q)
