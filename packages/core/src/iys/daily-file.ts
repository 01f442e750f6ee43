// İYS's daily movement file (MUTABAKAT, docs/iys.md#reconciliation-mutabakat): a header row, then
// one comma-separated row per transactionId, every line ended by LF. Written here once for the
// simulator that serves it and the server that rebuilds its own copy to compare.

/** One row of the file. */
export interface DailyFileRow {
  /** İYS's `YYYY-MM-DD HH:mm:ss`, Turkey time: the day the row belongs to. */
  creationDate: string;
  transactionId: string;
  recipient: string;
  recipientType: string;
  type: string;
  status: string;
  /** Empty when İYS recorded none (a TACIR consent). */
  consentDate: string;
  source: string;
}

/** The file's columns, in İYS's order (its example table). */
export const DAILY_FILE_COLUMNS = [
  'creationDate',
  'transactionId',
  'recipient',
  'recipientType',
  'type',
  'status',
  'consentDate',
  'source',
] as const satisfies readonly (keyof DailyFileRow)[];

/**
 * The row of one movement as İYS records it (pulled, pushed or the simulator's own): a consentDate
 * or source İYS holds none of stays an empty column.
 */
export function dailyFileRowOf(
  m: Omit<DailyFileRow, 'consentDate' | 'source'> & {
    consentDate?: string | undefined;
    source?: string | undefined;
  },
): DailyFileRow {
  return {
    creationDate: m.creationDate,
    transactionId: m.transactionId,
    recipient: m.recipient,
    recipientType: m.recipientType,
    type: m.type,
    status: m.status,
    consentDate: m.consentDate ?? '',
    source: m.source ?? '',
  };
}

/**
 * The file's text for `rows`, already in order. No field can hold a comma, quote or line break
 * (dates, hex ids, enums, E.164 numbers and İYS-valid e-mail addresses), so nothing is quoted.
 */
export function dailyFileText(rows: readonly DailyFileRow[]): string {
  return [
    DAILY_FILE_COLUMNS.join(','),
    ...rows.map((r) => DAILY_FILE_COLUMNS.map((c) => r[c]).join(',')),
  ]
    .map((line) => `${line}\n`)
    .join('');
}
