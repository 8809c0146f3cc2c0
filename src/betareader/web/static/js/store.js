// The writer's text and choices, kept in the browser's local storage so a reload
// (or a crash) never loses them.  Nothing is sent anywhere.

const KEY = "betareader:v1";
const PREVIOUS = "betareader:previous";

export function load() {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/** Save; returns false when the browser refuses (storage full or disabled). */
export function save(data) {
  try {
    localStorage.setItem(KEY, JSON.stringify(data));
    return true;
  } catch {
    return false;
  }
}

/** Keep the text being replaced, so "New" can be undone. */
export function keepPrevious(data) {
  try {
    localStorage.setItem(PREVIOUS, JSON.stringify(data));
  } catch { /* best effort */ }
}

export function previous() {
  try {
    const raw = localStorage.getItem(PREVIOUS);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}
