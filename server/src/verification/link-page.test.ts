import { describe, expect, it } from 'vitest';
import type { Verification } from '../store/ports/verification-store.js';
import {
  LINK_PAGE_HEADERS,
  LINK_PAGE_STATES,
  LINK_PAGE_STYLESHEET,
  linkPage,
  linkStateOf,
} from './link-page.js';
import type { LinkPageView } from './link-page.js';
import { codeHash, linkSegment, linkTokenHash, makeLinkToken } from './secrets.js';

const segment = `ver_1.${makeLinkToken()}`;
const views: Record<(typeof LINK_PAGE_STATES)[number], LinkPageView> = {
  ask: {
    state: 'ask',
    brand: 'Ali & <Veli>',
    channels: ['EPOSTA'],
    address: 'ayse.yilmaz@example.com.tr',
    segment,
  },
  confirmed: { state: 'confirmed', brand: 'Ali & <Veli>', channels: ['EPOSTA'], reference: 'c_1' },
  already: { state: 'already', brand: 'Ali & <Veli>', channels: ['MESAJ'] },
  expired: { state: 'expired' },
  unknown: { state: 'unknown' },
};

describe('confirmation link page', () => {
  it('asks with one button that POSTs to the same URL; the GET itself confirms nothing', () => {
    const html = linkPage('tr', views.ask);
    expect(html).toContain('<html lang="tr">');
    expect(html).toContain('Ali &amp; &lt;Veli&gt; iletişim izninizi onaylamanızı istiyor');
    expect(html).toContain(`<form method="post" action="${segment}">`);
    expect(html.match(/<form /g)).toHaveLength(1);
    expect(html).toContain('<button type="submit">Onayla</button>');
    expect(html).toContain('<li>E-posta</li>');
    // The address only masked: a forwarded link shows no one the whole address.
    expect(html).toContain('a***@example.com.tr');
    expect(html).not.toContain('ayse.yilmaz');
    expect(html).toContain('İzni siz vermediyseniz');
    expect(html).toContain(`href="${segment}?lang=en"`);
    const action = new URL(segment, `https://izin.example.com.tr/v1/confirm/${segment}`);
    expect(action.pathname).toBe(`/v1/confirm/${segment}`);
  });

  it('speaks English with a switch back to Turkish', () => {
    const html = linkPage('en', views.ask);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<button type="submit">Confirm</button>');
    expect(html).toContain('If it was not you');
    expect(html).toContain(`href="${segment}?lang=tr"`);
  });

  it.each(LINK_PAGE_STATES)('%s: no script, no inline style, no form but on ask', (state) => {
    for (const locale of ['tr', 'en'] as const) {
      const html = linkPage(locale, views[state]);
      expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
      expect(html).not.toContain('<Veli>');
      expect(html.includes('<form')).toBe(state === 'ask');
      expect(html).toContain(`<link rel="stylesheet" href="${LINK_PAGE_STYLESHEET}">`);
    }
  });

  it('says what happened after the POST, and why a link does not work', () => {
    expect(linkPage('tr', views.confirmed)).toContain('<h1 role="status">İzniniz onaylandı</h1>');
    expect(linkPage('tr', views.confirmed)).toContain('<code>c_1</code>');
    expect(linkPage('en', views.confirmed)).toContain('Your permission is confirmed');
    expect(linkPage('tr', views.already)).toContain('Bu izin zaten onaylanmış');
    expect(linkPage('tr', views.already)).toContain('<li>Kısa mesaj (SMS)</li>');
    expect(linkPage('tr', views.expired)).toContain('Bağlantının süresi dolmuş');
    expect(linkPage('en', views.expired)).toContain('nothing was sent to İYS');
    expect(linkPage('tr', views.unknown)).toContain('Bağlantı geçersiz');
    expect(linkPage('en', views.unknown)).toContain('Link not valid');
  });

  it('is served under a strict CSP with the withdrawal pages’ stylesheet', () => {
    expect(LINK_PAGE_HEADERS['Content-Security-Policy']).toContain("default-src 'none'");
    expect(LINK_PAGE_HEADERS['Content-Security-Policy']).toContain("form-action 'self'");
    expect(LINK_PAGE_HEADERS['Referrer-Policy']).toBe('no-referrer');
    const css = new URL(LINK_PAGE_STYLESHEET, `https://x.example/v1/confirm/${segment}`);
    expect(css.pathname).toBe('/v1/withdraw/style.css');
  });
});

describe('linkStateOf', () => {
  const now = new Date('2031-03-20T09:00:00.000Z');
  const token = makeLinkToken();
  const row: Verification = {
    id: 'ver_1',
    siteKey: 'site',
    method: 'link',
    addressKind: 'email',
    destination: 'ayse@example.com.tr',
    destinationSha256: 'a'.repeat(64),
    locale: 'tr',
    secretHash: linkTokenHash(token),
    createdAt: '2031-03-19T09:00:00.000Z',
    sentAt: '2031-03-19T09:00:00.000Z',
    sends: 1,
    expiresAt: '2031-03-22T09:00:00.000Z',
    holdUntil: '2031-03-22T09:00:00.000Z',
    attempts: 0,
    state: 'pending',
    channels: ['EPOSTA'],
  };
  const good = linkSegment('ver_1', token);

  it('asks for a pending link in time, says already once confirmed', () => {
    expect(linkStateOf(good, row, now)).toBe('ask');
    expect(linkStateOf(good, { ...row, state: 'confirmed' }, now)).toBe('already');
  });

  it('says expired past the end, or once expired, locked or superseded', () => {
    expect(linkStateOf(good, row, new Date('2031-03-22T09:00:00.000Z'))).toBe('expired');
    for (const state of ['expired', 'locked', 'superseded'] as const) {
      expect(linkStateOf(good, { ...row, state }, now)).toBe('expired');
    }
  });

  it('says unknown for a forged, altered, resent-over or malformed link, telling nothing more', () => {
    expect(linkStateOf(linkSegment('ver_1', makeLinkToken()), row, now)).toBe('unknown');
    expect(linkStateOf(good, undefined, now)).toBe('unknown');
    expect(linkStateOf(linkSegment('ver_2', token), row, now)).toBe('unknown');
    expect(linkStateOf('ver_1', row, now)).toBe('unknown');
    expect(linkStateOf(`${good}x`, row, now)).toBe('unknown');
    // A newer link replaced this one's hash.
    expect(linkStateOf(good, { ...row, secretHash: linkTokenHash(makeLinkToken()) }, now)).toBe(
      'unknown',
    );
    // A code verification has no link, even with a matching-looking hash.
    const code = { ...row, method: 'code' as const, secretHash: codeHash('ver_1', '123456') };
    expect(linkStateOf(good, code, now)).toBe('unknown');
  });
});
