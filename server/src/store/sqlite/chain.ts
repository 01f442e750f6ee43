// The chain port on SQLite: a site's chain read in pages from the reader connection, its head,
// and the checkpoints (written behind the store's mutex).
import type { ChainStore } from '../ports/chain-store.js';
import * as storeRows from '../sql/store-rows.js';
import type { ChainHead, Checkpoint, StoredCapture } from '../types.js';
import { readHead } from './chain-heads.js';
import { sqliteInsert } from './connection.js';
import type { SqliteDb } from './sqlite-db.js';

const CHAIN_PAGE = 500;
const CHAIN_PAGE_SQL = `SELECT ${storeRows.CAPTURE_SELECT} FROM captures
  WHERE site_key = ? AND seq >= ? ORDER BY seq LIMIT ${CHAIN_PAGE}`;
const INSERT_CHECKPOINT = `${sqliteInsert('checkpoints', storeRows.CHECKPOINT_COLUMNS)}
  ON CONFLICT (site_key, seq) DO NOTHING`;

/** The chains of the SQLite store on `db`. */
export function sqliteChainStore(db: SqliteDb): ChainStore {
  return {
    async *chain(siteKey: string, fromSeq = 1): AsyncIterable<StoredCapture> {
      // Page by seq rather than iterate one statement: a held iterator would block other reads.
      let next = fromSeq;
      for (;;) {
        const rows = db.reader.all(CHAIN_PAGE_SQL, siteKey, next);
        for (const row of rows) yield storeRows.toStoredCapture(row);
        if (rows.length < CHAIN_PAGE) return;
        next = storeRows.int(rows.at(-1)!.seq) + 1;
      }
    },

    async chainHead(siteKey: string): Promise<ChainHead> {
      return readHead(db.reader, siteKey);
    },

    async sites(): Promise<string[]> {
      const rows = db.reader.all(
        'SELECT site_key FROM chain_heads WHERE seq > 0 ORDER BY site_key',
      );
      return rows.map((r) => r.site_key as string);
    },

    addCheckpoint(checkpoint: Checkpoint): Promise<void> {
      return db.inWriteTx((w) => {
        w.run(INSERT_CHECKPOINT, ...storeRows.checkpointValues(checkpoint));
      });
    },

    async checkpoints(siteKey?: string, limit?: number): Promise<Checkpoint[]> {
      const select = `SELECT ${storeRows.CHECKPOINT_COLUMNS.join(', ')} FROM checkpoints`;
      const rows =
        siteKey === undefined
          ? db.reader.all(`${select} ORDER BY signed_at DESC, pos DESC LIMIT ?`, limit ?? -1)
          : db.reader.all(
              `${select} WHERE site_key = ? ORDER BY seq DESC LIMIT ?`,
              siteKey,
              limit ?? -1,
            );
      return rows.map(storeRows.toCheckpoint);
    },
  };
}
