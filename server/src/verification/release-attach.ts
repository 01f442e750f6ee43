// After a capture is stored (docs/verification.md#the-flow): the code verifications its body
// names are tied to it with the held channels each releases, those already confirmed are released
// at once, and the capture's answer says, per held channel, where its verification stands.
import type { Channel, HeldMethod } from '@izinli/core';
import { isCaptureRecord } from '@izinli/core';
import { addressSha256, heldChannelsOf } from '../capture/held-channels.js';
import type { VerificationStore } from '../store/ports/verification-store.js';
import type { StoredCapture } from '../store/types.js';
import { commitConfirmation } from './release.js';
import type { ReleaseDeps, ReleaseOutcome } from './release.js';

/**
 * One held channel of a capture as its answer tells it: `sent` (a link is out or about to go),
 * `confirmed` (its owner confirmed it), `unverified` (nothing confirms it yet).
 */
export interface HeldChannelState {
  channel: Channel;
  method: HeldMethod;
  state: 'sent' | 'confirmed' | 'unverified';
}

/** What attaching needs: releasing's, and the store's attach and look-ups. */
export interface AttachDeps extends ReleaseDeps {
  store: ReleaseDeps['store'] & Pick<VerificationStore, 'attachCapture' | 'verificationsOf'>;
}

/**
 * Ties each of `verificationIds` (the capture body's `verifications`) that is a code verification
 * of the capture's site to `capture`, with the channels it holds for that address; releases those
 * already confirmed; answers every held channel's state. Ids that fit nothing are ignored (a
 * stale or foreign id confirms nothing). Safe to run again for a replayed capture.
 */
export async function attachVerifications(
  deps: AttachDeps,
  capture: StoredCapture,
  verificationIds: readonly string[],
): Promise<{ held: HeldChannelState[]; released: ReleaseOutcome[] }> {
  const record = capture.record;
  if (!record || !isCaptureRecord(record) || !record.channels.some((c) => c.verify)) {
    return { held: [], released: [] };
  }
  const released: ReleaseOutcome[] = [];
  for (const id of new Set(verificationIds)) {
    const found = await deps.store.verification(id);
    if (!found || found.siteKey !== capture.siteKey || found.method !== 'code') continue;
    const channels = heldChannelsOf(record, found.destinationSha256, 'code', addressSha256);
    if (channels.length === 0) continue;
    const attached = await deps.store.attachCapture(
      id,
      capture.siteKey,
      capture.captureId,
      channels,
    );
    if (attached?.state === 'confirmed') released.push(await commitConfirmation(deps, attached));
  }
  const mine = await deps.store.verificationsOf(capture.captureId);
  const held = record.channels.flatMap((c): HeldChannelState[] => {
    if (c.verify === undefined) return [];
    const v = mine.find((m) => m.channels.includes(c.type) && m.method === c.verify);
    const state =
      v?.state === 'confirmed'
        ? 'confirmed'
        : v?.state === 'pending' && v.method === 'link'
          ? 'sent'
          : 'unverified';
    return [{ channel: c.type, method: c.verify, state }];
  });
  return { held, released };
}
