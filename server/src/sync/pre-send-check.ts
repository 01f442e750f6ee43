// The pre-send check's decision (A2, A16): may a message go to a recipient, answered
// from the mirror of İYS's confirmed state — never from a pending ONAY. Local state can only make
// the answer stricter: a refusal recorded here counts from receipt (B7, A11), before İYS has it.
import type { ConsentStatus, RecipientType, Source } from '@izinli/core';
import type { MirrorEntry, PendingRefusal } from '../store/store.js';

/** The answer of `GET /v1/check`: `since` is İYS's consentDate of the state (Turkey time). */
export interface CheckAnswer {
  allowed: boolean;
  status: ConsentStatus | null;
  source: Source | null;
  since: string | null;
  /** True when the answer is a refusal recorded here that İYS has not confirmed yet. */
  pending?: true;
}

/**
 * ONAY on İYS allows; RET refuses. With no İYS record, an individual (BIREYSEL) may not be
 * messaged (A2), while a trader (TACIR) may, since traders need no prior consent and only a RET
 * stops them (A16). A refusal recorded here and still on its way to İYS refuses at once (B7).
 */
export function checkAnswer(
  entry: MirrorEntry | undefined,
  recipientType: RecipientType,
  refusal?: PendingRefusal,
): CheckAnswer {
  if (refusal && (!entry || entry.consentDate < refusal.consentDate)) {
    return {
      allowed: false,
      status: 'RET',
      source: refusal.source,
      since: refusal.consentDate,
      pending: true,
    };
  }
  if (!entry)
    return { allowed: recipientType === 'TACIR', status: null, source: null, since: null };
  return {
    allowed: entry.status === 'ONAY',
    status: entry.status,
    source: entry.source,
    since: entry.consentDate,
  };
}
