import { describe, it, expect } from 'vitest';
import { IYS_ERRORS, IysPushBody } from '@izinli/core';
import { PUSH_TEST_BODY } from '../push-delivery.js';
import { BASE, BRAND, call, errorsOf, login, testSim } from '../sim.test-support.js';

type Answer = number | 'timeout' | 'network';

/**
 * A fake endpoint: records every POST with credentials and answers from a script (default 200);
 * one without answers 401, as a Basic-auth receiver must (`open`: 200 instead, to be refused).
 */
function endpoint(script: Answer[] = [], open = false) {
  const calls: { url: string; auth: string | null; body: unknown }[] = [];
  const probes: string[] = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (!headers.has('authorization')) {
      probes.push(String(input));
      return new Response(null, { status: open ? 200 : 401 });
    }
    calls.push({
      url: String(input),
      auth: headers.get('authorization'),
      body: JSON.parse(String(init?.body)),
    });
    const answer = script.shift() ?? 200;
    if (answer === 'timeout')
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    if (answer === 'network') throw new TypeError('fetch failed');
    return new Response(null, { status: answer });
  };
  return { calls, probes, fetch: fakeFetch };
}

const connection = {
  url: 'https://hs.example.com/iys/push',
  type: 'MESAJ',
  username: 'iys',
  password: 's3cret',
};

async function setup(
  script: Answer[] = [],
  options: Parameters<typeof testSim>[0] = {},
  open = false,
) {
  const ep = endpoint(script, open);
  const sim = testSim({ fetch: ep.fetch, limits: { requestsPerSecond: 100_000 }, ...options });
  const token = await login(sim);
  const register = (body: unknown) =>
    call(sim, 'POST', `${BASE}/push/registration`, { body, token });
  const citizen = (body: Record<string, unknown>) =>
    call(sim, 'POST', '/__sim/citizen/consents', {
      body: {
        brandCode: BRAND,
        recipient: '+905321234567',
        type: 'MESAJ',
        status: 'RET',
        source: 'IYS_KISAMESAJ',
        ...body,
      },
    });
  return { sim, token, register, citizen, ep };
}

describe('push registration', () => {
  it("sends İYS's test movement with Basic auth and lists the connection", async () => {
    const { sim, token, register, ep } = await setup();
    const res = await register({ connection: [connection] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'Bağlantı oluşturuldu' });
    expect(ep.calls).toEqual([
      {
        url: connection.url,
        auth: `Basic ${Buffer.from('iys:s3cret').toString('base64')}`,
        body: PUSH_TEST_BODY,
      },
    ]);
    const list = await call(sim, 'GET', `${BASE}/push/registration`, { token });
    expect(await list.json()).toEqual([
      {
        url: connection.url,
        type: 'MESAJ',
        registerTime: '2025-10-15 10:00:00',
        status: 'Bağlantı Oluşturuldu',
      },
    ]);
  });

  it('refuses (H530) an endpoint that takes the test movement without credentials', async () => {
    const { register, ep } = await setup([], {}, true);
    const res = await register({ connection: [connection] });
    expect(res.status).toBe(422);
    expect(await errorsOf(res)).toEqual([{ code: 'H530', message: IYS_ERRORS.H530.message }]);
    expect(ep.probes).toEqual([connection.url]);
    expect(ep.calls).toEqual([]);
    const lax = await setup([], { policy: { pushRequireBasicAuth: false } }, true);
    expect((await lax.register({ connection: [connection] })).status).toBe(200);
  });

  it('answers an endpoint that does not answer in time with H191 and a failing one with H530', async () => {
    const slow = await setup(['timeout']);
    expect(await errorsOf(await slow.register({ connection: [connection] }))).toEqual([
      { code: 'H191', message: 'Bağlantı zaman aşımına uğradı.' },
    ]);
    const failing = await setup([401]);
    const res = await failing.register({ connection: [connection] });
    expect(res.status).toBe(422);
    expect(await errorsOf(res)).toEqual([{ code: 'H530', message: IYS_ERRORS.H530.message }]);
  });

  it('requires https except on loopback, and every field (H531, H111, H117, H093)', async () => {
    const { register } = await setup();
    expect(
      await errorsOf(
        await register({ connection: [{ ...connection, url: 'http://hs.example.com/push' }] }),
      ),
    ).toEqual([{ code: 'H531', message: IYS_ERRORS.H531.message }]);
    expect(
      (await register({ connection: [{ ...connection, url: 'http://127.0.0.1:9999/push' }] }))
        .status,
    ).toBe(200);
    const res = await register({ connection: [{ url: connection.url, type: 'SMS' }] });
    expect(await errorsOf(res)).toEqual([
      { code: 'H117', message: IYS_ERRORS.H117.message, location: ['type'], value: 'SMS' },
      { code: 'H093', message: 'Kullanıcı adı (username) bulunamadı.', location: ['username'] },
      { code: 'H093', message: 'Şifre (password) bulunamadı.', location: ['password'] },
    ]);
    const strict = await setup([], { policy: { pushAllowHttp: false } });
    expect(
      (
        await strict.register({
          connection: [{ ...connection, url: 'http://127.0.0.1:9999/push' }],
        })
      ).status,
    ).toBe(422);
  });

  it('allows two active connections per type', async () => {
    const { register } = await setup();
    await register({ connection: [connection] });
    await register({ connection: [{ ...connection, url: 'https://b.example.com/p' }] });
    const third = await register({
      connection: [{ ...connection, url: 'https://c.example.com/p' }],
    });
    expect((await errorsOf(third))[0]!.code).toBe('H530');
  });

  it('removes a connection with unregistration and refuses an unknown one', async () => {
    const { sim, token, register } = await setup();
    await register({ connection: [connection] });
    const unregister = (body: unknown) =>
      call(sim, 'POST', `${BASE}/push/unregistration`, { body, token });
    expect(await (await unregister(connection)).json()).toEqual({ message: 'Bağlantı Kaldırıldı' });
    expect(await errorsOf(await unregister(connection))).toEqual([
      { code: 'H530', message: 'Bağlantı kaldırılamadı.' },
    ]);
  });

  it('answers an http url on unregistration with H531, as registration does, not H530', async () => {
    const { sim, token } = await setup();
    const res = await call(sim, 'POST', `${BASE}/push/unregistration`, {
      body: { ...connection, url: 'http://hs.example.com/iys/push' },
      token,
    });
    expect(res.status).toBe(422);
    expect(await errorsOf(res)).toEqual([{ code: 'H531', message: IYS_ERRORS.H531.message }]);
  });
});

