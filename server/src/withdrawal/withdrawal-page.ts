// The withdrawal link's HTML: a confirmation page with one POST button (never a withdrawal on
// GET: mail scanners prefetch links), the result page and the refusal page. No script and no
// inline style, so it runs under the strict CSP it is served with (WITHDRAWAL_PAGE_HEADERS).
import type { Channel, Locale } from '@izinli/core';
import { WITHDRAWAL_TEXTS } from './withdrawal-texts.js';
import type { LinkRefusalKind } from './withdrawal-texts.js';

/** Headers of every withdrawal page: strict CSP, no referrer (the URL holds the token), no cache. */
export const WITHDRAWAL_PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex, nofollow',
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/**
 * An address shown only in part, enough for the person to recognise it: `+90532*****67`,
 * `a***@ornek.com.tr`. A forwarded link shows no one else the whole address.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at > 0) return `${address[0]}***${address.slice(at)}`;
  if (address.length <= 8) return address;
  return `${address.slice(0, 6)}${'*'.repeat(address.length - 8)}${address.slice(-2)}`;
}

/** The texts a page shell needs: its language, and the switch to the other one. */
export interface ShellTexts {
  lang: string;
  otherLanguage: { locale: string; label: string };
}

/**
 * A person-facing page of the server (withdrawal and confirmation links): the one stylesheet, no
 * script, no inline style (the strict CSP), not indexed, with a switch to the other language.
 */
export function pageShell(
  t: ShellTexts,
  page: { title: string; main: string; stylesheet: string; switchTo?: string | undefined },
): string {
  const other = page.switchTo
    ? `<p class="lang"><a href="${escapeHtml(page.switchTo)}" lang="${t.otherLanguage.locale}" hreflang="${t.otherLanguage.locale}">${t.otherLanguage.label}</a></p>`
    : '';
  return `<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" href="${page.stylesheet}">
</head>
<body>
<main>
${other}${page.main}
</main>
</body>
</html>
`;
}

// Paths are relative to /v1/withdraw, so the pages keep working behind a path prefix.
function page(locale: Locale, title: string, main: string, switchTo?: string): string {
  return pageShell(WITHDRAWAL_TEXTS[locale], {
    title,
    main,
    stylesheet: 'withdraw/style.css',
    switchTo,
  });
}

/** What a link offers: the site, the channels, the (masked) addresses. */
export interface LinkView {
  siteName: string;
  channels: readonly Channel[];
  recipient: { phone?: string; email?: string };
}

function facts(locale: Locale, view: LinkView): string {
  const t = WITHDRAWAL_TEXTS[locale];
  const addresses = [view.recipient.phone, view.recipient.email]
    .filter((a): a is string => a !== undefined)
    .map((a) => `<li>${escapeHtml(maskAddress(a))}</li>`)
    .join('');
  const channels = view.channels.map((c) => `<li>${escapeHtml(t.channel[c])}</li>`).join('');
  return `<h2>${t.channels}</h2>
<ul class="channels">${channels}</ul>
<h2>${t.addresses}</h2>
<ul class="addresses">${addresses}</ul>`;
}

/** The page a link opens: the site, the channels and one button that POSTs the token. */
export function confirmPage(locale: Locale, view: LinkView, token: string): string {
  const t = WITHDRAWAL_TEXTS[locale];
  const switchTo = `withdraw?t=${encodeURIComponent(token)}&lang=${t.otherLanguage.locale}`;
  return page(
    locale,
    t.confirmTitle,
    `<h1>${escapeHtml(t.confirmHeading(view.siteName))}</h1>
<p>${escapeHtml(t.confirmIntro)}</p>
${facts(locale, view)}
<form method="post" action="withdraw">
<input type="hidden" name="t" value="${escapeHtml(token)}">
<input type="hidden" name="lang" value="${locale}">
<button type="submit">${escapeHtml(t.button)}</button>
</form>
<p class="note">${escapeHtml(t.free)}</p>`,
    switchTo,
  );
}

/** The page after the withdrawal is recorded (also on a replay: the same withdrawal). */
export function donePage(locale: Locale, view: LinkView, captureId: string): string {
  const t = WITHDRAWAL_TEXTS[locale];
  return page(
    locale,
    t.doneTitle,
    `<h1 role="status">${escapeHtml(t.doneTitle)}</h1>
<p>${escapeHtml(t.doneIntro(view.siteName))}</p>
${facts(locale, view)}
<p>${escapeHtml(t.doneIys)}</p>
<p class="note">${t.reference}: <code>${escapeHtml(captureId)}</code></p>`,
  );
}

/** The page for a link that cannot be used, with the other ways to withdraw (A10). */
export function refusalPage(locale: Locale, kind: LinkRefusalKind): string {
  const t = WITHDRAWAL_TEXTS[locale];
  return page(
    locale,
    t.refusalTitle[kind],
    `<h1>${escapeHtml(t.refusalTitle[kind])}</h1>
<p>${escapeHtml(t.refusalWhy[kind])}</p>
<p>${escapeHtml(t.otherWays)}</p>`,
  );
}
