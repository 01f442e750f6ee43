// `izinli migrate`: brings the database schema up to date and does nothing else, so a deploy
// pipeline can migrate once before new server instances start.
import { parseServerEnv } from '../config/env.js';
import { MIGRATIONS } from '../store/schema/migrations.js';
import type { CliCommand } from './args.js';
import { EXIT } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { write } from './io.js';
import { problemLines } from './problem-report.js';

type Command = Extract<CliCommand, { name: 'migrate' }>;

// Where the data is, for the progress lines: never a PostgreSQL password.
function describeStore(databaseUrl: string | undefined, file: string): string {
  if (!databaseUrl) return `SQLite ${file}`;
  const url = new URL(databaseUrl);
  return `PostgreSQL ${url.host}${url.pathname}`;
}

export async function migrateCommand(command: Command, deps: CliDeps): Promise<number> {
  // The same variables, defaults and checks as the server's own start.
  const env = parseServerEnv({
    ...deps.env,
    ...(command.dataDir ? { DATA_DIR: command.dataDir } : {}),
    ...(command.databaseUrl ? { DATABASE_URL: command.databaseUrl } : {}),
  });
  if (!env.ok) {
    const lines = env.error.map((p) => problemLines(p, 'en'));
    await write(
      deps.stderr,
      `izinli: the environment has ${env.error.length} problem(s):\n${lines.join('\n')}\n`,
    );
    return EXIT.usage;
  }
  const { DATA_DIR, DATABASE_URL, DATABASE_CONNECT_TIMEOUT_MS, DATABASE_QUERY_TIMEOUT_MS } =
    env.value;
  const { openStore, sqliteFileIn } = await import('../store/open-store.js');
  const latest = MIGRATIONS.at(-1)!;
  const where = describeStore(DATABASE_URL, sqliteFileIn(DATA_DIR));
  await write(
    deps.stderr,
    `izinli: migrating ${where} to schema version ${latest.version} (${latest.name})…\n`,
  );
  const started = Date.now();
  const store = await openStore({
    dataDir: DATA_DIR,
    ...(DATABASE_URL ? { databaseUrl: DATABASE_URL } : {}),
    connectTimeoutMs: DATABASE_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: DATABASE_QUERY_TIMEOUT_MS,
  });
  await store.close();
  await write(
    deps.stdout,
    `izinli: ${where} is at schema version ${latest.version} (${Date.now() - started} ms)\n`,
  );
  return EXIT.ok;
}
