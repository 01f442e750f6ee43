// Long because: every view is checked on one seeded demo and browser; apart, each would seed one.
// The admin console end to end: the demo launched as `npm start` launches it, seeded
// with real captures (the demo's signup page and the capture API, delivered to the İYS
// simulator), driven in Debian's Chromium. Each view's figures are checked against the admin
// API; the evidence bundle is verified with the izinli CLI; a dead letter is retried; a
// withdrawal reaches the simulator. UPDATE_SCREENSHOTS=1 writes docs/screenshots/admin-*.png.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { DEEP_FOCUS, eventually } from './browser.test-support.js';
import { demoInChromium, expectNoAxeViolation } from './demo-browser.test-support.js';
import { REPO } from './demo-process.test-support.js';
import type { DemoProcess } from './demo-process.test-support.js';
import { adminApi, json, makeDeadLetter, postCapture, settled } from './admin-seed.test-support.js';
import type { DeadMovement, Stats } from './admin-seed.test-support.js';

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(REPO, 'docs/screenshots') : undefined;
const VIEWS = [
  'overview',
  'captures',
  'recipient',
  'deliveries',
  'keys',
  'reconciliation',
] as const;

let demo: DemoProcess;
const pages = demoInChromium((started) => (demo = started), {
  env: { CHECKPOINT_INTERVAL_SECONDS: '1' },
});
const ayse = { name: 'Ayşe Yılmaz', phone: '0532 765 43 21', email: 'ayse.yilmaz@ornek.com.tr' };
const SEEDED = 23;
let dead: DeadMovement;

interface CaptureSummary {
  captureId: string;
  channels?: { type: string; status?: string }[];
}
interface Page2<T> {
  items: T[];
  nextCursor?: string;
}

function newPage(options: { bypassCSP?: boolean; width?: number } = {}): Promise<Page> {
  return pages.newPage({
    baseURL: demo.server,
    viewport: { width: options.width ?? 1100, height: 900 },
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
}

async function signIn(page: Page, view: (typeof VIEWS)[number] = 'overview') {
  await page.goto(`/admin#/${view}`);
  await page.fill('#token', EXAMPLE_ADMIN_TOKEN);
  await page.click('#sign-in button[type=submit]');
  await page.locator('nav a[aria-current=page]').waitFor();
}

/** Opens a view from the navigation and waits for its content. */
async function open(page: Page, view: (typeof VIEWS)[number], ready: string) {
  await page.click(`#nav-${view}`);
  await page.locator(ready).first().waitFor();
}

const READY: Record<(typeof VIEWS)[number], string> = {
  overview: '#movement-states',
  captures: '#captures tbody tr',
  recipient: '#recipient-search',
  deliveries: '#movements-summary',
  keys: '#jwks tbody tr',
  reconciliation: '#subscriptions-title',
};

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `admin-${name}.png`), fullPage: true });
}

