import { describe, it, expect } from 'vitest';
import { IYS_ERRORS, IysChangesResponse } from '@izinli/core';
import { BASE, BRAND, call, consent, errorsOf, login, testSim } from '../sim.test-support.js';

async function setup() {
  const sim = testSim({ limits: { requestsPerSecond: 100_000 } });
  let token = await login(sim);
  const add = (body: unknown) => call(sim, 'POST', `${BASE}/consents`, { body, token });
  const changes = async (qs = '') => {
    token = await login(sim);
    return call(sim, 'GET', `${BASE}/consents/changes${qs}`, { token });
  };
  const citizen = (body: Record<string, unknown>) =>
    call(sim, 'POST', '/__sim/citizen/consents', { body: { brandCode: BRAND, ...body } });
  return { sim, add, changes, citizen };
}

describe('changes (pull)', () => {
  it('shows a provider movement under source=HS only after an hour', async () => {
    const { sim, add, changes } = await setup();
    const added = (await (await add(consent())).json()) as { transactionId: string };
    expect((await changes('?source=HS')).status).toBe(204);
    sim.advance(3_600_000);
    const res = await changes('?source=HS');
    expect(res.status).toBe(200);
    const body = IysChangesResponse.parse(await res.json());
    expect(body.list).toEqual([
      {
        consentDate: '2025-10-15 09:30:00',
        source: 'HS_WEB',
        recipient: '+905321234567',
        recipientType: 'BIREYSEL',
        status: 'ONAY',
        type: 'MESAJ',
        creationDate: '2025-10-15 10:00:00',
        transactionId: added.transactionId,
      },
    ]);
    expect(body.after).toBe(`${Date.parse('2025-10-15T07:00:00Z') / 1000}_${added.transactionId}`);
  });

  it('lists citizens movements under source=IYS, the default, with citizenName on a first access', async () => {
    const { sim, add, changes, citizen } = await setup();
    await add(consent());
    expect(
      (
        await citizen({
          recipient: '+905321234567',
          type: 'MESAJ',
          status: 'RET',
          source: 'IYS_KISAMESAJ',
        })
      ).status,
    ).toBe(201);
    await citizen({
      recipient: 'ali@example.com',
      type: 'EPOSTA',
      status: 'ONAY',
      citizenName: 'Ali Veli',
    });
    sim.advance(3_600_000);
    const body = IysChangesResponse.parse(await (await changes()).json());
    expect(body.list.map((m) => [m.source, m.status, m.citizenName])).toEqual([
      ['IYS_KISAMESAJ', 'RET', undefined],
      ['IYS_WEB_YENI', 'ONAY', 'Ali Veli'],
    ]);
  });

  it('pages oldest first with the after cursor and answers 204 when nothing is left', async () => {
    const { sim, add, changes } = await setup();
    for (let i = 0; i < 3; i++) {
      await add(consent({ recipient: `+90532123456${i}` }));
      sim.advance(1000);
    }
    sim.advance(3_600_000);
    const first = IysChangesResponse.parse(await (await changes('?source=HS&limit=2')).json());
    expect(first.list.map((m) => m.recipient)).toEqual(['+905321234560', '+905321234561']);
    const second = IysChangesResponse.parse(
      await (await changes(`?source=HS&limit=2&after=${first.after}`)).json(),
    );
    expect(second.list.map((m) => m.recipient)).toEqual(['+905321234562']);
    expect((await changes(`?source=HS&after=${second.after}`)).status).toBe(204);
    await add(consent({ recipient: '+905321234563' }));
    sim.advance(3_600_000);
    const third = IysChangesResponse.parse(
      await (await changes(`?source=HS&after=${second.after}`)).json(),
    );
    expect(third.list.map((m) => m.recipient)).toEqual(['+905321234563']);
  });

  it('covers the last 7 days only', async () => {
    const { sim, add, changes } = await setup();
    await add(consent());
    sim.advance(7 * 86_400_000 + 1000);
    expect((await changes('?source=HS')).status).toBe(204);
  });

  it('checks source and limit (H506, H507)', async () => {
    const { changes } = await setup();
    expect(await errorsOf(await changes('?source=SH'))).toEqual([
      { code: 'H506', message: IYS_ERRORS.H506.message, location: ['source'], value: 'SH' },
    ]);
    expect(await errorsOf(await changes('?limit=1500'))).toEqual([
      { code: 'H507', message: IYS_ERRORS.H507.message, location: ['limit'], value: '1500' },
    ]);
    expect((await changes('?after=garbage')).status).toBe(400);
  });
});

describe('changes (pull) and history after a batch', () => {
  it('shows batch writes in history at once and in pull an hour after processing', async () => {
    const sim = testSim({ limits: { requestsPerSecond: 100_000 } });
    const token = await login(sim);
    await call(sim, 'POST', `${BASE}/consents/request`, { body: [consent()], token });
    sim.advance(300_000);
    const history = await call(sim, 'POST', `${BASE}/consents/history`, {
      body: { recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ' },
      token,
    });
    expect(((await history.json()) as { list: unknown[] }).list).toHaveLength(1);
    expect((await call(sim, 'GET', `${BASE}/consents/changes?source=HS`, { token })).status).toBe(
      204,
    );
    sim.advance(3_600_000);
    const pulled = await call(sim, 'GET', `${BASE}/consents/changes?source=HS`, {
      token: await login(sim),
    });
    const body = IysChangesResponse.parse(await pulled.json());
    expect(body.list[0]).toMatchObject({ creationDate: '2025-10-15 10:05:00', source: 'HS_WEB' });
  });
});
