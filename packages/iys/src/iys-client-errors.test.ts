import { describe, it, expect } from 'vitest';
import { iysErrors, json, tokenAnswer } from './fake-fetch.test-support.js';
import { BRAND, fakeIysClient } from './fake-iys-client.test-support.js';
import type { IysConsentInput } from './consent-request.js';
import type { FetchLike } from './transport.js';

const consent: IysConsentInput = {
  recipient: 'ayse.yilmaz@ornek.com',
  type: 'EPOSTA',
  source: 'HS_WEB',
  status: 'ONAY',
  consentDate: '2026-03-02 09:59:58',
};

/** A fetch that issues tokens and hands API requests to `api`. */
const withTokens =
  (api: FetchLike): FetchLike =>
  (request) =>
    new URL(request.url).pathname === '/oauth2/token' ? tokenAnswer(1) : api(request);

async function failure(options: Parameters<typeof fakeIysClient>[1], answer = () => json(200, {})) {
  const { client } = fakeIysClient(answer, options);
  const result = await client.addConsent(BRAND, consent);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('error classification of calls', () => {
  it('reports a connection failure as a retryable network error', async () => {
    const error = await failure({
      fetch: withTokens(() => Promise.reject(new TypeError('fetch failed'))),
    });
    expect(error).toMatchObject({ kind: 'network', status: 0, retryable: true });
    expect(error.message).toContain('fetch failed');
  });

  it('reports an answer that does not come in time as a retryable timeout', async () => {
    const error = await failure({
      requestTimeoutMs: 5,
      // Never answers; only the client's own deadline ends the wait.
      fetch: withTokens(
        (request) =>
          new Promise((_resolve, reject) => {
            request.signal.addEventListener('abort', () => reject(request.signal.reason));
          }),
      ),
    });
    expect(error).toMatchObject({ kind: 'timeout', status: 0, retryable: true });
  });

  it('reports a fetch that itself throws TimeoutError as a timeout', async () => {
    const error = await failure({
      fetch: withTokens(() => Promise.reject(new DOMException('slow', 'TimeoutError'))),
    });
    expect(error.kind).toBe('timeout');
  });

  it('reports 429 H124 as rate limiting and honours Retry-After', async () => {
    const error = await failure({}, () =>
      json(429, { errors: [{ code: 'H124', message: 'Saniyede…' }] }, { 'retry-after': '3' }),
    );
    expect(error).toMatchObject({
      kind: 'rate-limited',
      code: 'H124',
      retryable: true,
      retryAfterMs: 3000,
    });
  });

  it('reports the older 429 H083 as rate limiting', async () => {
    expect((await failure({}, () => iysErrors(429, 'H083'))).kind).toBe('rate-limited');
  });

  it('reports 400 H123 (service busy) as a retryable busy error', async () => {
    const error = await failure({}, () => iysErrors(400, 'H123'));
    expect(error).toMatchObject({ kind: 'busy', status: 400, code: 'H123', retryable: true });
  });

  it('reports 5xx, with or without a JSON body, as retryable server errors', async () => {
    expect(await failure({}, () => iysErrors(500, 'H470'))).toMatchObject({
      kind: 'server',
      code: 'H470',
      retryable: true,
    });
    expect(
      await failure({}, () => new Response('<h1>Bad Gateway</h1>', { status: 502 })),
    ).toMatchObject({ kind: 'server', status: 502, retryable: true });
  });

  it('reports H175 and H178 as permanent rejections with their code', async () => {
    for (const code of ['H175', 'H178']) {
      expect(await failure({}, () => iysErrors(400, code))).toMatchObject({
        kind: 'rejected',
        category: 'rejected',
        code,
        retryable: false,
      });
    }
  });

  it('reports H174 as already current, not retryable', async () => {
    expect(await failure({}, () => iysErrors(400, 'H174'))).toMatchObject({
      kind: 'already',
      category: 'already',
      status: 400,
      code: 'H174',
      retryable: false,
    });
  });

  it('reports a 403 H353 (a brand not of this account) as an account failure, not a consent rejection', async () => {
    const error = await failure({}, () =>
      json(403, {
        errors: [{ 'code:': 'H353', message: 'brandCode, kullanıcı izinleriyle eşleştirilemiyor' }],
      }),
    );
    expect(error).toMatchObject({
      kind: 'account',
      category: 'account',
      status: 403,
      code: 'H353',
      retryable: false,
    });
  });

  it('reports a 200 whose body is not JSON as an invalid response', async () => {
    const error = await failure({}, () => new Response('OK', { status: 200 }));
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200, retryable: false });
  });

  it('reports a 200 with the wrong shape as an invalid response naming the field', async () => {
    const error = await failure({}, () => json(200, { transactionId: 7 }));
    expect(error.kind).toBe('invalid-response');
    expect(error.problems.map((p) => p.path.join('.'))).toEqual(
      expect.arrayContaining(['transactionId', 'creationDate']),
    );
  });

  it('reports an unexpected redirect as an invalid response', async () => {
    const error = await failure({}, () => new Response(null, { status: 302 }));
    expect(error.kind).toBe('invalid-response');
  });

  it('never puts the recipient into the message, whatever İYS echoes', async () => {
    const error = await failure({}, () =>
      json(422, {
        errors: [
          {
            code: 'H120',
            location: ['recipient'],
            value: 'ayse.yilmaz@ornek.com',
            message: 'Alıcı ayse.yilmaz@ornek.com kabul edilemedi.',
          },
        ],
      }),
    );
    expect(error.message).toContain('H120');
    expect(error.message).not.toContain('ayse.yilmaz');
  });
});
