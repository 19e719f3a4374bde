// The auditors' section of the console: find a conversation, see it as of any instant (header, members, messages
// with their versions, reactions and seen marks), the audit log with filters, legal hold, retention (ADMIN), the
// export of a window, and erasing a user (ADMIN). Every call goes through the audit API, which records each read.

import {toast} from '../dom.js';
import {api, Problem} from '../api.js';

/** A small element builder: attributes (on* are listeners), then children (strings become text). */
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

let ids = 0;
/** A labelled field: the label and the input, bound by a fresh id. */
function field(label, attrs) {
  const id = 'audit-f' + (++ids);
  const input = h(attrs.tag || 'input', {...attrs, tag: undefined, id});
  return {input, node: h('div', {class: 'audit-field'}, h('label', {for: id}, label), input)};
}

const encode = encodeURIComponent;
function query(params) {
  const parts = Object.entries(params).filter(([, v]) => v !== '' && v !== null && v !== undefined && v !== false)
      .map(([k, v]) => k + '=' + encode(v));
  return parts.length ? '?' + parts.join('&') : '';
}
function when(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}
function fail(where) {
  return e => {
    where.textContent = e.message;
    toast(e.message);
  };
}

export async function mount(section, session) {
  const admin = session.roles.includes('ADMIN');
  section.classList.add('audit');
  section.append(h('h2', {class: 'audit-title'}, 'Audit'));
  section.append(searchPart(open));
  const view = h('section', {class: 'audit-conversation', 'aria-labelledby': 'audit-conv-title', hidden: true});
  section.append(view);
  section.append(logPart());
  if (admin) section.append(erasePart());

  function open(id) {
    view.hidden = false;
    conversationPart(view, id, admin);
  }
}

/** The search: title, a member's nickname (its start) or an id. */
function searchPart(open) {
  const q = field('Conversation: title, member nickname or id', {type: 'search', name: 'q', autocomplete: 'off'});
  const results = h('ul', {class: 'audit-results', 'aria-live': 'polite', 'aria-label': 'Conversations found'});
  const error = h('p', {class: 'audit-error', role: 'alert'});
  const form = h('form', {class: 'audit-search', role: 'search', onsubmit: async event => {
    event.preventDefault();
    error.textContent = '';
    try {
      const list = await api('GET', '/api/audit/conversations' + query({q: q.input.value.trim(), limit: 50}));
      results.replaceChildren(...(list.length ? list.map(c => h('li', {},
          h('button', {type: 'button', class: 'audit-result', onclick: () => open(c.id)},
              c.title + ' — ' + c.messageCount + ' messages, ' + c.memberIds.length + ' members, last active '
              + when(c.lastActivityAt)))) : [h('li', {}, 'No conversation found')]));
    } catch (e) { fail(error)(e); }
  }}, q.node, h('button', {type: 'submit'}, 'Find'), error);
  return h('section', {class: 'audit-find', 'aria-label': 'Find a conversation'}, form, results);
}

