// Security headers on every route family: nosniff, no referrer, a CSP that forbids
// everything unless the route set its own (the withdrawal page keeps its own), CORP that still
// lets other sites load the widget's config and post captures, and CORS preflight intact.
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, makeHarness, postCapture, validCapture } from './app-harness.test-support.js';
import { DEFAULT_CSP, securityHeaders } from './security-headers.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness;
const admin = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

beforeAll(async () => {
  h = await makeHarness();
});
afterAll(async () => {
  await h.close();
});

function expectHardened(response: Response, corp: 'same-origin' | 'cross-origin') {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(response.headers.get('cross-origin-resource-policy')).toBe(corp);
}

const get = (path: string, headers: Record<string, string> = {}) =>
  Promise.resolve(h.app.request(path, { headers }));

describe('security headers on every route family', () => {
  const families: [string, () => Promise<Response>, number, 'same-origin' | 'cross-origin'][] = [
    ['the widget config', () => get(`/v1/sites/${EXAMPLE_SITE_KEY}/widget`), 200, 'cross-origin'],
    ['an unknown site', () => get('/v1/sites/yok/widget'), 404, 'cross-origin'],
    ['a capture', () => postCapture(h.app, validCapture()), 201, 'cross-origin'],
    ['a refused capture', () => postCapture(h.app, '{'), 400, 'cross-origin'],
    ['the JWKS', () => get('/.well-known/jwks.json'), 200, 'cross-origin'],
    ['the checkpoints', () => get('/v1/checkpoints'), 200, 'cross-origin'],
    ['the admin API without a token', () => get('/v1/admin/captures'), 401, 'same-origin'],
    ['the admin API', () => get('/v1/admin/captures', admin), 200, 'same-origin'],
    ['the admin movements', () => get('/v1/admin/movements/stats', admin), 200, 'same-origin'],
    ['the pre-send check', () => get('/v1/check?type=MESAJ', admin), 400, 'same-origin'],
    ['İYS push without auth', () => postTo('/v1/iys/push/654321', '{}'), 401, 'same-origin'],
    ['the withdrawal API refusal', () => get('/v1/withdraw', json), 400, 'same-origin'],
    ['/healthz', () => get('/healthz'), 200, 'same-origin'],
    ['/readyz', () => get('/readyz'), 200, 'same-origin'],
    ['/metrics', () => get('/metrics'), 200, 'same-origin'],
    ['/openapi.json', () => get('/openapi.json'), 200, 'same-origin'],
    ['an unknown route', () => get('/nope'), 404, 'same-origin'],
  ];
  const json = { Accept: 'application/json' };
  const postTo = (path: string, body: string) =>
    Promise.resolve(
      h.app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      }),
    );

  for (const [what, send, status, corp] of families) {
    it(`${what} answers ${status} with nosniff, no-referrer, a frame-ancestors CSP and CORP ${corp}`, async () => {
      const response = await send();
      expect(response.status).toBe(status);
      expectHardened(response, corp);
      if (response.headers.get('content-type')?.includes('json')) {
        expect(response.headers.get('content-security-policy')).toBe(DEFAULT_CSP);
      }
    });
  }

  it('keeps the withdrawal page’s own CSP (styles from itself, forms to itself)', async () => {
    const page = await get('/v1/withdraw?t=bozuk');
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expectHardened(page, 'same-origin');
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
  });

  it('keeps CORS preflight from an allowed origin working, and refuses other origins', async () => {
    const preflight = (origin: string) =>
      h.app.request('/v1/captures', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expectHardened(allowed, 'cross-origin');
    const other = await preflight('https://kotu.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('securityHeaders() on answers it did not make', () => {
  const app = new Hono();
  app.use(securityHeaders());
  app.get('/own', (c) => c.body('<p>', 200, { 'Content-Security-Policy': "default-src 'self'" }));
  app.get('/izinli.js', (c) => c.body('1', 200, { 'Content-Type': 'text/javascript' }));
  // Response.redirect() has immutable headers, like a Response a fallback got from fetch().
  app.get('/moved', () => Response.redirect('https://izinli.example/', 302));

  it('keeps a CSP the route set and adds the rest', async () => {
    const response = await app.request('/own');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets other sites load the widget script (CORP cross-origin)', async () => {
    const response = await app.request('/izinli.js');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('hardens a response whose headers are immutable by copying it', async () => {
    const response = await app.request('/moved');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://izinli.example/');
    expectHardened(response, 'same-origin');
  });
});
