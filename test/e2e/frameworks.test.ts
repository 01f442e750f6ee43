// The React 19 and Vue 3 recipes (examples/react, examples/vue) as a site would ship them: each
// example bundled with esbuild, served by a site backend on its own origin, run in Chromium
// against a real izinli server. A person signs up with the MESAJ box ticked; the site's backend
// receives the capture id with the account, the server holds that capture, and the element's
// `izinli-captured` reaches the framework's own listener (React 19's `onizinli-captured`, Vue's
// `@izinli-captured`).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { checkServerConfig, parseServerEnv, startServer } from '@izinli/server';
import type { RunningServer } from '@izinli/server';
import { build } from 'esbuild';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchChromium } from './browser.test-support.js';
import { REPO } from './demo-process.test-support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The examples, bundled as a site's build would (production React, Vue with its template compiler). */
async function bundleExamples(): Promise<Record<string, string>> {
  const bundle = async (entry: string, alias: Record<string, string> = {}) => {
    const result = await build({
      entryPoints: [join(REPO, entry)],
      bundle: true,
      write: false,
      format: 'esm',
      target: 'es2022',
      minify: true,
      alias,
      define: {
        'process.env.NODE_ENV': '"production"',
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  };
  const [react, vue] = await Promise.all([
    bundle('examples/react/signup.tsx'),
    bundle('examples/vue/signup.ts', { vue: 'vue/dist/vue.esm-bundler.js' }),
  ]);
  return { '/react.js': react, '/vue.js': vue };
}

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
    const started = Date.now();
    scripts = await bundleExamples();
    console.log(`examples bundled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
      const framework = /^\/(react|vue)$/.exec(path)?.[1];
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

    // izinli with the example site, allowing the site's origin.
    const [tenant] = exampleServerConfig.tenants;
    const sites = tenant!.sites.map((s) => ({ ...s, allowedOrigins: [siteOrigin] }));
    const config = await checkServerConfig(
      { ...exampleServerConfig, tenants: [{ ...tenant!, sites }] },
      { IYS_PASSWORD: 'demo' },
    );
    const env = parseServerEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir });
    if (!config.ok || !env.ok) throw new Error('the example settings are invalid');
    izinli = await startServer({
      env: env.value,
      config: config.value,
      logger: pino({ level: 'silent' }),
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    site?.closeAllConnections();
    await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
    await izinli?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['react', '0532 710 00 01'],
    ['vue', '0532 710 00 02'],
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
      const stored = await eventually(`${framework}: the capture on the server`, async () => {
        const answer = await fetch(`${izinli.url}/v1/admin/captures/${captureId}`, {
          headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` },
        });
        return answer.status === 200
          ? ((await answer.json()) as {
              record: { channels: { type: string; checked: boolean; status: string }[] };
            })
          : undefined;
      });
      expect(stored.record.channels).toContainEqual({
        type: 'MESAJ',
        checked: true,
        status: 'ONAY',
      });
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
