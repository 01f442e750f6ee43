// Long because: one end-to-end purge scenario (capture, deliver, purge, export, verify) shares its setup.
// The retention purge end to end (A14, B10): captures through the real app (signed, chained, in a
// real SQLite file), delivered to the İYS simulator over HTTP, then a pass with the clock three
// years on. Purged records lose their personal data everywhere (record, receipt, address index,
// movements, webhook events, the admin timeline and evidence bundle), the exported log still
// verifies, and a record still in effect, within retention, or with an open movement is kept.
import type { CaptureRecord } from '@izinli/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { movementKey } from '@izinli/core';
import { EXAMPLE_ADMIN_TOKEN, exampleServerConfig } from '@izinli/core/fixtures';
import { unlimited } from '@izinli/iys';
import { createIysSim, seededRandom, serveIysSim } from '@izinli/iys-sim';
import type { IysSim, ServedSim } from '@izinli/iys-sim';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { izinliInProcess } from '../cli/cli-run.test-support.js';
import { createDeliveryWorker } from '../delivery/delivery-worker.js';
import type { DeliveryWorker } from '../delivery/delivery-worker.js';
import {
  ORIGIN,
  makeHarness,
  postCapture,
  validCapture,
} from '../http/app-harness.test-support.js';
import { exportLog, verifyLog } from '../proof/index.js';
import { consentChangedEvents } from '../sync/iys-change-entry.js';
import { chainOf } from '../store/contract/store-fixtures.test-support.js';
import type { Store } from '../store/store.js';
import { addYears } from './retention-rule.js';
import { runRetentionPass } from './retention-pass.js';
import type { RetentionReport } from './retention-pass.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;
const MINUTE = 60_000;
const AYSE = { fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67', email: 'Ayse@Ornek.com.tr' };
const MEHMET = { fullName: 'Mehmet Demir', phone: '0533 222 33 44', email: 'mehmet@kitap.example' };
const CEREN = { fullName: 'Ceren Kaya', phone: '0534 555 66 77', email: 'ceren@kitap.example' };
const DENIZ = { fullName: 'Deniz Aksoy', phone: '0535 888 99 00', email: 'deniz@kitap.example' };
/** What must be gone once Ayşe's and Ceren's records are purged (raw and normalised forms). */
const PURGED_DATA = [
  'Ayşe',
  'Yılmaz',
  '5321234567',
  'ayse@ornek.com.tr',
  'Ayse@Ornek',
  'Ceren',
  '5345556677',
  'ceren@',
];
const NONE = { MESAJ: false, ARAMA: false, EPOSTA: false };
const NO_PURPOSES = { 'kitap-onerileri': false, 'yurt-disi-eposta-hizmeti': false };

let sim: IysSim;
let served: ServedSim;
let h: Harness;
let delivery: DeliveryWorker;
let firstAt: Date;
const ids: Record<string, string> = {};

async function capture(name: string, overrides: Parameters<typeof validCapture>[0]) {
  const body = validCapture(overrides);
  const response = await postCapture(h.app, body, { Origin: ORIGIN });
  expect(response.status, name).toBe(201);
  ids[name] = body.id;
  sim.advance(MINUTE);
}

const deliverAll = async () => {
  await delivery.runOnce();
  expect((await h.store.movements({ state: 'pending' })).length).toBe(0);
};

const pass = (now: Date, dryRun = false): Promise<RetentionReport> =>
  runRetentionPass(
    { store: h.store, sites: [...h.config.sites.values()].map((s) => s.site), now: () => now },
    { dryRun },
  );

/** Everything the store holds about the example site, as one text. */
async function stored(store: Store): Promise<string> {
  const [site] = await store.sites();
  return JSON.stringify([
    await chainOf(store, site!),
    await store.movements({}),
    await store.webhookEvents(site!, 10_000),
  ]);
}

const admin = (path: string) =>
  h.app.request(path, { headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` } });

beforeAll(async () => {
  sim = createIysSim({
    clock: { now: () => 0, start: '2026-11-02T07:00:00Z' },
    random: seededRandom(3),
    limits: { requestsPerSecond: 1_000_000 },
  });
  served = await serveIysSim(sim, { port: 0 });
  h = await makeHarness({ now: () => sim.now() });
  delivery = createDeliveryWorker({
    config: h.config,
    store: h.store,
    baseUrl: served.url,
    intervalMs: 1000,
    now: () => sim.now(),
    rateLimiter: () => unlimited,
    retry: { random: seededRandom(5) },
    batchThreshold: 0,
    logger: pino({ level: 'silent' }),
  });
  firstAt = sim.now();
  // Ayşe consents to MESAJ, EPOSTA and a purpose, then takes everything back on the same form.
  await capture('ayseGives', { person: AYSE });
  await deliverAll();
  await capture('ayseTakesBack', { person: AYSE, channels: NONE, purposes: NO_PURPOSES });
  // Ceren sends the form with every box unticked: the record granted nothing.
  await capture('cerenNothing', { person: CEREN, channels: NONE, purposes: NO_PURPOSES });
  // Mehmet consents and never refuses: his consent is still in effect.
  await capture('mehmetGives', { person: MEHMET });
  await deliverAll();
  // Deniz consents, then refuses; the refusal's movements are still in the outbox (İYS has not
  // taken them yet): his consent ended at receipt (B7), but the refusal's record must stay.
  await capture('denizGives', { person: DENIZ, purposes: NO_PURPOSES });
  await deliverAll();
  await capture('denizTakesBack', { person: DENIZ, channels: NONE, purposes: NO_PURPOSES });
});

afterAll(async () => {
  await delivery.stop();
  await h.close();
  await served.close();
  await sim.close();
});

describe('retention purge (A14, B10)', () => {
  it('A14: purges nothing while every record is within its 3 years after the consent ended', async () => {
    const report = await pass(addYears(firstAt, 3));
    expect(report.sites[0]).toMatchObject({ yearsAfterEnd: 3, examined: 0, due: 0, purged: 0 });
    // 3 years after Ayşe's refusal (a minute after her consent) and before Ceren's form: hers only.
    const between = await pass(new Date(addYears(firstAt, 3).getTime() + 1.5 * MINUTE), true);
    expect(between.sites[0]).toMatchObject({ examined: 2, due: 2, purged: 0, active: 0 });
  });

  it('A14: a dry run counts what is due and changes nothing', async () => {
    const before = await stored(h.store);
    const report = await pass(addYears(sim.now(), 3), true);
    expect(report.sites[0]).toMatchObject({ examined: 6, due: 5, purged: 0, open: 1, active: 1 });
    expect(await stored(h.store)).toBe(before);
  });

  it('A14, B10: `izinli purge --dry-run --json` reports the same from the command line', async () => {
    const config = join(h.dir, 'izinli.config.json');
    writeFileSync(config, JSON.stringify(exampleServerConfig));
    const {
      code,
      stdout: out,
      stderr: err,
    } = await izinliInProcess(
      ['purge', '--dry-run', '--json', '--config', config, '--data-dir', h.dir],
      { env: {}, fetch: globalThis.fetch, fullStoreIn: h.dir, now: () => addYears(sim.now(), 3) },
    );
    expect(code).toBe(0);
    const report = JSON.parse(out) as RetentionReport;
    expect(report).toMatchObject({ dryRun: true, unconfigured: [] });
    expect(report.sites[0]).toMatchObject({ due: 5, purged: 0, open: 1 });
    // --json: progress as JSON lines on stderr, the last with every record examined.
    expect(err).toContain(
      '{"type":"progress","label":"purge: records examined","done":6,"finished":true}',
    );
  });

  it('A14, B10: purges ended records past 3 years (record, receipt, IP, user agent, movements, events), keeps the rest', async () => {
    const before = await chainOf(h.store, (await h.store.sites())[0]!);
    const withIp = before.filter((c) => {
      const record = c.record as CaptureRecord | undefined;
      return record?.ip !== undefined || record?.userAgent !== undefined;
    });
    expect(withIp.length).toBeGreaterThan(0);
    const report = await pass(addYears(sim.now(), 3));
    expect(report.sites[0]).toMatchObject({ examined: 6, due: 5, purged: 4, open: 1, active: 1 });

    for (const name of ['ayseGives', 'ayseTakesBack', 'cerenNothing', 'denizGives']) {
      const c = await h.store.getCapture(ids[name]!);
      expect(c?.purgedAt, name).toBe(addYears(sim.now(), 3).toISOString());
      expect(c?.record, name).toBeUndefined();
      expect(c?.receipt, name).toBeUndefined();
      const was = before.find((b) => b.captureId === ids[name]);
      expect({ seq: c?.seq, prevHash: c?.prevHash, recordHash: c?.recordHash }).toEqual({
        seq: was?.seq,
        prevHash: was?.prevHash,
        recordHash: was?.recordHash,
      });
    }
    for (const name of ['mehmetGives', 'denizTakesBack']) {
      expect((await h.store.getCapture(ids[name]!))?.record, name).toBeDefined();
    }
    const text = await stored(h.store);
    for (const data of PURGED_DATA) expect(text, data).not.toContain(data);
    expect(text).toContain('5332223344');
    // A second pass finds nothing more to do.
    expect((await pass(addYears(sim.now(), 3))).sites[0]).toMatchObject({ purged: 0, open: 1 });
  });

  it('A13, A14: the exported log still verifies, counting the purged lines', async () => {
    const lines: string[] = [];
    for await (const line of exportLog(h.store, { jwks: h.ring.jwks() })) lines.push(line);
    for (const data of PURGED_DATA) expect(lines.join('\n'), data).not.toContain(data);
    const report = await verifyLog(lines, h.ring.jwks());
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.sites[0]).toMatchObject({ records: 6, purged: 4 });
  });

  it('A14, B10: the admin timeline and evidence bundle of a purged person show no personal data', async () => {
    for (const query of ['phone=05321234567', 'email=ayse%40ornek.com.tr']) {
      const evidence = await admin(`/v1/admin/recipients/evidence?${query}`);
      expect(evidence.status).toBe(200);
      const bundle = (await evidence.json()) as { records: unknown[] };
      expect(bundle.records).toEqual([]);
      const timeline = await admin(`/v1/admin/recipients/timeline?${query}`);
      expect(timeline.status).toBe(200);
      const body = (await timeline.json()) as { events: unknown[]; current: unknown[] };
      expect(body.events).toEqual([]);
    }
    const mehmet = await admin('/v1/admin/recipients/evidence?phone=05332223344');
    expect(((await mehmet.json()) as { records: unknown[] }).records).toHaveLength(1);
  });

  it('A14: a refusal still in the outbox keeps its record until İYS has it, then it goes too', async () => {
    await deliverAll();
    const report = await pass(addYears(sim.now(), 3));
    expect(report.sites[0]).toMatchObject({ examined: 2, purged: 1, open: 0, active: 1 });
    expect((await h.store.getCapture(ids.denizTakesBack!))?.purgedAt).toBeDefined();
    expect((await h.store.getCapture(ids.mehmetGives!))?.record).toBeDefined();
  });

  it("A14: a consent.changed event of the İYS sync loses its recipient once older than the site's retention", async () => {
    const { site } = [...h.config.sites.values()][0]!;
    const written = sim.now();
    // A citizen refuses at İYS by SMS: the sync mirrors it and tells the site owner.
    const fields = { ...site.brand, recipientType: 'BIREYSEL' as const, type: 'MESAJ' as const };
    const recipient = '+905369990011';
    await h.store.applyIysChanges({
      ...site.brand,
      entries: [
        {
          key: movementKey({ ...fields, recipient }),
          ...fields,
          recipient,
          status: 'RET',
          consentDate: '2026-11-02 10:30:00',
          source: 'IYS_KISAMESAJ',
          updatedAt: written.toISOString(),
        },
      ],
      events: consentChangedEvents([site.siteKey], () => written),
    });
    const changed = async () =>
      (await h.store.webhookEvents(site.siteKey, 10_000)).filter(
        (e) => e.type === 'consent.changed',
      );
    expect(JSON.stringify(await changed())).toContain('5369990011');

    const inside = await pass(new Date(addYears(written, 3).getTime() - MINUTE));
    expect(inside.sites[0]).toMatchObject({ changedEventsDue: 0, changedEventsPurged: 0 });
    const past = new Date(addYears(written, 3).getTime() + MINUTE);
    const dry = await pass(past, true);
    expect(dry.sites[0]).toMatchObject({ changedEventsDue: 1, changedEventsPurged: 0 });
    expect(JSON.stringify(await changed())).toContain('5369990011');

    const report = await pass(past);
    expect(report.sites[0]).toMatchObject({ changedEventsDue: 1, changedEventsPurged: 1 });
    const [event] = await changed();
    expect(event).toMatchObject({ createdAt: written.toISOString() });
    expect(event!.payload).toEqual({
      ...site.brand,
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'RET',
      previousStatus: null,
      consentDate: '2026-11-02 10:30:00',
      source: 'IYS_KISAMESAJ',
      purged: true,
      purgedAt: past.toISOString(),
    });
    expect(JSON.stringify(await changed())).not.toContain('5369990011');
    expect((await pass(past)).sites[0]).toMatchObject({ changedEventsDue: 0 });
  });
});
