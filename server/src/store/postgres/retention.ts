// The retention port on PostgreSQL (ports/retention-store.ts): each purge runs in one
// transaction. The capture rows are locked FOR UPDATE and their movements too, so a delivery
// claim or a dead-letter retry racing the purge either finishes first (and the purge sees the
// open movement) or waits for it.
import type { Row } from '../sql/store-rows.js';
import type { Pool, PoolClient } from 'pg';
import { FANNED_OUT } from '../sql/webhook-sql.js';
import * as retentionSql from '../sql/retention-sql.js';
import type * as retentionStore from '../ports/retention-store.js';
import { numbered } from '../sql/delivery-sql.js';
import type { PgDb } from './pg-db.js';

const CANDIDATES = numbered(retentionSql.CANDIDATES);
const LOCK_CAPTURES = `SELECT capture_id FROM captures
  WHERE capture_id = ANY($1::text[]) AND site_key = $2 AND purged_at IS NULL
  ORDER BY capture_id FOR UPDATE`;
// A confirmation holds the confirming request's ip and agent: it goes with the capture it confirms.
const LOCK_CONFIRMATIONS = `SELECT capture_id, confirms FROM captures
  WHERE confirms = ANY($1::text[]) AND site_key = $2 AND purged_at IS NULL
  ORDER BY capture_id FOR UPDATE`;
const PURGE_VERIFICATIONS = `UPDATE verifications SET destination = NULL, ip = NULL,
  user_agent = NULL WHERE capture_id = ANY($1::text[])`;
const LOCK_MOVEMENTS = `SELECT id, capture_id, state FROM movements
  WHERE capture_id = ANY($1::text[]) ORDER BY id FOR UPDATE`;
// The digests (seq, prev_hash, record_hash, body_hash) and received_at stay: the chain verifies.
const PURGE_CAPTURES = `UPDATE captures SET record = NULL, receipt = NULL, phone = NULL,
  email = NULL, purged_at = $2 WHERE capture_id = ANY($1::text[])`;
const PURGE_MOVEMENTS = `UPDATE movements SET recipient = $2, movement_key = 'purged:' || id
  WHERE capture_id = ANY($1::text[])`;
const EVENTS_OF = `SELECT id, payload::json ->> 'captureId' AS capture_id FROM webhook_events
  WHERE site_key = $1 AND payload::json ->> 'captureId' = ANY($2::text[]) FOR UPDATE`;
const PURGE_EVENT = `UPDATE webhook_events SET payload = $1,
  state = CASE state WHEN 'pending' THEN '${FANNED_OUT}' ELSE state END WHERE id = $2`;
const KILL_DELIVERIES = `UPDATE webhook_deliveries SET state = 'dead', lease_until = NULL,
  last_error = $1 WHERE event_id = $2 AND state = 'pending'`;

// `consent.changed` events (written by the İYS sync, not by a capture) go by their own age.
const CHANGED_CANDIDATES = `SELECT pos, id FROM webhook_events
  WHERE site_key = $1 AND pos > $2 AND type = '${retentionSql.CONSENT_CHANGED}' AND created_at < $3
    AND payload::json ->> 'purged' IS NULL ORDER BY pos LIMIT $4`;
const LOCK_CHANGED_EVENTS = `SELECT id, payload FROM webhook_events
  WHERE id = ANY($1::text[]) AND site_key = $2 AND type = '${retentionSql.CONSENT_CHANGED}'
    AND payload::json ->> 'purged' IS NULL ORDER BY id FOR UPDATE`;

/** A page of unpurged captures of a site received before the bound, in seq order. */
async function retentionCandidatesPostgres(
  pool: Pool,
  c: retentionStore.RetentionCandidates,
): Promise<retentionStore.RetentionCandidate[]> {
  const params = [c.siteKey, c.afterSeq, c.receivedBeforeMs, c.limit];
  return retentionSql.toRetentionCandidates((await pool.query<Row>(CANDIDATES, params)).rows);
}

