// The page behind a follow-up email's link (/c/<token>) in headless Chromium: the widget opens on
// the visitor's conversation, shows its history, and the visitor answers from there.
// Driven by BrowserEmailTest. Env: PARLEY_URL, PARLEY_API_TOKEN, SCREENSHOT_DIR.
import { openPage, serve, visitorSays, waitForMessage, widgetMessages, widgetStatus, W, WAIT_MS } from './browser-lib.mjs';

const scenarios = {
  continue_link: {
    async run({ context, command }) {
      const page = await openPage(context, command.url);
      await page.locator(W.panel).waitFor({ state: 'visible', timeout: WAIT_MS }); // opened by the page itself
      await waitForMessage(page, command.operatorText, { side: 'left' });
      const sent = await visitorSays(page, command.replyText);
      const state = await page.evaluate(() => window.parleyWidget.state());
      return {
        sent, conversationId: state.conversationId, messages: await widgetMessages(page), status: await widgetStatus(page),
      };
    },
  },
};

await serve(scenarios);
