// Parley operator inbox: plain ES modules from the jar, no build step. It borrows the STOMP
// client of /s.js (window.parleyStomp). Parts: core (session, API, strings), auth (sign-in and
// first run), list, thread and composer (conversations), live (socket, alerts), admin, settings.
import { $, T, api, emit, on, report, session } from './inbox/core.js';
import * as auth from './inbox/auth.js';
import * as list from './inbox/list.js';
import * as thread from './inbox/thread.js';
import * as live from './inbox/live.js';
import * as admin from './inbox/admin.js';
import * as settings from './inbox/settings.js';

const VIEWS = ['inbox', 'admin', 'settings'];

function showView(name) {
  for (const v of VIEWS) {
    $(`#${v}`).hidden = v !== name;
    $(`#views [data-view="${v}"]`).setAttribute('aria-pressed', String(v === name));
  }
  if (name === 'admin') { admin.forgetSecret(); admin.render().catch(report); }
  if (name === 'settings') settings.render().catch(report);
}

function showAvailability(availability) {
  const away = availability === 'away';
  const b = $('#availability');
  b.textContent = away ? T.away : T.online;
  b.setAttribute('aria-pressed', String(away));
  b.setAttribute('aria-label', away ? 'You are away: click to go online' : 'You are online: click to go away');
  b.dataset.availability = away ? 'away' : 'online';
}

async function signedIn(me) {
  const isAdmin = me.role === 'admin';
  $('#views').hidden = false;
  $('#views [data-view="admin"]').hidden = !isAdmin;
  $('#views [data-view="settings"]').hidden = !isAdmin;
  for (const id of ['sign-out', 'availability', 'me-name']) $(`#${id}`).hidden = false;
  $('#me-name').textContent = `${me.name} (${me.role})`;
  showAvailability(me.availability);
  showView('inbox');
  emit('signed-in');
  await admin.loadOperators().catch(report);
  await list.loadConversations().catch(report);
  live.start();
}

if (!window.parleyStomp) {
  report(new Error('Could not load /s.js, which the inbox needs for live updates.'));
} else {
  list.setup();
  thread.setup();
  live.setup();
  on('open', (id) => { showView('inbox'); thread.open(id); list.render(); }); // open() sets openId at once
  on('conversation', thread.onConversation);
  on('operators', () => thread.fillAssignees());
  on('stopped', () => { list.conversations.clear(); list.render(); });
  for (const b of document.querySelectorAll('#views [data-view]')) b.addEventListener('click', () => showView(b.dataset.view));
  $('#availability').addEventListener('click', () => {
    const next = $('#availability').dataset.availability === 'away' ? 'online' : 'away';
    api('/operators.setAvailability', { availability: next }).then((me) => {
      session.me = { ...session.me, ...me };
      showAvailability(me.availability ?? next);
    }, report);
  });
  auth.start(signedIn);
}
