import { IYS_MESSAGE_VARIANTS } from '@izinli/core';
import type { IysErrorEntry } from '@izinli/core';
import { businessRuleError, recordMovement } from './consent-rules.js';
import type { SimPolicy } from './options.js';
import { consentFingerprint, consentKey } from './state.js';
import type { Batch, BatchItemResult, NormalizedConsent, SimState } from './state.js';

/**
 * Processes every batch whose time has come, oldest first, item by item in list order, at the
 * batch's own due time: business-rule failures (H174, H175, H178, H462, H463) become per-item
 * `failure`s, and so does a full package's H525; v2 items identical to an earlier write answer with that write's ids.
 */
export function processDueBatches(
  state: SimState,
  nowMs: number,
  policy: SimPolicy,
  quota: (consent: NormalizedConsent) => IysErrorEntry | null = () => null,
): void {
  const due = [...state.batches.values()]
    .filter((b) => !b.results && b.dueMs <= nowMs)
    .sort((a, b) => a.dueMs - b.dueMs || a.submittedMs - b.submittedMs);
  for (const batch of due) processBatch(state, batch, policy, quota);
}

function processBatch(
  state: SimState,
  batch: Batch,
  policy: SimPolicy,
  quota: (consent: NormalizedConsent) => IysErrorEntry | null,
): void {
  batch.results = batch.items.map(({ consent, subRequestId }, index): BatchItemResult => {
    const fingerprint = consentFingerprint(consent);
    const original = state.originals.get(fingerprint);
    if (batch.version === 'v2' && original) {
      const result: BatchItemResult = {
        index,
        subRequestId,
        status: 'success',
        transactionId: original.transactionId,
        creationDate: original.creationDate,
        original: { viaSingleV2: original.viaSingleV2 },
      };
      if (original.requestId) result.original!.requestId = original.requestId;
      if (original.subRequestId) result.original!.subRequestId = original.subRequestId;
      return result;
    }
    // A full package refuses new addresses item by item (H525), like a business rule.
    const error =
      businessRuleError(state.consents.get(consentKey(consent)), consent, policy) ?? quota(consent);
    if (error) {
      if (error.code === 'H175') error.message = IYS_MESSAGE_VARIANTS.batchFirstRet;
      return { index, subRequestId, status: 'failure', error };
    }
    const movement = recordMovement(
      state,
      consent,
      batch.dueMs,
      batch.version === 'v2' ? 'batch-v2' : 'batch-v1',
    );
    if (!original) {
      state.originals.set(fingerprint, {
        transactionId: movement.transactionId,
        creationDate: movement.creationDate,
        requestId: batch.requestId,
        subRequestId,
        viaSingleV2: false,
      });
    }
    return {
      index,
      subRequestId,
      status: 'success',
      transactionId: movement.transactionId,
      creationDate: movement.creationDate,
    };
  });
}
