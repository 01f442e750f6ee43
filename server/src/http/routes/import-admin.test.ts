// The console's CSV upload (A19): the same import as the CLI, for the token's tenant, answered as
// JSON lines (progress, then the report).
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { pdfScan } from '../../evidence/evidence-files.test-support.js';
import type { ApiErrorBody } from '../api-error.js';
import { OTHER_TOKEN, TWO_TENANTS, harnessPerTest } from '../app-harness.test-support.js';
import type { Harness } from '../app-harness.test-support.js';
import type { CaptureRecord } from '@izinli/core';

const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

let h: Harness;
const NOW = new Date('2026-11-26T09:15:30.000Z');
harnessPerTest((made) => (h = made), { config: TWO_TENANTS, now: () => NOW });

interface Line {
  type: 'progress' | 'report';
  label?: string;
  rows?: number;
  recorded?: number;
  alreadyRecorded?: number;
  bad?: number;
  badRows?: { line: number; problems: { code: string; message: string }[] }[];
}

async function importCsv(csv: string, query = '', headers = auth) {
  const response = await h.app.request(`/v1/admin/imports${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Accept-Language': 'tr', ...headers },
    body: csv,
  });
  return response;
}
async function lines(response: Response): Promise<Line[]> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/x-ndjson');
  return (await response.text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

describe('POST /v1/admin/imports', () => {
  it('A19: checks, records the good rows (scans by uploaded hash), and records nothing twice', async () => {
    const uploaded = await h.app.request('/v1/admin/evidence-files', {
      method: 'POST',
      headers: auth,
      body: pdfScan('yukleme'),
    });
    const { sha256 } = (await uploaded.json()) as { sha256: string };
    const csv = [
      'row_key;source;consent_date;full_name;phone;MESAJ;scan_files;call_id;agent_id;recording_ref',
      `F-1;HS_FIZIKSEL_ORTAM;2026-11-25 10:00:00;Çiğdem Işık;0532 111 22 33;ONAY;${sha256};;;`,
      'C-1;HS_CAGRI_MERKEZI;2026-11-25 11:00:00;Ömer Şahin;0532 111 22 34;ONAY;;C-1;ajan-1;pbx://1',
      'C-2;HS_CAGRI_MERKEZI;2026-11-18 11:00:00;Ömer Şahin;0532 111 22 35;ONAY;;C-2;ajan-1;pbx://2',
      `F-2;HS_FIZIKSEL_ORTAM;2026-11-25 10:00:00;Çiğdem Işık;0532 111 22 36;ONAY;${'e'.repeat(64)};;;`,
    ].join('\n');
    const dry = await lines(await importCsv(csv, `?dryRun=true&site=${EXAMPLE_SITE_KEY}`));
    const report = dry.at(-1)!;
    expect(report).toMatchObject({ type: 'report', rows: 4, recorded: 0, bad: 2 });
    expect(report.badRows!.map((r) => [r.line, r.problems[0]!.code])).toEqual([
      [4, 'consent.date'],
      [5, 'import.file'],
    ]);
    // In the request's language.
    expect(report.badRows![0]!.problems[0]!.message).toContain('İYS');
    expect(dry.some((l) => l.type === 'progress' && l.label === 'checking')).toBe(true);
    expect((await h.store.listCaptures({})).items).toEqual([]);

    const real = (await lines(await importCsv(csv, `?site=${EXAMPLE_SITE_KEY}`))).at(-1)!;
    expect(real).toMatchObject({ recorded: 2, bad: 2 });
    const stored = (await h.store.listCaptures({})).items;
    expect(stored.map((c) => (c.record as CaptureRecord | undefined)?.source).sort()).toEqual([
      'HS_CAGRI_MERKEZI',
      'HS_FIZIKSEL_ORTAM',
    ]);
    expect(
      stored.every((c) => c.record?.kind === 'capture' && c.record.recordedBy === 'hukuk'),
    ).toBe(true);
    const again = (await lines(await importCsv(csv, `?site=${EXAMPLE_SITE_KEY}`))).at(-1)!;
    expect(again).toMatchObject({ recorded: 0, alreadyRecorded: 2 });
  });

  it('refuses a file that is not an import, and another tenant’s site', async () => {
    const refused = await importCsv('telefon;tarih\n1;2\n');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ApiErrorBody).error.code).toBe('import.unreadable');
    const other = await importCsv('row_key;consent_date\n', `?site=${EXAMPLE_SITE_KEY}`, {
      Authorization: `Bearer ${OTHER_TOKEN}`,
    });
    expect(other.status).toBe(404);
  });
});
