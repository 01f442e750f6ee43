// İYS's movements (pulled or pushed) as mirror entries, and the `consent.changed` events a change
// of status writes for every site of the brand (docs/architecture.md#sync, docs/architecture.md#webhooks).
import { randomUUID } from 'node:crypto';
import { dailyFileRowOf, movementKey, normalizeRecipient } from '@izinli/core';
import type { IysMovement } from '@izinli/core';
import type { LoadedConfig } from '../config/load-config.js';
import type {
  IysChangeRecord,
  IysChangesWrite,
  MirrorEntry,
  WebhookEvent,
} from '../store/store.js';

/** An İYS brand: the pair the pull cursor and the mirror keys belong to. */
export interface BrandRef {
  iysCode: number;
  brandCode: number;
}

/** The configured brands (sites' `brand`), each once, in config order. */
export function configuredBrands(config: LoadedConfig): BrandRef[] {
  const brands = new Map<string, BrandRef>();
  for (const { site } of config.sites.values()) {
    const { iysCode, brandCode } = site.brand;
    brands.set(`${iysCode}:${brandCode}`, { iysCode, brandCode });
  }
  return [...brands.values()];
}

/** The site keys whose brand is `brand`. */
export function sitesOfBrand(config: LoadedConfig, brand: BrandRef): string[] {
  return [...config.sites.values()]
    .filter(
      ({ site }) =>
        site.brand.iysCode === brand.iysCode && site.brand.brandCode === brand.brandCode,
    )
    .map(({ site }) => site.siteKey);
}

/**
 * The mirror entry of one İYS movement, or undefined when its recipient is not a valid address
 * (İYS never sends one; skipped rather than stored under a key no check could find). A TACIR
 * movement may lack consentDate: its creationDate stands in.
 */
export function mirrorEntryOf(
  brand: BrandRef,
  movement: IysMovement,
  now: Date,
): MirrorEntry | undefined {
  const recipient = normalizeRecipient(movement.type, movement.recipient);
  if (!recipient.ok) return undefined;
  const fields = {
    ...brand,
    recipientType: movement.recipientType,
    type: movement.type,
    recipient: recipient.value,
  };
  return {
    key: movementKey(fields),
    ...fields,
    status: movement.status,
    consentDate: movement.consentDate ?? movement.creationDate,
    source: movement.source,
    updatedAt: now.toISOString(),
  };
}

/** Builds `consent.changed` events: one per site of the brand, for an entry that changed status. */
export function consentChangedEvents(
  siteKeys: readonly string[],
  now: () => Date,
  newId: () => string = randomUUID,
): IysChangesWrite['events'] {
  return (entry, previous) =>
    siteKeys.map((siteKey): WebhookEvent => ({
      id: newId(),
      siteKey,
      type: 'consent.changed',
      payload: {
        iysCode: entry.iysCode,
        brandCode: entry.brandCode,
        recipientType: entry.recipientType,
        type: entry.type,
        recipient: entry.recipient,
        status: entry.status,
        previousStatus: previous?.status ?? null,
        consentDate: entry.consentDate,
        source: entry.source,
      },
      createdAt: now().toISOString(),
    }));
}

/** The mirror entries of `movements` (invalid ones dropped) and how many were dropped. */
export function mirrorEntriesOf(
  brand: BrandRef,
  movements: readonly IysMovement[],
  now: Date,
): { entries: MirrorEntry[]; invalid: number } {
  const entries: MirrorEntry[] = [];
  for (const movement of movements) {
    const entry = mirrorEntryOf(brand, movement, now);
    if (entry) entries.push(entry);
  }
  return { entries, invalid: movements.length - entries.length };
}

/**
 * İYS's movements (pulled or pushed) of one brand as the records reconciliation keeps, exactly as
 * İYS sent them (docs/iys.md#how-izinli-reconciles).
 */
export function iysChangeRecords(
  brand: { iysCode: number; brandCode: number },
  movements: readonly IysMovement[],
  via: 'pull' | 'push',
  now: Date,
): IysChangeRecord[] {
  return movements.map((m) => ({
    ...brand,
    ...dailyFileRowOf(m),
    via,
    receivedAt: now.toISOString(),
  }));
}
