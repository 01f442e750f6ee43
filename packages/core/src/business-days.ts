// Turkish business days (C1–C4) over the holiday data (holidays.ts) and a calendar's own
// extra holidays. Outside the data's years nothing throws: a day is judged by its weekday and the
// calendar's Saturday rule alone, with no public holidays but the extra ones, and every count says
// which years it judged that way (`fallbackYears`) so its caller can warn. Holidays only ever move
// a count later, so knowing none moves it earlier: our own deadline (Monday–Saturday) still lands
// no later than İYS's (C1, C2), whatever holidays İYS knows. The same rule holds before the data
// (before 2024): only clock errors and old imported consents reach those years, and a window that
// closed years ago closed whatever the holidays were.
import { hasHolidayData, holidayOn, holidayStatusOf, holidaysIn } from './holidays.js';
import type { Holiday, HolidayStatus } from './holidays.js';
import {
  addCivilDays,
  civilDate,
  civilWeekday,
  compareCivilDates,
  formatCivilDate,
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
  /**
   * Holidays on top of the built-in data (the server's `calendar.extraHolidays`), in every year,
   * those without data included.
   */
  readonly extraHolidays: readonly Holiday[];
}

/** Builds a calendar; both choices are explicit so no caller gets one by accident. */
export function createCalendar(options: {
  name?: string;
  saturdayIsBusinessDay: boolean;
  halfDayIsBusinessDay: boolean;
  extraHolidays?: readonly Holiday[];
}): BusinessCalendar {
  return Object.freeze({
    name: options.name ?? 'custom',
    saturdayIsBusinessDay: options.saturdayIsBusinessDay,
    halfDayIsBusinessDay: options.halfDayIsBusinessDay,
    extraHolidays: Object.freeze([...(options.extraHolidays ?? [])]),
  });
}

/** `calendar` with `holidays` added to its extra holidays; its name and choices are kept. */
export function withExtraHolidays(
  calendar: BusinessCalendar,
  holidays: readonly Holiday[],
): BusinessCalendar {
  return createCalendar({ ...calendar, extraHolidays: [...calendar.extraHolidays, ...holidays] });
}

/**
 * Our own deadlines (C1, C2): Monday–Saturday and half-day eves count, only Sundays and
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

/** A day as a calendar sees it. */
export interface CalendarDay {
  readonly holiday: HolidayStatus;
  /** False in a year without holiday data, where only the calendar's extra holidays are known. */
  readonly fromData: boolean;
}

const NONE: HolidayStatus = { kind: 'none' };

// The extra holidays by ISO date, built once per list.
const extrasByDate = new WeakMap<readonly Holiday[], ReadonlyMap<string, readonly Holiday[]>>();

function extrasOn(calendar: BusinessCalendar, day: CivilDate): readonly Holiday[] | undefined {
  const extra = calendar.extraHolidays;
  if (extra.length === 0) return undefined;
  let byDate = extrasByDate.get(extra);
  if (!byDate) {
    const map = new Map<string, Holiday[]>();
    for (const holiday of extra) {
      const key = formatCivilDate(holiday.date);
      map.set(key, [...(map.get(key) ?? []), holiday]);
    }
    byDate = map;
    extrasByDate.set(extra, byDate);
  }
  return byDate.get(formatCivilDate(day));
}

/** What `day` is in `calendar`: the holiday data's status with the calendar's extra holidays. */
export function calendarDay(
  day: CivilDate,
  calendar: BusinessCalendar = CONSERVATIVE_CALENDAR,
): CalendarDay {
  const fromData = hasHolidayData(day.year);
  const extras = extrasOn(calendar, day);
  if (!extras) return { holiday: fromData ? holidayOn(day) : NONE, fromData };
  const builtIn = fromData
    ? holidaysIn(day.year).filter((h) => compareCivilDates(h.date, day) === 0)
    : [];
  return { holiday: holidayStatusOf([...builtIn, ...extras]), fromData };
}

function counts(day: CivilDate, holiday: HolidayStatus, calendar: BusinessCalendar): boolean {
  const weekday = civilWeekday(day);
  if (weekday === 0) return false;
  if (weekday === 6 && !calendar.saturdayIsBusinessDay) return false;
  if (holiday.kind === 'full') return false;
  if (holiday.kind === 'half') return calendar.halfDayIsBusinessDay;
  return true;
}

/**
 * Whether a Turkish day is a business day in the calendar. In a year without holiday data only
 * the weekday and the calendar's extra holidays decide (see the top of this file).
 */
export function isBusinessDay(
  day: CivilDate,
  calendar: BusinessCalendar = CONSERVATIVE_CALENDAR,
): boolean {
  return counts(day, calendarDay(day, calendar).holiday, calendar);
}

