import { formatIysDate, iysError } from '@izinli/core';
import type { IysErrorEntry } from '@izinli/core';
import { transactionIdFor } from './ids.js';
import type { SimPolicy } from './options.js';
import { consentKey } from './state.js';
import type {
  ConsentRecord,
  Movement,
  MovementOrigin,
  NormalizedConsent,
  SimState,
} from './state.js';

/**
 * The rules İYS checks against the stored record (docs/iys.md#rules), after format validation:
 * a first record cannot be RET (H175); a TACIR update needs consentDate and source (H462, H463);
 * the status must change (H174, ending with the current status); the consentDate must be newer
 * than the stored one (H178). Returns the one error İYS would answer with, or null.
 */
export function businessRuleError(
  existing: ConsentRecord | undefined,
  consent: NormalizedConsent,
  policy: SimPolicy,
): IysErrorEntry | null {
  if (!existing) return consent.status === 'RET' ? iysError('H175') : null;
  if (consent.recipientType === 'TACIR') {
    if (consent.consentDate === undefined) return iysError('H462');
    if (consent.source === undefined) return iysError('H463');
  }
  if (existing.status === consent.status && (consent.status === 'RET' || !policy.onayRenewal)) {
    return iysError('H174', { currentStatus: existing.status });
  }
  if (existing.consentDateMs !== undefined && consent.consentDateMs !== undefined) {
    const older = consent.consentDateMs < existing.consentDateMs;
    const equal = consent.consentDateMs === existing.consentDateMs;
    if (older || (equal && policy.equalConsentDateIsOlder)) return iysError('H178');
  }
  return null;
}

/**
 * Stores an accepted movement: it becomes the key's current record and is appended to the
 * movement log (history, pull, push all read it). The transactionId depends on the key and the
 * creation second only, so two movements for one key in one second share it, as on İYS.
 */
export function recordMovement(
  state: SimState,
  consent: NormalizedConsent,
  nowMs: number,
  origin: MovementOrigin,
  citizenName?: string,
): Movement {
  const creationMs = Math.floor(nowMs / 1000) * 1000;
  const creationDate = formatIysDate(new Date(creationMs));
  const key = consentKey(consent);
  const record: ConsentRecord = {
    ...consent,
    creationDate,
    creationMs,
    transactionId: transactionIdFor(key, creationDate),
  };
  state.consents.set(key, record);
  const movement: Movement = { ...record, seq: state.nextSeq++, origin };
  if (citizenName !== undefined) movement.citizenName = citizenName;
  state.movements.push(movement);
  return movement;
}
