import { z } from 'zod';
import { Channel, ConsentStatus, ProviderSource, RecipientType, addressKindOf } from './enums.js';
import { IysDateString } from './iys-date.js';
import { customIssue, defineProblemMessages, expecting } from './problem.js';
import type { Localized } from './problem.js';
import { recipientSchemaFor } from './recipient.js';

/**
 * Where an outbox movement is: `pending` (waiting for `nextAttemptAt`), `in-flight` (claimed by a
 * worker until `leaseUntil`), `delivered` (İYS accepted it), `already-current` (settled without
 * sending: İYS already holds this status, A18), `dead` (İYS would refuse or did, see `lastError`).
 */
export const MovementState = z.enum([
  'pending',
  'in-flight',
  'delivered',
  'already-current',
  'dead',
]);
export type MovementState = z.infer<typeof MovementState>;

/** States a movement never leaves. */
export const SETTLED_MOVEMENT_STATES: readonly MovementState[] = [
  'delivered',
  'already-current',
  'dead',
];

/** True once a movement needs no more work. */
export function isMovementSettled(state: MovementState): boolean {
  return SETTLED_MOVEMENT_STATES.includes(state);
}

const isoUtc = (what: Localized) =>
  z.iso.datetime({
    error: expecting({
      en: `${what.en} as an ISO 8601 UTC date-time ending in Z`,
      tr: `Z ile biten, ISO 8601 biçiminde bir UTC tarih ve saat olarak ${what.tr}`,
    }),
  });
const positiveCode = z.int().positive();

/**
 * One İYS permission change waiting in (or done with) the outbox: the İYS body fields (`recipient`
 * … `consentDate`, the İYS account and brand) plus the delivery bookkeeping. `deadline` is
 * `consentDate` + 3 business days (A8); `transactionId` and `creationDate` are İYS's answer.
 */
export const Movement = z
  .strictObject({
    id: z.string().min(1).max(64),
    captureId: z.uuid(),
    iysCode: positiveCode,
    brandCode: positiveCode,
    recipientType: RecipientType,
    type: Channel,
    recipient: z.string().min(1).max(265),
    status: ConsentStatus,
    consentDate: IysDateString,
    source: ProviderSource,
    state: MovementState,
    attempts: z.int().min(0),
    nextAttemptAt: isoUtc({ en: 'the next attempt time', tr: 'sonraki deneme zamanı' }),
    deadline: isoUtc({ en: 'the deadline', tr: 'son tarih' }),
    leaseUntil: isoUtc({ en: 'the lease end', tr: 'kiralama bitişi' }).optional(),
    transactionId: z.string().min(1).max(128).optional(),
    creationDate: IysDateString.optional(),
    lastError: z
      .strictObject({ code: z.string().min(1).max(40), message: z.string().max(2000) })
      .optional(),
  })
  .superRefine((m, ctx) => {
    const issue = (path: string, expected: Localized, code: string) =>
      ctx.addIssue(customIssue({ code, path: [path], expected }));
    const kind = addressKindOf(m.type);
    if (!recipientSchemaFor(m.type).safeParse(m.recipient).success) {
      issue(
        'recipient',
        kind === 'phone'
          ? { en: `an E.164 phone for ${m.type}`, tr: `${m.type} için E.164 biçiminde bir telefon` }
          : {
              en: 'an İYS e-mail address for EPOSTA',
              tr: 'EPOSTA için İYS’ye uygun bir e-posta adresi',
            },
        'movement.recipient',
      );
    }
    if (m.state === 'in-flight' && m.leaseUntil === undefined) {
      const expected = {
        en: 'a lease end while in flight',
        tr: 'gönderim sürerken bir kiralama bitişi',
      };
      issue('leaseUntil', expected, 'movement.leaseMissing');
    }
    if (m.state === 'delivered' && m.transactionId === undefined) {
      const expected = {
        en: 'İYS’s transactionId once delivered',
        tr: 'iletildikten sonra İYS’nin transactionId değeri',
      };
      issue('transactionId', expected, 'movement.transactionMissing');
    }
    if (m.state === 'dead' && m.lastError === undefined) {
      const expected = { en: 'the reason a movement is dead', tr: 'hareketin neden öldüğü' };
      issue('lastError', expected, 'movement.reasonMissing');
    }
    if (m.source === 'HS_KARAR' && m.status !== 'RET') {
      const expected = {
        en: 'RET: HS_KARAR only records a refusal (İYS H408)',
        tr: 'RET: HS_KARAR yalnızca ret kaydeder (İYS H408)',
      };
      issue('status', expected, 'movement.karar');
    }
  });
export type Movement = z.infer<typeof Movement>;

/** The fields that identify one İYS consent record (docs/iys.md#rules). */
export type MovementKeyFields = Pick<
  Movement,
  'iysCode' | 'brandCode' | 'recipientType' | 'type' | 'recipient'
>;

/**
 * The per-key ordering key: movements with the same key go to İYS one at a time, in consentDate
 * order. The recipient comes last and the other parts cannot hold `:`, so keys never collide.
 */
export function movementKey(m: MovementKeyFields): string {
  return `${m.iysCode}:${m.brandCode}:${m.recipientType}:${m.type}:${m.recipient}`;
}

defineProblemMessages({
  'movement.recipient': {
    tr: (p) => `kanala uygun bir alıcı bekleniyordu (${p.expected}); gelen ${p.received}`,
    en: (p) => `expected a recipient that fits the channel (${p.expected}); received ${p.received}`,
  },
});
