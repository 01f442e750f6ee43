#!/usr/bin/env node
// The server's entry point: the only file that reads the environment and handles signals.
import { readFileSync } from 'node:fs';
import { problemMessage } from '@izinli/core';
import type { Problem } from '@izinli/core';
import { parseServerEnv } from './config/env.js';
import { readServerConfig } from './config/load-config.js';
import { startServer } from './start-server.js';

function refuse(what: string, problems: readonly Problem[]): never {
  console.error(`izinli: the server will not start: ${what} has ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  - ${problemMessage(p, 'en')}`);
  process.exit(1);
}

const env = parseServerEnv(process.env);
if (!env.ok) refuse('the environment', env.error);
const config = await readServerConfig(env.value.IZINLI_CONFIG, process.env);
if (!config.ok) refuse(`the config file ${env.value.IZINLI_CONFIG}`, config.error);
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

const server = await startServer({ env: env.value, config: config.value, version });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
