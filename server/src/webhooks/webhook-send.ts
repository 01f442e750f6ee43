// One webhook attempt over HTTP and what it means: 2xx delivered, 410 gone (dead), any other
// status, a timeout or a network error is a failure to retry. Errors name a cause, never a body.
import type { SignedWebhook } from './webhook-request.js';
import type { TargetGuard } from './target-address.js';

/**
 * The fetch the worker uses: `guardedWebhookFetch` by default, which refuses private network
 * addresses at connect time unless the target's guard allows them.
 */
export type WebhookFetch = (
  url: string,
  init: RequestInit,
  guard?: TargetGuard,
) => Promise<Response>;

/** How one attempt went: the status when one came back, and a short cause when it failed. */
export type WebhookAttempt =
  | { kind: 'delivered'; status: number }
  | { kind: 'gone'; status: number; error: string }
  | { kind: 'failed'; status?: number; error: string };

/** POSTs `signed` to `url`, giving up after `timeoutMs`. Never rejects. */
export async function sendWebhook(
  fetchFn: WebhookFetch,
  url: string,
  signed: SignedWebhook,
  timeoutMs: number,
  guard: TargetGuard = { allowPrivateNetwork: false },
): Promise<WebhookAttempt> {
  try {
    const response = await fetchFn(
      url,
      {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      },
      guard,
    );
    // The body is not read: only the status matters, and it may hold anything.
    await response.body?.cancel().catch(() => undefined);
    const { status } = response;
    if (status >= 200 && status < 300) return { kind: 'delivered', status };
    if (status === 410) return { kind: 'gone', status, error: 'HTTP 410' };
    return { kind: 'failed', status, error: `HTTP ${status}` };
  } catch (error) {
    return { kind: 'failed', error: failureCause(error) };
  }
}

/** `timeout`, or `network: <code>` from the error's cause (no URL, no body). */
export function failureCause(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: unknown; name?: unknown } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  const code = e?.cause?.code ?? e?.cause?.name ?? e?.name ?? 'error';
  return `network: ${String(code).slice(0, 60)}`;
}
