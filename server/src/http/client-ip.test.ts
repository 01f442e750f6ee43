// Long because: the resolver on given headers, then each TRUST_PROXY setting on a real socket.
// The client IP a capture records and signs, and the per-IP rate limit counts, is never
// what the client wrote in X-Forwarded-For. First proxy-addr's walk on given headers and peers,
// then real servers (startServer on a real socket, 127.0.0.1 playing the proxy) with forged headers.
import type { CaptureRecord } from '@izinli/core';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { Writable } from 'node:stream';
import { Hono } from 'hono';
import type { JSONWebKeySet } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfigInput } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { checkServerConfig } from '../config/load-config.js';
import type { TrustProxy } from '../config/trust-proxy.js';
import { verifyReceipt } from '../proof/index.js';
import type { RunningServer } from '../start-server.js';
import { overHttp, postAdmin, postCaptureTo, validCapture } from './app-harness.test-support.js';
import { clientIpResolver } from './client-ip.js';
import { startTestServer } from '../started-server.test-support.js';

/** What the resolver answers for a request from `peer` carrying `xff` (undefined: no header). */
async function resolve(trust: TrustProxy, peer: string, xff?: string): Promise<string | null> {
  const clientIp = clientIpResolver(trust);
  const app = new Hono().get('/', (c) => c.json({ ip: clientIp(c) ?? null }));
  const incoming = {
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
    socket: { remoteAddress: peer },
  } as unknown as IncomingMessage;
  const response = await app.request('/', {}, { incoming });
  return ((await response.json()) as { ip: string | null }).ip;
}

const hops = (n: number): TrustProxy => ({ kind: 'hops', hops: n });
const list = (...addresses: string[]): TrustProxy => ({ kind: 'addresses', addresses });

