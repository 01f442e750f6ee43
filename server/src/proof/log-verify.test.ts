// Long because: one case per way an exported log can be edited, reordered, cut or mis-signed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { problemMessage, problemMessages, sealCaptureRecord } from '@izinli/core';
import type { CaptureRecord, Problem } from '@izinli/core';
import type { Checkpoint, StoredCapture } from '../store/store.js';
import { loadKeyRing } from './key-ring.js';
import type { KeyRing } from './key-ring.js';
import { exportLog } from './log-export.js';
import { verifyLog as verifyLogWith } from './log-verify.js';
import type { LogReport, VerifyLogOptions } from './log-verify.js';
import {
  EXAMPLE_SITE_KEY,
  OTHER_SITE_KEY,
  checkpointAt,
  collect,
  keyRingPerFile,
  memoryStore,
  purged,
  signedChain,
} from './proof-fixtures.test-support.js';

type Line = Record<string, unknown> & { type: string; seq?: number; siteKey?: string };

let dir: string;
let ring: KeyRing;
let chain: StoredCapture[];
let checkpoints: Checkpoint[];
let clean: string[];

// Five records, checkpoints at 3 and 5: the export the tamper tests start from.
keyRingPerFile(async (made, folder) => {
  ring = made;
  dir = folder;
  chain = await signedChain(ring, 5);
  checkpoints = [await checkpointAt(ring, chain, 3), await checkpointAt(ring, chain, 5)];
  clean = await exported(chain, checkpoints);
});

function exported(captures: StoredCapture[], cps: Checkpoint[] = [], jwks = false) {
  return collect(exportLog(memoryStore(captures, cps), jwks ? { jwks: ring.jwks() } : {}));
}

