// The verifications port on PostgreSQL: every state change is one UPDATE … WHERE <the state it
// leaves> … RETURNING, so under READ COMMITTED a second instance racing the first waits for its row
// lock, re-checks the state and changes nothing: never two confirmations, locks or releases.
import type { Channel } from '@izinli/core';
import type { PoolClient } from 'pg';
import type { ConfirmFacts, Verification, VerificationStore } from '../ports/verification-store.js';
import * as sql from '../sql/verification-sql.js';
import { EVENT_COLUMNS, eventValues, isoInstant } from '../sql/store-rows.js';
import type { Row } from '../sql/store-rows.js';
import type { PgDb } from './pg-db.js';
import { pgInsertRows, rowsJson } from './pg-sql.js';

const COLUMNS = `pos, ${sql.VERIFICATION_SELECT}`;
const params = (from: number) => sql.VERIFICATION_COLUMNS.map((_, i) => `$${i + from}`).join(', ');
const INSERT = `INSERT INTO verifications (${sql.VERIFICATION_SELECT}) VALUES (${params(1)})`;
const BY_ID = `SELECT ${COLUMNS} FROM verifications WHERE id = $1`;
const OF_CAPTURE = `SELECT ${COLUMNS} FROM verifications WHERE capture_id = $1 ORDER BY pos`;
const ATTACH = `UPDATE verifications SET capture_id = $1, channels = $2
  WHERE id = $3 AND site_key = $4 AND method = 'code' AND state IN ('pending', 'confirmed')
    AND (capture_id IS NULL OR capture_id = $1)
  RETURNING ${COLUMNS}`;
const RENEW = `UPDATE verifications SET secret_hash = $1, expires_at = $2, sends = sends + 1,
    sent_at = NULL, state = 'pending', attempts = 0
  WHERE id = $3 AND state IN ('pending', 'locked') RETURNING ${COLUMNS}`;
const MARK_SENT = `UPDATE verifications SET sent_at = $1 WHERE id = $2 AND state = 'pending'`;
const DUE_SENDS = `SELECT ${COLUMNS} FROM verifications
  WHERE state = 'pending' AND sent_at IS NULL ORDER BY pos LIMIT $1`;
const WRONG_CODE = `UPDATE verifications SET attempts = attempts + 1,
    state = CASE WHEN attempts + 1 >= $1 THEN 'locked' ELSE state END
  WHERE id = $2 AND state = 'pending' RETURNING ${COLUMNS}`;
const CONFIRM = `UPDATE verifications SET state = 'confirmed', confirmed_at = $1, ip = $2, user_agent = $3
  WHERE id = $4 AND state = 'pending' RETURNING ${COLUMNS}`;
const DUE_RELEASES = `SELECT ${COLUMNS} FROM verifications
  WHERE state = 'confirmed' AND released_at IS NULL AND capture_id IS NOT NULL ORDER BY pos LIMIT $1`;
// Released once the record is chained, whatever happened to the row meanwhile (a supersede that
// raced the release cannot unchain it).
const MARK_RELEASED = `UPDATE verifications SET released_at = $1, destination = NULL
  WHERE id = $2 AND confirmed_at IS NOT NULL AND released_at IS NULL`;
const EXPIRABLE = `hold_until <= $1 AND (state = 'pending' OR (state = 'confirmed' AND capture_id IS NULL))`;
const EXPIRE = `UPDATE verifications SET state = 'expired', destination = NULL
  WHERE pos IN (SELECT pos FROM verifications WHERE ${EXPIRABLE}
    ORDER BY hold_until, pos LIMIT $2 FOR UPDATE SKIP LOCKED) AND ${EXPIRABLE}
  RETURNING ${COLUMNS}`;
