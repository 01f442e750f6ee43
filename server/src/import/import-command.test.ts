// `izinli import` end to end on a real SQLite file (A19): the dry run names every planted bad row
// and writes nothing; the real run records exactly the good rows, signed and chained, their
// movements queued with their source and consentDate; a second run records nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCaptureChain } from '@izinli/core';
import type { CaptureRecord } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { izinliInProcess } from '../cli/cli-run.test-support.js';
import { makeHarness } from '../http/app-harness.test-support.js';
import { verifyReceipt } from '../proof/index.js';
import { writeImportFixture } from './import-fixture.test-support.js';
import type { ImportReport } from './import-report.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness;
let config: string;
// Thursday 2026-11-26 12:15:30 Turkey time: rows of Wednesday are within İYS's window.
const NOW = new Date('2026-11-26T09:15:30.000Z');
beforeEach(async () => {
  h = await makeHarness({ now: () => NOW });
  config = join(h.dir, 'izinli.config.json');
  writeFileSync(config, JSON.stringify(exampleServerConfig));
});
afterEach(async () => {
  await h.close();
});

async function izinliImport(args: string[]) {
  const run = await izinliInProcess(['import', ...args, '--config', config, '--data-dir', h.dir], {
    fetch: globalThis.fetch,
    fullStoreIn: h.dir,
    now: () => NOW,
  });
  return { code: run.code, out: run.stdout, err: run.stderr };
}

const records = async () => (await h.store.listCaptures({ limit: 500 })).items;

describe('izinli import', () => {
  it('A19: dry run names every bad row, the real run records exactly the good ones, a second records nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'izinli-import-'));
    const fixture = writeImportFixture(dir, 240, { badEvery: 12 });
    expect(fixture.bad.size).toBe(20);

    const dry = await izinliImport([fixture.path, '--dry-run', '--json']);
    expect(dry.code).toBe(1);
    const planned = JSON.parse(dry.out) as ImportReport;
    expect(planned).toMatchObject({
      rows: 240,
      good: 220,
      recorded: 0,
      bad: 20,
      alreadyRecorded: 0,
    });
    expect(planned.badRows.map((r) => r.line)).toEqual([...fixture.bad.keys()]);
    for (const row of planned.badRows) {
      const [kind, code] = fixture.bad.get(row.line)!;
      expect(
        row.problems.map((p) => p.code),
        `line ${row.line}: ${kind}`,
      ).toContainEqual(code === 'phone.invalid' ? expect.stringMatching(/^phone\./) : code);
    }
    // Progress as JSON lines on stderr; nothing written.
    expect(dry.err).toContain('"type":"progress","label":"checking"');
    expect(await records()).toEqual([]);

    const real = await izinliImport([fixture.path, '--json']);
    expect(real.code).toBe(1);
    const done = JSON.parse(real.out) as ImportReport;
    expect(done).toMatchObject({ rows: 240, recorded: 220, bad: 20 });
    const stored = await records();
    expect(stored).toHaveLength(220);
    const chain: CaptureRecord[] = [];
    for await (const c of h.store.chain(EXAMPLE_SITE_KEY)) chain.push(c.record as CaptureRecord);
    expect(await checkCaptureChain(chain)).toEqual([]);
    const paper = stored.find(
      (c) => (c.record as CaptureRecord | undefined)?.source === 'HS_ISLAK_IMZA',
    )!;
    const verified = await verifyReceipt(paper.receipt!, h.ring.jwks());
    expect(verified.ok && verified.value).toMatchObject({
      source: 'HS_ISLAK_IMZA',
      person: { fullName: 'İpek Gülşen Ağaoğlu' },
      evidence: { kind: 'scan', files: [{ mediaType: 'image/jpeg' }] },
    });
    expect(verified.ok && verified.value.kind === 'capture' && verified.value.recordedBy).toMatch(
      /^import/,
    );
    const movements = await h.store.movements({ captureId: paper.captureId });
    expect(movements[0]).toMatchObject({
      state: 'pending',
      source: 'HS_ISLAK_IMZA',
      consentDate: (paper.record as CaptureRecord).consentDate,
    });

    const again = await izinliImport([fixture.path, '--json']);
    const second = JSON.parse(again.out) as ImportReport;
    expect(second).toMatchObject({ recorded: 0, alreadyRecorded: 220 });
    expect(await records()).toHaveLength(220);
  });

  it('reads `,` between fields and prints the bad rows and a summary for a person', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'izinli-import-'));
    const fixture = writeImportFixture(dir, 30, { badEvery: 15, delimiter: ',' });
    const dry = await izinliImport([fixture.path, '--dry-run']);
    const lines = dry.out.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('line 16 (row R-15)'))).toHaveLength(1);
    expect(lines.at(-2)).toMatch(/^30 rows: would record 28, 0 already recorded, 2 bad \(/);
    expect(lines.at(-1)).toBe('dry run: nothing was written');
  });

  it('refuses a file that is not UTF-8, and a header with an unknown column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'izinli-import-'));
    const latin5 = join(dir, 'latin5.csv');
    writeFileSync(
      latin5,
      Buffer.from([0x72, 0x6f, 0x77, 0x5f, 0x6b, 0x65, 0x79, 0x0a, 0xde, 0x0a]),
    );
    const notUtf8 = await izinliImport([latin5, '--dry-run']);
    expect(notUtf8.code).toBe(2);
    expect(notUtf8.err).toContain('not UTF-8');
    const unknown = join(dir, 'unknown.csv');
    writeFileSync(unknown, 'row_key;consent_date;telefon\nR-1;2026-11-25 10:00:00;0532\n');
    const refused = await izinliImport([unknown, '--dry-run']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('unknown column(s) telefon');
  });
});
