// Reading a site's chain head, which the write transaction (locked) and the chain reads (the
// reader connection) both do.
import { emptyHead } from '../sql/append-guard.js';
import { int } from '../sql/store-rows.js';
import type { ChainHead } from '../types.js';
import type { SqliteConnection } from './connection.js';

const SELECT_HEAD = 'SELECT seq, hash FROM chain_heads WHERE site_key = ?';

/** The head of `siteKey` as stored on `connection` (the empty head when the site has none). */
export function readHead(connection: SqliteConnection, siteKey: string): ChainHead {
  const row = connection.get(SELECT_HEAD, siteKey);
  return row ? { siteKey, seq: int(row.seq), hash: row.hash as string } : emptyHead(siteKey);
}
