// Messages written but not yet acknowledged by the server. Each is kept in the browser's storage until the server
// answered its send (202 with the messageId), so it survives a reload and an outage, and is sent again with the same
// clientMessageId until then: the server stores it once however often it comes. A refusal marks it failed, with the
// reason, until the user retries or discards it.

import {api} from './api.js';

const MAX_DELAY = 30000;
let key = null;
let entries = [];            // {clientMessageId, conversationId, content, replyTo, quote, createdAt, failed, error}
let pumping = false;         // whether entries are being sent
const attempts = new Map();  // clientMessageId -> sends answered "later"
let timer = null;
let changed = () => {};

/** Opens the outbox of a user, and says what to call when an entry changes ({entry, event}). */
export function open(userId, onChange) {
  key = 'messenger.outbox.' + userId;
  changed = onChange;
  entries = read();
  window.addEventListener('storage', e => {
    if (e.key !== key) return;
    const before = new Set(entries.map(x => x.clientMessageId));
    entries = read();
    const now = new Set(entries.map(x => x.clientMessageId));
    for (const id of before) if (!now.has(id)) changed({entry: {clientMessageId: id}, event: 'gone'});
    for (const entry of entries) changed({entry, event: before.has(entry.clientMessageId) ? 'updated' : 'added'});
    pump(); // an entry another tab wrote, and may not live to send
  });
  flush();
}

export function of(conversationId) {
  return entries.filter(e => e.conversationId === conversationId);
}

export function add(conversationId, content, replyTo, quote) {
  const entry = {
    clientMessageId: crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random(),
    conversationId, content, replyTo: replyTo || null, quote: quote || null,
    createdAt: new Date().toISOString(), failed: false, error: null,
  };
  entries.push(entry);
  write();
  changed({entry, event: 'added'});
  pump();
  return entry;
}

export function retry(clientMessageId) {
  const entry = find(clientMessageId);
  if (!entry) return;
  entry.failed = false;
  entry.error = null;
  attempts.delete(clientMessageId);
  write();
  changed({entry, event: 'updated'});
  pump();
}

export function discard(clientMessageId) {
  const entry = find(clientMessageId);
  if (!entry) return;
  remove(entry);
  changed({entry, event: 'gone'});
}

/** Sends every waiting entry now: the connection is back, or the page has just started. */
export function flush() {
  clearTimeout(timer);
  timer = null;
  pump();
}

/**
 * Sends the waiting entries one at a time, in the order they were written, so that they arrive in that order; one
 * the server cannot take now holds back those after it until it is taken, one it refuses does not.
 */
async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    for (let entry = next(); entry; entry = next()) {
      const delay = await send(entry);
      if (delay) {
        later(delay);
        return;
      }
    }
  } finally {
    pumping = false;
  }
}

function next() {
  return entries.find(e => !e.failed);
}

/** Sends one entry; answers the delay after which to try again when the server could not take it now. */
async function send(entry) {
  const body = {content: entry.content, clientMessageId: entry.clientMessageId};
  if (entry.replyTo) body.replyTo = entry.replyTo;
  try {
    const accepted = await api('POST', '/api/conversations/' + entry.conversationId + '/messages', body);
    attempts.delete(entry.clientMessageId);
    remove(entry);
    changed({entry, event: 'sent', messageId: accepted.messageId});
    return 0;
  } catch (e) {
    if (!find(entry.clientMessageId)) return 0; // discarded meanwhile
    if (e.status === 401) return MAX_DELAY; // signing out
    if (e.transient) {
      // Not reached, busy, or the outcome unknown: the same send again later answers as the first would have.
      const n = (attempts.get(entry.clientMessageId) || 0) + 1;
      attempts.set(entry.clientMessageId, n);
      changed({entry, event: 'waiting', status: e.status});
      return Math.max((e.retryAfter || 0) * 1000, Math.min(MAX_DELAY, 1000 * 2 ** (n - 1)));
    }
    entry.failed = true;
    entry.error = e.message;
    write();
    changed({entry, event: 'failed'});
    return 0;
  }
}

function later(delay) {
  if (timer) return;
  timer = setTimeout(flush, delay);
}

function find(clientMessageId) {
  return entries.find(e => e.clientMessageId === clientMessageId);
}

function remove(entry) {
  entries = entries.filter(e => e.clientMessageId !== entry.clientMessageId);
  write();
}

function read() {
  try { return JSON.parse(localStorage.getItem(key)) || []; } catch (e) { return []; }
}

function write() {
  if (entries.length) localStorage.setItem(key, JSON.stringify(entries));
  else localStorage.removeItem(key);
}
