// One message of the open conversation as an item of the message log: its text with mentions, quote, reactions,
// who has seen it, and the buttons that act on it (each one a real button, reachable from the keyboard).

import {$, button, element, excerpt} from './dom.js';
import {session} from './session.js';

/** A message as the page keeps it, from a REST read or a MessageSent frame. */
export function viewOf(m) {
  return {
    id: m.id, sequence: m.sequence, senderId: m.senderId, senderNickname: m.senderNickname,
    content: m.content, sentAt: m.sentAt, editedAt: m.editedAt, deleted: !!m.deleted,
    reactions: m.reactions || [], seenBy: m.seenBy || [], replyTo: m.replyTo || null, mentions: m.mentions || [],
    editing: null, // the edit box, while the content is being edited
  };
}

/** A new item of the log, its buttons wired to {@code act}: {react, reply, edit, remove, jump}. */
export function itemOf(m, act) {
  const item = $('message-template').content.firstElementChild.cloneNode(true);
  item.dataset.id = m.id;
  item.dataset.sequence = m.sequence;
  item.querySelector('.react').addEventListener('click', e => act.react(m, e.currentTarget));
  item.querySelector('.reply').addEventListener('click', () => act.reply(m));
  item.querySelector('.edit').addEventListener('click', () => act.edit(m));
  item.querySelector('.delete').addEventListener('click', () => act.remove(m));
  item.querySelector('.quote').addEventListener('click', () => { if (m.replyTo) act.jump(m.replyTo.messageId); });
  return item;
}

/** An item for a message still in the outbox: what was written, and whether it is on its way or was refused. */
export function pendingItemOf(entry, act) {
  const item = $('message-template').content.firstElementChild.cloneNode(true);
  item.classList.add('mine', 'pending');
  item.dataset.clientMessageId = entry.clientMessageId;
  item.querySelector('.sender').textContent = 'You';
  item.querySelector('.content').textContent = entry.content;
  item.querySelector('.actions').remove();
  if (entry.quote) renderQuote(item.querySelector('.quote'), entry.quote);
  item.querySelector('.retry').addEventListener('click', () => act.retry(entry.clientMessageId));
  item.querySelector('.discard').addEventListener('click', () => act.discard(entry.clientMessageId));
  return item;
}

export function renderPending(item, entry, waiting) {
  item.classList.toggle('failed', !!entry.failed);
  const state = entry.failed ? 'not sent: ' + entry.error : waiting ? 'waiting for the server' : 'sending…';
  item.querySelector('.state').textContent = state;
  item.querySelector('.outbox-actions').hidden = !entry.failed;
  item.querySelector('.retry').setAttribute('aria-label', 'Retry sending "' + excerpt(entry.content) + '"');
  item.querySelector('.discard').setAttribute('aria-label', 'Discard "' + excerpt(entry.content) + '"');
}

/** Shows the message as the page knows it; {@code details} say who owns the conversation and whether it is closed. */
export function render(item, m, details) {
  const me = session().userId;
  const mine = m.senderId === me;
  const live = !m.deleted;
  const closed = !!(details && details.closed);
  const owner = !!(details && details.ownerId === me);
  if (!live && m.editing) endEdit(item, m);
  item.classList.toggle('mine', mine);
  item.classList.toggle('deleted', m.deleted);
  item.classList.toggle('mentions-me', live && m.mentions.includes(me));
  const sender = mine ? 'You' : (m.senderNickname || 'someone');
  item.querySelector('.sender').textContent = sender;
  const time = item.querySelector('time');
  time.textContent = new Date(m.sentAt).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
  time.dateTime = m.sentAt;
  item.querySelector('.edited').textContent = m.editedAt && live ? ' (edited)' : '';
  renderQuote(item.querySelector('.quote'), live ? m.replyTo : null);
  const content = item.querySelector('.content');
  if (live && m.content == null) content.replaceChildren(element('span', 'deleted-text', 'content erased'));
  else if (live) content.replaceChildren(...withMentions(m.content, m.mentions, details));
  else content.replaceChildren(element('span', 'deleted-text', 'message deleted'));
  content.hidden = !!m.editing;
  const readable = live && m.content != null; // an erased user's message keeps its place, not its content
  const actions = item.querySelector('.actions');
  actions.querySelector('.react').hidden = !live || closed;
  actions.querySelector('.reply').hidden = !readable || closed;
  actions.querySelector('.edit').hidden = !readable || closed || !mine;
  actions.querySelector('.delete').hidden = !live || closed || !(mine || owner);
  actions.querySelector('.reply').setAttribute('aria-label', 'Reply to ' + sender + ', ' + time.textContent);
  actions.querySelector('.edit').setAttribute('aria-label', 'Edit your message of ' + time.textContent);
  actions.querySelector('.delete').setAttribute('aria-label', 'Delete the message of ' + time.textContent);
  actions.querySelector('.react').setAttribute('aria-label', 'React to ' + sender + ', ' + time.textContent);
  const reactions = item.querySelector('.reactions');
  reactions.replaceChildren();
  for (const r of live ? m.reactions : []) {
    const chip = button('reaction', r.unicode + ' ' + r.count);
    chip.dataset.emoji = r.emojiKey;
    const who = r.userIds.map(u => nickname(u, details)).join(', ');
    chip.title = who;
    const pressed = r.userIds.includes(me);
    chip.classList.toggle('mine', pressed);
    chip.setAttribute('aria-pressed', String(pressed));
    chip.setAttribute('aria-label', r.emojiKey.replace(/_/g, ' ') + ' ' + r.count + ': ' + who);
    chip.disabled = closed;
    chip.addEventListener('click', () => item.dispatchEvent(new CustomEvent('react', {detail: r.emojiKey})));
    reactions.append(chip);
  }
}

