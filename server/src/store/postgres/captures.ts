// The captures port on PostgreSQL: each write locks the heads of its sites FOR UPDATE, always in
// site-key order so two writes never deadlock, and chains stay unbroken across processes.
import * as storeRows from '../sql/store-rows.js';
import { GENESIS_HASH } from '@izinli/core';
import type { CaptureFilter, CaptureStore, WriteTx } from '../ports/capture-store.js';
import { captureCursorAfter, captureListQuery } from '../sql/capture-query.js';
import type { ChainHead, Page, StoredCapture } from '../types.js';
import type { PgDb } from './pg-db.js';
import { PostgresWriteTx } from './write-tx.js';

const ENSURE_HEADS = `INSERT INTO chain_heads (site_key, seq, hash)
  SELECT site_key, 0, $2 FROM unnest($1::text[]) AS site_key ORDER BY site_key
  ON CONFLICT (site_key) DO NOTHING`;
const LOCK_HEADS = `SELECT site_key, seq, hash FROM chain_heads
  WHERE site_key = ANY($1::text[]) ORDER BY site_key FOR UPDATE`;
const GET_CAPTURE = `SELECT ${storeRows.CAPTURE_SELECT} FROM captures WHERE capture_id = $1`;

/** The captures of the PostgreSQL store on `db`. */
export function postgresCaptureStore(db: PgDb): CaptureStore {
  return {
    async write<T>(siteKeys: readonly string[], work: (tx: WriteTx) => Promise<T>): Promise<T> {
      // Sorted, so every write takes its locks in the same order and none can deadlock another.
      const keys = [...new Set(siteKeys)].sort();
      return db.transaction(async (client) => {
        const heads = new Map<string, ChainHead>();
        const lock = async () => {
          for (const row of (await client.query<storeRows.Row>(LOCK_HEADS, [keys])).rows) {
            const siteKey = row.site_key as string;
            heads.set(siteKey, { siteKey, seq: storeRows.int(row.seq), hash: row.hash as string });
          }
        };
        if (keys.length > 0) {
          // A site's head row exists from its first write on: only then is it created first, so a
          // write takes one round trip for its locks, not two.
          await lock();
          if (heads.size < keys.length) {
            await client.query<storeRows.Row>(ENSURE_HEADS, [keys, GENESIS_HASH]);
            await lock();
          }
        }
        const tx = new PostgresWriteTx(client, heads);
        try {
          const result = await work(tx);
          // `work` may have caught a failed statement; the transaction is aborted all the same.
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the failed statement threw, as it was
          if (tx.failure !== undefined) throw tx.failure;
          return result;
        } finally {
          tx.end();
        }
      });
    },

    async getCapture(captureId: string): Promise<StoredCapture | undefined> {
      const [row] = (await db.pool.query<storeRows.Row>(GET_CAPTURE, [captureId])).rows;
      return row ? storeRows.toStoredCapture(row) : undefined;
    },

    async listCaptures(filter: CaptureFilter): Promise<Page<StoredCapture>> {
      const { sql, params, limit } = captureListQuery(filter, 'postgres');
      const { rows } = await db.pool.query<storeRows.Row>(sql, params);
      const shown = rows.slice(0, limit);
      return {
        items: shown.map(storeRows.toStoredCapture),
        ...(rows.length > limit ? { nextCursor: captureCursorAfter(shown.at(-1)!) } : {}),
      };
    },
  };
}
