import { err, ok, type Result } from '@izinli/core';
import type { IysAnswer } from './classify-response.js';
import { IysError } from './iys-error.js';
import type { RateLimiter } from './rate-limiter.js';

/**
 * The one thing the client needs from `fetch`: a `Request` in, a `Response` out. Global `fetch`,
 * a Hono app's `app.fetch` and a test's fake all fit.
 */
export type FetchLike = (request: Request) => Promise<Response> | Response;

/** One HTTP exchange with İYS, described without its base URL. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, starting with `/`. */
  path: string;
  /** Query parameters; undefined ones are left out. */
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON when present. */
  body?: unknown;
  /** e.g. `{ authorization: 'Bearer …' }`. */
  headers?: Record<string, string>;
  /** The client call, for error messages. */
  operation: string;
  /**
   * `bytes`: a 2xx body is kept as raw bytes (a CSV file, a time-stamp response) instead of
   * parsed as JSON; error bodies are still parsed. Default `json`.
   */
  read?: 'json' | 'bytes';
}

/** Options of `createTransport`. */
export interface TransportOptions {
  baseUrl: string;
  fetch: FetchLike;
  rateLimiter: RateLimiter;
  requestTimeoutMs: number;
}

/** Sends requests paced by the rate limiter and bounded by a timeout; never throws for I/O. */
export interface Transport {
  send(request: TransportRequest): Promise<Result<IysAnswer, IysError>>;
}

/** Builds the transport every İYS call (token requests included) goes through. */
export function createTransport(options: TransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async send(req) {
      const url = new URL(base + req.path);
      for (const [key, value] of Object.entries(req.query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
      const headers = new Headers({ accept: 'application/json', ...req.headers });
      const init: RequestInit = { method: req.method, headers };
      if (req.body !== undefined) {
        headers.set('content-type', 'application/json');
        init.body = JSON.stringify(req.body);
      }
      // İYS counts every request against its per-IP limits, token requests included.
      await options.rateLimiter.acquire();
      const signal = AbortSignal.timeout(options.requestTimeoutMs);
      init.signal = signal;
      try {
        const response = await options.fetch(new Request(url, init));
        if (req.read === 'bytes' && response.status >= 200 && response.status < 300) {
          const bytes = new Uint8Array(await response.arrayBuffer());
          return ok({
            status: response.status,
            headers: response.headers,
            body: undefined,
            malformed: false,
            bytes,
          });
        }
        const text = await response.text();
        let body: unknown;
        let malformed = false;
        if (text.trim() !== '') {
          try {
            body = JSON.parse(text);
          } catch {
            malformed = true;
          }
        }
        return ok({ status: response.status, headers: response.headers, body, malformed });
      } catch (cause) {
        const timedOut = isTimeout(cause) || (signal.aborted && isTimeout(signal.reason));
        return err(
          new IysError({
            kind: timedOut ? 'timeout' : 'network',
            status: 0,
            operation: req.operation,
            // Whether the request reached İYS is unknown; callers treat it as "maybe sent".
            sent: true,
            detail: timedOut
              ? `no answer within ${options.requestTimeoutMs} ms`
              : cause instanceof Error
                ? cause.message
                : String(cause),
            cause,
          }),
        );
      }
    },
  };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}
