// A verification link opened and confirmed (docs/verification.md#the-flow): GET only looks it up,
// the page's button POSTs and confirms.
import type { SiteConfig } from '@izinli/core';
import type { Verification } from '../store/ports/verification-store.js';
import { parseLinkSegment } from './secrets.js';
import { confirm } from './verification-flow.js';
import type { RequestSeen, VerificationFlowDeps } from './verification-flow.js';

/**
 * What a link's page shows: `open` (it may be confirmed), `confirmed` (by this request),
 * `already` (confirmed before), or why it cannot be: `expired` (or closed), `unknown` (not ours).
 */
export type LinkLookup =
  | { kind: 'open' | 'confirmed' | 'already'; verification: Verification; site: SiteConfig }
  | { kind: 'expired' | 'unknown' };

/** Finds the verification a link token (`{id}.{secret}`) names, checking its secret. */
export async function lookUpLink(deps: VerificationFlowDeps, token: string): Promise<LinkLookup> {
  const parsed = parseLinkSegment(token);
  if (!parsed) return { kind: 'unknown' };
  const { id, token: secret } = parsed;
  const verification = await deps.store.verification(id);
  const site = verification && deps.site(verification.siteKey);
  if (!verification || !site || verification.method !== 'link') return { kind: 'unknown' };
  if (!deps.secretMatches(verification, secret)) return { kind: 'unknown' };
  if (verification.state === 'confirmed') return { kind: 'already', verification, site };
  if (verification.state !== 'pending') return { kind: 'expired' };
  if (verification.expiresAt && Date.parse(verification.expiresAt) <= deps.now().getTime()) {
    return { kind: 'expired' };
  }
  return { kind: 'open', verification, site };
}

/** `POST /v1/confirm/{token}`: the person pressed the button on the link's page. */
export async function confirmLink(
  deps: VerificationFlowDeps,
  token: string,
  seen: RequestSeen,
): Promise<LinkLookup> {
  const found = await lookUpLink(deps, token);
  if (found.kind !== 'open') return found;
  const confirmed = await confirm(deps, found.verification, seen);
  // Another request confirmed it in between: one confirmation, and this one says so.
  return confirmed
    ? { kind: 'confirmed', verification: confirmed, site: found.site }
    : { kind: 'already', verification: found.verification, site: found.site };
}
