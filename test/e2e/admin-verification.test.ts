// Verified consent in the admin console (docs/admin-console.md#verified-consent-in-the-console):
// on the demo with verification on, a person confirms MESAJ by the code texted to them and never
// opens the e-mailed link, whose hold then ends (moved back in the demo's database). The captures
// list, the recipient's timeline and the printable evidence page say "confirmed by code" for
// MESAJ and "expired — not sent to İYS" for EPOSTA, in Turkish and English, with no axe-core
// violation; the evidence bundle carries the confirmation record and verifies.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminApi } from './admin-seed.test-support.js';
import { eventually } from './browser.test-support.js';
import {
  consolePage,
  demoInChromium,
  expectNoAxeViolation as axe,
} from './demo-browser.test-support.js';
import { codeIn, demoInbox, openSignup } from './demo-inbox.test-support.js';
import type { DemoProcess } from './demo-process.test-support.js';

let demo: DemoProcess;
const pages = demoInChromium((started) => (demo = started), {
  env: { DEMO_VERIFICATION: 'on' },
});
const selin = { name: 'Selin Konsol', phone: '0536 222 33 44', e164: '+905362223344' };
const selinEmail = 'selin.konsol@ornek.com.tr';
let captureId: string;
let confirmationId: string;

interface Held {
  channel: string;
  state: string;
  confirmationId?: string;
}

beforeAll(async () => {
  // MESAJ by the code the bookshop's receiver texted; EPOSTA ticked, its link never opened.
  const { page, w } = await openSignup(pages, demo, selin, selinEmail, ['MESAJ', 'EPOSTA']);
  await w.sendCode().click();
  const sms = await eventually(
    'the code',
    async () => (await demoInbox(demo).smsTo(selin.e164))[0],
  );
  await w.codeField().fill(codeIn(sms.text)!);
  await w.verify().click();
  await eventually('the widget to confirm the code', async () =>
    (await w.says('MESAJ').textContent())?.includes('Doğrulandı') ? true : undefined,
  );
  await Promise.all([page.waitForURL(/\/makbuz\.html\?id=/), page.click('button[type=submit]')]);
  captureId = new URL(page.url()).searchParams.get('id')!;
  await eventually('the link e-mail', async () => (await demoInbox(demo).mailsTo(selinEmail))[0]);
  const db = new Database(join(demo.dataDir, 'izinli.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(
      `UPDATE verifications SET hold_until = ? WHERE capture_id = ? AND state = 'pending'`,
    ).run(new Date(Date.now() - 60_000).toISOString(), captureId);
  } finally {
    db.close();
  }
  const held = await eventually('MESAJ confirmed and EPOSTA expired', async () => {
    const { items } = await adminApi<{ items: { captureId: string; held?: Held[] }[] }>(
      demo,
      '/v1/admin/captures?held=expired',
    );
    const row = items.find((i) => i.captureId === captureId)?.held;
    const states = row?.map((h) => `${h.channel}:${h.state}`).join(' ');
    return states === 'MESAJ:confirmed EPOSTA:expired' && row?.[0]?.confirmationId
      ? row
      : undefined;
  });
  confirmationId = held[0]!.confirmationId!;
}, 90_000);

async function signedIn(lang: 'tr' | 'en', view: string): Promise<Page> {
  const page = await consolePage(pages, demo, `/admin?lang=${lang}#/${view}`, {
    viewport: { width: 1100, height: 900 },
  });
  await page.locator('nav a[aria-current=page]').waitFor();
  return page;
}

describe('verified consent in the console', { timeout: 60_000 }, () => {
  it('the captures list: MESAJ confirmed by code, EPOSTA expired and not sent, filtered by either; axe 0', async () => {
    const page = await signedIn('tr', 'captures');
    const row = page.locator(`tr[data-capture="${captureId}"]`);
    await row.waitFor();
    expect(await row.locator('.held').getAttribute('data-held')).toBe(
      'MESAJ:confirmed EPOSTA:expired',
    );
    const text = await row.innerText();
    expect(text).toContain('Doğrulandı (kod,');
    expect(text).toContain('Süresi doldu — İYS’ye gönderilmedi');
    await page.selectOption('select[name=held]', 'expired');
    await page.click('#capture-filters button[type=submit]');
    await expect.poll(() => page.locator('#captures tbody tr[data-capture]').count()).toBe(1);
    // The confirmation records are listed when their kind is asked for.
    await page.selectOption('select[name=held]', '');
    await page.selectOption('select[name=kind]', 'confirmation');
    await page.click('#capture-filters button[type=submit]');
    const confirmation = page.locator(`tr[data-capture="${confirmationId}"]`);
    await confirmation.waitFor();
    expect(await confirmation.innerText()).toContain('Doğrulama');
    expect(await confirmation.innerText()).toContain('SMS ONAY');
    await axe(page, 'captures tr');
  });

  it('English: the same states in English; axe 0', async () => {
    const page = await signedIn('en', 'captures');
    const row = page.locator(`tr[data-capture="${captureId}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Confirmed (code,');
    expect(text).toContain('Expired — not sent to İYS');
    await axe(page, 'captures en');
  });

  it('the timeline and the evidence page name who confirmed, and the bundle verifies', async () => {
    const page = await signedIn('tr', 'recipient');
    await page.fill('#q', selin.phone);
    await page.click('#recipient-search button[type=submit]');
    const confirmation = page.locator(`#timeline li[data-capture="${confirmationId}"]`);
    await confirmation.waitFor();
    expect(await confirmation.innerText()).toContain('Adres sahibi SMS iznini kod ile doğruladı');
    expect(
      await page
        .locator(`#timeline li[data-capture="${captureId}"] .held`)
        .getAttribute('data-held'),
    ).toBe('MESAJ:confirmed');
    await page.click('#evidence-page-link');
    await page.locator('#evidence-summary').waitFor();
    expect(await page.getAttribute('#evidence-summary', 'data-ok')).toBe('true');
    const record = page.locator(`.evidence-record[data-capture="${captureId}"]`);
    expect(await record.locator('[data-held="MESAJ:confirmed"]').innerText()).toContain(
      'Doğrulandı (kod,',
    );
    expect(await record.locator('[data-held="EPOSTA:expired"]').innerText()).toBe(
      'Süresi doldu — İYS’ye gönderilmedi',
    );
    const confirmed = page.locator(`.evidence-record[data-capture="${confirmationId}"]`);
    expect(await confirmed.locator('[data-receipt=verified]').count()).toBe(1);
    expect(await confirmed.innerText()).toContain('Doğruladığı kayıt');
    await axe(page, 'evidence tr');
  });
});
