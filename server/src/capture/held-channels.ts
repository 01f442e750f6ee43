// Held channels (docs/verification.md#records): which boxes of a record wait for the address's
// owner, the link verifications a capture starts for them, and which addresses and channels a
// record decides anew (superseding older captures' open verifications). Pure: the caller passes
// the hash function and the ids.
import { createHash } from 'node:crypto';
import { addressKindOf } from '@izinli/core';
import type { CaptureRecord, Channel, HeldMethod } from '@izinli/core';
import type { Verification, VerificationSupersede } from '../store/ports/verification-store.js';

type Person = CaptureRecord['person'];

/** SHA-256 (hex) of a normalised address (E.164 phone, İYS e-mail): how a verification names it. */
export function addressSha256(address: string): string {
  return createHash('sha256').update(address, 'utf8').digest('hex');
}

/** The address a channel covers in `person`, with its kind; undefined when the person gave none. */
export function channelAddress(
  person: Person,
  type: Channel,
): { kind: 'phone' | 'email'; address: string } | undefined {
  const kind = addressKindOf(type);
  const address = person[kind];
  return address === undefined ? undefined : { kind, address };
}

/** A record's channels grouped by the address they cover, in the record's order. */
function byAddress<C extends { type: Channel }>(
  person: Person,
  channels: readonly C[],
): { kind: 'phone' | 'email'; address: string; channels: C[] }[] {
  const groups = new Map<string, { kind: 'phone' | 'email'; address: string; channels: C[] }>();
  for (const channel of channels) {
    const found = channelAddress(person, channel.type);
    if (!found) continue;
    const group = groups.get(found.kind) ?? { ...found, channels: [] };
    group.channels.push(channel);
    groups.set(found.kind, group);
  }
  return [...groups.values()];
}

/** What the link verifications of a capture need besides its record. */
export interface HeldLinkInputs {
  /** The site's `verification.holdHours`. */
  holdHours: number;
  newId(): string;
  sha256(text: string): string;
}

/**
 * One pending link verification per address whose ticked boxes a capture holds by `link`: no
 * secret yet (the sender makes the token when it sends), held until receivedAt + holdHours.
 */
export function linkVerifications(record: CaptureRecord, inputs: HeldLinkInputs): Verification[] {
  if (record.kind !== 'capture') return [];
  const held = record.channels.filter((c) => c.verify === 'link');
  const holdUntil = new Date(Date.parse(record.receivedAt) + inputs.holdHours * 3_600_000);
  return byAddress(record.person, held).map((group) => ({
    id: inputs.newId(),
    siteKey: record.siteKey,
    method: 'link',
    addressKind: group.kind,
    destination: group.address,
    destinationSha256: inputs.sha256(group.address),
    locale: record.locale,
    createdAt: record.receivedAt,
    sends: 0,
    holdUntil: holdUntil.toISOString(),
    attempts: 0,
    state: 'pending',
    captureId: record.captureId,
    channels: group.channels.map((c) => c.type),
  }));
}

/**
 * The addresses and channels a record decides anew: every box it shows for an address the person
 * gave, ticked or not. A newer answer replaces an older capture's open verification: a ticked box
 * starts its own, an unticked one (or a withdrawal) says no, and a confirmation arriving later
 * must not send the older yes to İYS after it.
 */
export function supersedesOf(
  record: CaptureRecord,
  sha256: (text: string) => string,
): VerificationSupersede[] {
  return byAddress(record.person, record.channels).map((group) => ({
    destinationSha256: sha256(group.address),
    channels: group.channels.map((c) => c.type),
  }));
}

/**
 * The channels of `record` held by `method` for the address hashing to `hash`: exactly what a
 * confirmation of that address releases.
 */
export function heldChannelsOf(
  record: CaptureRecord,
  hash: string,
  method: HeldMethod,
  sha256: (text: string) => string,
): Channel[] {
  return record.channels
    .filter((c) => c.verify === method)
    .filter((c) => {
      const found = channelAddress(record.person, c.type);
      return found !== undefined && sha256(found.address) === hash;
    })
    .map((c) => c.type);
}
