// The load client of `bench cost`: a process of its own that talks to the messenger as users' clients do (REST to
// register and start conversations, then @stomp/stompjs over a `ws` WebSocket), so that the JVM under test pays for
// its side of the wire only and the figures compare with other servers driven by the same client.
//
// Usage: node load.mjs '<config JSON>'   (or the config as the first line of standard input)
//   {"baseUrl": "http://localhost:8080", "conversations": 1, "senders": 1, "subscribers": 10,
//    "warmup": {"rate": 100, "seconds": 60}, "stages": [{"rate": 200, "seconds": 10}], "drainSeconds": 5,
//    "deflate": true}
//
// Standard output carries one JSON object a line. Before each measured stage the client prints
// {"stage":"start","rate":R} and waits for "go" on standard input ("stop", or the end of input, ends the run); after
// the stage's sending window it prints {"stage":"end","rate":R,...} and waits for "go" again; then it prints the
// stage's result. The harness samples the server's CPU at those two points, so both count the same window.

import { Client } from '@stomp/stompjs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const input = createInterface({ input: process.stdin });
const lines = [];
const readers = [];
let inputEnded = false;
input.on('line', (line) => {
  const reader = readers.shift();
  if (reader) {
    reader(line.trim());
  } else {
    lines.push(line.trim());
  }
});
input.on('close', () => {
  inputEnded = true;
  readers.splice(0).forEach((reader) => reader(null));
});

/** The next line of standard input, or null once it has ended. */
function nextLine() {
  if (lines.length > 0) {
    return Promise.resolve(lines.shift());
  }
  return inputEnded ? Promise.resolve(null) : new Promise((resolve) => readers.push(resolve));
}

function emit(object) {
  process.stdout.write(`${JSON.stringify(object)}\n`);
}

