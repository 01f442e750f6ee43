import { describe, it, expect } from 'vitest';
import { IYS_ERRORS, IysStatusResponse } from '@izinli/core';
import { BASE, call, consent, errorsOf, login, testSim } from '../sim.test-support.js';

async function setup(options: Parameters<typeof testSim>[0] = {}) {
  const sim = testSim({ limits: { requestsPerSecond: 100_000 }, ...options });
  const token = await login(sim);
  const add = (body: unknown) => call(sim, 'POST', `${BASE}/consents`, { body, token });
  const status = (body: unknown, ip?: string) =>
    call(sim, 'POST', `${BASE}/consents/status`, { body, token, ...(ip ? { ip } : {}) });
  const multi = (recipientType: string, type: string, body: unknown) =>
    call(sim, 'POST', `${BASE}/consents/${recipientType}/status/${type}`, { body, token });
  return { sim, token, add, status, multi };
}

const query = { recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ' };

describe('single status', () => {
  it('answers the current record in the documented shape', async () => {
    const { add, status } = await setup();
    const added = (await (await add(consent())).json()) as { transactionId: string };
    const res = await status(query);
    expect(res.status).toBe(200);
    const body = IysStatusResponse.parse(await res.json());
    expect(body).toEqual({
      consentDate: '2025-10-15 09:30:00',
      source: 'HS_WEB',
      recipientType: 'BIREYSEL',
      status: 'ONAY',
      type: 'MESAJ',
      recipient: '+905321234567',
      creationDate: '2025-10-15 10:00:00',
      transactionId: added.transactionId,
    });
  });

  it('finds an e-mail whatever its case', async () => {
    const { add, status } = await setup();
    await add(consent({ recipient: 'ayse@example.com', type: 'EPOSTA' }));
    const res = await status({
      recipient: 'Ayse@Example.com',
      recipientType: 'BIREYSEL',
      type: 'EPOSTA',
    });
    expect(((await res.json()) as { recipient: string }).recipient).toBe('ayse@example.com');
  });

  it('answers a recipient without a record with 404 and an errors body (simulator decision)', async () => {
    const { status } = await setup();
    const res = await status(query);
    expect(res.status).toBe(404);
    expect(await errorsOf(res)).toEqual([{ code: 'H1084', message: IYS_ERRORS.H1084.message }]);
  });

  it('checks the body: H170 missing recipientType, H117 bad type, H166 long phone, H120 bad e-mail', async () => {
    const { status } = await setup();
    expect(await errorsOf(await status({ recipient: '+905321234567', type: 'MESAJ' }))).toEqual([
      { code: 'H170', message: IYS_ERRORS.H170.message, location: ['recipientType'] },
    ]);
    expect((await errorsOf(await status({ ...query, type: 'ARAMAA' })))[0]).toMatchObject({
      code: 'H117',
      value: 'ARAMAA',
    });
    expect(
      await errorsOf(await status({ ...query, recipient: '+0554321323223333333333' })),
    ).toEqual([
      {
        code: 'H166',
        message: 'Alıcı için telefon numaraları 15 karakterden uzun olmamalıdır.',
        location: ['recipient'],
        value: '+0554321323223333333333',
      },
    ]);
    const email = await status({ ...query, type: 'EPOSTA', recipient: 'ornekmail.com' });
    expect(email.status).toBe(422);
    expect((await errorsOf(email))[0]!.code).toBe('H120');
  });

  it('allows 1000 status queries per IP per hour, then answers 429 H086', async () => {
    const { sim, status } = await setup({ limits: { statusPerHour: 3, requestsPerSecond: 100 } });
    for (let i = 0; i < 3; i++) expect((await status(query)).status).toBe(404);
    const res = await status(query);
    expect(res.status).toBe(429);
    expect(await errorsOf(res)).toEqual([{ code: 'H086', message: IYS_ERRORS.H086.message }]);
    expect((await status(query, '10.9.9.9')).status).toBe(404);
    sim.advance(3_600_000);
    expect((await status(query)).status).toBe(404);
  });
});

describe('multi status', () => {
  it('lists only the recipients whose current status is ONAY', async () => {
    const { sim, add, multi } = await setup();
    await add(consent());
    await add(consent({ recipient: '+905321234568' }));
    sim.advance(1000);
    await add(
      consent({ recipient: '+905321234568', status: 'RET', consentDate: '2025-10-15 09:45:00' }),
    );
    const res = await multi('BIREYSEL', 'MESAJ', {
      recipients: ['+905321234567', '+905321234568', '+905321234569'],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { requestId: string; list: string[] };
    expect(body.list).toEqual(['+905321234567']);
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const arama = (await (
      await multi('BIREYSEL', 'ARAMA', { recipients: ['+905321234567'] })
    ).json()) as { list: string[] };
    expect(arama.list).toEqual([]);
  });

  it('checks the path and the list (H116, H117, H168, H478, H164, H127, H464, H193)', async () => {
    const { multi } = await setup();
    const codes = async (res: Response) => (await errorsOf(res)).map((e) => e.code);
    expect(await codes(await multi('KISI', 'MESAJ', { recipients: ['+905321234567'] }))).toEqual([
      'H116',
    ]);
    expect(await codes(await multi('BIREYSEL', 'SMS', { recipients: ['+905321234567'] }))).toEqual([
      'H117',
    ]);
    expect(await codes(await multi('BIREYSEL', 'MESAJ', {}))).toEqual(['H168']);
    expect(await errorsOf(await multi('BIREYSEL', 'MESAJ', { recipients: {} }))).toEqual([
      { code: 'H478', message: IYS_ERRORS.H478.message, location: ['recipients'], value: {} },
    ]);
    expect(await codes(await multi('BIREYSEL', 'MESAJ', { recipients: [] }))).toEqual(['H164']);
    const many = Array.from({ length: 1001 }, (_, i) => `+90532${String(10_000_000 + i).slice(1)}`);
    expect(await codes(await multi('BIREYSEL', 'MESAJ', { recipients: many }))).toEqual(['H127']);
    expect(
      await errorsOf(await multi('BIREYSEL', 'MESAJ', { recipients: ['test@gmail.com'] })),
    ).toEqual([
      {
        code: 'H464',
        message: 'İzin tipi (type) MESAJ için, alıcı (recipient) telefon formatında olmalıdır.',
        location: ['recipient'],
        value: 'test@gmail.com',
      },
    ]);
    expect(
      (await errorsOf(await multi('BIREYSEL', 'EPOSTA', { recipients: ['+905312560714'] })))[0]!
        .message,
    ).toBe('İzin tipi (type) EPOSTA için, alıcı (recipient) e-posta formatında olmalıdır.');
    expect(
      await errorsOf(
        await multi('BIREYSEL', 'MESAJ', { recipients: ['+905321234567', '+905321234567'] }),
      ),
    ).toEqual([
      {
        code: 'H193',
        message: 'Alıcı (recipient) değeri liste içinde tekrarlanamaz.',
        location: ['recipients', 1],
        value: '+905321234567',
      },
    ]);
  });
});
