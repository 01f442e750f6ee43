// A PostgreSQL schema of a test's own on the shared database (DATABASE_URL), and the URL that puts
// it alone on a connection's search_path, so server processes given that URL keep their tables
// there and tests never see each other's.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { ServerProcess } from './server-process.test-support.js';

/** `url` with its libpq `options` set to put `schema` alone on the search_path. */
export function urlWithSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('options');
  const query = parsed.searchParams.toString();
  // %20, not +: libpq and pg-connection-string both read a percent-encoded space.
  const options = `options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  parsed.search = query ? `?${query}&${options}` : `?${options}`;
  return parsed.toString();
}

export type TestSchema = ReturnType<typeof testSchema>;

/**
 * A describe block on the shared database: skipped, saying why in its title, without DATABASE_URL;
 * otherwise `body` gets a fresh schema (created before its tests, dropped after) and a list to put
 * the server processes it starts in, SIGKILLed at the end whatever failed.
 */
export function describeOnSharedPostgres(
  title: string,
  schemaPrefix: string,
  body: (schema: TestSchema, running: ServerProcess[]) => void,
): void {
  const databaseUrl = process.env.DATABASE_URL;
  describe.skipIf(!databaseUrl)(
    databaseUrl ? title : `${title} (skipped: DATABASE_URL is not set — CI sets it)`,
    () => {
      const schema = testSchema(databaseUrl ?? '', schemaPrefix);
      const running: ServerProcess[] = [];
      beforeAll(() => schema.create());
      afterAll(async () => {
        for (const p of running) p.child.kill('SIGKILL');
        await Promise.all(running.map((p) => p.exited));
        await schema.drop();
      });
      body(schema, running);
    },
  );
}

/** A fresh schema named `${prefix}_<random>`: `create()` it, hand out `url`, `drop()` it after. */
export function testSchema(databaseUrl: string, prefix: string) {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client | undefined;
  return {
    name,
    /** Read when a test runs, not when it is collected: without DATABASE_URL nothing runs. */
    get url() {
      return urlWithSchema(databaseUrl, name);
    },
    async create(): Promise<void> {
      admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${name}`);
    },
    /** A query on the test's own admin connection (`create()` first). */
    query<R extends pg.QueryResultRow>(
      sql: string,
      params?: unknown[],
    ): Promise<pg.QueryResult<R>> {
      if (!admin) throw new Error('testSchema: create() the schema first');
      return admin.query<R>(sql, params);
    },
    async drop(): Promise<void> {
      if (!admin) return;
      await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await admin.end();
      admin = undefined;
    },
  };
}
