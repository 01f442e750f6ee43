// The webhook worker end to end: a capture through the app reaches a real HTTP receiver signed per
// Standard Webhooks (verified with the `standardwebhooks` package), 500s are retried with the same
// webhook-id, 410 is dead, filters hold. The worker's clock and backoff are injected: nothing sleeps.
import { exampleServerConfig } from '@izinli/core/fixtures';
import type { ServerConfigInput } from '@izinli/core';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, postCapture, validCapture } from '../http/app-harness.test-support.js';
import { createWebhookWorker } from './webhook-worker.js';
import type { WebhookWorkerOptions } from './webhook-worker.js';
import { newSecret, startReceiver } from './webhook-receiver.test-support.js';

const SECRETS = { '/crm': newSecret(), '/changes': newSecret() };

/** The example config with two targets: `crm` (every event) and `changes` (consent.changed only). */
function configWith(url: string): ServerConfigInput {
  const [tenant] = exampleServerConfig.tenants;
  return {
    ...exampleServerConfig,
    tenants: [
      {
        ...tenant!,
        webhooks: [
          // The receiver listens on 127.0.0.1: a private address needs the opt-in.
          {
            id: 'crm',
            url: `${url}/crm`,
            secret: { env: 'WEBHOOK_CRM' },
            allowPrivateNetwork: true,
          },
          {
            id: 'changes',
            url: `${url}/changes`,
            secret: { env: 'WEBHOOK_CHANGES' },
            events: ['consent.changed'],
            allowPrivateNetwork: true,
          },
        ],
      },
    ],
  };
}

