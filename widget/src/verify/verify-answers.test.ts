import { describe, expect, it } from 'vitest';
import { attemptsLeftOf, errorCodeOf, timeOf } from './verify-answers.js';

describe('reading the verification answers', () => {
  it('finds attemptsLeft in the first problem’s params, on the error, or at the top', () => {
    const error = { code: 'verification.codeWrong', message: 'Wrong code.' };
    expect(
      attemptsLeftOf({ error: { ...error, problems: [{ params: { attemptsLeft: 2 } }] } }),
    ).toBe(2);
    expect(attemptsLeftOf({ error: { ...error, issues: [{ params: { attemptsLeft: 1 } }] } })).toBe(
      1,
    );
    expect(attemptsLeftOf({ error: { ...error, attemptsLeft: 0 } })).toBe(0);
    expect(attemptsLeftOf({ error, attemptsLeft: 1 })).toBe(1);
    expect(
      attemptsLeftOf({ error: { ...error, problems: [{ params: { attemptsLeft: '2' } }] } }),
    ).toBe(undefined);
    expect(attemptsLeftOf({})).toBe(undefined);
  });

  it('reads the error code and the server’s times, falling back when unreadable', () => {
    expect(errorCodeOf({ error: { code: 'verification.locked' } })).toBe('verification.locked');
    expect(errorCodeOf({})).toBe('');
    expect(timeOf('2026-03-02T09:00:30.000Z', 0)).toBe(Date.parse('2026-03-02T09:00:30Z'));
    expect(timeOf('soon', 42)).toBe(42);
    expect(timeOf(undefined, 42)).toBe(42);
  });
});
