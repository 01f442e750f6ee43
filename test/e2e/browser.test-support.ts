// Debian's Chromium driven by playwright-core (nothing downloads a browser), and the pages a test
// file opens in it.
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/**
 * The launch flag every e2e run adds to Playwright's own, which already hold --headless,
 * --no-sandbox, --no-first-run and those keeping Chromium off the network (background
 * networking, component updates, sync).
 */
export const CHROMIUM_ARGS = ['--disable-gpu'];

/** Launches the system Chromium (`CHROME_PATH`, else /usr/bin/chromium). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Pages for a test file, each in a browser context of its own, noting in `cspViolations` every
 * Content-Security-Policy violation a page's console reports; `closeAll()` in afterAll closes
 * them and the browser.
 */
export function pageOpener(browser: () => Browser) {
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];
  return {
    cspViolations,
    async newPage(options: BrowserContextOptions): Promise<Page> {
      const context = await browser().newContext(options);
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      return page;
    },
    /** Closes every page's context, then the browser (if it was launched). */
    async closeAll(): Promise<void> {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await (browser() as Browser | undefined)?.close();
    },
  };
}

/**
 * The deepest focused element across shadow roots, as `channel:X`, `purpose:Y`, an id or a tag
 * name (evaluated in the page).
 */
export const DEEP_FOCUS = `(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return '';
  if (el.dataset && el.dataset.channel) return 'channel:' + el.dataset.channel;
  if (el.dataset && el.dataset.purpose) return 'purpose:' + el.dataset.purpose;
  return el.id || el.tagName.toLowerCase();
})()`;

/** Polls `probe` until it returns a value other than undefined (every 200 ms, up to `ms`). */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until)
      throw new Error(`gave up waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
