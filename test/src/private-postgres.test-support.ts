// A PostgreSQL cluster of a test's own: initdb in a fresh temporary folder, a server on
// a free 127.0.0.1 port, so a test can stop, crash and restart the database server itself without
// touching the machine's shared one (DATABASE_URL) that other tests use at the same time.
// PostgreSQL refuses to run as root: as root, every command runs as the `postgres` OS user.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';
const TOOLS = ['initdb', 'pg_ctl', 'postgres'];

/** The newest `/usr/lib/postgresql/<version>/bin` holding every tool, if any. */
function findBinDir(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => TOOLS.every((tool) => existsSync(join(PG_ROOT, v, 'bin', tool))))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] === undefined ? undefined : join(PG_ROOT, versions[0], 'bin');
}

/** The uid and gid of the `postgres` OS user, if there is one. */
function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('postgres:'));
    const [, , uid, gid] = line?.split(':') ?? [];
    return uid === undefined || gid === undefined
      ? undefined
      : { uid: Number(uid), gid: Number(gid) };
  } catch {
    return undefined;
  }
}

/** `runuser`, when it is on this machine. */
function findRunuser(): string | undefined {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v runuser'], { encoding: 'utf8' }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

const BIN_DIR = findBinDir();
const AS_ROOT = process.getuid?.() === 0;
const PG_USER = AS_ROOT ? postgresUser() : undefined;
const RUNUSER = AS_ROOT ? findRunuser() : undefined;

/** Why a private cluster cannot run here (tests skip, printing it), or undefined when it can. */
export const privatePostgresUnavailable: string | undefined = !BIN_DIR
  ? `no PostgreSQL binaries (initdb, pg_ctl, postgres) under ${PG_ROOT}/*/bin`
  : AS_ROOT && !PG_USER
    ? 'running as root and there is no `postgres` OS user to run PostgreSQL as'
    : AS_ROOT && !RUNUSER
      ? 'running as root and there is no `runuser` to run PostgreSQL as `postgres`'
      : undefined;

/** Why `freeze()` cannot run here (tests skip, printing it), or undefined when it can. */
export const privatePostgresFreezeUnavailable: string | undefined =
  privatePostgresUnavailable ??
  (existsSync('/proc/self/stat')
    ? undefined
    : "no /proc to find the cluster's processes by their parent (Linux only)");

/** The state letter and parent pid of a process, from /proc/<pid>/stat; undefined once gone. */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === undefined ? undefined : { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((child) => procStat(child)?.ppid === pid);
}

/** Sends `signal` to `pid`; false when the process is already gone. */
function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** How `pg_ctl stop` ends the server: `fast` shuts down cleanly, `immediate` is a crash. */
export type StopMode = 'fast' | 'immediate';

/** A free TCP port on 127.0.0.1 (closed again, so the cluster can take it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

/**
 * A private cluster: `start()` creates and starts it, `restart()` stops it (running `whileDown`
 * before starting it again), `freeze()` and `thaw()` suspend and resume every one of its
 * processes, `stop()` stops it for good and removes its folder. `stop()` is safe
 * to call in afterAll whatever happened before, even when `start()` failed half way.
 */
export function privatePostgres() {
  if (privatePostgresUnavailable) throw new Error(privatePostgresUnavailable);
  const bin = BIN_DIR!;
  let dir: string | undefined;
  let port = 0;
  /** The processes `freeze()` stopped, postmaster first; empty when not frozen. */
  let frozen: number[] = [];

  /** Runs a PostgreSQL tool, as `postgres` when we are root; never blocks the event loop. */
  const tool = async (name: string, args: string[]): Promise<string> => {
    const file = join(bin, name);
    const [command, argv] = AS_ROOT
      ? [RUNUSER!, ['-u', 'postgres', '--', file, ...args]]
      : [file, args];
    try {
      // cwd: our folder, which the postgres user can enter (the test's cwd may not be).
      const { stdout } = await run(command, argv, { cwd: dir, timeout: 60_000 });
      return stdout;
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`${name} ${args.join(' ')} failed: ${String(error)}\n${stdout}${stderr}`, {
        cause: error,
      });
    }
  };
  const data = () => join(dir!, 'data');
  const logFile = () => join(dir!, 'postgres.log');
  const pgCtlStart = () =>
    tool('pg_ctl', ['start', '-D', data(), '-l', logFile(), '-w', '-t', '60']);
  const pgCtlStop = (mode: StopMode) =>
    tool('pg_ctl', ['stop', '-D', data(), '-m', mode, '-w', '-t', '60']);
  const thaw = (): void => {
    for (const pid of frozen.slice(1)) signal(pid, 'SIGCONT');
    if (frozen[0] !== undefined) signal(frozen[0], 'SIGCONT');
    frozen = [];
  };
  const logSize = async () => (await readFile(logFile()).catch(() => Buffer.alloc(0))).length;

  return {
    /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth); set once started. */
    get url(): string {
      if (!dir) throw new Error('privatePostgres: start() it first');
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    },
    /** The server's log so far (LOG lines, such as crash recovery). */
    log: async (): Promise<string> => (dir ? readFile(logFile(), 'utf8') : ''),

    /** initdb in a fresh temporary folder, then starts the server and waits until it accepts. */
    async start(): Promise<void> {
      if (dir) throw new Error('privatePostgres: already started');
      dir = mkdtempSync(join(tmpdir(), 'izinli-pg-'));
      if (PG_USER) chownSync(dir, PG_USER.uid, PG_USER.gid);
      port = await freePort();
      // --no-sync: initdb's own final flush only; the server below runs with fsync on.
      await tool('initdb', [
        '-D',
        data(),
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
      ]);
      // In postgresql.conf (not pg_ctl -o), so every restart keeps them.
      await appendFile(
        join(data(), 'postgresql.conf'),
        [
          `port = ${port}`,
          `listen_addresses = '127.0.0.1'`,
          `unix_socket_directories = '${dir}'`,
          'fsync = on',
          'synchronous_commit = on',
          'full_page_writes = on',
          '',
        ].join('\n'),
      );
      await pgCtlStart();
    },

    /**
     * Stops the server with `mode`, runs `whileDown` (a test's checks during the outage), and
     * starts it again. `recovered`: the start ran crash recovery (after `immediate`, it must).
     */
    async restart(options: {
      mode: StopMode;
      whileDown?: () => Promise<void>;
    }): Promise<{ recovered: boolean }> {
      if (!dir) throw new Error('privatePostgres: start() it first');
      await pgCtlStop(options.mode);
      const from = await logSize();
      try {
        await options.whileDown?.();
      } finally {
        await pgCtlStart();
      }
      const since = (await readFile(logFile())).subarray(from).toString('utf8');
      return { recovered: since.includes('automatic recovery in progress') };
    },

    /**
     * Freezes the server as a hung host or a network partition would look from a client: the
     * postmaster and every process it forked get SIGSTOP. The kernel still accepts TCP connections
     * into the listen backlog and buffers what clients send, but nothing is ever answered until
     * `thaw()`. Resolves once every one of them is stopped; the pids, postmaster first.
     */
    async freeze(): Promise<number[]> {
      if (!dir) throw new Error('privatePostgres: start() it first');
      if (frozen.length > 0) throw new Error('privatePostgres: already frozen');
      const postmaster = Number(
        readFileSync(join(data(), 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      if (!(postmaster > 0) || !signal(postmaster, 'SIGSTOP')) {
        throw new Error(`privatePostgres: no postmaster to freeze (pid ${postmaster})`);
      }
      frozen = [postmaster];
      // Stopped, the postmaster forks nothing more: once it is, its children are all there are.
      const stopped = (pid: number) => {
        const state = procStat(pid)?.state;
        return state === undefined || state === 'T';
      };
      const deadline = Date.now() + 10_000;
      const waitStopped = async (pids: number[]) => {
        while (!pids.every(stopped)) {
          if (Date.now() > deadline) throw new Error(`privatePostgres: ${pids} did not stop`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      };
      await waitStopped([postmaster]);
      for (const child of childrenOf(postmaster)) if (signal(child, 'SIGSTOP')) frozen.push(child);
      await waitStopped(frozen);
      return [...frozen];
    },

    /** Resumes what `freeze()` stopped (children first, then the postmaster); a no-op if nothing is. */
    thaw,

    /** Stops the server (if running) and removes the folder; never throws. */
    async stop(): Promise<void> {
      if (!dir) return;
      const folder = dir;
      // A stopped process would not act on pg_ctl's signal: thaw a frozen cluster first.
      thaw();
      try {
        if (existsSync(join(data(), 'postmaster.pid'))) await pgCtlStop('immediate');
      } catch {
        // pg_ctl failed: end the postmaster we started, by its pid, as `immediate` would.
        try {
          const pidFile = readFileSync(join(folder, 'data', 'postmaster.pid'), 'utf8');
          const pid = Number(pidFile.split('\n')[0]);
          if (pid > 0) process.kill(pid, 'SIGQUIT');
        } catch {
          // no pid file, or the process is already gone
        }
      } finally {
        rmSync(folder, { recursive: true, force: true });
        dir = undefined;
      }
    },
  };
}

/** A private cluster, as `privatePostgres()` returns it. */
export type PrivatePostgres = ReturnType<typeof privatePostgres>;
