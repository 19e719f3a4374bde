// The open conversation: its header (title, members, the owner's controls), its message log, the composer. The view
// is the REST reads it opened with plus the frames after their frameSeq; frames that come while it loads wait.

import {$, MAX_CONTENT, button, codePoints, element, excerpt, toast} from './dom.js';
import {api} from './api.js';
import * as live from './live.js';
import * as outbox from './outbox.js';
import * as dialogs from './dialogs.js';
import * as conversations from './conversations.js';
import {session} from './session.js';
import * as messages from './messages.js';

const PAGE = 50;
const HIGHLIGHT_MS = 2000;
const view = {
  id: null,
  details: null,
  base: null,           // frameSeq of the page of messages read; null while it loads
  waiting: [],          // frames that came while the view loaded
  messages: new Map(),  // message id -> message view
  pending: new Map(),   // clientMessageId -> item of a message in the outbox
  nextBefore: null,
  olderLoad: null,      // {id, promise} of the page of older messages being loaded
  replyTo: null,
  highlight: null,
  typing: new Map(),    // user id -> {name, timer}
};
const online = new Map(); // conversation id -> Set of online user ids
let lastTypingSent = 0;
const act = {
  react: openPicker,
  reply: m => setReplyTarget(m),
  edit: m => messages.startEdit(item(m.id), m, content => saveEdit(m, content)),
  remove: removeMessage,
  jump: messageId => jumpTo(messageId),
};

export function openId() {
  return view.id;
}

export function inFront(id) {
  return view.id === id && document.visibilityState === 'visible';
}

export async function open(id, focus = true) {
  reset(id);
  conversations.setActive(id);
  $('chat').classList.add('viewing');
  const log = $('messages');
  log.setAttribute('aria-busy', 'true');
  try {
    const [details, page] = await Promise.all([
      api('GET', '/api/conversations/' + id),
      api('GET', '/api/conversations/' + id + '/messages?limit=' + PAGE),
    ]);
    if (view.id !== id) return;
    live.watch(id, Math.min(details.frameSeq, page.frameSeq));
    showDetails(details);
    if (details.frameSeq < page.frameSeq) loadDetails(id); // a change of members or title may lie between the reads
    view.nextBefore = page.nextBefore;
    view.base = page.frameSeq;
    page.messages.slice().reverse().forEach(m => add(m, false));
    for (const entry of outbox.of(id)) showPending(entry);
    const early = view.waiting;
    view.waiting = [];
    early.forEach(onFrame);
    messages.renderSeen(log, view.messages, view.details);
    scrollToBottom();
    markSeen();
    if (focus) ($('composer').disabled ? $('conversation-title') : $('composer')).focus();
  } catch (e) {
    toast(e.message);
  } finally {
    if (view.id === id) log.removeAttribute('aria-busy');
  }
}

/** Back to the list (on a phone, the list's own pane). */
export function close() {
  const id = view.id;
  reset(null);
  conversations.setActive(null);
  $('chat').classList.remove('viewing');
  $('conversation-title').textContent = 'Pick a conversation';
  $('conversation-actions').hidden = true;
  $('composer').disabled = true;
  $('send').disabled = true;
  const row = id && $('conversations').querySelector('li[data-id="' + id + '"] button');
  (row || $('new-conversation')).focus();
}

function reset(id) {
  view.id = id;
  view.details = null;
  view.base = null;
  view.waiting = [];
  view.messages.clear();
  view.pending.clear();
  view.nextBefore = null;
  view.olderLoad = null;
  setReplyTarget(null, false);
  view.typing.forEach(t => clearTimeout(t.timer));
  view.typing.clear();
  renderTyping();
  $('messages').replaceChildren();
  $('members').replaceChildren();
  // Until the next conversation is read, nothing may be written into it under the previous one's title.
  $('conversation-title').textContent = id ? 'Loading…' : 'Pick a conversation';
  $('conversation-actions').hidden = true;
  $('composer').disabled = true;
  $('send').disabled = true;
}

async function loadDetails(id) {
  try {
    const details = await api('GET', '/api/conversations/' + id);
    if (view.id === id) showDetails(details);
  } catch (e) {
    toast(e.message);
  }
}

