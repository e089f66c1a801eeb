// The operator inbox (/inbox) in headless Chromium, talking to a visitor whose widget is embedded
// in a page on another origin. Driven by BrowserInboxTest; see browser-lib.mjs.
// Env: PARLEY_URL, PARLEY_API_TOKEN, CHANNEL_ID, SCREENSHOT_DIR; ADMIN_EMAIL and PASSWORD: the first
// admin, created by the first scenario through the inbox's first-run path.
import {
  embedPage, env, eventually, openPage, operator, serve, step, visitorSays, W, waitForMessage, waitForStatus,
  widgetMessages, RECONNECT_MS, WAIT_MS,
} from './browser-lib.mjs';

const parley = env('PARLEY_URL');
const channelId = env('CHANNEL_ID');
const apiToken = env('PARLEY_API_TOKEN');

const conversation = (id) => `.conversation[data-id="${id}"]`;

/** The inbox's view of one conversation in the list: its badge and preview. */
const listed = (inbox, id) => inbox.evaluate((selector) => {
  const item = document.querySelector(selector);
  return item && {
    badge: item.querySelector('.unread-badge')?.textContent ?? null,
    preview: item.querySelector('.preview')?.textContent,
    active: item.classList.contains('active'),
    text: item.querySelector('button').textContent,
  };
}, conversation(id));

const waitForBadge = (inbox, id, badge) => inbox.waitForFunction(({ selector, badge }) => {
  const item = document.querySelector(selector);
  return item && (item.querySelector('.unread-badge')?.textContent ?? null) === badge;
}, { selector: conversation(id), badge }, { timeout: WAIT_MS });

const inboxMessages = (inbox) => inbox.evaluate(() => [...document.querySelectorAll('#messages .message')].map((el) => ({
  id: el.dataset.id,
  state: el.dataset.state,
  side: ['left', 'right', 'center'].find((side) => el.classList.contains(side)),
  text: el.querySelector('.bubble').textContent,
})));

const waitForInboxMessage = (inbox, text, side) => inbox.waitForFunction(({ text, side }) =>
  [...document.querySelectorAll('#messages .message')].some((el) => el.classList.contains(side)
    && el.dataset.state === 'DELIVERED' && el.querySelector('.bubble').textContent === text),
{ text, side }, { timeout: WAIT_MS });

const adminEmail = env('ADMIN_EMAIL');
const password = env('PASSWORD');

async function signIn(inbox, email = adminEmail, secret = password) {
  await inbox.locator('#login-email').fill(email);
  await inbox.locator('#login-password').fill(secret);
  await inbox.locator('#login-submit').click();
}

/** A fresh page on /inbox, signed in and live. */
async function signedIn(context, email = adminEmail) {
  const inbox = await context.newPage();
  await inbox.goto(`${parley}/inbox`);
  await signIn(inbox, email);
  await live(inbox);
  return inbox;
}

const live = (inbox, timeout = WAIT_MS) => inbox.locator('#connection-status').filter({ hasText: /^live$/ }).waitFor({ timeout });
const sessionToken = (inbox) => inbox.evaluate(() => sessionStorage.getItem('parley:session'));

const unreadOf = async (id) => (await operator('/conversations.info', { conversation_id: id })).unread_message_count;

