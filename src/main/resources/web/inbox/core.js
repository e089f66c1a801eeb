// What every part of the inbox shares: the signed-in session, the API client, small DOM helpers
// and the one table of strings. Text from the wire always goes in with textContent.
export const T = {
  unreachable: 'Parley is not reachable right now. The inbox keeps trying and catches up once it is back.',
  refused: 'Your session has ended (401). Sign in again.',
  wrongLogin: 'That email and password do not match an active account.',
  status: { connecting: 'connecting\u2026', reconnecting: 'Connection lost, reconnecting\u2026',
    offline: 'You are offline, reconnecting\u2026', connected: 'live', idle: '' },
  states: { OPEN: 'Open', SNOOZED: 'Snoozed', CLOSED: 'Closed' },
  unassigned: 'Unassigned',
  assignedTo: (name) => `Assigned to ${name}`,
  typing: 'Visitor is typing\u2026',
  seen: 'Seen',
  online: 'Online', away: 'Away',
  newMessage: (who) => `New message from ${who}`,
};

// The session token lives in sessionStorage: one tab, one operator (two people may share a
// computer, each in a tab), gone when the tab closes; the server ends it after 12 hours or on
// "Sign out". See docs/widget.md, "The inbox".
const TOKEN_KEY = 'parley:session';
export const session = { token: null, me: null };

export function keepToken(token) {
  session.token = token;
  try { if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* kept until reload */ }
}

export function savedToken() {
  try { return sessionStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
}

export const $ = (selector, root = document) => root.querySelector(selector);

export function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined && text !== null) el.textContent = text;
  return el;
}

export function button(text, onClick, attrs = {}) {
  const b = element('button', attrs.className, text);
  b.type = 'button';
  for (const [k, v] of Object.entries(attrs)) if (k !== 'className') b.setAttribute(k, v);
  b.addEventListener('click', onClick);
  return b;
}

/** POST with the session token (or another token, for the first-run path); errors carry status. */
export async function api(path, body = {}, token = session.token) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  }).catch(() => { throw Object.assign(new Error(T.unreachable), { unreachable: true }); });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(data.message || `HTTP ${response.status}`), { status: response.status });
  return data;
}

// A tiny event bus between the parts: 'signed-out', 'conversation', 'operators', 'canned'.
const listeners = new Map();
export function on(name, fn) { (listeners.get(name) || listeners.set(name, []).get(name)).push(fn); }
export function emit(name, ...args) { (listeners.get(name) || []).forEach((fn) => fn(...args)); }

let errorTimer;
/** Failures end here: a refused session sends the operator back to sign in. */
export function report(error) {
  if (error?.status === 401) return emit('signed-out', T.refused);
  const banner = $('#error');
  banner.textContent = error.message;
  banner.hidden = false;
  banner.dataset.unreachable = String(Boolean(error.unreachable));
  clearTimeout(errorTimer);
  if (!error.unreachable) errorTimer = setTimeout(() => { banner.hidden = true; }, 8000);
  return undefined;
}

export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toDateString() === new Date().toDateString()
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString();
}

/** The visitor's name, else the email, else a short label that tells visitors apart. */
export const visitor = (c) => c?.contact?.display_name || c?.contact?.email
  || `Visitor ${String(c?.contact?.id || '').replace(/-/g, '').slice(0, 6)}`;

/** Operators by id, for assignee and sender names; filled by the list part. */
export const operators = new Map();