/** The 1-based line number of a site's record or checkpoint at `seq`. */
function lineOf(lines: string[], type: string, seq: number, siteKey = EXAMPLE_SITE_KEY): number {
  const index = lines.findIndex((text) => {
    const line = JSON.parse(text) as Line;
    return line.type === type && line.seq === seq && line.siteKey === siteKey;
  });
  expect(index, `${type} ${seq}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** A copy of `lines` with the line `n` (1-based) changed by `change`. */
function edit(lines: string[], n: number, change: (line: Line) => Line): string[] {
  const copy = [...lines];
  copy[n - 1] = JSON.stringify(change(JSON.parse(copy[n - 1]!) as Line));
  return copy;
}

const codes = (report: LogReport) => report.problems.map((p) => p.code);
const at = (p: Problem) => ({ code: p.code, line: p.params?.line, seq: p.params?.seq });

// The worker threads run the built worker (server/dist): `tsc -b` comes before the tests.
const BUILT_WORKER = new URL('../../dist/proof/log-verify-worker.js', import.meta.url);
const MODES: [string, VerifyLogOptions][] = [
  ['in this thread', {}],
  // From the line after the header on, every line goes through the workers.
  ['in worker threads', { workers: 2, parallelAfter: 0, workerUrl: BUILT_WORKER }],
];

describe.each(MODES)('verifyLog (%s)', (mode, options) => {
  const verifyLog = (...[lines, jwks]: Parameters<typeof verifyLogWith>) =>
    verifyLogWith(lines, jwks, options);
  if (options.workers) {
    it('has its worker script built', () => {
      expect(existsSync(fileURLToPath(BUILT_WORKER)), `${mode}: run tsc -b first`).toBe(true);
    });
  }

  it('verifies an untouched export and sums up each site', async () => {
    const report = await verifyLog(clean, ring.jwks());
    expect(report).toEqual({
      ok: true,
      keys: 'given',
      problems: [],
      sites: [
        {
          siteKey: EXAMPLE_SITE_KEY,
          records: 5,
          purged: 0,
          checkpoints: 2,
          head: { seq: 5, hash: chain[4]!.recordHash },
        },
      ],
    });
  });

  it('A13: an edited record makes verify log fail at its seq, naming the field', async () => {
    const n = lineOf(clean, 'record', 3);
    const lines = edit(clean, n, (line) => {
      const record = line.record as CaptureRecord;
      return {
        ...line,
        record: { ...record, person: { ...record.person, fullName: 'Başka Biri' } },
      };
    });
    const report = await verifyLog(lines, ring.jwks());
    expect(report.ok).toBe(false);
    expect(report.problems.map(at)).toEqual([
      { code: 'record.hashMismatch', line: n, seq: 3 },
      { code: 'log.receiptMismatch', line: n, seq: 3 },
    ]);
    expect(report.problems[0]!.path).toEqual(['line', n, 'record', 'recordHash']);
    expect(report.problems[1]).toMatchObject({
      path: ['line', n, 'record', 'person', 'fullName'],
      expected: { en: 'the signed value: "Ayşe Yılmaz"', tr: 'imzalanan değer: "Ayşe Yılmaz"' },
      received: '"Başka Biri"',
    });
    expect(problemMessage(report.problems[1]!, 'en')).toMatch(
      new RegExp(
        `^line\\[${n}\\]\\.record\\.person\\.fullName: ${EXAMPLE_SITE_KEY} #3: the stored record differs`,
      ),
    );
  });

  it('A13: an edited record with a recomputed hash still fails: its receipt, the next link and the checkpoint', async () => {
    const n = lineOf(clean, 'record', 3);
    const record = chain[2]!.record as CaptureRecord;
    const forged = await sealCaptureRecord({ ...record, widgetVersion: '6.6.6' });
    const lines = edit(clean, n, (line) => ({
      ...line,
      record: forged,
      recordHash: forged.recordHash,
    }));
    const report = await verifyLog(lines, ring.jwks());
    expect(report.problems.map(at)).toEqual([
      { code: 'log.receiptMismatch', line: n, seq: 3 },
      { code: 'log.linkBroken', line: lineOf(clean, 'record', 4), seq: 4 },
      { code: 'log.checkpointMismatch', line: lineOf(clean, 'checkpoint', 3), seq: 3 },
    ]);
  });

  it('A13: a deleted record makes verify log fail, naming the missing seq', async () => {
    const n = lineOf(clean, 'record', 3);
    const lines = clean.filter((_, i) => i !== n - 1);
    const report = await verifyLog(lines, ring.jwks());
    expect(report.problems.map(at)).toEqual([{ code: 'log.seqGap', line: n, seq: 4 }]);
    expect(report.problems[0]!.params).toMatchObject({ missing: '3' });
    expect(problemMessage(report.problems[0]!, 'en')).toContain('record(s) 3 are missing');
    expect(problemMessage(report.problems[0]!, 'tr')).toContain('3 sıra numaralı kayıt(lar) eksik');
  });

  it('A13: a deleted record hidden by renumbering the rest still fails', async () => {
    const n = lineOf(clean, 'record', 3);
    let lines = clean.filter((_, i) => i !== n - 1);
    lines = edit(lines, n, (line) => ({ ...line, seq: 3 }));
    lines = edit(lines, n + 1, (line) => ({ ...line, seq: 4 }));
    const report = await verifyLog(lines, ring.jwks());
    expect(codes(report)).toEqual(
      expect.arrayContaining(['log.digestMismatch', 'log.linkBroken', 'log.checkpointBeyondEnd']),
    );
    expect(report.problems.find((p) => p.code === 'log.linkBroken')).toMatchObject({
      path: ['line', n, 'prevHash'],
      params: { seq: 3 },
    });
  });

  it('A13: two swapped records make verify log fail at the one out of order', async () => {
    const two = lineOf(clean, 'record', 2);
    const three = lineOf(clean, 'record', 3);
    const lines = [...clean];
    [lines[two - 1], lines[three - 1]] = [lines[three - 1]!, lines[two - 1]!];
    const report = await verifyLog(lines, ring.jwks());
    expect(report.problems.map(at)).toEqual([{ code: 'log.outOfOrder', line: three, seq: 2 }]);
    expect(problemMessage(report.problems[0]!, 'en')).toContain(
      'comes after seq 3: records were reordered',
    );
  });

  it('A13: two records swapped in the store (seq kept) make verify log fail at both', async () => {
    const swapped = chain.map((c) => ({ ...c }));
    const { seq: _2, ...second } = chain[1]!;
    const { seq: _3, ...third } = chain[2]!;
    swapped[1] = { ...third, seq: 2 };
    swapped[2] = { ...second, seq: 3 };
    const report = await verifyLog(await exported(swapped, checkpoints), ring.jwks());
    expect(report.ok).toBe(false);
    const seqs = new Set(report.problems.map((p) => p.params?.seq));
    expect(seqs).toEqual(new Set([2, 3, 4]));
    expect(codes(report)).toEqual(expect.arrayContaining(['log.digestMismatch', 'log.linkBroken']));
  });

  it('A13: an inserted record with a seq already used makes verify log fail', async () => {
    const n = lineOf(clean, 'record', 2);
    const lines = [...clean.slice(0, n), clean[n - 1]!, ...clean.slice(n)];
    const report = await verifyLog(lines, ring.jwks());
    expect(report.problems.map(at)).toEqual([{ code: 'log.duplicateSeq', line: n + 1, seq: 2 }]);
  });

  it('A13: a log truncated after a checkpoint fails at the checkpoint beyond its end', async () => {
    const keep = (text: string) => {
      const line = JSON.parse(text) as Line;
      return !(line.type === 'record' && line.seq! > 3);
    };
    const lines = clean.filter(keep);
    const report = await verifyLog(lines, ring.jwks());
    const n = lineOf(lines, 'checkpoint', 5);
    expect(report.problems.map(at)).toEqual([{ code: 'log.checkpointBeyondEnd', line: n, seq: 5 }]);
    expect(report.problems[0]!.params).toMatchObject({ head: 3 });
    expect(problemMessage(report.problems[0]!, 'en')).toContain(
      'beyond the chain’s end (3)'.replace('’', "'"),
    );
  });

  it('A13: a checkpoint with a broken signature makes verify log fail at its line', async () => {
    const n = lineOf(clean, 'checkpoint', 3);
    const lines = edit(clean, n, (line) => {
      const jws = String(line.jws);
      return { ...line, jws: `${jws.slice(0, -2)}${jws.endsWith('AA') ? 'BA' : 'AA'}` };
    });
    const report = await verifyLog(lines, ring.jwks());
    expect(report.problems.map(at)).toEqual([{ code: 'jws.badSignature', line: n, seq: 3 }]);
    expect(report.problems[0]!.path).toEqual(['line', n, 'jws']);
  });

  it('A13: a checkpoint whose stated hash was changed fails', async () => {
    const n = lineOf(clean, 'checkpoint', 5);
    const lines = edit(clean, n, (line) => ({ ...line, hash: 'f'.repeat(64) }));
    const report = await verifyLog(lines, ring.jwks());
    expect(report.problems.map(at)).toEqual([{ code: 'checkpoint.mismatch', line: n, seq: 5 }]);
  });

  it('A14: a log with purged entries still verifies, by their digests', async () => {
    const captures = chain.map((c) => (c.seq <= 2 || c.seq === 4 ? purged(c) : c));
    const report = await verifyLog(await exported(captures, checkpoints), ring.jwks());
    expect(report.problems).toEqual([]);
    expect(report.sites[0]).toMatchObject({ records: 5, purged: 3, checkpoints: 2 });
  });

  it('A13: a purged entry whose digest was changed breaks the chain at the next seq', async () => {
    const captures = chain.map((c) => (c.seq <= 2 ? purged(c) : c));
    const lines = await exported(captures, checkpoints);
    const n = lineOf(lines, 'record', 2);
    const report = await verifyLog(
      edit(lines, n, (line) => ({ ...line, recordHash: 'e'.repeat(64) })),
      ring.jwks(),
    );
    expect(report.problems.map(at)).toEqual([{ code: 'log.linkBroken', line: n + 1, seq: 3 }]);
  });

  it('A13: a record removed without being marked purged fails', async () => {
    const n = lineOf(clean, 'record', 4);
    const lines = edit(clean, n, ({ record: _r, receipt: _s, ...line }) => line as Line);
    const report = await verifyLog(lines, ring.jwks());
    expect(report.problems.map(at)).toEqual([{ code: 'log.recordMissing', line: n, seq: 4 }]);
  });

  it('A13: a receipt of another record fails', async () => {
    const n = lineOf(clean, 'record', 4);
    const lines = edit(clean, n, (line) => ({ ...line, receipt: chain[0]!.receipt }));
    const report = await verifyLog(lines, ring.jwks());
    expect(report.problems.map(at)).toEqual([{ code: 'log.receiptMismatch', line: n, seq: 4 }]);
  });

  it('fails every signature against another server’s JWKS', async () => {
    const other = await loadKeyRing({ dataDir: join(dir, 'other') });
    const report = await verifyLog(clean, other.jwks());
    expect(new Set(codes(report))).toEqual(new Set(['jws.unknownKey']));
    expect(report.problems).toHaveLength(7);
  });

  it('uses the export’s own JWKS when given none, and says so', async () => {
    const report = await verifyLog(await exported(chain, checkpoints, true));
    expect(report).toMatchObject({ ok: true, keys: 'embedded' });
    const without = await verifyLog(clean);
    expect(without).toMatchObject({ ok: false, keys: 'none' });
    expect(codes(without)).toEqual(['log.noKeys']);
  });

  it('reads an async stream of lines with blank lines, over several sites', async () => {
    const other = await signedChain(ring, 2, OTHER_SITE_KEY);
    const lines = await exported([...chain, ...other], checkpoints);
    async function* stream() {
      for (const line of lines) yield `${line}\n`.trimEnd();
      yield '';
    }
    const report = await verifyLog(stream(), ring.jwks());
    expect(report.ok).toBe(true);
    expect(report.sites.map((s) => [s.siteKey, s.records])).toEqual([
      [EXAMPLE_SITE_KEY, 5],
      [OTHER_SITE_KEY, 2],
    ]);
  });

  it('stops at an input that is not an export, and reports unreadable lines where they are', async () => {
    expect(
      (await verifyLog(['{"type":"something-else"}', ...clean.slice(1)], ring.jwks())).problems.map(
        at,
      ),
    ).toEqual([{ code: 'log.notAnExport', line: 1, seq: undefined }]);
    expect(codes(await verifyLog([], ring.jwks()))).toEqual(['log.notAnExport']);
    const lines = [...clean.slice(0, 2), 'not json', ...clean.slice(2)];
    const report = await verifyLog(lines, ring.jwks());
    expect(report.problems).toMatchObject([
      { code: 'log.badLine', path: ['line', 3], received: '"not json"' },
    ]);
  });

  it('says every problem in Turkish and English', async () => {
    const n = lineOf(clean, 'record', 3);
    const lines = edit(
      clean.filter((_, i) => i !== n),
      n,
      (line) => ({ ...line, siteKey: 'x'.repeat(16) }),
    );
    const report = await verifyLog(['', ...lines, 'oops'], ring.jwks());
    expect(report.problems.length).toBeGreaterThan(2);
    for (const problem of report.problems) {
      expect(problemMessages[problem.code], problem.code).toBeDefined();
      expect(problemMessage(problem, 'tr')).not.toBe(problemMessage(problem, 'en'));
    }
  });
});
