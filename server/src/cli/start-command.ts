// `izinli start`: the server, run the way main.ts runs it (run-server.ts), with the config from
// --config and the data folder beside it unless DATA_DIR says otherwise.
import { dirname, join } from 'node:path';
import { packageVersion } from '../package-version.js';
import { runServerProcess } from '../run-server.js';
import type { CliCommand } from './args.js';
import { EXIT, configPathOf } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { write } from './io.js';

type Command = Extract<CliCommand, { name: 'start' }>;

/** Runs until SIGINT or SIGTERM; the exit code is the server's. */
export async function startCommand(command: Command, deps: CliDeps): Promise<number> {
  if (!deps.signals) {
    await write(deps.stderr, 'izinli: start needs a process to run in, not available here\n');
    return EXIT.usage;
  }
  const config = configPathOf(command, deps.env);
  const env = {
    ...deps.env,
    IZINLI_CONFIG: config,
    // `izinli init` puts the signing key in data/ beside the config: start finds it from anywhere.
    DATA_DIR: deps.env.DATA_DIR || join(dirname(config), 'data'),
  };
  return runServerProcess({
    env,
    signals: deps.signals,
    stderr: deps.stderr,
    logTo: deps.stdout,
    version: packageVersion(),
    ...(deps.onListening ? { onListening: deps.onListening } : {}),
  });
}
