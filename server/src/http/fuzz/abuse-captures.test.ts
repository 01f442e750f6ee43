// Abuse of the public capture API: forged captures from a disallowed origin or with a
// wrong or missing site key write nothing; replays give the same receipt or a 409; a flood of
// garbage from one IP is cut off by the per-IP limit before it is even parsed, recovers when the
// window passes (injected clock, no sleeping), and leaves other IPs alone; a flood for one site
// across many IPs meets the per-site limit. (captures-errors.test.ts checks the basic 429s.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../api-error.js';
import { ORIGIN, makeHarness, postCapture, validCapture } from '../app-harness.test-support.js';
import { makeFuzzHarness } from './fuzz-harness.test-support.js';
import type { FuzzHarness } from './fuzz-harness.test-support.js';

let h: FuzzHarness;
let clock: number;

const makeLimited = (limits: { perIpPerMinute: number; perSitePerMinute: number }) =>
  makeHarness({ limits, now: () => new Date(clock) });

beforeEach(async () => {
  clock = Date.parse('2026-11-26T09:15:00.000Z');
  h = await makeFuzzHarness();
});
afterEach(async () => {
  await h.close();
});

describe('forged captures write nothing', () => {
  const cases: [string, () => Promise<Response>, number, string][] = [
    [
      'from a disallowed origin',
      () => postCapture(h.app, validCapture(), { Origin: 'https://kotu.example' }),
      403,
      'origin.forbidden',
    ],
    [
      'from a look-alike origin',
      () => postCapture(h.app, validCapture(), { Origin: `${ORIGIN}.kotu.example` }),
      403,
      'origin.forbidden',
    ],
    [
      'without an Origin (a script, not a browser)',
      () =>
        Promise.resolve(
          h.app.request('/v1/captures', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(validCapture()),
          }),
        ),
      403,
      'origin.forbidden',
    ],
    [
      'with an unknown site key',
      () => postCapture(h.app, validCapture({ siteKey: 'baska-bir-sitenin-anahtari' })),
      404,
      'site.unknown',
    ],
    [
      'without a site key',
      () => {
        const { siteKey: _, ...rest } = validCapture();
        return postCapture(h.app, rest);
      },
      422,
      'capture.invalid',
    ],
  ];
  for (const [what, send, status, code] of cases) {
    it(`refuses a capture ${what} with ${status} ${code}`, async () => {
      const before = h.rows();
      const response = await send();
      expect(response.status).toBe(status);
      const body = (await response.json()) as ApiErrorBody;
      expect(body.error.code).toBe(code);
      expect(body.error.issues?.[0]?.expected).toBeTruthy();
      expect(h.rows()).toBe(before);
    });
  }
});

describe('bodies built to break the parser', () => {
  it('answers a body nested past the stack, with or without its own toString, with 422, not 503 (found by the fuzzer)', async () => {
    const before = h.rows();
    for (const body of [
      `${'['.repeat(25_000)}${']'.repeat(25_000)}`,
      `{"siteKey":${'{"a":'.repeat(8_000)}1${'}'.repeat(8_000)}}`,
      `{"toString":1,"valueOf":2,"a":${'['.repeat(25_000)}${']'.repeat(25_000)}}`,
      `{"toString":1,"valueOf":2,"a":${'{"a":'.repeat(8_000)}1${'}'.repeat(8_000)}}`,
    ]) {
      const response = await postCapture(h.app, body);
      expect(response.status).toBe(422);
      expect(((await response.json()) as ApiErrorBody).error.code).toBe('capture.invalid');
    }
    expect(h.rows()).toBe(before);
  });
});

describe('replays', () => {
  it('answers the same id and body with the same receipt and no new row, another body with 409', async () => {
    const capture = validCapture();
    const first = await postCapture(h.app, capture);
    expect(first.status).toBe(201);
    const { receipt } = (await first.json()) as { receipt: string };
    const rows = h.rows();
    for (let i = 0; i < 3; i++) {
      const again = await postCapture(h.app, capture);
      expect(again.status).toBe(200);
      expect(((await again.json()) as { receipt: string }).receipt).toBe(receipt);
    }
    const other = await postCapture(h.app, {
      ...capture,
      channels: { MESAJ: false, ARAMA: false, EPOSTA: true },
    });
    expect(other.status).toBe(409);
    expect(((await other.json()) as ApiErrorBody).error.issues?.[0]?.path).toBe('id');
    expect(h.rows()).toBe(rows);
  });
});

describe('floods', () => {
  it('cuts a flood of garbage from one IP off before parsing it, recovers after Retry-After, spares other IPs', async () => {
    const limited = await makeLimited({ perIpPerMinute: 10, perSitePerMinute: 1000 });
    try {
      limited.setIp('203.0.113.66');
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await postCapture(limited.app, '{bozuk')).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
      expect(statuses.slice(10)).toEqual(Array(15).fill(429));
      // Even a valid capture from the flooding IP waits for the window.
      const held = await postCapture(limited.app, validCapture());
      expect(held.status).toBe(429);
      const retryAfter = Number(held.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(((await held.json()) as ApiErrorBody).error.code).toBe('rate.limited');
      limited.setIp('198.51.100.7');
      expect((await postCapture(limited.app, validCapture())).status).toBe(201);
      limited.setIp('203.0.113.66');
      clock += (retryAfter - 1) * 1000;
      expect((await postCapture(limited.app, validCapture())).status).toBe(429);
      clock += 1000;
      expect((await postCapture(limited.app, validCapture())).status).toBe(201);
    } finally {
      await limited.close();
    }
  });

  it('limits one site flooded from many IPs, and lets it capture again after the window', async () => {
    const limited = await makeLimited({ perIpPerMinute: 1000, perSitePerMinute: 5 });
    try {
      for (let i = 0; i < 5; i++) {
        limited.setIp(`198.51.100.${i + 1}`);
        expect((await postCapture(limited.app, validCapture())).status).toBe(201);
      }
      limited.setIp('198.51.100.99');
      const held = await postCapture(limited.app, validCapture());
      expect(held.status).toBe(429);
      expect(held.headers.get('retry-after')).toBe('60');
      // A refused capture does not count against the site: the limit sits after validation.
      const forged = await postCapture(limited.app, validCapture(), {
        Origin: 'https://kotu.example',
      });
      expect(forged.status).toBe(403);
      clock += 60_000;
      expect((await postCapture(limited.app, validCapture())).status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
