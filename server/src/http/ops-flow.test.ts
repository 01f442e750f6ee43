// What an operator sees of a whole flow on a real server (HTTP, the simulator over HTTP, a webhook
// receiver): the capture's request id in its answer and its access line, and /metrics moved —
// the request histogram, İYS outcomes by code, the last sync per brand, the oldest open movement,
// webhook outcomes.
import { expect, it } from 'vitest';
import { capturedLogger } from '../captured-logger.test-support.js';
import type { RunningServer } from '../start-server.js';
import { postCaptureTo, validCapture } from './app-harness.test-support.js';
import { flowStackPerFile } from '../started-server.test-support.js';

const log = capturedLogger('info');
let server: RunningServer;

flowStackPerFile(
  {
    seed: 3,
    prefix: 'izinli-ops-',
    env: { DELIVERY_INTERVAL_MS: '50', SYNC_INTERVAL_SECONDS: '1', WEBHOOK_INTERVAL_MS: '50' },
    logger: log.logger,
  },
  (stack) => ({ server } = stack),
);

/** The value of one series of the Prometheus text, or undefined. */
function series(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

it('a capture delivered to İYS and told to a webhook: the request id logged, the metrics moved', async () => {
  const answer = await postCaptureTo(server.url, validCapture(), { 'X-Request-Id': 'kayit-42' });
  expect(answer.status).toBe(201);
  expect(answer.headers.get('x-request-id')).toBe('kayit-42');

  let text = '';
  const deadline = Date.now() + 20_000;
  for (;;) {
    text = await (await fetch(`${server.url}/metrics`)).text();
    const delivered = series(
      text,
      'izinli_iys_outcomes_total',
      'operation="single",outcome="delivered",code=""',
    );
    const hooks = series(text, 'izinli_webhook_outcomes_total', 'outcome="delivered"');
    const synced = text.includes('izinli_iys_last_sync_timestamp_seconds{iys_code="100000"');
    if ((delivered ?? 0) >= 2 && (hooks ?? 0) >= 1 && synced) break;
    if (Date.now() > deadline) throw new Error(`metrics did not move:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(
    series(
      text,
      'izinli_http_request_duration_seconds_count',
      'method="POST",route="/v1/captures",status="201"',
    ),
  ).toBe(1);
  // Both channels were delivered: nothing is left open, so no open state has an age.
  expect(series(text, 'izinli_movements_oldest_age_seconds', 'state="pending"')).toBe(0);
  const access = log.lines.find((l) => l.msg === 'request' && l.reqId === 'kayit-42');
  expect(access).toMatchObject({ method: 'POST', route: '/v1/captures', status: 201 });
});
