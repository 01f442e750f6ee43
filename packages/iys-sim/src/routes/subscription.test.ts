import { describe, it, expect } from 'vitest';
import { IYS_ERRORS } from '@izinli/core';
import { BASE, IYS, call, consent, errorsOf, login, testSim } from '../sim.test-support.js';
import type { SimAccountState } from '../subscription.js';
import { DEMO_ACCOUNT } from '../options.js';

async function setup(options: Parameters<typeof testSim>[0] = {}) {
  const sim = testSim({ limits: { requestsPerSecond: 1000 }, ...options });
  const token = await login(sim);
  const query = () => call(sim, 'GET', `/sps/${IYS}/subscription`, { token });
  const add = (body: unknown) => call(sim, 'POST', `${BASE}/consents`, { body, token });
  const setState = (state: SimAccountState) =>
    call(sim, 'PUT', `/__sim/accounts/${IYS}`, { body: { state } });
  return { sim, token, query, add, setState };
}

describe('subscription query (GET /sps/{iysCode}/subscription)', () => {
  it('answers the HS subscription with the addresses used so far', async () => {
    const { query, add } = await setup();
    expect((await add(consent())).status).toBe(200);
    expect((await add(consent({ type: 'ARAMA' }))).status).toBe(200);
    const res = await query();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      subscriptionId: `${IYS}01`,
      startDate: '2025-01-01 00:00:00',
      expirationDate: '2030-12-31 23:59:59',
      subscriptionPackageName: 'İleti-5 (Seviye 1)',
      status: 'ACTIVE',
      consentLimit: 1_000_000,
      consentLimitExceed: false,
      usedConsentLimit: 1,
    });
  });

  it('refuses another iysCode with H353', async () => {
    const { sim, token } = await setup();
    const res = await call(sim, 'GET', '/sps/999999/subscription', { token });
    expect(res.status).toBe(403);
    expect((await errorsOf(res))[0]!.code).toBe('H353');
  });
});

describe('account states', () => {
  it.each([
    ['closed', 403, 'H521', IYS_ERRORS.H521.message],
    [
      'paused',
      403,
      'H520',
      'Abonelik durumu PAUSED iken sadece HS abonelik sorgulama servisine istek atılabilir.',
    ],
    [
      'expired',
      403,
      'H520',
      'Abonelik durumu EXPIRED iken sadece HS abonelik sorgulama servisine istek atılabilir.',
    ],
    ['no-subscription', 403, 'H524', `${IYS} için ait abonelik kaydı bulunamadı`],
    ['no-api-package', 403, 'H586', IYS_ERRORS.H586.message],
  ] as const)('%s: every consent call answers %i %s', async (state, status, code, message) => {
    const { sim, token, add, setState } = await setup();
    expect((await setState(state)).status).toBe(200);
    for (const res of [
      await add(consent()),
      await call(sim, 'POST', `/v2${BASE}/consents`, { body: consent(), token }),
      await call(sim, 'GET', `/sps/${IYS}/brands`, { token }),
      await call(sim, 'GET', `${BASE}/consents/changes`, { token }),
    ]) {
      expect(res.status).toBe(status);
      expect(await errorsOf(res)).toEqual([{ code, message }]);
    }
  });

  it('lets the subscription query through while paused or expired, and shows the state', async () => {
    const { query, setState } = await setup();
    await setState('paused');
    expect(await (await query()).json()).toMatchObject({ status: 'PAUSED' });
    await setState('expired');
    expect(await (await query()).json()).toMatchObject({ status: 'EXPIRED' });
    await setState('closed');
    expect((await errorsOf(await query()))[0]!.code).toBe('H521');
    await setState('no-api-package');
    expect((await errorsOf(await query()))[0]!.code).toBe('H586');
  });

  it('answers the query of an account with no subscription 404 H437, as its example', async () => {
    const { query } = await setup({ accounts: [{ ...DEMO_ACCOUNT, state: 'no-subscription' }] });
    const res = await query();
    expect(res.status).toBe(404);
    expect(await errorsOf(res)).toEqual([
      { code: 'H437', message: `IYS numarası:${IYS} ile abonelik bulunamadı.` },
    ]);
  });

  it('takes the state from the accounts option and puts it back on reset', async () => {
    const { sim, add } = await setup({ accounts: [{ ...DEMO_ACCOUNT, state: 'closed' }] });
    expect((await errorsOf(await add(consent())))[0]!.code).toBe('H521');
    await call(sim, 'PUT', `/__sim/accounts/${IYS}`, { body: { state: 'active' } });
    expect((await add(consent())).status).toBe(200);
    const accounts = await call(sim, 'GET', '/__sim/accounts');
    expect(await accounts.json()).toEqual([{ username: 'demo', iysCode: IYS, state: 'active' }]);
    sim.reset();
    expect((await call(sim, 'GET', '/__sim/accounts').then((r) => r.json())) as unknown).toEqual([
      { username: 'demo', iysCode: IYS, state: 'closed' },
    ]);
  });

  it('refuses an unknown state or account on /__sim/accounts', async () => {
    const { sim } = await setup();
    const bad = await call(sim, 'PUT', `/__sim/accounts/${IYS}`, { body: { state: 'gone' } });
    expect(bad.status).toBe(400);
    const unknown = await call(sim, 'PUT', '/__sim/accounts/1', { body: { state: 'closed' } });
    expect(unknown.status).toBe(404);
  });
});