/** One conversation as of an instant, with hold, retention and export. */
function conversationPart(view, id, admin) {
  let state = null;
  let instant = null; // null: now
  const title = h('h3', {id: 'audit-conv-title', tabindex: '-1'});
  const header = h('div', {class: 'audit-header', 'aria-live': 'polite'});
  const slider = field('Instant on the conversation\'s history', {type: 'range', min: '0', max: '1000', step: '1'});
  const at = field('Instant (UTC, ISO-8601)', {type: 'text', inputmode: 'text', spellcheck: 'false',
    placeholder: '2026-11-21T10:15:30Z'});
  const error = h('p', {class: 'audit-error', role: 'alert'});
  const messages = h('ol', {class: 'audit-messages', 'aria-label': 'Messages as of the instant, newest first'});
  const older = h('button', {type: 'button', hidden: true, onclick: () => load(state.nextBefore)}, 'Older messages');

  slider.input.addEventListener('change', () => {
    if (!state || !state.firstEventAt) return;
    const first = Date.parse(state.firstEventAt);
    const last = Date.parse(state.lastEventAt);
    const value = Number(slider.input.value) >= 1000 ? last
        : first + Math.round((last - first) * Number(slider.input.value) / 1000);
    instant = new Date(value).toISOString();
    at.input.value = instant;
    load();
  });
  const timeForm = h('form', {class: 'audit-time', onsubmit: event => {
    event.preventDefault();
    const text = at.input.value.trim();
    if (text && Number.isNaN(Date.parse(text))) {
      error.textContent = 'The instant is an ISO-8601 time such as 2026-11-21T10:15:30Z';
      return;
    }
    instant = text ? new Date(Date.parse(text)).toISOString() : null;
    load();
  }}, slider.node, at.node, h('button', {type: 'submit'}, 'Show'),
  h('button', {type: 'button', onclick: () => { instant = null; at.input.value = ''; load(); }}, 'Now'));

  async function load(before) {
    error.textContent = '';
    try {
      const next = await api('GET', '/api/audit/conversations/' + id + '/state'
          + query({asOf: instant, before, limit: 50}));
      state = next;
      if (!before) messages.replaceChildren();
      draw(next, !before);
    } catch (e) {
      if (e instanceof Problem && e.status === 404) {
        error.textContent = 'The conversation did not exist yet at that instant';
      } else {
        fail(error)(e);
      }
    }
  }

  function name(s, userId) {
    return (s.nicknames && s.nicknames[userId]) || userId;
  }

  function draw(s, fresh) {
    title.textContent = s.title;
    header.replaceChildren(
        h('p', {}, 'As of ' + when(s.asOf) + (s.closed ? ' — closed' : ' — open') + ' — ' + s.messageCount
            + ' messages sent by then — owner ' + name(s, s.ownerId)),
        h('p', {}, 'History from ' + when(s.firstEventAt) + ' to ' + when(s.lastEventAt)),
        h('h4', {}, 'Members (' + s.members.length + ')'),
        h('ul', {class: 'audit-members'}, s.members.map(m => h('li', {}, m.nickname || m.userId))));
    if (fresh && s.firstEventAt) {
      const first = Date.parse(s.firstEventAt);
      const last = Date.parse(s.lastEventAt);
      const now = Date.parse(s.asOf);
      slider.input.value = String(last === first ? 1000 : Math.max(0, Math.min(1000,
          Math.round((now - first) * 1000 / (last - first)))));
      slider.input.setAttribute('aria-valuetext', when(s.asOf));
    }
    for (const m of s.messages) messages.append(messageItem(s, m));
    if (fresh && s.messages.length === 0) messages.append(h('li', {}, 'No message by then'));
    older.hidden = s.nextBefore === null || s.nextBefore === undefined;
  }

  function messageItem(s, m) {
    const versions = h('div', {class: 'audit-versions', 'aria-live': 'polite'});
    let body;
    if (m.deleted) body = h('p', {class: 'audit-gone'}, '[deleted at ' + when(m.deletedAt) + ' by '
        + name(s, m.deletedBy) + ']');
    else if (m.erased) body = h('p', {class: 'audit-gone'}, '[content erased]');
    else body = h('p', {class: 'audit-content'}, m.content);
    return h('li', {class: 'audit-message'},
        h('p', {class: 'audit-meta'}, '#' + m.sequence + ' ' + name(s, m.senderId) + ' at ' + when(m.sentAt)
            + (m.edited ? ' (edited ' + when(m.editedAt) + ')' : '')),
        body,
        m.reactions.length ? h('p', {class: 'audit-reactions'}, 'Reactions: ' + m.reactions.map(r =>
            r.emojiKey + ' by ' + r.userIds.map(u => name(s, u)).join(', ')).join('; ')) : null,
        h('p', {class: 'audit-seen'}, m.seenBy.length ? 'Seen by ' + m.seenBy.map(x =>
            name(s, x.userId) + ' at ' + when(x.seenAt)).join(', ') : 'Seen by nobody yet'),
        h('button', {type: 'button', class: 'audit-versions-button', onclick: async event => {
          try {
            const history = await api('GET', '/api/audit/messages/' + m.messageId + '/history');
            versions.replaceChildren(h('ol', {'aria-label': 'Versions'}, history.versions.map(v => h('li', {},
                v.action + ' at ' + when(v.sentAt || v.editedAt || v.deletedAt) + ' by ' + name(s, v.by)
                + (v.action === 'Deleted' ? '' : ': ' + (v.content === null ? '[erased]' : v.content))))));
            event.target.setAttribute('aria-expanded', 'true');
          } catch (e) { fail(versions)(e); }
        }}, 'Versions'),
        versions);
  }

  // Legal hold, retention, export.
  const reason = field('Reason for the hold', {type: 'text', maxlength: '500'});
  const compliance = h('p', {class: 'audit-status', role: 'status'});
  const hold = h('form', {class: 'audit-hold', onsubmit: async event => {
    event.preventDefault();
    try {
      await api('PUT', '/api/audit/conversations/' + id + '/legal-hold', {reason: reason.input.value});
      compliance.textContent = 'Legal hold placed';
    } catch (e) { fail(compliance)(e); }
  }}, reason.node, h('button', {type: 'submit'}, 'Place hold'),
  h('button', {type: 'button', onclick: async () => {
    try {
      await api('DELETE', '/api/audit/conversations/' + id + '/legal-hold');
      compliance.textContent = 'Legal hold released';
    } catch (e) { fail(compliance)(e); }
  }}, 'Release hold'));
  const days = field('Retention (days)', {type: 'number', min: '1', step: '1'});
  const retention = admin ? h('form', {class: 'audit-retention', onsubmit: async event => {
    event.preventDefault();
    try {
      await api('PUT', '/api/admin/conversations/' + id + '/retention', {days: Number(days.input.value)});
      compliance.textContent = 'Retention set to ' + days.input.value + ' days';
    } catch (e) { fail(compliance)(e); }
  }}, days.node, h('button', {type: 'submit'}, 'Set retention')) : null;
  const from = field('Export from (UTC, ISO-8601)', {type: 'text'});
  const to = field('Export to (UTC, ISO-8601)', {type: 'text'});
  const format = field('Format', {tag: 'select'});
  format.input.append(h('option', {value: 'csv'}, 'CSV'), h('option', {value: 'ndjson'}, 'NDJSON'));
  const link = h('p', {class: 'audit-download', 'aria-live': 'polite'});
  const exporting = h('form', {class: 'audit-export', onsubmit: async event => {
    event.preventDefault();
    link.replaceChildren();
    try {
      const s = (await import('../session.js')).session();
      const response = await fetch('/api/audit/conversations/' + id + '/export' + query({
        from: from.input.value.trim(), to: to.input.value.trim(), format: format.input.value}),
      {headers: {Authorization: 'Bearer ' + s.token}});
      if (!response.ok) {
        let json = null;
        try { json = await response.json(); } catch (e) { /* not ours */ }
        throw new Problem(response.status, json);
      }
      const url = URL.createObjectURL(await response.blob());
      const a = h('a', {href: url, download: 'conversation-' + id + '.' + format.input.value},
          'Download the export (' + format.input.value.toUpperCase() + ')');
      link.append(a);
      a.focus();
    } catch (e) { fail(link)(e); }
  }}, from.node, to.node, format.node, h('button', {type: 'submit'}, 'Export'));

  view.replaceChildren(title, timeForm, error, header,
      h('h4', {}, 'Messages'), messages, older,
      h('h4', {}, 'Compliance'), hold, retention, compliance,
      h('h4', {}, 'Export'), exporting, link);
  load().then(() => title.focus());
}

