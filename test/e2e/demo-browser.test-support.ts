// What the e2e files that drive the demo in Chromium share: the demo and the browser started for
// the file and stopped after it, signing in to the admin console, and axe-core on a page.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { launchChromium, pageOpener } from './browser.test-support.js';
import { REPO, startDemo, stopAndRemove } from './demo-process.test-support.js';
import type { DemoProcess } from './demo-process.test-support.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * The demo (`startDemo(options)`) and Chromium for a test file: started in beforeAll, `started`
 * told of the demo once it runs; the pages closed and both stopped in afterAll. A lone run of a
 * file builds the widget and the console first where their dist/ has none (`npm test` builds
 * them in their workspaces before).
 */
export function demoInChromium(
  started: (demo: DemoProcess) => void,
  options: Parameters<typeof startDemo>[0] = {},
  timeout = 60_000,
): ReturnType<typeof pageOpener> {
  let demo: DemoProcess | undefined;
  let browser: Browser | undefined;
  const pages = pageOpener(() => browser!);
  beforeAll(async () => {
    for (const [built, workspace] of [
      ['widget/dist/izinli.js', 'widget'],
      ['admin/dist/admin.js', 'admin'],
    ] as const) {
      if (!existsSync(join(REPO, built)))
        execFileSync('npm', ['run', 'build', '--workspace', workspace], {
          cwd: REPO,
          stdio: 'ignore',
        });
    }
    [demo, browser] = await Promise.all([startDemo(options), launchChromium()]);
    started(demo);
  }, timeout);
  afterAll(async () => {
    await pages.closeAll();
    await stopAndRemove(demo);
  });
  return pages;
}

/**
 * A new page of the demo's admin console at `path` (`/admin?lang=en#/captures`), past its
 * sign-in with the example token (sent with the button, or with Enter from the token field). It
 * bypasses the CSP, so that axe-core can be injected inline (admin-console.test.ts checks the
 * console under the CSP).
 */
export async function consolePage(
  pages: ReturnType<typeof pageOpener>,
  demo: DemoProcess,
  path: string,
  options: BrowserContextOptions & { signInWith?: 'button' | 'Enter' } = {},
): Promise<Page> {
  const { signInWith = 'button', ...context } = options;
  const page = await pages.newPage({ baseURL: demo.server, bypassCSP: true, ...context });
  await page.goto(path);
  await page.fill('#token', EXAMPLE_ADMIN_TOKEN);
  if (signInWith === 'Enter') await page.keyboard.press('Enter');
  else await page.click('#sign-in button[type=submit]');
  return page;
}

/**
 * Expects axe-core to find no violation on each `[path, ready]` of the demo's pages, opened in
 * turn on one page once `ready` (a selector) is there. That page bypasses the CSP, so that
 * axe-core can be injected inline.
 */
export async function expectNoAxeViolationOnDemo(
  pages: ReturnType<typeof pageOpener>,
  demo: DemoProcess,
  paths: readonly (readonly [path: string, ready: string])[],
): Promise<void> {
  const page = await pages.newPage({ baseURL: demo.pages, bypassCSP: true });
  for (const [path, ready] of paths) {
    await page.goto(path);
    await page.locator(ready).first().waitFor();
    await expectNoAxeViolation(page, path);
  }
}

/** Expects axe-core to find no violation on the page as it is (`what` names it on failure). */
export async function expectNoAxeViolation(page: Page, what: string): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(
    `axe.run(document).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
  expect(violations, what).toEqual([]);
}
