// The server's business-day calendar (docs/calendar.md): core's calendars with the config's
// `calendar.extraHolidays`, our deadlines with a warning when the holiday data has run out, and a
// warning at start from a year before it does.
import {
  CALENDAR_LAST_YEAR,
  CONSERVATIVE_CALENDAR,
  HOLIDAY_DATA_FILE,
  IYS_CALENDAR,
  deadlineWindow,
  formatCivilDate,
  parseCivilDate,
  turkeyDayOf,
  withExtraHolidays,
} from '@izinli/core';
import type { BusinessCalendar, ExtraHoliday, Holiday } from '@izinli/core';
import type { Logger } from 'pino';

/** The config option that adds holidays without a new release. */
export const EXTRA_HOLIDAYS_OPTION = 'calendar.extraHolidays';

/** The server's two calendars, both with the config's extra holidays. */
export interface ServerCalendars {
  /** Our deadlines (A8): Monday–Saturday, half days counted (C1, C2). */
  readonly conservative: BusinessCalendar;
  /** İYS's count, for the H467 check before a movement is sent (A18). */
  readonly iys: BusinessCalendar;
}

/** Core's calendars with `extraHolidays` (checked by the config schema) added to both. */
export function serverCalendars(extraHolidays: readonly ExtraHoliday[]): ServerCalendars {
  const holidays = extraHolidays.map(({ date, kind, name }): Holiday => {
    const day = parseCivilDate(date);
    if (!day) throw new RangeError(`${EXTRA_HOLIDAYS_OPTION}: expected YYYY-MM-DD, got ${date}`);
    // The operator writes one name, in whichever language; logs show it as written.
    return { date: day, kind, name: { tr: name, en: name } };
  });
  return {
    conservative: withExtraHolidays(CONSERVATIVE_CALENDAR, holidays),
    iys: withExtraHolidays(IYS_CALENDAR, holidays),
  };
}

type Warns = Pick<Logger, 'warn'>;

/**
 * Our deadline for a consent (A8) on `calendar`. When a day it counted had no holiday data, it
 * logs a warning (no personal data), at most once per Turkey day of consent in this process: a
 * busy server says so daily, not per capture.
 */
export function deadlinesWithWarning(
  calendar: BusinessCalendar,
  logger: Warns,
): (consentDate: Date) => Date {
  let warnedDay: string | undefined;
  return (consentDate) => {
    const { end, fallbackYears } = deadlineWindow(consentDate, calendar);
    const day = fallbackYears.length > 0 ? formatCivilDate(turkeyDayOf(consentDate)) : undefined;
    if (day !== undefined && day !== warnedDay) {
      warnedDay = day;
      logger.warn(
        {
          calendar: calendar.name,
          consentDay: day,
          fallbackYears,
          calendarLastYear: CALENDAR_LAST_YEAR,
          holidayData: HOLIDAY_DATA_FILE,
          configOption: EXTRA_HOLIDAYS_OPTION,
        },
        `deadline counted without holiday data for ${fallbackYears.join(', ')}: Monday–Saturday ` +
          `with no public holidays but ${EXTRA_HOLIDAYS_OPTION}, so it may come early, never ` +
          `late (rule C1 in docs/compliance.md). Add the year to ${HOLIDAY_DATA_FILE} (docs/calendar.md) or its ` +
          `official holidays to ${EXTRA_HOLIDAYS_OPTION} in the config file`,
      );
    }
    return end;
  };
}

/**
 * At start: warns from 1 January of the holiday data's last year on (a year before deadlines
 * start to fall back), naming that year, the data file and the config option; true if it warned.
 */
export function warnIfCalendarEnding(
  logger: Warns,
  now: Date,
  calendars: ServerCalendars,
): boolean {
  const today = turkeyDayOf(now);
  if (today.year < CALENDAR_LAST_YEAR) return false;
  const extraHolidayYears = [
    ...new Set(calendars.conservative.extraHolidays.map((h) => h.date.year)),
  ]
    .filter((year) => year > CALENDAR_LAST_YEAR)
    .sort((a, b) => a - b);
  const how =
    `add the next years to ${HOLIDAY_DATA_FILE} once their bayram dates are announced ` +
    `(docs/calendar.md), or list their official holidays in ${EXTRA_HOLIDAYS_OPTION} in the ` +
    `config file`;
  logger.warn(
    {
      calendarLastYear: CALENDAR_LAST_YEAR,
      today: formatCivilDate(today),
      holidayData: HOLIDAY_DATA_FILE,
      configOption: EXTRA_HOLIDAYS_OPTION,
      extraHolidayYears,
    },
    today.year > CALENDAR_LAST_YEAR
      ? `the Turkish holiday data ended with ${CALENDAR_LAST_YEAR}: deadlines now count ` +
          `Monday–Saturday with no public holidays but ${EXTRA_HOLIDAYS_OPTION} (early, never ` +
          `late: rule C1 in docs/compliance.md); ${how}`
      : `the Turkish holiday data ends with ${CALENDAR_LAST_YEAR}: from ` +
          `${CALENDAR_LAST_YEAR + 1} deadlines count Monday–Saturday with no public holidays; ${how}`,
  );
  return true;
}
