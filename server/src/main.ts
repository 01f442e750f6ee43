#!/usr/bin/env node
// The server's entry point: the only file that hands the process (its environment, signals and
// exit code) to the server.
import { packageVersion } from './package-version.js';
import { runServerProcess } from './run-server.js';

process.exit(
  await runServerProcess({
    env: process.env,
    signals: process,
    stderr: process.stderr,
    version: packageVersion(),
  }),
);
