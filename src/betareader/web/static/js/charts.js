// The story charts, drawn as SVG with DOM calls (names and passages go in as text nodes).

import { s, h } from "./dom.js";

// The same palette as report/charts.py, so the page and the HTML report agree.
export const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
  "#e377c2", "#bcbd22", "#7f7f7f", "#393b79", "#637939"];

export function colour(i) {
  return PALETTE[i % PALETTE.length];
}

const W = 720;

function frame(height, label) {
  return s("svg", { viewBox: `0 0 ${W} ${height}`, role: "img", "aria-label": label, class: "chart",
    preserveAspectRatio: "xMidYMid meet" });
}

function text(x, y, content, props = {}) {
  return s("text", { x, y, ...props }, content);
}

function short(name, max = 18) {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

/** The story-time axis under a chart: "start", "middle" and "end" from ``left`` across ``width``. */
function timeAxis(left, width, y) {
  return [
    text(left, y, "start", { class: "tick" }),
    text(left + width / 2, y, "middle", { class: "tick", "text-anchor": "middle" }),
    text(left + width, y, "end", { class: "tick", "text-anchor": "end" }),
  ];
}

/** A chart of one row per character: its frame (with ``empty`` written in it when there are no rows). */
function rowFrame(rows, rowH, m, label, empty) {
  const H = m.t + m.b + rowH * Math.max(1, rows.length);
  const svg = frame(H, label);
  if (!rows.length) svg.append(text(W / 2, H / 2, empty, { class: "empty", "text-anchor": "middle" }));
  return { svg, H, iw: W - m.l - m.r };
}

function rowLabel(m, y, rowH, name) {
  return text(m.l - 8, y + rowH / 2 + 4, short(name), { class: "label", "text-anchor": "end" });
}

/** The emotional arc: window means as bars, the smoothed line, the high and low points. */
export function arcChart(arc) {
  const points = arc?.points || [];
  const H = 220;
  const m = { l: 44, r: 12, t: 14, b: 30 };
  const svg = frame(H, "Emotional arc over the story");
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const peak = Math.max(0.25, ...points.map((p) => Math.abs(p.score)), ...points.map((p) => Math.abs(p.smoothed)));
  const x = (pos) => m.l + pos * iw;
  const y = (v) => m.t + ih / 2 - (v / peak) * (ih / 2);
  svg.append(
    s("line", { x1: m.l, x2: W - m.r, y1: y(0), y2: y(0), class: "axis" }),
    text(m.l - 6, y(peak) + 4, "+", { class: "tick", "text-anchor": "end" }),
    text(m.l - 6, y(-peak) + 4, "−", { class: "tick", "text-anchor": "end" }),
    text(m.l - 6, y(0) + 4, "0", { class: "tick", "text-anchor": "end" }),
    ...timeAxis(m.l, iw, H - 8),
  );
  if (!points.length) {
    svg.append(text(W / 2, H / 2, "Too short for an arc", { class: "empty", "text-anchor": "middle" }));
    return svg;
  }
  const bw = Math.max(2, (iw / points.length) * 0.7);
  for (const p of points) {
    const top = Math.min(y(p.score), y(0));
    svg.append(s("rect", { x: x(p.position) - bw / 2, y: top, width: bw, height: Math.max(1, Math.abs(y(p.score) - y(0))),
      class: p.score >= 0 ? "bar pos" : "bar neg" },
    s("title", null, `${Math.round(100 * p.position)}%: ${p.score >= 0 ? "+" : ""}${p.score.toFixed(2)}`)));
  }
  const d = points.map((p, i) => `${i ? "L" : "M"}${x(p.position).toFixed(1)},${y(p.smoothed).toFixed(1)}`).join(" ");
  svg.append(s("path", { d, class: "line" }));
  for (const ext of [arc.high, arc.low]) {
    if (!ext) continue;
    const cx = x(ext.position);
    const cy = y(ext.score);
    svg.append(s("circle", { cx, cy, r: 5, class: `extreme ${ext.kind}` },
      s("title", null, `${ext.kind} at ${Math.round(100 * ext.position)}%: ${ext.passage}`)));
    svg.append(text(cx, ext.kind === "high" ? cy - 9 : cy + 17, ext.kind, { class: "tick", "text-anchor": "middle" }));
  }
  return svg;
}

/** Who is on stage when: mentions in each stretch of the story, one row per character. */
export function presenceChart(rows) {
  const rowH = 22;
  const m = { l: 150, r: 12, t: 8, b: 26 };
  const { svg, H, iw } = rowFrame(rows, rowH, m, "Character presence over the story", "No characters found");
  if (!rows.length) return svg;
  const max = Math.max(1, ...rows.flatMap((r) => r.bins));
  rows.forEach((r, i) => {
    const yy = m.t + i * rowH;
    svg.append(rowLabel(m, yy, rowH, r.name));
    const n = r.bins.length || 1;
    const cw = iw / n;
    r.bins.forEach((count, j) => {
      const cell = s("rect", { x: m.l + j * cw + 0.5, y: yy + 2, width: Math.max(1, cw - 1), height: rowH - 4, rx: 2,
        class: "cell" }, s("title", null, `${r.name}: ${count} mention${count === 1 ? "" : "s"}`));
      cell.style.setProperty("fill", count ? r.colour : "#eceae4");
      cell.style.setProperty("fill-opacity", count ? String(0.18 + 0.82 * (count / max)) : "1");
      svg.append(cell);
    });
  });
  svg.append(...timeAxis(m.l, iw, H - 8));
  return svg;
}

/** Share of the spoken words, one bar per character. */
export function shareChart(rows) {
  const rowH = 24;
  const m = { l: 150, r: 50, t: 8, b: 8 };
  const { svg, iw } = rowFrame(rows, rowH, m, "Share of the dialogue per character", "No attributed dialogue");
  if (!rows.length) return svg;
  const max = Math.max(0.01, ...rows.map((r) => r.share));
  rows.forEach((r, i) => {
    const yy = m.t + i * rowH;
    const bar = s("rect", { x: m.l, y: yy + 4, width: Math.max(1, (r.share / max) * iw), height: rowH - 8, rx: 3 },
      s("title", null, `${r.name}: ${Math.round(100 * r.share)}% of the spoken words`));
    bar.style.setProperty("fill", r.colour);
    svg.append(
      rowLabel(m, yy, rowH, r.name),
      bar,
      text(m.l + (r.share / max) * iw + 6, yy + rowH / 2 + 4, `${Math.round(100 * r.share)}%`, { class: "tick" }),
    );
  });
  return svg;
}

export function figure(title, svg, note) {
  return h("figure", { class: "chart-box" }, h("figcaption", { text: title }), svg,
    note ? h("p", { class: "small muted", text: note }) : null);
}
