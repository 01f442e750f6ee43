// The evidence-file port on SQLite: each file's bytes under `<data dir>/evidence/<tenant>/<sha256>`
// (mode 0600, written to a temporary name then renamed, so a crash never leaves half a file under
// a hash), and a row in `evidence_files` that says it is there. The row is written after the file
// and deleted before it, so a row always has its file.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceFileMeta, EvidenceStore } from '../ports/evidence-store.js';
import type { SqliteDb } from './sqlite-db.js';

import {
  EVIDENCE_META as META,
  evidenceMetaOf,
  evidenceMetaValues,
  toEvidenceMeta,
} from '../sql/evidence-rows.js';

/** The evidence files of the SQLite store on `db`, their bytes under `dir`. */
export function sqliteEvidenceStore(db: SqliteDb, dir: string): EvidenceStore {
  // Tenant ids are config slugs; encoded anyway so no id can name a path outside `dir`.
  const folder = (tenantId: string) => join(dir, encodeURIComponent(tenantId));
  const path = (tenantId: string, sha256: string) => join(folder(tenantId), sha256);
  const usage = (tenantId: string) =>
    Number(
      db.reader.get(
        'SELECT COALESCE(SUM(size), 0) AS used FROM evidence_files WHERE tenant_id = ?',
        tenantId,
      )?.used ?? 0,
    );
  return {
    putEvidenceFile(put) {
      return db.inWriteTx((w) => {
        const found = w.get(
          `SELECT ${META} FROM evidence_files WHERE tenant_id = ? AND sha256 = ?`,
          put.tenantId,
          put.sha256,
        );
        if (found) return { kind: 'existing' as const, file: toEvidenceMeta(found) };
        const usedBytes = Number(
          w.get(
            'SELECT COALESCE(SUM(size), 0) AS used FROM evidence_files WHERE tenant_id = ?',
            put.tenantId,
          )?.used ?? 0,
        );
        if (usedBytes + put.bytes.byteLength > put.quotaBytes) {
          return { kind: 'quota' as const, usedBytes };
        }
        mkdirSync(folder(put.tenantId), { recursive: true, mode: 0o700 });
        const target = path(put.tenantId, put.sha256);
        const temporary = `${target}.part`;
        writeFileSync(temporary, put.bytes, { mode: 0o600 });
        renameSync(temporary, target);
        const file = evidenceMetaOf(put);
        w.run(
          `INSERT INTO evidence_files (${META}) VALUES (?, ?, ?, ?, ?)`,
          ...evidenceMetaValues(file),
        );
        return { kind: 'stored' as const, file };
      });
    },

    async evidenceFilesMeta(tenantId, sha256s) {
      const found = new Map<string, EvidenceFileMeta>();
      for (const sha256 of new Set(sha256s)) {
        const row = db.reader.get(
          `SELECT ${META} FROM evidence_files WHERE tenant_id = ? AND sha256 = ?`,
          tenantId,
          sha256,
        );
        if (row) found.set(sha256, toEvidenceMeta(row));
      }
      return found;
    },

    async evidenceFile(tenantId, sha256) {
      const row = db.reader.get(
        `SELECT ${META} FROM evidence_files WHERE tenant_id = ? AND sha256 = ?`,
        tenantId,
        sha256,
      );
      if (!row) return undefined;
      return {
        ...toEvidenceMeta(row),
        bytes: new Uint8Array(readFileSync(path(tenantId, sha256))),
      };
    },

    async evidenceInUse(sha256s) {
      // A record's canonical JSON holds each hash it names as is; the purged ones hold no record.
      const sql =
        'SELECT 1 FROM captures WHERE record IS NOT NULL AND instr(record, ?) > 0 LIMIT 1';
      return new Set([...new Set(sha256s)].filter((h) => db.reader.get(sql, h) !== undefined));
    },

    async evidenceUsage(tenantId) {
      return usage(tenantId);
    },

    deleteEvidenceFiles(tenantId, sha256s) {
      return db.inWriteTx((w) => {
        let deleted = 0;
        for (const sha256 of new Set(sha256s)) {
          const row = w.get(
            'DELETE FROM evidence_files WHERE tenant_id = ? AND sha256 = ? RETURNING sha256',
            tenantId,
            sha256,
          );
          if (!row) continue;
          rmSync(path(tenantId, sha256), { force: true });
          deleted += 1;
        }
        return deleted;
      });
    },
  };
}
