// The reconciliation port on SQLite: reads on the reader connection, writes on the writer behind
// the store's mutex, each in one IMMEDIATE transaction (docs/iys.md#reconciliation-mutabakat).
import type * as reconciliationStore from '../ports/reconciliation-store.js';
import * as reconciliationSql from '../sql/reconciliation-sql.js';
import { EVENT_COLUMNS, eventValues } from '../sql/store-rows.js';
import type { WebhookEvent } from '../types.js';
import { sqliteInsert } from './connection.js';
import type { SqliteConnection } from './connection.js';
import type { SqliteDb } from './sqlite-db.js';

const INSERT_CHANGE = `${sqliteInsert('iys_changes', reconciliationSql.IYS_CHANGE_COLUMNS)}
  ON CONFLICT (iys_code, brand_code, transaction_id) DO NOTHING`;
const LEDGER = reconciliationSql.ledgerSql({ iysCode: '?', brandCode: '?', from: '?', to: '?' });
const UPSERT_DAY = `${sqliteInsert('reconciliation_days', reconciliationSql.DAY_COLUMNS)} ${reconciliationSql.DAY_UPSERT}`;
const INSERT_FILE = `${sqliteInsert('reconciliation_files', reconciliationSql.FILE_COLUMNS)}
  ON CONFLICT (sha256) DO NOTHING`;
const INSERT_EVENT = `${sqliteInsert('webhook_events', EVENT_COLUMNS)} ON CONFLICT (id) DO NOTHING`;
const DAYS = `SELECT ${reconciliationSql.DAY_COLUMNS.join(', ')} FROM reconciliation_days
  WHERE iys_code = ? AND brand_code = ? AND day >= ? AND day <= ? ORDER BY day`;
const FILE = `SELECT ${reconciliationSql.FILE_COLUMNS.join(', ')} FROM reconciliation_files
  WHERE sha256 = ? AND purged_at IS NULL`;
const UPSERT_SUBSCRIPTION = `${sqliteInsert('iys_subscriptions', reconciliationSql.SUBSCRIPTION_COLUMNS)} ${reconciliationSql.SUBSCRIPTION_UPSERT}`;
const SUBSCRIPTIONS = `SELECT ${reconciliationSql.SUBSCRIPTION_COLUMNS.join(', ')} FROM iys_subscriptions ORDER BY iys_code`;

function insertEvents(w: SqliteConnection, events: readonly WebhookEvent[]): void {
  for (const event of events) w.run(INSERT_EVENT, ...eventValues(event));
}

/** The reconciliation port of the SQLite store on `db`. */
export function sqliteReconciliationStore(db: SqliteDb): reconciliationStore.ReconciliationStore {
  return {
    recordIysChanges(records: readonly reconciliationStore.IysChangeRecord[]): Promise<number> {
      if (records.length === 0) return Promise.resolve(0);
      return db.inWriteTx((w) => {
        // Its own statement (not the cached one's void run) for the count of rows it kept.
        const insert = w.db.prepare(INSERT_CHANGE);
        let kept = 0;
        for (const record of records)
          kept += insert.run(...reconciliationSql.iysChangeValues(record)).changes;
        return kept;
      });
    },

    async reconciliationLedger(iysCode, brandCode, day): Promise<reconciliationStore.LedgerRow[]> {
      // Plain `?` placeholders, so each half of the UNION takes the four values again.
      const params = [iysCode, brandCode, day, reconciliationSql.nextDay(day)];
      return db.reader.all(LEDGER, ...params, ...params).map(reconciliationSql.toLedgerRow);
    },

    async reconciliationDays(
      filter: reconciliationStore.ReconciliationDayFilter,
    ): Promise<reconciliationStore.ReconciliationDay[]> {
      const days: reconciliationStore.ReconciliationDay[] = [];
      for (const { iysCode, brandCode } of filter.brands) {
        const rows = db.reader.all(
          DAYS,
          iysCode,
          brandCode,
          filter.from ?? '0000-00-00',
          filter.to ?? '9999-99-99',
        );
        days.push(...rows.map(reconciliationSql.toReconciliationDay));
      }
      return days;
    },

    saveReconciliationDay(write: reconciliationStore.ReconciliationDayWrite): Promise<void> {
      const at = new Date().toISOString();
      return db.inWriteTx((w) => {
        for (const file of write.files)
          w.run(INSERT_FILE, ...reconciliationSql.fileValues(file, at));
        w.run(UPSERT_DAY, ...reconciliationSql.dayValues(write.day));
        insertEvents(w, write.events);
      });
    },

    async reconciliationFile(sha256: string): Promise<reconciliationStore.StoredFile | undefined> {
      const row = db.reader.get(FILE, sha256);
      return row ? reconciliationSql.toStoredFile(row) : undefined;
    },

    saveSubscriptionCheck(
      check: reconciliationStore.SubscriptionCheck,
      events: readonly WebhookEvent[],
    ) {
      return db.inWriteTx((w) => {
        w.run(UPSERT_SUBSCRIPTION, ...reconciliationSql.subscriptionValues(check));
        insertEvents(w, events);
      });
    },

    async subscriptionChecks(
      iysCodes?: readonly number[],
    ): Promise<reconciliationStore.SubscriptionCheck[]> {
      const all = db.reader.all(SUBSCRIPTIONS).map(reconciliationSql.toSubscriptionCheck);
      return iysCodes === undefined ? all : all.filter((s) => iysCodes.includes(s.iysCode));
    },
  };
}
