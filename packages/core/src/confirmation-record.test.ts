// Verified consent in the records (docs/verification.md#records): a held box (`verify`, no status),
// the confirmation record that releases it, and the capture body naming the widget's codes.
import { describe, expect, it } from 'vitest';
import {
  CaptureRecord,
  captureRecordHash,
  chainRecordSchema,
  checkCaptureRecordHash,
  isCaptureRecord,
  sealCaptureRecord,
} from './capture-record.js';
import { Capture } from './capture.js';
import type { CaptureInput } from './capture.js';
import { ConfirmationRecord } from './confirmation-record.js';
import { problemsFromZod } from './problem.js';
import { exampleUnsealedRecord } from './site-config.fixture.js';

const heldChannels = [
  { type: 'MESAJ', checked: true, verify: 'code' },
  { type: 'ARAMA', checked: false },
  { type: 'EPOSTA', checked: true, status: 'ONAY' },
] as const;

async function held() {
  return sealCaptureRecord({ ...exampleUnsealedRecord, channels: [...heldChannels] });
}

async function confirmation(overrides: Partial<ConfirmationRecord> = {}) {
  const capture = await held();
  const unsealed = {
    kind: 'confirmation' as const,
    captureId: '5d8e8f7a-1b2c-8d3e-9f40-123456789abc',
    siteKey: capture.siteKey,
    seq: 2,
    receivedAt: '2025-06-01T11:31:00.000Z',
    consentDate: capture.consentDate,
    confirms: { captureId: capture.captureId, recordHash: capture.recordHash },
    channels: [{ type: 'MESAJ' as const, status: 'ONAY' as const }],
    method: 'code' as const,
    destinationSha256: 'c'.repeat(64),
    sentAt: '2025-06-01T11:29:00.000Z',
    confirmedAt: '2025-06-01T11:29:40.000Z',
    attempts: 1,
    ip: '203.0.113.0',
    userAgent: 'Mozilla/5.0',
    prevHash: capture.recordHash,
    ...overrides,
  };
  return { ...unsealed, recordHash: await captureRecordHash(unsealed) };
}

describe('held channels in a capture record', () => {
  it('a ticked box with verify and no status is valid', async () => {
    const record = await held();
    expect(CaptureRecord.parse(record)).toEqual(record);
  });

  it('refuses verify on an unticked box or beside a status, at channels[i].verify', async () => {
    const record = await held();
    for (const channel of [
      { type: 'MESAJ', checked: false, verify: 'code' },
      { type: 'MESAJ', checked: true, status: 'ONAY', verify: 'link' },
    ]) {
      const input = { ...record, channels: [channel, ...record.channels.slice(1)] };
      const parsed = CaptureRecord.safeParse(input);
      expect(parsed.success).toBe(false);
      const problems = parsed.success ? [] : problemsFromZod(parsed.error, input);
      expect(problems.map((p) => p.path)).toContainEqual(['channels', 0, 'verify']);
    }
    const input = { ...record, channels: [{ type: 'MESAJ', checked: true, verify: 'sms' }] };
    expect(CaptureRecord.safeParse(input).success).toBe(false);
  });
});

describe('ConfirmationRecord', () => {
  it('parses a sealed confirmation, is chosen by its kind, and hashes like every record', async () => {
    const record = await confirmation();
    expect(ConfirmationRecord.parse(record)).toEqual(record);
    expect(chainRecordSchema(record)).toBe(ConfirmationRecord);
    expect(isCaptureRecord(record)).toBe(false);
    expect((await checkCaptureRecordHash(record)).ok).toBe(true);
    const altered = { ...record, confirms: { ...record.confirms, recordHash: 'd'.repeat(64) } };
    expect((await checkCaptureRecordHash(altered)).ok).toBe(false);
  });

  it('keeps ip and user agent optional (a site whose IP policy is none)', async () => {
    const { ip: _ip, userAgent: _ua, ...rest } = await confirmation();
    expect(ConfirmationRecord.safeParse(rest).success).toBe(true);
  });

  it('refuses what a confirmation cannot be', async () => {
    const record = await confirmation();
    const refused = (change: Record<string, unknown>) =>
      ConfirmationRecord.safeParse({ ...record, ...change }).success;
    expect(refused({ channels: [] })).toBe(false);
    expect(refused({ channels: [{ type: 'MESAJ', status: 'RET' }] })).toBe(false);
    expect(refused({ method: 'none' })).toBe(false);
    expect(refused({ attempts: 11 })).toBe(false);
    expect(refused({ destinationSha256: 'not-a-hash' })).toBe(false);
    expect(refused({ consentDate: '2025-06-01T11:30:00Z' })).toBe(false);
    expect(refused({ confirms: { captureId: 'x', recordHash: record.prevHash } })).toBe(false);
    expect(refused({ person: { phone: '+905321234567' } })).toBe(false);
  });
});

describe('Capture.verifications', () => {
  const body: CaptureInput = {
    id: '0b6f1a7e-3c1d-4e8a-9f2b-5d6c7e8f9a0b',
    siteKey: exampleUnsealedRecord.siteKey,
    locale: 'tr',
    person: { fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67' },
    channels: { MESAJ: true },
    purposes: {},
    notices: [{ id: 'kvkk-aydinlatma', version: 2, sha256: 'a'.repeat(64) }],
    widgetVersion: '1.0.0',
  };

  it('takes up to three verification ids, or none', () => {
    expect(Capture.safeParse(body).success).toBe(true);
    const ids = ['6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', '7f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b'];
    expect(Capture.parse({ ...body, verifications: ids }).verifications).toEqual(ids);
  });

  it('refuses more than three, or an id that is not a UUID, at verifications', () => {
    const four = Array.from({ length: 4 }, (_, i) => `6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4${i}`);
    for (const verifications of [four, ['kod-123456']]) {
      const input = { ...body, verifications };
      const parsed = Capture.safeParse(input);
      expect(parsed.success).toBe(false);
      const problems = parsed.success ? [] : problemsFromZod(parsed.error, input);
      expect(problems[0]!.path[0]).toBe('verifications');
    }
  });
});
