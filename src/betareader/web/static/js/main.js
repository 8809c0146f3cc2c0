// betareader's page: paste or open a chapter, get the beta read, fix it, see the story.
// All offsets inside the page are UTF-16 (JavaScript) offsets; the API's code point
// offsets are converted on the way in and out (offsets.js).

import { h, $, clear, download, stem, fmtInt } from "./dom.js";
import * as api from "./api.js";
import * as store from "./store.js";
import { cpToUnit, unitToCp, diffRange, remap } from "./offsets.js";
import { renderDoc, renderCard, renderFilters } from "./review.js";
import { renderStory } from "./story.js";

const CATEGORIES = ["tense", "pov", "dialogue", "confusable", "compound", "agreement", "repetition", "spelling",
  "punctuation", "capitalization", "style", "typography"];
const MAX_UNDO = 50;

const state = {
  doc: null, // {text, name, format, italics: [[a, b]], headings: [[a, b]], metadata}
  draft: "",
  issues: [], // check issues + {s, e (UTF-16), key}
  checkJSON: null,
  checkedFor: null,
  analysis: null,
  analysisFor: null,
  ignored: new Set(),
  offRules: new Set(),
  offCats: new Set(),
  open: new Set(),
  selected: null,
  visible: [],
  marks: new Map(),
  cover: new WeakMap(),
  undo: [],
  view: "start", // start | read | story
  editing: false,
  rules: new Map(),
  info: { max_upload_bytes: 10 * 1024 * 1024 },
};

const el = {
  start: $("#view-start"), read: $("#view-read"), story: $("#view-story"), storyBody: $("#story-body"),
  paste: $("#paste"), doc: $("#doc"), editor: $("#editor"), card: $("#issue-card"), filters: $("#filters"),
  status: $("#status"), position: $("#position"), name: $("#doc-name"), tabRead: $("#tab-read"),
  tabStory: $("#tab-story"), tabCount: $("#tab-count"), file: $("#file-input"), toast: $("#toast"),
  drop: $("#drop-hint"), undo: $("#btn-undo"), edit: $("#btn-edit"),
};

// ------------------------------------------------------------------ messages

let toastTimer = null;
function toast(message, kind = "info", action = null) {
  clearTimeout(toastTimer);
  clear(el.toast);
  el.toast.className = `toast ${kind}`;
  el.toast.append(h("span", { class: "toast-text", text: message }));
  if (action) el.toast.append(h("button", { type: "button", class: "link", on: { click: () => { hideToast(); action.run(); } } }, action.label));
  el.toast.append(h("button", { type: "button", class: "icon", "aria-label": "Dismiss", on: { click: hideToast } }, "×"));
  el.toast.hidden = false;
  toastTimer = setTimeout(hideToast, kind === "error" ? 12000 : 6000);
}

function hideToast() {
  el.toast.hidden = true;
}

function setStatus(text, kind = "") {
  el.status.textContent = text;
  el.status.className = `status ${kind}`;
}

// ------------------------------------------------------------------ saving

let saveTimer = null;
let warnedStorage = false;
function snapshot() {
  return {
    doc: state.doc, draft: state.draft, ignored: [...state.ignored], offRules: [...state.offRules],
    offCats: [...state.offCats], view: state.view, savedAt: Date.now(),
  };
}

function persist(now = false) {
  clearTimeout(saveTimer);
  const write = () => {
    if (!store.save(snapshot()) && !warnedStorage) {
      warnedStorage = true;
      toast("Your browser would not keep the text in local storage (full or disabled). Download it to be safe.", "error");
    }
  };
  if (now) write();
  else saveTimer = setTimeout(write, 250);
}

// ------------------------------------------------------------------ text and issues

function issueKey(text, rule, s, e) {
  return [rule, text.slice(s, e), text.slice(Math.max(0, s - 16), s), text.slice(e, e + 16)].join("\u0001");
}

function toCp(text, spans) {
  const f = unitToCp(text);
  return (spans || []).map(([a, b]) => [f(a), f(b)]);
}

function toUnits(text, spans) {
  const f = cpToUnit(text);
  return (spans || []).map(([a, b]) => [f(a), f(b)]);
}

function payload(doc) {
  return {
    text: doc.text, name: doc.name || null, format: doc.format || "txt",
    italics: toCp(doc.text, doc.italics), headings: toCp(doc.text, doc.headings), metadata: doc.metadata || {},
  };
}