function within(promise, seconds, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function rest(config, path, token, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(config.baseUrl + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`POST ${path}: ${response.status} ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/** Registers a user and signs in: {id, token}. */
async function register(config, nickname) {
  const password = 'benchmark-1';
  const user = await rest(config, '/api/users', null, { nickname, password });
  const session = await rest(config, '/api/sessions', null, { nickname, password });
  return { id: user.id, token: session.token };
}

/** Runs `task` over `items` with at most `width` at once (the password hash is slow on purpose). */
async function pooled(items, width, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** A stage's books: when each of its messages was sent, and what came back for them. */
class Stage {
  constructor(index, rate, seconds) {
    this.index = index;
    this.rate = rate;
    this.seconds = seconds;
    this.total = Math.round(rate * seconds);
    this.sentAt = new Float64Array(this.total);
    this.sent = 0;
    this.latencies = [];
    this.errors = 0;
    this.lastArrival = 0;
  }
}

let current = null;
let unexpectedCloses = 0;
let closing = false;

// Reads the clientMessageId without parsing the whole frame: the client shares the machine's two cores with the
// server, and the benchmark's content never holds that key. Ids are "s<stage>-<n>".
const ID_KEY = '"clientMessageId":"s';

function arrived(body) {
  const now = performance.now();
  if (!body.includes('"type":"MessageSent"')) {
    return;
  }
  const start = body.indexOf(ID_KEY) + ID_KEY.length;
  const dash = body.indexOf('-', start);
  const stage = current;
  if (stage === null || Number(body.substring(start, dash)) !== stage.index) {
    return;
  }
  const n = Number(body.substring(dash + 1, body.indexOf('"', dash)));
  stage.latencies.push(now - stage.sentAt[n]);
  stage.lastArrival = now;
}

/** A STOMP session of `user`, connected and with `subscriptions` ([destination, callback]) confirmed by RECEIPT. */
async function session(config, user, subscriptions) {
  const url = `${config.baseUrl.replace(/^http/, 'ws')}/ws`;
  let connected = false;
  const client = new Client({
    // permessage-deflate is offered as browsers and `ws` offer it; "deflate": false measures the server without it.
    webSocketFactory: () => new WebSocket(url, { perMessageDeflate: config.deflate }),
    connectHeaders: { Authorization: `Bearer ${user.token}` },
    // A lost session would come back without its subscriptions and skew the counts: it is reported instead.
    reconnectDelay: 0,
  });
  await within(
    new Promise((resolve, reject) => {
      client.onConnect = () => {
        connected = true;
        resolve();
      };
      client.onStompError = (frame) => reject(new Error(`STOMP ERROR: ${frame.headers.message} ${frame.body}`));
      client.onWebSocketClose = (event) => {
        if (closing) {
          return;
        }
        if (connected) {
          unexpectedCloses++;
          process.stderr.write(`session of ${user.id} closed: ${event.code} ${event.reason}\n`);
        } else {
          reject(new Error(`WebSocket closed before CONNECTED: ${event.code} ${event.reason}`));
        }
      };
      client.activate();
    }),
    10,
    'CONNECT',
  );
  for (const [index, [destination, callback]] of subscriptions.entries()) {
    const receipt = `sub-${user.id}-${index}`;
    const confirmed = new Promise((resolve) => client.watchForReceipt(receipt, resolve));
    client.subscribe(destination, callback, { id: `s${index}`, receipt });
    await within(confirmed, 10, `RECEIPT of SUBSCRIBE ${destination}`);
  }
  return client;
}

/** Users, conversations and sessions as the config asks: [{destination, senders: [Client]}], and every session. */
async function open(config) {
  const suffix = Math.floor(Math.random() * 36 ** 5).toString(36);
  const people = [];
  for (let c = 0; c < config.conversations; c++) {
    for (let i = 0; i < config.senders; i++) {
      people.push({ conversation: c, sender: true, nickname: `s${c}x${i}-${suffix}` });
    }
    for (let i = 0; i < config.subscribers; i++) {
      people.push({ conversation: c, sender: false, nickname: `r${c}x${i}-${suffix}` });
    }
  }
  const users = await pooled(people, 4, (person) => register(config, person.nickname));
  people.forEach((person, index) => Object.assign(person, users[index]));
  const conversations = await pooled(
    Array.from({ length: config.conversations }, (_, c) => people.filter((person) => person.conversation === c)),
    4,
    async (members, c) => {
      const [owner, ...others] = members;
      const created = await rest(config, '/api/conversations', owner.token, {
        title: `Benchmark ${c}`,
        memberIds: others.map((member) => member.id),
      });
      return { id: created.id, members };
    },
  );
  const onError = () => {
    if (current !== null) {
      current.errors++;
    }
  };
  const sessions = [];
  const chats = await pooled(conversations, 8, async (conversation) => {
    const senders = [];
    for (const member of conversation.members) {
      const subscriptions = member.sender
        ? [['/user/queue/errors', onError]]
        : [[`/topic/conversations/${conversation.id}`, (message) => arrived(message.body)]];
      const client = await session(config, member, subscriptions);
      sessions.push(client);
      if (member.sender) {
        senders.push(client);
      }
    }
    return { destination: `/app/conversations/${conversation.id}/messages`, senders };
  });
  return { chats, sessions };
}

/**
 * Sends the stage's messages at its rate, round-robin over the conversations and their senders. Each tick sends every
 * message whose due time has passed, so the rate holds when a timer fires late (setTimeout waits at least 1 ms).
 */
function send(chats, stage) {
  const period = 1000 / stage.rate;
  const start = performance.now();
  return new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(stage.total, Math.floor((performance.now() - start) / period) + 1);
      while (stage.sent < due) {
        const n = stage.sent;
        const chat = chats[n % chats.length];
        const sender = chat.senders[Math.floor(n / chats.length) % chat.senders.length];
        const body = `{"content":"benchmark message","clientMessageId":"s${stage.index}-${n}"}`;
        stage.sentAt[n] = performance.now();
        sender.publish({ destination: chat.destination, headers: { 'content-type': 'application/json' }, body });
        stage.sent++;
      }
      if (stage.sent < stage.total) {
        setTimeout(tick, 1);
      } else {
        // The window ends one period after the last message was due, as it began at the first.
        resolve({ start, seconds: (performance.now() - start + period) / 1000 });
      }
    };
    tick();
  });
}

/** Waits until every subscriber has every message of the stage, or `seconds` after its window. */
function drain(stage, expected, seconds) {
  const deadline = performance.now() + seconds * 1000;
  return new Promise((resolve) => {
    const check = () => {
      if (stage.latencies.length >= expected || performance.now() >= deadline) {
        resolve();
      } else {
        setTimeout(check, 10);
      }
    };
    check();
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) {
    return null;
  }
  const index = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
}

function cpuSeconds(since) {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function runStage(config, chats, stage, handshake) {
  current = stage;
  if (handshake) {
    emit({ stage: 'start', rate: stage.rate });
    const answer = await nextLine();
    if (answer !== 'go') {
      current = null;
      return false;
    }
  }
  const cpu = process.cpuUsage();
  const window = await send(chats, stage);
  const clientCpuSeconds = cpuSeconds(cpu);
  const expected = stage.sent * config.subscribers;
  const drained = drain(stage, expected, config.drainSeconds);
  if (handshake) {
    emit({ stage: 'end', rate: stage.rate, sent: stage.sent, clientCpuSeconds });
    if ((await nextLine()) !== 'go') {
      current = null;
      return false;
    }
  }
  await drained;
  current = null;
  const sorted = Float64Array.from(stage.latencies).sort();
  const deliveredSeconds = (Math.max(stage.lastArrival, window.start) - window.start) / 1000;
  emit({
    stage: handshake ? 'result' : 'warmup',
    rate: stage.rate,
    seconds: window.seconds,
    sent: stage.sent,
    sentPerSecond: stage.sent / window.seconds,
    expected,
    delivered: sorted.length,
    // Messages (not deliveries) per second, from the window's start to the last frame that came in time.
    deliveredPerSecond: deliveredSeconds > 0 ? sorted.length / config.subscribers / deliveredSeconds : 0,
    errors: stage.errors,
    unexpectedCloses,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    clientCpuSeconds,
  });
  return true;
}

async function main() {
  const text = process.argv[2] ?? (await nextLine());
  const config = { senders: 1, drainSeconds: 5, deflate: true, ...JSON.parse(text) };
  const { chats, sessions } = await open(config);
  emit({ stage: 'ready', conversations: chats.length, sessions: sessions.length });
  let index = 0;
  if (config.warmup && config.warmup.seconds > 0) {
    await runStage(config, chats, new Stage(index++, config.warmup.rate, config.warmup.seconds), false);
  }
  for (const { rate, seconds } of config.stages) {
    if (!(await runStage(config, chats, new Stage(index++, rate, seconds), true))) {
      break;
    }
  }
  closing = true;
  await Promise.all(sessions.map((client) => client.deactivate()));
  emit({ stage: 'done' });
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
