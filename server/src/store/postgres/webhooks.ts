// The webhooks port on PostgreSQL: a site's events, and the outbox, whose fan-out and claims lock
// their rows FOR UPDATE SKIP LOCKED, so several server processes share the work without waiting
// on each other or sending one delivery twice under live leases.
import type { Row } from '../sql/store-rows.js';
import type { Pool, PoolClient } from 'pg';
import { toWebhookEvent } from '../sql/store-rows.js';
import * as webhookSql from '../sql/webhook-sql.js';
import type * as webhookStore from '../ports/webhook-store.js';
import type { WebhookEvent } from '../types.js';
import type { PgDb } from './pg-db.js';
import { insertEvents } from './settle.js';
import { pgInsertRows, rowsJson } from './pg-sql.js';

const UNFANNED = `SELECT id, site_key, type, payload, created_at FROM webhook_events
  WHERE state = 'pending' ORDER BY pos LIMIT $1 FOR UPDATE SKIP LOCKED`;
const INSERT_DELIVERIES = `${pgInsertRows('webhook_deliveries', webhookSql.NEW_DELIVERY_COLUMNS, '$1')}
  ON CONFLICT (event_id, tenant_id, webhook_id) DO NOTHING`;
const MARK_FANNED = `UPDATE webhook_events SET state = '${webhookSql.FANNED_OUT}' WHERE id = ANY($1::text[])`;
const CLAIM = `WITH due AS (
    SELECT pos FROM webhook_deliveries
    WHERE state = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
    ORDER BY next_attempt_at, pos LIMIT $3 FOR UPDATE SKIP LOCKED)
  UPDATE webhook_deliveries d SET lease_until = $2 FROM due, webhook_events e
  WHERE d.pos = due.pos AND e.id = d.event_id
  RETURNING d.pos, ${webhookSql.DELIVERY_COLUMNS}, ${webhookSql.EVENT_JOIN_COLUMNS}`;
const SETTLE = `UPDATE webhook_deliveries SET state = $1, attempts = attempts + 1,
  next_attempt_at = COALESCE($2, next_attempt_at), last_status = $3, last_error = $4,
  delivered_at = $5, lease_until = NULL
  WHERE id = $6 AND state = 'pending' AND lease_until = $7`;
const RETRY = `UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $1,
  lease_until = NULL WHERE id = $2 AND tenant_id = $3 AND state = 'dead'`;
const LIST = `SELECT ${webhookSql.DELIVERY_COLUMNS} FROM webhook_deliveries d
  WHERE ($1::text IS NULL OR d.state = $1) AND ($2::text IS NULL OR d.tenant_id = $2)
  ORDER BY d.pos DESC LIMIT $3`;
const COUNTS = 'SELECT state, count(*) AS n FROM webhook_deliveries GROUP BY state';

/** Runs `job` on one client inside the store's BEGIN … COMMIT. */
export type PostgresTransactionRunner = <T>(job: (client: PoolClient) => Promise<T>) => Promise<T>;

/** The PostgreSQL webhook outbox over the store's pool. */
export class PostgresWebhookOutbox implements webhookStore.WebhookOutbox {
  constructor(
    private readonly pool: Pool,
    private readonly transaction: PostgresTransactionRunner,
  ) {}

  fanOut(write: webhookStore.WebhookFanOut): Promise<{ events: number; deliveries: number }> {
    return this.transaction(async (client) => {
      const events = (await client.query<Row>(UNFANNED, [write.limit])).rows.map(toWebhookEvent);
      if (events.length === 0) return { events: 0, deliveries: 0 };
      const rows = events.flatMap((event) =>
        write
          .targets(event)
          .map((t) => webhookSql.newDeliveryValues(write.newId(), event.id, t, write.now)),
      );
      if (rows.length > 0) {
        await client.query<Row>(INSERT_DELIVERIES, [
          rowsJson(webhookSql.NEW_DELIVERY_COLUMNS, rows),
        ]);
      }
      await client.query<Row>(MARK_FANNED, [events.map((e) => e.id)]);
      return { events: events.length, deliveries: rows.length };
    });
  }

