// No calendar cliff: captures and withdrawals past the holiday data still get their
// deadline (with a warning), and calendar.extraHolidays moves it, through the whole app.
import { randomUUID } from 'node:crypto';
import { CALENDAR_LAST_YEAR } from '@izinli/core';
import { EXAMPLE_ADMIN_TOKEN, EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import type { ServerConfigInput } from '@izinli/core';
import { afterEach, describe, expect, it } from 'vitest';
import { capturedLogger } from '../captured-logger.test-support.js';
import { makeHarness, postCapture, validCapture } from '../http/app-harness.test-support.js';

type Harness = Awaited<ReturnType<typeof makeHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A harness on `clock` whose app and group commit log into `lines`. */
async function harnessAt(clock: { now: Date }, config: ServerConfigInput = exampleServerConfig) {
  const { logger, lines } = capturedLogger();
  h = await makeHarness({ now: () => clock.now, logger, config });
  const fallbackWarnings = () =>
    lines.filter((l) => l.level === 40 && l.msg.startsWith('deadline counted without'));
  return { h, lines, fallbackWarnings };
}

type ExtraHoliday = { date: string; kind?: 'full' | 'half'; name: string };
const withExtraHolidays = (extraHolidays: ExtraHoliday[]): ServerConfigInput => ({
  ...exampleServerConfig,
  calendar: { extraHolidays },
});

/** The deadlines of a capture at `clock` with `holiday` in calendar.extraHolidays. */
async function deadlinesWithExtraHoliday(clock: { now: Date }, holiday: ExtraHoliday) {
  const { h } = await harnessAt(clock, withExtraHolidays([holiday]));
  return deadlinesOfCapture(h);
}

/** Posts a capture (MESAJ and EPOSTA ticked) and returns its movements' deadlines. */
async function deadlinesOfCapture(harness: Harness): Promise<string[]> {
  const capture = validCapture();
  const response = await postCapture(harness.app, capture);
  expect(response.status).toBe(201);
  const movements = await harness.store.movements({ captureId: capture.id });
  expect(movements.map((m) => m.status)).toEqual(['ONAY', 'ONAY']);
  return movements.map((m) => m.deadline);
}

describe('a capture past the holiday data', () => {
  // Saturday 1 March 2031, 10:00 in Turkey.
  const clock = { now: new Date('2031-03-01T07:00:00.000Z') };

  it('C1: gets its Monday–Saturday deadline (after Wed 5 March), and a warning in the log', async () => {
    expect(CALENDAR_LAST_YEAR).toBeLessThan(2031); // else this test is not past the data
    const { h, fallbackWarnings } = await harnessAt(clock);
    // Mon 3, Tue 4, Wed 5 March: the deadline is 00:00 Thursday 6 March in Turkey.
    expect(await deadlinesOfCapture(h)).toEqual([
      '2031-03-05T21:00:00.000Z',
      '2031-03-05T21:00:00.000Z',
    ]);
    expect(fallbackWarnings()).toEqual([
      expect.objectContaining({
        consentDay: '2031-03-01',
        fallbackYears: [2031],
        configOption: 'calendar.extraHolidays',
        holidayData: 'packages/core/src/holidays-data.ts',
      }),
    ]);
  });

  it('warns once for a busy day, not once per capture, and names no person', async () => {
    const { h, fallbackWarnings } = await harnessAt(clock);
    for (let i = 0; i < 3; i++) await deadlinesOfCapture(h);
    expect(fallbackWarnings()).toHaveLength(1);
    // The logger's own fields (a millisecond time may hold "532" by chance) are not the server's words.
    const text = JSON.stringify(
      fallbackWarnings().map(({ time: _time, pid: _pid, hostname: _hostname, ...said }) => said),
    );
    for (const personal of ['Ayşe', 'Yılmaz', '532', 'ornek.com.tr', '203.0.113.45']) {
      expect(text).not.toContain(personal);
    }
  });

  it.each<[string, ExtraHoliday, string]>([
    [
      'C1: calendar.extraHolidays moves it: a holiday on Tue 4 March puts it after Thu 6 March',
      { date: '2031-03-04', name: 'Ek tatil' },
      '2031-03-06T21:00:00.000Z',
    ],
    [
      'C2: a half-day extra holiday does not move our deadline',
      { date: '2031-03-04', kind: 'half', name: 'Ek arife' },
      '2031-03-05T21:00:00.000Z',
    ],
  ])('%s', async (_title, holiday, due) => {
    expect(await deadlinesWithExtraHoliday(clock, holiday)).toEqual([due, due]);
  });

  it('A11, C1: a withdrawal’s RET movement gets its deadline on the same calendar', async () => {
    const at = { now: clock.now };
    const { h } = await harnessAt(
      at,
      withExtraHolidays([{ date: '2031-03-04', name: 'Ek tatil' }]),
    );
    await deadlinesOfCapture(h);
    at.now = new Date(clock.now.getTime() + 60_000);
    const response = await h.app.request('/v1/admin/withdrawals', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        id: randomUUID(),
        siteKey: EXAMPLE_SITE_KEY,
        recipient: { phone: '0532 123 45 67' },
        channels: ['MESAJ'],
        via: 'call-centre',
      }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { movements: { status: string; deadline: string }[] };
    expect(body.movements).toEqual([
      expect.objectContaining({ status: 'RET', deadline: '2031-03-06T21:00:00.000Z' }),
    ]);
  });
});

describe('calendar.extraHolidays inside the holiday data', () => {
  // Friday 5 June 2026, 10:00 in Turkey: Sat 6, Mon 8, Tue 9 June.
  const clock = { now: new Date('2026-06-05T07:00:00.000Z') };

  it('C1: a capture without extra holidays is due after Tue 9 June, and nothing is logged about the calendar', async () => {
    const { h, fallbackWarnings } = await harnessAt(clock);
    expect(await deadlinesOfCapture(h)).toEqual([
      '2026-06-09T21:00:00.000Z',
      '2026-06-09T21:00:00.000Z',
    ]);
    expect(fallbackWarnings()).toEqual([]);
  });

  it('C1: a full extra holiday on Mon 8 June moves it to after Wed 10 June', async () => {
    const holiday = { date: '2026-06-08', name: 'Ek tatil' };
    const due = '2026-06-10T21:00:00.000Z';
    expect(await deadlinesWithExtraHoliday(clock, holiday)).toEqual([due, due]);
  });
});
