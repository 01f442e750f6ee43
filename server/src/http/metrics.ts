// Prometheus metrics of one server (its own registry, so tests and several apps never collide).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OutcomeTally } from '../delivery/delivery-report.js';
import type { AccountStore } from '../store/ports/account-store.js';
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
  iysOutcomes: Counter<'operation' | 'outcome' | 'code'>;
  webhookOutcomes: Counter<'outcome'>;
  commitBatch: Histogram;
  commitSeconds: Histogram;
}

/** Records one group commit (the committer's `onCommit`). */
export function observeCommit(metrics: ServerMetrics, batchSize: number, seconds: number): void {
  metrics.commitBatch.observe(batchSize);
  metrics.commitSeconds.observe(seconds);
}

/** Counts the İYS outcomes of delivery reports (what the delivery worker's passes answer). */
export function observeDelivery<R extends { outcomes: readonly OutcomeTally[] }>(
  metrics: ServerMetrics,
  reports: readonly R[],
): readonly R[] {
  for (const { outcomes } of reports) {
    for (const { operation, outcome, code, n } of outcomes) {
      metrics.iysOutcomes.inc({ operation, outcome, code }, n);
    }
  }
  return reports;
}

/** Counts a webhook run's settled attempts by outcome. */
export function observeWebhooks(
  metrics: ServerMetrics,
  report: { delivered: number; retried: number; dead: number },
): void {
  if (report.delivered > 0) metrics.webhookOutcomes.inc({ outcome: 'delivered' }, report.delivered);
  if (report.retried > 0) metrics.webhookOutcomes.inc({ outcome: 'retry' }, report.retried);
  if (report.dead > 0) metrics.webhookOutcomes.inc({ outcome: 'dead' }, report.dead);
}

/** Each brand's last sync pass without an error, as the sync gauge reads it. */
export class SyncTimes {
  readonly #times = new Map<string, { iysCode: number; brandCode: number; at: string }>();

  /** Notes the brands of one pass that ended without an error. */
  note(brands: readonly { iysCode: number; brandCode: number; error?: unknown }[], at: string) {
    for (const { iysCode, brandCode, error } of brands) {
      if (error === undefined)
        this.#times.set(`${iysCode}/${brandCode}`, { iysCode, brandCode, at });
    }
  }

  list() {
    return [...this.#times.values()];
  }
}

/** Creates the metrics; gauges read the store when scraped. */
export function createMetrics(
  store: StoreAdmin & MovementStore & WebhookStore & AccountStore,
  options: {
    defaultMetrics?: boolean;
    leads?: () => boolean;
    /** Each brand's last sync without an error (start-server keeps them). */
    lastSync?: () => readonly { iysCode: number; brandCode: number; at: string }[];
    now?: () => number;
  } = {},
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
  new Gauge({
    name: 'izinli_movements_oldest_age_seconds',
    help: 'Age (since its consent date) of the oldest İYS movement in each open state: pending, in-flight, dead.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const { oldestByState } = await delivery();
      const now = options.now?.() ?? Date.now();
      for (const state of ['pending', 'in-flight', 'dead'] as const) {
        const oldest = oldestByState[state];
        this.set(
          { state },
          oldest === undefined ? 0 : Math.max(0, (now - Date.parse(oldest)) / 1000),
        );
      }
    },
  });
  new Gauge({
    name: 'izinli_iys_account_paused',
    help: '1 while İYS refuses the account as a whole and its deliveries are paused, else 0.',
    labelNames: ['iys_code'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const account of await store.iysAccounts()) {
        this.set({ iys_code: String(account.iysCode) }, account.state === 'paused' ? 1 : 0);
      }
    },
  });
  const lastSync = options.lastSync;
  if (lastSync) {
    new Gauge({
      name: 'izinli_iys_last_sync_timestamp_seconds',
      help: 'When each brand last pulled İYS’s changes without an error (Unix seconds; absent before the first).',
      labelNames: ['iys_code', 'brand_code'],
      registers: [registry],
      collect() {
        for (const { iysCode, brandCode, at } of lastSync()) {
          this.set(
            { iys_code: String(iysCode), brand_code: String(brandCode) },
            Date.parse(at) / 1000,
          );
        }
      },
    });
  }
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
    iysOutcomes: new Counter({
      name: 'izinli_iys_outcomes_total',
      help: 'Ends of İYS delivery attempts by operation (single, batch), outcome and İYS code (none when İYS named none).',
      labelNames: ['operation', 'outcome', 'code'],
      registers: [registry],
    }),
    webhookOutcomes: new Counter({
      name: 'izinli_webhook_outcomes_total',
      help: 'Webhook delivery attempts by outcome (delivered, retry, dead).',
      labelNames: ['outcome'],
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
