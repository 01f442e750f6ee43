// The checks a new year of holiday data must pass (docs/calendar.md): whoever adds a year to
// holidays-data.ts learns here if a date is mistyped, a bayram is missing or a year is skipped.
import { describe, expect, it } from 'vitest';
import { BAYRAMS, FIXED_HOLIDAYS, MOVING_HOLIDAYS } from './holidays-data.js';
import type { BayramStarts } from './holidays-data.js';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  hasHolidayData,
  holidaysIn,
  holidaysOfYear,
} from './holidays.js';
import type { Holiday } from './holidays.js';
import { addCivilDays, compareCivilDates, formatCivilDate, parseCivilDate } from './iys-date.js';
import type { CivilDate } from './iys-date.js';

const years = Object.keys(MOVING_HOLIDAYS).map(Number);
const kindsOn = (list: readonly Holiday[], iso: string) =>
  list.filter((h) => formatCivilDate(h.date) === iso).map((h) => `${h.kind} ${h.name.tr}`);

/** Every bayram start of the data, in date order, each a real day of the year it is keyed by. */
function starts(data: Readonly<Record<number, BayramStarts>>) {
  const all: { key: 'ramazan' | 'kurban'; date: CivilDate; text: string }[] = [];
  for (const [year, entry] of Object.entries(data)) {
    for (const key of ['ramazan', 'kurban'] as const) {
      for (const monthDay of entry[key]) {
        const text = `${year}-${monthDay}`;
        const date = /^\d{2}-\d{2}$/.test(monthDay) ? parseCivilDate(text) : undefined;
        if (!date)
          throw new Error(`${key} ${year}: expected MM-DD, a real day; received ${monthDay}`);
        all.push({ key, date, text });
      }
    }
  }
  return all.sort((a, b) => compareCivilDates(a.date, b.date));
}

describe('the holiday data (holidays-data.ts)', () => {
  it('C4: covers every year from the first to the last, none skipped', () => {
    expect(years.length).toBeGreaterThan(0);
    expect(years.every(Number.isInteger)).toBe(true);
    expect(years).toEqual(
      Array.from(
        { length: CALENDAR_LAST_YEAR - CALENDAR_FIRST_YEAR + 1 },
        (_, i) => CALENDAR_FIRST_YEAR + i,
      ),
    );
    expect(hasHolidayData(CALENDAR_FIRST_YEAR - 1)).toBe(false);
    expect(hasHolidayData(CALENDAR_LAST_YEAR + 1)).toBe(false);
  });

  it('C4: lists the fixed holidays of Law 2429 and nothing else as fixed', () => {
    expect(FIXED_HOLIDAYS.map((h) => `${h.month}-${h.day} ${h.kind}`)).toEqual([
      '1-1 full',
      '4-23 full',
      '5-1 full',
      '5-19 full',
      '7-15 full',
      '8-30 full',
      '10-28 half',
      '10-29 full',
    ]);
    expect(BAYRAMS.map((b) => `${b.key} ${b.days}`)).toEqual(['ramazan 3', 'kurban 4']);
  });

  it.each(years)('C4: %i has every fixed holiday, unmoved, with 28 October a half day', (year) => {
    const list = holidaysIn(year);
    for (const md of ['01-01', '04-23', '05-01', '05-19', '07-15', '08-30', '10-29']) {
      expect(kindsOn(list, `${year}-${md}`)).toContainEqual(expect.stringMatching(/^full /));
    }
    expect(kindsOn(list, `${year}-10-28`)).toContain('half Cumhuriyet Bayramı arifesi');
  });

  it.each(years)('C4: %i has one or two of each bayram, each a real MM-DD of its year', (year) => {
    const entry = MOVING_HOLIDAYS[year]!;
    for (const key of ['ramazan', 'kurban'] as const) {
      expect(entry[key].length).toBeGreaterThanOrEqual(1);
      expect(entry[key].length).toBeLessThanOrEqual(2);
    }
    expect(() => starts({ [year]: entry })).not.toThrow();
  });

  it('C4: the bayrams alternate Ramazan, Kurban, … at the Hijri calendar’s spacing', () => {
    // Shawwal 1 → Dhu al-Hijja 10 is 67–69 days, a Hijri year 354–355; one day either way is
    // left for an announcement that differs from the computed calendar.
    const all = starts(MOVING_HOLIDAYS);
    const wrong = all.slice(1).flatMap((next, i) => {
      const before = all[i]!;
      const days = compareCivilDates(next.date, before.date);
      const [low, high] = before.key === 'ramazan' ? [66, 70] : [284, 289];
      const problems =
        next.key === before.key || !within(days, low, high)
          ? [`${before.key} ${before.text} → ${next.key} ${next.text}: ${days} days`]
          : [];
      const year = i >= 1 ? all[i - 1]! : undefined; // the same bayram, a Hijri year before
      if (year?.key === next.key) {
        const yearDays = compareCivilDates(next.date, year.date);
        if (!within(yearDays, 353, 356)) {
          problems.push(`${year.key} ${year.text} → ${next.text}: ${yearDays} days`);
        }
      }
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  it.each(years)('C4: every entry of %i is dated in its year, in date order', (year) => {
    const dates = holidaysIn(year).map((h) => formatCivilDate(h.date));
    expect(dates.filter((iso) => !iso.startsWith(`${year}-`))).toEqual([]);
    expect([...dates].sort()).toEqual(dates);
  });

  it.each(years)('C4: each bayram of %i is its days in a row after a half-day arife', (year) => {
    const list = holidaysIn(year);
    for (const bayram of BAYRAMS) {
      for (const monthDay of MOVING_HOLIDAYS[year]![bayram.key]) {
        const first = parseCivilDate(`${year}-${monthDay}`)!;
        const arife = addCivilDays(first, -1);
        if (arife.year === year) {
          expect(kindsOn(list, formatCivilDate(arife))).toContain(`half ${bayram.tr} arifesi`);
        }
        for (let i = 0; i < bayram.days; i++) {
          const day = addCivilDays(first, i);
          if (day.year !== year) continue; // the next year's, checked there
          expect(kindsOn(list, formatCivilDate(day))).toContain(
            `full ${bayram.tr} (${i + 1}. gün)`,
          );
        }
      }
    }
  });
});

// The format must hold the years to come, though their dates are not announced yet: synthetic
// data shaped like 2033, when the Hijri year puts two Ramazan Bayramı in one Gregorian year.
describe('holidaysOfYear, for data still to be added', () => {
  const data: Record<number, BayramStarts> = {
    2033: { ramazan: ['01-01', '12-30'], kurban: ['03-11'] },
  };
  const of = (year: number) =>
    holidaysOfYear(year, data)
      .filter((h) => h.name.tr.startsWith('Ramazan'))
      .map((h) => `${formatCivilDate(h.date)} ${h.kind}`);

  it('gives a year two Ramazan Bayramı when it has two starts', () => {
    expect(of(2033)).toEqual([
      '2033-01-01 full',
      '2033-01-02 full',
      '2033-01-03 full',
      '2033-12-29 half',
      '2033-12-30 full',
      '2033-12-31 full',
    ]);
  });

  it('puts the days of a bayram past 31 December in the next year', () => {
    expect(of(2034)).toEqual(['2034-01-01 full']);
  });

  it('puts the arife of a bayram starting on 1 January in the year before', () => {
    expect(of(2032)).toEqual(['2032-12-31 half']);
  });
});

function within(n: number, low: number, high: number): boolean {
  return n >= low && n <= high;
}