function showDetails(details) {
  view.details = details;
  const mine = details.ownerId === session().userId;
  $('conversation-title').textContent = details.title + (details.closed ? ' (closed)' : '');
  $('conversation-actions').hidden = false;
  $('rename').hidden = !mine || details.closed;
  $('add-member').hidden = !mine || details.closed;
  $('close-conversation').hidden = !mine || details.closed;
  $('leave').hidden = mine || details.closed;
  $('composer').disabled = details.closed;
  $('send').disabled = details.closed;
  $('composer').placeholder = details.closed ? 'This conversation is closed' : 'Write a message';
  renderMembers();
  // Ownership, closing and member names decide which buttons and names the messages show.
  for (const m of view.messages.values()) renderMessage(m);
  messages.renderSeen($('messages'), view.messages, view.details);
}

function renderMembers() {
  const list = $('members');
  list.replaceChildren();
  if (!view.details) return;
  const here = online.get(view.id) || new Set();
  const owner = view.details.ownerId === session().userId && !view.details.closed;
  for (const m of view.details.members) {
    const item = element('li', 'member', m.nickname + (m.owner ? ' (owner)' : ''));
    item.dataset.userId = m.userId;
    item.classList.toggle('online', here.has(m.userId));
    item.append(element('span', 'sr-only', here.has(m.userId) ? ', online' : ', offline'));
    if (owner && !m.owner) {
      const remove = button('link remove', 'Remove', () => removeMember(m));
      remove.setAttribute('aria-label', 'Remove ' + m.nickname);
      item.append(remove);
    }
    list.append(item);
  }
}

/** A frame of the open conversation (or of one being opened, kept until its page is read). */
export function onFrame(frame) {
  if (frame.conversationId !== view.id) {
    if (frame.type === 'PresenceChanged') presence(frame);
    return;
  }
  if (frame.frameSeq !== undefined) {
    if (view.base === null) {
      view.waiting.push(frame);
      return;
    }
    if (frame.frameSeq <= view.base) return; // the page read includes it
    view.base = frame.frameSeq;
  }
  switch (frame.type) {
    case 'MessageSent':
      add(frame, true);
      messages.renderSeen($('messages'), view.messages, view.details);
      markSeen();
      if (view.typing.has(frame.senderId)) {
        clearTimeout(view.typing.get(frame.senderId).timer);
        view.typing.delete(frame.senderId);
        renderTyping();
      }
      break;
    case 'MessageEdited':
    case 'MessageDeleted':
      applyChange(frame);
      break;
    case 'ReactionAdded':
    case 'ReactionRemoved':
      if (view.messages.has(frame.messageId)) applyReaction(view.messages.get(frame.messageId), frame);
      break;
    case 'MessagesSeen':
      for (const m of view.messages.values()) {
        if (m.sequence > frame.afterSequence && m.sequence <= frame.upToSequence && m.senderId !== frame.userId
            && !m.seenBy.some(s => s.userId === frame.userId)) {
          m.seenBy.push({userId: frame.userId, seenAt: frame.seenAt});
        }
      }
      messages.renderSeen($('messages'), view.messages, view.details);
      break;
    case 'MemberAdded':
    case 'MemberRemoved':
    case 'ConversationRenamed':
    case 'ConversationClosed':
      loadDetails(view.id);
      break;
    case 'ContentErased':
      applyErasure(frame);
      break;
    case 'Typing':
      if (frame.userId !== session().userId) showTyping(frame.userId, frame.nickname);
      break;
    case 'PresenceChanged':
      presence(frame);
      break;
  }
}

function presence(frame) {
  const here = online.get(frame.conversationId) || new Set();
  if (frame.online) here.add(frame.userId); else here.delete(frame.userId);
  online.set(frame.conversationId, here);
  if (frame.conversationId === view.id) renderMembers();
}

// ---------- the outbox's messages ----------

/** An outbox entry changed: its pending item shows it, or gives way to the message the server stored. */
export function onOutbox({entry, event, messageId}) {
  if (entry.conversationId !== undefined && entry.conversationId !== view.id) return;
  const shown = view.pending.get(entry.clientMessageId);
  if (event === 'gone' || (event === 'sent' && view.messages.has(messageId))) {
    if (shown) shown.remove();
    view.pending.delete(entry.clientMessageId);
  } else if (event === 'sent') {
    if (shown) shown.querySelector('.state').textContent = 'sent';
  } else if (shown) {
    messages.renderPending(shown, entry, event === 'waiting');
    if (event === 'failed') toast('Not sent: ' + entry.error);
  } else if (event === 'added' && view.base !== null) {
    showPending(entry);
    scrollToBottom();
  }
}