describe('clientIpResolver', () => {
  it('with no proxy (0) takes the socket peer and ignores X-Forwarded-For', async () => {
    expect(await resolve(hops(0), '198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
  });

  it('with 1 hop takes the rightmost entry (what the proxy appended), never a forged left one', async () => {
    expect(await resolve(hops(1), '127.0.0.1', '203.0.113.9, 198.51.100.7')).toBe('198.51.100.7');
    expect(await resolve(hops(1), '127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
  });

  it('with 2 hops takes the second entry from the right', async () => {
    expect(await resolve(hops(2), '10.0.0.3', '203.0.113.9, 198.51.100.7, 10.0.0.2')).toBe(
      '198.51.100.7',
    );
  });

  it('with fewer entries than hops takes the leftmost there is (each one a proxy wrote)', async () => {
    expect(await resolve(hops(2), '10.0.0.3', '198.51.100.7')).toBe('198.51.100.7');
    // No header at all: the socket peer, as with no proxy (a request that bypassed the proxies).
    expect(await resolve(hops(2), '198.51.100.7')).toBe('198.51.100.7');
  });

  it('with a list skips trusted proxies from the socket leftwards; the first other address is the client', async () => {
    const trust = list('127.0.0.1', '10.0.0.0/8');
    expect(await resolve(trust, '127.0.0.1', '203.0.113.9, 198.51.100.7, 10.1.2.3')).toBe(
      '198.51.100.7',
    );
    // Every entry trusted: the leftmost, which a trusted proxy wrote.
    expect(await resolve(trust, '127.0.0.1', '10.9.9.9, 10.1.2.3')).toBe('10.9.9.9');
  });

  it('with a list ignores X-Forwarded-For from a socket peer outside it', async () => {
    expect(await resolve(list('10.0.0.0/8'), '198.51.100.7', '203.0.113.9, 10.1.2.3')).toBe(
      '198.51.100.7',
    );
    expect(await resolve(list('loopback'), '::1', '203.0.113.9')).toBe('203.0.113.9');
  });

  it.each([
    ['garbage', hops(1), 'garbage'],
    ['unknown', hops(1), '203.0.113.9, unknown'],
    ['an IPv6 address with a port', hops(1), '[2001:db8::1]:443'],
    ['an IPv4 address with a port', hops(1), '198.51.100.7:51234'],
    ['300 digits', hops(1), '9'.repeat(300)],
    // The walk stops at the garbage: it never skips past it to the client's forged entry.
    ['garbage between proxies', list('127.0.0.1', '10.0.0.0/8'), '203.0.113.9, unknown, 10.0.0.5'],
  ])('answers no address, not the text, for %s', async (_what, trust, xff) => {
    expect(await resolve(trust, '127.0.0.1', xff)).toBeNull();
  });

  it.each([
    ['an empty header', ''],
    ['only commas and spaces', ' , ,, '],
  ])('treats %s as no entry: the socket peer', async (_what, xff) => {
    expect(await resolve(hops(1), '127.0.0.1', xff)).toBe('127.0.0.1');
  });

  it('survives a header of thousands of entries', async () => {
    const xff = Array.from({ length: 5000 }, (_, i) => `10.0.${i % 250}.${i % 200}`).join(', ');
    expect(await resolve(hops(3), '127.0.0.1', xff)).toBe('10.0.247.197');
  });

  it('answers no address for a request that came through no socket (app.request)', async () => {
    const clientIp = clientIpResolver(hops(1));
    const app = new Hono().get('/', (c) => c.json({ ip: clientIp(c) ?? null }));
    expect(
      await (await app.request('/', { headers: { 'X-Forwarded-For': '1.2.3.4' } })).json(),
    ).toEqual({
      ip: null,
    });
  });
});

// The example site records the full address here ('truncated' would still tell them apart, but
// the whole address makes the assertions plain).
const FULL_IP: ServerConfigInput = {
  ...exampleServerConfig,
  tenants: exampleServerConfig.tenants.map((tenant, t) => ({
    ...tenant,
    sites: tenant.sites.map((site) => (t === 0 ? { ...site, ipPolicy: 'full' as const } : site)),
  })),
};

/** A real server on 127.0.0.1 with the given TRUST_PROXY, a per-IP limit of 3 a minute. */
async function serverWith(trustProxy: string, logged: string[] = []) {
  const config = await checkServerConfig(FULL_IP, { IYS_PASSWORD: 'demo' });
  if (!config.ok) throw new Error('bad test setup');
  return startTestServer({
    prefix: 'izinli-client-ip-',
    env: { TRUST_PROXY: trustProxy, RATE_LIMIT_PER_IP: '3' },
    config: config.value,
    logger: pino(
      { level: 'warn' },
      new Writable({
        write(line: Buffer, _encoding, done) {
          logged.push(line.toString('utf8'));
          done();
        },
      }),
    ),
  });
}

/** Runs `use` against a server trusting `trustProxy`, closed after it whatever happens. */
async function withServer(
  trustProxy: string,
  use: (server: RunningServer) => Promise<void>,
  logged: string[] = [],
): Promise<void> {
  const s = await serverWith(trustProxy, logged);
  try {
    await use(s.server);
  } finally {
    await s.close();
  }
}

/** POSTs a valid capture over the socket with `xff` as X-Forwarded-For. */
async function capture(server: RunningServer, xff?: string) {
  const body = validCapture();
  const response = await postCaptureTo(
    server.url,
    body,
    xff === undefined ? {} : { 'X-Forwarded-For': xff },
  );
  return { id: body.id, response };
}

/** The stored record of a capture, and the record its 201's receipt signs (checked against the JWKS). */
async function recorded(server: RunningServer, id: string, response: Response) {
  expect(response.status).toBe(201);
  const { receipt } = (await response.json()) as { receipt: string };
  const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const signed = await verifyReceipt(receipt, jwks);
  if (!signed.ok) throw new Error(`receipt does not verify: ${signed.error.code}`);
  const stored = (await server.store.getCapture(id))!;
  expect(stored.receipt).toBe(receipt);
  return { stored: stored.record as CaptureRecord, signed: signed.value as CaptureRecord };
}

describe('behind one proxy (TRUST_PROXY=1), over a real socket', () => {
  let s: Awaited<ReturnType<typeof serverWith>>;
  beforeAll(async () => {
    s = await serverWith('1');
  });
  afterAll(async () => {
    await s.close();
  });

  it('records the address the proxy appended, not the one the client wrote, in the row and the receipt', async () => {
    // nginx's $proxy_add_x_forwarded_for: the client's own header, then its real address.
    const { id, response } = await capture(s.server, '203.0.113.9, 198.51.100.7');
    const { stored, signed } = await recorded(s.server, id, response);
    expect(stored.ip).toBe('198.51.100.7');
    expect(signed.ip).toBe('198.51.100.7');
    expect(JSON.stringify(stored)).not.toContain('203.0.113.9');
  });

  it('counts the real address in the per-IP limit: rotating forged entries does not escape it', async () => {
    const real = '198.51.100.20';
    for (let i = 1; i <= 3; i += 1) {
      const { response } = await capture(s.server, `203.0.113.${i}, ${real}`);
      expect(response.status).toBe(201);
    }
    for (const forged of ['203.0.113.99', '198.51.100.21', '']) {
      const { response } = await capture(s.server, forged ? `${forged}, ${real}` : real);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    // Another client behind the same proxy keeps its own count.
    expect((await capture(s.server, `203.0.113.1, 198.51.100.21`)).response.status).toBe(201);
  });

  it('records the real address on a withdrawal through the link', async () => {
    const real = '198.51.100.30';
    expect((await capture(s.server, real)).response.status).toBe(201);
    const link = await postAdmin(overHttp(s.server.url), '/v1/admin/withdrawal-links', {
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { phone: '0532 123 45 67' },
    });
    expect(link.status).toBe(201);
    const token = new URL(((await link.json()) as { url: string }).url).searchParams.get('t')!;
    const response = await fetch(`${s.server.url}/v1/withdraw`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-Forwarded-For': `203.0.113.9, ${real}`,
      },
      body: JSON.stringify({ t: token }),
    });
    expect(response.status).toBe(201);
    const { captureId } = (await response.json()) as { captureId: string };
    const stored = (await s.server.store.getCapture(captureId))!.record as CaptureRecord;
    expect(stored.kind).toBe('withdrawal');
    expect(stored.ip).toBe(real);
  });

  it.each([
    ['garbage', 'garbage'],
    ['empty', ''],
    ['commas only', ' , , '],
    ['IPv6 with a port', '[2001:db8::1]:443'],
    ['IPv4 with a port', '198.51.100.7:51234'],
    ['unknown', 'unknown'],
    ['unknown after a forged entry', '203.0.113.9, unknown'],
    ['latin-1 bytes', 'ç\u00f6p, \u00ff'],
    ['very long', `${'1.'.repeat(3000)}1`],
  ])(
    'answers %s X-Forwarded-For with no 5xx, recording no address or a real one',
    async (_what, xff) => {
      const { id, response } = await capture(s.server, xff);
      // Several of these share the `unknown` key, so the limit may answer 429: never a 5xx.
      expect([201, 429]).toContain(response.status);
      if (response.status !== 201) return;
      const { stored } = await recorded(s.server, id, response);
      expect(stored.ip === undefined || isIP(stored.ip) !== 0).toBe(true);
      expect(JSON.stringify(stored)).not.toContain('203.0.113.9');
    },
  );
});

describe('TRUST_PROXY=true, as older settings wrote it', () => {
  it('reads it as one proxy, and warns at start that it no longer takes the leftmost entry', async () => {
    const logged: string[] = [];
    await withServer(
      'true',
      async (server) => {
        expect(logged.join('')).toContain('TRUST_PROXY=true is read as 1');
        const { id, response } = await capture(server, '203.0.113.9, 198.51.100.7');
        const { stored } = await recorded(server, id, response);
        expect(stored.ip).toBe('198.51.100.7');
      },
      logged,
    );
  });

  it('is not warned about when the count is written out', async () => {
    const logged: string[] = [];
    const s = await serverWith('1', logged);
    await s.close();
    expect(logged.join('')).not.toContain('TRUST_PROXY');
  });
});

describe('with a list of trusted proxies, over a real socket', () => {
  it('ignores X-Forwarded-For when the socket peer is not in the list', async () => {
    await withServer('10.0.0.0/8', async (server) => {
      const { id, response } = await capture(server, '198.51.100.7');
      const { stored } = await recorded(server, id, response);
      expect(stored.ip).toBe('127.0.0.1');
    });
  });

  it('walks past the trusted proxies to the first address outside the list', async () => {
    await withServer('127.0.0.1,10.0.0.0/8', async (server) => {
      const { id, response } = await capture(server, '203.0.113.9, 198.51.100.7, 10.1.2.3');
      const { stored, signed } = await recorded(server, id, response);
      expect(stored.ip).toBe('198.51.100.7');
      expect(signed.ip).toBe('198.51.100.7');
    });
  });
});
