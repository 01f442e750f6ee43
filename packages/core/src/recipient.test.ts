import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Channel } from './enums.js';
import { problemMessage, problemsFromZod } from './problem.js';
import { E164Phone, IysEmail, normalizeRecipient, recipientSchemaFor } from './recipient.js';

function zodProblems(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : problemsFromZod(result.error, input);
}

describe('normalizeRecipient', () => {
  it.each<[Channel, string, string]>([
    ['MESAJ', '0532 123 45 67', '+905321234567'],
    ['ARAMA', '(0212) 123 45 67', '+902121234567'],
    ['ARAMA', '+44 20 7946 0958', '+442079460958'],
    ['EPOSTA', ' Ali.Veli@Ornek.com.TR ', 'ali.veli@ornek.com.tr'],
  ])('normalises a %s address %j to %s', (channel, input, expected) => {
    expect(normalizeRecipient(channel, input)).toEqual({ ok: true, value: expected });
  });

  it.each<[Channel, string, string]>([
    ['MESAJ', 'ali@ornek.com', 'phone.invalid'],
    ['ARAMA', '0532', 'phone.invalid'],
    ['EPOSTA', '0532 123 45 67', 'email.invalid'],
    ['EPOSTA', 'çiçek@ornek.com', 'email.nonAscii'],
  ])('applies the %s channel’s rule to %j', (channel, input, code) => {
    const result = normalizeRecipient(channel, input);
    expect(result).toMatchObject({ ok: false, error: { code } });
  });

  it('A3: a recipient address is required and normalised before it can be recorded', () => {
    expect(normalizeRecipient('MESAJ', '')).toMatchObject({
      ok: false,
      error: { code: 'phone.empty' },
    });
    expect(normalizeRecipient('ARAMA', '   ')).toMatchObject({
      ok: false,
      error: { code: 'phone.empty' },
    });
    expect(normalizeRecipient('EPOSTA', '  ')).toMatchObject({
      ok: false,
      error: { code: 'email.empty' },
    });
    // What a record may hold is the normalised form only, never the address as typed.
    const phone = normalizeRecipient('MESAJ', '0532 123 45 67');
    const email = normalizeRecipient('EPOSTA', 'Ali@Ornek.com');
    expect(phone.ok && E164Phone.safeParse(phone.value).success).toBe(true);
    expect(email.ok && IysEmail.safeParse(email.value).success).toBe(true);
    expect(E164Phone.safeParse('0532 123 45 67').success).toBe(false);
    expect(IysEmail.safeParse('Ali@Ornek.com').success).toBe(false);
    expect(E164Phone.safeParse('').success).toBe(false);
    expect(IysEmail.safeParse('').success).toBe(false);
  });
});

describe('E164Phone', () => {
  it('accepts a valid E.164 number', () => {
    expect(E164Phone.parse('+905321234567')).toBe('+905321234567');
  });

  it('reports a number as typed with the phone problem code and İYS’s H121', () => {
    const [problem, ...rest] = zodProblems(E164Phone, '0532 123 45 67');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      code: 'phone.invalid',
      path: [],
      received: '"0532 123 45 67"',
      params: { iysCode: 'H121' },
    });
    expect(problemMessage(problem!, 'tr')).toMatch(/geçerli bir telefon numarası değil/);
  });

  it('reports a number over 15 characters with İYS’s H160', () => {
    expect(zodProblems(E164Phone, '+1234567890123456')[0]).toMatchObject({
      code: 'phone.tooLong',
      params: { iysCode: 'H160' },
    });
  });

  it('keeps the path when used inside another schema', () => {
    const Person = z.object({ phone: E164Phone });
    expect(zodProblems(Person, { phone: '+90' })[0]).toMatchObject({
      code: 'phone.invalid',
      path: ['phone'],
    });
  });

  it('refuses a value that is not a string', () => {
    expect(zodProblems(E164Phone, 905321234567)[0]?.code).toBe('schema.invalid_type');
  });
});

describe('IysEmail', () => {
  it('accepts an already normalised address', () => {
    expect(IysEmail.parse('ali+haber@ornek.com.tr')).toBe('ali+haber@ornek.com.tr');
  });

  it('refuses an address that would pass but is not lower-cased yet', () => {
    const [problem] = zodProblems(IysEmail, 'Ali@Ornek.com');
    expect(problem).toMatchObject({ code: 'recipient.notNormalised', received: '"Ali@Ornek.com"' });
    expect(problemMessage(problem!, 'tr')).toMatch(/küçük harf/);
    expect(problemMessage(problem!, 'en')).toMatch(/lower-case/);
  });

  it('refuses an address with surrounding spaces instead of trimming it', () => {
    expect(zodProblems(IysEmail, ' ali@ornek.com')[0]?.code).toBe('email.invalid');
  });

  it('reports İYS’s rule with the e-mail problem codes', () => {
    expect(zodProblems(IysEmail, 'şule@ornek.com')[0]).toMatchObject({
      code: 'email.nonAscii',
      params: { char: 'ş', iysCode: 'H120' },
    });
  });
});

describe('recipientSchemaFor', () => {
  it('picks the phone schema for MESAJ and ARAMA and the e-mail schema for EPOSTA', () => {
    expect(recipientSchemaFor('MESAJ')).toBe(E164Phone);
    expect(recipientSchemaFor('ARAMA')).toBe(E164Phone);
    expect(recipientSchemaFor('EPOSTA')).toBe(IysEmail);
  });
});
