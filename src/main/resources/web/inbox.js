// Parley operator inbox: a plain script, no build step. It borrows the STOMP client of /s.js
// (window.parleyStomp) and puts every text that came over the wire in place with textContent.
(() => {
  'use strict';
  const TOKEN_KEY = 'parley:api-token';
  const STATUS_TEXT = { connecting: 'connecting\u2026', reconnecting: 'Connection lost, reconnecting\u2026',
    offline: 'You are offline, reconnecting\u2026', connected: 'live', idle: '' };
  const UNREACHABLE = 'Parley is not reachable right now. The inbox keeps trying and catches up once it is back.';
  const $ = (selector) => document.querySelector(selector);

  const conversations = new Map(); // id -> conversation
  const unreadAt = new Map(); // conversation id -> timestamp of the newest unread count applied
  const readTimers = new Map();
  let messages = new Map(); // id -> message of the open conversation, so socket and HTTP never double up
  let openId = null, apiToken = null, session = null, arrival = 0, localCount = 0, errorTimer;

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  async function api(path, body = {}) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiToken}` },
      body: JSON.stringify(body),
    }).catch(() => { throw Object.assign(new Error(UNREACHABLE), { unreachable: true }); }); // not "Failed to fetch"
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw Object.assign(new Error(data.message || `HTTP ${response.status}`), { status: response.status });
    return data;
  }

  // Failures end here: a refused token sends the operator back to the sign-in form. While Parley
  // is unreachable the banner stays until the socket is live again (then it is true no more).
  function report(error) {
    if (error.status === 401) return signOut('The API token was refused (401).');
    const banner = $('#error');
    banner.textContent = error.message;
    banner.hidden = false;
    banner.dataset.unreachable = String(Boolean(error.unreachable));
    clearTimeout(errorTimer);
    if (!error.unreachable || session?.state === 'connected') errorTimer = setTimeout(() => { banner.hidden = true; }, 8000);
  }

  function onState(state) {
    $('#connection-status').textContent = STATUS_TEXT[state] ?? state;
    $('#connection-status').dataset.state = state;
    if (state === 'connected' && $('#error').dataset.unreachable === 'true') $('#error').hidden = true;
  }

  // ------------------------------------------------------------------ signing in and out
  async function signIn(token) {
    apiToken = token;
    try {
      await loadConversations();
    } catch (error) {
      apiToken = null;
      showLogin(error.status === 401 ? 'That token was refused.'
        : error.unreachable ? 'Parley is not reachable right now; try again in a moment.' : `Could not load conversations: ${error.message}`);
      return;
    }
    try { sessionStorage.setItem(TOKEN_KEY, token); } catch (e) { /* then it lasts until a reload */ }
    $('#login').hidden = true;
    $('#inbox').hidden = false;
    $('#token-forget').hidden = false;
    session = new window.parleyStomp.StompSession({
      url: `${location.origin.replace(/^http/, 'ws')}/ws.communication`,
      destinations: ['/queue/message', '/queue/unread-count'],
      getToken: async () => apiToken,
      onMessage: (destination, body) => (destination === '/queue/message' ? onMessage(body) : onUnreadCount(body)),
      onReady: catchUp,
      onState,
      onError: (error) => { if (/\b401\b/.test(error.message)) signOut('The API token was refused (401).'); },
    });
    session.start();
  }

  function signOut(reason) {
    session?.stop();
    session = apiToken = openId = null;
    try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing was kept */ }
    conversations.clear();
    messages = new Map();
    renderConversations();
    showConversation();
    showLogin(reason);
  }

  function showLogin(reason) {
    $('#login').hidden = false;
    $('#inbox').hidden = true;
    $('#token-forget').hidden = true;
    $('#connection-status').textContent = '';
    $('#token-error').textContent = reason || '';
    $('#token-input').value = '';
    $('#token-input').focus();
  }

  // Whatever happened while the socket was away is in the lists: reload them once subscribed. The
  // open conversation is on screen, so what it missed is read, as it would have been live.
  function catchUp() {
    loadConversations().then(() => {
      if (!openId) return null;
      if (conversations.get(openId)?.unread_message_count > 0) markRead(openId);
      return loadMessages(openId);
    }).catch(report);
  }

  // ------------------------------------------------------------------ conversations
  const activity = (c) => Date.parse(c.last_message?.sent_at || c.created_at) || 0;

  async function loadConversations() {
    const page = await api('/conversations.list', { page_size: 100 });
    conversations.clear();
    (page.data || []).forEach((c) => conversations.set(c.id, c));
    renderConversations();
  }

  function refreshConversation(id) {
    api('/conversations.info', { conversation_id: id }).then((c) => {
      conversations.set(c.id, c);
      renderConversations();
    }, report);
  }

  function formatTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    return date.toDateString() === new Date().toDateString()
      ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      : date.toLocaleDateString();
  }

  // The contact's name when the API has one, else a short label that tells visitors apart.
  const visitor = (c) => c?.contact?.display_name || `Visitor ${String(c?.contact?.id || '').replace(/-/g, '').slice(0, 6)}`;

  function conversationItem(c) {
    const item = element('li', c.id === openId ? 'conversation active' : 'conversation');
    item.dataset.id = c.id;
    const button = element('button');
    button.type = 'button';
    if (c.id === openId) button.setAttribute('aria-current', 'true');
    button.addEventListener('click', () => openConversation(c.id));
    const top = element('div', 'conversation-top');
    top.append(element('span', 'contact', visitor(c)));
    top.append(element('time', 'conversation-time', formatTime(c.last_message?.sent_at || c.created_at)));
    if (c.unread_message_count > 0) {
      const badge = element('span', 'unread-badge', String(c.unread_message_count));
      badge.title = `${c.unread_message_count} unread`;
      top.append(badge);
    }
    const preview = element('div', 'preview', String(c.last_message?.content ?? ''));
    button.append(top, preview, element('div', 'channel-name', c.channel?.name || 'Chat plugin'));
    item.append(button);
    return item;
  }

  function renderConversations() {
    const focused = document.activeElement?.closest?.('.conversation')?.dataset.id;
    const sorted = [...conversations.values()].sort((a, b) => activity(b) - activity(a));
    $('#conversations').replaceChildren(...sorted.map(conversationItem));
    $('#no-conversations').hidden = sorted.length > 0;
    const unread = sorted.reduce((sum, c) => sum + (c.unread_message_count || 0), 0);
    document.title = unread ? `(${unread}) Parley inbox` : 'Parley inbox';
    if (focused) $(`.conversation[data-id="${CSS.escape(focused)}"] button`)?.focus(); // the list was rebuilt
  }

  // One read per burst: a new message and its unread-count event usually arrive together.
  function markRead(id) {
    clearTimeout(readTimers.get(id));
    readTimers.set(id, setTimeout(() => {
      readTimers.delete(id);
      api('/conversations.read', { conversation_id: id }).then(() => {
        const c = conversations.get(id);
        if (c) c.unread_message_count = 0;
        renderConversations();
      }, report);
    }, 100));
  }

  function onMessage({ conversation_id: id, message } = {}) {
    if (!id || !message?.id) return;
    const c = conversations.get(id);
    if (!c) refreshConversation(id);
    else if (!c.last_message || activity({ last_message: message }) >= activity(c)) c.last_message = message;
    if (id === openId) {
      upsert(message);
      renderMessages();
      if (message.alignment === 'LEFT') markRead(id);
    }
    renderConversations();
  }

  function onUnreadCount({ conversation_id: id, unread_message_count: count, timestamp } = {}) {
    if (!id) return;
    const at = Date.parse(timestamp);
    if (at < unreadAt.get(id)) return; // an older count overtaken by a newer one
    if (!Number.isNaN(at)) unreadAt.set(id, at);
    const c = conversations.get(id);
    if (!c) return refreshConversation(id);
    c.unread_message_count = count;
    renderConversations();
    if (id === openId && count > 0) markRead(id);
  }

  // ------------------------------------------------------------------ the open conversation
  async function openConversation(id) {
    if (openId !== id) {
      openId = id;
      messages = new Map();
    }
    renderConversations();
    showConversation();
    $('#reply-input').focus();
    markRead(id);
    await loadMessages(id).catch(report);
  }

  function showConversation() {
    const c = conversations.get(openId);
    $('#no-selection').hidden = Boolean(openId);
    for (const selector of ['#conversation-title', '#messages', '#reply-form']) $(selector).hidden = !openId;
    $('#conversation-title').textContent = c ? `${visitor(c)} \u00b7 ${c.channel?.name || 'Chat plugin'}` : '';
    renderMessages(true);
  }

  // Follows next_cursor to the end, so every page is merged whichever way the server pages.
  async function loadMessages(id) {
    let cursor;
    for (let pages = 0; pages < 50; pages++) {
      const page = await api('/messages.list', { conversation_id: id, cursor, page_size: 100 });
      if (id !== openId) return;
      (page.data || []).forEach((m) => upsert(m));
      renderMessages();
      cursor = page.response_metadata?.next_cursor;
      if (!cursor) break;
    }
  }

  function upsert(message, settlesPending = true) {
    const old = messages.get(message.id);
    if (!old && settlesPending && message.alignment === 'RIGHT') {
      // Our own reply can come over the socket before its HTTP response: it settles the pending copy.
      const twin = [...messages.values()].find((m) => m.local && m.state === 'PENDING' && m.content === message.content);
      if (twin) messages.delete(twin.id);
    }
    messages.set(message.id, { ...old, ...message, seq: old ? old.seq : arrival++ });
  }

  async function sendReply(text, localId = `local-${++localCount}`) {
    const id = openId;
    const seq = messages.get(localId)?.seq ?? arrival++;
    messages.set(localId, { id: localId, content: text, state: 'PENDING', alignment: 'RIGHT', local: true, seq });
    renderMessages(true);
    try {
      const sent = await api('/messages.send', { conversation_id: id, message: { text } });
      const c = conversations.get(id);
      if (c) c.last_message = sent;
      renderConversations();
      if (id !== openId) return;
      messages.delete(localId);
      upsert(sent, false);
    } catch (error) {
      const pending = messages.get(localId);
      if (pending) pending.state = 'FAILED';
      report(error);
    }
    renderMessages();
  }

  function messageElement(m) {
    const side = { RIGHT: 'right', CENTER: 'center' }[m.alignment] || 'left';
    const el = element('div', `message ${side}`);
    el.dataset.id = m.id;
    el.dataset.state = m.state || 'DELIVERED';
    const meta = element('div', 'meta');
    if (m.local && m.state === 'PENDING') {
      meta.textContent = 'Sending\u2026';
    } else if (m.local) {
      const retry = Object.assign(element('button', 'retry', 'Retry'), { type: 'button', onclick: () => sendReply(m.content, m.id) });
      meta.append('Not sent. ', retry);
    } else {
      meta.textContent = formatTime(m.sent_at);
    }
    const bubble = element('div', 'bubble');
    appendLinkified(bubble, String(m.content ?? ''));
    el.append(bubble, meta);
    return el;
  }

  // http(s) URLs become links built from parsed URLs; everything else stays a text node.
  function appendLinkified(parent, text) {
    let last = 0;
    for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"]+/gi)) {
      const raw = match[0].replace(/[.,;:!?)\]}'"]+$/, ''); // sentence punctuation, not the URL
      let url = null;
      try { url = new URL(raw); } catch (e) { continue; }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      parent.append(text.slice(last, match.index),
        Object.assign(element('a', null, raw), { href: url.href, rel: 'noopener noreferrer', target: '_blank' }));
      last = match.index + raw.length;
    }
    parent.append(text.slice(last));
  }

  const rendered = new Map(); // id -> {el, key}
  const sentAt = (m) => (m.sent_at ? Date.parse(m.sent_at) : Infinity);

  // Moves only nodes that are out of place, so the live region announces new messages, not all.
  function renderMessages(scroll = false) {
    const list = $('#messages');
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
    for (const [id, r] of rendered) if (!messages.has(id)) { r.el.remove(); rendered.delete(id); }
    let previous = null;
    for (const m of [...messages.values()].sort((a, b) => (sentAt(a) - sentAt(b)) || (a.seq - b.seq))) {
      const key = `${m.state}|${m.content}|${m.sent_at}`;
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

  // ------------------------------------------------------------------ wiring
  function submitReply() {
    const input = $('#reply-input');
    const text = input.value.trim();
    if (!text || !openId) return;
    input.value = '';
    sendReply(text);
  }

  $('#token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('#token-input').value.trim();
    if (token) signIn(token);
  });
  $('#token-forget').addEventListener('click', () => signOut(''));
  $('#reply-form').addEventListener('submit', (event) => { event.preventDefault(); submitReply(); });
  $('#reply-input').addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return; // Shift+Enter: a new line
    event.preventDefault();
    submitReply();
  });

  if (!window.parleyStomp) {
    report(new Error('Could not load /s.js, which the inbox needs for live updates.'));
    return;
  }
  let saved = null;
  try { saved = sessionStorage.getItem(TOKEN_KEY); } catch (e) { /* storage disabled: ask every time */ }
  if (saved) signIn(saved);
  else showLogin('');
})();