/** Where a business-day count ended, and how it judged the days on the way. */
export interface BusinessDayCount {
  readonly day: CivilDate;
  /**
   * The years without holiday data among the days judged, each once, in order: there the count
   * knew no public holidays but the calendar's extra ones. Empty when the data covered every day.
   */
  readonly fallbackYears: readonly number[];
}

/**
 * The `n`-th business day after `day` (`n` a non-negative integer), and the years it was counted
 * without holiday data. `n = 0` is `day` itself, even when it is not a business day.
 */
export function countBusinessDays(
  day: CivilDate,
  n: number,
  calendar: BusinessCalendar = CONSERVATIVE_CALENDAR,
): BusinessDayCount {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Business-day counts expected a non-negative integer, received ${n}`);
  }
  const fallbackYears: number[] = [];
  let current = day;
  for (let left = n; left > 0;) {
    current = addCivilDays(current, 1);
    const { holiday, fromData } = calendarDay(current, calendar);
    if (!fromData && fallbackYears[fallbackYears.length - 1] !== current.year) {
      fallbackYears.push(current.year);
    }
    if (counts(current, holiday, calendar)) left--;
  }
  return { day: current, fallbackYears };
}

/**
 * The `n`-th business day after `day` (`n` a non-negative integer); `n = 0` is `day` itself, even
 * when it is not a business day. Never throws for a year without holiday data: `countBusinessDays`
 * tells whether it fell back.
 */
export function addBusinessDays(
  day: CivilDate,
  n: number,
  calendar: BusinessCalendar = CONSERVATIVE_CALENDAR,
): CivilDate {
  return countBusinessDays(day, n, calendar).day;
}

/** İYS refuses a consent dated more than this many business days ago (H467, A8). */
export const IYS_CONSENT_BUSINESS_DAYS = 3;

/** A consent's 3-business-day window: its end, and the years it was counted without holiday data. */
export interface ConsentWindow {
  /** The first instant past the window. */
  readonly end: Date;
  /** As `BusinessDayCount.fallbackYears`. */
  readonly fallbackYears: readonly number[];
}

/**
 * A consent's 3-business-day window: counting starts the day after the consent's Turkey day, and
 * the window ends at 24:00 Turkey time of the 3rd business day, so its end is 00:00:00 Turkey time
 * of the following calendar day. A movement must be accepted before it.
 */
export function consentWindow(consentDate: Date, calendar: BusinessCalendar): ConsentWindow {
  const { day, fallbackYears } = countBusinessDays(
    turkeyDayOf(consentDate),
    IYS_CONSENT_BUSINESS_DAYS,
    calendar,
  );
  return { end: turkeyStartOfDay(addCivilDays(day, 1)), fallbackYears };
}

/** The first instant after a consent's 3-business-day window (`consentWindow`'s end). */
export function consentWindowEnd(consentDate: Date, calendar: BusinessCalendar): Date {
  return consentWindow(consentDate, calendar).end;
}

/**
 * Our deadline for delivering a consent to İYS (A8) as a window: 00:00 Turkey time after the 3rd
 * business day of a calendar that counts Saturdays and half days (C1, C2), `CONSERVATIVE_CALENDAR`
 * or it with extra holidays, so it is never later than İYS's; any other calendar is a bug and
 * throws a RangeError. `fallbackYears` says whether it was counted without holiday data.
 */
export function deadlineWindow(
  consentDate: Date,
  calendar: BusinessCalendar = CONSERVATIVE_CALENDAR,
): ConsentWindow {
  if (!calendar.saturdayIsBusinessDay || !calendar.halfDayIsBusinessDay) {
    throw new RangeError(
      `Our deadlines need a calendar that counts Saturdays and half days (rules C1, C2 in docs/compliance.md): ` +
        `expected saturdayIsBusinessDay and halfDayIsBusinessDay true, received calendar ` +
        `"${calendar.name}" with ${calendar.saturdayIsBusinessDay} and ${calendar.halfDayIsBusinessDay}`,
    );
  }
  return consentWindow(consentDate, calendar);
}

/** Our deadline for delivering a consent to İYS (A8): `deadlineWindow`'s end. Never later than İYS's. */
export function deadlineFor(
  consentDate: Date,
  calendar: BusinessCalendar = CONSERVATIVE_CALENDAR,
): Date {
  return deadlineWindow(consentDate, calendar).end;
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
 * H467 check needs the calendar; past the holiday data it falls back (top of this file), which
 * ends the window no later than İYS's own, so a late movement is held back a holiday early rather
 * than sent into a refusal (A18).
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
