// verifyWebhook on a real delivery: a capture posted to a real server makes its webhook worker
// sign and send `capture.recorded` to a receiver that checks it with the client; a changed body,
// another secret or an old timestamp is refused.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postCapture, startTestServer } from './server.test-support.js';
import { WebhookVerificationError, verifyWebhook } from './webhook.js';
import type { IzinliWebhookEvent } from './webhook.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const received: { body: string; headers: IncomingHttpHeaders; event?: IzinliWebhookEvent }[] = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      // As a site owner's endpoint would: the raw body and Node's own headers object.
      received.push({
        body,
        headers: request.headers,
        event: verifyWebhook(secret, body, request.headers),
      });
      response.writeHead(204).end();
    } catch {
      received.push({ body, headers: request.headers });
      response.writeHead(400).end();
    }
  });
});
let started: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  started = await startTestServer({ url: `http://127.0.0.1:${String(port)}/hooks`, secret });
});
afterAll(async () => {
  await started.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('verifyWebhook', () => {
  it('verifies a real delivery and gives its event', async () => {
    const captureId = await postCapture(started.url, '0532 600 00 01');
    const recorded = () => received.find((r) => r.body.includes('"capture.recorded"'));
    for (let i = 0; i < 3 && !recorded(); i++) await started.server.webhooks.runOnce();
    // Every delivery the server signed verifies (a capture may bring more than one event).
    expect(received.length).toBeGreaterThanOrEqual(1);
    expect(received.filter((r) => !r.event)).toEqual([]);
    const delivery = recorded();
    expect(delivery!.event).toMatchObject({ type: 'capture.recorded', data: { captureId } });
    expect(delivery!.event!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);

    // The same delivery with a Headers object verifies too.
    const headers = new Headers();
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      headers.set(name, String(delivery!.headers[name]));
    }
    expect(verifyWebhook(secret, delivery!.body, headers).type).toBe('capture.recorded');

    // A changed body, or another target's secret, is refused.
    const changed = delivery!.body.replace(captureId, '00000000-0000-4000-8000-000000000000');
    expect(() => verifyWebhook(secret, changed, delivery!.headers)).toThrow(
      WebhookVerificationError,
    );
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    expect(() => verifyWebhook(other, delivery!.body, delivery!.headers)).toThrow(
      WebhookVerificationError,
    );
  });

  it('refuses a replay signed ten minutes ago, and a delivery without headers', () => {
    const body = JSON.stringify({ type: 'capture.recorded', timestamp: '', data: {} });
    const at = new Date(Date.now() - 10 * 60_000);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign('msg_1', at, body),
    };
    expect(() => verifyWebhook(secret, body, headers)).toThrow(/timestamp/i);
    expect(() => verifyWebhook(secret, body, {})).toThrow(WebhookVerificationError);
  });
});
