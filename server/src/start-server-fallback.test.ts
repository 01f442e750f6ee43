import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { checkServerConfig } from './config/load-config.js';
import { parseServerEnv } from './config/env.js';
import { startServer } from './start-server.js';
import type { RunningServer } from './start-server.js';

// The embedder's hook (the demo serves its pages with it): requests no route matches go to
// `fallback`; the server's own routes always win; `undefined` falls through to the JSON 404.
describe('startServer({ fallback })', () => {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-fallback-'));
  const seen: string[] = [];
  let server: RunningServer;

  beforeAll(async () => {
    const env = parseServerEnv({ PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const config = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
    if (!env.ok || !config.ok) throw new Error('example settings invalid');
    server = await startServer({
      env: env.value,
      config: config.value,
      fallback: (request) => {
        const { pathname } = new URL(request.url);
        seen.push(`${request.method} ${pathname}`);
        if (pathname === '/healthz' || pathname === '/sayfa.html') {
          return new Response('<p>merhaba</p>', { headers: { 'content-type': 'text/html' } });
        }
        return undefined;
      },
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers what no route matched', async () => {
    const response = await fetch(`${server.url}/sayfa.html`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<p>merhaba</p>');
  });

  it('never shadows a server route', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(seen).not.toContain('GET /healthz');
  });

  it('falls through to the JSON 404 when the fallback answers nothing', async () => {
    const response = await fetch(`${server.url}/yok`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'route.unknown',
    );
    expect(seen).toContain('POST /yok');
  });
});
