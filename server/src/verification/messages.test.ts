import { describe, expect, it } from 'vitest';
import { fillPlaceholders, messageLocale, verificationMessage } from './messages.js';
import type { MessageFacts } from './messages.js';

const code: MessageFacts = { brand: 'Kitapçı', minutes: 3, method: 'code', code: '042917' };
const link: MessageFacts = {
  brand: 'Kitapçı',
  minutes: 72 * 60,
  method: 'link',
  link: 'https://izin.example.com.tr/v1/confirm/ver_1.abc_-DEF',
};
const none = { messages: {} };

describe('verification messages', () => {
  it('says who asks, what for, the code, its life and "not you" in Turkish by default', () => {
    const m = verificationMessage(none, undefined, code);
    expect(m.locale).toBe('tr');
    expect(m.sms).toContain('Kitapçı');
    expect(m.sms).toContain('042917');
    expect(m.sms).toContain('3 dakika');
    expect(m.sms).toContain('izni onaylamak');
    expect(m.sms).toContain('size ait değilse');
    expect(m.email.subject).toBe('Kitapçı doğrulama kodunuz');
    expect(m.email.text).toContain('Doğrulama kodunuz: 042917');
    expect(m.email.text).toContain('e-posta adresine');
    expect(m.email.html).toContain('<strong>042917</strong>');
    expect(m.email.html).toContain('<html lang="tr">');
  });

  it('writes English for en and falls back to Turkish for an unknown locale', () => {
    const m = verificationMessage(none, 'en', code);
    expect(m.sms).toContain('your code is 042917');
    expect(m.sms).toContain('3 minutes');
    expect(m.sms).toContain('If this was not you');
    expect(m.email.subject).toBe('Your Kitapçı verification code');
    expect(verificationMessage(none, 'de', code).locale).toBe('tr');
    expect(messageLocale('en')).toBe('en');
    expect(messageLocale('fr')).toBe('tr');
  });

  it('carries a link with its life in plain units, as a link in the HTML', () => {
    const m = verificationMessage(none, 'tr', link);
    expect(m.sms).toContain(link.link);
    expect(m.sms).toContain('3 gün');
    expect(m.email.text).toContain(link.link);
    expect(m.email.html).toContain(`<a href="${link.link}">${link.link}</a>`);
    expect(verificationMessage(none, 'en', { ...link, minutes: 71 * 60 + 59 }).sms).toContain(
      '71 hours',
    );
    expect(verificationMessage(none, 'en', { ...code, minutes: 1 }).sms).toContain('1 minute.');
  });

  it('escapes the brand and the site’s text in the HTML, never in the plain text', () => {
    const facts: MessageFacts = { ...code, brand: 'Ali & <Veli>' };
    const m = verificationMessage(none, 'tr', facts);
    expect(m.email.text).toContain('Ali & <Veli>');
    expect(m.email.html).toContain('Ali &amp; &lt;Veli&gt;');
    expect(m.email.html).not.toContain('<Veli>');
    const own = verificationMessage(
      { messages: { tr: { emailText: '<b>{brand}</b> kodu: {code}\nsatır\n\nyeni paragraf' } } },
      'tr',
      facts,
    );
    expect(own.email.html).toContain(
      '<p>&lt;b&gt;Ali &amp; &lt;Veli&gt;&lt;/b&gt; kodu: <strong>042917</strong><br>\nsatır</p>',
    );
    expect(own.email.html).toContain('<p>yeni paragraf</p>');
  });

  it('uses the site’s own texts of the locale, filled in, and built-in ones for the rest', () => {
    const policy = {
      messages: {
        tr: {
          sms: '{brand} kodunuz: {code} ({minutes} dk)',
          emailSubject: '{brand}\nonay',
          emailText: 'Kod: {code}',
        },
        en: { sms: 'Code {code}' },
      },
    };
    const tr = verificationMessage(policy, 'tr', code);
    expect(tr.sms).toBe('Kitapçı kodunuz: 042917 (3 dk)');
    expect(tr.email.subject).toBe('Kitapçı onay');
    expect(tr.email.text).toBe('Kod: 042917');
    const en = verificationMessage(policy, 'en', code);
    expect(en.sms).toBe('Code 042917');
    expect(en.email.subject).toBe('Your Kitapçı verification code');
  });

  it('fills placeholders in one pass and empties the other method’s', () => {
    expect(fillPlaceholders('{brand} {code} {link} {minutes} {other}', code)).toBe(
      'Kitapçı 042917  3 {other}',
    );
    expect(fillPlaceholders('{brand}/{code}', { ...code, brand: '{code}' })).toBe('{code}/042917');
    expect(fillPlaceholders('{link}', link)).toBe(link.link);
  });
});
