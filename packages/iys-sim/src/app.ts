import { formatIysDate, iysError } from '@izinli/core';
import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { AccountStates, quotaRefusal } from './account-state.js';
import { accountGate, bearerAuth, brandScope } from './auth.js';
import { processDueBatches } from './batch-processing.js';
import { SimClock } from './clock.js';
import type { SimContext, SimEnv } from './context.js';
import { NO_FAULTS, faultSettingsProblem } from './fault-settings.js';
import type { FaultSettings } from './fault-settings.js';
import { droppedRequests, faults } from './faults.js';
import { HealthTracker } from './health.js';
import type { IpHealth } from './health.js';
import { iysErrors } from './http.js';
import { HourlyLimiter, SlidingWindowLimiter } from './limiters.js';
import { resolveOptions } from './options.js';
import type { IysSimOptions, ResolvedOptions } from './options.js';
import { PushDelivery } from './push-delivery.js';
import { adminAccountRoutes } from './routes/admin-account.js';
import { adminRoutes } from './routes/admin.js';
import { brandsRoutes } from './routes/brands.js';
import { addConsentRoutes } from './routes/consents-add.js';
import { batchRoutes } from './routes/consents-batch.js';
import { changesRoutes } from './routes/consents-changes.js';
import { historyRoutes } from './routes/consents-history.js';
import { statusRoutes } from './routes/consents-status.js';
import { pushRoutes } from './routes/push.js';
import { reconciliationRoutes } from './routes/reconciliation.js';
import { subscriptionRoutes } from './routes/subscription.js';
import { tokenRoutes } from './routes/token.js';
import { SimState } from './state.js';
import { TokenStore } from './tokens.js';
import { whitelistGate } from './whitelist.js';
import { OPEN_WHITELIST } from './whitelist-policy.js';

/** What `/__sim/stats` and `sim.stats()` report. */
export interface SimStats {
  now: string;
  iysNow: string;
  requests: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  dropped: number;
  injectedErrors: number;
  health: IpHealth[];
  tokens: { access: number; refresh: number };
  consents: number;
  movements: number;
  batches: { total: number; pending: number };
  push: { connections: number; pending: number; delivered: number; failed: number };
}

/** A running simulator: the Hono app, an in-process `fetch`, time control and inspection. */
export interface IysSim {
  /** The Hono app; serve it with `@hono/node-server` or call `app.request()`. */
  readonly app: Hono<SimEnv>;
  /** In-process fetch (relative URLs allowed); a dropped connection rejects like a network error. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** The simulated clock. */
  readonly clock: SimClock;
  /** Simulated now. */
  now(): Date;
  /** Moves simulated time forward and processes what became due. */
  advance(ms: number): void;
  /** Active faults; mutate through `setFaults`/`clearFaults`. */
  readonly faults: Readonly<FaultSettings>;
  setFaults(update: Partial<FaultSettings>): void;
  clearFaults(): void;
  /** Counters, per-IP health, store sizes. */
  stats(): SimStats;
  /** Delivers due push movements and waits for them. */
  flushPush(): Promise<void>;
  /** Forgets every consent, movement, batch, token, limit window and push connection. */
  reset(): void;
  /** The options in effect, defaults filled in. */
  readonly options: ResolvedOptions;
  /** Internal context, for the CLI and tests that need to look deeper. */
  readonly context: SimContext;
  /** Stops background work and waits for deliveries in flight. */
  close(): Promise<void>;
}

const CLIENT_IP_HEADER = 'x-sim-client-ip';
const isSimPath = (path: string) => path === '/__sim' || path.startsWith('/__sim/');

/**
 * Builds a simulator of İYS's REST API: same paths, bodies, status codes, error codes and
 * Turkish messages, same limits, plus time control, fault injection and inspection under `/__sim`.
 */
