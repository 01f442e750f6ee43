// A14, A19: a purged record's evidence file goes with its personal data; its hash stays, so the
// chain verifies; a record still in effect keeps its own file.
import { checkCaptureChain } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleSiteConfig } from '@izinli/core/fixtures';
import type { CaptureRecord } from '@izinli/core';
import { describe, expect, it } from 'vitest';
import { evidenceUploads, pdfScan } from '../evidence/evidence-files.test-support.js';
import { harnessPerTest } from '../http/app-harness.test-support.js';
import type { Harness } from '../http/app-harness.test-support.js';
import { addYears } from './retention-rule.js';
import { runRetentionPass } from './retention-pass.js';

let h: Harness;
let clock = new Date('2026-11-26T09:15:30.000Z');
harnessPerTest(
  (made) => (h = made),
  () => {
    clock = new Date('2026-11-26T09:15:30.000Z');
    return { now: () => clock };
  },
);
const { record, upload } = evidenceUploads(() => h);

/** One retention pass of the example site, a year after its records' retention ran out. */
function passAfterRetention() {
  const later = addYears(clock, exampleSiteConfig.retention.yearsAfterEnd + 1);
  return runRetentionPass({
    store: h.store,
    sites: [{ ...exampleSiteConfig, tenantId: 'ornek-kitabevi' }],
    now: () => later,
  });
}

async function paperConsent(tag: string, granted: boolean, email = `${tag}@ornek.com.tr`) {
  // The same sheet again is answered 200 with the stored file's hash.
  const { sha256 } = (await (await upload(pdfScan(tag))).json()) as { sha256: string };
  const response = await record({
    siteKey: EXAMPLE_SITE_KEY,
    source: 'HS_FIZIKSEL_ORTAM',
    consentDate: '2026-11-26 10:00:00',
    recipient: { fullName: 'Ayşe Yılmaz', email },
    // A form whose purpose box was left empty gives nothing: its record's consent ends at once.
    purposes: [{ id: 'kitap-onerileri', granted }],
    evidence: { kind: 'scan', files: [sha256] },
  });
  expect(response.status).toBe(201);
  return { sha256, captureId: ((await response.json()) as { captureId: string }).captureId };
}

describe('retention of evidence files', () => {
  it('A14, A19: purging a record deletes its scan, keeps its hash and the chain; a record in effect keeps its own', async () => {
    const ended = await paperConsent('bos-form', false);
    const kept = await paperConsent('dolu-form', true);
    const report = await passAfterRetention();
    expect(report.sites[0]).toMatchObject({ purged: 1, active: 1 });
    expect(await h.store.evidenceFile('ornek-kitabevi', ended.sha256)).toBeUndefined();
    expect(await h.store.evidenceFile('ornek-kitabevi', kept.sha256)).toBeDefined();
    const purged = await h.store.getCapture(ended.captureId);
    expect(purged?.record).toBeUndefined();
    const chain: CaptureRecord[] = [];
    for await (const c of h.store.chain(EXAMPLE_SITE_KEY))
      if (c.record) chain.push(c.record as CaptureRecord);
    expect(chain).toHaveLength(1);
    expect(JSON.stringify(chain)).toContain(kept.sha256);
    const all = [];
    for await (const c of h.store.chain(EXAMPLE_SITE_KEY)) all.push(c);
    expect(all.map((c) => c.seq)).toEqual([1, 2]);
    expect(all[1]!.prevHash).toBe(all[0]!.recordHash);
    expect(await checkCaptureChain(chain, { seq: 1, hash: all[0]!.recordHash })).toEqual([]);
  });

  it('A14, A19: keeps a scan another record in effect still names (one sheet for many people)', async () => {
    const ended = await paperConsent('etkinlik-listesi', false);
    const kept = await paperConsent('etkinlik-listesi', true, 'ikinci@ornek.com.tr');
    expect(kept.sha256).toBe(ended.sha256);
    const report = await passAfterRetention();
    expect(report.sites[0]).toMatchObject({ purged: 1, active: 1 });
    expect(await h.store.evidenceFile('ornek-kitabevi', ended.sha256)).toBeDefined();
  });
});
