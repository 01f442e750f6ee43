// A hand-written fake of İYS's HTTP side for unit tests: records every request and answers from a
// handler. Not exported from the package; the simulator (@izinli/iys-sim) is the faithful one.
import { expect } from 'vitest';
import type { FetchLike } from './transport.js';

/** A request as the fake saw it, body parsed from JSON. */
export interface RecordedRequest {
  method: string;
  url: URL;
  path: string;
  headers: Headers;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  /** The exact bytes sent, to check for `null`, `""` and unknown fields. */
  rawBody: string;
}

/** Builds a JSON response. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** İYS's error body with the given codes. */
export function iysErrors(status: number, ...codes: string[]): Response {
  return json(status, { errors: codes.map((code) => ({ code, message: `${code} message` })) });
}

/** A token answer like İYS's: the numbered tokens make rotation visible in tests. */
export function tokenAnswer(n: number, expiresIn = 7200, refreshExpiresIn = 14400): Response {
  return json(200, {
    access_token: `A${n}`,
    refresh_token: `R${n}`,
    expires_in: expiresIn,
    refresh_expires_in: refreshExpiresIn,
    token_type: 'bearer',
  });
}

/** A fake `fetch` answering from `handler`, plus the requests it received. */
export function fakeFetch(
  handler: (request: RecordedRequest, index: number) => Response | Promise<Response>,
): { fetch: FetchLike; calls: RecordedRequest[] } {
  const calls: RecordedRequest[] = [];
  const fetch: FetchLike = async (request) => {
    const rawBody = await request.text();
    const url = new URL(request.url);
    const recorded: RecordedRequest = {
      method: request.method,
      url,
      path: url.pathname,
      headers: request.headers,
      body: rawBody === '' ? undefined : JSON.parse(rawBody),
      rawBody,
    };
    calls.push(recorded);
    return handler(recorded, calls.length - 1);
  };
  return { fetch, calls };
}

/** A promise with its resolver exposed, to hold an answer back until a test releases it. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** The error of a result that must have failed. */
export function errorOf<E>(result: { ok: true } | { ok: false; error: E }): E {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}
