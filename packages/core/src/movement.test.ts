import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Movement, isMovementSettled, movementKey } from './movement.js';
import type { MovementKeyFields } from './movement.js';
import type { Problem } from './problem.js';
import { examplePendingMovement } from './site-config.fixture.js';
import { problemsFromZod } from './problem.js';

const pending: Movement = examplePendingMovement;

function problemsOf(input: unknown): Problem[] {
  const result = Movement.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : problemsFromZod(result.error, input);
}

describe('Movement', () => {
  it('parses a pending movement and a delivered one', () => {
    expect(Movement.parse(pending)).toEqual(pending);
    const delivered = {
      ...pending,
      state: 'delivered',
      attempts: 1,
      transactionId: '162cc155429fdccd7f2be8e9482aa322993ff210c2923fb84e8ed0fb1902ae21',
      creationDate: '2025-06-01 14:30:02',
    };
    expect(Movement.parse(delivered)).toEqual(delivered);
  });

  it.each([
    ['state', 'sent', ['state']],
    ['attempts', -1, ['attempts']],
    ['consentDate', '2025-06-01T14:30:00Z', ['consentDate']],
    ['creationDate', '01.06.2025', ['creationDate']],
    ['nextAttemptAt', 'yarın', ['nextAttemptAt']],
    ['iysCode', 0, ['iysCode']],
    ['source', 'IYS_WEB', ['source']],
  ])('refuses a bad %s at that field', (field, value, path) => {
    const [problem] = problemsOf({ ...pending, [field]: value });
    expect(problem).toMatchObject({ path, received: JSON.stringify(value) });
  });

  it('needs a lease while in flight, a transactionId once delivered and a reason once dead', () => {
    expect(problemsOf({ ...pending, state: 'in-flight' })[0]).toMatchObject({
      code: 'movement.leaseMissing',
      path: ['leaseUntil'],
    });
    expect(problemsOf({ ...pending, state: 'delivered' })[0]).toMatchObject({
      code: 'movement.transactionMissing',
      path: ['transactionId'],
    });
    expect(problemsOf({ ...pending, state: 'dead' })[0]).toMatchObject({
      code: 'movement.reasonMissing',
      path: ['lastError'],
    });
    const dead = { ...pending, state: 'dead', lastError: { code: 'H174', message: 'Aynı durum.' } };
    expect(Movement.safeParse(dead).success).toBe(true);
  });

  it('refuses a recipient that does not fit the channel', () => {
    expect(problemsOf({ ...pending, recipient: 'ayse@ornek.com.tr' })[0]).toMatchObject({
      code: 'movement.recipient',
      path: ['recipient'],
      expected: { en: 'an E.164 phone for MESAJ' },
    });
    expect(problemsOf({ ...pending, type: 'EPOSTA' })[0]).toMatchObject({
      code: 'movement.recipient',
      received: '"+905321234567"',
    });
    const email = { ...pending, type: 'EPOSTA', recipient: 'ayse@ornek.com.tr' };
    expect(Movement.safeParse(email).success).toBe(true);
  });

  it('refuses an HS_KARAR movement that is not a refusal (İYS H408)', () => {
    expect(problemsOf({ ...pending, source: 'HS_KARAR' })[0]).toMatchObject({
      code: 'movement.karar',
      path: ['status'],
    });
  });

  it('tells settled states from those still needing work', () => {
    expect(['pending', 'in-flight'].map((s) => isMovementSettled(s as never))).toEqual([
      false,
      false,
    ]);
    expect(
      ['delivered', 'already-current', 'dead'].every((s) => isMovementSettled(s as never)),
    ).toBe(true);
  });
});

describe('movementKey', () => {
  it('is built from iysCode, brandCode, recipientType, type and recipient', () => {
    expect(movementKey(pending)).toBe('100000:100000:BIREYSEL:MESAJ:+905321234567');
  });

  it('ignores status, dates and delivery state, so ONAY and a later RET share one queue', () => {
    expect(
      movementKey({ ...pending, status: 'RET', consentDate: '2025-06-02 10:00:00' } as Movement),
    ).toBe(movementKey(pending));
  });

  it('never gives two different keys the same string', () => {
    const fields = fc.record<MovementKeyFields>({
      iysCode: fc.integer({ min: 1 }),
      brandCode: fc.integer({ min: 1 }),
      recipientType: fc.constantFrom('BIREYSEL', 'TACIR'),
      type: fc.constantFrom('MESAJ', 'ARAMA', 'EPOSTA'),
      recipient: fc.string(),
    });
    fc.assert(
      fc.property(fields, fields, (a, b) => {
        const same =
          JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
        expect(movementKey(a) === movementKey(b)).toBe(same);
      }),
    );
  });
});
