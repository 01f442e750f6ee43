#!/usr/bin/env node
// The `izinli` command: the only CLI file that reads argv and the environment and sets the exit code.
import { openExistingStore } from './open-export-store.js';
import { runCli } from './run.js';

// exitCode, not process.exit(): output still being written to a pipe is flushed first.
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  fetch: globalThis.fetch,
  openStore: openExistingStore,
  openFullStore: openExistingStore,
  signals: process,
});
