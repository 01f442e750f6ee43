// Verified consent on the demo as `npm start` runs it (docs/verification.md, docs/demo.md): the
// SMS permission confirmed by a code the bookshop's receiver took, the e-mail permission by a link
// the demo's SMTP catcher took, both then delivered to the İYS simulator with the dates the
// design gives; three wrong codes lock a verification; an unconfirmed one expires unsent; and
// none of the addresses, codes or link tokens ever reaches the server's log.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { formatIysDate } from '@izinli/core';
import { adminApi, json, simConsents } from './admin-seed.test-support.js';
import { eventually } from './browser.test-support.js';
import { demoInChromium, expectNoAxeViolationOnDemo } from './demo-browser.test-support.js';
import { codeIn, demoInbox, linkIn, logLeaks, openSignup } from './demo-inbox.test-support.js';
import type { DemoProcess } from './demo-process.test-support.js';

interface CaptureRecord {
  captureId: string;
  consentDate: string;
  channels: { type: string; checked: boolean; status?: string; verify?: string }[];
}

let demo: DemoProcess;
// Debug logs: the last test scans every line the server wrote.
const pages = demoInChromium((started) => (demo = started), {
  env: { LOG_LEVEL: 'debug', DEMO_VERIFICATION: 'on' },
});

const admin = <T>(path: string) => adminApi<T>(demo, path);
const smsTo = (phone: string) => demoInbox(demo).smsTo(phone);
const mailsTo = (email: string) => demoInbox(demo).mailsTo(email);

/** The people of this file, and every code and link token they were sent (for the log scan). */
const ayse = { name: 'Ayşe Doğrulama', phone: '0532 111 22 33', e164: '+905321112233' };
const ayseEmail = 'ayse.dogrulama@ornek.com.tr';
const mert = { name: 'Mert Kilitli', phone: '0533 444 55 66', e164: '+905334445566' };
const late = { name: 'Deniz Geç', phone: '0535 777 88 99', e164: '+905357778899' };
const lateEmail = 'deniz.gec@ornek.com.tr';
const secrets: string[] = [];

