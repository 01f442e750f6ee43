import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { MIGRATIONS } from '../store/schema/migrations.js';
import type { RunningServer } from '../start-server.js';
import { izinliInProcess } from './cli-run.test-support.js';
import { EXIT } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'izinli-cli-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

describe('izinli --version', () => {
  it('prints the version of @izinli/server', async () => {
    expect(await izinliInProcess(['--version'])).toEqual({
      code: EXIT.ok,
      stdout: `${version}\n`,
      stderr: '',
    });
  });
});

describe('izinli migrate', () => {
  it('creates and migrates the SQLite database of the data folder, and says where', async () => {
    const dataDir = join(dir, 'migrated');
    const run = await izinliInProcess(['migrate', '--data-dir', dataDir]);
    expect(run.code).toBe(EXIT.ok);
    const file = join(dataDir, 'izinli.sqlite');
    const latest = MIGRATIONS.at(-1)!;
    expect(run.stderr).toBe(
      `izinli: migrating SQLite ${file} to schema version ${latest.version} (${latest.name})…\n`,
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `^izinli: SQLite ${file} is at schema version ${latest.version} \\(\\d+ ms\\)\\n$`,
      ),
    );
    // A store opened afterwards has nothing left to migrate, and its tables are there.
    const store = await openSqliteStore({ file });
    try {
      expect(await store.sites()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses a database URL that is not PostgreSQL, naming the variable', async () => {
    const run = await izinliInProcess(['migrate', '--database-url', 'mysql://h/db']);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('DATABASE_URL');
    expect(run.stderr).toContain('a postgres:// connection URL');
  });
});

describe('izinli start', () => {
  it('runs the server on the config, with the data folder beside it, until SIGTERM', async () => {
    const siteDir = join(dir, 'site');
    const configFile = join(siteDir, 'izinli.config.json');
    mkdirSync(siteDir);
    writeFileSync(configFile, JSON.stringify(exampleServerConfig));
    const signals = new EventEmitter();
    let listening!: (server: RunningServer) => void;
    const started = new Promise<RunningServer>((resolve) => (listening = resolve));
    const run = izinliInProcess(['start', '--config', configFile], {
      env: { PORT: '0', IYS_PASSWORD: 'demo', LOG_LEVEL: 'silent' },
      signals,
      onListening: listening,
    });
    const server = await Promise.race([
      started,
      run.then((r) => Promise.reject(new Error(`start ended: ${r.stderr}`))),
    ]);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(JSON.stringify(await health.json())).toContain(version);
    expect(signals.listenerCount('SIGHUP')).toBe(1);
    signals.emit('SIGTERM');
    expect((await run).code).toBe(EXIT.ok);
    expect(existsSync(join(siteDir, 'data', 'keys', 'index.json'))).toBe(true);
  });

  it('refuses to start on a config with problems, naming each one', async () => {
    const configFile = join(dir, 'bozuk.json');
    writeFileSync(configFile, JSON.stringify({ tenants: [] }));
    const run = await izinliInProcess(['start', '--config', configFile], {
      env: { PORT: '0' },
      signals: new EventEmitter(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `izinli: the server will not start: the config file ${configFile} has 1 problem(s):\n` +
        '  - tenants: expected at least one tenant with one site; received []\n',
    );
  });
});
