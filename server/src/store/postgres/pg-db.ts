// The PostgreSQL database one store runs on (docs/architecture.md#storage): a `pg` Pool shared by
// every port's implementation in this folder, and the one way they run a transaction.
import type { Pool, PoolClient } from 'pg';

/** What pg's client-side `query_timeout` fails a query with (it sets no code). */
const QUERY_TIMEOUT_MESSAGE = 'Query read timeout';

/** Whether `error`, or an error it was caused by, is pg's client-side query timeout. */
export function isQueryTimeout(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth += 1) {
    if (e.message === QUERY_TIMEOUT_MESSAGE) return true;
  }
  return false;
}

/** The pool of a PostgreSQL store, the schema it keeps its tables in, and its transactions. */
export class PgDb {
  readonly pool: Pool;
  readonly schema: string | undefined;
  #closing: Promise<void> | undefined;

  constructor(pool: Pool, schema?: string) {
    this.pool = pool;
    this.schema = schema;
  }

  /** Runs `job` on one client inside BEGIN … COMMIT, rolling back if it throws. */
  async transaction<T>(job: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A connection lost while checked out (the database restarted, the backend terminated) fails
    // the query in flight and also emits 'error' on the client, which the pool only listens to
    // while idle: unheard, it would crash the process. The query's error is what the caller sees.
    const onLost = (error: Error) => {
      broken = error;
    };
    client.on('error', onLost);
    try {
      await client.query('BEGIN');
      const result = await job(client);
      // COMMIT of an aborted transaction answers ROLLBACK instead of failing.
      const done = await client.query('COMMIT');
      if (done.command !== 'COMMIT') throw new Error('store: PostgreSQL rolled the write back');
      return result;
    } catch (error) {
      if (isQueryTimeout(error)) {
        // The timed-out statement is still on the wire and may yet run: a ROLLBACK would queue
        // behind it for another timeout, and the client must never be reused mid-transaction.
        // Destroyed instead, its connection closes, and PostgreSQL aborts what it had not committed.
        broken ??= error as Error;
      } else {
        await client.query('ROLLBACK').catch((e: unknown) => {
          broken = e instanceof Error ? e : new Error(String(e));
        });
      }
      throw error;
    } finally {
      // A client that could not roll back, or whose connection was lost, is destroyed.
      if (broken === undefined) client.removeListener('error', onLost);
      client.release(broken);
    }
  }

  close(): Promise<void> {
    this.#closing ??= this.pool.end();
    return this.#closing;
  }
}
