// A server started in-process for tests: port 0, a fresh data folder removed when it closes, the
// example config unless told.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { parseServerEnv } from './config/env.js';
import { checkServerConfig } from './config/load-config.js';
import type { LoadedConfig } from './config/load-config.js';
import { startServer } from './start-server.js';
import type { RunningServer, StartOptions } from './start-server.js';

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
