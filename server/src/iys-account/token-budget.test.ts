// The hourly budget of token requests per İYS account, counted in the database: two instances on
// one PostgreSQL (two pools, each with its own shared İYS client, as two server processes have)
// together never send İYS more token requests in an hour than the budget, and a refused one is
// the H084 lock with the time it frees; one instance on SQLite the same. Real HTTP to the
// simulator, whose own token limit is the budget, so one request too many would be its H084. The
// gauge izinli_iys_token_grants_hour reports the count.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleServerConfig } from '@izinli/core/fixtures';
import type { FetchLike, IysClient } from '@izinli/iys';
import { createIysSim, serveIysSim } from '@izinli/iys-sim';
import type { IysSim, ServedSim } from '@izinli/iys-sim';
import pg from 'pg';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { checkServerConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { TOKEN_WINDOW_MS, sharedIysClients } from './iys-clients.js';
import { registerTokenGrantGauge } from './token-grant-metrics.js';
import { describeOnPostgres, freshSchema } from '../store/postgres/postgres.test-support.js';

const url = process.env.DATABASE_URL;
const IYS_CODE = 100000;
const BUDGET = 4;
const MINUTE = 60_000;

interface Rig {
  sim: IysSim;
  served: ServedSim;
  config: LoadedConfig;
  /** Status of every token request İYS answered. */
  tokenAnswers: number[];
  instance(store: Store): IysClient;
}

async function rig(): Promise<Rig> {
  const sim = createIysSim({
    clock: { now: () => 0, start: '2026-03-02T07:00:00Z' },
    // Ten-minute tokens: every ten minutes each instance needs a new one.
    limits: { tokensPerHour: BUDGET, accessTokenSeconds: 600, requestsPerSecond: 1_000_000 },
  });
  const served = await serveIysSim(sim, { port: 0 });
  const loaded = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
  if (!loaded.ok) throw new Error('example config invalid');
  const tokenAnswers: number[] = [];
  const counting: FetchLike = async (request) => {
    const isToken = new URL(request.url).pathname === '/oauth2/token';
    const response = await fetch(request);
    if (isToken) tokenAnswers.push(response.status);
    return response;
  };
  return {
    sim,
    served,
    config: loaded.value,
    tokenAnswers,
    instance: (store) =>
      sharedIysClients({
        config: () => loaded.value,
        store,
        baseUrl: served.url,
        fetch: counting,
        tokenBudget: BUDGET,
        now: () => sim.now(),
      })(IYS_CODE),
  };
}

/** Each instance asks İYS once a round (all at once), then ten minutes pass. */
async function rounds(r: Rig, clients: IysClient[], n: number) {
  const refusals: { retryAt?: number; code?: string }[] = [];
  for (let i = 0; i < n; i += 1) {
    const answers = await Promise.all(clients.map((c) => c.getSubscription()));
    for (const a of answers) if (!a.ok) refusals.push(a.error);
    r.sim.advance(10 * MINUTE);
  }
  return refusals;
}

async function expectBudgetKept(r: Rig, stores: Store[], clients: IysClient[]) {
  const start = r.sim.now().getTime();
  const refusals = await rounds(r, clients, 5);
  // Without the shared count, each instance would renew each round: 10 requests in 50 minutes.
  expect(r.tokenAnswers.length).toBeLessThanOrEqual(BUDGET);
  expect(r.tokenAnswers.filter((s) => s === 429)).toEqual([]);
  expect(refusals.length).toBeGreaterThan(0);
  for (const refusal of refusals) {
    expect(refusal).toMatchObject({ code: 'H084' });
    expect(refusal.retryAt).toBeGreaterThan(start);
    expect(refusal.retryAt).toBeLessThanOrEqual(start + TOKEN_WINDOW_MS);
  }
  expect(await stores[0]!.iysTokenGrants(IYS_CODE, r.sim.now().getTime() - TOKEN_WINDOW_MS)).toBe(
    r.tokenAnswers.length,
  );
  // Once the hour has passed, tokens are asked for (and granted) again.
  r.sim.advance(TOKEN_WINDOW_MS);
  const before = r.tokenAnswers.length;
  expect((await clients[0]!.getSubscription()).ok).toBe(true);
  expect(r.tokenAnswers.length).toBeGreaterThan(before);
  expect(r.tokenAnswers.filter((s) => s === 429)).toEqual([]);
}

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

describe('the İYS token budget, counted in the database', () => {
  it('A18: one instance on SQLite sends no more token requests in an hour than the budget', async () => {
    const r = await rig();
    closing.push(() => r.served.close());
    const dir = mkdtempSync(join(tmpdir(), 'izinli-token-budget-'));
    const store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
    closing.push(() => store.close());
    await store.migrate();
    await expectBudgetKept(r, [store], [r.instance(store)]);
    // The gauge reads the same count from the database.
    const registry = new Registry();
    registerTokenGrantGauge(
      registry,
      store,
      () => [IYS_CODE],
      () => r.sim.now(),
    );
    const inHour = await store.iysTokenGrants(IYS_CODE, r.sim.now().getTime() - TOKEN_WINDOW_MS);
    expect(inHour).toBeGreaterThan(0);
    expect(await registry.metrics()).toContain(
      `izinli_iys_token_grants_hour{iys_code="${IYS_CODE}"} ${inHour}`,
    );
  });

  describeOnPostgres('on PostgreSQL', () => {
    it('A18: two instances on one PostgreSQL together send no more token requests in an hour than the budget', async () => {
      const r = await rig();
      closing.push(() => r.served.close());
      const schema = freshSchema();
      closing.push(async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      });
      const stores = [
        await openPostgresStore({ connectionString: url!, schema, max: 4 }),
        await openPostgresStore({ connectionString: url!, schema, max: 4 }),
      ];
      for (const store of stores) closing.push(() => store.close());
      await stores[0]!.migrate();
      await expectBudgetKept(
        r,
        stores,
        stores.map((s) => r.instance(s)),
      );
    });
  });
});
