// The retention pass and İYS reconciliation days (A14, B10): per brand, the days older than the
// longest retention of the brand's sites lose their daily file and İYS changes (they list
// recipients); the days' hashes and .tsr stay, so the chained iys-day records still verify.
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import type { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { tempSqliteStores } from '../store/sqlite/temp-sqlite.test-support.js';
import { runRetentionPass } from './retention-pass.js';
import type { RetentionSite } from './retention-pass.js';

const BRAND = { iysCode: 100000, brandCode: 100000 };
const site = (siteKey: string, years: number, brand = BRAND): RetentionSite =>
  ({ siteKey, brand, retention: { yearsAfterEnd: years } }) as RetentionSite;

const openTempStore = tempSqliteStores('izinli-retention-iys-');

async function dayWithFile(s: SqliteStore, day: string) {
  const content = new TextEncoder().encode(`creationDate\n${day} 10:00:00,+905321234567\n`);
  const csv = {
    sha256: createHash('sha256').update(content).digest('hex'),
    mediaType: 'text/csv',
    content,
  };
  await s.saveReconciliationDay({
    day: {
      ...BRAND,
      day,
      state: 'mismatch',
      checkedAt: `${day}T23:00:00.000Z`,
      fileSha256: csv.sha256,
      differenceCount: 0,
      differences: [],
    },
    files: [csv],
    events: [],
  });
  return csv;
}

it('A14, B10: purges a brand’s İYS days past the longest retention of its sites, keeping hashes', async () => {
  const { store } = await openTempStore();
  const old = await dayWithFile(store, '2021-05-31');
  const young = await dayWithFile(store, '2021-06-01');
  // One site keeps 3 years, another of the same brand 5: the brand's days are kept 5 years.
  const sites = [site('kitap', 3), site('dergi', 5), site('baska', 1, { ...BRAND, brandCode: 7 })];
  const now = new Date('2026-06-01T09:00:00Z');
  const dry = await runRetentionPass({ store, sites, now: () => now }, { dryRun: true });
  expect(dry.iysDays).toEqual([
    { ...BRAND, before: '2021-06-01', files: 0, changes: 0 },
    { iysCode: 100000, brandCode: 7, before: '2025-06-01', files: 0, changes: 0 },
  ]);
  expect(await store.reconciliationFile(old.sha256)).toBeDefined();
  const report = await runRetentionPass({ store, sites, now: () => now });
  expect(report.iysDays[0]).toEqual({ ...BRAND, before: '2021-06-01', files: 1, changes: 0 });
  expect(await store.reconciliationFile(old.sha256)).toBeUndefined();
  expect(await store.reconciliationFile(young.sha256)).toBeDefined();
  const [day] = await store.reconciliationDays({ brands: [BRAND], to: '2021-05-31' });
  expect(day?.fileSha256).toBe(old.sha256);
});
