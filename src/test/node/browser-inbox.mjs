// The operator inbox (/inbox) in headless Chromium, talking to a visitor whose widget is embedded
// in a page on another origin. Driven by BrowserInboxTest; see browser-lib.mjs.
// Env: PARLEY_URL, PARLEY_API_TOKEN, CHANNEL_ID, SCREENSHOT_DIR.
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

async function signIn(inbox, token) {
  await inbox.locator('#token-input').fill(token);
  await inbox.locator('#token-save').click();
}

const unreadOf = async (id) => (await operator('/conversations.info', { conversation_id: id })).unread_message_count;

const scenarios = {
  // Everything an operator does in a session: sign in, see a visitor arrive and write, read, reply.
  inbox: {
    context: { viewport: { width: 1200, height: 760 } },
    async run({ context, site }) {
      const inbox = await context.newPage();
      await inbox.goto(`${parley}/inbox`);
      await signIn(inbox, 'not-the-token');
      await inbox.locator('#token-error').filter({ hasText: /refused/ }).waitFor({ timeout: WAIT_MS });
      const refused = await inbox.locator('#token-error').textContent();
      await signIn(inbox, apiToken);
      await inbox.locator('#connection-status').filter({ hasText: /^live$/ }).waitFor({ timeout: WAIT_MS });

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

      await inbox.reload(); // the token is kept for this tab: no second sign-in
      await inbox.locator('#connection-status').filter({ hasText: /^live$/ }).waitFor({ timeout: WAIT_MS });
      const loginShownAfterReload = await inbox.locator('#login').isVisible();
      await inbox.locator(`${conversation(id)} button`).click();
      await waitForInboxMessage(inbox, 'Saturday at 10 works. See you then!', 'right');
      const messagesAfterReload = await inboxMessages(inbox);
      const title = await inbox.title();
      await inbox.locator('#token-forget').click();
      await inbox.locator('#login').waitFor({ timeout: WAIT_MS });
      return {
        tokenKeptAfterForget: await inbox.evaluate(() => Object.keys(sessionStorage).length > 0),
        refused, conversationId: id, arrived, secondArrived, readAfterOpening, readWhileOpen, replyInWidget, links,
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
      const inbox = await context.newPage();
      await inbox.goto(`${parley}/inbox`);
      await signIn(inbox, apiToken);
      await inbox.locator('#connection-status').filter({ hasText: /^live$/ }).waitFor({ timeout: WAIT_MS });
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
};

await serve(scenarios);
