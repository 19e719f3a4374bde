// The browser client: REST for reading and starting things, STOMP for sending and for everything that happens.
'use strict';

const $ = (id) => document.getElementById(id);
const EXCERPT = 120; // code points of a quoted message, as the server cuts them (ReplyView.EXCERPT)
const HIGHLIGHT_MS = 2000;
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
  olderLoad: null,          // {id, promise} of the page of older messages being loaded
  replyTo: null,            // view of the message the next one sent answers
  highlight: null,          // {item, timer} of the message jumped to
  mentioned: new Set(),     // conversation ids where I was mentioned and have not looked since
  search: {q: null, nextBefore: null, run: 0},
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

/**
 * A send answered 503 is repeated as it was, with the same clientMessageId, after 1, 2, 4, ... s (at most 30 s, ten
 * times): UNAVAILABLE changed nothing, and OUTCOME_UNKNOWN may have stored it, which the repeat answers without
 * storing it twice (the MessageSent frame then takes the pending message's place).
 */
const sends = new Map(); // clientMessageId -> {destination, body, attempts}

function repeatLater(error) {
  const send = sends.get(error.clientMessageId);
  if (!send || error.status !== 503 || send.attempts >= 10) return false;
  const delay = Math.min(30000, 1000 * 2 ** send.attempts++);
  const item = state.pending.get(error.clientMessageId);
  if (item) item.querySelector('.meta time').textContent = 'retrying';
  setTimeout(function repeat() {
    if (!state.pending.has(error.clientMessageId)) return; // it arrived meanwhile
    if (!state.stomp || !state.stomp.connected) { setTimeout(repeat, 1000); return; }
    state.stomp.publish({destination: send.destination, body: JSON.stringify(send.body)});
  }, delay);
  return true;
}

function onError(error) {
  if (error.clientMessageId && repeatLater(error)) return;
  toast(error.title + ': ' + error.detail);
  sends.delete(error.clientMessageId);
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
    state.mentioned.delete(note.conversationId);
    unwatch(note.conversationId);
    state.frameSeq.delete(note.conversationId);
    renderConversations();
    if (state.openId === note.conversationId) {
      closeView();
      toast('You are no longer in "' + note.title + '"');
    }
  } else if (note.type === 'Mentioned') {
    mentioned(note);
  }
}

async function mentioned(note) {
  const id = note.conversationId;
  if (!(id === state.openId && document.visibilityState === 'visible')) {
    state.mentioned.add(id);
    renderConversations();
  }
  // The notification names only ids: the members (and the title of a conversation not listed yet) come from REST.
  let details = state.details && state.details.id === id ? state.details : null;
  if (!details) {
    try { details = await api('GET', '/api/conversations/' + id); } catch (e) { /* the toast does without names */ }
  }
  const by = details && details.members.find(m => m.userId === note.by);
  const summary = state.conversations.get(id);
  const title = summary ? summary.title : details ? details.title : 'a conversation';
  toast((by ? by.nickname : 'Someone') + ' mentioned you in "' + title + '"');
  if (!summary) loadConversations();
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
      if (summary && summary.lastMessage && summary.lastMessage.id === frame.messageId) {
        if (frame.type === 'MessageEdited') summary.lastMessage.content = frame.content;
        else { summary.lastMessage.deleted = true; summary.lastMessage.content = null; }
        renderConversations();
      }
      if (open) applyChange(frame);
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
    case 'ContentErased':
      if (open) applyErasure(frame);
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
    item.classList.toggle('mentioned', state.mentioned.has(c.id));
    const title = element('span', 'title', c.title);
    if (c.closed) title.append(' ', element('span', 'closed', 'closed'));
    const last = c.lastMessage;
    const preview = element('span', 'preview',
        last ? (last.senderNickname || '') + ': ' + (last.deleted ? 'message deleted' : last.content) : 'No messages yet');
    item.append(title, element('span', 'unread', c.unreadCount > 0 ? String(c.unreadCount) : ''), preview);
    item.addEventListener('click', () => openConversation(c.id));
    list.append(item);
  }
}

async function openConversation(id) {
  state.openId = id;
  state.details = null;
  state.nextBefore = null; // until the first page says: the previous conversation's would load the wrong page
  state.mentioned.delete(id);
  state.messages.clear();
  state.pending.clear();
  setReplyTarget(null);
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
  // Ownership, closing and member names decide which buttons and names the messages show.
  for (const m of state.messages.values()) renderMessage(m);
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
  setReplyTarget(null);
  $('messages').replaceChildren();
  $('members').replaceChildren();
  $('conversation-title').textContent = 'Pick a conversation';
  $('conversation-actions').hidden = true;
  $('composer').disabled = true;
  $('send').disabled = true;
}

