// A server that cannot start says why and what to change, on stderr, with exit code 1 — never a
// stack trace: a port in use, a data directory it cannot write, a database it cannot reach.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { runServerProcess } from './run-server.js';
import { startupProblem } from './startup-problem.js';

const dir = mkdtempSync(join(tmpdir(), 'izinli-startup-'));
const configFile = join(dir, 'izinli.config.json');
writeFileSync(configFile, JSON.stringify(exampleServerConfig));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the server process with `env`; answers its exit code and what it wrote to stderr. */
async function start(env: Record<string, string>) {
  let stderr = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stderr += chunk.toString();
      done();
    },
  });
  const code = await runServerProcess({
    env: { IZINLI_CONFIG: configFile, IYS_PASSWORD: 'demo', LOG_LEVEL: 'silent', ...env },
    signals: new EventEmitter(),
    stderr: sink,
    logTo: new Writable({ write: (_c, _e, done) => done() }),
    version: 'test',
  });
  return { code, stderr };
}

describe('start-up failures name the fix', () => {
  it('a port in use: exit 1, the port and PORT= to change it', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const { code, stderr } = await start({ PORT: String(port), DATA_DIR: join(dir, 'port') });
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(stderr).toContain('PORT=');
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  });

  it('a data directory that cannot be made: exit 1, DATA_DIR named with what to do', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const { code, stderr } = await start({ PORT: '0', DATA_DIR: join(file, 'data') });
    expect(code).toBe(1);
    expect(stderr).toContain('the data directory is not writable');
    expect(stderr).toContain('DATA_DIR');
  });

  it('PostgreSQL that does not answer: exit 1, the URL without its password, and the way back to SQLite', async () => {
    const { code, stderr } = await start({
      PORT: '0',
      DATA_DIR: join(dir, 'pg'),
      DATABASE_URL: 'postgres://izinli:gizli@127.0.0.1:1/izinli',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'PostgreSQL at postgres://izinli:***@127.0.0.1:1/izinli cannot be reached',
    );
    expect(stderr).not.toContain('gizli');
    expect(stderr).toContain('unset DATABASE_URL');
  });

  it('names the fix for a privileged port, a refused login and a missing database', () => {
    const env = { PORT: 80, HOST: '0.0.0.0', DATA_DIR: '/var/lib/izinli' };
    expect(startupProblem({ code: 'EACCES', syscall: 'listen' }, env)).toContain('above 1023');
    const pg = { ...env, DATABASE_URL: 'postgres://u:p@db/izinli' };
    expect(startupProblem({ code: '28P01' }, pg)).toContain('check the user and password');
    expect(startupProblem({ code: '3D000' }, pg)).toContain('createdb');
    expect(startupProblem(new Error('something else'), pg)).toBeUndefined();
  });
});
