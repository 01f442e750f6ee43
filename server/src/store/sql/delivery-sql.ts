// The SQL of the movement outbox both dialects share (docs/architecture.md#delivery): claiming due
// movements with a lease, settling or rescheduling them, retrying dead letters, flagging deadline
// risk (`?` placeholders; PostgreSQL numbers them with `numbered`). ports/movement-store.ts
// declares the port.
import type { MovementState } from '@izinli/core';
import type { MovementClaim, MovementResult } from '../ports/movement-store.js';
import { MOVEMENT_COLUMNS } from './store-rows.js';

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
