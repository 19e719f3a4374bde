// The browser client: REST for reading and starting things, STOMP for sending and for everything that happens.
'use strict';

const $ = (id) => document.getElementById(id);
const state = {
  session: null,        // {token, userId, nickname, roles, expiresAt}
  stomp: null,
  conversations: new Map(), // id -> summary {id, title, ownerId, closed, unreadCount, lastMessage}
  topics: new Map(),        // conversation id -> STOMP subscription
  frameSeq: new Map(),      // conversation id -> frameSeq of the last stored frame applied
  openId: null,
  details: null,            // details of the open conversation
  messages: new Map(),      // message id -> view, of the open conversation
  pending: new Map(),       // clientMessageId -> element of a message not yet accepted
  nextBefore: null,
  loadingOlder: false,
  online: new Map(),        // conversation id -> Set of online user ids
  typing: new Map(),        // user id -> timeout, in the open conversation
  emojis: [],
  chosen: new Map(),        // user id -> nickname, for a new conversation
  lastTypingSent: 0,
};

// ---------- REST ----------

async function api(method, path, body) {
  const headers = {'Accept': 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (state.session) headers['Authorization'] = 'Bearer ' + state.session.token;
  const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  if (response.status === 401 && state.session) {
    signOut();
    throw new Error('Your session ended: sign in again');
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const violations = json && json.violations ? ' (' + json.violations.map(v => v.message).join('; ') + ')' : '';
    throw new Error((json && (json.detail || json.title)) + violations);
  }
  return json;
}

// ---------- signing in ----------

async function signIn(event) {
  event && event.preventDefault();
  $('welcome-error').textContent = '';
  try {
    const session = await api('POST', '/api/sessions', {nickname: $('nickname').value, password: $('password').value});
    startSession(session);
  } catch (e) {
    $('welcome-error').textContent = e.message;
  }
}

async function register() {
  $('welcome-error').textContent = '';
  try {
    await api('POST', '/api/users', {nickname: $('nickname').value, password: $('password').value});
    await signIn();
  } catch (e) {
    $('welcome-error').textContent = e.message;
  }
}

function startSession(session) {
  state.session = session;
  sessionStorage.setItem('messenger.session', JSON.stringify(session));
  $('welcome').hidden = true;
  $('chat').hidden = false;
  $('me-name').textContent = session.nickname;
  $('me-avatar').textContent = initial(session.nickname);
  loadEmojis();
  loadConversations();
  connect();
}

function signOut() {
  sessionStorage.removeItem('messenger.session');
  if (state.stomp) state.stomp.deactivate();
  state.session = null;
  location.reload();
}

// ---------- STOMP ----------

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = new StompJs.Client({
    brokerURL: scheme + '//' + location.host + '/ws',
    connectHeaders: {Authorization: 'Bearer ' + state.session.token},
    reconnectDelay: 3000,
    heartbeatIncoming: 20000,
    heartbeatOutgoing: 20000,
  });
  client.onConnect = () => {
    setConnection(true);
    state.topics.clear();
    client.subscribe('/user/queue/errors', frame => onError(JSON.parse(frame.body)));
    client.subscribe('/user/queue/notifications', frame => onNotification(JSON.parse(frame.body)));
    // Each conversation resumes after the last frame it applied (SUBSCRIBE with since): nothing missed, nothing twice.
    for (const id of state.conversations.keys()) watch(id);
  };
  client.onWebSocketClose = () => setConnection(false);
  client.onStompError = frame => {
    const problem = safeJson(frame.body);
    if (problem && problem.status === 401) signOut();
    else if (problem && problem.status === 410) {
      // Away longer than the frames are kept: start afresh from the read model.
      state.frameSeq.clear();
      loadConversations();
      if (state.openId) openConversation(state.openId);
    } else toast(frame.headers.message || 'Connection error');
  };
  client.activate();
  state.stomp = client;
}

function setConnection(up) {
  $('connection').textContent = up ? 'online' : 'offline';
  $('connection').classList.toggle('online', up);
}

function watch(id) {
  if (!state.stomp || !state.stomp.connected || state.topics.has(id)) return;
  const headers = state.frameSeq.has(id) ? {since: String(state.frameSeq.get(id))} : {};
  state.topics.set(id, state.stomp.subscribe('/topic/conversations/' + id, frame => onFrame(JSON.parse(frame.body)), headers));
}

function unwatch(id) {
  const topic = state.topics.get(id);
  if (topic) {
    try { topic.unsubscribe(); } catch (e) { /* the server may have ended it already */ }
    state.topics.delete(id);
  }
}

