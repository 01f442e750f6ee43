import { describe, it, expect } from 'vitest';
import { IYS_ERRORS } from '@izinli/core';
import { DEMO_ACCOUNT } from './options.js';
import { BASE, call, consent, errorsOf, login, seededRandom, testSim } from './sim.test-support.js';

const password = {
  grant_type: 'password',
  username: DEMO_ACCOUNT.username,
  password: DEMO_ACCOUNT.password,
};

/** A random source that returns the given values in turn, then 0.99. */
const script =
  (...values: number[]) =>
  () =>
    values.shift() ?? 0.99;

describe('fault injection', () => {
  it('answers a share of requests with 500 H015, 503 H192 or 400 H123', async () => {
    const sim = testSim({ limits: { requestsPerSecond: 1000 } });
    const token = await login(sim);
    sim.setFaults({ errorRate: 1, errorKinds: ['H123'] });
    const busy = await call(sim, 'POST', `${BASE}/consents`, { body: consent(), token });
    expect(busy.status).toBe(400);
    expect(await errorsOf(busy)).toEqual([{ code: 'H123', message: IYS_ERRORS.H123.message }]);
    sim.setFaults({ errorKinds: ['500'] });
    const crash = await call(sim, 'POST', `${BASE}/consents`, { body: consent(), token });
    expect(crash.status).toBe(500);
    expect((await errorsOf(crash))[0]!.code).toBe('H015');
    sim.setFaults({ errorKinds: ['503'] });
    expect(
      (await errorsOf(await call(sim, 'POST', `${BASE}/consents`, { body: consent(), token })))[0]!
        .code,
    ).toBe('H192');
    sim.clearFaults();
    expect((await call(sim, 'POST', `${BASE}/consents`, { body: consent(), token })).status).toBe(
      200,
    );
  });

  it('draws every fault from the injected random source, so a seed replays the same faults', async () => {
    const run = async () => {
      const sim = testSim({
        random: seededRandom(42),
        limits: { requestsPerSecond: 1000 },
        faults: { errorRate: 0.5 },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++)
        statuses.push((await call(sim, 'POST', '/oauth2/token', { body: password })).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it('fails token requests on their own with tokenFailureRate', async () => {
    const sim = testSim({ random: script(0.1, 0.9), faults: { tokenFailureRate: 0.5 } });
    const failed = await call(sim, 'POST', '/oauth2/token', { body: password });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({
      errors: [{ message: 'Beklenmedik bir hata oluştu!', code: 'H015' }],
    });
    expect((await call(sim, 'POST', '/oauth2/token', { body: password })).status).toBe(200);
  });

  it('answers every İYS request with a bare 503 during an outage window, but not /__sim', async () => {
    const sim = testSim({
      faults: { outage: { from: '2025-10-15T07:00:00Z', to: '2025-10-15T07:10:00Z' } },
    });
    const res = await call(sim, 'POST', '/oauth2/token', { body: password });
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('Service Unavailable');
    expect((await call(sim, 'GET', '/__sim/stats')).status).toBe(200);
    sim.advance(600_000);
    expect((await call(sim, 'POST', '/oauth2/token', { body: password })).status).toBe(200);
  });

  it('drops connections: the in-process fetch rejects like a network error', async () => {
    const sim = testSim({ faults: { dropRate: 1 } });
    await expect(call(sim, 'POST', '/oauth2/token', { body: password })).rejects.toThrow(TypeError);
    expect(sim.stats().dropped).toBe(1);
  });

  it('adds latency through the injected sleep', async () => {
    const slept: number[] = [];
    const sim = testSim({ sleep: async (ms) => void slept.push(ms), faults: { latencyMs: 250 } });
    await call(sim, 'POST', '/oauth2/token', { body: password });
    expect(slept).toEqual([250]);
  });

  it('is controlled over HTTP under /__sim/faults and refuses bad settings', async () => {
    const sim = testSim();
    const put = await call(sim, 'PUT', '/__sim/faults', { body: { errorRate: 0.25 } });
    expect(put.status).toBe(200);
    expect(sim.faults.errorRate).toBe(0.25);
    const bad = await call(sim, 'PUT', '/__sim/faults', { body: { errorRate: 2 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('faults.invalid');
    expect((await call(sim, 'PUT', '/__sim/faults', { body: { sparkles: true } })).status).toBe(
      400,
    );
    await call(sim, 'DELETE', '/__sim/faults');
    expect(sim.faults.errorRate).toBe(0);
    expect(() => sim.setFaults({ dropRate: -1 })).toThrow(RangeError);
    expect(() => testSim({ faults: { errorKinds: [] } })).toThrow(RangeError);
  });
});
