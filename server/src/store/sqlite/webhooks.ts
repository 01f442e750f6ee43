// The webhooks port on SQLite: a site's events from the reader, and the outbox, whose every write
// runs on the writer connection inside the store's write mutex and an IMMEDIATE transaction
// (SQLite's write lock), so a claim is exclusive.
import { EVENT_COLUMNS, eventValues, int, toWebhookEvent } from '../sql/store-rows.js';
import * as webhookSql from '../sql/webhook-sql.js';
import type * as webhookStore from '../ports/webhook-store.js';
import type { WebhookEvent } from '../types.js';
import { sqliteInsert } from './connection.js';
import type { SqliteConnection } from './connection.js';
import type { SqliteDb } from './sqlite-db.js';

const INSERT_DELIVERY = `${sqliteInsert('webhook_deliveries', webhookSql.NEW_DELIVERY_COLUMNS)}
  ON CONFLICT (event_id, tenant_id, webhook_id) DO NOTHING`;
const MARK_FANNED = `UPDATE webhook_events SET state = '${webhookSql.FANNED_OUT}' WHERE id = ?`;
const DUE = `SELECT pos FROM webhook_deliveries
  WHERE state = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
  ORDER BY next_attempt_at, pos LIMIT ?`;
const LEASE = `UPDATE webhook_deliveries SET lease_until = ?
  WHERE pos IN (SELECT value FROM json_each(?))`;
const CLAIMED = `SELECT ${webhookSql.DELIVERY_COLUMNS}, ${webhookSql.EVENT_JOIN_COLUMNS}
  FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
  WHERE d.pos IN (SELECT value FROM json_each(?)) ORDER BY d.next_attempt_at, d.pos`;
const SETTLE = `UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1,
  next_attempt_at = COALESCE(?, next_attempt_at), last_status = ?, last_error = ?,
  delivered_at = ?, lease_until = NULL
  WHERE id = ? AND state = 'pending' AND lease_until = ?`;
const RETRY = `UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?,
  lease_until = NULL WHERE id = ? AND tenant_id = ? AND state = 'dead'`;
const COUNTS = 'SELECT state, count(*) AS n FROM webhook_deliveries GROUP BY state';

/** Runs a synchronous job in an IMMEDIATE transaction behind the store's write mutex. */
export type SqliteWriteRunner = <T>(job: () => T) => Promise<T>;

/** The SQLite webhook outbox over the store's two connections. */
export class SqliteWebhookOutbox implements webhookStore.WebhookOutbox {
  constructor(
    private readonly writer: SqliteConnection,
    private readonly reader: SqliteConnection,
    private readonly writeNow: SqliteWriteRunner,
  ) {}

  fanOut(write: webhookStore.WebhookFanOut): Promise<{ events: number; deliveries: number }> {
    return this.writeNow(() => {
      const events = this.writer.all(webhookSql.UNFANNED_EVENTS, write.limit).map(toWebhookEvent);
      let deliveries = 0;
      for (const event of events) {
        for (const target of write.targets(event)) {
          this.writer.run(
            INSERT_DELIVERY,
            ...webhookSql.newDeliveryValues(write.newId(), event.id, target, write.now),
          );
          deliveries += 1;
        }
        this.writer.run(MARK_FANNED, event.id);
      }
      return { events: events.length, deliveries };
    });
  }

  claim(claim: webhookStore.WebhookDeliveryClaim): Promise<webhookStore.ClaimedWebhookDelivery[]> {
    return this.writeNow(() => {
      const now = new Date(claim.now).toISOString();
      const due = this.writer.all(DUE, now, now, claim.limit).map((r) => int(r.pos));
      if (due.length === 0) return [];
      const positions = JSON.stringify(due);
      this.writer.run(LEASE, new Date(claim.leaseUntil).toISOString(), positions);
      return this.writer.all(CLAIMED, positions).map(webhookSql.toClaimedDelivery);
    });
  }

