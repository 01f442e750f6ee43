// The outbox's retry policy (docs/architecture.md#capture): which failures are worth another send, how
// long to wait before it, and when to stop. Pure, so the numbers are tested without a browser.

/**
 * Failed sends of one capture, across page loads, before it is given up and reported final. With
 * the backoff below, 19 retries take at least about 4.5 hours (every jitter at its low end) and
 * about 9 at most: a restart, a deploy or an afternoon's outage is ridden out, while an endpoint
 * that can never answer (a wrong `endpoint`, a blocker) costs 20 requests, not a loop. Sends that
 * fail while the browser says it is offline are not counted: they wait for `online` instead.
 */
export const MAX_ATTEMPTS = 20;

/** The first retry waits 1–2 s: a dropped connection or a 503 from a restart is usually over. */
const FIRST_DELAY_MS = 2000;

/**
 * No wait is longer than an hour, not even one a `Retry-After` asks for: the retry time is kept
 * with the capture, so a stray header cannot park a consent for days, and one request an hour is
 * nothing to a server that is back.
 */
export const MAX_DELAY_MS = 3_600_000;

/**
 * How long to wait before retry number `attempt` (1, 2, …): exponential from 2 s, capped at
 * {@link MAX_DELAY_MS}, with jitter in the upper half so that many pages coming back online do
 * not retry in step. `random` is injectable for tests.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/**
 * Whether a send that got no 2xx may succeed if repeated: no answer at all, a 5xx, 408 (the
 * request timed out) and 429 (rate limited). Any other 4xx is the server's final word on that
 * body (a 409 included: a different body is stored under the id), and a replay would get it again.
 */
export const retryable = (status: number | undefined): boolean =>
  status === undefined || status >= 500 || status === 408 || status === 429;

/** The delay a `Retry-After` header asks for, in milliseconds, in seconds or as an HTTP date. */
export function retryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return date >= 0 ? Math.max(0, date - now) : undefined;
}

/** The wait before the next send: the backoff, never shorter than `Retry-After` asks for. */
export const retryWait = (backoff: number, asked: number | undefined): number =>
  Math.min(MAX_DELAY_MS, Math.max(backoff, asked ?? 0));
