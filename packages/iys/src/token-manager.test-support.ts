// The token tests' manager: the test account against a fake İYS, unthrottled, on a test clock.
import { unlimited } from './rate-limiter.js';
import { createTokenManager } from './token-manager.js';
import type { TokenManager, TokenManagerOptions } from './token-manager.js';
import { createTransport } from './transport.js';
import type { FetchLike } from './transport.js';

/** A manager of user@example.com / secret whose requests go to `fetch`; `options` add to it. */
export function testTokenManager(
  fetch: FetchLike,
  options: Omit<TokenManagerOptions, 'transport' | 'username' | 'password'>,
): TokenManager {
  const transport = createTransport({
    baseUrl: 'https://iys.test',
    fetch,
    rateLimiter: unlimited,
    requestTimeoutMs: 5000,
  });
  return createTokenManager({
    transport,
    username: 'user@example.com',
    password: 'secret',
    ...options,
  });
}
