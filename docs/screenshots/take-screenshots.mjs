// Takes the README's screenshots of the demo in Turkish and English with Debian's Chromium:
// `node docs/screenshots/take-screenshots.mjs` (after `npm run build`). Runs its own demo on free
// ports with a temporary data folder, so it never touches demo/.data.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const OUT = fileURLToPath(new URL('./', import.meta.url));
const DEMO = fileURLToPath(new URL('../../demo/', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'izinli-shots-'));

// Without verification: these shots follow a signup straight to İYS (the verified path has its
// own page, the mailbox, and its own walk-through in docs/demo.md).
const child = spawn(process.execPath, ['start.js'], {
  cwd: DEMO,
  env: {
    PATH: process.env.PATH,
    PORT: '0',
    IYS_SIM_PORT: '0',
    DATA_DIR: dataDir,
    DEMO_VERIFICATION: 'off',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let printed = '';
await new Promise((resolve, reject) => {
  child.stdout.on('data', (chunk) => {
    printed += chunk;
    if (printed.includes('Ctrl-C stops everything.')) resolve();
  });
  child.once('exit', (code) => reject(new Error(`demo exited ${code}`)));
});
const origin = /demo\s+(http:\/\/\S+?)\/\s/.exec(printed)[1];

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'],
});
const people = {
  tr: { name: 'Ayşe Yılmaz', phone: '0532 765 43 21', email: 'ayse.yilmaz@ornek.com.tr' },
  en: { name: 'Elif Şahin', phone: '0533 456 78 90', email: 'elif.sahin@ornek.com.tr' },
};
try {
  for (const lang of ['tr', 'en']) {
    const context = await browser.newContext({
      baseURL: origin,
      viewport: { width: 900, height: 900 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const who = people[lang];
    await page.goto(lang === 'tr' ? '/' : '/en/');
    await page.fill('#adSoyad', who.name);
    await page.fill('#telefon', who.phone);
    await page.fill('#eposta', who.email);
    await page.fill('#sifre', 'gizli-parola-123');
    await page.check('izinli-consent input[data-channel="MESAJ"]');
    await page.check('izinli-consent input[data-channel="EPOSTA"]');
    await page.check('izinli-consent input[data-purpose="kitap-onerileri"]');
    await page.screenshot({ path: join(OUT, `signup-${lang}.png`), fullPage: true });

    await Promise.all([page.waitForURL(/receipt|makbuz/), page.click('button[type=submit]')]);
    await page.locator('#imza[data-valid="true"]').waitFor();
    await page.locator('#kanallar [data-state="delivered"]').nth(1).waitFor();
    await page.screenshot({ path: join(OUT, `receipt-${lang}.png`), fullPage: true });

    await page.click('#iys-link');
    await page.locator('#kayitlar tr[data-channel]').first().waitFor();
    await page.check('input[name=type][value=MESAJ]');
    await page.check('input[name=status][value=RET]');
    await page.click('button[type=submit]');
    await page.locator('#kontrol tr[data-channel="MESAJ"][data-allowed="false"]').waitFor();
    await page.locator('#webhooklar li[data-type="consent.changed"]').first().waitFor();
    await page.screenshot({ path: join(OUT, `iys-${lang}.png`), fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`screenshots written to ${OUT}`);
