// The sync worker against the İYS simulator over real HTTP: a citizen's RET on İYS reaches the
// mirror, the pre-send check and the webhook outbox (A2, A11), and the cursor persists.
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { formatIysDate } from '@izinli/core';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { createIysClient } from '@izinli/iys';
import { createIysSim, serveIysSim } from '@izinli/iys-sim';
import type { IysSim, ServedSim } from '@izinli/iys-sim';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkServerConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { makeHarness } from '../http/app-harness.test-support.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { createSyncWorker } from './sync-worker.js';

const BRAND = { iysCode: 100000, brandCode: 100000 };
const RET_PHONE = '+905321112233';
const ONAY_PHONE = '+905324445566';
const HOUR = 3_600_000;
const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

describe('sync worker against the İYS simulator over HTTP', () => {
  let sim: IysSim;
  let served: ServedSim;
  let harness: Awaited<ReturnType<typeof makeHarness>>;
  let config: LoadedConfig;
  let logs: string[];

  const worker = (store: Store = harness.store) =>
    createSyncWorker({
      config,
      store,
      baseUrl: served.url,
      fetch: (request) => fetch(request),
      intervalSeconds: 300,
      logger: pino(
        { level: 'info' },
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            logs.push(chunk.toString());
            done();
          },
        }),
      ),
    });

  const citizen = async (body: Record<string, unknown>) => {
    const response = await fetch(`${served.url}/__sim/citizen/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ brandCode: BRAND.brandCode, type: 'MESAJ', ...body }),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
  };

  const check = async (recipient: string) => {
    const query = new URLSearchParams({ recipient, type: 'MESAJ' });
    const response = await harness.app.request(`/v1/check?${query}`, { headers: auth });
    expect(response.status).toBe(200);
    return response.json() as Promise<Record<string, unknown>>;
  };

  beforeEach(async () => {
    logs = [];
    sim = createIysSim({ clock: { now: () => 0, start: '2025-10-15T07:00:00Z' } });
    served = await serveIysSim(sim, { port: 0 });
    harness = await makeHarness();
    const loaded = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
    if (!loaded.ok) throw new Error('example config invalid');
    config = loaded.value;
  });
  afterEach(async () => {
    await harness.close();
    await served.close();
    await sim.close();
  });

  it('A11: a citizen RET on İYS reaches the mirror, /v1/check (A2: not allowed) and a consent.changed event', async () => {
    // Our ONAY, accepted by İYS (source HS: pull source=IYS does not report it).
    const client = createIysClient({
      baseUrl: served.url,
      username: 'demo',
      password: 'demo',
      iysCode: 100000,
    });
    const added = await client.addConsent(BRAND.brandCode, {
      recipient: RET_PHONE,
      type: 'MESAJ',
      source: 'HS_WEB',
      status: 'ONAY',
      recipientType: 'BIREYSEL',
      consentDate: formatIysDate(sim.now()),
    });
    expect(added.ok).toBe(true);
    sim.advance(60_000);
    await citizen({ recipient: RET_PHONE, status: 'RET', source: 'IYS_KISAMESAJ' });

    // Inside İYS's one-hour lag the change is not pulled yet.
    const early = await worker().runOnce();
    expect(early).toEqual([expect.objectContaining({ ...BRAND, received: 0 })]);
    sim.advance(HOUR + 60_000);
    const [report] = await worker().runOnce();
    expect(report).toMatchObject({ ...BRAND, received: 1, applied: 1, changed: 1, stale: 0 });
    expect(report!.error).toBeUndefined();

    const [entry] = [
      ...(await harness.store.mirror([`100000:100000:BIREYSEL:MESAJ:${RET_PHONE}`])).values(),
    ];
    expect(entry).toMatchObject({ status: 'RET', source: 'IYS_KISAMESAJ', recipient: RET_PHONE });
    expect(await check(RET_PHONE)).toEqual({
      allowed: false,
      status: 'RET',
      source: 'IYS_KISAMESAJ',
      since: entry!.consentDate,
    });
    const events = await harness.store.webhookEvents(EXAMPLE_SITE_KEY);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'consent.changed',
      payload: {
        recipient: RET_PHONE,
        status: 'RET',
        previousStatus: null,
        source: 'IYS_KISAMESAJ',
        type: 'MESAJ',
      },
    });
    // No personal data in the logs.
    expect(logs.join('')).toContain('İYS changes synced');
    expect(logs.join('')).not.toContain(RET_PHONE.slice(3));
  });

  it('A2: a citizen ONAY made on İYS makes the check allow; the cursor persists across runs and restarts', async () => {
    await citizen({ recipient: ONAY_PHONE, status: 'ONAY', source: 'IYS_WEB' });
    sim.advance(HOUR + 60_000);
    const first = worker();
    expect((await first.runOnce())[0]).toMatchObject({ received: 1, changed: 1 });
    expect(await check(ONAY_PHONE)).toMatchObject({
      allowed: true,
      status: 'ONAY',
      source: 'IYS_WEB',
    });
    const cursor = await harness.store.syncCursor(BRAND.iysCode, BRAND.brandCode);
    expect(cursor).toEqual(expect.any(String));

    // A second run fetches nothing new and writes nothing.
    expect((await first.runOnce())[0]).toMatchObject({ received: 0, applied: 0 });
    expect(await harness.store.webhookEvents(EXAMPLE_SITE_KEY)).toHaveLength(1);

    // A restarted process (its own connection to the same file) continues from the stored cursor.
    sim.advance(60_000);
    await citizen({ recipient: ONAY_PHONE, status: 'RET', source: 'IYS_MOBIL' });
    sim.advance(HOUR + 60_000);
    const reopened = await openSqliteStore({ file: join(harness.dir, 'izinli.sqlite') });
    try {
      expect((await worker(reopened).runOnce())[0]).toMatchObject({ received: 1, changed: 1 });
      expect(await reopened.syncCursor(BRAND.iysCode, BRAND.brandCode)).not.toBe(cursor);
    } finally {
      await reopened.close();
    }
    expect(await check(ONAY_PHONE)).toMatchObject({
      allowed: false,
      status: 'RET',
      source: 'IYS_MOBIL',
    });
    const events = await harness.store.webhookEvents(EXAMPLE_SITE_KEY);
    expect(events.map((e) => (e.payload as { previousStatus: unknown }).previousStatus)).toEqual([
      'ONAY',
      null,
    ]);
  });

  it('logs a failed pull without crashing and keeps the cursor where it was', async () => {
    await served.close();
    const [report] = await worker().runOnce();
    expect(report).toMatchObject({
      ...BRAND,
      received: 0,
      error: expect.objectContaining({ status: 0 }),
    });
    expect(await harness.store.syncCursor(BRAND.iysCode, BRAND.brandCode)).toBeUndefined();
    expect(logs.join('')).toContain('İYS sync pull failed');
    served = await serveIysSim(sim, { port: 0 }); // for afterEach
  });
});
