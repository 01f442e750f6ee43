// The outbox side of delivery (docs/architecture.md#delivery): the types of claiming due movements with
// a lease, settling or rescheduling them, retrying dead letters and counting, plus the SQL both
// dialects share (`?` placeholders; PostgreSQL numbers them with `numbered`).
import type { Movement, MovementState } from '@izinli/core';
import { MOVEMENT_COLUMNS } from './store-rows.js';
import type { MirrorEntry, WebhookEvent } from './types.js';

/** Open movements this close to their deadline are at risk (metric, admin API, webhook). */
export const NEAR_DEADLINE_MS = 24 * 3_600_000;

/** A webhook event of a movement; the store gives it the site of the movement's capture. */
export type MovementEvent = Omit<WebhookEvent, 'siteKey'>;

/** What `claimMovements` takes: the instant, the lease length, how many, which İYS account. */
export interface MovementClaim {
  /** ISO instant: movements due at or before it (and leases expired by it) are claimable. */
  now: string;
  /** ISO instant written as the claimed movements' `leaseUntil` (their fencing token). */
  leaseUntil: string;
  limit: number;
  /** Only this İYS account's movements (the account this instance leads); all when omitted. */
  iysCode?: number;
}

/** How one attempt ended: settled in a final state, or back to `pending` for a later try. */
export type MovementOutcome =
  | { state: 'delivered'; transactionId: string; creationDate: string }
  | { state: 'already-current'; reason?: { code: string; message: string } }
  | { state: 'dead'; error: { code: string; message: string } }
  | { state: 'pending'; nextAttemptAt: string; error?: { code: string; message: string } };

/** The end of one claimed attempt; applies only while the claim's lease is still the row's. */
export interface MovementResult {
  id: string;
  /** The `leaseUntil` the movement was claimed with. */
  leaseUntil: string;
  outcome: MovementOutcome;
  /** İYS's state after a delivered or already-current movement, applied like `applyIysChanges`. */
  mirror?: MirrorEntry;
  /**
   * ISO instant before which no later movement of the key may go: İYS gives two movements of one
   * key in the same second one transactionId, so the next waits (docs/iys.md#rules).
   */
  holdKeyUntil?: string;
  /** Webhook events (`consent.delivered`, `consent.rejected`) written with the state change. */
  events?: readonly MovementEvent[];
}

/** Counts for the admin API and /metrics. */
export interface DeliveryStats {
  byState: Record<MovementState, number>;
  /** Pending or in-flight movements whose deadline is within the window given (default 24 h). */
  nearDeadline: number;
  /** consentDate of the oldest pending or in-flight movement, if any. */
  oldestPending?: string;
}

/** Rewrites `?` placeholders as `$1, $2, …` for PostgreSQL. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Due movements that head their key: pending and due, or in flight with an expired lease and not
 * bound to an open İYS batch (the batch's poller settles those); no other movement of the key is in
 * flight under a live lease or in a batch, and no earlier one (by consentDate, then insertion) is
 * still pending or in flight. Params: now, now, now, iysCode|null, iysCode|null, limit.
 */
/**
 * The conditions on a candidate `m` (besides being due): it heads its key — no other movement of
 * the key is in flight under a live lease or in a batch, and none earlier (by consentDate, then
 * insertion) is still open — and it belongs to the account, if one is named. Params: now,
 * iysCode|null, iysCode|null.
 */
export const HEADS_ITS_KEY = `NOT EXISTS (SELECT 1 FROM movements e
      WHERE e.movement_key = m.movement_key AND e.pos <> m.pos
        AND ((e.state = 'in-flight' AND (e.lease_until > ? OR e.batch_id IS NOT NULL))
          OR (e.state IN ('pending', 'in-flight')
            AND (e.consent_date < m.consent_date
              OR (e.consent_date = m.consent_date AND e.pos < m.pos)))))
    AND (CAST(? AS BIGINT) IS NULL OR m.iys_code = ?)`;

export const CLAIMABLE = `SELECT m.pos FROM movements m
  WHERE ((m.state = 'pending' AND m.next_attempt_at <= ?)
      OR (m.state = 'in-flight' AND m.lease_until <= ? AND m.batch_id IS NULL))
    AND ${HEADS_ITS_KEY}
  ORDER BY m.consent_date, m.pos
  LIMIT ?`;

/** The claim's parameters for `CLAIMABLE`. */
export function claimParams(claim: MovementClaim): unknown[] {
  const account = claim.iysCode ?? null;
  return [claim.now, claim.now, claim.now, account, account, claim.limit];
}

