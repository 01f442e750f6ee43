// The demo's webhook endpoint is the code site owners copy: it must check deliveries with the
// official standardwebhooks library — a good signature accepted once, a bad one 401, a stale
// timestamp 400 — as the server signs them, and hand a verification SMS to the SMS provider
// once, answering 2xx only when the provider took it.
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';

interface Receiver {
  url: string;
  received(): { id: string; type: string }[];
  close(): Promise<void>;
}
interface Sms {
  to: string;
  text: string;
  expiresAt: string;
}
type Start = (options: {
  secret: string;
  sendSms?: (sms: Sms) => Promise<void> | void;
}) => Promise<Receiver>;

const secret = `whsec_${randomBytes(32).toString('base64')}`;
let receiver: Receiver;
const handed: Sms[] = [];
let providerDown = false;

beforeAll(async () => {
  // The demo is plain JavaScript outside this project: imported by URL, typed here.
  const module = new URL('../../demo/lib/webhook-receiver.js', import.meta.url).href;
  const { startWebhookReceiver } = (await import(module)) as { startWebhookReceiver: Start };
  receiver = await startWebhookReceiver({
    secret,
    sendSms: (sms) => {
      if (providerDown) throw new Error('provider down');
      handed.push(sms);
    },
  });
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

it('hands a verification.sms to the SMS provider once; 503 while the provider fails, so izinli retries', async () => {
  const sms = (expiresAt: Date) =>
    JSON.stringify({
      type: 'verification.sms',
      timestamp: new Date().toISOString(),
      data: {
        verificationId: randomUUID(),
        siteKey: 'ornek-kitabevi-demo-0001',
        to: '+905321112233',
        text: 'Örnek Kitabevi doğrulama kodunuz: 123456. Kod 3 dakika geçerlidir.',
        locale: 'tr',
        expiresAt: expiresAt.toISOString(),
      },
    });
  const body = sms(new Date(Date.now() + 180_000));
  const id = `msg_${randomUUID()}`;
  providerDown = true;
  const failed = await post(body, id, new Date());
  expect(failed.status).toBe(503);
  expect(handed).toEqual([]);
  providerDown = false;
  expect((await post(body, id, new Date())).status).toBe(200);
  expect((await post(body, id, new Date())).status).toBe(200);
  expect(handed).toEqual([
    expect.objectContaining({ to: '+905321112233', text: expect.stringContaining('123456') }),
  ]);
  // A code that expired before its delivery is not texted.
  const late = await post(sms(new Date(Date.now() - 1000)), `msg_${randomUUID()}`, new Date());
  expect(late.status).toBe(200);
  expect(handed).toHaveLength(1);
});
