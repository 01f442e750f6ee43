import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, sealCaptureRecord } from './capture-record.js';
import type { CaptureRecord, UnsealedCaptureRecord } from './capture-record.js';
import { checkCaptureChain } from './capture-record-chain.js';
import { formatIysDate } from './iys-date.js';
import { problemMessage } from './problem.js';

const SHA = 'ab'.repeat(32);

/** A chain of `n` minimal records of one site, each linked to the one before. */
async function chain(n: number): Promise<CaptureRecord[]> {
  const records: CaptureRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const receivedAt = new Date(Date.UTC(2025, 5, 1, 9, 0, seq)).toISOString();
    const unsealed: UnsealedCaptureRecord = {
      kind: 'capture',
      captureId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      siteKey: 'ornek-kitabevi-demo-0001',
      seq,
      receivedAt,
      consentDate: formatIysDate(new Date(receivedAt)),
      origin: 'https://www.ornekkitabevi.com.tr',
      locale: 'tr',
      recipientType: 'BIREYSEL',
      source: 'HS_WEB',
      person: { fullName: 'Ayşe Yılmaz', email: `kisi${seq}@ornek.com.tr` },
      channels: [{ type: 'EPOSTA', checked: true, status: 'ONAY' }],
      purposes: [],
      notices: [
        { id: 'kvkk-aydinlatma', version: 1, locale: 'tr', kind: 'aydinlatma', sha256: SHA },
      ],
      widgetVersion: '1.0.0',
      prevHash,
    };
    const record = await sealCaptureRecord(unsealed);
    records.push(record);
    prevHash = record.recordHash;
  }
  return records;
}

describe('checkCaptureChain', () => {
  it('A13: accepts an untouched chain from the genesis', async () => {
    expect(await checkCaptureChain(await chain(4))).toEqual([]);
    expect(await checkCaptureChain([])).toEqual([]);
  });

  it('A13: accepts a segment that starts after a checkpoint', async () => {
    const records = await chain(4);
    const start = { seq: 2, hash: records[1]!.recordHash };
    expect(await checkCaptureChain(records.slice(2), start)).toEqual([]);
  });

  it('A13: catches a deleted record at the record after the gap', async () => {
    const records = await chain(4);
    records.splice(1, 1);
    const problems = await checkCaptureChain(records);
    expect(problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['chain.seqGap', '1.seq'],
      ['chain.broken', '1.prevHash'],
    ]);
    expect(problems[0]).toMatchObject({ received: '3', params: { expectedSeq: 2 } });
    expect(problemMessage(problems[0]!, 'tr')).toContain('beklenen sıra 2');
  });

  it('A13: catches reordered records', async () => {
    const records = await chain(3);
    const problems = await checkCaptureChain([records[0]!, records[2]!, records[1]!]);
    expect(problems.map((p) => p.code)).toContain('chain.broken');
  });

  it('A13: catches an edited record, even when its hash was recomputed', async () => {
    const records = await chain(3);
    const edited = await sealCaptureRecord({
      ...records[1]!,
      person: { fullName: 'Başka Biri', email: 'x@ornek.com.tr' },
    });
    const inPlace = [records[0]!, { ...records[1]!, person: edited.person }, records[2]!];
    expect((await checkCaptureChain(inPlace)).map((p) => [p.code, p.path.join('.')])).toEqual([
      ['record.hashMismatch', '1.recordHash'],
    ]);
    const resealed = [records[0]!, edited, records[2]!];
    expect((await checkCaptureChain(resealed)).map((p) => [p.code, p.path.join('.')])).toEqual([
      ['chain.broken', '2.prevHash'],
    ]);
  });

  it('refuses a record of another site in the chain', async () => {
    const records = await chain(2);
    const foreign = await sealCaptureRecord({ ...records[1]!, siteKey: 'baska-site-anahtari-01' });
    const problems = await checkCaptureChain([records[0]!, foreign]);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'chain.otherSite', path: [1, 'siteKey'] }),
    ]);
  });
});
