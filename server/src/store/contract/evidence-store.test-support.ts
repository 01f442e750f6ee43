// The EvidenceStore contract (A19): files stored once per tenant and hash, within the tenant's
// quota, read back byte for byte, deleted by retention.
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { appendCapture, phone } from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const AT = '2026-03-02T09:30:00.000Z';

function put(tenantId: string, text: string, quotaBytes = 1_000_000) {
  const bytes = bytesOf(text);
  return {
    tenantId,
    sha256: sha(bytes),
    mediaType: 'application/pdf',
    bytes,
    storedAt: AT,
    quotaBytes,
  };
}

export function describeEvidenceContract(store: StoreGetter) {
  it('A19: stores a file once per tenant and hash and reads it back byte for byte', async () => {
    const file = put('kitabevi', '%PDF-1.7 imzalı form');
    const first = await store().putEvidenceFile(file);
    expect(first).toEqual({
      kind: 'stored',
      file: {
        tenantId: 'kitabevi',
        sha256: file.sha256,
        mediaType: 'application/pdf',
        size: file.bytes.byteLength,
        storedAt: AT,
      },
    });
    const again = await store().putEvidenceFile({ ...file, storedAt: '2026-03-03T00:00:00.000Z' });
    expect(again).toEqual({ ...first, kind: 'existing' });
    const read = await store().evidenceFile('kitabevi', file.sha256);
    expect(Buffer.from(read!.bytes).toString('utf8')).toBe('%PDF-1.7 imzalı form');
    expect(await store().evidenceFile('another-tenant', file.sha256)).toBeUndefined();
    const meta = await store().evidenceFilesMeta('kitabevi', [file.sha256, 'f'.repeat(64)]);
    expect([...meta.keys()]).toEqual([file.sha256]);
  });

  it('refuses a file that would pass the tenant’s quota, counting only that tenant', async () => {
    await store().putEvidenceFile(put('a', '0123456789'));
    await store().putEvidenceFile(put('b', 'abcdefghijklmnopqrstuvwxyz'));
    expect(await store().evidenceUsage('a')).toBe(10);
    expect(await store().putEvidenceFile(put('a', '0123456', 16))).toEqual({
      kind: 'quota',
      usedBytes: 10,
    });
    expect((await store().putEvidenceFile(put('a', '012345', 16))).kind).toBe('stored');
    expect(await store().evidenceUsage('a')).toBe(16);
  });

  it('A14: deletes the tenant’s files named, and only those', async () => {
    const one = put('kitabevi', 'one');
    const two = put('kitabevi', 'two');
    const other = put('other', 'one');
    for (const f of [one, two, other]) await store().putEvidenceFile(f);
    expect(await store().deleteEvidenceFiles('kitabevi', [one.sha256, 'f'.repeat(64)])).toBe(1);
    expect(await store().evidenceFile('kitabevi', one.sha256)).toBeUndefined();
    expect(await store().evidenceFile('kitabevi', two.sha256)).toBeDefined();
    expect(await store().evidenceFile('other', other.sha256)).toBeDefined();
    expect(await store().evidenceUsage('kitabevi')).toBe(3);
  });

  it('A14: says which hashes a record not yet purged still names', async () => {
    const capture = await appendCapture(store(), { n: 1, phone: phone(1) });
    // Any hash the stored record's text holds counts, as a scan's hash in its evidence would.
    const named = capture.recordHash;
    const unused = 'f'.repeat(64);
    expect([...(await store().evidenceInUse([named, unused]))]).toEqual([named]);
  });
}
