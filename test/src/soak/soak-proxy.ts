// A proxy between the soak's server and the İYS simulator that garbles answers on demand: İYS has
// acted on the request, but the server gets HTML, truncated JSON or the wrong shape back, as from
// a broken gateway. The simulator's own faults (errors, outages, latency, drops) need no proxy.
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GARBLED_BODIES } from '@izinli/iys-sim';

export interface GarblingProxy {
  url: string;
  /** The share of answers to garble (0 off). */
  garbleRate: number;
  /** Answers garbled so far. */
  garbled: number;
  close(): Promise<void>;
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the proxy to `target` on a free port; `random` decides which answers to garble. */
export async function startGarblingProxy(
  target: string,
  random: () => number,
): Promise<GarblingProxy> {
  const state = { garbleRate: 0, garbled: 0 };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (name === 'host' || name === 'connection' || typeof value !== 'string') continue;
        headers.set(name, value);
      }
      const payload = await body(request);
      try {
        const answer = await fetch(`${target}${request.url ?? '/'}`, {
          method: request.method ?? 'GET',
          headers,
          ...(payload.length > 0 ? { body: payload } : {}),
        });
        const text = Buffer.from(await answer.arrayBuffer());
        const garble = state.garbleRate > 0 && random() < state.garbleRate;
        if (garble) state.garbled += 1;
        response.writeHead(answer.status, {
          'content-type': answer.headers.get('content-type') ?? 'application/json',
        });
        response.end(garble ? GARBLED_BODIES[state.garbled % GARBLED_BODIES.length] : text);
      } catch {
        // The simulator dropped the connection: drop ours too.
        response.destroy();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get garbleRate() {
      return state.garbleRate;
    },
    set garbleRate(rate: number) {
      state.garbleRate = rate;
    },
    get garbled() {
      return state.garbled;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
