// A request body's size limit, and how a route reads the body: `c.req.text()` or
// `c.req.arrayBuffer()` as usual, answered from Hono's body cache, read once when first asked.
//
// Why not Hono's own bodyLimit: it opens `c.req.raw.body`, and on @hono/node-server that builds a
// WHATWG Request around Node's request and a ReadableStream adapter over it, which cost a capture
// more CPU than its JSON parse does. Here the bytes come straight from Node's request stream when
// the app runs on @hono/node-server, and from the Web request otherwise (`app.request()` in tests).
// Either way a body past the limit is refused with 413 as soon as it is known to be: by its
// Content-Length before a byte is read, or by the bytes counted so far.
import type { IncomingMessage } from 'node:http';
import type { Localized } from '@izinli/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyTooLarge } from './json-body.js';
import { requestHeader } from './request-header.js';

/**
 * A middleware that refuses a body over `maxBytes` with 413 naming `limit`, and has the route's
 * `c.req.text()`/`arrayBuffer()`/`json()` read it. Nothing is read before the route asks: an answer
 * it gives first (415, 429) goes out while the body may still be coming.
 */
export function limitBody(maxBytes: number, limit: Localized): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') {
      const tooLarge = () => bodyTooLarge(limit);
      refuseDeclaredSize(c, maxBytes, tooLarge);
      let bytes: Promise<Uint8Array | undefined> | undefined;
      cacheBody(c, () => (bytes ??= readBody(c, maxBytes, tooLarge)));
    }
    await next();
  };
}

function refuseDeclaredSize(c: Context, maxBytes: number, tooLarge: () => Error): void {
  const declared = requestHeader(c, 'content-length');
  if (
    declared !== undefined &&
    requestHeader(c, 'transfer-encoding') === undefined &&
    Number(declared) > maxBytes
  ) {
    throw tooLarge();
  }
}

async function readBody(
  c: Context,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array | undefined> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming !== undefined && !incoming.readableDidRead) {
    return fromNode(incoming, maxBytes, tooLarge);
  }
  const body = c.req.raw.body;
  return body === null ? undefined : fromWeb(body, maxBytes, tooLarge);
}

function fromNode(
  incoming: IncomingMessage,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // The rest is left to Node: the 413 closes the connection (early-answer.ts).
        stop();
        reject(tooLarge());
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    // A client that goes away mid-body: no 'end' will come.
    const onClose = () => {
      stop();
      reject(new Error('the request closed before its body ended'));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

async function fromWeb(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

const decoder = new TextDecoder();

// Hono's body cache is what `c.req.text()`/`arrayBuffer()`/`json()` answer from once set (it keeps
// the promise of each). Both entries read the body on first use; the text is decoded the way
// `Request.text()` decodes: UTF-8, a leading BOM dropped, bytes that are not UTF-8 as U+FFFD.
function cacheBody(c: Context, read: () => Promise<Uint8Array | undefined>): void {
  const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
  const empty = new Uint8Array(0);
  let text: Promise<string> | undefined;
  let buffer: Promise<ArrayBufferLike> | undefined;
  Object.defineProperty(cache, 'text', {
    enumerable: true,
    configurable: true,
    get: () => (text ??= read().then((bytes) => decoder.decode(bytes ?? empty))),
  });
  Object.defineProperty(cache, 'arrayBuffer', {
    enumerable: true,
    configurable: true,
    get: () =>
      (buffer ??= read().then((bytes = empty) =>
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      )),
  });
}
