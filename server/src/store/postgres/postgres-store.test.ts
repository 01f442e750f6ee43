import { GENESIS_HASH, checkCaptureChain } from '@izinli/core';
import type { CaptureRecord } from '@izinli/core';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../schema/migrations.js';
import { openStore } from '../open-store.js';
import { openPostgresStore } from './postgres-store.js';
import type { PostgresStore } from './postgres-store.js';
import { describeStoreContract } from '../contract/store-contract.test-support.js';
import { SITE_A, captureWrite, chainOf, phone } from '../contract/store-fixtures.test-support.js';
import type { Store } from '../store.js';
import { describeOnPostgres, freshSchema } from './postgres.test-support.js';

const url = process.env.DATABASE_URL;

/** A schema no other test run uses, so runs never see each other's rows. */

async function sql(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const dropSchema = (schema: string) => sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);

describeOnPostgres('PostgreSQL store', () => {
  describeStoreContract('PostgreSQL', async () => {
    const schema = freshSchema();
    const store = await openPostgresStore({ connectionString: url!, schema });
    return {
      store,
      async cleanup() {
        await store.close();
        await dropSchema(schema);
      },
    };
  });

  describe('PostgreSQL store, several processes', () => {
    const schemas: string[] = [];
    const stores: Store[] = [];
    const open = async (schema: string): Promise<PostgresStore> => {
      if (!schemas.includes(schema)) schemas.push(schema);
      const store = await openPostgresStore({ connectionString: url!, schema, max: 4 });
      stores.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
      for (const schema of schemas.splice(0)) await dropSchema(schema);
    });

    it('migrates once when two processes migrate the same fresh schema at the same time', async () => {
      const schema = freshSchema();
      const [a, b] = [await open(schema), await open(schema)];
      await Promise.all([a.migrate(), b.migrate(), a.migrate(), b.migrate()]);
      const rows = await sql(
        `SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`,
      );
      expect(rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
      const tables = await sql(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
        [schema],
      );
      expect(tables.map((t) => t.table_name)).toEqual([
        'captures',
        'chain_heads',
        'checkpoints',
        'consent_mirror',
        'evidence_files',
        'iys_accounts',
        'iys_batches',
        'iys_changes',
        'iys_subscriptions',
        'iys_token_grants',
        'iys_tokens',
        'movements',
        'reconciliation_days',
        'reconciliation_files',
        'schema_migrations',
        'sync_cursors',
        'verifications',
        'webhook_deliveries',
        'webhook_events',
      ]);
    });

    it('keeps one unbroken chain when two pools append to one site at the same time', async () => {
      const schema = freshSchema();
      const [a, b] = [await open(schema), await open(schema)];
      await Promise.all([a.migrate(), b.migrate()]);
      const count = 40;
      const writes = Array.from({ length: count }, (_, i) =>
        (i % 2 === 0 ? a : b).write([SITE_A], async (tx) => {
          const head = await tx.chainHead(SITE_A);
          // A round trip between reading the head and appending: the lock must hold across it.
          await tx.findCaptures([]);
          const write = await captureWrite(head, { n: i + 1, phone: phone(i + 1) });
          await tx.insertCapture(write);
          return write.capture.seq;
        }),
      );
      const seqs = await Promise.all(writes);
      expect([...seqs].sort((x, y) => x - y)).toEqual(
        Array.from({ length: count }, (_, i) => i + 1),
      );
      for (const store of [a, b]) {
        const chain = await chainOf(store, SITE_A);
        expect(chain.map((c) => c.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
        expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
        expect(await checkCaptureChain(chain.map((c) => c.record as CaptureRecord))).toEqual([]);
      }
    });

    it('refuses a schema name that is not a plain lower-case identifier', async () => {
      await expect(
        openPostgresStore({ connectionString: url!, schema: 'x; DROP TABLE captures' }),
      ).rejects.toThrow(RangeError);
    });

    it('openStore picks PostgreSQL when a database URL is given, and migrates it', async () => {
      const schema = freshSchema();
      schemas.push(schema);
      await sql(`CREATE SCHEMA ${schema}`);
      // The search_path rides in the URL, as an operator could set it.
      const databaseUrl = `${url}${url!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const store = await openStore({ dataDir: '/nonexistent/never-created', databaseUrl });
      stores.push(store);
      expect(store.kind).toBe('postgres');
      expect(await store.ping()).toBe(true);
      const rows = await sql(`SELECT count(*)::int AS n FROM ${schema}.schema_migrations`);
      expect(rows[0]!.n).toBe(MIGRATIONS.length);
    });
  });
});
