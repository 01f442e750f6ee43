// The verifications' background pass (docs/verification.md): sends what is due (every link, and
// a code whose send failed), chains the confirmations whose capture is known, and expires what was
// not confirmed in time, telling the site (`verification.expired`). One pass at a time; a failure
// of one verification is logged and the others go on. A send that failed waits longer each time,
// so an SMTP server that is down for a while does not spend a verification's sends at once.
import type { SiteConfig } from '@izinli/core';
import type { Logger } from 'pino';
import { periodic } from '../periodic.js';
import type { Periodic } from '../periodic.js';
import type { Verification, VerificationStore } from '../store/ports/verification-store.js';
import type { WebhookStore } from '../store/ports/webhook-store.js';
import { expireVerifications } from './expire.js';
import { releaseDue } from './release.js';
import type { ReleaseDeps } from './release.js';
import type { SendResult } from './verification-flow.js';

export interface VerificationWorkerOptions {
  store: VerificationStore & Pick<WebhookStore, 'scrubVerificationSms'>;
  /** What releasing needs, read at each pass (a reloaded config applies). */
  releaseDeps(): ReleaseDeps;
  site(siteKey: string): SiteConfig | undefined;
  send(verification: Verification, site: SiteConfig): Promise<SendResult>;
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
  /** `verification.sms` events emptied of their number and text. */
  scrubbed: number;
}

export type VerificationWorker = Periodic<VerificationPassReport>;

const RETRY_MS = [60_000, 5 * 60_000, 15 * 60_000];
const SMS_KEPT_MS = 86_400_000;

export function createVerificationWorker(options: VerificationWorkerOptions): VerificationWorker {
  const { store, logger, batch = 50 } = options;
  const now = options.now ?? (() => new Date());
  // Failed sends by verification: how many, and not again before when (this process only).
  const retries = new Map<string, { failures: number; notBefore: number }>();
  // A pass that fails (the database away) is logged and the next one tries again: it never throws,
  // so the timer's pass cannot become an unhandled rejection that ends the process.
  const pass = async () => {
    const report: VerificationPassReport = {
      sent: 0,
      released: 0,
      expired: 0,
      failed: 0,
      scrubbed: 0,
    };
    // Ids and reasons only: no address, code or link ever reaches a log line.
    const failed = (verificationId: string, step: string) => {
      report.failed += 1;
      logger.warn({ verificationId, step }, 'verification step failed');
    };
    const at = now().getTime();
    for (const verification of await store.dueSends(batch)) {
      const site = options.site(verification.siteKey);
      const retry = retries.get(verification.id);
      if (!site || (retry && retry.notBefore > at)) continue;
      let sent: SendResult;
      try {
        sent = await options.send(verification, site);
      } catch {
        sent = { ok: false, reason: 'failed' };
      }
      if (sent.ok) {
        report.sent += 1;
        retries.delete(verification.id);
      } else {
        const failures = (retry?.failures ?? 0) + 1;
        const wait = RETRY_MS[Math.min(failures, RETRY_MS.length) - 1]!;
        retries.set(verification.id, { failures, notBefore: at + wait });
        failed(verification.id, `send: ${sent.reason}`);
      }
    }
    for (const { id, outcome } of await releaseDue(options.releaseDeps(), batch)) {
      if (outcome.kind === 'released') report.released += 1;
      else if (outcome.kind === 'unreleasable') failed(id, `release: ${outcome.reason}`);
    }
    const expired = await expireVerifications(
      { store, newId: () => options.newId() },
      now(),
      batch,
    );
    report.expired = expired.length;
    for (const v of expired) retries.delete(v.id);
    // An SMS's phone number and code or link leave the outbox once delivered, or after a day.
    const day = new Date(now().getTime() - SMS_KEPT_MS).toISOString();
    report.scrubbed = await store.scrubVerificationSms(day, now().toISOString());
    if (report.sent + report.released + report.expired + report.failed + report.scrubbed > 0) {
      logger.info(report, 'verification pass');
    }
    return report;
  };
  return periodic(async () => {
    try {
      return await pass();
    } catch (error) {
      logger.error({ err: error }, 'verification pass failed');
      return { sent: 0, released: 0, expired: 0, failed: 1, scrubbed: 0 };
    }
  }, options.intervalMs);
}
