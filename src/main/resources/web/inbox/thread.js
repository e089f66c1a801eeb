// The open conversation: its header (contact, state, assignee), the visitor panel, the messages
// and sending a reply. Messages are keyed by id, so socket and HTTP never double up.
import { $, T, api, button, element, formatTime, on, operators, report, session, visitor } from './core.js';
import { conversations, put, refresh, view } from './list.js';
import * as composer from './composer.js';

let messages = new Map(); // id -> message of the open conversation
let arrival = 0, localCount = 0, contactReadAt = 0, typingTimer;
const readTimers = new Map();
const rendered = new Map(); // id -> {el, key}

export const openId = () => view.openId;

export async function open(id) {
  if (view.openId !== id) {
    view.openId = id;
    messages = new Map();
    setTyping(null);
    composer.reset();
  }
  const c = conversations.get(id);
  if (!c) refresh(id); // opened from a notification, outside the filtered list: its header follows
  contactReadAt = Date.parse(c?.contact_last_read_at) || 0;
  showHead(c);
  $('#reply-input').focus();
  markRead(id);
  await loadMessages(id).catch(report);
}

export function close() {
  view.openId = null;
  messages = new Map();
  showHead(null);
}

// ------------------------------------------------------------------ header and side panel
function showHead(c) {
  const shown = Boolean(view.openId);
  $('#no-selection').hidden = shown;
  for (const s of ['#conversation-head', '#messages', '#reply-form', '#details']) $(s).hidden = !shown;
  if (!c) return renderMessages(true);
  $('#conversation-title').textContent = `${visitor(c)} \u00b7 ${c.channel?.name || 'Chat plugin'}`;
  const state = c.state || 'OPEN';
  $('#conversation-state').textContent = T.states[state] + (state === 'SNOOZED' && c.snoozed_until ? ` until ${formatTime(c.snoozed_until)}` : '');
  $('#conversation-state').dataset.state = state;
  $('#state-close').hidden = state === 'CLOSED';
  $('#state-reopen').hidden = state === 'OPEN';
  $('#assignee-label').textContent = c.assignee ? T.assignedTo(c.assignee.name) : T.unassigned;
  $('#assign-me').hidden = c.assignee?.id === session.me?.id;
  $('#unassign').hidden = !c.assignee;
  fillAssignees(c);
  showDetails(c);
  return renderMessages(true);
}

export function fillAssignees(c = conversations.get(view.openId)) {
  const select = $('#assign-select');
  const options = [Object.assign(element('option', null, 'Assign to\u2026'), { value: '' })];
  for (const o of operators.values()) {
    if (o.role === 'bot' || o.disabled) continue;
    const option = element('option', null, `${o.name}${o.online ? ' (online)' : ''}`);
    option.value = o.id;
    option.selected = c?.assignee?.id === o.id;
    options.push(option);
  }
  select.replaceChildren(...options);
}

// A short browser name from the user agent: what an operator wants to know, not the whole string.
function browserName(ua = '') {
  const found = [['Edg/', 'Edge'], ['OPR/', 'Opera'], ['Firefox/', 'Firefox'], ['Chrome/', 'Chrome'], ['Safari/', 'Safari']]
    .find(([marker]) => ua.includes(marker));
  const os = [['Android', 'Android'], ['iPhone', 'iOS'], ['Windows', 'Windows'], ['Mac OS', 'macOS'], ['Linux', 'Linux']]
    .find(([marker]) => ua.includes(marker));
  return [found?.[1], os?.[1]].filter(Boolean).join(' on ') || ua;
}

function details(target, rows) {
  const items = [];
  for (const [label, value, link] of rows) {
    if (value === undefined || value === null || value === '') continue;
    const dd = element('dd', null, link ? null : String(value));
    if (link) {
      let url = null;
      try { url = new URL(value); } catch (e) { /* shown as text */ }
      if (url && /^https?:$/.test(url.protocol)) dd.append(Object.assign(element('a', null, String(value)), { href: url.href, target: '_blank', rel: 'noopener noreferrer' }));
      else dd.textContent = String(value);
    }
    items.push(element('dt', null, label), dd);
  }
  $(target).replaceChildren(...items);
}

function showDetails(c) {
  const contact = c.contact || {};
  const attributes = Object.entries(contact.attributes || {}).map(([k, v]) => [k, String(v)]);
  details('#contact-details', [['Name', contact.display_name], ['Email', contact.email], ...attributes,
    ['Visitor id', contact.id]]);
  const ctx = c.context || {};
  details('#context-details', [['Page', ctx.page_url, true], ['Referrer', ctx.referrer, true], ['Locale', ctx.locale],
    ['Time zone', ctx.time_zone], ['Browser', ctx.user_agent && browserName(ctx.user_agent)], ['First seen', formatTime(c.created_at)]]);
}

