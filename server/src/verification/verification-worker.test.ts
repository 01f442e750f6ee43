// The verification pass never throws: with its database gone it logs and answers, so its timer
// cannot end the process (as it did while PostgreSQL restarted).
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { GroupCommitter } from '../capture/group-commit.js';
import { tempDirsPerTest } from '../temp-dirs.test-support.js';
import { createVerificationWorker } from './verification-worker.js';

const freshDir = tempDirsPerTest('izinli-verify-worker-');

it('logs a pass that fails on its store and resolves, the next pass runs again', async () => {
  const dir = freshDir();
  const store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
  await store.migrate();
  const errors: string[] = [];
  const worker = createVerificationWorker({
    store,
    releaseDeps: () => ({ committer: {} as GroupCommitter, store, sites: new Map() }),
    site: () => undefined,
    send: () => Promise.resolve({ ok: false, reason: 'failed' }),
    logger: {
      info: () => undefined,
      warn: () => undefined,
      error: (_fields: unknown, message?: string) => void errors.push(message ?? ''),
    } as never,
    intervalMs: 1000,
    newId: () => 'id',
  });
  expect(await worker.runOnce()).toMatchObject({ failed: 0 });
  await store.close();
  expect(await worker.runOnce()).toMatchObject({ failed: 1 });
  expect(await worker.runOnce()).toMatchObject({ failed: 1 });
  expect(errors).toEqual(['verification pass failed', 'verification pass failed']);
});
