import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CaptureRecord,
  IysDayRecord,
  chainRecordSchema,
  captureRecordHash,
  captureRecordHashWith,
  checkCaptureRecordHash,
  sealCaptureRecord,
} from './capture-record.js';
import type { UnsealedCaptureRecord } from './capture-record.js';
import { canonicalJson } from './canonical-json.js';
import { formatIysDate } from './iys-date.js';
import { problemMessage } from './problem.js';
import { problemsOf } from './capture-record.test-support.js';
import { sha256Hex } from './sha256.js';
import { exampleIysDay, exampleUnsealedRecord } from './site-config.fixture.js';

const unsealed: UnsealedCaptureRecord = exampleUnsealedRecord;

describe('CaptureRecord', () => {
  it('parses a sealed record', async () => {
    const record = await sealCaptureRecord(unsealed);
    expect(CaptureRecord.parse(record)).toEqual(record);
  });

  it('A17: a capture record carries its recipient type and the source HS_WEB', async () => {
    const record = await sealCaptureRecord(unsealed);
    const [problem] = problemsOf({ ...record, source: 'HS_MOBIL' });
    expect(problem).toMatchObject({ path: ['source'], received: '"HS_MOBIL"' });
    expect(problem!.expected.en).toContain('HS_WEB');
    const { recipientType: _dropped, ...withoutType } = record;
    expect(problemsOf(withoutType)[0]!.path).toEqual(['recipientType']);
  });

  it('A9: consentDate is the receive time in İYS format, Turkey time', async () => {
    const record = await sealCaptureRecord(unsealed);
    expect(record.consentDate).toBe(formatIysDate(new Date(record.receivedAt)));
    const [utcDate] = problemsOf({ ...record, consentDate: '2025-06-01 11:30:00' });
    expect(utcDate).toMatchObject({
      code: 'record.consentDate',
      path: ['consentDate'],
      received: '"2025-06-01 11:30:00"',
      params: { rule: 'A9', expected: '2025-06-01 14:30:00' },
    });
    expect(problemMessage(utcDate!, 'tr')).toContain('Türkiye saatiyle');
    const [iso] = problemsOf({ ...record, consentDate: '2025-06-01T14:30:00+03:00' });
    expect(iso).toMatchObject({ code: 'iysDate.format', path: ['consentDate'] });
  });

  it.each([
    {
      title: 'keeps receivedAt in UTC only',
      field: 'receivedAt',
      value: '2025-06-01T14:30:00+03:00',
      expected: 'an ISO 8601 UTC date-time ending in Z',
    },
    {
      title: 'refuses a page URL with a query, which may carry personal data',
      field: 'pageUrl',
      value: 'https://ornek.com.tr/kayit?email=a@b.co',
      expected: 'a page URL without query or fragment',
    },
  ])('$title', async ({ field, value, expected }) => {
    const record = await sealCaptureRecord(unsealed);
    const [problem] = problemsOf({ ...record, [field]: value });
    expect(problem).toMatchObject({ path: [field], expected: { en: expected } });
  });

  it('B10: holds no IP or user agent when the site keeps none', async () => {
    const { ip: _ip, userAgent: _ua, ...none } = unsealed;
    expect(CaptureRecord.safeParse(await sealCaptureRecord(none)).success).toBe(true);
    const [problem] = problemsOf({ ...(await sealCaptureRecord(unsealed)), ip: '203.0.113.x' });
    expect(problem!.path).toEqual(['ip']);
  });

  it('A3: a ticked channel needs the address it covers and the name', async () => {
    const record = await sealCaptureRecord(unsealed);
    const problems = problemsOf({ ...record, person: { phone: '+905321234567' } });
    expect(problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['record.addressMissing', 'person.email'],
      ['record.nameMissing', 'person.fullName'],
    ]);
  });

  it('A3: stores addresses only in normalised form (E.164, lower-case e-mail)', async () => {
    const record = await sealCaptureRecord(unsealed);
    const problems = problemsOf({
      ...record,
      person: { ...record.person, phone: '0532 123 45 67', email: 'Ayse@Ornek.com.tr' },
    });
    expect(problems.map((p) => p.path.join('.'))).toEqual(['person.phone', 'person.email']);
    expect(problems[1]!.code).toBe('recipient.notNormalised');
  });

  it('refuses a status that contradicts the box', async () => {
    const record = await sealCaptureRecord(unsealed);
    const input = { ...record, channels: [{ type: 'MESAJ', checked: true, status: 'RET' }] };
    expect(problemsOf(input)[0]!.path).toEqual(['channels', 0, 'status']);
  });

  it('refuses a channel or purpose listed twice', async () => {
    const record = await sealCaptureRecord(unsealed);
    const problems = problemsOf({
      ...record,
      channels: [record.channels[0], record.channels[0]],
      purposes: [record.purposes[0], record.purposes[0]],
    });
    expect(problems.map((p) => p.path.join('.'))).toEqual(['channels.1.type', 'purposes.1.id']);
  });

  it('B2: a capture record names the notices shown', async () => {
    const record = await sealCaptureRecord(unsealed);
    const [problem] = problemsOf({ ...record, notices: [] });
    expect(problem).toMatchObject({ code: 'record.noNotices', params: { rule: 'B2' } });
  });
});

