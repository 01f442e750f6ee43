// The verification flow's dependencies from the server's parts: the store, the live config, the
// mailer (when SMTP_URL is set), the public URL for links, and the group commit for releases.
import type { SiteConfig } from '@izinli/core';
import type { Verification, VerificationStore } from '../store/ports/verification-store.js';
import { commitConfirmation } from './release.js';
import type { ReleaseDeps } from './release.js';
import type { WebhookStore } from '../store/ports/webhook-store.js';
import type { Mailer } from './mailer.js';
import { secretMatches } from './secrets.js';
import { sendVerification } from './send-verification.js';
import type { SendResult, VerificationFlowDeps } from './verification-flow.js';
import { createVerificationWorker } from './verification-worker.js';
import type { VerificationWorker, VerificationWorkerOptions } from './verification-worker.js';

export interface VerificationParts {
  store: VerificationStore & Pick<WebhookStore, 'insertWebhookEvents' | 'scrubVerificationSms'>;
  /** The site a key names in the live config. */
  site(siteKey: string): SiteConfig | undefined;
  mailer?: Pick<Mailer, 'send'> | undefined;
  /** Where links start: PUBLIC_URL, else the server's own address (read when sending). */
  publicUrl(): string;
  /** What chaining a confirmation needs (the group commit, the store, the live sites). */
  releaseDeps(): ReleaseDeps;
  newId(): string;
  now(): Date;
}

/** The flow's dependencies (the routes' and the worker's). */
export function verificationFlowDeps(parts: VerificationParts): VerificationFlowDeps {
  const send = async (verification: Verification, site: SiteConfig): Promise<SendResult> => {
    const result = await sendVerification(
      {
        store: parts.store,
        mailer: parts.mailer,
        insertWebhookEvent: (event) => parts.store.insertWebhookEvents([event]),
        now: () => parts.now(),
        newId: () => parts.newId(),
      },
      verification,
      site,
      { publicUrl: parts.publicUrl() },
    );
    if (result.sent) return { ok: true, verification: result.verification };
    return { ok: false, reason: result.reason === 'maxSends' ? 'sendsSpent' : 'failed' };
  };
  return {
    store: parts.store,
    site: (siteKey) => parts.site(siteKey),
    send,
    secretMatches: (verification, secret) =>
      secretMatches(verification.method, verification.id, secret, verification.secretHash),
    release: async (verification) => {
      await commitConfirmation(parts.releaseDeps(), verification);
    },
    newId: () => parts.newId(),
    now: () => parts.now(),
  };
}

/** The flow and its background pass, over the same parts. */
export function composeVerification(
  parts: VerificationParts & {
    logger: VerificationWorkerOptions['logger'];
    intervalMs: number;
  },
): { flow: VerificationFlowDeps; worker: VerificationWorker } {
  const flow = verificationFlowDeps(parts);
  const worker = createVerificationWorker({
    store: parts.store,
    releaseDeps: () => parts.releaseDeps(),
    site: (siteKey) => parts.site(siteKey),
    send: (v, site) => flow.send(v, site),
    logger: parts.logger,
    intervalMs: parts.intervalMs,
    newId: () => parts.newId(),
    now: () => parts.now(),
  });
  return { flow, worker };
}
