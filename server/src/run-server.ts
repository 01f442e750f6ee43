// The server process: environment and config read and checked, the server started; SIGINT and
// SIGTERM stop it, SIGHUP reloads the config. main.ts runs it, and so does `izinli start`.
import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import { serverLogger } from './server-logger.js';
import { problemMessage } from '@izinli/core';
import type { Problem } from '@izinli/core';
import { parseServerEnv } from './config/env.js';
import { readConfigFile } from './config/config-file.js';
import { configReloader, logConfigWarnings } from './config/reload-config.js';
import { startServer } from './start-server.js';
import { startupProblem } from './startup-problem.js';
import type { RunningServer } from './start-server.js';

export interface ServerProcessOptions {
  /** The process environment (every variable of server/README.md). */
  env: Record<string, string | undefined>;
  /** Where SIGINT, SIGTERM and SIGHUP arrive: `process`, or an EventEmitter in tests. */
  signals: Pick<EventEmitter, 'on' | 'off'>;
  /** Where a refusal to start is written (no logger exists yet). */
  stderr: Writable;
  version: string;
  /** Where the server's log lines go (default: the process's stdout). */
  logTo?: Writable;
  /** Called once the server listens, with the reload SIGHUP runs (tests, `izinli start`). */
  onListening?: (server: RunningServer, reload: () => Promise<boolean>) => void;
}

function refusal(what: string, problems: readonly Problem[]): string {
  const lines = problems.map((p) => `  - ${problemMessage(p, 'en')}`);
  return `izinli: the server will not start: ${what} has ${problems.length} problem(s):\n${lines.join('\n')}\n`;
}

/** Runs the server until SIGINT or SIGTERM; resolves with the process's exit code. */
export async function runServerProcess(options: ServerProcessOptions): Promise<number> {
  const { signals, stderr } = options;
  const env = parseServerEnv(options.env);
  if (!env.ok) {
    stderr.write(refusal('the environment', env.error));
    return 1;
  }
  const path = env.value.IZINLI_CONFIG;
  const config = await readConfigFile(path, options.env, { record: true });
  if (!config.ok) {
    stderr.write(refusal(`the config file ${path}`, config.error));
    return 1;
  }
  let server: RunningServer;
  try {
    server = await startServer({
      env: env.value,
      config: config.value.loaded,
      version: options.version,
      ...(options.logTo ? { logger: serverLogger(env.value.LOG_LEVEL, options.logTo) } : {}),
    });
  } catch (error) {
    const known = startupProblem(error, env.value);
    if (known === undefined) throw error;
    stderr.write(`izinli: the server will not start: ${known}\n`);
    return 1;
  }
  const { logger } = server;
  const { noticeVersions, warnings } = config.value;
  if (noticeVersions.length > 0) {
    logger.info(
      {
        noticeVersions: noticeVersions.map(({ id, locale, version }) => ({ id, locale, version })),
      },
      `new notice versions recorded in ${config.value.ledgerFile}`,
    );
  }
  logConfigWarnings(logger, warnings);

  const reload = configReloader({ path, env: options.env, server, logger });
  const onHangup = () => {
    logger.info({ signal: 'SIGHUP', config: path }, 'reloading the config');
    reload().catch((error: unknown) => logger.error({ err: error }, 'config reload failed'));
  };
  signals.on('SIGHUP', onHangup);
  options.onListening?.(server, reload);

  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      signals.off('SIGHUP', onHangup);
      logger.info({ signal }, 'shutting down');
      server.close().then(
        () => resolve(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
}
