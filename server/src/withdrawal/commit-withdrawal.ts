// Commits a withdrawal draft through the group commit (signed, chained, RET movements, webhook
// event, one transaction) and describes what it did: the one path of the admin API and the link.
import { excerpt } from '@izinli/core';
import type { CaptureDraft } from '../capture/prepare-capture.js';
import type { GroupCommitter } from '../capture/group-commit.js';
import { ApiError } from '../http/api-error.js';
import type { Store } from '../store/store.js';

/** What the admin API and the link answer with. */
export interface WithdrawalRecorded {
  captureId: string;
  receipt: string;
  /** The İYS movements the withdrawal queued: RET per channel whose state was ONAY. */
  movements: {
    id: string;
    type: string;
    status: string;
    state: string;
    consentDate: string;
    deadline: string;
  }[];
}

/** Commits (or finds, on a replay) the withdrawal; `created` is false for a replay. */
export async function commitWithdrawal(
  deps: { committer: GroupCommitter; store: Store },
  draft: CaptureDraft,
): Promise<{ created: boolean; body: WithdrawalRecorded }> {
  const outcome = await deps.committer.submit(draft);
  if (outcome.kind === 'unstorable') {
    throw new ApiError(
      422,
      'withdrawal.unstorable',
      {
        en: 'The withdrawal cannot be stored as sent; the server logged why.',
        tr: 'Geri çekme gönderildiği hâliyle saklanamıyor; sunucu nedenini günlüğe yazdı.',
      },
      outcome.problems,
    );
  }
  if (outcome.kind === 'conflict') {
    throw new ApiError(
      409,
      'capture.conflict',
      {
        en: 'A different record with this id is already stored.',
        tr: 'Bu kimlikle farklı bir kayıt zaten saklanmış.',
      },
      [
        {
          code: 'capture.conflict',
          path: ['id'],
          expected: {
            en: 'a new UUID for a new withdrawal, or the identical body to replay one',
            tr: 'yeni bir geri alma için yeni bir UUID ya da birini yinelemek için aynı gövde',
          },
          received: excerpt(draft.captureId, 60),
        },
      ],
    );
  }
  const movements = await deps.store.movements({ captureId: outcome.capture.captureId });
  return {
    created: outcome.kind === 'created',
    body: {
      captureId: outcome.capture.captureId,
      // A withdrawal is never purged before its consent ends (A14), so its receipt is there.
      receipt: outcome.capture.receipt ?? '',
      movements: movements.map(({ id, type, status, state, consentDate, deadline }) => ({
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