/** Replace the text, moving every span through the edit; issues the edit touches are dropped. */
function setText(next, { recordUndo = false } = {}) {
  const doc = state.doc;
  const old = doc.text;
  if (next === old) return;
  if (recordUndo) {
    state.undo.push({ text: old, italics: doc.italics, headings: doc.headings });
    if (state.undo.length > MAX_UNDO) state.undo.shift();
  }
  const d = diffRange(old, next);
  const issues = [];
  for (const it of state.issues) {
    const r = remap(it.s, it.e, d);
    if (!r) continue;
    const moved = { ...it, s: r[0], e: r[1] };
    moved.key = issueKey(next, it.rule, moved.s, moved.e);
    if (state.ignored.has(it.key)) state.ignored.add(moved.key);
    if (state.selected === it) state.selected = moved;
    issues.push(moved);
  }
  if (state.selected && !issues.includes(state.selected)) state.selected = null;
  state.issues = issues;
  const move = (spans) => (spans || []).map(([a, b]) => remap(a, b, d, true)).filter((x) => x && x[1] > x[0]);
  doc.italics = move(doc.italics);
  doc.headings = move(doc.headings);
  doc.text = next;
  el.undo.disabled = state.undo.length === 0;
  persist();
}

function visibleIssues() {
  return state.issues.filter((it) => !state.ignored.has(it.key) && !state.offRules.has(it.rule)
    && !state.offCats.has(it.category));
}

// ------------------------------------------------------------------ checking

let checkSeq = 0;
let checkTimer = null;
let checking = false;

function scheduleCheck(delay = 700) {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, delay);
}

async function runCheck() {
  clearTimeout(checkTimer);
  const doc = state.doc;
  if (!doc || !doc.text.trim()) return;
  const text = doc.text;
  const seq = ++checkSeq;
  checking = true;
  setStatus("Checking…", "busy");
  document.body.classList.add("checking");
  try {
    const result = await api.postJSON("/api/check", payload(doc));
    if (seq !== checkSeq || !state.doc || state.doc.text !== text) return;  // the text moved on: a newer check follows
    const toUnit = cpToUnit(text);
    const prev = state.selected;
    state.checkJSON = result;
    state.checkedFor = text;
    state.issues = result.issues.map((it) => {
      const s = toUnit(it.start);
      const e = toUnit(it.end);
      return { ...it, s, e, key: issueKey(text, it.rule, s, e) };
    });
    state.selected = prev ? (state.issues.find((it) => it.key === prev.key) || null) : null;
    render();
    document.body.dataset.checks = String(Number(document.body.dataset.checks || 0) + 1);  // for tests and tools
    const n = visibleIssues().length;
    setStatus(n ? `Checked · ${fmtInt(n)} to look at` : "Checked · nothing flagged", "done");
  } catch (err) {
    if (seq === checkSeq) {
      setStatus("Not checked", "error");
      toast(err.message, "error");
    }
  } finally {
    if (seq === checkSeq) {
      checking = false;
      document.body.classList.remove("checking");
    }
  }
}

// ------------------------------------------------------------------ rendering

function render() {
  if (!state.doc) return;
  const vis = visibleIssues();
  state.visible = vis;
  if (state.selected && !vis.includes(state.selected)) state.selected = null;
  const { marks, cover } = renderDoc(el.doc, state.doc.text, vis, state.doc.italics, state.doc.headings);
  state.marks = marks;
  state.cover = cover;
  const ignoredCount = state.issues.filter((it) => state.ignored.has(it.key)).length;
  renderFilters(el.filters, state.issues.filter((it) => !state.ignored.has(it.key)), CATEGORIES,
    { offCats: state.offCats, offRules: state.offRules, open: state.open, ignoredCount }, filterActions);
  el.tabCount.hidden = vis.length === 0;
  el.tabCount.textContent = String(vis.length);
  renderSelection(false);
}

function renderSelection(scroll = true) {
  for (const m of el.doc.querySelectorAll("mark.sel")) m.classList.remove("sel");
  const it = state.selected;
  const vis = state.visible;
  el.position.textContent = vis.length ? `${it ? vis.indexOf(it) + 1 : "–"} / ${fmtInt(vis.length)}` : "";
  renderCard(el.card, state.doc.text, it, it ? state.rules.get(it.rule) : null,
    it ? `${vis.indexOf(it) + 1} of ${fmtInt(vis.length)}` : "", cardActions);
  if (!it) return;
  const marks = state.marks.get(it) || [];
  for (const m of marks) m.classList.add("sel");
  if (scroll && marks.length) {
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    marks[0].scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
  }
}

