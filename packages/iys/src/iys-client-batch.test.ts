import { describe, it, expect } from 'vitest';
import { errorOf, json } from './fake-fetch.test-support.js';
import { BRAND, IYS_CODE, fakeIysClient } from './fake-iys-client.test-support.js';
import type { IysConsentInput } from './consent-request.js';

const item = (recipient: string, extra: Record<string, unknown> = {}): IysConsentInput =>
  ({
    recipient,
    type: recipient.includes('@') ? 'EPOSTA' : 'MESAJ',
    source: 'HS_WEB',
    status: 'ONAY',
    consentDate: '2026-03-02 09:00:00',
    ...extra,
  }) as IysConsentInput;

const phones = (count: number) =>
  Array.from({ length: count }, (_, i) => item(`+90532${String(i).padStart(7, '0')}`));

const accepted = (n: number) =>
  json(202, {
    requestId: 'req-1',
    subRequests: Array.from({ length: n }, (_, i) => ({
      // İYS spells it both ways; the client always yields subRequestId.
      [i % 2 === 0 ? 'subRequestId' : 'subrequestId']: `sub-${i}`,
      recipient: `r${i}`,
      type: 'MESAJ',
      status: 'ONAY',
    })),
  });

describe('addConsents', () => {
  it('posts the batch to the v2 path and reads the 202 answer', async () => {
    const { client, apiCalls } = fakeIysClient(() => accepted(2));
    const result = await client.addConsents(BRAND, phones(2));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.requestId).toBe('req-1');
    expect(result.value.subRequests.map((s) => s.subRequestId)).toEqual(['sub-0', 'sub-1']);
    expect(apiCalls()[0]!.path).toBe(`/v2/sps/${IYS_CODE}/brands/${BRAND}/consents/request`);
    expect(apiCalls()[0]!.body).toHaveLength(2);
  });

  it('can use the v1 batch path', async () => {
    const { client, apiCalls } = fakeIysClient(() => accepted(1));
    await client.addConsents(BRAND, phones(1), { version: 'v1' });
    expect(apiCalls()[0]!.path).toBe(`/sps/${IYS_CODE}/brands/${BRAND}/consents/request`);
  });

  it('accepts exactly 1000 consents', async () => {
    const { client, apiCalls } = fakeIysClient(() => accepted(1000));
    expect((await client.addConsents(BRAND, phones(1000))).ok).toBe(true);
    expect(apiCalls()[0]!.body).toHaveLength(1000);
  });

  it('A18: refuses 1001 consents locally with İYS’s H091, sending nothing', async () => {
    const { client, calls } = fakeIysClient(() => accepted(1));
    const error = errorOf(await client.addConsents(BRAND, phones(1001)));
    expect(error).toMatchObject({ kind: 'rejected', code: 'H091', sent: false });
    expect(error.problems[0]).toMatchObject({
      code: 'iys.batchTooLarge',
      params: { max: 1000, size: 1001 },
    });
    expect(calls).toHaveLength(0);
  });

  it('A18: refuses an empty batch locally', async () => {
    const { client, calls } = fakeIysClient(() => accepted(0));
    const result = await client.addConsents(BRAND, []);
    expect(!result.ok && result.error.problems[0]!.code).toBe('iys.batchEmpty');
    expect(calls).toHaveLength(0);
  });

  it('A18: refuses a repeated (recipientType, type, recipient) locally with H194 and its index', async () => {
    const { client, calls } = fakeIysClient(() => accepted(1));
    const error = errorOf(
      await client.addConsents(BRAND, [
        item('ayse@ornek.com'),
        item('+905321234567'),
        item('+905321234567', { type: 'ARAMA' }), // another channel: a different key
        item('+905321234567', { recipientType: 'TACIR' }), // another recipientType: different
        item('Ayse@Ornek.com', { status: 'RET' }), // İYS lower-cases e-mail: the same key
      ]),
    );
    expect(error.code).toBe('H194');
    expect(error.errors).toEqual([expect.objectContaining({ code: 'H194', index: 4 })]);
    expect(error.problems[0]).toMatchObject({
      code: 'iys.duplicateKey',
      path: [4],
      params: { firstIndex: 0 },
    });
    expect(error.message).not.toContain('ornek.com');
    expect(calls).toHaveLength(0);
  });

  it('reports every invalid item of a batch at once, each with its index', async () => {
    const { client, calls } = fakeIysClient(() => accepted(1));
    const error = errorOf(
      await client.addConsents(BRAND, [
        item('+905321234567', { consentDate: '02.03.2026 09:00' }),
        item('+905321234568'),
        item('+905321234569', { source: 'IYS_WEB' }),
      ]),
    );
    expect(error.problems.map((p) => p.path)).toEqual([
      [0, 'consentDate'],
      [2, 'source'],
    ]);
    expect(error.errors).toEqual([expect.objectContaining({ code: 'H158', index: 0 })]);
    expect(calls).toHaveLength(0);
  });

  it('surfaces İYS’s synchronous format refusal with per-item indexes', async () => {
    const { client } = fakeIysClient(() =>
      json(422, {
        errors: [
          { index: 0, code: 'H162', location: ['consentDate'], message: 'ileri', value: 'x' },
          { index: 1, code: 'H157', location: ['consentDate'], message: 'geçerli', value: 'y' },
        ],
      }),
    );
    const result = await client.addConsents(BRAND, phones(2));
    expect(!result.ok && result.error.errors.map((e) => [e.index, e.code])).toEqual([
      [0, 'H162'],
      [1, 'H157'],
    ]);
  });

  it('turns a 202 without requestId into an invalid-response error', async () => {
    const { client } = fakeIysClient(() => json(202, { subRequests: [] }));
    const result = await client.addConsents(BRAND, phones(1));
    expect(!result.ok && result.error).toMatchObject({
      kind: 'invalid-response',
      status: 202,
      retryable: false,
    });
  });
});

