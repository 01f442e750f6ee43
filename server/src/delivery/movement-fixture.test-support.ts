// One SMS ONAY movement in flight, for the delivery tests that judge a single movement: each
// gives the dates (and attempts) its case turns on.
import { Movement } from '@izinli/core';

/** The movement with `dates` (consentDate, nextAttemptAt, deadline, leaseUntil, attempts). */
export function inFlightMovement(dates: {
  consentDate: string;
  nextAttemptAt: string;
  deadline: string;
  leaseUntil: string;
  attempts?: number;
}): Movement {
  return Movement.parse({
    id: 'mv-1',
    captureId: '0b6f3c8e-8f39-4a36-9d55-2d3f1d2f8a10',
    iysCode: 100000,
    brandCode: 100000,
    recipientType: 'BIREYSEL',
    type: 'MESAJ',
    recipient: '+905321234567',
    status: 'ONAY',
    source: 'HS_WEB',
    state: 'in-flight',
    attempts: 0,
    ...dates,
  });
}
