import { addCivilDays, civilDate, compareCivilDates, formatCivilDate } from './iys-date.js';
import type { CivilDate } from './iys-date.js';

/** First year the holiday data covers (COMPLIANCE §C). */
export const CALENDAR_FIRST_YEAR = 2024;
/** Last year the holiday data covers; extend `MOVING_HOLIDAYS` below when the next year is announced. */
export const CALENDAR_LAST_YEAR = 2030;

/** Thrown when asked about a day the holiday data does not cover: the calendar never guesses (C4). */
export class CalendarRangeError extends RangeError {
  override readonly name = 'CalendarRangeError';
  constructor(
    /** The year asked about. */
    readonly year: number,
  ) {
    super(
      `No Turkish holiday data for ${year}: the business-day calendar covers ` +
        `${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR} only. Add the year's Ramazan and Kurban ` +
        `Bayramı dates to MOVING_HOLIDAYS in packages/core/src/holidays.ts (and raise ` +
        `CALENDAR_LAST_YEAR) once they are officially announced.`,
    );
  }
}

/** A holiday's name, Turkish first. */
export interface HolidayName {
  readonly tr: string;
  readonly en: string;
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

// Law 2429. Weekend holidays are not moved to a weekday, and administrative bridge days
// ("idari izin") are not holidays (COMPLIANCE C3), so neither appears here.
const FIXED_HOLIDAYS: readonly {
  month: number;
  day: number;
  kind: 'full' | 'half';
  name: HolidayName;
}[] = [
  { month: 1, day: 1, kind: 'full', name: { tr: 'Yılbaşı', en: "New Year's Day" } },
  {
    month: 4,
    day: 23,
    kind: 'full',
    name: {
      tr: 'Ulusal Egemenlik ve Çocuk Bayramı',
      en: "National Sovereignty and Children's Day",
    },
  },
  {
    month: 5,
    day: 1,
    kind: 'full',
    name: { tr: 'Emek ve Dayanışma Günü', en: 'Labour and Solidarity Day' },
  },
  {
    month: 5,
    day: 19,
    kind: 'full',
    name: {
      tr: "Atatürk'ü Anma, Gençlik ve Spor Bayramı",
      en: 'Commemoration of Atatürk, Youth and Sports Day',
    },
  },
  {
    month: 7,
    day: 15,
    kind: 'full',
    name: { tr: 'Demokrasi ve Millî Birlik Günü', en: 'Democracy and National Unity Day' },
  },
  { month: 8, day: 30, kind: 'full', name: { tr: 'Zafer Bayramı', en: 'Victory Day' } },
  {
    month: 10,
    day: 28,
    kind: 'half',
    name: { tr: 'Cumhuriyet Bayramı arifesi', en: 'Republic Day eve' },
  },
  { month: 10, day: 29, kind: 'full', name: { tr: 'Cumhuriyet Bayramı', en: 'Republic Day' } },
];

/**
 * The moving (Hijri) holidays: first day of each bayram, as `MM-DD`. Ramazan Bayramı lasts 3 days,
 * Kurban Bayramı 4; each is preceded by a half-day arife. Reviewed yearly against the Diyanet /
 * official announcements (COMPLIANCE C4); the table in COMPLIANCE.md §C is the source.
 */
const MOVING_HOLIDAYS: Readonly<Record<number, { ramazan: string; kurban: string }>> = {
  2024: { ramazan: '04-10', kurban: '06-16' },
  2025: { ramazan: '03-30', kurban: '06-06' },
  2026: { ramazan: '03-20', kurban: '05-27' },
  2027: { ramazan: '03-09', kurban: '05-16' },
  2028: { ramazan: '02-26', kurban: '05-05' },
  2029: { ramazan: '02-14', kurban: '04-24' },
  2030: { ramazan: '02-04', kurban: '04-13' },
};

const BAYRAMS = [
  { key: 'ramazan', days: 3, tr: 'Ramazan Bayramı', en: 'Eid al-Fitr' },
  { key: 'kurban', days: 4, tr: 'Kurban Bayramı', en: 'Eid al-Adha' },
] as const;

function assertInRange(year: number): void {
  if (!(year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR) || !MOVING_HOLIDAYS[year]) {
    throw new CalendarRangeError(year);
  }
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
  const list: Holiday[] = FIXED_HOLIDAYS.map(({ month, day, kind, name }) => ({
    date: civilDate(year, month, day),
    kind,
    name,
  }));
  const moving = MOVING_HOLIDAYS[year]!;
  for (const bayram of BAYRAMS) {
    const [month, day] = moving[bayram.key].split('-').map(Number) as [number, number];
    const first = civilDate(year, month, day);
    list.push({
      date: addCivilDays(first, -1),
      kind: 'half',
      name: { tr: `${bayram.tr} arifesi`, en: `${bayram.en} eve` },
    });
    for (let i = 0; i < bayram.days; i++) {
      list.push({
        date: addCivilDays(first, i),
        kind: 'full',
        name: { tr: `${bayram.tr} (${i + 1}. gün)`, en: `${bayram.en} (day ${i + 1})` },
      });
    }
  }
  list.sort((a, b) => compareCivilDates(a.date, b.date));

  const byDate = new Map<string, HolidayStatus>();
  for (const key of new Set(list.map((h) => formatCivilDate(h.date)))) {
    const entries = list.filter((h) => formatCivilDate(h.date) === key);
    const full = entries.filter((h) => h.kind === 'full');
    byDate.set(
      key,
      full.length > 0
        ? { kind: 'full', names: full.map((h) => h.name) }
        : { kind: 'half', from: '13:00', names: entries.map((h) => h.name) },
    );
  }
  const data: YearData = { list: Object.freeze(list), byDate };
  years.set(year, data);
  return data;
}

/** Every holiday entry of a year, in date order; throws `CalendarRangeError` outside the data. */
export function holidaysIn(year: number): readonly Holiday[] {
  return yearData(year).list;
}

const NONE: HolidayStatus = { kind: 'none' };

/**
 * Whether a day is a full holiday, a half day (off from 13:00) or neither. A day that is both an
 * eve and a full holiday (23 April 2029, Kurban arife) is a full holiday. Throws
 * `CalendarRangeError` outside `CALENDAR_FIRST_YEAR`–`CALENDAR_LAST_YEAR`.
 */
export function holidayOn(day: CivilDate): HolidayStatus {
  return yearData(day.year).byDate.get(formatCivilDate(day)) ?? NONE;
}
