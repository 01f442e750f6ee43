// The request boundary: text no store can hold, bodies of a type a route does not
// take and malformed forms are 4xx JSON errors naming where, and nothing is written.
import { describe, expect, it } from 'vitest';
import type { ApiErrorBody } from './api-error.js';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { ORIGIN, harnessPerTest, postCapture, validCapture } from './app-harness.test-support.js';
import type { Harness } from './app-harness.test-support.js';
import { findUnstorableText } from './request-text.js';

describe('findUnstorableText', () => {
  it('names the path of a lone surrogate, a NUL, or such a key, and passes well-formed text', () => {
    expect(findUnstorableText({ a: ['ok', 'emoji 😀 ok', 'Ş ğ ı İ'] })).toBeUndefined();
    expect(findUnstorableText({ person: { fullName: 'Ayşe \ud800 Yılmaz' } })?.path).toEqual([
      'person',
      'fullName',
    ]);
    expect(findUnstorableText({ list: [1, { x: 'a\u0000b' }] })?.path).toEqual(['list', 1, 'x']);
    const key = findUnstorableText({ channels: { '\udc00': true } });
    expect(key?.path).toEqual(['channels']);
    expect(key?.received).toContain('the key');
    // The excerpt shows the broken character as an escape, never the raw lone surrogate.
    const shown = findUnstorableText(['a\ud800'])!.received;
    expect(shown).toContain('"a\\ud800"');
    expect(/\p{Cs}/u.test(shown)).toBe(false);
  });

  it('walks a body nested 100,000 deep without recursion and in linear time (the fuzzer found a quadratic walk)', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const problem = findUnstorableText(deep);
    expect(problem?.path).toHaveLength(100_000);
  });
});

const ADMIN_HEADERS = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

let h: Harness;
harnessPerTest((made) => (h = made));

async function errorOf(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  return ((await response.json()) as ApiErrorBody).error;
}

const nothingStored = async () => expect((await h.store.stats()).captures).toBe(0);

describe('captures at the boundary', () => {
  it('refuses a lone surrogate in a name with 400 body.invalidText at person.fullName, not 503', async () => {
    const capture = validCapture({
      person: { fullName: 'Ayşe \ud800 Yılmaz', phone: '0532 123 45 67' },
    });
    const error = await errorOf(await postCapture(h.app, capture), 400);
    expect(error.code).toBe('body.invalidText');
    expect(error.issues?.[0]?.path).toBe('person.fullName');
    await nothingStored();
  });

  it('refuses a NUL anywhere in the body with 400 body.invalidText', async () => {
    const capture = validCapture({ widgetVersion: '1.0\u00000' });
    const error = await errorOf(await postCapture(h.app, capture), 400);
    expect(error.code).toBe('body.invalidText');
    expect(error.issues?.[0]?.path).toBe('widgetVersion');
    await nothingStored();
  });

  it('refuses a page URL that percent-encoding grows past 2048 characters with 422 at pageUrl', async () => {
    const pageUrl = `${ORIGIN}/${'ş'.repeat(1000)}`;
    expect(pageUrl.length).toBeLessThan(2048);
    const error = await errorOf(await postCapture(h.app, validCapture({ pageUrl })), 422);
    expect(error.code).toBe('capture.rejected');
    expect(error.issues?.map((i) => i.path)).toEqual(['pageUrl']);
    await nothingStored();
  });

  it('refuses a body of another media type with 415 naming the types it takes', async () => {
    const error = await errorOf(
      await postCapture(h.app, validCapture(), {
        'Content-Type': 'multipart/form-data; boundary=x',
      }),
      415,
    );
    expect(error.code).toBe('body.unsupportedType');
    expect(error.issues?.[0]?.expected).toContain('application/json');
    expect(error.issues?.[0]?.received).toBe('"multipart/form-data"');
  });
});

describe('the URL', () => {
  it('refuses a NUL in an admin path id or a cursor with 400 request.invalidText', async () => {
    for (const [method, path] of [
      ['GET', '/v1/admin/captures/%00'],
      ['POST', '/v1/admin/movements/%00/retry'],
      ['POST', '/v1/admin/webhooks/deliveries/a%00/retry'],
      ['GET', '/v1/admin/captures?cursor=%00'],
    ] as const) {
      const response = await h.app.request(path, { method, headers: ADMIN_HEADERS });
      const error = await errorOf(response, 400);
      expect(error.code, path).toBe('request.invalidText');
    }
  });

  it('refuses a cursor on the webhook deliveries list, which has no pages, instead of ignoring it', async () => {
    const response = await h.app.request('/v1/admin/webhooks/deliveries?cursor=abc', {
      headers: ADMIN_HEADERS,
    });
    const error = await errorOf(response, 400);
    expect(error.issues?.[0]?.path).toBe('cursor');
  });
});

describe('POST /v1/withdraw bodies', () => {
  const withdraw = (body: string, type?: string) =>
    h.app.request('/v1/withdraw', {
      method: 'POST',
      headers: { Accept: 'application/json', ...(type ? { 'Content-Type': type } : {}) },
      body,
    });

  it('answers malformed multipart with 400 body.malformed, not 503', async () => {
    for (const body of [
      'not multipart at all',
      '--sinir\r\nContent-Disposition: form-data\r\n\r\nx',
    ]) {
      const error = await errorOf(await withdraw(body, 'multipart/form-data; boundary=sinir'), 400);
      expect(error.code).toBe('body.malformed');
    }
    const error = await errorOf(await withdraw('t=1', 'multipart/form-data'), 400);
    expect(error.code).toBe('body.malformed');
  });

  it('answers a form field with a NUL with 400 body.invalidText', async () => {
    const error = await errorOf(
      await withdraw('t=a%00b', 'application/x-www-form-urlencoded'),
      400,
    );
    expect(error.code).toBe('body.invalidText');
    expect(error.issues?.[0]?.path).toBe('t');
  });

  it('answers a body of a type no form sends with 415', async () => {
    const error = await errorOf(await withdraw('t,lang', 'text/csv'), 415);
    expect(error.code).toBe('body.unsupportedType');
  });

  it('still reads a well-formed multipart form (RFC 8058 one-click posts one)', async () => {
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    form.set('t', 'not-a-token');
    const response = await h.app.request('/v1/withdraw', {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: form,
    });
    const error = await errorOf(response, 400);
    // Read, and refused for the token itself: the form got through.
    expect(error.code).toBe('withdrawal.tokenInvalid');
  });
});
