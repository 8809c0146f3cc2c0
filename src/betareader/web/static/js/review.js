// The beta read: the text with every issue marked in place, the issue card, the
// per-category and per-rule toggles.  Story text only ever enters the page as text nodes.

import { h, clear, visible, fmtInt } from "./dom.js";

export const CATEGORY_LABELS = {
  tense: "Tense", pov: "Point of view", dialogue: "Dialogue", confusable: "Confused words",
  compound: "Compounds", agreement: "Agreement", repetition: "Repetition", spelling: "Spelling",
  punctuation: "Punctuation", capitalization: "Capitalization", style: "Style", typography: "Typography",
};

const SEVERITY_RANK = { error: 2, warning: 1, info: 0 };

/** Most important first: severity, then the narrower span. */
export function priority(a, b) {
  return (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0)
    || (a.e - a.s) - (b.e - b.s) || a.s - b.s;
}

export function catLabel(category) {
  return CATEGORY_LABELS[category] || category;
}

/**
 * Render `text` into `el` with each issue in `issues` ({s, e, category, severity, message},
 * UTF-16 offsets) as a <mark>, italics as <em> and headings as <strong>.
 * Returns {marks: Map(issue → [mark elements]), cover: WeakMap(mark → issues, best first)}.
 */
export function renderDoc(el, text, issues, italics = [], headings = []) {
  const n = text.length;
  const clamp = (x) => Math.max(0, Math.min(n, x | 0));
  const bounds = new Set([0, n]);
  const spans = [];
  for (const it of issues) {
    let a = clamp(it.s);
    let b = clamp(it.e);
    if (a === b) { if (b < n) b += 1; else if (a > 0) a -= 1; }  // a zero-width issue marks one character
    if (a >= b) continue;
    spans.push([a, b, it]);
    bounds.add(a); bounds.add(b);
  }
  const styled = [];
  for (const [list, kind] of [[italics, "em"], [headings, "strong"]]) {
    for (const [a0, b0] of list || []) {
      const a = clamp(a0); const b = clamp(b0);
      if (a < b) { styled.push([a, b, kind]); bounds.add(a); bounds.add(b); }
    }
  }
  const B = [...bounds].sort((x, y) => x - y);
  const at = new Map(B.map((v, i) => [v, i]));
  const cover = new Array(B.length).fill(null);
  for (const [a, b, it] of spans) {
    for (let k = at.get(a); k < at.get(b); k++) (cover[k] ||= []).push(it);
  }
  const style = new Array(B.length).fill(0);
  for (const [a, b, kind] of styled) {
    const bit = kind === "em" ? 1 : 2;
    for (let k = at.get(a); k < at.get(b); k++) style[k] |= bit;
  }
  const marks = new Map();
  const coverOf = new WeakMap();
  const frag = document.createDocumentFragment();
  for (let k = 0; k < B.length - 1; k++) {
    let node = document.createTextNode(text.slice(B[k], B[k + 1]));
    if (style[k] & 1) node = h("em", null, node);
    if (style[k] & 2) node = h("strong", { class: "heading" }, node);
    const list = cover[k];
    if (list) {
      list.sort(priority);
      const top = list[0];
      const mark = h("mark", {
        class: ["iss", `cat-${top.category}`, `sev-${top.severity}`, list.length > 1 && "multi"],
        title: list.map((it) => it.message).join("\n"),
      }, node);
      coverOf.set(mark, list);
      for (const it of list) {
        if (!marks.has(it)) marks.set(it, []);
        marks.get(it).push(mark);
      }
      node = mark;
    }
    frag.append(node);
  }
  clear(el).append(frag);
  return { marks, cover: coverOf };
}

