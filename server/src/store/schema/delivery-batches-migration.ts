// Migration 4: the bookkeeping of İYS batch delivery and the deadline flag. A batch row
// is written before its POST (`submitting`), holds İYS's requestId once accepted (`submitted`,
// polled from `next_poll_at` on) and ends `done` (every item settled) or `failed` (its items went
// back to the queue). A movement bound to an open batch carries `batch_id` and its `batch_index`
// in the request body; `at_risk_at` marks the one `consent.deadline_at_risk` event it got.
import type { Migration } from './migration.js';

const batches = (pos: string, integer: string) => `
CREATE TABLE iys_batches (
  pos ${pos},
  id TEXT NOT NULL UNIQUE,
  iys_code ${integer} NOT NULL,
  brand_code ${integer} NOT NULL,
  request_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('submitting', 'submitted', 'done', 'failed')),
  size INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  submitted_at TEXT,
  next_poll_at TEXT,
  polls INTEGER NOT NULL DEFAULT 0,
  lease_until TEXT,
  last_error_code TEXT,
  last_error_message TEXT,
  finished_at TEXT
)`;

const rest = `
CREATE INDEX iys_batches_open ON iys_batches (state, next_poll_at, pos);
ALTER TABLE movements ADD COLUMN batch_id TEXT REFERENCES iys_batches (id);
ALTER TABLE movements ADD COLUMN batch_index INTEGER;
ALTER TABLE movements ADD COLUMN at_risk_at TEXT;
CREATE INDEX movements_by_batch ON movements (batch_id, batch_index) WHERE batch_id IS NOT NULL;
CREATE INDEX movements_open_by_deadline ON movements (deadline, pos)
  WHERE state IN ('pending', 'in-flight');
`;

// The claim's partial indexes (sqlite-delivery.ts names them with INDEXED BY).
const sqliteClaimIndexes = `
CREATE INDEX movements_pending_by_date ON movements (consent_date, pos) WHERE state = 'pending';
CREATE INDEX movements_leased ON movements (lease_until)
  WHERE state = 'in-flight' AND batch_id IS NULL;
`;

/** Version 4: `iys_batches`, and the movements' batch binding and deadline flag. */
export const DELIVERY_BATCHES_MIGRATION: Migration = {
  version: 4,
  name: 'delivery-batches',
  sqlite: `${batches('INTEGER PRIMARY KEY', 'INTEGER')} STRICT;${rest}${sqliteClaimIndexes}`,
  postgres: `${batches('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', 'BIGINT')};${rest}`,
};
