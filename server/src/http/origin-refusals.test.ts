// A page whose origin a site does not allow is refused loudly: the widget can read the
// refusal, the server counts it per site and origin (metric, one warn line an hour, the admin
// API's last 24 hours), and a hostile stream of Origin headers cannot grow what it keeps.
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capturedLogger } from '../captured-logger.test-support.js';
import type { ApiErrorBody } from './api-error.js';
import {
  OTHER_TOKEN,
  ORIGIN,
  TWO_TENANTS,
  makeHarness,
  postCapture,
  validCapture,
} from './app-harness.test-support.js';
import { MAX_ORIGINS_PER_SITE, OriginRefusals } from './origin-refusals.js';

const FOREIGN = 'https://kampanya.ornekkitabevi.com.tr';

describe('OriginRefusals', () => {
  it('counts per site and origin over the last 24 hours, and warns once an hour per origin', () => {
    let now = Date.UTC(2026, 11, 6, 10, 0, 0);
    const { logger, lines } = capturedLogger('warn');
    const refusals = new OriginRefusals({ logger, now: () => now });
    for (let i = 0; i < 3; i += 1) refusals.record('site-a', FOREIGN, 'widget config');
    refusals.record('site-b', FOREIGN, 'capture');
    expect(refusals.recent(['site-a'])).toEqual([
      { siteKey: 'site-a', origin: FOREIGN, count: 3, lastAt: new Date(now).toISOString() },
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.msg).toContain('allowedOrigins');
    now += 3_600_000;
    refusals.record('site-a', FOREIGN, 'widget config');
    expect(lines).toHaveLength(3);
    expect(refusals.recent(['site-a'])[0]!.count).toBe(4);
    // A day after the first three, only the later one is still counted; a day after that, none.
    now += 23 * 3_600_000;
    expect(refusals.recent(['site-a'])[0]!.count).toBe(1);
    now += 3_600_000;
    expect(refusals.recent(['site-a'])).toEqual([]);
  });

  it(`keeps at most ${MAX_ORIGINS_PER_SITE} origins per site and counts the rest as other`, () => {
    const refusals = new OriginRefusals();
    for (let i = 0; i < 10_000; i += 1)
      refusals.record('site-a', `https://x${i}.example`, 'capture');
    const recent = refusals.recent(['site-a']);
    expect(recent).toHaveLength(MAX_ORIGINS_PER_SITE + 1);
    expect(recent[0]).toMatchObject({ origin: 'other', count: 10_000 - MAX_ORIGINS_PER_SITE });
  });
});

describe('a refused origin over the API', () => {
  let h: Awaited<ReturnType<typeof makeHarness>>;
  beforeEach(async () => {
    h = await makeHarness({ config: TWO_TENANTS });
  });
  afterEach(async () => {
    await h.close();
  });

  const config = (origin?: string) =>
    h.app.request(`/v1/sites/${EXAMPLE_SITE_KEY}/widget?locale=tr`, {
      headers: origin ? { Origin: origin } : {},
    });

  it('the widget config refuses a page of another origin with a 403 the page can read, naming the setting', async () => {
    const response = await config(FOREIGN);
    expect(response.status).toBe(403);
    // Readable by that page (CORS), so the widget can say what happened.
    expect(response.headers.get('access-control-allow-origin')).toBe(FOREIGN);
    const { error } = (await response.json()) as ApiErrorBody;
    expect(error.code).toBe('origin.forbidden');
    expect(error.message).toContain('allowedOrigins');
    expect(error.issues?.[0]?.received).toContain(FOREIGN);
    // An allowed origin, and a same-origin page (no Origin header), get the config.
    expect((await config(ORIGIN)).status).toBe(200);
    expect((await config()).status).toBe(200);
  });

  it('counts refusals of the config and of captures in the metric and the admin API, per tenant', async () => {
    await config(FOREIGN);
    await config(FOREIGN);
    const capture = await postCapture(h.app, validCapture(), { Origin: FOREIGN });
    expect(capture.status).toBe(403);
    const metrics = await (await h.app.request('/metrics')).text();
    expect(metrics).toContain(`izinli_origin_refusals_total{site="${EXAMPLE_SITE_KEY}"} 3`);
    const mine = await h.app.request('/v1/admin/origins/refused', {
      headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` },
    });
    const { items } = (await mine.json()) as {
      items: { siteKey: string; origin: string; count: number }[];
    };
    expect(items.map(({ siteKey, origin, count }) => ({ siteKey, origin, count }))).toEqual([
      { siteKey: EXAMPLE_SITE_KEY, origin: FOREIGN, count: 3 },
    ]);
    // The other tenant sees none of the example site's refusals.
    const theirs = await h.app.request('/v1/admin/origins/refused', {
      headers: { Authorization: `Bearer ${OTHER_TOKEN}` },
    });
    expect(((await theirs.json()) as { items: unknown[] }).items).toEqual([]);
  });
});
