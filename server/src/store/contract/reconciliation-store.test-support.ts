// The ReconciliationStore contract (ports/reconciliation-store.ts): İYS changes kept once per
// transactionId; a day's copy joins delivered movements and received changes by creationDate;
// a day's outcome, its files and events commit together and a re-check replaces it; files are
// stored once per content; the last subscription check per account.
import { createHash } from 'node:crypto';
import { formatIysDate } from '@izinli/core';
import { expect, it } from 'vitest';
import type { StoreGetter } from './store-contract.test-support.js';
import {
  BRAND,
  SITE_A,
  appendCapture,
  at,
  movementFixture,
  phone,
} from './store-fixtures.test-support.js';
import type {
  IysChangeRecord,
  ReconciliationDay,
  StoredFile,
} from '../ports/reconciliation-store.js';

/** The İYS date of second `n` of the fixtures' clock, and its Turkey day. */
const iysDate = (n: number) => formatIysDate(new Date(at(n)));
const DAY = iysDate(0).slice(0, 10);

const change = (n: number, via: 'pull' | 'push' = 'pull'): IysChangeRecord => ({
  ...BRAND,
  creationDate: iysDate(n),
  transactionId: `iys-tx-${n}`,
  recipient: phone(n),
  recipientType: 'BIREYSEL',
  type: 'MESAJ',
  status: 'RET',
  consentDate: iysDate(n - 1),
  source: 'IYS_MOBIL',
  via,
  receivedAt: at(n + 10),
});

/** A change as a row of the daily file. */
const fileRow = (n: number) => {
  const { via: _via, receivedAt: _at, iysCode: _i, brandCode: _b, ...row } = change(n);
  return row;
};

const file = (text: string, mediaType = 'text/csv'): StoredFile => {
  const content = new TextEncoder().encode(text);
  return { sha256: createHash('sha256').update(content).digest('hex'), mediaType, content };
};

const day = (over: Partial<ReconciliationDay> = {}): ReconciliationDay => ({
  ...BRAND,
  day: DAY,
  state: 'agreed',
  checkedAt: at(100),
  differenceCount: 0,
  differences: [],
  ...over,
});