const scenarios = {
  // Everything an operator does in a session: sign in, see a visitor arrive and write, read, reply.
  inbox: {
    context: { viewport: { width: 1200, height: 760 } },
    async run({ context, site }) {
      const inbox = await signedIn(context);

      const visitor = await openPage(context, site.page('/inbox-visitor', embedPage({ parley, channelId })));
      await visitor.locator(W.launcher).click();
      await waitForStatus(visitor, /^$/);
      await visitorSays(visitor, 'Hi, is anyone there?');
      const id = await visitor.evaluate(() => window.parleyWidget.state().conversationId);
      await waitForBadge(inbox, id, '1');
      const arrived = await listed(inbox, id);
      await visitorSays(visitor, 'I would like to book a test ride <img src=x onerror="window.__parleyXss = 1">');
      await waitForBadge(inbox, id, '2');
      const secondArrived = await listed(inbox, id);

      await inbox.locator(`${conversation(id)} button`).click();
      await waitForInboxMessage(inbox, 'Hi, is anyone there?', 'left');
      await waitForBadge(inbox, id, null);
      const readAfterOpening = await eventually(async () => (await unreadOf(id)) === 0, 'unread count 0 after opening');

      await inbox.locator('#reply-input').fill('Hello! Sure, when would suit you?');
      await inbox.locator('#reply-input').press('Enter');
      await waitForInboxMessage(inbox, 'Hello! Sure, when would suit you?', 'right');
      const replyInWidget = await waitForMessage(visitor, 'Hello! Sure, when would suit you?', { side: 'left' });

      await visitorSays(visitor, 'Saturday morning?');
      await waitForInboxMessage(inbox, 'Saturday morning?', 'left');
      const withLink = 'This one: https://example.com/bikes/cargo?color=green. <b>Green</b> please';
      await visitorSays(visitor, withLink);
      await waitForInboxMessage(inbox, withLink, 'left');
      const links = await inbox.evaluate(() => ({
        anchors: [...document.querySelectorAll('#messages .bubble a')].map((a) => ({
          href: a.getAttribute('href'), text: a.textContent, rel: a.rel, target: a.target })),
        tags: [...document.querySelectorAll('#messages .bubble *')].map((el) => el.tagName.toLowerCase()),
      }));
      await inbox.locator('#reply-input').fill('Saturday at 10 works. See you then!');
      await inbox.locator('#reply-send').click();
      await waitForMessage(visitor, 'Saturday at 10 works. See you then!', { side: 'left' });
      const readWhileOpen = await eventually(async () => (await unreadOf(id)) === 0, 'unread count 0 while open');
      await inbox.locator('#reply-input').fill('');
      await inbox.screenshot({ path: `${env('SCREENSHOT_DIR')}/inbox.png` });

      await inbox.reload(); // the session is kept for this tab: no second sign-in
      await live(inbox);
      const loginShownAfterReload = await inbox.locator('#login').isVisible();
      await inbox.locator(`${conversation(id)} button`).click();
      await waitForInboxMessage(inbox, 'Saturday at 10 works. See you then!', 'right');
      const messagesAfterReload = await inboxMessages(inbox);
      const replyMeta = await inbox.locator('#messages .message.right .meta').last().textContent();
      const title = await inbox.title();
      // Switching conversations shows only the other one's messages.
      await inbox.locator('.conversation', { hasText: 'Do you ship to Austria?' }).locator('button').click();
      await waitForInboxMessage(inbox, 'Do you ship to Austria?', 'left');
      const afterSwitch = await inboxMessages(inbox);
      const token = await sessionToken(inbox);
      await inbox.locator('#sign-out').click();
      await inbox.locator('#login').waitFor({ timeout: WAIT_MS });
      return {
        tokenKeptAfterSignOut: await inbox.evaluate(() => Object.keys(sessionStorage).length > 0),
        signedOutToken: token, replyMeta, afterSwitch, conversationId: id, arrived, secondArrived, readAfterOpening, readWhileOpen, replyInWidget, links,
        loginShownAfterReload,
        inboxMessages: messagesAfterReload,
        widgetMessages: await widgetMessages(visitor),
        xssFlags: [await inbox.evaluate(() => window.__parleyXss ?? null), await visitor.evaluate(() => window.__parleyXss ?? null)],
        imgInInbox: await inbox.evaluate(() => document.querySelectorAll('img').length),
        title,
      };
    },
  },

  // The server goes away and comes back: the inbox says so in words, then catches up on the open
  // conversation and on a conversation that started meanwhile, and the words go away.
  inbox_outage: {
    async run({ context }) {
      const inbox = await signedIn(context);
      const { conversation_id: open } = await step('conversation');
      await waitForBadge(inbox, open, '1');
      await inbox.locator(`${conversation(open)} button`).click();
      await waitForInboxMessage(inbox, 'before the outage', 'left');
      await waitForBadge(inbox, open, null);

      await step('stop');
      await inbox.locator('#connection-status').filter({ hasText: /reconnecting/ }).waitFor({ timeout: WAIT_MS });
      const statusWhileDown = await inbox.locator('#connection-status').textContent();
      await inbox.locator(`${conversation(open)} button`).click(); // loads the messages: fails while down
      await inbox.locator('#error').filter({ hasText: /not reachable/ }).waitFor({ timeout: WAIT_MS });
      const errorWhileDown = await inbox.locator('#error').textContent();
      const { conversation_id: started } = await step('send-while-away');
      await inbox.locator('#connection-status').filter({ hasText: /^live$/ }).waitFor({ timeout: RECONNECT_MS });
      await inbox.locator('#error').waitFor({ state: 'hidden', timeout: WAIT_MS });
      await waitForInboxMessage(inbox, 'sent while the inbox was away', 'left');
      await waitForBadge(inbox, started, '1');
      await waitForBadge(inbox, open, null);
      return {
        statusWhileDown, errorWhileDown, errorAfter: await inbox.locator('#error').isVisible(),
        readAfterCatchUp: await eventually(async () => (await unreadOf(open)) === 0, 'the open conversation read after catching up'),
        messages: await inboxMessages(inbox),
        channelNames: await inbox.locator('.channel-name').allTextContents(),
        xssFlag: await inbox.evaluate(() => window.__parleyXss ?? null),
      };
    },
  },

  // No person exists yet: the inbox offers to create the first admin after proving the API token,
  // then that admin signs out and in again with email and password.
  first_admin: {
    async run({ context, browser }) {
      const inbox = await context.newPage();
      await inbox.goto(`${parley}/inbox`);
      await inbox.locator('#setup').waitFor({ timeout: WAIT_MS });
      const loginShownFirst = await inbox.locator('#login').isVisible();
      const fill = async (token) => {
        await inbox.locator('#setup-token').fill(token);
        await inbox.locator('#setup-name').fill('Ada Admin');
        await inbox.locator('#setup-email').fill(adminEmail);
        await inbox.locator('#setup-password').fill(password);
        await inbox.locator('#setup-save').click();
      };
      await fill('not-the-token');
      await inbox.locator('#setup-error').filter({ hasText: /refused/ }).waitFor({ timeout: WAIT_MS });
      const refused = await inbox.locator('#setup-error').textContent();
      await fill(apiToken);
      await live(inbox);
      const signedInAs = await inbox.locator('#me-name').textContent();
      const teamVisible = await inbox.locator('#views [data-view="admin"]').isVisible();
      await inbox.locator('#sign-out').click();
      await inbox.locator('#login').waitFor({ timeout: WAIT_MS });
      const setupAfterSignOut = await inbox.locator('#setup').isVisible();
      await signIn(inbox, adminEmail, 'not the password at all');
      await inbox.locator('#login-error').filter({ hasText: /do not match/ }).waitFor({ timeout: WAIT_MS });
      const wrongPassword = await inbox.locator('#login-error').textContent();
      await signIn(inbox);
      await live(inbox);
      // The page no longer offers the first run once somebody exists, even in a fresh tab.
      const other = await browser.newContext();
      const fresh = await other.newPage();
      await fresh.goto(`${parley}/inbox`);
      await fresh.locator('#login').waitFor({ timeout: WAIT_MS });
      const freshOffersSetup = await fresh.locator('#setup').isVisible();
      await other.close();
      return { loginShownFirst, refused, signedInAs, teamVisible, setupAfterSignOut, wrongPassword, freshOffersSetup,
        signedInAgain: await inbox.locator('#me-name').textContent() };
    },
  },

  // The admin adds an agent and a bot (whose token is shown once) and re-roles someone; the agent
  // signs in in another browser context and sees no admin page.
  team: {
    async run({ context, browser }) {
      const inbox = await signedIn(context);
      await inbox.locator('#views [data-view="admin"]').click();
      const form = inbox.locator('#operator-form');
      const add = async (name, email, role) => {
        await form.locator('[name=name]').fill(name);
        await form.locator('[name=email]').fill(email);
        await form.locator('[name=role]').selectOption(role);
        if (role !== 'bot') await form.locator('[name=password]').fill(password);
        await form.locator('button[type=submit]').click();
        await inbox.locator('#operators tr', { hasText: name }).waitFor({ timeout: WAIT_MS });
      };
      await add('Bea Agent', 'bea@example.com', 'agent');
      await add('Cy Agent', 'cy@example.com', 'agent');
      await add('Helper bot', '', 'bot');
      const botToken = await inbox.locator('#bot-token .secret').textContent();
      await inbox.locator('#operators tr', { hasText: 'Cy Agent' }).locator('select').selectOption('admin');
      await eventually(async () => (await operator('/operators.list')).data.some((o) => o.name === 'Cy Agent' && o.role === 'admin'),
        'Cy is an admin');
      await inbox.locator('#operators tr', { hasText: 'Cy Agent' }).getByRole('button', { name: 'Disable Cy Agent' }).click();
      await inbox.locator('#operators tr', { hasText: 'Cy Agent' }).getByRole('button', { name: 'Enable Cy Agent' }).waitFor({ timeout: WAIT_MS });
      await inbox.reload();
      await live(inbox);
      await inbox.locator('#views [data-view="admin"]').click();
      const botTokenAfterReload = await inbox.locator('#bot-token .secret').count();

      const agentContext = await browser.newContext();
      try {
        const agent = await signedIn(agentContext, 'bea@example.com');
        return {
          botToken, botTokenAfterReload,
          agentName: await agent.locator('#me-name').textContent(),
          agentSeesTeam: await agent.locator('#views [data-view="admin"]').isVisible(),
          agentSeesChannels: await agent.locator('#views [data-view="settings"]').isVisible(),
        };
      } finally {
        await agentContext.close();
      }
    },
  },

  // A visitor writes while the inbox tab is hidden: a sound and a desktop notification. The
  // permission is granted to the browser context; the page never asks for it on load.
  notification: {
    async run({ context }) {
      await context.grantPermissions(['notifications'], { origin: parley });
      await context.addInitScript(() => {
        window.__notes = [];
        window.__asked = 0;
        const Real = window.Notification;
        window.Notification = class extends Real {
          constructor(title, options = {}) {
            window.__notes.push({ title, body: options.body, tag: options.tag });
            super(title, options);
          }
          static get permission() { return Real.permission; }
          static requestPermission(...args) { window.__asked += 1; return Real.requestPermission(...args); }
        };
        Object.defineProperty(Document.prototype, 'visibilityState', { get: () => (window.__hidden ? 'hidden' : 'visible') });
      });
      const inbox = await signedIn(context);
      const askedOnLoad = await inbox.evaluate(() => window.__asked);
      const { conversation_id: visibleId } = await step('visitor-writes', { text: 'while you look' });
      await inbox.locator(conversation(visibleId)).waitFor({ timeout: WAIT_MS });
      const notesWhileVisible = await inbox.evaluate(() => window.__notes.length);
      await inbox.evaluate(() => { window.__hidden = true; document.dispatchEvent(new Event('visibilitychange')); });
      const { conversation_id: id } = await step('visitor-writes', { text: 'Anyone there? I need help' });
      await inbox.waitForFunction(() => window.__notes.length > 0, null, { timeout: WAIT_MS });
      return {
        askedOnLoad, notesWhileVisible, conversationId: id,
        notes: await inbox.evaluate(() => window.__notes),
        alerts: await inbox.evaluate(() => document.body.dataset.alerts),
      };
    },
  },

  // The operator offers quick reply buttons; the visitor presses one (through the API).
  quick_replies: {
    async run({ context }) {
      const { conversation_id: id } = await step('conversation');
      const inbox = await signedIn(context);
      await inbox.locator(`${conversation(id)} button`).click();
      await waitForInboxMessage(inbox, 'Which size?', 'left');
      await inbox.locator('#quick-reply-toggle').click();
      await inbox.getByLabel('Button 1 title').fill('Small');
      await inbox.getByLabel('Button 1 payload').fill('size-s');
      await inbox.locator('#quick-reply-add').click();
      await inbox.getByLabel('Button 2 title').fill('Large');
      await inbox.locator('#reply-input').fill('Pick one:');
      await inbox.locator('#reply-input').press('Enter');
      await waitForInboxMessage(inbox, 'Pick one:', 'right');
      const offered = await inbox.locator('#messages .message.right .quick-replies span').allTextContents();
      const editorClosed = await inbox.locator('#quick-replies').isHidden();
      await step('visitor-presses');
      await inbox.locator('#messages .postback').filter({ hasText: 'size-s' }).waitFor({ timeout: WAIT_MS });
      return { offered, editorClosed, postback: await inbox.locator('#messages .postback').textContent() };
    },
  },

  // Two agents in two browsers: what one assigns, the other sees live, and the lists follow.
  assignment: {
    async run({ context, browser }) {
      const { conversation_id: id } = await step('conversation');
      const dan = await signedIn(context, 'dan@example.com');
      const otherContext = await browser.newContext();
      try {
        const eve = await signedIn(otherContext, 'eve@example.com');
        await eve.locator('#list-tabs [data-list="unassigned"]').click();
        await eve.locator(conversation(id)).waitFor({ timeout: WAIT_MS });
        await eve.locator('#list-tabs [data-list="unassigned"]').press('ArrowLeft'); // keyboard: to "Mine"
        const eveTabAfterArrow = await eve.locator('#list-tabs [aria-selected="true"]').textContent();
        await eve.locator('#list-tabs [data-list="unassigned"]').click();
        await eve.locator(conversation(id)).waitFor({ timeout: WAIT_MS });

        await dan.locator(`${conversation(id)} button`).click();
        await dan.locator('#assign-me').click();
        await dan.locator('#assignee-label').filter({ hasText: 'Assigned to Dan Agent' }).waitFor({ timeout: WAIT_MS });
        await eve.locator(conversation(id)).waitFor({ state: 'detached', timeout: WAIT_MS }); // left "Unassigned" live
        await eve.locator('#list-tabs [data-list="all"]').click();
        await eve.locator(`${conversation(id)} .channel-name`).filter({ hasText: 'Dan Agent' }).waitFor({ timeout: WAIT_MS });
        await eve.locator(`${conversation(id)} button`).click();
        const eveSees = await eve.locator('#assignee-label').textContent();

        const eveId = await eve.locator('#assign-select option', { hasText: 'Eve Agent' }).getAttribute('value');
        await eve.locator('#assign-select').selectOption(eveId);
        await dan.locator('#assignee-label').filter({ hasText: 'Assigned to Eve Agent' }).waitFor({ timeout: WAIT_MS });
        await dan.locator('#list-tabs [data-list="mine"]').click();
        await dan.locator('#conversations').waitFor({ timeout: WAIT_MS });
        await dan.waitForFunction((selector) => !document.querySelector(selector), conversation(id), { timeout: WAIT_MS });
        return { eveTabAfterArrow, eveSees, danSeesAfter: await dan.locator('#assignee-label').textContent() };
      } finally {
        await otherContext.close();
      }
    },
  },

  // The operator snoozes, then closes; the visitor writes again and the conversation reopens live.
  reopen: {
    async run({ context }) {
      const { conversation_id: id } = await step('conversation');
      const inbox = await signedIn(context);
      await inbox.locator(`${conversation(id)} .contact`).filter({ hasText: /^Mia Visitor$/ }).waitFor({ timeout: WAIT_MS });
      await inbox.locator(`${conversation(id)} button`).click();
      const details = await inbox.locator('#contact-details').textContent();
      await inbox.locator('#state-snooze-hour').click();
      await inbox.locator('#conversation-state').filter({ hasText: /^Snoozed until / }).waitFor({ timeout: WAIT_MS });
      const snoozed = await step('snoozed');
      await inbox.locator('#state-close').click();
      await inbox.locator('#conversation-state').filter({ hasText: /^Closed$/ }).waitFor({ timeout: WAIT_MS });
      await inbox.locator(conversation(id)).waitFor({ state: 'detached', timeout: WAIT_MS }); // the list shows open ones
      const reopenShown = await inbox.locator('#state-reopen').isVisible();
      await step('visitor-writes');
      await inbox.locator('#conversation-state').filter({ hasText: /^Open$/ }).waitFor({ timeout: WAIT_MS });
      await waitForInboxMessage(inbox, 'Actually, one more question', 'left');
      await inbox.locator(conversation(id)).waitFor({ timeout: WAIT_MS });
      return { details, snoozedUntil: snoozed.snoozed_until, reopenShown, closeShown: await inbox.locator('#state-close').isVisible() };
    },
  },

  // The operator sends a PDF through the attach button and an image dropped on the reply box.
  attachments: {
    async run({ context }) {
      const { conversation_id: id } = await step('conversation');
      const inbox = await signedIn(context);
      await inbox.locator(`${conversation(id)} button`).click();
      await waitForInboxMessage(inbox, 'Can you send the invoice?', 'left');
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      await inbox.locator('#file-input').setInputFiles({ name: 'invoice-42.pdf', mimeType: 'application/pdf', buffer: pdf });
      await inbox.locator('#attachments .upload[data-state="done"]').waitFor({ timeout: WAIT_MS });
      await inbox.locator('#reply-input').fill('Here it is');
      await inbox.locator('#reply-send').click();
      await inbox.locator('#messages .message.right[data-state="DELIVERED"] a.attachment', { hasText: 'invoice-42.pdf' }).waitFor({ timeout: WAIT_MS });
      const pdfLink = await inbox.locator('#messages a.attachment', { hasText: 'invoice-42.pdf' }).getAttribute('href');

      // A 1x1 PNG dropped onto the reply form: previewed while it waits, then sent on its own.
      const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
      await inbox.evaluate((base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], 'dot.png', { type: 'image/png' }));
        document.querySelector('#reply-form').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      }, png);
      await inbox.locator('#attachments .upload[data-state="done"] img').waitFor({ timeout: WAIT_MS });
      await inbox.locator('#reply-input').press('Enter');
      await inbox.locator('#messages .message.right[data-state="DELIVERED"] a.attachment img').waitFor({ timeout: WAIT_MS });
      const image = await inbox.locator('#messages a.attachment img').evaluate((img) => ({
        loaded: img.complete && img.naturalWidth === 1, alt: img.alt }));
      return { pdfLink, image, leftover: await inbox.locator('#attachments .upload').count() };
    },
  },

  // A canned response inserted by typing "/code" and choosing with the keyboard.
  canned: {
    async run({ context }) {
      const { conversation_id: id } = await step('conversation');
      const inbox = await signedIn(context);
      await inbox.locator(`${conversation(id)} button`).click();
      await waitForInboxMessage(inbox, 'Do you have a discount?', 'left');
      await inbox.locator('#reply-input').pressSequentially('/code');
      await inbox.waitForFunction(() => document.querySelectorAll('#canned li').length === 2, null, { timeout: WAIT_MS });
      const offered = await inbox.locator('#canned li .code').allTextContents();
      await inbox.locator('#reply-input').press('ArrowDown');
      const activeAfterDown = await inbox.locator('#canned li[aria-selected="true"] .code').textContent();
      await inbox.locator('#reply-input').press('ArrowUp');
      await inbox.locator('#reply-input').press('Enter');
      const inserted = await inbox.locator('#reply-input').inputValue();
      const listClosed = await inbox.locator('#canned').isHidden();
      await inbox.locator('#reply-input').press('Enter');
      await waitForInboxMessage(inbox, inserted, 'right');
      return { offered, activeAfterDown, inserted, listClosed };
    },
  },

  // The visitor types (through its socket): the inbox says so; the operator types: the visitor
  // hears it; the visitor reads the reply: the inbox marks it seen.
  typing: {
    async run({ context }) {
      const { conversation_id: id } = await step('conversation');
      const inbox = await signedIn(context);
      await inbox.locator(`${conversation(id)} button`).click();
      await waitForInboxMessage(inbox, 'Are you there?', 'left');
      await step('visitor-types');
      await inbox.locator('#typing').filter({ hasText: 'Visitor is typing' }).waitFor({ timeout: WAIT_MS });
      await step('visitor-writes');
      await waitForInboxMessage(inbox, 'One more thing', 'left');
      const typingAfterMessage = await inbox.locator('#typing').isVisible();
      await inbox.locator('#reply-input').pressSequentially('Yes, ', { delay: 50 });
      const heard = await step('operator-typed');
      await inbox.locator('#reply-input').pressSequentially('I am here');
      await inbox.locator('#reply-input').press('Enter');
      await waitForInboxMessage(inbox, 'Yes, I am here', 'right');
      const seenBefore = await inbox.locator('#messages .message.right[data-seen="true"]').count();
      await step('visitor-reads');
      await inbox.locator('#messages .message.right[data-seen="true"]').waitFor({ timeout: WAIT_MS });
      return { typingAfterMessage, heardName: heard.name, seenBefore,
        seenMeta: await inbox.locator('#messages .message.right[data-seen="true"] .meta').textContent() };
    },
  },

  // Channel settings: a bad colour is refused next to its field; good settings save, previewed live.
  channel_settings: {
    async run({ context }) {
      const inbox = await signedIn(context);
      await inbox.locator('#views [data-view="settings"]').click();
      await inbox.locator('#channel-picker').selectOption({ label: 'Acme Bikes' });
      const f = inbox.locator('#channel-form');
      await f.locator('[name=title]').fill('Acme help');
      await f.locator('[name=color]').fill('blue');
      const previewTitle = await inbox.locator('#widget-preview .preview-title').textContent();
      await f.locator('#channel-save').click();
      const colourError = f.locator('[data-field="widget.color"] .field-error');
      await colourError.filter({ hasText: /color/ }).waitFor({ timeout: WAIT_MS });
      const error = await colourError.textContent();
      const invalid = await f.locator('[name=color]').getAttribute('aria-invalid');
      const focused = await inbox.evaluate(() => document.activeElement?.name);

      await f.locator('[name=color]').fill('#16a34a');
      const previewColor = await inbox.locator('#widget-preview').getAttribute('data-color');
      await f.locator('[name=position]').selectOption('left');
      await f.locator('[name=welcome_message]').fill('Hi! Ask us anything about bikes.');
      await f.locator('[name=hours_on]').check();
      await f.locator('[name=time_zone]').fill('Europe/Vienna');
      await f.locator('[name=day-mon]').fill('09:00-12:00, 13:00-17:00');
      await f.locator('[name=auto_assign]').check();
      await f.locator('#channel-save').click();
      await inbox.locator('#channel-saved').filter({ hasText: 'Saved.' }).waitFor({ timeout: WAIT_MS });
      return { previewTitle, error, invalid, focused, previewColor,
        errorAfterSave: await colourError.textContent(),
        previewPosition: await inbox.locator('#widget-preview').getAttribute('data-position'),
        previewWelcome: await inbox.locator('#widget-preview .preview-welcome').textContent() };
    },
  },
};

await serve(scenarios);