function publish(destination, body) {
  if (!state.stomp || !state.stomp.connected) {
    toast('Not connected: retrying');
    return false;
  }
  state.stomp.publish({destination, body: JSON.stringify(body)});
  return true;
}

function onError(error) {
  toast(error.title + ': ' + error.detail);
  if (error.clientMessageId && state.pending.has(error.clientMessageId)) {
    state.pending.get(error.clientMessageId).classList.add('failed');
    state.pending.get(error.clientMessageId).querySelector('.meta time').textContent = 'not sent';
    state.pending.delete(error.clientMessageId);
  }
}

function onNotification(note) {
  if (note.type === 'AddedToConversation') {
    loadConversations();
  } else if (note.type === 'RemovedFromConversation') {
    state.conversations.delete(note.conversationId);
    unwatch(note.conversationId);
    state.frameSeq.delete(note.conversationId);
    renderConversations();
    if (state.openId === note.conversationId) {
      closeView();
      toast('You are no longer in "' + note.title + '"');
    }
  }
}

/** Whether a stored frame is the next one of its conversation; a gap resumes the subscription after the last. */
function inOrder(frame) {
  if (frame.frameSeq === undefined) return true; // Typing, PresenceChanged
  const id = frame.conversationId;
  const last = state.frameSeq.get(id);
  if (last !== undefined && frame.frameSeq <= last) return false;
  if (last !== undefined && frame.frameSeq > last + 1) {
    unwatch(id);
    watch(id);
    return false;
  }
  state.frameSeq.set(id, frame.frameSeq);
  return true;
}

function onFrame(frame) {
  if (!inOrder(frame)) return;
  const id = frame.conversationId;
  const summary = state.conversations.get(id);
  const open = id === state.openId;
  switch (frame.type) {
    case 'MessageSent':
      if (summary) {
        summary.lastMessage = frame;
        if (frame.senderId !== state.session.userId && !(open && document.visibilityState === 'visible')) summary.unreadCount++;
        state.conversations.delete(id);
        state.conversations = new Map([[id, summary], ...state.conversations]);
        renderConversations();
      }
      if (open) {
        addMessage(frame, true);
        markSeen();
        if (state.typing.has(frame.senderId)) {
          clearTimeout(state.typing.get(frame.senderId));
          state.typing.delete(frame.senderId);
          renderTyping();
        }
      }
      break;
    case 'MessageEdited':
    case 'MessageDeleted':
      if (open && state.messages.has(frame.messageId)) {
        const m = state.messages.get(frame.messageId);
        if (frame.type === 'MessageEdited') { m.content = frame.content; m.editedAt = frame.editedAt; }
        else { m.deleted = true; m.content = null; }
        renderMessage(m);
      }
      break;
    case 'ReactionAdded':
    case 'ReactionRemoved':
      if (open && state.messages.has(frame.messageId)) applyReaction(state.messages.get(frame.messageId), frame);
      break;
    case 'MessagesSeen':
      if (open) {
        for (const m of state.messages.values()) {
          if (m.sequence > frame.afterSequence && m.sequence <= frame.upToSequence && m.senderId !== frame.userId
              && !m.seenBy.some(s => s.userId === frame.userId)) {
            m.seenBy.push({userId: frame.userId, seenAt: frame.seenAt});
            renderMessage(m);
          }
        }
      }
      if (frame.userId === state.session.userId && summary) {
        summary.unreadCount = 0;
        renderConversations();
      }
      break;
    case 'MemberAdded':
    case 'MemberRemoved':
    case 'ConversationRenamed':
    case 'ConversationClosed':
      if (summary) {
        if (frame.type === 'ConversationRenamed') summary.title = frame.title;
        if (frame.type === 'ConversationClosed') summary.closed = true;
        renderConversations();
      }
      if (open) loadDetails(id);
      break;
    case 'Typing':
      if (open && frame.userId !== state.session.userId) showTyping(frame.userId, frame.nickname);
      break;
    case 'PresenceChanged': {
      const online = state.online.get(id) || new Set();
      if (frame.online) online.add(frame.userId); else online.delete(frame.userId);
      state.online.set(id, online);
      if (open) renderMembers();
      break;
    }
  }
}

// ---------- conversations ----------

async function loadConversations() {
  try {
    const list = await api('GET', '/api/conversations?limit=200');
    state.conversations = new Map(list.map(c => [c.id, c]));
    for (const id of state.topics.keys()) if (!state.conversations.has(id)) unwatch(id);
    for (const id of state.conversations.keys()) watch(id);
    renderConversations();
  } catch (e) {
    toast(e.message);
  }
}

