// Captures for the cross-process tests: valid bodies for the example site (or a clone of it under
// another site key), posting them as a browser would, a concurrent load, and admin API reads.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { CaptureRecord, checkCaptureChain } from '@izinli/core';
import {
  EXAMPLE_ADMIN_TOKEN,
  EXAMPLE_SITE_KEY,
  exampleServerConfig,
  exampleShownNotice,
  exampleSiteConfig,
} from '@izinli/core/fixtures';

/** An origin every example site allows. */
export const ORIGIN = 'https://www.ornekkitabevi.com.tr';

/** The second site of `twoSiteServerConfig`: the example site under another key. */
export const SECOND_SITE_KEY = 'ornek-kitabevi-demo-0002';

/** The example config with a second site (a clone of the example site) in the same tenant. */
export const twoSiteServerConfig = {
  ...exampleServerConfig,
  tenants: exampleServerConfig.tenants.map((tenant, i) =>
    i === 0
      ? { ...tenant, sites: [...tenant.sites, { ...exampleSiteConfig, siteKey: SECOND_SITE_KEY }] }
      : tenant,
  ),
};

/** A capture body the example site accepts; `i` makes the person and phone distinct. */
export function captureBody(i: number, siteKey: string = EXAMPLE_SITE_KEY) {
  return {
    id: randomUUID(),
    siteKey,
    locale: 'tr',
    person: { fullName: `Kişi Numara${i}`, phone: `0532 ${String(1000000 + i).slice(-7)}` },
    channels: { MESAJ: true, ARAMA: i % 2 === 0 },
    purposes: {},
    notices: [exampleShownNotice('kvkk-aydinlatma'), exampleShownNotice('etk-onay')],
    widgetVersion: '1.0.0',
  };
}

/** POSTs a capture to `/v1/captures` as the site's page would. */
export function postCapture(baseUrl: string, body: { id: string }): Promise<Response> {
  return fetch(`${baseUrl}/v1/captures`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
    body: JSON.stringify(body),
  });
}

/** An answer to a capture, read whole (for fault tests that look at refusals). */
export interface CaptureAnswer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  text: string;
}

/** POSTs a capture as `postCapture` does, giving up after `timeoutMs`; the answer read whole. */
export async function postCaptureAnswer(
  baseUrl: string,
  body: { id: string },
  timeoutMs: number,
): Promise<CaptureAnswer> {
  const response = await fetch(`${baseUrl}/v1/captures`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    retryAfter: response.headers.get('retry-after'),
    text: await response.text(),
  };
}

/** Waits until `done()`, failing with `what` after `ms`. */
export async function waitFor(what: string, done: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** GETs an admin API path with the example tenant's token. */
export function adminGet(baseUrl: string, path: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` },
  });
}

/** Every capture record the server holds, read page by page through the admin API, by seq. */
export async function adminRecords(baseUrl: string): Promise<CaptureRecord[]> {
  const records: CaptureRecord[] = [];
  let cursor: string | undefined;
  do {
    const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = (await (
      await adminGet(baseUrl, `/v1/admin/captures?limit=500${query}`)
    ).json()) as {
      items: { captureId: string }[];
      nextCursor?: string;
    };
    for (const item of page.items) {
      const one = (await (
        await adminGet(baseUrl, `/v1/admin/captures/${item.captureId}`)
      ).json()) as {
        record: unknown;
      };
      records.push(CaptureRecord.parse(one.record));
    }
    cursor = page.nextCursor;
  } while (cursor);
  return records.sort((a, b) => a.seq - b.seq);
}

/** The server's public JWKS. */
export async function fetchJwks(baseUrl: string): Promise<{ keys: unknown[] }> {
  const response = await fetch(`${baseUrl}/.well-known/jwks.json`);
  if (!response.ok) throw new Error(`JWKS: ${response.status}`);
  return (await response.json()) as { keys: unknown[] };
}

/** What a load saw, request by request. */
export interface LoadResult {
  /** Ids answered 2xx, with the site they were sent for. */
  acknowledged: { id: string; siteKey: string }[];
  /** Requests answered with anything else: `status: body`. */
  failures: string[];
  /** Requests that got no answer (connection refused or reset). */
  noAnswer: number;
  sent: number;
}

/** A running load: `result` fills in as answers come; `done` resolves when every worker stopped. */
export interface Load {
  result: LoadResult;
  /** Requests sent and not yet answered (or failed). */
  inFlight(): number;
  done: Promise<LoadResult>;
}

/**
 * Posts captures from `workers` concurrent loops until `next` returns undefined. A request that
 * gets no answer goes to `onNoAnswer`, which rethrows by default (failing the load).
 */
export function startLoad(options: {
  workers: number;
  /** The n-th request's target and body, or undefined to stop the worker that asks. */
  next: (n: number) => { url: string; body: { id: string; siteKey: string } } | undefined;
  onNoAnswer?: (error: unknown) => void | Promise<void>;
}): Load {
  const result: LoadResult = { acknowledged: [], failures: [], noAnswer: 0, sent: 0 };
  let inFlight = 0;
  const onNoAnswer =
    options.onNoAnswer ??
    ((error: unknown) => {
      throw error;
    });
  const worker = async () => {
    for (;;) {
      const request = options.next(result.sent);
      if (!request) return;
      result.sent += 1;
      inFlight += 1;
      let failed: unknown;
      try {
        const response = await postCapture(request.url, request.body);
        const text = await response.text();
        if (response.ok) {
          result.acknowledged.push({ id: request.body.id, siteKey: request.body.siteKey });
        } else result.failures.push(`${response.status}: ${text}`);
      } catch (error) {
        result.noAnswer += 1;
        failed = error;
      } finally {
        inFlight -= 1;
      }
      if (failed !== undefined) await onNoAnswer(failed);
    }
  };
  const done = Promise.all(Array.from({ length: options.workers }, worker)).then(() => result);
  return { result, inFlight: () => inFlight, done };
}

/** Parses stored records (`record` column text) and sorts them by seq. */
export function parseRecords(texts: readonly string[]): CaptureRecord[] {
  return texts.map((t) => CaptureRecord.parse(JSON.parse(t))).sort((a, b) => a.seq - b.seq);
}

/**
 * `records` (by seq) are one unbroken chain: seq 1..N with no gap, every prevHash the previous
 * recordHash, every hash its content's.
 */
export async function expectUnbrokenChain(
  records: readonly CaptureRecord[],
  what?: string,
): Promise<void> {
  expect(
    records.map((r) => r.seq),
    what,
  ).toEqual(records.map((_, i) => i + 1));
  expect(await checkCaptureChain(records), what).toEqual([]);
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
