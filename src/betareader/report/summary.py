"""The terminal summary of ``analyze``: the story seen from the outside, in a screenful."""

from __future__ import annotations

import click

from ..api import AnalysisResult

MAX_QUOTES = 12


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def render_analysis(result: AnalysisResult, quotes: int = MAX_QUOTES) -> str:
    a = result.analysis
    s = a.stats
    story = a.story
    title = result.source.metadata.get("title")
    lines = [click.style(f"{result.source.name}" + (f" — {title}" if title else ""), bold=True)]
    lines.append(
        f"{s.words:,} words · {s.sentences:,} sentences · {s.paragraphs:,} paragraphs · "
        f"{s.scenes} scene{'s' if s.scenes != 1 else ''} · {s.chapters} chapter{'s' if s.chapters != 1 else ''}"
    )
    lines.append(f"Narration: {a.narration.tense} tense, {a.narration.person} person")
    read = f"Reading time: {max(1, round(s.reading_minutes))} min"
    if s.flesch_reading_ease is not None:
        read += f" · Flesch reading ease {s.flesch_reading_ease:.0f} (grade {s.flesch_kincaid_grade:.1f})"
    lines.append(read)
    lines.append(f"Dialogue: {_pct(s.dialogue_share)} of the words, {len(a.quotes)} quotations · "
                 f"sentences {s.sentence_words_mean:.1f} ± {s.sentence_words_stdev:.1f} words")
    lines.append("")
    lines.append(click.style("Characters", bold=True))
    if not a.characters:
        lines.append("  (none found)")
    for c in a.characters[:15]:
        aliases = f" ({', '.join(c.aliases[:4])})" if c.aliases else ""
        share = a.dialogue_share.get(c.id, 0.0)
        lines.append(f"  {click.style(c.name, fg='cyan')}{aliases}  {c.pronouns or '?'}  "
                     f"{c.mentions} mentions · {_pct(share)} of dialogue" + ("  [narrator]" if c.narrator else ""))
    if len(a.characters) > 15:
        lines.append(f"  … and {len(a.characters) - 15} more")
    if a.quotes:
        lines.append("")
        lines.append(click.style("Who says what", bold=True) + f" (first {min(quotes, len(a.quotes))} of {len(a.quotes)})")
        names = {c.id: c.name for c in a.characters}
        for q in a.quotes[:quotes]:
            spoken = " ".join(story.text[q.start:q.end].split())
            if len(spoken) > 70:
                spoken = spoken[:67] + "…"
            who = names.get(q.speaker, "?") if q.speaker else "?"
            lines.append(f"  {who:>18}: “{spoken}”  ({q.method}, {q.confidence:.2f})")
    if a.arc.high and a.arc.low:
        lines.append("")
        lines.append(click.style("Emotional arc", bold=True) + f" (mean {a.arc.mean:+.2f})")
        for ext in (a.arc.high, a.arc.low):
            passage = ext.passage if len(ext.passage) <= 90 else ext.passage[:87] + "…"
            lines.append(f"  {ext.kind:>4} at {_pct(ext.position)} ({ext.score:+.2f}): {passage}")
    return "\n".join(lines)
