// The webhook worker inside a started server: a capture posted over HTTP reaches a real receiver,
// verified with `standardwebhooks`; close() stops the worker before the store closes.
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { postCaptureTo, validCapture } from '../http/app-harness.test-support.js';
import { receiverWithConfig } from './webhook-receiver.test-support.js';
import { startTestServer } from '../started-server.test-support.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('starts the webhook worker with the server: a posted capture reaches the receiver, verified', async () => {
  const { receiver, config } = await receiverWithConfig();
  cleanups.push(receiver.close);
  const started = await startTestServer({
    prefix: 'izinli-webhook-server-',
    env: { WEBHOOK_INTERVAL_MS: '60000' },
    config,
    logger: pino({ level: 'silent' }),
  });
  cleanups.push(() => started.close());
  const { server } = started;

  const capture = validCapture({ channels: { MESAJ: false, ARAMA: false, EPOSTA: false } });
  const response = await postCaptureTo(server.url, capture);
  expect(response.status).toBe(201);
  // The first pass may have started before the capture; the next one sees it.
  for (let i = 0; i < 3 && receiver.received.length === 0; i++) await server.webhooks.runOnce();
  expect(receiver.received).toHaveLength(1);
  expect(receiver.received[0]!.verified).toMatchObject({
    type: 'capture.recorded',
    data: { captureId: capture.id },
  });
  await server.close();
  expect(await server.webhooks.runOnce()).toMatchObject({ delivered: 0 });
});
