// Migration 3: the webhook deliveries, one row per (event × matching webhook target of
// the event's tenant), fanned out from `webhook_events` by the webhook worker. A row is `pending`
// (due at `next_attempt_at`; claimed while `lease_until` is in the future), `delivered` or `dead`.
import type { Migration } from './migration.js';

const columns = (pos: string, integer: string) => `
  pos ${pos},
  id TEXT NOT NULL UNIQUE,
  event_id TEXT NOT NULL REFERENCES webhook_events (id),
  tenant_id TEXT NOT NULL,
  webhook_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts ${integer} NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_until TEXT,
  last_status ${integer},
  last_error TEXT,
  delivered_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (event_id, tenant_id, webhook_id)`;

const indexes = `
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at, pos);
CREATE INDEX webhook_deliveries_by_tenant ON webhook_deliveries (tenant_id, state, pos);
`;

/** Version 3: `webhook_deliveries`, the outbox of the webhook worker. */
export const WEBHOOK_DELIVERIES_MIGRATION: Migration = {
  version: 3,
  name: 'webhook-deliveries',
  sqlite: `CREATE TABLE webhook_deliveries (${columns('INTEGER PRIMARY KEY', 'INTEGER')}\n) STRICT;${indexes}`,
  postgres: `CREATE TABLE webhook_deliveries (${columns('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', 'INTEGER')}\n);${indexes}`,
};
