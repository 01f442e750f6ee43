// The reconciliation port on PostgreSQL: reads are single statements on the pool; a day's outcome
// with its files and events, and a subscription check with its events, each in one transaction
// (docs/iys.md#reconciliation-mutabakat).
import type { Row } from '../sql/store-rows.js';
import type {
  IysChangeRecord,
  LedgerRow,
  ReconciliationDay,
  ReconciliationDayFilter,
  ReconciliationDayWrite,
  ReconciliationStore,
  StoredFile,
  SubscriptionCheck,
} from '../ports/reconciliation-store.js';
import {
  DAY_COLUMNS,
  DAY_UPSERT,
  FILE_COLUMNS,
  IYS_CHANGE_COLUMNS,
  SUBSCRIPTION_COLUMNS,
  SUBSCRIPTION_UPSERT,
  dayValues,
  fileValues,
  iysChangeValues,
  ledgerSql,
  nextDay,
  subscriptionValues,
  toLedgerRow,
  toReconciliationDay,
  toStoredFile,
  toSubscriptionCheck,
} from '../sql/reconciliation-sql.js';
import { EVENT_COLUMNS, eventValues } from '../sql/store-rows.js';
import type { WebhookEvent } from '../types.js';
import type { PgDb } from './pg-db.js';
import { pgInsertRows, rowsJson } from './pg-sql.js';

const placeholders = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');
const insert = (table: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`;

const INSERT_CHANGES = `${pgInsertRows('iys_changes', IYS_CHANGE_COLUMNS, '$1')}
  ON CONFLICT (iys_code, brand_code, transaction_id) DO NOTHING`;
const LEDGER = ledgerSql({ iysCode: '$1', brandCode: '$2', from: '$3', to: '$4' });
const UPSERT_DAY = `${insert('reconciliation_days', DAY_COLUMNS)} ${DAY_UPSERT}`;
const INSERT_FILE = `${insert('reconciliation_files', FILE_COLUMNS)} ON CONFLICT (sha256) DO NOTHING`;
const INSERT_EVENTS = `${pgInsertRows('webhook_events', EVENT_COLUMNS, '$1')} ON CONFLICT (id) DO NOTHING`;
const DAYS = `SELECT ${DAY_COLUMNS.join(', ')} FROM reconciliation_days
  WHERE iys_code = $1 AND brand_code = $2 AND day >= $3 AND day <= $4 ORDER BY day`;
const FILE = `SELECT ${FILE_COLUMNS.join(', ')} FROM reconciliation_files
  WHERE sha256 = $1 AND purged_at IS NULL`;
const UPSERT_SUBSCRIPTION = `${insert('iys_subscriptions', SUBSCRIPTION_COLUMNS)} ${SUBSCRIPTION_UPSERT}`;
const SUBSCRIPTIONS = `SELECT ${SUBSCRIPTION_COLUMNS.join(', ')} FROM iys_subscriptions ORDER BY iys_code`;

const eventsJson = (events: readonly WebhookEvent[]) =>
  rowsJson(EVENT_COLUMNS, events.map(eventValues));

/** The reconciliation port of the PostgreSQL store on `db`. */
export function postgresReconciliationStore(db: PgDb): ReconciliationStore {
  const { pool } = db;
  return {
    async recordIysChanges(records: readonly IysChangeRecord[]): Promise<number> {
      if (records.length === 0) return 0;
      const rows = records.map(iysChangeValues);
      const result = await pool.query<Row>(INSERT_CHANGES, [rowsJson(IYS_CHANGE_COLUMNS, rows)]);
      return result.rowCount ?? 0;
    },

    async reconciliationLedger(iysCode, brandCode, day): Promise<LedgerRow[]> {
      const result = await pool.query<Row>(LEDGER, [iysCode, brandCode, day, nextDay(day)]);
      return result.rows.map(toLedgerRow);
    },

    async reconciliationDays(filter: ReconciliationDayFilter): Promise<ReconciliationDay[]> {
      const days: ReconciliationDay[] = [];
      for (const { iysCode, brandCode } of filter.brands) {
        const from = filter.from ?? '0000-00-00';
        const to = filter.to ?? '9999-99-99';
        const result = await pool.query<Row>(DAYS, [iysCode, brandCode, from, to]);
        days.push(...result.rows.map(toReconciliationDay));
      }
      return days;
    },

    async saveReconciliationDay(write: ReconciliationDayWrite): Promise<void> {
      const at = new Date().toISOString();
      await db.transaction(async (client) => {
        for (const file of write.files) await client.query<Row>(INSERT_FILE, fileValues(file, at));
        await client.query<Row>(UPSERT_DAY, dayValues(write.day));
        if (write.events.length > 0)
          await client.query<Row>(INSERT_EVENTS, [eventsJson(write.events)]);
      });
    },

    async reconciliationFile(sha256: string): Promise<StoredFile | undefined> {
      const [row] = (await pool.query<Row>(FILE, [sha256])).rows;
      return row ? toStoredFile(row) : undefined;
    },

    async saveSubscriptionCheck(check: SubscriptionCheck, events: readonly WebhookEvent[]) {
      await db.transaction(async (client) => {
        await client.query<Row>(UPSERT_SUBSCRIPTION, subscriptionValues(check));
        if (events.length > 0) await client.query<Row>(INSERT_EVENTS, [eventsJson(events)]);
      });
    },

    async subscriptionChecks(iysCodes?: readonly number[]): Promise<SubscriptionCheck[]> {
      const all = (await pool.query<Row>(SUBSCRIPTIONS)).rows.map(toSubscriptionCheck);
      return iysCodes === undefined ? all : all.filter((s) => iysCodes.includes(s.iysCode));
    },
  };
}
