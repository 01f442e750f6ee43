import { z } from 'zod';
import { customIssue, defineProblemMessages, excerpt } from './problem.js';
import type { Localized, Problem, ProblemText } from './problem.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';

// Turkey has kept UTC+3 all year since 2016 (no DST), and İYS defines consentDate as Turkey time
// in exactly that sense (docs/iys.md#conventions). A fixed offset keeps this module free of the host's
// time-zone database, so Node and browsers give the same answers.
/** Turkey's offset from UTC in minutes: fixed +03:00. */
export const TURKEY_UTC_OFFSET_MINUTES = 180;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const TURKEY_OFFSET_MS = TURKEY_UTC_OFFSET_MINUTES * MS_PER_MINUTE;

/**
 * A day on the Turkish calendar, without a time or zone: `month` 1–12, `day` 1–31. Plain numbers
 * rather than an ISO string so arithmetic needs no parsing; `formatCivilDate` gives the ISO form.
 */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

// Days in a month of the proleptic Gregorian calendar.
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Builds a CivilDate, throwing a RangeError for a day that does not exist (a programming error). */
export function civilDate(year: number, month: number, day: number): CivilDate {
  if (!isRealDate(year, month, day)) {
    throw new RangeError(`Not a calendar day: year ${year}, month ${month}, day ${day}`);
  }
  return { year, month, day };
}

