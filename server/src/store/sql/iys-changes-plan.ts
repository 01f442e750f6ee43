// What applying İYS's changes to the mirror means, whatever the database: the pure decision both
// stores take inside their transaction, after reading the current entries of the keys involved.
import type { IysChangesResult, IysChangesWrite } from '../ports/mirror-store.js';
import type { MirrorEntry, WebhookEvent } from '../types.js';

/** The rows one `applyIysChanges` writes, and its counts. */
export interface IysChangesPlan {
  upserts: MirrorEntry[];
  events: WebhookEvent[];
  result: IysChangesResult;
}

/**
 * True when `entry` may replace `current`: İYS's consentDate (`YYYY-MM-DD HH:mm:ss`, fixed width,
 * so text order is time order) is not older. An equal date is the later-reported movement: wins.
 */
export function supersedes(entry: MirrorEntry, current: MirrorEntry | undefined): boolean {
  return current === undefined || entry.consentDate >= current.consentDate;
}

/** Decides, entry by entry in İYS's order, which upserts and events `write` makes over `current`. */
export function planIysChanges(
  current: ReadonlyMap<string, MirrorEntry>,
  write: Pick<IysChangesWrite, 'entries' | 'events'>,
): IysChangesPlan {
  const state = new Map(current);
  const upserts = new Map<string, MirrorEntry>();
  const events: WebhookEvent[] = [];
  const result: IysChangesResult = { applied: 0, changed: 0, stale: 0 };
  for (const entry of write.entries) {
    const previous = state.get(entry.key);
    if (!supersedes(entry, previous)) {
      result.stale += 1;
      continue;
    }
    const same =
      previous !== undefined &&
      previous.status === entry.status &&
      previous.consentDate === entry.consentDate &&
      previous.source === entry.source;
    if (same) continue; // the same movement again (pull and push both report it)
    state.set(entry.key, entry);
    upserts.set(entry.key, entry);
    result.applied += 1;
    if (previous?.status !== entry.status) {
      result.changed += 1;
      events.push(...write.events(entry, previous));
    }
  }
  return { upserts: [...upserts.values()], events, result };
}
