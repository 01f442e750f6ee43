import { CALENDAR_LAST_YEAR, parseIysDate } from '@izinli/core';
import { describe, expect, it } from 'vitest';
import { capturedLogger } from '../captured-logger.test-support.js';
import { deadlinesWithWarning, serverCalendars, warnIfCalendarEnding } from './server-calendar.js';

/** An instant from Turkey wall-clock time, `YYYY-MM-DD HH:mm:ss`. */
const tr = (text: string): Date => {
  const parsed = parseIysDate(text);
  if (!parsed.ok) throw new Error(`bad test date ${text}`);
  return parsed.value;
};

const NO_EXTRAS = serverCalendars([]);

describe('serverCalendars', () => {
  it('C1: adds the extra holidays to both calendars and keeps their rules', () => {
    const calendars = serverCalendars([
      { date: '2031-03-04', kind: 'full', name: 'Ek tatil' },
      { date: '2031-03-05', kind: 'half', name: 'Ek arife' },
    ]);
    expect(calendars.conservative).toMatchObject({
      name: 'conservative',
      saturdayIsBusinessDay: true,
      halfDayIsBusinessDay: true,
    });
    expect(calendars.iys).toMatchObject({
      name: 'iys',
      saturdayIsBusinessDay: false,
      halfDayIsBusinessDay: true,
    });
    for (const calendar of [calendars.conservative, calendars.iys]) {
      expect(calendar.extraHolidays).toEqual([
        {
          date: { year: 2031, month: 3, day: 4 },
          kind: 'full',
          name: { tr: 'Ek tatil', en: 'Ek tatil' },
        },
        {
          date: { year: 2031, month: 3, day: 5 },
          kind: 'half',
          name: { tr: 'Ek arife', en: 'Ek arife' },
        },
      ]);
    }
  });
});

describe('deadlinesWithWarning', () => {
  it('C1: inside the holiday data, gives the deadline and logs nothing', () => {
    const { logger, lines } = capturedLogger();
    const deadlineFor = deadlinesWithWarning(NO_EXTRAS.conservative, logger);
    // Friday evening before Kurban 2026: Sat 23, Mon 25, Tue 26 (the arife) May.
    expect(deadlineFor(tr('2026-05-22 20:00:00'))).toEqual(tr('2026-05-27 00:00:00'));
    expect(lines).toEqual([]);
  });

  it('C1: past the data, gives the Monday–Saturday deadline and warns, naming the year, the file and the option', () => {
    const { logger, warnings } = capturedLogger();
    const deadlineFor = deadlinesWithWarning(NO_EXTRAS.conservative, logger);
    expect(deadlineFor(tr('2031-03-01 10:00:00'))).toEqual(tr('2031-03-06 00:00:00'));
    expect(warnings()).toEqual([
      expect.objectContaining({
        calendar: 'conservative',
        consentDay: '2031-03-01',
        fallbackYears: [2031],
        calendarLastYear: CALENDAR_LAST_YEAR,
        holidayData: 'packages/core/src/holidays-data.ts',
        configOption: 'calendar.extraHolidays',
      }),
    ]);
    expect(warnings()[0]!.msg).toContain('without holiday data for 2031');
    expect(warnings()[0]!.msg).toContain('packages/core/src/holidays-data.ts');
    expect(warnings()[0]!.msg).toContain('calendar.extraHolidays');
  });

  it('warns once per Turkey day of consent, not once per capture', () => {
    const { logger, warnings } = capturedLogger();
    const deadlineFor = deadlinesWithWarning(NO_EXTRAS.conservative, logger);
    for (const time of ['09:00:00', '12:00:00', '23:59:59']) deadlineFor(tr(`2031-03-01 ${time}`));
    expect(warnings().map((w) => w.consentDay)).toEqual(['2031-03-01']);
    deadlineFor(tr('2031-03-02 00:00:00'));
    deadlineFor(tr('2031-03-02 18:00:00'));
    expect(warnings().map((w) => w.consentDay)).toEqual(['2031-03-01', '2031-03-02']);
  });

  it('C1: counts the extra holidays past the data, and still warns', () => {
    const { logger, warnings } = capturedLogger();
    const calendars = serverCalendars([{ date: '2031-03-04', kind: 'full', name: 'Ek tatil' }]);
    const deadlineFor = deadlinesWithWarning(calendars.conservative, logger);
    expect(deadlineFor(tr('2031-03-01 10:00:00'))).toEqual(tr('2031-03-07 00:00:00'));
    expect(warnings()).toHaveLength(1);
  });
});

describe('warnIfCalendarEnding', () => {
  const last = CALENDAR_LAST_YEAR;

  it.each([
    [`${last - 4}-06-15 12:00:00`],
    [`${last - 1}-12-31 23:59:59`], // the last second before the data's last year
  ])('says nothing at %s, more than a year before the data ends', (now) => {
    const { logger, lines } = capturedLogger();
    expect(warnIfCalendarEnding(logger, tr(now), NO_EXTRAS)).toBe(false);
    expect(lines).toEqual([]);
  });

  it.each([[`${last}-01-01 00:00:00`], [`${last}-12-31 23:59:59`]])(
    'warns at %s, within a year of the end, naming the last year, the file and the option',
    (now) => {
      const { logger, warnings } = capturedLogger();
      expect(warnIfCalendarEnding(logger, tr(now), NO_EXTRAS)).toBe(true);
      expect(warnings()).toEqual([
        expect.objectContaining({
          calendarLastYear: last,
          holidayData: 'packages/core/src/holidays-data.ts',
          configOption: 'calendar.extraHolidays',
          extraHolidayYears: [],
        }),
      ]);
      expect(warnings()[0]!.msg).toContain(`ends with ${last}`);
      expect(warnings()[0]!.msg).toContain('packages/core/src/holidays-data.ts');
      expect(warnings()[0]!.msg).toContain('calendar.extraHolidays');
    },
  );

  it('warns past the end that deadlines are falling back now, and lists the years the config adds', () => {
    const { logger, warnings } = capturedLogger();
    const calendars = serverCalendars([
      { date: `${last + 1}-03-04`, kind: 'full', name: 'Ek tatil' },
      { date: `${last - 1}-03-04`, kind: 'full', name: 'Eski ek tatil' },
    ]);
    expect(warnIfCalendarEnding(logger, tr(`${last + 5}-03-01 10:00:00`), calendars)).toBe(true);
    expect(warnings()).toEqual([
      expect.objectContaining({
        calendarLastYear: last,
        today: `${last + 5}-03-01`,
        extraHolidayYears: [last + 1],
      }),
    ]);
    expect(warnings()[0]!.msg).toContain(`ended with ${last}`);
  });

  it('judges the year in Turkey time (UTC+3), not UTC', () => {
    const { logger } = capturedLogger();
    // 21:30 UTC on 31 December is 00:30 on 1 January in Turkey.
    expect(warnIfCalendarEnding(logger, new Date(`${last - 1}-12-31T21:30:00Z`), NO_EXTRAS)).toBe(
      true,
    );
  });
});
