// The signed-in session, shared by every tab of the browser: signing in or out in one signs in or out in all.

const KEY = 'messenger.session';
let current = null;

export function session() {
  return current;
}

/** The session another tab (or an earlier visit) saved, while it has not expired. */
export function saved() {
  try {
    const s = JSON.parse(localStorage.getItem(KEY));
    return s && new Date(s.expiresAt) > new Date() ? s : null;
  } catch (e) {
    return null;
  }
}

export function begin(s) {
  current = s;
  localStorage.setItem(KEY, JSON.stringify(s));
}

export function end() {
  current = null;
  localStorage.removeItem(KEY);
}

window.addEventListener('storage', (e) => {
  if (e.key !== KEY) return;
  const other = e.newValue ? JSON.parse(e.newValue) : null;
  // Another tab signed in, out, or as someone else: this one follows.
  if ((other && other.userId) !== (current && current.userId)) location.reload();
});
