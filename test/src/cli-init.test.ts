// A site owner's first run, with the real binaries: `izinli init --yes --json` in an empty folder,
// then `izinli start` on what it wrote; the widget's config and a capture from the configured
// origin are served with init's notices, and SIGHUP brings in an origin added to the file.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runIzinli } from './cli-process.test-support.js';
import { startServerProcess, stopServerProcess } from './server-process.test-support.js';
import type { ServerProcess } from './server-process.test-support.js';

const SITE_KEY = 'ornek-magaza-site-0001';
const ORIGIN = 'https://www.ornekmagaza.com.tr';
const NEW_ORIGIN = 'https://kampanya.ornekmagaza.com.tr';

interface WidgetView {
  notices: { id: string; version: number; sha256: string; text: string }[];
}

describe('izinli init, then izinli start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-first-run-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server) await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  });

  const capture = (origin: string, notices: WidgetView['notices']) =>
    fetch(`${server!.url}/v1/captures`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({
        id: randomUUID(),
        siteKey: SITE_KEY,
        locale: 'tr',
        person: { fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67', email: 'ayse@ornek.com.tr' },
        channels: { MESAJ: true, ARAMA: false, EPOSTA: true },
        purposes: { 'kisiye-ozel-oneriler': true },
        notices: notices.map(({ id, version, sha256 }) => ({ id, version, sha256 })),
        widgetVersion: '1.0.0',
        pageUrl: `${origin}/uye-ol`,
      }),
    });

  it(
    'serves the site init made, from its config, key and notices',
    { timeout: 60_000 },
    async () => {
      const init = await runIzinli([
        'init',
        '--dir',
        dir,
        '--yes',
        '--json',
        '--site-key',
        SITE_KEY,
        '--origin',
        ORIGIN,
        '--iys-code',
        '123456',
        '--brand-code',
        '123456',
      ]);
      expect(init.code, init.stderr).toBe(0);
      const result = JSON.parse(init.stdout) as {
        configPath: string;
        siteKey: string;
        adminToken: string;
        snippet: string;
      };
      expect(result).toMatchObject({
        configPath: join(dir, 'izinli.config.json'),
        siteKey: SITE_KEY,
      });
      expect(result.snippet).toMatch(
        / integrity="sha384-[A-Za-z0-9+/]{64}" crossorigin="anonymous"/,
      );
      expect(result.snippet).toContain(`<izinli-consent name="izinliCaptureId" site="${SITE_KEY}"`);

      server = await startServerProcess({ IYS_USERNAME: 'api', IYS_PASSWORD: 'gizli' }, [
        CLI.pathname,
        'start',
        '--config',
        result.configPath,
      ]);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const view = (await (
        await fetch(`${server.url}/v1/sites/${SITE_KEY}/widget`)
      ).json()) as WidgetView;
      expect(view.notices.map((n) => [n.id, n.version])).toEqual([
        ['kvkk-aydinlatma', 1],
        ['etk-onay', 1],
        ['riza-pazarlama-analizi', 1],
      ]);
      expect(view.notices[0]!.text).toBe(
        readFileSync(join(dir, 'notices', 'aydinlatma.md'), 'utf8').trimEnd(),
      );
      const accepted = await capture(ORIGIN, view.notices);
      expect(accepted.status).toBe(201);
      expect(((await accepted.json()) as { receipt: string }).receipt.split('.')).toHaveLength(3);

      // The admin token init printed (and only it) opens the admin API.
      const admin = (token: string) =>
        fetch(`${server!.url}/v1/admin/captures`, {
          headers: { Authorization: `Bearer ${token}` },
        });
      expect((await admin(result.adminToken)).status).toBe(200);
      expect((await admin(`${result.adminToken}x`)).status).toBe(401);

      // An origin added to the file is served after SIGHUP, without a restart.
      expect((await capture(NEW_ORIGIN, view.notices)).status).toBe(403);
      const config = JSON.parse(readFileSync(result.configPath, 'utf8')) as {
        tenants: { sites: { allowedOrigins: string[] }[] }[];
      };
      config.tenants[0]!.sites[0]!.allowedOrigins.push(NEW_ORIGIN);
      writeFileSync(result.configPath, JSON.stringify(config, null, 2));
      const logged = server.logs.length;
      server.child.kill('SIGHUP');
      await waitForLog(server, logged, 'config reloaded');
      expect((await capture(NEW_ORIGIN, view.notices)).status).toBe(201);

      const stopped = await stopServerProcess(server);
      server = undefined;
      expect(stopped).toEqual({ code: 0, signal: null });
    },
  );
});

/** Resolves once a log line after the first `from` has the message `msg`. */
async function waitForLog(server: ServerProcess, from: number, msg: string): Promise<void> {
  const found = () =>
    server.logs.slice(from).some((line) => {
      try {
        return (JSON.parse(line) as { msg?: string }).msg === msg;
      } catch {
        return false;
      }
    });
  const deadline = Date.now() + 10_000;
  while (!found()) {
    if (Date.now() > deadline)
      throw new Error(`no "${msg}" in:\n${server.logs.slice(from).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
