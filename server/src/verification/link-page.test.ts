import { describe, expect, it } from 'vitest';
import {
  LINK_PAGE_HEADERS,
  LINK_PAGE_STATES,
  LINK_PAGE_STYLESHEET,
  linkPage,
} from './link-page.js';
import type { LinkPageView } from './link-page.js';
import { makeLinkToken } from './secrets.js';

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
    const action = new URL(segment, `https://izin.example.com.tr/v1/verifications/link/${segment}`);
    expect(action.pathname).toBe(`/v1/verifications/link/${segment}`);
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
    const css = new URL(LINK_PAGE_STYLESHEET, `https://x.example/v1/verifications/link/${segment}`);
    expect(css.pathname).toBe('/v1/withdraw/style.css');
  });
});
