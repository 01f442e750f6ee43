// The delivery crash test: a real server process delivering to the İYS simulator
// (served over HTTP from this process, İYS's real limits) is SIGKILLed five times at seeded
// random moments while it delivers, and restarted on the same DATA_DIR each time. At the end
// every movement reached İYS exactly once (no duplicate effect on the simulator's movement log:
// a killed send is replayed to İYS's idempotent v2 add) and none is lost (every acknowledged
// capture's ONAY, and each follow-up's RET, is on İYS). SQLite: the restarted process leads at
// once and releases the dead one's leases instead of waiting for them to run out.
import { seededRandom } from '@izinli/iys-sim';
import type { ServedSim } from '@izinli/iys-sim';
import { afterAll, describe, expect, it } from 'vitest';
import { sleep } from './captures.test-support.js';
import {
  deliveryEnv,
  captureWaves,
  expectWavesDelivered,
  postAll,
  settled,
  simMovements,
  startSim,
} from './delivery.test-support.js';
import { makeDataDir, startServerProcess } from './server-process.test-support.js';
import type { ServerProcess } from './server-process.test-support.js';

/** People captured (MESAJ for all, ARAMA for every second: 150 movements), in waves. */
const PEOPLE = 100;
/** Of them, this many come back and untick MESAJ (a RET each) and tick ARAMA. */
const FOLLOW_UPS = 20;
/** People per wave (30 movements, over 3 s of sending at 9/s): each kill falls inside one. */
const WAVE = 20;
/** The waves after which the server is killed while delivering them (5 kills). */
const KILL_AFTER = new Set([0, 1, 2, 3, 5]);

const running: ServerProcess[] = [];
let served: ServedSim | undefined;
afterAll(async () => {
  for (const p of running) p.child.kill('SIGKILL');
  await served?.close();
});

describe('delivery crash safety', () => {
  it('A8: SIGKILLed five times while delivering, every movement reaches İYS exactly once and none is lost', async () => {
    const sim = await startSim();
    served = sim.served;
    const { dataDir, configFile } = makeDataDir();
    const env = { DATA_DIR: dataDir, IZINLI_CONFIG: configFile, ...deliveryEnv(served.url) };
    let server = await startServerProcess(env);
    running.push(server);

    const waves = captureWaves(PEOPLE, WAVE, FOLLOW_UPS);
    const random = seededRandom(20261201);
    const kills: { before: number; atKill: number; after: number }[] = [];
    let acknowledged = 0;
    for (const [w, wave] of waves.entries()) {
      const before = (await simMovements(served)).length;
      acknowledged += (await postAll(wave, () => server.url)).length;
      if (KILL_AFTER.has(w)) {
        // A moment while the wave is being delivered (30 movements take over 3 s at 9/s).
        await sleep(300 + Math.floor(random() * 1200));
        server.child.kill('SIGKILL');
        expect((await server.exited).signal).toBe('SIGKILL');
        const atKill = (await simMovements(served)).length;
        server = await startServerProcess(env);
        running.push(server);
        kills.push({ before, atKill, after: 0 });
      }
      // The next wave once this one is nearly through.
      await settled(() => server.url, 20_000, 5);
      if (KILL_AFTER.has(w)) kills.at(-1)!.after = (await simMovements(served)).length;
    }
    expect(acknowledged).toBe(PEOPLE + FOLLOW_UPS);
    // Every kill came with part of its wave sent and part not.
    expect(kills).toHaveLength(5);
    for (const k of kills) expect(k.atKill, JSON.stringify(kills)).toBeLessThan(k.after);
    expect(kills.filter((k) => k.atKill > k.before).length, JSON.stringify(kills)).toBeGreaterThan(
      2,
    );

    const rows = await settled(() => server.url, 20_000);
    await expectWavesDelivered(rows, served, PEOPLE, FOLLOW_UPS);
    // Nothing İYS would refuse reached it, however the kills fell (A18).
    const byCode = sim.sim.stats().byCode;
    expect([byCode.H174 ?? 0, byCode.H175 ?? 0, byCode.H178 ?? 0]).toEqual([0, 0, 0]);
    // The dead processes' leases were released on restart, not waited out.
    const logs = running.flatMap((p) => p.logs).join('\n');
    expect(logs).toContain('released leases of a previous leader');
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 90_000);
});
