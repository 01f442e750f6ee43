// Long because: examples and properties over 2000–2100 of the calendars, on shared fixtures.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessDays,
  calendarDay,
  checkConsentDate,
  consentWindow,
  consentWindowEnd,
  CONSERVATIVE_CALENDAR,
  countBusinessDays,
  createCalendar,
  deadlineFor,
  deadlineWindow,
  IYS_CALENDAR,
  IYS_EARLIEST_CONSENT_DATE,
  isBusinessDay,
  iysWouldAccept,
  withExtraHolidays,
} from './business-days.js';
import type { BusinessCalendar } from './business-days.js';
import { CalendarRangeError, hasHolidayData, holidayOn } from './holidays.js';
import type { Holiday } from './holidays.js';
import {
  addCivilDays,
  civilWeekday,
  compareCivilDates,
  formatCivilDate,
  parseIysDate,
  turkeyDayOf,
} from './iys-date.js';
import { day } from './iys-date.test-support.js';

/** An instant from an İYS-format Turkey-time string, so the tests read in Turkish wall-clock time. */
const tr = (text: string): Date => {
  const parsed = parseIysDate(text);
  if (!parsed.ok) throw new Error(`bad test date ${text}`);
  return parsed.value;
};
const iso = formatCivilDate;

const IYS_NO_HALF_DAYS = createCalendar({
  name: 'iys-strict',
  saturdayIsBusinessDay: false,
  halfDayIsBusinessDay: false,
});

describe('calendars', () => {
  it('C1: a Saturday counts as a business day for our own deadlines, not for İYS', () => {
    expect(isBusinessDay(day('2026-11-28'), CONSERVATIVE_CALENDAR)).toBe(true);
    expect(isBusinessDay(day('2026-11-28'), IYS_CALENDAR)).toBe(false);
  });

  it('C1: a Sunday and a full public holiday are off in every calendar', () => {
    for (const calendar of [CONSERVATIVE_CALENDAR, IYS_CALENDAR, IYS_NO_HALF_DAYS]) {
      expect(isBusinessDay(day('2026-11-29'), calendar)).toBe(false);
      expect(isBusinessDay(day('2026-10-29'), calendar)).toBe(false);
      expect(isBusinessDay(day('2028-07-15'), calendar)).toBe(false); // a Saturday holiday
    }
  });

  it('C1: the conservative calendar is the default', () => {
    expect(isBusinessDay(day('2026-11-28'))).toBe(true);
    expect(addBusinessDays(day('2026-11-27'), 1)).toEqual(day('2026-11-28'));
  });

  it('C2: 28 October and an arife count as full business days for our deadlines', () => {
    expect(isBusinessDay(day('2026-10-28'))).toBe(true);
    expect(isBusinessDay(day('2026-05-26'))).toBe(true); // Kurban arife
    expect(addBusinessDays(day('2026-10-27'), 1)).toEqual(day('2026-10-28'));
    expect(addBusinessDays(day('2026-10-27'), 2)).toEqual(day('2026-10-30'));
  });

  it('C2: İYS counts half days by default, and a calendar can choose not to', () => {
    expect(isBusinessDay(day('2026-10-28'), IYS_CALENDAR)).toBe(true);
    expect(isBusinessDay(day('2026-10-28'), IYS_NO_HALF_DAYS)).toBe(false);
    expect(isBusinessDay(day('2026-03-19'), IYS_NO_HALF_DAYS)).toBe(false); // Ramazan arife
  });

  it('C3: a bridge day between a Thursday holiday and the weekend is a business day', () => {
    expect(isBusinessDay(day('2026-04-24'), IYS_CALENDAR)).toBe(true);
    expect(addBusinessDays(day('2026-04-22'), 1, IYS_CALENDAR)).toEqual(day('2026-04-24'));
    expect(isBusinessDay(day('2027-07-16'), IYS_CALENDAR)).toBe(true);
  });

  it('builds frozen calendars from explicit options', () => {
    const calendar = createCalendar({ saturdayIsBusinessDay: true, halfDayIsBusinessDay: false });
    expect(calendar).toEqual({
      name: 'custom',
      saturdayIsBusinessDay: true,
      halfDayIsBusinessDay: false,
      extraHolidays: [],
    });
    expect(Object.isFrozen(calendar)).toBe(true);
    expect(Object.isFrozen(calendar.extraHolidays)).toBe(true);
    expect(isBusinessDay(day('2026-10-28'), calendar)).toBe(false);
    expect(isBusinessDay(day('2026-11-28'), calendar)).toBe(true);
  });
});

