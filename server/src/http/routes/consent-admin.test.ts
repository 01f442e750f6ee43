// The admin API's consents from every source (A19) and their evidence files.
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCaptureChain } from '@izinli/core';
import type { CaptureRecord } from '@izinli/core';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { verifyReceipt } from '../../proof/index.js';
import {
  jpegScan,
  pdfScan,
  pngScan,
  wavRecording,
  evidenceUploads,
} from '../../evidence/evidence-files.test-support.js';
import type { ApiErrorBody } from '../api-error.js';
import { TWO_TENANTS, harnessPerTest } from '../app-harness.test-support.js';
import type { Harness } from '../app-harness.test-support.js';

const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

let h: Harness;
// Thursday 2026-11-26 12:15:30 Turkey time.
const NOW = new Date('2026-11-26T09:15:30.000Z');
harnessPerTest((made) => (h = made), { config: TWO_TENANTS, now: () => NOW });

const { record, upload, uploaded } = evidenceUploads(() => h);

interface Recorded {
  captureId: string;
  seq: number;
  recordHash: string;
  receipt: string;
  movements: {
    type: string;
    status: string;
    consentDate: string;
    source: string;
    deadline: string;
  }[];
  window: { iysDeadline: string; iysDeadlineLocal: string; deadline: string };
}

async function recordOf(receipt: string): Promise<CaptureRecord> {
  const verified = await verifyReceipt(receipt, h.ring.jwks());
  if (!verified.ok) throw new Error(JSON.stringify(verified.error));
  return verified.value as CaptureRecord;
}

