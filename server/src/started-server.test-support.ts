// A server started in-process for tests: port 0, a fresh data folder removed when it closes, the
// example config unless told; and, for the flow tests, one wired to the İYS simulator over HTTP
// and a webhook receiver.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfigInput } from '@izinli/core';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { createIysSim, seededRandom, serveIysSim } from '@izinli/iys-sim';
import { afterAll, beforeAll } from 'vitest';
import { parseServerEnv } from './config/env.js';
import { checkServerConfig } from './config/load-config.js';
import type { LoadedConfig } from './config/load-config.js';
import { startServer } from './start-server.js';
import type { RunningServer, StartOptions } from './start-server.js';
import { receiverWithConfig } from './webhooks/webhook-receiver.test-support.js';

export interface TestServerOptions extends Omit<StartOptions, 'env' | 'config'> {
  /** The data folder's name prefix. */
  prefix: string;
  /** Environment variables besides PORT=0 and DATA_DIR. */
  env?: Record<string, string>;
  /** The checked config (the example config by default). */
  config?: LoadedConfig;
}

export interface TestServer {
  server: RunningServer;
  dir: string;
  /** Stops the server, then removes its data folder. */
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const { prefix, env: extra = {}, config, ...rest } = options;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env = parseServerEnv({ PORT: '0', DATA_DIR: dir, ...extra });
  const loaded = config
    ? { ok: true as const, value: config }
    : await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
  if (!env.ok || !loaded.ok) throw new Error('bad test setup');
  const server = await startServer({ env: env.value, config: loaded.value, ...rest });
  return {
    server,
    dir,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface FlowStack {
  server: RunningServer;
  /** The İYS simulator's base URL. */
  simUrl: string;
  receiver: Awaited<ReturnType<typeof receiverWithConfig>>['receiver'];
}

/**
 * For the whole file: the İYS simulator over HTTP (seeded with `seed`), a webhook receiver, and a
 * server wired to both (`env` besides IYS_BASE_URL; `change` edits the config), handed to `use`
 * before the tests and all closed after them, the server first.
 */
export function flowStackPerFile(
  options: Omit<TestServerOptions, 'config'> & {
    seed: number;
    change?: (config: ServerConfigInput) => ServerConfigInput;
  },
  use: (stack: FlowStack) => void,
): void {
  const { seed, change, env, ...serverOptions } = options;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    const sim = createIysSim({
      limits: { requestsPerSecond: 1_000_000 },
      random: seededRandom(seed),
    });
    const served = await serveIysSim(sim, { port: 0 });
    cleanups.push(
      () => sim.close(),
      () => served.close(),
    );
    const { receiver, config } = await receiverWithConfig(change);
    cleanups.push(receiver.close);
    const started = await startTestServer({
      ...serverOptions,
      env: { IYS_BASE_URL: served.url, ...env },
      config,
    });
    cleanups.unshift(() => started.close());
    use({ server: started.server, simUrl: served.url, receiver });
  });
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
}
