// The token budget's gauge: token requests each İYS account sent in the last hour, read from the
// database when scraped, so every instance reports the count they share.
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { AccountStore } from '../store/ports/account-store.js';
import { TOKEN_WINDOW_MS } from './iys-clients.js';

/** Registers `izinli_iys_token_grants_hour{iys_code}` on `registry`. */
export function registerTokenGrantGauge(
  registry: Registry,
  store: Pick<AccountStore, 'iysTokenGrants'>,
  iysCodes: () => readonly number[],
  now: () => Date = () => new Date(),
): void {
  new Gauge({
    name: 'izinli_iys_token_grants_hour',
    help: 'Token requests (password or refresh grants) sent to İYS for each account in the last hour, by every instance.',
    labelNames: ['iys_code'],
    registers: [registry],
    async collect() {
      this.reset();
      const since = now().getTime() - TOKEN_WINDOW_MS;
      for (const iysCode of iysCodes()) {
        this.set({ iys_code: String(iysCode) }, await store.iysTokenGrants(iysCode, since));
      }
    },
  });
}
