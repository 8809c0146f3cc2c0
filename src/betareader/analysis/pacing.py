"""Pacing and statistics: length, dialogue share, sentence rhythm, reading time, readability.

Readability comes from textstat (Flesch reading ease, Flesch–Kincaid grade),
computed on the narration and dialogue of the story's prose paragraphs.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field

from ..document.model import Story

READING_WPM = 238
"""Average silent reading speed for fiction, words per minute."""
READABILITY_SAMPLE_CHARS = 400_000


@dataclass
class ScenePacing:
    scene: int
    chapter: int
    start: int
    end: int
    words: int
    paragraphs: int
    sentences: int
    dialogue_share: float
    mean_sentence_words: float


@dataclass
class Stats:
    words: int = 0
    sentences: int = 0
    paragraphs: int = 0
    scenes: int = 0
    chapters: int = 0
    dialogue_share: float = 0.0
    """Share of the prose's words that are inside quotes."""
    sentence_words_mean: float = 0.0
    sentence_words_stdev: float = 0.0
    reading_minutes: float = 0.0
    flesch_reading_ease: float | None = None
    flesch_kincaid_grade: float | None = None
    scenes_detail: list[ScenePacing] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("scenes_detail")
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in d.items()}

    def pacing_dict(self) -> dict:
        return {
            "dialogue_share": round(self.dialogue_share, 4),
            "scenes": [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(s).items()}
                       for s in self.scenes_detail],
        }


def _is_word(text: str) -> bool:
    return text[:1].isalnum()


def story_stats(story: Story) -> Stats:
    tokens = story.tokens
    paragraphs = story.paragraphs
    per_scene_words: dict[int, int] = {}
    per_scene_speech: dict[int, int] = {}
    per_scene_sents: dict[int, int] = {}
    sentence_lengths: list[int] = []
    words = speech_words = 0
    for s in story.sentences:
        scene = paragraphs[s.paragraph].scene
        n = sp = 0
        for t in tokens[s.tok_start:s.tok_end]:
            if _is_word(t.text):
                n += 1
                if t.speech:
                    sp += 1
        sentence_lengths.append(n)
        words += n
        speech_words += sp
        per_scene_words[scene] = per_scene_words.get(scene, 0) + n
        per_scene_speech[scene] = per_scene_speech.get(scene, 0) + sp
        per_scene_sents[scene] = per_scene_sents.get(scene, 0) + 1
    stats = Stats(
        words=words,
        sentences=len(story.sentences),
        paragraphs=len(story.prose_paragraphs),
        scenes=len([s for s in story.scenes if s.paragraphs]),
        chapters=len(story.chapters),
        dialogue_share=speech_words / words if words else 0.0,
        sentence_words_mean=statistics.fmean(sentence_lengths) if sentence_lengths else 0.0,
        sentence_words_stdev=statistics.pstdev(sentence_lengths) if len(sentence_lengths) > 1 else 0.0,
        reading_minutes=words / READING_WPM,
    )
    for sc in story.scenes:
        if not sc.paragraphs:
            continue
        w = per_scene_words.get(sc.index, 0)
        n_s = per_scene_sents.get(sc.index, 0)
        stats.scenes_detail.append(ScenePacing(
            scene=sc.index, chapter=sc.chapter, start=sc.start, end=sc.end, words=w,
            paragraphs=len(sc.paragraphs), sentences=n_s,
            dialogue_share=per_scene_speech.get(sc.index, 0) / w if w else 0.0,
            mean_sentence_words=w / n_s if n_s else 0.0,
        ))
    _readability(story, stats)
    return stats


def _readability(story: Story, stats: Stats) -> None:
    if stats.words < 30:
        return
    import textstat

    sample, size = [], 0
    for p in story.prose_paragraphs:
        chunk = story.text[p.start:p.end]
        sample.append(chunk)
        size += len(chunk)
        if size >= READABILITY_SAMPLE_CHARS:
            break
    text = "\n".join(sample)
    stats.flesch_reading_ease = float(textstat.flesch_reading_ease(text))
    stats.flesch_kincaid_grade = float(textstat.flesch_kincaid_grade(text))
