// What the verified-consent tests read on the demo: the SMS the bookshop's receiver took and the
// e-mails its SMTP catcher took (the demo's JSON behind its mailbox page), the code or link in
// them, and the widget's code step in a page.
import type { Page } from 'playwright-core';
import { json } from './admin-seed.test-support.js';
import type { pageOpener } from './browser.test-support.js';
import type { DemoProcess } from './demo-process.test-support.js';

export interface DemoSms {
  to: string;
  text: string;
  receivedAt: string;
}
export interface DemoMail {
  to: string[];
  subject: string;
  text: string;
}

/** The demo's inboxes, filtered by recipient, newest first. */
export function demoInbox(demo: DemoProcess) {
  return {
    smsTo: async (phone: string) =>
      (await json<{ items: DemoSms[] }>(`${demo.pages}/demo/api/sms`)).items.filter(
        (s) => s.to === phone,
      ),
    mailsTo: async (email: string) =>
      (await json<{ items: DemoMail[] }>(`${demo.pages}/demo/api/mails`)).items.filter((m) =>
        m.to.includes(email),
      ),
  };
}

/** The 6-digit code in an SMS text. */
export const codeIn = (text: string): string | undefined => /\b(\d{6})\b/.exec(text)?.[1];

/** The confirmation link in an e-mail's text: its URL, the verification's id and the token. */
export function linkIn(text: string): { url: string; id: string; token: string } | undefined {
  // `…/link/{id}.{token}`: the id may be logged (it names the verification), the token never.
  const match = /https?:\/\/\S+\/v1\/confirm\/([^\s.]+)\.(\S+)/.exec(text);
  return match ? { url: match[0], id: match[1]!, token: match[2]! } : undefined;
}

/** The widget's elements (Playwright's role and CSS locators pierce its shadow root). */
export const verifyWidget = (page: Page) => ({
  box: (channel: string) => page.locator(`izinli-consent input[data-channel="${channel}"]`),
  sendCode: () => page.getByRole('button', { name: 'Kodu gönder', exact: true }),
  codeField: () => page.locator('izinli-consent input[autocomplete="one-time-code"]'),
  verify: () => page.getByRole('button', { name: 'Doğrula', exact: true }),
  /** What the code step of `channel` says (a polite live region). */
  says: (channel: string) =>
    page.locator(`izinli-consent [data-verify="${channel}"] [part="verify-status"]`),
});

/** Fills the demo's signup form (the page is on it). */
export async function fillSignup(
  page: Page,
  who: { name: string; phone: string },
  email: string,
): Promise<void> {
  await page.fill('#adSoyad', who.name);
  await page.fill('#telefon', who.phone);
  await page.fill('#eposta', email);
  await page.fill('#sifre', 'gizli-parola-123');
}

/**
 * A new page on the demo's signup, filled for `who` with `channels` ticked in the widget; the
 * page and its widget.
 */
export async function openSignup(
  pages: ReturnType<typeof pageOpener>,
  demo: DemoProcess,
  who: { name: string; phone: string },
  email: string,
  channels: readonly string[],
): Promise<{ page: Page; w: ReturnType<typeof verifyWidget> }> {
  const page = await pages.newPage({ baseURL: demo.pages });
  const w = verifyWidget(page);
  await page.goto('/');
  await fillSignup(page, who, email);
  for (const channel of channels) await w.box(channel).check();
  return { page, w };
}

/**
 * The lines of `output` that are the server's JSON log lines and hold one of `forms`; a form of
 * digits only (a code, a national number) counts only where no other digit touches it, so a
 * timestamp that happens to contain a code is not a leak.
 */
export function logLeaks(output: string, forms: string[]): { lines: number; leaks: string[] } {
  const lines = output.split('\n').filter((line) => line.startsWith('{'));
  const found = (line: string, form: string) =>
    /^\d+$/.test(form) ? new RegExp(`(?<!\\d)${form}(?!\\d)`).test(line) : line.includes(form);
  const leaks = lines.flatMap((line) =>
    forms.filter((form) => found(line, form)).map((form) => `${form} in ${line.slice(0, 200)}`),
  );
  return { lines: lines.length, leaks };
}
