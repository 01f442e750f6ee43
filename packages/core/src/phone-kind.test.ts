import { describe, expect, it } from 'vitest';
import { phoneKind } from './phone.js';
import { PhonePolicy, phoneKindLite, phoneKindProblems } from './phone-kind.js';
import { problemMessage } from './problem.js';

const strict = PhonePolicy.parse(undefined);

describe('phone kinds', () => {
  it.each([
    ['+905321234567', 'mobile'],
    ['+902123456789', 'landline'],
    ['+908502221234', 'landline'],
    ['+447911123456', 'foreign-mobile'],
    ['+442079460958', 'foreign'],
    // The plan cannot tell a US mobile from a landline: counted as a mobile, never refused for MESAJ.
    ['+12015550123', 'foreign-mobile'],
  ])('reads %s as %s by the numbering plan', (e164, kind) => {
    expect(phoneKind(e164)).toBe(kind);
  });

  it('the light reading agrees with the plan on Turkish mobiles and landlines', () => {
    for (const e164 of ['+905321234567', '+905051234567', '+902123456789', '+903122223344']) {
      const light = phoneKindLite(e164);
      expect(light, e164).toBe(phoneKind(e164));
    }
    expect(phoneKindLite('+447911123456')).toBe('foreign');
  });

  it('defaults to MESAJ for mobiles only and no foreign numbers', () => {
    expect(strict).toEqual({ mesaj: 'mobile', foreign: 'refuse' });
    expect(() => PhonePolicy.parse({ mesaj: 'landline' })).toThrow();
  });

  it('refuses MESAJ for a landline, with the received number and a Turkish message', () => {
    const [problem, ...rest] = phoneKindProblems(
      ['MESAJ', 'EPOSTA'],
      'landline',
      strict,
      '0212 345 67 89',
    );
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'phone.notMobile', path: ['person', 'phone'] });
    expect(problemMessage(problem!, 'tr')).toContain('cep telefonu');
    expect(problemMessage(problem!, 'en')).toContain('0212 345 67 89');
    expect(phoneKindProblems(['ARAMA'], 'landline', strict, 'x')).toEqual([]);
    expect(phoneKindProblems(['MESAJ'], 'landline', { ...strict, mesaj: 'any' }, 'x')).toEqual([]);
  });

  it('refuses a foreign number for any phone channel unless the site accepts them', () => {
    expect(phoneKindProblems(['ARAMA'], 'foreign', strict, '+44 20 7946 0958')[0]?.code).toBe(
      'phone.foreign',
    );
    expect(phoneKindProblems(['MESAJ'], 'foreign-mobile', strict, '+44')[0]?.code).toBe(
      'phone.foreign',
    );
    const accept = { ...strict, foreign: 'accept' as const };
    expect(phoneKindProblems(['MESAJ'], 'foreign-mobile', accept, '+44')).toEqual([]);
    expect(phoneKindProblems(['MESAJ'], 'foreign', accept, '+44')[0]?.code).toBe('phone.notMobile');
  });

  it('never refuses unticked boxes: a withdrawal is always possible', () => {
    expect(phoneKindProblems([], 'foreign', strict, '+44')).toEqual([]);
    expect(phoneKindProblems(['EPOSTA'], 'landline', strict, '0212')).toEqual([]);
  });
});