describe('addBusinessDays', () => {
  it('returns the day itself for n = 0, even a Sunday', () => {
    expect(addBusinessDays(day('2026-11-29'), 0)).toEqual(day('2026-11-29'));
  });

  it('skips a whole bayram and its weekend', () => {
    // Kurban 2026: arife Tue 26 May, holidays Wed 27 – Sat 30 May.
    expect(addBusinessDays(day('2026-05-26'), 1, IYS_CALENDAR)).toEqual(day('2026-06-01'));
    expect(addBusinessDays(day('2026-05-26'), 1, CONSERVATIVE_CALENDAR)).toEqual(day('2026-06-01'));
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'throws a RangeError for the count %s, a programming error',
    (n) => {
      expect(() => addBusinessDays(day('2026-01-05'), n)).toThrow(RangeError);
      expect(() => addBusinessDays(day('2026-01-05'), n)).not.toThrow(CalendarRangeError);
    },
  );

  it('returns the start day for n = 0 outside the data too, judging no day', () => {
    expect(countBusinessDays(day('2031-01-05'), 0)).toEqual({
      day: day('2031-01-05'),
      fallbackYears: [],
    });
  });
});

describe('past and before the holiday data (the fallback)', () => {
  it('C1: past the data, our count is Monday–Saturday with no holiday known, and says so', () => {
    // 1 January 2031 is a Wednesday: without the data it is an ordinary business day.
    expect(countBusinessDays(day('2030-12-31'), 1)).toEqual({
      day: day('2031-01-01'),
      fallbackYears: [2031],
    });
    // Saturday 4 January counts, Sunday 5 January does not.
    expect(addBusinessDays(day('2031-01-03'), 1)).toEqual(day('2031-01-04'));
    expect(addBusinessDays(day('2031-01-04'), 1)).toEqual(day('2031-01-06'));
  });

  it('C1: past the data, İYS’s count is Monday–Friday with no holiday known', () => {
    // Fri 27 Dec 2030 → Mon 30, Tue 31 (in the data, not holidays), Wed 1 Jan 2031 (fallback).
    expect(countBusinessDays(day('2030-12-27'), 3, IYS_CALENDAR)).toEqual({
      day: day('2031-01-01'),
      fallbackYears: [2031],
    });
    expect(addBusinessDays(day('2031-01-03'), 1, IYS_CALENDAR)).toEqual(day('2031-01-06'));
  });

  it('names each year it counted without data once, in order, and none inside the data', () => {
    expect(countBusinessDays(day('2030-12-27'), 3).fallbackYears).toEqual([]);
    expect(countBusinessDays(day('2031-12-30'), 400).fallbackYears).toEqual([2031, 2032, 2033]);
    expect(countBusinessDays(day('2026-05-22'), 30, IYS_CALENDAR).fallbackYears).toEqual([]);
  });

  it('C1: before the data (2023), counts the same way and says so, then uses the data from 2024', () => {
    // Fri 29 Dec 2023 → Sat 30 (fallback), Mon 1 Jan 2024 is New Year (data), Tue 2, Wed 3.
    expect(countBusinessDays(day('2023-12-29'), 3)).toEqual({
      day: day('2024-01-03'),
      fallbackYears: [2023],
    });
  });

  it('C1: a consent on Saturday 1 March 2031 gets a Monday–Saturday deadline, counted by the fallback', () => {
    expect(deadlineWindow(tr('2031-03-01 10:00:00'))).toEqual({
      end: tr('2031-03-06 00:00:00'), // Mon 3, Tue 4, Wed 5 March
      fallbackYears: [2031],
    });
    expect(deadlineFor(tr('2030-12-29 10:00:00'))).toEqual(tr('2031-01-02 00:00:00'));
    expect(deadlineFor(tr('2023-12-29 10:00:00'))).toEqual(tr('2024-01-04 00:00:00'));
  });

  it('C1: judges H467 past the data by Monday–Friday, and a 2016 consent by the same rule', () => {
    const consent = tr('2031-03-07 10:00:00'); // a Friday → Mon 10, Tue 11, Wed 12
    expect(consentWindow(consent, IYS_CALENDAR)).toEqual({
      end: tr('2031-03-13 00:00:00'),
      fallbackYears: [2031],
    });
    expect(checkConsentDate(consent, tr('2031-03-12 23:59:59'))).toBeNull();
    expect(checkConsentDate(consent, tr('2031-03-13 00:00:00'))).toBe('H467');
    expect(checkConsentDate(tr('2016-01-04 10:00:00'), tr('2026-06-10 12:00:00'))).toBe('H467');
  });
});

describe('extra holidays (the server’s calendar.extraHolidays)', () => {
  const holiday = (iso: string, kind: 'full' | 'half' = 'full'): Holiday => ({
    date: day(iso),
    kind,
    name: { tr: 'Ek tatil', en: 'Extra holiday' },
  });

  it('C1: a full extra holiday moves our deadline in a year without data', () => {
    const calendar = withExtraHolidays(CONSERVATIVE_CALENDAR, [holiday('2031-03-04')]);
    expect(deadlineFor(tr('2031-03-01 10:00:00'), calendar)).toEqual(tr('2031-03-07 00:00:00'));
    expect(deadlineWindow(tr('2031-03-01 10:00:00'), calendar).fallbackYears).toEqual([2031]);
    // The calendar it was built from is untouched.
    expect(deadlineFor(tr('2031-03-01 10:00:00'))).toEqual(tr('2031-03-06 00:00:00'));
  });

  it('C1: a full extra holiday moves our deadline and İYS’s window inside the data too', () => {
    // Mon 8 June 2026 made a holiday: a Friday consent → Sat 6, Tue 9, Wed 10 (ours).
    const extra = [holiday('2026-06-08')];
    const consent = tr('2026-06-05 10:00:00');
    expect(deadlineFor(consent)).toEqual(tr('2026-06-10 00:00:00'));
    expect(deadlineFor(consent, withExtraHolidays(CONSERVATIVE_CALENDAR, extra))).toEqual(
      tr('2026-06-11 00:00:00'),
    );
    expect(consentWindowEnd(consent, withExtraHolidays(IYS_CALENDAR, extra))).toEqual(
      tr('2026-06-12 00:00:00'),
    );
  });

  it('C2: a half-day extra holiday is a business day for us, a day off only where half days are', () => {
    const extra = [holiday('2031-03-04', 'half')];
    expect(isBusinessDay(day('2031-03-04'), withExtraHolidays(CONSERVATIVE_CALENDAR, extra))).toBe(
      true,
    );
    expect(isBusinessDay(day('2031-03-04'), withExtraHolidays(IYS_NO_HALF_DAYS, extra))).toBe(
      false,
    );
    expect(calendarDay(day('2031-03-04'), withExtraHolidays(IYS_CALENDAR, extra))).toEqual({
      holiday: { kind: 'half', from: '13:00', names: [{ tr: 'Ek tatil', en: 'Extra holiday' }] },
      fromData: false,
    });
  });

  it('merges with the data: a full extra day on an eve makes it a full holiday; a half one changes nothing', () => {
    const full = withExtraHolidays(CONSERVATIVE_CALENDAR, [holiday('2026-10-28')]);
    expect(calendarDay(day('2026-10-28'), full)).toEqual({
      holiday: { kind: 'full', names: [{ tr: 'Ek tatil', en: 'Extra holiday' }] },
      fromData: true,
    });
    const half = withExtraHolidays(CONSERVATIVE_CALENDAR, [holiday('2026-10-29', 'half')]);
    expect(calendarDay(day('2026-10-29'), half).holiday).toEqual(holidayOn(day('2026-10-29')));
  });

  it('keeps the calendar’s name and choices, and adds to the extra holidays it had', () => {
    const once = withExtraHolidays(IYS_CALENDAR, [holiday('2031-03-04')]);
    const twice = withExtraHolidays(once, [holiday('2031-03-05')]);
    expect(twice).toMatchObject({
      name: 'iys',
      saturdayIsBusinessDay: false,
      halfDayIsBusinessDay: true,
    });
    expect(twice.extraHolidays.map((h) => iso(h.date))).toEqual(['2031-03-04', '2031-03-05']);
    expect(IYS_CALENDAR.extraHolidays).toEqual([]);
  });

  it('C1: refuses to compute our deadline on a calendar that skips Saturdays or half days', () => {
    for (const calendar of [IYS_CALENDAR, IYS_NO_HALF_DAYS]) {
      expect(() => deadlineFor(tr('2026-06-05 10:00:00'), calendar)).toThrow(
        /expected saturdayIsBusinessDay and halfDayIsBusinessDay true, received calendar "iys/,
      );
    }
  });
});

describe('the 3-business-day window (A8)', () => {
  it('A8: a consent on Friday 15:00 reaches İYS by Wednesday 23:59:59; ours ends after Tuesday', () => {
    const consent = tr('2026-11-27 15:00:00');
    expect(iysWouldAccept(consent, tr('2026-12-02 23:59:59'))).toBe(true);
    expect(iysWouldAccept(consent, tr('2026-12-03 00:00:00'))).toBe(false);
    expect(consentWindowEnd(consent, IYS_CALENDAR)).toEqual(tr('2026-12-03 00:00:00'));
    expect(deadlineFor(consent)).toEqual(tr('2026-12-02 00:00:00'));
    expect(deadlineFor(consent)).toEqual(new Date('2026-12-01T21:00:00Z'));
  });

  it('A8: a consent captured Friday evening before a bayram is acceptable to İYS until the right day, and not after', () => {
    // Kurban 2026: Mon 25 May (1), Tue 26 May arife (2), bayram + weekend, Mon 1 June (3).
    const consent = tr('2026-05-22 20:00:00');
    expect(iysWouldAccept(consent, tr('2026-05-29 12:00:00'))).toBe(true);
    expect(iysWouldAccept(consent, tr('2026-06-01 23:59:59'))).toBe(true);
    expect(iysWouldAccept(consent, tr('2026-06-02 00:00:00'))).toBe(false);
    expect(checkConsentDate(consent, tr('2026-06-02 00:00:00'))).toBe('H467');
    // If İYS did not count the arife, the window would run one business day longer.
    expect(iysWouldAccept(consent, tr('2026-06-02 23:59:59'), IYS_NO_HALF_DAYS)).toBe(true);
    expect(iysWouldAccept(consent, tr('2026-06-03 00:00:00'), IYS_NO_HALF_DAYS)).toBe(false);
  });

  it('A8: our deadline for that Friday-evening consent is the end of the arife (Sat, Mon, Tue)', () => {
    expect(deadlineFor(tr('2026-05-22 20:00:00'))).toEqual(tr('2026-05-27 00:00:00'));
  });

  it('A8: counts from the Turkey day, not the UTC day, around midnight in Turkey', () => {
    // Both instants fall on Friday 22 May in UTC.
    const fridayNight = new Date('2026-05-22T20:59:00Z'); // Fri 23:59 in Turkey → Sat, Mon, Tue
    const saturdayMorning = new Date('2026-05-22T21:30:00Z'); // Sat 00:30 in Turkey → Mon, Tue, Mon
    expect(deadlineFor(fridayNight)).toEqual(tr('2026-05-27 00:00:00'));
    expect(deadlineFor(saturdayMorning)).toEqual(tr('2026-06-02 00:00:00'));
  });
});

describe('checkConsentDate', () => {
  const now = tr('2026-06-10 12:00:00');

  it('finds nothing wrong with a consent from a moment ago', () => {
    expect(checkConsentDate(tr('2026-06-10 11:59:00'), now)).toBeNull();
    expect(checkConsentDate(now, now)).toBeNull();
  });

  it('answers H162 for a consentDate in the future, even by a second', () => {
    expect(checkConsentDate(tr('2026-06-10 12:00:01'), now)).toBe('H162');
  });

  it('judges whole seconds as İYS does, so a fraction later in the same second is not the future', () => {
    expect(checkConsentDate(new Date(now.getTime() + 999), now)).toBeNull();
  });

  it('answers H156 before 2015-05-01 00:00:00 Turkey time without needing the calendar', () => {
    expect(IYS_EARLIEST_CONSENT_DATE).toEqual(new Date('2015-04-30T21:00:00Z'));
    expect(checkConsentDate(tr('2015-04-30 23:59:59'), now)).toBe('H156');
    expect(checkConsentDate(tr('2001-01-01 00:00:00'), now)).toBe('H156');
  });

  it('answers H467 for a consent more than 3 business days old', () => {
    expect(checkConsentDate(tr('2026-06-04 09:00:00'), now)).toBe('H467'); // Thu → Fri, Mon, Tue
    expect(checkConsentDate(tr('2026-06-05 09:00:00'), now)).toBeNull(); // Fri → Mon, Tue, Wed
  });

  it('throws a RangeError on an Invalid Date, a programming error', () => {
    expect(() => checkConsentDate(new Date(Number.NaN), now)).toThrow(RangeError);
    expect(() => checkConsentDate(now, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('properties over 2024–2029', () => {
  const first = day('2024-01-01');
  const lastOffset = compareCivilDates(day('2029-12-31'), first);
  const anyDay = fc.integer({ min: 0, max: lastOffset }).map((i) => addCivilDays(first, i));
  const anyCalendar = fc.constantFrom(
    CONSERVATIVE_CALENDAR,
    IYS_CALENDAR,
    IYS_NO_HALF_DAYS,
    createCalendar({ saturdayIsBusinessDay: true, halfDayIsBusinessDay: false }),
  );
  const anyInstant = fc.date({
    min: new Date('2023-12-31T21:00:00Z'),
    max: new Date('2029-12-31T20:59:59Z'),
    noInvalidDate: true,
  });

  it('C1: addBusinessDays(d, n ≥ 1) never lands on a Sunday, a full holiday or a day off in that calendar', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 40 }), anyCalendar, (d, n, calendar) => {
        const result = addBusinessDays(d, n, calendar);
        expect(isBusinessDay(result, calendar)).toBe(true);
        expect(civilWeekday(result)).not.toBe(0);
        if (!calendar.saturdayIsBusinessDay) expect(civilWeekday(result)).not.toBe(6);
        expect(holidayOn(result).kind).not.toBe('full');
        if (!calendar.halfDayIsBusinessDay) expect(holidayOn(result).kind).toBe('none');
      }),
    );
  });

  it('counts exactly n business days in (d, addBusinessDays(d, n)]', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 20 }), anyCalendar, (d, n, calendar) => {
        const result = addBusinessDays(d, n, calendar);
        let count = 0;
        for (
          let x = addCivilDays(d, 1);
          compareCivilDates(x, result) <= 0;
          x = addCivilDays(x, 1)
        ) {
          if (isBusinessDay(x, calendar)) count++;
        }
        expect(count).toBe(n);
      }),
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 40 }), anyCalendar, (d, n, calendar) => {
        expect(
          compareCivilDates(addBusinessDays(d, n + 1, calendar), addBusinessDays(d, n, calendar)),
        ).toBeGreaterThan(0);
      }),
    );
  });

  it('composes: addBusinessDays(addBusinessDays(d, a), b) = addBusinessDays(d, a + b) for a ≥ 1', () => {
    fc.assert(
      fc.property(
        anyDay,
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        anyCalendar,
        (d, a, b, calendar) => {
          expect(iso(addBusinessDays(addBusinessDays(d, a, calendar), b, calendar))).toBe(
            iso(addBusinessDays(d, a + b, calendar)),
          );
        },
      ),
    );
  });

  it('A8: deadlineFor is never later than the end of İYS’s window, whatever İYS does with half days', () => {
    fc.assert(
      fc.property(anyInstant, (consent) => {
        const ours = deadlineFor(consent).getTime();
        expect(ours).toBeLessThanOrEqual(consentWindowEnd(consent, IYS_CALENDAR).getTime());
        expect(ours).toBeLessThanOrEqual(consentWindowEnd(consent, IYS_NO_HALF_DAYS).getTime());
        expect(ours).toBeGreaterThan(consent.getTime());
        expect(iysWouldAccept(consent, new Date(ours - 1))).toBe(true);
      }),
    );
  });
});

