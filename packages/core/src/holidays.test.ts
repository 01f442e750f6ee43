import { describe, expect, it } from 'vitest';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  CalendarRangeError,
  hasHolidayData,
  holidayOn,
  holidaysIn,
} from './holidays.js';
import { addCivilDays, civilDate, formatCivilDate } from './iys-date.js';
import { day } from './iys-date.test-support.js';

const span = (firstIso: string, days: number): string[] =>
  Array.from({ length: days }, (_, i) => formatCivilDate(addCivilDays(day(firstIso), i)));

// docs/compliance.md#c--business-days, copied by hand: the independent record the data is checked against.
const TABLE: Record<number, { ramazan: [string, number]; kurban: [string, number] }> = {
  2024: { ramazan: ['2024-04-10', 3], kurban: ['2024-06-16', 4] },
  2025: { ramazan: ['2025-03-30', 3], kurban: ['2025-06-06', 4] },
  2026: { ramazan: ['2026-03-20', 3], kurban: ['2026-05-27', 4] },
  2027: { ramazan: ['2027-03-09', 3], kurban: ['2027-05-16', 4] },
  2028: { ramazan: ['2028-02-26', 3], kurban: ['2028-05-05', 4] },
  2029: { ramazan: ['2029-02-14', 3], kurban: ['2029-04-24', 4] },
  2030: { ramazan: ['2030-02-04', 3], kurban: ['2030-04-13', 4] },
};

describe('holidays', () => {
  it('C4: covers the reviewed table, from 2024 on (later years are added in holidays-data.ts)', () => {
    expect(CALENDAR_FIRST_YEAR).toBe(2024);
    expect(CALENDAR_LAST_YEAR).toBeGreaterThanOrEqual(2030);
    expect(
      Object.keys(TABLE)
        .map(Number)
        .filter((year) => !hasHolidayData(year)),
    ).toEqual([]);
  });

  it.each(Object.entries(TABLE))(
    'C4: the moving holidays of %s match the table, each with a half-day arife before it',
    (year, { ramazan, kurban }) => {
      const list = holidaysIn(Number(year));
      const named = (prefix: string, kind: 'full' | 'half') =>
        list
          .filter((h) => h.kind === kind && h.name.tr.startsWith(prefix))
          .map((h) => formatCivilDate(h.date));
      expect(named('Ramazan Bayramı (', 'full')).toEqual(span(...ramazan));
      expect(named('Kurban Bayramı (', 'full')).toEqual(span(...kurban));
      expect(named('Ramazan Bayramı arifesi', 'half')).toEqual([
        formatCivilDate(addCivilDays(day(ramazan[0]), -1)),
      ]);
      expect(named('Kurban Bayramı arifesi', 'half')).toEqual([
        formatCivilDate(addCivilDays(day(kurban[0]), -1)),
      ]);
    },
  );

  it('C4: 2026 Kurban Bayramı is 27–30 May, with its arife on 26 May from 13:00', () => {
    for (const iso of ['2026-05-27', '2026-05-28', '2026-05-29', '2026-05-30']) {
      expect(holidayOn(day(iso)).kind).toBe('full');
    }
    expect(holidayOn(day('2026-05-26'))).toEqual({
      kind: 'half',
      from: '13:00',
      names: [{ tr: 'Kurban Bayramı arifesi', en: 'Eid al-Adha eve' }],
    });
    expect(holidayOn(day('2026-05-31'))).toEqual({ kind: 'none' });
  });

  it('C4: 19 May 2027 is both Kurban Bayramı day 4 and a national holiday, and says so', () => {
    const status = holidayOn(day('2027-05-19'));
    expect(status.kind).toBe('full');
    if (status.kind !== 'full') return;
    expect(status.names.map((n) => n.tr)).toEqual([
      "Atatürk'ü Anma, Gençlik ve Spor Bayramı",
      'Kurban Bayramı (4. gün)',
    ]);
  });

  it('C4: 23 April 2029, a national holiday and a Kurban arife, is a full holiday', () => {
    const status = holidayOn(day('2029-04-23'));
    expect(status).toEqual({
      kind: 'full',
      names: [
        { tr: 'Ulusal Egemenlik ve Çocuk Bayramı', en: "National Sovereignty and Children's Day" },
      ],
    });
  });

  it('has 28 October as a half day off from 13:00 (the Republic Day eve)', () => {
    expect(holidayOn(day('2026-10-28'))).toEqual({
      kind: 'half',
      from: '13:00',
      names: [{ tr: 'Cumhuriyet Bayramı arifesi', en: 'Republic Day eve' }],
    });
  });

  it('does not move a holiday that falls on a weekend (30 August 2025 is a Saturday)', () => {
    expect(holidayOn(day('2025-08-30')).kind).toBe('full');
    expect(holidayOn(day('2025-09-01'))).toEqual({ kind: 'none' });
  });

  it('C3: an administrative bridge day is not a holiday (24 April 2026, after a Thursday holiday)', () => {
    expect(holidayOn(day('2026-04-23')).kind).toBe('full');
    expect(holidayOn(day('2026-04-24'))).toEqual({ kind: 'none' });
  });

  it('has 17 entries a year while each year has one of each bayram (8 fixed, 2 arifes, 3 + 4 days)', () => {
    for (const year of Object.keys(TABLE).map(Number)) {
      expect(holidaysIn(year)).toHaveLength(8 + 2 + 3 + 4);
    }
  });

  it.each([CALENDAR_FIRST_YEAR - 1, CALENDAR_LAST_YEAR + 1, 1970])(
    'throws CalendarRangeError for a day in %i instead of guessing',
    (year) => {
      expect(() => holidayOn(civilDate(year, 6, 1))).toThrow(CalendarRangeError);
      expect(() => holidaysIn(year)).toThrow(CalendarRangeError);
    },
  );

  it('explains the range error: the year, the known range and where the data lives', () => {
    const year = CALENDAR_LAST_YEAR + 1;
    let caught: unknown;
    try {
      holidayOn(civilDate(year, 1, 1));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalendarRangeError);
    expect(caught).toBeInstanceOf(RangeError);
    const error = caught as CalendarRangeError;
    expect(error.name).toBe('CalendarRangeError');
    expect(error.year).toBe(year);
    expect(error.message).toContain(String(year));
    expect(error.message).toContain(`${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}`);
    expect(error.message).toContain('packages/core/src/holidays-data.ts');
  });
});