describe('push delivery', () => {
  it("delivers a citizen's IYS_* movement to the brand's endpoint for that type", async () => {
    const { sim, register, citizen, ep } = await setup();
    await register({ connection: [connection] });
    await citizen({});
    await citizen({ type: 'EPOSTA', recipient: 'ali@example.com' }); // no EPOSTA connection
    await sim.flushPush();
    expect(ep.calls).toHaveLength(2);
    const body = IysPushBody.parse(ep.calls[1]!.body);
    expect(body.list).toEqual([
      expect.objectContaining({
        iysCode: 100000,
        brandCode: BRAND,
        source: 'IYS_KISAMESAJ',
        status: 'RET',
        recipient: '+905321234567',
      }),
    ]);
    expect(sim.stats().push).toMatchObject({ delivered: 1, pending: 0 });
  });

  it('retries a failed delivery later in simulated time, in order per endpoint', async () => {
    const { sim, register, citizen, ep } = await setup([200, 'timeout', 500]);
    await register({ connection: [connection] });
    await citizen({});
    await citizen({ recipient: '+905321234568', status: 'ONAY', source: 'IYS_WEB' });
    await sim.flushPush();
    // Test movement, then the first movement twice (timeout, 500); the second waits its turn.
    expect(ep.calls).toHaveLength(2);
    sim.advance(60_000);
    await sim.flushPush();
    expect(ep.calls).toHaveLength(3);
    sim.advance(300_000);
    await sim.flushPush();
    expect(ep.calls.map((c) => (c.body as IysPushBody).list[0]!.recipient)).toEqual([
      'pushtest@iys.org.tr',
      '+905321234567',
      '+905321234567',
      '+905321234567',
      '+905321234568',
    ]);
    expect(sim.stats().push).toMatchObject({ delivered: 2, pending: 0, failed: 0 });
  });

  it('gives a delivery up after the last retry', async () => {
    const { sim, register, citizen } = await setup([200, ...Array<Answer>(10).fill('network')]);
    await register({ connection: [connection] });
    await citizen({});
    for (let i = 0; i < 10; i++) {
      await sim.flushPush();
      sim.advance(3_600_000);
    }
    expect(sim.stats().push).toMatchObject({ delivered: 0, failed: 1 });
  });
});
