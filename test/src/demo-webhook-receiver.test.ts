// The demo's webhook endpoint is the code site owners copy: it must check deliveries with the
// official standardwebhooks library — a good signature accepted once, a bad one 401, a stale
// timestamp 400 — as the server signs them.
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';

interface Receiver {
  url: string;
  received(): { id: string; type: string }[];
  close(): Promise<void>;
}
type Start = (options: { secret: string }) => Promise<Receiver>;

const secret = `whsec_${randomBytes(32).toString('base64')}`;
let receiver: Receiver;

beforeAll(async () => {
  // The demo is plain JavaScript outside this project: imported by URL, typed here.
  const module = new URL('../../demo/lib/webhook-receiver.js', import.meta.url).href;
  const { startWebhookReceiver } = (await import(module)) as { startWebhookReceiver: Start };
  receiver = await startWebhookReceiver({ secret });
});
afterAll(() => receiver.close());

function post(body: string, id: string, at: Date, key = secret) {
  const signature = new Webhook(key).sign(id, at, body);
  return fetch(receiver.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
  });
}

it('accepts a signed delivery once, refuses a forged one (401) and a stale one (400)', async () => {
  const body = JSON.stringify({
    type: 'capture.recorded',
    timestamp: new Date().toISOString(),
    data: {},
  });
  const id = `msg_${randomUUID()}`;
  expect((await post(body, id, new Date())).status).toBe(200);
  expect((await post(body, id, new Date())).status).toBe(200);
  expect(receiver.received().filter((e) => e.id === id)).toHaveLength(1);
  const forged = await post(
    body,
    `msg_${randomUUID()}`,
    new Date(),
    `whsec_${randomBytes(32).toString('base64')}`,
  );
  expect(forged.status).toBe(401);
  const stale = await post(body, `msg_${randomUUID()}`, new Date(Date.now() - 10 * 60_000));
  expect(stale.status).toBe(400);
  expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('webhook.headers');
});