/** Ends an attempt. Params: `resultParams(result)`. */
export const FINISH = `UPDATE movements SET state = ?, lease_until = NULL, attempts = attempts + 1,
  next_attempt_at = COALESCE(?, next_attempt_at), transaction_id = COALESCE(?, transaction_id),
  creation_date = COALESCE(?, creation_date), last_error_code = ?, last_error_message = ?
  WHERE id = ? AND state = 'in-flight' AND lease_until = ?`;

/** The parameters of `FINISH` for one result. */
export function resultParams(result: MovementResult): unknown[] {
  const o = result.outcome;
  const error =
    o.state === 'dead' || o.state === 'pending'
      ? o.error
      : o.state === 'already-current'
        ? o.reason
        : undefined;
  return [
    o.state,
    o.state === 'pending' ? new Date(o.nextAttemptAt).toISOString() : null,
    o.state === 'delivered' ? o.transactionId : null,
    o.state === 'delivered' ? o.creationDate : null,
    error?.code ?? null,
    error?.message ?? null,
    result.id,
    result.leaseUntil,
  ];
}

/** Holds the rest of a key back. Params: until, id, until. */
export const HOLD_KEY = `UPDATE movements SET next_attempt_at = ?
  WHERE movement_key = (SELECT movement_key FROM movements WHERE id = ?)
    AND state = 'pending' AND next_attempt_at < ?`;

/** The parameters of `HOLD_KEY`, or undefined when the result holds nothing. */
export function holdParams(
  result: Pick<MovementResult, 'id' | 'holdKeyUntil'>,
): unknown[] | undefined {
  if (result.holdKeyUntil === undefined) return undefined;
  const until = new Date(result.holdKeyUntil).toISOString();
  return [until, result.id, until];
}

/**
 * A dead letter back to pending, due at once, attempts from zero, out of any batch it was in (the
 * next claim sends it on its own or in a new batch). Params: now, id.
 */
export const RETRY_DEAD = `UPDATE movements SET state = 'pending', attempts = 0, next_attempt_at = ?,
  lease_until = NULL, batch_id = NULL, batch_index = NULL WHERE id = ? AND state = 'dead'
    AND movement_key NOT LIKE 'purged:%'`;

/** The site of a movement (its capture's). Params: movement id. */
export const SITE_OF_MOVEMENT = `SELECT c.site_key FROM movements m
  JOIN captures c ON c.capture_id = m.capture_id WHERE m.id = ?`;

/**
 * Every in-flight movement not bound to an İYS batch (its poller settles those) back to pending,
 * due as before: run by a deliverer that has just become the only one (the leader), so any lease
 * left is a dead instance's and need not run out.
 */
export const RELEASE_LEASES = `UPDATE movements SET state = 'pending', lease_until = NULL
  WHERE state = 'in-flight' AND batch_id IS NULL`;

/** What `flagMovementsAtRisk` takes. */
export interface AtRiskFlagging {
  /** ISO instant written as the flag. */
  now: string;
  /** Open movements whose deadline is at or before this instant (now + 24 h) are at risk. */
  deadlineBound: string;
  iysCode?: number;
  /** Most flagged in one call (default 1000). */
  limit?: number;
  /** The `consent.deadline_at_risk` event of one movement of `siteKey`. */
  event(movement: Movement, siteKey: string): WebhookEvent;
}

/** Open, unflagged movements at risk, with their site. Params: bound, iysCode|null ×2, limit. */
export const AT_RISK_DUE = `SELECT ${MOVEMENT_COLUMNS.map((c) => `m.${c}`).join(', ')}, m.pos, c.site_key
  FROM movements m JOIN captures c ON c.capture_id = m.capture_id
  WHERE m.state IN ('pending', 'in-flight') AND m.at_risk_at IS NULL AND m.deadline <= ?
    AND (CAST(? AS BIGINT) IS NULL OR m.iys_code = ?)
  ORDER BY m.deadline, m.pos LIMIT ?`;

/** Flags one movement. Params: now, pos. */
export const FLAG_AT_RISK =
  'UPDATE movements SET at_risk_at = ? WHERE pos = ? AND at_risk_at IS NULL';

/** An empty count per state. */
export function zeroByState(): Record<MovementState, number> {
  return { pending: 0, 'in-flight': 0, delivered: 0, 'already-current': 0, dead: 0 };
}