/** Loads the page before the oldest message shown; while one is on its way, answers the same promise. */
function loadOlder() {
  const id = state.openId;
  if (id && state.nextBefore != null && !(state.olderLoad && state.olderLoad.id === id)) {
    const load = {id};
    load.promise = fetchOlder(id, state.nextBefore).finally(() => { if (state.olderLoad === load) state.olderLoad = null; });
    state.olderLoad = load;
  }
  return state.olderLoad && state.olderLoad.id === id ? state.olderLoad.promise : Promise.resolve();
}

async function fetchOlder(id, before) {
  const list = $('messages');
  const fromBottom = list.scrollHeight - list.scrollTop;
  try {
    const page = await api('GET', '/api/conversations/' + id + '/messages?limit=50&before=' + before);
    if (state.openId !== id) return;
    state.nextBefore = page.nextBefore;
    for (const m of page.messages) addMessage(m, false, true);
    list.scrollTop = list.scrollHeight - fromBottom;
  } catch (e) {
    toast(e.message);
  }
}

/** Scrolls to a message of the open conversation and highlights it, loading older pages until it is there. */
async function jumpTo(messageId) {
  const id = state.openId;
  while (!state.messages.has(messageId) && state.openId === id && state.nextBefore != null) {
    const before = state.nextBefore;
    await loadOlder();
    if (state.nextBefore === before) break; // the page did not come: do not ask again and again
  }
  if (state.openId !== id) return;
  const item = messageItem(messageId);
  if (!item) {
    toast('That message is not in this conversation any more');
    return;
  }
  item.scrollIntoView({block: 'center'});
  if (state.highlight) {
    clearTimeout(state.highlight.timer);
    state.highlight.item.classList.remove('highlighted');
  }
  item.classList.add('highlighted');
  const highlight = {item};
  highlight.timer = setTimeout(() => {
    item.classList.remove('highlighted');
    if (state.highlight === highlight) state.highlight = null;
  }, HIGHLIGHT_MS);
  state.highlight = highlight;
}

// ---------- messages ----------

function addMessage(m, live, atTop) {
  if (state.messages.has(m.id)) return;
  const view = {
    id: m.id, sequence: m.sequence, senderId: m.senderId, senderNickname: m.senderNickname,
    content: m.content, sentAt: m.sentAt, editedAt: m.editedAt, deleted: !!m.deleted,
    reactions: m.reactions || [], seenBy: m.seenBy || [], replyTo: m.replyTo || null, mentions: m.mentions || [],
    editing: null, // the edit box, while the content is being edited
  };
  state.messages.set(m.id, view);
  const item = $('message-template').content.firstElementChild.cloneNode(true);
  item.dataset.id = m.id;
  item.dataset.sequence = m.sequence;
  item.querySelector('.react').addEventListener('click', e => openPicker(e.target, view));
  item.querySelector('.reply').addEventListener('click', () => setReplyTarget(view));
  item.querySelector('.edit').addEventListener('click', () => startEdit(view));
  item.querySelector('.delete').addEventListener('click', () => publish('/app/messages/' + view.id + '/delete', {}));
  item.querySelector('.quote').addEventListener('click', () => { if (view.replyTo) jumpTo(view.replyTo.messageId); });
  const pending = m.clientMessageId && state.pending.get(m.clientMessageId);
  if (pending && m.senderId === state.session.userId) {
    pending.replaceWith(item);
    state.pending.delete(m.clientMessageId);
    sends.delete(m.clientMessageId);
  } else if (atTop) {
    $('messages').prepend(item);
  } else {
    const stick = isNearBottom();
    $('messages').append(item);
    if (live && stick) scrollToBottom();
  }
  renderMessage(view);
}

function messageItem(id) {
  return $('messages').querySelector('.message[data-id="' + id + '"]');
}