  settle(result: webhookStore.WebhookDeliveryResult): Promise<boolean> {
    return this.writeNow(() => {
      const changes = this.writer.db
        .prepare(SETTLE)
        .run(...webhookSql.settleParams(result)).changes;
      return changes === 1;
    });
  }

  retry(id: string, tenantId: string, now: string): Promise<boolean> {
    return this.writeNow(
      () =>
        this.writer.db.prepare(RETRY).run(new Date(now).toISOString(), id, tenantId).changes === 1,
    );
  }

  async list(filter: webhookStore.WebhookDeliveryFilter): Promise<webhookStore.WebhookDelivery[]> {
    const sql = `SELECT ${webhookSql.DELIVERY_COLUMNS} FROM webhook_deliveries d
      WHERE (? IS NULL OR d.state = ?) AND (? IS NULL OR d.tenant_id = ?)
      ORDER BY d.pos DESC LIMIT ?`;
    const state = filter.state ?? null;
    const tenant = filter.tenantId ?? null;
    return this.reader
      .all(sql, state, state, tenant, tenant, filter.limit ?? 100)
      .map(webhookSql.toWebhookDelivery);
  }

  async get(id: string): Promise<webhookStore.WebhookDelivery | undefined> {
    const row = this.reader.get(
      `SELECT ${webhookSql.DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.id = ?`,
      id,
    );
    return row ? webhookSql.toWebhookDelivery(row) : undefined;
  }

  async counts(): Promise<Record<webhookStore.WebhookDeliveryState, number>> {
    return webhookSql.deliveryCounts(this.reader.all(COUNTS));
  }
}

const WEBHOOK_EVENTS = `SELECT id, site_key, type, payload, created_at FROM webhook_events
  WHERE site_key = ? ORDER BY pos DESC LIMIT ?`;
const DEFAULT_EVENTS = 100;
const INSERT_EVENT = `${sqliteInsert('webhook_events', EVENT_COLUMNS)} ON CONFLICT (id) DO NOTHING`;
const SMS_TO_SCRUB = `SELECT e.id, e.payload FROM webhook_events e
  WHERE e.type = '${webhookSql.VERIFICATION_SMS}' AND json_extract(e.payload, '$.purged') IS NULL
    AND (e.created_at < ? OR (e.state = '${webhookSql.FANNED_OUT}' AND NOT EXISTS (
      SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.state = 'pending')))`;
const SCRUB_EVENT = `UPDATE webhook_events SET payload = ?,
  state = CASE state WHEN 'pending' THEN '${webhookSql.FANNED_OUT}' ELSE state END WHERE id = ?`;
const KILL_SMS_DELIVERIES = `UPDATE webhook_deliveries SET state = 'dead', lease_until = NULL,
  last_error = ? WHERE event_id = ? AND state = 'pending'`;

/** The webhook events and outbox of the SQLite store on `db`. */
export function sqliteWebhookStore(db: SqliteDb): webhookStore.WebhookStore {
  return {
    async webhookEvents(siteKey: string, limit = DEFAULT_EVENTS): Promise<WebhookEvent[]> {
      return db.reader.all(WEBHOOK_EVENTS, siteKey, limit).map(toWebhookEvent);
    },
    scrubVerificationSms(before: string, at: string): Promise<number> {
      return db.inWriteTx((w) => {
        const rows = w.all(SMS_TO_SCRUB, before);
        for (const row of rows) {
          const payload = JSON.parse(String(row.payload)) as unknown;
          w.run(SCRUB_EVENT, webhookSql.scrubbedSmsPayload(payload, at), row.id);
          w.run(KILL_SMS_DELIVERIES, webhookSql.SMS_SCRUBBED_ERROR, row.id);
        }
        return rows.length;
      });
    },
    async insertWebhookEvents(events: readonly WebhookEvent[]): Promise<void> {
      if (events.length === 0) return;
      await db.inWriteTx((w) => {
        for (const event of events) w.run(INSERT_EVENT, ...eventValues(event));
      });
    },
    webhookOutbox: new SqliteWebhookOutbox(db.writer, db.reader, (job) =>
      db.inWriteTx(() => job()),
    ),
  };
}
