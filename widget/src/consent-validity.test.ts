import { describe, expect, it } from 'vitest';
import { consentProblem } from './consent-validity.js';

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
});
