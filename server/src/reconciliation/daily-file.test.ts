// İYS's daily movement file: read, written and compared row by row as docs/iys.md describes it.
import { DAILY_FILE_COLUMNS as SIM_COLUMNS } from '@izinli/iys-sim';
import { describe, expect, it } from 'vitest';
import type { DailyFileRow, LedgerRow } from '../store/ports/reconciliation-store.js';
import {
  DAILY_FILE_COLUMNS,
  compareDailyRows,
  dailyCsv,
  dailyFileHash,
  dailyRowsOf,
  parseDailyFile,
} from './daily-file.js';

const row = (n: number, over: Partial<DailyFileRow> = {}): DailyFileRow => ({
  creationDate: `2025-10-15 10:00:0${n}`,
  transactionId: `tx-${n}`,
  recipient: `+90532100000${n}`,
  recipientType: 'BIREYSEL',
  type: 'MESAJ',
  status: 'ONAY',
  consentDate: `2025-10-15 09:59:0${n}`,
  source: 'HS_WEB',
  ...over,
});

describe('the daily movement file', () => {
  it('has the simulator’s columns, and reads back what it writes', () => {
    expect([...DAILY_FILE_COLUMNS]).toEqual([...SIM_COLUMNS]);
    const csv = dailyCsv([row(1), row(2, { consentDate: '' })]);
    expect(csv.endsWith('\n')).toBe(true);
    expect(csv.split('\n')[0]).toBe(DAILY_FILE_COLUMNS.join(','));
    expect(parseDailyFile(csv)).toEqual({ ok: true, rows: [row(1), row(2, { consentDate: '' })] });
    expect(dailyFileHash(csv)).toMatch(/^[0-9a-f]{96}$/);
  });

  it('says what it expected of a file it cannot read, never the row itself', () => {
    const bad = parseDailyFile('a,b\n');
    expect(bad).toEqual({ ok: false, problem: expect.stringContaining('expected the header') });
    const short = parseDailyFile(`${DAILY_FILE_COLUMNS.join(',')}\n+905321000001,ONAY\n`);
    expect(short).toEqual({ ok: false, problem: 'expected 8 fields on line 2, got 2' });
  });

  it('keeps one row per transactionId, the later one, in creationDate then transactionId order', () => {
    const ledger: LedgerRow[] = [
      { ...row(3), origin: 'delivered' },
      { ...row(1), origin: 'push' },
      { ...row(1, { status: 'RET' }), origin: 'pull' },
    ];
    expect(dailyRowsOf(ledger)).toEqual([row(1, { status: 'RET' }), row(3)]);
  });

  it('names each difference: in İYS only, in izinli only, and the fields that differ', () => {
    const iys = [row(1), row(2, { status: 'RET', source: 'IYS_MOBIL' }), row(4)];
    const izinli = [row(1), row(2), row(3)];
    expect(compareDailyRows(iys, izinli)).toEqual([
      {
        kind: 'fields',
        transactionId: 'tx-2',
        fields: ['status', 'source'],
        iys: iys[1],
        izinli: izinli[1],
      },
      { kind: 'iys-only', transactionId: 'tx-4', iys: iys[2] },
      { kind: 'izinli-only', transactionId: 'tx-3', izinli: izinli[2] },
    ]);
    expect(compareDailyRows(izinli, izinli)).toEqual([]);
  });
});
