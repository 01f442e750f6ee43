// The four recipes of docs/frameworks.md as a site would ship them, run in Chromium against a real
// izinli server. The React 19, Vue 3 and Angular examples (examples/react, examples/vue,
// examples/angular) are bundled with esbuild (Angular compiled ahead of time by ngc first) and
// served by a site backend on its own origin; the Next.js example (examples/nextjs) is built by
// `next build` and served by `next start`. A person signs up with the MESAJ box ticked; the site's
// backend receives the capture id with the account (Next.js: the recipe's server action keeps it
// and redirects to the account page), the server holds that capture, and the element's
// `izinli-captured` reaches the framework's own listener (React 19's `onizinli-captured`, Vue's
// `@izinli-captured`, Angular's `(izinli-captured)`).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import type { RunningServer } from '@izinli/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.test-support.js';
import { REPO } from './demo-process.test-support.js';
import { bundleExamples, freePort, nextBuild, nextStart } from './framework-builds.test-support.js';
import type { NextProcess } from './framework-builds.test-support.js';
import { heldChannels, startIzinli, UUID } from './frameworks.test-support.js';

/** One account the site's backend opened, with what it kept. */
interface Account {
  accountId: string;
  fullName: string;
  captureId: string | null;
}

describe('framework recipes in Chromium', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-frameworks-'));
  const accounts: Account[] = [];
  let scripts: Record<string, string> = {};
  let site: Server;
  let siteOrigin = '';
  let nextOrigin = '';
  let next: NextProcess | undefined;
  let izinli: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    // The examples bundle the widget's module build: build it where a partial run has not yet.
    if (!existsSync(join(REPO, 'widget/dist/izinli.js'))) {
      execFileSync('npm', ['run', 'build', '--workspace', 'widget'], {
        cwd: REPO,
        stdio: 'ignore',
      });
    }
    // The site's backend: the pages, the bundles, and the signup endpoint that keeps accounts.
    site = createServer((request, response) => {
      const path = request.url ?? '/';
      if (request.method === 'POST' && path === '/api/signup') {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const fields = JSON.parse(body) as { fullName: string; izinliCaptureId: string | null };
          const account = {
            accountId: randomUUID(),
            fullName: fields.fullName,
            captureId: fields.izinliCaptureId,
          };
          accounts.push(account);
          response.writeHead(201, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify(account));
        });
        return;
      }
      const script = scripts[path];
      if (script !== undefined) {
        response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        response.end(script);
        return;
      }
      const framework = /^\/(react|vue|angular)$/.exec(path)?.[1];
      if (!framework) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Üye ol</title></head>
<body><div id="signup" data-endpoint="${izinli.url}" data-site="${EXAMPLE_SITE_KEY}"></div>
<script type="module" src="/${framework}.js"></script></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

    const nextPort = await freePort();
    nextOrigin = `http://127.0.0.1:${nextPort}`;

    // The builds, izinli (allowing both sites' origins) and Chromium, side by side.
    const started = Date.now();
    const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    [scripts, , izinli, browser] = await Promise.all([
      bundleExamples(dir).finally(() => console.log(`examples bundled in ${seconds()}`)),
      nextBuild().finally(() => console.log(`next build in ${seconds()}`)),
      startIzinli(dir, [siteOrigin, nextOrigin]),
      launchChromium(),
    ]);
    next = await nextStart(nextPort, {
      IZINLI_ENDPOINT: izinli.url,
      IZINLI_SITE: EXAMPLE_SITE_KEY,
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await next?.stop();
    site?.closeAllConnections();
    await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
    await izinli?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['react', '0532 710 00 01'],
    ['vue', '0532 710 00 02'],
    ['angular', '0532 710 00 03'],
  ])(
    '%s: a signup with the element keeps the capture id with the account; the server holds that capture',
    async (framework, phone) => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${siteOrigin}/${framework}`);
      await page.fill('input[name=adSoyad]', 'Ayşe Yılmaz');
      await page.fill('input[name=telefon]', phone);
      await page.locator('izinli-consent [data-channel=MESAJ]').check();
      await page.locator('form button').click();

      const captureId = (await page.locator('#capture-id').textContent())?.trim() ?? '';
      expect(captureId).toMatch(UUID);
      expect(accounts.find((a) => a.captureId === captureId)?.fullName).toBe('Ayşe Yılmaz');

      // The framework's own listener heard izinli-captured: the server answered with a receipt.
      await page.locator('#receipt').waitFor();
      expect(await heldChannels(izinli, captureId, framework)).toContainEqual({
        type: 'MESAJ',
        checked: true,
        status: 'ONAY',
      });
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('next.js: the server action keeps the capture id with the account; the server holds that capture', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${nextOrigin}/uye-ol`);
    await page.fill('input[name=adSoyad]', 'Ayşe Yılmaz');
    await page.fill('input[name=telefon]', '0532 710 00 04');
    await page.locator('izinli-consent [data-channel=MESAJ]').check();
    await page.locator('form button').click();

    // The action redirected to the account page, which shows what the site's database kept.
    await page.waitForURL(/\/hesap\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('#account').textContent()).toContain('Ayşe Yılmaz');
    const captureId = (await page.locator('#capture-id').textContent())?.trim() ?? '';
    expect(captureId).toMatch(UUID);

    expect(await heldChannels(izinli, captureId, 'next.js')).toContainEqual({
      type: 'MESAJ',
      checked: true,
      status: 'ONAY',
    });
    expect(errors).toEqual([]);
    expect(next!.output()).not.toMatch(/⨯|Error/);
    await page.close();
  });
});