export function describeReconciliationContract(store: StoreGetter) {
  it('keeps each İYS change once by transactionId, whether pulled or pushed', async () => {
    expect(await store().recordIysChanges([change(1), change(2, 'push')])).toBe(2);
    expect(await store().recordIysChanges([change(2), change(3), change(3)])).toBe(1);
    const ledger = await store().reconciliationLedger(BRAND.iysCode, BRAND.brandCode, DAY);
    expect(ledger.map((r) => [r.transactionId, r.origin])).toEqual([
      ['iys-tx-1', 'pull'],
      ['iys-tx-2', 'push'],
      ['iys-tx-3', 'pull'],
    ]);
    expect(ledger[0]).toEqual({
      creationDate: iysDate(1),
      transactionId: 'iys-tx-1',
      recipient: phone(1),
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'RET',
      consentDate: iysDate(0),
      source: 'IYS_MOBIL',
      origin: 'pull',
    });
  });

  it("builds a day's copy from delivered movements and received changes, by creationDate", async () => {
    await appendCapture(
      store(),
      { n: 1, phone: phone(1) },
      {
        movements: (captureId) => [
          movementFixture({ n: 5, captureId, recipient: phone(5), state: 'delivered' }),
          movementFixture({ n: 6, captureId, recipient: phone(6), state: 'pending' }),
          // Delivered the next day (86400 s later): another day's row.
          movementFixture({ n: 86_400, captureId, recipient: phone(7), state: 'delivered' }),
        ],
      },
    );
    await store().recordIysChanges([change(9), { ...change(4), brandCode: BRAND.brandCode + 1 }]);
    const ledger = await store().reconciliationLedger(BRAND.iysCode, BRAND.brandCode, DAY);
    expect(ledger.map((r) => [r.transactionId, r.origin, r.creationDate])).toEqual([
      ['tx-5', 'delivered', iysDate(7)],
      ['iys-tx-9', 'pull', iysDate(9)],
    ]);
    expect(ledger[0]).toMatchObject({ recipient: phone(5), status: 'ONAY', source: 'HS_WEB' });
    const next = iysDate(86_402).slice(0, 10);
    const later = await store().reconciliationLedger(BRAND.iysCode, BRAND.brandCode, next);
    expect(later.map((r) => r.transactionId)).toEqual(['tx-86400']);
  });

  it('writes a day with its files and events, replaces it on a re-check, and lists days by brand', async () => {
    const csv = file('creationDate,transactionId\n');
    const tsr = file('tsr-bytes', 'application/timestamp-reply');
    const mismatch = day({
      state: 'mismatch',
      iysRows: 2,
      izinliRows: 1,
      fileSha256: csv.sha256,
      differenceCount: 1,
      differences: [{ kind: 'iys-only', transactionId: 'iys-tx-1', iys: fileRow(1) }],
    });
    const event = {
      id: 'recon-ev-1',
      siteKey: SITE_A,
      type: 'iys.reconciliation_mismatch',
      payload: { day: DAY },
      createdAt: at(100),
    };
    await store().saveReconciliationDay({ day: mismatch, files: [csv], events: [event] });
    const brands = [BRAND];
    expect(await store().reconciliationDays({ brands })).toEqual([mismatch]);
    expect((await store().webhookEvents(SITE_A)).map((e) => e.type)).toEqual([
      'iys.reconciliation_mismatch',
    ]);
    const agreed = day({
      hash: 'b'.repeat(96),
      iysRows: 2,
      izinliRows: 2,
      fileSha256: csv.sha256,
      timestampSha256: tsr.sha256,
      agreedAt: at(200),
      checkedAt: at(200),
    });
    await store().saveReconciliationDay({ day: agreed, files: [csv, tsr], events: [] });
    const other = day({
      ...BRAND,
      brandCode: BRAND.brandCode + 1,
      state: 'missed',
      reason: 'H502',
    });
    await store().saveReconciliationDay({ day: other, files: [], events: [] });
    expect(await store().reconciliationDays({ brands })).toEqual([agreed]);
    expect(await store().reconciliationDays({ brands: [] })).toEqual([]);
    expect(await store().reconciliationDays({ brands, from: '2099-01-01' })).toEqual([]);
    const both = [BRAND, { ...BRAND, brandCode: BRAND.brandCode + 1 }];
    expect(
      (await store().reconciliationDays({ brands: both, to: DAY })).map((d) => d.state),
    ).toEqual(['agreed', 'missed']);
    const stored = await store().reconciliationFile(tsr.sha256);
    expect(stored?.mediaType).toBe('application/timestamp-reply');
    expect(Buffer.from(stored!.content).toString()).toBe('tsr-bytes');
    expect(await store().reconciliationFile('0'.repeat(64))).toBeUndefined();
  });

  it('keeps the last subscription check per account, with its warning events', async () => {
    expect(await store().subscriptionChecks()).toEqual([]);
    const ending = {
      iysCode: BRAND.iysCode,
      checkedAt: at(0),
      status: 'ACTIVE',
      expirationDate: '2026-11-20 23:59:59',
      daysLeft: 18,
      packageName: 'İleti-5',
      warning: 'ending' as const,
    };
    const event = {
      id: 'sub-ev-1',
      siteKey: SITE_A,
      type: 'iys.subscription_warning',
      payload: { iysCode: BRAND.iysCode },
      createdAt: at(0),
    };
    await store().saveSubscriptionCheck(ending, [event]);
    const refused = {
      iysCode: 1,
      checkedAt: at(1),
      warning: 'unavailable' as const,
      error: { kind: 'account', status: 403, code: 'H521' },
    };
    await store().saveSubscriptionCheck(refused, []);
    expect(await store().subscriptionChecks()).toEqual([refused, ending]);
    const fine = { ...ending, checkedAt: at(86_400), daysLeft: 400, warning: undefined };
    const { warning: _w, ...stored } = fine;
    await store().saveSubscriptionCheck(stored, []);
    expect(await store().subscriptionChecks([BRAND.iysCode])).toEqual([stored]);
    expect((await store().webhookEvents(SITE_A)).map((e) => e.id)).toEqual(['sub-ev-1']);
  });
}
