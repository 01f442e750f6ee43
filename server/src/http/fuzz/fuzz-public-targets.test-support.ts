// Fuzz targets of the public surface: POST /v1/captures (raw bodies, hostile JSON, mutated valid
// captures, hostile headers, replays), the widget config, the proof and ops endpoints, and paths
// no route serves.
import { randomUUID } from 'node:crypto';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import fc from 'fast-check';
import { expect } from 'vitest';
import { verifyReceipt } from '../../proof/index.js';
import { ORIGIN, postCapture, validCapture } from '../app-harness.test-support.js';
import { fuzzCase, fuzzJsonBodies } from './fuzz-harness.test-support.js';
import type { FuzzHarness, Run } from './fuzz-harness.test-support.js';
import {
  PAYLOADS,
  headerString,
  hostileString,
  mutate,
  mutation,
  uri,
} from './fuzz-inputs.test-support.js';

/** A 2xx capture answer carries a receipt that verifies and names the capture. */
async function receiptVerifies(h: FuzzHarness, body: unknown) {
  const { captureId, receipt } = body as { captureId: string; receipt: string };
  const verified = await verifyReceipt(receipt, h.ring.jwks());
  expect(verified.ok, JSON.stringify(verified)).toBe(true);
  if (verified.ok) expect(verified.value.captureId).toBe(captureId);
}

/** POST /v1/captures with bodies and headers no widget sends. */
export async function fuzzCaptures(h: FuzzHarness, run: Run, scale: number) {
  const accepted = {
    accept: [200, 201],
    writes: true,
    onAccepted: (_: Response, body: unknown) => receiptVerifies(h, body),
  };
  await fuzzJsonBodies(h, run, {
    name: 'captures',
    valid: validCapture,
    send: (text) => postCapture(h.app, text),
    runs: { raw: 600 * scale, hostile: 600 * scale, mutated: 1200 * scale },
    maxMutations: 4,
    accepted,
  });
  // Replays: the same id with the identical body is a 200 with the same receipt, any other a 409.
  const stored = validCapture();
  const first = await postCapture(h.app, stored);
  expect(first.status).toBe(201);
  const firstReceipt = ((await first.json()) as { receipt: string }).receipt;
  await run(fc.array(mutation, { minLength: 1, maxLength: 2 }), 300 * scale, (mutations) =>
    fuzzCase(h, 'captures: replay mutated', () => postCapture(h.app, mutate(stored, mutations)), {
      accept: [200],
      onAccepted: (_, body) => {
        expect((body as { receipt: string }).receipt).toBe(firstReceipt);
      },
    }),
  );
  const headers = fc.record(
    {
      origin: fc.oneof(
        headerString,
        fc.constantFrom('null', `${ORIGIN}/`, ORIGIN.toUpperCase(), `${ORIGIN}.kotu.example`),
      ),
      'content-type': fc.oneof(
        headerString,
        fc.constantFrom(
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'APPLICATION/JSON',
        ),
      ),
      'user-agent': headerString,
      'accept-language': headerString,
      'x-forwarded-for': headerString,
    },
    { requiredKeys: [] },
  );
  await run(headers, 600 * scale, (given) =>
    fuzzCase(
      h,
      'captures: hostile headers',
      () =>
        h.app.request('/v1/captures', {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN, ...given },
          body: JSON.stringify({ ...validCapture(), id: randomUUID() }),
        }),
      accepted,
    ),
  );
  await run(fc.integer({ min: 64 * 1024 + 1, max: 300 * 1024 }), 20 * scale, (size) =>
    fuzzCase(h, 'captures: oversized', async () => {
      const response = await postCapture(h.app, `{"id":"${'x'.repeat(size)}"}`);
      expect(response.status).toBe(413);
      return response;
    }),
  );
}

/** GET /v1/sites/{siteKey}/widget with keys, languages and validators no widget sends. */
export async function fuzzWidget(h: FuzzHarness, run: Run, scale: number) {
  const siteKey = fc.oneof(
    hostileString,
    fc.constantFrom(
      EXAMPLE_SITE_KEY,
      EXAMPLE_SITE_KEY.toUpperCase(),
      EXAMPLE_SITE_KEY.replace('i', 'İ'),
      EXAMPLE_SITE_KEY.replace('i', 'ı'),
      EXAMPLE_SITE_KEY.replace('0', 'О'),
      `${EXAMPLE_SITE_KEY}\u200f`,
      `${EXAMPLE_SITE_KEY}%00`,
    ),
  );
  const locale = fc.option(
    fc.oneof(hostileString, fc.constantFrom('tr', 'en', 'TR', 'de', 'tr-TR')),
  );
  const etag = fc.option(headerString);
  await run(fc.tuple(siteKey, locale, etag), 1200 * scale, ([key, lang, match]) =>
    fuzzCase(
      h,
      'widget config',
      () =>
        h.app.request(
          `/v1/sites/${uri(key)}/widget${lang === null ? '' : `?locale=${uri(lang)}`}`,
          { headers: { Origin: ORIGIN, ...(match === null ? {} : { 'If-None-Match': match }) } },
        ),
      { accept: [200, 304] },
    ),
  );
}

/** The proof and ops endpoints and unknown paths with hostile queries. */
export async function fuzzPublicReads(h: FuzzHarness, run: Run, scale: number) {
  const query = fc.dictionary(
    fc.oneof(
      fc.constantFrom('siteKey', 'limit', 'locale', '__proto__', 'constructor'),
      hostileString,
    ),
    fc.oneof(
      hostileString,
      fc.constantFrom('1', '0', '-1', '1000', '1001', '1e3', '0x10', EXAMPLE_SITE_KEY),
    ),
    { maxKeys: 3 },
  );
  const path = fc.constantFrom(
    '/v1/checkpoints',
    '/.well-known/jwks.json',
    '/healthz',
    '/readyz',
    '/metrics',
    '/openapi.json',
  );
  await run(fc.tuple(path, query), 700 * scale, ([where, params]) =>
    fuzzCase(
      h,
      `public read ${where}`,
      () => h.app.request(`${where}?${new URLSearchParams(params)}`),
      {
        accept: [200],
      },
    ),
  );
  const segments = fc.array(fc.oneof(hostileString, fc.constantFrom(...PAYLOADS, '..', '%2e%2e')), {
    minLength: 1,
    maxLength: 4,
  });
  const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH');
  await run(fc.tuple(method, segments), 500 * scale, ([verb, parts]) =>
    fuzzCase(h, 'unknown route', () =>
      h.app.request(`/${parts.map(uri).join('/')}`, {
        method: verb,
        ...(verb === 'GET' ? {} : { body: '{}' }),
      }),
    ),
  );
}
