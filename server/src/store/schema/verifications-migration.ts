// Migration 11: verified consent (docs/verification.md). A chained record may be a confirmation
// (`kind = 'confirmation'`, its row's `confirms` naming the capture it releases): PostgreSQL swaps
// the kind check and adds the column; SQLite cannot alter a check, so the captures table is
// rebuilt as migration 8 did, rows, positions and indexes as they were. And the
// `verifications` table: one row per code or link sent to confirm an address, with the indexes of
// the port's queues (due sends, due releases, expiry) and lookups (supersede, by capture).
import { rebuildSqliteCaptures } from './captures-rebuild.js';
import type { Migration } from './migration.js';

const KINDS = "('capture', 'withdrawal', 'iys-day', 'confirmation')";

// A confirmation's row names the capture it confirms, so retention purges the two together.
const CONFIRMS_INDEX =
  'CREATE INDEX captures_by_confirms ON captures (confirms) WHERE confirms IS NOT NULL;';

const verifications = (pos: string, strict: string) => `
CREATE TABLE verifications (
  pos ${pos},
  id TEXT NOT NULL UNIQUE,
  site_key TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('code', 'link')),
  address_kind TEXT NOT NULL CHECK (address_kind IN ('phone', 'email')),
  destination TEXT,
  destination_sha256 TEXT NOT NULL,
  locale TEXT NOT NULL,
  secret_hash TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  sends INTEGER NOT NULL CHECK (sends >= 0),
  expires_at TEXT,
  hold_until TEXT NOT NULL,
  attempts INTEGER NOT NULL CHECK (attempts >= 0),
  state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'expired', 'locked', 'superseded')),
  capture_id TEXT REFERENCES captures (capture_id),
  channels TEXT NOT NULL,
  confirmed_at TEXT,
  ip TEXT,
  user_agent TEXT,
  released_at TEXT
)${strict};
CREATE INDEX verifications_due_sends ON verifications (pos)
  WHERE state = 'pending' AND sent_at IS NULL;
CREATE INDEX verifications_due_releases ON verifications (pos)
  WHERE state = 'confirmed' AND released_at IS NULL AND capture_id IS NOT NULL;
CREATE INDEX verifications_by_hold ON verifications (state, hold_until, pos);
CREATE INDEX verifications_by_address ON verifications (site_key, destination_sha256, state);
CREATE INDEX verifications_by_capture ON verifications (capture_id) WHERE capture_id IS NOT NULL;
`;

const sqlite = `${rebuildSqliteCaptures(11, KINDS, ['confirms TEXT'])}${CONFIRMS_INDEX}
${verifications('INTEGER PRIMARY KEY', ' STRICT')}`;

const postgres = `
ALTER TABLE captures DROP CONSTRAINT captures_kind_check;
ALTER TABLE captures ADD CONSTRAINT captures_kind_check CHECK (kind IN ${KINDS});
ALTER TABLE captures ADD COLUMN confirms TEXT;
${CONFIRMS_INDEX}
${verifications('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', '')}`;

/** Version 11: captures may be of kind `confirmation` (with `confirms`); the `verifications` table. */
export const VERIFICATIONS_MIGRATION: Migration = {
  version: 11,
  name: 'verifications',
  sqlite,
  postgres,
};
