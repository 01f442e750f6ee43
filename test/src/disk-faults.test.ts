// The disk full under a real server process: its DATA_DIR is a small tmpfs mounted for
// the test (root ignores file modes, so chmod would prove nothing; a full filesystem stops root
// too). Full twice: by a filler file, then by shrinking the tmpfs under the open database. While
// full every capture is refused with 503 JSON and nothing of it is written; when space returns,
// captures are accepted again without a restart; after a restart every acknowledged capture is
// stored, every refused one is absent, and the chain is intact. Skipped where mounting is not
// allowed (not root, or no CAP_SYS_ADMIN in the sandbox). A read-only remount is refused by the
// kernel while the server holds the database open for writing ("mount point is busy"), so
// read-only is injected at the SQLite layer instead: server/src/store/store-readonly.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_ADMIN_TOKEN, exampleServerConfig } from '@izinli/core/fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import {
  adminRecords,
  captureBody,
  expectUnbrokenChain,
  postCapture,
} from './captures.test-support.js';
import { startServerProcess, stopServerProcess } from './server-process.test-support.js';
import type { ServerProcess } from './server-process.test-support.js';

const root = mkdtempSync(join(tmpdir(), 'izinli-disk-'));
const mnt = join(root, 'data');
const configFile = join(root, 'izinli.config.json');
writeFileSync(configFile, JSON.stringify(exampleServerConfig));

function tryMount(): string | undefined {
  try {
    execFileSync('mkdir', ['-p', mnt]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m,mode=0700', 'tmpfs', mnt], {
      stdio: 'pipe',
    });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}
const mountProblem = tryMount();
const shrink = (size: string) =>
  execFileSync('mount', ['-o', `remount,size=${size}`, mnt], { stdio: 'pipe' });
const usedKiB = () =>
  execFileSync('df', ['--output=used', '-k', mnt]).toString().split('\n')[1]!.trim();

/**
 * Shrinks the tmpfs to what it holds now. The server keeps writing in the background (WAL,
 * checkpoints, the delivery worker), and the kernel refuses a size below what is used (EINVAL,
 * which mount reports as "mount point not mounted or bad option"), so a write landing between
 * `df` and the remount is met by reading again.
 */
function shrinkToUsed(): void {
  for (let attempt = 1; ; attempt += 1) {
    try {
      shrink(`${usedKiB()}k`);
      return;
    } catch (error) {
      if (attempt === 20) throw error;
    }
  }
}

const running: ServerProcess[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
  if (!mountProblem) {
    try {
      execFileSync('umount', ['-l', mnt]);
    } catch {
      // already gone
    }
  }
  rmSync(root, { recursive: true, force: true });
});

/** Fills the filesystem until it refuses a write; returns the filler file. */
function fillDisk(): string {
  const file = join(mnt, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return file;
}

const admin = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

describe.skipIf(mountProblem !== undefined)(
  `disk faults (tmpfs DATA_DIR${mountProblem ? `: skipped, cannot mount: ${mountProblem}` : ''})`,
  () => {
    it('A13: disk full (twice) → 503 JSON, nothing half-written; recovery without a restart; every 2xx kept', async () => {
      const env = { DATA_DIR: mnt, IZINLI_CONFIG: configFile };
      const server = await startServerProcess(env);
      running.push(server);
      const acknowledged: string[] = [];
      const refused: string[] = [];
      let n = 0;
      /** Posts one capture; 201 and 503 (JSON, server.unavailable) are the only fair answers. */
      const post = async () => {
        const body = captureBody(n++);
        const response = await postCapture(server.url, body);
        if (response.status === 201) {
          acknowledged.push(body.id);
          return 201;
        }
        expect(response.status, await response.clone().text()).toBe(503);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const problem = (await response.json()) as { error: { code: string; message: string } };
        expect(problem.error.code).toBe('server.unavailable');
        refused.push(body.id);
        return 503;
      };

      for (let i = 0; i < 20; i += 1) expect(await post()).toBe(201);

      // Disk full: SQLite may still fit a few captures in pages it holds; then it must refuse.
      const filler = fillDisk();
      let full = 0;
      for (let i = 0; i < 400 && full < 10; i += 1) if ((await post()) === 503) full += 1;
      expect(full).toBe(10);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      rmSync(filler);
      // Space is back: the next captures are accepted (no restart).
      const afterSpace: number[] = [];
      for (let i = 0; i < 5; i += 1) afterSpace.push(await post());
      expect(afterSpace).toEqual([201, 201, 201, 201, 201]);

      // Full again, by shrinking the filesystem under the open database (no filler file this time).
      shrinkToUsed();
      let shrunk = 0;
      for (let i = 0; i < 400 && shrunk < 5; i += 1) if ((await post()) === 503) shrunk += 1;
      expect(shrunk).toBe(5);
      shrink('6m');
      const afterGrow: number[] = [];
      for (let i = 0; i < 5; i += 1) afterGrow.push(await post());
      expect(afterGrow).toEqual([201, 201, 201, 201, 201]);

      expect((await stopServerProcess(server)).code).toBe(0);
      // The refusals were logged (the error, the route), never a person.
      expect(server.logs.some((l) => l.includes('request failed'))).toBe(true);
      for (const line of server.logs) expect(line).not.toMatch(/\+90532|0532 |Kişi|Numara/);
      const second = await startServerProcess(env);
      running.push(second);
      const get = (id: string) =>
        fetch(`${second.url}/v1/admin/captures/${id}`, { headers: admin });
      for (const id of acknowledged) expect((await get(id)).status, id).toBe(200);
      for (const id of refused) expect((await get(id)).status, id).toBe(404);
      const records = await adminRecords(second.url);
      expect(records).toHaveLength(acknowledged.length);
      await expectUnbrokenChain(records);
      expect((await stopServerProcess(second)).code).toBe(0);
    }, 60_000);
  },
);