describe('webhook worker against a real receiver', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let h: Awaited<ReturnType<typeof makeHarness>>;
  let clock: number;

  const worker = (overrides: Partial<WebhookWorkerOptions> = {}) =>
    createWebhookWorker({
      config: h.config,
      store: h.store,
      logger: pino({ level: 'silent' }),
      intervalMs: 1000,
      now: () => new Date(clock),
      backoff: () => 1000,
      timeoutMs: 2000,
      ...overrides,
    });
  const crm = () => receiver.received.filter((r) => r.path === '/crm');

  beforeEach(async () => {
    receiver = await startReceiver(SECRETS);
    h = await makeHarness({
      config: configWith(receiver.url),
      env: { WEBHOOK_CRM: SECRETS['/crm'], WEBHOOK_CHANGES: SECRETS['/changes'] },
    });
    // Real time: receivers reject a webhook-timestamp more than 5 minutes off.
    clock = Date.now();
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  it('delivers a capture as a verified capture.recorded (and the A15 confirmation_due) to the matching target only', async () => {
    const capture = validCapture();
    expect((await postCapture(h.app, capture)).status).toBe(201);
    const report = await worker().runOnce();
    expect(report).toEqual({
      events: 2,
      deliveries: 2,
      delivered: 2,
      retried: 0,
      dead: 0,
      lost: 0,
    });
    expect(receiver.received.map((r) => r.path)).toEqual(['/crm', '/crm']);
    const [recorded, due] = crm();
    expect(recorded!.verified).toMatchObject({
      type: 'capture.recorded',
      data: { captureId: capture.id, confirmationDue: true },
    });
    expect(due!.verified).toMatchObject({
      type: 'capture.confirmation_due',
      data: { captureId: capture.id, channels: ['MESAJ', 'EPOSTA'] },
    });
    const events = await h.store.webhookEvents(capture.siteKey);
    const event = events.find((e) => e.type === 'capture.recorded')!;
    expect(recorded!.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': event.id,
    });
    expect(JSON.parse(recorded!.body)).toEqual({
      type: 'capture.recorded',
      timestamp: event.createdAt,
      data: event.payload,
    });
    expect(Number(recorded!.headers['webhook-timestamp'])).toBe(Math.floor(clock / 1000));
    const deliveries = await h.store.webhookOutbox.list({});
    expect(deliveries.map((d) => [d.webhookId, d.state, d.attempts, d.lastStatus])).toEqual([
      ['crm', 'delivered', 1, 200],
      ['crm', 'delivered', 1, 200],
    ]);
    // Nothing is sent twice.
    clock += 60_000;
    expect(await worker().runOnce()).toMatchObject({ events: 0, delivered: 0 });
    expect(receiver.received).toHaveLength(2);
  });

  it('fails verification with another secret or a changed body (negative control)', async () => {
    await postCapture(h.app, validCapture());
    await worker().runOnce();
    const [request] = crm();
    expect(request!.verified).toBeDefined();
    expect(() => new Webhook(newSecret()).verify(request!.body, request!.headers)).toThrow();
    const tampered = request!.body.replace('capture.recorded', 'capture.recordeD');
    expect(() => new Webhook(SECRETS['/crm']).verify(tampered, request!.headers)).toThrow();
  });

  it('retries a 500 with backoff and the same webhook-id until the receiver answers 200', async () => {
    await postCapture(
      h.app,
      validCapture({ channels: { MESAJ: false, ARAMA: false, EPOSTA: false } }),
    );
    receiver.answer(500, 500);
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ deliveries: 1, retried: 1 });
    expect(await w.runOnce()).toMatchObject({ retried: 0, delivered: 0 }); // not due before its backoff
    clock += 1000;
    expect(await w.runOnce()).toMatchObject({ retried: 1 });
    clock += 1000;
    expect(await w.runOnce()).toMatchObject({ delivered: 1 });
    expect(crm()).toHaveLength(3);
    expect(new Set(crm().map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(crm().every((r) => r.verified?.type === 'capture.recorded')).toBe(true);
    const [delivery] = await h.store.webhookOutbox.list({});
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200 });
  });

  it('gives up on 410 at once, and after maxAttempts failures', async () => {
    await postCapture(
      h.app,
      validCapture({ channels: { MESAJ: false, ARAMA: false, EPOSTA: false } }),
    );
    receiver.answer(410);
    expect(await worker().runOnce()).toMatchObject({ dead: 1 });
    clock += 3_600_000;
    expect(await worker().runOnce()).toMatchObject({ delivered: 0, dead: 0, retried: 0 });
    expect(crm()).toHaveLength(1);
    expect((await h.store.webhookOutbox.list({}))[0]).toMatchObject({
      state: 'dead',
      lastStatus: 410,
      lastError: 'HTTP 410',
    });

    await postCapture(
      h.app,
      validCapture({ channels: { MESAJ: false, ARAMA: false, EPOSTA: false } }),
    );
    receiver.answer(503, 503);
    const w = worker({ maxAttempts: 2 });
    expect(await w.runOnce()).toMatchObject({ retried: 1 });
    clock += 1000;
    expect(await w.runOnce()).toMatchObject({ dead: 1 });
    expect(await h.store.webhookOutbox.counts()).toEqual({ pending: 0, delivered: 0, dead: 2 });
  });

  it('sends consent.changed to the target filtered to it, and to the unfiltered one', async () => {
    await h.store.applyIysChanges({
      iysCode: 100000,
      brandCode: 100000,
      entries: [
        {
          key: '100000:100000:BIREYSEL:MESAJ:+905321112233',
          iysCode: 100000,
          brandCode: 100000,
          recipientType: 'BIREYSEL',
          type: 'MESAJ',
          recipient: '+905321112233',
          status: 'RET',
          consentDate: '2025-10-15 10:00:00',
          source: 'IYS_KISAMESAJ',
          updatedAt: new Date(clock).toISOString(),
        },
      ],
      events: (entry) => [
        {
          id: 'changed-1',
          siteKey: h.config.config.tenants[0]!.sites[0]!.siteKey,
          type: 'consent.changed',
          payload: { recipient: entry.recipient, status: entry.status },
          createdAt: new Date(clock).toISOString(),
        },
      ],
    });
    expect(await worker().runOnce()).toMatchObject({ deliveries: 2, delivered: 2 });
    expect(receiver.received.map((r) => [r.path, r.verified?.type]).sort()).toEqual([
      ['/changes', 'consent.changed'],
      ['/crm', 'consent.changed'],
    ]);
    expect(receiver.received.every((r) => r.headers['webhook-id'] === 'changed-1')).toBe(true);
  });

  it('retries a network error and a timeout, naming the cause and not the URL', async () => {
    await postCapture(
      h.app,
      validCapture({ channels: { MESAJ: false, ARAMA: false, EPOSTA: false } }),
    );
    const refused = worker({
      fetch: () =>
        Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })),
    });
    expect(await refused.runOnce()).toMatchObject({ retried: 1 });
    expect((await h.store.webhookOutbox.list({}))[0]!.lastError).toBe('network: ECONNREFUSED');
    clock += 1000;
    // What fetch throws when AbortSignal.timeout fires.
    const slow = worker({
      fetch: () => Promise.reject(new DOMException('The operation timed out.', 'TimeoutError')),
    });
    expect(await slow.runOnce()).toMatchObject({ retried: 1 });
    expect((await h.store.webhookOutbox.list({}))[0]).toMatchObject({
      attempts: 2,
      lastError: 'timeout',
    });
  });

  it('start() runs at once and on the interval; stop() waits for in-flight sends', async () => {
    await postCapture(
      h.app,
      validCapture({ channels: { MESAJ: false, ARAMA: false, EPOSTA: false } }),
    );
    const w = worker({ intervalMs: 60_000 });
    w.start();
    await w.stop();
    expect(crm()).toHaveLength(1);
    expect((await h.store.webhookOutbox.list({}))[0]!.state).toBe('delivered');
  });
});
