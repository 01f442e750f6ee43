// Commits one prepared draft through the group commit for a caller that answers a person (the
// admin API's withdrawals and consents, the withdrawal link, `izinli import`): the stored record
// and the İYS movements it queued, or a refusal when the record cannot be stored (422) or its id
// holds another record (409). Each caller names its record in the refusal's words; the browser's
// capture route, which commits on its own, answers with the same refusals.
import { excerpt } from '@izinli/core';
import type { Localized, Movement } from '@izinli/core';
import type { MovementStore } from '../store/ports/movement-store.js';
import type { StoredCapture } from '../store/types.js';
import type { CommitOutcome, GroupCommitter } from './group-commit.js';
import { refuse } from './prepare-capture.js';
import type { CaptureDraft, CaptureRefusal } from './prepare-capture.js';

/** An İYS movement a committed record queued, as the API answers it. */
export type QueuedMovement = Pick<
  Movement,
  'id' | 'type' | 'status' | 'state' | 'consentDate' | 'deadline'
>;

/** Why a draft was not committed: it cannot be stored (422), or its id is taken (409). */
export interface DraftRefusal extends Omit<CaptureRefusal, 'status'> {
  status: 409 | 422;
}

export type DraftCommitted =
  | { ok: true; created: boolean; capture: StoredCapture; movements: Movement[] }
  | { ok: false; refusal: DraftRefusal };

/** How the refusals name the record: its error code and what a 422 and a 409 say. */
export interface DraftWords {
  /** The 422's code, e.g. `consent.unstorable`. */
  unstorableCode: string;
  unstorable: Localized;
  /** What a new record's id should have been, for the 409. */
  newId: Localized;
  /** What the 409 says; by default that a different record holds the id. */
  taken?: Localized;
}

const TAKEN: Localized = {
  en: 'A different record with this id is already stored.',
  tr: 'Bu kimlikle farklı bir kayıt zaten saklanmış.',
};

/** The refusal of a draft the group commit could not store or found another record's id in. */
export function draftRefusal(
  outcome: Extract<CommitOutcome, { kind: 'unstorable' | 'conflict' }>,
  draft: CaptureDraft,
  words: DraftWords,
): DraftRefusal {
  if (outcome.kind === 'unstorable') {
    return refuse(422, words.unstorableCode, words.unstorable, outcome.problems).refusal;
  }
  return refuse(409, 'capture.conflict', words.taken ?? TAKEN, [
    {
      code: 'capture.conflict',
      path: ['id'],
      expected: words.newId,
      received: excerpt(draft.captureId, 60),
    },
  ]).refusal;
}

/** Commits (or finds, on a replay) the draft; `created` is false for a replay. */
export async function commitDraft(
  deps: { committer: GroupCommitter; store: MovementStore },
  draft: CaptureDraft,
  words: DraftWords,
): Promise<DraftCommitted> {
  const outcome = await deps.committer.submit(draft);
  if (outcome.kind === 'unstorable' || outcome.kind === 'conflict') {
    return { ok: false, refusal: draftRefusal(outcome, draft, words) };
  }
  const movements = await deps.store.movements({ captureId: outcome.capture.captureId });
  return { ok: true, created: outcome.kind === 'created', capture: outcome.capture, movements };
}
