// Dates and figures as the console shows them: Turkey time (İYS's and the records' zone, UTC+3
// all year), day buckets for the chart, ages in words.
import { say } from './i18n/index.js';
import type { AdminLocale } from './i18n/index.js';

const TURKEY_OFFSET_MS = 3 * 3_600_000;

/** The Turkey-time calendar day (YYYY-MM-DD) of an ISO instant. */
export function turkeyDay(iso: string): string {
  return new Date(Date.parse(iso) + TURKEY_OFFSET_MS).toISOString().slice(0, 10);
}

/** The `n` Turkey-time days ending with the day of `now`, oldest first. */
export function lastDays(now: Date, n: number): string[] {
  const today = Date.parse(`${turkeyDay(now.toISOString())}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) =>
    new Date(today - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** How many of `dayOfEach` fall on each of `days` (others are ignored). */
export function countByDay(days: readonly string[], dayOfEach: readonly string[]): number[] {
  const counts = new Map(days.map((d) => [d, 0]));
  for (const day of dayOfEach) if (counts.has(day)) counts.set(day, counts.get(day)! + 1);
  return days.map((d) => counts.get(d)!);
}

/** The UTC instant at which the Turkey-time day `day` (YYYY-MM-DD) starts. */
export function turkeyDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - TURKEY_OFFSET_MS).toISOString();
}

/** An ISO instant in Turkey time, `YYYY-MM-DD HH:mm:ss` (İYS's own format). */
export function turkeyTime(iso: string): string {
  return new Date(Date.parse(iso) + TURKEY_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** An age in the largest whole unit: `45 sn`, `3 dk`, `2 sa`, `4 gün`. */
export function formatAge(seconds: number, locale: AdminLocale): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return say(locale, 'seconds', { n: s });
  if (s < 3600) return say(locale, 'minutes', { n: Math.floor(s / 60) });
  if (s < 86_400) return say(locale, 'hours', { n: Math.floor(s / 3600) });
  return say(locale, 'days', { n: Math.floor(s / 86_400) });
}
