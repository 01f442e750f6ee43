// The processes a benchmark measures: the built server (server/dist/main.js) with the example
// config, and the bare Hono echo baseline (echo-server.ts), each in its own process on a free port
// of 127.0.0.1, with the tail of what it printed kept for error messages.
//
// BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is passed to the server's
// `node`, for profiling; the server is stopped with SIGTERM so a profile is written.
// BENCH_SERVER_MAIN (a path to another build's main.js, e.g. a copy of the previous commit's
// dist) runs that server instead, for before/after figures from the same bench on the same machine.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { exampleServerConfig } from '@izinli/core/fixtures';

// dist/bench/*.js → server/dist/main.js and dist/bench/echo-server.js
const SERVER_MAIN = process.env.BENCH_SERVER_MAIN
  ? new URL(`file://${process.env.BENCH_SERVER_MAIN}`)
  : new URL('../../../server/dist/main.js', import.meta.url);
const ECHO_MAIN = new URL('./echo-server.js', import.meta.url);

/** A child process the suite started, with the tail of what it printed. */
export interface Child {
  name: string;
  url: string;
  process: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<Child>();
// Last resort if the bench process dies: never leave a server behind.
process.once('exit', () => {
  for (const child of children) child.process.kill('SIGKILL');
});

export function spawnChild(name: string, args: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (line: string) => {
    output.push(line);
    if (output.length > 50) output.shift();
  };
  createInterface({ input: proc.stdout! }).on('line', keep);
  createInterface({ input: proc.stderr! }).on('line', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const child: Child = { name, url: '', process: proc, output, exited };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

const died = (child: Child) =>
  child.exited.then(({ code, signal }) => {
    throw new Error(
      `bench: ${child.name} exited (${code ?? signal}) before it was ready:\n${child.output.join('\n')}`,
    );
  });

/** Stops a child with SIGTERM (SIGKILL after 10 s); resolves once it is gone. */
export async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 10_000);
  const { code, signal } = await child.exited;
  clearTimeout(timer);
  if (code !== 0)
    console.warn(
      `bench: ${child.name} stopped with ${code ?? signal}:\n${child.output.join('\n')}`,
    );
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the echo baseline; it prints its port once it listens. */
export async function startEcho(): Promise<Child> {
  const child = spawnChild('echo server', [ECHO_MAIN.pathname], {});
  const port = await Promise.race([
    new Promise<number>((resolve) =>
      createInterface({ input: child.process.stdout! }).on('line', (line) => {
        try {
          const { port } = JSON.parse(line) as { port?: number };
          if (port) resolve(port);
        } catch {
          // not the port line
        }
      }),
    ),
    died(child),
  ]);
  child.url = `http://127.0.0.1:${port}`;
  return child;
}

/** Starts `node server/dist/main.js` with the example config and waits until /readyz answers. */
export async function startServer(
  name: string,
  dataDir: string,
  databaseUrl?: string,
  extraEnv: Record<string, string> = {},
): Promise<Child> {
  const configFile = join(dataDir, 'izinli.config.json');
  writeFileSync(configFile, JSON.stringify(exampleServerConfig));
  const port = await freePort();
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawnChild(name, [...nodeArgs, SERVER_MAIN.pathname], {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    IYS_PASSWORD: 'demo',
    DATA_DIR: dataDir,
    IZINLI_CONFIG: configFile,
    RATE_LIMIT_PER_IP: '1000000000',
    RATE_LIMIT_PER_SITE: '1000000000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...extraEnv,
  });
  child.url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    const until = Date.now() + 30_000;
    while (Date.now() < until && child.process.exitCode === null && !child.process.signalCode) {
      const ok = await fetch(`${child.url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`bench: ${name} was not ready after 30 s:\n${child.output.join('\n')}`);
  })();
  await Promise.race([ready, died(child)]);
  return child;
}
