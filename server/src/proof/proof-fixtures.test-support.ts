// Test data for the proof tests: sealed, signed chains of records and a store holding them.
import { GENESIS_HASH, formatIysDate, sealCaptureRecord } from '@izinli/core';
import type { CaptureRecord, UnsealedCaptureRecord } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleSiteConfig, exampleUnsealedRecord } from '@izinli/core/fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Checkpoint, StoredCapture } from '../store/store.js';
import { signCheckpoint } from './checkpoint.js';
import { afterAll, beforeAll } from 'vitest';
import { loadKeyRing } from './key-ring.js';
import type { KeyRing } from './key-ring.js';
import type { LogSource } from './log-export.js';
import { signReceipt } from './receipt.js';

export { EXAMPLE_SITE_KEY };
export const OTHER_SITE_KEY = 'diger-site-demo-000000002';

/** A fresh temporary folder. */
export function tempDir(prefix = 'izinli-proof-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * One key ring for the whole file, in a temporary data folder removed after its tests: handed to
 * `use` (with the folder) before them, where the file's other shared setup can follow.
 */
export function keyRingPerFile(
  use: (ring: KeyRing, dir: string) => unknown,
  prefix?: string,
): void {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = tempDir(prefix);
    await use(await loadKeyRing({ dataDir: dir }), dir);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}

function notice(id: string) {
  const n = exampleSiteConfig.notices
    .filter((x) => x.id === id && x.locale === 'tr')
    .sort((a, b) => b.version - a.version)[0]!;
  return { id: n.id, version: n.version, locale: n.locale, kind: n.kind, sha256: n.sha256 };
}

/** A valid capture record at `seq` of `siteKey`, received `seq` minutes after a fixed instant. */
export function unsealedRecord(
  seq: number,
  prevHash: string,
  siteKey = EXAMPLE_SITE_KEY,
): UnsealedCaptureRecord {
  const receivedAt = new Date(Date.UTC(2025, 5, 1, 11, 30 + seq, 0, 123));
  // The example site's first record, at `seq`, without its açık rıza.
  return {
    ...exampleUnsealedRecord,
    captureId: `0b6f1a7e-3c1d-4e8a-9f2b-${String(seq).padStart(12, '0')}`,
    siteKey,
    seq,
    receivedAt: receivedAt.toISOString(),
    consentDate: formatIysDate(receivedAt),
    purposes: [],
    notices: [notice('kvkk-aydinlatma'), notice('etk-onay')],
    prevHash,
  };
}

/** A sealed record (valid hash) at `seq`. */
export function sealedRecord(seq = 1, prevHash = GENESIS_HASH): Promise<CaptureRecord> {
  return sealCaptureRecord(unsealedRecord(seq, prevHash));
}

/** `count` stored captures of one site, chained and signed as the server stores them. */
export async function signedChain(
  ring: KeyRing,
  count: number,
  siteKey = EXAMPLE_SITE_KEY,
): Promise<StoredCapture[]> {
  const chain: StoredCapture[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const record = await sealCaptureRecord(unsealedRecord(seq, prevHash, siteKey));
    chain.push({
      captureId: record.captureId,
      siteKey,
      seq,
      prevHash,
      recordHash: record.recordHash,
      bodyHash: 'b'.repeat(64),
      record,
      receipt: await signReceipt(ring, record),
      receivedAt: record.receivedAt,
    });
    prevHash = record.recordHash;
  }
  return chain;
}

/** A checkpoint of `chain`'s record at `seq`. */
export function checkpointAt(
  ring: KeyRing,
  chain: StoredCapture[],
  seq: number,
): Promise<Checkpoint> {
  const capture = chain.find((c) => c.seq === seq)!;
  return signCheckpoint(ring, {
    siteKey: capture.siteKey,
    seq,
    hash: capture.recordHash,
    signedAt: new Date(Date.UTC(2025, 5, 2, 0, seq)).toISOString(),
  });
}

/** The retention purge (A14, B10): personal data gone, digests kept. */
export function purged(capture: StoredCapture): StoredCapture {
  const { record: _record, receipt: _receipt, ...rest } = capture;
  return { ...rest, purgedAt: '2028-06-01T00:00:00.000Z' };
}

/** An in-memory store with just what an export reads. */
export function memoryStore(captures: StoredCapture[], checkpoints: Checkpoint[] = []): LogSource {
  return {
    async sites() {
      return [...new Set(captures.map((c) => c.siteKey))];
    },
    async *chain(siteKey, fromSeq = 1) {
      const mine = captures.filter((c) => c.siteKey === siteKey && c.seq >= fromSeq);
      yield* mine.sort((a, b) => a.seq - b.seq);
    },
    async checkpoints(siteKey) {
      // Newest first, as the store interface promises.
      return checkpoints
        .filter((c) => siteKey === undefined || c.siteKey === siteKey)
        .sort((a, b) => b.seq - a.seq);
    },
  };
}

/** Collects an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