function excerpt(text, s, e) {
  const para0 = s > 0 ? text.lastIndexOf("\n", s - 1) + 1 : 0;
  let a = Math.max(para0, s - 70);
  if (a > para0) {
    const sp = text.indexOf(" ", a);
    if (sp !== -1 && sp < s) a = sp + 1;
  }
  const nl = text.indexOf("\n", e);
  const paraEnd = nl === -1 ? text.length : nl;
  let b = Math.min(paraEnd, e + 70);
  if (b < paraEnd) {
    const sp = text.lastIndexOf(" ", b);
    if (sp > e) b = sp;
  }
  return {
    before: (a > para0 ? "…" : "") + text.slice(a, s),
    flagged: text.slice(s, e),
    after: text.slice(e, b) + (b < paraEnd ? "…" : ""),
  };
}

/** The documentation of a rule: its sections, then the examples it flags and leaves alone. */
export function ruleDoc(rule) {
  const body = h("div", { class: "ruledoc-body" });
  let para = [];
  let section = "";
  const flush = () => {
    if (para.length) {
      const example = /^(example|use instead)/i.test(section);
      body.append(h("p", { class: example ? "example" : null }, para.join(example ? "\n" : " ")));
    }
    para = [];
  };
  for (const line of String(rule.doc || "").split("\n")) {
    if (/^\S.*[:?]\s*$/.test(line)) {
      flush();
      section = line.replace(/:\s*$/, "");
      body.append(h("h4", { text: section }));
    } else if (!line.trim()) {
      flush();
    } else {
      para.push(line.trim());
    }
  }
  flush();
  if (rule.bad?.length) {
    body.append(h("h4", { text: "Flagged" }), h("ul", { class: "examples bad" },
      rule.bad.map((t) => h("li", { text: t }))));
  }
  if (rule.good?.length) {
    body.append(h("h4", { text: "Left alone" }), h("ul", { class: "examples good" },
      rule.good.map((t) => h("li", { text: t }))));
  }
  return body;
}

/**
 * The card for the selected issue.  `actions`: apply(issue, suggestion), ignore(issue),
 * ruleOff(ruleId), close(), prev(), next().  `position`: "3 of 27".
 */
export function renderCard(el, text, issue, rule, position, actions) {
  clear(el);
  if (!issue) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  el.className = `card issue-card cat-${issue.category}`;
  const { before, flagged, after } = excerpt(text, issue.s, issue.e);
  const suggestions = issue.suggestions || [];
  el.append(
    h("div", { class: "card-head" },
      h("span", { class: "pill", text: catLabel(issue.category) }),
      h("span", { class: `sev sev-${issue.severity}`, text: issue.severity }),
      h("span", { class: "grow" }),
      h("span", { class: "muted", text: position }),
      h("button", { class: "icon", type: "button", title: "Close (Esc)", "aria-label": "Close",
        on: { click: actions.close } }, "×")),
    h("p", { class: "msg", text: issue.message }),
    h("blockquote", { class: "context", dir: "auto" },
      before, h("mark", { class: `iss cat-${issue.category} sev-${issue.severity}` }, visible(flagged) || "⎀"), after),
    suggestions.length
      ? h("div", { class: "suggestions" },
        h("span", { class: "label", text: suggestions.length > 1 ? "Replace with one of" : "Replace with" }),
        suggestions.slice(0, 8).map((sugg, i) => h("button", {
          type: "button", class: ["apply", i === 0 && "primary"],
          title: i === 0 ? "Apply (a)" : "Apply", dataset: { suggestion: i },
          on: { click: () => actions.apply(issue, sugg) },
        }, sugg === "" ? "(remove it)" : visible(sugg))))
      : h("p", { class: "muted small", text: "No automatic fix: rewrite it in the editor (e) if you agree." }),
    h("div", { class: "card-actions" },
      h("button", { type: "button", class: "ignore", title: "Ignore this one (i)", on: { click: () => actions.ignore(issue) } },
        "Ignore"),
      h("button", { type: "button", class: "rule-off", title: "Hide every issue of this rule",
        on: { click: () => actions.ruleOff(issue.rule) } }, "Turn off this rule"),
      h("span", { class: "grow" }),
      h("button", { type: "button", class: "icon", title: "Previous issue (p or k)", "aria-label": "Previous issue",
        on: { click: actions.prev } }, "‹"),
      h("button", { type: "button", class: "icon", title: "Next issue (n or j)", "aria-label": "Next issue",
        on: { click: actions.next } }, "›")),
  );
  const details = h("details", { class: "ruledoc" },
    h("summary", null, "About ", h("code", { text: issue.rule })));
  if (rule) details.append(ruleDoc(rule));
  else details.append(h("p", { class: "muted", text: "No documentation for this rule." }));
  el.append(details);
}

