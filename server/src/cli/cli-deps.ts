// What the CLI's commands share: their injected I/O and the exit codes.
import type { Locale } from '@izinli/core';
import type { Readable, Writable } from 'node:stream';
import type { LogSource } from '../proof/index.js';
import type { Store } from '../store/store.js';

/** Exit codes: done or verified, verification failed, usage or input error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The store an export reads, and closes when done. */
export type ExportStore = LogSource & { close(): Promise<void> };

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
}

/** The language of problem messages: --lang, else the locale of the environment, else English. */
export function cliLocale(lang: Locale | undefined, env: CliDeps['env']): Locale {
  if (lang) return lang;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('tr') ? 'tr' : 'en';
}
