// Unit tests for the STOMP client inside the widget: node --test src/test/js/
'use strict';
const { test, beforeEach, afterEach, mock } = require('node:test');
const assert = require('node:assert/strict');
const { encodeFrame, FrameParser, StompSession } = require('../../main/resources/web/s.js');

const frame = (command, headers, body = '') => ({ command, headers, body });
const parseAll = (...chunks) => {
  const parser = new FrameParser();
  return chunks.flatMap((chunk) => parser.push(chunk).map((f) => ({ ...f, headers: { ...f.headers } })));
};

test('connect_frame_is_exactly_what_the_server_expects', () => {
  const connect = encodeFrame('CONNECT', {
    'accept-version': '1.2,1.1,1.0', 'heart-beat': '10000,10000', Authorization: 'Bearer a.b:c',
  });
  assert.equal(connect, 'CONNECT\naccept-version:1.2,1.1,1.0\nheart-beat:10000,10000\nAuthorization:Bearer a.b:c\n\n\0');
});

test('subscribe_frame_escapes_header_values', () => {
  assert.equal(encodeFrame('SUBSCRIBE', { id: 'sub-0', destination: '/queue/message' }),
    'SUBSCRIBE\nid:sub-0\ndestination:/queue/message\n\n\0');
  assert.equal(encodeFrame('SUBSCRIBE', { id: 'a:b\nc\\' }), 'SUBSCRIBE\nid:a\\cb\\nc\\\\\n\n\0');
});

test('a_frame_without_content_length_ends_at_the_first_nul', () => {
  assert.deepEqual(parseAll('MESSAGE\ndestination:/queue/message\n\n{"a":1}\0'),
    [frame('MESSAGE', { destination: '/queue/message' }, '{"a":1}')]);
});

test('several_frames_and_heart_beats_in_one_websocket_message_are_all_parsed', () => {
  const frames = parseAll('\n\nCONNECTED\nversion:1.2\nheart-beat:10000,10000\n\n\0\nRECEIPT\nreceipt-id:subscribed\n\n\0\r\n\n');
  assert.deepEqual(frames, [
    frame('CONNECTED', { version: '1.2', 'heart-beat': '10000,10000' }),
    frame('RECEIPT', { 'receipt-id': 'subscribed' }),
  ]);
});

test('heart_beats_alone_produce_no_frames', () => {
  assert.deepEqual(parseAll('\n', '\r\n', '\n\n'), []);
});

test('a_frame_split_anywhere_across_websocket_messages_is_reassembled', () => {
  const body = '{"x":"\u00e9t\u00e9"}';
  const text = `MESSAGE\nsubscription:sub-0\ncontent-length:${Buffer.byteLength(body)}\n\n${body}\0\nMESSAGE\n\nsecond\0`;
  for (let cut = 0; cut <= text.length; cut++) {
    const frames = parseAll(text.slice(0, cut), text.slice(cut));
    assert.deepEqual(frames.map((f) => f.body), [body, 'second'], `cut at ${cut}`);
  }
});

test('content_length_counts_utf8_bytes_and_allows_nul_in_the_body', () => {
  const body = 'h\u00e9\0\u{1F6B2}!';
  const bytes = Buffer.byteLength(body, 'utf8');
  assert.notEqual(bytes, body.length);
  const frames = parseAll(`MESSAGE\ncontent-length:${bytes}\n\n${body}\0MESSAGE\n\nnext\0`);
  assert.deepEqual(frames.map((f) => f.body), [body, 'next']);
});

test('binary_websocket_messages_are_parsed_like_text', () => {
  const bytes = new TextEncoder().encode('MESSAGE\ncontent-type:application/json\n\n{"\u00fc":1}\0');
  assert.deepEqual(parseAll(bytes.buffer), [frame('MESSAGE', { 'content-type': 'application/json' }, '{"\u00fc":1}')]);
});

test('crlf_line_endings_are_accepted', () => {
  assert.deepEqual(parseAll('ERROR\r\nmessage:401 expired\r\n\r\nbad\0'), [frame('ERROR', { message: '401 expired' }, 'bad')]);
});

