import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessDays,
  checkConsentDate,
  consentWindowEnd,
  CONSERVATIVE_CALENDAR,
  createCalendar,
  deadlineFor,
  IYS_CALENDAR,
  IYS_EARLIEST_CONSENT_DATE,
  isBusinessDay,
  iysWouldAccept,
} from './business-days.js';
import { CalendarRangeError, holidayOn } from './holidays.js';
import {
  addCivilDays,
  civilDate,
  civilWeekday,
  compareCivilDates,
  formatCivilDate,
  parseIysDate,
} from './iys-date.js';
import type { CivilDate } from './iys-date.js';

const day = (iso: string): CivilDate => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return civilDate(y, m, d);
};
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
    });
    expect(Object.isFrozen(calendar)).toBe(true);
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

  it('throws CalendarRangeError for a start day outside 2024–2030, even with n = 0', () => {
    expect(() => addBusinessDays(day('2023-12-29'), 0)).toThrow(CalendarRangeError);
    expect(() => addBusinessDays(day('2031-01-06'), 1)).toThrow(CalendarRangeError);
  });

  it('throws CalendarRangeError when the count walks past 2030 instead of guessing', () => {
    expect(addBusinessDays(day('2030-12-27'), 3, CONSERVATIVE_CALENDAR)).toEqual(day('2030-12-31'));
    expect(() => addBusinessDays(day('2030-12-27'), 3, IYS_CALENDAR)).toThrow(CalendarRangeError);
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

  it('throws CalendarRangeError for a window that crosses into 2031', () => {
    expect(() => iysWouldAccept(tr('2030-12-27 10:00:00'), tr('2030-12-28 10:00:00'))).toThrow(
      CalendarRangeError,
    );
    expect(() => deadlineFor(tr('2030-12-29 10:00:00'))).toThrow(CalendarRangeError);
    expect(() => deadlineFor(tr('2023-12-29 10:00:00'))).toThrow(CalendarRangeError);
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

  it('throws CalendarRangeError when only the calendar could tell (a 2016 consent)', () => {
    expect(() => checkConsentDate(tr('2016-01-04 10:00:00'), now)).toThrow(CalendarRangeError);
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