const CIVIL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` (year 0001 or later) into a CivilDate; `undefined` for anything else. */
export function parseCivilDate(text: string): CivilDate | undefined {
  const match = CIVIL_DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return year >= 1 && isRealDate(year, month, day) ? { year, month, day } : undefined;
}

// Days since 1970-01-01, by Howard Hinnant's days_from_civil: pure integer arithmetic, free of
// Date.UTC's habit of mapping years 0–99 to 1900–1999.
function epochDayOf({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilDateOfEpochDay(epochDay: number): CivilDate {
  const z0 = epochDay + 719_468;
  const era = Math.floor(z0 / 146_097);
  const doe = z0 - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The day `n` calendar days after (or, for negative `n`, before) `day`. */
export function addCivilDays(day: CivilDate, n: number): CivilDate {
  return civilDateOfEpochDay(epochDayOf(day) + n);
}

/** Orders two days: negative if `a` is earlier, 0 if the same day, positive if later. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return epochDayOf(a) - epochDayOf(b);
}

/** Day of the week as JavaScript numbers it (`Date#getUTCDay`): 0 = Sunday … 6 = Saturday. */
export function civilWeekday(day: CivilDate): number {
  return (((epochDayOf(day) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The ISO 8601 form of a day, `YYYY-MM-DD`. */
export function formatCivilDate({ year, month, day }: CivilDate): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function assertValidInstant(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return ms;
}

/** The Turkish calendar day an instant falls on (Turkey time, UTC+3). */
export function turkeyDayOf(instant: Date): CivilDate {
  return civilDateOfEpochDay(
    Math.floor((assertValidInstant(instant) + TURKEY_OFFSET_MS) / MS_PER_DAY),
  );
}

/** The instant a Turkish day begins: 00:00:00 Turkey time, i.e. 21:00 UTC the evening before. */
export function turkeyStartOfDay(day: CivilDate): Date {
  return new Date(epochDayOf(day) * MS_PER_DAY - TURKEY_OFFSET_MS);
}

/**
 * Formats an instant as İYS's `consentDate`: `YYYY-MM-DD HH:mm:ss`, Turkey time. Fractions of a
 * second are dropped, never rounded up, so a consent is never dated after the act it records.
 */
export function formatIysDate(instant: Date): string {
  const wall = assertValidInstant(instant) + TURKEY_OFFSET_MS;
  const epochDay = Math.floor(wall / MS_PER_DAY);
  const { year, month, day } = civilDateOfEpochDay(epochDay);
  if (year < 1 || year > 9999) {
    throw new RangeError(`${instant.toISOString()} has no four-digit year in Turkey time`);
  }
  const secondOfDay = Math.floor((wall - epochDay * MS_PER_DAY) / 1000);
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  return `${formatCivilDate({ year, month, day })} ${pad(hh)}:${pad(mm)}:${pad(ss)}`;
}

const IYS_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** What `parseIysDate` expects, for problems and docs. */
export const IYS_DATE_EXPECTED: Localized = {
  en: 'a date as YYYY-MM-DD HH:mm:ss in Turkey time, e.g. 2025-06-01 14:30:00',
  tr: 'Türkiye saatiyle yyyy-aa-gg ss:dd:ss biçiminde bir tarih, ör. 2025-06-01 14:30:00',
};

/** The part of a well-formed İYS date that is out of range, named in `iysDate.invalid` problems. */
export type IysDateField = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

/**
 * Parses İYS's `consentDate` strictly: exactly `YYYY-MM-DD HH:mm:ss` (else `iysDate.format`, İYS's
 * H158) naming a real day and time in Turkey (else `iysDate.invalid`, İYS's H157). Year 0000,
 * 24:00:00 and leap seconds are invalid. The problem's path is empty: callers prefix their own.
 */
export function parseIysDate(text: string): Result<Date, Problem> {
  const match = typeof text === 'string' ? IYS_DATE_PATTERN.exec(text) : null;
  if (!match) {
    return err({
      code: 'iysDate.format',
      path: [],
      expected: IYS_DATE_EXPECTED,
      received: excerpt(text),
      params: { iysCode: 'H158' },
    });
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const badField: IysDateField | undefined =
    year < 1
      ? 'year'
      : month < 1 || month > 12
        ? 'month'
        : day < 1 || day > daysInMonth(year, month)
          ? 'day'
          : hour > 23
            ? 'hour'
            : minute > 59
              ? 'minute'
              : second > 59
                ? 'second'
                : undefined;
  if (badField) {
    return err({
      code: 'iysDate.invalid',
      path: [],
      expected: {
        en: 'a real calendar date and time of day (00:00:00–23:59:59)',
        tr: 'takvimde var olan bir tarih ve günün bir saati (00:00:00–23:59:59)',
      },
      received: excerpt(text),
      params: { iysCode: 'H157', field: badField },
    });
  }
  const epochDay = epochDayOf({ year, month, day });
  const wallMs = epochDay * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  return ok(new Date(wallMs - TURKEY_OFFSET_MS));
}

const FIELD_NAMES: Record<IysDateField, { tr: string; en: string }> = {
  year: { tr: 'yıl', en: 'year' },
  month: { tr: 'ay', en: 'month' },
  day: { tr: 'gün', en: 'day' },
  hour: { tr: 'saat', en: 'hour' },
  minute: { tr: 'dakika', en: 'minute' },
  second: { tr: 'saniye', en: 'second' },
};

const fieldName = (p: ProblemText, locale: 'tr' | 'en'): string => {
  const field = p.params?.field;
  return typeof field === 'string' && field in FIELD_NAMES
    ? FIELD_NAMES[field as IysDateField][locale]
    : locale === 'tr'
      ? 'tarih'
      : 'date';
};

defineProblemMessages({
  'iysDate.format': {
    tr: (p) =>
      `tarih yyyy-aa-gg ss:dd:ss biçiminde, Türkiye saatiyle olmalıdır (ör. 2025-06-01 14:30:00); gelen ${p.received}`,
    en: (p) =>
      `the date must be YYYY-MM-DD HH:mm:ss in Turkey time (e.g. 2025-06-01 14:30:00); received ${p.received}`,
  },
  'iysDate.invalid': {
    tr: (p) =>
      `geçerli bir tarih ve saat girilmelidir; ${p.received} içindeki ${fieldName(p, 'tr')} geçersiz`,
    en: (p) =>
      `a real date and time is required; the ${fieldName(p, 'en')} in ${p.received} is out of range`,
  },
});

/** A zod schema for strings that are valid İYS dates; failures carry the `iysDate.*` codes. */
export const IysDateString = z.string().superRefine((text, ctx) => {
  const parsed = parseIysDate(text);
  if (!parsed.ok) {
    ctx.addIssue(customIssue(parsed.error));
  }
});
/** A string in İYS's `YYYY-MM-DD HH:mm:ss` Turkey-time format. */
export type IysDateString = z.infer<typeof IysDateString>;
