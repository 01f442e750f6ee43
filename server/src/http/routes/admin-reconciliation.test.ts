// GET /v1/admin/reconciliation: the tenant's brands with their reconciled days and differences and
// the İYS account's last subscription check; the kept CSV and .tsr of a day as downloads, only
// for the tenant's brands; the days-left gauge reads the same checks.
import { createHash } from 'node:crypto';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { iysDayWrite } from '../../capture/seal-iys-day.js';
import { sha256HexSync } from '../../proof/node-sha256.js';
import { signReceipt } from '../../proof/index.js';
import { iysDayRecordId } from '../../reconciliation/chain-iys-day.js';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSubscriptionGauge } from '../../reconciliation/subscription-metrics.js';
import type { ReconciliationDay, StoredFile } from '../../store/store.js';
import { makeHarness } from '../app-harness.test-support.js';

const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };
const BRAND = { iysCode: 100000, brandCode: 100000 };
const stored = (text: string, mediaType: string): StoredFile => {
  const content = new TextEncoder().encode(text);
  return { sha256: createHash('sha256').update(content).digest('hex'), mediaType, content };
};
const CSV = stored('creationDate,transactionId\n', 'text/csv; charset=utf-8');
const TSR = stored('\u0030\u0082tsr', 'application/timestamp-reply');

describe('admin reconciliation', () => {
  let h: Awaited<ReturnType<typeof makeHarness>>;
  beforeEach(async () => {
    h = await makeHarness({ now: () => new Date('2026-11-10T09:00:00Z') });
  });
  afterEach(async () => {
    await h.close();
  });

  const agreed: ReconciliationDay = {
    ...BRAND,
    day: '2026-11-08',
    state: 'agreed',
    checkedAt: '2026-11-09T00:00:00.000Z',
    iysRows: 1,
    izinliRows: 1,
    hash: 'c'.repeat(96),
    fileSha256: CSV.sha256,
    timestampSha256: TSR.sha256,
    agreedAt: '2026-11-09T00:00:00.000Z',
    differenceCount: 0,
    differences: [],
  };
  const mismatch: ReconciliationDay = {
    ...BRAND,
    day: '2026-11-09',
    state: 'mismatch',
    checkedAt: '2026-11-10T00:00:00.000Z',
    iysRows: 1,
    izinliRows: 0,
    differenceCount: 1,
    differences: [{ kind: 'iys-only', transactionId: 'tx-1' }],
  };

  async function seed() {
    await h.store.saveReconciliationDay({ day: agreed, files: [CSV, TSR], events: [] });
    await h.store.saveReconciliationDay({ day: mismatch, files: [], events: [] });
    await h.store.saveSubscriptionCheck(
      {
        iysCode: 100000,
        checkedAt: '2026-11-10T00:00:00.000Z',
        status: 'ACTIVE',
        expirationDate: '2026-11-30 23:59:59',
        daysLeft: 20,
        warning: 'ending',
      },
      [],
    );
  }

  it('lists the days of the tenant’s brands with their differences and the subscription check', async () => {
    await seed();
    const response = await h.app.request('/v1/admin/reconciliation', { headers: auth });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    const { iysCode: _i, brandCode: _b, ...agreedDay } = agreed;
    const { iysCode: _j, brandCode: _c, ...mismatchDay } = mismatch;
    expect(body).toEqual({
      from: '2026-10-11',
      brands: [{ ...BRAND, siteKeys: expect.any(Array), days: [agreedDay, mismatchDay] }],
      subscriptions: [
        expect.objectContaining({ iysCode: 100000, warning: 'ending', daysLeft: 20 }),
      ],
    });
    const ranged = await h.app.request('/v1/admin/reconciliation?from=2026-11-09&to=2026-11-09', {
      headers: auth,
    });
    const days = ((await ranged.json()) as { brands: { days: { day: string }[] }[] }).brands[0]!
      .days;
    expect(days.map((d) => d.day)).toEqual(['2026-11-09']);
    const bad = await h.app.request('/v1/admin/reconciliation?from=09.11.2026', { headers: auth });
    expect(bad.status).toBe(400);
    expect((await h.app.request('/v1/admin/reconciliation')).status).toBe(401);
  });

  it('A13: names where each site chain of the brand holds an agreed day’s iys-day record', async () => {
    await seed();
    const draft = {
      captureId: iysDayRecordId(EXAMPLE_SITE_KEY, agreed),
      siteKey: EXAMPLE_SITE_KEY,
      bodyHash: 'b'.repeat(64),
      record: {
        kind: 'iys-day' as const,
        captureId: iysDayRecordId(EXAMPLE_SITE_KEY, agreed),
        siteKey: EXAMPLE_SITE_KEY,
        receivedAt: '2026-11-09T00:00:01.000Z',
        iysCode: BRAND.iysCode,
        brandCode: BRAND.brandCode,
        reportDate: agreed.day,
        fileSha256: CSV.sha256,
        agreementHash: agreed.hash!,
        timestampSha256: TSR.sha256,
        timestampGenTime: '2026-11-09T00:00:00.000Z',
      },
    };
    const head = await h.store.write([EXAMPLE_SITE_KEY], async (tx) => {
      const { write } = iysDayWrite(draft, await tx.chainHead(EXAMPLE_SITE_KEY), sha256HexSync);
      write.capture.receipt = await signReceipt(h.ring, write.capture.record, write.recordJson);
      await tx.insertCapture(write);
      return write.capture;
    });
    const response = await h.app.request('/v1/admin/reconciliation', { headers: auth });
    const body = (await response.json()) as {
      brands: { days: { day: string; chained?: unknown }[] }[];
    };
    const days = body.brands[0]!.days;
    expect(days.find((d) => d.day === agreed.day)?.chained).toEqual([
      { siteKey: EXAMPLE_SITE_KEY, seq: head.seq, recordHash: head.recordHash },
    ]);
    expect(days.find((d) => d.day === mismatch.day)?.chained).toBeUndefined();
  });

  it('downloads a day’s kept CSV and .tsr, and 404s a day, brand or file it does not have', async () => {
    await seed();
    const base = '/v1/admin/reconciliation/100000/100000';
    const csv = await h.app.request(`${base}/2026-11-08/file`, { headers: auth });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('iys-100000-100000-2026-11-08.csv');
    expect(await csv.text()).toBe('creationDate,transactionId\n');
    const tsr = await h.app.request(`${base}/2026-11-08/timestamp`, { headers: auth });
    expect(tsr.status).toBe(200);
    expect(tsr.headers.get('content-type')).toBe('application/timestamp-reply');
    expect(Buffer.from(await tsr.arrayBuffer())).toEqual(Buffer.from(TSR.content));
    expect(tsr.headers.get('x-content-sha256')).toBe(TSR.sha256);
    for (const path of [
      `${base}/2026-11-09/timestamp`, // a mismatch keeps no stamp
      `${base}/2026-11-01/file`, // never reconciled
      `${base}/yesterday/file`,
      '/v1/admin/reconciliation/100000/100001/2026-11-08/file', // not a brand of the tenant
    ]) {
      const response = await h.app.request(path, { headers: auth });
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'reconciliation.unknown',
      );
    }
    expect((await h.app.request(`${base}/2026-11-08/file`)).status).toBe(401);
  });

  it('reports each account’s days left as izinli_iys_subscription_days_left', async () => {
    await seed();
    const registry = new Registry();
    registerSubscriptionGauge(registry, h.store);
    expect(await registry.metrics()).toContain(
      'izinli_iys_subscription_days_left{iys_code="100000"} 20',
    );
  });
});
