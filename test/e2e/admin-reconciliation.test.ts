// The console's reconciliation view against the demo: the subscription check and each brand's
// reconciled days as the admin API lists them, in Turkish and English, with no axe-core
// violation. The worker's first pass comes one interval after the start (2 s here) and
// reconciles the completed days İYS keeps by the server's own clock: in a fresh demo seven empty
// days, six while yesterday settles (a capture taken now belongs to today, reconciled tomorrow).
import { describe, expect, it } from 'vitest';
import { eventually } from './browser.test-support.js';
import { consolePage, demoInChromium, expectNoAxeViolation } from './demo-browser.test-support.js';
import type { DemoProcess } from './demo-process.test-support.js';
import { adminApi } from './admin-seed.test-support.js';

let demo: DemoProcess;
const pages = demoInChromium((started) => (demo = started), {
  env: { RECONCILE_INTERVAL_SECONDS: '2' },
});
/** The days back İYS keeps, all reconciled by the first pass (the pass saves them one by one). */
const WINDOW_DAYS = 7;
/** How long after Turkish midnight the worker counts yesterday as settled (its settleMinutes). */
const SETTLE_HOURS = 2;

/**
 * The days the first pass reconciles when it runs at `at`: the window, less yesterday while
 * yesterday has not settled (00:00–02:00 Turkey time, 21:00–23:00 UTC).
 */
function daysDue(at: Date): number {
  const turkeyHour = (at.getUTCHours() + 3) % 24;
  return turkeyHour < SETTLE_HOURS ? WINDOW_DAYS - 1 : WINDOW_DAYS;
}

interface Overview {
  brands: { iysCode: number; brandCode: number; days: { day: string; state: string }[] }[];
  subscriptions: { iysCode: number; daysLeft?: number }[];
}

describe('the console’s reconciliation view', () => {
  it(
    'lists the subscription checks and each brand’s days as the API does, in both languages',
    { timeout: 120_000 },
    async () => {
      const due = daysDue(new Date());
      const overview = await eventually(
        'the first reconciliation pass',
        async () => {
          const o = await adminApi<Overview>(demo, '/v1/admin/reconciliation');
          const done = o.subscriptions.length > 0 && o.brands.every((b) => b.days.length >= due);
          return done ? o : undefined;
        },
        75_000,
      );

      const page = await consolePage(pages, demo, '/admin#/reconciliation');
      await page.locator('#subscriptions-title').waitFor();
      expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
      expect(await page.locator('h1').textContent()).toContain('Mutabakat');
      expect(await page.locator('#nav-reconciliation').getAttribute('aria-current')).toBe('page');

      for (const s of overview.subscriptions) {
        const row = page.locator(`#subscriptions tr[data-iys-code="${s.iysCode}"]`);
        expect(await row.count()).toBe(1);
        if (s.daysLeft !== undefined) expect(await row.textContent()).toContain(String(s.daysLeft));
      }
      for (const brand of overview.brands) {
        const id = `#days-${brand.iysCode}-${brand.brandCode}`;
        expect(await page.locator(`${id}-title`).count()).toBe(1);
        const states = await page
          .locator(`${id} tbody tr`)
          .evaluateAll((rows) => rows.map((r) => `${r.dataset.day}:${r.dataset.state}`));
        // Newest first, as the API lists them oldest first.
        expect(states).toEqual(brand.days.map((d) => `${d.day}:${d.state}`).reverse());
        if (brand.days.some((d) => d.state === 'empty'))
          expect(await page.locator(`${id} tbody`).textContent()).toContain('Hareket yok');
      }

      await expectNoAxeViolation(page, 'reconciliation tr');

      await page.click('button[aria-label]:not(#logout)');
      await expect.poll(() => page.locator('h1').textContent()).toContain('Reconciliation');
      expect(await page.locator('#subscriptions-title').textContent()).toContain(
        'İYS subscriptions',
      );
    },
  );
});
