// The verifications port on SQLite: reads from the reader connection, every state change one
// UPDATE … WHERE <the state it leaves> … RETURNING on the writer, behind the store's write mutex
// and in an IMMEDIATE transaction, so two processes never both confirm, lock or release one row.
import type { Channel } from '@izinli/core';
import type { ConfirmFacts, Verification, VerificationStore } from '../ports/verification-store.js';
import * as sql from '../sql/verification-sql.js';
import { EVENT_COLUMNS, eventValues, isoInstant } from '../sql/store-rows.js';
import { jsonList, sqliteInsert } from './connection.js';
import type { SqliteConnection } from './connection.js';
import type { SqliteDb } from './sqlite-db.js';

const COLUMNS = `pos, ${sql.VERIFICATION_SELECT}`;
const INSERT = sqliteInsert('verifications', sql.VERIFICATION_COLUMNS);
const INSERT_EVENT = sqliteInsert('webhook_events', EVENT_COLUMNS);
const BY_ID = `SELECT ${COLUMNS} FROM verifications WHERE id = ?`;
const OF_CAPTURE = `SELECT ${COLUMNS} FROM verifications WHERE capture_id = ? ORDER BY pos`;
const ATTACH = `UPDATE verifications SET capture_id = ?, channels = ?
  WHERE id = ? AND site_key = ? AND method = 'code' AND state IN ('pending', 'confirmed')
    AND (capture_id IS NULL OR capture_id = ?)
  RETURNING ${COLUMNS}`;
const RENEW = `UPDATE verifications SET secret_hash = ?, expires_at = ?, sends = sends + 1,
    sent_at = NULL, state = 'pending', attempts = 0
  WHERE id = ? AND state IN ('pending', 'locked') RETURNING ${COLUMNS}`;
const MARK_SENT = `UPDATE verifications SET sent_at = ? WHERE id = ? AND state = 'pending'`;
const DUE_SENDS = `SELECT ${COLUMNS} FROM verifications
  WHERE state = 'pending' AND sent_at IS NULL ORDER BY pos LIMIT ?`;
const WRONG_CODE = `UPDATE verifications SET attempts = attempts + 1,
    state = CASE WHEN attempts + 1 >= ? THEN 'locked' ELSE state END
  WHERE id = ? AND state = 'pending' RETURNING ${COLUMNS}`;
const CONFIRM = `UPDATE verifications SET state = 'confirmed', confirmed_at = ?, ip = ?, user_agent = ?
  WHERE id = ? AND state = 'pending' RETURNING ${COLUMNS}`;
const DUE_RELEASES = `SELECT ${COLUMNS} FROM verifications
  WHERE state = 'confirmed' AND released_at IS NULL AND capture_id IS NOT NULL ORDER BY pos LIMIT ?`;
// Released once the record is chained, whatever happened to the row meanwhile (a supersede that
// raced the release cannot unchain it).
const MARK_RELEASED = `UPDATE verifications SET released_at = ?, destination = NULL
  WHERE id = ? AND confirmed_at IS NOT NULL AND released_at IS NULL`;
const EXPIRE = `UPDATE verifications SET state = 'expired', destination = NULL
  WHERE pos IN (SELECT pos FROM verifications
    WHERE hold_until <= ? AND (state = 'pending' OR (state = 'confirmed' AND capture_id IS NULL))
    ORDER BY hold_until, pos LIMIT ?)
  RETURNING ${COLUMNS}`;
const SUPERSEDE = `UPDATE verifications AS v SET state = 'superseded', destination = NULL
  WHERE v.site_key = ? AND v.destination_sha256 = ? AND ${sql.OPEN}
    AND v.capture_id IS NOT NULL AND v.capture_id <> ?
    AND EXISTS (SELECT 1 FROM json_each(v.channels) AS c
      WHERE c.value IN (SELECT value FROM json_each(?)))
  RETURNING ${COLUMNS}`;

/** Inserts a verification on `w` (inside the caller's transaction). */
export function insertVerificationOn(w: SqliteConnection, verification: Verification): void {
  w.run(INSERT, ...sql.verificationValues(verification));
}

/** Supersedes on `w` (inside the caller's transaction); see `VerificationStore.supersede`. */
export function supersedeOn(
  w: SqliteConnection,
  siteKey: string,
  destinationSha256: string,
  channels: readonly Channel[],
  captureId: string,
): Verification[] {
  if (channels.length === 0) return [];
  return sql.byPosition(
    w.all(SUPERSEDE, siteKey, destinationSha256, captureId, jsonList(channels)),
  );
}

/** The verifications of the SQLite store on `db`. */
export function sqliteVerificationStore(db: SqliteDb): VerificationStore {
  const one = (rows: ReturnType<SqliteConnection['all']>) => sql.byPosition(rows)[0];
  return {
    async insertVerification(verification) {
      const values = sql.verificationValues(verification);
      await db.inWriteTx((w) => w.run(INSERT, ...values));
    },
    async verification(id) {
      const row = db.reader.get(BY_ID, id);
      return row ? sql.toVerification(row) : undefined;
    },
    async verificationsOf(captureId) {
      return db.reader.all(OF_CAPTURE, captureId).map(sql.toVerification);
    },
    attachCapture(id, siteKey, captureId, channels) {
      const list = JSON.stringify(channels);
      return db.inWriteTx((w) => one(w.all(ATTACH, captureId, list, id, siteKey, captureId)));
    },
    renewSecret(id, secretHash, expiresAt) {
      const end = isoInstant(expiresAt, 'expiresAt');
      return db.inWriteTx((w) => one(w.all(RENEW, secretHash, end, id)));
    },
    async markSent(id, at) {
      await db.inWriteTx((w) => w.run(MARK_SENT, isoInstant(at, 'sentAt'), id));
    },
    async dueSends(limit) {
      return db.reader.all(DUE_SENDS, limit).map(sql.toVerification);
    },
    recordWrongCode(id, maxAttempts) {
      return db.inWriteTx((w) => one(w.all(WRONG_CODE, maxAttempts, id)));
    },
    confirmVerification(id, facts: ConfirmFacts) {
      const at = isoInstant(facts.at, 'confirmedAt');
      const params = [at, facts.ip ?? null, facts.userAgent ?? null, id];
      return db.inWriteTx((w) => one(w.all(CONFIRM, ...params)));
    },
    async dueReleases(limit) {
      return db.reader.all(DUE_RELEASES, limit).map(sql.toVerification);
    },
    async markReleased(id, at) {
      await db.inWriteTx((w) => w.run(MARK_RELEASED, isoInstant(at, 'releasedAt'), id));
    },
    expireDue(now, limit, event) {
      const at = isoInstant(now, 'now');
      return db.inWriteTx((w) => {
        const expired = sql.byPosition(w.all(EXPIRE, at, limit));
        if (event) for (const v of expired) w.run(INSERT_EVENT, ...eventValues(event(v)));
        return expired;
      });
    },
    supersede(siteKey, destinationSha256, channels, captureId) {
      return db.inWriteTx((w) => supersedeOn(w, siteKey, destinationSha256, channels, captureId));
    },
  };
}
