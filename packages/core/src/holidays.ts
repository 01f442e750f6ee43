import { BAYRAMS, FIXED_HOLIDAYS, MOVING_HOLIDAYS } from './holidays-data.js';
import type { BayramStarts, HolidayName } from './holidays-data.js';
import { addCivilDays, civilDate, compareCivilDates, formatCivilDate } from './iys-date.js';
import type { CivilDate } from './iys-date.js';

export type { BayramStarts, HolidayName } from './holidays-data.js';

/** Where the holiday data lives, for errors, warnings and docs. */
export const HOLIDAY_DATA_FILE = 'packages/core/src/holidays-data.ts';

// Derived, never written by hand: adding a year to MOVING_HOLIDAYS is the whole update.
const DATA_YEARS = Object.keys(MOVING_HOLIDAYS)
  .map(Number)
  .sort((a, b) => a - b);

/** First year the holiday data covers (docs/compliance.md#c--business-days). */
export const CALENDAR_FIRST_YEAR: number = DATA_YEARS[0]!;
/** Last year the holiday data covers; from 1 January after it, business days fall back (business-days.ts). */
export const CALENDAR_LAST_YEAR: number = DATA_YEARS[DATA_YEARS.length - 1]!;

/** Whether the holiday data covers `year`; outside it, business-day counts use their fallback. */
export function hasHolidayData(year: number): boolean {
  return Object.hasOwn(MOVING_HOLIDAYS, year);
}

/**
 * Thrown by `holidayOn` and `holidaysIn` for a year the data does not cover: they never guess (C4).
 * Business-day counts do not throw; they fall back and say so (business-days.ts).
 */
export class CalendarRangeError extends RangeError {
  override readonly name = 'CalendarRangeError';
  constructor(
    /** The year asked about. */
    readonly year: number,
  ) {
    super(
      `No Turkish holiday data for ${year}: expected a year in ` +
        `${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}. Add the year's Ramazan and Kurban ` +
        `Bayramı dates to MOVING_HOLIDAYS in ${HOLIDAY_DATA_FILE} once they are officially ` +
        `announced (docs/calendar.md).`,
    );
  }
}

/** One entry of the holiday data: a full day off, or a half day off from 13:00 (an eve). */
export interface Holiday {
  readonly date: CivilDate;
  readonly kind: 'full' | 'half';
  readonly name: HolidayName;
}

/** What a day is on the Turkish calendar; a full holiday lists every reason (19 May 2027 has two). */
export type HolidayStatus =
  | { readonly kind: 'none' }
  | { readonly kind: 'full'; readonly names: readonly HolidayName[] }
  | { readonly kind: 'half'; readonly from: '13:00'; readonly names: readonly HolidayName[] };

const NONE: HolidayStatus = { kind: 'none' };

/**
 * The status of a day with these entries (all on that day): a full holiday if any entry is full,
 * naming the full ones only (an eve that is also a holiday is simply a holiday), else a half day.
 */
export function holidayStatusOf(entries: readonly Holiday[]): HolidayStatus {
  if (entries.length === 0) return NONE;
  const full = entries.filter((h) => h.kind === 'full');
  return full.length > 0
    ? { kind: 'full', names: full.map((h) => h.name) }
    : { kind: 'half', from: '13:00', names: entries.map((h) => h.name) };
}

function assertInRange(year: number): void {
  if (!hasHolidayData(year)) throw new CalendarRangeError(year);
}

/** One bayram's entries: the half-day arife before it, then its full days. */
function bayramEntries(first: CivilDate, bayram: (typeof BAYRAMS)[number]): Holiday[] {
  const entries: Holiday[] = [
    {
      date: addCivilDays(first, -1),
      kind: 'half',
      name: { tr: `${bayram.tr} arifesi`, en: `${bayram.en} eve` },
    },
  ];
  for (let i = 0; i < bayram.days; i++) {
    entries.push({
      date: addCivilDays(first, i),
      kind: 'full',
      name: { tr: `${bayram.tr} (${i + 1}. gün)`, en: `${bayram.en} (day ${i + 1})` },
    });
  }
  return entries;
}

/**
 * Every holiday entry dated in `year`, in date order, built from `moving` (the built-in
 * `MOVING_HOLIDAYS` unless a test gives other data). A bayram that starts in one year and ends in
 * the next, or whose arife is 31 December, gives each year its own days, so the neighbouring years'
 * starts are read too. No range check: `holidaysIn` is the checked way in.
 */
export function holidaysOfYear(
  year: number,
  moving: Readonly<Record<number, BayramStarts>> = MOVING_HOLIDAYS,
): readonly Holiday[] {
  const list: Holiday[] = FIXED_HOLIDAYS.map(({ month, day, kind, name }) => ({
    date: civilDate(year, month, day),
    kind,
    name,
  }));
  for (const from of [year - 1, year, year + 1]) {
    const starts = moving[from];
    if (!starts) continue;
    for (const bayram of BAYRAMS) {
      for (const monthDay of starts[bayram.key]) {
        const [month, day] = monthDay.split('-').map(Number) as [number, number];
        for (const entry of bayramEntries(civilDate(from, month, day), bayram)) {
          if (entry.date.year === year) list.push(entry);
        }
      }
    }
  }
  return list.sort((a, b) => compareCivilDates(a.date, b.date));
}

interface YearData {
  readonly list: readonly Holiday[];
  readonly byDate: ReadonlyMap<string, HolidayStatus>;
}

const years = new Map<number, YearData>();

function yearData(year: number): YearData {
  assertInRange(year);
  const cached = years.get(year);
  if (cached) return cached;
  const list = holidaysOfYear(year);
  const byDate = new Map<string, HolidayStatus>();
  for (const key of new Set(list.map((h) => formatCivilDate(h.date)))) {
    byDate.set(key, holidayStatusOf(list.filter((h) => formatCivilDate(h.date) === key)));
  }
  const data: YearData = { list: Object.freeze(list), byDate };
  years.set(year, data);
  return data;
}

/** Every holiday entry of a year, in date order; throws `CalendarRangeError` outside the data. */
export function holidaysIn(year: number): readonly Holiday[] {
  return yearData(year).list;
}

/**
 * Whether a day is a full holiday, a half day (off from 13:00) or neither. A day that is both an
 * eve and a full holiday (23 April 2029, Kurban arife) is a full holiday. Throws
 * `CalendarRangeError` for a year the data does not cover (`hasHolidayData`).
 */
export function holidayOn(day: CivilDate): HolidayStatus {
  return yearData(day.year).byDate.get(formatCivilDate(day)) ?? NONE;
}