function renderConversations() {
  const list = $('conversations');
  list.replaceChildren();
  for (const c of state.conversations.values()) {
    const item = document.createElement('li');
    item.dataset.id = c.id;
    item.classList.toggle('active', c.id === state.openId);
    const title = element('span', 'title', c.title);
    if (c.closed) title.append(' ', element('span', 'closed', 'closed'));
    const last = c.lastMessage;
    const preview = element('span', 'preview',
        last ? (last.senderNickname || '') + ': ' + (last.deleted ? 'deleted' : last.content) : 'No messages yet');
    item.append(title, element('span', 'unread', c.unreadCount > 0 ? String(c.unreadCount) : ''), preview);
    item.addEventListener('click', () => openConversation(c.id));
    list.append(item);
  }
}

async function openConversation(id) {
  state.openId = id;
  state.messages.clear();
  state.pending.clear();
  state.typing.forEach(clearTimeout);
  state.typing.clear();
  $('typing').textContent = '';
  $('messages').replaceChildren();
  renderConversations();
  watch(id);
  try {
    await loadDetails(id);
    const page = await api('GET', '/api/conversations/' + id + '/messages?limit=50');
    if (state.openId !== id) return;
    state.nextBefore = page.nextBefore;
    page.messages.slice().reverse().forEach(m => addMessage(m, false));
    scrollToBottom();
    markSeen();
  } catch (e) {
    toast(e.message);
  }
}

async function loadDetails(id) {
  const details = await api('GET', '/api/conversations/' + id);
  if (state.openId !== id) return;
  state.details = details;
  $('conversation-title').textContent = details.title + (details.closed ? ' (closed)' : '');
  const mine = details.ownerId === state.session.userId;
  $('conversation-actions').hidden = false;
  $('close-conversation').hidden = !mine || details.closed;
  $('leave').hidden = mine;
  $('composer').disabled = details.closed;
  $('send').disabled = details.closed;
  renderMembers();
}

function renderMembers() {
  const members = $('members');
  members.replaceChildren();
  if (!state.details) return;
  const online = state.online.get(state.openId) || new Set();
  for (const m of state.details.members) {
    const span = element('span', 'member', m.nickname + (m.owner ? ' (owner)' : ''));
    span.dataset.userId = m.userId;
    span.classList.toggle('online', online.has(m.userId));
    members.append(span);
  }
}

function closeView() {
  state.openId = null;
  state.details = null;
  state.messages.clear();
  $('messages').replaceChildren();
  $('members').replaceChildren();
  $('conversation-title').textContent = 'Pick a conversation';
  $('conversation-actions').hidden = true;
  $('composer').disabled = true;
  $('send').disabled = true;
}

async function loadOlder() {
  if (state.loadingOlder || !state.openId || state.nextBefore == null) return;
  state.loadingOlder = true;
  const id = state.openId;
  const list = $('messages');
  const fromBottom = list.scrollHeight - list.scrollTop;
  try {
    const page = await api('GET', '/api/conversations/' + id + '/messages?limit=50&before=' + state.nextBefore);
    if (state.openId !== id) return;
    state.nextBefore = page.nextBefore;
    for (const m of page.messages) addMessage(m, false, true);
    list.scrollTop = list.scrollHeight - fromBottom;
  } catch (e) {
    toast(e.message);
  } finally {
    state.loadingOlder = false;
  }
}

// ---------- messages ----------

function addMessage(m, live, atTop) {
  if (state.messages.has(m.id)) return;
  const view = {
    id: m.id, sequence: m.sequence, senderId: m.senderId, senderNickname: m.senderNickname,
    content: m.content, sentAt: m.sentAt, editedAt: m.editedAt, deleted: m.deleted,
    reactions: m.reactions || [], seenBy: m.seenBy || [],
  };
  state.messages.set(m.id, view);
  const item = $('message-template').content.firstElementChild.cloneNode(true);
  item.dataset.id = m.id;
  item.dataset.sequence = m.sequence;
  item.querySelector('.react').addEventListener('click', e => openPicker(e.target, view));
  const pending = m.clientMessageId && state.pending.get(m.clientMessageId);
  if (pending && m.senderId === state.session.userId) {
    pending.replaceWith(item);
    state.pending.delete(m.clientMessageId);
  } else if (atTop) {
    $('messages').prepend(item);
  } else {
    const stick = isNearBottom();
    $('messages').append(item);
    if (live && stick) scrollToBottom();
  }
  renderMessage(view);
}

