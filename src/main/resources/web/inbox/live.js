// Live updates over /ws.communication (the STOMP client lent by /s.js), and telling the operator
// about a visitor's message while the tab is hidden: a short sound and a desktop notification.
import { $, T, emit, on, operators, report, session, visitor } from './core.js';
import * as list from './list.js';
import * as thread from './thread.js';
import { setTypingSink } from './composer.js';

// Everything the inbox listens to. A server that does not know one (an older version) answers
// with an ERROR naming it: it is dropped and the socket reconnects without it.
const DESTINATIONS = ['/queue/message', '/queue/unread-count', '/queue/conversation/updated',
  '/queue/operator/presence', '/queue/typing', '/queue/read'];
let stomp = null, audio = null;

function onState(state) {
  $('#connection-status').textContent = T.status[state] ?? state;
  $('#connection-status').dataset.state = state;
  if (state === 'connected' && $('#error').dataset.unreachable === 'true') $('#error').hidden = true;
}

// Whatever happened while the socket was away is in the lists: reload them once subscribed.
function catchUp() {
  list.loadConversations().then(() => {
    const id = thread.openId();
    if (!id) return null;
    if (list.conversations.get(id)?.unread_message_count > 0) thread.markRead(id);
    return thread.open(id);
  }).catch(report);
}

function onEvent(destination, body) {
  switch (destination) {
    case '/queue/message':
      if (!body?.message?.id) return;
      list.onMessage(body);
      thread.onMessage(body);
      if (body.message.alignment === 'LEFT') alert(body);
      return;
    case '/queue/unread-count':
      list.onUnreadCount(body);
      if (body.conversation_id === thread.openId() && body.unread_message_count > 0) thread.markRead(body.conversation_id);
      return;
    case '/queue/conversation/updated': list.put(body); return;
    case '/queue/operator/presence': {
      const o = operators.get(body.operator_id);
      if (o) { o.online = body.online; thread.fillAssignees(); emit('operators'); }
      return;
    }
    case '/queue/typing': thread.setTyping(body); return;
    case '/queue/read': thread.onRead(body); return;
    default:
  }
}

export function start() {
  const destinations = [...DESTINATIONS];
  stomp = new window.parleyStomp.StompSession({
    url: `${location.origin.replace(/^http/, 'ws')}/ws.communication`,
    destinations,
    getToken: async () => session.token,
    onMessage: onEvent,
    onReady: catchUp,
    onState,
    onError: (error) => {
      const unknown = /unknown destination: (\S+)/.exec(error.message);
      if (unknown && destinations.includes(unknown[1])) destinations.splice(destinations.indexOf(unknown[1]), 1);
      else if (/\b401\b/.test(error.message)) emit('signed-out', T.refused);
    },
  });
  stomp.start();
}

export function stop() {
  stomp?.stop();
  stomp = null;
}

/** Tells the visitor the operator types: a STOMP SEND, at most once a second (composer.js). */
function sendTyping(conversationId) {
  const ws = stomp?.ws;
  if (!ws || ws.readyState !== 1 || stomp.state !== 'connected') return;
  const body = JSON.stringify({ conversation_id: conversationId });
  ws.send(window.parleyStomp.encodeFrame('SEND', { destination: '/app/typing', 'content-type': 'application/json' }, body));
}

// ------------------------------------------------------------------ sound and notification
function beep() {
  if (!audio) return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.3);
  osc.connect(gain).connect(audio.destination);
  osc.start();
  osc.stop(audio.currentTime + 0.3);
}

function alert({ conversation_id: id, message }) {
  if (document.visibilityState !== 'hidden') return;
  beep();
  document.body.dataset.alerts = String(Number(document.body.dataset.alerts || 0) + 1);
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  const who = visitor(list.conversations.get(id));
  const n = new Notification(T.newMessage(who), { body: String(message.content ?? '').slice(0, 140), tag: id });
  n.onclick = () => { window.focus(); emit('open', id); n.close(); };
}

function showNotifyButton() {
  $('#notify-enable').hidden = !('Notification' in window) || Notification.permission !== 'default';
}

export function setup() {
  setTypingSink(sendTyping);
  on('stopped', stop);
  // Browsers allow sound only after a gesture: the first click anywhere prepares it.
  document.addEventListener('click', () => {
    if (!audio && window.AudioContext) audio = new AudioContext();
  }, { once: true });
  // Permission is asked on this click only, never on load.
  $('#notify-enable').addEventListener('click', async () => {
    await Notification.requestPermission().catch(() => {});
    showNotifyButton();
  });
  on('signed-in', showNotifyButton);
}