function select(it, scroll = true) {
  state.selected = it;
  renderSelection(scroll);
}

function step(dir) {
  const vis = state.visible;
  if (!vis.length) return;
  let i = state.selected ? vis.indexOf(state.selected) : -1;
  if (i === -1) i = dir > 0 ? -1 : vis.length;
  select(vis[(i + dir + vis.length) % vis.length]);
}

/** The first visible issue at or after UTF-16 offset `pos` (wrapping round). */
function issueFrom(pos) {
  const vis = state.visible;
  return vis.find((it) => it.s >= pos) || vis[0] || null;
}

// ------------------------------------------------------------------ actions

function apply(issue, suggestion) {
  const text = state.doc.text;
  const next = text.slice(0, issue.s) + suggestion + text.slice(issue.e);
  const after = issue.s + suggestion.length;
  const was = text.slice(issue.s, issue.e);
  setText(next, { recordUndo: true });
  state.issues = state.issues.filter((it) => it !== issue && it.key !== issue.key);
  state.selected = null;
  render();
  select(issueFrom(after), true);
  toast(`Replaced “${was}” with “${suggestion}”.`, "info", { label: "Undo", run: undo });
  scheduleCheck();
}

function undo() {
  const last = state.undo.pop();
  if (!last) return;
  setText(last.text);
  state.doc.italics = last.italics;
  state.doc.headings = last.headings;
  el.undo.disabled = state.undo.length === 0;
  render();
  persist();
  scheduleCheck(300);
}

function ignore(issue) {
  const vis = state.visible;
  const i = vis.indexOf(issue);
  state.ignored.add(issue.key);
  render();
  const nextVis = state.visible;
  select(nextVis.length ? nextVis[Math.min(Math.max(i, 0), nextVis.length - 1)] : null);
  persist();
}

const cardActions = {
  apply, ignore,
  ruleOff: (rule) => { state.offRules.add(rule); render(); persist(); toast(`Turned off ${rule}.`, "info", { label: "Undo", run: () => { state.offRules.delete(rule); render(); persist(); } }); },
  close: () => select(null),
  prev: () => step(-1),
  next: () => step(1),
};

const filterActions = {
  toggleCat: (cat, on) => { if (on) state.offCats.delete(cat); else state.offCats.add(cat); render(); persist(); },
  toggleRule: (rule, on) => { if (on) state.offRules.delete(rule); else state.offRules.add(rule); render(); persist(); },
  toggleOpen: (cat) => { if (state.open.has(cat)) state.open.delete(cat); else state.open.add(cat); render(); },
  unignore: () => { state.ignored.clear(); render(); persist(); },
  allRulesOn: () => { state.offRules.clear(); render(); persist(); },
};

// ------------------------------------------------------------------ views

function showView(view) {
  if (view !== "start" && !state.doc) view = "start";
  if (state.editing && view !== "read") leaveEdit(false);
  state.view = view;
  el.start.hidden = view !== "start";
  el.read.hidden = view !== "read";
  el.story.hidden = view !== "story";
  el.tabRead.setAttribute("aria-selected", String(view === "read"));
  el.tabStory.setAttribute("aria-selected", String(view === "story"));
  el.tabRead.disabled = el.tabStory.disabled = !state.doc;
  for (const id of ["#btn-copy", "#btn-download"]) $(id).disabled = !state.doc;
  el.name.textContent = state.doc ? (state.doc.name || "Pasted text") : "";
  document.body.dataset.view = view;
  if (view === "story") loadStory();
  if (view === "start") el.paste.focus();
  persist();
}

function newDoc(doc) {
  leaveEdit(false);
  if (state.doc?.text?.trim()) store.keepPrevious(snapshot());
  state.doc = doc;
  state.issues = [];
  state.selected = null;
  state.ignored = new Set();
  state.undo = [];
  state.checkJSON = state.checkedFor = state.analysis = state.analysisFor = null;
  el.undo.disabled = true;
  state.editing = false;
  el.editor.hidden = true;
  el.doc.hidden = false;
  showView("read");
  render();
  persist(true);
  runCheck();
}

function startFresh() {
  leaveEdit(false);
  if (state.doc?.text?.trim()) store.keepPrevious(snapshot());
  state.doc = null;
  state.draft = "";
  el.paste.value = "";
  showView("start");
  persist(true);
  const prev = store.previous();
  if (prev?.doc) toast("Started afresh.", "info", { label: "Bring the last text back", run: () => restore(prev) });
}

