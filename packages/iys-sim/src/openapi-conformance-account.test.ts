// The subscription query and the five reconciliation (MUTABAKAT) operations against their
// examples in İYS's OpenAPI document 3.2.0, like `openapi-conformance.test.ts`: each example drawn
// (the account put in the state an error example needs) or excused with the reason.
import { describe, expect, it } from 'vitest';
import { accessCases, inState } from './openapi-account.test-support.js';
import {
  CHECKED_BELOW,
  NO_SERVER_FAILURE,
  PATHS,
  addOne,
  burst,
  checkExamples,
  echoed,
  expectLikeExample,
  logIn,
  notOurs,
  sendOp,
  session,
  tableWording,
  withoutToken,
} from './openapi-conformance.test-support.js';
import type { Case, Operation, Session } from './openapi-conformance.test-support.js';
import { requestExample, responseExample } from './openapi-examples.test-support.js';
import { DEMO_ACCOUNT } from './options.js';

const DAY = 86_400_000;

const NO_BRAND_IN_PATH = 'not drawable: this path has no brandCode';
const NO_H251 = 'not simulated: wrong credentials are refused at the token endpoint (OAuth shape)';
const NO_VIA = 'not simulated: ViA / ViA PASS packages and integrators (README, how it differs)';

/** Adds a consent on the session's day, then moves a day on (new token): that day is complete. */
async function dayWithMovement(s: Session): Promise<string> {
  expect((await s.send('post', PATHS.add, { body: addOne(s) })).status).toBe(200);
  s.sim.advance(DAY);
  await logIn(s);
  return '2025-10-15';
}

/** The cases every reconciliation operation shares. */
function reconciliationCases(op: Operation): Record<string, Case | string> {
  return {
    ...accessCases(op),
    '422 invalidDate': echoed(op, 'params'),
    '422 sevenDay': echoed(op, 'params'),
    '500 unexpectedError': NO_SERVER_FAILURE,
  };
}

describe('subscription (GET /sps/{iysCode}/subscription)', () => {
  const op: Operation = { method: 'get', path: PATHS.subscription };
  checkExamples(op, {
    '200 hsSubscriptionWithoutVia': CHECKED_BELOW,
    '200 hsSubscriptionWithVia': NO_VIA,
    '200 integratorSubscriptionWithoutVia': NO_VIA,
    '200 integratorSubscriptionWithVia': NO_VIA,
    '200 hsSubscriptionWithViaandViaPASS': NO_VIA,
    '200 hsSubscriptionWithOnlyViaPASS': NO_VIA,
    '401 missingToken': withoutToken(op),
    '401 invalidCredentials': NO_H251,
    '403 iysCodeNotMatched': notOurs(op, 'iysCode'),
    '403 brandCodeNotMatched': NO_BRAND_IN_PATH,
    '403 packageControl': inState(op, 'no-api-package'),
    '404 subscriptionNotFound': inState(op, 'no-subscription', [
      {
        why: 'H437 names the account asked about (the example: 1007)',
        apply(example) {
          example.errors[0]!.message = `IYS numarası:${DEMO_ACCOUNT.iysCode} ile abonelik bulunamadı.`;
        },
      },
    ]),
    '429 requestLimitExceeded': burst(op),
    '500 unexpectedError': NO_SERVER_FAILURE,
  });

  it('answers like "hsSubscriptionWithoutVia", the id under the prose\'s key subscriptionId', async () => {
    const s = await session();
    const example = responseExample(
      'get',
      PATHS.subscription,
      '200',
      'hsSubscriptionWithoutVia',
    ) as Record<string, unknown>;
    const { subscipritionId, ...rest } = example;
    expectLikeExample(
      await sendOp(s, op),
      '200',
      { ...rest, subscriptionId: subscipritionId },
      false,
    );
  });
});

/** Asked for a day with the provider's movements, `op` answers like its 200 example `name`. */
function answersLikeOnADay(op: Operation, name: string, exact: boolean) {
  it(`answers like "${name}" for a day with the provider's movements`, async () => {
    const s = await session();
    const reportDate = await dayWithMovement(s);
    const answer = await sendOp(s, op, { params: { reportDate } });
    expectLikeExample(answer, '200', responseExample(op.method, op.path, '200', name), exact);
  });
}

describe('reconciliation summary (GET …/changes/{reportDate}/recipients/{recipientType})', () => {
  const op: Operation = { method: 'get', path: PATHS.summary };
  checkExamples(op, {
    ...reconciliationCases(op),
    '200 changeSummarySample': CHECKED_BELOW,
    '422 invalidRecipientType': echoed(op, 'params', [
      tableWording('H116', 'the example words H116 unlike the table'),
    ]),
    '429 requestLimitExceeded': burst(op),
  });

  answersLikeOnADay(op, 'changeSummarySample', false);
});

describe('daily movement file (GET …/changes/{reportDate}/file)', () => {
  const op: Operation = { method: 'get', path: PATHS.file };
  checkExamples(op, { ...reconciliationCases(op), '429 requestRateExceeded': burst(op) });
});

describe('agreement (GET …/agreements/{reportDate})', () => {
  const op: Operation = { method: 'get', path: PATHS.agreement };
  checkExamples(op, {
    ...reconciliationCases(op),
    '200 agreementDateHashSample': CHECKED_BELOW,
    '429 requestLimitExceeded': burst(op),
  });

  it('answers like "agreementDateHashSample", with a 96-hex SHA-384', async () => {
    const s = await session();
    const reportDate = await dayWithMovement(s);
    const answer = await sendOp(s, op, { params: { reportDate } });
    const example = responseExample('get', PATHS.agreement, '200', 'agreementDateHashSample');
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body as object).sort()).toEqual(
      Object.keys(example as object).sort(),
    );
    expect(answer.body).toMatchObject({ processStatus: 'completed', hashMethod: 'SHA-384' });
    expect((answer.body as { hashValue: string }).hashValue).toMatch(/^[0-9a-f]{96}$/);
  });
});

describe('record the agreement (PUT …/agreements/{reportDate})', () => {
  const op: Operation = {
    method: 'put',
    path: PATHS.agreement,
    body: () => requestExample('put', PATHS.agreement, 'agremeentStatus'),
  };
  checkExamples(op, {
    ...reconciliationCases(op),
    '200 agreementCaptured': CHECKED_BELOW,
    '422 invalidStatus': {
      async send(s) {
        const reportDate = await dayWithMovement(s);
        return sendOp(s, op, { params: { reportDate }, body: { agreementStatus: false } });
      },
    },
    '429 requestRateExceeded': burst(op),
  });

  answersLikeOnADay(op, 'agreementCaptured', true);
});

describe('time stamp (GET …/agreements/{reportDate}/timestamp)', () => {
  const op: Operation = { method: 'get', path: PATHS.timestamp };
  checkExamples(op, { ...reconciliationCases(op), '429 requestRateExceeded': burst(op) });
});
