// The console for auditors (and, to come, analysts): signing in with the chat's session, and a section per role. The server
// refuses every call a role does not allow; the page only leaves out what the roles it was given cannot use.

import {$, toast} from '../dom.js';
import {api, onUnauthorized} from '../api.js';
import * as session from '../session.js';
import * as audit from './audit.js';

/** Which roles open which section. */
const SECTIONS = {
  audit: {roles: ['AUDITOR', 'ADMIN'], module: audit},
};
const mounted = new Set();

async function signIn(event) {
  event.preventDefault();
  $('welcome-error').textContent = '';
  try {
    start(await api('POST', '/api/sessions', {nickname: $('nickname').value, password: $('password').value}));
  } catch (e) {
    $('welcome-error').textContent = e.message;
  }
}

function allowed(s) {
  return Object.keys(SECTIONS).filter(name => SECTIONS[name].roles.some(r => s.roles.includes(r)));
}

function start(s) {
  const sections = allowed(s);
  if (sections.length === 0) {
    // A USER never sees the console: the chat session stays as it is, the console does not open.
    $('welcome-error').textContent = 'The console is for auditors and administrators; '
        + s.nickname + ' is neither.';
    return;
  }
  session.begin(s);
  $('welcome').hidden = true;
  $('console').hidden = false;
  $('me-name').textContent = s.nickname;
  $('me-roles').textContent = s.roles.filter(r => r !== 'USER').join(', ');
  for (const name of Object.keys(SECTIONS)) $('tab-' + name).hidden = !sections.includes(name);
  const wanted = location.hash.slice(1);
  show(sections.includes(wanted) ? wanted : sections[0]);
}

function show(name) {
  for (const other of Object.keys(SECTIONS)) {
    $(other).hidden = other !== name;
    $('tab-' + other).setAttribute('aria-pressed', String(other === name));
  }
  if (location.hash !== '#' + name) history.replaceState(null, '', '#' + name);
  if (!mounted.has(name)) {
    mounted.add(name);
    SECTIONS[name].module.mount($(name), session.session()).catch(e => toast(e.message));
  }
}

function signOut() {
  session.end();
  location.reload();
}

$('sign-in-form').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', signOut);
for (const tab of document.querySelectorAll('.console-bar .tab')) {
  tab.addEventListener('click', () => show(tab.dataset.section));
}
onUnauthorized(signOut);

(async () => {
  const saved = session.saved();
  if (saved) {
    session.begin(saved);
    try {
      // The roles may have changed since the session was saved: the server says which it has now.
      const me = await api('GET', '/api/users/me');
      start({...saved, roles: me.roles});
      return;
    } catch (e) {
      if (e.status !== 401) {
        start(saved);
        return;
      }
    }
    session.end();
  }
  $('nickname').focus();
})();
