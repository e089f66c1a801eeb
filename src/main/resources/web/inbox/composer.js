// Writing a reply: canned responses after "/", attachments (button, paste, drag and drop) with
// progress, quick reply buttons, and telling the visitor that the operator types.
import { $, api, element, button, on, report, session } from './core.js';
import { view } from './list.js';

let send = () => {};
let canned = null; // [{id, short_code, text}] once loaded
let matches = [], active = -1, lastTyping = 0;
let uploads = []; // [{file, state:'uploading'|'done'|'failed', media, progress, el}]
export let typingSink = () => {}; // set by live.js: sends /app/typing

export function setTypingSink(fn) { typingSink = fn; }

export function reset() {
  uploads = [];
  renderUploads();
  $('#quick-reply-rows').replaceChildren();
  toggleQuickReplies(false);
  closeCanned();
}

// ------------------------------------------------------------------ canned responses
export async function loadCanned() {
  canned = (await api('/canned_responses.list')).data || [];
}

function closeCanned() {
  matches = [];
  active = -1;
  $('#canned').hidden = true;
  $('#reply-input').removeAttribute('aria-activedescendant');
}

let cannedLoading = null;
const SLASH = /^\/([a-z0-9_-]*)$/i;

// Filters by what the reply says once the list is there, so fast typing never shows a stale list.
async function offerCanned() {
  if (!SLASH.test($('#reply-input').value)) return closeCanned();
  if (!canned) {
    cannedLoading ||= loadCanned().catch(() => { canned = []; }).finally(() => { cannedLoading = null; });
    await cannedLoading;
  }
  const typed = SLASH.exec($('#reply-input').value);
  if (!typed) return closeCanned();
  matches = canned.filter((c) => c.short_code.startsWith(typed[1].toLowerCase()))
    .sort((a, b) => a.short_code.localeCompare(b.short_code)).slice(0, 20);
  active = matches.length ? 0 : -1;
  return renderCanned();
}

function renderCanned() {
  const list = $('#canned');
  list.hidden = matches.length === 0;
  list.replaceChildren(...matches.map((c, i) => {
    const li = element('li');
    li.id = `canned-${i}`;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', String(i === active));
    li.append(element('span', 'code', `/${c.short_code}`), element('span', null, c.text));
    li.addEventListener('mousedown', (event) => { event.preventDefault(); insertCanned(i); });
    return li;
  }));
  if (active >= 0) $('#reply-input').setAttribute('aria-activedescendant', `canned-${active}`);
}

function insertCanned(i) {
  const input = $('#reply-input');
  input.value = matches[i].text;
  closeCanned();
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
}

/** Arrow keys move, Enter or Tab inserts, Escape closes; true when the key was the list's. */
function cannedKey(event) {
  if ($('#canned').hidden || !matches.length) return false;
  const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
  if (step) active = (active + step + matches.length) % matches.length;
  else if (event.key === 'Enter' || event.key === 'Tab') insertCanned(active);
  else if (event.key === 'Escape') closeCanned();
  else return false;
  event.preventDefault();
  if (step) renderCanned();
  return true;
}

// ------------------------------------------------------------------ attachments
function upload(file) {
  const entry = { file, state: 'uploading', progress: 0 };
  uploads.push(entry);
  renderUploads();
  const xhr = new XMLHttpRequest(); // fetch has no upload progress
  xhr.open('POST', '/media.upload');
  xhr.setRequestHeader('Authorization', `Bearer ${session.token}`);
  xhr.upload.onprogress = (event) => {
    if (event.lengthComputable) { entry.progress = event.loaded / event.total; renderUploads(); }
  };
  xhr.onload = () => {
    let body = {};
    try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
    if (xhr.status === 200) Object.assign(entry, { state: 'done', media: body, progress: 1 });
    else Object.assign(entry, { state: 'failed', error: body.message || `HTTP ${xhr.status}` });
    renderUploads();
  };
  xhr.onerror = () => { Object.assign(entry, { state: 'failed', error: 'Upload failed: Parley is not reachable.' }); renderUploads(); };
  const form = new FormData();
  form.append('file', file, file.name);
  xhr.send(form);
}

function renderUploads() {
  $('#attachments').replaceChildren(...uploads.map((u) => {
    const row = element('div', 'upload');
    row.dataset.state = u.state;
    if (u.file.type.startsWith('image/')) {
      const img = element('img');
      img.alt = '';
      img.src = u.preview || (u.preview = URL.createObjectURL(u.file));
      row.append(img);
    }
    row.append(element('span', null, u.file.name));
    if (u.state === 'uploading') {
      const bar = element('progress');
      bar.max = 1;
      bar.value = u.progress;
      bar.setAttribute('aria-label', `Uploading ${u.file.name}`);
      row.append(bar);
    } else if (u.state === 'failed') row.append(element('span', 'form-error', u.error));
    row.append(button('Remove', () => { uploads = uploads.filter((x) => x !== u); renderUploads(); },
      { 'aria-label': `Remove ${u.file.name}` }));
    return row;
  }));
}

