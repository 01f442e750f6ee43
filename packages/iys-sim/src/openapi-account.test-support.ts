// Test support for the conformance tests: drawing the document's account-level examples (H520,
// H521, H524, H586, H525) by putting the demo account in the matching state. Not exported from
// the package.
import { DEMO_ACCOUNT } from './options.js';
import { notOurs, sendOp, withoutToken } from './openapi-conformance.test-support.js';
import type { Case, Fix, Operation } from './openapi-conformance.test-support.js';
import type { SimAccountState } from './subscription.js';

const IYS = DEMO_ACCOUNT.iysCode;

/** Sends the operation with the demo account in `state`. */
export function inState(op: Operation, state: SimAccountState, fixes: Fix[] = []): Case {
  return {
    async send(s) {
      const set = await s.send('put', `/__sim/accounts/${IYS}`, { body: { state } });
      if (set.status !== 200) throw new Error(`could not set ${state}: ${set.status}`);
      return sendOp(s, op);
    },
    fixes,
  };
}

/** The examples keep the placeholders of the table's sentence; the simulator fills them in. */
const filled = (code: string, message: string, why: string): Fix => ({
  why,
  apply(example) {
    for (const error of example.errors) if (error.code === code) error.message = message;
  },
});

export const H524_FILLED = filled(
  'H524',
  `${IYS} için ait abonelik kaydı bulunamadı`,
  "H524: {{iysCode}} filled in, the table's sentence (no final period)",
);
export const H520_FILLED = filled(
  'H520',
  'Abonelik durumu PAUSED iken sadece HS abonelik sorgulama servisine istek atılabilir.',
  'H520: {{PAUSED|EXPIRED}} and {{HS|Entegratör}} filled in for a paused HS account',
);

/** The four account examples most operations share, drawn. */
export function accountCases(op: Operation, paused = true): Record<string, Case> {
  return {
    '403 subscriptionStatusClosed': inState(op, 'closed'),
    '403 subscriptionNotFound': inState(op, 'no-subscription', [H524_FILLED]),
    ...(paused
      ? { '403 subscriptionStatusPausedOrExpired': inState(op, 'paused', [H520_FILLED]) }
      : {}),
    '403 packageControl': inState(op, 'no-api-package'),
  };
}

/**
 * The examples most operations on a brand share: no token, an iysCode or brandCode not the
 * account's (each with `fixes`), and the account's four.
 */
export function accessCases(op: Operation, fixes: Fix[] = [], paused = true): Record<string, Case> {
  return {
    '401 missingToken': withoutToken(op),
    '403 iysCodeNotMatched': notOurs(op, 'iysCode', fixes),
    '403 brandCodeNotMatched': notOurs(op, 'brandCode', fixes),
    ...accountCases(op, paused),
  };
}