function renderMessage(m) {
  const item = $('messages').querySelector('[data-id="' + m.id + '"]');
  if (!item) return;
  const mine = m.senderId === state.session.userId;
  item.classList.toggle('mine', mine);
  item.classList.toggle('deleted', m.deleted);
  item.querySelector('.sender').textContent = mine ? 'You' : (m.senderNickname || 'someone');
  item.querySelector('time').textContent = new Date(m.sentAt).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
  item.querySelector('time').dateTime = m.sentAt;
  item.querySelector('.edited').textContent = m.editedAt && !m.deleted ? '(edited)' : '';
  item.querySelector('.content').textContent = m.deleted ? 'This message was deleted' : m.content;
  const reactions = item.querySelector('.reactions');
  reactions.replaceChildren();
  for (const r of m.reactions) {
    const chip = element('button', 'reaction', r.unicode + ' ' + r.count);
    chip.type = 'button';
    chip.dataset.emoji = r.emojiKey;
    chip.title = r.userIds.map(nickname).join(', ');
    chip.classList.toggle('mine', r.userIds.includes(state.session.userId));
    chip.addEventListener('click', () => react(m, r.emojiKey));
    reactions.append(chip);
  }
  const seen = item.querySelector('.seen');
  const seers = m.seenBy.filter(s => s.userId !== state.session.userId).map(s => nickname(s.userId));
  seen.textContent = mine && seers.length ? 'Seen by ' + seers.join(', ') : '';
}

function applyReaction(m, frame) {
  let reaction = m.reactions.find(r => r.emojiKey === frame.emojiKey);
  if (frame.type === 'ReactionAdded') {
    if (!reaction) {
      reaction = {emojiKey: frame.emojiKey, unicode: frame.unicode, count: 0, userIds: []};
      m.reactions.push(reaction);
    }
    if (!reaction.userIds.includes(frame.userId)) reaction.userIds.push(frame.userId);
  } else if (reaction) {
    reaction.userIds = reaction.userIds.filter(u => u !== frame.userId);
  }
  if (reaction) reaction.count = reaction.userIds.length;
  m.reactions = m.reactions.filter(r => r.count > 0);
  renderMessage(m);
}

function react(m, emojiKey) {
  const reaction = m.reactions.find(r => r.emojiKey === emojiKey);
  const mine = reaction && reaction.userIds.includes(state.session.userId);
  publish('/app/messages/' + m.id + '/reactions', {emojiKey, action: mine ? 'remove' : 'add'});
}

function sendMessage(event) {
  event.preventDefault();
  const content = $('composer').value;
  if (!state.openId || !content.trim()) return;
  const clientMessageId = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  if (!publish('/app/conversations/' + state.openId + '/messages', {content, clientMessageId})) return;
  const item = $('message-template').content.firstElementChild.cloneNode(true);
  item.classList.add('mine', 'pending');
  item.querySelector('.sender').textContent = 'You';
  item.querySelector('time').textContent = 'sending';
  item.querySelector('.content').textContent = content;
  $('messages').append(item);
  state.pending.set(clientMessageId, item);
  scrollToBottom();
  $('composer').value = '';
}

/** Marks the newest message of someone else as seen, when the page is in front. */
function markSeen() {
  if (!state.openId || document.visibilityState !== 'visible') return;
  let newest = null;
  for (const m of state.messages.values()) {
    if (m.senderId !== state.session.userId && (!newest || m.sequence > newest.sequence)) newest = m;
  }
  if (newest && !newest.seenBy.some(s => s.userId === state.session.userId)) {
    publish('/app/conversations/' + state.openId + '/seen', {messageId: newest.id});
    newest.seenBy.push({userId: state.session.userId, seenAt: new Date().toISOString()});
  }
}

function typed() {
  const now = Date.now();
  if (state.openId && now - state.lastTypingSent > 2000) {
    state.lastTypingSent = now;
    publish('/app/conversations/' + state.openId + '/typing', {});
  }
}

function showTyping(userId, name) {
  clearTimeout(state.typing.get(userId));
  state.typing.set(userId, setTimeout(() => { state.typing.delete(userId); renderTyping(); }, 3000));
  state.typingNames = state.typingNames || new Map();
  state.typingNames.set(userId, name);
  renderTyping();
}

function renderTyping() {
  const names = [...state.typing.keys()].map(u => state.typingNames.get(u));
  $('typing').textContent = names.length === 0 ? '' : names.join(', ') + (names.length === 1 ? ' is' : ' are') + ' typing…';
}

// ---------- emojis ----------

async function loadEmojis() {
  try { state.emojis = await api('GET', '/api/emojis'); } catch (e) { toast(e.message); }
}