beforeAll(async () => {
  // One signup through the demo's page and its widget, then captures as the widget sends them.
  const page = await newPage();
  await page.goto(`${demo.pages}/`);
  await page.fill('#adSoyad', ayse.name);
  await page.fill('#telefon', ayse.phone);
  await page.fill('#eposta', ayse.email);
  await page.fill('#sifre', 'gizli-parola-123');
  await page.locator('izinli-consent input[data-channel="MESAJ"]').check();
  await page.locator('izinli-consent input[data-channel="EPOSTA"]').check();
  await Promise.all([page.waitForURL(/\/makbuz\.html\?id=/), page.click('button[type=submit]')]);
  for (let i = 1; i <= SEEDED; i++) {
    const n = String(i).padStart(2, '0');
    await postCapture(
      demo,
      { fullName: `Kişi ${n}`, email: `kisi${n}@ornek.com.tr`, phone: `0533 000 00 ${n}` },
      { EPOSTA: true, MESAJ: i % 3 === 0 },
    );
  }
  await settled(demo);
  // A citizen's refusal on İYS: pushed, then pulled, so the sync cursor moves.
  await json(`${demo.iys}/__sim/citizen/consents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      brandCode: 100000,
      recipient: 'kisi01@ornek.com.tr',
      type: 'EPOSTA',
      status: 'RET',
      source: 'IYS_WEB',
    }),
  });
  dead = await makeDeadLetter(demo, 'saat.kaymasi@ornek.com.tr');
  await eventually('the sync cursor and a checkpoint', async () => {
    const sync = await adminApi<{ brands: { cursorAt?: string }[] }>(demo, '/v1/admin/sync');
    const { checkpoints } = await json<{ checkpoints: unknown[] }>(`${demo.server}/v1/checkpoints`);
    return sync.brands[0]?.cursorAt && checkpoints.length > 0 ? true : undefined;
  });
}, 90_000);

describe('the admin console at /admin', { timeout: 30_000 }, () => {
  it('is served under a strict CSP with nosniff, and the demo prints its URL', async () => {
    for (const path of ['/admin', '/admin/', '/admin/admin.js', '/admin/admin.css']) {
      const response = await fetch(`${demo.server}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toMatch(/^default-src 'self';/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const html = await (await fetch(`${demo.server}/admin`)).text();
    expect(html).not.toMatch(/<script>|<style|style=|\son[a-z]+=/i);
    expect(demo.output()).toContain(`${demo.pages}/admin`);
  });

  it('refuses a wrong token with the API’s 401 shown plainly; signs in; logout clears the token', async () => {
    const page = await newPage();
    await page.goto('/admin');
    await page.fill('#token', 'yanlis-belirtec');
    await page.click('#sign-in button[type=submit]');
    const error = page.locator('#sign-in-error');
    await expect.poll(() => error.textContent()).toContain('401');
    expect(await error.textContent()).toContain('admin.unauthorized');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(await page.locator('nav').count()).toBe(0);
    await shot(page, 'sign-in');

    await page.fill('#token', EXAMPLE_ADMIN_TOKEN);
    await page.click('#sign-in button[type=submit]');
    await page.locator('#movement-states').waitFor();
    expect(await page.evaluate('Object.values(sessionStorage)')).toEqual([EXAMPLE_ADMIN_TOKEN]);
    await page.reload();
    await page.locator('#movement-states').waitFor();
    await page.click('#logout');
    await page.locator('#token').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('signs in and moves between the views with the keyboard only', async () => {
    const page = await newPage();
    await page.goto('/admin');
    const tabTo = async (target: string) => {
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(DEEP_FOCUS)) === target) return;
      }
      throw new Error(`Tab never reached ${target}`);
    };
    await tabTo('token');
    await page.keyboard.type(EXAMPLE_ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('#movement-states').waitFor();
    for (const view of ['captures', 'recipient', 'deliveries', 'keys'] as const) {
      await tabTo(`nav-${view}`);
      await page.keyboard.press('Enter');
      await page.locator(READY[view]).first().waitFor();
      // The new view's heading takes the focus, as a page load would.
      expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
    }
  });
});

