// The browser client: signing in, and the wiring of the parts. REST reads and starts things and carries the
// outbox's sends; STOMP brings everything that happens and carries what needs no answer (seen, typing, reactions).

import {$, initial, toast} from './dom.js';
import {api, onUnauthorized} from './api.js';
import * as session from './session.js';
import * as live from './live.js';
import * as outbox from './outbox.js';
import * as conversations from './conversations.js';
import * as view from './view.js';
import * as search from './search.js';
import * as dialogs from './dialogs.js';

// ---------- signing in ----------

async function signIn(event) {
  if (event) event.preventDefault();
  $('welcome-error').textContent = '';
  try {
    start(await api('POST', '/api/sessions', {nickname: $('nickname').value, password: $('password').value}));
  } catch (e) {
    $('welcome-error').textContent = e.message;
  }
}

async function register() {
  $('welcome-error').textContent = '';
  if (!$('sign-in-form').reportValidity()) return;
  try {
    await api('POST', '/api/users', {nickname: $('nickname').value, password: $('password').value});
    await signIn();
  } catch (e) {
    $('welcome-error').textContent = e.message;
  }
}

async function start(s) {
  session.begin(s);
  $('welcome').hidden = true;
  $('chat').hidden = false;
  $('me-name').textContent = s.nickname;
  $('me-avatar').textContent = initial(s.nickname);
  $('to-console').hidden = !(s.roles || []).some(r => r === 'AUDITOR' || r === 'ADMIN'); // the console's roles
  outbox.open(s.userId, view.onOutbox);
  view.loadEmojis();
  live.connect(s.token);
  await conversations.load();
  const first = $('conversations').querySelector('button.row');
  (first || $('new-conversation')).focus();
}

function signOut() {
  session.end();
  live.disconnect();
  location.reload();
}

// ---------- what comes live ----------

live.on({
  frame(frame) {
    conversations.onFrame(frame, view.inFront(frame.conversationId));
    view.onFrame(frame);
  },
  notification(note) {
    if (note.type === 'AddedToConversation') {
      conversations.load();
    } else if (note.type === 'RemovedFromConversation') {
      conversations.forget(note.conversationId);
      if (view.openId() === note.conversationId) {
        view.close();
        toast('You are no longer in "' + note.title + '"');
      }
    } else if (note.type === 'Mentioned') {
      mentioned(note);
    }
  },
  error(error) {
    toast(error.title + ': ' + error.detail);
  },
  connected() {
    setConnection(true);
    // Conversations started or joined while away sent notifications nobody heard: the list is read again.
    conversations.load();
    outbox.flush();
    view.markSeen();
  },
  disconnected() {
    setConnection(false);
  },
  gone() {
    conversations.load();
    if (view.openId()) view.open(view.openId(), false);
  },
  unauthorized: signOut,
});
onUnauthorized(signOut);

function setConnection(up) {
  $('connection').textContent = up ? 'online' : 'offline';
  $('connection').classList.toggle('online', up);
}

async function mentioned(note) {
  const id = note.conversationId;
  if (!view.inFront(id)) conversations.mention(id);
  // The notification names only ids: the members (and the title of a conversation not listed yet) come from REST.
  let details = null;
  try { details = await api('GET', '/api/conversations/' + id); } catch (e) { /* the toast does without names */ }
  const by = details && details.members.find(m => m.userId === note.by);
  const summary = conversations.get(id);
  const title = summary ? summary.title : details ? details.title : 'a conversation';
  toast((by ? by.nickname : 'Someone') + ' mentioned you in "' + title + '"');
  if (!summary) conversations.load();
}

// ---------- starting a conversation, erasing my content ----------

async function newConversation() {
  await dialogs.pickPeople({
    heading: 'New conversation', okLabel: 'Start', withTitle: true, exclude: new Set(),
    pick: async (people, title) => {
      // A conversation with one other person is called after them unless the user names it.
      const name = title.trim() || (people.length === 1 ? people[0][1] : '');
      if (!name) throw new Error('Give a conversation of three or more people a title');
      const conversation = await api('POST', '/api/conversations', {title: name, memberIds: people.map(p => p[0])});
      await conversations.load();
      view.open(conversation.id);
    },
  });
}

async function eraseMyContent() {
  const ok = await dialogs.confirm('Erase every message you sent?',
      'The content of every message you ever sent, in every conversation, becomes unreadable for everyone, for '
      + 'good: it cannot be brought back, not even by an administrator. The messages keep their place as '
      + '"content erased".', 'Erase my messages');
  if (!ok) return;
  try {
    await api('DELETE', '/api/users/' + session.session().userId + '/content');
    toast('Your messages were erased');
  } catch (e) { toast(e.message); }
}

// ---------- wiring ----------

conversations.init(id => view.open(id), view.openId);
search.init(async (conversationId, messageId) => {
  if (view.openId() !== conversationId) await view.open(conversationId, false);
  if (view.openId() === conversationId) await view.jumpTo(messageId);
});

$('sign-in-form').addEventListener('submit', signIn);
$('register').addEventListener('click', register);
$('sign-out').addEventListener('click', signOut);
$('erase-content').addEventListener('click', eraseMyContent);
$('new-conversation').addEventListener('click', newConversation);
$('composer-form').addEventListener('submit', view.send);
$('composer').addEventListener('keydown', e => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) view.send(e);
  else if (e.key === 'Escape') view.setReplyTarget(null, false);
});
$('composer').addEventListener('input', view.typed);
$('cancel-reply').addEventListener('click', () => { view.setReplyTarget(null, false); $('composer').focus(); });
$('search-form').addEventListener('submit', e => search.run(e, false));
$('search').addEventListener('keydown', e => { if (e.key === 'Escape') search.clear(); });
$('search-more').addEventListener('click', () => search.run(null, true));
$('back').addEventListener('click', view.close);
$('rename').addEventListener('click', view.rename);
$('add-member').addEventListener('click', view.addMember);
$('leave').addEventListener('click', view.leave);
$('close-conversation').addEventListener('click', view.closeConversation);
$('messages').addEventListener('scroll', view.onScroll);
window.addEventListener('focus', view.markSeen);
document.addEventListener('visibilitychange', view.markSeen);
document.addEventListener('click', e => {
  if (!e.target.closest('#emoji-picker') && !e.target.closest('.react')) $('emoji-picker').hidden = true;
});

(async function resume() {
  const saved = session.saved();
  if (saved) {
    session.begin(saved);
    try {
      await api('GET', '/api/users/me');
      start(saved);
      return;
    } catch (e) {
      // Away or busy, the server may still take the session later: the page shows what it keeps and waits.
      if (e.status !== 401) {
        start(saved);
        return;
      }
    }
    session.end();
  }
  $('nickname').focus();
})();
