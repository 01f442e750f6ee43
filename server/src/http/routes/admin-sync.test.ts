// GET /v1/admin/sync: the tenant's brands with their stored pull cursor and its age, and the last
// sync pass of this instance; /v1/admin/log/verify: the tenant's chains checked in the background (A13).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { apiErrorResponse } from '../api-error.js';
import type { ApiError } from '../api-error.js';
import { harnessPerTest, postCapture, validCapture } from '../app-harness.test-support.js';
import type { Harness } from '../app-harness.test-support.js';
import { adminAuth } from './admin-auth.js';
import type { AdminEnv } from './admin-auth.js';
import { adminSyncRoutes, cursorInstant } from './admin-sync.js';

const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

describe('admin sync state', () => {
  let harness: Harness;
  harnessPerTest((made) => (harness = made));

  it('reads the instant of an İYS pull cursor, and nothing from another shape', () => {
    expect(cursorInstant('1764612000_abc-123')?.toISOString()).toBe('2025-12-01T18:00:00.000Z');
    expect(cursorInstant('c1')).toBeUndefined();
  });

  it('without a sync worker: the brands of the tenant, no cursor, syncing false', async () => {
    const response = await harness.app.request('/v1/admin/sync', { headers: auth });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      syncing: false,
      brands: [{ iysCode: 100000, brandCode: 100000, siteKeys: expect.any(Array) }],
      accounts: [{ iysCode: 100000, state: 'active', probes: 0 }],
    });
    expect((await harness.app.request('/v1/admin/sync')).status).toBe(401);
  });

  it('A18: a paused İYS account: its cause, the next probe and what to do, in both languages', async () => {
    await harness.store.pauseIysAccount({
      iysCode: 100000,
      cause: { code: 'H521', message: 'Abonelik kapalı.', status: 403 },
      at: '2026-12-01T09:00:00.000Z',
      nextProbeAt: '2026-12-01T09:00:30.000Z',
      events: [],
    });
    const response = await harness.app.request('/v1/admin/sync', { headers: auth });
    const { accounts } = (await response.json()) as {
      accounts: { state: string; whatToDo?: { tr: string; en: string } }[];
    };
    expect(accounts).toEqual([
      expect.objectContaining({
        iysCode: 100000,
        state: 'paused',
        cause: { code: 'H521', message: 'Abonelik kapalı.', status: 403 },
        pausedAt: '2026-12-01T09:00:00.000Z',
        nextProbeAt: '2026-12-01T09:00:30.000Z',
      }),
    ]);
    expect(accounts[0]!.whatToDo?.tr).toContain('İYS portalından');
    expect(accounts[0]!.whatToDo?.en).toContain('İYS portal');
  });

  it('with a cursor stored and a pass run: the cursor, its age and the pass’s reports', async () => {
    await harness.store.applyIysChanges({
      iysCode: 100000,
      brandCode: 100000,
      entries: [],
      cursor: '1764612000_tx-1',
      events: () => [],
    });
    const now = () => new Date('2025-12-01T18:05:00Z');
    const lastSync = () => ({
      at: '2025-12-01T18:04:58.000Z',
      brands: [
        {
          iysCode: 100000,
          brandCode: 100000,
          pages: 1,
          received: 3,
          applied: 3,
          changed: 2,
          stale: 0,
          invalid: 0,
        },
      ],
    });
    const app = new Hono<AdminEnv>()
      .use(adminAuth(harness.config))
      .route('/sync', adminSyncRoutes({ store: harness.store, now, lastSync }))
      .onError((error, c) => apiErrorResponse(c, error as ApiError));
    const response = await app.request('/sync', { headers: auth });
    expect(await response.json()).toMatchObject({
      syncing: true,
      lastSyncAt: '2025-12-01T18:04:58.000Z',
      brands: [
        {
          iysCode: 100000,
          brandCode: 100000,
          cursor: '1764612000_tx-1',
          cursorAt: '2025-12-01T18:00:00.000Z',
          cursorAgeSeconds: 300,
          lastPull: { received: 3, changed: 2 },
        },
      ],
    });
  });
});

