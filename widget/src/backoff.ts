/**
 * How long to wait before retry number `attempt` (1, 2, …): exponential from 2 s, capped at
 * 5 minutes, with jitter in the upper half so that many pages coming back online do not retry in
 * step. `random` is injectable for tests.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(300_000, 2000 * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** The delay a 429's `Retry-After` header asks for, in milliseconds, when it gives seconds. */
export function retryAfter(header: string | null): number | undefined {
  const seconds = header === null ? NaN : Number(header);
  return seconds >= 0 ? seconds * 1000 : undefined;
}
