// The widget's script served to other origins: the installed bundle at /izinli.js and
// at /widget/<version>/, loadable from any origin, cached by ETag, pinned by its SRI hash.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError, apiErrorResponse } from '../api-error.js';
import { readWidgetBundle, widgetSnippet } from '../../widget/bundle.js';
import { widgetBundleRoutes } from './widget-bundle.js';

const dir = mkdtempSync(join(tmpdir(), 'izinli-widget-'));
const MODULE = 'export const izinli = "bir";\n';
writeFileSync(join(dir, 'izinli.js'), MODULE);
writeFileSync(join(dir, 'izinli.iife.js'), '(function(){})();\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The routes as the server mounts them, with its error rendering. */
const mount = (routes: Hono) =>
  new Hono().route('/', routes).onError((error, c) => {
    if (error instanceof ApiError) return apiErrorResponse(c, error);
    throw error;
  });
const app = mount(widgetBundleRoutes(readWidgetBundle(dir, '1.2.3')));
const sri = (text: string) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

describe('the widget bundle', () => {
  it('serves /izinli.js to any origin as JavaScript, with a short cache and an ETag', async () => {
    const response = await app.request('/izinli.js', {
      headers: { Origin: 'https://baska-bir-site.example' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(MODULE);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request('/izinli.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves the versioned path as immutable, and names the served version for any other', async () => {
    const pinned = await app.request('/widget/1.2.3/izinli.iife.js');
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const other = await app.request('/widget/0.9.0/izinli.js');
    expect(other.status).toBe(404);
    const body = (await other.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('widget.unknownVersion');
    expect(body.error.message).toContain('/widget/1.2.3/izinli.js');
    expect((await app.request('/widget/1.2.3/başka.js')).status).toBe(404);
  });

  it('publishes each file’s SRI hash, which matches the bytes served', async () => {
    const response = await app.request('/widget/integrity.json');
    const manifest = (await response.json()) as {
      version: string;
      files: Record<string, { path: string; integrity: string }>;
    };
    expect(manifest.version).toBe('1.2.3');
    for (const [name, file] of Object.entries(manifest.files)) {
      const served = await (await app.request(file.path)).text();
      expect(file.integrity, name).toBe(sri(served));
    }
    expect(Object.keys(manifest.files).sort()).toEqual(['izinli.iife.js', 'izinli.js']);
  });

  it('says how to fix a missing bundle rather than answering an empty script', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'izinli-widget-none-'));
    try {
      const bare = mount(widgetBundleRoutes(readWidgetBundle(empty, '1.2.3')));
      const response = await bare.request('/izinli.js');
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('widget.notBuilt');
      expect(body.error.message).toContain('npm run build');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('prints a snippet pinned to the version with its integrity', () => {
    const snippet = widgetSnippet({
      publicUrl: 'https://izinli.ornek.com.tr/',
      siteKey: 'ornek-0001',
      bundle: readWidgetBundle(dir, '1.2.3'),
    });
    expect(snippet).toContain(
      `src="https://izinli.ornek.com.tr/widget/1.2.3/izinli.js" integrity="${sri(MODULE)}" crossorigin="anonymous"`,
    );
    expect(snippet).toContain('site="ornek-0001"');
  });
});
