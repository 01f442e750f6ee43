// The retention worker (A14, B10): one pass now and on its interval, with the injected clock; a
// failing pass is logged (without personal data: the error only) and never crashes the process.
import { join } from 'node:path';
import { exampleSiteConfig } from '@izinli/core/fixtures';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { tempDirsPerTest } from '../temp-dirs.test-support.js';
import { createRetentionWorker } from './retention-worker.js';

const freshDir = tempDirsPerTest('izinli-retention-');

function recordingLogger() {
  const lines: { level: string; fields: unknown; msg: string }[] = [];
  const at = (level: string) => (fields: unknown, msg?: string) => {
    lines.push({ level, fields, msg: msg ?? '' });
  };
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } as never };
}

describe('retention worker (A14, B10)', () => {
  it('A14: runs a pass with the injected clock and reports it', async () => {
    const dir = freshDir();
    const store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
    await store.migrate();
    const { lines, logger } = recordingLogger();
    const worker = createRetentionWorker({
      store,
      sites: [exampleSiteConfig],
      logger,
      intervalSeconds: 86_400,
      now: () => new Date('2031-01-01T00:00:00.000Z'),
    });
    const report = await worker.runOnce();
    expect(report).toMatchObject({ at: '2031-01-01T00:00:00.000Z', dryRun: false });
    expect(report?.sites.map((s) => s.siteKey)).toEqual([exampleSiteConfig.siteKey]);
    expect(lines.map((l) => l.msg)).toEqual(['retention pass done']);
    await worker.stop();
    await store.close();
  });

  it('logs a failed pass and resolves: the process goes on', async () => {
    const broken = {
      sites: () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error')),
    } as unknown as Store;
    const { lines, logger } = recordingLogger();
    const worker = createRetentionWorker({
      store: broken,
      sites: [exampleSiteConfig],
      logger,
      intervalSeconds: 86_400,
    });
    await expect(worker.runOnce()).resolves.toBeUndefined();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([['error', 'retention pass failed']]);
  });
});
