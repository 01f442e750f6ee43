// Runs the retention purge (A14, B10) on an interval (RETENTION_INTERVAL_SECONDS, daily by
// default). Safe on every instance at once: a purge is one transaction, an already purged record
// is skipped, and PostgreSQL locks the rows it purges.
import type { Logger } from 'pino';
import { periodic } from '../periodic.js';
import type { Periodic } from '../periodic.js';
import { runRetentionPass } from './retention-pass.js';
import type { RetentionOptions, RetentionReport } from './retention-pass.js';

export interface RetentionWorkerOptions extends Omit<RetentionOptions, 'logger' | 'sites'> {
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  intervalSeconds: number;
  /** The configured sites, or a function read at every pass (a reloaded config applies). */
  sites: RetentionOptions['sites'] | (() => RetentionOptions['sites']);
}

/** A retention worker: `runOnce` runs a pass now; a failed pass is logged, never thrown. */
export type RetentionWorker = Periodic<RetentionReport | undefined>;

export function createRetentionWorker(options: RetentionWorkerOptions): RetentionWorker {
  const { logger, intervalSeconds, sites, ...pass } = options;
  return periodic(async () => {
    try {
      return await runRetentionPass({
        ...pass,
        sites: typeof sites === 'function' ? sites() : sites,
        logger,
      });
    } catch (error) {
      logger.error({ err: error }, 'retention pass failed');
      return undefined;
    }
  }, intervalSeconds * 1000);
}
