// The live connection: one STOMP session, a subscription per conversation shown, each resumed after the last stored
// frame it delivered, or after the frameSeq of the REST read it started from (SUBSCRIBE with since).

import {safeJson} from './dom.js';

let client = null;
const topics = new Map();    // conversation id -> STOMP subscription
const positions = new Map(); // conversation id -> frameSeq of the last stored frame delivered, or read by REST
let handlers = {
  frame() {}, notification() {}, error() {}, connected() {}, disconnected() {}, gone() {}, unauthorized() {},
};

export function on(given) {
  handlers = {...handlers, ...given};
}

export function connect(token) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  client = new StompJs.Client({
    brokerURL: scheme + '//' + location.host + '/ws',
    connectHeaders: {Authorization: 'Bearer ' + token},
    reconnectDelay: 2000,
    heartbeatIncoming: 20000,
    heartbeatOutgoing: 20000,
  });
  client.onConnect = () => {
    topics.clear();
    client.subscribe('/user/queue/errors', frame => handlers.error(JSON.parse(frame.body)));
    client.subscribe('/user/queue/notifications', frame => handlers.notification(JSON.parse(frame.body)));
    for (const id of positions.keys()) subscribe(id);
    handlers.connected();
  };
  client.onWebSocketClose = () => handlers.disconnected();
  client.onStompError = frame => {
    const problem = safeJson(frame.body);
    if (problem && problem.status === 401) handlers.unauthorized();
    else if (problem && problem.status === 410) {
      // Away longer than frames are kept: everything shown is read again, and resumes from those reads.
      positions.clear();
      handlers.gone();
    } else handlers.error({title: 'Connection error', detail: frame.headers.message || 'the server refused a frame'});
  };
  client.activate();
}

export function disconnect() {
  if (client) client.deactivate();
}

export function connected() {
  return !!(client && client.connected);
}

/** Follows a conversation from {@code frameSeq}, what a REST read of it included; once followed, from where it is. */
export function watch(id, frameSeq) {
  if (!positions.has(id)) positions.set(id, frameSeq);
  subscribe(id);
}

export function unwatch(id) {
  const topic = topics.get(id);
  if (topic) {
    try { topic.unsubscribe(); } catch (e) { /* the server may have ended it already */ }
    topics.delete(id);
  }
  positions.delete(id);
}

export function watched() {
  return [...positions.keys()];
}

/** Sends a frame when connected; says whether it went. */
export function publish(destination, body) {
  if (!connected()) return false;
  client.publish({destination, body: JSON.stringify(body)});
  return true;
}

function subscribe(id) {
  if (!connected() || topics.has(id)) return;
  const since = positions.get(id);
  const headers = since === undefined || since === null ? {} : {since: String(since)};
  topics.set(id, client.subscribe('/topic/conversations/' + id, frame => deliver(JSON.parse(frame.body)), headers));
}

/** Hands on each stored frame once and in order; a gap resumes the subscription after the last one handed on. */
function deliver(frame) {
  if (frame.frameSeq !== undefined) {
    const id = frame.conversationId;
    const last = positions.get(id);
    if (last === undefined) return; // no longer followed
    if (frame.frameSeq <= last) return;
    if (frame.frameSeq > last + 1) {
      const topic = topics.get(id);
      if (topic) topic.unsubscribe();
      topics.delete(id);
      subscribe(id);
      return;
    }
    positions.set(id, frame.frameSeq);
  }
  handlers.frame(frame);
}
