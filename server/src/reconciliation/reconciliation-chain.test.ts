// An agreed İYS day in the hash chain: the reconciliation worker against the simulator chains one
// `iys-day` record (hashes only, no personal data) into the brand's site chain through the group
// commit; `izinli export` carries the day's .tsr beside it and `izinli verify log` accepts the
// log offline; a .tsr altered in the database is caught by verify; a second pass adds nothing.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { IysDayRecord } from '@izinli/core';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommitter } from '../capture/group-commit.js';
import { izinliInProcess, sink } from '../cli/cli-run.test-support.js';
import { runCli } from '../cli/run.js';
import { loadKeyRing, signReceipt } from '../proof/index.js';
import type { KeyRing } from '../proof/index.js';
import { chainOf, phone } from '../store/contract/store-fixtures.test-support.js';
import { iysEvidence } from '../http/routes/evidence-iys.js';
import { iysDayRecordId } from './chain-iys-day.js';
import { BRAND, HOUR, startReconciliationHarness } from './reconciliation-sim.test-support.js';
import type { ReconciliationHarness } from './reconciliation-sim.test-support.js';
import { timestampGenTime } from '../proof/timestamp-time.js';

const DAY = '2025-10-15'; // the simulator's start day

let h: ReconciliationHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function agreedAndChained() {
  h = await startReconciliationHarness();
  dir = mkdtempSync(join(tmpdir(), 'izinli-iys-day-'));
  const ring = await loadKeyRing({ dataDir: dir });
  const committer = new GroupCommitter({
    store: h.store,
    signReceipt: (record, canonical) => signReceipt(ring, record, canonical),
    newId: randomUUID,
    deadlineFor: (d) => d,
  });
  await h.enqueue([
    { recipient: phone(1), minutesAgo: 5 },
    { recipient: phone(2), minutesAgo: 4 },
  ]);
  await h.deliver();
  h.sim.advance(17 * HOUR);
  await h.reconciler({ chainer: committer }).runOnce();
  return { harness: h, ring, committer, dir };
}

/** `izinli export --site <key> --out <file>` over the harness's store. */
async function exportTo(harness: ReconciliationHarness, file: string) {
  const { store } = harness;
  const out = sink();
  const err = sink();
  const code = await runCli(['export', '--site', EXAMPLE_SITE_KEY, '--out', file], {
    env: { LANG: 'en_US.UTF-8' },
    stdin: new PassThrough(),
    stdout: out.stream,
    stderr: err.stream,
    fetch: () => Promise.reject(new Error('no network in this test')),
    openStore: () =>
      Promise.resolve({
        sites: () => store.sites(),
        chain: (siteKey: string, fromSeq?: number) => store.chain(siteKey, fromSeq),
        checkpoints: (siteKey: string, limit?: number) => store.checkpoints(siteKey, limit),
        reconciliationFile: (sha256: string) => store.reconciliationFile(sha256),
        close: () => Promise.resolve(),
      }),
  });
  expect(code, err.text()).toBe(0);
}

async function verifyFile(file: string, ring: KeyRing, where: string) {
  const jwks = join(where, 'jwks.json');
  writeFileSync(jwks, JSON.stringify(ring.jwks()));
  return izinliInProcess(['verify', 'log', file, '--jwks', jwks, '--json']);
}

