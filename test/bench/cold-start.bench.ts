// Cold start: how long from launching a process to the moment it serves, median of 5 (1 with
// --quick). `npm start` (the README's command: the incremental build, then demo/start.js with the
// simulator, the server on a fresh SQLite file, the webhook receiver and the pages) until its
// banner has printed and `/readyz` answers; `node demo/start.js` alone (already built) the same
// way; beside the baseline of `node` starting the bare Hono echo (echo-server.ts) until it listens.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { reportFromRows, type BenchRow, type BenchSuite } from './harness.js';

// dist/bench/ → the repository root and dist/bench/echo-server.js
const ROOT = new URL('../../../', import.meta.url).pathname;
const ECHO_MAIN = new URL('./echo-server.js', import.meta.url).pathname;
const DEMO_MAIN = join(ROOT, 'demo/start.js');

/** Starts `command`, resolves with the milliseconds until `ready(line)` says so, then stops it. */
async function timeToReady(
  command: string,
  args: string[],
  ready: (line: string) => Promise<boolean> | boolean,
): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'izinli-bench-cold-'));
  const started = performance.now();
  // Its own process group, so npm's children stop with it.
  const child = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: '0',
      IYS_SIM_PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
  });
  const output: string[] = [];
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(
        new Error(
          `cold start: ${command} ${args.join(' ')} exited (${code ?? signal}):\n${output.slice(-20).join('\n')}`,
        ),
      ),
    ),
  );
  try {
    const readyAt = new Promise<number>((resolve) => {
      const seen = async (line: string) => {
        output.push(line);
        if (await ready(line)) resolve(performance.now() - started);
      };
      createInterface({ input: child.stdout! }).on('line', (line) => void seen(line));
      createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
    });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`cold start: ${command} not ready after 120 s`)),
        120_000,
      ).unref(),
    );
    return await Promise.race([readyAt, exited, timeout]);
  } finally {
    exited.catch(() => undefined);
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      const force = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
      await gone;
      clearTimeout(force);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Ready when the demo's banner names the server and its /readyz answers 200. */
function demoReady() {
  let url: string | undefined;
  return async (line: string) => {
    url ??= /^\s+server\s+(http:\/\/\S+)/.exec(line)?.[1];
    if (!url || !line.includes('Ctrl-C stops everything')) return false;
    return (await fetch(`${url}/readyz`)).ok;
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function rowOf(task: string, times: number[]): Omit<BenchRow, 'ratio'> {
  const m = median(times);
  return { task, opsPerSec: 1000 / m, meanMs: m, p99Ms: Math.max(...times) };
}

export const coldStart: BenchSuite = {
  name: 'cold-start',
  async run({ quick }) {
    const runs = quick ? 1 : 5;
    const measure = async (
      ready: () => (line: string) => Promise<boolean> | boolean,
      command: string,
      args: string[],
    ) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await timeToReady(command, args, ready()));
      return times;
    };
    const echo = await measure(() => (line) => line.includes('"port"'), process.execPath, [
      ECHO_MAIN,
    ]);
    const demo = await measure(demoReady, process.execPath, [DEMO_MAIN]);
    const npmStart = await measure(demoReady, 'npm', ['start']);
    const rows = [
      rowOf('node + bare Hono echo, until it listens (baseline)', echo),
      rowOf('node demo/start.js (built), until ready', demo),
      rowOf('npm start (incremental build + demo), until ready', npmStart),
    ];
    console.log(
      `cold start (ms, each run): echo ${echo.map(Math.round).join(', ')}; demo ${demo.map(Math.round).join(', ')}; npm start ${npmStart.map(Math.round).join(', ')}`,
    );
    return reportFromRows(
      'cold-start',
      `launch to ready, median of ${runs} (mean column = median ms, p99 column = slowest run); ` +
        'ready = the demo banner printed and /readyz 200; ops/s = 1000 / median',
      rows,
    );
  },
};
