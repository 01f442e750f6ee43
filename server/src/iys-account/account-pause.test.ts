// An İYS account that İYS refuses as a whole (its subscription closed, a gateway in front of it)
// pauses: no consent is dead-lettered for it, nothing more is sent until a probe, the sites hear
// of it, and once İYS answers normally again every waiting consent is delivered before its deadline.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountPauses } from './account-pause.js';
import { phone } from '../store/contract/store-fixtures.test-support.js';
import { HOUR, MINUTE, startHarness } from '../delivery/delivery-sim.test-support.js';
import type { DeliveryHarness } from '../delivery/delivery-sim.test-support.js';

let h: DeliveryHarness;
afterEach(() => h.close());

const setAccount = (state: string) =>
  fetch(`${h.served.url}/__sim/accounts/100000`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state }),
  });

async function backlog(n: number) {
  const specs = Array.from({ length: n }, (_, i) => ({
    recipient: phone(500 + i),
    minutesAgo: 30,
  }));
  return h.enqueue(specs);
}

const eventTypes = async () =>
  (await h.store.webhookEvents('ornek-kitabevi-demo-0001', 100)).map((e) => e.type);

describe('İYS account pause (A8, A18)', () => {
  it('A8, A18: a subscription closed mid-backlog pauses the account with no dead letter; reopened, every consent is delivered in time', async () => {
    h = await startHarness();
    const made = await backlog(6);
    const worker = h.worker({ claimLimit: 2, maxClaims: 1 });
    const [first] = await worker.runOnce();
    expect(first!.delivered).toBe(2);

    expect((await setAccount('closed')).status).toBe(200);
    const [refused] = await worker.runOnce();
    expect(refused!.accountFailure).toMatchObject({ code: 'H521', status: 403 });
    expect(refused!.dead).toBe(0);
    const [account] = await h.store.iysAccounts();
    expect(account).toMatchObject({ iysCode: 100000, state: 'paused', probes: 0 });
    expect(account!.cause?.code).toBe('H521');
    expect(await eventTypes()).toContain('iys.account_paused');

    // Paused: the next runs send nothing until the probe is due.
    const before = h.sent.length;
    const [waiting] = await h.worker().runOnce();
    expect(waiting!.paused).toBe(true);
    expect(h.sent.length).toBe(before);

    // The probe (one movement) is refused again: still paused, probed later.
    h.sim.advance(16 * MINUTE);
    const [probe] = await h.worker().runOnce();
    expect(probe!.sent).toBe(1);
    expect((await h.store.iysAccounts())[0]).toMatchObject({ state: 'paused', probes: 1 });

    expect((await setAccount('active')).status).toBe(200);
    h.sim.advance(16 * MINUTE);
    await h.worker().runOnce();
    expect((await h.store.iysAccounts())[0]!.state).toBe('active');
    expect(await eventTypes()).toContain('iys.account_resumed');
    await h.worker().runOnce();

    const movements = await h.store.movements({});
    expect(movements.filter((m) => m.state === 'dead')).toEqual([]);
    expect(movements.map((m) => m.state)).toEqual(made.map(() => 'delivered'));
    const onIys = await h.simMovements();
    expect(onIys).toHaveLength(6);
    for (const m of movements) {
      const delivered = onIys.find((s) => s.recipient === m.recipient)!;
      expect(Date.parse(delivered.consentDate.replace(' ', 'T') + '+03:00')).toBeLessThan(
        Date.parse(m.deadline),
      );
    }
  });

  it('A18: a gateway’s HTML 403 pauses the account at the first answer, never after five tries per consent', async () => {
    h = await startHarness();
    await backlog(4);
    h.sim.setFaults({ errorRate: 1, errorKinds: ['gateway-403'] });
    const [refused] = await h.worker().runOnce();
    expect(refused!.accountFailure).toMatchObject({ code: 'gateway', status: 403 });
    expect(refused!.dead).toBe(0);
    const log = h.logs.join('');
    expect(log).toContain('IP address is on the İYS account');
    // Ten more runs an hour apart, the gateway still refusing: probes only, no dead letter.
    for (let i = 0; i < 10; i += 1) {
      h.sim.advance(HOUR);
      await h.worker().runOnce();
    }
    const movements = await h.store.movements({});
    expect(movements.filter((m) => m.state === 'dead')).toEqual([]);
    expect(Math.max(...movements.map((m) => m.attempts))).toBeLessThanOrEqual(11);
    h.sim.setFaults({ errorRate: 0 });
    h.sim.advance(HOUR);
    await h.worker().runOnce();
    await h.worker().runOnce();
    expect((await h.store.movements({})).every((m) => m.state === 'delivered')).toBe(true);
  });
});

describe('the probe schedule', () => {
  it('first probe between half and all of IYS_PROBE_MS, doubling to at most 30 times it', async () => {
    const written: string[] = [];
    const store = {
      iysAccounts: () => Promise.resolve([]),
      pauseIysAccount: (p: { nextProbeAt: string }) => {
        written.push(p.nextProbeAt);
        return Promise.resolve(true);
      },
      resumeIysAccount: () => Promise.resolve(true),
      iysToken: () => Promise.resolve(undefined),
      setIysToken: () => Promise.resolve(),
      reserveIysTokenGrant: () => Promise.resolve({ granted: true as const, count: 1 }),
      iysTokenGrants: () => Promise.resolve(0),
    };
    const cause = { code: 'H521', message: 'kapalı', status: 403 };
    const now = new Date('2026-12-01T09:00:00Z');
    const delays = async (random: number, probes: number[]) => {
      written.length = 0;
      const pauses = new AccountPauses({
        store,
        config: () => ({ sites: new Map() }) as never,
        logger: pino({ level: 'silent' }),
        probeMs: 1000,
        random: () => random,
      });
      for (const n of probes) await pauses.pause(100000, cause, now, n);
      return written.map((at) => Date.parse(at) - now.getTime());
    };
    const least = await delays(0, [0, 5]);
    expect(least).toEqual([500, 500]);
    const most = await delays(0.999_999, [0, 1, 2, 10]);
    expect(most[0]).toBeLessThanOrEqual(1000);
    expect(most[1]).toBeGreaterThan(1000);
    expect(most[3]).toBeLessThanOrEqual(30_000);
    expect(most[3]).toBeGreaterThan(29_000);
  });
});
