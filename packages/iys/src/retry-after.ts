/**
 * Milliseconds to wait from a `Retry-After` header (delta-seconds or an HTTP date, RFC 9110
 * §10.2.3), or `undefined` when absent or unreadable. İYS documents none; we honour it if sent.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only the HTTP-date form may be non-numeric; a bare negative or fractional number is invalid.
  if (/^[-+.\d\s]+$/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
