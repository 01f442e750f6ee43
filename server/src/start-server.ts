// Long because: it wires every part of the server and undoes each in reverse; the parts live apart.
// Starts a complete server from parsed settings: store, keys, group commit, HTTP, checkpoints.
// main.ts calls it with the environment; the demo launcher and the tests call it directly.
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import type { Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { serverLogger } from './server-logger.js';
import { deadlinesWithWarning, warnIfCalendarEnding } from './calendar/server-calendar.js';
import { GroupCommitter } from './capture/group-commit.js';
import { checkpointSites } from './proof/checkpointer.js';
import type { ServerEnv } from './config/env.js';
import type { LoadedConfig } from './config/load-config.js';
import { liveConfig } from './config/live-config.js';
import { LogVerifyJobs } from './proof/log-verify-jobs.js';
import { OriginRefusals } from './http/origin-refusals.js';
import { createApp } from './http/app.js';
import { clientIpResolver } from './http/client-ip.js';
import { EarlyAnswerResponse, skipClosingConnections } from './http/early-answer.js';
import type { AppDeps, FallbackHandler } from './http/app-deps.js';
import {
  SyncTimes,
  createMetrics,
  observeCommit,
  observeDelivery,
  observeWebhooks,
} from './http/metrics.js';
import { metricsAccessOf, serveMetrics } from './http/metrics-listener.js';
import { loadKeyRing, signCheckpoint, signReceipt } from './proof/index.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { createSyncWorker } from './sync/sync-worker.js';
import { createReconciliationWorker } from './reconciliation/reconciliation-worker.js';
import { registerSubscriptionGauge } from './reconciliation/subscription-metrics.js';
import { createDeliveryWorker } from './delivery/delivery-worker.js';
import type { DeliveryWorker } from './delivery/delivery-worker.js';
import { claimsWhileLeading, createLeader, everyWhileLeading } from './delivery/leader.js';
import { createIysPacer } from './delivery/pacer.js';
import { sharedIysClients } from './iys-account/iys-clients.js';
import { registerTokenGrantGauge } from './iys-account/token-grant-metrics.js';
import type { Leader } from './delivery/leader.js';
import type { BrandSyncReport, SyncWorker } from './sync/sync-worker.js';
import { createWebhookWorker } from './webhooks/webhook-worker.js';
import { composeVerification } from './verification/compose-verification.js';
import { createMailer } from './verification/mailer.js';
import { createRetentionWorker } from './retention/retention-worker.js';
import type { RetentionWorker } from './retention/retention-worker.js';
import type { WebhookWorker } from './webhooks/webhook-worker.js';

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  logger: Logger;
  /** The İYS sync worker, present when `IYS_BASE_URL` is set. */
  sync?: SyncWorker;
  /** The İYS delivery worker, present when `IYS_BASE_URL` is set. */
  delivery?: DeliveryWorker;
  /** Whether this instance sends to İYS (one per database), present when `IYS_BASE_URL` is set. */
  leader?: Leader;
  /** The webhook worker (always running: it needs no İYS). */
  webhooks: WebhookWorker;
  /** The retention purge (A14, B10), every RETENTION_INTERVAL_SECONDS (always running). */
  retention: RetentionWorker;
  /** Signs checkpoints now (also done at intervals and on close). */
  checkpoint(): Promise<void>;
  /** Stops accepting connections, finishes in-flight commits, signs a last checkpoint, closes the store. */
  close(): Promise<void>;
  /**
   * Serves `config` from the next request on (config/reload-config.ts checks it first): origins,
   * sites, notices, tokens and webhook targets. Requests already inside finish with the config
   * they started with; the workers' next pass reads the new one.
   */
  reload(config: LoadedConfig): void;
}

export interface StartOptions {
  env: ServerEnv;
  config: LoadedConfig;
  logger?: Logger;
  version?: string;
  /** Answers requests no server route matched (the demo serves its pages this way). */
  fallback?: FallbackHandler;
  /** Socket limits against slow or oversized requests (defaults: `HTTP_LIMITS`). */
  http?: Partial<HttpLimits>;
  /** The clock the start checks read (the holiday data's end); default the system clock. */
  now?: () => Date;
}

