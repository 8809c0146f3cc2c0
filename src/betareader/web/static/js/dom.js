// Small DOM helpers.  Every piece of text goes in through text nodes (textContent),
// never through innerHTML, so story text and file names can never become markup.

const SVG_NS = "http://www.w3.org/2000/svg";

function applyProps(el, props) {
  if (!props) return el;
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    else if (key === "text") el.textContent = String(value);
    else if (key === "style") for (const [p, v] of Object.entries(value)) el.style.setProperty(p, v);
    else if (key === "dataset") for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (key.startsWith("on") || key === "innerHTML" || key === "outerHTML" || key === "srcdoc") {
      throw new Error(`refusing to set ${key}`);  // listeners go through "on"; markup never goes in
    } else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h("p", {class: "x"}, "text", otherNode). */
export function h(tag, props, ...children) {
  return append(applyProps(document.createElement(tag), props), children);
}

/** An SVG element. */
export function s(tag, props, ...children) {
  return append(applyProps(document.createElementNS(SVG_NS, tag), props), children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function fmtInt(n) {
  return Number(n || 0).toLocaleString("en-US");
}

export function pct(x) {
  return `${Math.round(100 * (x || 0))}%`;
}

/** Invisible and direction-changing characters shown as ⟨U+202E⟩ (for the issue card). */
export function visible(text) {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g,
    (ch) => `⟨U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);
}

export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A file-name stem safe for downloads. */
export function stem(name) {
  const base = String(name || "story").split(/[\\/]/).pop().replace(/\.[A-Za-z0-9]{1,6}$/, "");
  const clean = base.replace(/[^\p{L}\p{N}._ -]+/gu, "-").replace(/^[-. ]+|[-. ]+$/g, "").slice(0, 80);
  return clean || "story";
}
