// Expiring held permissions (docs/verification.md#the-flow): a verification not confirmed within
// its site's `holdHours` ends unsent — nothing goes to İYS — and the site is told by a
// `verification.expired` webhook event written in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Verification, VerificationStore } from '../store/ports/verification-store.js';
import type { WebhookEvent } from '../store/types.js';

/** The `verification.expired` event of `verification`, at `now`; no address, only its hash. */
export function expiredEvent(verification: Verification, id: string, now: string): WebhookEvent {
  return {
    id,
    siteKey: verification.siteKey,
    type: 'verification.expired',
    createdAt: now,
    payload: {
      verificationId: verification.id,
      siteKey: verification.siteKey,
      method: verification.method,
      channels: verification.channels,
      destinationSha256: verification.destinationSha256,
      holdUntil: verification.holdUntil,
      ...(verification.captureId !== undefined ? { captureId: verification.captureId } : {}),
    },
  };
}

/** Expires up to `limit` verifications past their hold at `now`, with their events; those expired. */
export function expireVerifications(
  deps: { store: Pick<VerificationStore, 'expireDue'>; newId?: () => string },
  now: Date,
  limit: number,
): Promise<Verification[]> {
  const at = now.toISOString();
  const newId = deps.newId ?? randomUUID;
  return deps.store.expireDue(at, limit, (v) => expiredEvent(v, newId(), at));
}
