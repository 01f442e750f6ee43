// `izinli purge [--dry-run]`: runs one retention pass (A14, B10) against the server's store, with
// the sites' retention read from the config file. The config's secrets are not needed (only
// checked shapes are read), so an operator can run it without the server's environment.
import { formatPath } from '@izinli/core';
import { readConfigWithoutSecrets } from '../config/config-file.js';
import { runRetentionPass } from '../retention/retention-pass.js';
import type { RetentionReport } from '../retention/retention-pass.js';
import type { CliCommand } from './args.js';
import { EXIT, cliProgress, configPathOf } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { write } from './io.js';

type PurgeCommand = Extract<CliCommand, { name: 'purge' }>;

/** The report as a table: one row per site, and the totals. */
export function purgeTable(report: RetentionReport): string {
  const head = [
    'site',
    'years',
    'examined',
    'due',
    'purged',
    'open',
    'active',
    'changed events due',
    'changed events purged',
  ];
  const rows = report.sites.map((s) => [
    s.siteKey,
    String(s.yearsAfterEnd),
    ...[
      s.examined,
      s.due,
      s.purged,
      s.open,
      s.active,
      s.changedEventsDue,
      s.changedEventsPurged,
    ].map(String),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const lines = [line(head), ...rows.map(line)];
  if (report.unconfigured.length > 0)
    lines.push(`not in the config (kept): ${report.unconfigured.join(', ')}`);
  for (const d of report.iysDays) {
    lines.push(
      `İYS brand ${d.iysCode}/${d.brandCode}, days before ${d.before}: ${d.files} daily files and ${d.changes} İYS changes purged`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `izinli purge [--dry-run] [--config <file>] [--data-dir <dir>] [--database-url <url>] [--json]`. */
export async function purgeCommand(command: PurgeCommand, deps: CliDeps): Promise<number> {
  if (!deps.openFullStore) {
    await write(deps.stderr, 'izinli: purge needs the server’s store, not available here\n');
    return EXIT.usage;
  }
  const path = configPathOf(command, deps.env);
  const validated = await readConfigWithoutSecrets(path);
  if (!validated.ok) {
    const first = validated.error[0]!;
    await write(
      deps.stderr,
      `izinli: ${path} is not a valid config (${formatPath(first.path)}: expected ${first.expected.en}); ${validated.error.length} problem(s); izinli config check names them all\n`,
    );
    return EXIT.usage;
  }
  const dataDir = command.dataDir ?? (deps.env.DATA_DIR || './data');
  const databaseUrl = command.databaseUrl ?? (deps.env.DATABASE_URL || undefined);
  const store = await deps.openFullStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    await store.migrate();
    const progress = cliProgress(deps, { label: 'purge: records examined', json: command.json });
    const report = await runRetentionPass(
      {
        store,
        sites: validated.value.config.tenants.flatMap((t) =>
          t.sites.map((site) => ({ ...site, tenantId: t.id })),
        ),
        ...(deps.now ? { now: deps.now } : {}),
        onExamined: (n) => progress.update(n),
      },
      { dryRun: command.dryRun },
    ).finally(() => {
      progress.finish();
    });
    await write(deps.stdout, command.json ? `${JSON.stringify(report)}\n` : purgeTable(report));
    const purged = report.sites.reduce((n, s) => n + s.purged, 0);
    const due = report.sites.reduce((n, s) => n + s.due, 0);
    await write(
      deps.stderr,
      command.dryRun
        ? `izinli: dry run: ${due} record(s) due for purging, nothing changed\n`
        : `izinli: purged the personal data of ${purged} record(s)\n`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
