// Commits a withdrawal draft through the group commit (signed, chained, RET movements, webhook
// event, one transaction) and describes what it did: the one path of the admin API and the link.
// A withdrawal that cannot be committed comes back as a refusal, which http/ answers with.
import { excerpt } from '@izinli/core';
import type { CaptureDraft, CaptureRefusal } from '../capture/prepare-capture.js';
import type { GroupCommitter } from '../capture/group-commit.js';
import type { MovementStore } from '../store/ports/movement-store.js';

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

/** Why a withdrawal was not committed: it cannot be stored (422), or its id is taken (409). */
export interface WithdrawalRefusal extends Omit<CaptureRefusal, 'status'> {
  status: 409 | 422;
}

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
  const outcome = await deps.committer.submit(draft);
  if (outcome.kind === 'unstorable') {
    return {
      ok: false,
      refusal: {
        status: 422,
        code: 'withdrawal.unstorable',
        message: {
          en: 'The withdrawal cannot be stored as sent; the server logged why.',
          tr: 'Geri çekme gönderildiği hâliyle saklanamıyor; sunucu nedenini günlüğe yazdı.',
        },
        problems: outcome.problems,
      },
    };
  }
  if (outcome.kind === 'conflict') {
    return {
      ok: false,
      refusal: {
        status: 409,
        code: 'capture.conflict',
        message: {
          en: 'A different record with this id is already stored.',
          tr: 'Bu kimlikle farklı bir kayıt zaten saklanmış.',
        },
        problems: [
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
      },
    };
  }
  const movements = await deps.store.movements({ captureId: outcome.capture.captureId });
  return {
    ok: true,
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
