// What the browser scenarios share: the Debian chromium driven by playwright-core, a website on
// another origin than Parley, the widget as a visitor sees it, and the line protocol with the
// JUnit test that started this process:
//   stdin  {"run":"<scenario>"}             run one scenario in a fresh browser context
//          {"step":"<name>"}                 answer a scenario waiting in step() (e.g. "server stopped")
//   stdout {"event":"ready"}                 once the browser is up
//          {"event":"step","name":...}       a scenario asks the test to do something, then waits
//          {"event":"done","scenario":...}   the scenario's findings, for the test to assert on
//          {"event":"failed","scenario":...,"error":...}
import http from 'node:http';
import readline from 'node:readline';
import { chromium } from 'playwright-core';

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
export const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
export const WAIT_MS = 15000; // how long any one condition may take before the scenario fails
// After an outage the next reconnect attempt may be a backoff step (up to 16 s) away.
export const RECONNECT_MS = 40000;

// ------------------------------------------------------------------ the JUnit test on stdin
const lines = [];
const readers = [];
let stdinClosed = false;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  if (readers.length) readers.shift()(command);
  else lines.push(command);
}).on('close', () => {
  stdinClosed = true;
  readers.splice(0).forEach((resolve) => resolve(null));
});
const nextCommand = () => (lines.length || stdinClosed
  ? Promise.resolve(lines.shift() ?? null)
  : new Promise((resolve) => readers.push(resolve)));

/** Asks the test to do something (stop the server, send a reply) and waits until it has. */
export async function step(name, details = {}) {
  emit({ event: 'step', name, ...details });
  const answer = await nextCommand();
  if (answer?.step !== name) throw new Error(`expected step ${name}, got ${JSON.stringify(answer)}`);
  if (answer.error) throw new Error(answer.error);
  return answer;
}