function change(path, body) {
  return api(path, { conversation_id: view.openId, ...body }).then(put, report);
}

/** Tomorrow 09:00 in the operator's own time zone. */
function tomorrowNine() {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d;
}

// ------------------------------------------------------------------ messages
async function loadMessages(id) {
  let cursor;
  for (let pages = 0; pages < 50; pages++) {
    const page = await api('/messages.list', { conversation_id: id, cursor, page_size: 100 });
    if (id !== view.openId) return;
    (page.data || []).forEach((m) => upsert(m));
    renderMessages();
    cursor = page.response_metadata?.next_cursor;
    if (!cursor) break;
  }
}

export function markRead(id) {
  clearTimeout(readTimers.get(id));
  readTimers.set(id, setTimeout(() => {
    readTimers.delete(id);
    api('/conversations.read', { conversation_id: id }).then(() => {
      const c = conversations.get(id);
      if (c) put({ ...c, unread_message_count: 0 });
    }, report);
  }, 100));
}

function upsert(message, settlesPending = true) {
  const old = messages.get(message.id);
  if (!old && settlesPending && message.alignment === 'RIGHT') {
    // Our own reply can come over the socket before its HTTP response: it settles the pending copy.
    const twin = [...messages.values()].find((m) => m.local && m.state === 'PENDING'
      && (m.client_message_id ? m.client_message_id === message.client_message_id : m.content === message.content));
    if (twin) messages.delete(twin.id);
  }
  messages.set(message.id, { ...old, ...message, seq: old ? old.seq : arrival++ });
}

export function onMessage({ conversation_id: id, message } = {}) {
  if (id !== view.openId) return;
  upsert(message);
  if (message.alignment === 'LEFT') {
    setTyping(null); // a message from the visitor ends their typing
    markRead(id);
  }
  renderMessages();
}

export function onConversation(c) {
  if (c.id !== view.openId) return;
  contactReadAt = Math.max(contactReadAt, Date.parse(c.contact_last_read_at) || 0);
  showHead(c);
}

export function onRead({ conversation_id: id, reader, read_at: at } = {}) {
  if (id !== view.openId || reader !== 'contact') return;
  contactReadAt = Math.max(contactReadAt, Date.parse(at) || 0);
  renderMessages();
}

/** Shows "Visitor is typing…" until expires_at (at most 10 s, so a wrong clock cannot pin it). */
export function setTyping(event) {
  clearTimeout(typingTimer);
  const shown = Boolean(event && event.conversation_id === view.openId);
  $('#typing').hidden = !shown;
  $('#typing').textContent = shown ? T.typing : '';
  if (!shown) return;
  const left = Math.min(10000, Math.max(1000, (Date.parse(event.expires_at) || 0) - Date.now()));
  typingTimer = setTimeout(() => setTyping(null), left);
}

