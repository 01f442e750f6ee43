import { describe, expect, it } from 'vitest';
import type { PhonePolicy } from '@izinli/core';
import { consentProblem as problemUnder } from './consent-validity.js';
import type { TypedPerson } from './capture-draft.js';

const strict: PhonePolicy = { mesaj: 'mobile', foreign: 'refuse' };
const consentProblem = (ticked: Parameters<typeof problemUnder>[0], typed: TypedPerson) =>
  problemUnder(ticked, typed, strict);

const person = { fullName: 'Ayşe Yılmaz', phone: '0532 123 45 67', email: 'ayse@ornek.com.tr' };

describe('consentProblem', () => {
  it('B5: nothing ticked is always valid, whatever the fields hold', () => {
    expect(consentProblem([], {})).toBeUndefined();
    expect(consentProblem([], { phone: 'x', email: 'y' })).toBeUndefined();
  });

  it('A3: a ticked channel needs a name and a surname', () => {
    expect(consentProblem(['EPOSTA'], { ...person, fullName: 'Ayşe' })).toEqual({
      message: 'needName',
      channel: 'EPOSTA',
      field: 'fullName',
    });
  });

  it('A4: MESAJ and ARAMA need a usable phone number, EPOSTA a usable e-mail address', () => {
    expect(consentProblem(['ARAMA'], { ...person, phone: '' })?.message).toBe('needPhone');
    expect(consentProblem(['MESAJ'], { ...person, phone: '0532' })?.message).toBe('needPhone');
    expect(consentProblem(['EPOSTA'], { ...person, email: ' ' })?.message).toBe('needEmail');
    expect(consentProblem(['EPOSTA'], { ...person, email: 'ayşe@x.com' })?.message).toBe(
      'needEmail',
    );
    expect(consentProblem(['MESAJ', 'ARAMA', 'EPOSTA'], person)).toBeUndefined();
  });

  it('A4: an address for a channel that is not ticked does not matter', () => {
    expect(consentProblem(['EPOSTA'], { ...person, phone: 'yok' })).toBeUndefined();
  });

  it('phone rules: MESAJ needs a mobile number and foreign numbers are refused by default; both can be relaxed', () => {
    const landline = { ...person, phone: '0212 345 67 89' };
    const foreign = { ...person, phone: '+44 20 7946 0958' };
    expect(consentProblem(['MESAJ'], landline)).toEqual({
      message: 'needMobile',
      channel: 'MESAJ',
      field: 'phone',
    });
    expect(consentProblem(['ARAMA'], landline)).toBeUndefined();
    expect(consentProblem(['EPOSTA'], landline)).toBeUndefined();
    expect(consentProblem(['ARAMA'], foreign)?.message).toBe('needTurkishPhone');
    expect(consentProblem(['EPOSTA'], foreign)).toBeUndefined();
    const relaxed: PhonePolicy = { mesaj: 'any', foreign: 'accept' };
    expect(problemUnder(['MESAJ', 'ARAMA'], landline, relaxed)).toBeUndefined();
    expect(problemUnder(['MESAJ', 'ARAMA'], foreign, relaxed)).toBeUndefined();
    expect(problemUnder(['MESAJ'], landline, { ...relaxed, mesaj: 'mobile' })?.message).toBe(
      'needMobile',
    );
  });
});
