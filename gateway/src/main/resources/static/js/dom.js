// Small helpers the other modules share: elements, texts as the server cuts them, the toast.

export const $ = (id) => document.getElementById(id);

/** The most code points a message holds after trimming, as the server counts them. */
export const MAX_CONTENT = 4000;
const EXCERPT = 120; // code points of a quoted message, as the server cuts them (ReplyView.EXCERPT)

export function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

export function button(className, text, onClick) {
  const b = element('button', className, text);
  b.type = 'button';
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

export function excerpt(content) {
  if (content == null) return null;
  const points = [...content];
  return points.length <= EXCERPT ? content : points.slice(0, EXCERPT).join('') + '…';
}

export function codePoints(text) {
  return [...text.trim()].length;
}

export function initial(name) {
  return (name || '?').charAt(0).toUpperCase();
}

export function safeJson(text) {
  try { return JSON.parse(text); } catch (e) { return null; }
}

let toastTimer = null;

/** Tells the user something in passing; screen readers read it as a status. */
export function toast(text) {
  $('toast').textContent = text;
  $('toast').hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { $('toast').hidden = true; }, 5000);
}
