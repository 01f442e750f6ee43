import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import {
  addCivilDays,
  civilDate,
  civilWeekday,
  compareCivilDates,
  formatCivilDate,
  formatIysDate,
  IysDateString,
  parseCivilDate,
  parseIysDate,
  turkeyDayOf,
  turkeyStartOfDay,
} from './iys-date.js';
import { problemMessage, problemsFromZod } from './problem.js';
import type { Problem } from './problem.js';

const utc = (iso: string): Date => new Date(iso);

/** The problem parseIysDate reports for a text it must refuse. */
function refusalOf(text: string): Problem {
  const parsed = parseIysDate(text);
  expect(parsed.ok).toBe(false);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
  return parsed.error;
}

describe('formatIysDate', () => {
  it('A9: writes an instant in Turkey time (UTC+3), never UTC or ISO 8601', () => {
    expect(formatIysDate(utc('2026-11-27T12:00:00Z'))).toBe('2026-11-27 15:00:00');
  });

  it('moves to the next Turkish day from 21:00 UTC', () => {
    expect(formatIysDate(utc('2025-12-31T20:59:59Z'))).toBe('2025-12-31 23:59:59');
    expect(formatIysDate(utc('2025-12-31T21:00:00Z'))).toBe('2026-01-01 00:00:00');
  });

  it('uses +03:00 in summer too, as Turkey has had no DST since 2016', () => {
    expect(formatIysDate(utc('2026-07-15T06:30:00Z'))).toBe('2026-07-15 09:30:00');
  });

  it('drops fractions of a second instead of rounding up', () => {
    expect(formatIysDate(utc('2026-03-01T09:59:59.999Z'))).toBe('2026-03-01 12:59:59');
  });

  it('throws on an Invalid Date, a programming error', () => {
    expect(() => formatIysDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('throws for an instant whose year has no four digits', () => {
    expect(() => formatIysDate(utc('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('parseIysDate', () => {
  it('reads a Turkey-time date as the right instant', () => {
    const parsed = parseIysDate('2026-11-27 15:00:00');
    expect(parsed).toEqual({ ok: true, value: utc('2026-11-27T12:00:00Z') });
  });

  it('reads midnight as the evening before in UTC', () => {
    expect(parseIysDate('2026-01-01 00:00:00')).toEqual({
      ok: true,
      value: utc('2025-12-31T21:00:00Z'),
    });
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseIysDate('2028-02-29 23:59:59').ok).toBe(true);
  });

  it.each([
    ['an ISO 8601 timestamp', '2025-06-01T14:30:00'],
    ['a UTC suffix', '2025-06-01 14:30:00Z'],
    ['an offset', '2025-06-01 14:30:00+03:00'],
    ['milliseconds', '2025-06-01 14:30:00.000'],
    ['no seconds', '2025-06-01 14:30'],
    ['a date alone', '2025-06-01'],
    ['one-digit month', '2025-6-01 14:30:00'],
    ['slashes', '2025/06/01 14:30:00'],
    ['day first', '01-06-2025 14:30:00'],
    ['a leading space', ' 2025-06-01 14:30:00'],
    ['a trailing newline', '2025-06-01 14:30:00\n'],
    ['two spaces', '2025-06-01  14:30:00'],
    ['non-ASCII digits', '２025-06-01 14:30:00'],
    ['an empty string', ''],
  ])('refuses %s with iysDate.format (İYS H158)', (_label, text) => {
    const error = refusalOf(text);
    expect(error).toMatchObject({
      code: 'iysDate.format',
      path: [],
      params: { iysCode: 'H158' },
    });
    expect(error.received).toBe(JSON.stringify(text).slice(0, 40));
  });

  it('refuses a non-string at run time with iysDate.format rather than throwing', () => {
    expect(refusalOf(20250601 as unknown as string).code).toBe('iysDate.format');
  });

  it.each([
    ['2020-15-10 09:30:00', 'month'],
    ['2020-00-10 09:30:00', 'month'],
    ['2025-02-29 10:00:00', 'day'],
    ['2025-04-31 10:00:00', 'day'],
    ['2025-04-00 10:00:00', 'day'],
    ['2100-02-29 10:00:00', 'day'],
    ['2025-06-01 24:00:00', 'hour'],
    ['2025-06-01 23:60:00', 'minute'],
    ['2025-06-01 23:59:60', 'second'],
    ['0000-06-01 10:00:00', 'year'],
  ])('refuses %s with iysDate.invalid naming the %s (İYS H157)', (text, field) => {
    const error = refusalOf(text);
    expect(error).toMatchObject({
      code: 'iysDate.invalid',
      received: JSON.stringify(text),
      params: { iysCode: 'H157', field },
    });
  });

  it('has Turkish and English sentences for both problems', () => {
    const format = parseIysDate('2025-06-01T14:30:00');
    const invalid = parseIysDate('2025-02-29 10:00:00');
    if (format.ok || invalid.ok) throw new Error('expected failures');
    expect(problemMessage(format.error, 'tr')).toContain('yyyy-aa-gg ss:dd:ss');
    expect(problemMessage(format.error, 'en')).toContain('YYYY-MM-DD HH:mm:ss');
    expect(problemMessage(invalid.error, 'tr')).toBe(
      '(girdi): geçerli bir tarih ve saat girilmelidir; "2025-02-29 10:00:00" içindeki gün geçersiz',
    );
    expect(problemMessage(invalid.error, 'en')).toBe(
      '(input): a real date and time is required; the day in "2025-02-29 10:00:00" is out of range',
    );
  });

  it('round-trips every instant from 2015 to 2031 at seconds precision', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: utc('2015-01-01T00:00:00Z'),
          max: utc('2031-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const text = formatIysDate(instant);
          const parsed = parseIysDate(text);
          expect(parsed).toEqual({
            ok: true,
            value: new Date(Math.floor(instant.getTime() / 1000) * 1000),
          });
          if (parsed.ok) expect(formatIysDate(parsed.value)).toBe(text);
        },
      ),
    );
  });
});

describe('IysDateString', () => {
  const Body = z.object({ consentDate: IysDateString });

  it('accepts a valid İYS date and keeps it as the same string', () => {
    expect(Body.parse({ consentDate: '2026-05-22 20:00:00' })).toEqual({
      consentDate: '2026-05-22 20:00:00',
    });
  });

  it('turns a badly formatted date into an iysDate.format problem at its path', () => {
    const input = { consentDate: '2026-05-22T20:00:00Z' };
    const result = Body.safeParse(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(problemsFromZod(result.error, input)).toEqual([
      expect.objectContaining({
        code: 'iysDate.format',
        path: ['consentDate'],
        received: '"2026-05-22T20:00:00Z"',
        params: expect.objectContaining({ iysCode: 'H158' }),
      }),
    ]);
  });

  it('turns an impossible date into an iysDate.invalid problem', () => {
    const input = { consentDate: '2025-02-29 10:00:00' };
    const result = Body.safeParse(input);
    if (result.success) throw new Error('expected a failure');
    expect(problemsFromZod(result.error, input)[0]).toMatchObject({
      code: 'iysDate.invalid',
      params: { iysCode: 'H157', field: 'day' },
    });
  });

  it('refuses a non-string with zod’s own type problem', () => {
    const result = Body.safeParse({ consentDate: 1748000000000 });
    expect(result.success).toBe(false);
  });
});

describe('CivilDate helpers', () => {
  it('finds the Turkish day of an instant, not the UTC day', () => {
    expect(turkeyDayOf(utc('2026-05-22T21:30:00Z'))).toEqual({ year: 2026, month: 5, day: 23 });
    expect(turkeyDayOf(utc('2026-05-22T20:59:59.999Z'))).toEqual({ year: 2026, month: 5, day: 22 });
  });

  it('starts a Turkish day at 21:00 UTC the evening before', () => {
    expect(turkeyStartOfDay(civilDate(2026, 12, 3))).toEqual(utc('2026-12-02T21:00:00Z'));
  });

  it('refuses to build a day that does not exist', () => {
    expect(() => civilDate(2025, 2, 29)).toThrow(RangeError);
    expect(() => civilDate(2025, 13, 1)).toThrow(RangeError);
    expect(() => civilDate(2025, 1, 1.5)).toThrow(RangeError);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addCivilDays(civilDate(2028, 2, 28), 1)).toEqual(civilDate(2028, 2, 29));
    expect(addCivilDays(civilDate(2030, 12, 31), 1)).toEqual(civilDate(2031, 1, 1));
    expect(addCivilDays(civilDate(2026, 3, 1), -1)).toEqual(civilDate(2026, 2, 28));
  });

  it('names weekdays as Date#getUTCDay does', () => {
    expect(civilWeekday(civilDate(2026, 11, 27))).toBe(5); // Friday
    expect(civilWeekday(civilDate(2026, 11, 29))).toBe(0); // Sunday
    expect(civilWeekday(civilDate(1970, 1, 1))).toBe(4);
  });

  it('formats as ISO YYYY-MM-DD and orders days', () => {
    expect(formatCivilDate(civilDate(2027, 5, 9))).toBe('2027-05-09');
    expect(compareCivilDates(civilDate(2027, 5, 9), civilDate(2027, 5, 10))).toBeLessThan(0);
    expect(compareCivilDates(civilDate(2027, 5, 9), civilDate(2027, 5, 9))).toBe(0);
  });

  it('parses YYYY-MM-DD into a real day, and nothing else', () => {
    expect(parseCivilDate('2031-03-20')).toEqual(civilDate(2031, 3, 20));
    expect(parseCivilDate('2028-02-29')).toEqual(civilDate(2028, 2, 29));
    for (const bad of ['2031-02-29', '2031-13-01', '2031-3-20', '20-03-2031', '0000-01-01', '']) {
      expect(parseCivilDate(bad)).toBeUndefined();
    }
    expect(parseCivilDate('2031-03-20 00:00:00')).toBeUndefined();
  });

  it('agrees with Date for every day from 1900 to 2200', () => {
    const start = Date.UTC(1900, 0, 1) / 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 * 366 }), (offset) => {
        const date = new Date((start + offset) * 86_400_000);
        const expected = civilDate(
          date.getUTCFullYear(),
          date.getUTCMonth() + 1,
          date.getUTCDate(),
        );
        expect(addCivilDays(civilDate(1900, 1, 1), offset)).toEqual(expected);
        expect(civilWeekday(expected)).toBe(date.getUTCDay());
      }),
    );
  });
});