/**
 * The counts and toggles.  `issues`: every issue not ignored; `categories`: the contract's order.
 * `state`: {offCats, offRules, open (expanded categories), ignoredCount}; `actions`: toggleCat(cat, on),
 * toggleRule(rule, on), toggleOpen(cat), unignore().
 */
export function renderFilters(el, issues, categories, state, actions) {
  clear(el);
  const byCat = new Map();
  for (const it of issues) {
    if (!byCat.has(it.category)) byCat.set(it.category, new Map());
    const rules = byCat.get(it.category);
    rules.set(it.rule, (rules.get(it.rule) || 0) + 1);
  }
  const shown = issues.filter((it) => !state.offCats.has(it.category) && !state.offRules.has(it.rule)).length;
  el.append(h("div", { class: "filters-head" },
    h("strong", { id: "count-shown", text: fmtInt(shown) }), shown === 1 ? " issue shown" : " issues shown",
    issues.length > shown ? h("span", { class: "muted", text: ` · ${fmtInt(issues.length - shown)} turned off` }) : null));
  if (!issues.length && !state.ignoredCount) {
    el.append(h("p", { class: "muted small", text: "Nothing to flag. Either it is clean, or the rules you need are off." }));
  }
  const order = [...categories, ...[...byCat.keys()].filter((c) => !categories.includes(c))];
  const list = h("ul", { class: "cats" });
  for (const cat of order) {
    const rules = byCat.get(cat);
    if (!rules) continue;
    const total = [...rules.values()].reduce((x, y) => x + y, 0);
    const catOn = !state.offCats.has(cat);
    const open = state.open.has(cat);
    const row = h("li", { class: ["cat", `cat-${cat}`, !catOn && "off"], dataset: { category: cat } },
      h("div", { class: "cat-row" },
        h("label", null,
          h("input", { type: "checkbox", checked: catOn, "aria-label": `Show ${catLabel(cat)}`,
            on: { change: (ev) => actions.toggleCat(cat, ev.target.checked) } }),
          h("span", { class: "swatch" }), catLabel(cat)),
        h("span", { class: "count", text: fmtInt(total) }),
        h("button", { type: "button", class: "icon expand", "aria-expanded": open ? "true" : "false",
          title: "Rules in this category", on: { click: () => actions.toggleOpen(cat) } }, open ? "▾" : "▸")));
    if (open) {
      const sub = h("ul", { class: "rules" });
      for (const [rule, count] of [...rules.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
        const on = !state.offRules.has(rule);
        sub.append(h("li", { class: ["rule", !on && "off"], dataset: { rule } },
          h("label", null,
            h("input", { type: "checkbox", checked: on, disabled: !catOn, "aria-label": `Show ${rule}`,
              on: { change: (ev) => actions.toggleRule(rule, ev.target.checked) } }),
            h("code", { text: rule })),
          h("span", { class: "count", text: fmtInt(count) })));
      }
      row.append(sub);
    }
    list.append(row);
  }
  el.append(list);
  const offRulesNoIssues = [...state.offRules].filter((r) => !issues.some((it) => it.rule === r));
  if (offRulesNoIssues.length) {
    el.append(h("p", { class: "small muted" }, `Turned off: ${offRulesNoIssues.join(", ")} `,
      h("button", { type: "button", class: "link", on: { click: actions.allRulesOn } }, "turn all back on")));
  }
  if (state.ignoredCount) {
    el.append(h("p", { class: "small muted" }, `${fmtInt(state.ignoredCount)} ignored · `,
      h("button", { type: "button", class: "link", on: { click: actions.unignore } }, "show them again")));
  }
}
