"""The emotional arc: sentiment over narrative time.

Each sentence is scored with VADER (a maintained lexicon- and rule-based sentiment
model that ships its lexicon, so it runs offline); the story is cut into windows of
about equal length in words, each window's mean score is smoothed with a centred
moving average, and the highest and lowest points are reported with the passage
(the most extreme sentence) that drives them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache

from ..document.model import Story

DEFAULT_WINDOWS = 40
SMOOTHING = 5
MIN_WINDOW_WORDS = 60


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@dataclass
class ArcPoint:
    index: int
    position: float
    """Where the window is centred, 0 (start) to 1 (end) of the story."""
    start: int
    end: int
    score: float
    smoothed: float


@dataclass
class ArcExtreme:
    kind: str
    """``high`` or ``low``."""
    position: float
    score: float
    start: int
    end: int
    passage: str


@dataclass
class Arc:
    points: list[ArcPoint] = field(default_factory=list)
    high: ArcExtreme | None = None
    low: ArcExtreme | None = None
    mean: float = 0.0

    def to_dict(self) -> dict:
        return {
            "mean": round(self.mean, 4),
            "points": [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(p).items()}
                       for p in self.points],
            "high": asdict(self.high) if self.high else None,
            "low": asdict(self.low) if self.low else None,
        }


def sentence_scores(story: Story) -> list[float]:
    """VADER compound score of every sentence (-1 … 1)."""
    polarity = _analyzer().polarity_scores
    text = story.text
    return [polarity(text[s.start:s.end])["compound"] for s in story.sentences]


def emotional_arc(story: Story, windows: int = DEFAULT_WINDOWS, scores: list[float] | None = None) -> Arc:
    sentences = story.sentences
    if not sentences:
        return Arc()
    scores = sentence_scores(story) if scores is None else scores
    lengths = [max(1, s.tok_end - s.tok_start) for s in sentences]
    total = sum(lengths)
    n = max(1, min(windows, total // MIN_WINDOW_WORDS))
    per_window = total / n
    groups: list[list[int]] = [[] for _ in range(n)]
    seen = 0
    for i, length in enumerate(lengths):
        groups[min(n - 1, int((seen + length / 2) / per_window))].append(i)
        seen += length
    groups = [g for g in groups if g]
    raw = [sum(scores[i] * lengths[i] for i in g) / sum(lengths[i] for i in g) for g in groups]
    half = SMOOTHING // 2
    smoothed = []
    for k in range(len(raw)):
        lo, hi = max(0, k - half), min(len(raw), k + half + 1)
        smoothed.append(sum(raw[lo:hi]) / (hi - lo))
    text_len = max(1, len(story.text))
    points = []
    for k, g in enumerate(groups):
        a, b = sentences[g[0]].start, sentences[g[-1]].end
        points.append(ArcPoint(k, round((a + b) / 2 / text_len, 4), a, b, raw[k], smoothed[k]))
    arc = Arc(points=points, mean=sum(s * l for s, l in zip(scores, lengths)) / total)
    arc.high = _extreme("high", max(points, key=lambda p: p.smoothed), groups, scores, story, max)
    arc.low = _extreme("low", min(points, key=lambda p: p.smoothed), groups, scores, story, min)
    return arc


def _extreme(kind, point: ArcPoint, groups, scores, story: Story, pick) -> ArcExtreme:
    best = pick(groups[point.index], key=lambda i: scores[i])
    s = story.sentences[best]
    passage = " ".join(story.text[s.start:s.end].split())
    return ArcExtreme(kind, point.position, round(point.smoothed, 4), s.start, s.end, passage)
