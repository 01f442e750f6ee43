import { describe, it, expect } from 'vitest';
import { errorOf, iysErrors, json } from './fake-fetch.test-support.js';
import { BRAND, IYS_CODE, fakeIysClient } from './fake-iys-client.test-support.js';
import type { IysConsentInput } from './consent-request.js';

const ADDED = { transactionId: 'tx-1', creationDate: '2026-03-02 10:00:01' };

const consent = (overrides: Partial<Record<string, unknown>> = {}): IysConsentInput =>
  ({
    recipient: '+905321234567',
    type: 'MESAJ',
    source: 'HS_WEB',
    status: 'ONAY',
    consentDate: '2026-03-02 09:59:58',
    ...overrides,
  }) as IysConsentInput;

describe('addConsent', () => {
  it('posts one consent to the v2 path with a bearer token and returns İYS’s answer', async () => {
    const { client, apiCalls, tokenCalls } = fakeIysClient(() => json(200, ADDED));
    const result = await client.addConsent(BRAND, consent());
    expect(result).toEqual({ ok: true, value: ADDED });
    const [call] = apiCalls();
    expect(call!.method).toBe('POST');
    expect(call!.url.href).toBe(`https://iys.test/v2/sps/${IYS_CODE}/brands/${BRAND}/consents`);
    expect(call!.headers.get('authorization')).toBe('Bearer A1');
    expect(call!.headers.get('content-type')).toBe('application/json');
    expect(tokenCalls()).toHaveLength(1);
  });

  it('omits empty optional fields and never sends unknown ones, "" or null', async () => {
    const { client, apiCalls } = fakeIysClient(() => json(200, ADDED));
    await client.addConsent(
      BRAND,
      consent({
        recipientType: undefined,
        retailerCode: null,
        retailerAccess: [],
        citizenName: 'Ayşe Yılmaz',
        notes: '',
      }),
    );
    expect(apiCalls()[0]!.rawBody).toBe(
      '{"recipient":"+905321234567","type":"MESAJ","source":"HS_WEB","status":"ONAY","consentDate":"2026-03-02 09:59:58"}',
    );
  });

  it('keeps optional fields that carry a value', async () => {
    const { client, apiCalls } = fakeIysClient(() => json(200, ADDED));
    await client.addConsent(
      BRAND,
      consent({ recipientType: 'BIREYSEL', retailerCode: 55550127, retailerAccess: [58795354] }),
    );
    expect(apiCalls()[0]!.body).toEqual({
      recipient: '+905321234567',
      type: 'MESAJ',
      source: 'HS_WEB',
      status: 'ONAY',
      consentDate: '2026-03-02 09:59:58',
      recipientType: 'BIREYSEL',
      retailerCode: 55550127,
      retailerAccess: [58795354],
    });
  });

  it('A9: formats a Date consentDate in Turkey time, never ISO 8601 or UTC', async () => {
    const { client, apiCalls } = fakeIysClient(() => json(200, ADDED));
    await client.addConsent(BRAND, consent({ consentDate: new Date('2026-03-02T21:30:05.900Z') }));
    expect((apiCalls()[0]!.body as { consentDate: string }).consentDate).toBe(
      '2026-03-03 00:30:05',
    );
  });

  it('sends a byte-identical body for the same consent, so a v2 replay is idempotent', async () => {
    const { client, apiCalls } = fakeIysClient(() => json(200, ADDED));
    await client.addConsent(BRAND, consent({ consentDate: new Date('2026-03-02T07:00:00Z') }));
    await client.addConsent(BRAND, {
      consentDate: new Date('2026-03-02T07:00:00Z'),
      status: 'ONAY',
      source: 'HS_WEB',
      type: 'MESAJ',
      recipient: '+905321234567',
    });
    expect(apiCalls()[0]!.rawBody).toBe(apiCalls()[1]!.rawBody);
  });

  it('A18: refuses an invalid consent locally, sending nothing at all', async () => {
    const { client, calls } = fakeIysClient(() => json(200, ADDED));
    const error = errorOf(
      await client.addConsent(
        BRAND,
        consent({ consentDate: '2026-03-02T09:59:58Z', status: 'MAYBE' }),
      ),
    );
    expect(error).toMatchObject({
      kind: 'rejected',
      status: 0,
      sent: false,
      retryable: false,
    });
    expect(error.problems.map((p) => p.path.join('.'))).toEqual(
      expect.arrayContaining(['consentDate', 'status']),
    );
    // The date problem carries İYS's twin code, so callers see what İYS would have said.
    expect(error.codes).toContain('H158');
    expect(calls).toHaveLength(0);
  });

  it('A18: refuses an Invalid Date locally rather than throwing', async () => {
    const { client, calls } = fakeIysClient(() => json(200, ADDED));
    const result = await client.addConsent(BRAND, consent({ consentDate: new Date(Number.NaN) }));
    expect(!result.ok && result.error.problems[0]!.code).toBe('iys.consentDateInvalid');
    expect(calls).toHaveLength(0);
  });

  it('surfaces İYS’s business-rule refusals as typed, non-retryable rejections', async () => {
    const { client } = fakeIysClient(() =>
      json(422, {
        errors: [
          {
            code: 'H467',
            location: ['consentDate'],
            message: 'Üç iş günü öncesinde alınan izinler kaydedilemez.',
            value: '2026-02-20 10:00:00',
          },
        ],
      }),
    );
    const error = errorOf(await client.addConsent(BRAND, consent()));
    expect(error).toMatchObject({
      kind: 'rejected',
      status: 422,
      code: 'H467',
      retryable: false,
      operation: 'addConsent',
    });
    expect(error.errors[0]).toMatchObject({ location: ['consentDate'] });
  });

  it('throws for a brandCode that is not a positive integer, a programming error', async () => {
    const { client } = fakeIysClient(() => json(200, ADDED));
    await expect(client.addConsent(0, consent())).rejects.toThrow(RangeError);
    await expect(client.addConsent(1.5, consent())).rejects.toThrow(RangeError);
  });
});

