// The console's printable evidence page and captures CSV end to end: the demo seeded with one
// person's captures delivered to the İYS simulator, the page opened from the recipient view in
// Debian's Chromium (Turkish and English, axe-core, printed to PDF), its bundle verified as a file
// by `izinli verify bundle`, the captures of today downloaded as CSV. UPDATE_SCREENSHOTS=1 writes
// docs/screenshots/admin-evidence-tr.png and -en.png.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually } from './browser.test-support.js';
import {
  consolePage,
  demoInChromium,
  expectNoAxeViolation as axe,
} from './demo-browser.test-support.js';
import { REPO } from './demo-process.test-support.js';
import type { DemoProcess } from './demo-process.test-support.js';
import { adminApi, postCapture, settled } from './admin-seed.test-support.js';

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(REPO, 'docs/screenshots') : undefined;
const CLI = join(REPO, 'server/dist/cli/main.js');

let demo: DemoProcess;
const pages = demoInChromium((started) => (demo = started), {
  env: { CHECKPOINT_INTERVAL_SECONDS: '1' },
});
const zeynep = { fullName: 'Zeynep Şahin', phone: '0532 111 22 33', email: 'zeynep@ornek.com.tr' };
const PHONE = '+905321112233';

interface Bundle {
  records: { captureId: string }[];
  iysDeliveries: { captureId: string; transactionId: string }[];
}
let bundle: Bundle;

beforeAll(async () => {
  await postCapture(demo, zeynep, { MESAJ: true, EPOSTA: true });
  await postCapture(demo, zeynep, { MESAJ: false, EPOSTA: true });
  await settled(demo);
  await eventually('a checkpoint', async () => {
    const { checkpoints } = await adminApi<{ checkpoints: { seq: number }[] }>(
      demo,
      '/v1/checkpoints?siteKey=ornek-kitabevi-demo-0001',
    );
    return checkpoints.some((c) => c.seq >= 2) || undefined;
  });
  bundle = await adminApi<Bundle>(demo, `/v1/admin/recipients/evidence?phone=${PHONE}`);
}, 60_000);

async function openEvidence(lang: 'tr' | 'en'): Promise<Page> {
  const page = await consolePage(pages, demo, `/admin?lang=${lang}#/recipient`, {
    viewport: { width: 1000, height: 900 },
    acceptDownloads: true,
  });
  await page.fill('#q', zeynep.phone);
  await page.click('#recipient-search button[type=submit]');
  await page.click('#evidence-page-link');
  await page.locator('#evidence-summary').waitFor();
  return page;
}

describe('the printable evidence page', { timeout: 60_000 }, () => {
  it('A13: shows each record, its texts, its İYS deliveries and its verified receipt; axe 0 (tr)', async () => {
    const page = await openEvidence('tr');
    expect(await page.getAttribute('#evidence-summary', 'data-ok')).toBe('true');
    const records = page.locator('.evidence-record');
    expect(await records.evaluateAll((s) => s.map((e) => e.getAttribute('data-capture')))).toEqual(
      bundle.records.map((r) => r.captureId),
    );
    expect(await page.locator('[data-receipt=verified]').count()).toBe(bundle.records.length);
    expect(
      await page
        .locator('tr[data-transaction]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-transaction'))),
    ).toEqual(bundle.iysDeliveries.map((d) => d.transactionId));
    expect(bundle.iysDeliveries.length).toBeGreaterThan(0);
    const text = await page.locator('#evidence-page').innerText();
    expect(text).toContain('Ne onaylandı');
    expect(text).toContain('6698 sayılı');
    expect(text).toContain(demo.pages);
    expect(text).toContain(
      `izinli verify bundle izinli-evidence.json --jwks ${demo.server}/.well-known/jwks.json`,
    );
    await axe(page, 'evidence tr');
    if (SHOTS)
      await page.screenshot({ path: join(SHOTS, 'admin-evidence-tr.png'), fullPage: true });
  });

  it('prints to PDF without the console’s navigation and buttons, with the key texts', async () => {
    const page = await openEvidence('tr');
    await page.emulateMedia({ media: 'print' });
    const hidden = (await page.evaluate(
      `['header.bar', 'nav', '#print', '#evidence-json'].map((s) => getComputedStyle(document.querySelector(s)).display)`,
    )) as string[];
    expect(hidden).toEqual(['none', 'none', 'none', 'none']);
    const printed = await page.locator('main').innerText();
    for (const key of ['Kanıt sayfası', 'Makbuz doğrulaması', 'Doğrulandı', 'İYS’ye iletimler'])
      expect(printed).toContain(key);
    expect(printed).not.toContain('Yazdır / PDF olarak kaydet');
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  });

  it('English: the same page in English; axe 0', async () => {
    const page = await openEvidence('en');
    expect(await page.textContent('main h1')).toContain('Evidence page');
    const text = await page.locator('#evidence-page').innerText();
    for (const key of ['What was consented to', 'Receipt verification', 'Deliveries to İYS'])
      expect(text).toContain(key);
    expect(text).toContain('How to check it independently');
    await axe(page, 'evidence en');
    if (SHOTS)
      await page.screenshot({ path: join(SHOTS, 'admin-evidence-en.png'), fullPage: true });
  });

  it('A13: the bundle it downloads verifies as a file with izinli verify bundle and verify receipt', async () => {
    const page = await openEvidence('en');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#evidence-json'),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'izinli-evidence-page-'));
    try {
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const jwks = `${demo.server}/.well-known/jwks.json`;
      for (const command of ['bundle', 'receipt']) {
        const out = execFileSync(process.execPath, [CLI, 'verify', command, file, '--jwks', jwks], {
          encoding: 'utf8',
        });
        expect(out).toContain(
          `bundle verified: ${bundle.records.length} of ${bundle.records.length} record(s) verified`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('captures as CSV from the console', { timeout: 60_000 }, () => {
  it('downloads the filtered days’ captures, UTF-8 with BOM, one row per capture', async () => {
    const page = await openEvidence('tr');
    await page.click('#nav-captures');
    await page.locator('#captures tbody tr').first().waitFor();
    const today = new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);
    await page.fill('input[name=from]', today);
    await page.fill('input[name=to]', today);
    await page.click('#capture-filters button[type=submit]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#captures-csv'),
    ]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^captureId;siteKey;seq;receivedAt;consentDate;kind;origin;MESAJ/);
    const listed = await adminApi<{ items: unknown[] }>(demo, '/v1/admin/captures?limit=500');
    expect(lines).toHaveLength(listed.items.length + 1);
    expect(bytes.toString('utf8')).not.toContain('Zeynep');
    expect(await page.textContent('#captures-csv-notice')).toContain('.csv');
  });
});
