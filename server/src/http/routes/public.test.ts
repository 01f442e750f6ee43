import { describe, expect, it } from 'vitest';
import { noticeHash } from '@izinli/core';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { checkpointSites } from '../../proof/checkpointer.js';
import { signCheckpoint } from '../../proof/index.js';
import type { ApiErrorBody } from '../api-error.js';
import { ORIGIN, harnessPerTest, postCapture, validCapture } from '../app-harness.test-support.js';
import type { Harness } from '../app-harness.test-support.js';
import { OPERATIONS } from '../openapi.js';

let h: Harness;
harnessPerTest((made) => (h = made));

describe('GET /v1/sites/{siteKey}/widget', () => {
  it('serves the current texts of one language with their hashes, and no server-only fields', async () => {
    const response = await h.app.request(`/v1/sites/${EXAMPLE_SITE_KEY}/widget?locale=en`);
    expect(response.status).toBe(200);
    const view = (await response.json()) as Record<string, unknown> & {
      notices: { locale: string; text: string; sha256: string }[];
    };
    expect(view.locale).toBe('en');
    expect(view.notices.length).toBeGreaterThan(0);
    for (const n of view.notices) {
      expect(n.locale).toBe('en');
      expect(await noticeHash(n.text)).toBe(n.sha256);
    }
    expect(view).not.toHaveProperty('brand');
    expect(view).not.toHaveProperty('allowedOrigins');
    expect(view).not.toHaveProperty('ipPolicy');
  });

  it('answers a matching If-None-Match with 304', async () => {
    const first = await h.app.request(`/v1/sites/${EXAMPLE_SITE_KEY}/widget`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toContain('max-age');
    const again = await h.app.request(`/v1/sites/${EXAMPLE_SITE_KEY}/widget`, {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('gives each language its own ETag', async () => {
    const tr = await h.app.request(`/v1/sites/${EXAMPLE_SITE_KEY}/widget?locale=tr`);
    const en = await h.app.request(`/v1/sites/${EXAMPLE_SITE_KEY}/widget?locale=en`);
    expect(tr.headers.get('etag')).not.toBe(en.headers.get('etag'));
  });

  it('answers an unknown site with 404 and an unoffered language with 400', async () => {
    const unknown = await h.app.request('/v1/sites/baska-bir-site-anahtari-01/widget');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ApiErrorBody).error.code).toBe('site.unknown');
    const german = await h.app.request(`/v1/sites/${EXAMPLE_SITE_KEY}/widget?locale=de`);
    expect(german.status).toBe(400);
    expect(((await german.json()) as ApiErrorBody).error.issues?.[0]?.path).toBe('locale');
  });

  it('serves the config to an allowed origin; another origin can read only its refusal; captures keep CORS to allowed origins', async () => {
    const ok = await h.app.request(`/v1/sites/${EXAMPLE_SITE_KEY}/widget`, {
      headers: { Origin: ORIGIN },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const other = await h.app.request(`/v1/sites/${EXAMPLE_SITE_KEY}/widget`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(other.status).toBe(403);
    const body = (await other.json()) as { error: { code: string }; notices?: unknown };
    expect(body.error.code).toBe('origin.forbidden');
    expect(body.notices).toBeUndefined();
    const evilPreflight = await h.app.request('/v1/captures', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(evilPreflight.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await h.app.request('/v1/captures', {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('proof endpoints', () => {
  it('publishes the signing key in /.well-known/jwks.json without private parts', async () => {
    const jwks = (await (await h.app.request('/.well-known/jwks.json')).json()) as {
      keys: Record<string, string>[];
    };
    expect(jwks.keys.map((k) => k.kid)).toContain(h.ring.kid);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('lists signed checkpoints of the chain head, newest first', async () => {
    await postCapture(h.app, validCapture());
    await checkpointSites({ store: h.store, sign: (head) => signCheckpoint(h.ring, head) });
    await postCapture(h.app, validCapture());
    await checkpointSites({ store: h.store, sign: (head) => signCheckpoint(h.ring, head) });
    // Nothing moved: no new checkpoint.
    expect(
      await checkpointSites({ store: h.store, sign: (head) => signCheckpoint(h.ring, head) }),
    ).toEqual([]);
    const body = (await (
      await h.app.request(`/v1/checkpoints?siteKey=${EXAMPLE_SITE_KEY}`)
    ).json()) as {
      checkpoints: { seq: number; hash: string; jws: string }[];
    };
    expect(body.checkpoints.map((c) => c.seq)).toEqual([2, 1]);
    expect(body.checkpoints[0]!.hash).toBe((await h.store.chainHead(EXAMPLE_SITE_KEY)).hash);
  });

  it('answers a bad checkpoint query with 400', async () => {
    expect((await h.app.request('/v1/checkpoints?limit=0')).status).toBe(400);
    expect((await h.app.request('/v1/checkpoints?siteKey=a b')).status).toBe(400);
  });
});

describe('operations endpoints', () => {
  it('/healthz and /readyz answer, /readyz naming the store', async () => {
    expect((await h.app.request('/healthz')).status).toBe(200);
    const ready = await h.app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'sqlite', database: true });
  });

  it('/metrics counts captures and group commits in Prometheus format', async () => {
    await postCapture(h.app, validCapture());
    const text = await (await h.app.request('/metrics')).text();
    expect(text).toMatch(/izinli_captures_total\{outcome="created"\} 1/);
    expect(text).toMatch(/izinli_commit_batch_size_count 1/);
    expect(text).toMatch(/izinli_outbox_pending_movements 2/);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await h.app.request('/v1/nothing');
    expect(response.status).toBe(404);
    expect(((await response.json()) as ApiErrorBody).error.code).toBe('route.unknown');
  });
});

describe('/openapi.json', () => {
  it('describes every route the app serves, with the capture body generated from the zod schema', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: {
        schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
      };
    };
    expect(doc.openapi).toBe('3.1.0');
    const served = new Set(
      h.app.routes
        .filter((r) => r.method !== 'ALL')
        .map(
          (r) =>
            `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '') || '/'}`,
        ),
    );
    const documented = new Set(OPERATIONS.map((op) => `${op.method} ${op.path}`));
    expect([...served].sort()).toEqual([...documented].sort());
    const capture = doc.components.schemas.Capture!;
    expect(Object.keys(capture.properties!)).toEqual(
      expect.arrayContaining(['id', 'siteKey', 'channels', 'purposes', 'notices']),
    );
    expect(capture.required).toContain('notices');
  });
});