function openPicker(anchor, m) {
  const picker = $('emoji-picker');
  picker.replaceChildren();
  for (const emoji of state.emojis) {
    const button = element('button', null, emoji.unicode);
    button.type = 'button';
    button.title = emoji.key;
    button.dataset.emoji = emoji.key;
    button.addEventListener('click', () => { picker.hidden = true; react(m, emoji.key); });
    picker.append(button);
  }
  const box = anchor.getBoundingClientRect();
  picker.style.left = Math.max(8, Math.min(box.left, window.innerWidth - 320)) + 'px';
  picker.style.top = Math.max(8, box.top - 48) + 'px';
  picker.hidden = false;
}

// ---------- starting a conversation ----------

let searchTimer = null;
function searchPeople() {
  clearTimeout(searchTimer);
  const prefix = $('people-search').value.trim();
  searchTimer = setTimeout(async () => {
    const results = $('people-results');
    results.replaceChildren();
    if (!prefix) return;
    try {
      const people = await api('GET', '/api/users?nickname=' + encodeURIComponent(prefix) + '&limit=10');
      for (const p of people.filter(p => p.id !== state.session.userId)) {
        const item = element('li', null, p.nickname);
        item.dataset.userId = p.id;
        item.addEventListener('click', () => { state.chosen.set(p.id, p.nickname); renderChosen(); });
        results.append(item);
      }
    } catch (e) { toast(e.message); }
  }, 150);
}

function renderChosen() {
  const chosen = $('chosen');
  chosen.replaceChildren();
  for (const [id, name] of state.chosen) {
    const chip = element('span', 'chip', name + ' ×');
    chip.addEventListener('click', () => { state.chosen.delete(id); renderChosen(); });
    chosen.append(chip);
  }
}

async function startConversation() {
  try {
    const conversation = await api('POST', '/api/conversations',
        {title: $('new-title').value, memberIds: [...state.chosen.keys()]});
    state.chosen.clear();
    renderChosen();
    $('new-title').value = '';
    $('people-search').value = '';
    $('people-results').replaceChildren();
    $('new-conversation').open = false;
    await loadConversations();
    openConversation(conversation.id);
  } catch (e) {
    toast(e.message);
  }
}

async function leave() {
  if (!state.openId) return;
  try { await api('DELETE', '/api/conversations/' + state.openId + '/members/' + state.session.userId); }
  catch (e) { toast(e.message); }
}

async function closeConversation() {
  if (!state.openId) return;
  try { await api('POST', '/api/conversations/' + state.openId + '/close'); } catch (e) { toast(e.message); }
}

// ---------- helpers ----------

function nickname(userId) {
  if (userId === state.session.userId) return 'you';
  const member = state.details && state.details.members.find(m => m.userId === userId);
  return member ? member.nickname : 'someone';
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

function initial(name) { return (name || '?').charAt(0).toUpperCase(); }
function safeJson(text) { try { return JSON.parse(text); } catch (e) { return null; } }
function isNearBottom() { const l = $('messages'); return l.scrollHeight - l.scrollTop - l.clientHeight < 80; }
function scrollToBottom() { const l = $('messages'); l.scrollTop = l.scrollHeight; }

let toastTimer = null;
function toast(text) {
  $('toast').textContent = text;
  $('toast').hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { $('toast').hidden = true; }, 4000);
}

// ---------- wiring ----------

$('sign-in-form').addEventListener('submit', signIn);
$('register').addEventListener('click', register);
$('sign-out').addEventListener('click', signOut);
$('composer-form').addEventListener('submit', sendMessage);
$('composer').addEventListener('keydown', e => {
  if (e.key === 'Enter' && !e.shiftKey) sendMessage(e);
});
$('composer').addEventListener('input', typed);
$('people-search').addEventListener('input', searchPeople);
$('start').addEventListener('click', startConversation);
$('leave').addEventListener('click', leave);
$('close-conversation').addEventListener('click', closeConversation);
$('messages').addEventListener('scroll', () => { if ($('messages').scrollTop < 40) loadOlder(); });
window.addEventListener('focus', markSeen);
document.addEventListener('visibilitychange', markSeen);
document.addEventListener('click', e => {
  if (!e.target.closest('#emoji-picker') && !e.target.classList.contains('react')) $('emoji-picker').hidden = true;
});

(async function resume() {
  const saved = safeJson(sessionStorage.getItem('messenger.session'));
  if (saved && new Date(saved.expiresAt) > new Date()) {
    state.session = saved;
    try {
      await api('GET', '/api/users/me');
      startSession(saved);
      return;
    } catch (e) { /* fall through to the sign-in form */ }
  }
  state.session = null;
})();
