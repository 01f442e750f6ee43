// Confirmations in an exported log (docs/verification.md#records): a capture holding MESAJ, then
// the confirmation that releases it, verify; a confirmation naming another hash than its
// capture's fails with log.confirmsMismatch, whether it was written so or edited in the export.
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  captureRecordHash,
  problemMessage,
  problemMessages,
  sealCaptureRecord,
} from '@izinli/core';
import type { ChainRecord, ConfirmationRecord, Problem } from '@izinli/core';
import { unsignedCapture } from '../capture/seal-iys-day.js';
import type { StoredCapture } from '../store/store.js';
import type { KeyRing } from './key-ring.js';
import { exportLog } from './log-export.js';
import { verifyLog } from './log-verify.js';
import type { VerifyLogOptions } from './log-verify.js';
import {
  EXAMPLE_SITE_KEY,
  collect,
  keyRingPerFile,
  memoryStore,
  unsealedRecord,
} from './proof-fixtures.test-support.js';
import { signReceipt } from './receipt.js';

let ring: KeyRing;
keyRingPerFile((made) => (ring = made));

async function stored(record: ChainRecord): Promise<StoredCapture> {
  return { ...unsignedCapture(record, 'b'.repeat(64)), receipt: await signReceipt(ring, record) };
}

/** A capture holding MESAJ by code, then its confirmation naming `confirmsHash` (default: right). */
async function heldAndConfirmed(confirmsHash?: string): Promise<string[]> {
  const base = unsealedRecord(1, '0'.repeat(64));
  const held = await sealCaptureRecord({
    ...base,
    channels: [
      { type: 'MESAJ', checked: true, verify: 'code' },
      { type: 'ARAMA', checked: false },
      { type: 'EPOSTA', checked: true, status: 'ONAY' },
    ],
  });
  const unsealed: Omit<ConfirmationRecord, 'recordHash'> = {
    kind: 'confirmation',
    captureId: '5d8e8f7a-1b2c-8d3e-9f40-123456789abc',
    siteKey: EXAMPLE_SITE_KEY,
    seq: 2,
    receivedAt: '2025-06-01T11:40:00.000Z',
    consentDate: held.consentDate,
    confirms: { captureId: held.captureId, recordHash: confirmsHash ?? held.recordHash },
    channels: [{ type: 'MESAJ', status: 'ONAY' }],
    method: 'code',
    destinationSha256: 'c'.repeat(64),
    sentAt: '2025-06-01T11:29:00.000Z',
    confirmedAt: '2025-06-01T11:30:00.000Z',
    attempts: 0,
    ip: '203.0.113.0',
    prevHash: held.recordHash,
  };
  const confirmation = { ...unsealed, recordHash: await captureRecordHash(unsealed) };
  const captures = [await stored(held), await stored(confirmation)];
  return collect(exportLog(memoryStore(captures)));
}

const BUILT_WORKER = new URL('../../dist/proof/log-verify-worker.js', import.meta.url);
const MODES: [string, VerifyLogOptions][] = [
  ['in this thread', {}],
  ['in worker threads', { workers: 2, parallelAfter: 0, workerUrl: BUILT_WORKER }],
];
const at = (p: Problem) => ({ code: p.code, line: p.params?.line, seq: p.params?.seq });

describe.each(MODES)('confirmations in verify log (%s)', (mode, options) => {
  if (options.workers) {
    it('has its worker script built', () => {
      expect(existsSync(fileURLToPath(BUILT_WORKER)), `${mode}: run tsc -b first`).toBe(true);
    });
  }

  it('verifies a held capture and the confirmation that releases it', async () => {
    const report = await verifyLog(await heldAndConfirmed(), ring.jwks(), options);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.sites[0]).toMatchObject({ records: 2 });
  });

  it('A13: a confirmation naming another hash than its capture’s fails, even sealed and signed so', async () => {
    const report = await verifyLog(await heldAndConfirmed('d'.repeat(64)), ring.jwks(), options);
    expect(report.problems.map(at)).toEqual([{ code: 'log.confirmsMismatch', line: 3, seq: 2 }]);
    const [problem] = report.problems;
    expect(problem!.path).toEqual(['line', 3, 'record', 'confirms', 'recordHash']);
    expect(problemMessages['log.confirmsMismatch']).toBeDefined();
    expect(problemMessage(problem!, 'tr')).toMatch(/onay kaydı/);
    expect(problemMessage(problem!, 'en')).toMatch(/the confirmation does not carry the hash/);
  });

  it('A13: a confirms.recordHash edited in the export fails: the hash, the receipt and the link', async () => {
    const lines = await heldAndConfirmed();
    const line = JSON.parse(lines[2]!) as { record: ConfirmationRecord };
    line.record.confirms.recordHash = 'e'.repeat(64);
    const report = await verifyLog(
      [lines[0]!, lines[1]!, JSON.stringify(line)],
      ring.jwks(),
      options,
    );
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code).sort()).toEqual(
      ['log.confirmsMismatch', 'log.receiptMismatch', 'record.hashMismatch'].sort(),
    );
  });
});
