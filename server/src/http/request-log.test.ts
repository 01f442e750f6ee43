// What an operator reads after a capture, a check and a refusal: the request id in the answer,
// in the access line and in the error body; one access line per request naming the route
// template (never the recipient in the query); the request-duration histogram moved.
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { capturedLogger } from '../captured-logger.test-support.js';
import type { ApiErrorBody } from './api-error.js';
import { makeHarness, postCapture, validCapture } from './app-harness.test-support.js';
import { REQUEST_ID_MAX } from './request-log.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const accessLines = (lines: { msg: string }[]) =>
  lines.filter((l) => l.msg === 'request') as unknown as {
    reqId: string;
    method: string;
    route: string;
    status: number;
    ms: number;
  }[];

describe('request ids and the access log', () => {
  it('a capture, a check and a refusal: each id echoed, logged once with its route template, and in the error body', async () => {
    const log = capturedLogger('info');
    h = await makeHarness({ logger: log.logger });
    const created = await postCapture(h.app, validCapture(), { 'X-Request-Id': 'destek-1234' });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe('destek-1234');

    const recipient = encodeURIComponent('+905321234567');
    const check = await h.app.request(`/v1/check?type=MESAJ&recipient=${recipient}`, {
      headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` },
    });
    expect(check.status).toBe(200);
    const checkId = check.headers.get('x-request-id')!;
    expect(checkId).toMatch(/^[0-9a-f-]{36}$/);

    const refused = await postCapture(h.app, { ...validCapture(), locale: 'de' });
    expect(refused.status).toBe(422);
    const { error } = (await refused.json()) as ApiErrorBody;
    expect(error.requestId).toBe(refused.headers.get('x-request-id'));

    const lines = accessLines(log.lines);
    expect(lines.map((l) => [l.reqId, l.method, l.route, l.status])).toEqual([
      ['destek-1234', 'POST', '/v1/captures', 201],
      [checkId, 'GET', '/v1/check', 200],
      [error.requestId, 'POST', '/v1/captures', 422],
    ]);
    expect(lines.every((l) => typeof l.ms === 'number' && l.ms >= 0)).toBe(true);
    // The check's recipient came in the query: no log line holds it.
    expect(JSON.stringify(log.lines)).not.toContain('905321234567');
  });

  it('replaces an incoming id that is too long or holds odd characters', async () => {
    h = await makeHarness();
    for (const sent of ['x'.repeat(REQUEST_ID_MAX + 1), 'a b', 'kötü', '<script>']) {
      const response = await h.app.request('/healthz', { headers: { 'X-Request-Id': sent } });
      const echoed = response.headers.get('x-request-id');
      expect(echoed, sent).not.toBe(sent);
      expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('times every request by method, route template and status', async () => {
    h = await makeHarness();
    await postCapture(h.app, validCapture());
    await h.app.request('/v1/nowhere');
    const metric = await h.metrics.registry
      .getSingleMetric('izinli_http_request_duration_seconds')!
      .get();
    const counts = metric.values
      .filter(
        (v) =>
          (v as { metricName?: string }).metricName ===
          'izinli_http_request_duration_seconds_count',
      )
      .map((v) => [v.labels.method, v.labels.route, v.labels.status, v.value]);
    expect(counts).toEqual(
      expect.arrayContaining([
        ['POST', '/v1/captures', '201', 1],
        ['GET', 'unmatched', '404', 1],
      ]),
    );
  });

  it('can be turned off (ACCESS_LOG=off): no access line, the metrics still count', async () => {
    const log = capturedLogger('info');
    h = await makeHarness({ logger: log.logger, deps: { accessLog: false } });
    await postCapture(h.app, validCapture());
    expect(accessLines(log.lines)).toEqual([]);
    const total = await h.metrics.registry.getSingleMetric('izinli_http_requests_total')!.get();
    expect(total.values.reduce((n, v) => n + v.value, 0)).toBe(1);
  });
});
