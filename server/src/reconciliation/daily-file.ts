// İYS's daily movement file (docs/iys.md#reconciliation-mutabakat): a header row, then one row per
// transactionId ordered by creationDate then transactionId, comma-separated, every line ended by
// LF; its SHA-384 (lower-case hex) is the agreement hash. Here: reading it, writing izinli's own
// copy the same way, and comparing the two row by row.
import { createHash } from 'node:crypto';
import { DAILY_FILE_COLUMNS, dailyFileText } from '@izinli/core';
import type { DailyFileRow } from '@izinli/core';
import type { LedgerRow, ReconciliationDifference } from '../store/ports/reconciliation-store.js';

export { DAILY_FILE_COLUMNS } from '@izinli/core';

/** The file's text read as rows, or what was expected and what came when it is not that file. */
export function parseDailyFile(
  csv: string,
): { ok: true; rows: DailyFileRow[] } | { ok: false; problem: string } {
  const lines = csv.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header = lines.shift()?.replace(/\r$/, '');
  if (header !== DAILY_FILE_COLUMNS.join(',')) {
    // The first line's shape only: a file without its header starts with a row, a recipient in it.
    const shape = header === undefined ? 'no line' : `${header.split(',').length} fields`;
    return {
      ok: false,
      problem: `expected the header ${DAILY_FILE_COLUMNS.join(',')}, got another first line (${shape})`,
    };
  }
  const rows: DailyFileRow[] = [];
  for (const [i, line] of lines.entries()) {
    const fields = line.replace(/\r$/, '').split(',');
    if (fields.length !== DAILY_FILE_COLUMNS.length) {
      // The count only: the line holds a recipient.
      return {
        ok: false,
        problem: `expected ${DAILY_FILE_COLUMNS.length} fields on line ${i + 2}, got ${fields.length}`,
      };
    }
    rows.push(
      Object.fromEntries(
        DAILY_FILE_COLUMNS.map((c, k) => [c, fields[k]!]),
      ) as unknown as DailyFileRow,
    );
  }
  return { ok: true, rows };
}

const byDateThenId = (a: DailyFileRow, b: DailyFileRow) =>
  a.creationDate < b.creationDate
    ? -1
    : a.creationDate > b.creationDate
      ? 1
      : a.transactionId < b.transactionId
        ? -1
        : a.transactionId > b.transactionId
          ? 1
          : 0;

/**
 * izinli's copy of the day as İYS lists it: one row per transactionId (a change pushed and pulled,
 * or delivered and reported back, is one İYS movement; the later-listed row wins, as İYS's does),
 * ordered by creationDate then transactionId.
 */
export function dailyRowsOf(ledger: readonly LedgerRow[]): DailyFileRow[] {
  const byId = new Map<string, DailyFileRow>();
  for (const { origin: _origin, ...row } of ledger) {
    byId.delete(row.transactionId);
    byId.set(row.transactionId, row);
  }
  return [...byId.values()].sort(byDateThenId);
}

/** The file's text for `rows` (already in order), as İYS writes it. */
export const dailyCsv = dailyFileText;

/** The agreement hash: SHA-384 of the file's UTF-8 bytes, lower-case hex. */
export function dailyFileHash(csv: string | Uint8Array): string {
  return createHash('sha384').update(csv).digest('hex');
}

/** SHA-256 (hex) of stored bytes: the key a file is kept under. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every difference between İYS's rows and izinli's, keyed by transactionId, in İYS's order first. */
export function compareDailyRows(
  iys: readonly DailyFileRow[],
  izinli: readonly DailyFileRow[],
): ReconciliationDifference[] {
  const ours = new Map(izinli.map((r) => [r.transactionId, r]));
  const theirs = new Set(iys.map((r) => r.transactionId));
  const differences: ReconciliationDifference[] = [];
  for (const row of iys) {
    const mine = ours.get(row.transactionId);
    if (!mine) {
      differences.push({ kind: 'iys-only', transactionId: row.transactionId, iys: row });
      continue;
    }
    const fields = DAILY_FILE_COLUMNS.filter((c) => row[c] !== mine[c]);
    if (fields.length > 0) {
      differences.push({
        kind: 'fields',
        transactionId: row.transactionId,
        fields,
        iys: row,
        izinli: mine,
      });
    }
  }
  for (const row of izinli) {
    if (!theirs.has(row.transactionId)) {
      differences.push({ kind: 'izinli-only', transactionId: row.transactionId, izinli: row });
    }
  }
  return differences;
}
