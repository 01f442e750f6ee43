// Two server processes on one PostgreSQL, the İYS subscription closed mid-backlog: the leader
// pauses the account (no dead letter), both instances report the pause (the console reads either),
// the leader dies while paused, and once İYS reopens the account the survivor — reusing the stored
// token, asking İYS for no new one — resumes by itself and delivers every consent exactly once.
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import type { ServedSim } from '@izinli/iys-sim';
import { afterAll, expect, it } from 'vitest';
import { captureBody, sleep } from './captures.test-support.js';
import {
  expectExactlyOnce,
  outbox,
  postAll,
  settled,
  simMovements,
  simAndTwoDeliverers,
} from './delivery.test-support.js';
import { describeOnSharedPostgres } from './postgres-schema.test-support.js';
import type { ServerProcess } from './server-process.test-support.js';

interface Account {
  iysCode: number;
  state: string;
  cause?: { code: string };
}

async function accounts(server: ServerProcess): Promise<Account[]> {
  const response = await fetch(`${server.url}/v1/admin/sync`, {
    headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` },
  });
  return ((await response.json()) as { accounts: Account[] }).accounts;
}

async function setAccount(served: ServedSim, state: string) {
  const response = await fetch(`${served.url}/__sim/accounts/100000`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state }),
  });
  expect(response.status).toBe(200);
}

async function until<T>(what: string, read: () => Promise<T | undefined>, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describeOnSharedPostgres(
  'an İYS account paused with two server processes on one PostgreSQL',
  'izinli_account_pause',
  (schema, running) => {
    let served: ServedSim | undefined;
    afterAll(() => served?.close());

    it('A8, A18: a subscription closed mid-backlog: paused on both instances, no dead letter; reopened, the survivor delivers everything once', async () => {
      const started = await simAndTwoDeliverers(schema.url, running, {
        IYS_PROBE_MS: '500',
      });
      const { sim, servers } = started;
      served = started.served;

      const first = await postAll(
        Array.from({ length: 10 }, (_, i) => captureBody(i)),
        (i) => servers[i % 2]!.url,
      );
      expect(first).toHaveLength(10);
      await settled(() => servers[0]!.url, 30_000);

      await setAccount(served, 'closed');
      const second = await postAll(
        Array.from({ length: 20 }, (_, i) => captureBody(100 + i)),
        (i) => servers[i % 2]!.url,
      );
      expect(second).toHaveLength(20);
      // Both instances say the account is paused, with İYS's code.
      for (const server of servers) {
        const paused = await until('the pause', async () =>
          (await accounts(server)).find((a) => a.state === 'paused'),
        );
        expect(paused.cause?.code).toBe('H521');
      }
      const during = await outbox(servers[0]!.url);
      expect(during.filter((m) => m.state === 'dead')).toEqual([]);
      expect(during.filter((m) => m.state === 'pending').length).toBeGreaterThan(0);

      // The instance leading İYS traffic dies while paused; the other takes over.
      const tokensBefore = sim.stats().tokens.access;
      const leaderIndex = servers.findIndex((s) =>
        s.logs.some((l) => l.includes('İYS leader: this instance sends to İYS')),
      );
      servers[leaderIndex]!.child.kill('SIGKILL');
      await servers[leaderIndex]!.exited;
      const survivor = servers[1 - leaderIndex]!;

      await setAccount(served, 'active');
      await until('the resume', async () =>
        (await accounts(survivor)).every((a) => a.state === 'active') ? true : undefined,
      );
      const rows = await settled(() => survivor.url, 60_000);
      expect(rows.filter((m) => m.state === 'dead')).toEqual([]);
      expectExactlyOnce(rows, await simMovements(served));
      // The survivor used the token the database kept: no password grant of its own.
      expect(sim.stats().tokens.access).toBe(tokensBefore);
    }, 120_000);
  },
);
