// The console's "Yeni izin" form end to end (A19): the demo as `npm start` launches it, driven in
// Debian's Chromium by keyboard — a call centre consent keyed in, recorded, signed and queued with
// its source — with axe-core finding nothing in Turkish and English.
// UPDATE_SCREENSHOTS=1 writes docs/screenshots/admin-consent-tr.png and -en.png.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEEP_FOCUS } from './browser.test-support.js';
import {
  consolePage,
  demoInChromium,
  expectNoAxeViolation as axe,
} from './demo-browser.test-support.js';
import { REPO } from './demo-process.test-support.js';
import type { DemoProcess } from './demo-process.test-support.js';
import { adminApi } from './admin-seed.test-support.js';

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(REPO, 'docs/screenshots') : undefined;

let demo: DemoProcess;
const pages = demoInChromium((started) => (demo = started), {}, 120_000);

/** An hour ago in Turkey time, as a datetime-local value with seconds. */
function anHourAgo(): string {
  const turkey = new Date(Date.now() - 3_600_000 + 3 * 3_600_000);
  return turkey.toISOString().slice(0, 19);
}

/** The form, signed in by keyboard; `lang` undefined: the console's own choice of language. */
async function openForm(lang: 'tr' | 'en' | undefined, viewport = { width: 1000, height: 1100 }) {
  const query = lang ? `?lang=${lang}` : '';
  const page = await consolePage(pages, demo, `/admin${query}#/consent`, {
    viewport,
    signInWith: 'Enter',
  });
  await page.locator('#consent-site option').first().waitFor({ state: 'attached' });
  return page;
}

const focused = (page: Page) => page.evaluate(DEEP_FOCUS) as Promise<string>;

/** Waits (up to 10 s) until `selector`'s text contains `text`: the server's answer shown. */
async function showsSoon(page: Page, selector: string, text: string) {
  await expect.poll(() => page.textContent(selector), { timeout: 10_000 }).toContain(text);
}

/** Presses `keys` in turn. */
async function press(page: Page, ...keys: string[]) {
  for (const key of keys) await page.keyboard.press(key);
}

/** Types `values` into the focused field and the ones after it, Tab between them. */
async function typeInTurn(page: Page, ...values: string[]) {
  for (const [i, value] of values.entries()) {
    if (i > 0) await page.keyboard.press('Tab');
    await page.keyboard.type(value);
  }
}