describe('withdrawal records', () => {
  const withdrawal: UnsealedCaptureRecord = {
    ...unsealed,
    kind: 'withdrawal',
    source: 'HS_EPOSTA',
    seq: 2,
    person: { email: 'ayse@ornek.com.tr' },
    channels: [{ type: 'EPOSTA', checked: false, status: 'RET' }],
    purposes: [{ ...unsealed.purposes[0]!, granted: false }],
    notices: [],
  };

  it('B7: a withdrawal unticks channels and withdraws purposes, from any provider source', async () => {
    expect(CaptureRecord.safeParse(await sealCaptureRecord(withdrawal)).success).toBe(true);
  });

  it('B7: a withdrawal never grants anything', async () => {
    const record = await sealCaptureRecord({
      ...withdrawal,
      person: { fullName: 'Ayşe Yılmaz', email: 'ayse@ornek.com.tr' },
      channels: [{ type: 'EPOSTA', checked: true, status: 'ONAY' }],
      purposes: [unsealed.purposes[0]!],
    });
    const problems = problemsOf(record);
    expect(problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['record.withdrawalGrants', 'channels.0.checked'],
      ['record.withdrawalGrants', 'purposes.0.granted'],
    ]);
  });

  it('a RET needs the address it withdraws', async () => {
    const record = await sealCaptureRecord({ ...withdrawal, person: {} });
    expect(problemsOf(record)[0]).toMatchObject({
      code: 'record.addressMissing',
      path: ['person', 'email'],
    });
  });
});

describe('captureRecordHash', () => {
  it('is the SHA-256 of the canonical JSON of the record without recordHash', async () => {
    const record = await sealCaptureRecord(unsealed);
    expect(record.recordHash).toBe(await sha256Hex(canonicalJson(unsealed)));
    expect(await captureRecordHash(record)).toBe(record.recordHash);
  });

  it('ignores key order and absent optional fields, but covers seq and prevHash', async () => {
    const reordered = Object.fromEntries(
      Object.entries(unsealed).reverse(),
    ) as UnsealedCaptureRecord;
    const hash = await captureRecordHash(unsealed);
    expect(await captureRecordHash(reordered)).toBe(hash);
    expect(await captureRecordHash({ ...unsealed, capturedAt: undefined })).toBe(hash);
    expect(await captureRecordHash({ ...unsealed, seq: 2 })).not.toBe(hash);
    expect(await captureRecordHash({ ...unsealed, prevHash: 'f'.repeat(64) })).not.toBe(hash);
  });

  it('A13: any edit to a stored record is caught', async () => {
    const record = await sealCaptureRecord(unsealed);
    const edits = fc.constantFrom<(r: CaptureRecord) => CaptureRecord>(
      (r) => ({ ...r, consentDate: '2025-06-01 14:30:01' }),
      (r) => ({ ...r, person: { ...r.person, phone: '+905321234568' } }),
      (r) => ({ ...r, channels: r.channels.map((c) => ({ ...c, checked: !c.checked })) }),
      (r) => ({ ...r, purposes: [] }),
      (r) => ({ ...r, notices: r.notices.slice(1) }),
      (r) => ({ ...r, ip: '203.0.113.7' }),
    );
    await fc.assert(
      fc.asyncProperty(edits, async (edit) => {
        const result = await checkCaptureRecordHash(edit(record), [4]);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error).toMatchObject({
            code: 'record.hashMismatch',
            path: [4, 'recordHash'],
            params: { rule: 'A13', seq: 1 },
          });
        }
      }),
    );
    expect((await checkCaptureRecordHash(record)).ok).toBe(true);
  });
});

describe('captureRecordHashWith', () => {
  it('gives the same hash as captureRecordHash with a caller’s synchronous SHA-256', async () => {
    const { createHash } = await import('node:crypto');
    const sync = (text: string) => createHash('sha256').update(text).digest('hex');
    const sealed = await sealCaptureRecord(unsealed);
    expect(captureRecordHashWith(unsealed, sync)).toBe(sealed.recordHash);
    expect(captureRecordHashWith(sealed, sync)).toBe(await captureRecordHash(sealed));
    const edited = { ...unsealed, origin: 'https://baska.example' };
    expect(captureRecordHashWith(edited, sync)).not.toBe(sealed.recordHash);
  });
});

describe('IysDayRecord (a reconciled İYS day in the chain)', () => {
  const day = {
    ...exampleIysDay,
    captureId: '0b7e8f2a-1c3d-8e4f-9a6b-2c1d0e9f8a7b',
    siteKey: 'kitapci-ornek-sitesi',
    seq: 4,
    receivedAt: '2026-01-02T00:00:00.000Z',
    prevHash: 'd'.repeat(64),
  };

  it('A13: seals, chains and checks like any record, by its own schema', async () => {
    const sealed = { ...day, recordHash: await captureRecordHash(day) };
    expect(chainRecordSchema(sealed)).toBe(IysDayRecord);
    expect(IysDayRecord.safeParse(sealed).success).toBe(true);
    expect((await checkCaptureRecordHash(sealed)).ok).toBe(true);
    const altered = { ...sealed, timestampSha256: 'e'.repeat(64) };
    expect((await checkCaptureRecordHash(altered)).ok).toBe(false);
  });

  it('holds no person: a field of a capture is refused', async () => {
    const sealed = { ...day, recordHash: await captureRecordHash(day) };
    expect(IysDayRecord.safeParse({ ...sealed, person: { phone: '+905321234567' } }).success).toBe(
      false,
    );
    expect(IysDayRecord.safeParse({ ...sealed, agreementHash: 'b'.repeat(64) }).success).toBe(
      false,
    );
    // Any other kind is checked as a capture or withdrawal.
    expect(chainRecordSchema({ kind: 'capture' })).toBe(CaptureRecord);
  });
});
