// The SQL of the İYS account port both dialects share (`?` placeholders; PostgreSQL numbers
// them), and the row mapping.
import type { StoredToken } from '@izinli/iys';
import type {
  IysAccountRow,
  TokenGrantRequest,
  TokenGrantReservation,
} from '../ports/account-store.js';
import { int } from './store-rows.js';
import type { Row } from './store-rows.js';

export const ACCOUNT_COLUMNS =
  'iys_code, state, cause_code, cause_message, cause_status, paused_at, next_probe_at, probes, updated_at';

export const SELECT_ACCOUNTS = `SELECT ${ACCOUNT_COLUMNS} FROM iys_accounts ORDER BY iys_code`;

/** Makes the row of an account never seen before (active), so it can be locked and read. */
export const ENSURE_ACCOUNT = `INSERT INTO iys_accounts (iys_code, state, probes, updated_at)
  VALUES (?, 'active', 0, ?) ON CONFLICT (iys_code) DO NOTHING`;

export const PAUSE_ACTIVE = `UPDATE iys_accounts SET state = 'paused', cause_code = ?,
  cause_message = ?, cause_status = ?, paused_at = ?, next_probe_at = ?, probes = 0, updated_at = ?
  WHERE iys_code = ?`;

export const PROBE_FAILED = `UPDATE iys_accounts SET cause_code = ?, cause_message = ?,
  cause_status = ?, next_probe_at = ?, probes = probes + 1, updated_at = ? WHERE iys_code = ?`;

export const RESUME = `UPDATE iys_accounts SET state = 'active', next_probe_at = NULL, probes = 0,
  updated_at = ? WHERE iys_code = ? AND state = 'paused'`;

export const SELECT_TOKEN = 'SELECT token FROM iys_tokens WHERE iys_code = ?';

export const UPSERT_TOKEN = `INSERT INTO iys_tokens (iys_code, token, updated_at) VALUES (?, ?, ?)
  ON CONFLICT (iys_code) DO UPDATE SET token = excluded.token, updated_at = excluded.updated_at`;

export const FORGET_GRANTS =
  'DELETE FROM iys_token_grants WHERE iys_code = ? AND requested_ms <= ?';

export const GRANTS_SINCE =
  'SELECT requested_ms FROM iys_token_grants WHERE iys_code = ? AND requested_ms > ? ORDER BY requested_ms';

export const COUNT_GRANTS =
  'SELECT COUNT(*) AS n FROM iys_token_grants WHERE iys_code = ? AND requested_ms > ?';

export const INSERT_GRANT = 'INSERT INTO iys_token_grants (iys_code, requested_ms) VALUES (?, ?)';

/**
 * The reservation of a request at `atMs`, given the requests counted in its window, oldest first:
 * refused while `budget` or more are counted, free again once all but `budget - 1` have left.
 */
export function reservationOf(
  counted: readonly number[],
  { atMs, budget, windowMs }: TokenGrantRequest,
): TokenGrantReservation {
  if (counted.length < budget) return { granted: true, count: counted.length + 1 };
  const leaving = counted[counted.length - Math.max(1, budget)] ?? atMs;
  return { granted: false, count: counted.length, freeAt: Math.max(atMs, leaving + windowMs) };
}

/** An iys_accounts row as the port's. */
export function toAccountRow(row: Row): IysAccountRow {
  return {
    iysCode: int(row.iys_code),
    state: row.state as IysAccountRow['state'],
    ...(row.cause_code == null
      ? {}
      : {
          cause: {
            code: row.cause_code as string,
            message: (row.cause_message as string | null) ?? '',
            status: int(row.cause_status ?? 0),
          },
        }),
    ...(row.paused_at == null ? {} : { pausedAt: row.paused_at as string }),
    ...(row.next_probe_at == null ? {} : { nextProbeAt: row.next_probe_at as string }),
    probes: int(row.probes),
    updatedAt: row.updated_at as string,
  };
}

/** The stored token text read back (written by `JSON.stringify`). */
export const tokenOf = (row: Row | undefined): StoredToken | undefined =>
  row === undefined ? undefined : (JSON.parse(row.token as string) as StoredToken);
