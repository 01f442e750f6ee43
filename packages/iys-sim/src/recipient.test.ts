import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { IYS_LIMITS } from '@izinli/core';
import { DEFAULT_POLICY } from './options.js';
import { checkEmail, checkPhone, checkRecipient } from './recipient.js';

const limits = { ...IYS_LIMITS };

describe('recipient checks', () => {
  it.each(['ayse@example.com', 'a.b-c_d+tag@mail.example.com.tr', '__x--y@ab.co', 'x@xx.xx'])(
    'accepts the e-mail %j',
    (email) => expect(checkEmail(email, limits, DEFAULT_POLICY).ok).toBe(true),
  );

  it.each([
    'örnek@mail.com',
    'a b@example.com',
    'x@x.xx',
    'x@xx.x',
    'a@b',
    'ayşe@example.com',
    'a(b)@example.com',
    'a@ex_ample.com',
    'a@.com',
  ])('refuses the e-mail %j with H120', (email) =>
    expect(checkEmail(email, limits, DEFAULT_POLICY)).toEqual({ ok: false, codes: ['H120'] }),
  );

  it('refuses e-mails outside 6–265 characters', () => {
    expect(checkEmail(`${'a'.repeat(256)}@example.com`, limits, DEFAULT_POLICY).ok).toBe(false);
  });

  it('lower-cases every accepted e-mail', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{1,20}@[A-Za-z]{2,10}\.[A-Za-z]{2,4}$/),
        (email) => {
          const checked = checkEmail(email, limits, DEFAULT_POLICY);
          return checked.ok && checked.recipient === email.toLowerCase();
        },
      ),
    );
  });

  it('takes a phone in E.164 and refuses national forms, double prefixes and lengths', () => {
    // İYS records a Turkish mobile with the trunk 0 kept (+9005…), as its add operations warn.
    expect(checkPhone('+9005321234567', limits)).toEqual({ ok: true, recipient: '+9005321234567' });
    expect(checkPhone('+90053212345', limits)).toEqual({ ok: false, codes: ['H121'] });
    expect(checkPhone('+905321234567', limits)).toEqual({ ok: true, recipient: '+905321234567' });
    expect(checkPhone('+442071838750', limits).ok).toBe(true);
    expect(checkPhone('05321234567', limits)).toEqual({ ok: false, codes: ['H121'] });
    expect(checkPhone('+9053212345678901', limits)).toEqual({ ok: false, codes: ['H160', 'H121'] });
  });

  it('answers H122 when the channel is unknown and the recipient is neither form', () => {
    expect(checkRecipient('nope', undefined, limits, DEFAULT_POLICY)).toEqual({
      ok: false,
      codes: ['H122'],
    });
    expect(checkRecipient('AYSE@example.com', undefined, limits, DEFAULT_POLICY)).toEqual({
      ok: true,
      recipient: 'ayse@example.com',
    });
  });
});
