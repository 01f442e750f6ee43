import { describe, it, expect } from 'vitest';
import {
  IysBatchStatusItem,
  IysBatchResponse,
  IysBatchStatusResponse,
  IysChangesResponse,
  IysConsentRequest,
  IysErrorBody,
  IysTokenRequest,
  IysTokenResponse,
  normalizeIysCode,
} from './wire.js';
import { isIysErrorCode } from './iys-error.js';
import { iysPaths } from './paths.js';

const consent = {
  recipient: '+905321234567',
  type: 'MESAJ',
  source: 'HS_WEB',
  status: 'ONAY',
  consentDate: '2025-06-02 10:00:00',
  recipientType: 'BIREYSEL',
};
const { source: _s, consentDate: _c, ...withoutSourceAndDate } = consent;

describe('IysConsentRequest', () => {
  it.each([
    [
      'the document example body',
      {
        consentDate: '2020-07-08 07:07:07',
        source: 'HS_CAGRI_MERKEZI',
        recipient: 'ornekeposta@ornekeposta.com',
        recipientType: 'BIREYSEL',
        status: 'ONAY',
        type: 'EPOSTA',
        retailerCode: 55550127,
        retailerAccess: [58795354, 30143398],
      },
    ],
    [
      'a TACIR first record without source and consentDate',
      { ...withoutSourceAndDate, recipientType: 'TACIR' },
    ],
  ])('accepts %s', (_label, body) => {
    expect(IysConsentRequest.safeParse(body).success).toBe(true);
  });

  it.each([
    ['an optional field sent as an empty string', { ...consent, recipientType: '' }],
    ['an optional field sent as null', { ...consent, retailerCode: null }],
    ['an empty retailerAccess', { ...consent, retailerAccess: [] }],
    ['an unknown field, as İYS does with H118', { ...consent, name: 'Ayşe' }],
    ['an ISO 8601 consentDate', { ...consent, consentDate: '2025-06-02T10:00:00Z' }],
    ['an individual record without source and consentDate', withoutSourceAndDate],
  ])('refuses %s', (_label, body) => {
    expect(IysConsentRequest.safeParse(body).success).toBe(false);
  });
});

describe('token schemas', () => {
  it('discriminates the password and refresh grants', () => {
    expect(
      IysTokenRequest.safeParse({ grant_type: 'password', username: 'u', password: 'p' }).success,
    ).toBe(true);
    expect(
      IysTokenRequest.safeParse({ grant_type: 'refresh_token', refresh_token: 'r' }).success,
    ).toBe(true);
    expect(IysTokenRequest.safeParse({ grant_type: 'client_credentials' }).success).toBe(false);
  });

  it('parses the documented token response', () => {
    const parsed = IysTokenResponse.parse({
      access_token: 'a',
      refresh_token: 'r',
      expires_in: 7200,
      refresh_expires_in: 14400,
      token_type: 'bearer',
    });
    expect(parsed.expires_in).toBe(7200);
  });
});

describe('batch schemas', () => {
  it('normalises both spellings of subRequestId', () => {
    const parsed = IysBatchStatusResponse.parse([
      { subRequestId: 'a', index: 0, status: 'failure', error: { code: 'H175', message: 'x' } },
      { index: 1, status: 'success', subRequestId: 'b', transactionId: 't', creationDate: 'd' },
      { index: 2, status: 'enqueue', subrequestId: 'c' },
    ]);
    expect(parsed.map((i) => i.subRequestId)).toEqual(['a', 'b', 'c']);
    expect('subrequestId' in parsed[2]!).toBe(false);
  });

  it('refuses a status item with neither spelling', () => {
    expect(IysBatchStatusResponse.safeParse([{ index: 0, status: 'enqueue' }]).success).toBe(false);
  });

  it('parses the 202 answer with its sub-requests', () => {
    const parsed = IysBatchResponse.parse({
      requestId: 'r',
      subRequests: [{ ...consent, subrequestId: 's', creationDate: '2025-06-02 10:00:01' }],
    });
    expect(parsed.subRequests[0]!.subRequestId).toBe('s');
  });
});

describe('other bodies', () => {
  it('parses the documented pull answer and error body', () => {
    expect(
      IysChangesResponse.safeParse({
        after: '1597740617_632c',
        list: [
          {
            consentDate: '2018-04-10 09:50:02',
            creationDate: '2020-08-18 11:50:17',
            source: 'IYS_MOBIL',
            recipient: 'john@doe.com',
            recipientType: 'BIREYSEL',
            status: 'ONAY',
            type: 'EPOSTA',
            transactionId: '632c',
          },
        ],
      }).success,
    ).toBe(true);
    expect(
      IysErrorBody.safeParse({
        errors: [{ code: 'H467', message: 'm', location: ['consentDate'], value: 'v', index: 0 }],
      }).success,
    ).toBe(true);
  });

  it('builds İYS paths for v1 and v2', () => {
    expect(iysPaths.addConsent(1, 2)).toBe('/sps/1/brands/2/consents');
    expect(iysPaths.addConsent(1, 2, 'v2')).toBe('/v2/sps/1/brands/2/consents');
    expect(iysPaths.multiStatus(1, 2, 'BIREYSEL', 'MESAJ')).toBe(
      '/sps/1/brands/2/consents/BIREYSEL/status/MESAJ',
    );
  });
});

describe('batch status item types', () => {
  it('keeps the named fields typed after normalising subRequestId', () => {
    const item: IysBatchStatusItem = IysBatchStatusItem.parse({
      index: 0,
      status: 'failure',
      subrequestId: 's-1',
      error: { code: 'H175', message: 'x' },
    });
    // Type-level: these assignments fail to compile if the fields decay to `unknown`.
    const status: 'success' | 'failure' | 'enqueue' = item.status;
    const index: number = item.index;
    expect([status, index, item.subRequestId, item.error?.code]).toEqual([
      'failure',
      0,
      's-1',
      'H175',
    ]);
  });
});

describe('numeric error codes', () => {
  it('reads the document example body whose code is the number 48 as H048', () => {
    const body = IysErrorBody.parse({
      errors: [
        {
          code: 48,
          location: ['consentDate'],
          value: '2020-13-01 25:00:00',
          message: 'hatalı tarih formatı. (2020-01-01 00:00:00)',
        },
      ],
    });
    expect(body.errors[0]?.code).toBe('H048');
  });

  it('normalises a numeric code so it compares equal to the documented key', () => {
    expect(normalizeIysCode(174)).toBe('H174');
    expect(normalizeIysCode('174')).toBe('H174');
    expect(normalizeIysCode(1052)).toBe('H1052');
    expect(isIysErrorCode(normalizeIysCode(174))).toBe(true);
  });

  it('leaves string codes, documented or not, unchanged', () => {
    expect(normalizeIysCode('H174')).toBe('H174');
    expect(normalizeIysCode('invalid_grant')).toBe('invalid_grant');
    expect(normalizeIysCode('')).toBe('');
  });

  it('reads a numeric code in a batch status item error', () => {
    const item = IysBatchStatusItem.parse({
      index: 0,
      status: 'failure',
      subRequestId: 's-1',
      error: { code: 174, message: 'x' },
    });
    expect(item.error?.code).toBe('H174');
  });

  it('refuses a code that is neither a string nor a non-negative integer', () => {
    for (const code of [1.5, -3, null, true])
      expect(IysErrorBody.safeParse({ errors: [{ code, message: 'm' }] }).success).toBe(false);
  });
});
