// The İYS leader: SQLite always leads; on PostgreSQL exactly one store of a schema holds the
// advisory lock, a lost session stops leading, the next one takes over and releases the leases
// the old leader left; the delivery worker's store claims nothing while not leading.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetrics } from '../http/metrics.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import {
  BRAND,
  appendCapture,
  at,
  movementFixture,
  phone,
} from '../store/contract/store-fixtures.test-support.js';
import type { Store } from '../store/store.js';
import { LEADER_LOCK_CLASS, claimsWhileLeading, createLeader } from './leader.js';
import type { Leader } from './leader.js';
import { describeOnPostgres, freshSchema } from '../store/postgres/postgres.test-support.js';

const url = process.env.DATABASE_URL;
const logger = pino({ level: 'silent' });
const FAR = at(10 * 86400);

/** Two movements of different keys, one of them claimed under a lease that has not run out. */
async function queueWithLease(store: Store): Promise<void> {
  await appendCapture(
    store,
    { n: 1, phone: phone(1) },
    {
      movements: (captureId) => [
        movementFixture({ n: 1, captureId, recipient: phone(1) }),
        movementFixture({ n: 2, captureId, recipient: phone(2) }),
      ],
    },
  );
  const claimed = await store.claimMovements({
    now: at(5),
    leaseUntil: FAR,
    limit: 1,
    iysCode: BRAND.iysCode,
  });
  expect(claimed).toHaveLength(1);
}

const states = async (store: Store) => (await store.movements({})).map((m) => m.state);

describe('İYS leader on SQLite', () => {
  let dir: string;
  let store: Store;
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = async () => {
    dir = mkdtempSync(join(tmpdir(), 'izinli-leader-'));
    store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
    await store.migrate();
  };

  it('always leads, and on start releases the leases a killed process left', async () => {
    await open();
    await queueWithLease(store);
    expect(await states(store)).toEqual(['in-flight', 'pending']);
    const changes: boolean[] = [];
    const leader = createLeader({ store, logger, onChange: (l) => changes.push(l) });
    expect(leader.leads()).toBe(false);
    await leader.start();
    expect(leader.leads()).toBe(true);
    expect(changes).toEqual([true]);
    expect(await states(store)).toEqual(['pending', 'pending']);
    // Both are claimable at once now, not when the old lease runs out.
    const again = await store.claimMovements({ now: at(5), leaseUntil: at(60), limit: 10 });
    expect(again).toHaveLength(2);
    await leader.close();
    expect(leader.leads()).toBe(false);
  });

  it('claims nothing through the gated store while not leading', async () => {
    await open();
    await queueWithLease(store);
    await store.releaseLeases();
    let leading = false;
    const gated = claimsWhileLeading(store, () => leading);
    const claim = { now: at(5), leaseUntil: at(60), limit: 10 };
    expect(await gated.claimMovements(claim)).toEqual([]);
    expect(await states(store)).toEqual(['pending', 'pending']);
    // Everything else reaches the real store (its private fields included).
    expect(gated.kind).toBe('sqlite');
    expect((await gated.stats()).pendingMovements).toBe(2);
    leading = true;
    expect(await gated.claimMovements(claim)).toHaveLength(2);
  });

  it('polls no submitted batch through the gated store while not leading', async () => {
    await open();
    const real = vi.spyOn(store, 'claimBatches');
    let leading = false;
    const gated = claimsWhileLeading(store, () => leading);
    const claim = { now: at(5), leaseUntil: at(60), limit: 10 };
    expect(await gated.claimBatches(claim)).toEqual([]);
    expect(real).not.toHaveBeenCalled();
    leading = true;
    await gated.claimBatches(claim);
    expect(real).toHaveBeenCalledOnce();
  });

  it('reports izinli_iys_leader 0/1 on /metrics', async () => {
    await open();
    let leading = false;
    const metrics = createMetrics(store, { leads: () => leading });
    expect(await metrics.registry.metrics()).toMatch(/^izinli_iys_leader 0$/m);
    leading = true;
    expect(await metrics.registry.metrics()).toMatch(/^izinli_iys_leader 1$/m);
  });
});

