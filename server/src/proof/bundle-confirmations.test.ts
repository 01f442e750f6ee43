// A confirmation record in an evidence bundle proves who confirmed a held permission only beside
// the capture it names: `izinli verify bundle` checks its receipt like the others, that its
// confirms.recordHash is that capture's, and that its destinationSha256 is that capture's address
// (docs/verification.md#in-the-console-and-the-evidence-bundle).
import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureRecordHash, isCaptureRecord } from '@izinli/core';
import type { CaptureRecord, ConfirmationRecord } from '@izinli/core';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { describe, expect, it } from 'vitest';
import { izinliInProcess } from '../cli/cli-run.test-support.js';
import { harnessPerTest, postCapture, validCapture } from '../http/app-harness.test-support.js';
import type { Harness } from '../http/app-harness.test-support.js';
import { verifyBundle } from './bundle-verify.js';
import { signReceipt } from './receipt.js';

let h: Harness;
const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };
harnessPerTest((made) => (h = made), { now: () => new Date('2026-11-26T09:15:30.000Z') });

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Entry {
  captureId: string;
  siteKey: string;
  seq: number;
  prevHash: string;
  recordHash: string;
  record?: unknown;
  receipt?: string;
}
type Bundle = Record<string, unknown> & { records: Entry[] };

async function entryOf<R extends CaptureRecord | ConfirmationRecord>(record: R): Promise<Entry> {
  const { recordHash: _old, ...rest } = record;
  const sealed = { ...rest, recordHash: await captureRecordHash(rest as R) } as R;
  return {
    captureId: sealed.captureId,
    siteKey: sealed.siteKey,
    seq: sealed.seq,
    prevHash: sealed.prevHash,
    recordHash: sealed.recordHash,
    record: sealed,
    receipt: await signReceipt(h.ring, sealed),
  };
}

/**
 * A bundle with a capture holding MESAJ (code) and a confirmation of it, both signed by the server's
 * key; `change` alters the confirmation before it is sealed and signed.
 */
async function confirmedBundle(
  change: (c: ConfirmationRecord) => ConfirmationRecord = (c) => c,
): Promise<Bundle> {
  expect((await postCapture(h.app, validCapture())).status).toBe(201);
  const response = await h.app.request(
    `/v1/admin/recipients/evidence?phone=${encodeURIComponent('+905321234567')}`,
    { headers: auth },
  );
  const bundle = (await response.json()) as Bundle;
  const stored = bundle.records[0]!.record as CaptureRecord;
  if (!isCaptureRecord(stored)) throw new Error('a capture was expected');
  const held: CaptureRecord = {
    ...stored,
    channels: stored.channels.map((c) =>
      c.type === 'MESAJ' ? { type: 'MESAJ', checked: true, verify: 'code' } : c,
    ),
  };
  const capture = await entryOf(held);
  const confirmation: ConfirmationRecord = {
    kind: 'confirmation',
    captureId: randomUUID(),
    siteKey: held.siteKey,
    seq: held.seq + 1,
    receivedAt: '2026-11-26T09:16:00.000Z',
    consentDate: '2026-11-26 12:16:00',
    confirms: { captureId: capture.captureId, recordHash: capture.recordHash },
    channels: [{ type: 'MESAJ', status: 'ONAY' }],
    method: 'code',
    destinationSha256: sha256(held.person.phone!),
    sentAt: '2026-11-26T09:15:10.000Z',
    confirmedAt: '2026-11-26T09:15:50.000Z',
    attempts: 1,
    prevHash: capture.recordHash,
    recordHash: '',
  };
  return { ...bundle, records: [capture, await entryOf(change(confirmation))] };
}

const codesOf = async (bundle: Bundle) => {
  const report = await verifyBundle(bundle, h.ring.jwks());
  return { report, codes: report.records.flatMap((r) => r.problems.map((p) => p.code)) };
};

describe('confirmation records in an evidence bundle', () => {
  it('verify beside the capture they confirm', async () => {
    const { report, codes } = await codesOf(await confirmedBundle());
    expect(codes).toEqual([]);
    expect(report.records.map((r) => [r.status, r.record?.kind])).toEqual([
      ['verified', 'capture'],
      ['verified', 'confirmation'],
    ]);
    expect(report.ok).toBe(true);
  });

  it('fail when confirms.recordHash is not the capture’s (the capture was altered, or another one)', async () => {
    const bundle = await confirmedBundle((c) => ({
      ...c,
      confirms: { ...c.confirms, recordHash: sha256('another record') },
    }));
    const { report, codes } = await codesOf(bundle);
    expect(codes).toEqual(['bundle.confirmationHashMismatch']);
    expect(report.records[1]!.status).toBe('failed');
    expect(report.ok).toBe(false);
  });

  it('fail when the code went to another address than the capture’s phone', async () => {
    const bundle = await confirmedBundle((c) => ({
      ...c,
      destinationSha256: sha256('+905329999999'),
    }));
    const { report, codes } = await codesOf(bundle);
    expect(codes).toEqual(['bundle.confirmationAddressMismatch']);
    const problem = report.records[1]!.problems[0]!;
    expect(problem.expected.en).toContain(sha256('+905321234567'));
    expect(problem.expected.tr).toContain('telefon numarasının SHA-256 özeti');
  });

  it('fail when they release a channel the capture did not hold, or name a capture not in the bundle', async () => {
    const widened = await confirmedBundle((c) => ({
      ...c,
      channels: [
        { type: 'MESAJ', status: 'ONAY' },
        { type: 'EPOSTA', status: 'ONAY' },
      ],
    }));
    expect((await codesOf(widened)).codes).toEqual([
      'bundle.confirmationNotHeld',
      'bundle.confirmationAddressMismatch',
    ]);
    const alone = await confirmedBundle();
    expect((await codesOf({ ...alone, records: [alone.records[1]!] })).codes).toEqual([
      'bundle.confirmationWithoutCapture',
    ]);
  });

  it('A13: `izinli verify bundle` passes a confirmed bundle and names a tampered confirmation', async () => {
    const good = join(h.dir, 'confirmed.json');
    writeFileSync(good, JSON.stringify(await confirmedBundle()));
    const passed = await izinliInProcess(['verify', 'bundle', good]);
    expect(passed.stdout).toContain('confirmation of');
    expect(passed.stdout).toContain('bundle verified: 2 of 2 record(s) verified');
    expect(passed.code).toBe(0);

    const bad = join(h.dir, 'moved.json');
    const moved = await confirmedBundle((c) => ({ ...c, destinationSha256: sha256('x') }));
    writeFileSync(bad, JSON.stringify(moved));
    const failed = await izinliInProcess(['verify', 'bundle', bad, '--lang', 'en']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('record 2');
    expect(failed.stdout).toContain('NOT verified');
    expect(failed.stdout).toContain('phone number, for the channels it releases');
    expect(failed.stdout).toContain('bundle NOT verified');
  });
});