describe('properties over 2000–2100, inside and outside the holiday data', () => {
  const first = day('2000-01-01');
  const lastOffset = compareCivilDates(day('2100-12-31'), first);
  const anyDay = fc.integer({ min: 0, max: lastOffset }).map((i) => addCivilDays(first, i));
  const anyInstant = fc.date({
    min: new Date('1999-12-31T21:00:00Z'),
    max: new Date('2100-12-31T20:59:59Z'),
    noInvalidDate: true,
  });
  /** Holidays within three weeks after `from`: what the year may turn out to hold. */
  const holidaysAfter = (from: Date) =>
    fc
      .array(
        fc.record({
          offset: fc.integer({ min: 0, max: 21 }),
          kind: fc.constantFrom('full' as const, 'half' as const),
        }),
        { maxLength: 8 },
      )
      .map((list) =>
        list.map(({ offset, kind }): Holiday => ({
          date: addCivilDays(turkeyDayOf(from), offset),
          kind,
          name: { tr: 'Bilinmeyen tatil', en: 'Unknown holiday' },
        })),
      );
  const withHolidays = anyInstant.chain((consent) =>
    fc.tuple(fc.constant(consent), holidaysAfter(consent), holidaysAfter(consent)),
  );
  const anyCalendar = fc.constantFrom<BusinessCalendar>(
    CONSERVATIVE_CALENDAR,
    IYS_CALENDAR,
    IYS_NO_HALF_DAYS,
    withExtraHolidays(CONSERVATIVE_CALENDAR, [
      { date: day('2031-03-04'), kind: 'full', name: { tr: 'Ek', en: 'Extra' } },
    ]),
  );

  it('C1: addBusinessDays, deadlineFor and checkConsentDate never throw for a day in 2000–2100', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 40 }), anyCalendar, (d, n, calendar) => {
        const { day: result, fallbackYears } = countBusinessDays(d, n, calendar);
        expect(addBusinessDays(d, n, calendar)).toEqual(result);
        if (n > 0) expect(isBusinessDay(result, calendar)).toBe(true);
        // Exactly the years without data among the days judged, (d, result].
        const judged: number[] = [];
        for (let y = addCivilDays(d, Math.min(n, 1)).year; n > 0 && y <= result.year; y++) {
          judged.push(y);
        }
        expect(fallbackYears).toEqual(judged.filter((y) => !hasHolidayData(y)));
      }),
    );
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 30 * 86_400_000 }), (consent, later) => {
        expect(deadlineFor(consent).getTime()).toBeGreaterThan(consent.getTime());
        const now = new Date(consent.getTime() + later);
        expect(['H156', 'H467', null]).toContain(checkConsentDate(consent, now));
      }),
    );
  });

  it('C1: a holiday only ever moves a count later, so counting without the data is never later', () => {
    fc.assert(
      fc.property(
        withHolidays,
        fc.integer({ min: 0, max: 10 }),
        anyCalendar,
        ([consent, extra], n, calendar) => {
          const d = turkeyDayOf(consent);
          const known = addBusinessDays(d, n, withExtraHolidays(calendar, extra));
          expect(compareCivilDates(known, addBusinessDays(d, n, calendar))).toBeGreaterThanOrEqual(
            0,
          );
        },
      ),
    );
  });

  it('C1, C2: in any year our deadline is never later than İYS’s window, whatever holidays İYS knows there', () => {
    // `ours` are the holidays the server was told (calendar.extraHolidays), `more` those only
    // İYS knows: in a year past the data, every real holiday is one of those.
    fc.assert(
      fc.property(withHolidays, ([consent, ours, more]) => {
        const deadline = deadlineFor(consent, withExtraHolidays(CONSERVATIVE_CALENDAR, ours));
        for (const iys of [IYS_CALENDAR, IYS_NO_HALF_DAYS]) {
          const end = consentWindowEnd(consent, withExtraHolidays(iys, [...ours, ...more]));
          expect(deadline.getTime()).toBeLessThanOrEqual(end.getTime());
        }
      }),
    );
  });
});