const base = (overrides: Record<string, unknown>) => ({
  siteKey: EXAMPLE_SITE_KEY,
  consentDate: '2026-11-25 16:40:00',
  recipient: { fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67', email: 'Ayse@Ornek.com.tr' },
  channels: [
    { type: 'MESAJ', status: 'ONAY' },
    { type: 'EPOSTA', status: 'ONAY' },
  ],
  purposes: [{ id: 'kitap-onerileri', granted: true }],
  ...overrides,
});

describe('POST /v1/admin/consents', () => {
  it('A19: a paper form is recorded with its source, real consent time, recorder and scan hash; signed and chained', async () => {
    const scan = pdfScan();
    const sha256 = await uploaded(scan);
    expect(sha256).toBe(createHash('sha256').update(scan).digest('hex'));
    const response = await record(
      base({
        source: 'HS_FIZIKSEL_ORTAM',
        evidence: { kind: 'scan', formId: 'F-0042', files: [sha256] },
      }),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as Recorded;
    const signed = await recordOf(body.receipt);
    expect(signed).toMatchObject({
      kind: 'capture',
      source: 'HS_FIZIKSEL_ORTAM',
      consentDate: '2026-11-25 16:40:00',
      receivedAt: NOW.toISOString(),
      recordedBy: 'hukuk',
      origin: 'admin-api:ornek-kitabevi',
      evidence: {
        kind: 'scan',
        formId: 'F-0042',
        files: [{ sha256, mediaType: 'application/pdf', size: scan.byteLength }],
      },
    });
    expect(body.movements.map((m) => [m.type, m.status, m.source, m.consentDate])).toEqual([
      ['MESAJ', 'ONAY', 'HS_FIZIKSEL_ORTAM', '2026-11-25 16:40:00'],
      ['EPOSTA', 'ONAY', 'HS_FIZIKSEL_ORTAM', '2026-11-25 16:40:00'],
    ]);
    // A8 counts from the consent (Wednesday), not from when it was keyed in: 3 business days.
    expect(body.movements[0]!.deadline).toBe('2026-11-28T21:00:00.000Z');
    expect(body.window).toEqual({
      iysDeadline: '2026-11-30T21:00:00.000Z',
      iysDeadlineLocal: '2026-11-30 23:59:59',
      deadline: '2026-11-28T21:00:00.000Z',
    });
    const chain = [];
    for await (const c of h.store.chain(EXAMPLE_SITE_KEY)) chain.push(c.record!);
    expect(chain.map((r) => r.recordHash)).toEqual([body.recordHash]);
    expect(await checkCaptureChain(chain)).toEqual([]);
    const timeline = await h.app.request(
      `/v1/admin/recipients/timeline?phone=${encodeURIComponent('+905321234567')}`,
      { headers: auth },
    );
    const { events: shown } = (await timeline.json()) as { events: Record<string, unknown>[] };
    expect(shown).toEqual([
      expect.objectContaining({
        captureId: body.captureId,
        source: 'HS_FIZIKSEL_ORTAM',
        consentDate: '2026-11-25 16:40:00',
        recordedBy: 'hukuk',
        evidence: expect.objectContaining({ kind: 'scan', formId: 'F-0042' }),
      }),
    ]);
    const events = await h.store.webhookEvents(EXAMPLE_SITE_KEY);
    expect(
      events.map((e) => [e.type, (e.payload as { captureId: string }).captureId]),
    ).toContainEqual(['capture.recorded', body.captureId]);
  });

  it.each([
    ['HS_ISLAK_IMZA', 'scan', jpegScan],
    ['HS_ETKINLIK', 'scan', pngScan],
  ] as const)('A19: %s is recorded with its %s', async (source, kind, file) => {
    const sha256 = await uploaded(file(source));
    const response = await record(base({ source, evidence: { kind, files: [sha256] } }));
    expect(response.status).toBe(201);
    const signed = await recordOf(((await response.json()) as Recorded).receipt);
    expect(signed.source).toBe(source);
    expect(signed.kind === 'capture' && signed.evidence).toMatchObject({
      kind,
      files: [{ sha256 }],
    });
  });

  it('A19: a call centre consent carries the call, the agent, the recording reference and file', async () => {
    const recording = await uploaded(wavRecording());
    const response = await record(
      base({
        source: 'HS_CAGRI_MERKEZI',
        channels: [{ type: 'ARAMA', status: 'ONAY' }],
        evidence: {
          kind: 'call',
          callId: 'C-7781',
          agentId: 'ajan-12',
          recordingRef: 'pbx://2026/11/25/7781',
          recording,
        },
      }),
    );
    expect(response.status).toBe(201);
    const signed = await recordOf(((await response.json()) as Recorded).receipt);
    expect(signed.kind === 'capture' && signed.evidence).toEqual({
      kind: 'call',
      callId: 'C-7781',
      agentId: 'ajan-12',
      recordingRef: 'pbx://2026/11/25/7781',
      recording: { sha256: recording, mediaType: 'audio/wav', size: wavRecording().byteLength },
    });
  });

  it.each(['HS_EPOSTA', 'HS_MESAJ'] as const)(
    'A19: a %s reply carries the message id and the reply text’s hash, never the text',
    async (source) => {
      const replyText = 'EVET, kampanyalardan haberdar olmak istiyorum';
      const response = await record(
        base({ source, evidence: { kind: 'reply', messageId: '<m-1@ornek>', replyText } }),
      );
      expect(response.status).toBe(201);
      const signed = await recordOf(((await response.json()) as Recorded).receipt);
      expect(signed.kind === 'capture' && signed.evidence).toEqual({
        kind: 'reply',
        messageId: '<m-1@ornek>',
        replySha256: createHash('sha256').update(replyText, 'utf8').digest('hex'),
      });
      expect(JSON.stringify(signed)).not.toContain('kampanyalardan');
    },
  );

  it('replays an identical body with its id, and refuses another body under that id', async () => {
    const id = randomUUID();
    const body = base({
      id,
      source: 'HS_EORTAM',
      evidence: { kind: 'reference', reference: 'CRM-99' },
    });
    expect((await record(body)).status).toBe(201);
    expect((await record(body)).status).toBe(200);
    const conflict = await record({ ...body, consentDate: '2026-11-25 16:41:00' });
    expect(conflict.status).toBe(409);
  });

  it('A19: refuses a consent time in the future (H162), past İYS’s window (H467) HS_2015 off its date (H155) and an ONAY from HS_KARAR (H408)', async () => {
    const evidence = { kind: 'reference', reference: 'CRM-1' };
    const cases = [
      ['2026-11-26 12:15:31', 'HS_EORTAM', 'H162'],
      // Friday 20th: 3 business days ended Wednesday 25th 23:59:59 Turkey time.
      ['2026-11-20 10:00:00', 'HS_EORTAM', 'H467'],
      ['2020-01-01 00:00:00', 'HS_2015', 'H155'],
    ] as const;
    for (const [consentDate, source, iys] of cases) {
      const response = await record(base({ consentDate, source, evidence }));
      expect(response.status, iys).toBe(422);
      const { error } = (await response.json()) as ApiErrorBody;
      expect(error.issues).toEqual([
        expect.objectContaining({ code: 'consent.date', path: 'consentDate' }),
      ]);
      expect(error.issues![0]!.expected).toContain(iys);
    }
    const late = await record(
      base({ consentDate: '2026-11-20 10:00:00', source: 'HS_EORTAM', evidence }),
    );
    expect(((await late.json()) as ApiErrorBody).error.issues![0]!.expected).toContain(
      '2026-11-25 23:59:59',
    );
    expect(
      (await record(base({ consentDate: '2015-05-01 00:00:00', source: 'HS_2015', evidence })))
        .status,
    ).toBe(201);
    const karar = await record(base({ source: 'HS_KARAR', evidence }));
    expect(karar.status).toBe(422);
    expect(((await karar.json()) as ApiErrorBody).error.issues![0]).toMatchObject({
      code: 'consent.karar',
    });
    expect((await h.store.listCaptures({})).items).toHaveLength(1);
  });

  it('A19: refuses evidence of another kind than the source calls for, and a file the tenant never uploaded', async () => {
    const wrongKind = await record(
      base({ source: 'HS_CAGRI_MERKEZI', evidence: { kind: 'reference', reference: 'x' } }),
    );
    expect(wrongKind.status).toBe(422);
    expect(((await wrongKind.json()) as ApiErrorBody).error.issues![0]).toMatchObject({
      code: 'consent.evidenceKind',
      path: 'evidence.kind',
    });
    const missing = await record(
      base({ source: 'HS_ISLAK_IMZA', evidence: { kind: 'scan', files: ['a'.repeat(64)] } }),
    );
    expect(((await missing.json()) as ApiErrorBody).error.issues![0]).toMatchObject({
      code: 'consent.evidenceFile',
      path: 'evidence.files[0]',
    });
    // Another tenant's upload is not this tenant's file.
    const theirs = await upload(pdfScan('theirs'), {
      Authorization: 'Bearer baska-kiracinin-anahtari-0002',
    });
    const { sha256 } = (await theirs.json()) as { sha256: string };
    const other = await record(
      base({ source: 'HS_ISLAK_IMZA', evidence: { kind: 'scan', files: [sha256] } }),
    );
    expect(other.status).toBe(422);
  });
});