/** Limits of the HTTP listener: a slow-loris client or huge headers cannot hold it. */
export interface HttpLimits {
  /** Time to receive a request's headers (Node's `headersTimeout`). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (Node's `requestTimeout`). */
  requestTimeoutMs: number;
  /** How often Node checks both timeouts (`connectionsCheckingInterval`). */
  checkIntervalMs: number;
  /** Largest header section accepted; larger gets 431 (`maxHeaderSize`). */
  maxHeaderBytes: number;
}

export const HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
  maxHeaderBytes: 16 * 1024,
};

/** Starts the server described by `env` and `config`. */
export async function startServer({
  env,
  config,
  logger: given,
  version,
  fallback,
  http,
  now,
}: StartOptions): Promise<RunningServer> {
  const httpLimits = { ...HTTP_LIMITS, ...http };
  const logger = given ?? serverLogger(env.LOG_LEVEL);
  const store = await openStore({
    dataDir: env.DATA_DIR,
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
  });
  const ring = await loadKeyRing({
    dataDir: env.DATA_DIR,
    ...(env.IZINLI_SIGNING_KEY ? { privateKey: env.IZINLI_SIGNING_KEY } : {}),
  });
  // İYS traffic comes from one instance per database at a time (delivery/leader.ts).
  const leader = env.IYS_BASE_URL
    ? createLeader({
        store,
        logger,
        onChange: (leading) => {
          if (!leading) return;
          if (sync) void syncOnce();
          if (delivery) void deliverOnce();
        },
      })
    : undefined;
  const syncTimes = new SyncTimes();
  const metrics = createMetrics(store, {
    defaultMetrics: true,
    ...(leader ? { leads: leader.leads } : {}),
    lastSync: () => syncTimes.list(),
  });
  registerSubscriptionGauge(metrics.registry, store);
  registerTokenGrantGauge(metrics.registry, store, () => [...live.view.iysAccounts.keys()]);
  const live = liveConfig(config);
  // Deadlines on the current config's calendar (extra holidays may change on SIGHUP); its warning
  // state is kept while the calendar stays the same.
  let calendar = live.view.calendars.conservative;
  let deadlineFor = deadlinesWithWarning(calendar, logger);
  const committer = new GroupCommitter({
    store,
    signReceipt: (record, canonical) => signReceipt(ring, record, canonical),
    newId: randomUUID,
    deadlineFor: (consentDate) => {
      if (live.view.calendars.conservative !== calendar) {
        calendar = live.view.calendars.conservative;
        deadlineFor = deadlinesWithWarning(calendar, logger);
      }
      return deadlineFor(consentDate);
    },
    maxBatch: env.GROUP_COMMIT_MAX,
    onCommit: (size, seconds) => observeCommit(metrics, size, seconds),
    // The captures batched with it were committed; this one was answered 422. The error names
    // schema paths or the store's own words, never the record's values (no personal data).
    onUnstorable: (captureId, error) =>
      logger.error(
        { captureId, error: error instanceof Error ? error.message : String(error) },
        'capture taken out of its group commit',
      ),
  });
  if (env.TRUST_PROXY.kind === 'hops' && env.TRUST_PROXY.fromTrue) {
    // `true` reads as one proxy, but whoever wrote it may have meant "trust the header": behind two
    // proxies, 1 gives every client the outer proxy's address (and one shared rate limit), so say
    // so at start.
    logger.warn(
      'TRUST_PROXY=true is read as 1: one proxy in front, the client is the rightmost ' +
        'X-Forwarded-For entry; set the number of proxies or their addresses (server/README.md)',
    );
  }
  // Verified consent (docs/verification.md): codes and links, sent by e-mail when SMTP is set.
  const mailer = env.SMTP_URL
    ? createMailer({ url: env.SMTP_URL, from: env.SMTP_FROM!, timeoutMs: env.SMTP_TIMEOUT_MS })
    : undefined;
  let ownUrl = '';
  const verification = composeVerification({
    store,
    site: (siteKey) => live.view.sites.get(siteKey)?.site,
    mailer,
    publicUrl: () => env.PUBLIC_URL ?? ownUrl,
    releaseDeps: () => ({ committer, store, sites: live.view.sites }),
    newId: randomUUID,
    now: () => now?.() ?? new Date(),
    logger,
    intervalMs: env.VERIFICATION_INTERVAL_MS,
  });
  // The last sync pass's time and reports, for the admin console (GET /v1/admin/sync).
  let lastSync: { at: string; brands: BrandSyncReport[] } | undefined;
  const appDeps: AppDeps = {
    config,
    store,
    committer,
    jwks: () => ring.jwks(),
    signToken: (payload, typ) => ring.sign(payload, typ),
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    metrics,
    logger,
    accessLog: env.ACCESS_LOG,
    metricsAccess: metricsAccessOf(env),
    limits: {
      bodyBytes: env.CAPTURE_BODY_LIMIT_BYTES,
      perIpPerMinute: env.RATE_LIMIT_PER_IP,
      perSitePerMinute: env.RATE_LIMIT_PER_SITE,
    },
    clientIp: clientIpResolver(env.TRUST_PROXY),
    // One count of refused origins for the process, kept across reloads.
    originRefusals: new OriginRefusals({ counter: metrics.originRefusals, logger }),
    // Log verifications run across reloads: the console polls the job it started.
    logVerifyJobs: new LogVerifyJobs({ store, jwks: () => ring.jwks(), logger }),
    ...(version ? { version } : {}),
    ...(fallback ? { fallback } : {}),
    ...(env.IYS_BASE_URL ? { lastSync: () => lastSync } : {}),
    verification: verification.flow,
    // Only where the pass runs: a second instance sending the same link would void the first.
    kickVerifications: () => {
      if (!leader || leader.leads()) void verification.worker.runOnce();
    },
  };
  // Replaced whole on a reload: an app computes its CORS origins and caches once, when built.
  let app = createApp(appDeps);

  let server!: Server;
  let stopping = false;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve(
      {
        // The app is read per request: a reload swaps it (SIGHUP).
        fetch: skipClosingConnections((request, bindings) => app.fetch(request, bindings)),
        port: env.PORT,
        hostname: env.HOST,
        serverOptions: {
          // Answers given before the request body was read close their connection, honestly.
          ServerResponse: EarlyAnswerResponse,
          headersTimeout: httpLimits.headersTimeoutMs,
          requestTimeout: httpLimits.requestTimeoutMs,
          connectionsCheckingInterval: httpLimits.checkIntervalMs,
          maxHeaderSize: httpLimits.maxHeaderBytes,
        },
      },
      (info) => resolve(info.port),
    ) as Server;
    server.once('error', reject);
  });
  // Once stopping, every answer closes its connection: a client on keep-alive would otherwise
  // hold the server open forever (Node's server.close() waits for open connections to end).
  server.prependListener('request', (_request, response: ServerResponse) => {
    if (stopping) response.shouldKeepAlive = false;
  });
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  const url = `http://${host}:${port}`;
  ownUrl = url;
  const metricsListener =
    env.METRICS_PORT === undefined
      ? undefined
      : await serveMetrics({ metrics, port: env.METRICS_PORT, host: env.METRICS_HOST });
  if (!metricsListener && !env.METRICS_TOKEN) {
    logger.warn(
      '/metrics is open to anyone who reaches this port: set METRICS_TOKEN, or METRICS_PORT to ' +
        'serve it apart, or block /metrics at the reverse proxy (server/README.md)',
    );
  }

  const checkpoint = async () => {
    const made = await checkpointSites({ store, sign: (head) => signCheckpoint(ring, head) });
    if (made.length > 0)
      logger.info(
        { checkpoints: made.map(({ siteKey, seq }) => ({ siteKey, seq })) },
        'checkpoints signed',
      );
  };
  const timer = setInterval(() => {
    checkpoint().catch((error: unknown) => logger.error({ err: error }, 'checkpoint failed'));
  }, env.CHECKPOINT_INTERVAL_SECONDS * 1000);
  timer.unref();

  // The İYS workers share one pacer, so the process stays under İYS's per-IP limit, and one
  // client per account, whose token (and H084 lock) the database keeps for every instance.
  const pacer = createIysPacer();
  const iysClients = env.IYS_BASE_URL
    ? sharedIysClients({
        config: () => live.view,
        store,
        baseUrl: env.IYS_BASE_URL,
        tokenBudget: env.IYS_TOKEN_BUDGET_PER_HOUR,
        // The client takes a pacer slot per request, tokens included.
        rateLimiter: pacer,
      })
    : undefined;
  // Pulls citizens' changes from İYS on an interval; never crashes the process (errors are logged).
  const sync = env.IYS_BASE_URL
    ? createSyncWorker({
        config: live.view,
        store,
        logger,
        baseUrl: env.IYS_BASE_URL,
        intervalSeconds: env.SYNC_INTERVAL_SECONDS,
        clients: iysClients!,
      })
    : undefined;
  const syncOnce = async () => {
    const brands = await sync!.runOnce();
    lastSync = { at: new Date().toISOString(), brands };
    syncTimes.note(brands, lastSync.at);
    return brands;
  };
  const deliverOnce = async () => observeDelivery(metrics, await delivery!.runOnce());
  // Sends the outbox to İYS on an interval; never crashes the process (errors are logged).
  const delivery = env.IYS_BASE_URL
    ? createDeliveryWorker({
        config: live.view,
        store: claimsWhileLeading(store, () => leader?.leads() ?? false),
        logger,
        baseUrl: env.IYS_BASE_URL,
        intervalMs: env.DELIVERY_INTERVAL_MS,
        batchThreshold: env.DELIVERY_BATCH_THRESHOLD,
        probeMs: env.IYS_PROBE_MS,
        clients: iysClients!,
      })
    : undefined;
  // Reconciles İYS's days and checks the subscriptions (docs/iys.md#reconciliation-mutabakat).
  const reconciliation = env.IYS_BASE_URL
    ? createReconciliationWorker({
        config: live.view,
        store,
        // Agreed days go into the site chains through the one writer of the chains.
        chainer: committer,
        logger,
        baseUrl: env.IYS_BASE_URL,
        intervalSeconds: env.RECONCILE_INTERVAL_SECONDS,
        clients: iysClients!,
      })
    : undefined;
  // Their passes run only while this instance leads (and at once when it starts to).
  const passes = leader
    ? [
        everyWhileLeading(leader.leads, () => syncOnce(), env.SYNC_INTERVAL_SECONDS * 1000, logger),
        everyWhileLeading(leader.leads, () => deliverOnce(), env.DELIVERY_INTERVAL_MS, logger),
        everyWhileLeading(
          leader.leads,
          () => reconciliation!.runOnce(),
          env.RECONCILE_INTERVAL_SECONDS * 1000,
          logger,
        ),
      ]
    : [];
  await leader?.start();

  // Sends webhook events to the site owners' targets; never crashes the process (errors are logged).
  const webhooks = createWebhookWorker({
    config: live.view,
    store,
    logger,
    intervalMs: env.WEBHOOK_INTERVAL_MS,
    maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    onReport: (report) => observeWebhooks(metrics, report),
  });
  webhooks.start();

  // Purges personal data past each site's retention (A14, B10); errors are logged.
  const retention = createRetentionWorker({
    store,
    sites: () =>
      [...live.view.sites.values()].map(({ site, tenant }) => ({ ...site, tenantId: tenant.id })),
    logger,
    intervalSeconds: env.RETENTION_INTERVAL_SECONDS,
  });
  retention.start();

  // Sends links, chains confirmations, expires holds; on the leader only when there is one, so
  // two instances never send the same link twice.
  const verifications = leader
    ? everyWhileLeading(
        leader.leads,
        () => verification.worker.runOnce(),
        env.VERIFICATION_INTERVAL_MS,
        logger,
      )
    : (verification.worker.start(), verification.worker);

  warnIfCalendarEnding(logger, now?.() ?? new Date(), config.calendars);
  logger.info(
    {
      url,
      store: store.kind,
      kid: ring.kid,
      ...(metricsListener ? { metrics: metricsListener.url } : {}),
    },
    'izinli server listening',
  );
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    store,
    logger,
    ...(sync ? { sync } : {}),
    ...(delivery ? { delivery } : {}),
    ...(leader ? { leader } : {}),
    webhooks,
    retention,
    checkpoint,
    reload(next) {
      live.replace(next);
      // Rate-limit windows start afresh with the new app; a reload is the operator's act.
      app = createApp({ ...appDeps, config: next });
    },
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        for (const p of passes) p.stop();
        await sync?.stop();
        await delivery?.stop();
        await reconciliation?.stop();
        await leader?.close();
        stopping = true;
        // Stop taking connections; requests already inside finish (their commits included).
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
        await metricsListener?.close();
        await committer.idle();
        // In-flight sends finish; what is left stays in the outbox for the next start.
        await webhooks.stop();
        await retention.stop();
        verifications.stop();
        await verification.worker.stop();
        mailer?.close();
        await checkpoint().catch((error: unknown) =>
          logger.error({ err: error }, 'last checkpoint failed'),
        );
        await store.close();
        logger.info('izinli server stopped');
      })();
      return closing;
    },
  };
}
