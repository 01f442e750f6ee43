import { describe, it, expect } from 'vitest';
import { IYS_ERRORS } from '@izinli/core';
import { DEMO_ACCOUNT } from './options.js';
import { BASE, call, errorsOf, login, testSim } from './sim.test-support.js';

describe('per-IP limits', () => {
  it('answers the 11th request within a second from one IP with 429 H124', async () => {
    const sim = testSim();
    const token = await login(sim, '10.0.0.1');
    const get = (ip: string) =>
      call(sim, 'GET', `/sps/${DEMO_ACCOUNT.iysCode}/brands`, { token, ip });
    for (let i = 0; i < 9; i++) expect((await get('10.0.0.1')).status).toBe(200);
    const limited = await get('10.0.0.1');
    expect(limited.status).toBe(429);
    expect(await errorsOf(limited)).toEqual([{ code: 'H124', message: IYS_ERRORS.H124.message }]);
    expect((await get('10.0.0.2')).status).toBe(200);
    sim.advance(1000);
    expect((await get('10.0.0.1')).status).toBe(200);
  });

  it('warns about an IP with at least 20,000 requests in 24 h and under 70 % success', async () => {
    const sim = testSim({ limits: { healthMinRequests: 10, requestsPerSecond: 1000 } });
    const token = await login(sim, '10.0.0.7');
    for (let i = 0; i < 3; i++)
      await call(sim, 'GET', `/sps/${DEMO_ACCOUNT.iysCode}/brands`, { token, ip: '10.0.0.7' });
    for (let i = 0; i < 5; i++)
      await call(sim, 'POST', `${BASE}/consents`, { body: {}, token, ip: '10.0.0.7' });
    expect(sim.stats().health[0]).toMatchObject({
      ip: '10.0.0.7',
      requests24h: 9,
      clientErrors24h: 5,
      warning: false,
    });
    await call(sim, 'POST', `${BASE}/consents`, { body: {}, token, ip: '10.0.0.7' });
    const health = sim.stats().health[0]!;
    expect(health).toMatchObject({
      requests24h: 10,
      warning: true,
      warnedAt: '2025-10-15T07:00:00.000Z',
      delistAt: '2025-10-19T07:00:00.000Z',
    });
    sim.advance(25 * 3_600_000);
    expect(sim.stats().health).toEqual([]);
  });

  it('reports counters by status and by İYS code', async () => {
    const sim = testSim();
    await call(sim, 'POST', `${BASE}/consents`, { body: {} });
    const stats = sim.stats();
    expect(stats.byStatus).toEqual({ 401: 1 });
    expect(stats.byCode).toEqual({ H351: 1 });
  });
});