// ------------------------------------------------------------------ a website on another origin
/** A static server on 127.0.0.1 (Parley is on localhost): pages are registered by path. */
async function hostSite() {
  const pages = new Map();
  const server = http.createServer((request, response) => {
    const page = pages.get(new URL(request.url, 'http://host').pathname);
    response.writeHead(page ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...page?.headers });
    response.end(page?.html ?? 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    page(path, html, headers = {}) {
      pages.set(path, { html, headers });
      return origin + path;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * A host page embedding the widget: the script tag by default, or Airy's snippet ('snippet': as
 * Airy's docs give it, with h the full origin; 'bare-host': h without a scheme, as Airy's own widget
 * takes it, with its no_tls flag since the test server has no TLS, and s.js in a tag; 'airy-2021': Airy's
 * 2021+ snippet {channelId, host, config} loading host + /chatplugin/ui/s.js).
 */
export function embedPage({ parley, channelId, airy, css = '', head = '', body = '', user }) {
  const identity = user ? ` data-user-id="${user.id}" data-user-hash="${user.hash}"` : '';
  const cid = JSON.stringify(channelId);
  const install = {
    snippet: `<script>(function (w, d, s, n) {
        w[n] = w[n] || {}; w[n].cid = ${cid}; w[n].h = ${JSON.stringify(parley)};
        var f = d.getElementsByTagName(s)[0], j = d.createElement(s);
        j.async = true; j.src = w[n].h + '/s.js'; f.parentNode.insertBefore(j, f);
      })(window, document, 'script', 'airy');</script>`,
    'bare-host': `<script>window.airy = {cid: ${cid}, h: ${JSON.stringify(new URL(parley).host)}, no_tls: true};</script>
      <script src="${parley}/s.js" async></script>`,
    'airy-2021': `<script>window.airy = {channelId: ${cid}, host: ${JSON.stringify(parley)}, config: {}};</script>
      <script src="${parley}/chatplugin/ui/s.js" async></script>`,
  }[airy] ?? `<script src="${parley}/s.js" data-channel-id="${channelId}" data-title="Browser test shop"${identity} async></script>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1"><title>A website</title>
    ${css ? `<style>${css}</style>` : ''}${head}${airy === 'snippet' ? install : ''}</head>
    <body><h1>A website on another origin</h1>${body}${airy === 'snippet' ? '' : install}</body></html>`;
}

// ------------------------------------------------------------------ the widget, as the visitor sees it
// Playwright's CSS selectors pierce open shadow roots, so these reach inside the widget.
export const W = {
  host: '#parley-chat-widget',
  launcher: '#parley-chat-widget .parley-launcher',
  panel: '#parley-chat-widget .parley-panel',
  input: '#parley-chat-widget .parley-input',
  send: '#parley-chat-widget .parley-send',
  status: '#parley-chat-widget .parley-status',
};

/** The conversation's messages the widget shows, in order (not the greeting every visitor sees first). */
export const widgetMessages = (page) => page.evaluate(() => {
  const root = document.getElementById('parley-chat-widget')?.shadowRoot;
  return [...(root?.querySelectorAll('.parley-message:not(.parley-welcome)') ?? [])].map((el) => ({
    id: el.dataset.id,
    state: el.dataset.state,
    side: ['left', 'right', 'center'].find((side) => el.classList.contains(`parley-${side}`)),
    text: el.querySelector('.parley-bubble').textContent,
  }));
});

export const widgetStatus = (page) => page.locator(W.status).textContent();

/** Waits until the widget shows a message with this text (and side/state, if given); returns it. */
export async function waitForMessage(page, text, { side, state = 'DELIVERED', timeout = WAIT_MS } = {}) {
  const handle = await page.waitForFunction(({ text, side, state }) => {
    const root = document.getElementById('parley-chat-widget')?.shadowRoot;
    const el = [...(root?.querySelectorAll('.parley-message') ?? [])].find((m) =>
      m.querySelector('.parley-bubble').textContent === text && (!state || m.dataset.state === state)
      && (!side || m.classList.contains(`parley-${side}`)));
    return el && { id: el.dataset.id, state: el.dataset.state };
  }, { text, side, state }, { timeout });
  return handle.jsonValue();
}

/** Waits until the widget's status line matches (a RegExp; /^$/ is "connected", no status shown). */
export const waitForStatus = (page, pattern, timeout = WAIT_MS) => page.waitForFunction(({ source, flags }) => new RegExp(source, flags).test(
  document.getElementById('parley-chat-widget')?.shadowRoot?.querySelector('.parley-status')?.textContent ?? 'not mounted'),
{ source: pattern.source, flags: pattern.flags }, { timeout }).catch(async (error) => {
  throw new Error(`widget status never matched ${pattern} (it says "${await widgetStatus(page).catch(() => '?')}"): ${error.message}`);
});

/** Loads a page and waits until the widget has mounted. */
export async function openPage(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator(W.launcher).waitFor({ timeout: WAIT_MS });
  return page;
}

/** Types into the widget and presses Enter, then waits until the server has confirmed it. */
export async function visitorSays(page, text) {
  await page.locator(W.input).fill(text);
  await page.locator(W.input).press('Enter');
  return waitForMessage(page, text, { side: 'right' });
}

// ------------------------------------------------------------------ Parley's operator API
export async function operator(path, body = {}) {
  const response = await fetch(`${env('PARLEY_URL')}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${env('PARLEY_API_TOKEN')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${path} -> ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Polls until check() returns something truthy: for conditions outside the browser. */
export async function eventually(check, description, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

// ------------------------------------------------------------------ the scenario loop
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCENARIO_TIMEOUT_MS = 80000;

/** Runs scenarios(name) => async ({browser, context, site}) => findings, as the test asks for them. */
export async function serve(scenarios) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: LAUNCH_ARGS });
  const site = await hostSite();
  emit({ event: 'ready', chromium: browser.version(), site: site.origin });
  for (let command = await nextCommand(); command; command = await nextCommand()) {
    const scenario = command.run;
    const context = await browser.newContext({ viewport: { width: 1024, height: 720 }, ...scenarios[scenario]?.context });
    const consoleErrors = [];
    context.on('weberror', (error) => consoleErrors.push(String(error.error())));
    let timer;
    try {
      if (!scenarios[scenario]) throw new Error(`no scenario ${scenario}`);
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`scenario took over ${SCENARIO_TIMEOUT_MS} ms`)), SCENARIO_TIMEOUT_MS);
      });
      const findings = await Promise.race([scenarios[scenario].run({ browser, context, site, command }), timeout]);
      emit({ event: 'done', scenario, pageErrors: consoleErrors, ...findings });
    } catch (error) {
      const shot = `${process.env.SCREENSHOT_DIR || '/tmp'}/failed-${scenario}.png`;
      await context.pages()[0]?.screenshot({ path: shot }).catch(() => {});
      emit({ event: 'failed', scenario, error: String(error.stack || error), pageErrors: consoleErrors, screenshot: shot });
    } finally {
      clearTimeout(timer);
      await context.close().catch(() => {});
    }
  }
  await site.close();
  await browser.close();
}
