import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { normalizePhone, validateE164Phone } from './phone.js';
import { normalizePhoneLite } from './phone-lite.js';
import { FOREIGN_NUMBERS, MOBILE, MOBILE_SHAPES, TURKISH_LANDLINES } from './phone.test-support.js';

function problemOf(result: ReturnType<typeof normalizePhone>) {
  if (result.ok) throw new Error(`expected a problem, got ${result.value}`);
  return result.error;
}

/** A refusal as not a valid number, the problem İYS answers with H121. */
function expectH121(result: ReturnType<typeof normalizePhone>) {
  expect(problemOf(result)).toMatchObject({ code: 'phone.invalid', params: { iysCode: 'H121' } });
}

const isTurkishMobile = (national: string): boolean => {
  const parsed = parsePhoneNumberFromString(`+90${national}`);
  return parsed !== undefined && parsed.isValid() && parsed.getType() === 'MOBILE';
};

// The 5xx operator prefixes libphonenumber knows as mobile (50x, 53x, 54x, 55x, 56x…), found by
// asking it rather than copying a list that the numbering plan will outdate.
const MOBILE_PREFIXES = Array.from(
  { length: 100 },
  (_, i) => `5${String(i).padStart(2, '0')}`,
).filter((prefix) => isTurkishMobile(`${prefix}1234567`));

const turkishMobile = fc
  .tuple(fc.constantFrom(...MOBILE_PREFIXES), fc.stringMatching(/^\d{7}$/))
  .map(([prefix, rest]) => `${prefix}${rest}`)
  .filter(isTurkishMobile);

/** Common ways people write a Turkish mobile, `n` being its 10 national digits. */
const SHAPES: ((n: string) => string)[] = [
  (n) => `0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}`,
  (n) => `0${n}`,
  (n) => n,
  (n) => `+90 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
  (n) => `90${n}`,
  (n) => `+90 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}`,
  (n) => `0090 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
  (n) => `(0${n.slice(0, 3)}) ${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}`,
  (n) => `0${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6, 8)}.${n.slice(8)}`,
  (n) => `+90-${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8)}`,
  (n) => `0${n.slice(0, 3)}\u00a0${n.slice(3, 6)}\u00a0${n.slice(6, 8)}\u00a0${n.slice(8)}`,
  (n) => `+90 (0${n.slice(0, 3)}) ${n.slice(3)}`,
];

const SEPARATOR = fc.constantFrom('', '', '', ' ', '\u00a0', '-', '.', '/', '(', ')', '\u2013');
// The digits of a Turkish shape with random separators between every pair of them.
const scattered = (digits: string) =>
  fc
    .array(SEPARATOR, { minLength: digits.length, maxLength: digits.length })
    .map((seps) => [...digits].map((d, i) => `${seps[i]}${d}`).join(''));

const typedMobile = fc.oneof(
  fc.tuple(turkishMobile, fc.constantFrom(...SHAPES)).map(([n, shape]) => ({ n, text: shape(n) })),
  fc
    .tuple(turkishMobile, fc.constantFrom('0', '90', '+90', '0090', ''))
    .chain(([n, prefix]) => scattered(`${prefix}${n}`).map((text) => ({ n, text }))),
);

// Anything a keyboard's phone pad can produce, plus `+` followed by a plausible number of digits.
const typed = fc.oneof(
  fc.array(fc.constantFrom(...'0123456789+ ()-'), { maxLength: 18 }).map((c) => c.join('')),
  fc.stringMatching(/^\+[1-9]\d{6,14}$/),
);

