// The chat widget (/s.js) in headless Chromium, embedded in a page on another origin than Parley.
// Driven by BrowserWidgetTest, which asserts on the findings each scenario prints; see browser-lib.mjs.
// Env: PARLEY_URL, PARLEY_API_TOKEN, CHANNEL_ID, SCREENSHOT_DIR.
import {
  W, embedPage, env, eventually, openPage, operator, serve, step, visitorSays, waitForMessage, waitForStatus,
  widgetMessages, widgetStatus, RECONNECT_MS, WAIT_MS,
} from './browser-lib.mjs';

const parley = env('PARLEY_URL');
const channelId = env('CHANNEL_ID');

const state = (page) => page.evaluate(() => window.parleyWidget.state());
const conversationId = (page) => eventually(async () => (await state(page)).conversationId, 'a conversation id');

async function openWidget(page) {
  await page.locator(W.launcher).click();
  await page.locator(W.panel).waitFor({ state: 'visible', timeout: WAIT_MS });
  await waitForStatus(page, /^$/);
}

/** The test answers as the operator, over the API (/messages.send); resolves once it has been sent. */
const operatorReplies = async (page, text) => step('reply', { conversation_id: await conversationId(page), text });

const rect = (page, selector) => page.locator(selector).evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
});

/** Deep active element: the page's, or inside the widget's shadow root. */
const focused = (page) => page.evaluate(() => {
  const active = document.activeElement;
  const inner = active?.shadowRoot?.activeElement;
  return inner ? `widget:${inner.className}` : `page:${active?.tagName.toLowerCase()}`;
});

/** A channel of its own for a scenario, with these settings (/channels.update); returns its id. */
async function channelWith(name, update = {}) {
  const channel = await operator('/channels.connect', { source: 'chat_plugin', source_channel_id: `bw-${name}`, name });
  if (Object.keys(update).length) await operator('/channels.update', { channel_id: channel.id, ...update });
  return channel.id;
}

/** The operator sends over the API (/messages.send) into the page's conversation. */
const operatorSends = async (page, message) => operator('/messages.send', { conversation_id: await conversationId(page), message });

/** Uploads as the operator (/media.upload with the API token, multipart, one part "file"). The body
 *  is built here, with its length, as browsers send it (Node's FormData streams it chunked). */
