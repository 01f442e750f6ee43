// /admin: the built console's shell and assets under a strict CSP, and a clear 404 when the
// console is not built.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminConsoleRoutes, defaultConsoleDir } from './admin-console.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'izinli-console-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>izinli</title>');
  writeFileSync(join(dir, 'admin.js'), 'export {};');
  writeFileSync(join(dir, 'admin.css'), 'body{}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mount = (consoleDir: string) => new Hono().route('/', adminConsoleRoutes(consoleDir));

describe('admin console files', () => {
  it('serves the shell at /admin and /admin/ and its assets, with a strict CSP and nosniff', async () => {
    const app = mount(dir);
    for (const [path, type] of [
      ['/admin', 'text/html'],
      ['/admin/', 'text/html'],
      ['/admin/admin.js', 'text/javascript'],
      ['/admin/admin.css', 'text/css'],
    ] as const) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toContain(type);
      expect(response.headers.get('content-security-policy'), path).toMatch(
        /^default-src 'self'; script-src 'self'; style-src 'self';.*frame-ancestors 'none'$/,
      );
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    expect(await (await app.request('/admin/admin.js')).text()).toBe('export {};');
  });

  it('names no file outside the built folder, and an unknown file is a 404', async () => {
    const app = mount(dir);
    for (const path of [
      '/admin/..%2Fpackage.json',
      '/admin/.env',
      '/admin/nope.js',
      '/admin/x.txt',
    ]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code, path).toBe(
        'route.unknown',
      );
    }
  });

  it('answers a clear 404 when the console is not built, as JSON or as a page', async () => {
    const app = mount(join(dir, 'missing'));
    const json = await app.request('/admin');
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({
      error: { code: 'console.notBuilt', message: expect.stringContaining('npm run build') },
    });
    const page = await app.request('/admin/', { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<code>npm run build</code>');
    const asset = await app.request('/admin/admin.js');
    expect(asset.status).toBe(404);
    expect(((await asset.json()) as { error: { code: string } }).error.code).toBe(
      'console.notBuilt',
    );
  });

  it('finds the @izinli/admin workspace’s dist/ by path, without importing it', () => {
    expect(defaultConsoleDir()).toBe(
      join(fileURLToPath(new URL('../../../../admin', import.meta.url)), 'dist'),
    );
  });
});
