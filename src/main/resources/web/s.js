(() => {
'use strict';

const LF = 10, CR = 13, NUL = 0;
const HEARTBEAT_MS = 10000, CONNECT_TIMEOUT_MS = 15000, BACKOFF_CAP_MS = 30000;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const HEADER_ESCAPES = { '\\': '\\', n: '\n', r: '\r', c: ':' };

const escapeHeader = (s) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/:/g, '\\c');
const unescapeHeader = (s) => s.replace(/\\([\\nrc])/g, (_, c) => HEADER_ESCAPES[c]);
const rawFrame = (command) => command === 'CONNECT' || command === 'CONNECTED';
const tryOr = (fn, fallback) => { try { return fn(); } catch (e) { return fallback; } };

function encodeFrame(command, headers = {}, body = '') {
  const esc = rawFrame(command) ? String : (v) => escapeHeader(String(v));
  const lines = Object.entries(headers).map(([name, value]) => `${esc(name)}:${esc(value)}`);
  return [command, ...lines].join('\n') + '\n\n' + body + '\0';
}

class FrameParser {
  constructor() {
    this.buf = new Uint8Array(0);
  }

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
      if (nl < 0) return null;
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
      if (!(name in headers)) headers[name] = unescape(line.slice(colon + 1));
    }
    const length = headers['content-length'];
    if (length !== undefined && !/^\d+$/.test(length)) throw new Error('malformed content-length');
    const end = length === undefined ? b.indexOf(NUL, pos) : pos + Number(length);
    if (end < 0 || end >= b.length) return null;
    if (b[end] !== NUL) throw new Error('STOMP frame not terminated by NUL');
    this.buf = b.subarray(end + 1);
    return { command, headers, body: fromUtf8.decode(b.subarray(pos, end)) };
  }
}

