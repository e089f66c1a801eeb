// Channel settings (admins): the widget's look, messages, language, pre-chat questions, business
// hours and offline behaviour, plus content_format and auto_assign, with a live preview of the
// unsaved settings. The API's "field 'widget.color' …" errors are shown next to that field.
import { $, api, element, report } from './core.js';

const DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'],
  ['sat', 'Saturday'], ['sun', 'Sunday']];
const LOCALES = [['auto', 'Follow the browser'], ['en', 'English'], ['de', 'Deutsch'], ['fr', 'Français'], ['es', 'Español']];
let channels = [], current = null;

function control(field, label, input, hint) {
  const wrap = element('label');
  wrap.dataset.field = field;
  wrap.append(label, input);
  if (hint) wrap.append(element('span', 'hint', hint));
  const error = element('span', 'field-error');
  error.id = `error-${field.replace(/[^a-z0-9]/gi, '-')}`;
  error.setAttribute('aria-live', 'polite');
  input.setAttribute('aria-describedby', error.id);
  wrap.append(error);
  return wrap;
}

const text = (name, value, attrs = {}) => Object.assign(element(attrs.multiline ? 'textarea' : 'input'), { name, value: value ?? '', maxLength: attrs.max ?? 500, rows: 2 });
const check = (name, value) => Object.assign(element('input'), { type: 'checkbox', name, checked: Boolean(value) });
function choice(name, options, value) {
  const s = Object.assign(element('select'), { name });
  for (const [v, label] of options) s.append(Object.assign(element('option', null, label), { value: v, selected: v === value }));
  return s;
}

function form(channel) {
  const w = channel.widget || {};
  const f = element('form');
  f.id = 'channel-form';
  f.setAttribute('aria-label', `Settings of ${channel.name}`);
  const hours = w.business_hours;
  const days = DAYS.map(([day, label]) => control(`widget.business_hours.days.${day}`, label,
    text(`day-${day}`, (hours?.days?.[day] || []).map((r) => r.join('-')).join(', '), { max: 200 })));
  f.append(
    control('widget.title', 'Title', text('title', w.title, { max: 100 })),
    control('widget.color', 'Colour (#rrggbb)', text('color', w.color, { max: 20 })),
    control('widget.position', 'Position', choice('position', [['right', 'Bottom right'], ['left', 'Bottom left']], w.position || 'right')),
    control('widget.welcome_message', 'Welcome message', text('welcome_message', w.welcome_message, { multiline: true, max: 1000 })),
    control('widget.away_message', 'Away message', text('away_message', w.away_message, { multiline: true, max: 1000 })),
    control('widget.locale', 'Language', choice('locale', LOCALES, w.locale || 'auto')),
    control('widget.pre_chat.name', 'Ask for the name', choice('pre_name', [['off', 'No'], ['optional', 'Optional'], ['required', 'Required']], w.pre_chat?.name || 'off')),
    control('widget.pre_chat.email', 'Ask for the email', choice('pre_email', [['off', 'No'], ['optional', 'Optional'], ['required', 'Required']], w.pre_chat?.email || 'off')),
    control('widget.read_receipts', 'Tell visitors when their messages are read', check('read_receipts', w.read_receipts !== false)),
    control('widget.hide_when_offline', 'Hide the launcher when nobody answers', check('hide_when_offline', w.hide_when_offline)),
    control('widget.business_hours', 'Business hours', check('hours_on', Boolean(hours)), 'Off: always open while someone is online.'),
    control('widget.business_hours.time_zone', 'Time zone', text('time_zone', hours?.time_zone || Intl.DateTimeFormat().resolvedOptions().timeZone, { max: 64 })),
    element('p', 'hint', 'Hours per day as 09:00-12:00, 13:00-17:00; empty is closed.'),
    ...days,
    control('content_format', 'Message format for visitors', choice('content_format', [['text', 'Parley (text)'], ['airy', 'Airy'], ['airy-2021', 'Airy 2021']], channel.content_format || 'text')),
    control('auto_assign', 'Assign new conversations to the least busy agent online', check('auto_assign', channel.auto_assign)),
    Object.assign(element('button', 'primary', 'Save'), { type: 'submit', id: 'channel-save' }),
    Object.assign(element('p', null, ''), { id: 'channel-saved', role: 'status' }),
  );
  f.addEventListener('input', () => preview(f));
  f.addEventListener('change', () => preview(f));
  f.addEventListener('submit', (event) => { event.preventDefault(); save(f); });
  return f;
}

function ranges(value) {
  return value.split(',').map((r) => r.trim()).filter(Boolean).map((r) => r.split('-').map((t) => t.trim()));
}

