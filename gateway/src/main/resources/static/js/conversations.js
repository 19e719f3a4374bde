// The conversation list: one line per conversation, newest activity first, with its unread count and whether I was
// mentioned there. Each line is the REST read it came from plus the frames after that read's frameSeq.

import {$, element, toast} from './dom.js';
import {api} from './api.js';
import * as live from './live.js';
import {session} from './session.js';

let summaries = new Map(); // id -> {id, title, ownerId, closed, unreadCount, lastMessage, frameSeq}
const mentioned = new Set();
let activeId = null;
let opener = () => {};
let openId = () => null;
/** Conversations followed live, within the contract's 100 subscriptions of a session (two are the user's queues). */
const FOLLOWED = 90;

export function init(open, shown) {
  opener = open;
  openId = shown;
  $('conversations').addEventListener('keydown', moveFocus);
}

export function get(id) {
  return summaries.get(id);
}

/**
 * Reads the list again: lines newer than what the page has replace theirs, and every line is followed live. One read
 * runs at a time; a call during a read makes one more read after it, and its promise settles when the list shows a
 * read begun after the call (so a caller that awaits it finds the lines drawn).
 */
export function load() {
  if (reading) {
    readAgain = true;
    return reading;
  }
  reading = (async () => {
    do {
      readAgain = false;
      await read();
    } while (readAgain);
    reading = null;
  })();
  return reading;
}

let reading = null;
let readAgain = false;

async function read() {
  try {
    const answer = await api('GET', '/api/conversations?limit=200');
    const next = new Map();
    for (const line of answer) {
      const shown = summaries.get(line.id);
      next.set(line.id, shown && shown.frameSeq > line.frameSeq ? shown : line);
    }
    summaries = next;
    const followed = new Set([...summaries.keys()].slice(0, FOLLOWED));
    for (const id of live.watched()) if (!followed.has(id) && id !== openId()) live.unwatch(id);
    for (const id of followed) live.watch(id, summaries.get(id).frameSeq);
    render();
  } catch (e) {
    toast(e.message);
  }
}

export function forget(id) {
  summaries.delete(id);
  mentioned.delete(id);
  live.unwatch(id);
  render();
}

export function mention(id) {
  mentioned.add(id);
  render();
}

export function setActive(id) {
  activeId = id;
  mentioned.delete(id);
  render();
}

/** Applies a stored frame to its line, once: frames the line's read already included are skipped. */
export function onFrame(frame, inFront) {
  const summary = summaries.get(frame.conversationId);
  if (!summary || frame.frameSeq === undefined || frame.frameSeq <= summary.frameSeq) return;
  summary.frameSeq = frame.frameSeq;
  const me = session().userId;
  switch (frame.type) {
    case 'MessageSent':
      summary.lastMessage = frame;
      if (frame.senderId !== me && !inFront) summary.unreadCount++;
      summaries.delete(summary.id);
      summaries = new Map([[summary.id, summary], ...summaries]);
      break;
    case 'MessageEdited':
    case 'MessageDeleted':
      if (summary.lastMessage && summary.lastMessage.id === frame.messageId) {
        if (frame.type === 'MessageEdited') summary.lastMessage = {...summary.lastMessage, content: frame.content};
        else summary.lastMessage = {...summary.lastMessage, deleted: true, content: null};
      }
      break;
    case 'MessagesSeen':
      if (frame.userId === me) {
        summary.unreadCount = 0;
        mentioned.delete(summary.id); // read here or in another tab: the mention is no longer news
      }
      break;
    case 'ConversationRenamed':
      summary.title = frame.title;
      break;
    case 'ConversationClosed':
      summary.closed = true;
      break;
    case 'ContentErased':
      if (summary.lastMessage && erases(frame, summary.lastMessage)) {
        summary.lastMessage = {...summary.lastMessage, content: null, erased: true};
      }
      break;
    default:
      return;
  }
  render();
}

/** Lines stay the same elements from one render to the next: a click or a focus on one is never lost to a redraw. */
const lines = new Map(); // id -> li

export function render() {
  const list = $('conversations');
  const focused = document.activeElement && document.activeElement.closest('#conversations li');
  const focusedId = focused && focused.dataset.id;
  for (const [id, item] of lines) {
    if (!summaries.has(id)) {
      item.remove();
      lines.delete(id);
    }
  }
  let at = 0;
  for (const c of summaries.values()) {
    let item = lines.get(c.id);
    if (!item) {
      item = element('li');
      item.dataset.id = c.id;
      const row = element('button', 'row');
      row.type = 'button';
      row.addEventListener('click', () => opener(c.id));
      item.append(row);
      lines.set(c.id, item);
    }
    fill(item, c);
    const there = list.children[at++] || null;
    if (there !== item) list.insertBefore(item, there); // only a line out of place moves
  }
  $('no-conversations').hidden = summaries.size > 0;
  const again = focusedId && lines.get(focusedId);
  if (again && document.activeElement !== again.firstChild) again.firstChild.focus();
}

function fill(item, c) {
  item.classList.toggle('active', c.id === activeId);
  item.classList.toggle('mentioned', mentioned.has(c.id));
  const row = item.firstChild;
  if (c.id === activeId) row.setAttribute('aria-current', 'true');
  else row.removeAttribute('aria-current');
  const title = element('span', 'title', c.title);
  title.dir = 'auto';
  if (mentioned.has(c.id)) title.prepend(element('span', 'mention-mark', '@ '));
  if (c.closed) title.append(' ', element('span', 'closed', '(closed)'));
  const last = c.lastMessage;
  const text = !last ? 'No messages yet'
      : (last.senderNickname || 'someone') + ': '
        + (last.deleted ? 'message deleted' : last.content == null ? 'content erased' : last.content);
  const preview = element('span', 'preview', text);
  preview.dir = 'auto';
  const unread = element('span', 'unread', c.unreadCount > 0 ? String(c.unreadCount) : '');
  if (c.unreadCount > 0) unread.setAttribute('aria-label', c.unreadCount + ' unread');
  row.replaceChildren(title, unread, preview);
}

/** Up and down arrows move between the lines, as in a list box. */
function moveFocus(e) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const rows = [...$('conversations').querySelectorAll('button.row')];
  const at = rows.indexOf(document.activeElement);
  if (at < 0) return;
  e.preventDefault();
  const next = rows[Math.max(0, Math.min(rows.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
  next.focus();
}

/** Whether an erasure (of a sender's content, or past the retention) took this message's text. */
export function erases(frame, m) {
  const writtenAt = Date.parse(m.editedAt || m.sentAt);
  const bySender = frame.senderId && m.senderId === frame.senderId && writtenAt < Date.parse(frame.erasedAt);
  const expired = frame.before && writtenAt < Date.parse(frame.before);
  return !!(bySender || expired);
}