function restore(saved) {
  state.ignored = new Set(saved.ignored || []);
  state.offRules = new Set(saved.offRules || []);
  state.offCats = new Set(saved.offCats || []);
  state.draft = saved.draft || "";
  el.paste.value = state.draft;
  if (saved.doc && typeof saved.doc.text === "string" && saved.doc.text.trim()) {
    const ignored = state.ignored;
    newDoc(saved.doc);
    state.ignored = ignored;
    persist(true);
    if (saved.view === "story") showView("story");
  } else {
    showView("start");
  }
}

// ------------------------------------------------------------------ editing by hand

function enterEdit() {
  if (!state.doc || state.editing) return;
  state.editing = true;
  el.editor.value = state.doc.text;
  el.doc.hidden = true;
  el.editor.hidden = false;
  el.edit.textContent = "Done editing";
  el.edit.classList.add("primary");
  const at = state.selected ? state.selected.s : 0;
  el.editor.focus();
  el.editor.setSelectionRange(at, at);
  if (state.selected) {
    // put the caret's line in view: rough but dependable
    const lines = state.doc.text.slice(0, at).split("\n").length;
    el.editor.scrollTop = Math.max(0, (lines / Math.max(1, state.doc.text.split("\n").length)) * el.editor.scrollHeight - 200);
  }
  setStatus("Editing — your changes are kept as you type", "busy");
}

function leaveEdit(check = true) {
  if (!state.editing) return;
  state.editing = false;
  if (el.editor.value !== state.doc.text) setText(el.editor.value, { recordUndo: true });
  el.editor.hidden = true;
  el.doc.hidden = false;
  el.edit.textContent = "Edit text";
  el.edit.classList.remove("primary");
  render();
  persist(true);
  if (check) runCheck();
}

// ------------------------------------------------------------------ the story view

let storySeq = 0;
async function loadStory() {
  const doc = state.doc;
  if (!doc) return;
  if (state.analysis && state.analysisFor === doc.text) return;
  const text = doc.text;
  const seq = ++storySeq;
  clear(el.storyBody).append(h("div", { class: "loading" }, h("span", { class: "spinner" }), "Reading the story…"));
  try {
    const a = await api.postJSON("/api/analyze", payload(doc));
    if (seq !== storySeq || !state.doc || state.doc.text !== text) return;
    state.analysis = a;
    state.analysisFor = text;
    renderStory(el.storyBody, a, text, storyDownloads);
  } catch (err) {
    if (seq !== storySeq) return;
    clear(el.storyBody).append(h("div", { class: "card error-card" }, h("strong", { text: "The story view is not available." }),
      h("p", { text: err.message })));
  }
}

const storyDownloads = {
  analysis: () => {
    if (!state.analysis) return;
    download(new Blob([JSON.stringify(state.analysis, null, 2)], { type: "application/json" }),
      `${stem(state.doc.name)}.analysis.json`);
  },
  check: async () => {
    if (state.checkedFor !== state.doc.text) await runCheck();
    if (!state.checkJSON) return;
    download(new Blob([JSON.stringify(state.checkJSON, null, 2)], { type: "application/json" }),
      `${stem(state.doc.name)}.check.json`);
  },
  report: async () => {
    try {
      setStatus("Writing the report…", "busy");
      const response = await fetch("/api/report", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload(state.doc)),
      });
      if (!response.ok) {
        let message = `the server answered ${response.status}`;
        try { message = (await response.json()).error || message; } catch { /* keep it */ }
        throw new Error(message);
      }
      download(await response.blob(), `${stem(state.doc.name)}-report.html`);
      setStatus("");
    } catch (err) {
      toast(err.message, "error");
    }
  },
};

// ------------------------------------------------------------------ files

async function openFile(file) {
  if (!file) return;
  const limit = state.info.max_upload_bytes;
  if (file.size > limit) {
    toast(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB, over this server's ${Math.round(limit / 1048576)} MB limit.`, "error");
    return;
  }
  setStatus(`Reading ${file.name}…`, "busy");
  try {
    const res = await api.upload("/api/text", file);
    newDoc({
      text: res.text, name: res.source, format: res.format, metadata: res.metadata || {},
      italics: toUnits(res.text, res.italics), headings: toUnits(res.text, res.headings),
    });
  } catch (err) {
    setStatus("");
    toast(err.message, "error");
  } finally {
    el.file.value = "";
  }
}

async function copyText() {
  if (!state.doc) return;
  const text = state.editing ? el.editor.value : state.doc.text;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = h("textarea", { class: "visually-hidden" });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    document.execCommand("copy");
    ta.remove();
  }
  toast("Copied the text.");
}

