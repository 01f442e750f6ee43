import { createHash } from 'node:crypto';
import { dailyFileRowOf, dailyFileText } from '@izinli/core';
import type { Channel, RecipientType } from '@izinli/core';
import { isIysSource } from '../state.js';
import type { Movement, SimState } from '../state.js';

const DAY_MS = 86_400_000;
/** İYS's days are Turkey's: UTC+3 all year. */
const TURKEY_OFFSET_MS = 3 * 3_600_000;

/** The Turkey calendar day (`YYYY-MM-DD`) an instant falls on. */
export function turkeyDay(ms: number): string {
  return new Date(ms + TURKEY_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Turkey calendar day starts, or NaN when `day` is not a real `YYYY-MM-DD`. */
export function turkeyDayStart(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  // Date.parse rolls 2025-02-30 over to March: a day that does not round-trip is no day.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return NaN;
  return ms - TURKEY_OFFSET_MS;
}

/** How many whole Turkey days `day` lies before the day of `nowMs` (0 today, negative ahead). */
export function daysBefore(day: string, nowMs: number): number {
  return Math.round((turkeyDayStart(turkeyDay(nowMs)) - turkeyDayStart(day)) / DAY_MS);
}

/**
 * A brand's movements recorded on a Turkey day, citizens' included, as the daily file lists them:
 * ordered by creationDate then transactionId, and one row per transactionId (two movements of an
 * address and type in the same second share one; the later is the record).
 */
export function dailyMovements(
  state: SimState,
  iysCode: number,
  brandCode: number,
  day: string,
): Movement[] {
  const from = turkeyDayStart(day);
  const byTransaction = new Map<string, Movement>();
  for (const m of state.movements) {
    if (m.iysCode !== iysCode || m.brandCode !== brandCode) continue;
    if (m.creationMs < from || m.creationMs >= from + DAY_MS) continue;
    byTransaction.delete(m.transactionId);
    byTransaction.set(m.transactionId, m);
  }
  return [...byTransaction.values()].sort(
    (a, b) =>
      a.creationMs - b.creationMs ||
      (a.transactionId < b.transactionId ? -1 : a.transactionId > b.transactionId ? 1 : 0),
  );
}

/**
 * The daily movement file of `movements`: the file's rows in their order. A TACIR consent first
 * recorded without a consentDate leaves that column empty.
 */
export function dailyCsv(movements: readonly Movement[]): string {
  return dailyFileText(movements.map(dailyFileRowOf));
}

/** The agreement hash: SHA-384 of the file's UTF-8 bytes, lower-case hex. */
export function dailyFileHash(csv: string): string {
  return createHash('sha384').update(csv, 'utf8').digest('hex');
}

/** One source's counts in the reconciliation summary. */
export interface SourceCounts {
  source: 'HS' | 'IYS';
  approval: number;
  rejection: number;
  pending: number;
  total: number;
}

const CHANNELS: readonly Channel[] = ['ARAMA', 'MESAJ', 'EPOSTA'];

/**
 * The reconciliation summary of a day for one recipient type: per channel, the provider's (`HS`)
 * counts, and the citizens' (`IYS`) when they moved that day. An ONAY movement counts as approval,
 * a RET as rejection; `pending` is batch items submitted that day and not yet processed.
 */
export function dailySummary(
  state: SimState,
  iysCode: number,
  brandCode: number,
  day: string,
  recipientType: RecipientType,
): { changeStats: { type: Channel; consents: SourceCounts[] }[] } {
  const from = turkeyDayStart(day);
  const movements = dailyMovements(state, iysCode, brandCode, day).filter(
    (m) => m.recipientType === recipientType,
  );
  const pending = [...state.batches.values()]
    .filter(
      (b) =>
        !b.results &&
        b.iysCode === iysCode &&
        b.brandCode === brandCode &&
        b.submittedMs >= from &&
        b.submittedMs < from + DAY_MS,
    )
    .flatMap((b) => b.items.map((i) => i.consent))
    .filter((c) => c.recipientType === recipientType);
  return {
    changeStats: CHANNELS.map((type) => {
      const counts = (source: 'HS' | 'IYS'): SourceCounts => {
        const mine = movements.filter(
          (m) => m.type === type && isIysSource(m.source) === (source === 'IYS'),
        );
        const approval = mine.filter((m) => m.status === 'ONAY').length;
        const rejection = mine.length - approval;
        const waiting = source === 'HS' ? pending.filter((c) => c.type === type).length : 0;
        return { source, approval, rejection, pending: waiting, total: mine.length + waiting };
      };
      const iys = counts('IYS');
      return { type, consents: iys.total > 0 ? [counts('HS'), iys] : [counts('HS')] };
    }),
  };
}