/** The audit log with its filters; denials marked by a word and a sign, not by colour alone. */
function logPart() {
  const actor = field('Actor id', {type: 'text'});
  const action = field('Action', {type: 'text', placeholder: 'MessageSent, AuditQuery, …'});
  const conversation = field('Conversation id', {type: 'text'});
  const from = field('From (UTC, ISO-8601)', {type: 'text'});
  const to = field('To (UTC, ISO-8601)', {type: 'text'});
  const denials = field('Denials only', {type: 'checkbox'});
  denials.node.classList.add('audit-check');
  const error = h('p', {class: 'audit-error', role: 'alert'});
  const body = h('tbody');
  const status = h('p', {role: 'status'});
  let page = 0;
  const previous = h('button', {type: 'button', onclick: () => load(page - 1)}, 'Previous page');
  const next = h('button', {type: 'button', onclick: () => load(page + 1)}, 'Next page');

  async function load(wanted) {
    error.textContent = '';
    try {
      const answer = await api('GET', '/api/audit/log' + query({actorId: actor.input.value.trim(),
        type: action.input.value.trim(), conversationId: conversation.input.value.trim(),
        from: from.input.value.trim(), to: to.input.value.trim(),
        outcome: denials.input.checked ? 'Denied' : '', page: wanted, size: 50}));
      page = answer.page;
      body.replaceChildren(...answer.entries.map(e => h('tr', {class: e.outcome === 'Denied' ? 'audit-denied' : ''},
          h('td', {}, when(e.at)), h('td', {}, e.actorId || ''), h('td', {}, e.action),
          h('td', {}, e.conversationId || ''),
          h('td', {}, e.outcome === 'Denied' ? '⚠ Denied' : e.outcome))));
      status.textContent = 'Page ' + (page + 1) + ': ' + answer.entries.length + ' entries';
      previous.disabled = page === 0;
      next.disabled = answer.entries.length < answer.size;
    } catch (e) { fail(error)(e); }
  }
  const form = h('form', {class: 'audit-log-filters', onsubmit: event => { event.preventDefault(); load(0); }},
      actor.node, action.node, conversation.node, from.node, to.node, denials.node,
      h('button', {type: 'submit'}, 'Show the log'));
  return h('section', {class: 'audit-log', 'aria-labelledby': 'audit-log-title'},
      h('h3', {id: 'audit-log-title'}, 'Audit log'), form, error, status,
      h('div', {class: 'audit-table'}, h('table', {},
          h('caption', {}, 'Who did what when, oldest first'),
          h('thead', {}, h('tr', {}, ['At', 'Actor', 'Action', 'Conversation', 'Outcome'].map(t =>
              h('th', {scope: 'col'}, t)))),
          body)),
      h('div', {class: 'audit-pages'}, previous, next));
}

