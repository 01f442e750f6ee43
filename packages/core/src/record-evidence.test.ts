import { describe, expect, it } from 'vitest';
import { CaptureRecord, captureRecordHash, sealCaptureRecord } from './capture-record.js';
import type { UnsealedCaptureRecord } from './capture-record.js';
import { problemsOf } from './capture-record.test-support.js';
import { evidenceFiles } from './record-evidence.js';
import { EVIDENCE_FOR_SOURCE } from './evidence-for-source.js';
import type { RecordEvidence } from './record-evidence.js';
import { exampleUnsealedRecord } from './site-config.fixture.js';

const scan: RecordEvidence = {
  kind: 'scan',
  formId: 'F-2025-0001',
  files: [{ sha256: 'a'.repeat(64), mediaType: 'application/pdf', size: 1234 }],
};

// A paper form signed the day before it was keyed in.
const paper: UnsealedCaptureRecord = {
  ...exampleUnsealedRecord,
  kind: 'capture',
  source: 'HS_FIZIKSEL_ORTAM',
  consentDate: '2025-05-31 16:05:00',
  recordedBy: 'mağaza-kadıköy',
  evidence: scan,
} as UnsealedCaptureRecord;

describe('A19: a consent recorded from another source', () => {
  it('parses with its source, real consent date, recorder and evidence', async () => {
    const record = await sealCaptureRecord(paper);
    expect(CaptureRecord.parse(record)).toEqual(record);
  });

  it('leaves a widget capture’s hash unchanged (no new field is hashed when absent)', async () => {
    const withUndefined = { ...exampleUnsealedRecord, recordedBy: undefined, evidence: undefined };
    expect(await captureRecordHash(withUndefined as UnsealedCaptureRecord)).toBe(
      await captureRecordHash(exampleUnsealedRecord),
    );
  });

  it('needs the evidence kind its source calls for', async () => {
    for (const [source, kind] of Object.entries(EVIDENCE_FOR_SOURCE)) {
      const wrong =
        kind === 'scan' ? { kind: 'reply', messageId: 'm', replySha256: 'b'.repeat(64) } : scan;
      const record = await sealCaptureRecord({
        ...paper,
        source,
        evidence: wrong,
      } as UnsealedCaptureRecord);
      expect(problemsOf(record), source).toEqual([
        expect.objectContaining({ code: 'record.evidence', path: ['evidence'] }),
      ]);
    }
  });

  it('refuses a consent time after the record was received', async () => {
    const record = await sealCaptureRecord({ ...paper, consentDate: '2025-06-01 14:30:01' });
    expect(problemsOf(record)).toEqual([
      expect.objectContaining({ code: 'record.consentDateFuture', path: ['consentDate'] }),
    ]);
  });

  it('A17: a capture without a recorder is HS_WEB and carries no evidence', async () => {
    const { recordedBy: _r, ...unrecorded } = paper as UnsealedCaptureRecord & {
      recordedBy: string;
    };
    const record = await sealCaptureRecord(unrecorded as UnsealedCaptureRecord);
    const codes = problemsOf(record).map((p) => `${p.code} ${p.path.join('.')}`);
    expect(codes).toContain('record.source source');
    expect(codes).toContain('record.source evidence');
  });

  it('lists the files a record names', () => {
    expect(evidenceFiles(scan)).toHaveLength(1);
    expect(evidenceFiles({ kind: 'reply', messageId: 'x', replySha256: 'c'.repeat(64) })).toEqual(
      [],
    );
    expect(evidenceFiles(undefined)).toEqual([]);
  });
});