describe('admin console: Yeni izin', () => {
  it('A19: a call centre consent keyed in by keyboard is recorded and queued with its source', async () => {
    const page = await openForm('tr');
    expect(await page.textContent('main h1')).toBe('Yeni izin');
    await axe(page, 'consent tr');
    // From the heading, Tab walks the form in order.
    await page.focus('main h1');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('consent-site');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('consent-source');
    // Çağrı merkezi is the fourth source.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.locator('#consent-callId').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('consent-consentDate');
    await page.fill('#consent-consentDate', anHourAgo());
    await page.focus('#consent-fullName');
    await typeInTurn(page, 'Gülşen Çelik', '0533 765 43 21');
    await press(page, 'Tab');
    expect(await focused(page)).toBe('consent-email');
    await press(page, 'Tab');
    expect(await focused(page)).toBe('consent-MESAJ');
    // MESAJ and ARAMA given (ONAY), EPOSTA left.
    await press(page, 'ArrowDown', 'Tab', 'ArrowDown', 'Tab', 'Tab');
    // The açık rıza purposes: the first one given, its text's version as on the script.
    expect(await focused(page)).toBe('purpose-kitap-onerileri');
    await press(page, 'ArrowDown', 'Tab', 'Tab', 'Tab', 'Tab');
    expect(await focused(page)).toBe('consent-callId');
    await typeInTurn(page, 'CM-2026-0042', 'ajan-7', 'pbx://2026/0042');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'admin-consent-tr.png'), fullPage: true });
    await page.keyboard.press('Enter');
    await showsSoon(page, '#consent-result', 'İzin kaydedildi');
    expect(await page.textContent('#consent-error')).toBe('');
    expect(await page.textContent('#consent-result')).toContain('MESAJ ONAY, ARAMA ONAY');
    await axe(page, 'consent tr, recorded');

    const list = await adminApi<{ items: { captureId: string }[] }>(
      demo,
      '/v1/admin/captures?phone=%2B905337654321',
    );
    expect(list.items).toHaveLength(1);
    const one = await adminApi<{
      record: { source: string; recordedBy: string; purposes: unknown[] };
      movements: { source: string; status: string }[];
    }>(demo, `/v1/admin/captures/${list.items[0]!.captureId}`);
    expect(one.record).toMatchObject({
      source: 'HS_CAGRI_MERKEZI',
      purposes: [{ id: 'kitap-onerileri', granted: true }],
    });
    expect(one.movements.map((m) => [m.source, m.status])).toEqual([
      ['HS_CAGRI_MERKEZI', 'ONAY'],
      ['HS_CAGRI_MERKEZI', 'ONAY'],
    ]);
    // The recipient's timeline names the source, the consent time and who recorded it.
    await page.click('#nav-recipient');
    await page.fill('#q', '0533 765 43 21');
    await page.keyboard.press('Enter');
    const line = page.locator('#timeline [data-source="HS_CAGRI_MERKEZI"]');
    await line.waitFor();
    expect(await line.textContent()).toMatch(/Çağrı merkezi, izin zamanı .+, kaydeden hukuk/);
  });

  it('shows the server’s refusal of a consent past İYS’s window, in English, axe clean', async () => {
    const page = await openForm('en');
    expect(await page.textContent('main h1')).toBe('New consent');
    await page.selectOption('#consent-source', 'HS_EORTAM');
    await page.fill('#consent-consentDate', '2026-01-05T10:00:00');
    await page.fill('#consent-fullName', 'Mehmet Öztürk');
    await page.fill('#consent-phone', '0533 111 22 33');
    await page.selectOption('#consent-MESAJ', 'ONAY');
    await page.fill('#consent-reference', 'CRM-77');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'admin-consent-en.png'), fullPage: true });
    await page.keyboard.press('Enter');
    await showsSoon(page, '#consent-error', 'H467');
    await axe(page, 'consent en, refused');
  });
  it('A19: a CSV upload is checked first, then recorded, with a progress line and every bad row named', async () => {
    const page = await openForm('tr');
    const day = anHourAgo().slice(0, 10);
    const csv = [
      'row_key;source;consent_date;full_name;phone;MESAJ;call_id;agent_id;recording_ref',
      `CM-1;HS_CAGRI_MERKEZI;${day} 00:00:01;Ayşe Çınar;0533 200 00 01;ONAY;CM-1;ajan-1;pbx://1`,
      `CM-2;HS_CAGRI_MERKEZI;2026-01-05 10:00:00;Ali Şen;0533 200 00 02;ONAY;CM-2;ajan-1;pbx://2`,
    ].join('\n');
    await page.setInputFiles('#import-csv', {
      name: 'gunluk.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.click('#import-form button[type=submit]');
    await showsSoon(page, '#import-report', 'Hiçbir şey yazılmadı');
    expect(await page.textContent('#import-report')).toContain('1 kaydedilebilir');
    expect(await page.textContent('#import-bad li[data-line="3"]')).toContain('H467');
    await axe(page, 'import tr, checked');
    await page.uncheck('#import-dry');
    await page.click('#import-form button[type=submit]');
    await showsSoon(page, '#import-report', '1 kaydedildi');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'admin-import-tr.png'), fullPage: true });
    const list = await adminApi<{ items: unknown[] }>(
      demo,
      '/v1/admin/captures?phone=%2B905332000001',
    );
    expect(list.items).toHaveLength(1);
  });
  it('needs no horizontal scroll at 360 px, axe clean there too', async () => {
    const page = await openForm(undefined, { width: 360, height: 800 });
    await axe(page, 'consent at 360 px');
    const wide = await page.evaluate(
      `[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 360).map((e) => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 12)`,
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  });
});