function addFiles(files) {
  for (const file of files) if (file) upload(file);
}

// ------------------------------------------------------------------ quick replies
function toggleQuickReplies(open = $('#quick-replies').hidden) {
  $('#quick-replies').hidden = !open;
  $('#quick-reply-toggle').setAttribute('aria-expanded', String(open));
  if (open && !$('#quick-reply-rows').children.length) addQuickReply();
}

function addQuickReply() {
  const rows = $('#quick-reply-rows');
  if (rows.children.length >= 10) return;
  const n = rows.children.length + 1;
  const row = element('div', 'qr-row');
  const title = Object.assign(element('input', 'qr-title'), { maxLength: 40, placeholder: 'Button title' });
  title.setAttribute('aria-label', `Button ${n} title`);
  const payload = Object.assign(element('input', 'qr-payload'), { maxLength: 1000, placeholder: 'Payload (optional)' });
  payload.setAttribute('aria-label', `Button ${n} payload`);
  row.append(title, payload, button('Remove', () => { row.remove(); $('#quick-reply-add').disabled = false; }, { 'aria-label': `Remove button ${n}` }));
  rows.append(row);
  $('#quick-reply-add').disabled = rows.children.length >= 10;
  title.focus();
}

function quickReplies() {
  if ($('#quick-replies').hidden) return [];
  return [...document.querySelectorAll('#quick-reply-rows .qr-row')]
    .map((row) => ({ title: $('.qr-title', row).value.trim(), payload: $('.qr-payload', row).value.trim() }))
    .filter((q) => q.title)
    .map((q) => ({ title: q.title, payload: q.payload || q.title }));
}

// ------------------------------------------------------------------ sending
function submit() {
  if (!view.openId) return;
  if (uploads.some((u) => u.state === 'uploading')) return report(new Error('Wait until the upload has finished.'));
  const text = $('#reply-input').value.trim();
  const done = uploads.filter((u) => u.state === 'done');
  const qr = quickReplies();
  if (!text && !done.length) return undefined;
  done.forEach((u, i) => {
    const m = u.media;
    const message = { attachment: { type: m.content_type.startsWith('image/') ? 'image' : 'file',
      payload: { url: m.media_url, name: m.name, size: m.size, content_type: m.content_type } } };
    if (i === done.length - 1 && !text && qr.length) message.quick_replies = qr;
    send(message);
  });
  if (text) send({ text, ...(qr.length ? { quick_replies: qr } : {}) });
  $('#reply-input').value = '';
  reset();
  return undefined;
}

function typed() {
  const now = Date.now();
  if (now - lastTyping < 1000 || !view.openId) return; // at most once a second
  lastTyping = now;
  typingSink(view.openId);
}

export function setup(sendMessage) {
  send = sendMessage;
  const input = $('#reply-input');
  const form = $('#reply-form');
  form.addEventListener('submit', (event) => { event.preventDefault(); submit(); });
  input.addEventListener('keydown', (event) => {
    if (cannedKey(event)) return;
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return; // Shift+Enter: a new line
    event.preventDefault();
    submit();
  });
  input.addEventListener('input', () => {
    offerCanned();
    if (input.value) typed();
  });
  input.addEventListener('blur', () => setTimeout(closeCanned, 150));
  $('#attach').addEventListener('click', () => $('#file-input').click());
  $('#file-input').addEventListener('change', (event) => { addFiles(event.target.files); event.target.value = ''; });
  input.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files || [])];
    if (files.length) { event.preventDefault(); addFiles(files); }
  });
  form.addEventListener('dragover', (event) => { event.preventDefault(); form.classList.add('dragging'); $('#drop-hint').hidden = false; });
  form.addEventListener('dragleave', () => { form.classList.remove('dragging'); $('#drop-hint').hidden = true; });
  form.addEventListener('drop', (event) => {
    event.preventDefault();
    form.classList.remove('dragging');
    $('#drop-hint').hidden = true;
    addFiles([...(event.dataTransfer?.files || [])]);
  });
  $('#quick-reply-toggle').addEventListener('click', () => toggleQuickReplies());
  $('#quick-reply-add').addEventListener('click', addQuickReply);
  on('canned', () => { canned = null; });
}