describe('getBatchStatus', () => {
  const path = `/v2/sps/${IYS_CODE}/brands/${BRAND}/consents/request/req%201`;

  it('returns null for an empty answer: not done yet, not "nothing added"', async () => {
    const { client, apiCalls } = fakeIysClient(() => json(200, []));
    expect(await client.getBatchStatus(BRAND, 'req 1')).toEqual({ ok: true, value: null });
    expect(apiCalls()[0]!.method).toBe('GET');
    expect(apiCalls()[0]!.url.pathname).toBe(path);
  });

  it('returns null for an answer without a body', async () => {
    const { client } = fakeIysClient(() => new Response(null, { status: 204 }));
    expect(await client.getBatchStatus(BRAND, 'req-1')).toEqual({ ok: true, value: null });
  });

  it('returns each item’s outcome, with subRequestId whichever way İYS spells it', async () => {
    const { client } = fakeIysClient(() =>
      json(200, [
        {
          subrequestId: 'sub-0',
          index: 0,
          status: 'failure',
          error: { code: 'H175', message: 'İlk izin RET olamaz.' },
        },
        {
          subRequestId: 'sub-1',
          index: 1,
          status: 'success',
          transactionId: 'tx-1',
          creationDate: '2026-03-02 10:05:00',
        },
        { subRequestId: 'sub-2', index: 2, status: 'enqueue' },
      ]),
    );
    const result = await client.getBatchStatus(BRAND, 'req-1');
    expect(result.ok).toBe(true);
    if (!result.ok || result.value === null) throw new Error('expected items');
    expect(result.value.map((i) => [i.subRequestId, i.status])).toEqual([
      ['sub-0', 'failure'],
      ['sub-1', 'success'],
      ['sub-2', 'enqueue'],
    ]);
    expect(result.value[0]).toMatchObject({ error: { code: 'H175' } });
    expect('subrequestId' in result.value[0]!).toBe(false);
  });

  it('can query the v1 path', async () => {
    const { client, apiCalls } = fakeIysClient(() => json(200, []));
    await client.getBatchStatus(BRAND, 'req-1', { version: 'v1' });
    expect(apiCalls()[0]!.path).toBe(`/sps/${IYS_CODE}/brands/${BRAND}/consents/request/req-1`);
  });

  it('turns an item with an unknown status into an invalid-response error', async () => {
    const { client } = fakeIysClient(() =>
      json(200, [{ subRequestId: 's', index: 0, status: 'done' }]),
    );
    const result = await client.getBatchStatus(BRAND, 'req-1');
    expect(!result.ok && result.error.kind).toBe('invalid-response');
    expect(!result.ok && result.error.problems[0]!.path).toEqual([0, 'status']);
  });

  it('throws for an empty requestId, a programming error', async () => {
    const { client } = fakeIysClient(() => json(200, []));
    await expect(client.getBatchStatus(BRAND, '')).rejects.toThrow(RangeError);
  });
});
