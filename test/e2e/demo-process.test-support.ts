// Launches the demo exactly as `npm start` does (`npm run start --workspace demo` runs
// `node start.js` in demo/), as a child process on free ports with a temporary DATA_DIR, and
// reads the URLs it prints.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv } from '../src/child-env.test-support.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DEMO = join(REPO, 'demo');

/** The command `npm run start --workspace demo` runs, from demo/package.json. */
export function demoStartCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(DEMO, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return pkg.scripts.start.split(' ');
}

/** A running demo. */
export interface DemoProcess {
  /** The pages' origin as printed (`http://localhost:<port>`). */
  pages: string;
  /** The izinli server. */
  server: string;
  /** The İYS simulator. */
  iys: string;
  /** Everything printed so far. */
  output: () => string;
  dataDir: string;
  child: ChildProcess;
  /** SIGINT (Ctrl-C); resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the demo and resolves once it has printed its URLs. */
export async function startDemo(
  options: { dataDir?: string; args?: string[]; env?: Record<string, string> } = {},
): Promise<DemoProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'izinli-demo-'));
  const [command, ...args] = demoStartCommand();
  if (command !== 'node') throw new Error(`demo start is not a node command: ${command}`);
  const child = spawn(process.execPath, [...args, ...(options.args ?? [])], {
    cwd: DEMO,
    // No DATABASE_URL: the demo's own SQLite in the temporary folder, whatever CI exports.
    // Verification off unless a test asks for it: the suites that post captures and follow them
    // to İYS test everything else; demo-verification.test.ts runs the demo as `npm start` does.
    env: {
      ...childEnv(),
      PORT: '0',
      IYS_SIM_PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DEMO_VERIFICATION: 'off',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output.includes('Ctrl-C stops everything.')) resolve();
    };
    child.stdout!.on('data', check);
    void exited.then((code) => reject(new Error(`demo exited (${code}) early:\n${output}`)));
  });
  const find = (label: string) => {
    const match = new RegExp(`${label}\\s+(http://\\S+?)/?\\s`).exec(output);
    if (!match) throw new Error(`the demo printed no ${label} URL:\n${output}`);
    return match[1]!;
  };
  return {
    pages: find('demo'),
    server: find('server'),
    iys: find('İYS simulator'),
    output: () => output,
    dataDir,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/** Removes a data directory made by `startDemo`. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Stops a demo a test file started, if it got that far, and removes its data directory. */
export async function stopAndRemove(demo: DemoProcess | undefined): Promise<void> {
  if (!demo) return;
  await demo.stop();
  removeDataDir(demo.dataDir);
}
