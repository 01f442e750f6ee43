// Abuse of the listening server, over raw sockets against startServer: slow-loris
// headers and a slow body are cut off by headersTimeout and requestTimeout (408), oversized
// headers get 431, a bare CR in a header is a 400 — and the server keeps answering others
// throughout. The limits are shortened for the test (HTTP_LIMITS holds the production ones).
import { connect } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_LIMITS } from '../../start-server.js';
import type { RunningServer } from '../../start-server.js';
import { startTestServer } from '../../started-server.test-support.js';
import type { TestServer } from '../../started-server.test-support.js';

let started: TestServer;
let server: RunningServer;

beforeAll(async () => {
  started = await startTestServer({
    prefix: 'izinli-abuse-',
    logger: pino({ level: 'silent' }),
    http: { headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 50 },
  });
  ({ server } = started);
});
afterAll(() => started.close());

/** Opens a raw connection, writes `parts` (more via `more`), and resolves with all it read at close. */
function rawExchange(parts: string[]) {
  const socket = connect(server.port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', () => undefined);
  });
  for (const part of parts) socket.write(part);
  return { socket, closed };
}

const healthy = async () => (await fetch(`${server.url}/healthz`)).status;

describe('the listener under abuse', () => {
  it('sets production limits on headers, whole requests and header size', () => {
    expect(HTTP_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(HTTP_LIMITS.requestTimeoutMs);
    expect(HTTP_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(60_000);
    expect(HTTP_LIMITS.maxHeaderBytes).toBeLessThanOrEqual(16 * 1024);
  });

  it('answers slow-loris connections that never finish their headers with 408 and closes them', async () => {
    const lorises = Array.from({ length: 20 }, () =>
      rawExchange(['POST /v1/captures HTTP/1.1\r\n', 'Host: izinli\r\n', 'X-Slow: 1\r\n']),
    );
    // The server still serves everyone else while they hang.
    expect(await healthy()).toBe(200);
    const answers = await Promise.all(lorises.map((l) => l.closed));
    for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(await healthy()).toBe(200);
  });

  it('answers a body that trickles in slower than the request timeout with 408', async () => {
    const slow = rawExchange([
      'POST /v1/captures HTTP/1.1\r\nHost: izinli\r\nContent-Type: application/json\r\n' +
        'Origin: https://www.ornekkitabevi.com.tr\r\nContent-Length: 5000\r\n\r\n',
      '{"id":"',
    ]);
    expect(await healthy()).toBe(200);
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it('answers headers larger than 16 KiB with 431', async () => {
    const big = rawExchange([
      `GET /healthz HTTP/1.1\r\nHost: izinli\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    ]);
    expect(await big.closed).toMatch(/^HTTP\/1\.1 431/);
    expect(await healthy()).toBe(200);
  });

  it('answers a header with a bare CR (response splitting) with 400', async () => {
    const split = rawExchange([
      'GET /healthz HTTP/1.1\r\nHost: izinli\r\nX-A: b\rSet-Cookie: ele=gecirildi\r\n\r\n',
    ]);
    expect(await split.closed).toMatch(/^HTTP\/1\.1 400/);
    expect(await healthy()).toBe(200);
  });
});
