"""The self-contained HTML report of ``analyze``: one file, no scripts or fonts fetched.

The text with dialogue coloured by speaker, the character table, and charts of the
emotional arc, character presence and dialogue share (inline SVG).  Every piece of
story text is escaped.
"""

from __future__ import annotations

from html import escape

from ..api import AnalysisResult
from .charts import arc_chart, colour, presence_chart, share_chart

MAX_CHART_CHARACTERS = 12

CSS = """
body{font:15px/1.55 Georgia,serif;color:#222;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1,h2{font-family:system-ui,sans-serif}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}
.meta{font-family:system-ui,sans-serif;color:#555}
table{border-collapse:collapse;font-family:system-ui,sans-serif;font-size:.9rem}
td,th{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em}
.story p{margin:.4rem 0}.story .q{border-bottom:2px solid currentColor}
.story .unknown{color:#666}.story h3{font-family:system-ui,sans-serif}
.story .break{text-align:center;color:#999}.story .note{color:#888;font-style:italic}
.charts svg{max-width:100%;height:auto}
"""


def render_html(result: AnalysisResult) -> str:
    a = result.analysis
    story = a.story
    s = a.stats
    colours = {c.id: colour(i) for i, c in enumerate(a.characters)}
    names = {c.id: c.name for c in a.characters}
    title = result.source.metadata.get("title") or result.source.name
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{escape(str(title))} — betareader report</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(str(title))}</h1>",
        f"<p class='meta'>{s.words:,} words · {s.scenes} scenes · {s.chapters} chapters · "
        f"{escape(a.narration.tense)} tense, {escape(a.narration.person)} person · "
        f"reading time {max(1, round(s.reading_minutes))} min · dialogue {100 * s.dialogue_share:.0f}% of words",
    ]
    if s.flesch_reading_ease is not None:
        parts.append(f" · Flesch reading ease {s.flesch_reading_ease:.0f}")
    parts.append("</p>")
    parts.append(_characters_table(a, colours))
    parts.append("<h2>Charts</h2><div class='charts'>")
    parts.append(arc_chart([(p.position, p.score, p.smoothed) for p in a.arc.points], a.arc.high, a.arc.low))
    top = a.characters[:MAX_CHART_CHARACTERS]
    parts.append(presence_chart([(c.name, a.presence.get(c.id, [])) for c in top]))
    shares = [(names[cid], share, colours[cid]) for cid, share in a.dialogue_share.items() if cid in names]
    parts.append(share_chart(shares[:MAX_CHART_CHARACTERS]))
    parts.append("</div>")
    if a.arc.high and a.arc.low:
        parts.append("<h2>Emotional high and low</h2><ul>")
        for ext in (a.arc.high, a.arc.low):
            parts.append(f"<li><b>{ext.kind}</b> at {100 * ext.position:.0f}% ({ext.score:+.2f}): "
                         f"{escape(ext.passage)}</li>")
        parts.append("</ul>")
    parts.append("<h2>The story, dialogue coloured by speaker</h2><div class='story'>")
    parts.append(_story_html(a, colours, names))
    parts.append("</div><p class='meta'>Made by betareader, offline.</p></body></html>")
    return "".join(parts)


def _characters_table(a, colours) -> str:
    rows = ["<h2>Characters</h2><table><tr><th>Character</th><th>Also called</th><th>Pronouns</th>"
            "<th>Mentions</th><th>Dialogue</th></tr>"]
    for c in a.characters:
        rows.append(
            f"<tr><td><span class='swatch' style='background:{colours[c.id]}'></span>{escape(c.name)}"
            f"{' (narrator)' if c.narrator else ''}</td><td>{escape(', '.join(c.aliases))}</td>"
            f"<td>{escape(c.pronouns or '?')}</td><td>{c.mentions}</td>"
            f"<td>{100 * a.dialogue_share.get(c.id, 0.0):.0f}%</td></tr>")
    rows.append("</table>")
    return "".join(rows)


def _story_html(a, colours, names) -> str:
    story = a.story
    text = story.text
    by_start = {q.start: q for q in a.quotes}
    out = []
    for p in story.paragraphs:
        if p.kind == "heading":
            out.append(f"<h3>{escape(text[p.start:p.end])}</h3>")
            continue
        if p.kind == "break":
            out.append("<p class='break'>* * *</p>")
            continue
        cls = " class='note'" if p.kind == "note" else ""
        pieces, pos = [], p.start
        for q in p.quotes:
            attributed = by_start.get(q.inner_start)
            speaker = attributed.speaker if attributed else None
            pieces.append(escape(text[pos:q.start]))
            style = f" style='color:{colours[speaker]}'" if speaker in colours else ""
            label = escape(names.get(speaker, "unknown speaker"), quote=True)
            klass = "q" if speaker in colours else "q unknown"
            pieces.append(f"<span class='{klass}'{style} title='{label}'>{escape(text[q.start:q.end])}</span>")
            pos = q.end
        pieces.append(escape(text[pos:p.end]))
        out.append(f"<p{cls}>{''.join(pieces)}</p>")
    return "\n".join(out)
