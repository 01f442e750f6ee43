// What the CLI's commands share: their injected I/O and the exit codes.
import type { Locale } from '@izinli/core';
import type { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { RunningServer } from '../start-server.js';
import type { LogSource } from '../proof/index.js';
import type { ReconciliationStore } from '../store/ports/reconciliation-store.js';
import type { Store } from '../store/store.js';

/** Exit codes: done or verified, verification or check failed, usage or input error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * The store an export reads (with the stored İYS files when it has them, for the chained days'
 * .tsr), and closes when done.
 */
export type ExportStore = LogSource &
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
