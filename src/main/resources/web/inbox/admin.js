// The admin page (admins only): people and bots, and the team's canned responses.
import { $, api, button, element, emit, operators, report, session } from './core.js';

const ROLES = ['admin', 'agent', 'bot'];
let secret = null; // the bot just created, whose token is shown until the page is left

function field(labelText, input) {
  const label = element('label', null, labelText);
  label.append(input);
  return label;
}

function input(name, attrs = {}) {
  const el = element(attrs.tag || 'input');
  el.name = name;
  for (const [k, v] of Object.entries(attrs)) if (k !== 'tag') el[k] = v;
  return el;
}

function select(name, values, current) {
  const el = input(name, { tag: 'select' });
  for (const v of values) el.append(Object.assign(element('option', null, v), { value: v, selected: v === current }));
  return el;
}

export async function loadOperators() {
  const { data = [] } = await api('/operators.list');
  const known = new Map(operators);
  operators.clear();
  // operators.list says nothing of presence: it is learnt from /queue/operator/presence events
  data.forEach((o) => operators.set(o.id, { ...o, online: known.get(o.id)?.online ?? o.online }));
  emit('operators');
}

async function update(o, changes) {
  try {
    const updated = await api('/operators.update', { operator_id: o.id, ...changes });
    operators.set(updated.id, { ...operators.get(updated.id), ...updated });
    emit('operators');
  } catch (error) { report(error); }
  render();
}

function operatorRow(o) {
  const tr = element('tr');
  tr.dataset.id = o.id;
  const role = select('role', ROLES, o.role);
  role.setAttribute('aria-label', `Role of ${o.name}`);
  role.disabled = o.id === session.me.id; // an admin cannot demote themselves out of this page
  role.addEventListener('change', () => update(o, { role: role.value }));
  const toggle = button(o.disabled ? 'Enable' : 'Disable', () => update(o, { disabled: !o.disabled }),
    { 'aria-label': `${o.disabled ? 'Enable' : 'Disable'} ${o.name}` });
  toggle.disabled = o.id === session.me.id;
  const status = o.disabled ? 'disabled' : o.online === undefined ? o.availability || '' : (o.online ? 'online' : 'offline');
  const cells = [o.name, o.email || '\u2014', null, status, null];
  cells.forEach((text, i) => {
    const td = element('td', null, text);
    if (i === 2) td.append(role);
    if (i === 4) td.append(toggle);
    tr.append(td);
  });
  return tr;
}

function operatorsPanel() {
  const panel = element('section', 'panel');
  panel.setAttribute('aria-labelledby', 'team-title');
  panel.append(Object.assign(element('h2', null, 'Team'), { id: 'team-title' }));
  const table = element('table');
  table.id = 'operators';
  const head = element('tr');
  ['Name', 'Email', 'Role', 'Status', ''].forEach((h) => head.append(element('th', null, h)));
  table.append(head, ...[...operators.values()].map(operatorRow));
  const form = element('form');
  form.id = 'operator-form';
  form.setAttribute('aria-label', 'Add an operator');
  const role = select('role', ROLES, 'agent');
  const password = input('password', { type: 'password', autocomplete: 'new-password', minLength: 10, maxLength: 200 });
  form.append(field('Name', input('name', { required: true, maxLength: 100 })), field('Email', input('email', { type: 'email' })),
    field('Role', role), field('Password (people)', password),
    Object.assign(element('button', 'primary', 'Add'), { type: 'submit' }));
  const box = element('div');
  box.id = 'bot-token';
  box.setAttribute('role', 'status');
  role.addEventListener('change', () => { password.disabled = role.value === 'bot'; });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    if (data.role === 'bot') delete data.password;
    if (!data.email) delete data.email;
    try {
      const created = await api('/operators.create', data);
      operators.set(created.id, created);
      emit('operators');
      secret = created.api_token ? created : null;
      await render();
    } catch (error) { report(error); }
  });
  // A bot's token is shown once: the server keeps only its hash and cannot show it again.
  if (secret) box.append(element('p', null, `Token for ${secret.name}. Copy it now: it is shown only once.`),
    element('div', 'secret', secret.api_token));
  panel.append(table, element('h3', null, 'Add a person or a bot'), form, box);
  return panel;
}

async function cannedPanel() {
  const panel = element('section', 'panel');
  panel.setAttribute('aria-labelledby', 'canned-title');
  panel.append(Object.assign(element('h2', null, 'Canned responses'), { id: 'canned-title' }),
    element('p', 'hint', 'Type / and the short code in a reply to insert one.'));
  let items = [];
  try { items = (await api('/canned_responses.list')).data || []; } catch (error) { report(error); }
  const table = element('table');
  table.id = 'canned-responses';
  for (const c of items) {
    const tr = element('tr');
    const code = input('short_code', { value: c.short_code, maxLength: 32 });
    code.setAttribute('aria-label', `Short code of /${c.short_code}`);
    const text = input('text', { tag: 'textarea', value: c.text, rows: 2, cols: 50 });
    text.setAttribute('aria-label', `Text of /${c.short_code}`);
    const save = button('Save', () => api('/canned_responses.update', { canned_response_id: c.id, short_code: code.value, text: text.value })
      .then(() => { emit('canned'); render(); }, report), { 'aria-label': `Save /${c.short_code}` });
    const del = button('Delete', () => api('/canned_responses.delete', { canned_response_id: c.id })
      .then(() => { emit('canned'); render(); }, report), { 'aria-label': `Delete /${c.short_code}` });
    [code, text, save, del].forEach((el) => { const td = element('td'); td.append(el); tr.append(td); });
    table.append(tr);
  }
  const form = element('form');
  form.id = 'canned-form';
  form.setAttribute('aria-label', 'Add a canned response');
  form.append(field('Short code', input('short_code', { required: true, maxLength: 32, pattern: '[a-z0-9_\\-]{1,32}' })),
    field('Text', input('text', { tag: 'textarea', required: true, rows: 2, cols: 50 })),
    Object.assign(element('button', 'primary', 'Add'), { type: 'submit' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    api('/canned_responses.create', Object.fromEntries(new FormData(form))).then(() => { emit('canned'); render(); }, report);
  });
  panel.append(table, form);
  return panel;
}

/** Leaving the page forgets a bot token on show. */
export function forgetSecret() { secret = null; }

export async function render() {
  const root = $('#admin');
  const isAdmin = session.me?.role === 'admin';
  const panels = [];
  if (isAdmin) panels.push(operatorsPanel());
  panels.push(await cannedPanel()); // agents may manage canned responses too
  root.replaceChildren(...panels);
}
