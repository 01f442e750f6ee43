// The subscription watch's gauge: days left of each İYS account's subscription, read from the
// stored checks when scraped, so every instance reports what the leader found.
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { ReconciliationStore } from '../store/ports/reconciliation-store.js';

/** Registers `izinli_iys_subscription_days_left{iys_code}` on `registry`. */
export function registerSubscriptionGauge(
  registry: Registry,
  store: Pick<ReconciliationStore, 'subscriptionChecks'>,
): void {
  new Gauge({
    name: 'izinli_iys_subscription_days_left',
    help: 'Whole days until each İYS account’s subscription expires (its last daily check; negative once expired).',
    labelNames: ['iys_code'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const check of await store.subscriptionChecks()) {
        if (check.daysLeft !== undefined)
          this.set({ iys_code: String(check.iysCode) }, check.daysLeft);
      }
    },
  });
}
