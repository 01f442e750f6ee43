// `izinli import <file.csv> [--dry-run] [--site K] [--source S] [--json]`: consents collected away
// from the widget (A19) from a CSV (docs/sources.md#import), checked row by row before anything
// is written, then committed through the group commit like the admin API's. It opens the server's
// store and signing key as `export` and `purge` do; the running server delivers the movements.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';
import { ProviderSource, formatPath } from '@izinli/core';
import { pino } from 'pino';
import { GroupCommitter } from '../capture/group-commit.js';
import { deadlinesWithWarning, serverCalendars } from '../calendar/server-calendar.js';
import { readConfigWithoutSecrets } from '../config/config-file.js';
import { parseImportCsv } from '../import/import-csv.js';
import { filesBeside } from '../import/import-files.js';
import { runImport } from '../import/run-import-all.js';
import { packageVersion } from '../package-version.js';
import { loadKeyRing, signReceipt } from '../proof/index.js';
import type { CliCommand } from './args.js';
import { EXIT, cliLocale, configPathOf } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { write } from './io.js';
import { startProgress } from './progress.js';

type ImportCommand = Extract<CliCommand, { name: 'import' }>;

function recorder(): string {
  try {
    return `import:${userInfo().username}`.slice(0, 100);
  } catch {
    return 'import';
  }
}

/** Runs the import; exit 1 when any row is bad (the good ones are recorded all the same). */
export async function importCommand(command: ImportCommand, deps: CliDeps): Promise<number> {
  const fail = async (text: string) => {
    await write(deps.stderr, `izinli: ${text}\n`);
    return EXIT.usage;
  };
  if (!deps.openFullStore) return fail('import needs the server’s store, not available here');
  if (command.source !== undefined && !ProviderSource.safeParse(command.source).success) {
    return fail(
      `--source takes an İYS source (${ProviderSource.options.join(', ')}), not ${command.source}`,
    );
  }
  const validated = await readConfigWithoutSecrets(configPathOf(command, deps.env));
  if (!validated.ok) {
    const first = validated.error[0]!;
    return fail(
      `the config is not valid (${formatPath(first.path)}: expected ${first.expected.en}); izinli config check names every problem`,
    );
  }
  const { config } = validated.value;
  const sites = new Map(
    config.tenants.flatMap((tenant) =>
      tenant.sites.map((site) => [site.siteKey, { site, tenant }] as const),
    ),
  );
  if (command.site !== undefined && !sites.has(command.site)) {
    return fail(
      `--site ${command.site} is not a site of the config: ${[...sites.keys()].join(', ')}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(command.file));
  } catch (error) {
    const reason =
      error instanceof TypeError
        ? 'not UTF-8 text (save the CSV as UTF-8)'
        : (error as Error).message;
    return fail(`${command.file}: ${reason}`);
  }
  const parsed = parseImportCsv(text);
  if (!parsed.ok) return fail(`${command.file}: ${parsed.error.en}`);
  const locale = cliLocale(undefined, deps.env);
  const now = deps.now ?? (() => new Date());
  // The injected stderr is a Writable (a TTY stream in the real CLI); progress reads only isTTY.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- see above
  const stderr = deps.stderr as NodeJS.WriteStream;
  const calendars = serverCalendars(config.calendar.extraHolidays);
  const dataDir = command.dataDir ?? (deps.env.DATA_DIR || './data');
  const databaseUrl = command.databaseUrl ?? (deps.env.DATABASE_URL || undefined);
  const store = await deps.openFullStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    await store.migrate();
    const bars = new Map<string, ReturnType<typeof startProgress>>();
    const report = await runImport(parsed.rows, {
      context: {
        store,
        config: { sites, calendars },
        recordedBy: recorder(),
        now: now(),
        serverVersion: packageVersion(),
        readFile: filesBeside(dirname(command.file)),
        defaults: {
          ...(command.site !== undefined ? { siteKey: command.site } : {}),
          ...(command.source !== undefined ? { source: command.source } : {}),
        },
      },
      store,
      dryRun: command.dryRun,
      now,
      locale,
      committer: async () => {
        const ring = await loadKeyRing({
          dataDir,
          ...(deps.env.IZINLI_SIGNING_KEY ? { privateKey: deps.env.IZINLI_SIGNING_KEY } : {}),
        });
        return new GroupCommitter({
          store,
          signReceipt: (record, canonical) => signReceipt(ring, record, canonical),
          newId: randomUUID,
          deadlineFor: deadlinesWithWarning(calendars.conservative, pino({ level: 'silent' })),
        });
      },
      progress: (label, done, total) => {
        let bar = bars.get(label);
        if (!bar) {
          for (const other of bars.values()) other.finish();
          bar = startProgress({ label, total, json: command.json, stream: stderr });
          bars.set(label, bar);
        }
        bar.update(done);
      },
    });
    for (const bar of bars.values()) bar.finish();
    if (command.json) {
      await write(deps.stdout, `${JSON.stringify({ file: command.file, ...report })}\n`);
    } else {
      const lines = report.badRows.flatMap((row) =>
        row.problems.map(
          (p) => `line ${row.line}${row.rowKey ? ` (row ${row.rowKey})` : ''}: ${p.message}`,
        ),
      );
      const verb = command.dryRun ? `would record ${report.good}` : `recorded ${report.recorded}`;
      lines.push(
        `${report.rows} rows: ${verb}, ${report.alreadyRecorded} already recorded, ${report.bad} bad (${report.seconds} s, ${report.rowsPerSecond} rows/s)`,
      );
      if (command.dryRun) lines.push('dry run: nothing was written');
      await write(deps.stdout, `${lines.join('\n')}\n`);
    }
    return report.bad > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await store.close();
  }
}
