// Two server processes on one PostgreSQL delivering to one İYS simulator:
// one leads İYS traffic (advisory lock, delivery/leader.ts), so no movement goes twice and the
// simulator never sees more than its 10 requests per second from the two together (it answers
// H124 beyond: zero expected). Captures go to both; the leader is SIGKILLed mid-delivery and the
// other takes over and finishes. Schema per test through the URL's `options`, as in
// postgres-two-servers.test.ts.
import { seededRandom } from '@izinli/iys-sim';
import type { ServedSim } from '@izinli/iys-sim';
import { afterAll, expect, it } from 'vitest';
import { sleep } from './captures.test-support.js';
import {
  captureWaves,
  expectWavesDelivered,
  postAll,
  settled,
  simAndTwoDeliverers,
} from './delivery.test-support.js';
import { describeOnSharedPostgres } from './postgres-schema.test-support.js';
import type { ServerProcess } from './server-process.test-support.js';

/** People captured (MESAJ for all, ARAMA for every second), in waves. */
const PEOPLE = 60;
const FOLLOW_UPS = 10;
const WAVE = 20;

/** The server's `izinli_iys_leader` gauge. */
async function leaderGauge(server: ServerProcess): Promise<number | undefined> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const match = /^izinli_iys_leader (\d)$/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

const deliveryRuns = (server: ServerProcess) =>
  server.logs.filter((l) => l.includes('"msg":"İYS delivery run"')).length;

describeOnSharedPostgres(
  'two delivering server processes on one PostgreSQL',
  'izinli_two_deliverers',
  (schema, running) => {
    let served: ServedSim | undefined;
    afterAll(async () => {
      await served?.close();
    });

    it('A18: one instance leads İYS traffic: nothing twice, never over 10/s, and the other takes over when it dies', async () => {
      const started = await simAndTwoDeliverers(schema.url, running);
      const { sim, servers } = started;
      served = started.served;

      // Exactly one of them leads (the first takes the lock a grace second after trying).
      let gauges: (number | undefined)[] = [];
      for (let i = 0; i < 100; i += 1) {
        gauges = await Promise.all(servers.map(leaderGauge));
        if (gauges.includes(1)) break;
        await sleep(100);
      }
      expect([...gauges].sort()).toEqual([0, 1]);
      const leader = servers[gauges.indexOf(1)]!;
      const follower = servers[gauges.indexOf(0)]!;

      const waves = captureWaves(PEOPLE, WAVE, FOLLOW_UPS);
      const random = seededRandom(6);
      let acknowledged = 0;
      let survivor = leader;
      for (const [w, wave] of waves.entries()) {
        const targets = survivor === leader ? servers : [follower];
        // Captures to both instances while both live.
        acknowledged += (await postAll(wave, (i) => targets[i % targets.length]!.url)).length;
        if (w === 1) {
          // The follower has sent nothing so far, and still does not lead.
          expect(deliveryRuns(follower)).toBe(0);
          expect(await leaderGauge(follower)).toBe(0);
          await sleep(300 + Math.floor(random() * 800));
          leader.child.kill('SIGKILL');
          expect((await leader.exited).signal).toBe('SIGKILL');
          survivor = follower;
        }
        await settled(() => survivor.url, 30_000, 5);
      }
      expect(acknowledged).toBe(PEOPLE + FOLLOW_UPS);
      const rows = await settled(() => follower.url, 30_000);
      expect(await leaderGauge(follower)).toBe(1);
      expect(deliveryRuns(follower)).toBeGreaterThan(0);
      expect(follower.logs.join('\n')).toContain('İYS leader: this instance sends to İYS');

      const onIys = await expectWavesDelivered(rows, served, PEOPLE, FOLLOW_UPS);
      // Never over İYS's per-second limit (the simulator answers H124 to the 11th in a second),
      // and no İYS error at all.
      const stats = sim.stats();
      expect(stats.byCode).toEqual({});
      expect(Object.keys(stats.byStatus).sort()).toEqual(
        Object.keys(stats.byStatus).filter((s) => s === '200' || s === '204'),
      );
      expect(stats.requests).toBeGreaterThan(onIys.length);
    }, 90_000);
  },
);
