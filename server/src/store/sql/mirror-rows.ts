// What both dialects' mirror ports make of their rows, and the upsert's conflict clause.
import type { MirrorEntry, PendingRefusal } from '../types.js';
import { MIRROR_COLUMNS, toMirrorEntry } from './store-rows.js';
import type { Row } from './store-rows.js';

/** Mirror rows as their entries, by key. */
export function mirrorEntriesByKey(rows: readonly Row[]): Map<string, MirrorEntry> {
  const found = new Map<string, MirrorEntry>();
  for (const row of rows) {
    const entry = toMirrorEntry(row);
    found.set(entry.key, entry);
  }
  return found;
}

/** What a newer mirror entry replaces of a stored one: every column but its key. */
export const MIRROR_UPSERT_SET = `ON CONFLICT (consent_key) DO UPDATE SET ${MIRROR_COLUMNS.slice(1)
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;

/** Rows of (movement_key, source, consent_date), each key's unconfirmed RET, by key. */
export function pendingRefusalsByKey(rows: readonly Row[]): Map<string, PendingRefusal> {
  const found = new Map<string, PendingRefusal>();
  for (const row of rows) {
    found.set(row.movement_key as string, {
      source: row.source as PendingRefusal['source'],
      consentDate: row.consent_date as string,
    });
  }
  return found;
}
