// Movements and mirror entries of the example brand for the delivery tests: one SMS ONAY in flight
// for the tests that judge a single movement, pending ones for the simulator's outbox, and what
// İYS holds for a key.
import { Movement, formatIysDate, movementKey } from '@izinli/core';
import type { Channel, ConsentStatus } from '@izinli/core';
import { examplePendingMovement } from '@izinli/core/fixtures';
import type { MirrorEntry } from '../store/store.js';

const BRAND = { iysCode: 100000, brandCode: 100000 };
const MINUTE = 60_000;

/** The movement with `dates` (consentDate, nextAttemptAt, deadline, leaseUntil, attempts). */
export function inFlightMovement(dates: {
  consentDate: string;
  nextAttemptAt: string;
  deadline: string;
  leaseUntil: string;
  attempts?: number;
}): Movement {
  return Movement.parse({
    ...examplePendingMovement,
    id: 'mv-1',
    captureId: '0b6f3c8e-8f39-4a36-9d55-2d3f1d2f8a10',
    state: 'in-flight',
    ...dates,
  });
}

/** A pending movement of the example brand from the site (HS_WEB), consented and due at `date`. */
export function pendingMovement(spec: {
  id: string;
  captureId: string;
  recipient: string;
  type?: Channel;
  status: ConsentStatus;
  date: Date;
  deadline: Date;
}): Movement {
  return Movement.parse({
    id: spec.id,
    captureId: spec.captureId,
    ...BRAND,
    recipientType: 'BIREYSEL',
    type: spec.type ?? 'MESAJ',
    recipient: spec.recipient,
    status: spec.status,
    consentDate: formatIysDate(spec.date),
    source: 'HS_WEB',
    state: 'pending',
    attempts: 0,
    nextAttemptAt: spec.date.toISOString(),
    deadline: spec.deadline.toISOString(),
  });
}

/**
 * The mirror's entry for what İYS holds on the MESAJ key of `m`: `status`, given `minutesAgo` on the
 * simulator's clock, from `source` (a citizen on İYS's own site by default).
 */
export function mirroredOnIys(
  sim: { now(): Date },
  m: Movement,
  status: ConsentStatus,
  minutesAgo: number,
  source: MirrorEntry['source'] = 'IYS_WEB',
): MirrorEntry {
  return {
    key: movementKey(m),
    ...BRAND,
    recipientType: 'BIREYSEL',
    type: 'MESAJ',
    recipient: m.recipient,
    status,
    consentDate: formatIysDate(new Date(sim.now().getTime() - minutesAgo * MINUTE)),
    source,
    updatedAt: sim.now().toISOString(),
  };
}
