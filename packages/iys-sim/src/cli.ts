#!/usr/bin/env node
// The simulator's command line: the only file that reads argv, opens a port and handles signals.
import { createIysSim } from './app.js';
import { USAGE, parseCliArgs } from './cli-args.js';
import { serveIysSim } from './serve.js';

async function main(): Promise<void> {
  let config;
  try {
    config = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`izinli-iys-sim: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (config.help) {
    console.log(USAGE);
    return;
  }
  const sim = createIysSim(config.options);
  const served = await serveIysSim(sim, { port: config.port, hostname: config.host });
  const account = sim.options.accounts[0]!;
  console.log(`İYS simulator listening on ${served.url} (speed ×${sim.clock.speed})`);
  console.log(`  token:    POST ${served.url}/oauth2/token`);
  console.log(`  login:    username=${account.username} password=${account.password}`);
  console.log(
    `  iysCode:  ${account.iysCode}, brands ${account.brands.map((b) => b.brandCode).join(', ')}`,
  );
  console.log(`  inspect:  ${served.url}/__sim`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    served.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

void main();
