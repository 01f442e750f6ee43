// The reconciliation worker against the İYS simulator over real HTTP, on the delivery harness
// (frozen simulated clock, SQLite store): the config, the workers and the sim's own calls the
// reconciliation tests need.
import { exampleServerConfig } from '@izinli/core/fixtures';
import { createIysClient } from '@izinli/iys';
import type { IysClient } from '@izinli/iys';
import type { IysSimOptions } from '@izinli/iys-sim';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { checkServerConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { BRAND, startHarness } from '../delivery/delivery-sim.test-support.js';
import type { DeliveryHarness } from '../delivery/delivery-sim.test-support.js';
import { createSyncWorker } from '../sync/sync-worker.js';
import { createReconciliationWorker } from './reconciliation-worker.js';
import type { ReconciliationWorker, ReconciliationWorkerOptions } from './reconciliation-worker.js';

export { BRAND, HOUR, MINUTE } from '../delivery/delivery-sim.test-support.js';

/** The harness with what reconciliation adds. */
export interface ReconciliationHarness extends DeliveryHarness {
  config: LoadedConfig;
  /** An İYS client of the demo account, as another integration of the brand would be. */
  iys: IysClient;
  reconciler(extra?: Partial<ReconciliationWorkerOptions>): ReconciliationWorker;
  /** Delivers every queued movement. */
  deliver(): Promise<void>;
  /** One sync pass (pulls citizens' changes older than İYS's one-hour lag). */
  sync(): Promise<void>;
  /** A citizen's act on İYS (`/__sim/citizen/consents`), never told to izinli. */
  citizen(recipient: string, status: 'ONAY' | 'RET'): Promise<void>;
}

export async function startReconciliationHarness(
  sim: IysSimOptions = {},
): Promise<ReconciliationHarness> {
  const h = await startHarness(sim);
  const loaded = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
  if (!loaded.ok) throw new Error('example config invalid');
  const config = loaded.value;
  const now = () => h.sim.now();
  // Into the harness's lines, so a test can check that no recipient is ever logged.
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        h.logs.push(chunk.toString());
        done();
      },
    }),
  );
  const iys = createIysClient({
    baseUrl: h.served.url,
    username: 'demo',
    password: 'demo',
    iysCode: BRAND.iysCode,
  });
  return {
    ...h,
    config,
    iys,
    reconciler: (extra = {}) =>
      createReconciliationWorker({
        config,
        store: h.store,
        logger,
        baseUrl: h.served.url,
        intervalSeconds: 3600,
        now,
        ...extra,
      }),
    async deliver() {
      const worker = h.worker();
      for (let i = 0; i < 20 && (await h.store.stats()).pendingMovements > 0; i += 1) {
        await worker.runOnce();
        h.sim.advance(1000);
      }
    },
    async sync() {
      await createSyncWorker({
        config,
        store: h.store,
        logger,
        baseUrl: h.served.url,
        intervalSeconds: 60,
        now,
      }).runOnce();
    },
    async citizen(recipient, status) {
      const res = await fetch(`${h.served.url}/__sim/citizen/consents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ brandCode: BRAND.brandCode, recipient, type: 'MESAJ', status }),
      });
      if (!res.ok) throw new Error(`citizen consent refused: ${res.status} ${await res.text()}`);
    },
  };
}
