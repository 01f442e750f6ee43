// Long because: one install (npm pack, npm install: a minute) serves every check.
// A site owner's real deployment, as a stranger to this repo meets izinli: the packages
// packed with `npm pack`, then the README's "Put it on your site" commands run as written in an
// empty folder — `npm install @izinli/server` is the one line run otherwise, as an install of the
// packed tarballs (@izinli/client among them), since the packages are not on the registry — and
// `npx izinli start` beside `npx izinli-iys-sim` from the same install. Then, in Chromium, a plain
// signup page on another origin with init's snippet pasted verbatim — the module
// script, and the classic izinli.iife.js — captures, the receipt verifies and the simulated İYS
// has the permission; the same page on an origin the site does not allow still signs the person
// up, the widget reports origin.not_allowed, the server counts it and the console lists it. The
// pages are served on one port of 127.0.0.1 and reached as two origins: http://localhost:<port>
// (the site's) and http://127.0.0.1:<port> (not the site's); izinli listens on another port. The
// install builds better-sqlite3 from source (about a minute).
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { verifyReceipt } from '@izinli/server';
import type { JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchChromium } from './browser.test-support.js';
import { REPO } from './demo-process.test-support.js';
import { readmeCommands } from './readme.test-support.js';

const PACKAGES = [
  'packages/core',
  'packages/iys',
  'packages/iys-sim',
  'packages/client',
  'widget',
  'admin',
  'server',
];
const SITE_KEY = 'kitabevi-magaza-0001';
/** The two origins of the bookshop's pages: the site's, and one its config does not allow. */
const PAGE_PORT_HOST = { allowed: 'localhost', refused: '127.0.0.1' } as const;

/**
 * The environment of a site owner's shell: this process's, less what the test runner's own
 * environment sets for izinli (CI exports DATABASE_URL: the install must use its own SQLite, not
 * the shared test database, where another instance may hold the İYS sender's lock).
 */
function ownerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(DATABASE_|IZINLI_|IYS_|PORT$|HOST$|DATA_DIR$|PUBLIC_URL$|TRUST_PROXY$)/.test(name)) {
      delete env[name];
    }
  }
  return env;
}

/** Runs a command to completion; rejects with its output when it fails. */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: { ...ownerEnv(), ...options.env },
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 << 20,
      },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `${command} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`,
            ),
          );
        else resolve({ stdout, stderr });
      },
    );
  });
}

/** A port free right now on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts a long-running command and resolves once a line of its output matches `ready`. */
async function startProcess(
  args: string[],
  options: { cwd: string; env: Record<string, string>; ready: RegExp },
): Promise<{ child: ChildProcess; lines: string[] }> {
  // Its own process group, so that stopping it stops what npx started too.
  const child = spawn('npx', args, {
    cwd: options.cwd,
    env: { ...ownerEnv(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const onLine = (line: string) => {
      lines.push(line);
      if (options.ready.test(line)) resolve();
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) =>
      reject(new Error(`npx ${args.join(' ')} exited (${code}):\n${lines.join('\n')}`)),
    );
  });
  return { child, lines };
}

/** Stops a process started by `startProcess`, and what it started, and waits for it. */
async function stopProcess(
  started: { child: ChildProcess } | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
) {
  const child = started?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, signal);
  await exited;
}

/** The bookshop's own signup page: its form, the pasted snippet, and its own handler. */
function bookshopPage(snippet: string): string {
  return `<!doctype html>
<html lang="tr">
  <head><meta charset="utf-8"><title>Kitabevi: üye ol</title></head>
  <body>
    <script>
      window.izinliErrors = [];
      document.addEventListener('izinli-error', (e) =>
        window.izinliErrors.push({ code: e.code, status: e.status, server: e.error && e.error.code }));
    </script>
    <form action="/uye-ol" method="post">
      <label>Ad soyad <input name="adSoyad" autocomplete="name"></label>
      <label>Telefon <input name="telefon" type="tel" autocomplete="tel"></label>
${snippet}
      <button>Üye ol</button>
    </form>
  </body>
</html>`;
}

