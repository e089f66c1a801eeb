/*
 * Parley chat widget: one self-contained script, no build step, no dependencies.
 *   <script src="https://HOST/s.js" data-channel-id="ID" async></script>
 * or Airy's snippet: window.airy = {cid: "ID", h: "https://HOST"} (or h: "HOST"), then load HOST/s.js.
 * The first half is a tiny STOMP client that /inbox.js reuses and src/test/js tests in Node.
 * The file stays ASCII so that a host page in any charset decodes it the same way.
 */
(() => {
  'use strict';

  // ---------------------------------------------------------------- STOMP over WebSocket
  const LF = 10, CR = 13, NUL = 0;
  const HEARTBEAT_MS = 10000, CONNECT_TIMEOUT_MS = 15000, BACKOFF_CAP_MS = 30000;
  const utf8 = new TextEncoder();
  const fromUtf8 = new TextDecoder();
  const HEADER_ESCAPES = { '\\': '\\', n: '\n', r: '\r', c: ':' };

  // STOMP 1.2 escapes headers in every frame except CONNECT and CONNECTED.
  const escapeHeader = (s) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/:/g, '\\c');
  const unescapeHeader = (s) => s.replace(/\\([\\nrc])/g, (_, c) => HEADER_ESCAPES[c]);
  const rawFrame = (command) => command === 'CONNECT' || command === 'CONNECTED';
  const tryOr = (fn, fallback) => { try { return fn(); } catch (e) { return fallback; } };

  function encodeFrame(command, headers = {}, body = '') {
    const esc = rawFrame(command) ? String : (v) => escapeHeader(String(v));
    const lines = Object.entries(headers).map(([name, value]) => `${esc(name)}:${esc(value)}`);
    return [command, ...lines].join('\n') + '\n\n' + body + '\0';
  }

  // Frames may be split across WebSocket messages or packed several into one, with heart-beat
  // EOLs in between. Bytes are buffered because content-length counts UTF-8 bytes, not chars.
  class FrameParser {
    constructor() {
      this.buf = new Uint8Array(0);
    }

    /** Feeds one WebSocket message (string or ArrayBuffer); returns the frames it completed. */
    push(data) {
      const bytes = typeof data === 'string' ? utf8.encode(data) : new Uint8Array(data);
      const joined = new Uint8Array(this.buf.length + bytes.length);
      joined.set(this.buf);
      joined.set(bytes, this.buf.length);
      this.buf = joined;
      const frames = [];
      for (let frame = this.next(); frame; frame = this.next()) frames.push(frame);
      return frames;
    }

    next() {
      let skip = 0;
      while (skip < this.buf.length && (this.buf[skip] === LF || this.buf[skip] === CR)) skip++;
      const b = (this.buf = this.buf.subarray(skip));
      const lines = [];
      let pos = 0;
      for (;;) {
        const nl = b.indexOf(LF, pos);
        if (nl < 0) return null; // the header block has not fully arrived yet
        const line = fromUtf8.decode(b.subarray(pos, nl > pos && b[nl - 1] === CR ? nl - 1 : nl));
        pos = nl + 1;
        if (line === '') break;
        lines.push(line);
      }
      const [command, ...headerLines] = lines;
      const headers = Object.create(null);
      const unescape = rawFrame(command) ? String : unescapeHeader;
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon < 1) throw new Error(`malformed STOMP header: ${line}`);
        const name = unescape(line.slice(0, colon));
        if (!(name in headers)) headers[name] = unescape(line.slice(colon + 1)); // first one wins
      }
      const length = headers['content-length'];
      if (length !== undefined && !/^\d+$/.test(length)) throw new Error('malformed content-length');
      const end = length === undefined ? b.indexOf(NUL, pos) : pos + Number(length);
      if (end < 0 || end >= b.length) return null; // the body has not fully arrived yet
      if (b[end] !== NUL) throw new Error('STOMP frame not terminated by NUL');
      this.buf = b.subarray(end + 1);
      return { command, headers, body: fromUtf8.decode(b.subarray(pos, end)) };
    }
  }

  // One logical subscription that survives network loss: it reconnects with exponential backoff
  // and jitter (1 s doubling to 30 s), at once when the browser comes back online, and calls
  // onReady each time the server has confirmed the subscriptions, so callers can catch up.
  class StompSession {
    /** opts: url, destinations, getToken() -> Promise<token>, onMessage(destination, json),
     *  onReady(), onState('connecting'|'reconnecting'|'offline'|'connected'|'idle'), onError(e) */
    constructor(opts) {
      this.opts = opts;
      this.ws = null;
      this.stopped = true; // until start()
      this.state = 'idle';
      this.attempt = 0;
      this.timers = [];
      this.onOnline = () => { this.attempt = 0; this.connect(); };
      this.onOffline = () => (this.ws ? this.drop(this.ws) : this.retry());
    }

    start() {
      this.listen('addEventListener');
      this.stopped = false;
      this.connect();
    }

    stop() {
      this.listen('removeEventListener');
      this.stopped = true;
      clearTimeout(this.retryTimer);
      this.drop(this.ws);
      this.setState('idle');
    }

    /** Drops the current socket, if any, and connects again after the usual backoff. */
    reconnect() {
      this.drop(this.ws);
    }

    async connect() {
      clearTimeout(this.retryTimer);
      if (this.stopped || this.ws || this.opening) return;
      this.opening = true;
      this.setState(this.attempt === 0 && this.state === 'idle' ? 'connecting' : 'reconnecting');
      const token = await Promise.resolve().then(this.opts.getToken).catch((error) => {
        this.opts.onError?.(error);
        return null;
      });
      this.opening = false;
      if (token === null) return this.retry();
      if (this.stopped || this.ws) return;
      const Socket = this.opts.WebSocket || globalThis.WebSocket;
      const ws = (this.ws = new Socket(this.opts.url, ['v12.stomp', 'v11.stomp', 'v10.stomp']));
      ws.binaryType = 'arraybuffer';
      const parser = new FrameParser();
      this.lastHeard = Date.now();
      this.timers.push(setTimeout(() => this.drop(ws), CONNECT_TIMEOUT_MS));
      ws.onopen = () => ws.send(encodeFrame('CONNECT', {
        'accept-version': '1.2,1.1,1.0',
        'heart-beat': `${HEARTBEAT_MS},${HEARTBEAT_MS}`,
        Authorization: `Bearer ${token}`,
      }));
      ws.onmessage = (event) => {
        this.lastHeard = Date.now();
        const frames = tryOr(() => parser.push(event.data), null);
        if (!frames) return this.drop(ws); // a stream we cannot parse cannot be resynchronised
        for (const frame of frames) if (this.ws === ws) this.handle(frame, ws);
      };
      ws.onclose = ws.onerror = () => this.drop(ws);
    }

    handle(frame, ws) {
      const { command, headers, body } = frame;
      if (command === 'CONNECTED') {
        this.clearTimers();
        this.startHeartbeats(headers['heart-beat'], ws);
        const last = this.opts.destinations.length - 1;
        // The receipt on the last SUBSCRIBE tells us when nothing can be missed any more.
        this.opts.destinations.forEach((destination, i) => ws.send(encodeFrame('SUBSCRIBE', {
          id: `sub-${i}`, destination, ...(i === last ? { receipt: 'subscribed' } : {}),
        })));
      } else if (command === 'RECEIPT' && headers['receipt-id'] === 'subscribed') {
        this.attempt = 0;
        this.setState('connected');
        this.opts.onReady?.();
      } else if (command === 'MESSAGE') {
        const index = /^sub-(\d+)$/.exec(headers.subscription || '');
        const destination = index ? this.opts.destinations[index[1]] : headers.destination;
        const json = tryOr(() => JSON.parse(body), undefined); // the contract promises JSON
        if (json !== undefined) this.opts.onMessage(String(destination || '').replace(/^\/user(?=\/)/, ''), json);
      } else if (command === 'ERROR') {
        this.opts.onError?.(Object.assign(new Error(headers.message || 'STOMP error'), { stomp: true }));
        this.drop(ws);
      }
    }

    // Negotiated per the spec: each side uses the larger of what one offers and the other wants.
    startHeartbeats(header, ws) {
      const [sx, sy] = String(header || '0,0').split(',').map((n) => parseInt(n, 10) || 0);
      if (sy > 0) this.timers.push(setInterval(() => ws.send('\n'), Math.max(HEARTBEAT_MS, sy)));
      if (sx > 0) {
        const every = Math.max(HEARTBEAT_MS, sx);
        this.timers.push(setInterval(() => {
          if (Date.now() - this.lastHeard > 2.5 * every) this.drop(ws); // silent: a dead socket
        }, every / 2));
      }
    }

    drop(ws) {
      if (!ws || ws !== this.ws) return;
      this.ws = null;
      this.clearTimers();
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      tryOr(() => ws.close());
      this.retry();
    }

    retry() {
      clearTimeout(this.retryTimer);
      if (this.stopped) return;
      if (globalThis.navigator?.onLine === false) return this.setState('offline'); // wait for 'online'
      this.setState('reconnecting');
      const base = Math.min(BACKOFF_CAP_MS, 1000 * 2 ** this.attempt++);
      this.retryTimer = setTimeout(() => this.connect(), base * (0.5 + Math.random() / 2));
    }

    listen(method) {
      globalThis[method]?.('online', this.onOnline);
      globalThis[method]?.('offline', this.onOffline);
    }

    clearTimers() {
      this.timers.splice(0).forEach((t) => { clearTimeout(t); clearInterval(t); });
    }

    setState(state) {
      if (state === this.state) return;
      this.state = state;
      this.opts.onState?.(state);
    }
  }

  const stomp = { encodeFrame, FrameParser, StompSession };
  // Node unit tests. Asking for a document first: host pages may leave a CommonJS `module` global behind.
  if (typeof document === 'undefined' && typeof module === 'object' && module.exports) {
    module.exports = stomp;
    return;
  }
  window.parleyStomp = stomp; // for /inbox.js: one STOMP client to maintain, not two

  // ---------------------------------------------------------------- the widget
  const script = document.currentScript || document.querySelector('script[src*="/s.js"][data-channel-id]');
  const airy = window.airy || {};
  const channelId = script?.dataset.channelId || airy.cid;
  if (!channelId || document.getElementById('parley-chat-widget')) return; // library use, or loaded twice
  // Airy's own widget takes h as a bare host ("chat.example.com", TLS unless no_tls); ours also takes an origin.
  const airyHost = (h) => (/^(https?:)?\/\//i.test(h) ? h : `${airy.no_tls === true ? 'http' : 'https'}://${h}`);
  const origin = new URL(script?.dataset.channelId || !airy.h ? script?.src || '/' : airyHost(String(airy.h)), location.href).origin;
  const title = script?.dataset.title || 'Chat';
  // Identity verification (README "Security"): a website that knows its user passes both values
  // from its backend; the user then has the same conversation on every device.
  const userId = script?.dataset.userId || airy.user_id;
  const userHash = script?.dataset.userHash || airy.user_hash;
  const identity = userId && userHash ? { user_id: String(userId), user_hash: String(userHash) } : null;
  const resumeKey = `parley:resume:${channelId}`;

  // localStorage throws when storage is disabled; the chat still works, just not across reloads. The
  // copy in memory keeps this page in its conversation: every reconnect authenticates again with it.
  let resumeInMemory = null;
  const resumeStore = {
    get: () => tryOr(() => localStorage.getItem(resumeKey), null) ?? resumeInMemory,
    set: (value) => { resumeInMemory = value; tryOr(() => localStorage.setItem(resumeKey, value)); },
    remove: () => { resumeInMemory = null; tryOr(() => localStorage.removeItem(resumeKey)); },
  };
  if (script?.dataset.resumeToken) resumeStore.set(script.dataset.resumeToken); // Parley's page behind an email's link

  async function post(path, body, bearer) {
    const headers = { 'Content-Type': 'application/json' };
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const response = await fetch(origin + path, { method: 'POST', headers, body: JSON.stringify(body) });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw Object.assign(new Error(data.message || `HTTP ${response.status}`),
        { status: response.status, retryAfter: Number(response.headers.get('Retry-After')) || 1 });
    }
    return data;
  }

  const jwtClaims = (jwt) => tryOr(() => JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))), {});

  // ---- conversation state: one Map keyed by message id, so the HTTP reply, the socket and a
  // re-fetched history can all deliver the same message without it showing twice.
  const messages = new Map();
  let arrival = 0, localCount = 0; // arrival order breaks sent_at ties; localCount names pending sends
  let token = null, conversationId, authenticating = null, resumeRefreshed = false, connected = false;

  function upsert(message, settlesPending = true) {
    if (!message?.id) return;
    if (conversationId && message.conversation_id && message.conversation_id !== conversationId) return;
    const old = messages.get(message.id);
    if (!old && settlesPending && message.alignment === 'RIGHT') {
      // Our own message can come over the socket (or in history) before its HTTP reply.
      const twin = [...messages.values()].find((m) => m.local && m.state === 'PENDING' && m.content === message.content);
      if (twin) messages.delete(twin.id);
    }
    messages.set(message.id, { ...old, ...message, seq: old ? old.seq : arrival++ });
  }

  const sentAt = (m) => (m.sent_at ? Date.parse(m.sent_at) : Infinity); // unsent ones go last
  const ordered = () => [...messages.values()].sort((a, b) => (sentAt(a) - sentAt(b)) || (a.seq - b.seq));

  // One authentication at a time: two racing ones without a resume token would start two conversations.
  function authenticate() {
    authenticating ??= doAuthenticate().finally(() => { authenticating = null; });
    return authenticating;
  }

  async function doAuthenticate() {
    const resumeToken = identity ? null : resumeStore.get(); // a verified user's conversation follows the user
    let data = resumeToken && await post('/chatplugin.authenticate', { resume_token: resumeToken }).catch((error) => {
      if (error.status !== 401) throw error;
      resumeStore.remove(); // expired or from another server: start afresh, quietly
    });
    const fresh = !data;
    if (fresh) data = await post('/chatplugin.authenticate', { channel_id: channelId, ...identity });
    const previous = conversationId;
    token = data.token;
    conversationId = jwtClaims(token).conversation_id || data.messages?.[0]?.conversation_id;
    if (previous && previous !== conversationId) {
      messages.forEach((m, id) => { if (!m.local) messages.delete(id); });
      session.reconnect(); // the open socket still listens to the old conversation
    }
    (data.messages || []).forEach((m) => upsert(m));
    render();
    if (fresh || !resumeRefreshed) {
      resumeStore.set((await post('/chatplugin.resumeToken', {}, token)).resume_token);
      resumeRefreshed = true;
    }
    return token;
  }

  async function validToken() {
    const exp = token ? jwtClaims(token).exp : 0;
    if (token && (!exp || exp * 1000 - Date.now() > 60000)) return token;
    return authenticate();
  }

  // Each message keeps one client_message_id for all its tries, so the server can tell a retry
  // from a new message. getRandomValues, unlike randomUUID, also works on plain-http pages.
  const newClientId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

  async function send(text, localId = `local-${++localCount}`) {
    const old = messages.get(localId);
    if (old?.state === 'PENDING') return; // already on its way
    clearTimeout(old?.timer);
    const m = { id: localId, content: text, state: 'PENDING', alignment: 'RIGHT', local: true,
      seq: old?.seq ?? arrival++, clientId: old?.clientId || newClientId() };
    messages.set(localId, m);
    render(true);
    try {
      const sent = await postSend(text, m.clientId);
      messages.delete(localId);
      upsert(sent, false);
    } catch (error) {
      if (messages.get(localId) === m) notSent(m, error);
    }
    render();
  }

  // QUEUED messages go out again by themselves: after Retry-After when rate-limited, once connected
  // when Parley was out of reach. Anything else waits for the visitor's Retry.
  function notSent(m, error) {
    const offline = !error.status || [502, 503, 504].includes(error.status); // a 500 is a bug: Retry is the visitor's
    m.why = error.status === 429 ? 'busy' : offline ? 'offline' : 'refused';
    m.state = m.why === 'refused' ? 'FAILED' : 'QUEUED';
    const again = () => send(m.content, m.id);
    if (m.why === 'busy') m.timer = setTimeout(again, 1000 * Math.min(60, error.retryAfter));
    else if (offline && connected) m.timer = setTimeout(again, 5000); // the socket is up: no reconnect will come
    if (error.status === 404) showConnection('unavailable');
  }

  async function sendQueued() {
    for (const m of ordered()) if (m.local && m.why === 'offline' && m.state === 'QUEUED') await send(m.content, m.id);
  }

  async function postSend(text, clientId) {
    const body = { message: { text }, client_message_id: clientId };
    try {
      return await post('/chatplugin.send', body, await validToken());
    } catch (error) {
      if (error.status !== 401) throw error;
      token = null; // the 1 h visitor token expired: the resume token gets a new one, once
      return post('/chatplugin.send', body, await authenticate());
    }
  }

  function fail(error) {
    token = null; // a refused connection usually means a refused token: authenticate next time
    if (error?.status !== 404) return;
    session.stop(); // unknown or disconnected channel: retrying will not help
    showConnection('unavailable');
  }

  const session = new StompSession({
    url: `${origin.replace(/^http/, 'ws')}/ws.chatplugin`,
    destinations: ['/queue/message'],
    getToken: validToken,
    onMessage: (destination, body) => receive(body?.message),
    // Whatever arrived while we were away is in the history: fetch it, now that nothing new can slip by.
    onReady: () => authenticate().then(() => {
      if (session.state === 'connected') showConnection('connected');
      sendQueued();
    }, (error) => {
      fail(error);
      session.reconnect();
    }),
    onState: (state) => { if (state !== 'connected') showConnection(state); },
    onError: fail,
  });

  // ---------------------------------------------------------------- the UI
  const CSS = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .parley-launcher, .parley-panel { position: fixed; z-index: 2147483000; color: #1f2937;
      font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
    button, textarea { font: inherit; color: inherit; cursor: pointer; border: 0; background: none; }
    :focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
    .parley-launcher { right: 20px; bottom: 20px; width: 56px; height: 56px; border-radius: 50%; background: #2563eb;
      color: #fff; display: grid; place-items: center; box-shadow: 0 6px 20px rgba(0, 0, 0, .25); }
    .parley-launcher svg { width: 26px; height: 26px; fill: currentColor; }
    .parley-launcher[aria-expanded="true"] .parley-icon-chat, [aria-expanded="false"] .parley-icon-close { display: none; }
    .parley-launcher[data-unread]::after { content: ""; position: absolute; top: 2px; right: 2px; width: 14px;
      height: 14px; border-radius: 50%; background: #ef4444; border: 2px solid #fff; }
    .parley-panel { right: 20px; bottom: 88px; width: 370px; height: min(600px, calc(100vh - 112px)); display: flex;
      flex-direction: column; overflow: hidden; background: #fff; border-radius: 14px; box-shadow: 0 12px 40px rgba(0, 0, 0, .25); }
    .parley-panel[hidden] { display: none; } /* our display: flex would otherwise beat [hidden] */
    .parley-header { display: flex; align-items: center; justify-content: space-between; gap: 8px;
      padding: 14px 16px; background: #2563eb; color: #fff; font-weight: 600; }
    .parley-title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .parley-close { font-size: 24px; line-height: 1; padding: 0 4px; }
    .parley-status { padding: 6px 16px; font-size: 13px; background: #fef3c7; color: #92400e; } .parley-status:empty { padding: 0; }
    .parley-messages { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f9fafb; }
    .parley-message { max-width: 80%; display: flex; flex-direction: column; align-self: flex-start; align-items: flex-start; }
    .parley-right { align-self: flex-end; align-items: flex-end; }
    .parley-center { align-self: center; align-items: center; max-width: 90%; }
    .parley-bubble { padding: 8px 12px; border-radius: 14px 14px 14px 4px; white-space: pre-wrap; overflow-wrap: anywhere;
      background: #fff; border: 1px solid #e5e7eb; }
    .parley-right .parley-bubble { background: #2563eb; color: #fff; border-radius: 14px 14px 4px 14px; }
    .parley-center .parley-bubble { background: none; border: 0; color: #6b7280; font-size: 13px; text-align: center; }
    .parley-bubble a { color: inherit; }
    .parley-meta { margin-top: 2px; font-size: 11px; color: #6b7280; }
    [data-state="PENDING"] .parley-bubble, [data-state="QUEUED"] .parley-bubble { opacity: .6; }
    [data-state="FAILED"] .parley-bubble { background: #fee2e2; color: #991b1b; }
    .parley-retry { padding: 0; color: #2563eb; text-decoration: underline; }
    .parley-compose { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e5e7eb; }
    .parley-input { flex: 1; min-height: 40px; max-height: 120px; resize: none; padding: 8px 10px; cursor: text;
      border: 1px solid #d1d5db; border-radius: 10px; outline: none; }
    .parley-input:focus { border-color: #2563eb; box-shadow: 0 0 0 3px rgba(37, 99, 235, .2); }
    .parley-send { padding: 0 16px; border-radius: 10px; background: #2563eb; color: #fff; font-weight: 600; }
    @media (max-width: 480px) { /* the whole screen, closed with the header's button alone */
      .parley-panel { inset: 0; width: auto; height: auto; border-radius: 0; }
      .parley-launcher { right: 12px; bottom: 12px; }
      .parley-launcher[aria-expanded="true"] { display: none; }
    }`;

  const host = document.createElement('div');
  host.id = 'parley-chat-widget';
  host.style.setProperty('all', 'initial', 'important'); // inline and important: beats host-page rules
  const root = host.attachShadow({ mode: 'open' }); // open, so that browser tests can look inside
  root.innerHTML = `
    <div class="parley-panel" id="parley-panel" role="dialog" hidden>
      <div class="parley-header"><span class="parley-title"></span>
        <button type="button" class="parley-close" aria-label="Minimize chat">&times;</button></div>
      <div class="parley-status" role="status" aria-live="polite"></div>
      <div class="parley-messages" role="log" aria-live="polite" aria-label="Messages" tabindex="0"></div>
      <form class="parley-compose">
        <textarea class="parley-input" rows="1" maxlength="10000" aria-label="Message" placeholder="Write a message&hellip;"></textarea>
        <button type="submit" class="parley-send">Send</button>
      </form>
    </div>
    <button type="button" class="parley-launcher" aria-label="Open chat" aria-expanded="false" aria-controls="parley-panel">
      <svg class="parley-icon-chat" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 3h12a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4V5a2 2 0 0 1 2-2z"/></svg>
      <svg class="parley-icon-close" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/></svg>
    </button>`;
  // A constructed stylesheet, not a <style> element: a host page whose Content-Security-Policy
  // forbids inline styles would otherwise leave the widget unstyled.
  const sheet = tryOr(() => new CSSStyleSheet(), null);
  if (sheet && 'adoptedStyleSheets' in root) {
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.prepend(Object.assign(document.createElement('style'), { textContent: CSS }));
  }
  const $ = (selector) => root.querySelector(selector);
  const panel = $('.parley-panel');
  const launcher = $('.parley-launcher');
  const list = $('.parley-messages');
  const input = $('.parley-input');
  const status = $('.parley-status');
  $('.parley-title').textContent = title;
  panel.setAttribute('aria-label', title);

  const STATUS_TEXT = { connecting: 'connecting\u2026', reconnecting: 'reconnecting\u2026',
    offline: 'reconnecting\u2026 (you are offline)', unavailable: 'This chat is not available right now.' };
  function showConnection(state) {
    connected = state === 'connected';
    status.textContent = STATUS_TEXT[state] || '';
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // Links are built from parsed URLs only; everything else stays a text node.
  function appendLinkified(parent, text) {
    let last = 0;
    for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"]+/gi)) {
      const raw = match[0].replace(/[.,;:!?)\]}'"]+$/, ''); // sentence punctuation, not the URL
      const url = tryOr(() => new URL(raw), null);
      if (url?.protocol !== 'http:' && url?.protocol !== 'https:') continue;
      const a = Object.assign(element('a', null, raw), { href: url.href, rel: 'noopener noreferrer nofollow', target: '_blank' });
      parent.append(text.slice(last, match.index), a);
      last = match.index + raw.length;
    }
    parent.append(text.slice(last));
  }

  function messageElement(m) {
    const side = { RIGHT: 'right', CENTER: 'center' }[m.alignment] || 'left';
    const el = element('div', `parley-message parley-${side}`);
    el.dataset.id = m.id;
    el.dataset.state = m.state || 'DELIVERED';
    const bubble = element('div', 'parley-bubble');
    appendLinkified(bubble, String(m.content ?? ''));
    const meta = element('div', 'parley-meta');
    if (m.local && m.state === 'PENDING') {
      meta.textContent = 'Sending\u2026';
    } else if (m.why === 'busy') {
      meta.textContent = 'Too many messages, wait a moment';
    } else if (m.local) {
      const retry = Object.assign(element('button', 'parley-retry', 'Retry'), { type: 'button', onclick: () => send(m.content, m.id) });
      meta.append(m.why === 'offline' ? 'Not sent yet: it goes out once connected. ' : 'Not sent. ', retry);
    } else if (m.sent_at) {
      const time = element('time', null, new Date(m.sent_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
      time.dateTime = m.sent_at;
      meta.append(time);
    }
    el.append(bubble, meta);
    return el;
  }

  const rendered = new Map(); // id -> {el, key}

  // Moves only nodes that are out of place, so the live region announces new messages, not all.
  function render(scroll = false) {
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
    for (const [id, r] of rendered) if (!messages.has(id)) { r.el.remove(); rendered.delete(id); }
    let previous = null;
    for (const m of ordered()) {
      const key = `${m.state}|${m.why}|${m.content}|${m.sent_at}`;
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

  function receive(message) {
    if (!message?.id) return;
    const isNew = !messages.has(message.id);
    upsert(message);
    if (isNew && message.alignment !== 'RIGHT' && panel.hidden) launcher.dataset.unread = '';
    render();
  }

  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    if (!open) return;
    delete launcher.dataset.unread;
    if (session.stopped) session.start(); // also a second chance after 'unavailable'
    input.focus();
    list.scrollTop = list.scrollHeight;
  }

  function submit() {
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    input.style.height = '';
    send(text);
  }

  const minimize = () => { setOpen(false); launcher.focus(); };
  launcher.addEventListener('click', () => setOpen(panel.hidden));
  $('.parley-close').addEventListener('click', minimize);
  root.addEventListener('keydown', (event) => { if (event.key === 'Escape' && !panel.hidden) minimize(); });
  $('.parley-compose').addEventListener('submit', (event) => { event.preventDefault(); submit(); });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return; // Shift+Enter: a new line
    event.preventDefault();
    submit();
  });
  input.addEventListener('input', () => {
    input.style.height = '';
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  });

  window.parleyWidget = {
    state: () => ({ connected, conversationId, messages: ordered().map(({ seq, local, timer, ...m }) => m) }),
    open: () => setOpen(true),
    close: () => setOpen(false),
  };

  // On <html>, not <body>: a transformed or filtered body would become the containing block of our
  // position: fixed and carry the launcher off-screen, and apps that rewrite the body would drop it.
  const mount = () => {
    document.documentElement.append(host);
    if (resumeStore.get()) session.start(); // an ongoing conversation: connect now so replies show up
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
