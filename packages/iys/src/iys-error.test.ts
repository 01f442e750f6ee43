import { describe, it, expect } from 'vitest';
import { IysError, categoryOf, redact, type IysErrorKind } from './iys-error.js';

describe('IysError', () => {
  it.each([
    ['network', true],
    ['timeout', true],
    ['rate-limited', true],
    ['busy', true],
    ['server', true],
    ['token-locked', false],
    ['auth', false],
    ['account', false],
    ['gateway', false],
    ['rejected', false],
    ['already', false],
    ['invalid-response', false],
  ] as const)('marks a %s error retryable: %s', (kind: IysErrorKind, retryable) => {
    expect(new IysError({ kind, status: 0 }).retryable).toBe(retryable);
  });

  it.each([
    ['network', 'retryable'],
    ['timeout', 'retryable'],
    ['rate-limited', 'retryable'],
    ['busy', 'retryable'],
    ['server', 'retryable'],
    ['token-locked', 'account'],
    ['auth', 'account'],
    ['account', 'account'],
    ['gateway', 'account'],
    ['rejected', 'rejected'],
    ['already', 'already'],
    ['invalid-response', 'invalid-response'],
  ] as const)('puts a %s error in the %s category', (kind: IysErrorKind, category) => {
    expect(categoryOf(kind)).toBe(category);
    const error = new IysError({ kind, status: 400 });
    expect(error.category).toBe(category);
    expect(error.retryable).toBe(category === 'retryable');
  });

  it('is an Error with a name, and takes its code from the first entry that has one', () => {
    const error = new IysError({
      kind: 'rejected',
      status: 422,
      errors: [
        { code: '', message: 'no code' },
        { code: 'H160', message: 'uzun' },
        { code: 'H121', message: 'E164' },
      ],
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('IysError');
    expect(error.code).toBe('H160');
    expect(error.codes).toEqual(['H160', 'H121']);
  });

  it('counts as sent whenever an HTTP status came back', () => {
    expect(new IysError({ kind: 'rejected', status: 422 }).sent).toBe(true);
    expect(new IysError({ kind: 'rejected', status: 0 }).sent).toBe(false);
  });

  it('names the operation, status and each indexed code in its message', () => {
    const error = new IysError({
      kind: 'rejected',
      status: 422,
      operation: 'addConsents',
      errors: [{ code: 'H194', message: 'İzin listede daha önce tanımlandı.', index: 3 }],
    });
    expect(error.message).toBe(
      'addConsents: rejected (HTTP 422): [3] H194 İzin listede daha önce tanımlandı.',
    );
  });
});

describe('redact', () => {
  it('hides e-mail addresses and phone numbers but keeps codes and dates', () => {
    expect(redact('alıcı ali.veli+x@ornek.com.tr reddedildi')).toBe('alıcı <e-posta> reddedildi');
    expect(redact('telefon +905321234567 ve 0532 123 45 67')).toBe(
      'telefon <telefon> ve <telefon>',
    );
    expect(redact('H467 2020-01-13 13:35:13')).toBe('H467 2020-01-13 13:35:13');
  });
});
