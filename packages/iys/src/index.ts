/** @izinli/iys — typed client of İYS's REST API: tokens, rate limits, consent endpoints, typed errors. */
export * from './iys-client.js';
export * from './iys-client-api.js';
export * from './iys-error.js';
export * from './reconciliation-wire.js';
export * from './backoff.js';
export * from './rate-limiter.js';
export * from './token-store.js';
export type { IysConsentInput } from './consent-request.js';
export { consentKey } from './consent-request.js';
export { LOCAL_PROBLEM_IYS_CODES, type LocalProblemCode } from './local-rejection.js';
export { parseRetryAfter } from './retry-after.js';
export { ACCOUNT_CODES, kindOf } from './classify-response.js';
export type { FetchLike } from './transport.js';
