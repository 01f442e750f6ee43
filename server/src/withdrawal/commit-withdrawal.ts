// Commits a withdrawal draft through the group commit (signed, chained, RET movements, webhook
// event, one transaction) and describes what it did: the one path of the admin API and the link.
// A withdrawal that cannot be committed comes back as a refusal, which http/ answers with.
import { commitDraft } from '../capture/commit-draft.js';
import type { DraftRefusal, QueuedMovement } from '../capture/commit-draft.js';
import type { CaptureDraft } from '../capture/prepare-capture.js';
import type { GroupCommitter } from '../capture/group-commit.js';
import type { MovementStore } from '../store/ports/movement-store.js';

/** What the admin API and the link answer with. */
export interface WithdrawalRecorded {
  captureId: string;
  receipt: string;
  /** The İYS movements the withdrawal queued: RET per channel whose state was ONAY. */
  movements: QueuedMovement[];
}

/** Why a withdrawal was not committed: it cannot be stored (422), or its id is taken (409). */
export type WithdrawalRefusal = DraftRefusal;

export type WithdrawalCommitted =
  | { ok: true; created: boolean; body: WithdrawalRecorded }
  | { ok: false; refusal: WithdrawalRefusal };

/**
 * Commits (or finds, on a replay) the withdrawal; `created` is false for a replay. A withdrawal
 * the group commit cannot store, or whose id holds another record, is refused.
 */
export async function commitWithdrawal(
  deps: { committer: GroupCommitter; store: MovementStore },
  draft: CaptureDraft,
): Promise<WithdrawalCommitted> {
  const committed = await commitDraft(deps, draft, {
    unstorableCode: 'withdrawal.unstorable',
    unstorable: {
      en: 'The withdrawal cannot be stored as sent; the server logged why.',
      tr: 'Geri çekme gönderildiği hâliyle saklanamıyor; sunucu nedenini günlüğe yazdı.',
    },
    newId: {
      en: 'a new UUID for a new withdrawal, or the identical body to replay one',
      tr: 'yeni bir geri alma için yeni bir UUID ya da birini yinelemek için aynı gövde',
    },
  });
  if (!committed.ok) return committed;
  return {
    ok: true,
    created: committed.created,
    body: {
      captureId: committed.capture.captureId,
      // A withdrawal is never purged before its consent ends (A14), so its receipt is there.
      receipt: committed.capture.receipt ?? '',
      movements: committed.movements.map(({ id, type, status, state, consentDate, deadline }) => ({
        id,
        type,
        status,
        state,
        consentDate,
        deadline,
      })),
    },
  };
}
