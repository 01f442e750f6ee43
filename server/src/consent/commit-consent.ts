// Commits a consent draft (A19) through the group commit, as a withdrawal is: the answer names the
// record (its place in the site's chain), its receipt and the İYS movements it queued. A draft the
// commit cannot store, or whose id holds another record, comes back as a refusal.
import { commitDraft } from '../capture/commit-draft.js';
import type { DraftRefusal, QueuedMovement } from '../capture/commit-draft.js';
import type { Movement } from '@izinli/core';
import type { CaptureDraft } from '../capture/prepare-capture.js';
import type { GroupCommitter } from '../capture/group-commit.js';
import type { MovementStore } from '../store/ports/movement-store.js';

/** What the admin API (and `izinli import`) answers for a recorded consent. */
export interface ConsentRecorded {
  captureId: string;
  siteKey: string;
  seq: number;
  recordHash: string;
  receipt: string;
  /** The İYS movements queued: ONAY per channel given, RET where a refused one was ONAY. */
  movements: (QueuedMovement & Pick<Movement, 'source'>)[];
}

export type ConsentRefusal = DraftRefusal;

export type ConsentCommitted =
  { ok: true; created: boolean; body: ConsentRecorded } | { ok: false; refusal: ConsentRefusal };

/** Commits (or finds, on a replay) the consent; `created` is false for a replay. */
export async function commitConsent(
  deps: { committer: GroupCommitter; store: MovementStore },
  draft: CaptureDraft,
): Promise<ConsentCommitted> {
  const committed = await commitDraft(deps, draft, {
    unstorableCode: 'consent.unstorable',
    unstorable: {
      en: 'The consent cannot be stored as sent; the server logged why.',
      tr: 'İzin gönderildiği hâliyle saklanamıyor; sunucu nedenini günlüğe yazdı.',
    },
    newId: {
      en: 'a new UUID for a new consent, or the identical body to replay one',
      tr: 'yeni bir izin için yeni bir UUID ya da birini yinelemek için aynı gövde',
    },
  });
  if (!committed.ok) return committed;
  const { capture, movements } = committed;
  return {
    ok: true,
    created: committed.created,
    body: {
      captureId: capture.captureId,
      siteKey: capture.siteKey,
      seq: capture.seq,
      recordHash: capture.recordHash,
      receipt: capture.receipt ?? '',
      movements: movements.map(({ id, type, status, state, consentDate, source, deadline }) => ({
        id,
        type,
        status,
        state,
        consentDate,
        source,
        deadline,
      })),
    },
  };
}
