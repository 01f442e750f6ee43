// A stored capture and its verifications (docs/verification.md#the-flow): the code verifications
// the widget started are tied to the capture that names them (and released at once when already
// confirmed), and the capture's answer says, per held channel, where its confirmation stands.
import type { CaptureRecord, Channel, HeldMethod } from '@izinli/core';
import type { Verification, VerificationStore } from '../store/ports/verification-store.js';
import { addressSha256 } from './verification-flow.js';

/** A ticked channel the record holds until its address's owner confirms. */
export interface HeldChannel {
  type: Channel;
  method: HeldMethod;
}

/** Where a held channel's confirmation stands, as the capture's answer and event say. */
export interface HeldChannelState {
  channel: Channel;
  method: HeldMethod;
  /** `sent`: a link goes out; `confirmed`: the owner confirmed; `unverified`: nothing yet. */
  state: 'sent' | 'confirmed' | 'unverified';
}

/** The held channels of a capture record (none for a withdrawal). */
export function heldChannels(record: CaptureRecord): HeldChannel[] {
  return record.channels.flatMap((c) => (c.verify ? [{ type: c.type, method: c.verify }] : []));
}

const addressKindOf = (channel: Channel): 'phone' | 'email' =>
  channel === 'EPOSTA' ? 'email' : 'phone';

/**
 * Ties the code verifications `ids` to the capture where they are of its site and address, with
 * the held code channels of that address; a verification already confirmed is released at once.
 * Ids that do not fit (another site, another address, tied elsewhere) are left alone: the
 * capture's channel simply stays held.
 */
export async function attachVerifications(
  deps: { store: VerificationStore; release(verification: Verification): Promise<void> },
  record: CaptureRecord,
  ids: readonly string[],
): Promise<void> {
  const held = heldChannels(record).filter((h) => h.method === 'code');
  if (held.length === 0) return;
  for (const id of new Set(ids)) {
    const verification = await deps.store.verification(id);
    if (verification?.method !== 'code' || verification.siteKey !== record.siteKey) continue;
    const address =
      verification.addressKind === 'email' ? record.person.email : record.person.phone;
    if (address === undefined || addressSha256(address) !== verification.destinationSha256) {
      continue;
    }
    const channels = held
      .filter((h) => addressKindOf(h.type) === verification.addressKind)
      .map((h) => h.type);
    if (channels.length === 0) continue;
    const attached = await deps.store.attachCapture(id, record.siteKey, record.captureId, channels);
    if (attached?.state === 'confirmed') await deps.release(attached);
  }
}

/** Per held channel of `record`, where its confirmation stands. */
export async function heldChannelStates(
  store: Pick<VerificationStore, 'verificationsOf'>,
  record: CaptureRecord,
): Promise<HeldChannelState[]> {
  const held = heldChannels(record);
  if (held.length === 0) return [];
  const verifications = await store.verificationsOf(record.captureId);
  return held.map(({ type, method }) => {
    const of = verifications.filter((v) => v.channels.includes(type));
    const state = of.some((v) => v.state === 'confirmed')
      ? 'confirmed'
      : method === 'link' && of.some((v) => v.state === 'pending')
        ? 'sent'
        : 'unverified';
    return { channel: type, method, state };
  });
}
