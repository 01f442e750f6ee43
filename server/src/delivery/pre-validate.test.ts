// The H467 check before sending, on the server's İYS calendar: past the holiday data and with the
// config's extra holidays.
import { parseIysDate } from '@izinli/core';
import { describe, expect, it } from 'vitest';
import { serverCalendars } from '../calendar/server-calendar.js';
import { inFlightMovement } from './movement-fixture.test-support.js';
import { DEADLINE_MISSED, preValidate } from './pre-validate.js';

const tr = (text: string): Date => {
  const parsed = parseIysDate(text);
  if (!parsed.ok) throw new Error(`bad test date ${text}`);
  return parsed.value;
};

// Friday 7 March 2031: İYS's window, Monday–Friday, is Mon 10, Tue 11, Wed 12 March.
const movement = inFlightMovement({
  consentDate: '2031-03-07 10:00:00',
  nextAttemptAt: '2031-03-07T07:00:00.000Z',
  deadline: '2031-03-11T21:00:00.000Z',
  leaseUntil: '2031-03-13T00:00:00.000Z',
});

describe('preValidate past the holiday data', () => {
  const plain = serverCalendars([]).iys;

  it('A18, C1: sends until İYS’s Monday–Friday window ends, and dead-letters it after', () => {
    expect(preValidate(movement, undefined, tr('2031-03-12 23:59:59'), plain)).toEqual({
      send: true,
    });
    expect(preValidate(movement, undefined, tr('2031-03-13 00:00:00'), plain)).toEqual({
      send: false,
      outcome: { state: 'dead', error: expect.objectContaining({ code: DEADLINE_MISSED }) },
    });
  });

  it('A18, C1: counts calendar.extraHolidays, so a holiday on Tue 11 March keeps it sendable a day longer', () => {
    const iys = serverCalendars([{ date: '2031-03-11', kind: 'full', name: 'Ek tatil' }]).iys;
    expect(preValidate(movement, undefined, tr('2031-03-13 23:59:59'), iys)).toEqual({
      send: true,
    });
    expect(preValidate(movement, undefined, tr('2031-03-14 00:00:00'), iys)).toMatchObject({
      send: false,
      outcome: { state: 'dead' },
    });
  });
});
