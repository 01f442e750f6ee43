import { describe, expect, it } from 'vitest';
import {
  countByDay,
  formatAge,
  lastDays,
  turkeyDay,
  turkeyDayStart,
  turkeyTime,
} from './format.js';

describe('Turkey-time days and ages', () => {
  it('A9: buckets instants by the Turkey-time day (UTC+3), not the UTC day', () => {
    expect(turkeyDay('2026-12-01T20:59:59Z')).toBe('2026-12-01');
    expect(turkeyDay('2026-12-01T21:00:00Z')).toBe('2026-12-02');
    expect(turkeyDayStart('2026-12-02')).toBe('2026-12-01T21:00:00.000Z');
    expect(turkeyTime('2026-12-01T18:05:09.123Z')).toBe('2026-12-01 21:05:09');
  });

  it('lists the last n days oldest first, ending with today in Turkey', () => {
    expect(lastDays(new Date('2026-12-01T22:00:00Z'), 3)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
    expect(lastDays(new Date('2027-01-01T00:00:00Z'), 2)).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('counts per day, ignoring days outside the range', () => {
    expect(
      countByDay(
        ['2026-12-01', '2026-12-02'],
        ['2026-12-02', '2026-11-01', '2026-12-02', '2026-12-01'],
      ),
    ).toEqual([1, 2]);
  });

  it('says an age in its largest whole unit, in Turkish and English', () => {
    expect(formatAge(42.4, 'tr')).toBe('42 sn');
    expect(formatAge(125, 'tr')).toBe('2 dk');
    expect(formatAge(7200, 'en')).toBe('2 h');
    expect(formatAge(3 * 86_400 + 5, 'tr')).toBe('3 gün');
    expect(formatAge(-5, 'en')).toBe('0 s');
  });
});
