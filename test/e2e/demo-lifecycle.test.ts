// `npm start` twice reuses the data, `npm start -- --reset` starts fresh, Ctrl-C stops cleanly.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminGet, captureBody, postCapture } from '../src/captures.test-support.js';
import { removeDataDir, startDemo } from './demo-process.test-support.js';

const dataDir = mkdtempSync(join(tmpdir(), 'izinli-demo-life-'));
afterAll(() => removeDataDir(dataDir));

const kids = async (server: string) =>
  (
    (await (await fetch(`${server}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }
  ).keys.map((k) => k.kid);
const captureCount = async (server: string) =>
  ((await (await adminGet(server, '/v1/admin/captures')).json()) as { items: unknown[] }).items
    .length;

describe('npm start: data across starts', { timeout: 45_000 }, () => {
  it('keeps captures and keys across a restart, forgets them with --reset, and stops with exit 0 on Ctrl-C', async () => {
    const first = await startDemo({ dataDir });
    expect((await postCapture(first.server, captureBody(1))).status).toBe(201);
    const keys = await kids(first.server);
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('izinli demo: stopped.');
    expect(existsSync(join(dataDir, 'izinli.sqlite'))).toBe(true);

    const second = await startDemo({ dataDir });
    expect(await captureCount(second.server)).toBe(1);
    expect(await kids(second.server)).toEqual(keys);
    expect(await second.stop()).toBe(0);

    const fresh = await startDemo({ dataDir, args: ['--reset'] });
    expect(await captureCount(fresh.server)).toBe(0);
    expect(await kids(fresh.server)).not.toEqual(keys);
    expect(await fresh.stop()).toBe(0);
  });
});

describe('npm start with IZINLI_CONFIG set', { timeout: 45_000 }, () => {
  it('says at start that the demo runs its own config, and how to run yours', async () => {
    const demo = await startDemo({ env: { IZINLI_CONFIG: '/srv/kitabevi/izinli.config.json' } });
    try {
      expect(demo.output()).toContain('IZINLI_CONFIG /srv/kitabevi/izinli.config.json is NOT used');
      expect(demo.output()).toContain('npx izinli start');
    } finally {
      const code = await demo.stop();
      expect(code, demo.output()).toBe(0);
    }
  });
});
