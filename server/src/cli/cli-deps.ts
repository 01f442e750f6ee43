// What the CLI's commands share: their injected I/O and the exit codes.
import type { Locale } from '@izinli/core';
import type { JSONWebKeySet } from 'jose';
import type { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { RunningServer } from '../start-server.js';
import type { LogSource } from '../proof/index.js';
import type { ReconciliationStore } from '../store/ports/reconciliation-store.js';
import type { Store } from '../store/store.js';
import { startProgress } from './progress.js';
import type { Progress } from './progress.js';
import type { ChainStore } from '../store/ports/chain-store.js';
import { jwksOption } from './io.js';

/** Exit codes: done or verified, verification or check failed, usage or input error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * The store an export reads (its chain heads give the progress a total; the stored İYS files, when
 * it has them, give the chained days' .tsr), and closes when done.
 */
export type ExportStore = LogSource &
  Partial<Pick<ChainStore, 'chainHead'>> &
  Partial<Pick<ReconciliationStore, 'reconciliationFile'>> & { close(): Promise<void> };

/** Everything the CLI touches outside itself. */
export interface CliDeps {
  env: Record<string, string | undefined>;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  fetch: typeof fetch;
  openStore(options: { dataDir: string; databaseUrl?: string }): Promise<ExportStore>;
  /** The whole store, for `izinli purge` (absent: the command is unavailable). */
  openFullStore?(options: { dataDir: string; databaseUrl?: string }): Promise<Store>;
  now?: () => Date;
  /** `izinli start`: where SIGINT, SIGTERM and SIGHUP arrive (absent: start is unavailable). */
  signals?: Pick<EventEmitter, 'on' | 'off'>;
  /** `izinli start`: told when the server listens, with its reload (tests). */
  onListening?: (server: RunningServer, reload: () => Promise<boolean>) => void;
}

/** Progress on the CLI's stderr (progress.ts): a bar on a terminal, JSON lines with --json. */
export function cliProgress(
  deps: Pick<CliDeps, 'stderr'>,
  options: { label: string; total?: number; json: boolean },
): Progress {
  // stderr is a tty.WriteStream or, in tests and pipes, a plain Writable: startProgress only
  // writes to it and reads isTTY and columns, which a Writable answers as "not a terminal".
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- see above
  return startProgress({ ...options, stream: deps.stderr as NodeJS.WriteStream });
}

/** The config file a command reads: --config, else $IZINLI_CONFIG, else ./izinli.config.json. */
export function configPathOf(command: { config?: string }, env: CliDeps['env']): string {
  return command.config ?? (env.IZINLI_CONFIG || './izinli.config.json');
}

/** The language of problem messages: --lang, else the locale of the environment, else English. */
export function cliLocale(lang: Locale | undefined, env: CliDeps['env']): Locale {
  if (lang) return lang;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('tr') ? 'tr' : 'en';
}

/** What a `verify` command reports with: its keys (--jwks), and the form and language of its report. */
export interface VerifyOptions {
  jwks: JSONWebKeySet | undefined;
  json: boolean;
  locale: Locale;
}

/** A `verify` command's options; undefined when its --jwks cannot be loaded (told on stderr). */
export async function verifyOptions(
  command: { jwks?: string; json: boolean; lang?: Locale },
  deps: Pick<CliDeps, 'env' | 'fetch' | 'stderr'>,
): Promise<VerifyOptions | undefined> {
  const jwks = await jwksOption(command.jwks, deps);
  if (!jwks.ok) return undefined;
  return { jwks: jwks.value, json: command.json, locale: cliLocale(command.lang, deps.env) };
}
