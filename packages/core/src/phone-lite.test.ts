import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PHONE_MAX_LENGTH, normalizePhoneLite, phoneProblem } from './phone-lite.js';
import { problemMessage } from './problem.js';
import { FOREIGN_NUMBERS, MOBILE, MOBILE_SHAPES, TURKISH_LANDLINES } from './phone.test-support.js';

function problemOf(input: string) {
  const result = normalizePhoneLite(input);
  if (result.ok)
    throw new Error(`expected a problem for ${JSON.stringify(input)}, got ${result.value}`);
  return result.error;
}

/** The code and params of the problem an input gives, to compare with toEqual in one go. */
function codeAndParams(input: string) {
  const { code, params } = problemOf(input);
  return { code, params };
}

describe('normalizePhoneLite', () => {
  it.each([
    ...MOBILE_SHAPES,
    '0532/123 45 67',
    '0532\u202f123\u202f45\u202f67',
    '0532 – 123 45 67',
    '(+90) 532 123 45 67',
    '+9005321234567',
    ' 0532 123 45 67 ',
    '+905321234567',
  ])('reads the Turkish shape %j as +905321234567', (input) => {
    expect(normalizePhoneLite(input)).toEqual({ ok: true, value: MOBILE });
  });

  it.each([
    ...TURKISH_LANDLINES,
    ['2121234567', '+902121234567'],
    ['+90 850 123 45 67', '+908501234567'],
  ])('reads the Turkish landline or service number %j as %s', (input, expected) => {
    expect(normalizePhoneLite(input)).toEqual({ ok: true, value: expected });
  });

  it.each([...FOREIGN_NUMBERS, ['+683 4002', '+6834002'], ['+12345678901234', '+12345678901234']])(
    'keeps the international number %j as %s',
    (input, expected) => {
      expect(normalizePhoneLite(input)).toEqual({ ok: true, value: expected });
    },
  );

  it('leaves a foreign trunk prefix such as +44 (0)20 for the server to judge', () => {
    expect(normalizePhoneLite('+44 (0)20 7946 0958')).toEqual({
      ok: true,
      value: '+4402079460958',
    });
  });

  it.each(['', ' ', '\u00a0\t', '()', ' - . / '])('says %j is empty', (input) => {
    expect(problemOf(input).code).toBe('phone.empty');
  });

  it.each([
    'abc',
    '0532',
    '+90 532 123 45 678',
    '+90 532 123 45 6',
    '0532 123 45 678',
    '532 123 45 6',
    '1234567890',
    '6321234567',
    '9053212345',
    '+',
    '++905321234567',
    '0532+1234567',
    '+0532 123 45 67',
    '+123456',
    'Tel: 0532 123 45 67',
    '0532 123 45 67 dahili 12',
    '+90 532 FLOWERS',
    '０５３２１２３４５６７',
    '+90 0132 123 45 67',
  ])('refuses %j as not a phone number', (input) => {
    expect(codeAndParams(input)).toEqual({ code: 'phone.invalid', params: { iysCode: 'H121' } });
  });

  it.each([
    '1234567890123456',
    '+1234567890123456',
    '+123456789012345',
    '00123456789012345',
    '+90 532 123 45 67 890',
  ])('refuses %j as longer than 15 characters in E.164', (input) => {
    expect(codeAndParams(input)).toEqual({
      code: 'phone.tooLong',
      params: { iysCode: 'H160', max: PHONE_MAX_LENGTH },
    });
  });

  it('describes a problem with what was expected and an excerpt of the input', () => {
    const problem = problemOf('0532 12');
    expect(problem).toMatchObject({ path: [], received: '"0532 12"' });
    expect(problem.expected.en).toMatch(/phone number/);
  });

  it('explains each problem in Turkish first and in English', () => {
    for (const code of ['phone.empty', 'phone.invalid', 'phone.tooLong'] as const) {
      const problem = phoneProblem(code, '+90 1');
      const tr = problemMessage(problem, 'tr');
      const en = problemMessage(problem, 'en');
      expect(tr).toMatch(/telefon numarası/);
      expect(en).toMatch(/phone number/);
      expect(tr).not.toBe(en);
    }
  });

  it('returns either a +digits number of 8–15 characters or a phone problem, never throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (input) => {
        const result = normalizePhoneLite(input);
        if (result.ok) expect(result.value).toMatch(/^\+[1-9]\d{6,13}$/);
        else expect(result.error.code).toMatch(/^phone\.(empty|invalid|tooLong)$/);
      }),
    );
  });

  it('gives back its own output unchanged when run on it again', () => {
    const typed = fc
      .array(fc.constantFrom(...'0123456789 +-.()\u00a0'), { maxLength: 20 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(typed, (input) => {
        const first = normalizePhoneLite(input);
        if (first.ok) expect(normalizePhoneLite(first.value)).toEqual(first);
      }),
    );
  });
});