// Generous limits: CI's two cores run other suites' servers beside this one.
describe('the demo with verification on', { timeout: 45_000 }, () => {
  let record: CaptureRecord;

  it('prints where the mails and SMS go, and serves the mailbox page in both languages', async () => {
    expect(demo.output()).toMatch(/mail {10}smtp:\/\/127\.0\.0\.1:\d+ {3}\(the demo's catcher\)/);
    expect(demo.output()).toContain('verification on');
    for (const path of ['/posta-kutusu.html', '/en/mailbox.html']) {
      const response = await fetch(`${demo.pages}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    }
  });

  it('A8: SMS confirmed by the code before the signup goes to İYS with the signup’s date; e-mail by the link, with the time it was confirmed', async () => {
    const { page, w } = await openSignup(pages, demo, ayse, ayseEmail, ['MESAJ', 'EPOSTA']);

    // The code: asked in the widget, texted through the bookshop's receiver, read in its inbox.
    await w.sendCode().click();
    const sms = await eventually(
      'the code in the SMS inbox',
      async () => (await smsTo(ayse.e164))[0],
    );
    const code = codeIn(sms.text);
    expect(code, sms.text).toBeDefined();
    secrets.push(code!);
    expect(sms.text).toContain('Örnek Kitabevi');
    const inbox = await pages.newPage({ baseURL: demo.pages });
    await inbox.goto('/posta-kutusu.html');
    await expect
      .poll(() => inbox.locator(`tr.sms[data-to="${ayse.e164}"] .sms-text`).first().textContent())
      .toContain(code);
    await w.codeField().fill(code!);
    await w.verify().click();
    await expect.poll(() => w.says('MESAJ').textContent()).toContain('Doğrulandı');

    await Promise.all([page.waitForURL(/\/makbuz\.html\?id=/), page.click('button[type=submit]')]);
    const captureId = new URL(page.url()).searchParams.get('id')!;
    record = await eventually('the capture', async () => {
      const capture = await admin<{ record: CaptureRecord }>(`/v1/admin/captures/${captureId}`);
      return capture.record;
    });
    expect(record.channels).toEqual([
      { type: 'MESAJ', checked: true, verify: 'code' },
      { type: 'ARAMA', checked: false },
      { type: 'EPOSTA', checked: true, verify: 'link' },
    ]);
    await page.locator('#kanallar tr[data-channel="EPOSTA"] [data-state="held"]').waitFor();

    // The link: e-mailed after the capture, caught by the demo's SMTP server, opened, confirmed.
    const mail = await eventually(
      'the e-mail in the mailbox',
      async () => (await mailsTo(ayseEmail))[0],
    );
    const link = linkIn(mail.text);
    expect(link, mail.text).toBeDefined();
    secrets.push(link!.token);
    await inbox.reload();
    const anchor = inbox.locator(`article.mail[data-to="${ayseEmail}"] a`).first();
    expect(await anchor.getAttribute('href')).toBe(link!.url);
    await anchor.click();
    await inbox.waitForURL(/\/v1\/confirm\//);
    // İYS dates count whole seconds: confirmed in a later second than the signup, the e-mail's
    // date can be told apart from the signup's (within one second the two would be equal).
    while (formatIysDate(new Date()) <= record.consentDate) await inbox.waitForTimeout(100);
    const before = new Date();
    // Only the page's button confirms (a mail scanner's GET does not): its POST's answer.
    const [confirmed] = await Promise.all([
      inbox.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().includes('/v1/confirm/'),
      ),
      inbox.getByRole('button').click(),
    ]);
    const after = new Date();
    expect(confirmed.status()).toBe(200);

    const [phone, email] = await eventually(
      'ONAY on İYS for both channels',
      async () => {
        const [p] = await simConsents(demo, ayse.e164);
        const [e] = await simConsents(demo, ayseEmail);
        return p && e ? [p, e] : undefined;
      },
      30_000,
    );
    expect(phone).toMatchObject({
      type: 'MESAJ',
      status: 'ONAY',
      source: 'HS_WEB',
      consentDate: record.consentDate,
    });
    expect(email).toMatchObject({ type: 'EPOSTA', status: 'ONAY', source: 'HS_WEB' });
    // Seconds in Turkey time: the confirmation happened between the two readings of the clock.
    expect(email!.consentDate >= formatIysDate(new Date(before.getTime() - 1000))).toBe(true);
    expect(email!.consentDate <= formatIysDate(after)).toBe(true);
    expect(email!.consentDate > record.consentDate).toBe(true);
    await page.locator('#kanallar tr[data-channel="EPOSTA"] [data-state="delivered"]').waitFor();
  });

  it('three wrong codes lock the verification; the widget says so', async () => {
    const { w } = await openSignup(pages, demo, mert, 'mert.kilitli@ornek.com.tr', ['MESAJ']);
    await w.sendCode().click();
    const sms = await eventually(
      'the code in the SMS inbox',
      async () => (await smsTo(mert.e164))[0],
    );
    const code = codeIn(sms.text)!;
    secrets.push(code);
    const wrong = code === '000000' ? '111111' : '000000';
    for (const left of [2, 1]) {
      await w.codeField().fill(wrong);
      await w.verify().click();
      await expect.poll(() => w.says('MESAJ').textContent()).toContain(`${left} deneme`);
    }
    await w.codeField().fill(wrong);
    await w.verify().click();
    await expect.poll(() => w.says('MESAJ').textContent()).toContain('Çok fazla yanlış deneme');
    // Locked: no field to type the right code into, only a new code to ask for.
    expect(await w.codeField().count()).toBe(0);
  });
});

describe('a permission nobody confirms', { timeout: 45_000 }, () => {
  it('expires unsent after the hold: the bookshop is told (verification.expired), İYS gets nothing, the link no longer confirms', async () => {
    const { page } = await openSignup(pages, demo, late, lateEmail, ['EPOSTA']);
    await Promise.all([page.waitForURL(/\/makbuz\.html\?id=/), page.click('button[type=submit]')]);
    const captureId = new URL(page.url()).searchParams.get('id')!;
    const mail = await eventually(
      'the e-mail in the mailbox',
      async () => (await mailsTo(lateEmail))[0],
    );
    const link = linkIn(mail.text)!;
    secrets.push(link.token);

    // The hold is 72 hours (at least 1): instead of waiting, its end is moved to the past in the
    // demo's own database, as if the days had gone by; the server's background pass does the rest.
    const db = new Database(join(demo.dataDir, 'izinli.sqlite'));
    try {
      db.pragma('busy_timeout = 5000');
      const moved = db
        .prepare(`UPDATE verifications SET hold_until = ? WHERE id = ? AND capture_id = ?`)
        .run(new Date(Date.now() - 60_000).toISOString(), link.id, captureId);
      expect(moved.changes).toBe(1);
    } finally {
      db.close();
    }

    type Event = { type: string; data: { verificationId?: string } };
    const expired = await eventually('a verification.expired webhook', async () => {
      const { items } = await json<{ items: Event[] }>(`${demo.pages}/demo/api/webhooks`);
      return items.find(
        (w) => w.type === 'verification.expired' && w.data.verificationId === link.id,
      );
    });
    expect(expired.data).toMatchObject({ channels: ['EPOSTA'], method: 'link' });
    await page.locator('#kanallar tr[data-channel="EPOSTA"] [data-state="expired"]').waitFor();
    const opened = await page.goto(link.url);
    expect(opened?.status()).toBe(410);
    expect(await simConsents(demo, lateEmail)).toEqual([]);
  });
});

describe('the mailbox page', { timeout: 45_000 }, () => {
  it('axe-core finds no violation on it, Turkish and English, with mails and SMS in it', async () => {
    await expectNoAxeViolationOnDemo(pages, demo, [
      ['/posta-kutusu.html', 'article.mail'],
      ['/en/mailbox.html', 'article.mail'],
    ]);
  });

  it('raised no Content-Security-Policy violation on any page', () => {
    expect(pages.cspViolations).toEqual([]);
  });
});

describe('the server’s logs', () => {
  it('carry no phone, e-mail address, code or link token this file used', () => {
    const forms = [
      ...[ayse, mert, late].flatMap((p) => [p.e164, p.e164.slice(3), p.phone]),
      ayseEmail,
      'mert.kilitli@ornek.com.tr',
      lateEmail,
      ...secrets,
    ];
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const { lines, leaks } = logLeaks(demo.output(), forms);
    // pino's JSON lines: the server did log (debug), so an empty scan cannot pass.
    expect(lines).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
