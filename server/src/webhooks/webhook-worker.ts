// The webhook worker (docs/architecture.md#webhooks): fans new events out to their targets,
// claims due deliveries under a lease, signs and POSTs each one, and settles it — delivered,
// dead (410, or out of attempts) or rescheduled with backoff. At least once: a delivery whose
// worker died is reclaimed when its lease expires; receivers dedupe on `webhook-id`.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Webhook } from 'standardwebhooks';
import type { LoadedConfig } from '../config/load-config.js';
import type { WebhookStore } from '../store/ports/webhook-store.js';
import type {
  ClaimedWebhookDelivery,
  WebhookDeliveryOutcome,
} from '../store/ports/webhook-store.js';
import { webhookBackoff } from './webhook-backoff.js';
import { webhookSigner } from '../config/webhook-secret.js';
import { signWebhook } from './webhook-request.js';
import { sendWebhook } from './webhook-send.js';
import { guardedWebhookFetch } from './target-address.js';
import type { WebhookFetch } from './webhook-send.js';
import { findWebhookTarget, webhookTargetsOf } from './webhook-targets.js';
import { periodic } from '../periodic.js';
import type { Periodic } from '../periodic.js';

/** Options of `createWebhookWorker`. */
export interface WebhookWorkerOptions {
  config: LoadedConfig;
  store: WebhookStore;
  logger: Logger;
  /** Milliseconds between runs of `start()`. */
  intervalMs: number;
  fetch?: WebhookFetch;
  now?: () => Date;
  newId?: () => string;
  /** The wait in ms after `failures` failed attempts (default `webhookBackoff`). */
  backoff?: (failures: number) => number;
  /** Attempts before a delivery is dead (default 10: about a day with the default backoff). */
  maxAttempts?: number;
  /** How long one POST may take (default 10 s). */
  timeoutMs?: number;
  /** Deliveries sent per run (default 50). */
  batchSize?: number;
  /** Hears each run's report (the server counts outcomes in its metrics). */
  onReport?: (report: WebhookRunReport) => void;
}

/** What one run did. */
export interface WebhookRunReport {
  /** Events fanned out, and the deliveries they made. */
  events: number;
  deliveries: number;
  delivered: number;
  retried: number;
  dead: number;
  /** Attempts whose lease was lost before they settled (another worker owns them now). */
  lost: number;
}

/** A webhook worker: fan out, then send what is due (never rejects), now or on an interval. */
export type WebhookWorker = Periodic<WebhookRunReport>;

const emptyReport = (): WebhookRunReport => ({
  events: 0,
  deliveries: 0,
  delivered: 0,
  retried: 0,
  dead: 0,
  lost: 0,
});

/** Creates the webhook worker for the targets of `config`. */
export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { config, store, logger, intervalMs } = options;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const backoff = options.backoff ?? ((failures: number) => webhookBackoff(failures));
  const maxAttempts = options.maxAttempts ?? 10;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batchSize = options.batchSize ?? 50;
  const fetchFn: WebhookFetch = options.fetch ?? guardedWebhookFetch;
  const signers = new Map<string, Webhook | undefined>();
  const signerFor = (target: string, secret: string) => {
    // By secret too: a reloaded config may give a target another one.
    const key = `${target}\n${secret}`;
    if (!signers.has(key)) signers.set(key, webhookSigner(secret));
    return signers.get(key);
  };

  /** Sends one claimed delivery and decides its outcome. */
  async function attempt(delivery: ClaimedWebhookDelivery): Promise<WebhookDeliveryOutcome> {
    const found = findWebhookTarget(config, delivery);
    if (!found) return { state: 'dead', error: 'webhook target no longer configured' };
    const signer = signerFor(`${delivery.tenantId}/${delivery.webhookId}`, found.secret);
    if (!signer) return { state: 'dead', error: 'webhook secret is not a whsec_ base64 key' };
    const signed = signWebhook(signer, delivery.event, now());
    const result = await sendWebhook(fetchFn, found.target.url, signed, timeoutMs, {
      allowPrivateNetwork: found.target.allowPrivateNetwork === true,
    });
    const log = {
      webhook: {
        delivery: delivery.id,
        tenantId: delivery.tenantId,
        webhookId: delivery.webhookId,
        type: delivery.event.type,
        // The host only: a path or query may carry a token.
        host: new URL(found.target.url).host,
        attempt: delivery.attempts + 1,
        ...(result.kind === 'failed' || result.kind === 'gone' ? { error: result.error } : {}),
      },
    };
    if (result.kind === 'delivered') {
      logger.debug(log, 'webhook delivered');
      return { state: 'delivered', at: now().toISOString(), status: result.status };
    }
    const status = result.status === undefined ? {} : { status: result.status };
    if (result.kind === 'gone' || delivery.attempts + 1 >= maxAttempts) {
      logger.warn(log, 'webhook delivery dead');
      return { state: 'dead', ...status, error: result.error };
    }
    logger.info(log, 'webhook delivery failed; will retry');
    const nextAttemptAt = new Date(now().getTime() + backoff(delivery.attempts + 1));
    return {
      state: 'pending',
      nextAttemptAt: nextAttemptAt.toISOString(),
      ...status,
      error: result.error,
    };
  }

  async function pass(): Promise<WebhookRunReport> {
    const report = emptyReport();
    try {
      const fanned = await store.webhookOutbox.fanOut({
        now: now().toISOString(),
        limit: 500,
        targets: (event) => webhookTargetsOf(config, event),
        newId,
      });
      report.events = fanned.events;
      report.deliveries = fanned.deliveries;
      const started = now();
      // The lease outlives the slowest send, so no other worker reclaims a delivery in flight.
      const leaseUntil = new Date(started.getTime() + timeoutMs + 30_000).toISOString();
      const claimed = await store.webhookOutbox.claim({
        now: started.toISOString(),
        leaseUntil,
        limit: batchSize,
      });
      await Promise.all(
        claimed.map(async (delivery) => {
          const outcome = await attempt(delivery);
          const settled = await store.webhookOutbox.settle({
            id: delivery.id,
            leaseUntil: delivery.leaseUntil,
            outcome,
          });
          if (!settled) report.lost += 1;
          else if (outcome.state === 'delivered') report.delivered += 1;
          else if (outcome.state === 'dead') report.dead += 1;
          else report.retried += 1;
        }),
      );
    } catch (error) {
      logger.error({ err: error }, 'webhook run failed; retrying next run');
    }
    options.onReport?.(report);
    return report;
  }

  return periodic(pass, intervalMs);
}