/** Purges the captures of `purge` that are unpurged, of its site and without an open movement. */
async function purgeCapturesPostgres(
  client: PoolClient,
  purge: retentionStore.RetentionPurge,
): Promise<retentionStore.RetentionPurgeResult> {
  const ids = [...new Set(purge.captureIds)];
  const locked = (await client.query<Row>(LOCK_CAPTURES, [ids, purge.siteKey])).rows.map(
    (r) => r.capture_id as string,
  );
  if (locked.length === 0) return { purged: [], open: [] };
  // PURGED_MOVEMENT_KEY in SQL must stay the same as retentionSql.purgedMovementKey().
  if (retentionSql.purgedMovementKey('x') !== 'purged:x')
    throw new Error('store: purged key format drifted');
  // Each confirmation, by the capture it confirms: its movements keep that capture open too.
  const confirmed = new Map<string, string>();
  for (const c of (await client.query<Row>(LOCK_CONFIRMATIONS, [locked, purge.siteKey])).rows) {
    confirmed.set(c.capture_id as string, c.confirms as string);
  }
  const openSet = new Set<string>();
  const rows = [...locked, ...confirmed.keys()];
  for (const m of (await client.query<Row>(LOCK_MOVEMENTS, [rows])).rows) {
    if (m.state === 'pending' || m.state === 'in-flight') {
      const id = m.capture_id as string;
      openSet.add(confirmed.get(id) ?? id);
    }
  }
  const purged = ids.filter((id) => locked.includes(id) && !openSet.has(id));
  const open = ids.filter((id) => openSet.has(id));
  if (purged.length === 0) return { purged, open };
  const withConfirmations = [
    ...purged,
    ...[...confirmed].filter(([, of]) => purged.includes(of)).map(([id]) => id),
  ];
  await client.query<Row>(PURGE_CAPTURES, [withConfirmations, purge.purgedAt]);
  await client.query<Row>(PURGE_MOVEMENTS, [withConfirmations, retentionSql.PURGED_RECIPIENT]);
  await client.query<Row>(PURGE_VERIFICATIONS, [purged]);
  for (const event of (await client.query<Row>(EVENTS_OF, [purge.siteKey, purged])).rows) {
    const id = event.id as string;
    const payload = retentionSql.purgedEventPayload(event.capture_id as string, purge.purgedAt);
    await client.query<Row>(PURGE_EVENT, [payload, id]);
    await client.query<Row>(KILL_DELIVERIES, [retentionSql.PURGED_DELIVERY_ERROR, id]);
  }
  return { purged, open };
}

/** A page of a site's unpurged `consent.changed` events created before the bound, in pos order. */
async function changedEventCandidatesPostgres(
  pool: Pool,
  c: retentionStore.ChangedEventCandidates,
): Promise<retentionStore.ChangedEventCandidate[]> {
  const params = [c.siteKey, c.afterPos, c.createdBefore, c.limit];
  return (await pool.query<Row>(CHANGED_CANDIDATES, params)).rows.map(
    retentionSql.toChangedEventCandidate,
  );
}

/** Purges the recipient from the site's unpurged `consent.changed` events among `eventIds`. */
async function purgeChangedEventsPostgres(
  client: PoolClient,
  purge: retentionStore.ChangedEventPurge,
): Promise<string[]> {
  const ids = [...new Set(purge.eventIds)];
  const locked = (await client.query<Row>(LOCK_CHANGED_EVENTS, [ids, purge.siteKey])).rows;
  for (const event of locked) {
    const payload = JSON.parse(event.payload as string) as unknown;
    const id = event.id as string;
    await client.query<Row>(PURGE_EVENT, [
      retentionSql.purgedChangedEventPayload(payload, purge.purgedAt),
      id,
    ]);
    await client.query<Row>(KILL_DELIVERIES, [retentionSql.PURGED_DELIVERY_ERROR, id]);
  }
  // In the caller's order, as the SQLite store answers.
  const done = new Set(locked.map((e) => e.id as string));
  return ids.filter((id) => done.has(id));
}

/** The retention purge of the PostgreSQL store on `db`. */
export function postgresRetentionStore(db: PgDb): retentionStore.RetentionStore {
  return {
    retentionCandidates: (page) => retentionCandidatesPostgres(db.pool, page),
    purgeCaptures: (purge) => db.transaction((client) => purgeCapturesPostgres(client, purge)),
    changedEventCandidates: (page) => changedEventCandidatesPostgres(db.pool, page),
    purgeChangedEvents: (purge) =>
      db.transaction((client) => purgeChangedEventsPostgres(client, purge)),
    purgeIysDays: ({ iysCode, brandCode, before, purgedAt }) =>
      db.transaction(async (client) => {
        const files = await client.query(numbered(retentionSql.PURGE_OLD_DAY_FILES), [
          Buffer.alloc(0),
          purgedAt,
          iysCode,
          brandCode,
          before,
        ]);
        const changes = await client.query(numbered(retentionSql.DELETE_OLD_IYS_CHANGES), [
          iysCode,
          brandCode,
          before,
        ]);
        return { files: files.rowCount ?? 0, changes: changes.rowCount ?? 0 };
      }),
  };
}
