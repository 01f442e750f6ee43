// Prometheus metrics of one server (its own registry, so tests and several apps never collide).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { NEAR_DEADLINE_MS } from '../store/ports/movement-store.js';
import type { DeliveryStats } from '../store/ports/movement-store.js';
import type { MovementStore } from '../store/ports/movement-store.js';
import type { StoreAdmin } from '../store/ports/store-admin.js';
import type { WebhookStore } from '../store/ports/webhook-store.js';

/** The server's metrics and the registry `/metrics` renders. */
export interface ServerMetrics {
  registry: Registry;
  captures: Counter<'outcome'>;
  originRefusals: Counter<'site'>;
  requests: Counter<'method' | 'route' | 'status'>;
  requestSeconds: Histogram<'method' | 'route' | 'status'>;
  commitBatch: Histogram;
  commitSeconds: Histogram;
}

/** Records one group commit (the committer's `onCommit`). */
export function observeCommit(metrics: ServerMetrics, batchSize: number, seconds: number): void {
  metrics.commitBatch.observe(batchSize);
  metrics.commitSeconds.observe(seconds);
}

/** Creates the metrics; gauges read the store when scraped. */
export function createMetrics(
  store: StoreAdmin & MovementStore & WebhookStore,
  options: { defaultMetrics?: boolean; leads?: () => boolean } = {},
): ServerMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const stats = async () => store.stats();
  new Gauge({
    name: 'izinli_outbox_pending_movements',
    help: 'İYS movements not yet settled.',
    registers: [registry],
    async collect() {
      this.set((await stats()).pendingMovements);
    },
  });
  new Gauge({
    name: 'izinli_webhook_pending_events',
    help: 'Webhook events not yet fanned out to their targets.',
    registers: [registry],
    async collect() {
      this.set((await stats()).pendingEvents);
    },
  });
  new Gauge({
    name: 'izinli_webhook_deliveries',
    help: 'Webhook deliveries by state (pending: not yet accepted by the receiver).',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts = await store.webhookOutbox.counts();
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  // One read of the outbox per scrape serves both delivery gauges.
  let deliveryRead: Promise<DeliveryStats> | undefined;
  const delivery = () => {
    deliveryRead ??= store
      .deliveryStats(new Date(Date.now() + NEAR_DEADLINE_MS).toISOString())
      .finally(() => {
        deliveryRead = undefined;
      });
    return deliveryRead;
  };
  new Gauge({
    name: 'izinli_movements',
    help: 'İYS outbox movements by state (dead: dead letters waiting for a fix and a retry).',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      for (const [state, n] of Object.entries((await delivery()).byState)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'izinli_movements_near_deadline',
    help: 'Open İYS movements within 24 h of their 3-business-day deadline (A8).',
    registers: [registry],
    async collect() {
      this.set((await delivery()).nearDeadline);
    },
  });
  const leads = options.leads;
  if (leads) {
    new Gauge({
      name: 'izinli_iys_leader',
      help: '1 while this instance leads İYS traffic (delivery and sync) for its database, else 0.',
      registers: [registry],
      collect() {
        this.set(leads() ? 1 : 0);
      },
    });
  }
  return {
    registry,
    originRefusals: new Counter({
      name: 'izinli_origin_refusals_total',
      help: 'Requests refused because the page’s origin is not in the site’s allowedOrigins, by site.',
      labelNames: ['site'],
      registers: [registry],
    }),
    captures: new Counter({
      name: 'izinli_captures_total',
      help: 'Captures answered, by outcome (created, replayed, conflict, refused).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    requests: new Counter({
      name: 'izinli_http_requests_total',
      help: 'HTTP requests by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'izinli_http_request_duration_seconds',
      help: 'Time from a request’s arrival to its answer, by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    commitBatch: new Histogram({
      name: 'izinli_commit_batch_size',
      help: 'Captures written per transaction (group commit).',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers: [registry],
    }),
    commitSeconds: new Histogram({
      name: 'izinli_commit_seconds',
      help: 'Time to write and durably commit one group of captures.',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
  };
}
