// The widget's own address checks must agree with @izinli/core's, which the server applies: an
// address the widget accepts and the server refuses would cost the whole capture (422).
import { normalizeEmail, normalizePhoneLite, phoneKindLite } from '@izinli/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEmailShape, isFullName, isPhoneShape, phoneShapeKind } from './address-shape.js';

const PHONES = [
  '0532 123 45 67',
  '+90 (532) 123-4567',
  '0090 532 123 45 67',
  '905321234567',
  '5321234567',
  '+90 (0532) 123 45 67',
  '0212 345 67 89',
  '+44 20 7946 0958',
  '+683 4002',
  '+0 532',
  '1234567890',
  '0532 123 45 6',
  '0532–123–45–67',
  '+1 234 567 890 123 456',
  'abc',
  '',
  '   ',
  '+90 132 123 45 67',
  `0532${' '.repeat(40)}1234567`,
];
const EMAILS = [
  'ayse@ornek.com.tr',
  ' AYSE@ORNEK.COM ',
  'ayşe@ornek.com',
  'ayse@ornek',
  'a@b.co',
  'ad+etiket@ornek.com',
  '-ad@ornek.com',
  'ad soyad@ornek.com',
  'ad@@ornek.com',
  'ad@ornek..com',
  '',
  `${'a'.repeat(260)}@ornek.com`,
];
const core = {
  phone: (text: string) => normalizePhoneLite(text).ok && text.trim().length <= 40,
  kind: (text: string) => {
    const shaped = normalizePhoneLite(text);
    return shaped.ok && text.trim().length <= 40 ? phoneKindLite(shaped.value) : undefined;
  },
  email: (text: string) => normalizeEmail(text).ok,
};

describe('address shapes', () => {
  it.each(PHONES)('A4: agrees with core on the phone number %j', (text) => {
    expect(isPhoneShape(text)).toBe(core.phone(text));
  });

  it.each(EMAILS)('A4: agrees with core on the e-mail address %j', (text) => {
    expect(isEmailShape(text)).toBe(core.email(text));
  });

  it.each(PHONES)('phone rules: reads the kind of %j as core does', (text) => {
    expect(phoneShapeKind(text)).toBe(core.kind(text));
  });

  it('A4: agrees with core on any string of phone characters, and on its kind', () => {
    const chars = fc.constantFrom(...'0123456789+ ()-./\u2013'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 24 }), (text) => {
        expect(isPhoneShape(text)).toBe(core.phone(text));
        expect(phoneShapeKind(text)).toBe(core.kind(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('A4: agrees with core on any string of e-mail characters', () => {
    const chars = fc.constantFrom(...'ab0.@-_+ şİ'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 16 }), (text) => {
        expect(isEmailShape(text)).toBe(core.email(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('A3: a full name needs a name and a surname within 200 characters', () => {
    expect(isFullName('Ayşe Yılmaz')).toBe(true);
    expect(isFullName('  Ayşe   Nur  Yılmaz ')).toBe(true);
    expect(isFullName('Ayşe')).toBe(false);
    expect(isFullName('   ')).toBe(false);
    expect(isFullName(`Ayşe ${'Y'.repeat(200)}`)).toBe(false);
  });
});
