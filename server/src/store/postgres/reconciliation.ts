// The reconciliation port on PostgreSQL: reads are single statements on the pool; a day's outcome
// with its files and events, and a subscription check with its events, each in one transaction
// (docs/iys.md#reconciliation-mutabakat).
import type { Row } from '../sql/store-rows.js';
import type * as reconciliationStore from '../ports/reconciliation-store.js';
import * as reconciliationSql from '../sql/reconciliation-sql.js';
import { EVENT_COLUMNS, eventValues } from '../sql/store-rows.js';
import type { WebhookEvent } from '../types.js';
import type { PgDb } from './pg-db.js';
import { pgInsertRows, rowsJson } from './pg-sql.js';

const placeholders = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');
const insert = (table: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`;

const INSERT_CHANGES = `${pgInsertRows('iys_changes', reconciliationSql.IYS_CHANGE_COLUMNS, '$1')}
  ON CONFLICT (iys_code, brand_code, transaction_id) DO NOTHING`;
const LEDGER = reconciliationSql.ledgerSql({
  iysCode: '$1',
  brandCode: '$2',
  from: '$3',
  to: '$4',
});
const UPSERT_DAY = `${insert('reconciliation_days', reconciliationSql.DAY_COLUMNS)} ${reconciliationSql.DAY_UPSERT}`;
const INSERT_FILE = `${insert('reconciliation_files', reconciliationSql.FILE_COLUMNS)} ON CONFLICT (sha256) DO NOTHING`;
const INSERT_EVENTS = `${pgInsertRows('webhook_events', EVENT_COLUMNS, '$1')} ON CONFLICT (id) DO NOTHING`;
const DAYS = `SELECT ${reconciliationSql.DAY_COLUMNS.join(', ')} FROM reconciliation_days
  WHERE iys_code = $1 AND brand_code = $2 AND day >= $3 AND day <= $4 ORDER BY day`;
const FILE = `SELECT ${reconciliationSql.FILE_COLUMNS.join(', ')} FROM reconciliation_files
  WHERE sha256 = $1 AND purged_at IS NULL`;
const UPSERT_SUBSCRIPTION = `${insert('iys_subscriptions', reconciliationSql.SUBSCRIPTION_COLUMNS)} ${reconciliationSql.SUBSCRIPTION_UPSERT}`;
const SUBSCRIPTIONS = `SELECT ${reconciliationSql.SUBSCRIPTION_COLUMNS.join(', ')} FROM iys_subscriptions ORDER BY iys_code`;

const eventsJson = (events: readonly WebhookEvent[]) =>
  rowsJson(EVENT_COLUMNS, events.map(eventValues));

/** The reconciliation port of the PostgreSQL store on `db`. */
export function postgresReconciliationStore(db: PgDb): reconciliationStore.ReconciliationStore {
  const { pool } = db;
  return {
    async recordIysChanges(
      records: readonly reconciliationStore.IysChangeRecord[],
    ): Promise<number> {
      if (records.length === 0) return 0;
      const rows = records.map(reconciliationSql.iysChangeValues);
      const result = await pool.query<Row>(INSERT_CHANGES, [
        rowsJson(reconciliationSql.IYS_CHANGE_COLUMNS, rows),
      ]);
      return result.rowCount ?? 0;
    },

    async reconciliationLedger(iysCode, brandCode, day): Promise<reconciliationStore.LedgerRow[]> {
      const result = await pool.query<Row>(LEDGER, [
        iysCode,
        brandCode,
        day,
        reconciliationSql.nextDay(day),
      ]);
      return result.rows.map(reconciliationSql.toLedgerRow);
    },

    async reconciliationDays(
      filter: reconciliationStore.ReconciliationDayFilter,
    ): Promise<reconciliationStore.ReconciliationDay[]> {
      const days: reconciliationStore.ReconciliationDay[] = [];
      for (const { iysCode, brandCode } of filter.brands) {
        const from = filter.from ?? '0000-00-00';
        const to = filter.to ?? '9999-99-99';
        const result = await pool.query<Row>(DAYS, [iysCode, brandCode, from, to]);
        days.push(...result.rows.map(reconciliationSql.toReconciliationDay));
      }
      return days;
    },

    async saveReconciliationDay(write: reconciliationStore.ReconciliationDayWrite): Promise<void> {
      const at = new Date().toISOString();
      await db.transaction(async (client) => {
        for (const file of write.files)
          await client.query<Row>(INSERT_FILE, reconciliationSql.fileValues(file, at));
        await client.query<Row>(UPSERT_DAY, reconciliationSql.dayValues(write.day));
        if (write.events.length > 0)
          await client.query<Row>(INSERT_EVENTS, [eventsJson(write.events)]);
      });
    },

    async reconciliationFile(sha256: string): Promise<reconciliationStore.StoredFile | undefined> {
      const [row] = (await pool.query<Row>(FILE, [sha256])).rows;
      return row ? reconciliationSql.toStoredFile(row) : undefined;
    },

    async saveSubscriptionCheck(
      check: reconciliationStore.SubscriptionCheck,
      events: readonly WebhookEvent[],
    ) {
      await db.transaction(async (client) => {
        await client.query<Row>(UPSERT_SUBSCRIPTION, reconciliationSql.subscriptionValues(check));
        if (events.length > 0) await client.query<Row>(INSERT_EVENTS, [eventsJson(events)]);
      });
    },

    async subscriptionChecks(
      iysCodes?: readonly number[],
    ): Promise<reconciliationStore.SubscriptionCheck[]> {
      const all = (await pool.query<Row>(SUBSCRIPTIONS)).rows.map(
        reconciliationSql.toSubscriptionCheck,
      );
      return iysCodes === undefined ? all : all.filter((s) => iysCodes.includes(s.iysCode));
    },
  };
}