class StompSession {
  /** opts: url, destinations, getToken, onMessage(destination, json), onReady, onState, onError */
  constructor(opts) {
    this.opts = opts;
    this.ws = null;
    this.stopped = true;
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

  send(destination, body = '') {
    if (this.state !== 'connected' || !this.ws) return false;
    this.ws.send(encodeFrame('SEND', { destination, 'content-type': 'application/json' }, body));
    return true;
  }

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
      const json = tryOr(() => JSON.parse(body), undefined);
      if (json !== undefined) this.opts.onMessage(String(destination || '').replace(/^\/user(?=\/)/, ''), json);
    } else if (command === 'ERROR') {
      this.opts.onError?.(Object.assign(new Error(headers.message || 'STOMP error'), { stomp: true }));
      this.drop(ws);
    }
  }

  startHeartbeats(header, ws) {
    const [sx, sy] = String(header || '0,0').split(',').map((n) => parseInt(n, 10) || 0);
    if (sy > 0) this.timers.push(setInterval(() => ws.send('\n'), Math.max(HEARTBEAT_MS, sy)));
    if (sx > 0) {
      const every = Math.max(HEARTBEAT_MS, sx);
      this.timers.push(setInterval(() => {
        if (Date.now() - this.lastHeard > 2.5 * every) this.drop(ws);
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
    if (globalThis.navigator?.onLine === false) return this.setState('offline');
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

const STRINGS = {
  en: {
    open: 'Open chat', close: 'Close chat', messages: 'Messages', message: 'Message',
    placeholder: 'Write a message\u2026', send: 'Send', attach: 'Attach a file', sending: 'Sending\u2026',
    busy: 'Too many messages, wait a moment', queued: 'Not sent yet: it goes out once connected. ', notSent: 'Not sent. ',
    retry: 'Retry', connecting: 'connecting\u2026', reconnecting: 'reconnecting\u2026', offline: 'reconnecting\u2026 (you are offline)',
    unavailable: 'This chat is not available right now.', uploading: 'Uploading\u2026 {p}%', tooLarge: 'The file is too large.',
    badType: 'This type of file is not allowed.', tooMany: 'Too many uploads, wait a minute.', uploadFailed: 'The upload failed.',
    seen: 'Seen', typing: '{name} is typing\u2026', someone: 'Someone', away: 'We are away. Leave a message and we will reply.',
    welcome: 'Hi! How can we help?', name: 'Name', email: 'Email', prechat: 'Who are you?', missing: 'Please fill in: {f}',
    transcript: 'Email me the transcript', transcriptSent: 'The transcript is on its way to your email.', transcriptFailed: 'The transcript could not be sent.',
  },
  de: {
    open: 'Chat \u00f6ffnen', close: 'Chat schlie\u00dfen', messages: 'Nachrichten', message: 'Nachricht',
    placeholder: 'Nachricht schreiben\u2026', send: 'Senden', attach: 'Datei anh\u00e4ngen', sending: 'Wird gesendet\u2026',
    busy: 'Zu viele Nachrichten, kurz warten', queued: 'Noch nicht gesendet: geht raus, sobald verbunden. ', notSent: 'Nicht gesendet. ',
    retry: 'Nochmal', connecting: 'verbinde\u2026', reconnecting: 'verbinde neu\u2026', offline: 'verbinde neu\u2026 (du bist offline)',
    unavailable: 'Dieser Chat ist gerade nicht verf\u00fcgbar.', uploading: 'Wird hochgeladen\u2026 {p} %', tooLarge: 'Die Datei ist zu gro\u00df.',
    badType: 'Dieser Dateityp ist nicht erlaubt.', tooMany: 'Zu viele Dateien, eine Minute warten.', uploadFailed: 'Hochladen fehlgeschlagen.',
    seen: 'Gesehen', typing: '{name} schreibt\u2026', someone: 'Jemand', away: 'Wir sind gerade nicht da. Schreib uns, wir melden uns.',
    welcome: 'Hallo! Wie k\u00f6nnen wir helfen?', name: 'Name', email: 'E-Mail', prechat: 'Wer bist du?', missing: 'Bitte ausf\u00fcllen: {f}',
    transcript: 'Verlauf per E-Mail senden', transcriptSent: 'Der Verlauf ist per E-Mail unterwegs.', transcriptFailed: 'Der Verlauf konnte nicht gesendet werden.',
  },
  fr: {
    open: 'Ouvrir le chat', close: 'Fermer le chat', messages: 'Messages', message: 'Message',
    placeholder: '\u00c9crivez un message\u2026', send: 'Envoyer', attach: 'Joindre un fichier', sending: 'Envoi\u2026',
    busy: 'Trop de messages, patientez', queued: 'Pas encore envoy\u00e9 : il partira une fois connect\u00e9. ', notSent: 'Non envoy\u00e9. ',
    retry: 'R\u00e9essayer', connecting: 'connexion\u2026', reconnecting: 'reconnexion\u2026', offline: 'reconnexion\u2026 (hors ligne)',
    unavailable: 'Ce chat est indisponible pour le moment.', uploading: 'Envoi\u2026 {p} %', tooLarge: 'Le fichier est trop volumineux.',
    badType: 'Ce type de fichier est refus\u00e9.', tooMany: 'Trop de fichiers, attendez une minute.', uploadFailed: 'L\'envoi a \u00e9chou\u00e9.',
    seen: 'Vu', typing: '{name} \u00e9crit\u2026', someone: 'Quelqu\'un', away: 'Nous sommes absents. Laissez un message, nous r\u00e9pondrons.',
    welcome: 'Bonjour ! Comment pouvons-nous vous aider ?', name: 'Nom', email: 'E-mail', prechat: 'Qui \u00eates-vous ?', missing: 'Veuillez remplir : {f}',
    transcript: 'Recevoir la conversation par e-mail', transcriptSent: 'La conversation est en route vers votre e-mail.', transcriptFailed: 'La conversation n\'a pas pu \u00eatre envoy\u00e9e.',
  },
  es: {
    open: 'Abrir chat', close: 'Cerrar chat', messages: 'Mensajes', message: 'Mensaje',
    placeholder: 'Escribe un mensaje\u2026', send: 'Enviar', attach: 'Adjuntar archivo', sending: 'Enviando\u2026',
    busy: 'Demasiados mensajes, espera', queued: 'A\u00fan no enviado: saldr\u00e1 al conectar. ', notSent: 'No enviado. ',
    retry: 'Reintentar', connecting: 'conectando\u2026', reconnecting: 'reconectando\u2026', offline: 'reconectando\u2026 (sin conexi\u00f3n)',
    unavailable: 'Este chat no est\u00e1 disponible ahora.', uploading: 'Subiendo\u2026 {p} %', tooLarge: 'El archivo es demasiado grande.',
    badType: 'Este tipo de archivo no est\u00e1 permitido.', tooMany: 'Demasiados archivos, espera un minuto.', uploadFailed: 'La subida fall\u00f3.',
    seen: 'Visto', typing: '{name} est\u00e1 escribiendo\u2026', someone: 'Alguien', away: 'Ahora no estamos. Deja un mensaje y te responderemos.',
    welcome: '\u00a1Hola! \u00bfEn qu\u00e9 podemos ayudarte?', name: 'Nombre', email: 'Correo', prechat: '\u00bfQui\u00e9n eres?', missing: 'Rellena: {f}',
    transcript: 'Enviarme la conversaci\u00f3n', transcriptSent: 'La conversaci\u00f3n va de camino a tu correo.', transcriptFailed: 'No se pudo enviar la conversaci\u00f3n.',
  },
};
const pickLocale = (wanted) => wanted.map((l) => String(l).slice(0, 2).toLowerCase()).find((l) => STRINGS[l]) || 'en';

const stomp = { encodeFrame, FrameParser, StompSession, STRINGS, pickLocale };
if (typeof document === 'undefined' && typeof module === 'object' && module.exports) {
  module.exports = stomp;
  return;
}
window.parleyStomp = stomp;

const script = document.currentScript || document.querySelector('script[src*="/s.js"][data-channel-id]');
const airy = window.airy || {};
const channelId = script?.dataset.channelId || airy.cid || airy.channelId;
if (!channelId || document.getElementById('parley-chat-widget')) return;
const airyH = airy.h || airy.host;
const airyHost = (h) => (/^(https?:)?\/\//i.test(h) ? h : `${airy.no_tls === true ? 'http' : 'https'}://${h}`);
const origin = new URL(script?.dataset.channelId || !airyH ? script?.src || '/' : airyHost(String(airyH)), location.href).origin;
const userId = script?.dataset.userId || airy.user_id;
const userHash = script?.dataset.userHash || airy.user_hash;
const identity = userId && userHash ? { user_id: String(userId), user_hash: String(userHash) } : null;
const resumeKey = `parley:resume:${channelId}`;

let widget = { color: '#2563eb', position: 'right', locale: 'auto', pre_chat: { name: 'off', email: 'off' } };
let online = true;
let strings = STRINGS[pickLocale(navigator.languages || [navigator.language || 'en'])];
const t = (key, holes = {}) => strings[key].replace(/\{(\w+)\}/g, (_, k) => holes[k]);

let resumeInMemory = null;
const resumeStore = {
  get: () => tryOr(() => localStorage.getItem(resumeKey), null) ?? resumeInMemory,
  set: (value) => { resumeInMemory = value; tryOr(() => localStorage.setItem(resumeKey, value)); },
  remove: () => { resumeInMemory = null; tryOr(() => localStorage.removeItem(resumeKey)); },
};
const emailKey = `parley:email:${channelId}`;
let emailKnown = tryOr(() => localStorage.getItem(emailKey), null) === '1';
if (script?.dataset.resumeToken) resumeStore.set(script.dataset.resumeToken); // Parley's page behind an email's link

const httpError = (status, data, retryAfter) => Object.assign(new Error(data?.message || `HTTP ${status}`),
  { status, retryAfter: Number(retryAfter) || 1 });

async function post(path, body, bearer) {
  const headers = { 'Content-Type': 'application/json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(origin + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw httpError(response.status, data, response.headers.get('Retry-After'));
  return data;
}

const jwtClaims = (jwt) => tryOr(() => JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))), {});

function normalize(m) {
  let c = m.content;
  if (typeof c === 'string' && m.sender_type) c = tryOr(() => JSON.parse(c), c);
  const rich = c && typeof c === 'object' ? c : null;
  const attachment = m.attachment || rich?.attachment;
  let text = rich ? (rich.text ?? '') : String(c ?? '');
  if (attachment && !rich && text === attachment.payload?.name) text = ''; // "text" shows a file's name as content
  const postback = m.postback || (rich?.postbackData != null ? { payload: rich.postbackData } : undefined);
  const contact = m.from_contact ?? (m.sender_type ? m.sender_type === 'source_contact' : undefined);
  return { ...m, content: text, attachment, quick_replies: m.quick_replies || rich?.quick_replies, postback,
    alignment: m.alignment || (contact ? 'RIGHT' : 'LEFT'), state: m.state || m.delivery_state };
}

const messages = new Map();
let arrival = 0, localCount = 0;
let token = null, conversationId, authenticating = null, resumeRefreshed = false, connected = false;
let seenAt = 0;

function upsert(raw, settlesPending = true) {
  if (!raw?.id) return;
  const message = normalize(raw);
  if (conversationId && message.conversation_id && message.conversation_id !== conversationId) return;
  const old = messages.get(message.id);
  if (!old && settlesPending && message.alignment === 'RIGHT') {
    const twin = [...messages.values()].find((m) => m.local && m.state === 'PENDING'
      && (message.client_message_id ? m.clientId === message.client_message_id : m.content === message.content));
    if (twin) messages.delete(twin.id);
  }
  messages.set(message.id, { ...old, ...message, seq: old ? old.seq : arrival++ });
}

const sentAt = (m) => (m.sent_at === -1 ? -Infinity : m.sent_at ? Date.parse(m.sent_at) : Infinity);
const ordered = () => [...messages.values()].sort((a, b) => (sentAt(a) - sentAt(b)) || (a.seq - b.seq));
const stored = () => ordered().filter((m) => !m.welcome); // the greeting is not the conversation's

function authenticate() {
  authenticating ??= doAuthenticate().finally(() => { authenticating = null; });
  return authenticating;
}

const context = () => ({ page_url: location.href.slice(0, 2048), referrer: document.referrer.slice(0, 2048) || undefined,
  locale: navigator.language, time_zone: tryOr(() => Intl.DateTimeFormat().resolvedOptions().timeZone) });

async function doAuthenticate() {
  const resumeToken = identity ? null : resumeStore.get(); // a verified user's conversation follows the user
  let data = resumeToken && await post('/chatplugin.authenticate', { resume_token: resumeToken, context: context() }).catch((error) => {
    if (error.status !== 401) throw error;
    resumeStore.remove();
    knowEmail(false); // a fresh conversation is a fresh contact
  });
  const fresh = !data;
  if (fresh) data = await post('/chatplugin.authenticate', { channel_id: channelId, ...identity, context: context() });
  const previous = conversationId;
  token = data.token;
  conversationId = jwtClaims(token).conversation_id || data.messages?.[0]?.conversation_id;
  if (previous && previous !== conversationId) {
    messages.forEach((m, id) => { if (!m.local) messages.delete(id); });
    session.reconnect(); // the open socket still listens to the old conversation
  }
  (data.messages || []).forEach((m) => upsert(m));
  seen(data.operator_last_read_at); // renders
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

const newClientId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

/** extra: {postback} or {attachment}, kept for retries. */
async function send(text, localId = `local-${++localCount}`, extra = {}) {
  const old = messages.get(localId);
  if (old?.state === 'PENDING') return;
  clearTimeout(old?.timer);
  extra = old?.extra || extra;
  const m = { id: localId, content: text, state: 'PENDING', alignment: 'RIGHT', local: true, extra,
    attachment: extra.attachment, seq: old?.seq ?? arrival++, clientId: old?.clientId || newClientId() };
  messages.set(localId, m);
  render(true);
  try {
    await prechatDone();
    const sent = await postSend({ ...(text ? { text } : {}), ...extra }, m.clientId);
    messages.delete(localId);
    upsert(sent, false);
  } catch (error) {
    if (messages.get(localId) === m) notSent(m, error);
  }
  render();
}

function notSent(m, error) {
  const offline = !error.status || [502, 503, 504].includes(error.status); // a 500 waits for Retry
  m.why = error.status === 429 ? 'busy' : offline ? 'offline' : 'refused';
  m.state = m.why === 'refused' ? 'FAILED' : 'QUEUED';
  const again = () => send(m.content, m.id);
  if (m.why === 'busy') m.timer = setTimeout(again, 1000 * Math.min(60, error.retryAfter));
  else if (offline && connected) m.timer = setTimeout(again, 5000);
  if (error.status === 404) showConnection('unavailable');
}

async function sendQueued() {
  for (const m of ordered()) if (m.local && m.why === 'offline' && m.state === 'QUEUED') await send(m.content, m.id);
}

async function asVisitor(call) {
  try {
    return await call(await validToken());
  } catch (error) {
    if (error.status !== 401) throw error;
    token = null;
    return call(await authenticate());
  }
}

const postSend = (message, clientId) => asVisitor((bearer) => post('/chatplugin.send', { message, client_message_id: clientId }, bearer));

function fail(error) {
  token = null; // a refused connection usually means a refused token: authenticate next time
  if (error?.status !== 404) return;
  session.stop();
  showConnection('unavailable');
}

const session = new StompSession({
  url: `${origin.replace(/^http/, 'ws')}/ws.chatplugin`,
  destinations: ['/queue/message', '/queue/typing', '/queue/read'],
  getToken: validToken,
  onMessage: (destination, body) => {
    if (destination === '/queue/typing') typingShown(body);
    else if (destination === '/queue/read') { if (body?.reader === 'operator') seen(body.read_at); }
    else receive(body?.message);
  },
  onReady: () => authenticate().then(() => {
    if (session.state === 'connected') showConnection('connected');
    markRead();
    sendQueued();
  }, (error) => {
    fail(error);
    session.reconnect();
  }),
  onState: (state) => { if (state !== 'connected') showConnection(state); },
  onError: fail,
});

const UPLOAD_ERRORS = { 413: 'tooLarge', 415: 'badType', 429: 'tooMany' };

const upload = (file, bearer, onProgress) => new Promise((resolve, reject) => {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', `${origin}/chatplugin.upload`);
  xhr.setRequestHeader('Authorization', `Bearer ${bearer}`);
  xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((100 * e.loaded) / e.total));
  xhr.onload = () => {
    const data = tryOr(() => JSON.parse(xhr.responseText), {});
    if (xhr.status === 200) resolve(data);
    else reject(httpError(xhr.status, data, xhr.getResponseHeader('Retry-After')));
  };
  xhr.onerror = () => reject(httpError(0));
  const form = new FormData();
  form.append('file', file, file.name || 'pasted');
  xhr.send(form);
});

async function attach(file) {
  const id = `local-${++localCount}`;
  const m = { id, content: file.name || '', state: 'UPLOADING', alignment: 'RIGHT', local: true, progress: 0, seq: arrival++ };
  messages.set(id, m);
  render(true);
  try {
    await prechatDone();
    const media = await asVisitor((bearer) => upload(file, bearer, (p) => { m.progress = p; render(); }));
    messages.delete(id);
    const type = /^image\//.test(media.content_type) ? 'image' : 'file';
    const payload = { url: media.media_url, name: media.name, size: media.size, content_type: media.content_type };
    send('', id, { attachment: { type, payload } });
  } catch (error) {
    Object.assign(m, { state: 'FAILED', why: 'upload', error: t(UPLOAD_ERRORS[error.status] || 'uploadFailed') });
    render();
  }
}

const CSS = `
:host{all:initial;--c:#2563eb;--f:#fff}
*{box-sizing:border-box}
.parley-launcher,.parley-panel{position:fixed;z-index:2147483000;color:#1f2937;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
button,textarea,input{font:inherit;color:inherit;cursor:pointer;border:0;background:none}
:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
.parley-launcher{right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;background:var(--c);color:var(--f);display:grid;place-items:center;box-shadow:0 6px 20px rgba(0,0,0,.25)}
[hidden]{display:none!important}
svg{width:26px;height:26px;fill:currentColor}
.parley-launcher[aria-expanded="true"] .parley-icon-chat,[aria-expanded="false"] .parley-icon-close{display:none}
.parley-launcher[data-unread]::after{content:"";position:absolute;top:2px;right:2px;width:14px;height:14px;border-radius:50%;background:#ef4444;border:2px solid #fff}
.parley-panel{right:20px;bottom:88px;width:370px;height:min(600px,calc(100vh - 112px));display:flex;flex-direction:column;overflow:hidden;background:#fff;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.25)}
:host([data-position="left"]) .parley-panel,:host([data-position="left"]) .parley-launcher{right:auto;left:20px}

.parley-header{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:14px 16px;background:var(--c);color:var(--f);font-weight:600}
.parley-title{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.parley-close{font-size:24px;line-height:1;padding:0 4px}
.parley-status,.parley-away{padding:6px 16px;font-size:13px;background:#fef3c7;color:#92400e}
.parley-status:empty,.parley-away:empty{display:none}
.parley-messages{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f9fafb}
.parley-message{max-width:80%;display:flex;flex-direction:column;align-self:flex-start;align-items:flex-start}
.parley-right{align-self:flex-end;align-items:flex-end}
.parley-center{align-self:center;align-items:center;max-width:90%}
.parley-bubble{padding:8px 12px;border-radius:14px 14px 14px 4px;white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #e5e7eb}
.parley-bubble:empty{display:none}
.parley-right .parley-bubble{background:var(--c);color:var(--f);border-radius:14px 14px 4px 14px}
.parley-center .parley-bubble{background:none;border:0;color:#6b7280;font-size:13px;text-align:center}
.parley-bubble a{color:inherit}
.parley-sender{display:flex;align-items:center;gap:6px;font-size:12px;color:#4b5563;margin-bottom:2px}
.parley-sender img{width:20px;height:20px;border-radius:50%;object-fit:cover}
.parley-image{display:block;max-width:220px;max-height:200px;border-radius:10px;margin-top:4px}
.parley-file{display:block;margin-top:4px;padding:8px 12px;border-radius:10px;background:#eef2ff;color:#1e3a8a}
.parley-meta,.parley-typing{margin-top:2px;font-size:11px;color:#6b7280}
.parley-error{color:#b91c1c}
.parley-typing{padding:0 12px 4px;background:#f9fafb}
.parley-mail{font-size:12px;color:#6b7280}
.parley-transcript{padding:4px 10px;color:#1f2937;text-decoration:underline}
.parley-note:not(:empty){display:block;padding:0 10px 4px}
[data-state="PENDING"] .parley-bubble,[data-state="QUEUED"] .parley-bubble{opacity:.6}
[data-state="FAILED"] .parley-bubble{background:#fee2e2;color:#991b1b}
.parley-retry{padding:0;color:#2563eb;text-decoration:underline}
.parley-replies{display:flex;flex-wrap:wrap;gap:6px}
.parley-replies button{padding:6px 12px;border:1px solid var(--c);border-radius:16px;background:#fff;color:#1f2937}
.parley-dots{font-weight:700;letter-spacing:2px;animation:parley-dot 1s infinite}
@keyframes parley-dot{50%{opacity:.2}}
.parley-prechat{display:grid;gap:6px;padding:10px;border-top:1px solid #e5e7eb;font-size:13px}
.parley-prechat input{cursor:text;padding:6px 8px;border:1px solid #d1d5db;border-radius:8px}
.parley-compose{display:flex;gap:8px;padding:10px;border-top:1px solid #e5e7eb}
.parley-input{flex:1;min-height:40px;max-height:120px;resize:none;padding:8px 10px;cursor:text;border:1px solid #d1d5db;border-radius:10px;outline:none}
.parley-input:focus{border-color:var(--c);box-shadow:0 0 0 3px rgba(37,99,235,.2)}
.parley-attach{color:#6b7280;padding:0 2px}
.parley-attach svg{width:22px;height:22px}
.parley-send{padding:0 16px;border-radius:10px;background:var(--c);color:var(--f);font-weight:600}
.parley-drop{outline:3px dashed var(--c);outline-offset:-6px}
@media (max-width: 480px){
.parley-panel{inset:0;width:auto;height:auto;border-radius:0}
.parley-launcher{right:12px;bottom:12px}
.parley-launcher[aria-expanded="true"]{display:none}}`;

const host = document.createElement('div');
host.id = 'parley-chat-widget';
host.style.setProperty('all', 'initial', 'important'); // inline and important: beats host-page rules
const root = host.attachShadow({ mode: 'open' });
root.innerHTML = `
  <div class="parley-panel" id="parley-panel" role="dialog" hidden>
    <div class="parley-header"><span class="parley-title"></span>
      <button type="button" class="parley-close">&times;</button></div>
    <div class="parley-status" role="status" aria-live="polite"></div>
    <div class="parley-away"></div>
    <div class="parley-messages" role="log" aria-live="polite" tabindex="0"></div>
    <div class="parley-typing" aria-live="polite" hidden></div>
    <div class="parley-mail"><button type="button" class="parley-transcript" hidden></button>
      <span class="parley-note" role="status" aria-live="polite"></span></div>
    <form class="parley-prechat" hidden novalidate></form>
    <form class="parley-compose">
      <button type="button" class="parley-attach"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 5v14M5 12h14" stroke="currentColor" stroke-width="2.5"/></svg></button>
      <input type="file" class="parley-file-input" hidden>
      <textarea class="parley-input" rows="1" maxlength="10000"></textarea>
      <button type="submit" class="parley-send"></button>
    </form>
  </div>
  <button type="button" class="parley-launcher" aria-expanded="false" aria-controls="parley-panel">
    <svg class="parley-icon-chat" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 3h12a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4V5a2 2 0 0 1 2-2z"/></svg>
    <svg class="parley-icon-close" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/></svg>
  </button>`;
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
const typingRow = $('.parley-typing');
const prechat = $('.parley-prechat');
const transcriptButton = $('.parley-transcript');
const fileInput = $('.parley-file-input');
let connectionState = '';

function applySettings() {
  const title = script?.dataset.title || widget.title || 'Chat';
  $('.parley-title').textContent = title;
  panel.setAttribute('aria-label', title);
  [['.parley-close', 'close'], ['.parley-attach', 'attach'], ['.parley-input', 'message'], ['.parley-messages', 'messages']]
    .forEach(([sel, key]) => $(sel).setAttribute('aria-label', t(key)));
  input.placeholder = t('placeholder');
  $('.parley-send').textContent = t('send');
  transcriptButton.textContent = t('transcript');
  transcriptButton.setAttribute('aria-label', t('transcript'));
  transcriptButton.hidden = !emailKnown;
  launcher.setAttribute('aria-label', t(panel.hidden ? 'open' : 'close'));
  const color = /^#[0-9a-f]{6}$/i.test(widget.color) ? widget.color : '#2563eb';
  host.style.setProperty('--c', color);
  host.style.setProperty('--f', textOn(color));
  host.dataset.position = widget.position === 'left' ? 'left' : 'right';
  $('.parley-away').textContent = online ? '' : widget.away_message || t('away');
  showConnection(connectionState);
  if (!prechat.hidden) renderPrechat();
  welcome();
  rendered.clear();
  list.replaceChildren();
  render();
}

const textOn = (hex) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.substr(i, 2), 16) / 255).map((c) => (c <= 0.04 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.18 ? '#111827' : '#fff';
};

const welcome = () => messages.set('welcome', { id: 'welcome', content: widget.welcome_message || t('welcome'),
  alignment: 'LEFT', sent_at: -1, local: true, welcome: true, state: 'DELIVERED', seq: -1 });

async function loadSettings() {
  const config = await post('/chatplugin.config', { channel_id: channelId }).catch(() => null);
  if (!config) return applySettings();
  widget = { ...widget, ...config.widget };
  online = config.online !== false;
  if (widget.locale && widget.locale !== 'auto') strings = STRINGS[pickLocale([widget.locale])];
  launcher.hidden = !online && widget.hide_when_offline && !resumeStore.get();
  buildPrechat();
  applySettings();
}

let prechatFields = [];
function buildPrechat() {
  const modes = widget.pre_chat || {};
  prechatFields = ['name', 'email'].filter((f) => modes[f] === 'optional' || modes[f] === 'required')
    .map((f) => ({ name: f, required: modes[f] === 'required' }));
  if (!prechatFields.length || resumeStore.get() || identity) return;
  prechat.hidden = false;
}

function renderPrechat() {
  const values = Object.fromEntries(new FormData(prechat));
  prechat.replaceChildren(element('div', null, t('prechat')), ...prechatFields.map((f) => {
    const field = Object.assign(element('input'), { name: f.name, type: f.name === 'email' ? 'email' : 'text',
      required: f.required, value: values[f.name] || '', placeholder: t(f.name) + (f.required ? ' *' : '') });
    field.setAttribute('aria-label', t(f.name));
    return field;
  }), element('div', 'parley-error'));
}

let prechatSaved = null;
function prechatDone() {
  if (prechat.hidden) return Promise.resolve();
  const values = Object.fromEntries(new FormData(prechat));
  const missing = prechatFields.filter((f) => f.required && !String(values[f.name] || '').trim());
  if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) missing.push({ name: 'email' });
  if (missing.length) {
    prechat.querySelector('.parley-error').textContent = t('missing', { f: missing.map((f) => t(f.name)).join(', ') });
    prechat.querySelector(`[name="${missing[0].name}"]`).focus();
    return Promise.reject(Object.assign(new Error('pre-chat form incomplete'), { status: 400, prechat: true }));
  }
  const contact = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
  prechatSaved ??= setContact(contact).then(() => { prechat.hidden = true; }, (e) => { prechatSaved = null; throw e; });
  return prechatSaved;
}

const setContact = ({ name, email, ...attributes } = {}) => asVisitor((bearer) => post('/chatplugin.updateContact',
  { name, email, attributes: Object.keys(attributes).length ? attributes : undefined }, bearer))
  .then((result) => { if (email) knowEmail(true); return result; });

function knowEmail(known) {
  emailKnown = known;
  tryOr(() => (known ? localStorage.setItem(emailKey, '1') : localStorage.removeItem(emailKey)));
  transcriptButton.hidden = !known;
}

async function requestTranscript() {
  const note = $('.parley-note');
  transcriptButton.disabled = true;
  note.textContent = '';
  const sent = await asVisitor((bearer) => post('/chatplugin.transcript', {}, bearer)).then(() => true, () => false);
  transcriptButton.disabled = false;
  note.textContent = t(sent ? 'transcriptSent' : 'transcriptFailed');
}

function showConnection(state) {
  connectionState = state;
  connected = state === 'connected';
  status.textContent = strings[state] ? t(state) : '';
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

const safeUrl = (raw) => {
  const url = raw && tryOr(() => new URL(raw, origin), null);
  return url?.protocol === 'http:' || url?.protocol === 'https:' ? url.href : null;
};
const newTab = (a) => Object.assign(a, { rel: 'noopener noreferrer nofollow', target: '_blank' });

function appendLinkified(parent, text) {
  let last = 0;
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"]+/gi)) {
    const raw = match[0].replace(/[.,;:!?)\]}'"]+$/, '');
    const href = tryOr(() => new URL(raw), null) && safeUrl(raw);
    if (!href) continue;
    parent.append(text.slice(last, match.index), newTab(Object.assign(element('a', null, raw), { href })));
    last = match.index + raw.length;
  }
  parent.append(text.slice(last));
}

const size = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

function attachmentElement({ type, payload = {} }) {
  const href = safeUrl(payload.url);
  if (!href) return null;
  const a = newTab(Object.assign(element('a'), { href }));
  if (type === 'image') {
    a.append(Object.assign(element('img', 'parley-image'), { src: href, alt: payload.name || '', loading: 'lazy' }));
  } else {
    a.className = 'parley-file';
    a.textContent = `${payload.name || 'file'}${payload.size ? ` (${size(payload.size)})` : ''}`;
    a.download = payload.name || '';
  }
  return a;
}

function senderElement(sender) {
  const el = element('div', 'parley-sender');
  const avatar = safeUrl(sender.avatar_url);
  if (avatar) el.append(Object.assign(element('img'), { src: avatar, alt: '', onerror: (e) => e.target.remove() }));
  el.append(sender.name);
  return el;
}

function metaElement(m) {
  const meta = element('div', 'parley-meta');
  if (m.state === 'UPLOADING') {
    meta.append(t('uploading', { p: m.progress }), Object.assign(element('progress'), { max: 100, value: m.progress }));
  } else if (m.why === 'upload') {
    meta.append(element('span', 'parley-error', m.error));
  } else if (m.local && m.state === 'PENDING') {
    meta.textContent = t('sending');
  } else if (m.why === 'busy') {
    meta.textContent = t('busy');
  } else if (m.local && !m.welcome) {
    const retry = Object.assign(element('button', 'parley-retry', t('retry')), { type: 'button', onclick: () => send(m.content, m.id) });
    meta.append(m.why === 'offline' ? t('queued') : t('notSent'), retry);
  } else if (m.sent_at && !m.welcome) {
    const time = element('time', null, new Date(m.sent_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    time.dateTime = m.sent_at;
    meta.append(time);
    if (m.seen) meta.append(element('span', 'parley-seen', ` \u00b7 ${t('seen')}`));
  }
  return meta;
}

function messageElement(m) {
  const side = { RIGHT: 'right', CENTER: 'center' }[m.alignment] || 'left';
  const el = element('div', `parley-message parley-${side}${m.welcome ? ' parley-welcome' : ''}`);
  el.dataset.id = m.id;
  el.dataset.state = m.state || 'DELIVERED';
  if (side === 'left' && m.sender?.name) el.append(senderElement(m.sender));
  const bubble = element('div', 'parley-bubble');
  appendLinkified(bubble, String(m.content ?? ''));
  el.append(bubble);
  const file = m.attachment && attachmentElement(m.attachment);
  if (file) el.append(file);
  el.append(metaElement(m));
  return el;
}

const rendered = new Map();
const replies = element('div', 'parley-replies');

function render(scroll = false) {
  const w = messages.get('welcome'), first = stored()[0]; // the server stores it with the first message
  if (first?.alignment === 'LEFT' && first.content === w?.content) messages.delete('welcome');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
  for (const [id, r] of rendered) if (!messages.has(id)) { r.el.remove(); rendered.delete(id); }
  const all = ordered();
  const mine = all.filter((m) => !m.local && m.alignment === 'RIGHT' && sentAt(m) <= seenAt).pop();
  let previous = null;
  for (const m of all) {
    m.seen = m === mine;
    const key = JSON.stringify([m.state, m.why, m.content, m.sent_at, m.progress, m.seen, m.attachment?.payload?.url, m.sender?.name]);
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
  renderReplies(all.filter((m) => m.why !== 'upload').at(-1)); // a refused upload does not count
  if (scroll || nearBottom) list.scrollTop = list.scrollHeight;
}

function renderReplies(last) {
  const options = last?.alignment !== 'RIGHT' && Array.isArray(last?.quick_replies) ? last.quick_replies : [];
  const key = last && options.length ? last.id : '';
  if (replies.dataset.for !== key) {
    replies.dataset.for = key;
    replies.replaceChildren(...options.map((q) => Object.assign(element('button', null, q.title), {
      type: 'button', onclick: () => send(q.title, undefined, { postback: { payload: q.payload } }),
    })));
  }
  if (!key) replies.remove();
  else if (list.lastChild !== replies) list.append(replies);
}

function receive(message) {
  if (!message?.id) return;
  const isNew = !messages.has(message.id);
  upsert(message);
  const m = messages.get(message.id);
  if (m.alignment !== 'RIGHT') {
    typingShown(null);
    if (isNew && panel.hidden) launcher.dataset.unread = '';
    markRead();
  }
  render();
}

let typingTimer, lastTyping = 0;
function typingShown(event) {
  clearTimeout(typingTimer);
  typingRow.hidden = !event;
  if (!event) return;
  typingRow.replaceChildren(element('span', 'parley-dots', '\u2022\u2022\u2022 '), t('typing', { name: event.sender?.name || t('someone') }));
  const ms = Math.min(10000, Math.max(1000, Date.parse(event.expires_at) - Date.now() || 5000));
  typingTimer = setTimeout(() => typingShown(null), ms);
}

function seen(readAt) {
  seenAt = Math.max(seenAt, Date.parse(readAt) || 0);
  render();
}

function markRead() {
  if (!panel.hidden && document.visibilityState !== 'hidden') session.send('/app/read');
}

function setOpen(open) {
  panel.hidden = !open;
  launcher.setAttribute('aria-expanded', String(open));
  launcher.setAttribute('aria-label', t(open ? 'close' : 'open'));
  if (!open) return;
  delete launcher.dataset.unread;
  if (session.stopped) session.start();
  markRead();
  input.focus();
  list.scrollTop = list.scrollHeight;
}

function submit() {
  const text = input.value.trim();
  if (!text) return;
  if (!prechat.hidden) {
    prechatDone().then(() => submit(), () => {});
    return;
  }
  input.value = '';
  input.style.height = '';
  send(text);
}

const minimize = () => { setOpen(false); launcher.focus(); };
launcher.addEventListener('click', () => setOpen(panel.hidden));
$('.parley-close').addEventListener('click', minimize);
transcriptButton.addEventListener('click', requestTranscript);
root.addEventListener('keydown', (event) => { if (event.key === 'Escape' && !panel.hidden) minimize(); });
$('.parley-compose').addEventListener('submit', (event) => { event.preventDefault(); submit(); });
prechat.addEventListener('submit', (event) => { event.preventDefault(); submit(); });
input.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
  event.preventDefault();
  submit();
});
input.addEventListener('input', () => {
  input.style.height = '';
  input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  if (input.value && Date.now() - lastTyping > 1000 && session.send('/app/typing')) lastTyping = Date.now();
});
const attachAll = (files) => [...(files || [])].forEach(attach);
$('.parley-attach').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => { attachAll(fileInput.files); fileInput.value = ''; });
input.addEventListener('paste', (event) => {
  if (event.clipboardData?.files.length) { event.preventDefault(); attachAll(event.clipboardData.files); }
});
panel.addEventListener('dragover', (event) => { event.preventDefault(); panel.classList.add('parley-drop'); });
panel.addEventListener('dragleave', () => panel.classList.remove('parley-drop'));
panel.addEventListener('drop', (event) => {
  event.preventDefault();
  panel.classList.remove('parley-drop');
  attachAll(event.dataTransfer?.files);
});
document.addEventListener('visibilitychange', markRead);

window.parleyWidget = {
  state: () => ({ connected, conversationId, messages: stored().map(({ seq, local, timer, extra, ...m }) => m) }),
  open: () => setOpen(true),
  close: () => setOpen(false),
  setContact,
};

const mount = () => {
  applySettings();
  document.documentElement.append(host);
  if (resumeStore.get()) session.start();
  loadSettings();
};
if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount);
})();