async function operatorUploads(name, type, bytes) {
  const boundary = 'parley-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const response = await fetch(`${parley}/media.upload`, {
    method: 'POST', body,
    headers: { Authorization: `Bearer ${env('PARLEY_API_TOKEN')}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`/media.upload -> ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Runs fn inside the widget's shadow root, in the page. */
const inWidget = (page, fn, arg) => page.evaluate(([source, a]) => {
  const root = document.getElementById('parley-chat-widget').shadowRoot;
  return new Function('root', 'arg', `return (${source})(root, arg);`)(root, a);
}, [fn.toString(), arg]);

const waitInWidget = (page, fn, arg) => page.waitForFunction(([source, a]) => {
  const root = document.getElementById('parley-chat-widget')?.shadowRoot;
  return root && new Function('root', 'arg', `return (${source})(root, arg);`)(root, a);
}, [fn.toString(), arg], { timeout: WAIT_MS }).then((handle) => handle.jsonValue());

// A 40x30 PNG, orange: a real image the browser decodes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAACgAAAAeCAIAAADRv8uKAAAAK0lEQVR42u3NMQ0AAAgDsKnAKOr5kAFHk/7NdJ2IWCwWi8VisVgsFov/xgtV6xHKLemMGgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

const scenarios = {
  // The visitor types and presses Enter; the operator answers over the API; both show up. A reply
  // to a closed widget marks the launcher until the visitor opens it.
  chat: {
    async run({ context, site }) {
      const page = await openPage(context, site.page('/chat', embedPage({ parley, channelId })));
      const before = await state(page);
      await openWidget(page);
      const sent = await visitorSays(page, 'Hello from the browser');
      await operatorReplies(page, 'Hello from the operator');
      const shown = await waitForMessage(page, 'Hello from the operator', { side: 'left' });
      await page.locator('#parley-chat-widget .parley-close').click();
      await operatorReplies(page, 'Are you still there?');
      await page.locator(`${W.launcher}[data-unread]`).waitFor({ timeout: WAIT_MS });
      const unreadWhileClosed = await page.locator(W.launcher).getAttribute('data-unread') !== null;
      await page.locator(W.launcher).click();
      await waitForMessage(page, 'Are you still there?', { side: 'left' });
      return {
        idleBeforeOpening: !before.connected && !before.conversationId, conversationId: await conversationId(page), sent, shown,
        unreadWhileClosed, unreadAfterOpening: await page.locator(W.launcher).getAttribute('data-unread') !== null,
        messages: await widgetMessages(page), status: await widgetStatus(page),
        times: await page.locator('#parley-chat-widget .parley-meta time').evaluateAll((els) => els.map((t) => t.dateTime)),
      };
    },
  },

  // A second tab of the same visitor shares the conversation, live, both ways.
  two_tabs: {
    async run({ context, site }) {
      const url = site.page('/tabs', embedPage({ parley, channelId }));
      const first = await openPage(context, url);
      await openWidget(first);
      await visitorSays(first, 'written in the first tab');
      const second = await openPage(context, url);
      await openWidget(second);
      await waitForMessage(second, 'written in the first tab', { side: 'right' });
      await visitorSays(second, 'written in the second tab');
      await waitForMessage(first, 'written in the second tab', { side: 'right' });
      await operatorReplies(first, 'seen in both tabs');
      await waitForMessage(first, 'seen in both tabs', { side: 'left' });
      await waitForMessage(second, 'seen in both tabs', { side: 'left' });
      return { first: await widgetMessages(first), second: await widgetMessages(second) };
    },
  },

  // A reload continues the conversation with its history, and connects before the panel is opened.
  reload: {
    async run({ context, site }) {
      const page = await openPage(context, site.page('/reload', embedPage({ parley, channelId })));
      await openWidget(page);
      await visitorSays(page, 'first, before the reload');
      await visitorSays(page, 'second, before the reload');
      const before = { conversationId: await conversationId(page), messages: await widgetMessages(page) };
      await page.reload();
      await page.waitForFunction(() => window.parleyWidget?.state().connected, undefined, { timeout: WAIT_MS });
      const panelHiddenAfterReload = await page.locator(W.panel).isHidden();
      await openWidget(page);
      await visitorSays(page, 'third, after the reload');
      return { before, panelHiddenAfterReload, after: { conversationId: await conversationId(page), messages: await widgetMessages(page) } };
    },
  },

  // The server goes away and comes back on the same port: the widget says so, reconnects and
  // catches up on what was sent while it was away, showing each message once. What the visitor
  // typed meanwhile is marked as not sent yet, and goes out by itself once connected.
  reconnect: {
    async run({ context, site }) {
      const page = await openPage(context, site.page('/reconnect', embedPage({ parley, channelId })));
      await openWidget(page);
      await visitorSays(page, 'before the outage');
      const id = await conversationId(page);
      await step('stop');
      await waitForStatus(page, /reconnecting/);
      const statusWhileDown = await widgetStatus(page);
      await page.locator(W.input).fill('typed during the outage');
      await page.locator(W.input).press('Enter');
      const queued = await waitForMessage(page, 'typed during the outage', { side: 'right', state: 'QUEUED' });
      const queuedMeta = await page.locator(`#parley-chat-widget [data-id="${queued.id}"] .parley-meta`).textContent();
      const away = await step('send-while-away', { conversation_id: id });
      for (const text of away.texts) await waitForMessage(page, text, { timeout: RECONNECT_MS });
      await waitForStatus(page, /^$/);
      const retried = await waitForMessage(page, 'typed during the outage', { side: 'right' });
      await visitorSays(page, 'after the outage');
      return { statusWhileDown, queued, queuedMeta, retried, conversationId: id, messages: await widgetMessages(page), state: await state(page) };
    },
  },

  // The browser goes offline: what the visitor types waits, and goes out by itself once back online.
  offline_typed: {
    async run({ context, site }) {
      const page = await openPage(context, site.page('/offline', embedPage({ parley, channelId })));
      await openWidget(page);
      await visitorSays(page, 'online at first');
      await context.setOffline(true);
      await waitForStatus(page, /offline/);
      const statusOffline = await widgetStatus(page);
      await page.locator(W.input).fill('typed while offline');
      await page.locator(W.input).press('Enter');
      const queued = await waitForMessage(page, 'typed while offline', { side: 'right', state: 'QUEUED' });
      await context.setOffline(false);
      const delivered = await waitForMessage(page, 'typed while offline', { side: 'right', timeout: RECONNECT_MS });
      await waitForStatus(page, /^$/);
      return { statusOffline, queued, delivered, conversationId: await conversationId(page), messages: await widgetMessages(page) };
    },
  },

  // Over the server's rate limit (the test fills it first): the widget says so, and sends the
  // message again by itself after Retry-After, with the same client_message_id.
  rate_limited: {
    async run({ context, site }) {
      const page = await openPage(context, site.page('/rate-limited', embedPage({ parley, channelId })));
      await openWidget(page);
      await visitorSays(page, 'a first message');
      const text = 'sent once the limit allows';
      const sends = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/chatplugin.send')) sends.push(JSON.parse(request.postData()));
      });
      await page.evaluate(() => { // every text the message's status line shows, however briefly
        const root = document.getElementById('parley-chat-widget').shadowRoot;
        window.__metaTexts = [];
        new MutationObserver(() => root.querySelectorAll('.parley-meta').forEach((el) => window.__metaTexts.push(el.textContent)))
          .observe(root, { subtree: true, childList: true, characterData: true });
      });
      await step('fill-rate-limit', { conversation_id: await conversationId(page) });
      await page.locator(W.input).fill(text);
      await page.locator(W.input).press('Enter');
      const delivered = await waitForMessage(page, text, { side: 'right', timeout: RECONNECT_MS });
      return {
        delivered, conversationId: await conversationId(page),
        metaTexts: [...new Set(await page.evaluate(() => window.__metaTexts))],
        sends: sends.filter((body) => body.message?.text === text), allSends: sends.length,
      };
    },
  },

  // Markup in a message is shown as the characters typed; no handler in it ever runs.
  text_not_html: {
    async run({ context, site }) {
      const page = await openPage(context, site.page('/text', embedPage({ parley, channelId })));
      await openWidget(page);
      const markup = '<img src=x onerror="window.__parleyXss = 1"> <b>bold</b> <script>window.__parleyXss = 2</script>';
      await visitorSays(page, markup);
      const links = 'see https://example.com/a?b=1, or javascript:window.__parleyXss=3';
      await visitorSays(page, links);
      const reply = '<img src=x onerror="window.__parleyXss = 4"><script>window.__parleyXss = 5</script>';
      await operatorReplies(page, reply);
      await waitForMessage(page, reply, { side: 'left' });
      return {
        markup, links, reply,
        messages: await widgetMessages(page),
        elements: await page.evaluate(() => {
          const root = document.getElementById('parley-chat-widget').shadowRoot;
          const tags = [...root.querySelectorAll('.parley-bubble *')].map((el) => el.tagName.toLowerCase());
          const anchors = [...root.querySelectorAll('.parley-bubble a')].map((a) => ({ href: a.href, rel: a.rel, target: a.target }));
          return { tags, anchors, imgInPage: document.querySelectorAll('img').length };
        }),
        xssFlag: await page.evaluate(() => window.__parleyXss ?? null),
      };
    },
  },

  // A host page whose CSS tries hard to restyle or hide everything; the widget looks and works the same.
  hostile_css: {
    async run({ context, site }) {
      const css = `
        * { color: red !important; font: 40px/3 serif !important; box-sizing: content-box !important; }
        div, span, button, textarea, form, svg, a, p, section { all: unset !important; display: none !important; }
        div:last-child, body > div, body > * { visibility: hidden !important; opacity: 0 !important; transform: scale(0) !important; }
        #parley-chat-widget, [id^="parley"], [class*="parley"] { display: none !important; position: absolute !important; left: -9999px !important; }
        button, textarea { width: 1px !important; height: 1px !important; pointer-events: none !important; }
        body { transform: translateZ(0) !important; min-height: 3000px !important; }`;
      const page = await openPage(context, site.page('/hostile', embedPage({ parley, channelId, css, body: '<div><button>page button</button></div>' })));
      const launcher = await rect(page, W.launcher);
      const launcherOnTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.id, {
        x: launcher.left + launcher.width / 2, y: launcher.top + launcher.height / 2 });
      await openWidget(page);
      await visitorSays(page, 'styled by us, not by them');
      const styles = await page.evaluate(() => {
        const root = document.getElementById('parley-chat-widget').shadowRoot;
        const style = (selector) => {
          const s = getComputedStyle(root.querySelector(selector));
          return { color: s.color, fontSize: s.fontSize, display: s.display, visibility: s.visibility, backgroundColor: s.backgroundColor };
        };
        return { launcher: style('.parley-launcher'), input: style('.parley-input'), bubble: style('.parley-right .parley-bubble') };
      });
      return { launcher, launcherOnTop, panel: await rect(page, W.panel), input: await rect(page, W.input), styles,
        viewport: page.viewportSize() };
    },
  },

  // A strict Content-Security-Policy that lets in Parley's script and connections, and no inline styles.
  strict_csp: {
    async run({ context, site }) {
      const ws = parley.replace(/^http/, 'ws');
      const csp = `default-src 'none'; script-src ${parley}; connect-src ${parley} ${ws}; style-src 'self'`;
      const violations = [];
      const page = await context.newPage();
      page.on('console', (message) => { if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text()); });
      await page.goto(site.page('/csp', embedPage({ parley, channelId }), { 'Content-Security-Policy': csp }));
      await page.locator(W.launcher).waitFor({ timeout: WAIT_MS });
      await openWidget(page);
      const sent = await visitorSays(page, 'under a strict policy');
      const launcher = await page.locator(W.launcher).evaluate((el) => ({
        background: getComputedStyle(el).backgroundColor, position: getComputedStyle(el).position }));
      return { sent, launcher, violations };
    },
  },

  // A 360 px wide phone: the open panel fills the screen, with one close control; nothing overflows sideways.
  phone: {
    context: { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    async run({ context, site }) {
      const page = await openPage(context, site.page('/phone', embedPage({ parley, channelId })));
      await openWidget(page);
      await visitorSays(page, 'Hi! Can I try a bike this weekend?');
      await operatorReplies(page, 'Sure! We are open Saturday 10:00 to 16:00. Just drop by.');
      await waitForMessage(page, 'Sure! We are open Saturday 10:00 to 16:00. Just drop by.', { side: 'left' });
      await page.screenshot({ path: `${env('SCREENSHOT_DIR')}/widget-phone.png` });
      await visitorSays(page, `a long word: ${'x'.repeat(300)}`);
      const open = {
        viewport: page.viewportSize(),
        panel: await rect(page, W.panel), input: await rect(page, W.input), send: await rect(page, W.send),
        overflow: await page.evaluate(() => {
          const list = document.getElementById('parley-chat-widget').shadowRoot.querySelector('.parley-messages');
          return { list: list.scrollWidth - list.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth };
        }),
        // what a finger finds in the corners: the widget, never the page behind it
        corners: await page.evaluate(() => [[2, 2], [358, 2], [2, 638], [358, 638], [180, 600]]
          .map(([x, y]) => document.elementFromPoint(x, y)?.id ?? null)),
        closeControls: await page.evaluate(() => [...document.getElementById('parley-chat-widget').shadowRoot.querySelectorAll('button')]
          .filter((b) => /close|minimi[sz]e/i.test(b.getAttribute('aria-label') || '') && b.getClientRects().length > 0)
          .map((b) => b.className)),
      };
      await page.locator('#parley-chat-widget .parley-close').click();
      await page.locator(W.panel).waitFor({ state: 'hidden', timeout: WAIT_MS });
      return { ...open, launcherAfterClose: await page.locator(W.launcher).isVisible() };
    },
  },

  // Keyboard only: Tab reaches the launcher, Enter opens, focus lands in the input, Escape closes.
  keyboard: {
    async run({ context, site }) {
      const body = '<p><a href="#one">a link</a> <button type="button">a page button</button></p>';
      const page = await openPage(context, site.page('/keyboard', embedPage({ parley, channelId, body })));
      const path = [];
      for (let tabs = 0; tabs < 10 && (await focused(page)) !== 'widget:parley-launcher'; tabs++) {
        await page.keyboard.press('Tab');
        path.push(await focused(page));
      }
      const launcherLabel = await page.locator(W.launcher).getAttribute('aria-label');
      await page.keyboard.press('Enter');
      await page.locator(W.panel).waitFor({ state: 'visible', timeout: WAIT_MS });
      const afterOpen = await focused(page);
      const expandedWhenOpen = await page.locator(W.launcher).getAttribute('aria-expanded');
      await page.keyboard.type('typed, never clicked');
      await page.keyboard.press('Enter');
      const sent = await waitForMessage(page, 'typed, never clicked', { side: 'right' });
      await page.keyboard.press('Escape');
      await page.locator(W.panel).waitFor({ state: 'hidden', timeout: WAIT_MS });
      return {
        path, launcherLabel, afterOpen, expandedWhenOpen, sent, afterEscape: await focused(page),
        expandedWhenClosed: await page.locator(W.launcher).getAttribute('aria-expanded'),
        labels: await page.evaluate(() => {
          const root = document.getElementById('parley-chat-widget').shadowRoot;
          return ['.parley-panel', '.parley-input', '.parley-messages', '.parley-close']
            .map((s) => root.querySelector(s).getAttribute('aria-label'));
        }),
      };
    },
  },

  // Airy's snippet, exactly as Airy's docs give it: window.airy = {cid, h} and s.js inserted by script.
  airy_snippet: {
    async run({ context, site }) {
      return chatsAfterInstall(context, site.page('/airy', embedPage({ parley, channelId, airy: 'snippet' })));
    },
  },

  // Airy's own widget takes h as a bare host ("chat.example.com"); a page may load s.js itself.
  airy_bare_host: {
    async run({ context, site }) {
      return chatsAfterInstall(context, site.page('/airy-host', embedPage({ parley, channelId, airy: 'bare-host' })));
    },
  },

  // Scripts of the host page that leave globals behind (CommonJS/AMD shims) do not stop the widget.
  host_page_globals: {
    async run({ context, site }) {
      const body = '<script>var module = { exports: {} }; var exports = module.exports; var define = function () {}; define.amd = {};</script>';
      return chatsAfterInstall(context, site.page('/globals', embedPage({ parley, channelId, head: body })));
    },
  },

  // Storage blocked (privacy settings, sandboxed frames): the chat works, just not across reloads.
  storage_blocked: {
    async run({ context, site }) {
      await context.addInitScript(() => Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The user denied storage', 'SecurityError'); },
      }));
      const page = await openPage(context, site.page('/no-storage', embedPage({ parley, channelId })));
      await openWidget(page);
      const sent = await visitorSays(page, 'no storage here');
      await operatorReplies(page, 'and yet we talk');
      await waitForMessage(page, 'and yet we talk', { side: 'left' });
      return { sent, messages: await widgetMessages(page), status: await widgetStatus(page) };
    },
  },

  // A resume token the server refuses (expired, or from another server) quietly starts afresh.
  refused_resume_token: {
    async run({ context, site }) {
      const key = `parley:resume:${channelId}`;
      const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJ0eXAiOiJyZXN1bWUifQ.c2lnbmVkIGVsc2V3aGVyZQ';
      await context.addInitScript(([key, value]) => {
        if (!sessionStorage.getItem('seeded')) localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }, [key, forged]);
      const page = await openPage(context, site.page('/refused', embedPage({ parley, channelId })));
      await page.waitForFunction(() => window.parleyWidget.state().connected, undefined, { timeout: WAIT_MS });
      await openWidget(page);
      const sent = await visitorSays(page, 'a fresh start');
      return { sent, status: await widgetStatus(page), forgedKept: await page.evaluate((k) => localStorage.getItem(k), key) === forged };
    },
  },

  // A channel that has been disconnected: the widget says the chat is not available, instead of
  // retrying for ever.
  unavailable_channel: {
    async run({ context, site, command }) {
      const { channel_id: gone } = await step('unavailable-channel', { reason: command.reason });
      const page = await openPage(context, site.page(`/unavailable-${command.reason}`, embedPage({ parley, channelId: gone })));
      await page.locator(W.launcher).click();
      await waitForStatus(page, /not available/);
      return { status: await widgetStatus(page), state: await state(page) };
    },
  },

  // A verified user (data-user-id/-hash from the website's backend) finds the same conversation on
  // another device: a second browser context shares no storage with the first.
  verified_user: {
    async run({ browser, context, site, command }) {
      const user = { id: command.user_id, hash: command.user_hash };
      const url = site.page('/account', embedPage({ parley, channelId: command.channel_id, user }));
      const phone = await openPage(context, url);
      await openWidget(phone);
      const sent = await visitorSays(phone, 'typed on my phone');
      const laptopContext = await browser.newContext({ viewport: { width: 1024, height: 720 } });
      try {
        const laptop = await openPage(laptopContext, url);
        await openWidget(laptop);
        await waitForMessage(laptop, 'typed on my phone', { side: 'right' });
        return {
          sent, phone: await conversationId(phone), laptop: await conversationId(laptop),
          laptopMessages: await widgetMessages(laptop), status: await widgetStatus(laptop),
        };
      } finally {
        await laptopContext.close();
      }
    },
  },

  // Parley's own demo page: the widget closed, then open with a conversation, for the README.
  // Issue 12: a visitor attaches an image (a sized preview that opens in a new tab); the operator
  // sends a PDF and quick replies; the visitor clicks one and its postback reaches the operator API.
  rich_messages: {
    async run({ context, site }) {
      const page = await openPage(context, site.page('/rich', embedPage({ parley, channelId: await channelWith('rich') })));
      await openWidget(page);
      await visitorSays(page, 'A picture of the scratch');
      const uploads = [];
      page.on('request', (r) => { if (r.url().endsWith('/chatplugin.upload')) uploads.push(r.method()); });
      const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
      await page.locator('#parley-chat-widget .parley-file-input').setInputFiles({ name: 'evil.png', mimeType: 'image/png', buffer: Buffer.from(svg) });
      const refused = await waitInWidget(page, (root) => {
        const error = root.querySelector('[data-state="FAILED"] .parley-error');
        return error && { error: error.textContent, name: error.closest('.parley-message').querySelector('.parley-bubble').textContent };
      });
      await page.locator('#parley-chat-widget .parley-file-input').setInputFiles({ name: 'scratch.png', mimeType: 'image/png', buffer: PNG });
      const preview = await waitInWidget(page, (root) => {
        const img = root.querySelector('.parley-right[data-state="DELIVERED"] img.parley-image');
        if (!img?.complete || !img.naturalWidth) return null;
        const r = img.getBoundingClientRect();
        return { naturalWidth: img.naturalWidth, width: r.width, maxWidth: getComputedStyle(img).maxWidth,
          href: img.closest('a').href, target: img.closest('a').target, src: img.src };
      });
      const pdf = await operatorUploads('invoice.pdf', 'application/pdf', PDF);
      await operatorSends(page, { text: 'Here is your invoice', attachment: { type: 'file', payload: { url: pdf.media_url } } });
      const file = await waitInWidget(page, (root) => {
        const a = root.querySelector('.parley-left a.parley-file');
        return a && { text: a.textContent, href: a.href, download: a.download, target: a.target,
          bubble: a.closest('.parley-message').querySelector('.parley-bubble').textContent,
          sender: a.closest('.parley-message').querySelector('.parley-sender')?.textContent ?? null };
      });
      await operatorSends(page, { text: 'Did that help?', quick_replies: [{ title: 'Yes, thanks', payload: 'HELPED' }, { title: 'No', payload: 'NOT_HELPED' }] });
      await waitForMessage(page, 'Did that help?', { side: 'left' });
      const replies = await waitInWidget(page, (root) => {
        const buttons = [...root.querySelectorAll('.parley-replies button')].map((b) => b.textContent);
        return buttons.length ? buttons : null;
      });
      await page.locator('#parley-chat-widget .parley-replies button', { hasText: 'Yes, thanks' }).click();
      await waitForMessage(page, 'Yes, thanks', { side: 'right' });
      const repliesAfterClick = await inWidget(page, (root) => root.querySelectorAll('.parley-replies button').length);
      const stored = await operator('/messages.list', { conversation_id: await conversationId(page) });
      return { refused, preview, uploads, file, replies, repliesAfterClick, stored: stored.data, pdfUrl: pdf.media_url };
    },
  },

  // Issue 12: history and live messages read the same in every content_format, and Airy's 2021+
  // snippet ({channelId, host} loading /chatplugin/ui/s.js) installs the widget.
  content_formats: {
    async run({ context, site }) {
      const shown = {};
      for (const format of ['text', 'airy', 'airy-2021']) {
        const channel = await channelWith(`format-${format}`, { content_format: format });
        const url = site.page(`/format-${format}`, embedPage({ parley, channelId: channel, airy: format === 'airy-2021' ? 'airy-2021' : undefined }));
        const page = await openPage(context, url);
        await openWidget(page);
        await visitorSays(page, `visitor in ${format}`);
        await operatorSends(page, { text: `operator in ${format}`, quick_replies: [{ title: `pick ${format}`, payload: format }] });
        await waitForMessage(page, `operator in ${format}`, { side: 'left' });
        const live = await widgetMessages(page);
        const liveReplies = await waitInWidget(page, (root) => [...root.querySelectorAll('.parley-replies button')].map((b) => b.textContent).join() || null);
        await page.reload();
        await page.waitForFunction(() => window.parleyWidget?.state().connected, undefined, { timeout: WAIT_MS });
        await openWidget(page);
        await waitForMessage(page, `operator in ${format}`, { side: 'left' });
        shown[format] = { live, liveReplies, history: await widgetMessages(page),
          historyReplies: await inWidget(page, (root) => [...root.querySelectorAll('.parley-replies button')].map((b) => b.textContent).join()) };
        await page.close();
      }
      return { shown };
    },
  },

  // Issue 14: the operator's typing shows with an animated indicator; "Seen" once the operator
  // read the conversation; the context and setContact reach the conversation.
  typing_and_seen: {
    async run({ context, site }) {
      const page = await openPage(context, site.page('/typing', embedPage({ parley, channelId: await channelWith('typing') })));
      const typingSent = []; // when the widget sent /app/typing, as seen on its socket
      page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => {
        if (String(payload).startsWith('SEND\ndestination:/app/typing\n')) typingSent.push(Date.now());
      }));
      await openWidget(page);
      await visitorSays(page, 'Is anyone there?');
      const id = await conversationId(page);
      const seenBefore = await inWidget(page, (root) => root.querySelectorAll('.parley-seen').length);
      await operator('/conversations.typing', { conversation_id: id });
      const typing = await waitInWidget(page, (root) => {
        const row = root.querySelector('.parley-typing');
        return !row.hidden && row.getClientRects().length > 0 && { text: row.textContent,
          animation: getComputedStyle(row.querySelector('.parley-dots')).animationName };
      });
      await operatorSends(page, { text: 'Yes, Anna here' });
      await waitForMessage(page, 'Yes, Anna here', { side: 'left' });
      const typingAfterMessage = await inWidget(page, (root) => root.querySelector('.parley-typing').hidden);
      await operator('/conversations.read', { conversation_id: id });
      const seen = await waitInWidget(page, (root) => {
        const mark = root.querySelector('.parley-seen');
        return mark && { text: mark.textContent, under: mark.closest('.parley-message').querySelector('.parley-bubble').textContent };
      });
      await page.evaluate(() => window.parleyWidget.setContact({ name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro' }));
      const conversation = await eventually(async () => (await operator('/conversations.list', {})).data
        .find((c) => c.id === id && c.contact?.email), 'the contact details');
      const started = Date.now();
      await page.locator(W.input).pressSequentially('the visitor types a long question', { delay: 40 });
      const typedFor = Date.now() - started;
      await eventually(() => typingSent.some((at) => at >= started), 'a typing frame');
      const gaps = typingSent.slice(1).map((at, i) => at - typingSent[i]);
      await page.reload(); // "Seen" comes back with the history (authenticate's operator_last_read_at)
      await page.waitForFunction(() => window.parleyWidget?.state().connected, undefined, { timeout: WAIT_MS });
      await openWidget(page);
      const seenAfterReload = await waitInWidget(page, (root) => {
        const mark = root.querySelector('.parley-seen');
        return mark && mark.closest('.parley-message').querySelector('.parley-bubble').textContent;
      });
      return { seenBefore, typing, typingAfterMessage, seen, seenAfterReload, conversation, typedFor, gaps,
        typingSent: typingSent.filter((at) => at >= started).length,
        browser: await page.evaluate(() => ({ locale: navigator.language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })) };
    },
  },

  // Issue 15: once the page tells the widget the visitor's email, a button asks for the transcript
  // (/chatplugin.transcript) and says what came of it; the button is still there after a reload.
  transcript: {
    async run({ context, site }) {
      const page = await openPage(context, site.page('/transcript', embedPage({ parley, channelId: await channelWith('transcript') })));
      const requests = [];
      page.on('response', (r) => { if (r.url().endsWith('/chatplugin.transcript')) requests.push(r.status()); });
      await openWidget(page);
      await visitorSays(page, 'Please send me a copy');
      const hiddenBefore = await inWidget(page, (root) => root.querySelector('.parley-transcript').hidden);
      await page.evaluate(() => window.parleyWidget.setContact({ email: 'visitor@example.com' }));
      await page.locator('#parley-chat-widget .parley-transcript').waitFor({ state: 'visible', timeout: WAIT_MS });
      await page.locator('#parley-chat-widget .parley-messages').focus();
      await page.keyboard.press('Tab');
      const focusAfterMessages = await focused(page);
      await page.keyboard.press('Enter');
      const note = await waitInWidget(page, (root) => root.querySelector('.parley-note').textContent || null);
      const button = await inWidget(page, (root) => ({ text: root.querySelector('.parley-transcript').textContent,
        label: root.querySelector('.parley-transcript').getAttribute('aria-label'), noteRole: root.querySelector('.parley-note').getAttribute('role') }));
      await page.reload();
      await page.waitForFunction(() => window.parleyWidget?.state().connected, undefined, { timeout: WAIT_MS });
      await openWidget(page);
      const visibleAfterReload = await page.locator('#parley-chat-widget .parley-transcript').isVisible();
      return { hiddenBefore, focusAfterMessages, note, button, requests, visibleAfterReload };
    },
  },

  // Issue 14: a German browser gets German strings (the channel's locale is "auto").
  german: {
    context: { locale: 'de-DE' },
    async run({ context, site }) {
      const page = await openPage(context, site.page('/deutsch', embedPage({ parley, channelId: await channelWith('german') })));
      await openWidget(page);
      await waitInWidget(page, (root) => root.querySelector('.parley-input').placeholder !== 'Write a message\u2026');
      return inWidget(page, (root) => ({
        placeholder: root.querySelector('.parley-input').placeholder,
        send: root.querySelector('.parley-send').textContent,
        launcher: root.querySelector('.parley-launcher').getAttribute('aria-label'),
        close: root.querySelector('.parley-close').getAttribute('aria-label'),
        welcome: root.querySelector('.parley-welcome .parley-bubble').textContent,
      }));
    },
  },

  // Issue 14: the channel's colour (with readable text on it), left position and welcome message.
  look: {
    async run({ context, site }) {
      const channel = await channelWith('look', { widget: { color: '#f97316', position: 'left', welcome_message: 'Hi! Ask us anything.' } });
      const page = await openPage(context, site.page('/look', embedPage({ parley, channelId: channel })));
      await page.waitForFunction(() => getComputedStyle(document.getElementById('parley-chat-widget').shadowRoot
        .querySelector('.parley-launcher')).backgroundColor === 'rgb(249, 115, 22)', undefined, { timeout: WAIT_MS });
      await openWidget(page);
      const welcome = await waitForMessage(page, 'Hi! Ask us anything.', { side: 'left' });
      const styles = await inWidget(page, (root) => {
        const css = (sel) => getComputedStyle(root.querySelector(sel));
        return { launcher: css('.parley-launcher').backgroundColor, header: css('.parley-header').backgroundColor,
          headerText: css('.parley-header').color, send: css('.parley-send').backgroundColor,
          prechatShown: root.querySelector('.parley-prechat').getClientRects().length > 0 };
      });
      const stored = await page.evaluate(() => window.parleyWidget.state().messages.length);
      const found = { styles, welcome, stored, launcher: await rect(page, W.launcher), panel: await rect(page, W.panel),
        viewport: page.viewportSize() };
      // the first message stores the welcome above it: after a reload it still shows once
      await visitorSays(page, 'a question');
      await page.reload();
      await page.waitForFunction(() => window.parleyWidget?.state().connected, undefined, { timeout: WAIT_MS });
      await openWidget(page);
      await waitForMessage(page, 'a question', { side: 'right' });
      found.afterReload = await inWidget(page, (root) => [...root.querySelectorAll('.parley-message .parley-bubble')]
        .map((b) => b.textContent));
      return found;
    },
  },

  // Issue 14: nobody online: the away message, and the pre-chat form asks for the email, which is
  // required here: sending waits until it is filled in.
  offline_form: {
    async run({ context, site }) {
      const channel = await channelWith('offline', { widget: { away_message: 'We are out, leave your email.', pre_chat: { name: 'optional', email: 'required' } } });
      const page = await openPage(context, site.page('/offline-form', embedPage({ parley, channelId: channel })));
      await openWidget(page);
      const form = await waitInWidget(page, (root) => {
        const f = root.querySelector('.parley-prechat');
        return !f.hidden && f.querySelector('[name=email]') && { away: root.querySelector('.parley-away').textContent,
          fields: [...f.querySelectorAll('input')].map((i) => ({ name: i.name, required: i.required })) };
      });
      await page.locator(W.input).fill('Please call me back');
      await page.locator(W.input).press('Enter');
      const blocked = await waitInWidget(page, (root) => root.querySelector('.parley-prechat .parley-error').textContent || null);
      const whileBlocked = { messages: await widgetMessages(page), conversationId: (await state(page)).conversationId ?? null,
        input: await page.locator(W.input).inputValue() };
      await page.locator('#parley-chat-widget .parley-prechat [name=email]').fill('visitor@example.com');
      await page.locator(W.input).press('Enter');
      await waitForMessage(page, 'Please call me back', { side: 'right' });
      const formHidden = await inWidget(page, (root) => root.querySelector('.parley-prechat').hidden);
      const id = await conversationId(page);
      const conversation = await eventually(async () => (await operator('/conversations.list', {})).data.find((c) => c.id === id), 'the conversation');
      return { form, blocked, whileBlocked, formHidden, conversation };
    },
  },

  // Issue 14: hide_when_offline hides the launcher from new visitors, not from one with a conversation.
  hidden_launcher: {
    async run({ context, site }) {
      const channel = await channelWith('hidden', { widget: { hide_when_offline: true } });
      const url = site.page('/hidden', embedPage({ parley, channelId: channel }));
      const newcomer = await context.newPage();
      await newcomer.goto(url);
      await newcomer.locator(`${W.launcher}[hidden]`).waitFor({ state: 'attached', timeout: WAIT_MS });
      const newcomerSees = await newcomer.locator(W.launcher).isVisible();
      // a visitor who already has a conversation (its resume token in this site's storage)
      const visitor = await fetch(`${parley}/chatplugin.authenticate`, { method: 'POST', body: JSON.stringify({ channel_id: channel }) }).then((r) => r.json());
      const resume = await fetch(`${parley}/chatplugin.resumeToken`, { method: 'POST', body: '{}', headers: { Authorization: `Bearer ${visitor.token}` } }).then((r) => r.json());
      const returning = await context.newPage();
      await returning.addInitScript(([key, value]) => localStorage.setItem(key, value), [`parley:resume:${channel}`, resume.resume_token]);
      await returning.goto(url);
      await returning.waitForFunction(() => window.parleyWidget?.state().connected, undefined, { timeout: WAIT_MS });
      return { newcomerSees, returningSees: await returning.locator(W.launcher).isVisible() };
    },
  },

  demo_page: {
    context: { viewport: { width: 1200, height: 760 } },
    async run({ context }) {
      const dir = env('SCREENSHOT_DIR');
      const page = await openPage(context, `${parley}/`);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `${dir}/widget-closed.png` });
      const snippets = { install: await page.locator('#install-snippet').textContent(), airy: await page.locator('#airy-snippet').textContent() };
      await openWidget(page);
      await visitorSays(page, 'Hi! Does the Gravel Pro come in a 52 cm frame?');
      const reply = 'It does! The 52 cm frame is in stock. Want to book a test ride?';
      await operatorReplies(page, reply);
      await waitForMessage(page, reply, { side: 'left' });
      await page.locator(W.input).fill('Great, thanks!');
      await page.screenshot({ path: `${dir}/widget-open.png` });
      return { snippets, title: await page.locator('#parley-chat-widget .parley-title').textContent() };
    },
  },
};

/** Opens the widget on the page, says something, and reports what the visitor and the server saw. */
async function chatsAfterInstall(context, url) {
  const page = await openPage(context, url);
  await openWidget(page);
  const sent = await visitorSays(page, `installed on ${new URL(url).pathname}`);
  const stored = await page.evaluate(() => Object.keys(localStorage));
  return { sent, stored, conversationId: await conversationId(page), status: await widgetStatus(page) };
}

await serve(scenarios);
