// Runs `izinli` in-process with captured output, for the tests of the commands that need no store
// double (init, notice, config check, migrate, start), or against an app built in the test.
import type { EventEmitter } from 'node:events';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { checkpointedHarness } from '../http/app-harness.test-support.js';
import { tempDir } from '../proof/proof-fixtures.test-support.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { openExistingStore } from './open-export-store.js';
import { runCli } from './run.js';
import type { CliDeps } from './run.js';

/** A stream that keeps what is written to it. */
export function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

export interface InProcessOptions {
  env?: CliDeps['env'];
  /** What the user types, all at once (each answer ends with a newline). */
  stdin?: string;
  signals?: Pick<EventEmitter, 'on' | 'off'>;
  onListening?: CliDeps['onListening'];
  /** Where the commands' requests go (by default none is made). */
  fetch?: CliDeps['fetch'];
  /** How export and verify open a data folder (by default they cannot). */
  openStore?: CliDeps['openStore'];
  /** The data folder whose SQLite store the writing commands (import, purge) open. */
  fullStoreIn?: string;
  now?: CliDeps['now'];
}

/** Runs `izinli <argv…>` and resolves with its exit code and output. */
export async function izinliInProcess(argv: string[], options: InProcessOptions = {}) {
  const out = sink();
  const err = sink();
  const code = await runCli(argv, {
    env: { LANG: 'en_US.UTF-8', ...options.env },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout: out.stream,
    stderr: err.stream,
    fetch: options.fetch ?? (() => Promise.reject(new Error('no network in this test'))),
    openStore: options.openStore ?? (() => Promise.reject(new Error('no store in this test'))),
    ...(options.signals ? { signals: options.signals } : {}),
    ...(options.onListening ? { onListening: options.onListening } : {}),
    ...(options.fullStoreIn === undefined
      ? {}
      : {
          openFullStore: () =>
            openSqliteStore({ file: join(options.fullStoreIn!, 'izinli.sqlite') }),
        }),
    ...(options.now ? { now: options.now } : {}),
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** Anything that answers requests in-process, as the Hono app of a test harness does. */
export interface InProcessApp {
  request(url: string, init?: RequestInit): Response | Promise<Response>;
}

/** Runs `izinli <argv…>` with its requests answered by `app` and the real data-folder opener. */
export function izinliAgainst(app: InProcessApp, argv: string[], stdin = '') {
  return izinliInProcess(argv, {
    stdin,
    fetch: async (url, init) => app.request(String(url), init),
    openStore: openExistingStore,
  });
}

type CheckpointedApp = Awaited<ReturnType<typeof checkpointedHarness>> & { work: string };

/**
 * For the whole file: a harness holding `count` checkpointed captures and an empty work folder
 * (named `prefix…`), handed to `use` before the tests and both removed after them.
 */
export function checkpointedAppPerFile(
  count: number,
  prefix: string,
  use: (made: CheckpointedApp) => unknown,
): void {
  let made: CheckpointedApp | undefined;
  beforeAll(async () => {
    made = { ...(await checkpointedHarness(count)), work: tempDir(prefix) };
    await use(made);
  });
  afterAll(async () => {
    await made?.h.close();
    if (made) rmSync(made.work, { recursive: true, force: true });
  });
}
