// Releasing held channels (docs/verification.md#the-flow): a confirmed verification tied to its
// capture becomes a chained confirmation record with its ONAY movements, through the group commit,
// then is marked released. Safe to run twice, or on two instances at once: the record's id derives
// from the verification's, so a second submit replays the first.
import type { Problem, SiteConfig } from '@izinli/core';
import type { GroupCommitter } from '../capture/group-commit.js';
import {
  ConfirmationUnbuildable,
  buildConfirmationDraft,
  confirmationId,
} from '../capture/seal-confirmation.js';
import type { CaptureStore } from '../store/ports/capture-store.js';
import type { Verification, VerificationStore } from '../store/ports/verification-store.js';
import type { StoredCapture } from '../store/types.js';

/** What releasing needs. */
export interface ReleaseDeps {
  committer: GroupCommitter;
  store: Pick<CaptureStore, 'getCapture'> &
    Pick<VerificationStore, 'verification' | 'markReleased' | 'dueReleases'>;
  /** The configured sites by key (`LoadedConfig.sites` fits). */
  sites: ReadonlyMap<string, { site: SiteConfig }>;
  now?: () => Date;
}

/** What became of a release. */
export type ReleaseOutcome =
  /** Chained now, or found chained (`replayed`) by an earlier run; the verification is released. */
  | { kind: 'released'; confirmation: StoredCapture; replayed: boolean }
  /** Nothing to release yet or any more: not confirmed (pending, expired, superseded…) or untied. */
  | { kind: 'notDue'; reason: 'unknown' | 'notConfirmed' | 'noCapture' }
  /** It cannot be released: the capture or site is gone, nothing is held, or the record failed. */
  | { kind: 'unreleasable'; reason: string; problems?: Problem[] };

/**
 * Chains the confirmation record of `verification` (read again from the store: its state now
 * decides) and marks it released. A verification released already answers `released` with the
 * stored record, `replayed`.
 */
export async function commitConfirmation(
  deps: ReleaseDeps,
  verification: Pick<Verification, 'id'>,
): Promise<ReleaseOutcome> {
  const now = (deps.now ?? (() => new Date()))();
  const current = await deps.store.verification(verification.id);
  if (!current) return { kind: 'notDue', reason: 'unknown' };
  if (current.releasedAt !== undefined) {
    const stored = await deps.store.getCapture(confirmationId(current.id));
    if (stored) return { kind: 'released', confirmation: stored, replayed: true };
  }
  if (current.state !== 'confirmed') return { kind: 'notDue', reason: 'notConfirmed' };
  if (current.captureId === undefined) return { kind: 'notDue', reason: 'noCapture' };
  const capture = await deps.store.getCapture(current.captureId);
  if (!capture) return { kind: 'unreleasable', reason: 'captureUnknown' };
  const site = deps.sites.get(current.siteKey)?.site;
  if (!site) return { kind: 'unreleasable', reason: 'siteUnknown' };
  let draft;
  try {
    draft = buildConfirmationDraft(current, capture, site, now);
  } catch (error) {
    if (error instanceof ConfirmationUnbuildable) {
      return { kind: 'unreleasable', reason: error.reason };
    }
    throw error;
  }
  const outcome = await deps.committer.submit(draft);
  if (outcome.kind === 'unstorable') {
    return { kind: 'unreleasable', reason: 'unstorable', problems: outcome.problems };
  }
  if (outcome.kind === 'conflict') return { kind: 'unreleasable', reason: 'conflict' };
  await deps.store.markReleased(current.id, now.toISOString());
  return {
    kind: 'released',
    confirmation: outcome.capture,
    replayed: outcome.kind === 'replayed',
  };
}

/** Releases up to `limit` due verifications (the worker's pass); each one's outcome, in order. */
export async function releaseDue(
  deps: ReleaseDeps,
  limit: number,
): Promise<{ id: string; outcome: ReleaseOutcome }[]> {
  const due = await deps.store.dueReleases(limit);
  const results: { id: string; outcome: ReleaseOutcome }[] = [];
  for (const verification of due) {
    results.push({ id: verification.id, outcome: await commitConfirmation(deps, verification) });
  }
  return results;
}