test('header_escapes_are_decoded_and_the_first_repeated_header_wins', () => {
  assert.deepEqual(parseAll('MESSAGE\nmessage-id:a\\cb\\nc\\\\d\nfoo:1\nfoo:2\n\n\0'),
    [frame('MESSAGE', { 'message-id': 'a:b\nc\\d', foo: '1' })]);
  assert.deepEqual(parseAll('CONNECTED\nserver:x\\cy\n\n\0'), [frame('CONNECTED', { server: 'x\\cy' })]);
});

test('header_names_like_object_prototype_keys_are_plain_headers', () => {
  assert.deepEqual(parseAll('MESSAGE\nconstructor:x\n\n\0')[0].headers, { constructor: 'x' });
});

test('malformed_frames_throw', () => {
  assert.throws(() => parseAll('MESSAGE\ncontent-length:abc\n\nx\0'), /content-length/);
  assert.throws(() => parseAll('MESSAGE\ncontent-length:1\n\nxy\0'), /NUL/);
  assert.throws(() => parseAll('MESSAGE\nno colon here\n\n\0'), /header/);
});

// ------------------------------------------------------------ StompSession with a fake socket

class FakeSocket {
  static all = [];
  constructor(url, protocols) {
    Object.assign(this, { url, protocols, sent: [], closed: false });
    FakeSocket.all.push(this);
  }
  send(text) { this.sent.push(text); }
  close() { this.closed = true; }
  open() { this.onopen?.(); }
  receive(text) { this.onmessage?.({ data: text }); }
  serverClose() { this.onclose?.(); }
}
const latest = () => FakeSocket.all[FakeSocket.all.length - 1];
const flush = () => new Promise((resolve) => setImmediate(resolve));

function newSession(overrides = {}) {
  const events = { messages: [], states: [], ready: 0, errors: [] };
  let tokens = 0;
  const session = new StompSession({
    url: 'ws://example.test/ws.chatplugin',
    destinations: ['/queue/message', '/queue/unread-count'],
    getToken: async () => `token-${++tokens}`,
    onMessage: (destination, body) => events.messages.push({ destination, body }),
    onReady: () => events.ready++,
    onState: (state) => events.states.push(state),
    onError: (error) => events.errors.push(error.message),
    WebSocket: FakeSocket,
    ...overrides,
  });
  return { session, events };
}

async function connectAndSubscribe(session, heartBeat = '10000,10000') {
  if (session.stopped) session.start();
  await flush();
  const ws = latest();
  ws.open();
  ws.receive(`CONNECTED\nversion:1.2\nheart-beat:${heartBeat}\n\n\0`);
  ws.receive('RECEIPT\nreceipt-id:subscribed\n\n\0');
  return ws;
}

beforeEach(() => {
  FakeSocket.all = [];
  mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'] });
  mock.method(Math, 'random', () => 1); // the longest jitter, to make delays exact
});
afterEach(() => {
  mock.timers.reset();
  mock.restoreAll();
});

test('session_connects_with_the_token_subscribes_and_is_ready_after_the_receipt', async () => {
  const { session, events } = newSession();
  session.start();
  await flush();
  const ws = latest();
  assert.deepEqual(ws.protocols, ['v12.stomp', 'v11.stomp', 'v10.stomp']);
  ws.open();
  assert.equal(ws.sent[0], 'CONNECT\naccept-version:1.2,1.1,1.0\nheart-beat:10000,10000\nAuthorization:Bearer token-1\n\n\0');
  ws.receive('CONNECTED\nversion:1.2\nheart-beat:10000,10000\n\n\0');
  assert.deepEqual(ws.sent.slice(1), [
    'SUBSCRIBE\nid:sub-0\ndestination:/queue/message\n\n\0',
    'SUBSCRIBE\nid:sub-1\ndestination:/queue/unread-count\nreceipt:subscribed\n\n\0',
  ]);
  assert.equal(events.ready, 0);
  ws.receive('RECEIPT\nreceipt-id:subscribed\n\n\0');
  assert.equal(events.ready, 1);
  assert.deepEqual(events.states, ['connecting', 'connected']);
  session.stop();
});