export function createIysSim(options: IysSimOptions = {}): IysSim {
  const resolved = resolveOptions(options);
  const initialFaults = faultSettingsProblem(options.faults ?? {});
  if (initialFaults) throw new RangeError(`Invalid faults option: ${initialFaults}`);
  const clock = new SimClock(options.clock);
  const state = new SimState();
  const limits = () => resolved.limits;
  const accounts = new AccountStates(resolved.accounts);
  const quota = (consent: { iysCode: number; recipient: string }) => {
    const account = resolved.accounts.find((a) => a.iysCode === consent.iysCode);
    return account ? quotaRefusal(state, account, accounts.get(account.iysCode), consent) : null;
  };
  const ctx: SimContext = {
    options: resolved,
    clock,
    state,
    faults: { ...NO_FAULTS, errorKinds: [...NO_FAULTS.errorKinds], ...options.faults },
    tokens: new TokenStore(resolved.random, limits),
    limiters: {
      perSecond: new SlidingWindowLimiter(() => resolved.limits.requestsPerSecond, 1000),
      tokens: new HourlyLimiter(() => resolved.limits.tokensPerHour, true),
      status: new HourlyLimiter(() => resolved.limits.statusPerHour, false),
      history: new HourlyLimiter(() => resolved.limits.historyPerHour, false),
    },
    health: new HealthTracker(() => ({
      minRequests: resolved.limits.healthMinRequests,
      minRatio: resolved.limits.healthMinSuccessRatio,
    })),
    counters: { requests: 0, byStatus: {}, byCode: {}, dropped: 0, injectedErrors: 0 },
    push: new PushDelivery({ fetch: resolved.fetch, clock, limits, state }),
    accounts,
    whitelist: { ...OPEN_WHITELIST, ...options.whitelist },
    delisted: new Set(),
    settle: () => processDueBatches(state, clock.nowMs(), resolved.policy, quota),
  };

  const stats = (): SimStats => {
    const nowMs = clock.nowMs();
    const batches = [...state.batches.values()];
    const deliveries = ctx.push.records();
    return {
      now: new Date(nowMs).toISOString(),
      iysNow: formatIysDate(new Date(nowMs)),
      ...ctx.counters,
      health: ctx.health.report(nowMs),
      tokens: ctx.tokens.counts(nowMs),
      consents: state.consents.size,
      movements: state.movements.length,
      batches: { total: batches.length, pending: batches.filter((b) => !b.results).length },
      push: {
        connections: state.pushConnections.filter((p) => p.active).length,
        pending: deliveries.filter((d) => d.state === 'pending').length,
        delivered: deliveries.filter((d) => d.state === 'delivered').length,
        failed: deliveries.filter((d) => d.state === 'failed').length,
      },
    };
  };
  const reset = () => {
    state.reset();
    ctx.tokens.revokeAll();
    for (const limiter of Object.values(ctx.limiters)) limiter.reset();
    ctx.health.reset();
    ctx.push.reset();
    ctx.accounts.reset();
    ctx.delisted.clear();
    ctx.counters = { requests: 0, byStatus: {}, byCode: {}, dropped: 0, injectedErrors: 0 };
  };

  const app = new Hono<SimEnv>();
  app.use(clientIp(resolved.clientIp));
  app.use(async function settle(_c, next) {
    ctx.settle();
    ctx.push.pump();
    await next();
  });
  // A gateway refusal never reaches İYS: it is neither counted nor faulted.
  const whitelist = whitelistGate(ctx);
  app.use(async function allowedIps(c, next) {
    return isSimPath(c.req.path) ? next() : whitelist(c, next);
  });
  app.use(async function track(c, next) {
    if (isSimPath(c.req.path)) return next();
    await next();
    const status = c.res.status;
    ctx.counters.requests++;
    ctx.counters.byStatus[status] = (ctx.counters.byStatus[status] ?? 0) + 1;
    ctx.health.record(c.get('ip'), status, clock.nowMs());
    if (status >= 400 && c.res.headers.get('content-type')?.includes('json')) {
      const body = (await c.res
        .clone()
        .json()
        .catch(() => null)) as {
        errors?: { code?: string }[];
      } | null;
      for (const e of body?.errors ?? []) {
        if (e.code) ctx.counters.byCode[e.code] = (ctx.counters.byCode[e.code] ?? 0) + 1;
      }
    }
  });
  const injectFaults = faults(ctx);
  app.use(async function iysFaults(c, next) {
    return isSimPath(c.req.path) ? next() : injectFaults(c, next);
  });
  app.use(async function perSecondLimit(c, next) {
    if (isSimPath(c.req.path)) return next();
    if (!ctx.limiters.perSecond.take(c.get('ip'), clock.nowMs())) {
      return iysErrors(c, [iysError('H124')]);
    }
    await next();
  });

  app.route('/oauth2', tokenRoutes(ctx));

  const sps = new Hono<SimEnv>();
  sps.use(bearerAuth(ctx));
  sps.use('/:iysCode/brands', brandScope());
  sps.use('/:iysCode/brands/:brandCode/*', brandScope());
  sps.use('/:iysCode/subscription', brandScope());
  sps.use('*', accountGate(ctx));
  sps.route('/', subscriptionRoutes(ctx));
  sps.route('/', brandsRoutes(ctx));
  sps.route('/', addConsentRoutes(ctx, 'v1'));
  sps.route('/', batchRoutes(ctx, 'v1'));
  sps.route('/', statusRoutes(ctx));
  sps.route('/', historyRoutes(ctx));
  sps.route('/', changesRoutes(ctx));
  sps.route('/', pushRoutes(ctx));
  sps.route('/', reconciliationRoutes(ctx));
  app.route('/sps', sps);

  const v2 = new Hono<SimEnv>();
  v2.use(bearerAuth(ctx));
  v2.use('/:iysCode/brands/:brandCode/*', brandScope());
  v2.use('*', accountGate(ctx));
  v2.route('/', addConsentRoutes(ctx, 'v2'));
  v2.route('/', batchRoutes(ctx, 'v2'));
  app.route('/v2/sps', v2);

  app.route('/__sim', adminRoutes(ctx, { reset, stats }));
  app.route('/__sim', adminAccountRoutes(ctx));
  app.onError((_error, c) => iysErrors(c, [iysError('H015')]));

  return {
    app,
    async fetch(input, init) {
      const request =
        input instanceof Request && init === undefined
          ? input
          : new Request(
              typeof input === 'string' && input.startsWith('/')
                ? new URL(input, 'http://iys-sim.local')
                : input,
              init,
            );
      const response = await app.fetch(request);
      if (droppedRequests.has(request)) {
        throw new TypeError('fetch failed', {
          cause: new Error('iys-sim: connection dropped (fault injection)'),
        });
      }
      return response;
    },
    clock,
    now: () => clock.now(),
    advance(ms) {
      clock.advance(ms);
      ctx.settle();
    },
    get faults() {
      return ctx.faults;
    },
    setFaults(update) {
      const problem = faultSettingsProblem(update);
      if (problem) throw new RangeError(`Invalid faults: ${problem}`);
      Object.assign(ctx.faults, update);
    },
    clearFaults() {
      Object.assign(ctx.faults, NO_FAULTS, { errorKinds: [...NO_FAULTS.errorKinds] });
    },
    stats,
    flushPush: () => ctx.push.flush(),
    reset,
    options: resolved,
    context: ctx,
    close: () => ctx.push.flush(),
  };
}

/**
 * Sets the client IP: the socket's address when served over HTTP (İYS limits per IP); otherwise
 * the `x-sim-client-ip` header, else the configured default.
 */
function clientIp(fallback: string): MiddlewareHandler<SimEnv> {
  return async function clientIp(c, next) {
    const socketIp = c.env?.incoming?.socket?.remoteAddress;
    const ip = socketIp ?? c.req.header(CLIENT_IP_HEADER) ?? fallback;
    c.set('ip', ip.startsWith('::ffff:') ? ip.slice(7) : ip);
    await next();
  };
}
