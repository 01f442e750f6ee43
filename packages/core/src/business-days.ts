import { holidayOn } from './holidays.js';
import {
  addCivilDays,
  civilDate,
  civilWeekday,
  turkeyDayOf,
  turkeyStartOfDay,
} from './iys-date.js';
import type { CivilDate } from './iys-date.js';

/**
 * Which days count as business days. Sundays and full public holidays never do; the two choices
 * are Saturdays and half-day eves (28 October, each bayram's arife, off from 13:00).
 */
export interface BusinessCalendar {
  /** A short name for logs and errors, e.g. `conservative`, `iys`. */
  readonly name: string;
  readonly saturdayIsBusinessDay: boolean;
  readonly halfDayIsBusinessDay: boolean;
}

/** Builds a calendar; both choices are explicit so no caller gets one by accident. */
export function createCalendar(options: {
  name?: string;
  saturdayIsBusinessDay: boolean;
  halfDayIsBusinessDay: boolean;
}): BusinessCalendar {
  return Object.freeze({
    name: options.name ?? 'custom',
    saturdayIsBusinessDay: options.saturdayIsBusinessDay,
    halfDayIsBusinessDay: options.halfDayIsBusinessDay,
  });
}

/**
 * Our own deadlines (COMPLIANCE C1, C2): Monday–Saturday and half-day eves count, only Sundays and
 * full public holidays are off, so every deadline lands no later than İYS's.
 */
export const CONSERVATIVE_CALENDAR = createCalendar({
  name: 'conservative',
  saturdayIsBusinessDay: true,
  halfDayIsBusinessDay: true,
});

/**
 * İYS's count for H467 (C1): Monday–Friday minus public holidays. İYS does not document eves;
 * a half day is a working morning, so it counts by default (the simulator can choose otherwise).
 */
export const IYS_CALENDAR = createCalendar({
  name: 'iys',
  saturdayIsBusinessDay: false,
  halfDayIsBusinessDay: true,
});

/** Whether a Turkish day is a business day in the calendar; throws `CalendarRangeError` outside the data. */
export function isBusinessDay(
  day: CivilDate,
  calendar: BusinessCalendar = CONSERVATIVE_CALENDAR,
): boolean {
  const holiday = holidayOn(day); // first, so every day outside the data throws, weekends included
  const weekday = civilWeekday(day);
  if (weekday === 0) return false;
  if (weekday === 6 && !calendar.saturdayIsBusinessDay) return false;
  if (holiday.kind === 'full') return false;
  if (holiday.kind === 'half') return calendar.halfDayIsBusinessDay;
  return true;
}

/**
 * The `n`-th business day after `day` (`n` a non-negative integer); `n = 0` is `day` itself, even
 * when it is not a business day. Throws `CalendarRangeError` if the count leaves the data.
 */
export function addBusinessDays(
  day: CivilDate,
  n: number,
  calendar: BusinessCalendar = CONSERVATIVE_CALENDAR,
): CivilDate {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`addBusinessDays needs a non-negative integer count, got ${n}`);
  }
  holidayOn(day); // range check for n = 0 too
  let current = day;
  for (let left = n; left > 0;) {
    current = addCivilDays(current, 1);
    if (isBusinessDay(current, calendar)) left--;
  }
  return current;
}

/** İYS refuses a consent dated more than this many business days ago (H467, COMPLIANCE A8). */
export const IYS_CONSENT_BUSINESS_DAYS = 3;

/**
 * The first instant after a consent's 3-business-day window: counting starts the day after the
 * consent's Turkey day, and the window ends at 24:00 Turkey time of the 3rd business day, so this
 * is 00:00:00 Turkey time of the following calendar day. A movement must be accepted before it.
 */
export function consentWindowEnd(consentDate: Date, calendar: BusinessCalendar): Date {
  const lastDay = addBusinessDays(turkeyDayOf(consentDate), IYS_CONSENT_BUSINESS_DAYS, calendar);
  return turkeyStartOfDay(addCivilDays(lastDay, 1));
}

/**
 * Our deadline for delivering a consent to İYS (A8), on the conservative calendar: the first
 * instant past the window (00:00 Turkey time after the 3rd business day). Never later than İYS's.
 */
export function deadlineFor(consentDate: Date): Date {
  return consentWindowEnd(consentDate, CONSERVATIVE_CALENDAR);
}

/**
 * Whether İYS would still take a consent sent at `now`, judged on the H467 rule alone (3 business
 * days); the other date rules are `checkConsentDate`'s.
 */
export function iysWouldAccept(
  consentDate: Date,
  now: Date,
  calendar: BusinessCalendar = IYS_CALENDAR,
): boolean {
  return now.getTime() < consentWindowEnd(consentDate, calendar).getTime();
}

/** 2015-05-01 00:00:00 Turkey time: İYS refuses earlier consent dates (H156). */
export const IYS_EARLIEST_CONSENT_DATE = turkeyStartOfDay(civilDate(2015, 5, 1));

/** The İYS codes a well-formed consentDate can still be refused with. */
export type ConsentDateCode = 'H156' | 'H162' | 'H467';

/**
 * Which İYS date rule a consentDate breaks when sent at `now`, or `null` if none: H156 (before
 * 2015-05-01 00:00:00), H162 (in the future), H467 (more than 3 business days ago), checked in
 * that order. İYS sees whole seconds, so the fraction of `consentDate` is dropped first. Only the
 * H467 check needs the calendar, so only it can throw `CalendarRangeError`.
 */
export function checkConsentDate(
  consentDate: Date,
  now: Date,
  calendar: BusinessCalendar = IYS_CALENDAR,
): ConsentDateCode | null {
  const seconds = Math.floor(consentDate.getTime() / 1000) * 1000;
  if (Number.isNaN(seconds) || Number.isNaN(now.getTime())) throw new RangeError('Invalid Date');
  if (seconds < IYS_EARLIEST_CONSENT_DATE.getTime()) return 'H156';
  if (seconds > now.getTime()) return 'H162';
  if (!iysWouldAccept(consentDate, now, calendar)) return 'H467';
  return null;
}
