import { iysError } from '@izinli/core';
import type { MiddlewareHandler } from 'hono';
import type { SimContext, SimEnv } from './context.js';
import { NO_FAULTS } from './fault-settings.js';

/** Requests the fault layer dropped while running in-process; `sim.fetch` turns them into network errors. */
export const droppedRequests = new WeakSet<Request>();

/**
 * Injects the configured faults. Every random draw comes from the simulator's random source, so a
 * seeded source replays the same faults.
 */
export function faults(ctx: SimContext): MiddlewareHandler<SimEnv> {
  return async function faults(c, next) {
    const settings = ctx.faults;
    const nowMs = ctx.clock.nowMs();
    if (settings.latencyMs > 0) await ctx.options.sleep(settings.latencyMs);
    if (
      settings.outage &&
      nowMs >= Date.parse(settings.outage.from) &&
      nowMs < Date.parse(settings.outage.to)
    ) {
      return c.text('Service Unavailable', 503);
    }
    if (settings.dropRate > 0 && ctx.options.random() < settings.dropRate) {
      ctx.counters.dropped++;
      const socket = c.env?.incoming?.socket;
      if (socket) socket.destroy();
      else droppedRequests.add(c.req.raw);
      return c.body(null, 503);
    }
    const tokenPath = c.req.path === '/oauth2/token';
    if (
      tokenPath &&
      settings.tokenFailureRate > 0 &&
      ctx.options.random() < settings.tokenFailureRate
    ) {
      return c.json({ errors: [{ message: 'Beklenmedik bir hata oluştu!', code: 'H015' }] }, 500);
    }
    if (settings.errorRate > 0 && ctx.options.random() < settings.errorRate) {
      const kinds = settings.errorKinds.length ? settings.errorKinds : NO_FAULTS.errorKinds;
      const kind = kinds[Math.floor(ctx.options.random() * kinds.length)] ?? '500';
      ctx.counters.injectedErrors++;
      if (kind === '500') return c.json({ errors: [iysError('H015')] }, 500);
      if (kind === '503') return c.json({ errors: [iysError('H192')] }, 503);
      return c.json({ errors: [iysError('H123')] }, 400);
    }
    await next();
  };
}
