// The İYS account port on SQLite: reads on the reader, each change one write transaction that
// reads the account's state and writes its events only when the state really changed.
import type { AccountStore } from '../ports/account-store.js';
import * as accountSql from '../sql/account-sql.js';
import { EVENT_COLUMNS, eventValues, int } from '../sql/store-rows.js';
import { sqliteInsert } from './connection.js';
import type { SqliteDb } from './sqlite-db.js';

const INSERT_EVENT = `${sqliteInsert('webhook_events', EVENT_COLUMNS)} ON CONFLICT (id) DO NOTHING`;

/** The İYS accounts of the SQLite store on `db`. */
export function sqliteAccountStore(db: SqliteDb): AccountStore {
  return {
    async iysAccounts() {
      return db.reader.all(accountSql.SELECT_ACCOUNTS).map(accountSql.toAccountRow);
    },

    pauseIysAccount({ iysCode, cause, at, nextProbeAt, events }) {
      return db.inWriteTx((w) => {
        w.run(accountSql.ENSURE_ACCOUNT, iysCode, at);
        const { state } = w.get('SELECT state FROM iys_accounts WHERE iys_code = ?', iysCode)!;
        const causeValues = [cause.code, cause.message, cause.status] as const;
        if (state === 'paused') {
          w.run(accountSql.PROBE_FAILED, ...causeValues, nextProbeAt, at, iysCode);
          return false;
        }
        w.run(accountSql.PAUSE_ACTIVE, ...causeValues, at, nextProbeAt, at, iysCode);
        for (const event of events) w.run(INSERT_EVENT, ...eventValues(event));
        return true;
      });
    },

    resumeIysAccount({ iysCode, at, events }) {
      return db.inWriteTx((w) => {
        const changed = w.db.prepare(accountSql.RESUME).run(at, iysCode).changes === 1;
        if (changed) for (const event of events) w.run(INSERT_EVENT, ...eventValues(event));
        return changed;
      });
    },

    async iysToken(iysCode) {
      return accountSql.tokenOf(db.reader.get(accountSql.SELECT_TOKEN, iysCode));
    },

    setIysToken(iysCode, token, at) {
      return db.inWriteTx((w) =>
        w.run(accountSql.UPSERT_TOKEN, iysCode, JSON.stringify(token), at),
      );
    },

    // One write transaction: SQLite has one writer, so the count and the insert are atomic.
    reserveIysTokenGrant(request) {
      const { iysCode, atMs, windowMs } = request;
      return db.inWriteTx((w) => {
        w.run(accountSql.FORGET_GRANTS, iysCode, atMs - windowMs);
        const counted = w
          .all(accountSql.GRANTS_SINCE, iysCode, atMs - windowMs)
          .map((row) => int(row.requested_ms));
        const reservation = accountSql.reservationOf(counted, request);
        if (reservation.granted) w.run(accountSql.INSERT_GRANT, iysCode, atMs);
        return reservation;
      });
    },

    async iysTokenGrants(iysCode, sinceMs) {
      return int(db.reader.get(accountSql.COUNT_GRANTS, iysCode, sinceMs)?.n ?? 0);
    },
  };
}
