// Reading the verification routes' answers (docs/verification.md#http) without trusting their
// exact shape: where `attemptsLeft` sits and how a wait is said may differ between versions.

/** A verification route's answer: status and JSON body, or undefined when the network failed. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** Milliseconds the server asks to wait (`Retry-After`), if it said. */
  retryAfter?: number;
}

type Loose = Record<string, unknown> | undefined;

const numberIn = (...values: unknown[]): number | undefined =>
  values.find((v): v is number => typeof v === 'number' && v >= 0);

/**
 * Tries left after a wrong code: in the error's first problem's `params`, on the error itself, or
 * at the top of the body; undefined when none says.
 */
export function attemptsLeftOf(body: Record<string, unknown>): number | undefined {
  const error = body.error as Loose;
  const problems = (error?.problems ?? error?.issues) as Loose[] | undefined;
  const params = problems?.[0]?.params as Loose;
  return numberIn(params?.attemptsLeft, error?.attemptsLeft, body.attemptsLeft);
}

/** The error code of a failed answer, '' when there is none. */
export const errorCodeOf = (body: Record<string, unknown>): string =>
  String((body.error as Loose)?.code ?? '');

/** A time the server named (ISO), as ms since the epoch, or `fallback` when unreadable. */
export function timeOf(value: unknown, fallback: number): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? fallback : ms;
}

/** POSTs JSON from the page's origin, without credentials, as the capture does. */
export async function postJson(url: string, body: unknown = {}): Promise<Answer | undefined> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  } catch {
    return undefined;
  }
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const seconds = Number(response.headers.get('Retry-After'));
  return {
    status: response.status,
    body: json && typeof json === 'object' ? json : {},
    ...(seconds > 0 ? { retryAfter: seconds * 1000 } : {}),
  };
}
