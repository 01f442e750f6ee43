// The chain port on PostgreSQL: a site's chain read in pages by seq, its head, and the
// checkpoints, each one statement on the pool.
import * as storeRows from '../sql/store-rows.js';
import type { ChainStore } from '../ports/chain-store.js';
import { emptyHead } from '../sql/append-guard.js';
import type { ChainHead, Checkpoint, StoredCapture } from '../types.js';
import type { PgDb } from './pg-db.js';

const CHAIN_PAGE = 500;
const CHAIN_PAGE_SQL = `SELECT ${storeRows.CAPTURE_SELECT} FROM captures
  WHERE site_key = $1 AND seq >= $2 ORDER BY seq LIMIT ${CHAIN_PAGE}`;
const INSERT_CHECKPOINT = `INSERT INTO checkpoints (${storeRows.CHECKPOINT_COLUMNS.join(', ')})
  VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site_key, seq) DO NOTHING`;

/** The chains of the PostgreSQL store on `db`. */
export function postgresChainStore(db: PgDb): ChainStore {
  const { pool } = db;
  return {
    async *chain(siteKey: string, fromSeq = 1): AsyncIterable<StoredCapture> {
      let next = fromSeq;
      for (;;) {
        const { rows } = await pool.query<storeRows.Row>(CHAIN_PAGE_SQL, [siteKey, next]);
        for (const row of rows) yield storeRows.toStoredCapture(row);
        if (rows.length < CHAIN_PAGE) return;
        next = storeRows.int(rows.at(-1)!.seq) + 1;
      }
    },

    async chainHead(siteKey: string): Promise<ChainHead> {
      const sql = 'SELECT seq, hash FROM chain_heads WHERE site_key = $1';
      const [row] = (await pool.query<storeRows.Row>(sql, [siteKey])).rows;
      return row
        ? { siteKey, seq: storeRows.int(row.seq), hash: row.hash as string }
        : emptyHead(siteKey);
    },

    async sites(): Promise<string[]> {
      const sql = 'SELECT site_key FROM chain_heads WHERE seq > 0 ORDER BY site_key';
      return (await pool.query<storeRows.Row>(sql)).rows.map((r) => r.site_key as string);
    },

    async addCheckpoint(checkpoint: Checkpoint): Promise<void> {
      await pool.query<storeRows.Row>(INSERT_CHECKPOINT, storeRows.checkpointValues(checkpoint));
    },

    async checkpoints(siteKey?: string, limit?: number): Promise<Checkpoint[]> {
      const select = `SELECT ${storeRows.CHECKPOINT_COLUMNS.join(', ')} FROM checkpoints`;
      // LIMIT NULL is no limit.
      const { rows } =
        siteKey === undefined
          ? await pool.query<storeRows.Row>(
              `${select} ORDER BY signed_at DESC, pos DESC LIMIT $1`,
              [limit ?? null],
            )
          : await pool.query<storeRows.Row>(
              `${select} WHERE site_key = $1 ORDER BY seq DESC LIMIT $2`,
              [siteKey, limit ?? null],
            );
      return rows.map(storeRows.toCheckpoint);
    },
  };
}
