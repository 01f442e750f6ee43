// The PostgreSQL store's bounded waits: a server that accepts TCP but never answers,
// and a statement whose answer never comes, fail within their bound instead of hanging, and a
// transaction that timed out is dropped with its connection, never committed in part or reused.
// The database frozen under a real server process: test/src/postgres-freeze.test.ts.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { checkCaptureChain } from '@izinli/core';
import type { CaptureRecord } from '@izinli/core';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { parseServerEnv } from '../../config/env.js';
import {
  POSTGRES_CONNECT_TIMEOUT_MS,
  POSTGRES_QUERY_TIMEOUT_MS,
  isQueryTimeout,
  openPostgresStore,
} from './postgres-store.js';
import type { PostgresStore } from './postgres-store.js';
import {
  SITE_A,
  appendCapture,
  captureWrite,
  chainOf,
  phone,
} from '../contract/store-fixtures.test-support.js';
import { describeOnPostgres, freshSchema } from './postgres.test-support.js';

const url = process.env.DATABASE_URL;

/** A TCP server that accepts connections and never says a word, as a frozen PostgreSQL does. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('PostgreSQL bounds from the environment', () => {
  it('defaults to the store’s own bounds, and refuses a bound too short to connect in', () => {
    const env = parseServerEnv({});
    expect(
      env.ok && [env.value.DATABASE_CONNECT_TIMEOUT_MS, env.value.DATABASE_QUERY_TIMEOUT_MS],
    ).toEqual([POSTGRES_CONNECT_TIMEOUT_MS, POSTGRES_QUERY_TIMEOUT_MS]);
    const set = parseServerEnv({
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_QUERY_TIMEOUT_MS: '2000',
    });
    expect(
      set.ok && [set.value.DATABASE_CONNECT_TIMEOUT_MS, set.value.DATABASE_QUERY_TIMEOUT_MS],
    ).toEqual([1000, 2000]);
    const bad = parseServerEnv({
      DATABASE_CONNECT_TIMEOUT_MS: '5',
      DATABASE_QUERY_TIMEOUT_MS: 'uzun',
    });
    expect(!bad.ok && bad.error.map((p) => p.path[0]).sort()).toEqual([
      'DATABASE_CONNECT_TIMEOUT_MS',
      'DATABASE_QUERY_TIMEOUT_MS',
    ]);
  });
});

describe('PostgreSQL store, a server that never answers', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('fails connecting within connectTimeoutMs: ping answers false, migrate rejects', async () => {
    const silent = await silentServer();
    cleanups.push(() => silent.close());
    const store = await openPostgresStore({
      connectionString: `postgres://postgres@127.0.0.1:${silent.port}/izinli`,
      connectTimeoutMs: 200,
      max: 1,
    });
    cleanups.push(() => store.close());
    expect(await store.ping()).toBe(false);
    await expect(store.migrate()).rejects.toThrow(/timeout/);
    // The pool is not wedged by the failed attempts.
    expect(await store.ping()).toBe(false);
  }, 5_000);

  it('recognises pg’s query timeout, also as the cause of another error', () => {
    const timeout = new Error('Query read timeout');
    expect(isQueryTimeout(timeout)).toBe(true);
    expect(isQueryTimeout(new Error('write failed', { cause: timeout }))).toBe(true);
    expect(isQueryTimeout(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isQueryTimeout('Query read timeout')).toBe(false);
  });
});

describeOnPostgres('PostgreSQL store, a statement that never gets its answer', () => {
  const schema = freshSchema();
  const app = `izinli_timeouts_${randomUUID().slice(0, 8)}`;
  let admin: pg.Client | undefined;
  let store: PostgresStore | undefined;
  afterEach(async () => {
    await store?.close();
    await admin?.query('ROLLBACK').catch(() => undefined);
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });

  it('fails the write within queryTimeoutMs, drops its connection instead of rolling back on it, and commits none of it', async () => {
    const QUERY_TIMEOUT_MS = 1_000;
    const withApp = new URL(url!);
    withApp.searchParams.set('application_name', app);
    store = await openPostgresStore({
      connectionString: withApp.href,
      schema,
      max: 1,
      queryTimeoutMs: QUERY_TIMEOUT_MS,
    });
    await store.migrate();
    await appendCapture(store, { n: 1, phone: phone(1) });
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const backends = async () =>
      (
        await admin!.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
          [app],
        )
      ).rows[0]!.n;

    // Another session holds a lock the write's third statement needs: its answer never comes
    // while the lock is held, as with a frozen server, after the capture row is already in.
    await admin.query('BEGIN');
    await admin.query(`LOCK TABLE ${schema}.consent_mirror IN ACCESS EXCLUSIVE MODE`);
    const started = performance.now();
    const failed = await store
      .write([SITE_A], async (tx) => {
        const write = await captureWrite(await tx.chainHead(SITE_A), { n: 2, phone: phone(2) });
        await tx.insertCapture(write);
        await tx.currentStatuses(['MESAJ:+905320000002']);
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    const waitedMs = performance.now() - started;
    expect(isQueryTimeout(failed), String(failed)).toBe(true);
    // One bound, not two: a ROLLBACK queued behind the unanswered statement would wait again.
    expect(waitedMs).toBeLessThan(1.6 * QUERY_TIMEOUT_MS);

    // Its backend still waits for the lock; once that goes it finds the connection closed and
    // ends, aborting the transaction: the capture inserted before the timeout is not stored.
    await admin.query('COMMIT');
    for (let i = 0; (await backends()) > 0; i += 1) {
      if (i > 200) throw new Error('the timed-out backend did not end');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await chainOf(store, SITE_A)).map((c) => c.seq)).toEqual([1]);
    expect(await store.chainHead(SITE_A)).toMatchObject({ seq: 1 });

    // The pool carries on with a new connection, and the chain stays whole.
    await appendCapture(store, { n: 3, phone: phone(3) });
    const chain = await chainOf(store, SITE_A);
    expect(chain.map((c) => c.seq)).toEqual([1, 2]);
    expect(await checkCaptureChain(chain.map((c) => c.record as CaptureRecord))).toEqual([]);
  });
});