describe('the views’ figures, cross-checked with the admin API', { timeout: 30_000 }, () => {
  it('overview: movements by state, at risk, the per-day chart and the İYS sync', async () => {
    const page = await newPage();
    await signIn(page);
    const stats = await adminApi<Stats>(demo, '/v1/admin/movements/stats');
    for (const [state, count] of Object.entries(stats.byState)) {
      expect(await page.textContent(`#movement-states [data-state="${state}"] dd`), state).toBe(
        String(count),
      );
    }
    expect(stats.byState.dead).toBe(1);
    expect(await page.textContent('#at-risk-count')).toBe(String(stats.nearDeadline));
    // The chart's table: today's captures and deliveries (Turkey time) as the API lists them.
    const today = new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);
    const captures = await adminApi<Page2<{ receivedAt: string }>>(
      demo,
      '/v1/admin/captures?limit=500',
    );
    const turkeyDay = (iso: string) =>
      new Date(Date.parse(iso) + 3 * 3_600_000).toISOString().slice(0, 10);
    const delivered = await adminApi<Page2<{ creationDate?: string }>>(
      demo,
      '/v1/admin/movements?state=delivered&limit=1000',
    );
    const row = page.locator(`[data-chart-table] tr[data-day="${today}"]`);
    expect(await row.locator('[data-series=series-a]').textContent()).toBe(
      String(captures.items.filter((c) => turkeyDay(c.receivedAt) === today).length),
    );
    expect(await row.locator('[data-series=series-b]').textContent()).toBe(
      String(delivered.items.filter((m) => m.creationDate?.startsWith(today)).length),
    );
    expect(captures.items.length).toBe(SEEDED + 2);
    const sync = await adminApi<{ lastSyncAt: string; brands: { cursorAt: string }[] }>(
      demo,
      '/v1/admin/sync',
    );
    expect(await page.getAttribute('#sync [data-brand] dd', 'data-cursor-at')).toBe(
      sync.brands[0]!.cursorAt,
    );
    expect(await page.getAttribute('#sync [data-last-sync]', 'data-last-sync')).toBeTruthy();
    await shot(page, 'overview');
  });

  it('captures: pages follow the API’s cursor; date, channel and state filters as the API answers them', async () => {
    const page = await newPage();
    await signIn(page, 'captures');
    await page.locator('#captures tbody tr').first().waitFor();
    const first = await adminApi<Page2<CaptureSummary>>(demo, '/v1/admin/captures?limit=20');
    const second = await adminApi<Page2<CaptureSummary>>(
      demo,
      `/v1/admin/captures?limit=20&cursor=${first.nextCursor}`,
    );
    const ids = () =>
      page
        .locator('#captures tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-capture')));
    expect(await ids()).toEqual(first.items.map((c) => c.captureId));
    await shot(page, 'captures');
    await page.click('#next');
    await expect.poll(() => page.getAttribute('#captures-summary', 'data-page')).toBe('2');
    expect(await ids()).toEqual(second.items.map((c) => c.captureId));
    expect(second.nextCursor).toBeUndefined();
    expect(await page.isDisabled('#next')).toBe(true);
    await page.click('#previous');
    await expect.poll(() => page.getAttribute('#captures-summary', 'data-page')).toBe('1');
    expect(await ids()).toEqual(first.items.map((c) => c.captureId));

    // Channel and state, on the server: the captures that moved MESAJ, then those with EPOSTA
    // delivered; each page as the API answers it.
    await page.selectOption('select[name=channel]', 'MESAJ');
    await page.click('#capture-filters button[type=submit]');
    const withMesaj = await adminApi<Page2<CaptureSummary>>(
      demo,
      '/v1/admin/captures?limit=20&channel=MESAJ',
    );
    expect(withMesaj.items.length).toBeGreaterThan(0);
    expect(
      withMesaj.items.every((c) => c.channels?.some((ch) => ch.type === 'MESAJ' && ch.status)),
    ).toBe(true);
    await expect.poll(ids).toEqual(withMesaj.items.map((c) => c.captureId));
    await page.selectOption('select[name=channel]', 'EPOSTA');
    await page.selectOption('select[name=state]', 'delivered');
    await page.click('#capture-filters button[type=submit]');
    const epostaDelivered = await adminApi<Page2<CaptureSummary>>(
      demo,
      '/v1/admin/captures?limit=20&channel=EPOSTA&state=delivered',
    );
    await expect.poll(ids).toEqual(epostaDelivered.items.map((c) => c.captureId));
    // A day range before today: nothing.
    await page.selectOption('select[name=channel]', '');
    await page.selectOption('select[name=state]', '');
    await page.fill('input[name=from]', '2026-01-01');
    await page.fill('input[name=to]', '2026-01-31');
    await page.click('#capture-filters button[type=submit]');
    await expect.poll(() => page.getAttribute('#captures-summary', 'data-rows')).toBe('0');
  });

  it('deliveries: the dead letter with İYS’s H467 and Turkish message; retried, it is delivered', async () => {
    const page = await newPage();
    await signIn(page, 'deliveries');
    const row = page.locator(`#movements tr[data-movement="${dead.id}"]`);
    await row.waitFor();
    expect(await row.locator('code').textContent()).toBe('H467');
    expect(await row.textContent()).toContain('Üç iş günü öncesinde alınan izinler kaydedilemez');
    expect(await page.locator('#movements tbody tr').count()).toBe(1);
    await shot(page, 'deliveries');
    await row.locator('button[data-retry]').click();
    await page.locator('#deliveries-notice:not(:empty)').waitFor();
    await expect.poll(() => page.locator('#movements tbody tr').count()).toBe(0);
    const delivered = await eventually('the retried movement to be delivered', async () => {
      const { items } = await adminApi<Page2<{ id: string; state: string }>>(
        demo,
        '/v1/admin/movements?state=delivered&limit=1000',
      );
      return items.find((m) => m.id === dead.id);
    });
    expect(delivered.state).toBe('delivered');
    const onIys = await json<{ status: string }[]>(
      `${demo.iys}/__sim/consents?recipient=${encodeURIComponent(dead.recipient)}`,
    );
    expect(onIys).toEqual([expect.objectContaining({ status: 'ONAY', type: 'EPOSTA' })]);
  });

  it('A13: recipient: state per channel and the check API’s answer; the evidence bundle verifies with `izinli verify`', async () => {
    const page = await newPage();
    await signIn(page, 'recipient');
    await page.fill('#q', ayse.phone);
    await page.click('#recipient-search button[type=submit]');
    await page.locator('#current tbody tr').first().waitFor();
    for (const type of ['MESAJ', 'ARAMA']) {
      const check = await adminApi<{ allowed: boolean }>(
        demo,
        `/v1/check?type=${type}&recipient=${encodeURIComponent(ayse.phone)}`,
      );
      expect(
        await page.getAttribute(`#current tr[data-channel=${type}]`, 'data-allowed'),
        type,
      ).toBe(String(check.allowed));
    }
    expect(await page.getAttribute('#current tr[data-channel=MESAJ]', 'data-allowed')).toBe('true');
    const timeline = await adminApi<{ events: { captureId: string }[] }>(
      demo,
      `/v1/admin/recipients/timeline?phone=${encodeURIComponent(ayse.phone)}`,
    );
    expect(
      await page
        .locator('#timeline > li[data-capture]')
        .evaluateAll((li) => li.map((l) => l.getAttribute('data-capture'))),
    ).toEqual(timeline.events.map((e) => e.captureId));
    await shot(page, 'recipient');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#evidence')]);
    const dir = mkdtempSync(join(tmpdir(), 'izinli-evidence-'));
    try {
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      expect(download.suggestedFilename()).toBe('izinli-evidence-+905327654321.json');
      const bundle = JSON.parse(readFileSync(file, 'utf8')) as {
        type: string;
        jwks: unknown;
        records: { captureId: string; receipt: string }[];
      };
      expect(bundle.type).toBe('izinli-evidence');
      expect(bundle.records.map((r) => r.captureId)).toEqual(
        timeline.events.map((e) => e.captureId),
      );
      writeFileSync(join(dir, 'jwks.json'), JSON.stringify(bundle.jwks));
      for (const [i, record] of bundle.records.entries()) {
        writeFileSync(join(dir, `receipt-${i}.jws`), record.receipt);
        const out = execFileSync(
          process.execPath,
          [
            join(REPO, 'server/dist/cli/main.js'),
            'verify',
            'receipt',
            `receipt-${i}.jws`,
            '--jwks',
            'jwks.json',
          ],
          { cwd: dir, encoding: 'utf8' },
        );
        expect(out).toContain('receipt verified');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('A10 A2: a citizen’s refusal made on İYS shows in the timeline, and the check refuses', async () => {
    const page = await newPage();
    await signIn(page, 'recipient');
    await page.fill('#q', 'kisi01@ornek.com.tr');
    await page.click('#recipient-search button[type=submit]');
    await page.locator('#timeline li[data-iys-change=EPOSTA][data-status=RET]').waitFor();
    const check = await adminApi<{ allowed: boolean; status: string }>(
      demo,
      '/v1/check?type=EPOSTA&recipient=kisi01%40ornek.com.tr',
    );
    expect(check).toMatchObject({ allowed: false, status: 'RET' });
    expect(await page.getAttribute('#current tr[data-channel=EPOSTA]', 'data-allowed')).toBe(
      'false',
    );
    expect(await page.getAttribute('#current tr[data-channel=EPOSTA] [data-iys]', 'data-iys')).toBe(
      'RET',
    );
  });

  it('A10 A11: a withdrawal recorded in the console reaches the simulator as RET', async () => {
    const page = await newPage();
    await signIn(page, 'recipient');
    await page.fill('#q', ayse.email);
    await page.click('#recipient-search button[type=submit]');
    await page.locator('#withdrawal').waitFor();
    await page.check('#withdrawal input[value=EPOSTA]');
    await page.selectOption('#withdrawal select[name=via]', 'call-centre');
    await page.click('#withdrawal button[type=submit]');
    await expect.poll(() => page.textContent('#recipient-notice')).toContain('1 RET');
    const consent = await eventually('RET on İYS for the e-mail', async () => {
      const [c] = await json<{ status: string; source: string }[]>(
        `${demo.iys}/__sim/consents?recipient=${encodeURIComponent(ayse.email)}`,
      );
      return c?.status === 'RET' ? c : undefined;
    });
    expect(consent.source).toBe('HS_CAGRI_MERKEZI');
    const withdrawals = await adminApi<Page2<unknown>>(demo, '/v1/admin/captures?kind=withdrawal');
    expect(withdrawals.items).toHaveLength(1);
  });

  it('A13: keys and checkpoints as the JWKS and /v1/checkpoints give them; the log verifies now', async () => {
    const page = await newPage();
    await signIn(page, 'keys');
    await page.locator('#checkpoints tbody tr').first().waitFor();
    const jwks = await json<{ keys: { kid: string }[] }>(`${demo.server}/.well-known/jwks.json`);
    expect(
      await page
        .locator('#jwks tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kid'))),
    ).toEqual(jwks.keys.map((k) => k.kid));
    const shown = await page
      .locator('#checkpoints tbody tr')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))));
    const { checkpoints } = await json<{ checkpoints: { seq: number }[] }>(
      `${demo.server}/v1/checkpoints?limit=5&siteKey=${'ornek-kitabevi-demo-0001'}`,
    );
    // The page loaded before the API call: a checkpoint signed in between may lead the API's list.
    expect(checkpoints.map((c) => c.seq)).toEqual(expect.arrayContaining(shown.slice(0, 1)));
    // A background job on the server: the console polls it until its report comes.
    await page.click('#verify-log');
    await expect
      .poll(() => page.getAttribute('#log-report', 'data-ok'), { timeout: 15_000 })
      .toBe('true');
    expect(await page.textContent('#log-report')).toMatch(/Günlük doğrulandı: \d+ kayıt/);
    // Reloaded, the page finds the finished job again.
    await page.reload();
    await expect
      .poll(() => page.getAttribute('#log-report', 'data-ok'), { timeout: 15_000 })
      .toBe('true');
    // A job still running (as a large log's would be): its progress line, from the job's figures.
    const running = {
      id: 'job-1',
      state: 'running',
      startedAt: new Date().toISOString(),
      progress: { checked: 250_000, total: 1_000_000 },
    };
    await page.route(/\/v1\/admin\/log\/verify(\/job-1)?$/, (route) =>
      route.fulfill({ json: running }),
    );
    await page.reload();
    await page.locator('#log-progress').waitFor();
    expect(await page.getAttribute('#log-report', 'data-state')).toBe('running');
    expect(await page.textContent('#log-progress')).toContain(
      'Doğrulanıyor: 250.000 / 1.000.000 kayıt denetlendi',
    );
    expect(await page.locator('#log-progress-bar').evaluate((e) => e.getAttribute('max'))).toBe(
      '100',
    );
    expect(await page.getAttribute('#verify-log', 'disabled')).toBe('');
    await page.unrouteAll();
    await shot(page, 'keys');
  });
});