function settingsOf(f) {
  const v = (name) => f.elements[name];
  const widget = {
    title: v('title').value, color: v('color').value.trim(), position: v('position').value,
    welcome_message: v('welcome_message').value, away_message: v('away_message').value, locale: v('locale').value,
    pre_chat: { name: v('pre_name').value, email: v('pre_email').value },
    read_receipts: v('read_receipts').checked, hide_when_offline: v('hide_when_offline').checked,
    business_hours: v('hours_on').checked
      ? { time_zone: v('time_zone').value.trim(), days: Object.fromEntries(DAYS.map(([d]) => [d, ranges(v(`day-${d}`).value)]).filter(([, r]) => r.length)) }
      : null,
  };
  return { widget, content_format: v('content_format').value, auto_assign: v('auto_assign').checked };
}

function showErrors(f, message) {
  for (const el of f.querySelectorAll('.field-error')) el.textContent = '';
  for (const el of f.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  if (!message) return false;
  const named = /field '([^']+)'/.exec(message)?.[1];
  // The most precise field shown: widget.business_hours.days.mon[0] is shown at that day.
  const fields = [...f.querySelectorAll('[data-field]')].map((el) => el.dataset.field)
    .filter((field) => named && (named === field || named.startsWith(`${field}.`) || named.startsWith(`${field}[`)))
    .sort((a, b) => b.length - a.length);
  const target = fields.length && f.querySelector(`[data-field="${CSS.escape(fields[0])}"]`);
  if (!target) return false;
  target.querySelector('.field-error').textContent = message;
  target.querySelector('input, select, textarea').setAttribute('aria-invalid', 'true');
  target.querySelector('input, select, textarea').focus();
  return true;
}

async function save(f) {
  showErrors(f, null);
  $('#channel-saved').textContent = '';
  try {
    current = await api('/channels.update', { channel_id: current.id, ...settingsOf(f) });
    channels = channels.map((c) => (c.id === current.id ? current : c));
    $('#channel-saved').textContent = 'Saved.';
  } catch (error) {
    if (error.status !== 400 || !showErrors(f, error.message)) report(error);
  }
}

/** The widget as visitors will see it with the unsaved settings: launcher, header, first message. */
function preview(f) {
  const { widget } = settingsOf(f);
  const color = /^#[0-9a-f]{6}$/i.test(widget.color) ? widget.color : '#9ca3af';
  const box = $('#widget-preview');
  const panel = element('div', 'preview-panel');
  panel.style.cssText = `position:absolute;bottom:76px;${widget.position === 'left' ? 'left' : 'right'}:16px;width:300px;border-radius:12px;box-shadow:0 4px 18px rgba(0,0,0,.15);background:#fff;overflow:hidden`;
  const head = element('div', 'preview-title', widget.title || current.name || 'Chat');
  head.style.cssText = `background:${color};color:#fff;padding:12px 14px;font-weight:600`;
  const body = element('div', null);
  body.style.cssText = 'padding:12px 14px;min-height:120px;font-size:14px';
  if (widget.welcome_message) {
    const bubble = element('div', 'preview-welcome', widget.welcome_message);
    bubble.style.cssText = 'background:#f3f4f6;border-radius:12px;padding:8px 10px;white-space:pre-wrap';
    body.append(bubble);
  }
  if (widget.pre_chat.email !== 'off') body.append(element('p', 'hint', `Email (${widget.pre_chat.email})`));
  panel.append(head, body);
  const launcher = element('div', 'preview-launcher');
  launcher.style.cssText = `position:absolute;bottom:16px;${widget.position === 'left' ? 'left' : 'right'}:16px;width:52px;height:52px;border-radius:50%;background:${color}`;
  box.replaceChildren(panel, launcher);
  box.dataset.color = color;
  box.dataset.position = widget.position;
}

function show(channel) {
  current = channel;
  const f = form(channel);
  const previewBox = element('div');
  previewBox.id = 'widget-preview';
  previewBox.setAttribute('role', 'img');
  previewBox.setAttribute('aria-label', 'Preview of the widget with these settings');
  previewBox.style.position = 'relative';
  const layout = element('div', 'settings-layout');
  layout.append(f, previewBox);
  $('#channel-settings').replaceChildren(layout);
  preview(f);
}

export async function render() {
  channels = (await api('/channels.list')).data || [];
  const panel = element('section', 'panel');
  panel.setAttribute('aria-labelledby', 'channels-title');
  const picker = choice('channel', channels.map((c) => [c.id, c.name]), channels[0]?.id);
  picker.id = 'channel-picker';
  const label = element('label', null, 'Channel ');
  label.append(picker);
  const body = element('div');
  body.id = 'channel-settings';
  panel.append(Object.assign(element('h2', null, 'Channel settings'), { id: 'channels-title' }), label, body);
  $('#settings').replaceChildren(panel);
  picker.addEventListener('change', () => show(channels.find((c) => c.id === picker.value)));
  if (channels[0]) show(channels[0]);
  else body.append(element('p', null, 'No channel yet: connect one with /channels.connect.'));
}