function showPending(entry) {
  if (view.pending.has(entry.clientMessageId)) return;
  const pending = messages.pendingItemOf(entry, {retry: outbox.retry, discard: outbox.discard});
  messages.renderPending(pending, entry, false);
  $('messages').append(pending);
  view.pending.set(entry.clientMessageId, pending);
}

// ---------- messages ----------

function add(m, live, atTop) {
  if (view.messages.has(m.id)) return;
  const v = messages.viewOf(m);
  view.messages.set(m.id, v);
  const it = messages.itemOf(v, act);
  it.addEventListener('react', e => react(v, e.detail));
  const pending = m.clientMessageId && m.senderId === session().userId && view.pending.get(m.clientMessageId);
  const log = $('messages');
  if (pending) {
    const focused = pending.contains(document.activeElement);
    pending.replaceWith(it);
    view.pending.delete(m.clientMessageId);
    if (focused) it.focus();
  } else if (atTop) {
    log.prepend(it);
  } else {
    const stick = isNearBottom() || m.senderId === session().userId;
    const firstPending = view.pending.values().next().value;
    if (firstPending) log.insertBefore(it, firstPending); else log.append(it);
    renderMessage(v); // filled before the scroll measures it: an empty item would be scrolled to only in part
    if (live && stick) scrollToBottom();
    return;
  }
  renderMessage(v);
}

function item(id) {
  return $('messages').querySelector('.message[data-id="' + id + '"]');
}

function renderMessage(m) {
  const it = item(m.id);
  if (it) messages.render(it, m, view.details);
}

/** Loads the page before the oldest message shown; while one is on its way, answers the same promise. */
function loadOlder() {
  const id = view.id;
  if (id && view.nextBefore != null && !(view.olderLoad && view.olderLoad.id === id)) {
    const load = {id};
    load.promise = fetchOlder(id, view.nextBefore, load).finally(() => { if (view.olderLoad === load) view.olderLoad = null; });
    view.olderLoad = load;
  }
  return view.olderLoad && view.olderLoad.id === id ? view.olderLoad.promise : Promise.resolve();
}

async function fetchOlder(id, before, load) {
  const log = $('messages');
  const fromBottom = log.scrollHeight - log.scrollTop;
  try {
    const page = await api('GET', '/api/conversations/' + id + '/messages?limit=' + PAGE + '&before=' + before);
    if (view.id !== id || view.olderLoad !== load) return; // the view was opened again meanwhile
    view.nextBefore = page.nextBefore;
    // Older messages only: their later changes are in the frames after this view's own base, applied or to come.
    for (const m of page.messages) add(m, false, true);
    messages.renderSeen(log, view.messages, view.details);
    log.scrollTop = log.scrollHeight - fromBottom;
  } catch (e) {
    toast(e.message);
  }
}

/** Scrolls to a message of the open conversation and highlights it, loading older pages until it is there. */
export async function jumpTo(messageId) {
  const id = view.id;
  while (!view.messages.has(messageId) && view.id === id && view.nextBefore != null) {
    const before = view.nextBefore;
    await loadOlder();
    if (view.nextBefore === before) break; // the page did not come: do not ask again and again
  }
  if (view.id !== id) return;
  const it = item(messageId);
  if (!it) {
    toast('That message is not in this conversation any more');
    return;
  }
  it.scrollIntoView({block: 'center'});
  it.focus({preventScroll: true});
  if (view.highlight) {
    clearTimeout(view.highlight.timer);
    view.highlight.item.classList.remove('highlighted');
  }
  it.classList.add('highlighted');
  const highlight = {item: it};
  highlight.timer = setTimeout(() => {
    it.classList.remove('highlighted');
    if (view.highlight === highlight) view.highlight = null;
  }, HIGHLIGHT_MS);
  view.highlight = highlight;
}

/** Content was erased: the messages shown of it keep their place without their text, and so do the quotes of them. */
function applyErasure(frame) {
  const erased = new Set();
  for (const m of view.messages.values()) {
    if (conversations.erases(frame, m) && m.content != null) {
      m.content = null;
      m.mentions = [];
      erased.add(m.id);
      renderMessage(m);
    }
  }
  for (const m of view.messages.values()) {
    if (m.replyTo && erased.has(m.replyTo.messageId)) {
      m.replyTo = {...m.replyTo, excerpt: null};
      renderMessage(m);
    }
  }
}

