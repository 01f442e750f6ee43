// Runs the real server (server/dist/main.js) as a child process on a free port, as an operator
// would, for crash and multi-process tests.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll } from 'vitest';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { childEnv } from './child-env.test-support.js';

const MAIN = new URL('../../server/dist/main.js', import.meta.url);

/** A server child process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every log line so far (JSON from pino). */
  logs: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * A data directory with a config file in it (the example config unless given another), and the
 * environment that points a server process at both.
 */
export function makeDataDir(config: unknown = exampleServerConfig): {
  dataDir: string;
  configFile: string;
  env: { DATA_DIR: string; IZINLI_CONFIG: string };
} {
  const dataDir = mkdtempSync(join(tmpdir(), 'izinli-server-'));
  const configFile = join(dataDir, 'izinli.config.json');
  writeFileSync(configFile, JSON.stringify(config));
  return { dataDir, configFile, env: { DATA_DIR: dataDir, IZINLI_CONFIG: configFile } };
}

/**
 * Starts `node server/dist/main.js` (or `node <args…>`, e.g. the CLI's `start`) and resolves once
 * it listens.
 */
export async function startServerProcess(
  env: Record<string, string>,
  args: readonly string[] = [MAIN.pathname],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    env: {
      ...childEnv(),
      PORT: '0',
      LOG_LEVEL: 'info',
      IYS_PASSWORD: 'demo',
      RATE_LIMIT_PER_IP: '1000000',
      RATE_LIMIT_PER_SITE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'izinli server listening' && entry.url) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    void exited.then(({ code, signal }) =>
      reject(
        new Error(
          `server exited (${code ?? signal}) before listening:\n${stderr}\n${logs.join('\n')}`,
        ),
      ),
    );
  });
  return { url, child, logs, exited };
}

/**
 * The server processes of one test file: `start` starts one as `startServerProcess` does, and each
 * one still running once the file's tests are over is SIGKILLed.
 */
export function serverProcesses(): { start: typeof startServerProcess } {
  const running: ServerProcess[] = [];
  afterAll(() => {
    for (const p of running) p.child.kill('SIGKILL');
  });
  return {
    async start(env, args) {
      const server = await startServerProcess(env, args);
      running.push(server);
      return server;
    },
  };
}

/** Sends `signal` (SIGTERM by default) and resolves with how the process ended. */
export async function stopServerProcess(
  server: ServerProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return server.exited;
}
