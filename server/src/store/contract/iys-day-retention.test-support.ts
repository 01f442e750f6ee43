// The RetentionStore contract for İYS days (ports/retention-store.ts, A14, B10): the İYS changes
// and the daily files of a brand's days before a bound are purged, those after it and other
// brands' are kept, and so are the days' hashes and the .tsr files, which name no one.
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import type { IysChangeRecord, StoredFile } from '../ports/reconciliation-store.js';
import { BRAND, phone } from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';

const OTHER = { iysCode: BRAND.iysCode, brandCode: BRAND.brandCode + 1 };
const PURGED_AT = '2029-01-01T00:00:00.000Z';

const file = (text: string, mediaType: string): StoredFile => {
  const content = new TextEncoder().encode(text);
  return { sha256: createHash('sha256').update(content).digest('hex'), mediaType, content };
};

const change = (brand: typeof BRAND, n: number, day: string): IysChangeRecord => ({
  ...brand,
  creationDate: `${day} 10:00:0${n}`,
  transactionId: `tx-${brand.brandCode}-${n}`,
  recipient: phone(n),
  recipientType: 'BIREYSEL',
  type: 'MESAJ',
  status: 'ONAY',
  consentDate: `${day} 09:59:00`,
  source: 'IYS_WEB',
  via: 'pull',
  receivedAt: `${day}T08:00:00.000Z`,
});

export function describeIysDayRetentionContract(store: StoreGetter) {
  it('A14, B10: purges a brand’s İYS changes and daily files before a day, keeping hashes and .tsr', async () => {
    const days = ['2025-12-30', '2025-12-31', '2026-01-01'];
    const files = new Map<string, { csv: StoredFile; tsr: StoredFile }>();
    for (const [i, day] of days.entries()) {
      for (const brand of [BRAND, OTHER]) {
        const csv = file(`creationDate\n${day} ${brand.brandCode} ${phone(i)}\n`, 'text/csv');
        const tsr = file(`tsr ${day} ${brand.brandCode}`, 'application/timestamp-reply');
        if (brand === BRAND) files.set(day, { csv, tsr });
        await store().saveReconciliationDay({
          day: {
            ...brand,
            day,
            state: 'agreed',
            checkedAt: `${day}T23:00:00.000Z`,
            hash: 'a'.repeat(96),
            fileSha256: csv.sha256,
            timestampSha256: tsr.sha256,
            differenceCount: 0,
            differences: [],
          },
          files: [csv, tsr],
          events: [],
        });
        await store().recordIysChanges([change(brand, i, day)]);
      }
    }
    const purge = { ...BRAND, before: '2026-01-01', purgedAt: PURGED_AT };
    expect(await store().purgeIysDays(purge)).toEqual({ files: 2, changes: 2 });
    for (const day of days) {
      const kept = day >= purge.before;
      const { csv, tsr } = files.get(day)!;
      expect(await store().reconciliationFile(csv.sha256)).toEqual(kept ? csv : undefined);
      // The stamp names no one, and the chained record needs it: kept.
      expect(await store().reconciliationFile(tsr.sha256)).toEqual(tsr);
      expect(await store().reconciliationLedger(BRAND.iysCode, BRAND.brandCode, day)).toHaveLength(
        kept ? 1 : 0,
      );
      // The other brand is untouched.
      expect(await store().reconciliationLedger(OTHER.iysCode, OTHER.brandCode, day)).toHaveLength(
        1,
      );
    }
    // The days keep their hashes: the chained records still name a file that existed.
    const listed = await store().reconciliationDays({ brands: [BRAND] });
    expect(listed.map((d) => [d.day, d.fileSha256])).toEqual(
      days.map((d) => [d, files.get(d)!.csv.sha256]),
    );
    expect(await store().purgeIysDays(purge)).toEqual({ files: 0, changes: 0 });
  });
}
