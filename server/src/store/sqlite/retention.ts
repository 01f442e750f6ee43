// The retention port on SQLite (ports/retention-store.ts): a purge's synchronous statements run
// inside one IMMEDIATE transaction behind the store's mutex, so a purge is all or nothing.
import { FANNED_OUT } from '../sql/webhook-sql.js';
import * as retentionSql from '../sql/retention-sql.js';
import type * as retentionStore from '../ports/retention-store.js';
import type { SqliteConnection } from './connection.js';
import { jsonList } from './connection.js';
import type { SqliteDb } from './sqlite-db.js';

const CAPTURE_STATE = 'SELECT site_key, purged_at FROM captures WHERE capture_id = ?';
const OPEN_MOVEMENT = `SELECT 1 AS open FROM movements
  WHERE capture_id = ? AND state IN ('pending', 'in-flight') LIMIT 1`;
// The digests (seq, prev_hash, record_hash, body_hash) and received_at stay: the chain verifies.
const PURGE_CAPTURE = `UPDATE captures SET record = NULL, receipt = NULL, phone = NULL,
  email = NULL, purged_at = ? WHERE capture_id = ? AND purged_at IS NULL`;
const MOVEMENTS_OF = 'SELECT id FROM movements WHERE capture_id = ?';
// A confirmation holds the confirming request's ip and agent: it goes with the capture it confirms.
const CONFIRMATIONS_OF = `SELECT capture_id FROM captures
  WHERE confirms = ? AND site_key = ? AND purged_at IS NULL`;
const PURGE_MOVEMENT = 'UPDATE movements SET recipient = ?, movement_key = ? WHERE id = ?';
const EVENTS_OF = `SELECT id, json_extract(payload, '$.captureId') AS capture_id FROM webhook_events
  WHERE site_key = ? AND json_extract(payload, '$.captureId') IN (SELECT value FROM json_each(?))`;
const PURGE_EVENT = `UPDATE webhook_events SET payload = ?,
  state = CASE state WHEN 'pending' THEN '${FANNED_OUT}' ELSE state END WHERE id = ?`;
const KILL_DELIVERIES = `UPDATE webhook_deliveries SET state = 'dead', lease_until = NULL,
  last_error = ? WHERE event_id = ? AND state = 'pending'`;

// `consent.changed` events (written by the İYS sync, not by a capture) go by their own age.
const CHANGED_CANDIDATES = `SELECT pos, id FROM webhook_events
  WHERE site_key = ? AND pos > ? AND type = '${retentionSql.CONSENT_CHANGED}' AND created_at < ?
    AND json_extract(payload, '$.purged') IS NULL ORDER BY pos LIMIT ?`;
const CHANGED_EVENT = `SELECT payload FROM webhook_events
  WHERE id = ? AND site_key = ? AND type = '${retentionSql.CONSENT_CHANGED}'
    AND json_extract(payload, '$.purged') IS NULL`;

/** A page of unpurged captures of a site received before the bound, in seq order. */
function retentionCandidatesSqlite(
  r: SqliteConnection,
  c: retentionStore.RetentionCandidates,
): retentionStore.RetentionCandidate[] {
  const rows = r.all(retentionSql.CANDIDATES, c.siteKey, c.afterSeq, c.receivedBeforeMs, c.limit);
  return retentionSql.toRetentionCandidates(rows);
}

/** Purges the captures of `purge` that are unpurged, of its site and without an open movement. */
function purgeCapturesSqlite(
  w: SqliteConnection,
  purge: retentionStore.RetentionPurge,
): retentionStore.RetentionPurgeResult {
  const purged: string[] = [];
  const open: string[] = [];
  for (const captureId of new Set(purge.captureIds)) {
    const row = w.get(CAPTURE_STATE, captureId);
    if (!row || row.site_key !== purge.siteKey || row.purged_at !== null) continue;
    const confirmations = w
      .all(CONFIRMATIONS_OF, captureId, purge.siteKey)
      .map((r) => String(r.capture_id));
    // An open movement still has to reach İYS with its recipient: never purge under it.
    if ([captureId, ...confirmations].some((id) => w.get(OPEN_MOVEMENT, id))) {
      open.push(captureId);
      continue;
    }
    for (const id of [captureId, ...confirmations]) {
      w.run(PURGE_CAPTURE, purge.purgedAt, id);
      for (const m of w.all(MOVEMENTS_OF, id)) {
        const movementId = String(m.id);
        const key = retentionSql.purgedMovementKey(movementId);
        w.run(PURGE_MOVEMENT, retentionSql.PURGED_RECIPIENT, key, movementId);
      }
    }
    w.run(retentionSql.PURGE_VERIFICATIONS_OF, captureId);
    purged.push(captureId);
  }
  if (purged.length > 0) {
    for (const event of w.all(EVENTS_OF, purge.siteKey, jsonList(purged))) {
      const id = String(event.id);
      w.run(
        PURGE_EVENT,
        retentionSql.purgedEventPayload(String(event.capture_id), purge.purgedAt),
        id,
      );
      w.run(KILL_DELIVERIES, retentionSql.PURGED_DELIVERY_ERROR, id);
    }
  }
  return { purged, open };
}

/** A page of a site's unpurged `consent.changed` events created before the bound, in pos order. */
function changedEventCandidatesSqlite(
  r: SqliteConnection,
  c: retentionStore.ChangedEventCandidates,
): retentionStore.ChangedEventCandidate[] {
  return r
    .all(CHANGED_CANDIDATES, c.siteKey, c.afterPos, c.createdBefore, c.limit)
    .map(retentionSql.toChangedEventCandidate);
}

/** Purges the recipient from the site's unpurged `consent.changed` events among `eventIds`. */
function purgeChangedEventsSqlite(
  w: SqliteConnection,
  purge: retentionStore.ChangedEventPurge,
): string[] {
  const purged: string[] = [];
  for (const id of new Set(purge.eventIds)) {
    const row = w.get(CHANGED_EVENT, id, purge.siteKey);
    if (!row) continue;
    const payload = JSON.parse(String(row.payload)) as unknown;
    w.run(PURGE_EVENT, retentionSql.purgedChangedEventPayload(payload, purge.purgedAt), id);
    w.run(KILL_DELIVERIES, retentionSql.PURGED_DELIVERY_ERROR, id);
    purged.push(id);
  }
  return purged;
}

/** The retention purge of the SQLite store on `db`. */
export function sqliteRetentionStore(db: SqliteDb): retentionStore.RetentionStore {
  return {
    retentionCandidates: async (page) => retentionCandidatesSqlite(db.reader, page),
    purgeCaptures: (purge) => db.inWriteTx((w) => purgeCapturesSqlite(w, purge)),
    changedEventCandidates: async (page) => changedEventCandidatesSqlite(db.reader, page),
    purgeChangedEvents: (purge) => db.inWriteTx((w) => purgeChangedEventsSqlite(w, purge)),
    purgeIysDays: ({ iysCode, brandCode, before, purgedAt }) =>
      db.inWriteTx((w) => ({
        files: w.db
          .prepare(retentionSql.PURGE_OLD_DAY_FILES)
          .run(Buffer.alloc(0), purgedAt, iysCode, brandCode, before).changes,
        changes: w.db.prepare(retentionSql.DELETE_OLD_IYS_CHANGES).run(iysCode, brandCode, before)
          .changes,
      })),
  };
}
