// The console when İYS refuses the whole account (the demo, its simulator's subscription closed):
// a banner on every page naming the account, İYS's code and what to change, in Turkish and
// English, with no axe-core violation; it goes away once İYS reopens the account and the server
// resumes by itself.
import { describe, expect, it } from 'vitest';
import { eventually } from './browser.test-support.js';
import { consolePage, demoInChromium, expectNoAxeViolation } from './demo-browser.test-support.js';
import type { DemoProcess } from './demo-process.test-support.js';
import { adminApi, postCapture } from './admin-seed.test-support.js';

let demo: DemoProcess;
const pages = demoInChromium((started) => (demo = started), { env: { IYS_PROBE_MS: '300' } });

interface Accounts {
  accounts: { iysCode: number; state: string }[];
}

const setAccount = async (state: string) => {
  const response = await fetch(`${demo.iys}/__sim/accounts/100000`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state }),
  });
  expect(response.status).toBe(200);
};

describe('the console while an İYS account is paused', () => {
  it('A18: shows on every page what İYS refused and what to change, in both languages, until İYS reopens it', async () => {
    await setAccount('closed');
    await postCapture(
      demo,
      { fullName: 'Zeynep Kaya', phone: '0533 111 22 33', email: 'zeynep@ornek.com.tr' },
      { EPOSTA: true },
    );
    await eventually('the account to pause', async () => {
      const sync = await adminApi<Accounts>(demo, '/v1/admin/sync');
      return sync.accounts.find((a) => a.state === 'paused');
    });

    const page = await consolePage(pages, demo, '/admin#/deliveries');
    const banner = page.locator('#account-banner');
    await banner.waitFor();
    const turkish = await banner.textContent();
    expect(turkish).toContain('100000');
    expect(turkish).toContain('H521');
    expect(turkish).toContain('İYS portalından');
    expect(await banner.getAttribute('role')).toBe('alert');
    await page.click('#nav-overview');
    await expect.poll(() => page.locator('#account-banner').count()).toBe(1);
    await expectNoAxeViolation(page, 'overview with the banner');
    await page.click('button[aria-label]:not(#logout)');
    await expect.poll(() => banner.textContent()).toContain('Deliveries to İYS are paused');
    expect(await banner.textContent()).toContain('İYS portal');

    await setAccount('active');
    await eventually('the account to resume', async () => {
      const sync = await adminApi<Accounts>(demo, '/v1/admin/sync');
      return sync.accounts.every((a) => a.state === 'active') ? true : undefined;
    });
    await page.reload();
    await page.locator('nav a[aria-current=page]').waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('#account-banner').count()).toBe(0);
  });
});
