// End to end over real HTTP: a consent from each source (A19), keyed in a day after it was given,
// reaches the İYS simulator with its own source and its real consentDate.
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import type { ProviderSource } from '@izinli/core';
import { describe, expect, it } from 'vitest';
import {
  jpegScan,
  pdfScan,
  pngScan,
  wavRecording,
  evidenceUploads,
} from '../evidence/evidence-files.test-support.js';
import { servedSimPerTest } from '../http/sim-harness.test-support.js';
import { verifyReceipt } from '../proof/index.js';
import type { CaptureRecord } from '@izinli/core';

describe('consents from every source → İYS, over HTTP', () => {
  const t = servedSimPerTest();

  // The admin API over HTTP, as the example tenant.
  const { record, uploaded: upload } = evidenceUploads(() => ({ app: t.http }));

  it('A19: each source is recorded, signed and delivered with its source and consentDate', async () => {
    const evidence: Record<string, () => Promise<unknown>> = {
      HS_FIZIKSEL_ORTAM: async () => ({ kind: 'scan', files: [await upload(pdfScan('fiziksel'))] }),
      HS_ISLAK_IMZA: async () => ({ kind: 'scan', files: [await upload(jpegScan('islak'))] }),
      HS_ETKINLIK: async () => ({ kind: 'scan', files: [await upload(pngScan('etkinlik'))] }),
      HS_CAGRI_MERKEZI: async () => ({
        kind: 'call',
        callId: 'C-1',
        agentId: 'ajan-7',
        recordingRef: 'pbx://C-1',
        recording: await upload(wavRecording('C-1')),
      }),
      HS_EPOSTA: () => Promise.resolve({ kind: 'reply', messageId: '<r@x>', replyText: 'EVET' }),
      HS_MESAJ: () => Promise.resolve({ kind: 'reply', messageId: 'sms-9', replyText: 'EVET' }),
      HS_EORTAM: () => Promise.resolve({ kind: 'reference', reference: 'CRM-5' }),
    };
    const recorded: { source: ProviderSource; phone: string; consentDate: string }[] = [];
    let n = 10;
    for (const [source, make] of Object.entries(evidence)) {
      n += 1;
      const phone = `+9053212345${n}`;
      // Given yesterday afternoon, keyed in this morning.
      const consentDate = `2026-11-25 15:${n}:00`;
      const response = await record({
        siteKey: EXAMPLE_SITE_KEY,
        source,
        consentDate,
        recipient: { fullName: 'Mehmet Öztürk', phone },
        channels: [{ type: 'MESAJ', status: 'ONAY' }],
        evidence: await make(),
      });
      expect(response.status, source).toBe(201);
      const { receipt } = (await response.json()) as { receipt: string };
      const verified = await verifyReceipt(receipt, t.h.ring.jwks());
      expect(verified.ok && (verified.value as CaptureRecord).source).toBe(source);
      recorded.push({ source: source as ProviderSource, phone, consentDate });
    }
    t.sim.advance(1000);
    const [report] = await t.deliver();
    expect(report).toMatchObject({ delivered: recorded.length, dead: 0 });
    for (const { source, phone, consentDate } of recorded) {
      const [held] = await t.simConsents(phone);
      expect(held, source).toMatchObject({ type: 'MESAJ', status: 'ONAY', source, consentDate });
    }
    expect(t.sim.stats().byCode).toEqual({});
  });
});
