// `izinli import <file.csv>`: placeholder until the import lands.
import type { CliCommand } from './args.js';
import { EXIT } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { write } from './io.js';

export async function importCommand(
  _command: Extract<CliCommand, { name: 'import' }>,
  deps: CliDeps,
): Promise<number> {
  await write(deps.stderr, 'izinli: import is not available yet\n');
  return EXIT.usage;
}
