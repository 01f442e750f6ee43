// `izinli import` on PostgreSQL (A19): the same rows, checks and idempotency as on SQLite, the
// scans kept in the database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { exampleServerConfig } from '@izinli/core/fixtures';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { runCli } from '../cli/run.js';
import { loadKeyRing } from '../proof/index.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import type { PostgresStore } from '../store/postgres/postgres-store.js';
import { writeImportFixture } from './import-fixture.test-support.js';
import type { CaptureRecord } from '@izinli/core';
import { describeOnPostgres, freshSchema } from '../store/postgres/postgres.test-support.js';

const url = process.env.DATABASE_URL;
const NOW = new Date('2026-11-26T09:15:30.000Z');

describeOnPostgres('izinli import on PostgreSQL', () => {
  const schema = freshSchema();
  const dir = mkdtempSync(join(tmpdir(), 'izinli-import-pg-'));
  const opened: PostgresStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((s) => s.close()));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  });

  async function izinliImport(args: string[]) {
    let out = '';
    const stdout = new PassThrough().on('data', (c: Buffer) => (out += c.toString()));
    const code = await runCli(
      ['import', ...args, '--json', '--config', join(dir, 'izinli.config.json'), '--data-dir', dir],
      {
        env: {},
        stdin: new PassThrough(),
        stdout,
        stderr: new PassThrough(),
        fetch: globalThis.fetch,
        openStore: () => Promise.reject(new Error('not used')),
        openFullStore: async () => {
          const store = await openPostgresStore({ connectionString: url!, schema });
          return store;
        },
        now: () => NOW,
      },
    );
    return {
      code,
      report: JSON.parse(out) as { recorded: number; alreadyRecorded: number; bad: number },
    };
  }

  it('A19: records the good rows once, scans in the database', async () => {
    await loadKeyRing({ dataDir: dir });
    writeFileSync(join(dir, 'izinli.config.json'), JSON.stringify(exampleServerConfig));
    const fixture = writeImportFixture(dir, 60, { badEvery: 20 });
    const first = await izinliImport([fixture.path]);
    expect(first.report).toMatchObject({ recorded: 57, bad: 3 });
    const second = await izinliImport([fixture.path]);
    expect(second.report).toMatchObject({ recorded: 0, alreadyRecorded: 57 });
    const store = await openPostgresStore({ connectionString: url!, schema });
    opened.push(store);
    const page = await store.listCaptures({ limit: 100 });
    const paper = page.items.find(
      (c) => (c.record as CaptureRecord | undefined)?.source === 'HS_ISLAK_IMZA',
    )!;
    const sha256 =
      paper.record?.kind === 'capture' && paper.record.evidence?.kind === 'scan'
        ? paper.record.evidence.files[0]!.sha256
        : '';
    const file = await store.evidenceFile('ornek-kitabevi', sha256);
    expect(file?.mediaType).toBe('image/jpeg');
  });
});
