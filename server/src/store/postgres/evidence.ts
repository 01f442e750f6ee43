// The evidence-file port on PostgreSQL: the bytes in `evidence_files.content`, so every server
// process behind the database serves the same files. A put checks the quota and inserts in one
// transaction under a per-tenant advisory lock, so two uploads cannot both slip under it.
import type { EvidenceStore } from '../ports/evidence-store.js';
import type { Row } from '../sql/store-rows.js';
import {
  EVIDENCE_META as META,
  evidenceMetaOf,
  evidenceMetaValues,
  toEvidenceMeta,
} from '../sql/evidence-rows.js';
import { MIGRATION_LOCK } from '../schema/migrations.js';
import type { PgDb } from './pg-db.js';

// The class of the other izinli locks (schema/migrations.ts); the object is the tenant's hash.
const LOCK = 'SELECT pg_advisory_xact_lock($1, hashtext($2))';

/** The evidence files of the PostgreSQL store on `db`. */
export function postgresEvidenceStore(db: PgDb): EvidenceStore {
  const { pool } = db;
  return {
    putEvidenceFile(put) {
      return db.transaction(async (client) => {
        await client.query(LOCK, [MIGRATION_LOCK.classId, put.tenantId]);
        const found = await client.query<Row>(
          `SELECT ${META} FROM evidence_files WHERE tenant_id = $1 AND sha256 = $2`,
          [put.tenantId, put.sha256],
        );
        if (found.rows[0])
          return { kind: 'existing' as const, file: toEvidenceMeta(found.rows[0]) };
        const used = await client.query<Row>(
          'SELECT COALESCE(SUM(size), 0) AS used FROM evidence_files WHERE tenant_id = $1',
          [put.tenantId],
        );
        const usedBytes = Number(used.rows[0]?.used ?? 0);
        if (usedBytes + put.bytes.byteLength > put.quotaBytes) {
          return { kind: 'quota' as const, usedBytes };
        }
        const file = evidenceMetaOf(put);
        await client.query(
          `INSERT INTO evidence_files (${META}, content) VALUES ($1, $2, $3, $4, $5, $6)`,
          [...evidenceMetaValues(file), Buffer.from(put.bytes)],
        );
        return { kind: 'stored' as const, file };
      });
    },

    async evidenceFilesMeta(tenantId, sha256s) {
      const { rows } = await pool.query<Row>(
        `SELECT ${META} FROM evidence_files WHERE tenant_id = $1 AND sha256 = ANY($2::text[])`,
        [tenantId, [...new Set(sha256s)]],
      );
      return new Map(rows.map((r) => [r.sha256 as string, toEvidenceMeta(r)]));
    },

    async evidenceFile(tenantId, sha256) {
      const { rows } = await pool.query<Row>(
        `SELECT ${META}, content FROM evidence_files WHERE tenant_id = $1 AND sha256 = $2`,
        [tenantId, sha256],
      );
      const row = rows[0];
      if (!row) return undefined;
      return { ...toEvidenceMeta(row), bytes: new Uint8Array(row.content as Buffer) };
    },

    async evidenceInUse(sha256s) {
      // A record's canonical JSON holds each hash it names as is; the purged ones hold no record.
      const used = new Set<string>();
      for (const sha256 of new Set(sha256s)) {
        const { rows } = await pool.query<Row>(
          'SELECT 1 FROM captures WHERE record IS NOT NULL AND position($1 in record) > 0 LIMIT 1',
          [sha256],
        );
        if (rows.length > 0) used.add(sha256);
      }
      return used;
    },

    async evidenceUsage(tenantId) {
      const { rows } = await pool.query<Row>(
        'SELECT COALESCE(SUM(size), 0) AS used FROM evidence_files WHERE tenant_id = $1',
        [tenantId],
      );
      return Number(rows[0]?.used ?? 0);
    },

    async deleteEvidenceFiles(tenantId, sha256s) {
      const { rowCount } = await pool.query(
        'DELETE FROM evidence_files WHERE tenant_id = $1 AND sha256 = ANY($2::text[])',
        [tenantId, [...new Set(sha256s)]],
      );
      return rowCount ?? 0;
    },
  };
}