describe('consent quota (H525)', () => {
  it('refuses a new address once the package is full, never an update of one it holds', async () => {
    const { add, query } = await setup({
      accounts: [{ ...DEMO_ACCOUNT, subscription: { consentLimit: 1 } }],
    });
    expect((await add(consent())).status).toBe(200);
    const full = await add(consent({ recipient: '+905321234568' }));
    expect(full.status).toBe(422);
    expect(await errorsOf(full)).toEqual([{ code: 'H525', message: IYS_ERRORS.H525.message }]);
    // Same address, another channel and a later RET: not a new address.
    expect((await add(consent({ type: 'ARAMA' }))).status).toBe(200);
    expect((await add(consent({ status: 'RET', consentDate: '2025-10-15 09:45:00' }))).status).toBe(
      200,
    );
    expect(await (await query()).json()).toMatchObject({ consentLimit: 1, usedConsentLimit: 1 });
  });

  it('lets a package that may exceed its limit go past it', async () => {
    const { add } = await setup({
      accounts: [{ ...DEMO_ACCOUNT, subscription: { consentLimit: 1, consentLimitExceed: true } }],
    });
    expect((await add(consent())).status).toBe(200);
    expect((await add(consent({ recipient: '+905321234568' }))).status).toBe(200);
  });

  it('refuses a whole batch at submission when the package is already full', async () => {
    const { sim, token, setState } = await setup();
    await setState('quota-reached');
    const submitted = await call(sim, 'POST', `${BASE}/consents/request`, {
      body: [consent()],
      token,
    });
    expect(submitted.status).toBe(422);
    expect(await errorsOf(submitted)).toEqual([{ code: 'H525', message: IYS_ERRORS.H525.message }]);
  });

  it('refuses new addresses item by item when the package fills while a batch waits', async () => {
    const { sim, token, add } = await setup({
      accounts: [{ ...DEMO_ACCOUNT, subscription: { consentLimit: 1 } }],
    });
    const submitted = await call(sim, 'POST', `${BASE}/consents/request`, {
      body: [consent({ recipient: '+905321234568' })],
      token,
    });
    expect(submitted.status).toBe(202);
    const { requestId } = (await submitted.json()) as { requestId: string };
    expect((await add(consent())).status).toBe(200);
    sim.advance(300_000);
    const res = await call(sim, 'GET', `${BASE}/consents/request/${requestId}`, {
      token: await login(sim),
    });
    expect(await res.json()).toMatchObject([
      { status: 'failure', error: { code: 'H525', message: IYS_ERRORS.H525.message } },
    ]);
  });
});
