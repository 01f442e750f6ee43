import { describe, expect, it } from 'vitest';
import type { KeyRing } from './key-ring.js';
import { LogVerifyJobs } from './log-verify-jobs.js';
import type { LogVerifyJob } from './log-verify-jobs.js';
import { keyRingPerFile, memoryStore, signedChain } from './proof-fixtures.test-support.js';
import type { StoredCapture } from '../store/store.js';

let ring: KeyRing;
let chain: StoredCapture[];
keyRingPerFile(async (made) => {
  ring = made;
  chain = await signedChain(ring, 6);
}, 'izinli-jobs-');

const store = (captures: StoredCapture[]) => ({
  ...memoryStore(captures),
  chainHead: async (siteKey: string) => ({ siteKey, seq: captures.length, hash: '' }),
});

async function finished(jobs: LogVerifyJobs, job: LogVerifyJob): Promise<LogVerifyJob> {
  while (jobs.get(job.scope, job.id)!.state === 'running')
    await new Promise((resolve) => setTimeout(resolve, 2));
  return jobs.get(job.scope, job.id)!;
}

describe('log verification jobs', () => {
  it('A13: runs in the background, counts the records checked of the total, keeps the report', async () => {
    const jobs = new LogVerifyJobs({ store: store(chain), jwks: () => ring.jwks() });
    const site = chain[0]!.siteKey;
    const job = jobs.start('tenant-a', [site]);
    expect(job.state).toBe('running');
    expect(jobs.start('tenant-a', [site]).id).toBe(job.id);
    // Another tenant's job is its own, and it cannot read this one.
    expect(jobs.start('tenant-b', [site]).id).not.toBe(job.id);
    expect(jobs.get('tenant-b', job.id)).toBeUndefined();
    const done = await finished(jobs, job);
    expect(done).toMatchObject({ state: 'done', checked: 6, total: 6 });
    expect(done.report!.ok).toBe(true);
    expect(done.finishedAt).toBeDefined();
    expect(jobs.latest('tenant-a')!.id).toBe(job.id);
  });

  it('a store that fails mid-way makes a failed job (logged), and the next start is a new job', async () => {
    const logged: string[] = [];
    const broken = {
      ...store(chain),
      // eslint-disable-next-line require-yield -- fails before its first record
      async *chain(): AsyncIterable<StoredCapture> {
        throw new Error('disk gone');
      },
    };
    const jobs = new LogVerifyJobs({
      store: broken,
      jwks: () => ring.jwks(),
      logger: { error: (_o, message) => logged.push(message) },
    });
    const job = await finished(jobs, jobs.start('t', [chain[0]!.siteKey]));
    expect(job.state).toBe('failed');
    expect(logged).toEqual(['log verification failed']);
    expect(jobs.start('t', [chain[0]!.siteKey]).id).not.toBe(job.id);
  });

  it('keeps the newest jobs only', async () => {
    const jobs = new LogVerifyJobs({ store: store(chain), jwks: () => ring.jwks(), keep: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1)
      ids.push((await finished(jobs, jobs.start('t', [chain[0]!.siteKey]))).id);
    expect(jobs.get('t', ids[0]!)).toBeUndefined();
    expect(jobs.get('t', ids[4]!)).toBeDefined();
    expect(jobs.get('t', ids[2]!)).toBeDefined();
  });
});
