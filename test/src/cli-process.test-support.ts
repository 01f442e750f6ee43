// Runs the real `izinli` CLI (server/dist/cli/main.js) as a child process, as an operator would.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { childEnv } from './child-env.test-support.js';

/** The built CLI (`izinli`). */
export const CLI = new URL('../../server/dist/cli/main.js', import.meta.url);

/** How one CLI run ended. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `izinli <args…>` and resolves with its exit code and output (never rejects on exit codes). */
export function runIzinli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI.pathname, ...args],
      { env: { ...childEnv(), LANG: 'en_US.UTF-8', ...env }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** `izinli verify log <file> --jwks <jwks> --json`'s problems, for asserting where they are. */
export interface LogProblem {
  code: string;
  message: string;
  path: (string | number)[];
  params?: { line?: number; siteKey?: string; seq?: number; [key: string]: unknown };
}

/** Runs `verify log --json` and returns the exit code and the reported problems. */
export async function verifyLogJson(
  file: string,
  jwks: string,
): Promise<{ code: number; ok: boolean; problems: LogProblem[]; run: CliRun }> {
  const run = await runIzinli(['verify', 'log', file, '--jwks', jwks, '--json', '--lang', 'en']);
  const report = JSON.parse(run.stdout) as { ok: boolean; problems: LogProblem[] };
  return { code: run.code, ok: report.ok, problems: report.problems, run };
}

/**
 * The operator's check of a PostgreSQL store: `izinli export --database-url` into `dataDir`, then
 * `izinli verify log` against `jwksFile`; both runs, so a test can assert their codes and output.
 */
export async function exportAndVerify(
  databaseUrl: string,
  dataDir: string,
  jwksFile: string,
): Promise<{ exported: CliRun; verified: CliRun }> {
  const exportFile = join(dataDir, 'export.jsonl');
  const exported = await runIzinli([
    'export',
    '--database-url',
    databaseUrl,
    '--data-dir',
    dataDir,
    '--out',
    exportFile,
  ]);
  const verified = await runIzinli(['verify', 'log', exportFile, '--jwks', jwksFile]);
  return { exported, verified };
}
