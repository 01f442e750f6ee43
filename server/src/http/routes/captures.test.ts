import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { CaptureRecord, canonicalJson, checkCaptureChain, formatIysDate } from '@izinli/core';
import type { ApiErrorBody } from '../api-error.js';
import { ORIGIN, harnessPerTest, postCapture, validCapture } from '../app-harness.test-support.js';
import type { Harness } from '../app-harness.test-support.js';

let h: Harness;
const NOW = new Date('2026-11-26T09:15:30.250Z');

harnessPerTest((made) => (h = made), { now: () => NOW });

async function errorOf(response: Response): Promise<ApiErrorBody['error']> {
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  return ((await response.json()) as ApiErrorBody).error;
}

async function recordOf(receipt: string): Promise<CaptureRecord> {
  const jwks = (await (await h.app.request('/.well-known/jwks.json')).json()) as Parameters<
    typeof createLocalJWKSet
  >[0];
  const { payload } = await compactVerify(receipt, createLocalJWKSet(jwks));
  return CaptureRecord.parse(JSON.parse(new TextDecoder().decode(payload)));
}

describe('POST /v1/captures', () => {
  it('answers 201 with a receipt that verifies against the published JWKS', async () => {
    const capture = validCapture();
    const response = await postCapture(h.app, capture);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { captureId: string; receipt: string };
    expect(body.captureId).toBe(capture.id);
    expect(decodeProtectedHeader(body.receipt)).toMatchObject({ alg: 'EdDSA', kid: h.ring.kid });
    const record = await recordOf(body.receipt);
    expect(record).toMatchObject({ captureId: capture.id, seq: 1, siteKey: capture.siteKey });
    const stored = await h.store.getCapture(capture.id);
    expect(stored?.receipt).toBe(body.receipt);
    expect(stored?.record).toEqual(record);
    // The receipt signs the record's RFC 8785 text (computed once for the receipt and the row).
    expect(Buffer.from(body.receipt.split('.')[1]!, 'base64url').toString('utf8')).toBe(
      canonicalJson(stored!.record),
    );
  });

  it('A9: consentDate is the server receive time in Turkey time, not the browser clock', async () => {
    const response = await postCapture(h.app, validCapture({ capturedAt: '2020-01-01T00:00:00Z' }));
    const record = await recordOf(((await response.json()) as { receipt: string }).receipt);
    expect(record.receivedAt).toBe(NOW.toISOString());
    expect(record.consentDate).toBe('2026-11-26 12:15:30');
    expect(record.consentDate).toBe(formatIysDate(NOW));
    expect(record.capturedAt).toBe('2020-01-01T00:00:00Z');
  });

  it('A17: the record carries recipientType and source HS_WEB', async () => {
    const response = await postCapture(h.app, validCapture());
    const record = await recordOf(((await response.json()) as { receipt: string }).receipt);
    expect(record.source).toBe('HS_WEB');
    expect(record.recipientType).toBe('BIREYSEL');
  });

  it('A3: the record holds the name and the normalised addresses the permissions cover', async () => {
    const response = await postCapture(h.app, validCapture());
    const record = await recordOf(((await response.json()) as { receipt: string }).receipt);
    expect(record.person).toEqual({
      fullName: 'Ayşe Yılmaz',
      phone: '+905321234567',
      email: 'ayse@ornek.com.tr',
    });
    expect(record.channels).toEqual([
      { type: 'MESAJ', checked: true, status: 'ONAY' },
      { type: 'ARAMA', checked: false },
      { type: 'EPOSTA', checked: true, status: 'ONAY' },
    ]);
  });

  it('B8: the record names every text shown with its version and hash', async () => {
    const capture = validCapture();
    const response = await postCapture(h.app, capture);
    const record = await recordOf(((await response.json()) as { receipt: string }).receipt);
    expect(record.notices.map(({ id, version, sha256 }) => ({ id, version, sha256 }))).toEqual(
      capture.notices,
    );
    expect(record.purposes.find((p) => p.id === 'kitap-onerileri')).toMatchObject({
      granted: true,
      noticeId: 'riza-pazarlama-analizi',
    });
  });

  it('B10: the IP is kept truncated under the example site’s policy, and the page URL loses its query', async () => {
    h.setIp('203.0.113.45');
    const response = await postCapture(h.app, validCapture(), { 'User-Agent': 'Mozilla/5.0 test' });
    const record = await recordOf(((await response.json()) as { receipt: string }).receipt);
    expect(record.ip).toBe('203.0.113.0');
    expect(record.userAgent).toBe('Mozilla/5.0 test');
    expect(record.pageUrl).toBe('https://www.ornekkitabevi.com.tr/uye-ol');
    expect(record.origin).toBe(ORIGIN);
  });

  it('stores one pending ONAY movement per ticked channel, with a 3-business-day deadline (A8)', async () => {
    const capture = validCapture();
    await postCapture(h.app, capture);
    const movements = await h.store.movements({ captureId: capture.id });
    expect(movements.map((m) => [m.type, m.status, m.recipient, m.state])).toEqual([
      ['MESAJ', 'ONAY', '+905321234567', 'pending'],
      ['EPOSTA', 'ONAY', 'ayse@ornek.com.tr', 'pending'],
    ]);
    // Thursday 26 Nov 2026 → Fri, Sat, Mon count on the conservative calendar (C1): Tue 00:00 TRT.
    expect(movements[0]!.deadline).toBe('2026-11-30T21:00:00.000Z');
    expect(movements[0]).toMatchObject({
      iysCode: 100000,
      brandCode: 100000,
      source: 'HS_WEB',
      consentDate: '2026-11-26 12:15:30',
    });
  });

  it('sends RET when a later capture unticks a channel whose state is ONAY, and nothing for one never given', async () => {
    await postCapture(h.app, validCapture());
    const later = validCapture({ channels: { MESAJ: false, ARAMA: false, EPOSTA: true } });
    const response = await postCapture(h.app, later);
    const record = await recordOf(((await response.json()) as { receipt: string }).receipt);
    expect(record.channels).toEqual([
      { type: 'MESAJ', checked: false, status: 'RET' },
      { type: 'ARAMA', checked: false },
      { type: 'EPOSTA', checked: true, status: 'ONAY' },
    ]);
    const movements = await h.store.movements({ captureId: later.id });
    expect(movements.map((m) => `${m.type}:${m.status}`)).toEqual(['MESAJ:RET', 'EPOSTA:ONAY']);
  });

  it('writes a capture.recorded webhook event in the same transaction (A15 confirmation flag)', async () => {
    const capture = validCapture();
    await postCapture(h.app, capture);
    const events = await h.store.webhookEvents(capture.siteKey);
    const event = events.find((e) => e.type === 'capture.recorded');
    expect(event).toMatchObject({ type: 'capture.recorded', siteKey: capture.siteKey });
    expect(event!.payload).toMatchObject({ captureId: capture.id, confirmationDue: true });
  });

  it('chains captures of a site: seq counts up and each prevHash is the previous recordHash', async () => {
    for (let i = 0; i < 3; i++) expect((await postCapture(h.app, validCapture())).status).toBe(201);
    const chain = [];
    for await (const c of h.store.chain(validCapture().siteKey)) chain.push(c.record!);
    expect(chain.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(await checkCaptureChain(chain)).toEqual([]);
  });

  it('commits concurrent captures in shared transactions and keeps one unbroken chain', async () => {
    const captures = Array.from({ length: 40 }, () => validCapture());
    const responses = await Promise.all(captures.map((c) => postCapture(h.app, c)));
    expect(responses.map((r) => r.status)).toEqual(captures.map(() => 201));
    expect(h.batches.reduce((a, b) => a + b, 0)).toBe(40);
    expect(Math.max(...h.batches)).toBeGreaterThan(1);
    const chain = [];
    for await (const c of h.store.chain(captures[0]!.siteKey)) chain.push(c.record!);
    expect(chain).toHaveLength(40);
    expect(await checkCaptureChain(chain)).toEqual([]);
  });
});

describe('POST /v1/captures replays', () => {
  it('answers the same id and body again with 200 and the same receipt, storing nothing new', async () => {
    const capture = validCapture();
    const first = (await (await postCapture(h.app, capture)).json()) as { receipt: string };
    // Key order differs: the fingerprint is over canonical JSON.
    const reordered = Object.fromEntries(Object.entries(capture).reverse());
    const again = await postCapture(h.app, reordered);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { receipt: string }).receipt).toBe(first.receipt);
    expect((await h.store.chainHead(capture.siteKey)).seq).toBe(1);
    expect(await h.store.movements({ captureId: capture.id })).toHaveLength(2);
  });

  it('answers the same id with another body with 409 and keeps the stored capture', async () => {
    const capture = validCapture();
    await postCapture(h.app, capture);
    const other = await postCapture(h.app, { ...capture, channels: { MESAJ: false } });
    expect(other.status).toBe(409);
    const error = await errorOf(other);
    expect(error.code).toBe('capture.conflict');
    expect(error.issues?.[0]?.path).toBe('id');
    const stored = (await h.store.getCapture(capture.id))?.record as CaptureRecord | undefined;
    expect(stored?.channels[0]?.checked).toBe(true);
  });

  it('answers two identical concurrent posts with one 201 and one 200', async () => {
    const capture = validCapture();
    const statuses = (
      await Promise.all([postCapture(h.app, capture), postCapture(h.app, capture)])
    ).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 201]);
    expect((await h.store.chainHead(capture.siteKey)).seq).toBe(1);
  });
});
