import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALENDAR_LAST_YEAR } from '@izinli/core';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { describe, expect, it } from 'vitest';
import { capturedLogger } from './captured-logger.test-support.js';
import type { LogLine } from './captured-logger.test-support.js';
import { checkServerConfig } from './config/load-config.js';
import { parseServerEnv } from './config/env.js';
import { startServer } from './start-server.js';

/** Starts and stops a server whose clock reads `now`; its log lines. */
async function startAt(now: Date): Promise<LogLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-calendar-start-'));
  const { logger, lines } = capturedLogger();
  try {
    const env = parseServerEnv({ PORT: '0', DATA_DIR: dir });
    const config = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
    if (!env.ok || !config.ok) throw new Error('example settings invalid');
    const server = await startServer({
      env: env.value,
      config: config.value,
      logger,
      now: () => now,
    });
    await server.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

const calendarWarnings = (lines: LogLine[]) =>
  lines.filter((l) => l.level === 40 && l.calendarLastYear !== undefined);

// Whoever runs the server hears about the end of the holiday data a year ahead.
describe('startServer and the end of the holiday data', () => {
  it('warns at start within a year of the data’s end, naming the last year, the file and the option', async () => {
    const lines = await startAt(new Date(`${CALENDAR_LAST_YEAR}-03-01T09:00:00Z`));
    expect(calendarWarnings(lines)).toEqual([
      expect.objectContaining({
        calendarLastYear: CALENDAR_LAST_YEAR,
        holidayData: 'packages/core/src/holidays-data.ts',
        configOption: 'calendar.extraHolidays',
      }),
    ]);
    expect(lines.map((l) => l.msg)).toContain('izinli server listening');
  });

  it('says nothing about the calendar more than a year before the end', async () => {
    const lines = await startAt(new Date(`${CALENDAR_LAST_YEAR - 1}-12-30T09:00:00Z`));
    expect(lines.map((l) => l.msg)).toContain('izinli server listening');
    expect(calendarWarnings(lines)).toEqual([]);
  });
});
