// Commits a consent draft (A19) through the group commit, as a withdrawal is: the answer names the
// record (its place in the site's chain), its receipt and the İYS movements it queued. A draft the
// commit cannot store, or whose id holds another record, comes back as a refusal.
import { excerpt } from '@izinli/core';
import type { CaptureDraft, CaptureRefusal } from '../capture/prepare-capture.js';
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
  movements: {
    id: string;
    type: string;
    status: string;
    state: string;
    consentDate: string;
    source: string;
    deadline: string;
  }[];
}

export interface ConsentRefusal extends Omit<CaptureRefusal, 'status'> {
  status: 409 | 422;
}

export type ConsentCommitted =
  { ok: true; created: boolean; body: ConsentRecorded } | { ok: false; refusal: ConsentRefusal };

/** Commits (or finds, on a replay) the consent; `created` is false for a replay. */
export async function commitConsent(
  deps: { committer: GroupCommitter; store: MovementStore },
  draft: CaptureDraft,
): Promise<ConsentCommitted> {
  const outcome = await deps.committer.submit(draft);
  if (outcome.kind === 'unstorable') {
    return {
      ok: false,
      refusal: {
        status: 422,
        code: 'consent.unstorable',
        message: {
          en: 'The consent cannot be stored as sent; the server logged why.',
          tr: 'İzin gönderildiği hâliyle saklanamıyor; sunucu nedenini günlüğe yazdı.',
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
              en: 'a new UUID for a new consent, or the identical body to replay one',
              tr: 'yeni bir izin için yeni bir UUID ya da birini yinelemek için aynı gövde',
            },
            received: excerpt(draft.captureId, 60),
          },
        ],
      },
    };
  }
  const { capture } = outcome;
  const movements = await deps.store.movements({ captureId: capture.captureId });
  return {
    ok: true,
    created: outcome.kind === 'created',
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
