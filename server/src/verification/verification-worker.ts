// The verifications' background pass (docs/verification.md): sends what is due (every link, and
// a code whose first send failed), chains the confirmations whose capture is known, and expires
// what was not confirmed in time, telling the site (`verification.expired`). One pass at a time;
// a failure of one verification is logged and the others go on.
import type { SiteConfig } from '@izinli/core';
import type { Logger } from 'pino';
import { periodic } from '../periodic.js';
import type { Periodic } from '../periodic.js';
import type { Verification, VerificationStore } from '../store/ports/verification-store.js';
import type { WebhookStore } from '../store/ports/webhook-store.js';
import type { SendResult } from './verification-flow.js';

export interface VerificationWorkerOptions {
  store: VerificationStore & Pick<WebhookStore, 'insertWebhookEvents'>;
  site(siteKey: string): SiteConfig | undefined;
  send(verification: Verification, site: SiteConfig): Promise<SendResult>;
  release(verification: Verification): Promise<void>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  intervalMs: number;
  newId(): string;
  now?: () => Date;
  /** Most verifications of each kind handled in one pass. */
  batch?: number;
}

/** What one pass did. */
export interface VerificationPassReport {
  sent: number;
  released: number;
  expired: number;
  failed: number;
}

export type VerificationWorker = Periodic<VerificationPassReport>;

export function createVerificationWorker(options: VerificationWorkerOptions): VerificationWorker {
  const { store, logger, batch = 50 } = options;
  const now = options.now ?? (() => new Date());
  return periodic(async () => {
    const report: VerificationPassReport = { sent: 0, released: 0, expired: 0, failed: 0 };
    // Ids and states only: no address, code or link ever reaches a log line.
    const failed = (verificationId: string, step: string, error: unknown) => {
      report.failed += 1;
      logger.warn({ verificationId, step, err: errorName(error) }, 'verification step failed');
    };
    for (const verification of await store.dueSends(batch)) {
      const site = options.site(verification.siteKey);
      if (!site) continue;
      try {
        const sent = await options.send(verification, site);
        if (sent.ok) report.sent += 1;
        else failed(verification.id, `send: ${sent.reason}`, undefined);
      } catch (error) {
        failed(verification.id, 'send', error);
      }
    }
    for (const verification of await store.dueReleases(batch)) {
      try {
        await options.release(verification);
        report.released += 1;
      } catch (error) {
        failed(verification.id, 'release', error);
      }
    }
    const expired = await store.expireDue(now().toISOString(), batch);
    report.expired = expired.length;
    await store.insertWebhookEvents(
      expired.flatMap((v) =>
        v.captureId === undefined
          ? []
          : [
              {
                id: options.newId(),
                siteKey: v.siteKey,
                type: 'verification.expired',
                createdAt: now().toISOString(),
                payload: { captureId: v.captureId, channels: v.channels, method: v.method },
              },
            ],
      ),
    );
    if (report.sent + report.released + report.expired + report.failed > 0) {
      logger.info(report, 'verification pass');
    }
    return report;
  }, options.intervalMs);
}

// An error's kind without its message: an SMTP error's text may quote the address.
function errorName(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name} ${code}` : error.name;
  }
  return typeof error;
}
