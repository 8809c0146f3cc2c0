// The API counts offsets in Unicode code points; JavaScript strings in UTF-16 units.
// These convert between the two (identity when the text has no astral characters,
// e.g. no emoji), and move spans through an edit of the text.

const SURROGATE = /[\uD800-\uDFFF]/;

/** A function: code point offset → UTF-16 offset in `text`. */
export function cpToUnit(text) {
  if (!SURROGATE.test(text)) return (i) => i;
  const map = [];
  let u = 0;
  for (const ch of text) { map.push(u); u += ch.length; }
  map.push(u);
  return (i) => map[Math.max(0, Math.min(i, map.length - 1))];
}

/** A function: UTF-16 offset → code point offset in `text`. */
export function unitToCp(text) {
  if (!SURROGATE.test(text)) return (i) => i;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  let u = 0;
  while (u < text.length) {
    map[u] = cp;
    const c = text.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length && (text.charCodeAt(u + 1) & 0xfc00) === 0xdc00) {
      map[u + 1] = cp;
      u += 2;
    } else {
      u += 1;
    }
    cp += 1;
  }
  map[text.length] = cp;
  return (i) => map[Math.max(0, Math.min(i, text.length))];
}

/** The one changed region between two texts: {start, oldEnd, newEnd}. */
export function diffRange(a, b) {
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let q = 0;
  while (q < n - p && a.charCodeAt(a.length - 1 - q) === b.charCodeAt(b.length - 1 - q)) q++;
  return { start: p, oldEnd: a.length - q, newEnd: b.length - q };
}

/**
 * Where span [a, b) is after edit `d`: unchanged before it, shifted after it.
 * A span the edit touches is dropped (null) unless `stretch` and the edit lies inside it.
 */
export function remap(a, b, d, stretch = false) {
  const delta = d.newEnd - d.oldEnd;
  if (b <= d.start) return [a, b];
  if (a >= d.oldEnd) return [a + delta, b + delta];
  if (stretch && a <= d.start && b >= d.oldEnd) return [a, b + delta];
  return null;
}