describe('admin log verification, a background job', () => {
  let harness: Harness;
  harnessPerTest((made) => (harness = made));
  type Job = {
    id: string;
    state: string;
    progress: { checked: number; total: number };
    result?: {
      ok: boolean;
      sites: { records: number }[];
      problems: { code: string; expected: string; message: string }[];
    };
  };
  const get = async (path: string, language = 'tr') => {
    const response = await harness.app.request(path, {
      headers: { ...auth, 'Accept-Language': language },
    });
    return { status: response.status, body: (await response.json()) as Job };
  };
  /** Starts a verification and polls it until it is over, as the console does. */
  const verify = async (language = 'tr') => {
    const started = await harness.app.request('/v1/admin/log/verify', {
      method: 'POST',
      headers: { ...auth, 'Accept-Language': language },
    });
    expect(started.status).toBe(202);
    const job = (await started.json()) as Job;
    expect(started.headers.get('Location')).toBe(`/v1/admin/log/verify/${job.id}`);
    for (;;) {
      const { status, body } = await get(`/v1/admin/log/verify/${job.id}`, language);
      expect(status).toBe(200);
      if (body.state !== 'running') return body;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it('A13: the tenant’s chains verify with the server’s keys; progress counts every record', async () => {
    for (let i = 0; i < 3; i++)
      expect((await postCapture(harness.app, validCapture())).status).toBe(201);
    const job = await verify();
    expect(job.state).toBe('done');
    expect(job.progress).toEqual({ checked: 3, total: 3 });
    expect(job.result!.ok).toBe(true);
    expect(job.result!.problems).toEqual([]);
    expect(job.result!.sites.map((s) => s.records)).toEqual([3]);
    // The console, reloaded, finds the newest job without its id.
    const latest = await get('/v1/admin/log/verify');
    expect(latest.body).toEqual(job);
  });

  it('one running job per tenant: a second POST answers the running one', async () => {
    for (let i = 0; i < 2; i++)
      expect((await postCapture(harness.app, validCapture())).status).toBe(201);
    const post = () =>
      harness.app.request('/v1/admin/log/verify', { method: 'POST', headers: auth });
    const [a, b] = await Promise.all([post(), post()]);
    const [first, second] = [(await a.json()) as Job, (await b.json()) as Job];
    expect(second.id).toBe(first.id);
    expect(first.state).toBe('running');
  });

  it('an unknown job id, or no job yet: 404 logVerify.unknown', async () => {
    const none = await harness.app.request('/v1/admin/log/verify', { headers: auth });
    expect(none.status).toBe(404);
    const unknown = await harness.app.request('/v1/admin/log/verify/nope', { headers: auth });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      'logVerify.unknown',
    );
  });

  it('A13: a record changed in the database is reported with its line and a message', async () => {
    for (let i = 0; i < 2; i++)
      expect((await postCapture(harness.app, validCapture())).status).toBe(201);
    const db = new Database(join(harness.dir, 'izinli.sqlite'));
    const row = db.prepare('SELECT record FROM captures WHERE seq = 1').get() as { record: string };
    const record = JSON.parse(row.record) as { person: { fullName: string } };
    record.person.fullName = 'Başka Biri';
    db.prepare('UPDATE captures SET record = ? WHERE seq = 1').run(JSON.stringify(record));
    db.close();
    const report = (await verify()).result!;
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.problems[0]!.message).toMatch(/^\d+\. satır, /);
    // The same finished job read in English: the messages follow the request's language.
    const english = (await get('/v1/admin/log/verify', 'en')).body.result!;
    expect(english.problems[0]!.message).toMatch(/^line \d+, /);
    // The machine fields do not change with the language.
    expect(english.problems[0]!.expected).toBe(report.problems[0]!.expected);
    expect(typeof english.problems[0]!.expected).toBe('string');
  });
});
