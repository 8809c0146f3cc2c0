// The story view: numbers, characters, charts, and the text with dialogue coloured by speaker.

import { h, clear, fmtInt, pct } from "./dom.js";
import { cpToUnit } from "./offsets.js";
import { arcChart, presenceChart, shareChart, figure, colour } from "./charts.js";

const MAX_CHART_ROWS = 12;

function stat(label, value, note) {
  return h("div", { class: "stat" }, h("div", { class: "stat-value", text: value }),
    h("div", { class: "stat-label", text: label }), note ? h("div", { class: "stat-note", text: note }) : null);
}

function readingEase(score) {
  if (score === null || score === undefined) return null;
  if (score >= 80) return "very easy";
  if (score >= 60) return "plain";
  if (score >= 40) return "fairly hard";
  return "hard";
}

/** The text with each quote coloured by its speaker; returns the container. */
function storyText(text, quotes, names, colours) {
  const el = h("div", { class: "story-text", dir: "auto" });
  const toUnit = cpToUnit(text);
  const spans = quotes.map((q) => ({ s: toUnit(q.start), e: toUnit(q.end), q }))
    .filter((x) => x.e > x.s).sort((a, b) => a.s - b.s);
  let pos = 0;
  const frag = document.createDocumentFragment();
  for (const { s, e, q } of spans) {
    if (s < pos) continue;  // overlapping spans: keep the first
    frag.append(document.createTextNode(text.slice(pos, s)));
    const known = q.speaker && colours.has(q.speaker);
    const span = h("span", {
      class: ["q", !known && "unknown"],
      title: known ? `${names.get(q.speaker)} (${Math.round(100 * (q.confidence || 0))}% sure)` : "speaker unknown",
      dataset: { speaker: q.speaker || "" },
    }, text.slice(s, e));
    if (known) span.style.setProperty("--spk", colours.get(q.speaker));
    frag.append(span);
    pos = e;
  }
  frag.append(document.createTextNode(text.slice(pos)));
  el.append(frag);
  return el;
}

/**
 * Render the analysis `a` (the analyze JSON) of `text` into `el`.
 * `downloads`: {analysis(), check(), report()} callbacks for the buttons.
 */
export function renderStory(el, a, text, downloads) {
  clear(el);
  const characters = a.characters || [];
  const colours = new Map(characters.map((c, i) => [c.id, colour(i)]));
  const names = new Map(characters.map((c) => [c.id, c.name]));
  const st = a.stats || {};
  const narr = a.narration || {};
  const ease = st.flesch_reading_ease;

  el.append(h("div", { class: "story-head" },
    h("div", { class: "stats" },
      stat("words", fmtInt(st.words)),
      stat("reading time", `${Math.max(1, Math.round(st.reading_minutes || 0))} min`),
      stat("narration", `${narr.tense || "?"} · ${narr.person || "?"}`, "tense · person"),
      stat("dialogue", pct(st.dialogue_share ?? a.pacing?.dialogue_share), "of the words"),
      stat("scenes", fmtInt(st.scenes || 0), st.chapters > 1 ? `${fmtInt(st.chapters)} chapters` : null),
      ease !== null && ease !== undefined ? stat("reading ease", String(Math.round(ease)), readingEase(ease)) : null),
    h("div", { class: "downloads" },
      h("button", { type: "button", id: "dl-analysis", on: { click: downloads.analysis } }, "Analysis (JSON)"),
      h("button", { type: "button", id: "dl-check", on: { click: downloads.check } }, "Issues (JSON)"),
      h("button", { type: "button", id: "dl-report", class: "primary", on: { click: downloads.report } },
        "Report (HTML)"))));

  // Characters
  const focus = { id: null };
  const textEl = storyText(text, a.quotes || [], names, colours);
  const setFocus = (id) => {
    focus.id = focus.id === id ? null : id;
    textEl.classList.toggle("focused", focus.id !== null);
    for (const q of textEl.querySelectorAll(".q")) q.classList.toggle("dim", focus.id !== null && q.dataset.speaker !== focus.id);
    for (const row of list.querySelectorAll("li")) row.classList.toggle("active", row.dataset.id === focus.id);
  };
  const maxShare = Math.max(0.0001, ...characters.map((c) => c.dialogue_share || 0));
  const list = h("ul", { class: "characters" });
  for (const c of characters) {
    const swatch = h("span", { class: "swatch" });
    swatch.style.setProperty("background", colours.get(c.id));
    const bar = h("span", { class: "share-bar" });
    bar.style.setProperty("width", `${(100 * (c.dialogue_share || 0)) / maxShare}%`);
    bar.style.setProperty("background", colours.get(c.id));
    list.append(h("li", { dataset: { id: c.id } },
      h("button", { type: "button", class: "char", title: "Show only their lines", on: { click: () => setFocus(c.id) } },
        h("span", { class: "char-name" }, swatch, h("bdi", { text: c.name }),
          c.narrator ? h("span", { class: "badge", text: "narrator" }) : null),
        h("span", { class: "char-meta" },
          c.pronouns ? h("span", { text: c.pronouns }) : null,
          h("span", { text: `${fmtInt(c.mentions)} mentions` })),
        c.aliases?.length ? h("span", { class: "aliases" }, "also ", h("bdi", { text: c.aliases.join(", ") })) : null,
        h("span", { class: "share" }, h("span", { class: "share-track" }, bar),
          h("span", { class: "share-num", text: pct(c.dialogue_share) })))));
  }
  el.append(h("section", { class: "panel" }, h("h2", { text: "Characters" }),
    characters.length ? list : h("p", { class: "muted", text: "No named characters found." }),
    characters.length ? h("p", { class: "small muted", text: "The bar is each one's share of the spoken words. Click a character to see only their lines." }) : null));

  // Charts
  const top = characters.slice(0, MAX_CHART_ROWS);
  const high = a.arc?.high;
  const low = a.arc?.low;
  const arcNote = high && low ? `Highest at ${Math.round(100 * high.position)}%: “${high.passage}” — lowest at ${Math.round(100 * low.position)}%: “${low.passage}”` : null;
  el.append(h("section", { class: "panel charts" }, h("h2", { text: "Charts" }),
    figure("Emotional arc", arcChart(a.arc), arcNote),
    figure("Who is on stage", presenceChart(top.map((c) => ({ name: c.name, bins: c.presence || [], colour: colours.get(c.id) })))),
    figure("Dialogue share", shareChart(top.filter((c) => c.dialogue_share > 0)
      .sort((x, y) => y.dialogue_share - x.dialogue_share)
      .map((c) => ({ name: c.name, share: c.dialogue_share, colour: colours.get(c.id) }))))));

  // The text
  const attributed = (a.quotes || []).filter((q) => q.speaker).length;
  el.append(h("section", { class: "panel" }, h("h2", { text: "Who says what" }),
    h("p", { class: "small muted", text: `${fmtInt((a.quotes || []).length)} stretches of dialogue, ${fmtInt(attributed)} with a speaker. Grey: the speaker could not be told.` }),
    textEl));
}
