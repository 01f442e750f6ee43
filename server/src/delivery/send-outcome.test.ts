// How one İYS answer ends an attempt: the cases the simulator cannot easily produce.
import { IysError } from '@izinli/iys';
import { describe, expect, it } from 'vitest';
import { inFlightMovement } from './movement-fixture.test-support.js';
import { UNNAMED_REJECTION_ATTEMPTS, sendOutcome } from './send-outcome.js';

const NOW = new Date('2026-11-30T09:00:00.000Z');
const policy = { baseMs: 1000, maxMs: 300_000, random: () => 0.5 };
const movement = (attempts: number) =>
  inFlightMovement({
    consentDate: '2026-11-30 11:59:00',
    nextAttemptAt: NOW.toISOString(),
    deadline: '2026-12-03T09:00:00.000Z',
    leaseUntil: '2026-11-30T09:02:00.000Z',
    attempts,
  });
const rejected = (errors: { code: string; message: string }[]) => ({
  ok: false as const,
  error: new IysError({
    kind: 'rejected',
    status: 400,
    errors,
    operation: 'addConsent',
    sent: true,
  }),
});

describe('sendOutcome', () => {
  it('A18: dead-letters a 4xx İYS names with its code, at once', () => {
    const end = sendOutcome(
      movement(0),
      rejected([{ code: 'H120', message: 'Geçersiz' }]),
      policy,
      NOW,
    );
    expect(end.outcome).toMatchObject({ state: 'dead', error: { code: 'H120' } });
  });

  it('sends a 4xx without an İYS code again a few times, then dead-letters it', () => {
    const gateway = rejected([]);
    for (let attempts = 0; attempts < UNNAMED_REJECTION_ATTEMPTS - 1; attempts++) {
      const end = sendOutcome(movement(attempts), gateway, policy, NOW);
      expect(end.outcome.state, `attempt ${attempts + 1}`).toBe('pending');
      if (end.outcome.state === 'pending')
        expect(Date.parse(end.outcome.nextAttemptAt)).toBeGreaterThan(NOW.getTime());
    }
    const last = sendOutcome(movement(UNNAMED_REJECTION_ATTEMPTS - 1), gateway, policy, NOW);
    expect(last.outcome.state).toBe('dead');
  });

  it('dead-letters a rejection the client made itself (never sent) at once', () => {
    const local = {
      ok: false as const,
      error: new IysError({ kind: 'rejected', status: 0, operation: 'addConsent', sent: false }),
    };
    expect(sendOutcome(movement(0), local, policy, NOW).outcome.state).toBe('dead');
  });
});