  async claim(
    claim: webhookStore.WebhookDeliveryClaim,
  ): Promise<webhookStore.ClaimedWebhookDelivery[]> {
    const params = [
      new Date(claim.now).toISOString(),
      new Date(claim.leaseUntil).toISOString(),
      claim.limit,
    ];
    const { rows } = await this.pool.query<Row>(CLAIM, params);
    // RETURNING has no order: oldest due first, as SQLite answers.
    const claimed = rows.map((row) => ({ row, pos: Number(row.pos) }));
    claimed.sort(
      (a, b) =>
        String(a.row.next_attempt_at).localeCompare(String(b.row.next_attempt_at)) || a.pos - b.pos,
    );
    return claimed.map(({ row }) => webhookSql.toClaimedDelivery(row));
  }

  async settle(result: webhookStore.WebhookDeliveryResult): Promise<boolean> {
    return (await this.pool.query<Row>(SETTLE, webhookSql.settleParams(result))).rowCount === 1;
  }

  async retry(id: string, tenantId: string, now: string): Promise<boolean> {
    const params = [new Date(now).toISOString(), id, tenantId];
    return (await this.pool.query<Row>(RETRY, params)).rowCount === 1;
  }

  async list(filter: webhookStore.WebhookDeliveryFilter): Promise<webhookStore.WebhookDelivery[]> {
    const params = [filter.state ?? null, filter.tenantId ?? null, filter.limit ?? 100];
    return (await this.pool.query<Row>(LIST, params)).rows.map(webhookSql.toWebhookDelivery);
  }

  async get(id: string): Promise<webhookStore.WebhookDelivery | undefined> {
    const sql = `SELECT ${webhookSql.DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.id = $1`;
    const [row] = (await this.pool.query<Row>(sql, [id])).rows;
    return row ? webhookSql.toWebhookDelivery(row) : undefined;
  }

  async counts(): Promise<Record<webhookStore.WebhookDeliveryState, number>> {
    return webhookSql.deliveryCounts((await this.pool.query<Row>(COUNTS)).rows);
  }
}

const WEBHOOK_EVENTS = `SELECT id, site_key, type, payload, created_at FROM webhook_events
  WHERE site_key = $1 ORDER BY pos DESC LIMIT $2`;
const DEFAULT_EVENTS = 100;
const SMS_TO_SCRUB = `SELECT e.id, e.payload FROM webhook_events e
  WHERE e.type = '${webhookSql.VERIFICATION_SMS}' AND e.payload::json ->> 'purged' IS NULL
    AND (e.created_at < $1 OR (e.state = '${webhookSql.FANNED_OUT}' AND NOT EXISTS (
      SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.state = 'pending')))
  FOR UPDATE OF e SKIP LOCKED`;
const SCRUB_EVENT = `UPDATE webhook_events SET payload = $1,
  state = CASE state WHEN 'pending' THEN '${webhookSql.FANNED_OUT}' ELSE state END WHERE id = $2`;
const KILL_SMS_DELIVERIES = `UPDATE webhook_deliveries SET state = 'dead', lease_until = NULL,
  last_error = $1 WHERE event_id = $2 AND state = 'pending'`;

/** The webhook events and outbox of the PostgreSQL store on `db`. */
export function postgresWebhookStore(db: PgDb): webhookStore.WebhookStore {
  return {
    async webhookEvents(siteKey: string, limit = DEFAULT_EVENTS): Promise<WebhookEvent[]> {
      return (await db.pool.query<Row>(WEBHOOK_EVENTS, [siteKey, limit])).rows.map(toWebhookEvent);
    },
    scrubVerificationSms(before: string, at: string): Promise<number> {
      return db.transaction(async (client) => {
        const { rows } = await client.query<Row>(SMS_TO_SCRUB, [before]);
        for (const row of rows) {
          const payload = JSON.parse(String(row.payload)) as unknown;
          await client.query(SCRUB_EVENT, [webhookSql.scrubbedSmsPayload(payload, at), row.id]);
          await client.query(KILL_SMS_DELIVERIES, [webhookSql.SMS_SCRUBBED_ERROR, row.id]);
        }
        return rows.length;
      });
    },
    async insertWebhookEvents(events: readonly WebhookEvent[]): Promise<void> {
      await db.transaction((client) => insertEvents(client, events));
    },
    webhookOutbox: new PostgresWebhookOutbox(db.pool, (job) => db.transaction(job)),
  };
}
