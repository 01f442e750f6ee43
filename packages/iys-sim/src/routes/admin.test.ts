import { describe, it, expect } from 'vitest';
import { BASE, BRAND, call, consent, login, testSim } from '../sim.test-support.js';

describe('/__sim inspection and control', () => {
  it('lists consents, movements, batches and stats', async () => {
    const sim = testSim();
    const token = await login(sim);
    await call(sim, 'POST', `${BASE}/consents`, { body: consent(), token });
    await call(sim, 'POST', `${BASE}/consents/request`, {
      body: [consent({ recipient: 'a@example.com', type: 'EPOSTA' })],
      token,
    });
    const consents = (await (await call(sim, 'GET', '/__sim/consents')).json()) as {
      recipient: string;
    }[];
    expect(consents.map((c) => c.recipient)).toEqual(['+905321234567']);
    const movements = (await (await call(sim, 'GET', '/__sim/movements?source=HS')).json()) as {
      origin: string;
    }[];
    expect(movements.map((m) => m.origin)).toEqual(['single-v1']);
    const batches = (await (await call(sim, 'GET', '/__sim/batches')).json()) as {
      processed: boolean;
    }[];
    expect(batches).toMatchObject([{ items: 1, processed: false }]);
    const stats = (await (await call(sim, 'GET', '/__sim/stats')).json()) as {
      requests: number;
      consents: number;
    };
    expect(stats).toMatchObject({ requests: 3, consents: 1 });
  });

  it('moves the clock forward and processes what became due', async () => {
    const sim = testSim();
    const token = await login(sim);
    await call(sim, 'POST', `${BASE}/consents/request`, { body: [consent()], token });
    const res = await call(sim, 'POST', '/__sim/clock', { body: { advanceMs: 300_000 } });
    expect(await res.json()).toEqual({
      now: '2025-10-15T07:05:00.000Z',
      iysNow: '2025-10-15 10:05:00',
      speed: 1,
    });
    expect(sim.context.state.consents.size).toBe(1);
    expect((await call(sim, 'POST', '/__sim/clock', { body: { advanceMs: -5 } })).status).toBe(400);
  });

  it('records a citizen act on İYS and refuses a bad one', async () => {
    const sim = testSim();
    const ok = await call(sim, 'POST', '/__sim/citizen/consents', {
      body: {
        brandCode: BRAND,
        recipient: '+905321234567',
        type: 'MESAJ',
        status: 'RET',
        source: 'IYS_CM',
        consentDate: '2025-10-15 09:00:00',
      },
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({
      source: 'IYS_CM',
      status: 'RET',
      consentDate: '2025-10-15 09:00:00',
    });
    const bad = await call(sim, 'POST', '/__sim/citizen/consents', {
      body: {
        brandCode: BRAND,
        recipient: '+905321234567',
        type: 'MESAJ',
        status: 'RET',
        source: 'HS_WEB',
      },
    });
    expect(bad.status).toBe(400);
    const unknownBrand = await call(sim, 'POST', '/__sim/citizen/consents', {
      body: { brandCode: 1, recipient: '+905321234567', type: 'MESAJ', status: 'RET' },
    });
    expect(((await unknownBrand.json()) as { error: { code: string } }).error.code).toBe(
      'citizen.brand',
    );
  });

  it('resets everything, tokens included', async () => {
    const sim = testSim();
    const token = await login(sim);
    await call(sim, 'POST', `${BASE}/consents`, { body: consent(), token });
    expect((await call(sim, 'POST', '/__sim/reset')).status).toBe(204);
    expect(sim.stats()).toMatchObject({ consents: 0, movements: 0, requests: 0 });
    expect((await call(sim, 'POST', `${BASE}/consents`, { body: consent(), token })).status).toBe(
      401,
    );
  });

  it('revokes every token on demand, so clients can test their re-login path', async () => {
    const sim = testSim();
    const token = await login(sim);
    await call(sim, 'POST', '/__sim/tokens/revoke');
    expect((await call(sim, 'GET', '/sps/100000/brands', { token })).status).toBe(401);
  });
});
