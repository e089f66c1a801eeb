// Signing in and out, and the first-run path: while no person has an account, the page (rendered
// by the server with data-setup="needed") offers to create the first admin with the API token.
import { $, T, api, emit, keepToken, on, savedToken, session } from './core.js';

let onSignedIn = () => {};

function show(which, reason = '') {
  for (const id of ['setup', 'login']) $(`#${id}`).hidden = id !== which;
  for (const id of ['inbox', 'admin', 'settings', 'views', 'sign-out', 'availability', 'me-name', 'notify-enable']) $(`#${id}`).hidden = true;
  $('#connection-status').textContent = '';
  if (which === 'login') {
    $('#login-error').textContent = reason;
    $('#login-password').value = '';
    $('#login-email').focus();
  } else {
    $('#setup-error').textContent = reason;
    $('#setup-token').focus();
  }
}

async function enter(token, me) {
  keepToken(token);
  session.me = me || (await api('/operators.me'));
  $('#setup').hidden = $('#login').hidden = true;
  document.body.dataset.setup = 'done';
  onSignedIn(session.me);
}

async function login(event) {
  event.preventDefault();
  const email = $('#login-email').value.trim();
  const password = $('#login-password').value;
  $('#login-error').textContent = '';
  try {
    const { token, operator } = await api('/auth.login', { email, password }, null);
    await enter(token, operator);
  } catch (error) {
    $('#login-error').textContent = error.status === 401 ? T.wrongLogin : error.message;
  }
}

async function setup(event) {
  event.preventDefault();
  $('#setup-error').textContent = '';
  const body = { name: $('#setup-name').value.trim(), email: $('#setup-email').value.trim(), password: $('#setup-password').value };
  try {
    const { token, operator } = await api('/auth.setup', body, $('#setup-token').value.trim());
    $('#setup-token').value = $('#setup-password').value = '';
    await enter(token, operator);
  } catch (error) {
    if (error.status === 409) return show('login', 'Parley is set up already: sign in.');
    $('#setup-error').textContent = error.status === 401 ? 'That API token was refused.' : error.message;
  }
  return undefined;
}

export async function signOut(reason = '') {
  const token = session.token;
  keepToken(null);
  session.me = null;
  emit('stopped');
  if (token && !reason) api('/auth.logout', {}, token).catch(() => {}); // ends the session on the server too
  show(document.body.dataset.setup === 'needed' ? 'setup' : 'login', reason);
}

/** Starts: a kept session resumes, else the first-run or sign-in form. */
export async function start(signedIn) {
  onSignedIn = signedIn;
  $('#login-form').addEventListener('submit', login);
  $('#setup-form').addEventListener('submit', setup);
  $('#sign-out').addEventListener('click', () => signOut(''));
  on('signed-out', (reason) => signOut(reason));
  const token = savedToken();
  if (token) {
    try {
      keepToken(token);
      return await enter(token);
    } catch (error) {
      keepToken(null);
      if (error.unreachable) return show('login', error.message);
    }
  }
  return show(document.body.dataset.setup === 'needed' ? 'setup' : 'login');
}