describe('addConsentV1', () => {
  it('posts to the v1 path', async () => {
    const { client, apiCalls } = fakeIysClient(() => json(200, ADDED));
    expect((await client.addConsentV1(BRAND, consent())).ok).toBe(true);
    expect(apiCalls()[0]!.path).toBe(`/sps/${IYS_CODE}/brands/${BRAND}/consents`);
  });
});

describe('401 handling', () => {
  it('renews the token once and retries the call once after 401 H351', async () => {
    const { client, apiCalls, tokenCalls } = fakeIysClient((_req, i) =>
      i === 0 ? iysErrors(401, 'H351') : json(200, ADDED),
    );
    expect(await client.addConsent(BRAND, consent())).toEqual({ ok: true, value: ADDED });
    expect(apiCalls().map((c) => c.headers.get('authorization'))).toEqual([
      'Bearer A1',
      'Bearer A2',
    ]);
    expect(apiCalls()[0]!.rawBody).toBe(apiCalls()[1]!.rawBody);
    expect(tokenCalls().map((c) => (c.body as { grant_type: string }).grant_type)).toEqual([
      'password',
      'refresh_token',
    ]);
  });

  it('gives up after the one retry with a non-retryable auth error', async () => {
    const { client, apiCalls, tokenCalls } = fakeIysClient(() => iysErrors(401, 'H351'));
    const error = errorOf(await client.addConsent(BRAND, consent()));
    expect(error).toMatchObject({
      kind: 'auth',
      status: 401,
      code: 'H351',
      retryable: false,
    });
    expect(apiCalls()).toHaveLength(2);
    expect(tokenCalls()).toHaveLength(2);
  });

  it('fails fast with the token lock when renewal after a 401 hits H084', async () => {
    let tokenRequests = 0;
    const { client, apiCalls } = fakeIysClient(() => iysErrors(401, 'H351'), {
      fetch: async (request) => {
        const path = new URL(request.url).pathname;
        if (path !== '/oauth2/token') return iysErrors(401, 'H351');
        tokenRequests++;
        return tokenRequests === 1
          ? json(200, {
              access_token: 'A1',
              refresh_token: 'R1',
              expires_in: 7200,
              refresh_expires_in: 14400,
              token_type: 'bearer',
            })
          : iysErrors(429, 'H084');
      },
    });
    const result = await client.addConsent(BRAND, consent());
    expect(!result.ok && result.error).toMatchObject({
      kind: 'token-locked',
      category: 'account',
      operation: 'addConsent (token)',
    });
    expect(!result.ok && result.error.retryAt).toBeGreaterThan(0);
    expect(apiCalls()).toHaveLength(0); // the custom fetch bypasses the recorder
    expect(tokenRequests).toBe(2);
    // Within the hour, the next call sends nothing to the token endpoint.
    const again = await client.addConsent(BRAND, consent());
    expect(!again.ok && again.error.kind).toBe('token-locked');
    expect(tokenRequests).toBe(2);
  });
});
