// A recipient's evidence bundle carries the scans its records name; `izinli verify bundle` checks
// every receipt and every file's hash, so a scan altered after the fact is found (A13, A19).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { describe, expect, it } from 'vitest';
import { izinliInProcess } from '../cli/cli-run.test-support.js';
import { evidenceUploads, pdfScan } from '../evidence/evidence-files.test-support.js';
import { harnessPerTest, postCapture, validCapture } from '../http/app-harness.test-support.js';
import type { Harness } from '../http/app-harness.test-support.js';
import { verifyBundle } from './bundle-verify.js';

let h: Harness;
const NOW = new Date('2026-11-26T09:15:30.000Z');
const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };
harnessPerTest((made) => (h = made), { now: () => NOW });
const { record, uploaded } = evidenceUploads(() => h);

interface Bundle {
  records: { record?: { source: string } }[];
  evidenceFiles: { sha256: string; mediaType: string; size: number; base64: string }[];
}

async function bundleWithScan(): Promise<{ bundle: Bundle; sha256: string }> {
  expect((await postCapture(h.app, validCapture())).status).toBe(201);
  const sha256 = await uploaded(pdfScan('demet'));
  const recorded = await record({
    siteKey: EXAMPLE_SITE_KEY,
    source: 'HS_ISLAK_IMZA',
    consentDate: '2026-11-26 09:00:00',
    recipient: { fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67' },
    channels: [{ type: 'ARAMA', status: 'ONAY' }],
    evidence: { kind: 'scan', files: [sha256] },
  });
  expect(recorded.status).toBe(201);
  const response = await h.app.request(
    `/v1/admin/recipients/evidence?phone=${encodeURIComponent('+905321234567')}`,
    { headers: auth },
  );
  expect(response.status).toBe(200);
  return { bundle: (await response.json()) as Bundle, sha256 };
}

describe('evidence bundle with scans', () => {
  it('A19: carries the scan its record names, and the widget capture beside it verifies unchanged', async () => {
    const { bundle, sha256 } = await bundleWithScan();
    expect(bundle.records.map((r) => r.record?.source)).toEqual(['HS_WEB', 'HS_ISLAK_IMZA']);
    expect(bundle.evidenceFiles).toEqual([
      expect.objectContaining({
        sha256,
        mediaType: 'application/pdf',
        size: pdfScan('demet').byteLength,
      }),
    ]);
    expect(Buffer.from(bundle.evidenceFiles[0]!.base64, 'base64')).toEqual(
      Buffer.from(pdfScan('demet')),
    );
    const report = await verifyBundle(bundle, h.ring.jwks());
    expect(report.ok).toBe(true);
    expect(report.records.map((r) => r.status)).toEqual(['verified', 'verified']);
    expect(report.files).toEqual([expect.objectContaining({ sha256, state: 'matches' })]);
    expect(report.problems).toEqual([]);
  });

  it('A13, A19: `izinli verify bundle` passes the bundle and detects a tampered scan', async () => {
    const { bundle, sha256 } = await bundleWithScan();
    const good = join(h.dir, 'bundle.json');
    writeFileSync(good, JSON.stringify(bundle));
    const passed = await izinliInProcess(['verify', 'bundle', good]);
    expect(passed.stdout).toContain('bundle verified: 2 of 2 record(s) verified');
    expect(passed.stdout).toContain('1 of 1 evidence file(s) intact');
    expect(passed.code).toBe(0);

    const altered = Buffer.from(pdfScan('demet'));
    altered[altered.length - 1] = 0x41;
    const tampered = {
      ...bundle,
      evidenceFiles: [{ ...bundle.evidenceFiles[0]!, base64: altered.toString('base64') }],
    };
    const bad = join(h.dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(tampered));
    const failed = await izinliInProcess(['verify', 'bundle', bad]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`evidence file ${sha256}: ALTERED`);
    expect(failed.stdout).toContain('bundle NOT verified');

    // A scan swapped for another whose stated hash matches its own bytes is still not the record's.
    const other = Buffer.from(pdfScan('başka'));
    const { createHash } = await import('node:crypto');
    const swapped = {
      ...bundle,
      evidenceFiles: [
        {
          sha256: createHash('sha256').update(other).digest('hex'),
          mediaType: 'application/pdf',
          size: other.byteLength,
          base64: other.toString('base64'),
        },
      ],
    };
    const report = await verifyBundle(swapped, h.ring.jwks());
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([]);
    const paper = report.records.find((r) => r.status === 'failed')!;
    expect(paper.problems.map((p) => [p.code, p.expected.en.includes(sha256)])).toEqual([
      ['bundle.evidenceFileMissing', true],
    ]);
  });
});
