// What to do with a claimed movement before anything is sent (docs/architecture.md#delivery,
// A18): a movement İYS would refuse is settled or dead-lettered here, never sent.
import { checkConsentDate, movementKey, parseIysDate } from '@izinli/core';
import type { BusinessCalendar, Movement } from '@izinli/core';
import type { MovementOutcome } from '../store/ports/movement-store.js';
import type { MirrorEntry } from '../store/store.js';

/** Why a movement missed İYS's 3-business-day window (A8): the dead letter's code. */
export const DEADLINE_MISSED = 'deadline-missed';

/** The verdict: send it, or end the attempt with `outcome` (and, when settled, the mirror entry). */
export type PreValidation =
  { send: true } | { send: false; outcome: MovementOutcome; mirror?: MirrorEntry };

/** What a movement tells İYS: the consent, without the delivery's own bookkeeping. */
export function consentOf(m: Movement) {
  return {
    iysCode: m.iysCode,
    brandCode: m.brandCode,
    recipientType: m.recipientType,
    type: m.type,
    recipient: m.recipient,
    status: m.status,
    consentDate: m.consentDate,
    source: m.source,
  };
}

/** The mirror entry a movement leaves behind once İYS holds its status. */
export function mirrorEntryOf(m: Movement, now: Date): MirrorEntry {
  return { key: movementKey(m), ...consentOf(m), updatedAt: now.toISOString() };
}

/**
 * Checks `m` against the mirror (our view of İYS) and İYS's rules at `now`: same status → settled
 * `already-current` (H174); a newer record on İYS → dead (H178); a first-ever RET → settled (H175,
 * nothing to refuse); past the window → dead `deadline-missed` (H467); before 2015 → dead (H156);
 * in the future (clock skew) → retried once its date has come (H162). The window is counted on
 * `calendar`, İYS's with the config's extra holidays (`LoadedConfig.calendars.iys`).
 */
export function preValidate(
  m: Movement,
  mirror: MirrorEntry | undefined,
  now: Date,
  calendar: BusinessCalendar,
): PreValidation {
  if (mirror?.status === m.status) {
    const reason = { code: 'H174', message: `İYS already holds ${m.status} for this key` };
    return { send: false, outcome: { state: 'already-current', reason } };
  }
  if (mirror !== undefined && mirror.consentDate >= m.consentDate) {
    const error = {
      code: 'H178',
      message: `İYS holds a newer record (${mirror.status} of ${mirror.consentDate}); not sent`,
    };
    return { send: false, outcome: { state: 'dead', error } };
  }
  if (mirror === undefined && m.status === 'RET') {
    const reason = { code: 'H175', message: 'no ONAY on İYS to refuse; a first RET is not sent' };
    return { send: false, outcome: { state: 'already-current', reason } };
  }
  const date = parseIysDate(m.consentDate);
  if (!date.ok) {
    return {
      send: false,
      outcome: { state: 'dead', error: { code: 'H157', message: 'bad consentDate' } },
    };
  }
  const code = checkConsentDate(date.value, now, calendar);
  // HS_2015's one fixed date is exempt from the 3-day rule (docs/iys.md).
  if (code === 'H467' && m.source !== 'HS_2015') {
    const message = `not accepted by İYS within 3 business days of ${m.consentDate} (H467); deadline ${m.deadline}`;
    return { send: false, outcome: { state: 'dead', error: { code: DEADLINE_MISSED, message } } };
  }
  if (code === 'H156') {
    const error = { code, message: 'consentDate before 2015-05-01 (H156)' };
    return { send: false, outcome: { state: 'dead', error } };
  }
  if (code === 'H162') {
    const nextAttemptAt = new Date(date.value.getTime() + 1000).toISOString();
    const error = { code, message: 'consentDate is in the future; waiting for it (H162)' };
    return { send: false, outcome: { state: 'pending', nextAttemptAt, error } };
  }
  return { send: true };
}