describe('an agreed İYS day in the hash chain', () => {
  it('A13: chains one iys-day record per site of the brand with the day’s hashes and the stamp’s time, once', async () => {
    const { harness } = await agreedAndChained();
    const [day] = await harness.store.reconciliationDays({ brands: [BRAND], from: DAY, to: DAY });
    expect(day?.state).toBe('agreed');
    const chain = await chainOf(harness.store, EXAMPLE_SITE_KEY);
    expect(chain).toHaveLength(1);
    const record = chain[0]!.record as IysDayRecord;
    const tsr = await harness.store.reconciliationFile(day!.timestampSha256!);
    expect(record).toMatchObject({
      kind: 'iys-day',
      captureId: iysDayRecordId(EXAMPLE_SITE_KEY, day!),
      siteKey: EXAMPLE_SITE_KEY,
      seq: 1,
      iysCode: BRAND.iysCode,
      brandCode: BRAND.brandCode,
      reportDate: DAY,
      fileSha256: day!.fileSha256,
      agreementHash: day!.hash,
      timestampSha256: day!.timestampSha256,
      timestampGenTime: timestampGenTime(tsr!.content)!.toISOString(),
    });
    expect(chain[0]!.receipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // Hashes only: no recipient of the day's file is in the record.
    expect(JSON.stringify(record)).not.toContain(phone(1).slice(3));
    // Not a capture: the admin list of captures leaves it out.
    expect((await harness.store.listCaptures({ siteKeys: [EXAMPLE_SITE_KEY] })).items).toEqual([]);
    // A second pass finds it chained and adds nothing.
    await harness.reconciler({ chainer: agreedCommitter(harness) }).runOnce();
    expect(await chainOf(harness.store, EXAMPLE_SITE_KEY)).toHaveLength(1);
  });

  it('A13: the exported log carries the .tsr and verifies offline; a .tsr altered in the database does not', async () => {
    const { harness, ring, dir: where } = await agreedAndChained();
    const file = join(where, 'log.jsonl');
    await exportTo(harness, file);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const line = JSON.parse(lines.find((l) => l.includes('"iys-day"'))!) as {
      timestamp?: string;
      record: IysDayRecord;
    };
    const tsr = await harness.store.reconciliationFile(line.record.timestampSha256);
    expect(line.timestamp).toBe(Buffer.from(tsr!.content).toString('base64'));
    const clean = await verifyFile(file, ring, where);
    expect(clean.code, clean.stdout).toBe(0);

    // The stored .tsr replaced by other bytes (its row keeps its name): the export carries them
    // and the verifier finds they are not the stamp the chain names.
    const altered = Buffer.from(tsr!.content);
    const last = altered.length - 1;
    altered.writeUInt8(altered.readUInt8(last) ^ 0xff, last);
    tamperFile(harness, line.record.timestampSha256, altered);
    await exportTo(harness, file);
    const tampered = await verifyFile(file, ring, where);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('log.timestampMismatch');
  });
});

describe('the evidence bundle’s İYS days', () => {
  it('A13: link an agreed day to the iys-day record of the recipient’s site chain, with its receipt', async () => {
    const { harness } = await agreedAndChained();
    const movements = await harness.store.movements({});
    const delivered = movements.filter((m) => m.state === 'delivered');
    expect(delivered).toHaveLength(2);
    const [record] = await chainOf(harness.store, EXAMPLE_SITE_KEY);
    const evidence = await iysEvidence(harness.store, delivered, () => EXAMPLE_SITE_KEY);
    expect(evidence.days).toEqual([
      expect.objectContaining({
        day: DAY,
        state: 'agreed',
        chained: [
          {
            siteKey: EXAMPLE_SITE_KEY,
            seq: record!.seq,
            recordHash: record!.recordHash,
            receipt: record!.receipt,
          },
        ],
      }),
    ]);
    // A site whose chain does not hold the day is not cited.
    const elsewhere = await iysEvidence(harness.store, delivered, () => 'another-site');
    expect(elsewhere.days[0]?.chained).toBeUndefined();
  });
});

/** A committer that must never be asked: the day is chained already. */
function agreedCommitter(_harness: ReconciliationHarness) {
  return { submit: () => Promise.reject(new Error('the day was chained again')) };
}

/** Overwrites a stored reconciliation file's bytes in the SQLite file, behind the store's back. */
function tamperFile(harness: ReconciliationHarness, sha256: string, content: Buffer) {
  const db = new Database(harness.dbFile);
  try {
    const changed = db
      .prepare('UPDATE reconciliation_files SET content = ? WHERE sha256 = ?')
      .run(content, sha256).changes;
    expect(changed).toBe(1);
  } finally {
    db.close();
  }
}
