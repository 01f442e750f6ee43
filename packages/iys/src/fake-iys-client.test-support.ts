// Test support: a client wired to a fake fetch that answers token requests itself. Not exported
// from the package.
import { fakeFetch, tokenAnswer, type RecordedRequest } from './fake-fetch.test-support.js';
import { createIysClient } from './iys-client.js';
import type { IysClientOptions } from './iys-client-api.js';
import { unlimited } from './rate-limiter.js';

/** The İYS number the fake client uses; its master brand has the same code. */
export const IYS_CODE = 100000;
export const BRAND = 100000;

/** A client whose API calls `api` answers; token requests get numbered tokens (A1, A2, …). */
export function fakeIysClient(
  api: (request: RecordedRequest, index: number) => Response | Promise<Response>,
  options: Partial<IysClientOptions> = {},
) {
  let tokens = 0;
  let apiIndex = 0;
  const { fetch, calls } = fakeFetch((request) =>
    request.path === '/oauth2/token' ? tokenAnswer(++tokens) : api(request, apiIndex++),
  );
  const clock = { t: Date.parse('2026-03-02T07:00:00Z') };
  const client = createIysClient({
    baseUrl: 'https://iys.test/',
    username: 'hs-user',
    password: 'hs-secret',
    iysCode: IYS_CODE,
    fetch,
    now: () => clock.t,
    rateLimiter: unlimited,
    ...options,
  });
  return {
    client,
    clock,
    calls,
    apiCalls: () => calls.filter((c) => c.path !== '/oauth2/token'),
    tokenCalls: () => calls.filter((c) => c.path === '/oauth2/token'),
  };
}
