// Runs one `izinli` command with injected I/O and returns its exit code; main.ts wires it to the
// real process, tests call it in-process.
import { HELP, parseCliArgs } from './args.js';
import { EXIT } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { write } from './io.js';
import { configCheckCommand } from './config-check-command.js';
import { initCommand } from './init-command.js';
import { migrateCommand } from './migrate-command.js';
import { noticeAddCommand, noticeBumpCommand } from './notice-commands.js';
import { startCommand } from './start-command.js';
import { exportCommand, rotateCommand } from './store-commands.js';
import { packageVersion } from '../package-version.js';
import { tokenCommand } from './token-command.js';
import { purgeCommand } from './purge-command.js';
import { verifyLogCommand, verifyReceiptCommand } from './verify-commands.js';
import { importCommand } from './import-command.js';
import { verifyTimestampCommand } from './timestamp-command.js';
import { verifyBundleCommand } from './bundle-command.js';

export { EXIT } from './cli-deps.js';
export type { CliDeps, ExportStore } from './cli-deps.js';

/** Runs `izinli <argv…>`; never throws for anything a user can cause. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    await write(deps.stderr, `izinli: ${parsed.error}\nRun izinli --help for usage.\n`);
    return EXIT.usage;
  }
  const command = parsed.value;
  try {
    switch (command.name) {
      case 'help':
        await write(deps.stdout, HELP);
        return EXIT.ok;
      case 'version':
        await write(deps.stdout, `${packageVersion()}\n`);
        return EXIT.ok;
      case 'init':
        return await initCommand(command, deps);
      case 'start':
        return await startCommand(command, deps);
      case 'config-check':
        return await configCheckCommand(command, deps);
      case 'migrate':
        return await migrateCommand(command, deps);
      case 'notice-add':
        return await noticeAddCommand(command, deps);
      case 'notice-bump':
        return await noticeBumpCommand(command, deps);
      case 'verify-receipt':
        return await verifyReceiptCommand(command, deps);
      case 'verify-bundle':
        return await verifyBundleCommand(command, deps);
      case 'verify-log':
        return await verifyLogCommand(command, deps);
      case 'import':
        return await importCommand(command, deps);
      case 'verify-timestamp':
        return await verifyTimestampCommand(command, deps);
      case 'keys-rotate':
        return await rotateCommand(command, deps);
      case 'export':
        return await exportCommand(command, deps);
      case 'token':
        return await tokenCommand(command, deps);
      case 'purge':
        return await purgeCommand(command, deps);
    }
  } catch (error) {
    // Files that cannot be read or written, a database that cannot be opened: input errors.
    const message = error instanceof Error ? error.message : String(error);
    await write(deps.stderr, `izinli: ${message}\n`);
    return EXIT.usage;
  }
}
