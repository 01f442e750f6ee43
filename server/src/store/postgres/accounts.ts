// The İYS account port on PostgreSQL: each change one transaction holding the account's row lock,
// so two instances never both pause (or resume) it and write its events twice.
import type { Row } from '../sql/store-rows.js';
import type { AccountStore } from '../ports/account-store.js';
import * as accountSql from '../sql/account-sql.js';
import { TOKEN_GRANT_LOCK } from '../schema/migrations.js';
import { int } from '../sql/store-rows.js';
import { numbered } from '../sql/delivery-sql.js';
import type { PgDb } from './pg-db.js';
import { insertEvents } from './settle.js';

/** The İYS accounts of the PostgreSQL store on `db`. */
export function postgresAccountStore(db: PgDb): AccountStore {
  return {
    async iysAccounts() {
      return (await db.pool.query<Row>(accountSql.SELECT_ACCOUNTS)).rows.map(
        accountSql.toAccountRow,
      );
    },

    pauseIysAccount({ iysCode, cause, at, nextProbeAt, events }) {
      return db.transaction(async (client) => {
        await client.query<Row>(numbered(accountSql.ENSURE_ACCOUNT), [iysCode, at]);
        const { rows } = await client.query<Row>(
          'SELECT state FROM iys_accounts WHERE iys_code = $1 FOR UPDATE',
          [iysCode],
        );
        const causeValues = [cause.code, cause.message, cause.status];
        if (rows[0]?.state === 'paused') {
          await client.query<Row>(numbered(accountSql.PROBE_FAILED), [
            ...causeValues,
            nextProbeAt,
            at,
            iysCode,
          ]);
          return false;
        }
        await client.query<Row>(numbered(accountSql.PAUSE_ACTIVE), [
          ...causeValues,
          at,
          nextProbeAt,
          at,
          iysCode,
        ]);
        await insertEvents(client, events);
        return true;
      });
    },

    resumeIysAccount({ iysCode, at, events }) {
      return db.transaction(async (client) => {
        const { rowCount } = await client.query<Row>(numbered(accountSql.RESUME), [at, iysCode]);
        if (rowCount !== 1) return false;
        await insertEvents(client, events);
        return true;
      });
    },

    async iysToken(iysCode) {
      return accountSql.tokenOf(
        (await db.pool.query<Row>(numbered(accountSql.SELECT_TOKEN), [iysCode])).rows[0],
      );
    },

    async setIysToken(iysCode, token, at) {
      await db.pool.query<Row>(numbered(accountSql.UPSERT_TOKEN), [
        iysCode,
        JSON.stringify(token),
        at,
      ]);
    },

    // The account's advisory lock serialises the count and the insert across instances.
    reserveIysTokenGrant(request) {
      const { iysCode, atMs, windowMs } = request;
      return db.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [
          TOKEN_GRANT_LOCK.classId,
          iysCode,
        ]);
        await client.query(numbered(accountSql.FORGET_GRANTS), [iysCode, atMs - windowMs]);
        const { rows } = await client.query<Row>(numbered(accountSql.GRANTS_SINCE), [
          iysCode,
          atMs - windowMs,
        ]);
        const reservation = accountSql.reservationOf(
          rows.map((row) => int(row.requested_ms)),
          request,
        );
        if (reservation.granted)
          await client.query(numbered(accountSql.INSERT_GRANT), [iysCode, atMs]);
        return reservation;
      });
    },

    async iysTokenGrants(iysCode, sinceMs) {
      const { rows } = await db.pool.query<Row>(numbered(accountSql.COUNT_GRANTS), [
        iysCode,
        sinceMs,
      ]);
      return int(rows[0]?.n ?? 0);
    },
  };
}
