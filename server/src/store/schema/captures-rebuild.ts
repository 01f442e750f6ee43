// Rebuilding SQLite's captures table (it cannot alter a CHECK or add a column with one): rows,
// positions and indexes as they were, under a new kind check and with any added columns.

/** The SQL that rebuilds `captures` as version `version`, allowing `kinds`, with `added` columns. */
export function rebuildSqliteCaptures(
  version: number,
  kinds: string,
  added: readonly string[] = [],
): string {
  const table = `captures_v${version}`;
  const columns = added.map((column) => `  ${column},\n`).join('');
  return `
CREATE TABLE ${table} (
  pos INTEGER PRIMARY KEY,
  capture_id TEXT NOT NULL UNIQUE,
  site_key TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  prev_hash TEXT NOT NULL,
  record_hash TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ${kinds}),
  record TEXT,
  receipt TEXT,
  received_at TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  phone TEXT,
  email TEXT,
  purged_at TEXT,
${columns}  UNIQUE (site_key, seq)
) STRICT;
INSERT INTO ${table} (pos, capture_id, site_key, seq, prev_hash, record_hash, body_hash, kind,
  record, receipt, received_at, received_ms, phone, email, purged_at)
  SELECT pos, capture_id, site_key, seq, prev_hash, record_hash, body_hash, kind,
  record, receipt, received_at, received_ms, phone, email, purged_at FROM captures;
DROP TABLE captures;
ALTER TABLE ${table} RENAME TO captures;
CREATE INDEX captures_by_time ON captures (received_ms, pos);
CREATE INDEX captures_by_site_time ON captures (site_key, received_ms, pos);
CREATE INDEX captures_by_phone ON captures (phone, received_ms, pos) WHERE phone IS NOT NULL;
CREATE INDEX captures_by_email ON captures (email, received_ms, pos) WHERE email IS NOT NULL;
`;
}