const INSERT_EVENTS = pgInsertRows('webhook_events', EVENT_COLUMNS, '$1');
/** Supersedes one address's channels; `$1` site, `$2` hash, `$3` capture id, `$4` channels. */
const SUPERSEDE = `UPDATE verifications AS v SET state = 'superseded', destination = NULL
  WHERE v.site_key = $1 AND v.destination_sha256 = $2 AND ${sql.OPEN}
    AND v.capture_id IS NOT NULL AND v.capture_id <> $3
    AND EXISTS (SELECT 1 FROM json_array_elements_text(v.channels::json) AS c
      WHERE c = ANY($4::text[]))
  RETURNING ${COLUMNS}`;

/**
 * Supersedes, for several keys in one statement (a CTE of the capture's write); `param` is a JSON
 * array of `supersedeRows`.
 */
export const supersedeMany = (
  param: string,
) => `UPDATE verifications AS v SET state = 'superseded', destination = NULL
  FROM json_to_recordset(${param}::json)
    AS k(site_key text, destination_sha256 text, channels json, capture_id text)
  WHERE v.site_key = k.site_key AND v.destination_sha256 = k.destination_sha256 AND ${sql.OPEN}
    AND v.capture_id IS NOT NULL AND v.capture_id <> k.capture_id
    AND EXISTS (SELECT 1 FROM json_array_elements_text(v.channels::json) AS c
      WHERE c IN (SELECT json_array_elements_text(k.channels)))`;

/** Inserts a verification on `client` (inside the caller's transaction). */
export async function insertVerificationOn(
  client: PoolClient,
  verification: Verification,
): Promise<void> {
  await client.query(INSERT, sql.verificationValues(verification));
}

/** The verifications of the PostgreSQL store on `db`. */
export function postgresVerificationStore(db: PgDb): VerificationStore {
  const { pool } = db;
  const rows = async (text: string, values: unknown[]) =>
    (await pool.query<Row>(text, values)).rows;
  const one = async (text: string, values: unknown[]) =>
    sql.byPosition(await rows(text, values))[0];
  return {
    async insertVerification(verification) {
      await pool.query(INSERT, sql.verificationValues(verification));
    },
    async verification(id) {
      const [row] = await rows(BY_ID, [id]);
      return row ? sql.toVerification(row) : undefined;
    },
    async verificationsOf(captureId) {
      return (await rows(OF_CAPTURE, [captureId])).map(sql.toVerification);
    },
    attachCapture(id, siteKey, captureId, channels: readonly Channel[]) {
      return one(ATTACH, [captureId, JSON.stringify(channels), id, siteKey]);
    },
    renewSecret(id, secretHash, expiresAt) {
      return one(RENEW, [secretHash, isoInstant(expiresAt, 'expiresAt'), id]);
    },
    async markSent(id, at) {
      await pool.query(MARK_SENT, [isoInstant(at, 'sentAt'), id]);
    },
    async dueSends(limit) {
      return (await rows(DUE_SENDS, [limit])).map(sql.toVerification);
    },
    recordWrongCode(id, maxAttempts) {
      return one(WRONG_CODE, [maxAttempts, id]);
    },
    confirmVerification(id, facts: ConfirmFacts) {
      const at = isoInstant(facts.at, 'confirmedAt');
      return one(CONFIRM, [at, facts.ip ?? null, facts.userAgent ?? null, id]);
    },
    async dueReleases(limit) {
      return (await rows(DUE_RELEASES, [limit])).map(sql.toVerification);
    },
    async markReleased(id, at) {
      await pool.query(MARK_RELEASED, [isoInstant(at, 'releasedAt'), id]);
    },
    expireDue(now, limit, event) {
      return db.transaction(async (client) => {
        const found = await client.query<Row>(EXPIRE, [isoInstant(now, 'now'), limit]);
        const expired = sql.byPosition(found.rows);
        if (event && expired.length > 0) {
          const events = expired.map((v) => eventValues(event(v)));
          await client.query(INSERT_EVENTS, [rowsJson(EVENT_COLUMNS, events)]);
        }
        return expired;
      });
    },
    async supersede(siteKey, destinationSha256, channels, captureId) {
      if (channels.length === 0) return [];
      return sql.byPosition(
        await rows(SUPERSEDE, [siteKey, destinationSha256, captureId, [...channels]]),
      );
    },
  };
}
