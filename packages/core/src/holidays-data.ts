// Turkey's public holidays: the one file to edit when a year's bayram dates are announced
// (docs/calendar.md). The covered years are derived from MOVING_HOLIDAYS, so adding a year here is
// the whole change; holidays-data.test.ts checks what was added.

/** A holiday's name, Turkish first. */
export interface HolidayName {
  readonly tr: string;
  readonly en: string;
}

// Law 2429. Weekend holidays are not moved to a weekday, and administrative bridge days
// ("idari izin") are not holidays (C3), so neither appears here.
/** The holidays on the same day every year. */
export const FIXED_HOLIDAYS: readonly {
  readonly month: number;
  readonly day: number;
  readonly kind: 'full' | 'half';
  readonly name: HolidayName;
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

/** The two bayrams: how many full days each lasts; each is preceded by a half-day arife. */
export const BAYRAMS = [
  { key: 'ramazan', days: 3, tr: 'Ramazan Bayramı', en: 'Eid al-Fitr' },
  { key: 'kurban', days: 4, tr: 'Kurban Bayramı', en: 'Eid al-Adha' },
] as const;

/** The first days of a year's bayrams, as `MM-DD` in that year. */
export interface BayramStarts {
  readonly ramazan: readonly string[];
  readonly kurban: readonly string[];
}

/**
 * The moving (Hijri) holidays: the first day of each bayram, as `MM-DD`, by the year that day is
 * in. A list, because the Hijri year is 11 days shorter: some years hold two of one bayram (2033,
 * Ramazan in January and December). Days of a bayram past 31 December belong to the next year.
 * Reviewed yearly against the Diyanet / official announcements (C4); the table in
 * docs/compliance.md#c--business-days is the source. To cover a new year, add its line at the end, nothing else: the
 * first and last covered years, the range errors and the server's start warning follow from it.
 */
export const MOVING_HOLIDAYS: Readonly<Record<number, BayramStarts>> = {
  2024: { ramazan: ['04-10'], kurban: ['06-16'] },
  2025: { ramazan: ['03-30'], kurban: ['06-06'] },
  2026: { ramazan: ['03-20'], kurban: ['05-27'] },
  2027: { ramazan: ['03-09'], kurban: ['05-16'] },
  2028: { ramazan: ['02-26'], kurban: ['05-05'] },
  2029: { ramazan: ['02-14'], kurban: ['04-24'] },
  2030: { ramazan: ['02-04'], kurban: ['04-13'] },
};
