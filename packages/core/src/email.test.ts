import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMAIL_MAX_LENGTH, IYS_EMAIL_PATTERN, normalizeEmail, validateIysEmail } from './email.js';
import { problemMessage } from './problem.js';

function problemOf(input: string) {
  const result = normalizeEmail(input);
  if (result.ok)
    throw new Error(`expected a problem for ${JSON.stringify(input)}, got ${result.value}`);
  return result.error;
}

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const word = (min: number, max: number, chars = alnum) =>
  fc.array(chars, { minLength: min, maxLength: max }).map((c) => c.join(''));
const label = fc
  .tuple(alnum, word(0, 6, fc.constantFrom(...'abcXYZ019-')), alnum)
  .map(([a, mid, b]) => `${a}${mid}${b}`);

/** Addresses İYS accepts, in mixed case: `+`/`.`/`_`/`-` locals, sub-domains, hyphenated labels. */
const validEmail = fc
  .tuple(
    word(1, 20, fc.constantFrom(...'abcXYZ0129._+-')),
    fc.array(label, { minLength: 1, maxLength: 3 }),
    word(2, 6, fc.constantFrom(...'comtrnetORGinfoTR')),
  )
  .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`);

describe('normalizeEmail', () => {
  it.each([
    ['ali@ex.co', 'ali@ex.co'],
    ['  Ali.Veli@Example.COM\t', 'ali.veli@example.com'],
    ['\u00a0ayse@ornek.com.tr\u00a0', 'ayse@ornek.com.tr'],
    ['ali+haber@gmail.com', 'ali+haber@gmail.com'],
    ['ali_veli-99@alt.ornek-site.com.tr', 'ali_veli-99@alt.ornek-site.com.tr'],
    ['.ali@ex.com', '.ali@ex.com'],
    ['-ali@ex.com', '-ali@ex.com'],
    ['_ali@ex.com', '_ali@ex.com'],
    ['a@b.c.de', 'a@b.c.de'],
    ['123@456.com', '123@456.com'],
  ])('accepts %j as %s', (input, expected) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, value: expected });
  });

  it('accepts exactly 265 characters and refuses 266 (İYS rule 5)', () => {
    const at265 = `${'a'.repeat(EMAIL_MAX_LENGTH - 7)}@ex.com`;
    expect(at265).toHaveLength(265);
    expect(normalizeEmail(at265)).toEqual({ ok: true, value: at265 });
    const problem = problemOf(`b${at265}`);
    expect(problem).toMatchObject({
      code: 'email.length',
      params: { length: 266, iysCode: 'H120' },
    });
  });

  it('refuses a huge input as too long without running the pattern on it', () => {
    expect(problemOf(`${'a'.repeat(100_000)}@ex.com`).code).toBe('email.length');
  });

  it.each(['', ' ', '\t\n', '\u00a0'])('says %j is empty', (input) => {
    const problem = problemOf(input);
    expect(problem.code).toBe('email.empty');
    expect(problem.params).toBeUndefined();
  });

  it.each([...'çğıİöşüÇĞÖŞÜ'])('refuses the Turkish letter %s with its own problem', (letter) => {
    const problem = problemOf(`ay${letter}e@ornek.com`);
    expect(problem).toMatchObject({
      code: 'email.nonAscii',
      params: { char: letter, iysCode: 'H120' },
    });
  });

  it('refuses a dotted capital İ before lower-casing could turn it into i + a combining dot', () => {
    expect('İ'.toLowerCase()).toHaveLength(2);
    expect(problemOf('İbrahim@ornek.com')).toMatchObject({
      code: 'email.nonAscii',
      params: { char: 'İ' },
    });
  });

  it.each([
    'ali@örnek.com',
    'ali\u00a0veli@ex.com',
    'ali@ex.com\u200b',
    'ali😀@ex.com',
    'ali”@ex.com',
    'a½@ex.com',
  ])('refuses %j, which is not ASCII', (input) => {
    expect(problemOf(input).code).toBe('email.nonAscii');
  });

  it.each(['ali veli@ex.com', 'ali@ex .com', 'ali\t@ex.com', 'ali\u0000@ex.com'])(
    'refuses %j, which contains a space or control character (İYS rule 7)',
    (input) => {
      expect(problemOf(input)).toMatchObject({
        code: 'email.invalid',
        params: { reason: 'space' },
      });
    },
  );

  it.each([...`{[(!'^%&/)=?,}]*#$|~"\`;:<>\\`])(
    'refuses the special character %s (İYS rule 3)',
    (char) => {
      expect(problemOf(`ali${char}veli@ex.com`)).toMatchObject({
        code: 'email.invalid',
        params: { reason: 'special', char, iysCode: 'H120' },
      });
    },
  );

  it('allows + only before the @ (İYS rule 6)', () => {
    expect(problemOf('ali@ex+tag.com')).toMatchObject({ params: { reason: 'special', char: '+' } });
  });

  it.each(['aliex.com', 'ali@veli@ex.com', 'ali@@ex.com'])(
    'refuses %j, which does not have one @',
    (input) => {
      expect(problemOf(input)).toMatchObject({ code: 'email.invalid', params: { reason: 'at' } });
    },
  );

  it.each([
    'abc',
    'a@b.c',
    'a@b.co',
    'ali@ex.c',
    'ali@excom',
    'ali@.com',
    'ali@ex..com',
    'ali@ex.com.',
    'ali@-ex.com',
    'ali@ex-.com',
    'ali@ex.c0m',
    'ali@ex.co-m',
    '@ex.com',
    'ali@',
  ])('refuses %j, which lacks the shape x@xx.xx (İYS rule 4)', (input) => {
    expect(problemOf(input)).toMatchObject({
      code: 'email.invalid',
      path: [],
      params: { iysCode: 'H120' },
    });
  });

  it('shows the input as typed, spaces included, in the problem', () => {
    expect(problemOf('  ali@ex  ').received).toBe('"  ali@ex  "');
  });

  it('explains each problem in Turkish first and in English', () => {
    for (const input of [
      '',
      'şule@ex.com',
      'ali veli@ex.com',
      'a!@ex.com',
      'a@@b.com',
      'a@b',
      'x'.repeat(300),
    ]) {
      const problem = problemOf(input);
      const tr = problemMessage(problem, 'tr');
      const en = problemMessage(problem, 'en');
      expect(tr).toMatch(/e-posta/);
      expect(en).toMatch(/e-mail/);
      expect(tr).not.toMatch(/undefined/);
      expect(en).not.toMatch(/undefined/);
    }
    expect(problemMessage(problemOf('şule@ex.com'), 'tr')).toMatch(/Türkçe harfler.*"ş"/);
    expect(problemMessage(problemOf('ali veli@ex.com'), 'tr')).toMatch(/boşluk/);
    expect(problemMessage(problemOf('a!@ex.com'), 'en')).toMatch(/special characters \(!\)/);
  });

  it('accepts every address of the allowed characters and shape, lower-cased', () => {
    fc.assert(
      fc.property(validEmail, (email) => {
        expect(normalizeEmail(email)).toEqual({ ok: true, value: email.toLowerCase() });
      }),
    );
  });

  it('gives lower-case ASCII that normalises to itself, for any input it accepts', () => {
    const input = fc.oneof(
      validEmail,
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc
        .tuple(fc.string({ maxLength: 4 }), validEmail, fc.string({ maxLength: 4 }))
        .map((p) => p.join('')),
    );
    fc.assert(
      fc.property(input, (text) => {
        const result = normalizeEmail(text);
        if (!result.ok) return;
        expect(result.value).toMatch(/^[\x21-\x7e]+$/);
        expect(result.value).toBe(result.value.toLowerCase());
        expect(IYS_EMAIL_PATTERN.test(result.value)).toBe(true);
        expect(normalizeEmail(result.value)).toEqual(result);
        expect(validateIysEmail(result.value)).toEqual(result);
      }),
    );
  });

  it('always refuses an address holding any non-ASCII character, wherever it sits', () => {
    const nonAscii = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 1 })
      .filter((c) => c.codePointAt(0)! > 0x7f && c.trim() !== '');
    fc.assert(
      fc.property(validEmail, nonAscii, fc.nat(), (email, char, at) => {
        const i = at % (email.length + 1);
        const result = normalizeEmail(`${email.slice(0, i)}${char}${email.slice(i)}`);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('email.nonAscii');
      }),
    );
  });
});

describe('validateIysEmail', () => {
  it('applies İYS’s rule to the text as sent, without trimming', () => {
    expect(validateIysEmail('Ali@Ex.com')).toEqual({ ok: true, value: 'ali@ex.com' });
    expect(validateIysEmail(' ali@ex.com')).toMatchObject({
      ok: false,
      error: { code: 'email.invalid', params: { reason: 'space' } },
    });
  });
});
