import { serve } from '@hono/node-server';
import type { IysSim } from './app.js';

/** A simulator listening on a port. */
export interface ServedSim {
  /** Base URL, e.g. `http://127.0.0.1:8788`. */
  url: string;
  port: number;
  /** Stops listening, closes open connections and stops background push delivery. */
  close(): Promise<void>;
}

/**
 * Serves a simulator over HTTP (port 0 picks a free one). Push retries are driven by a timer
 * that does not keep the process alive.
 */
export function serveIysSim(
  sim: IysSim,
  options: { port?: number; hostname?: string; pumpIntervalMs?: number } = {},
): Promise<ServedSim> {
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: sim.app.fetch, port: options.port ?? 0, hostname }, (info) => {
      const { port } = info;
      const timer = setInterval(() => {
        sim.context.settle();
        sim.context.push.pump();
      }, options.pumpIntervalMs ?? 1000);
      timer.unref();
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: async () => {
          clearInterval(timer);
          await new Promise<void>((done) => {
            server.close(() => done());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          });
          await sim.close();
        },
      });
    });
    server.once('error', reject);
  });
}