/** Serves the pages (path → HTML) and answers their form at /uye-ol with what it received. */
async function servePage(
  host: string,
  port: number,
  html: (path: string) => string | undefined,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/uye-ol') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const fields = Object.fromEntries(new URLSearchParams(body));
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(
          `<!doctype html><p id="tamam">Hoş geldiniz</p><pre id="alanlar">${JSON.stringify(fields).replace(/</g, '\\u003c')}</pre>`,
        );
      });
      return;
    }
    const page = html(req.url ?? '/');
    res.writeHead(page === undefined ? 404 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page ?? 'yok');
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

describe('a packed install on a site of its own', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-packed-'));
  /** The folder the README's commands make and work in. */
  let app = dir;
  /** The environment the README's `export` lines set. */
  const readmeEnv: Record<string, string> = {};
  /** The test's own site, made by init in a folder of the install (its origins are the test's). */
  const SITE_DIR = 'sahne';
  let izinliPort = 0;
  let pagePort = 0;
  let init: { configPath: string; siteKey: string; adminToken: string; snippet: string };
  let izinli: { child: ChildProcess; lines: string[] } | undefined;
  let sim: { child: ChildProcess; lines: string[] } | undefined;
  let simUrl = '';
  const pages: Server[] = [];
  let browser: Browser | undefined;
  const steps: { step: string; seconds: number }[] = [];
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      steps.push({ step, seconds: (Date.now() - started) / 1000 });
    }
  };

  beforeAll(async () => {
    izinliPort = await freePort();
    pagePort = await freePort();
    mkdirSync(join(dir, 'packs'));
    // The bundles are packed as built: build them where a partial run has not yet.
    for (const [built, workspace] of [
      ['widget/dist/izinli.js', 'widget'],
      ['admin/dist/admin.js', 'admin'],
    ] as const) {
      if (!existsSync(join(REPO, built))) {
        await run('npm', ['run', 'build', '--workspace', workspace], { cwd: REPO });
      }
    }
    await timed(`npm pack (${PACKAGES.length} packages)`, () =>
      run(
        'npm',
        ['pack', '--pack-destination', join(dir, 'packs'), ...PACKAGES.flatMap((p) => ['-w', p])],
        { cwd: REPO },
      ),
    );
  }, 120_000);

  afterAll(async () => {
    console.log(
      `packed install, from an empty folder:\n${steps.map((s) => `  ${s.step}: ${s.seconds.toFixed(1)} s`).join('\n')}`,
    );
    await browser?.close();
    for (const page of pages) page.close();
    for (const p of [izinli, sim]) await stopProcess(p);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('the README’s “Put it on your site” commands run as written in an empty folder', async () => {
    const tarballs = readdirSync(join(dir, 'packs')).map((f) => join(dir, 'packs', f));
    expect(tarballs).toHaveLength(PACKAGES.length);
    const commands = readmeCommands('Put it on your site');
    expect(commands[0]).toMatch(/^mkdir (\S+) && cd \1$/);
    expect(commands).toContain('npm install @izinli/server');
    for (const command of commands) {
      const cd = /^mkdir (\S+) && cd \1$/.exec(command);
      const exported = /^export (\w+)='([^']*)'$/.exec(command);
      if (cd) {
        mkdirSync(join(app, cd[1]!));
        app = join(app, cd[1]!);
      } else if (exported) {
        readmeEnv[exported[1]!] = exported[2]!;
      } else if (command === 'npm install @izinli/server') {
        await timed(
          `npm install @izinli/server (the ${PACKAGES.length} tarballs, from an empty folder)`,
          () =>
            run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], {
              cwd: app,
              timeoutMs: 480_000,
            }),
        );
      } else if (command.startsWith('npx izinli start')) {
        // Runs until stopped: healthy on its port, then stopped as Ctrl-C would.
        const port = await freePort();
        const started = await timed(command, () =>
          startProcess(command.split(' ').slice(1), {
            cwd: app,
            env: { ...readmeEnv, PORT: String(port) },
            ready: /izinli server listening/,
          }),
        );
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
        await stopProcess(started, 'SIGINT');
      } else {
        const { stdout } = await timed(command, () =>
          run('bash', ['-c', command], { cwd: app, env: readmeEnv }),
        );
        if (command === 'npx izinli --version') expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      }
    }
    expect(readFileSync(join(app, 'izinli.config.json'), 'utf8')).toContain('kitabevi');
    const help = await run('npx', ['izinli-iys-sim', '--help'], { cwd: app });
    expect(help.stdout).toContain('İYS');
  });

  it('izinli init writes the config, the notices and a key, and prints the admin token and the snippet', async () => {
    const { stdout } = await timed('npx izinli init', () =>
      run(
        'npx',
        [
          'izinli',
          'init',
          '--dir',
          SITE_DIR,
          '--yes',
          '--json',
          '--site-key',
          SITE_KEY,
          '--origin',
          `http://${PAGE_PORT_HOST.allowed}:${pagePort}`,
          '--iys-code',
          '100000',
          '--brand-code',
          '100000',
          '--iys-username',
          'demo',
          '--iys-password-env',
          'IYS_PASSWORD',
          '--public-url',
          `http://127.0.0.1:${izinliPort}`,
        ],
        { cwd: app },
      ),
    );
    init = JSON.parse(stdout) as typeof init;
    expect(init.siteKey).toBe(SITE_KEY);
    expect(init.adminToken.length).toBeGreaterThanOrEqual(32);
    expect(init.snippet).toContain(`http://127.0.0.1:${izinliPort}/`);
    expect(init.snippet).toMatch(/integrity="sha384-[A-Za-z0-9+/]+=*"/);
    expect(init.snippet).toContain(`site="${SITE_KEY}"`);
  });

  it('izinli start serves the API and the widget beside the simulator from the same install', async () => {
    sim = await timed('npx izinli-iys-sim', () =>
      startProcess(['izinli-iys-sim', '--port', '0'], { cwd: app, env: {}, ready: /listening on/ }),
    );
    simUrl = /listening on (\S+)/.exec(sim.lines.find((l) => /listening on/.test(l))!)![1]!;
    izinli = await timed('npx izinli start', () =>
      startProcess(['izinli', 'start', '--config', join(SITE_DIR, 'izinli.config.json')], {
        cwd: app,
        env: {
          PORT: String(izinliPort),
          IYS_BASE_URL: simUrl,
          IYS_PASSWORD: 'demo',
          DELIVERY_INTERVAL_MS: '200',
        },
        ready: /izinli server listening/,
      }),
    );
    const base = `http://127.0.0.1:${izinliPort}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const script = await fetch(`${base}/izinli.js`, {
      headers: { Origin: `http://${PAGE_PORT_HOST.allowed}:${pagePort}` },
    });
    expect(script.status).toBe(200);
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    // The module snippet as init printed it at /, and the classic build at /klasik: the same
    // snippet with the script tag a CMS without modules uses (its own SRI, published by the server).
    const classic = init.snippet
      .replace(/ type="module"/, '')
      .replace(/\/izinli\.js"/, '/izinli.iife.js"')
      .replace(/ integrity="[^"]*"/, ` integrity="${await integrityOf('izinli.iife.js')}"`);
    const html = (path: string) =>
      path === '/'
        ? bookshopPage(init.snippet)
        : path === '/klasik'
          ? bookshopPage(classic)
          : undefined;
    pages.push(await servePage('127.0.0.1', pagePort, html));
    browser = await launchChromium();
  });

  /** Fills the page at `host` + `path` as a person would; the widget's errors so far on demand. */
  async function fillIn(page: Page, host: string, path: string, phone: string) {
    await page.goto(`http://${host}:${pagePort}${path}`);
    await page.fill('input[name=adSoyad]', 'Ayşe Yılmaz');
    await page.fill('input[name=telefon]', phone);
    const element = page.locator('izinli-consent');
    // The widget reads the page's own fields, or asks for them itself when the snippet names none.
    const own = element.locator('input[data-field=fullName]');
    if (await own.count()) {
      await own.fill('Ayşe Yılmaz');
      await element.locator('input[data-field=phone]').fill(phone);
    }
    const errors = async () =>
      (await page.evaluate('window.izinliErrors')) as { code: string; status?: number }[];
    return { element, errors };
  }

  /** Submits the page's form and returns the fields its own handler received. */
  async function submit(page: Page): Promise<Record<string, string>> {
    await page.locator('form button').click();
    await page.locator('#tamam').waitFor();
    return JSON.parse((await page.locator('#alanlar').textContent()) ?? '{}') as Record<
      string,
      string
    >;
  }

  it('the snippet pasted verbatim on another origin captures (module and classic script); the receipt verifies; İYS has the permission', async () => {
    const base = `http://127.0.0.1:${izinliPort}`;
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    for (const [path, phone] of [
      ['/', '0532 700 00 01'],
      ['/klasik', '0532 700 00 02'],
    ] as const) {
      const page = await browser!.newPage();
      const { element, errors } = await fillIn(page, PAGE_PORT_HOST.allowed, path, phone);
      await element.locator('[data-channel=MESAJ]').check();
      // No error before the form is sent (the page's own list goes with the page).
      expect(await errors()).toEqual([]);
      const fields = await timed(`sign up on ${path}, another origin`, () => submit(page));
      const captureId = Object.values(fields).find((v) => /^[0-9a-f]{8}-[0-9a-f-]{27}$/.test(v));
      expect(captureId, `${path}: ${JSON.stringify(fields)}`).toBeDefined();
      const answer = await fetch(`${base}/v1/admin/captures/${captureId}`, {
        headers: { Authorization: `Bearer ${init.adminToken}` },
      });
      expect(answer.status, path).toBe(200);
      const stored = (await answer.json()) as { receipt: string };
      expect((await verifyReceipt(stored.receipt, jwks)).ok, path).toBe(true);
      const e164 = `+90${phone.replace(/\D/g, '').slice(1)}`;
      await timed(`İYS (simulator) has ${path}'s permission`, () =>
        eventually(`${path}: İYS to hold the permission`, async () => {
          const text = await (
            await fetch(`${simUrl}/__sim/consents?recipient=${encodeURIComponent(e164)}`)
          ).text();
          return text.includes('"ONAY"') && text.includes('"MESAJ"') ? true : undefined;
        }),
      );
      await page.close();
    }
  });

  it('@izinli/client from the same install asks the running server, with the admin token', async () => {
    // A sender's script as its README shows it, run by Node from the install's node_modules.
    const script = `
      import { createIzinliClient, checkRecipient, verifyWebhook } from '@izinli/client';
      const izinli = createIzinliClient({ baseUrl: process.env.BASE, token: process.env.TOKEN });
      const answer = await checkRecipient(izinli, { recipient: '0532 700 00 09', type: 'MESAJ' });
      console.log(JSON.stringify({ answer, verify: typeof verifyWebhook }));`;
    const { stdout } = await run('node', ['--input-type=module', '-e', script], {
      cwd: app,
      env: { BASE: `http://127.0.0.1:${izinliPort}`, TOKEN: init.adminToken },
    });
    expect(JSON.parse(stdout)).toEqual({
      answer: { allowed: false, status: null, source: null, since: null },
      verify: 'function',
    });
  });

  async function integrityOf(file: string): Promise<string> {
    const manifest = (await (
      await fetch(`http://127.0.0.1:${izinliPort}/widget/integrity.json`)
    ).json()) as { files: Record<string, { integrity: string }> };
    return manifest.files[file]!.integrity;
  }

  it('the same page on an origin the site does not allow: the person still signs up, the widget says origin.not_allowed, the server counts it, the console lists it', async () => {
    const page = await browser!.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    const { errors } = await fillIn(page, PAGE_PORT_HOST.refused, '/', '0532 700 00 03');
    const refusedOrigin = `http://${PAGE_PORT_HOST.refused}:${pagePort}`;
    await eventually('the widget to report the refusal', async () =>
      (await errors()).length > 0 ? true : undefined,
    );
    expect(await errors()).toEqual([
      { code: 'origin.not_allowed', status: 403, server: 'origin.forbidden' },
    ]);
    expect(warnings.some((w) => w.includes(refusedOrigin) && w.includes('allowedOrigins'))).toBe(
      true,
    );
    const fields = await submit(page);
    expect(fields.adSoyad).toBe('Ayşe Yılmaz');
    const base = `http://127.0.0.1:${izinliPort}`;
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(`izinli_origin_refusals_total\\{site="${SITE_KEY}"\\} [1-9]`),
    );
    // The console's overview lists the origin.
    const admin = await browser!.newPage();
    await admin.goto(`${base}/admin#/overview`);
    await admin.fill('#token', init.adminToken);
    await admin.click('#sign-in button[type=submit]');
    await admin.locator('#refused-origins').waitFor();
    expect(await admin.locator(`#refused-origins tr[data-origin="${refusedOrigin}"]`).count()).toBe(
      1,
    );
    await admin.close();
    await page.close();
  });
});
