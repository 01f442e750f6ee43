// The example config with a verification policy, and drafts of its site, for the tests of held
// channels and confirmations (docs/verification.md).
import { randomUUID } from 'node:crypto';
import { deadlineFor } from '@izinli/core';
import type { CaptureInput, Channel, HeldMethod, SiteConfig } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { expect } from 'vitest';
import { checkServerConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { ORIGIN, validCapture } from '../http/app-harness.test-support.js';
import { loadKeyRing, signReceipt } from '../proof/index.js';
import type { CaptureStore } from '../store/ports/capture-store.js';
import type { Verification, VerificationStore } from '../store/ports/verification-store.js';
import { GroupCommitter } from './group-commit.js';
import { addressSha256 } from './held-channels.js';
import { prepareCapture } from './prepare-capture.js';
import type { CaptureDraft } from './prepare-capture.js';

export const HELD_PHONE = '+905321234567';
export const HELD_EMAIL = 'ayse@ornek.com.tr';
/** When the held tests' captures are received: Thursday 26 Nov 2026, 12:15:30 in Turkey. */
export const HELD_CAPTURED = new Date('2026-11-26T09:15:30.000Z');

/** The example config whose site verifies `channels` as given (other site fields as they are). */
export async function heldConfig(
  channels: Partial<Record<Channel, HeldMethod>>,
  site: Partial<SiteConfig> = {},
): Promise<LoadedConfig> {
  const loaded = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const config = loaded.value;
  const found = config.sites.get(EXAMPLE_SITE_KEY)!;
  const verified: SiteConfig = {
    ...found.site,
    verification: { ...found.site.verification, channels },
    ...site,
  };
  const sites = new Map(config.sites);
  sites.set(EXAMPLE_SITE_KEY, { ...found, site: verified });
  return { ...config, sites };
}

/** A prepared draft of the harness's valid capture (MESAJ and EPOSTA ticked) with `overrides`. */
export function heldDraft(
  config: LoadedConfig,
  receivedAt: Date,
  overrides: Partial<CaptureInput> = {},
): CaptureDraft {
  const facts = { receivedAt, origin: ORIGIN, ip: '203.0.113.7', userAgent: 'test' };
  const prepared = prepareCapture(validCapture(overrides), facts, config);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.refusal));
  return prepared.draft;
}

/** A group committer over `store` signing receipts with the key ring of the data folder `dir`. */
export async function signingCommitter(store: CaptureStore, dir: string): Promise<GroupCommitter> {
  const ring = await loadKeyRing({ dataDir: dir });
  return new GroupCommitter({
    store,
    signReceipt: (record, canonical) => signReceipt(ring, record, canonical),
    newId: randomUUID,
    deadlineFor,
  });
}

/**
 * Stores a code verification of `HELD_PHONE` sent at `sentAt` (its code valid three minutes, held
 * three days), then confirms it at `confirmedAt`; resolves with the verification as stored first.
 */
export async function confirmedCodeVerification(
  store: VerificationStore,
  sentAt: Date,
  confirmedAt: Date,
): Promise<Verification> {
  const verification: Verification = {
    id: randomUUID(),
    siteKey: EXAMPLE_SITE_KEY,
    method: 'code',
    addressKind: 'phone',
    destination: HELD_PHONE,
    destinationSha256: addressSha256(HELD_PHONE),
    locale: 'tr',
    secretHash: 'e'.repeat(64),
    createdAt: sentAt.toISOString(),
    sentAt: sentAt.toISOString(),
    sends: 1,
    expiresAt: new Date(sentAt.getTime() + 180_000).toISOString(),
    holdUntil: new Date(sentAt.getTime() + 72 * 3_600_000).toISOString(),
    attempts: 0,
    state: 'pending',
    channels: ['MESAJ'],
  };
  await store.insertVerification(verification);
  await store.recordWrongCode(verification.id, 3);
  const confirmed = await store.confirmVerification(verification.id, {
    at: confirmedAt.toISOString(),
    ip: '198.51.100.23',
    userAgent: 'Mozilla/5.0 test',
  });
  expect(confirmed?.state).toBe('confirmed');
  return verification;
}