test('messages_are_delivered_by_subscription_with_parsed_json', async () => {
  const { session, events } = newSession();
  const ws = await connectAndSubscribe(session);
  ws.receive('MESSAGE\nsubscription:sub-1\ndestination:/user/queue/unread-count\ncontent-length:2\n\n{}\0'
    + 'MESSAGE\ndestination:/user/queue/message\n\n{"message":{"id":"m1"}}\0');
  assert.deepEqual(events.messages, [
    { destination: '/queue/unread-count', body: {} },
    { destination: '/queue/message', body: { message: { id: 'm1' } } },
  ]);
  session.stop();
});

test('heart_beats_are_sent_at_the_negotiated_interval', async () => {
  const { session } = newSession();
  const ws = await connectAndSubscribe(session, '0,20000');
  const sent = ws.sent.length;
  mock.timers.tick(19999);
  assert.equal(ws.sent.length, sent);
  mock.timers.tick(1);
  assert.equal(ws.sent[sent], '\n');
  session.stop();
});

test('a_silent_server_is_treated_as_dead_and_the_session_reconnects', async () => {
  const { session, events } = newSession();
  const ws = await connectAndSubscribe(session, '10000,10000');
  mock.timers.tick(20000);
  ws.receive('\n'); // a heart-beat keeps it alive
  mock.timers.tick(20000);
  assert.equal(ws.closed, false);
  mock.timers.tick(10000); // 30 s of silence > 2.5 x 10 s
  assert.equal(ws.closed, true);
  assert.equal(events.states.at(-1), 'reconnecting');
  mock.timers.tick(1000);
  await flush();
  assert.equal(FakeSocket.all.length, 2);
  latest().open();
  assert.match(latest().sent[0], /Authorization:Bearer token-2/);
  session.stop();
});

test('reconnects_back_off_exponentially_up_to_thirty_seconds_and_reset_after_success', async () => {
  const { session } = newSession();
  session.start();
  await flush();
  const delays = [];
  for (let i = 0; i < 7; i++) {
    latest().serverClose();
    const before = FakeSocket.all.length;
    let waited = 0;
    while (FakeSocket.all.length === before) {
      mock.timers.tick(500);
      waited += 500;
      await flush();
    }
    delays.push(waited);
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  await connectAndSubscribe(session);
  latest().serverClose();
  mock.timers.tick(1000);
  await flush();
  assert.equal(FakeSocket.all.length, 9);
  session.stop();
});

test('an_error_frame_is_reported_and_the_session_reconnects', async () => {
  const { session, events } = newSession();
  const ws = await connectAndSubscribe(session);
  ws.receive('ERROR\nmessage:401 token expired\n\n\0');
  assert.deepEqual(events.errors, ['401 token expired']);
  assert.equal(ws.closed, true);
  assert.equal(events.states.at(-1), 'reconnecting');
  session.stop();
});

test('a_failing_token_lookup_is_reported_and_retried', async () => {
  let calls = 0;
  const { session, events } = newSession({
    getToken: async () => {
      calls++;
      if (calls === 1) throw new Error('network down');
      return 'ok';
    },
  });
  session.start();
  await flush();
  assert.deepEqual(events.errors, ['network down']);
  assert.equal(FakeSocket.all.length, 0);
  mock.timers.tick(1000);
  await flush();
  assert.equal(FakeSocket.all.length, 1);
  session.stop();
});

test('an_unparseable_stream_drops_the_connection', async () => {
  const { session } = newSession();
  const ws = await connectAndSubscribe(session);
  ws.receive('MESSAGE\ncontent-length:x\n\n\0');
  assert.equal(ws.closed, true);
  session.stop();
});

test('stop_closes_the_socket_and_never_reconnects', async () => {
  const { session, events } = newSession();
  const ws = await connectAndSubscribe(session);
  session.stop();
  assert.equal(ws.closed, true);
  mock.timers.tick(60000);
  await flush();
  assert.equal(FakeSocket.all.length, 1);
  assert.equal(events.states.at(-1), 'idle');
});
