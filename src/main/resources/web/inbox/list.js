// The conversation list: "Mine", "Unassigned", "All", a state filter and a search box. The server
// filters (conversations.list); live events keep the list current and drop what no longer matches.
import { $, api, element, emit, formatTime, report, session, visitor } from './core.js';

export const conversations = new Map(); // id -> conversation in the current list
export const view = { tab: 'all', state: 'OPEN', query: '', openId: null };
const unreadAt = new Map(); // conversation id -> timestamp of the newest unread count applied
let loadSeq = 0, searchTimer;

const activity = (c) => Date.parse(c.last_message?.sent_at || c.created_at) || 0;

function filter() {
  const f = {};
  if (view.state) f.state = [view.state];
  if (view.tab === 'mine') f.assignee_id = 'me';
  if (view.tab === 'unassigned') f.assignee_id = 'none';
  if (view.query) f.query = view.query;
  return f;
}

/** Whether a conversation belongs in the list as filtered (a search is the server's to decide). */
function matches(c) {
  if (view.state && c.state && c.state !== view.state) return false;
  if (view.tab === 'mine' && c.assignee?.id !== session.me?.id) return false;
  if (view.tab === 'unassigned' && c.assignee) return false;
  return !view.query || conversations.has(c.id);
}

export async function loadConversations() {
  const seq = ++loadSeq;
  const page = await api('/conversations.list', { filter: filter(), page_size: 100 });
  if (seq !== loadSeq) return; // a newer filter overtook this answer
  conversations.clear();
  (page.data || []).forEach((c) => conversations.set(c.id, c));
  render();
}

/** A changed conversation from the server: kept, replaced or dropped as the filter says. */
export function put(c) {
  if (matches(c)) conversations.set(c.id, { ...conversations.get(c.id), ...c });
  else conversations.delete(c.id);
  render();
  if (c.id === view.openId) emit('conversation', c);
}

export function refresh(id) {
  return api('/conversations.info', { conversation_id: id }).then(put, report);
}

export function onMessage({ conversation_id: id, message } = {}) {
  const c = conversations.get(id);
  if (!c) return refresh(id);
  if (!c.last_message || (Date.parse(message.sent_at) || 0) >= activity(c)) c.last_message = message;
  // A visitor's message reopens a closed or snoozed conversation on the server: ask for it.
  if (message.alignment === 'LEFT' && c.state && c.state !== 'OPEN') return refresh(id);
  return render();
}

export function onUnreadCount({ conversation_id: id, unread_message_count: count, timestamp } = {}) {
  const at = Date.parse(timestamp);
  if (at < unreadAt.get(id)) return undefined; // an older count overtaken by a newer one
  if (!Number.isNaN(at)) unreadAt.set(id, at);
  const c = conversations.get(id);
  if (!c) return refresh(id);
  c.unread_message_count = count;
  return render();
}

function item(c) {
  const li = element('li', c.id === view.openId ? 'conversation active' : 'conversation');
  li.dataset.id = c.id;
  const b = element('button');
  b.type = 'button';
  if (c.id === view.openId) b.setAttribute('aria-current', 'true');
  b.addEventListener('click', () => emit('open', c.id));
  const top = element('div', 'conversation-top');
  top.append(element('span', 'contact', visitor(c)),
    element('time', 'conversation-time', formatTime(c.last_message?.sent_at || c.created_at)));
  if (c.unread_message_count > 0) {
    const badge = element('span', 'unread-badge', String(c.unread_message_count));
    badge.title = `${c.unread_message_count} unread`;
    top.append(badge);
  }
  const last = c.last_message;
  const preview = element('div', 'preview', String(last?.content ?? last?.attachment?.payload?.name ?? ''));
  const meta = [c.channel?.name || 'Chat plugin'];
  if (c.assignee) meta.push(c.assignee.name);
  b.append(top, preview, element('div', 'channel-name', meta.join(' \u00b7 ')));
  li.append(b);
  return li;
}

export function render() {
  const focused = document.activeElement?.closest?.('.conversation')?.dataset.id;
  const sorted = [...conversations.values()].sort((a, b) => activity(b) - activity(a));
  $('#conversations').replaceChildren(...sorted.map(item));
  $('#no-conversations').hidden = sorted.length > 0;
  const unread = sorted.reduce((sum, c) => sum + (c.unread_message_count || 0), 0);
  document.title = unread ? `(${unread}) Parley inbox` : 'Parley inbox';
  if (focused) $(`.conversation[data-id="${CSS.escape(focused)}"] button`)?.focus(); // the list was rebuilt
}

function markTabs(tab) {
  view.tab = tab;
  for (const b of document.querySelectorAll('#list-tabs [role=tab]')) {
    b.setAttribute('aria-selected', String(b.dataset.list === tab));
    b.tabIndex = b.dataset.list === tab ? 0 : -1;
  }
}

function selectTab(tab) {
  markTabs(tab);
  loadConversations().catch(report);
}

export function setup() {
  const tabs = [...document.querySelectorAll('#list-tabs [role=tab]')];
  tabs.forEach((b, i) => {
    b.addEventListener('click', () => selectTab(b.dataset.list));
    b.addEventListener('keydown', (event) => { // arrow keys move between tabs, as ARIA tabs do
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next.focus();
      selectTab(next.dataset.list);
    });
  });
  markTabs(view.tab);
  $('#state-filter').addEventListener('change', (event) => {
    view.state = event.target.value;
    loadConversations().catch(report);
  });
  $('#search').addEventListener('input', (event) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      view.query = event.target.value.trim().slice(0, 200);
      loadConversations().catch(report);
    }, 250);
  });
}
