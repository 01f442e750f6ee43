import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { limitBody } from './body-limit.js';

const LIMIT = 64;

function app() {
  return new Hono()
    .onError((error, c) =>
      error instanceof ApiError
        ? c.json({ code: error.code }, error.status)
        : c.json({ code: 'other', message: error.message }, 500),
    )
    .post('/text', limitBody(LIMIT, { en: '64 bytes', tr: '64 bayt' }), async (c) =>
      c.json({ text: await c.req.text() }),
    )
    .post('/bytes', limitBody(LIMIT, { en: '64 bytes', tr: '64 bayt' }), async (c) =>
      c.json({ bytes: [...new Uint8Array(await c.req.arrayBuffer())] }),
    )
    .post('/json', limitBody(LIMIT, { en: '64 bytes', tr: '64 bayt' }), async (c) =>
      c.json(await c.req.json<unknown>()),
    )
    .post('/unread', limitBody(LIMIT, { en: '64 bytes', tr: '64 bayt' }), (c) =>
      c.json({ unread: true }, 415),
    );
}

/** A POST over real HTTP; `chunked` sends no Content-Length. */
function post(
  port: number,
  path: string,
  body: Uint8Array,
  chunked = false,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        port,
        path,
        method: 'POST',
        headers: chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString()) as unknown,
          }),
        );
      },
    );
    req.on('error', reject);
    // In pieces, as a slow client sends them.
    for (let i = 0; i < body.length; i += 16) req.write(body.subarray(i, i + 16));
    req.end();
  });
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('limitBody on @hono/node-server (Node’s request stream)', () => {
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    server = serve({ fetch: app().fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('gives the route the whole body as text, bytes or JSON', async () => {
    expect(await post(port, '/text', utf8('Ayşe Yılmaz'))).toEqual({
      status: 200,
      json: { text: 'Ayşe Yılmaz' },
    });
    expect(await post(port, '/bytes', Uint8Array.of(0, 255, 7), true)).toEqual({
      status: 200,
      json: { bytes: [0, 255, 7] },
    });
    expect(await post(port, '/json', utf8('{"a":[1,2]}'), true)).toEqual({
      status: 200,
      json: { a: [1, 2] },
    });
  });

  it('decodes as Request.text() does: a leading BOM dropped, bytes that are not UTF-8 as U+FFFD', async () => {
    const body = Uint8Array.of(0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62);
    expect((await post(port, '/text', body)).json).toEqual({ text: 'a\uFFFDb' });
  });

  it('413 by Content-Length before reading, and by the bytes counted when none is declared', async () => {
    const big = new Uint8Array(LIMIT + 1).fill(0x61);
    expect(await post(port, '/text', big)).toEqual({
      status: 413,
      json: { code: 'body.tooLarge' },
    });
    expect(await post(port, '/text', big, true)).toEqual({
      status: 413,
      json: { code: 'body.tooLarge' },
    });
    const exact = new Uint8Array(LIMIT).fill(0x61);
    expect((await post(port, '/text', exact, true)).status).toBe(200);
  });

  it('reads nothing for a route that answers without the body', async () => {
    expect(await post(port, '/unread', new Uint8Array(LIMIT + 1), true)).toEqual({
      status: 415,
      json: { unread: true },
    });
  });
});

describe('limitBody under app.request() (the Web request)', () => {
  const stream = (parts: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(utf8(part));
        controller.close();
      },
    });
  const send = (path: string, parts: string[]) =>
    app().request(path, {
      method: 'POST',
      body: stream(parts),
      duplex: 'half', // Node's fetch needs it for a streamed body.
    });

  it('gives the route the body, and 413 once the bytes pass the limit', async () => {
    const ok = await send('/text', ['{"a":', '1}']);
    expect(await ok.json()).toEqual({ text: '{"a":1}' });
    const big = await send('/text', ['x'.repeat(40), 'x'.repeat(40)]);
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ code: 'body.tooLarge' });
  });
});
