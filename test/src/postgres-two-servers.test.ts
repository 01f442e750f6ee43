// Scale-out (docs/architecture.md#storage): two server processes writing to one
// PostgreSQL keep one unbroken chain per site. Both processes share DATABASE_URL and DATA_DIR (so
// the signing key); 16 clients post to both at once, for two sites. Then: every 2xx capture is
// stored once, each site's seq runs 1..N with every prevHash the previous recordHash, and
// `izinli export` + `izinli verify log` pass.
//
// The test gets a schema of its own without any server option: the URL's libpq `options`
// parameter (`-c search_path=<schema>`) reaches `pg`, so the servers' migrations create their
// tables in that schema (checked below through information_schema).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import {
  SECOND_SITE_KEY,
  captureBody,
  expectUnbrokenChain,
  fetchJwks,
  parseRecords,
  startLoad,
  twoSiteServerConfig,
} from './captures.test-support.js';
import { exportAndVerify } from './cli-process.test-support.js';
import { describeOnSharedPostgres } from './postgres-schema.test-support.js';
import {
  makeDataDir,
  startServerProcess,
  stopServerProcess,
} from './server-process.test-support.js';

const WORKERS = 16;
/** Captures per site; the second site gets a third as many. */
const FIRST_SITE_CAPTURES = 300;
const SECOND_SITE_CAPTURES = 100;

describeOnSharedPostgres(
  'two server processes on one PostgreSQL',
  'izinli_two_servers',
  (schema, running) => {
    it('A13: keeps one unbroken chain per site, and the exported log verifies', async () => {
      const { dataDir, configFile } = makeDataDir(twoSiteServerConfig);
      const env = { DATA_DIR: dataDir, IZINLI_CONFIG: configFile, DATABASE_URL: schema.url };
      // Started together: they race for the migration lock and for creating the signing key.
      const [one, two] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
      running.push(one!, two!);
      for (const p of [one!, two!]) {
        expect(p.logs.join('\n')).toContain('"store":"postgres"');
      }

      // The tables are in the test's schema and nowhere else.
      const tables = await schema.query<{ table_schema: string; table_name: string }>(
        `SELECT table_schema, table_name FROM information_schema.tables
         WHERE table_name IN ('captures', 'chain_heads', 'schema_migrations')
           AND table_schema NOT IN ('pg_catalog', 'information_schema')
         ORDER BY table_name`,
      );
      expect(
        tables.rows.filter((r) => r.table_schema === schema.name).map((r) => r.table_name),
      ).toEqual(['captures', 'chain_heads', 'schema_migrations']);
      const jwks = await fetchJwks(one!.url);
      // One key for both: whichever process made it first, the other loaded it.
      expect(await fetchJwks(two!.url)).toEqual(jwks);
      const jwksFile = join(mkdtempSync(join(tmpdir(), 'izinli-jwks-')), 'jwks.json');
      writeFileSync(jwksFile, JSON.stringify(jwks));

      // Request n goes to server n % 2; one in four is for the second site, until each has its count.
      const total = FIRST_SITE_CAPTURES + SECOND_SITE_CAPTURES;
      let second = 0;
      const load = startLoad({
        workers: WORKERS,
        next: (n) => {
          if (n >= total) return undefined;
          const forSecond = n % 4 === 3 && second < SECOND_SITE_CAPTURES;
          if (forSecond) second += 1;
          const siteKey = forSecond ? SECOND_SITE_KEY : EXAMPLE_SITE_KEY;
          return { url: (n % 2 === 0 ? one! : two!).url, body: captureBody(n, siteKey) };
        },
      });
      const { acknowledged, failures, noAnswer } = await load.done;
      expect(failures).toEqual([]);
      expect(noAnswer).toBe(0);
      expect(acknowledged).toHaveLength(total);

      // Stopped cleanly, each signs a last checkpoint of both chains into the same table.
      const stops = await Promise.all([stopServerProcess(one!), stopServerProcess(two!)]);
      expect(stops).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);

      for (const [siteKey, count] of [
        [EXAMPLE_SITE_KEY, total - SECOND_SITE_CAPTURES],
        [SECOND_SITE_KEY, SECOND_SITE_CAPTURES],
      ] as const) {
        const { rows } = await schema.query<{ capture_id: string; record: string }>(
          `SELECT capture_id, record FROM ${schema.name}.captures WHERE site_key = $1 ORDER BY seq`,
          [siteKey],
        );
        // Every answered capture of the site is stored, once, and nothing else is.
        const sent = acknowledged.filter((a) => a.siteKey === siteKey).map((a) => a.id);
        expect(sent).toHaveLength(count);
        expect(rows.map((r) => r.capture_id).sort()).toEqual([...sent].sort());
        // seq 1..N with no gap, every prevHash the previous recordHash, every hash its content's.
        const records = parseRecords(rows.map((r) => r.record));
        await expectUnbrokenChain(records, siteKey);
        const head = await schema.query<{ seq: string; hash: string }>(
          `SELECT seq, hash FROM ${schema.name}.chain_heads WHERE site_key = $1`,
          [siteKey],
        );
        expect(head.rows[0]).toEqual({ seq: String(count), hash: records.at(-1)!.recordHash });
      }

      // The operator's check, through the same URL: export, then verify against the JWKS.
      const { exported, verified } = await exportAndVerify(schema.url, dataDir, jwksFile);
      expect(exported.code, exported.stderr).toBe(0);
      expect(verified.code, `${verified.stdout}${verified.stderr}`).toBe(0);
      expect(verified.stdout).toContain(
        `site ${EXAMPLE_SITE_KEY}: ${total - SECOND_SITE_CAPTURES} records`,
      );
      expect(verified.stdout).toContain(`site ${SECOND_SITE_KEY}: ${SECOND_SITE_CAPTURES} records`);
      expect(verified.stdout).toContain('log verified: 2 site(s)');
    }, 60_000);
  },
);
