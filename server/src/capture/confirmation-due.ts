// The A15 event: a capture that gave an ONAY asks the site owner's mailer for a non-promotional
// confirmation the same day (A15), as `capture.confirmation_due` beside `capture.recorded`.
import type { CaptureRecord, Movement } from '@izinli/core';
import type { WebhookEvent } from '../store/store.js';

/** The end of consentDate's day in Turkey time (fixed +03:00), as an ISO instant. */
export function sameDayDeadline(consentDate: string): string {
  return new Date(`${consentDate.slice(0, 10)}T23:59:59.999+03:00`).toISOString();
}

/** The `capture.confirmation_due` event of a capture whose `movements` include an ONAY. */
export function confirmationDueEvent(
  id: string,
  record: Pick<
    CaptureRecord,
    'captureId' | 'siteKey' | 'consentDate' | 'receivedAt' | 'recipientType' | 'person'
  >,
  movements: readonly Movement[],
): WebhookEvent {
  return {
    id,
    siteKey: record.siteKey,
    type: 'capture.confirmation_due',
    createdAt: record.receivedAt,
    payload: {
      captureId: record.captureId,
      siteKey: record.siteKey,
      consentDate: record.consentDate,
      dueBy: sameDayDeadline(record.consentDate),
      recipientType: record.recipientType,
      person: record.person,
      // The channels the person said yes to: where the confirmation may go.
      channels: movements.filter((m) => m.status === 'ONAY').map((m) => m.type),
    },
  };
}