export async function sendReply(message, localId = `local-${++localCount}`) {
  const id = view.openId;
  const clientId = messages.get(localId)?.client_message_id || `inbox-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const seq = messages.get(localId)?.seq ?? arrival++;
  const content = message.text || message.attachment?.payload?.name || '';
  messages.set(localId, { id: localId, content, state: 'PENDING', alignment: 'RIGHT', local: true, seq, draft: message,
    client_message_id: clientId, quick_replies: message.quick_replies, attachment: message.attachment });
  renderMessages(true);
  try {
    const sent = await api('/messages.send', { conversation_id: id, message, client_message_id: clientId });
    const c = conversations.get(id);
    if (c) c.last_message = sent;
    if (id !== view.openId) return;
    messages.delete(localId);
    upsert(sent, false);
  } catch (error) {
    const pending = messages.get(localId);
    if (pending) pending.state = 'FAILED';
    report(error);
  }
  renderMessages();
}

function senderLabel(m) {
  if (m.alignment !== 'RIGHT' || m.local) return '';
  const name = m.sender?.name || operators.get(m.sender?.id)?.name;
  return name ? `${name}${m.sender?.type === 'bot' ? ' (bot)' : ''} \u00b7 ` : '';
}

function attachmentElement(a) {
  const url = a?.payload?.url;
  let href = null;
  try { href = new URL(url, location.href); } catch (e) { return null; }
  if (!/^https?:$/.test(href.protocol)) return null;
  const link = Object.assign(element('a', 'attachment'), { href: href.href, target: '_blank', rel: 'noopener noreferrer' });
  if (a.type === 'image') link.append(Object.assign(element('img'), { src: href.href, alt: a.payload.name || 'image' }));
  else link.textContent = `\ud83d\udcc4 ${a.payload.name || 'file'}${a.payload.size ? ` (${Math.ceil(a.payload.size / 1024)} KB)` : ''}`;
  return link;
}

function messageElement(m) {
  const side = { RIGHT: 'right', CENTER: 'center' }[m.alignment] || 'left';
  const el = element('div', `message ${side}`);
  el.dataset.id = m.id;
  el.dataset.state = m.state || 'DELIVERED';
  const bubble = element('div', 'bubble');
  const text = m.attachment && !m.text && m.content === m.attachment?.payload?.name ? '' : String(m.content ?? '');
  if (text) appendLinkified(bubble, text);
  const attachment = m.attachment && attachmentElement(m.attachment);
  if (attachment) bubble.append(attachment);
  el.append(bubble);
  if (m.quick_replies?.length) {
    const row = element('div', 'quick-replies');
    row.setAttribute('aria-label', 'Quick replies offered');
    m.quick_replies.forEach((q) => row.append(element('span', null, q.title)));
    el.append(row);
  }
  if (m.postback?.payload) el.append(element('div', 'postback', `Button pressed: ${m.postback.payload}`));
  const meta = element('div', 'meta');
  if (m.local && m.state === 'PENDING') meta.textContent = 'Sending\u2026';
  else if (m.local) meta.append('Not sent. ', Object.assign(button('Retry', () => sendReply(m.draft, m.id)), { className: 'retry' }));
  else {
    const seen = side === 'right' && contactReadAt && Date.parse(m.sent_at) <= contactReadAt;
    meta.textContent = `${senderLabel(m)}${formatTime(m.sent_at)}${seen ? ` \u00b7 ${T.seen}` : ''}`;
    if (seen) el.dataset.seen = 'true';
  }
  el.append(meta);
  return el;
}

// http(s) URLs become links built from parsed URLs; everything else stays a text node.
function appendLinkified(parent, text) {
  let last = 0;
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"]+/gi)) {
    const raw = match[0].replace(/[.,;:!?)\]}'"]+$/, '');
    let url = null;
    try { url = new URL(raw); } catch (e) { continue; }
    parent.append(text.slice(last, match.index),
      Object.assign(element('a', null, raw), { href: url.href, rel: 'noopener noreferrer', target: '_blank' }));
    last = match.index + raw.length;
  }
  parent.append(text.slice(last));
}

const sentAt = (m) => (m.sent_at ? Date.parse(m.sent_at) : Infinity);

// Moves only nodes that are out of place, so the live region announces new messages, not all.
export function renderMessages(scroll = false) {
  const list = $('#messages');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
  for (const [id, r] of rendered) if (!messages.has(id)) { r.el.remove(); rendered.delete(id); }
  let previous = null;
  for (const m of [...messages.values()].sort((a, b) => (sentAt(a) - sentAt(b)) || (a.seq - b.seq))) {
    const seen = m.alignment === 'RIGHT' && contactReadAt && Date.parse(m.sent_at) <= contactReadAt;
    const key = `${m.state}|${m.content}|${m.sent_at}|${seen}|${m.sender?.name}`;
    let r = rendered.get(m.id);
    if (!r || r.key !== key) {
      const el = messageElement(m);
      r?.el.replaceWith(el);
      rendered.set(m.id, (r = { el, key }));
    }
    const expected = previous ? previous.nextSibling : list.firstChild;
    if (r.el !== expected) list.insertBefore(r.el, expected);
    previous = r.el;
  }
  if (scroll || nearBottom) list.scrollTop = list.scrollHeight;
}

export function setup() {
  $('#state-close').addEventListener('click', () => change('/conversations.set-state', { state: 'CLOSED' }));
  $('#state-reopen').addEventListener('click', () => change('/conversations.set-state', { state: 'OPEN' }));
  $('#state-snooze-hour').addEventListener('click', () => change('/conversations.set-state',
    { state: 'SNOOZED', snoozed_until: new Date(Date.now() + 3600000).toISOString() }));
  $('#state-snooze-tomorrow').addEventListener('click', () => change('/conversations.set-state',
    { state: 'SNOOZED', snoozed_until: tomorrowNine().toISOString() }));
  $('#assign-me').addEventListener('click', () => change('/conversations.assign', { assignee_id: session.me.id }));
  $('#unassign').addEventListener('click', () => change('/conversations.assign', { assignee_id: null }));
  $('#assign-select').addEventListener('change', (event) => {
    if (event.target.value) change('/conversations.assign', { assignee_id: event.target.value });
  });
  on('stopped', close);
  composer.setup((message) => sendReply(message));
}