/**
 * "Seen by" under my latest message that someone has seen; under my earlier ones it shows when the message is
 * pointed at or has the focus.
 */
export function renderSeen(list, messages, details) {
  const me = session().userId;
  let latest = null;
  for (const m of messages.values()) {
    if (m.senderId === me && m.seenBy.some(s => s.userId !== me) && (!latest || m.sequence > latest.sequence)) {
      latest = m;
    }
  }
  for (const m of messages.values()) {
    const item = list.querySelector('.message[data-id="' + m.id + '"]');
    if (!item) continue;
    const seen = item.querySelector('.seen');
    const seers = m.senderId === me ? m.seenBy.filter(s => s.userId !== me).map(s => nickname(s.userId, details)) : [];
    seen.textContent = seers.length ? 'Seen by ' + seers.join(', ') : '';
    seen.classList.toggle('earlier', m !== latest);
  }
}

/** The quote of the message answered: its sender and the start of its content, or that it is gone. */
export function renderQuote(quote, replyTo) {
  quote.hidden = !replyTo;
  if (!replyTo) {
    quote.replaceChildren();
    delete quote.dataset.messageId;
    return;
  }
  quote.dataset.messageId = replyTo.messageId;
  quote.classList.toggle('gone', !!replyTo.deleted || replyTo.excerpt == null);
  const who = element('span', 'quote-sender', replyTo.senderNickname || 'someone');
  if (replyTo.deleted) quote.replaceChildren(element('span', 'quote-deleted', 'message deleted'));
  else if (replyTo.excerpt == null) quote.replaceChildren(who, ': ', element('span', 'quote-deleted', 'content erased'));
  else {
    const text = element('span', 'quote-text', replyTo.excerpt);
    text.dir = 'auto';
    quote.replaceChildren(who, ': ', text);
  }
  quote.setAttribute('aria-label', 'Show the message answered: ' + quote.textContent);
}

export function startEdit(item, m, save) {
  if (m.deleted || m.editing) return;
  const box = element('div', 'edit');
  const text = element('textarea', 'edit-box');
  text.value = m.content || '';
  text.rows = Math.min(6, text.value.split('\n').length);
  text.dir = 'auto';
  text.setAttribute('aria-label', 'Edit the message');
  const hint = element('span', 'hint', 'Enter saves · Escape cancels');
  hint.id = 'edit-hint-' + m.id;
  text.setAttribute('aria-describedby', hint.id);
  const done = () => { endEdit(item, m); item.querySelector('.edit').focus(); };
  const keep = () => { if (save(text.value) !== false) done(); };
  text.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      keep();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      done();
    }
  });
  const row = element('div', 'edit-row');
  row.append(hint, button('link', 'Cancel', done), button('link save', 'Save', keep));
  box.append(text, row);
  item.querySelector('.content').after(box);
  item.querySelector('.content').hidden = true;
  m.editing = box;
  text.focus();
  text.setSelectionRange(text.value.length, text.value.length);
}

export function endEdit(item, m) {
  if (!m.editing) return;
  m.editing.remove();
  m.editing = null;
  item.querySelector('.content').hidden = false;
}

/** The content as text nodes, with the @nickname of each mentioned member in a span: never parsed as HTML. */
function withMentions(text, mentions, details) {
  const names = mentions.map(u => mentionedName(u, details)).filter(Boolean).sort((a, b) => b.length - a.length);
  if (names.length === 0 || !text.includes('@')) return [text];
  // As the server finds them: the @ not after a letter, digit or _, the name not followed by one; the longest first.
  const pattern = new RegExp('(?<![\\p{L}\\p{Nd}_])@(?:' + names.map(escapeRegExp).join('|') + ')(?![\\p{L}\\p{Nd}_])',
      'giu');
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

export function nickname(userId, details) {
  if (userId === session().userId) return 'you';
  const member = details && details.members.find(m => m.userId === userId);
  return member ? member.nickname : 'someone';
}

function mentionedName(userId, details) {
  if (userId === session().userId) return session().nickname;
  const member = details && details.members.find(m => m.userId === userId);
  return member ? member.nickname : null;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
