// Long because: each early answer on a raw keep-alive socket, and the raw HTTP reader it needs.
// An answer given before the request body was read (413, 415, 429, 401, 404) says
// `Connection: close` and the socket closes after the whole answer; it never says keep-alive and
// then drops the connection. Raw HTTP/1.1 keep-alive sockets against startServer, and a small app
// whose handlers the test holds, for a request pipelined behind such an answer.
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../start-server.js';
import { ORIGIN, postCaptureTo, validCapture } from './app-harness.test-support.js';
import { EarlyAnswerResponse, skipClosingConnections } from './early-answer.js';
import { startTestServer } from '../started-server.test-support.js';
import type { TestServer } from '../started-server.test-support.js';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One response from the front of `buffer` (Content-Length bodies only), and its length. */
function parseResponse(buffer: Buffer): { response: RawResponse; length: number } | undefined {
  const end = buffer.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  if (headers['transfer-encoding']) throw new Error('this test reads Content-Length bodies only');
  const length = end + 4 + Number(headers['content-length'] ?? 0);
  if (buffer.length < length) return undefined;
  const response = {
    status: Number(statusLine!.split(' ')[1]),
    headers,
    body: buffer.subarray(end + 4, length).toString('utf8'),
  };
  return { response, length };
}

/** A raw keep-alive connection: `next()` is the next whole response, undefined once it closed. */
function rawConnection(port: number) {
  const socket = connect(port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  let ended = false;
  let wake: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    wake?.();
  });
  // A reset shows as the close; the answers read before it still count.
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => {
    socket.on('close', () => {
      ended = true;
      wake?.();
      resolve();
    });
  });
  return {
    socket,
    closed,
    write: (data: Buffer | string) => socket.write(data),
    /** The next answer, which must be `status` with Connection: close; resolves once closed. */
    async closingAnswer(status: number): Promise<RawResponse> {
      const answer = await this.next();
      expect(answer?.status).toBe(status);
      expect(answer?.headers.connection).toBe('close');
      await closed;
      return answer!;
    },
    async next(): Promise<RawResponse | undefined> {
      for (;;) {
        const parsed = parseResponse(buffer);
        if (parsed) {
          buffer = buffer.subarray(parsed.length);
          return parsed.response;
        }
        if (ended) return undefined;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

/** An HTTP/1.1 request whose body says `body`'s length but carries only its first `sent` bytes. */
function request(
  method: string,
  path: string,
  body: string,
  headers: Record<string, string> = {},
  sent?: number,
): Buffer {
  const bytes = Buffer.from(body);
  const head = [
    `${method} ${path} HTTP/1.1`,
    'Host: izinli',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${bytes.length}`,
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head), bytes.subarray(0, sent ?? bytes.length)]);
}

/** A capture from `ip` (TRUST_PROXY=1: each test counts against its own per-IP limit). */
const capture = (ip: string, body: string = JSON.stringify(validCapture()), sent?: number) =>
  request(
    'POST',
    '/v1/captures',
    body,
    { 'Content-Type': 'application/json', Origin: ORIGIN, 'X-Forwarded-For': ip },
    sent,
  );

const errorCode = (response: RawResponse) =>
  (JSON.parse(response.body) as { error: { code: string } }).error.code;

describe('answers before the body was read, on startServer', () => {
  let started: TestServer;
  let server: RunningServer;
  const LIMIT = 1024;

  beforeAll(async () => {
    started = await startTestServer({
      prefix: 'izinli-early-',
      env: { TRUST_PROXY: '1', CAPTURE_BODY_LIMIT_BYTES: String(LIMIT), RATE_LIMIT_PER_IP: '2' },
      logger: pino({ level: 'silent' }),
    });
    ({ server } = started);
  });
  afterAll(() => started.close());

  // The real capture body is under LIMIT; these are over it.
  const oversized = JSON.stringify({ ...validCapture(), pad: 'x'.repeat(200_000) });

  it('413 while the body is still coming: Connection: close, the whole answer, then the close', async () => {
    const connection = rawConnection(server.port);
    connection.write(capture('198.51.100.1', oversized, 100));
    const answer = await connection.closingAnswer(413);
    expect(errorCode(answer)).toBe('body.tooLarge');
    expect(await connection.next()).toBeUndefined();
  });

  it('413 for a body sent whole: Connection: close too (200 kB cannot all be read yet)', async () => {
    const connection = rawConnection(server.port);
    connection.write(capture('198.51.100.2', oversized));
    await connection.closingAnswer(413);
  });

  it('a capture pipelined before a 413 gets its whole 201 and is stored; then the close', async () => {
    const connection = rawConnection(server.port);
    const body = validCapture();
    connection.write(
      Buffer.concat([
        capture('198.51.100.3', JSON.stringify(body)),
        capture('198.51.100.3', oversized, 100),
      ]),
    );
    const first = await connection.next();
    expect(first?.status).toBe(201);
    expect(first?.headers.connection).toBe('keep-alive');
    const created = JSON.parse(first!.body) as { captureId: string; receipt: string };
    expect(created.captureId).toBe(body.id);
    expect((await server.store.getCapture(body.id))?.receipt).toBe(created.receipt);
    await connection.closingAnswer(413);
  });

  it.each([
    [
      '415 (not JSON)',
      415,
      () =>
        request(
          'POST',
          '/v1/captures',
          'x'.repeat(500),
          { 'Content-Type': 'text/xml', Origin: ORIGIN, 'X-Forwarded-For': '198.51.100.4' },
          10,
        ),
    ],
    [
      '401 (no admin token)',
      401,
      () => request('POST', '/v1/admin/withdrawals', '{"a":1}'.repeat(50), {}, 10),
    ],
    ['404 (no such route)', 404, () => request('POST', '/v1/yok', 'x'.repeat(500), {}, 10)],
  ])('%s while the body is still coming: Connection: close', async (_what, status, make) => {
    const connection = rawConnection(server.port);
    connection.write(make());
    await connection.closingAnswer(status);
  });

  it('429 from the per-IP limit while the body is still coming: Connection: close', async () => {
    const ip = '198.51.100.5';
    for (let i = 0; i < 2; i += 1) {
      const response = await postCaptureTo(server.url, validCapture(), { 'X-Forwarded-For': ip });
      expect(response.status).toBe(201);
    }
    const connection = rawConnection(server.port);
    connection.write(capture(ip, JSON.stringify(validCapture()), 10));
    await connection.closingAnswer(429);
  });

  it('keeps the connection when the body was read: two captures and a GET on one socket', async () => {
    const connection = rawConnection(server.port);
    connection.write(capture('198.51.100.6'));
    const first = await connection.next();
    expect(first?.status).toBe(201);
    expect(first?.headers.connection).toBe('keep-alive');
    connection.write(capture('198.51.100.6'));
    const second = await connection.next();
    expect(second?.status).toBe(201);
    expect(second?.headers.connection).toBe('keep-alive');
    connection.write('GET /healthz HTTP/1.1\r\nHost: izinli\r\n\r\n');
    expect((await connection.next())?.status).toBe(200);
    connection.socket.destroy();
  });

  it('a small body sent whole and refused unread either closes honestly or keeps serving', async () => {
    const connection = rawConnection(server.port);
    connection.write(
      request('POST', '/v1/captures', '<x/>', {
        'Content-Type': 'text/xml',
        Origin: ORIGIN,
        'X-Forwarded-For': '198.51.100.7',
      }),
    );
    const answer = await connection.next();
    expect(answer?.status).toBe(415);
    if (answer?.headers.connection === 'close') {
      await connection.closed;
      return;
    }
    expect(answer?.headers.connection).toBe('keep-alive');
    connection.write('GET /healthz HTTP/1.1\r\nHost: izinli\r\n\r\n');
    expect((await connection.next())?.status).toBe(200);
    connection.socket.destroy();
  });
});

describe('a request pipelined behind an answer that closes the connection', () => {
  it('never reaches the app: its answer could not be sent, so nothing is done for it', async () => {
    // The test holds /slow's answer until /early's 415 is written (queued behind it, saying
    // close) and the rest of /early's body and a /count request have arrived on the socket.
    let releaseSlow!: () => void;
    const slowHeld = new Promise<void>((resolve) => (releaseSlow = resolve));
    let earlyAnswered!: () => void;
    const early = new Promise<void>((resolve) => (earlyAnswered = resolve));
    let counted = 0;
    const app = new Hono()
      .post('/slow', async (c) => {
        await c.req.text();
        await slowHeld;
        return c.text('slow done');
      })
      .post('/early', (c) => {
        earlyAnswered();
        return c.text('not this type', 415);
      })
      .post('/count', async (c) => {
        await c.req.text();
        counted += 1;
        return c.text('counted');
      });
    const server = serve({
      fetch: skipClosingConnections(app.fetch),
      port: 0,
      hostname: '127.0.0.1',
      serverOptions: { ServerResponse: EarlyAnswerResponse },
    });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const countParsed = new Promise<void>((resolve) => {
      server.on('request', (incoming: { url?: string }) => {
        if (incoming.url === '/count') resolve();
      });
    });
    try {
      const connection = rawConnection((server.address() as AddressInfo).port);
      const earlyRequest = request('POST', '/early', '0123456789', {}, 5);
      connection.write(Buffer.concat([request('POST', '/slow', 'a'), earlyRequest]));
      await early;
      // Its answer is written in the same turn as the handler returns; one macrotask later it is.
      await new Promise((resolve) => setImmediate(resolve));
      connection.write('56789');
      connection.write(request('POST', '/count', 'b'));
      // Node parsed /count (its 'request' event): now let /slow answer.
      await countParsed;
      releaseSlow();
      const slow = await connection.next();
      expect(slow?.status).toBe(200);
      expect(slow?.body).toBe('slow done');
      await connection.closingAnswer(415);
      expect(await connection.next()).toBeUndefined();
      expect(counted).toBe(0);
    } finally {
      server.close();
    }
  });
});
