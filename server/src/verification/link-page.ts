// The confirmation link's HTML (docs/verification.md#the-flow): opening the link (GET) only asks,
// with one button that POSTs to the same URL, because mail scanners and link previews GET every
// link they see; only the person's press confirms. Then the result: confirmed, confirmed before,
// expired, or a link that is not ours. The same style and strict CSP as the withdrawal pages (no
// script, no inline style), in the person's language with a switch to the other.
import type { Channel, Locale } from '@izinli/core';
import type { Verification } from '../store/ports/verification-store.js';
import {
  escapeHtml,
  maskAddress,
  pageShell,
  WITHDRAWAL_PAGE_HEADERS,
} from '../withdrawal/withdrawal-page.js';
import { LINK_PAGE_TEXTS } from './link-page-texts.js';
import type { LinkPageState } from './link-page-texts.js';
import { parseLinkSegment, secretMatches } from './secrets.js';

export type { LinkPageState } from './link-page-texts.js';

/** Headers of every link page: strict CSP, no referrer (the URL holds the token), no cache. */
export const LINK_PAGE_HEADERS: Record<string, string> = WITHDRAWAL_PAGE_HEADERS;

/**
 * The stylesheet, relative to `/v1/confirm/{token}`: the withdrawal pages' own
 * (`/v1/withdraw/style.css`), so it keeps working behind a path prefix and needs no route here.
 */
export const LINK_PAGE_STYLESHEET = '../withdraw/style.css';

/** What a page shows; `segment` is the URL's last segment (`{id}.{token}`), the form posts to it. */
export type LinkPageView =
  | {
      state: 'ask';
      brand: string;
      channels: readonly Channel[];
      /** The address the link went to, shown masked. */
      address?: string;
      segment: string;
    }
  | { state: 'confirmed'; brand: string; channels: readonly Channel[]; reference?: string }
  | { state: 'already'; brand: string; channels: readonly Channel[] }
  | { state: 'expired' }
  | { state: 'unknown' };

function page(locale: Locale, title: string, main: string, switchTo?: string): string {
  return pageShell(LINK_PAGE_TEXTS[locale], {
    title,
    main,
    stylesheet: LINK_PAGE_STYLESHEET,
    switchTo,
  });
}

function channelList(locale: Locale, channels: readonly Channel[]): string {
  const t = LINK_PAGE_TEXTS[locale];
  const items = channels.map((c) => `<li>${escapeHtml(t.channel[c])}</li>`).join('');
  return `<h2>${t.channels}</h2>\n<ul class="channels">${items}</ul>`;
}

/** The page of a link in `state`, in `locale`. */
export function linkPage(locale: Locale, view: LinkPageView): string {
  const t = LINK_PAGE_TEXTS[locale];
  switch (view.state) {
    case 'ask': {
      const address =
        view.address === undefined
          ? ''
          : `\n<h2>${t.address}</h2>\n<p class="address">${escapeHtml(maskAddress(view.address))}</p>`;
      const segment = escapeHtml(view.segment);
      return page(
        locale,
        t.askTitle,
        `<h1>${escapeHtml(t.askHeading(view.brand))}</h1>
<p>${escapeHtml(t.askIntro)}</p>
${channelList(locale, view.channels)}${address}
<form method="post" action="${segment}">
<input type="hidden" name="lang" value="${locale}">
<button type="submit">${escapeHtml(t.button)}</button>
</form>
<p class="note">${escapeHtml(t.notYou)}</p>`,
        `${view.segment}?lang=${t.otherLanguage.locale}`,
      );
    }
    case 'confirmed':
      return page(
        locale,
        t.confirmedTitle,
        `<h1 role="status">${escapeHtml(t.confirmedTitle)}</h1>
<p>${escapeHtml(t.confirmedIntro(view.brand))}</p>
${channelList(locale, view.channels)}
<p>${escapeHtml(t.withdraw)}</p>${
          view.reference === undefined
            ? ''
            : `\n<p class="note">${t.reference}: <code>${escapeHtml(view.reference)}</code></p>`
        }`,
      );
    case 'already':
      return page(
        locale,
        t.alreadyTitle,
        `<h1 role="status">${escapeHtml(t.alreadyTitle)}</h1>
<p>${escapeHtml(t.alreadyIntro)}</p>
${channelList(locale, view.channels)}
<p>${escapeHtml(t.withdraw)}</p>`,
      );
    case 'expired':
      return page(
        locale,
        t.expiredTitle,
        `<h1>${escapeHtml(t.expiredTitle)}</h1>\n<p>${escapeHtml(t.expiredIntro)}</p>`,
      );
    case 'unknown':
      return page(
        locale,
        t.unknownTitle,
        `<h1>${escapeHtml(t.unknownTitle)}</h1>\n<p>${escapeHtml(t.unknownIntro)}</p>`,
      );
  }
}

/** Every state a page can be in (for tests and the route's exhaustiveness). */
export const LINK_PAGE_STATES: readonly LinkPageState[] = [
  'ask',
  'confirmed',
  'already',
  'expired',
  'unknown',
];

/**
 * Where the link of URL segment `segment` stands, given the verification its id names (undefined
 * when none): `unknown` unless it is a link verification whose stored hash the token matches
 * (a forged or altered link learns nothing more); `already` once confirmed; `ask` while pending
 * and in time; `expired` otherwise (expired, locked, superseded, or past its end).
 */
export function linkStateOf(
  segment: string,
  verification: Verification | undefined,
  now: Date,
): Exclude<LinkPageState, 'confirmed'> {
  const parsed = parseLinkSegment(segment);
  if (!parsed || !verification || verification.id !== parsed.id) return 'unknown';
  if (verification.method !== 'link') return 'unknown';
  if (!secretMatches('link', verification.id, parsed.token, verification.secretHash)) {
    return 'unknown';
  }
  if (verification.state === 'confirmed') return 'already';
  const ends = Math.min(
    Date.parse(verification.expiresAt ?? verification.holdUntil),
    Date.parse(verification.holdUntil),
  );
  return verification.state === 'pending' && ends > now.getTime() ? 'ask' : 'expired';
}
