// What the retention rule needs to know about one record, read from the store: its channels'
// current states and the later answers about its purposes (retention-rule.ts decides).
import { isCaptureRecord, movementKey } from '@izinli/core';
import type { Channel, Movement } from '@izinli/core';
import type { RetentionCandidate } from '../store/ports/retention-store.js';
import type { StoredCapture } from '../store/types.js';
import { newestState } from './retention-rule.js';
import type { KeyState, PurposeState, RetentionFacts } from './retention-rule.js';

import type { SiteConfig } from '@izinli/core';
import type { CaptureStore } from '../store/ports/capture-store.js';
import type { ChainStore } from '../store/ports/chain-store.js';
import type { MirrorStore } from '../store/ports/mirror-store.js';
import type { MovementStore } from '../store/ports/movement-store.js';
import type { EvidenceStore } from '../store/ports/evidence-store.js';
import type { RetentionStore } from '../store/ports/retention-store.js';

/** The part of a site's config the purge reads. */
export type RetentionSite = Pick<SiteConfig, 'siteKey' | 'brand' | 'retention'> & {
  /** The site's tenant, whose evidence files (A19) the purged records named go with them. */
  tenantId?: string;
};

/**
 * What the pass reads and purges: the candidates and their purge, and to decide what is due, a
 * site list, the later records of a person, their movements and the mirror.
 */
export type RetentionPassStore = RetentionStore &
  EvidenceStore &
  CaptureStore &
  ChainStore &
  MovementStore &
  MirrorStore;

const RECORDS_PER_ADDRESS = 500;

/** The captures among `ids` that have an open movement (for a dry run's count). */
export async function openOf(store: RetentionPassStore, ids: readonly string[]): Promise<string[]> {
  const open: string[] = [];
  for (const captureId of ids) {
    const own = await store.movements({ captureId });
    if (own.some((m) => m.state === 'pending' || m.state === 'in-flight')) open.push(captureId);
  }
  return open;
}

/** Reads what the rule needs about one record: its channels' keys and later purpose answers. */
export async function factsFor(
  store: RetentionPassStore,
  site: RetentionSite,
  capture: RetentionCandidate,
): Promise<RetentionFacts> {
  const { record } = capture;
  const own = await store.movements({ captureId: capture.captureId });
  const channels = new Map<Channel, KeyState | undefined>();
  for (const channel of record.channels) {
    if (!channel.checked) continue;
    channels.set(channel.type, await channelState(store, site, record, channel.type, own));
  }
  const purposes = new Map<string, PurposeState | undefined>();
  const granted = record.purposes.filter((p) => p.granted).map((p) => p.id);
  if (granted.length > 0) {
    const later = await laterRecords(store, capture);
    for (const id of granted) {
      // `later` is newest first: the first record that shows the purpose is the person's last word.
      const answer = later.find((c) => purposesOf(c).some((p) => p.id === id));
      const p = answer && purposesOf(answer).find((q) => q.id === id);
      purposes.set(
        id,
        p && answer ? { granted: p.granted, receivedAt: answer.receivedAt } : undefined,
      );
    }
  }
  return {
    channelState: (type) => channels.get(type),
    purposeState: (id) => purposes.get(id),
  };
}

/** The purposes a stored record shows (none when purged, or for an İYS day). */
const purposesOf = ({ record }: StoredCapture) =>
  record && isCaptureRecord(record) ? record.purposes : [];

/**
 * The person's state for one channel: every key it may be under (the record's own movements',
 * else the site's brand with the record's address) must have ended; the latest end wins.
 */
async function channelState(
  store: RetentionPassStore,
  site: RetentionSite,
  record: RetentionCandidate['record'],
  type: Channel,
  own: readonly Movement[],
): Promise<KeyState | undefined> {
  const recipient = record.person[type === 'EPOSTA' ? 'email' : 'phone'];
  if (recipient === undefined) return undefined;
  const keys = new Set(own.filter((m) => m.type === type).map((m) => movementKey(m)));
  if (keys.size === 0)
    keys.add(movementKey({ ...site.brand, recipientType: record.recipientType, type, recipient }));
  const mirror = await store.mirror([...keys]);
  const ends: KeyState[] = [];
  for (const key of keys) {
    const queued = (await store.movements({ key }))
      .filter((m) => m.state !== 'dead')
      .map((m) => ({ status: m.status, consentDate: m.consentDate }));
    const state = newestState([...queued, mirror.get(key)]);
    if (state?.status !== 'RET') return state;
    ends.push(state);
  }
  return newestState(ends);
}

/** Records of the same site naming the record's phone or e-mail, after it, newest first. */
async function laterRecords(
  store: RetentionPassStore,
  capture: RetentionCandidate,
): Promise<StoredCapture[]> {
  const { person } = capture.record;
  const found = new Map<string, StoredCapture>();
  for (const address of [
    person.phone ? { phone: person.phone } : undefined,
    person.email ? { email: person.email } : undefined,
  ]) {
    if (!address) continue;
    const page = await store.listCaptures({
      siteKeys: [capture.siteKey],
      ...address,
      limit: RECORDS_PER_ADDRESS,
    });
    for (const c of page.items) if (c.seq > capture.seq) found.set(c.captureId, c);
  }
  return [...found.values()].sort((a, b) => b.seq - a.seq);
}