function downloadText() {
  if (!state.doc) return;
  const text = state.editing ? el.editor.value : state.doc.text;
  download(new Blob([text], { type: "text/plain;charset=utf-8" }), `${stem(state.doc.name)}.txt`);
}

// ------------------------------------------------------------------ wiring

function wire() {
  el.tabRead.addEventListener("click", () => showView("read"));
  el.tabStory.addEventListener("click", () => { leaveEdit(true); showView("story"); });
  $("#btn-new").addEventListener("click", startFresh);
  $("#btn-copy").addEventListener("click", copyText);
  $("#btn-download").addEventListener("click", downloadText);
  $("#btn-prev").addEventListener("click", () => step(-1));
  $("#btn-next").addEventListener("click", () => step(1));
  el.undo.addEventListener("click", undo);
  el.edit.addEventListener("click", () => (state.editing ? leaveEdit(true) : enterEdit()));
  el.file.addEventListener("change", () => openFile(el.file.files[0]));

  const check = () => {
    const text = el.paste.value;
    if (!text.trim()) {
      toast("Paste some text first.", "error");
      el.paste.focus();
      return;
    }
    state.draft = "";
    newDoc({ text, name: null, format: "txt", italics: [], headings: [], metadata: {} });
  };
  $("#btn-check").addEventListener("click", check);
  el.paste.addEventListener("input", () => { state.draft = el.paste.value; persist(); });
  el.paste.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); check(); }
  });

  el.editor.addEventListener("input", () => {
    state.doc.text !== el.editor.value && setText(el.editor.value);
  });
  el.editor.addEventListener("keydown", (ev) => {
    if ((ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) || ev.key === "Escape") { ev.preventDefault(); leaveEdit(true); }
  });

  el.doc.addEventListener("click", (ev) => {
    const mark = ev.target.closest?.("mark.iss");
    if (!mark) return;
    const list = state.cover.get(mark) || [];
    if (!list.length) return;
    const i = list.indexOf(state.selected);
    select(i === -1 ? list[0] : list[(i + 1) % list.length], false);
  });

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return;
    if (ev.target.closest?.("input, textarea, select, [contenteditable]")) return;
    if (state.view !== "read" || state.editing) return;
    const it = state.selected;
    switch (ev.key) {
      case "n": case "j": case "ArrowDown": if (ev.key.startsWith("Arrow") && !it) return; step(1); break;
      case "p": case "k": case "ArrowUp": if (ev.key.startsWith("Arrow") && !it) return; step(-1); break;
      case "a": if (it?.suggestions?.length) apply(it, it.suggestions[0]); break;
      case "i": case "x": if (it) ignore(it); break;
      case "e": enterEdit(); break;
      case "u": undo(); break;
      case "Escape": select(null); break;
      default: return;
    }
    ev.preventDefault();
  });

  // drag and drop anywhere
  let depth = 0;
  const hasFiles = (ev) => [...(ev.dataTransfer?.types || [])].includes("Files");
  document.addEventListener("dragenter", (ev) => { if (hasFiles(ev)) { depth++; el.drop.hidden = false; } });
  document.addEventListener("dragleave", () => { depth = Math.max(0, depth - 1); if (!depth) el.drop.hidden = true; });
  document.addEventListener("dragover", (ev) => { if (hasFiles(ev)) ev.preventDefault(); });
  document.addEventListener("drop", (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth = 0;
    el.drop.hidden = true;
    openFile(ev.dataTransfer.files[0]);
  });

  window.addEventListener("pagehide", () => persist(true));
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") persist(true); });
}

async function init() {
  wire();
  try {
    const [info, rules] = await Promise.all([api.getJSON("/api/info"), api.getJSON("/api/rules")]);
    state.info = info;
    for (const r of rules.rules) state.rules.set(r.id, r);
    if (!info.analysis) {
      el.tabStory.title = "Story analysis is not available in this installation";
    }
  } catch (err) {
    toast(err.message, "error");
  }
  const saved = store.load();
  if (saved) restore(saved);
  else showView("start");
  document.body.classList.add("ready");
}

init();
