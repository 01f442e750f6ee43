import { describe, it, expect } from 'vitest';
import { IYS_ERRORS } from '@izinli/core';
import { BASE, IYS, call, consent, errorsOf, login, testSim } from './sim.test-support.js';
import { GATEWAY_FORBIDDEN_HTML } from './whitelist-policy.js';

describe('allowed-IP policy', () => {
  it('answers an IP off the whitelist with a gateway HTML 403, not JSON', async () => {
    const sim = testSim({ whitelist: { allowedIps: ['10.0.0.1'] } });
    const res = await call(sim, 'POST', '/oauth2/token', { body: {}, ip: '10.0.0.2' });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toBe(GATEWAY_FORBIDDEN_HTML);
    expect(await login(sim, '10.0.0.1')).toBeTruthy();
    // /__sim is never behind the gateway.
    expect((await call(sim, 'GET', '/__sim/whitelist', { ip: '10.0.0.2' })).status).toBe(200);
  });

  it('takes an IP off the whitelist 96 h after the 70 % warning when the rule is enforced', async () => {
    const sim = testSim({
      limits: { requestsPerSecond: 100_000, healthMinRequests: 10 },
      whitelist: { enforceDelisting: true },
    });
    let token = '';
    // Failing traffic all along: a quiet IP would count as recovered.
    const failMany = async () => {
      token = await login(sim);
      for (let i = 0; i < 12; i++) {
        await call(sim, 'POST', `${BASE}/consents`, { body: { bad: true }, token });
      }
    };
    await failMany();
    const stats = sim.stats().health.find((h) => h.ip === '127.0.0.1');
    expect(stats?.warning).toBe(true);
    for (let hours = 12; hours < 96; hours += 12) {
      sim.advance(12 * 3_600_000);
      await failMany();
    }
    sim.advance(12 * 3_600_000);
    const res = await call(sim, 'GET', `/sps/${IYS}/brands`, { token });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('403 Forbidden');
    const listed = await call(sim, 'GET', '/__sim/whitelist');
    expect(await listed.json()).toEqual({
      allowedIps: null,
      enforceDelisting: true,
      delisted: ['127.0.0.1'],
    });
    // Put back by hand, as İYS does on request.
    await call(sim, 'PUT', '/__sim/whitelist', { body: { delisted: [], enforceDelisting: false } });
    expect((await call(sim, 'GET', `/sps/${IYS}/brands`, { token: await login(sim) })).status).toBe(
      200,
    );
  });

  it('refuses a malformed whitelist update', async () => {
    const sim = testSim();
    const res = await call(sim, 'PUT', '/__sim/whitelist', { body: { allowedIps: 'all' } });
    expect(res.status).toBe(400);
  });
});

describe('account-level faults', () => {
  it.each([
    ['H521', 403],
    ['H524', 403],
    ['H586', 403],
    ['H525', 422],
  ] as const)('errorKinds [%s] answers every İYS call %i with that code', async (kind, status) => {
    const sim = testSim();
    const token = await login(sim);
    sim.setFaults({ errorRate: 1, errorKinds: [kind] });
    const res = await call(sim, 'POST', `${BASE}/consents`, { body: consent(), token });
    expect(res.status).toBe(status);
    const [error] = await errorsOf(res);
    expect(error!.code).toBe(kind);
    if (kind !== 'H524') expect(error!.message).toBe(IYS_ERRORS[kind].message);
    else expect(error!.message).toBe(`${IYS} için ait abonelik kaydı bulunamadı`);
  });

  it('gateway-403 answers HTML; bad-credentials refuses the password and every token', async () => {
    const sim = testSim();
    const token = await login(sim);
    const put = await call(sim, 'PUT', '/__sim/faults', {
      body: { errorRate: 1, errorKinds: ['gateway-403'] },
    });
    expect(put.status).toBe(200);
    const html = await call(sim, 'GET', `/sps/${IYS}/brands`, { token });
    expect([html.status, await html.text()]).toEqual([403, GATEWAY_FORBIDDEN_HTML]);
    sim.setFaults({ errorKinds: ['bad-credentials'] });
    const denied = await call(sim, 'GET', `/sps/${IYS}/brands`, { token });
    expect([denied.status, (await errorsOf(denied))[0]!.code]).toEqual([401, 'H351']);
    await expect(login(sim)).rejects.toThrow(/400.*Kullanıcı kimlik bilgileri geçersiz/);
  });
});