describe('language, accessibility, small screens', { timeout: 40_000 }, () => {
  it('switches to English and back, or opens in English with ?lang=en; <html lang> follows', async () => {
    const page = await newPage();
    await signIn(page, 'deliveries');
    await page.selectOption('#state-filter', 'delivered');
    await page.locator('#movements tbody tr').first().waitFor();
    await page.click('header button[lang=en]');
    await expect.poll(() => page.textContent('main h1')).toBe('İYS deliveries');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.click('#nav-overview');
    await page.locator('#movement-states').waitFor();
    await shot(page, 'overview-en');
    await page.click('header button[lang=tr]');
    await expect.poll(() => page.textContent('main h1')).toBe('Genel bakış');
    expect(await page.getAttribute('html', 'lang')).toBe('tr');
    // ?lang=en opens the console in English.
    const english = await newPage();
    await english.goto('/admin?lang=en');
    await expect.poll(() => english.textContent('main h1')).toBe('Admin sign-in');
    expect(await english.getAttribute('html', 'lang')).toBe('en');
  });

  it('axe-core finds no violation on any view, and none needs a horizontal scroll at 360 px', async () => {
    // Playwright injects axe inline, so this page bypasses the CSP; every other runs under it.
    const page = await newPage({ bypassCSP: true, width: 360 });
    await page.goto('/admin');
    await page.locator('#token').waitFor();
    const axe = async (what: string) => {
      await expectNoAxeViolation(page, what);
      const width = await page.evaluate('document.documentElement.scrollWidth');
      expect(width, `${what} width`).toBeLessThanOrEqual(360);
    };
    await axe('sign-in');
    await page.fill('#token', EXAMPLE_ADMIN_TOKEN);
    await page.click('#sign-in button[type=submit]');
    await page.locator('#movement-states').waitFor();
    for (const view of VIEWS) {
      await open(page, view, READY[view]);
      if (view === 'recipient') {
        await page.fill('#q', ayse.phone);
        await page.click('#recipient-search button[type=submit]');
        await page.locator('#current tbody tr').first().waitFor();
      }
      await axe(view);
      if (view === 'overview') await shot(page, 'overview-360');
    }
  });

  it('raised no Content-Security-Policy violation on any page', () => {
    expect(pages.cspViolations).toEqual([]);
  });
});
