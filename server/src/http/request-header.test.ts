// Headers read from Node's parsed request answer what Hono's own reader answers, repeated
// headers included (a second Authorization must not be dropped in favour of the first).
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { requestHeader } from './request-header.js';

const app = new Hono().get('/', (c) =>
  c.json({
    authorization: requestHeader(c, 'authorization') ?? null,
    id: requestHeader(c, 'x-request-id') ?? null,
    absent: requestHeader(c, 'x-absent') ?? null,
    viaNode: (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined,
  }),
);
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** GET / on a real port with the Authorization header sent once per value in `tokens`. */
async function overHttp(tokens: string[]): Promise<unknown> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.setHeader('Authorization', tokens);
    req.setHeader('X-Request-Id', 'abc-123');
    req.on('error', reject);
    req.end();
  });
}

describe('requestHeader', () => {
  it('on a Node server reads the parsed request, repeated headers joined as Headers.get joins them', async () => {
    expect(await overHttp(['Bearer a', 'Bearer b'])).toEqual({
      authorization: 'Bearer a, Bearer b',
      id: 'abc-123',
      absent: null,
      viaNode: true,
    });
    const headers = new Headers([
      ['Authorization', 'Bearer a'],
      ['Authorization', 'Bearer b'],
      ['X-Request-Id', 'abc-123'],
    ]);
    expect(await (await app.request('/', { headers })).json()).toEqual({
      authorization: 'Bearer a, Bearer b',
      id: 'abc-123',
      absent: null,
      viaNode: false,
    });
  });

  it('reads a single header as sent', async () => {
    expect(await overHttp(['Bearer tek'])).toMatchObject({ authorization: 'Bearer tek' });
  });
});
