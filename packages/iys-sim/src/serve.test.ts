import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it, expect } from 'vitest';
import { DEMO_ACCOUNT } from './options.js';
import { serveIysSim } from './serve.js';
import type { ServedSim } from './serve.js';
import { BRAND, testSim } from './sim.test-support.js';

const password = {
  grant_type: 'password',
  username: DEMO_ACCOUNT.username,
  password: DEMO_ACCOUNT.password,
};
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function served(
  options: Parameters<typeof testSim>[0] = {},
): Promise<{ sim: ReturnType<typeof testSim>; http: ServedSim }> {
  const sim = testSim(options);
  const http = await serveIysSim(sim, { port: 0 });
  cleanups.push(() => http.close());
  return { sim, http };
}

async function token(url: string): Promise<string> {
  const res = await fetch(`${url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(password),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('over real HTTP', () => {
  it('serves İYS paths on a free port and takes the client IP from the socket, not a header', async () => {
    const { sim, http } = await served();
    const access = await token(http.url);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${http.url}/sps/${DEMO_ACCOUNT.iysCode}/brands`, {
        headers: { authorization: `Bearer ${access}`, 'x-sim-client-ip': `10.1.1.${i}` },
      });
      statuses.push(res.status);
      await res.body?.cancel();
    }
    // The token request was the first of ten within the same simulated second.
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(200));
    expect(statuses[9]).toBe(429);
    expect(sim.stats().health.map((h) => h.ip)).toEqual(['127.0.0.1']);
  });

  it('drops the connection when the fault says so', async () => {
    const { http } = await served({ faults: { dropRate: 1 } });
    await expect(
      fetch(`${http.url}/oauth2/token`, { method: 'POST', body: '{}' }),
    ).rejects.toThrow();
  });

  it('pushes a citizen movement to a real loopback endpoint with Basic auth', async () => {
    const received: { auth: string | undefined; body: string }[] = [];
    const endpoint = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body });
        res.statusCode =
          req.headers.authorization === `Basic ${Buffer.from('u:p').toString('base64')}`
            ? 200
            : 401;
        res.end();
      });
    });
    await new Promise<void>((done) => endpoint.listen(0, '127.0.0.1', done));
    cleanups.push(() => new Promise((done) => endpoint.close(() => done())));
    const pushUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/push`;

    const { sim, http } = await served();
    const access = await token(http.url);
    const reg = await fetch(
      `${http.url}/sps/${DEMO_ACCOUNT.iysCode}/brands/${BRAND}/push/registration`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          connection: [{ url: pushUrl, type: 'EPOSTA', username: 'u', password: 'p' }],
        }),
      },
    );
    expect(reg.status).toBe(200);
    const act = await fetch(`${http.url}/__sim/citizen/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        brandCode: BRAND,
        recipient: 'ali@example.com',
        type: 'EPOSTA',
        status: 'ONAY',
      }),
    });
    expect(act.status).toBe(201);
    await sim.flushPush();
    // The unauthenticated probe (401), the test movement, then the citizen's movement.
    expect(received.map((r) => r.auth === undefined)).toEqual([true, false, false]);
    expect(JSON.parse(received[2]!.body)).toMatchObject({
      list: [{ recipient: 'ali@example.com', source: 'IYS_WEB_YENI' }],
    });
  });
});