describe('normalizePhone', () => {
  it('knows the usual mobile prefixes, so the property tests cover real numbers', () => {
    expect(MOBILE_PREFIXES).toEqual(expect.arrayContaining(['501', '505', '532', '542', '555']));
  });

  it.each([...MOBILE_SHAPES, ' +905321234567 '])(
    'normalises the Turkish shape %j to +905321234567',
    (input) => {
      expect(normalizePhone(input)).toEqual({ ok: true, value: MOBILE });
    },
  );

  it.each([...TURKISH_LANDLINES, ['+90 232 123 45 67', '+902321234567']])(
    'accepts the Turkish landline or service number %j as %s, since ARAMA may call it',
    (input, expected) => {
      expect(normalizePhone(input)).toEqual({ ok: true, value: expected });
    },
  );

  it.each([...FOREIGN_NUMBERS, ['+44 (0)20 7946 0958', '+442079460958']])(
    'accepts the foreign number %j in international form as %s',
    (input, expected) => {
      expect(normalizePhone(input)).toEqual({ ok: true, value: expected });
    },
  );

  it.each(['', ' ', '\u00a0'])('says %j is empty', (input) => {
    expect(problemOf(normalizePhone(input)).code).toBe('phone.empty');
  });

  it.each([
    'abc',
    '0532',
    '+90 532 123 45 678',
    '0532 123 45 6',
    '+905601234567',
    '+90 111 123 45 67',
    '+1 000 000 0000',
    '+999 1234 5678',
    '442079460958',
    '+44 20 7946 095',
    '0532 123 45 67 ext 12',
  ])('refuses %j as not a valid number (İYS H121)', (input) => {
    expectH121(normalizePhone(input));
  });

  it.each(['1234567890123456', '+1234567890123456', '+90 532 123 45 67 890'])(
    'refuses %j as longer than 15 characters (İYS H160)',
    (input) => {
      const problem = problemOf(normalizePhone(input));
      expect(problem.code).toBe('phone.tooLong');
      expect(problem.params?.iysCode).toBe('H160');
    },
  );

  it('refuses a number phone-lite accepts when its range is not in service', () => {
    expect(normalizePhoneLite('0560 123 45 67')).toEqual({ ok: true, value: '+905601234567' });
    expect(problemOf(normalizePhone('0560 123 45 67'))).toMatchObject({
      code: 'phone.invalid',
      received: '"0560 123 45 67"',
    });
  });

  it('normalises every valid Turkish mobile, in any common shape, to +905… with both normalisers', () => {
    fc.assert(
      fc.property(typedMobile, ({ n, text }) => {
        const expected = { ok: true, value: `+90${n}` };
        expect(normalizePhone(text)).toEqual(expected);
        expect(normalizePhoneLite(text)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same Turkish number as phone-lite whenever both accept an input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          typed,
          typedMobile.map((m) => m.text),
        ),
        (input) => {
          const server = normalizePhone(input);
          const lite = normalizePhoneLite(input);
          if (server.ok) expect(lite.ok).toBe(true);
          if (server.ok && lite.ok && lite.value.startsWith('+90'))
            expect(server.value).toBe(lite.value);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is idempotent: its output is valid E.164 and normalises to itself', () => {
    const foreign = fc.constantFrom('+44 20 7946 0958', '+44 (0)20 7946 0958', '+1 202 555 0123');
    fc.assert(
      fc.property(
        fc.oneof(
          typedMobile.map((m) => m.text),
          foreign,
          typed,
        ),
        (input) => {
          const first = normalizePhone(input);
          if (!first.ok) return;
          expect(normalizePhone(first.value)).toEqual(first);
          expect(validateE164Phone(first.value)).toEqual(first);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('validateE164Phone', () => {
  it.each(['+905321234567', '+902121234567', '+442079460958', '+12025550123'])(
    'accepts %s, already valid E.164',
    (text) => {
      expect(validateE164Phone(text)).toEqual({ ok: true, value: text });
    },
  );

  it('answers the same when asked again, after thousands of other numbers were checked', () => {
    const others = Array.from({ length: 5000 }, (_, i) => `+90532${String(1_000_000 + i)}`);
    expect(validateE164Phone('+905321234567').ok).toBe(true);
    expect(validateE164Phone('+905601234567').ok).toBe(false);
    for (const other of others) expect(validateE164Phone(other).ok).toBe(true);
    expect(validateE164Phone('+905321234567')).toEqual({ ok: true, value: '+905321234567' });
    expect(validateE164Phone('+905601234567').ok).toBe(false);
    expect(validateE164Phone(others[4999]!)).toEqual({ ok: true, value: others[4999] });
  });

  it.each([
    '05321234567',
    '905321234567',
    '+90 5321234567',
    '+90-532-1234567',
    ' +905321234567',
    '+905321234567 ',
    '+9005321234567',
    '+4402079460958',
    '+905601234567',
    '+90532123456',
    '+0905321234567',
    '+',
    'abc',
  ])('refuses %j, which İYS would answer with H121', (text) => {
    expectH121(validateE164Phone(text));
  });

  it.each(['+9053212345678901', '+1234567890123456', 'abcdefghijklmnop', '+90 532 123 45 67 '])(
    'refuses %j as longer than 15 characters (H160, reported before H121)',
    (text) => {
      const problem = problemOf(validateE164Phone(text));
      expect(problem).toMatchObject({
        code: 'phone.tooLong',
        params: { iysCode: 'H160', max: 15 },
      });
    },
  );

  it('says an empty recipient is empty', () => {
    expect(problemOf(validateE164Phone('')).code).toBe('phone.empty');
  });
});
