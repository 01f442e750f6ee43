// The pre-send check's decision (COMPLIANCE A2, A16): may a message go to a recipient, answered
// from the mirror of İYS's confirmed state only — never from local wishes or pending movements.
import type { ConsentStatus, RecipientType, Source } from '@izinli/core';
import type { MirrorEntry } from '../store/store.js';

/** The answer of `GET /v1/check`: `since` is İYS's consentDate of the state (Turkey time). */
export interface CheckAnswer {
  allowed: boolean;
  status: ConsentStatus | null;
  source: Source | null;
  since: string | null;
}

/**
 * ONAY on İYS allows; RET refuses. With no İYS record, an individual (BIREYSEL) may not be
 * messaged (A2), while a trader (TACIR) may, since traders need no prior consent and only a RET
 * stops them (A16).
 */
export function checkAnswer(
  entry: MirrorEntry | undefined,
  recipientType: RecipientType,
): CheckAnswer {
  if (!entry)
    return { allowed: recipientType === 'TACIR', status: null, source: null, since: null };
  return {
    allowed: entry.status === 'ONAY',
    status: entry.status,
    source: entry.source,
    since: entry.consentDate,
  };
}