describeOnPostgres('İYS leader on PostgreSQL', () => {
  const schemas: string[] = [];
  const stores: Store[] = [];
  const leaders: Leader[] = [];
  let admin: pg.Client;

  const open = async (schema: string) => {
    if (!schemas.includes(schema)) schemas.push(schema);
    const store = await openPostgresStore({ connectionString: url!, schema, max: 2 });
    await store.migrate();
    stores.push(store);
    return store;
  };
  const lead = (store: Store) => {
    const leader = createLeader({ store, logger, retryMs: 3_600_000, graceMs: 0 });
    leaders.push(leader);
    return leader;
  };
  /** The backend holding a schema's leader lock, if any. */
  const holder = async (schema: string) =>
    (
      await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
             AND classid::bigint = $1::bigint
             AND objid::bigint = hashtext('izinli.iys-leader:' || $2)::bigint & 4294967295`,
        [LEADER_LOCK_CLASS, schema],
      )
    ).rows.map((r) => r.pid);

  afterEach(async () => {
    for (const leader of leaders.splice(0)) await leader.close();
    for (const store of stores.splice(0)) await store.close();
    for (const schema of schemas.splice(0)) {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
    await admin.end();
  });
  const connectAdmin = async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  };

  it('lets one instance of a database lead; the other takes over when it closes, releasing its leases', async () => {
    await connectAdmin();
    const schema = freshSchema();
    const [one, two] = [await open(schema), await open(schema)];
    await queueWithLease(one);
    const [a, b] = [lead(one), lead(two)];
    await a.start();
    await b.start();
    expect([a.leads(), b.leads()]).toEqual([true, false]);
    // Taking the lock released the lease found in the table.
    expect(await states(one)).toEqual(['pending', 'pending']);
    expect(await holder(schema)).toHaveLength(1);
    await b.check();
    expect(b.leads()).toBe(false);

    // The leader claims, then goes away: the other takes over and the lease does not wait.
    await one.claimMovements({ now: at(5), leaseUntil: FAR, limit: 1 });
    expect(await states(two)).toEqual(['in-flight', 'pending']);
    await a.close();
    expect(a.leads()).toBe(false);
    await b.check();
    expect(b.leads()).toBe(true);
    expect(await states(two)).toEqual(['pending', 'pending']);
    await a.check();
    expect(a.leads()).toBe(false);
  });

  it('stops leading when its session is killed, and the other instance takes over', async () => {
    await connectAdmin();
    const schema = freshSchema();
    const [one, two] = [await open(schema), await open(schema)];
    const changes: boolean[] = [];
    const a = createLeader({
      store: one,
      logger,
      retryMs: 3_600_000,
      graceMs: 0,
      onChange: (l) => changes.push(l),
    });
    leaders.push(a);
    const b = lead(two);
    await a.start();
    await b.start();
    const [pid] = await holder(schema);
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    // The session's error event ends leading without waiting for the next check.
    for (let i = 0; i < 200 && a.leads(); i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(a.leads()).toBe(false);
    expect(changes).toEqual([true, false]);
    await b.check();
    expect(b.leads()).toBe(true);
    // The old leader reconnects but finds the lock taken.
    await a.check();
    expect(a.leads()).toBe(false);
    expect(await holder(schema)).toHaveLength(1);
  });

  it('does not lead when its session dies during the grace second after taking the lock', async () => {
    await connectAdmin();
    const schema = freshSchema();
    const store = await open(schema);
    const a = createLeader({ store, logger, retryMs: 3_600_000, graceMs: 2000 });
    leaders.push(a);
    const starting = a.start();
    let pids: number[] = [];
    for (let i = 0; i < 150 && pids.length === 0; i += 1) {
      pids = await holder(schema);
      if (pids.length === 0) await new Promise((r) => setTimeout(r, 10));
    }
    expect(pids).toHaveLength(1);
    await admin.query('SELECT pg_terminate_backend($1)', [pids[0]]);
    await starting;
    expect(a.leads()).toBe(false);
    expect(await holder(schema)).toEqual([]);
  });

  it('leads each schema of one database separately', async () => {
    await connectAdmin();
    const [x, y] = [freshSchema(), freshSchema()];
    const [a, b] = [lead(await open(x)), lead(await open(y))];
    await a.start();
    await b.start();
    expect([a.leads(), b.leads()]).toEqual([true, true]);
  });
});
