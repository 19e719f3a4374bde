// Searching the messages of all my conversations, newest first, a page at a time; a hit opens its conversation there.

import {$, element, toast} from './dom.js';
import {api} from './api.js';
import * as conversations from './conversations.js';

const search = {q: null, nextBefore: null, run: 0};
let show = async () => {};

/** {@code open(conversationId, messageId)} shows a hit in its conversation. */
export function init(open) {
  show = open;
}

export async function run(event, more) {
  if (event) event.preventDefault();
  const results = $('search-results');
  const q = more ? search.q : $('search').value;
  const run = ++search.run;
  const before = more ? search.nextBefore : null;
  $('search-more').hidden = true;
  if (!more) {
    results.replaceChildren();
    delete results.dataset.query;
  }
  if (!q.trim()) return;
  try {
    const page = await api('GET', '/api/search?q=' + encodeURIComponent(q) + '&limit=20'
        + (before != null ? '&before=' + before : ''));
    if (run !== search.run) return; // a newer search answers instead
    search.q = q;
    search.nextBefore = page.nextBefore;
    for (const hit of page.hits) results.append(hitItem(hit));
    if (!more && page.hits.length === 0) results.append(element('li', 'empty', 'No messages found'));
    $('search-more').hidden = page.nextBefore == null;
    results.dataset.query = q;
  } catch (e) {
    if (run === search.run) toast(e.message);
  }
}

export function clear() {
  search.run++;
  $('search').value = '';
  $('search-results').replaceChildren();
  delete $('search-results').dataset.query;
  $('search-more').hidden = true;
}

function hitItem(hit) {
  const m = hit.message;
  const item = element('li', 'hit');
  item.dataset.messageId = m.id;
  item.dataset.conversationId = m.conversationId;
  const open = element('button', 'hit-button');
  open.type = 'button';
  const summary = conversations.get(m.conversationId);
  const meta = element('span', 'hit-meta');
  const time = element('time', null, new Date(m.sentAt).toLocaleDateString([], {month: 'short', day: 'numeric'}));
  time.dateTime = m.sentAt;
  meta.append(element('span', 'hit-title', summary ? summary.title : 'a conversation'), ' · ',
      element('span', 'hit-sender', m.senderNickname || 'someone'), ' ', time);
  const text = element('span', 'hit-text');
  text.dir = 'auto';
  // The one place for innerHTML: the server escaped the text and added nothing but <mark> around the matches.
  if (typeof hit.highlight === 'string') text.innerHTML = hit.highlight;
  else text.textContent = m.content || '';
  open.append(meta, text);
  open.addEventListener('click', () => show(m.conversationId, m.id));
  item.append(open);
  return item;
}
