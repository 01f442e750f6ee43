import { describe, it, expect } from 'vitest';
import { IYS_ERRORS, IysHistoryResponse } from '@izinli/core';
import { BASE, call, consent, errorsOf, login, testSim } from '../sim.test-support.js';

const query = { recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ' };

async function setup(options: Parameters<typeof testSim>[0] = {}) {
  const sim = testSim({ limits: { requestsPerSecond: 100_000 }, ...options });
  const token = await login(sim);
  const add = (body: unknown) => call(sim, 'POST', `${BASE}/consents`, { body, token });
  const history = (qs = '', body: unknown = query) =>
    call(sim, 'POST', `${BASE}/consents/history${qs}`, { body, token });
  return { sim, add, history };
}

describe('history', () => {
  it('lists a key movements newest consentDate first, paged', async () => {
    const { sim, add, history } = await setup();
    await add(consent({ consentDate: '2025-10-15 09:00:00' }));
    sim.advance(1000);
    await add(consent({ status: 'RET', consentDate: '2025-10-15 09:10:00' }));
    sim.advance(1000);
    await add(consent({ consentDate: '2025-10-15 09:20:00' }));
    const all = IysHistoryResponse.parse(await (await history()).json());
    expect(all.list.map((m) => m.consentDate)).toEqual([
      '2025-10-15 09:20:00',
      '2025-10-15 09:10:00',
      '2025-10-15 09:00:00',
    ]);
    expect(all.pagination).toEqual({ totalCount: 3, pageSize: 3, offset: 0 });
    const page = IysHistoryResponse.parse(await (await history('?limit=1&offset=1')).json());
    expect(page.list.map((m) => m.status)).toEqual(['RET']);
    expect(page.pagination).toEqual({ totalCount: 3, pageSize: 1, offset: 1 });
  });

  it('answers an empty list for an unknown key', async () => {
    const { history } = await setup();
    const res = await history();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      list: [],
      pagination: { totalCount: 0, pageSize: 0, offset: 0 },
    });
  });

  it('checks limit and offset (H183, H187, H186, H182)', async () => {
    const { history } = await setup();
    expect(await errorsOf(await history('?limit=-1'))).toEqual([
      { code: 'H183', message: IYS_ERRORS.H183.message, location: ['limit'], value: '-1' },
    ]);
    expect((await errorsOf(await history('?limit=0')))[0]!.code).toBe('H187');
    expect((await errorsOf(await history('?limit=1000')))[0]!.code).toBe('H186');
    expect(await errorsOf(await history('?offset=x'))).toEqual([
      { code: 'H182', message: IYS_ERRORS.H182.message, location: ['offset'], value: 'x' },
    ]);
  });

  it('allows 100 history queries per IP per hour, then answers 429 H089', async () => {
    const { history } = await setup({ limits: { historyPerHour: 2, requestsPerSecond: 100 } });
    await history();
    await history();
    const res = await history();
    expect(res.status).toBe(429);
    expect(await errorsOf(res)).toEqual([{ code: 'H089', message: IYS_ERRORS.H089.message }]);
  });
});