/** Erasing a user (ADMIN), behind a dialog that says what it does. */
function erasePart() {
  const user = field('User id', {type: 'text'});
  const status = h('p', {role: 'status'});
  const confirm = h('button', {type: 'button', class: 'danger'}, 'Erase their content');
  const cancel = h('button', {type: 'button'}, 'Cancel');
  const dialog = h('dialog', {class: 'audit-dialog', 'aria-labelledby': 'audit-erase-title'},
      h('h3', {id: 'audit-erase-title'}, 'Erase this user\'s content?'),
      h('p', {}, 'The content of every message they sent becomes unreadable everywhere: the event store, replays, '
          + 'exports and every view. Their messages keep their place, sender and times. This cannot be undone. '
          + 'In conversations under legal hold, the erasure waits for the hold\'s end.'),
      h('div', {class: 'audit-pages'}, confirm, cancel));
  cancel.addEventListener('click', () => dialog.close());
  confirm.addEventListener('click', async () => {
    dialog.close();
    try {
      await api('DELETE', '/api/users/' + encode(user.input.value.trim()) + '/content');
      status.textContent = 'The user\'s content is erased';
    } catch (e) { fail(status)(e); }
  });
  const form = h('form', {class: 'audit-erase', onsubmit: event => {
    event.preventDefault();
    dialog.showModal();
    cancel.focus();
  }}, user.node, h('button', {type: 'submit', class: 'danger'}, 'Erase…'));
  return h('section', {class: 'audit-erase-part', 'aria-labelledby': 'audit-erase-heading'},
      h('h3', {id: 'audit-erase-heading'}, 'Erase a user (ADMIN)'), form, status, dialog);
}