function renderMessage(m) {
  const item = messageItem(m.id);
  if (!item) return;
  const me = state.session.userId;
  const mine = m.senderId === me;
  const live = !m.deleted;
  const closed = !!(state.details && state.details.closed);
  const owner = !!(state.details && state.details.ownerId === me);
  if (!live && m.editing) {
    m.editing.remove();
    m.editing = null;
  }
  item.classList.toggle('mine', mine);
  item.classList.toggle('deleted', m.deleted);
  item.classList.toggle('mentions-me', live && m.mentions.includes(me));
  item.querySelector('.sender').textContent = mine ? 'You' : (m.senderNickname || 'someone');
  item.querySelector('time').textContent = new Date(m.sentAt).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
  item.querySelector('time').dateTime = m.sentAt;
  item.querySelector('.edited').textContent = m.editedAt && live ? '(edited)' : '';
  renderQuote(item.querySelector('.quote'), live ? m.replyTo : null);
  const content = item.querySelector('.content');
  if (live && m.content == null) content.replaceChildren(element('span', 'deleted-text', 'content erased'));
  else if (live) content.replaceChildren(...withMentions(m.content, m.mentions));
  else content.replaceChildren(element('span', 'deleted-text', 'message deleted'));
  content.hidden = !!m.editing;
  const readable = live && m.content != null; // an erased user's message keeps its place, not its content
  item.querySelector('.react').hidden = !live;
  item.querySelector('.reply').hidden = !readable || closed;
  item.querySelector('.edit').hidden = !readable || closed || !mine;
  item.querySelector('.delete').hidden = !live || closed || !(mine || owner);
  const reactions = item.querySelector('.reactions');
  reactions.replaceChildren();
  for (const r of live ? m.reactions : []) {
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

/** The quote of the message answered: its sender and the start of its content, or that it was deleted. */
function renderQuote(quote, replyTo) {
  quote.hidden = !replyTo;
  if (!replyTo) {
    quote.replaceChildren();
    delete quote.dataset.messageId;
    return;
  }
  quote.dataset.messageId = replyTo.messageId;
  quote.classList.toggle('gone', !!replyTo.deleted);
  if (replyTo.deleted) quote.replaceChildren(element('span', 'quote-deleted', 'message deleted'));
  else quote.replaceChildren(element('span', 'quote-sender', replyTo.senderNickname || 'someone'), ': ',
      element('span', 'quote-text', replyTo.excerpt || ''));
}

/** The content as text nodes, with the @nickname of each mentioned member in a span: never parsed as HTML. */
function withMentions(text, mentions) {
  const names = mentions.map(mentionedName).filter(Boolean).sort((a, b) => b.length - a.length);
  if (names.length === 0 || !text.includes('@')) return [text];
  // As the server finds them: the @ not after a letter, digit or _, the name not followed by one; the longest first.
  const pattern = new RegExp('(?<![\\p{L}\\p{Nd}_])@(?:' + names.map(escapeRegExp).join('|') + ')(?![\\p{L}\\p{Nd}_])', 'giu');
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(element('span', 'mention', match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function mentionedName(userId) {
  if (userId === state.session.userId) return state.session.nickname;
  const member = state.details && state.details.members.find(m => m.userId === userId);
  return member ? member.nickname : null;
}

/**
 * Content was erased (a sender's erasure, or retention): the messages shown of it keep their place without their
 * text, and so do the quotes of them. The server has erased it already; this drops what the page still shows.
 */
function applyErasure(frame) {
  const erased = new Set();
  for (const m of state.messages.values()) {
    const writtenAt = Date.parse(m.editedAt || m.sentAt);
    const bySender = frame.senderId && m.senderId === frame.senderId && writtenAt < Date.parse(frame.erasedAt);
    const expired = frame.before && writtenAt < Date.parse(frame.before);
    if ((bySender || expired) && m.content != null) {
      m.content = null;
      m.mentions = [];
      m.erased = true;
      erased.add(m.id);
      renderMessage(m);
    }
  }
  for (const m of state.messages.values()) {
    if (m.replyTo && erased.has(m.replyTo.messageId)) {
      m.replyTo = {...m.replyTo, excerpt: null};
      renderMessage(m);
    }
  }
}

/** A message was edited or deleted: the message itself, the quotes of its replies and the reply being written. */
function applyChange(frame) {
  const edited = frame.type === 'MessageEdited';
  const m = state.messages.get(frame.messageId);
  if (m) {
    if (edited) {
      m.content = frame.content;
      m.editedAt = frame.editedAt;
      m.mentions = frame.mentions || [];
    } else {
      m.deleted = true;
      m.content = null;
    }
    renderMessage(m);
  }
  for (const reply of state.messages.values()) {
    if (reply.replyTo && reply.replyTo.messageId === frame.messageId) {
      reply.replyTo = edited
          ? {...reply.replyTo, excerpt: excerpt(frame.content)}
          : {...reply.replyTo, excerpt: null, deleted: true};
      renderMessage(reply);
    }
  }
  if (state.replyTo && state.replyTo.id === frame.messageId) {
    if (!edited) state.replyTo = null;
    renderReplyTarget();
  }
}

function startEdit(m) {
  if (m.deleted || m.editing) return;
  const item = messageItem(m.id);
  if (!item) return;
  const box = element('textarea', 'edit-box');
  box.value = m.content || '';
  box.maxLength = 4000;
  box.rows = Math.min(6, box.value.split('\n').length);
  box.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      saveEdit(m);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      endEdit(m);
    }
  });
  item.querySelector('.content').after(box);
  m.editing = box;
  renderMessage(m);
  box.focus();
  box.setSelectionRange(box.value.length, box.value.length);
}

/** Sends the new content; the message shows it when the server's MessageEdited frame comes back. */
function saveEdit(m) {
  const content = m.editing.value;
  if (content === m.content) endEdit(m);
  else if (publish('/app/messages/' + m.id + '/edit', {content})) endEdit(m);
}

function endEdit(m) {
  if (!m.editing) return;
  m.editing.remove();
  m.editing = null;
  renderMessage(m);
}

function setReplyTarget(m) {
  state.replyTo = m && !m.deleted ? m : null;
  renderReplyTarget();
  if (state.replyTo) $('composer').focus();
}

function renderReplyTarget() {
  const target = $('reply-target');
  const label = target.querySelector('.reply-label');
  target.hidden = !state.replyTo;
  if (!state.replyTo) {
    label.replaceChildren();
    return;
  }
  label.replaceChildren('Replying to ', element('strong', null, state.replyTo.senderNickname || 'someone'), ': ',
      element('span', 'reply-excerpt', excerpt(state.replyTo.content)));
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
  const replyTo = state.replyTo;
  const body = {content, clientMessageId};
  if (replyTo) body.replyTo = replyTo.id;
  const destination = '/app/conversations/' + state.openId + '/messages';
  if (!publish(destination, body)) return;
  sends.set(clientMessageId, {destination, body, attempts: 0});
  const item = $('message-template').content.firstElementChild.cloneNode(true);
  item.classList.add('mine', 'pending');
  item.querySelector('.sender').textContent = 'You';
  item.querySelector('time').textContent = 'sending';
  item.querySelector('.content').textContent = content;
  if (replyTo) {
    renderQuote(item.querySelector('.quote'),
        {messageId: replyTo.id, senderNickname: replyTo.senderNickname, excerpt: excerpt(replyTo.content), deleted: false});
  }
  $('messages').append(item);
  state.pending.set(clientMessageId, item);
  scrollToBottom();
  $('composer').value = '';
  setReplyTarget(null);
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

// ---------- searching messages ----------

/** Searches the messages of all my conversations; with more, the next page of the same search. */
async function searchMessages(event, more) {
  event && event.preventDefault();
  const results = $('search-results');
  const q = more ? state.search.q : $('search').value;
  const run = ++state.search.run;
  const before = more ? state.search.nextBefore : null;
  $('search-more').hidden = true;
  if (!more) {
    results.replaceChildren();
    delete results.dataset.query;
  }
  try {
    const page = await api('GET', '/api/search?q=' + encodeURIComponent(q) + '&limit=20'
        + (before != null ? '&before=' + before : ''));
    if (run !== state.search.run) return; // a newer search answers instead
    state.search.q = q;
    state.search.nextBefore = page.nextBefore;
    for (const hit of page.hits) results.append(renderHit(hit));
    if (!more && page.hits.length === 0) results.append(element('li', 'empty', 'No messages found'));
    $('search-more').hidden = page.nextBefore == null;
    results.dataset.query = q;
  } catch (e) {
    if (run === state.search.run) toast(e.message);
  }
}

function renderHit(hit) {
  const m = hit.message;
  const item = element('li', 'hit');
  item.dataset.messageId = m.id;
  item.dataset.conversationId = m.conversationId;
  const summary = state.conversations.get(m.conversationId);
  const meta = element('div', 'hit-meta');
  const time = element('time', null, new Date(m.sentAt).toLocaleDateString([], {month: 'short', day: 'numeric'}));
  time.dateTime = m.sentAt;
  meta.append(element('span', 'hit-title', summary ? summary.title : 'a conversation'), ' · ',
      element('span', 'hit-sender', m.senderNickname || 'someone'), ' ', time);
  const text = element('div', 'hit-text');
  // The one place for innerHTML: the server escaped the text and added nothing but <mark> around the matches.
  if (typeof hit.highlight === 'string') text.innerHTML = hit.highlight;
  else text.textContent = m.content || '';
  item.append(meta, text);
  item.addEventListener('click', () => openHit(m));
  return item;
}

async function openHit(m) {
  if (state.openId !== m.conversationId) await openConversation(m.conversationId);
  if (state.openId === m.conversationId) await jumpTo(m.id);
}

function clearSearch() {
  state.search.run++;
  $('search').value = '';
  $('search-results').replaceChildren();
  delete $('search-results').dataset.query;
  $('search-more').hidden = true;
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

function excerpt(content) {
  if (content == null) return null;
  const points = [...content];
  return points.length <= EXCERPT ? content : points.slice(0, EXCERPT).join('') + '…';
}

function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); }
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
  else if (e.key === 'Escape' && state.replyTo) setReplyTarget(null);
});
$('cancel-reply').addEventListener('click', () => setReplyTarget(null));
$('search-form').addEventListener('submit', e => searchMessages(e, false));
$('search').addEventListener('keydown', e => { if (e.key === 'Escape') clearSearch(); });
$('search-more').addEventListener('click', () => searchMessages(null, true));
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
