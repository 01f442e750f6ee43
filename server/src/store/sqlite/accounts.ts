// The İYS account port on SQLite: reads on the reader, each change one write transaction that
// reads the account's state and writes its events only when the state really changed.
import type { AccountStore } from '../ports/account-store.js';
import {
  COUNT_GRANTS,
  ENSURE_ACCOUNT,
  FORGET_GRANTS,
  GRANTS_SINCE,
  INSERT_GRANT,
  PAUSE_ACTIVE,
  PROBE_FAILED,
  RESUME,
  SELECT_ACCOUNTS,
  SELECT_TOKEN,
  UPSERT_TOKEN,
  reservationOf,
  toAccountRow,
  tokenOf,
} from '../sql/account-sql.js';
import { EVENT_COLUMNS, eventValues, int } from '../sql/store-rows.js';
import { sqliteInsert } from './connection.js';
import type { SqliteDb } from './sqlite-db.js';

const INSERT_EVENT = `${sqliteInsert('webhook_events', EVENT_COLUMNS)} ON CONFLICT (id) DO NOTHING`;

/** The İYS accounts of the SQLite store on `db`. */
export function sqliteAccountStore(db: SqliteDb): AccountStore {
  return {
    async iysAccounts() {
      return db.reader.all(SELECT_ACCOUNTS).map(toAccountRow);
    },

    pauseIysAccount({ iysCode, cause, at, nextProbeAt, events }) {
      return db.inWriteTx((w) => {
        w.run(ENSURE_ACCOUNT, iysCode, at);
        const { state } = w.get('SELECT state FROM iys_accounts WHERE iys_code = ?', iysCode)!;
        const causeValues = [cause.code, cause.message, cause.status] as const;
        if (state === 'paused') {
          w.run(PROBE_FAILED, ...causeValues, nextProbeAt, at, iysCode);
          return false;
        }
        w.run(PAUSE_ACTIVE, ...causeValues, at, nextProbeAt, at, iysCode);
        for (const event of events) w.run(INSERT_EVENT, ...eventValues(event));
        return true;
      });
    },

    resumeIysAccount({ iysCode, at, events }) {
      return db.inWriteTx((w) => {
        const changed = w.db.prepare(RESUME).run(at, iysCode).changes === 1;
        if (changed) for (const event of events) w.run(INSERT_EVENT, ...eventValues(event));
        return changed;
      });
    },

    async iysToken(iysCode) {
      return tokenOf(db.reader.get(SELECT_TOKEN, iysCode));
    },

    setIysToken(iysCode, token, at) {
      return db.inWriteTx((w) => w.run(UPSERT_TOKEN, iysCode, JSON.stringify(token), at));
    },

    // One write transaction: SQLite has one writer, so the count and the insert are atomic.
    reserveIysTokenGrant(request) {
      const { iysCode, atMs, windowMs } = request;
      return db.inWriteTx((w) => {
        w.run(FORGET_GRANTS, iysCode, atMs - windowMs);
        const counted = w
          .all(GRANTS_SINCE, iysCode, atMs - windowMs)
          .map((row) => int(row.requested_ms));
        const reservation = reservationOf(counted, request);
        if (reservation.granted) w.run(INSERT_GRANT, iysCode, atMs);
        return reservation;
      });
    },

    async iysTokenGrants(iysCode, sinceMs) {
      return int(db.reader.get(COUNT_GRANTS, iysCode, sinceMs)?.n ?? 0);
    },
  };
}