/** A message was edited or deleted: the message itself, the quotes of its replies and the reply being written. */
function applyChange(frame) {
  const edited = frame.type === 'MessageEdited';
  const m = view.messages.get(frame.messageId);
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
  for (const reply of view.messages.values()) {
    if (reply.replyTo && reply.replyTo.messageId === frame.messageId) {
      reply.replyTo = edited
          ? {...reply.replyTo, excerpt: excerpt(frame.content)}
          : {...reply.replyTo, excerpt: null, deleted: true};
      renderMessage(reply);
    }
  }
  if (view.replyTo && view.replyTo.id === frame.messageId) {
    if (!edited) view.replyTo = null;
    renderReplyTarget();
  }
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

// ---------- acting on messages ----------

function publish(destination, body) {
  if (live.publish(destination, body)) return true;
  toast('Not connected: try again when the page is back online');
  return false;
}

/** Sends the new content; the message shows it when the server's MessageEdited frame comes back. */
function saveEdit(m, content) {
  if (content === m.content) return true;
  if (codePoints(content) > MAX_CONTENT) {
    toast('A message holds at most ' + MAX_CONTENT.toLocaleString('en') + ' characters');
    return false;
  }
  return publish('/app/messages/' + m.id + '/edit', {content});
}

async function removeMessage(m) {
  const mine = m.senderId === session().userId;
  const ok = await dialogs.confirm('Delete this message?',
      (mine ? 'Your message' : 'The message of ' + (m.senderNickname || 'someone'))
          + ' is removed for everyone in the conversation, for good. This cannot be undone.', 'Delete');
  if (ok) publish('/app/messages/' + m.id + '/delete', {});
}

function react(m, emojiKey) {
  const reaction = m.reactions.find(r => r.emojiKey === emojiKey);
  const mine = reaction && reaction.userIds.includes(session().userId);
  publish('/app/messages/' + m.id + '/reactions', {emojiKey, action: mine ? 'remove' : 'add'});
}

let emojis = [];

export async function loadEmojis() {
  try { emojis = await api('GET', '/api/emojis'); } catch (e) { toast(e.message); }
}

function openPicker(m, anchor) {
  const picker = $('emoji-picker');
  const done = (focusBack) => {
    picker.hidden = true;
    picker.onkeydown = null;
    if (focusBack && document.contains(anchor)) anchor.focus();
  };
  picker.replaceChildren(...emojis.map(emoji => {
    const b = button(null, emoji.unicode, () => { done(true); react(m, emoji.key); });
    b.dataset.emoji = emoji.key;
    b.setAttribute('aria-label', emoji.key.replace(/_/g, ' '));
    return b;
  }));
  const box = anchor.getBoundingClientRect();
  picker.style.left = Math.max(8, Math.min(box.left, window.innerWidth - 340)) + 'px';
  picker.style.top = Math.max(8, box.top - 52) + 'px';
  picker.hidden = false;
  picker.onkeydown = e => {
    const buttons = [...picker.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement);
    if (e.key === 'Escape') { e.preventDefault(); done(true); }
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      buttons[(at + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length].focus();
    } else if (e.key === 'Tab') done(false);
  };
  if (picker.firstElementChild) picker.firstElementChild.focus();
}

// ---------- the composer ----------

export function setReplyTarget(m, focus = true) {
  view.replyTo = m && !m.deleted && m.content != null ? m : null;
  renderReplyTarget();
  if (view.replyTo && focus) $('composer').focus();
}

function renderReplyTarget() {
  const target = $('reply-target');
  const label = target.querySelector('.reply-label');
  target.hidden = !view.replyTo;
  if (!view.replyTo) {
    label.replaceChildren();
    return;
  }
  label.replaceChildren('Replying to ', element('strong', null, view.replyTo.senderNickname || 'someone'), ': ',
      element('span', 'reply-excerpt', excerpt(view.replyTo.content)));
}

export function send(event) {
  event.preventDefault();
  const composer = $('composer');
  const content = composer.value;
  if (!view.id || !content.trim() || composer.disabled) return;
  if (codePoints(content) > MAX_CONTENT) {
    toast('A message holds at most ' + MAX_CONTENT.toLocaleString('en') + ' characters: this one has '
        + codePoints(content).toLocaleString('en') + '. Shorten it, or send it in parts.');
    return;
  }
  const r = view.replyTo;
  const quote = r && {messageId: r.id, senderNickname: r.senderNickname, excerpt: excerpt(r.content), deleted: false};
  composer.value = '';
  count();
  setReplyTarget(null, false);
  outbox.add(view.id, content, r && r.id, quote);
}

/** Counts what is written once it nears the limit, and says when it is past it. */
export function count() {
  const n = codePoints($('composer').value);
  const counter = $('composer-count');
  counter.textContent = n > MAX_CONTENT * 0.9 ? n.toLocaleString('en') + ' / ' + MAX_CONTENT.toLocaleString('en') : '';
  counter.classList.toggle('over', n > MAX_CONTENT);
  $('composer').setAttribute('aria-invalid', String(n > MAX_CONTENT));
}

/** Marks the newest message of someone else as seen, when the page is in front. */
export function markSeen() {
  if (!view.id || view.base === null || document.visibilityState !== 'visible') return;
  const me = session().userId;
  let newest = null;
  for (const m of view.messages.values()) {
    if (m.senderId !== me && (!newest || m.sequence > newest.sequence)) newest = m;
  }
  if (newest && !newest.seenBy.some(s => s.userId === me)
      && live.publish('/app/conversations/' + view.id + '/seen', {messageId: newest.id})) {
    newest.seenBy.push({userId: me, seenAt: new Date().toISOString()});
  }
}

export function typed() {
  count();
  const now = Date.now();
  if (view.id && now - lastTypingSent > 2000) {
    lastTypingSent = now;
    live.publish('/app/conversations/' + view.id + '/typing', {});
  }
}

function showTyping(userId, name) {
  const shown = view.typing.get(userId);
  if (shown) clearTimeout(shown.timer);
  view.typing.set(userId, {name, timer: setTimeout(() => { view.typing.delete(userId); renderTyping(); }, 3000)});
  renderTyping();
}

function renderTyping() {
  const names = [...view.typing.values()].map(t => t.name);
  $('typing').textContent = names.length === 0 ? '' : names.join(', ') + (names.length === 1 ? ' is' : ' are') + ' typing…';
}

// ---------- the owner's and members' controls ----------

export async function rename() {
  if (!view.details) return;
  const id = view.id;
  await dialogs.askTitle(view.details.title, title => api('PATCH', '/api/conversations/' + id, {title}));
}

export async function addMember() {
  if (!view.details) return;
  const id = view.id;
  await dialogs.pickPeople({
    heading: 'Add people to "' + view.details.title + '"', okLabel: 'Add', withTitle: false,
    exclude: new Set(view.details.members.map(m => m.userId)),
    pick: async people => {
      for (const [userId] of people) await api('POST', '/api/conversations/' + id + '/members', {userId});
    },
  });
}

async function removeMember(member) {
  const title = view.details.title;
  const ok = await dialogs.confirm('Remove ' + member.nickname + '?', member.nickname + ' leaves "' + title
      + '" and no longer sees its messages, unless you add them again.', 'Remove');
  if (!ok) return;
  try {
    await api('DELETE', '/api/conversations/' + view.id + '/members/' + member.userId);
  } catch (e) { toast(e.message); }
}

export async function leave() {
  if (!view.details) return;
  const ok = await dialogs.confirm('Leave "' + view.details.title + '"?',
      'You no longer see its messages, unless the owner adds you again.', 'Leave');
  if (!ok) return;
  try {
    await api('DELETE', '/api/conversations/' + view.id + '/members/' + session().userId);
  } catch (e) { toast(e.message); }
}

export async function closeConversation() {
  if (!view.details) return;
  const ok = await dialogs.confirm('Close "' + view.details.title + '" for everyone?',
      'Nobody can send, react, rename it or change its members afterwards. Its messages stay readable. '
      + 'This cannot be undone.', 'Close it');
  if (!ok) return;
  try {
    await api('POST', '/api/conversations/' + view.id + '/close');
  } catch (e) { toast(e.message); }
}

// ---------- scrolling ----------

export function onScroll() {
  if ($('messages').scrollTop < 40) loadOlder();
}

function isNearBottom() {
  const l = $('messages');
  return l.scrollHeight - l.scrollTop - l.clientHeight < 80;
}

/** Scrolls to the end once what was added is laid out, so the newest message shows whole. */
function scrollToBottom() {
  const l = $('messages');
  l.scrollTop = l.scrollHeight;
  requestAnimationFrame(() => { l.scrollTop = l.scrollHeight; });
}
