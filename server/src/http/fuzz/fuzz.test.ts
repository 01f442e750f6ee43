// Property-based and mutation fuzzing of every endpoint, in process: every answer is a
// 4xx JSON error saying what was expected (or a documented 2xx for a still-valid input, which is
// then checked), never a 5xx; a refusal writes no row; Object.prototype stays clean; /healthz
// still answers after the run. The seed is fixed (FUZZ_SEED overrides it) and fast-check prints
// it with the failing input; FUZZ_SCALE multiplies the runs.
import { checkCaptureChain } from '@izinli/core';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fuzzAdminAuth,
  fuzzAdminReads,
  fuzzAdminWrites,
} from './fuzz-admin-targets.test-support.js';
import { expectUnpolluted, makeFuzzHarness } from './fuzz-harness.test-support.js';
import type { FuzzHarness, Run } from './fuzz-harness.test-support.js';
import { fuzzIysPush, fuzzWithdrawLink } from './fuzz-link-targets.test-support.js';
import { fuzzCaptures, fuzzPublicReads, fuzzWidget } from './fuzz-public-targets.test-support.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/** The fewest cases a full-scale run must try (scaled down with FUZZ_SCALE below 1). */
const MIN_CASES = 10_000;

let h: FuzzHarness;
const run: Run = async (arbitrary, numRuns, check) => {
  await fc.assert(fc.asyncProperty(arbitrary, check), { seed: SEED, numRuns, endOnFailure: true });
};

beforeAll(async () => {
  h = await makeFuzzHarness();
});
afterAll(async () => {
  const targets = [...h.counts.byTarget].map(([t, n]) => `  ${t}: ${n}`).join('\n');
  console.log(
    `fuzz (seed ${SEED}): ${h.counts.cases} cases, ${h.counts.refused} refused, ${h.counts.accepted} accepted\n${targets}`,
  );
  await h.close();
});

describe('fuzzing every endpoint', { timeout: 120_000 }, () => {
  // Each target sends its own hostile inputs through `run`, in this order (one harness for all).
  const TARGETS: [string, typeof fuzzCaptures][] = [
    [
      'POST /v1/captures: raw, hostile, mutated, oversized bodies, hostile headers and replays',
      fuzzCaptures,
    ],
    [
      'GET /v1/sites/{siteKey}/widget: confusable keys, hostile languages and validators',
      fuzzWidget,
    ],
    [
      'the proof and ops endpoints and unknown routes with hostile queries and paths',
      fuzzPublicReads,
    ],
    ['the admin reads with a valid token: hostile filters, ids and cursors', fuzzAdminReads],
    ['the admin auth: any Authorization but a configured token is a 401', fuzzAdminAuth],
    ['the admin writes: withdrawals, withdrawal links and the batch check', fuzzAdminWrites],
    [
      'the withdrawal link: hostile, cut and altered tokens on the page and the button',
      fuzzWithdrawLink,
    ],
    ['İYS push: hostile Basic auth, then hostile bodies with the right credentials', fuzzIysPush],
  ];
  it.each(TARGETS)('%s', async (_, target) => {
    await target(h, run, SCALE);
  });

  it(`tried at least ${MIN_CASES} cases; the app is still healthy and unpolluted, every chain unbroken (A13)`, async () => {
    expect(h.counts.cases).toBeGreaterThanOrEqual(MIN_CASES * Math.min(1, SCALE));
    const health = await h.app.request('/healthz');
    expect(health.status).toBe(200);
    const ready = await h.app.request('/readyz');
    expect(ready.status).toBe(200);
    expectUnpolluted();
    // What the still-valid inputs wrote forms one unbroken chain per site (A13).
    for (const siteKey of h.config.sites.keys()) {
      const chain = [];
      for await (const stored of h.store.chain(siteKey)) chain.push(stored.record!);
      expect(await checkCaptureChain(chain), siteKey).toEqual([]);
      if (siteKey === EXAMPLE_SITE_KEY) expect(chain.length).toBeGreaterThan(100);
    }
  });
});
