// /metrics is not for the public: behind METRICS_TOKEN, or on METRICS_PORT and absent from the
// app's port; open (with a warning at start) only when neither is set.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../api-error.js';
import { makeHarness } from '../app-harness.test-support.js';
import { metricsAccessOf, serveMetrics } from '../metrics-listener.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const TOKEN = 'olcum-belirteci-0123456789';

describe('/metrics access', () => {
  it('METRICS_TOKEN: 401 JSON naming the header without it or with another, the metrics with it', async () => {
    h = await makeHarness({ deps: { metricsAccess: { kind: 'token', token: TOKEN } } });
    const none = await h.app.request('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    const { error } = (await none.json()) as ApiErrorBody;
    expect(error.code).toBe('metrics.unauthorized');
    expect(error.issues?.[0]?.expected).toContain('Authorization: Bearer');
    expect(error.issues?.[0]?.received).toBe('no Authorization header');
    const wrong = await h.app.request('/metrics', {
      headers: { Authorization: 'Bearer baska-bir-belirtec-000000' },
    });
    expect(wrong.status).toBe(401);
    const right = await h.app.request('/metrics', {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('izinli_http_requests_total');
  });

  it('METRICS_PORT: not on the app’s port, served on its own', async () => {
    h = await makeHarness({ deps: { metricsAccess: { kind: 'elsewhere' } } });
    expect((await h.app.request('/metrics')).status).toBe(404);
    const listener = await serveMetrics({ metrics: h.metrics, port: 0, host: '127.0.0.1' });
    try {
      const answer = await fetch(listener.url);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toContain('text/plain');
      expect(await answer.text()).toContain('izinli_http_request_duration_seconds');
      expect((await fetch(listener.url.replace('/metrics', '/healthz'))).status).toBe(404);
    } finally {
      await listener.close();
    }
  });

  it('reads the environment: a port wins, then a token, else open', () => {
    expect(metricsAccessOf({ METRICS_PORT: 9464, METRICS_TOKEN: TOKEN })).toEqual({
      kind: 'elsewhere',
    });
    expect(metricsAccessOf({ METRICS_TOKEN: TOKEN })).toEqual({ kind: 'token', token: TOKEN });
    expect(metricsAccessOf({})).toEqual({ kind: 'open' });
  });
});
