import { describe, expect, it } from 'vitest';
import { AdminApi, ApiFailure, failureText } from './api.js';

function recorder(answer: Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetcher = (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(answer.clone());
  };
  return { calls, fetcher };
}

describe('AdminApi', () => {
  it('sends the token as a bearer token, the console’s language, and the query', async () => {
    const { calls, fetcher } = recorder(Response.json({ items: [] }));
    const api = new AdminApi('gizli', 'en', 'http://x', fetcher);
    expect(await api.get('/v1/admin/captures', { site: 'a', cursor: undefined })).toEqual({
      items: [],
    });
    expect(calls[0]!.url).toBe('http://x/v1/admin/captures?site=a');
    const headers = new Headers(calls[0]!.init?.headers);
    expect(headers.get('Authorization')).toBe('Bearer gizli');
    expect(headers.get('Accept-Language')).toBe('en');
  });

  it('takes the caller’s headers in any form, over its own (a Headers object spread would be lost)', async () => {
    const { calls, fetcher } = recorder(new Response('a,b'));
    const api = new AdminApi('gizli', 'tr', 'http://x', fetcher);
    await api.request('/v1/admin/export', { headers: new Headers({ Accept: 'text/csv' }) });
    await api.request('/v1/admin/export', { headers: [['X-Deneme', '1']] });
    const [first, second] = calls.map((c) => new Headers(c.init?.headers));
    expect(first!.get('Accept')).toBe('text/csv');
    expect(first!.get('Authorization')).toBe('Bearer gizli');
    expect(second!.get('X-Deneme')).toBe('1');
  });

  it('turns a 401 into an ApiFailure with the server’s code, message and what it received', async () => {
    const body = {
      error: {
        code: 'admin.unauthorized',
        message: 'Bir yönetici belirteci (Bearer) gereklidir.',
        issues: [
          { path: '(input)', message: '(girdi): beklenen …; gelen tanınmayan bir belirteç' },
        ],
      },
    };
    const { calls, fetcher } = recorder(Response.json(body, { status: 401 }));
    const failure = await new AdminApi('yanlis', 'tr', '', fetcher)
      .get('/v1/admin/sync')
      .catch((e: unknown) => e);
    // The Turkish console asks for Turkish, so the server's words match the console's.
    expect(new Headers(calls[0]!.init?.headers).get('Accept-Language')).toBe('tr');
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ status: 401, code: 'admin.unauthorized' });
    expect(failureText(failure)).toBe(
      'HTTP 401 admin.unauthorized: Bir yönetici belirteci (Bearer) gereklidir. ((girdi): beklenen …; gelen tanınmayan bir belirteç)',
    );
  });

  it('names a network failure and a body that is not JSON', async () => {
    const down = new AdminApi('t', 'tr', '', () => Promise.reject(new TypeError('fetch failed')));
    expect(failureText(await down.get('/x').catch((e: unknown) => e))).toBe(
      'network: fetch failed',
    );
    const text = new AdminApi('t', 'tr', '', () =>
      Promise.resolve(new Response('Bad Gateway', { status: 502 })),
    );
    expect(failureText(await text.get('/x').catch((e: unknown) => e))).toBe(
      'HTTP 502 http.502: HTTP 502',
    );
  });

  it('posts JSON', async () => {
    const { calls, fetcher } = recorder(Response.json({ ok: true }));
    await new AdminApi('t', 'tr', '', fetcher).post('/v1/admin/withdrawals', { a: 1 });
    expect(calls[0]!.init).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(new Headers(calls[0]!.init?.headers).get('Content-Type')).toBe('application/json');
  });
});
